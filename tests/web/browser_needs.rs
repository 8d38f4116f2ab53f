//! The competence needs analysis in a real browser: the self-assessment on a
//! phone with the keyboard only, what the employer sees before and after
//! consent, and the regional figures and framework at 1280 and 320 px.
//! Uses the headless-Chromium infrastructure of `browser.rs`; axe-core runs
//! on every page type.

use serde_json::{Value, json};
use thirtyfour::prelude::*;

use crate::{
    both,
    browser::{Browser, NETWORK, assert_accessible, assert_no_horizontal_scroll, str_of},
    helpers::*,
};

const GOTHA: &str = "Gothaer Fahrzeugtechnik GmbH";
const ANNA: &str = "Anna Beck";
const MARTINA: &str = "Martina Köhler";

async fn id_of(app: &TestApp, sql: &'static str, bind: &str) -> String {
    app.scalar(sql, bind).await.to_string()
}

async fn gotha_id(app: &TestApp) -> String {
    id_of(app, "SELECT id FROM organizations WHERE name = $1", GOTHA).await
}

async fn user_id(app: &TestApp, email: &str) -> String {
    id_of(app, "SELECT id FROM users WHERE email = $1", email).await
}

/// The competences of Anna's role: the steps of her self-assessment.
async fn competences_of_role(app: &TestApp, email: &str) -> usize {
    app.scalar(
        "SELECT COUNT(DISTINCT q.competence_id) FROM role_requirements q \
         JOIN employee_profiles p ON p.role_id = q.role_id JOIN users u ON u.id = p.user_id WHERE u.email = $1",
        email,
    )
    .await as usize
}

async fn self_assessments(app: &TestApp, email: &str) -> usize {
    app.scalar(
        "SELECT COUNT(*) FROM assessments a JOIN users u ON u.id = a.user_id WHERE u.email = $1 AND a.source = 'self'",
        email,
    )
    .await as usize
}

/// Logs in from the login page with the keyboard only; `next` is where the
/// login form sends the person afterwards (the page that asked for a login).
/// The value of the (only) progress bar in main.
async fn progress(b: &Browser) -> i64 {
    let v = b
        .js("const p = document.querySelector('main progress'); return p ? p.value : null")
        .await;
    let path = b.path().await;
    v.as_f64()
        .unwrap_or_else(|| panic!("no progress bar on {path}")) as i64
}

/// The competence the step page asks about (its hidden field).
async fn step_competence(b: &Browser) -> String {
    let v = b.js("const i = document.querySelector('form.step input[name=competence]'); return i ? i.value : null").await;
    str_of(&v).to_owned()
}

/// From the top of a step page to the first answer with Tab: skip link,
/// main, the breadcrumb link, (the error summary's link,) the radio group.
async fn tab_to_answers(b: &Browser, with_error: bool) {
    b.skip_to_main().await;
    b.tab_expect("main p.meta a[href='/meine-kompetenzen']")
        .await;
    if with_error {
        b.tab_expect(".error-summary a[href='#f-level']").await;
    }
    // Nothing chosen yet: Tab enters the group at its first radio.
    b.tab_expect("input#level-0[type=radio][name=level]").await;
    assert_eq!(
        b.js("return document.querySelectorAll('input[name=level]:checked').length")
            .await,
        json!(0)
    );
}

/// Chooses a level in the focused radio group: Space for the first, the
/// arrow key otherwise (each press moves and checks the next radio).
async fn choose_level(b: &Browser, level: u8) {
    b.assert_focus("input#level-0").await;
    if level == 0 {
        b.keys(Key::Space).await;
    } else {
        for _ in 0..level {
            b.keys(Key::Down).await;
        }
    }
    b.assert_focus(&format!("input#level-{level}")).await;
    let checked = b.js("const c = document.querySelector('input[name=level]:checked'); return c ? c.value : null").await;
    assert_eq!(
        checked,
        json!(level.to_string()),
        "level chosen with the keyboard"
    );
}

/// Whether the step page is laid out as expected: one fieldset whose legend
/// names the competence and explains it, five labelled radios, the buttons.
async fn assert_step_page(b: &Browser) {
    let v = b
        .js("const f = document.querySelector('form.step fieldset');
             const radios = Array.from(document.querySelectorAll('form.step input[type=radio][name=level]'));
             return {
               name: f ? f.querySelector('legend .step-name').textContent.trim() : '',
               plain: f ? f.querySelector('legend .step-plain').textContent.trim() : '',
               radios: radios.length,
               values: radios.map(r => r.value).join(','),
               labels: radios.filter(r => r.labels.length === 1 && r.labels[0].textContent.trim().length > 3).length,
               inside: radios.filter(r => f && f.contains(r)).length,
               submit: (document.querySelector('form.step button[type=submit]') || {}).textContent || '',
             };")
        .await;
    assert!(
        !str_of(&v["name"]).is_empty() && !str_of(&v["plain"]).is_empty(),
        "legend: {v}"
    );
    assert_eq!(v["radios"], json!(5), "{v}");
    assert_eq!(v["values"], json!("0,1,2,3,4"), "{v}");
    assert_eq!(v["labels"], json!(5), "every answer has its label: {v}");
    assert_eq!(
        v["inside"],
        json!(5),
        "the answers are grouped by the fieldset: {v}"
    );
    assert_eq!(str_of(&v["submit"]).trim(), "Weiter");
    assert_eq!(
        b.text("form.step .actions a[href*='?nach=']").await,
        "Überspringen"
    );
    assert_eq!(
        b.text("form.step .actions a[href='/meine-kompetenzen']")
            .await,
        "Pause machen – später weiter"
    );
}

/// The row of the employees table for `name`, as (cell texts, link hrefs).
async fn person_row(b: &Browser, name: &str) -> Value {
    let v = b
        .js_with(
            "const rows = Array.from(document.querySelectorAll('table[aria-labelledby=people] tbody tr'))
               .filter(r => r.querySelector('th').textContent.trim() === arguments[0]);
             return rows.map(r => ({
               consent: r.lastElementChild.textContent.trim(),
               links: Array.from(r.querySelectorAll('th a')).map(a => a.getAttribute('href')),
             }));",
            vec![json!(name)],
        )
        .await;
    let rows = v.as_array().cloned().unwrap_or_default();
    assert_eq!(
        rows.len(),
        1,
        "one row for {name} in the employees table: {v}"
    );
    rows[0].clone()
}

/// The rows of a table body as their cells' texts (th and td).
async fn rows(b: &Browser, table: &str) -> Vec<Vec<String>> {
    let v = b
        .js_with(
            "return Array.from(document.querySelectorAll(arguments[0] + ' tbody tr')).map(r =>
               Array.from(r.querySelectorAll('th, td')).map(c => c.textContent.replace(/\\s+/g, ' ').trim()))",
            vec![json!(table)],
        )
        .await;
    serde_json::from_value(v).expect("rows of strings")
}

/// The status the server answers for the current address (the browser
/// itself does not tell); a second GET, so only for pages that log nothing.
async fn status_of_current_page(b: &Browser) -> i64 {
    let v = b
        .driver
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(location.href, {credentials: 'same-origin'}).then(r => done(r.status)).catch(e => done(String(e)));",
            Vec::new(),
        )
        .await
        .expect("fetch the page again");
    let path = b.path().await;
    v.json()
        .as_i64()
        .unwrap_or_else(|| panic!("status of {path}: {}", v.json()))
}

/// Checks the server-drawn district map: an image with a name, and each
/// district a path with exactly one non-empty <title>.
async fn assert_district_map(b: &Browser, what: &str) {
    let v = b
        .js("const svg = document.querySelector('main svg.district-map');
             if (!svg) return null;
             const paths = Array.from(svg.querySelectorAll('path'));
             return {
               role: svg.getAttribute('role'),
               label: svg.getAttribute('aria-label') || '',
               paths: paths.length,
               titled: paths.filter(p => p.querySelectorAll('title').length === 1
                   && p.firstElementChild && p.firstElementChild.tagName.toLowerCase() === 'title'
                   && p.querySelector('title').textContent.trim().length > 0).length,
               titles: svg.querySelectorAll('title').length,
               names: paths.map(p => p.querySelector('title') ? p.querySelector('title').textContent.trim() : ''),
             };")
        .await;
    assert!(!v.is_null(), "no district map on {what}");
    assert_eq!(v["role"], json!("img"), "{what}: {v}");
    assert!(
        str_of(&v["label"]).len() > 5,
        "{what}: the map needs a name: {v}"
    );
    let paths = v["paths"].as_i64().unwrap_or_default();
    assert_eq!(paths, 6, "{what}: the six districts of Nordthüringen: {v}");
    assert_eq!(
        v["titled"],
        json!(paths),
        "{what}: every district path has one title: {v}"
    );
    assert_eq!(v["titles"], json!(paths), "{what}: no stray titles: {v}");
}

both! {
    async fn employee_assesses_on_a_phone_with_the_keyboard(app) {
        let app = app.with_demo().await;
        let org = gotha_id(&app).await;
        let total = competences_of_role(&app, EMPLOYEE).await;
        assert!(total >= 4, "Anna's role has {total} competences");
        assert_eq!(self_assessments(&app, EMPLOYEE).await, 0, "Anna starts without answers");
        let step_url = format!("/meine-kompetenzen/{org}/einschaetzung");

        let b = Browser::start(&app).await;
        b.driver.set_window_rect(0, 0, 360, 740).await.expect("window size");
        let width = b.js("return window.innerWidth").await;
        assert!(width.as_i64().is_some_and(|w| w <= 360), "window is {width} wide");

        // Her page asks for a login first and comes back after it.
        b.goto("/meine-kompetenzen").await;
        assert!(b.path().await.starts_with("/konto/anmelden"), "{}", b.path().await);
        assert_no_horizontal_scroll(&b, "login page on a phone").await;
        b.log_in_with_keyboard(EMPLOYEE).await;
        assert_eq!(b.path().await, "/meine-kompetenzen", "the login leads back to the page that asked for it");
        assert_eq!(b.text(&format!("h2#org-{org}")).await, GOTHA);
        assert_eq!(progress(&b).await, 0);
        assert_no_horizontal_scroll(&b, "my competences on a phone").await;
        assert_accessible(&b.driver, "my competences before the assessment").await;

        // Start with the button of her company.
        b.skip_to_main().await;
        b.tab_until(&format!("main a.button[href='{step_url}']"), 10).await;
        assert_eq!(b.js("return document.activeElement.textContent.trim()").await, json!("Selbsteinschätzung beginnen"));
        b.press_and_load(Key::Enter).await;
        assert_eq!(b.path().await, step_url);
        assert_step_page(&b).await;
        assert_eq!(progress(&b).await, 0);
        assert_no_horizontal_scroll(&b, "first step on a phone").await;
        assert_accessible(&b.driver, "first step of the self-assessment").await;

        // "Weiter" without an answer: an error summary read out as an alert,
        // the same question again, nothing stored.
        let first = step_competence(&b).await;
        b.skip_to_main().await;
        b.tab_until("form.step button[type=submit]", 4).await;
        b.press_and_load(Key::Enter).await;
        assert_eq!(b.path().await, step_url);
        assert_eq!(b.count(".error-summary[role=alert]").await, 1, "error summary");
        assert_eq!(b.texts(".error-summary li a").await, vec!["Bitte wählen Sie eine Antwort aus – oder überspringen Sie die Frage.".to_owned()]);
        assert_eq!(b.js("return document.getElementById('f-level').getAttribute('aria-describedby')").await, json!("f-level-error"));
        assert_eq!(step_competence(&b).await, first);
        assert_eq!(self_assessments(&app, EMPLOYEE).await, 0);
        assert_no_horizontal_scroll(&b, "step with an error on a phone").await;
        assert_accessible(&b.driver, "step with the error summary").await;
        // Read the console here: the 422 of this very page is expected, not an error.
        let errors = b.js_errors().await;
        assert!(errors.is_empty(), "JavaScript errors up to the error page: {errors:#?}");
        // The answer can be given right there.
        tab_to_answers(&b, true).await;
        choose_level(&b, 2).await;
        b.press_and_load(Key::Enter).await;
        assert_eq!(b.path().await, step_url, "Enter on a radio sends the form");
        assert_eq!(b.count(".error-summary").await, 0);
        assert_eq!(self_assessments(&app, EMPLOYEE).await, 1);
        assert_ne!(step_competence(&b).await, first, "the next question");

        let mut answered = 1;
        let mut last_progress = progress(&b).await;
        assert!(last_progress > 0, "progress rises after the first answer: {last_progress}");
        let (mut skipped, mut paused) = (false, false);
        // The question skipped last, until the next answer: then it comes back.
        let mut comes_back: Option<String> = None;
        let mut guard = 0;
        loop {
            guard += 1;
            assert!(guard <= total + 4, "the assessment must end after {total} answers");
            assert!(b.path().await.starts_with(&step_url), "{}", b.path().await);
            assert_step_page(&b).await;
            let competence = step_competence(&b).await;
            let here = progress(&b).await;
            assert!(here >= last_progress, "progress never falls: {last_progress} → {here}");

            // Once: skip the question with its link; it comes back later.
            if !skipped && total - answered >= 3 {
                skipped = true;
                b.skip_to_main().await;
                b.tab_until("form.step .actions a[href*='?nach=']", 12).await;
                assert_eq!(b.js("return document.activeElement.textContent.trim()").await, json!("Überspringen"));
                b.press_and_load(Key::Enter).await;
                assert_eq!(b.path().await, format!("{step_url}?nach={competence}"));
                comes_back = Some(competence.clone());
                assert_ne!(step_competence(&b).await, competence, "skipping shows another question");
                assert_eq!(progress(&b).await, here, "skipping answers nothing");
                assert_eq!(self_assessments(&app, EMPLOYEE).await, answered);
                assert_no_horizontal_scroll(&b, "skipped-to step on a phone").await;
                continue;
            }
            // Once: pause, back on her page, and resume from there.
            if !paused && answered >= 2 {
                paused = true;
                b.skip_to_main().await;
                b.tab_until("form.step .actions a[href='/meine-kompetenzen']", 12).await;
                assert_eq!(b.js("return document.activeElement.textContent.trim()").await, json!("Pause machen – später weiter"));
                b.press_and_load(Key::Enter).await;
                assert_eq!(b.path().await, "/meine-kompetenzen");
                assert_eq!(progress(&b).await, answered as i64, "her page counts the answers so far");
                assert_eq!(b.js("return document.querySelector('main progress').max").await.as_f64(), Some(total as f64));
                assert_no_horizontal_scroll(&b, "my competences during a pause").await;
                assert_accessible(&b.driver, "my competences during a pause").await;
                b.skip_to_main().await;
                b.tab_until(&format!("main a.button[href='{step_url}']"), 10).await;
                assert_eq!(b.js("return document.activeElement.textContent.trim()").await, json!("Weitermachen"));
                b.press_and_load(Key::Enter).await;
                assert_eq!(b.path().await, step_url);
                assert_eq!(progress(&b).await, here, "resuming keeps the progress");
                continue;
            }

            // Answer: Tab to the group, arrows (or Space), Enter.
            tab_to_answers(&b, false).await;
            choose_level(&b, (answered % 5) as u8).await;
            b.press_and_load(Key::Enter).await;
            answered += 1;
            assert_eq!(self_assessments(&app, EMPLOYEE).await, answered);
            if answered == total {
                break;
            }
            if let Some(skipped_one) = comes_back.take() {
                assert_eq!(step_competence(&b).await, skipped_one, "the skipped question comes back");
            }
            let now = progress(&b).await;
            assert!(now > here, "progress rises with each answer: {here} → {now}");
            last_progress = now;
        }
        assert!(skipped && paused, "skipped {skipped}, paused {paused}");

        // Done: back on her page with a notice and a full progress bar.
        assert_eq!(b.path().await, "/meine-kompetenzen?notice=notice-assessment-done");
        assert_eq!(b.text("main .notice[role=status]").await, "Geschafft! Ihre Selbsteinschätzung ist vollständig.");
        assert_eq!(progress(&b).await, total as i64);
        assert_no_horizontal_scroll(&b, "my competences after the assessment").await;
        assert_accessible(&b.driver, "my competences after the assessment").await;
        assert_eq!(self_assessments(&app, EMPLOYEE).await, total, "one self-assessment per competence of her role");
        assert_eq!(
            app.scalar(
                "SELECT COUNT(DISTINCT a.competence_id) FROM assessments a JOIN users u ON u.id = a.user_id WHERE u.email = $1 AND a.source = 'self'",
                EMPLOYEE,
            )
            .await as usize,
            total,
            "each competence answered once"
        );
        let errors = b.js_errors().await;
        assert!(errors.is_empty(), "JavaScript errors: {errors:#?}");
        b.quit().await;
    }

    async fn employer_sees_only_aggregates_until_consent(app) {
        let app = app.with_demo().await;
        let org = gotha_id(&app).await;
        let anna_id = user_id(&app, EMPLOYEE).await;
        let needs_url = format!("/organisationen/{org}/kompetenzbedarf");
        let person_url = format!("/organisationen/{org}/beschaeftigte/{anna_id}");
        let step_url = format!("/meine-kompetenzen/{org}/einschaetzung");

        // Anna answers the first question in her browser.
        let anna = Browser::start(&app).await;
        anna.goto("/konto/anmelden").await;
        anna.log_in_with_keyboard(EMPLOYEE).await;
        anna.goto(&step_url).await;
        let competence_name = anna.text("form.step legend .step-name").await;
        tab_to_answers(&anna, false).await;
        choose_level(&anna, 3).await;
        anna.press_and_load(Key::Enter).await;
        assert_eq!(self_assessments(&app, EMPLOYEE).await, 1);
        anna.goto("/meine-kompetenzen").await;
        assert!(anna.text("main").await.contains("Niemand außer Ihnen."), "nobody has read her answers yet");
        assert_eq!(anna.count("table[aria-labelledby=audit]").await, 0);

        // The HR admin in another browser: figures, but Anna's name is no link.
        let admin = Browser::start(&app).await;
        admin.goto("/konto/anmelden").await;
        admin.log_in_with_keyboard(ORG_ADMIN).await;
        admin.goto(&needs_url).await;
        assert_eq!(admin.text("h1").await, "Kompetenzbedarf");
        assert!(admin.count("table.heat tbody tr").await > 0, "heat table");
        assert!(admin.count("table.heat td.heat-hidden").await > 0, "small groups are hidden");
        let row = person_row(&admin, ANNA).await;
        assert_eq!(row["links"], json!([]), "no link to Anna without her consent: {row}");
        assert_eq!(row["consent"], json!("nur zusammengefasst"));
        assert_eq!(admin.count(&format!("a[href='{person_url}']")).await, 0);
        assert_accessible(&admin.driver, "company needs page").await;
        // Typing her address does not help.
        admin.goto(&person_url).await;
        assert_eq!(admin.text("h1 .status-code").await, "(403)");
        assert!(!admin.text("main").await.contains(&competence_name), "no answers on the error page");
        assert_eq!(status_of_current_page(&admin).await, 403);
        assert_accessible(&admin.driver, "403 page for a person who does not share").await;
        // The console is read on the 403 page itself, whose status is expected.
        let errors = admin.js_errors().await;
        assert!(errors.is_empty(), "JavaScript errors for the admin: {errors:#?}");
        admin.goto(&needs_url).await;

        // Anna ticks "share with my employer" with the keyboard and saves.
        let share = format!("#share-{org}");
        anna.skip_to_main().await;
        anna.tab_until(&share, 20).await;
        assert_eq!(anna.js("return document.activeElement.checked").await, json!(false));
        anna.keys(Key::Space).await;
        assert_eq!(anna.js("return document.activeElement.checked").await, json!(true));
        anna.tab_expect(&format!("#assess-{org}")).await;
        assert_eq!(anna.js("return document.activeElement.checked").await, json!(false));
        anna.tab_expect(&format!("form[action='/meine-kompetenzen/{org}/einwilligung'] button[type=submit]")).await;
        anna.press_and_load(Key::Enter).await;
        assert_eq!(anna.path().await, "/meine-kompetenzen?notice=notice-saved");
        assert_eq!(anna.js(&format!("return document.querySelector('{share}').checked")).await, json!(true));
        assert_eq!(anna.js(&format!("return document.querySelector('#assess-{org}').checked")).await, json!(false));
        assert_accessible(&anna.driver, "my competences after giving consent").await;

        // The admin reloads: now her name leads to her answers.
        admin.driver.refresh().await.expect("reload");
        admin.wait_loaded().await;
        assert_eq!(admin.path().await, needs_url);
        let row = person_row(&admin, ANNA).await;
        assert_eq!(row["links"], json!([person_url]), "{row}");
        assert_eq!(row["consent"], json!("teilt ihre Einschätzung"));
        assert_accessible(&admin.driver, "company needs page after Anna's consent").await;
        // Focus her link (the table has a form per person) and follow it with Enter.
        let link = admin.driver.find(By::Css(format!("table[aria-labelledby=people] a[href='{person_url}']"))).await.expect("link to Anna");
        link.focus().await.expect("focus the link");
        admin.assert_focus(&format!("a[href='{person_url}']")).await;
        admin.press_and_load(Key::Enter).await;
        assert_eq!(admin.path().await, person_url);
        assert_eq!(admin.text("h1").await, ANNA);
        // Date, competence, level, source: her own answer.
        let history = rows(&admin, "table[aria-labelledby=history]").await;
        assert_eq!(history.len(), 1, "her one answer: {history:?}");
        assert_eq!(history[0][1..], [competence_name.clone(), "3".to_owned(), "Selbsteinschätzung".to_owned()], "{history:?}");
        // Competence, target, actual, gap: the answered one has its level.
        let profile = rows(&admin, "table[aria-labelledby=gaps]").await;
        assert_eq!(profile.len(), competences_of_role(&app, EMPLOYEE).await, "target and actual per competence: {profile:?}");
        let answered: Vec<_> = profile.iter().filter(|r| r[2] != "–").collect();
        assert_eq!(answered.len(), 1, "{profile:?}");
        assert_eq!((answered[0][0].as_str(), answered[0][2].as_str()), (competence_name.as_str(), "3"), "{profile:?}");
        assert_accessible(&admin.driver, "Anna's page for her employer").await;

        // Anna sees who read her answers.
        anna.goto("/meine-kompetenzen").await;
        let audit = anna.texts("table[aria-labelledby=audit] tbody tr").await;
        assert_eq!(audit.len(), 1, "{audit:?}");
        assert!(audit[0].contains(MARTINA) && audit[0].contains(GOTHA) && audit[0].contains("hat Ihre Einschätzungen angesehen"), "{audit:?}");
        assert_accessible(&anna.driver, "my competences with the read log").await;

        for (b, who) in [(&anna, "Anna"), (&admin, "the admin")] {
            let errors = b.js_errors().await;
            assert!(errors.is_empty(), "JavaScript errors for {who}: {errors:#?}");
        }
        admin.quit().await;
        anna.quit().await;
    }

    async fn regional_needs_and_framework_pages_are_accessible(app) {
        let app = app.with_demo().await;
        let org = gotha_id(&app).await;
        let role = id_of(&app, "SELECT MIN(id) FROM job_roles WHERE org_id = CAST($1 AS BIGINT)", &org).await;
        let b = Browser::start(&app).await;
        let public = [
            (format!("{NETWORK}/bedarf"), "regional needs", true),
            (format!("{NETWORK}/bedarf?sector=25"), "regional needs of sector 25", true),
            (format!("{NETWORK}/kompetenzen"), "competence framework", false),
        ];
        let role_page = format!("/organisationen/{org}/rollen/{role}");
        let mut logged_in = false;
        for width in [1280, 320] {
            b.driver.set_window_rect(0, 0, width, 900).await.expect("window size");
            let inner = b.js("return window.innerWidth").await;
            assert!(inner.as_i64().is_some_and(|w| w <= i64::from(width)), "window is {inner} wide, wanted {width}");
            for (path, what, map) in &public {
                let what = format!("{what} at {width} px");
                b.goto(path).await;
                assert_eq!(b.path().await, *path);
                assert!(b.count("main h1").await == 1, "{what}");
                if *map {
                    assert!(b.count("table.heat tbody tr").await > 0, "{what}: the regional table");
                    assert_district_map(&b, &what).await;
                    if path.contains("sector=25") {
                        assert_eq!(b.js("return document.getElementById('f-sector').value").await, json!("25"), "{what}");
                    }
                } else {
                    assert!(b.count("main dl.competences dt").await >= 10, "{what}: the competences");
                }
                assert_no_horizontal_scroll(&b, &what).await;
                assert_accessible(&b.driver, &what).await;
                if width == 320 && *map && !path.contains('?') {
                    // The wide table scrolls inside its box, and a keyboard user can scroll it.
                    let wrap = "main .table-wrap[role=region][tabindex='0']:has(table.heat)";
                    assert!(
                        b.js_with("const w = document.querySelector(arguments[0]); return !!w && w.scrollWidth > w.clientWidth", vec![json!(wrap)]).await
                            == json!(true),
                        "{what}: the regional table scrolls inside its box"
                    );
                    b.skip_to_main().await;
                    b.tab_until(wrap, 12).await;
                    b.keys(Key::Right).await;
                    b.wait_for("the table to scroll with the arrow key", &format!("return document.querySelector(\"{wrap}\").scrollLeft > 0")).await;
                    assert_no_horizontal_scroll(&b, &format!("{what}, table scrolled")).await;
                }
            }
            if !logged_in {
                b.goto("/konto/anmelden").await;
                b.log_in_with_keyboard(ORG_ADMIN).await;
                logged_in = true;
            }
            let what = format!("role page at {width} px");
            b.goto(&role_page).await;
            assert_eq!(b.text("h1").await, "Maschinenbediener:in");
            assert!(b.count("table[aria-labelledby=requirements] tbody tr").await > 0, "{what}: requirements");
            assert_no_horizontal_scroll(&b, &what).await;
            assert_accessible(&b.driver, &what).await;
        }
        let errors = b.js_errors().await;
        assert!(errors.is_empty(), "JavaScript errors: {errors:#?}");
        b.quit().await;
    }
}
