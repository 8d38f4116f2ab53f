//! The site in a real browser: headless Chromium driven through chromedriver
//! (thirtyfour), with axe-core run on every page the tests visit.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`/usr/bin/chromium`,
//! `/usr/bin/chromedriver`; override with `CHROMIUM` / `CHROMEDRIVER`). The
//! tests fail, rather than skip, when they are missing.

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use serde_json::{Value, json};
use thirtyfour::{
    LoggingPrefsLogLevel, RequestData, SessionId, common::command::FormatRequestData, prelude::*,
};

use crate::{both, helpers::*};

pub(crate) const NETWORK: &str = "/n/nordthueringen";
const AXE: &str = include_str!("../vendor/axe.min.js");
/// How long to wait for something the page does on its own (htmx, Leaflet).
const PATIENCE: Duration = Duration::from_secs(15);

// ---- Browser process ---------------------------------------------------

/// A Chrome DevTools command through chromedriver's `goog/cdp/execute`
/// (thirtyfour's own `cdp` feature is off to keep its downloader out).
#[derive(Debug)]
struct Cdp(&'static str, Value);

impl FormatRequestData for Cdp {
    fn format_request(&self, session_id: &SessionId) -> RequestData {
        RequestData::new(
            reqwest::Method::POST,
            format!("/session/{session_id}/goog/cdp/execute"),
        )
        .add_body(json!({"cmd": self.0, "params": self.1}))
    }
}

/// chromedriver started by this test, and the browser profile folder; both
/// go away when the test ends, pass or fail.
struct DriverProcess {
    child: Child,
    profile: PathBuf,
}

impl Drop for DriverProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Starts chromedriver on a free port and waits until it answers; tries
/// another port if the first one was taken in the meantime.
async fn start_chromedriver(chromedriver: &str) -> (String, DriverProcess) {
    let http = reqwest::Client::new();
    for _attempt in 0..3 {
        let port = free_port();
        let profile = std::env::temp_dir().join(format!(
            "lr_chromium_{}_{port}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or_default()
        ));
        std::fs::create_dir_all(&profile).expect("profile folder");
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {chromedriver}: {e}"));
        let mut process = DriverProcess { child, profile };
        let server = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(r) = http.get(format!("{server}/status")).send().await
                && r.status().is_success()
            {
                return (server, process);
            }
            if matches!(process.child.try_wait(), Ok(Some(_))) {
                break; // exited, most likely the port was taken: next port
            }
            assert!(
                Instant::now() < deadline,
                "{chromedriver} did not answer on port {port} within 20 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    panic!("{chromedriver} exited right after starting, three times");
}

fn tool(var: &str, default: &str, package: &str) -> String {
    let path = std::env::var(var).unwrap_or_else(|_| default.to_owned());
    assert!(
        std::path::Path::new(&path).exists(),
        "browser tests need {path} (Debian: apt-get install -y chromium chromium-driver, \
         or set {var} to the {package} binary)"
    );
    path
}

/// A headless Chromium session on its own chromedriver, pointed at one app.
pub(crate) struct Browser {
    // Field order is drop order: the session ends before chromedriver dies.
    pub(crate) driver: WebDriver,
    base: String,
    _process: DriverProcess,
}

impl Browser {
    pub(crate) async fn start(app: &TestApp) -> Self {
        let chromedriver = tool("CHROMEDRIVER", "/usr/bin/chromedriver", "chromedriver");
        let chromium = tool("CHROMIUM", "/usr/bin/chromium", "chromium");
        let (server, process) = start_chromedriver(&chromedriver).await;

        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary(&chromium).expect("binary");
        for arg in [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ] {
            caps.add_arg(arg).expect("arg");
        }
        caps.add_arg(&format!("--user-data-dir={}", process.profile.display()))
            .expect("arg");
        caps.set_browser_log_level(LoggingPrefsLogLevel::All)
            .expect("log prefs");
        // A visitor from the region: German first, as the site's default.
        caps.add_experimental_option("prefs", json!({"intl.accept_languages": "de-DE,de"}))
            .expect("prefs");
        let driver = WebDriver::new(&server, caps).await.unwrap_or_else(|e| {
            panic!("no Chromium session from {chromedriver} with {chromium}: {e}")
        });
        driver
            .set_window_rect(0, 0, 1280, 900)
            .await
            .expect("window size");
        driver
            .set_script_timeout(Duration::from_secs(60))
            .await
            .expect("script timeout");
        Self {
            driver,
            base: app.address.clone(),
            _process: process,
        }
    }

    /// Ends the session politely (the drop fallback would block a thread).
    pub(crate) async fn quit(self) {
        let Browser {
            driver, _process, ..
        } = self;
        let _ = driver.quit().await;
        drop(_process);
    }

    /// Opens a path of the app and waits for the load event.
    pub(crate) async fn goto(&self, path: &str) {
        self.driver
            .goto(format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("open {path}: {e}"));
        self.wait_loaded().await;
    }

    pub(crate) async fn wait_loaded(&self) {
        self.wait_for(
            "the page to load",
            "return document.readyState === 'complete'",
        )
        .await;
    }

    /// The current path with query, e.g. `/konto/anmelden?notice=…`.
    pub(crate) async fn path(&self) -> String {
        let url = self.driver.current_url().await.expect("url");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    pub(crate) async fn js(&self, script: &str) -> Value {
        self.driver
            .execute(script, Vec::new())
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
            .json()
            .clone()
    }

    pub(crate) async fn js_with(&self, script: &str, args: Vec<Value>) -> Value {
        self.driver
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
            .json()
            .clone()
    }

    /// Polls a script until it returns true.
    pub(crate) async fn wait_for(&self, what: &str, script: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(r) = self.driver.execute(script, Vec::new()).await
                && r.json() == &Value::Bool(true)
            {
                return;
            }
            if Instant::now() > deadline {
                let log = self.driver.browser_log().await.unwrap_or_default();
                let log: Vec<_> = log
                    .into_iter()
                    .map(|e| format!("{} {}", e.level, e.message))
                    .collect();
                panic!(
                    "timed out waiting for {what} on {}; browser log: {log:#?}",
                    self.path().await
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Text content of all elements matching `css`, whitespace collapsed.
    pub(crate) async fn texts(&self, css: &str) -> Vec<String> {
        let v = self
            .js_with(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent.replace(/\\s+/g, ' ').trim())",
                vec![json!(css)],
            )
            .await;
        serde_json::from_value(v).expect("strings")
    }

    pub(crate) async fn text(&self, css: &str) -> String {
        self.texts(css).await.join(" ")
    }

    pub(crate) async fn count(&self, css: &str) -> usize {
        self.texts(css).await.len()
    }

    // ---- Keyboard ----

    /// Logs in on the login page with Tab, typing and Enter.
    pub(crate) async fn log_in_with_keyboard(&self, email: &str) {
        if !self.path().await.starts_with("/konto/anmelden") {
            self.goto("/konto/anmelden").await;
        }
        self.skip_to_main().await;
        self.tab_expect("#f-email").await;
        self.type_into("#f-email", email).await;
        self.tab_expect("#f-password").await;
        self.type_into("#f-password", crate::helpers::DEMO_PASSWORD)
            .await;
        self.press_and_load(Key::Enter).await;
        assert_eq!(
            self.count("header form[action='/konto/abmelden'] button")
                .await,
            1,
            "{email} is logged in ({})",
            self.path().await
        );
    }

    /// Presses keys wherever the focus is, like a person at the keyboard.
    pub(crate) async fn keys(&self, keys: impl Into<TypingData>) {
        self.driver
            .action_chain()
            .send_keys(keys)
            .perform()
            .await
            .expect("key press");
    }

    pub(crate) async fn tab(&self) {
        self.keys(Key::Tab).await;
    }

    /// What has focus: `tag#id`, `tag.class` or `tag[name]`, plus its text
    /// for links and buttons.
    pub(crate) async fn focused(&self) -> String {
        let v = self
            .js(
                "const e = document.activeElement; if (!e) return 'none';
                 let s = e.tagName.toLowerCase();
                 if (e.id) s += '#' + e.id;
                 else if (e.getAttribute('name')) s += '[name=' + e.getAttribute('name') + ']';
                 else if (e.classList.length) s += '.' + Array.from(e.classList).join('.');
                 if (e.tagName === 'A' || e.tagName === 'BUTTON') s += ' \"' + e.textContent.replace(/\\s+/g, ' ').trim() + '\"';
                 return s;",
            )
            .await;
        v.as_str().unwrap_or_default().to_owned()
    }

    /// Whether the focused element matches a CSS selector.
    pub(crate) async fn focus_is(&self, css: &str) -> bool {
        self.js_with(
            "return !!document.activeElement && document.activeElement.matches(arguments[0])",
            vec![json!(css)],
        )
        .await
            == Value::Bool(true)
    }

    pub(crate) async fn assert_focus(&self, css: &str) {
        if !self.focus_is(css).await {
            panic!(
                "focus should be on {css}, is on {} ({})",
                self.focused().await,
                self.path().await
            );
        }
    }

    /// Tab, then check where the focus went.
    pub(crate) async fn tab_expect(&self, css: &str) {
        self.tab().await;
        self.assert_focus(css).await;
    }

    /// Presses Tab until the focus is on `css` (at most `limit` times).
    pub(crate) async fn tab_until(&self, css: &str, limit: usize) {
        let mut seen = Vec::new();
        for _ in 0..limit {
            self.tab().await;
            if self.focus_is(css).await {
                return;
            }
            seen.push(self.focused().await);
        }
        panic!(
            "{css} not reached by Tab on {}; focus went through {seen:#?}",
            self.path().await
        );
    }

    /// Picks an option of the focused (closed) select with the arrow keys, as
    /// a keyboard user does; every step fires `change`.
    pub(crate) async fn choose_with_arrows(&self, select: &str, value: &str) {
        self.assert_focus(select).await;
        for _ in 0..120 {
            if self.js("return document.activeElement.value").await == value {
                return;
            }
            self.keys(Key::Down).await;
        }
        panic!("option {value} of {select} not reached with the arrow keys");
    }

    /// Picks an option of the focused select by typing the start of its label.
    pub(crate) async fn choose_by_typing(&self, select: &str, typed: &str, value: &str) {
        self.assert_focus(select).await;
        self.keys(typed).await;
        let got = self.js("return document.activeElement.value").await;
        assert_eq!(got, value, "typing {typed:?} in {select}");
    }

    /// Types into the focused field after checking it is the expected one.
    pub(crate) async fn type_into(&self, expected: &str, text: &str) {
        self.assert_focus(expected).await;
        self.keys(text).await;
    }

    /// Fresh page: the first Tab stop is the skip link, and Enter on it puts
    /// the focus on `main`.
    pub(crate) async fn skip_to_main(&self) {
        self.tab_expect("a.skip-link").await;
        self.keys(Key::Enter).await;
        self.assert_focus("main#main").await;
    }

    /// Presses a key and waits for the next page to load.
    pub(crate) async fn press_and_load(&self, key: Key) {
        let before = self
            .js("return window.__lr_page = (window.__lr_page || Math.random())")
            .await;
        self.keys(key).await;
        let deadline = Instant::now() + PATIENCE;
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if let Ok(r) = self
                .driver
                .execute(
                    "return [document.readyState, window.__lr_page || null]",
                    Vec::new(),
                )
                .await
            {
                let v = r.json();
                if v[0] == "complete" && v[1] != before {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "no new page after pressing a key on {}",
                self.path().await
            );
        }
    }

    /// Turns the page's own JavaScript off or on (WebDriver scripts still run).
    pub(crate) async fn page_scripts(&self, enabled: bool) {
        self.driver
            .cmd(Cdp(
                "Emulation.setScriptExecutionDisabled",
                json!({"value": !enabled}),
            ))
            .await
            .expect("Emulation.setScriptExecutionDisabled");
    }

    /// The JavaScript errors Chromium logged since the last call, and the
    /// warnings of the site's own scripts (map.js warns when it gives up).
    /// Not counted: a missing favicon, and the status of a page that is
    /// itself an error page (a form with errors answers 422).
    pub(crate) async fn js_errors(&self) -> Vec<String> {
        let page = self
            .driver
            .current_url()
            .await
            .map(|mut u| {
                u.set_fragment(None);
                u.to_string()
            })
            .unwrap_or_default();
        let entries = match self.driver.browser_log().await {
            Ok(entries) => entries,
            Err(e) => {
                eprintln!("browser log not available, skipping the console check: {e}");
                return Vec::new();
            }
        };
        entries
            .into_iter()
            .filter(|e| {
                e.level == "SEVERE" || (e.level == "WARNING" && e.message.contains("/static/"))
            })
            .map(|e| e.message)
            .filter(|m| {
                let failed_load = m.contains("Failed to load resource");
                !(failed_load
                    && (m.contains("/favicon.ico ") || m.starts_with(&format!("{page} "))))
            })
            .collect()
    }
}

// ---- Accessibility -----------------------------------------------------

/// Guards the guard: axe must actually be running and finding things.
pub(crate) async fn assert_axe_sees_problems(b: &Browser) {
    b.js("const i = document.createElement('input'); i.id = 'axe-canary'; document.body.appendChild(i);").await;
    let report = axe_report(&b.driver, "canary").await;
    b.js("document.getElementById('axe-canary').remove()").await;
    let report = report.expect("axe-core did not report an unlabelled input");
    assert!(
        report.contains("label") && report.contains("#axe-canary"),
        "{report}"
    );
}

/// Runs axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) on the current page and
/// fails with what to fix.
pub(crate) async fn assert_accessible(driver: &WebDriver, what: &str) {
    if let Some(report) = axe_report(driver, what).await {
        panic!("{report}");
    }
}

/// axe-core's violations on the current page, described for a person who
/// has to fix them; None when there are none.
async fn axe_report(driver: &WebDriver, what: &str) -> Option<String> {
    let has_axe = driver
        .execute("return typeof window.axe === 'object'", Vec::new())
        .await
        .expect("script");
    if has_axe.json() != &Value::Bool(true) {
        driver
            .execute(AXE, Vec::new())
            .await
            .unwrap_or_else(|e| panic!("inject axe-core on {what}: {e}"));
    }
    let r = driver
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
               .then(r => done({violations: r.violations.map(v => ({
                   id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
                   nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))}))}))
               .catch(e => done({error: String(e)}));",
            Vec::new(),
        )
        .await
        .unwrap_or_else(|e| panic!("axe-core on {what}: {e}"));
    let v = r.json();
    if let Some(err) = v.get("error") {
        panic!("axe-core failed on {what}: {err}");
    }
    let violations = v["violations"].as_array().cloned().unwrap_or_default();
    if violations.is_empty() {
        return None;
    }
    let url = driver
        .current_url()
        .await
        .map(|u| u.to_string())
        .unwrap_or_default();
    let mut report = format!(
        "{} accessibility violation(s) on {what} ({url}):\n",
        violations.len()
    );
    for v in &violations {
        report.push_str(&format!(
            "- {} [{}]: {} ({})\n",
            str_of(&v["id"]),
            str_of(&v["impact"]),
            str_of(&v["help"]),
            str_of(&v["url"])
        ));
        for n in v["nodes"].as_array().into_iter().flatten() {
            report.push_str(&format!("    at {}\n", str_of(&n["target"])));
            for line in str_of(&n["summary"]).lines() {
                report.push_str(&format!("       {line}\n"));
            }
        }
    }
    Some(report)
}

pub(crate) fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// No horizontal scrolling at the current window size (WCAG 1.4.10 Reflow).
pub(crate) async fn assert_no_horizontal_scroll(b: &Browser, what: &str) {
    let v = b
        .js("const d = document.documentElement;
             const wide = Array.from(document.querySelectorAll('body *'))
               .filter(e => e.getBoundingClientRect().right > d.clientWidth + 1)
               .filter(e => !e.closest('.table-wrap'))
               .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\\s+/g, '.') : ''));
             return {scroll: d.scrollWidth, client: d.clientWidth, wide: wide};")
        .await;
    let (scroll, client) = (
        v["scroll"].as_i64().unwrap_or(-1),
        v["client"].as_i64().unwrap_or(0),
    );
    assert!(
        scroll <= client,
        "{what} scrolls sideways: scrollWidth {scroll} > clientWidth {client}; too wide: {}",
        v["wide"]
    );
}

// ---- Tests -------------------------------------------------------------

both! {
    async fn keyboard_only_journey_from_registration_to_listed_partner(app) {
        let app = app.with_demo().await;
        let b = Browser::start(&app).await;
        let (name, email, password) = ("Lena Vogt", "lena.vogt@suedharz-lernwerkstatt.example", "Lernen-im-Suedharz-2026");
        let org = "Südharzer Lernwerkstatt GmbH";

        // Home: the skip link is the first Tab stop and lands on main.
        b.goto("/").await;
        assert_accessible(&b.driver, "home page").await;
        b.skip_to_main().await;
        // From the top again, through the header to "Registrieren".
        b.goto("/").await;
        b.tab_until("header a[href='/konto/registrieren']", 8).await;
        b.press_and_load(Key::Enter).await;

        // Registration, field by field with Tab, sent with Enter.
        assert_eq!(b.path().await, "/konto/registrieren");
        assert_accessible(&b.driver, "registration form").await;
        b.skip_to_main().await;
        b.tab_expect("#f-display_name").await;
        b.type_into("#f-display_name", name).await;
        b.tab_expect("#f-email").await;
        b.type_into("#f-email", email).await;
        b.tab_expect("#f-password").await;
        b.type_into("#f-password", password).await;
        b.tab_expect("#f-password_confirm").await;
        b.type_into("#f-password_confirm", password).await;
        b.press_and_load(Key::Enter).await;
        assert!(b.text("main [role=status]").await.contains(email), "check-your-mail page: {}", b.text("main").await);
        assert_accessible(&b.driver, "check-your-mail page").await;

        // The link from the outbox confirms and leads to the login.
        let link = app.link_in_last_mail(email).await;
        b.goto(&link).await;
        assert_eq!(b.path().await, "/konto/anmelden?notice=notice-confirmed");
        assert!(b.text("main .notice[role=status]").await.contains("bestätigt"));
        assert_accessible(&b.driver, "login page after confirmation").await;
        b.skip_to_main().await;
        b.tab_expect("#f-email").await;
        b.type_into("#f-email", email).await;
        b.tab_expect("#f-password").await;
        b.type_into("#f-password", password).await;
        b.press_and_load(Key::Enter).await;
        assert_eq!(b.count("header form[action='/konto/abmelden'] button").await, 1, "logged in");
        assert_eq!(b.path().await, "/start", "login leads to the start page");
        assert_accessible(&b.driver, "start page of someone in no network yet").await;

        // To a network (offered to discover) and its directory by keyboard.
        b.skip_to_main().await;
        b.tab_until(&format!("main a[href='{NETWORK}']"), 5).await;
        b.press_and_load(Key::Enter).await;
        assert_accessible(&b.driver, "network page").await;
        b.skip_to_main().await;
        b.tab_until(&format!("main a[href='{NETWORK}/partner']"), 5).await;
        b.press_and_load(Key::Enter).await;
        assert_eq!(b.path().await, format!("{NETWORK}/partner"));
        assert_accessible(&b.driver, "partner directory").await;
        let all = b.count("#results .card").await;
        assert!(all >= 35, "{all} partners");

        // Filter with the keyboard: htmx reloads the list as the kind changes.
        b.js("document.getElementById('results-status').dataset.probe = 'kept'").await;
        b.skip_to_main().await;
        b.tab_until("#f-q", 3).await;
        b.tab_expect("#f-kind").await;
        b.choose_with_arrows("#f-kind", "provider").await;
        b.wait_for(
            "htmx to show the five education providers",
            "return document.querySelectorAll('#results .card').length === 5
                && !document.querySelector('.htmx-request')
                && Array.from(document.querySelectorAll('#results .card')).every(c => c.textContent.includes('Bildungsanbieter'))",
        )
        .await;
        assert_eq!(b.text("#results-heading").await, "5 Partner gefunden");
        assert!(b.path().await.contains("kind=provider"), "htmx pushes the filter into the address: {}", b.path().await);
        b.assert_focus("#f-kind").await;
        // The count is announced through a live region that outlives the swap.
        assert_eq!(b.js("return document.getElementById('results-status').dataset.probe").await, "kept");
        assert_eq!(b.text("#results-status").await, "5 Partner gefunden");
        assert_accessible(&b.driver, "partner directory filtered by htmx").await;

        // The same form without JavaScript: the submit button does the work.
        b.page_scripts(false).await;
        b.goto(&format!("{NETWORK}/partner")).await;
        assert_eq!(b.js("return typeof window.htmx").await, "undefined");
        b.skip_to_main().await;
        b.tab_until("#f-q", 3).await;
        b.tab_expect("#f-kind").await;
        b.choose_with_arrows("#f-kind", "provider").await;
        b.tab_expect("#f-district").await;
        b.choose_with_arrows("#f-district", "16062").await;
        b.tab_expect("#f-sector").await;
        b.tab_expect("form.filters button[type=submit]").await;
        b.press_and_load(Key::Enter).await;
        let path = b.path().await;
        assert!(path.contains("kind=provider") && path.contains("district=16062"), "{path}");
        let cards = b.texts("#results .card").await;
        assert!(!cards.is_empty() && cards.len() < 5, "{cards:?}");
        assert!(cards.iter().all(|c| c.contains("Bildungsanbieter") && c.contains("Nordhausen")), "{cards:?}");
        // axe needs timers, so scripts go back on (the page stays as loaded).
        b.page_scripts(true).await;
        assert_accessible(&b.driver, "partner directory filtered without JavaScript").await;

        // Open the first partner.
        b.skip_to_main().await;
        b.tab_until("#results .card a", 12).await;
        let partner = b.js("return document.activeElement.textContent.trim()").await;
        b.press_and_load(Key::Enter).await;
        assert_eq!(b.text("h1").await, str_of(&partner));
        b.wait_for("the partner map", "return !!document.querySelector('#map.leaflet-container')").await;
        assert_accessible(&b.driver, "partner page").await;

        // Apply to join with a new organisation.
        b.goto(NETWORK).await;
        b.skip_to_main().await;
        b.tab_until(&format!("main a[href='{NETWORK}/beitreten']"), 12).await;
        b.press_and_load(Key::Enter).await;
        assert_accessible(&b.driver, "application form").await;
        b.skip_to_main().await;
        b.tab_until("#f-name", 3).await;
        b.type_into("#f-name", org).await;
        b.tab_expect("#f-kind").await;
        b.choose_with_arrows("#f-kind", "provider").await;
        b.tab_expect("#f-sector_code").await;
        b.choose_by_typing("#f-sector_code", "85", "85").await;
        b.tab_expect("#f-size_class").await;
        b.choose_with_arrows("#f-size_class", "micro").await;
        b.tab_expect("#f-description").await;
        b.type_into("#f-description", "Werkstattkurse für Metall und Elektro im Südharz.").await;
        b.tab_expect("#f-street").await;
        b.type_into("#f-street", "Grimmelallee 12").await;
        b.tab_expect("#f-postal_code").await;
        b.type_into("#f-postal_code", "99734").await;
        b.tab_expect("#f-city").await;
        b.type_into("#f-city", "Nordhausen").await;
        b.tab_expect("#f-website").await;
        b.type_into("#f-website", "https://suedharz-lernwerkstatt.example").await;
        b.tab_expect("#f-email").await;
        b.type_into("#f-email", "kontakt@suedharz-lernwerkstatt.example").await;
        b.tab_expect("#f-phone").await;
        b.type_into("#f-phone", "03631 123456").await;
        b.tab_expect("#f-application_text").await;
        b.type_into("#f-application_text", "Wir möchten Kurse im Verbund anbieten.").await;
        b.tab_expect("main form button[type=submit]").await;
        b.press_and_load(Key::Enter).await;
        assert!(b.path().await.ends_with("?notice=notice-applied"), "{}", b.path().await);
        assert!(b.text("main").await.contains(org), "{}", b.text("main").await);
        assert_accessible(&b.driver, "organisation page after applying").await;
        b.goto("/organisationen").await;
        assert!(b.text("main").await.contains(org));
        assert_accessible(&b.driver, "my organisations").await;

        // Log out with the button in the header.
        b.goto("/").await;
        b.tab_until("header form[action='/konto/abmelden'] button", 10).await;
        b.press_and_load(Key::Enter).await;
        assert_eq!(b.path().await, "/konto/anmelden?notice=notice-logged-out");
        assert_eq!(b.count("header a[href='/konto/anmelden']").await, 1);
        assert_accessible(&b.driver, "login page after logout").await;

        // The coordinator logs in and approves, with a message.
        b.skip_to_main().await;
        b.tab_expect("#f-email").await;
        b.type_into("#f-email", COORDINATOR).await;
        b.tab_expect("#f-password").await;
        b.type_into("#f-password", DEMO_PASSWORD).await;
        b.press_and_load(Key::Enter).await;
        b.goto(NETWORK).await;
        b.skip_to_main().await;
        b.tab_until(&format!("main a[href='{NETWORK}/koordination']"), 14).await;
        b.press_and_load(Key::Enter).await;
        assert_accessible(&b.driver, "coordination page").await;
        let id = app.scalar("SELECT id FROM organizations WHERE name = $1", org).await;
        let message = "Willkommen im Verbund, wir melden uns zum Auftakttreffen.";
        b.skip_to_main().await;
        b.tab_until(&format!("#f-message-{id}"), 30).await;
        b.type_into(&format!("#f-message-{id}"), message).await;
        b.tab_expect("button[name=decision][value=approve]").await;
        assert_eq!(b.js("return document.activeElement.textContent.trim()").await, format!("{org} aufnehmen"));
        b.press_and_load(Key::Enter).await;
        assert_eq!(b.path().await, format!("{NETWORK}/koordination?notice=notice-decided"));
        assert!(!b.text("main").await.contains(org), "no longer pending");
        assert_accessible(&b.driver, "coordination page after the decision").await;
        let mails = app.mails_to(email).await;
        assert!(mails.first().is_some_and(|(_, body)| body.contains(message)), "{mails:?}");

        // The new partner is in the directory: found by typing its name.
        b.goto(&format!("{NETWORK}/partner")).await;
        assert_eq!(b.count("#results .card").await, all + 1);
        b.skip_to_main().await;
        b.tab_until("#f-q", 3).await;
        b.type_into("#f-q", "Lernwerkstatt").await;
        b.wait_for(
            "htmx to find the new partner",
            "return document.querySelectorAll('#results .card').length === 1 && !document.querySelector('.htmx-request')",
        )
        .await;
        assert_eq!(b.texts("#results .card h3").await, vec![org.to_owned()]);
        assert_accessible(&b.driver, "partner directory with the new partner").await;
        let errors = b.js_errors().await;
        assert!(errors.is_empty(), "JavaScript errors along the way: {errors:#?}");
        b.quit().await;
    }

    async fn small_screen_needs_no_sideways_scrolling(app) {
        let app = app.with_demo().await;
        let b = Browser::start(&app).await;
        b.driver.set_window_rect(0, 0, 320, 640).await.expect("window size");
        let width = b.js("return window.innerWidth").await;
        assert!(width.as_i64().is_some_and(|w| w <= 320), "window is {width} wide");
        for (path, what) in [("/", "home page"), (&format!("{NETWORK}/partner") as &str, "partner directory")] {
            b.goto(path).await;
            assert_no_horizontal_scroll(&b, what).await;
            assert_accessible(&b.driver, &format!("{what} at 320 px")).await;
        }
        // Wide tables scroll inside their own box, which the keyboard reaches.
        for (path, what) in [("/datenquellen", "data sources"), ("/api/v1/docs", "API documentation"), (&format!("{NETWORK}/karte") as &str, "network map")] {
            b.goto(path).await;
            assert_accessible(&b.driver, &format!("{what} at 320 px")).await;
        }
        b.goto("/konto/anmelden").await;
        b.log_in_with_keyboard(EMPLOYEE).await;
        b.goto("/konto/sicherheit").await;
        assert_accessible(&b.driver, "password and sessions at 320 px").await;
        b.quit().await;
    }

    async fn language_switch_in_the_header_sticks(app) {
        let app = app.with_demo().await;
        let b = Browser::start(&app).await;
        b.goto(NETWORK).await;
        assert_eq!(b.js("return document.documentElement.lang").await, "de");
        assert_accessible(&b.driver, "network page (German)").await;
        let nav = b.texts("header nav a, header nav button").await;
        assert!(nav.contains(&"Netzwerke".to_owned()) && nav.contains(&"Anmelden".to_owned()), "{nav:?}");

        // The switch is a link in the header, marked as English.
        let switch = b.driver.find(By::Css("header a[hreflang=en]")).await.expect("English link in the header");
        assert_eq!(switch.attr("lang").await.expect("attr").as_deref(), Some("en"));
        assert_eq!(switch.text().await.expect("text"), "English");
        switch.click().await.expect("click");
        b.wait_for("English page", "return document.documentElement.lang === 'en'").await;
        b.wait_loaded().await;
        assert_eq!(b.path().await, NETWORK, "the switch returns to the page it was used on");
        let nav = b.texts("header nav a, header nav button").await;
        for t in ["Networks", "Log in", "Create account", "Deutsch"] {
            assert!(nav.contains(&t.to_owned()), "{t} missing in {nav:?}");
        }
        assert_eq!(b.text("a.skip-link").await, "Skip to main content");
        assert_accessible(&b.driver, "network page (English)").await;

        // It sticks: following links keeps English.
        b.driver.find(By::Css(format!("main a[href='{NETWORK}/partner']"))).await.expect("directory link").click().await.expect("click");
        b.wait_for("directory", &format!("return location.pathname === '{NETWORK}/partner' && document.readyState === 'complete'")).await;
        assert_eq!(b.js("return document.documentElement.lang").await, "en");
        assert!(b.text("#results-heading").await.contains("partners found"), "{}", b.text("#results-heading").await);
        assert_accessible(&b.driver, "partner directory (English)").await;
        b.goto("/konto/anmelden").await;
        assert_eq!(b.js("return document.documentElement.lang").await, "en");
        assert_eq!(b.text("h1").await, "Log in");
        assert_accessible(&b.driver, "login page (English)").await;

        // And back to German, marked as such.
        let back = b.driver.find(By::Css("header a[hreflang=de]")).await.expect("German link in the header");
        assert_eq!(back.attr("lang").await.expect("attr").as_deref(), Some("de"));
        back.click().await.expect("click");
        b.wait_for("German page", "return document.documentElement.lang === 'de'").await;
        b.wait_loaded().await;
        assert_eq!(b.path().await, "/konto/anmelden");
        assert_eq!(b.text("h1").await, "Anmelden");
        assert_accessible(&b.driver, "login page (German again)").await;
        b.goto("/").await;
        assert_eq!(b.js("return document.documentElement.lang").await, "de");
        assert_accessible(&b.driver, "home page (German)").await;
        let errors = b.js_errors().await;
        assert!(errors.is_empty(), "JavaScript errors: {errors:#?}");
        b.quit().await;
    }

    async fn map_draws_with_leaflet_and_keeps_its_tables(app) {
        let app = app.with_demo().await;
        let b = Browser::start(&app).await;
        b.goto(&format!("{NETWORK}/karte")).await;
        b.wait_for(
            "Leaflet to draw districts and markers",
            "return !!document.querySelector('#map.leaflet-container')
                && document.querySelectorAll('#map path.leaflet-interactive').length >= 6
                && document.querySelectorAll('#map .leaflet-marker-icon').length > 0",
        )
        .await;
        // Six districts; every partner with coordinates sits in a marker or a cluster.
        assert_eq!(b.count("#map path.leaflet-interactive").await, 6);
        let markers = b.count("#map .leaflet-marker-icon").await;
        assert!(markers >= 1, "{markers} marker icons");
        // The tables that carry the same information are untouched.
        assert_eq!(b.count("table[aria-labelledby=districts-heading] tbody tr").await, 6);
        let rows = b.count("table[aria-labelledby=partners-heading] tbody tr").await;
        assert!(rows >= 35, "{rows} partner rows");
        let errors = b.js_errors().await;
        assert!(errors.is_empty(), "JavaScript errors on the map page: {errors:#?}");
        assert_axe_sees_problems(&b).await;
        assert_accessible(&b.driver, "network map after Leaflet has drawn").await;
        b.quit().await;
    }

    async fn form_errors_are_announced_and_lead_to_the_field(app) {
        let app = app.with_demo().await;
        let b = Browser::start(&app).await;
        b.goto("/konto/registrieren").await;
        assert_accessible(&b.driver, "registration form").await;
        b.skip_to_main().await;
        b.tab_expect("#f-display_name").await;
        b.press_and_load(Key::Enter).await;
        assert_eq!(b.path().await, "/konto/registrieren");
        // The summary is an alert, so screen readers read it out on load.
        let summary = b.texts(".error-summary[role=alert] li a").await;
        assert!(summary.len() >= 3, "error summary: {summary:?}");
        assert_eq!(b.count("[aria-invalid=true]").await, summary.len());
        assert_accessible(&b.driver, "registration form with errors").await;
        // Each summary entry leads to its field, which names its error.
        b.skip_to_main().await;
        b.tab_expect(".error-summary a[href='#f-display_name']").await;
        b.keys(Key::Enter).await;
        b.assert_focus("#f-display_name").await;
        let described = b
            .js("const f = document.activeElement;
                 return (f.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
                   .map(id => document.getElementById(id)).filter(Boolean).map(e => e.textContent.trim()).join(' ')")
            .await;
        assert!(!str_of(&described).is_empty(), "the field does not point to its error message");
        let errors = b.js_errors().await;
        assert!(errors.is_empty(), "JavaScript errors: {errors:#?}");
        b.quit().await;
    }

}
