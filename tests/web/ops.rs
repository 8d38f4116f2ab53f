//! Operations: health check, metrics, security headers, compression, static
//! assets, offline pages, body limits and error pages.

use std::collections::BTreeMap;

use reqwest::{StatusCode, header};

use crate::{both, helpers::*};

const NETWORK: &str = "/n/nordthueringen";

fn header_of(r: &reqwest::Response, name: impl header::AsHeaderName) -> String {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The samples of a Prometheus text exposition: `name{labels}` → value.
/// Panics on lines that are not valid exposition format.
fn parse_metrics(text: &str) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix('#') {
            let rest = rest.trim_start();
            assert!(
                rest.starts_with("HELP ") || rest.starts_with("TYPE "),
                "comment line: {line}"
            );
            if let Some(t) = rest.strip_prefix("TYPE ") {
                let kind = t.split_whitespace().nth(1).unwrap_or_default();
                assert!(
                    matches!(
                        kind,
                        "counter" | "gauge" | "histogram" | "summary" | "untyped"
                    ),
                    "{line}"
                );
            }
            continue;
        }
        let (series, value) = line
            .rsplit_once(' ')
            .unwrap_or_else(|| panic!("sample line: {line}"));
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            v => v.parse().unwrap_or_else(|_| panic!("value of {line}")),
        };
        let name_end = series.find('{').unwrap_or(series.len());
        let name = &series[..name_end];
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'),
            "metric name in {line}"
        );
        if name_end < series.len() {
            assert!(series.ends_with('}'), "labels in {line}");
        }
        assert!(
            out.insert(series.to_owned(), value).is_none(),
            "duplicate series {series}"
        );
    }
    out
}

async fn metrics(app: &TestApp) -> BTreeMap<String, f64> {
    let r = app.client.get("/metrics").await;
    assert_eq!(r.status(), StatusCode::OK);
    let ct = header_of(&r, header::CONTENT_TYPE);
    assert!(
        ct.starts_with("text/plain") && ct.contains("version=0.0.4"),
        "{ct}"
    );
    parse_metrics(&r.text().await.expect("body"))
}

fn requests(m: &BTreeMap<String, f64>, method: &str, route: &str, status: u16) -> f64 {
    m.get(&format!(
        r#"lernregion_http_requests_total{{method="{method}",route="{route}",status="{status}"}}"#
    ))
    .copied()
    .unwrap_or(0.0)
}

/// A response as raw bytes with the given Accept-Encoding.
async fn fetch(
    app: &TestApp,
    path: &str,
    accept_encoding: Option<&str>,
) -> (reqwest::header::HeaderMap, StatusCode, Vec<u8>) {
    let mut rb = app.client.http.get(app.client.url(path));
    if let Some(e) = accept_encoding {
        rb = rb.header(header::ACCEPT_ENCODING, e);
    }
    let r = rb.send().await.expect("GET");
    let headers = r.headers().clone();
    let status = r.status();
    (headers, status, r.bytes().await.expect("body").to_vec())
}

/// Pages a visitor, a partner and a coordinator see.
async fn sample_pages(app: &TestApp) -> Vec<(String, Client)> {
    let partner = app
        .scalar(
            "SELECT id FROM organizations WHERE name = $1",
            "Technikum Nordthüringen gGmbH",
        )
        .await;
    let gft = app
        .scalar(
            "SELECT id FROM organizations WHERE name = $1",
            "Gothaer Fahrzeugtechnik GmbH",
        )
        .await;
    let anon = app.new_client();
    let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
    let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
    let mut pages: Vec<(String, Client)> = [
        "/".to_owned(),
        NETWORK.to_owned(),
        format!("{NETWORK}/partner"),
        format!("{NETWORK}/partner/{partner}"),
        format!("{NETWORK}/karte"),
        "/datenquellen".to_owned(),
        "/api/v1/docs".to_owned(),
        "/konto/anmelden".to_owned(),
        "/konto/registrieren".to_owned(),
        "/konto/passwort-vergessen".to_owned(),
        "/gibt-es-nicht".to_owned(),
        format!("{NETWORK}/partner/abc"),
    ]
    .into_iter()
    .map(|p| (p, anon.clone()))
    .collect();
    for p in [
        "/konto",
        "/konto/api-tokens",
        "/organisationen",
        &format!("/organisationen/{gft}/profil"),
        &format!("{NETWORK}/beitreten"),
    ] {
        pages.push((p.to_owned(), admin.clone()));
    }
    pages.push((format!("{NETWORK}/koordination"), coordinator));
    pages
}

/// A POST over a bare connection, so that the test controls what is sent: the
/// head announces `len` bytes; the body follows only if `send_body` (while the
/// answer is read, so an early answer is seen, not a broken pipe). Returns the
/// status, the head and the body (as text) of the answer.
async fn raw_post(
    app: &TestApp,
    path: &str,
    content_type: &str,
    extra: &[(&str, &str)],
    len: usize,
    send_body: bool,
) -> (u16, String, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.address.trim_start_matches("http://").to_owned();
    let stream = tokio::net::TcpStream::connect(&host)
        .await
        .expect("connect");
    let (mut rd, mut wr) = stream.into_split();
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\nConnection: close\r\n"
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let writer = tokio::spawn(async move {
        if wr.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        if send_body {
            let chunk = vec![b'a'; 64 * 1024];
            let mut sent = 0;
            while sent < len {
                let n = chunk.len().min(len - sent);
                if wr.write_all(&chunk[..n]).await.is_err() {
                    return;
                }
                sent += n;
            }
        }
        // Keep the write half open until the answer has been read.
        tokio::time::sleep(std::time::Duration::from_secs(30)).await;
    });
    let mut buf = Vec::new();
    let read =
        tokio::time::timeout(std::time::Duration::from_secs(20), rd.read_to_end(&mut buf)).await;
    writer.abort();
    assert!(read.is_ok() || !buf.is_empty(), "no answer to POST {path}");
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("status line: {head}"));
    (status, head.to_owned(), body.to_owned())
}

fn csp_directives(csp: &str) -> BTreeMap<String, Vec<String>> {
    csp.split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

both! {
    async fn healthz_checks_the_database(app) {
        let r = app.client.get("/healthz").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.text().await.unwrap().trim(), "ok");
        // With the database gone, the check says so instead of claiming health.
        app.db.close().await;
        let r = app.client.get("/healthz").await;
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    }

    async fn metrics_count_requests_by_route_template(app) {
        let app = app.with_demo().await;
        let before = metrics(&app).await;
        assert!(before.keys().any(|k| k.starts_with("lernregion_uptime_seconds")), "{before:?}");
        let backend = match app.backend { Backend::Sqlite => "sqlite", Backend::Postgres => "postgres" };
        assert!(before.contains_key(&format!(r#"lernregion_uptime_seconds{{backend="{backend}"}}"#)), "{before:?}");

        for path in [NETWORK, "/n/owl", NETWORK, "/n/gibt-es-nicht", "/api/v1/districts/16062", "/api/v1/districts/99999", "/gibt/es/nicht", "/auch-nicht"] {
            app.client.get(path).await;
        }
        // A form post without its CSRF token is refused, and counted too.
        let r = app.new_client().post_raw("/konto/anmelden", &[("email", "x@example.org"), ("password", "x")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        let after = metrics(&app).await;
        let delta = |method: &str, route: &str, status: u16| requests(&after, method, route, status) - requests(&before, method, route, status);
        assert_eq!(delta("GET", "/n/{slug}", 200), 3.0, "{after:#?}");
        assert_eq!(delta("GET", "/n/{slug}", 404), 1.0);
        assert_eq!(delta("GET", "/api/v1/districts/{ags}", 200), 1.0);
        assert_eq!(delta("GET", "/api/v1/districts/{ags}", 404), 1.0);
        assert_eq!(delta("POST", "/konto/anmelden", 403), 1.0, "requests refused by middleware are counted: {after:#?}");
        // Paths that match no route share one label instead of one each.
        assert_eq!(delta("GET", "unmatched", 404), 2.0, "unknown paths are counted under one label: {after:#?}");
        // The previous /metrics request itself is counted.
        assert!(requests(&after, "GET", "/metrics", 200) >= 1.0);
        // Raw paths never become labels.
        for raw in ["/n/nordthueringen", "/n/owl", "/api/v1/districts/16062", "/gibt/es/nicht"] {
            assert!(!after.keys().any(|k| k.contains(&format!("route=\"{raw}\""))), "raw path {raw} as label");
        }

        // Latency histogram of the route: cumulative buckets, +Inf = count = requests.
        let labels = r#"method="GET",route="/n/{slug}""#;
        let count = after[&format!("lernregion_http_request_duration_seconds_count{{{labels}}}")];
        assert_eq!(count, requests(&after, "GET", "/n/{slug}", 200) + requests(&after, "GET", "/n/{slug}", 404));
        let sum = after[&format!("lernregion_http_request_duration_seconds_sum{{{labels}}}")];
        assert!(sum > 0.0 && sum < 60.0, "{sum}");
        let mut buckets: Vec<(f64, f64)> = after
            .iter()
            .filter_map(|(k, v)| {
                let rest = k.strip_prefix(&format!("lernregion_http_request_duration_seconds_bucket{{{labels},le=\""))?;
                let le = rest.strip_suffix("\"}")?;
                Some((if le == "+Inf" { f64::INFINITY } else { le.parse().ok()? }, *v))
            })
            .collect();
        buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(buckets.len() >= 5, "{buckets:?}");
        assert!(buckets.windows(2).all(|w| w[0].1 <= w[1].1), "cumulative: {buckets:?}");
        assert_eq!(buckets.last().map(|b| (b.0, b.1)), Some((f64::INFINITY, count)));
    }

    async fn pages_carry_security_headers_and_no_inline_script(app) {
        let app = app.with_demo().await;
        for (path, c) in sample_pages(&app).await {
            let r = c.get(&path).await;
            let status = r.status();
            assert!(status.is_success() || status.is_client_error(), "{path}: {status}");
            assert!(header_of(&r, header::CONTENT_TYPE).starts_with("text/html"), "{path}");
            let csp = header_of(&r, header::CONTENT_SECURITY_POLICY);
            let d = csp_directives(&csp);
            let script = d.get("script-src").or_else(|| d.get("default-src")).unwrap_or_else(|| panic!("{path}: no script policy in {csp:?}"));
            for unsafe_source in ["'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:"] {
                assert!(!script.iter().any(|s| s == unsafe_source), "{path}: script-src allows {unsafe_source}: {csp}");
            }
            assert_eq!(d.get("object-src").map(Vec::as_slice), Some(["'none'".to_owned()].as_slice()), "{path}: {csp}");
            let framing = d.get("frame-ancestors").is_some_and(|v| v == &["'none'"] || v == &["'self'"]);
            let xfo = header_of(&r, header::X_FRAME_OPTIONS).to_ascii_uppercase();
            assert!(framing || matches!(xfo.as_str(), "DENY" | "SAMEORIGIN"), "{path}: framing allowed");
            assert_eq!(header_of(&r, header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{path}");
            let referrer = header_of(&r, header::REFERRER_POLICY);
            assert!(
                matches!(referrer.as_str(), "no-referrer" | "same-origin" | "strict-origin" | "strict-origin-when-cross-origin"),
                "{path}: referrer policy {referrer:?}"
            );
            // The policy forbids inline script, so pages must not rely on it.
            let page = Page::from_response(r).await;
            let doc = scraper::Html::parse_document(&page.html);
            let all = scraper::Selector::parse("*").unwrap();
            for el in doc.select(&all) {
                if el.value().name() == "script" {
                    assert!(el.value().attr("src").is_some(), "{path}: inline <script>{}</script>", el.inner_html());
                }
                for (attr, _) in el.value().attrs() {
                    assert!(!attr.starts_with("on"), "{path}: inline event handler {attr} on <{}>", el.value().name());
                }
            }
        }
        // JSON answers carry them too.
        let r = app.client.get("/api/v1/networks").await;
        assert_eq!(header_of(&r, header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert!(!header_of(&r, header::CONTENT_SECURITY_POLICY).is_empty());
    }

    async fn html_css_and_json_are_compressed_on_request(app) {
        let app = app.with_demo().await;
        let home = app.client.page("/").await;
        let css = home.attr("link[rel=stylesheet]", "href");
        assert!(!css.is_empty());
        for path in [NETWORK.to_owned(), css[0].clone(), "/api/v1/districts".to_owned()] {
            let (plain_headers, status, plain) = fetch(&app, &path, None).await;
            assert_eq!(status, StatusCode::OK);
            assert!(plain_headers.get(header::CONTENT_ENCODING).is_none(), "{path}: compressed without being asked");
            let (headers, status, gz) = fetch(&app, &path, Some("gzip")).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(headers.get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()), Some("gzip"), "{path}");
            assert!(headers.get_all(header::VARY).iter().any(|v| v.to_str().unwrap_or_default().to_ascii_lowercase().contains("accept-encoding")), "{path}: Vary");
            assert_eq!(gz.get(..2), Some(&[0x1f, 0x8b][..]), "{path}: gzip magic number");
            assert!(gz.len() < plain.len(), "{path}: {} gzip bytes for {} plain", gz.len(), plain.len());
        }
    }

    async fn static_assets_are_hashed_and_cached_for_good(app) {
        let app = app.with_demo().await;
        let map = app.client.page(&format!("{NETWORK}/karte")).await;
        let mut assets = map.attr("link[rel=stylesheet]", "href");
        assets.extend(map.attr("script[src]", "src"));
        assert!(assets.len() >= 3, "{assets:?}");
        let mut css_url = None;
        for url in &assets {
            let parts: Vec<&str> = url.splitn(4, '/').collect();
            assert!(parts.len() == 4 && parts[1] == "static", "{url}");
            let hash = parts[2];
            assert!(hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "content hash in {url}");
            let r = app.client.get(url).await;
            assert_eq!(r.status(), StatusCode::OK, "{url}");
            let cache = header_of(&r, header::CACHE_CONTROL);
            assert!(cache.contains("immutable"), "{url}: {cache}");
            let max_age: u64 = cache.split(',').find_map(|d| d.trim().strip_prefix("max-age=")?.parse().ok()).unwrap_or(0);
            assert!(max_age >= 365 * 24 * 3600, "{url}: {cache}");
            let ct = header_of(&r, header::CONTENT_TYPE);
            if url.ends_with(".css") {
                assert!(ct.starts_with("text/css"), "{url}: {ct}");
                if url.ends_with("/css/app.css") {
                    css_url = Some((hash.to_owned(), url.clone()));
                }
            } else {
                assert!(ct.contains("javascript"), "{url}: {ct}");
            }
            assert!(!r.bytes().await.unwrap().is_empty(), "{url}");
        }
        let (hash, css) = css_url.expect("app.css on the page");
        // Pages themselves are revalidated, never cached for long.
        let r = app.client.get(NETWORK).await;
        assert!(!header_of(&r, header::CACHE_CONTROL).contains("immutable"));

        // An unknown hash or file is not found.
        let other_hash = if hash.starts_with('0') { "f".repeat(hash.len()) } else { "0".repeat(hash.len()) };
        let stale = css.replace(&hash, &other_hash);
        assert_eq!(app.client.get(&stale).await.status(), StatusCode::NOT_FOUND, "{stale}");
        for bad in [
            format!("/static/{hash}/css/gibt-es-nicht.css"),
            format!("/static/{hash}/..%2FCargo.toml"),
            format!("/static/{hash}/..%2F..%2Fsrc%2Fmain.rs"),
            format!("/static/{hash}/"),
            "/static/app.css".to_owned(),
        ] {
            let r = app.client.get(&bad).await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{bad}");
            assert!(!header_of(&r, header::CACHE_CONTROL).contains("immutable"), "{bad}: a 404 must not be cached for good");
        }
        // Images that a stylesheet references relatively arrive under the
        // stylesheet's hash; they load, but are not cached for good.
        let leaflet = assets.iter().find(|a| a.ends_with("/vendor/leaflet/leaflet.css")).expect("leaflet.css");
        let image = leaflet.replace("leaflet.css", "images/layers.png");
        let r = app.client.get(&image).await;
        assert_eq!(r.status(), StatusCode::OK, "{image}");
        assert!(header_of(&r, header::CONTENT_TYPE).starts_with("image/png"));
        assert!(!header_of(&r, header::CACHE_CONTROL).contains("immutable"));
    }

    async fn pages_load_nothing_from_other_sites(app) {
        let app = app.with_demo().await;
        let mut stylesheets = std::collections::BTreeSet::new();
        for (path, c) in sample_pages(&app).await {
            let page = c.page(&path).await;
            let mut refs: Vec<(String, String)> = Vec::new();
            for (sel, attr) in [("script[src]", "src"), ("link[href]", "href"), ("img[src]", "src"), ("iframe[src]", "src"),
                                ("source[src]", "src"), ("form[action]", "action"), ("[data-tiles]", "data-tiles")] {
                for v in page.attr(sel, attr) {
                    refs.push((sel.to_owned(), v));
                }
            }
            assert!(refs.iter().any(|(s, _)| s == "script[src]"), "{path}: no scripts found?");
            for (sel, v) in &refs {
                let lower = v.trim().to_ascii_lowercase();
                let external = lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//");
                assert!(!external || lower.starts_with(&app.address), "{path}: {sel} loads {v}");
                if sel == "link[href]" && v.ends_with(".css") {
                    stylesheets.insert(v.clone());
                }
            }
        }
        // Nor do the stylesheets (fonts, @import, background images).
        assert!(!stylesheets.is_empty());
        for css in stylesheets {
            let text = app.client.get(&css).await.text().await.unwrap();
            let compact: String = text.to_ascii_lowercase().split_whitespace().collect();
            for (i, _) in compact.match_indices("url(") {
                let target = compact[i + 4..].trim_start_matches(['"', '\'']);
                assert!(!(target.starts_with("http") || target.starts_with("//")), "{css}: {}", &compact[i..(i + 60).min(compact.len())]);
            }
            assert!(!compact.contains("@importurl(http") && !compact.contains("@import\"http"), "{css}");
        }
    }

    async fn a_huge_body_gets_a_413_page_not_a_crash(app) {
        let app = app.with_demo().await;
        // Far beyond the limit: refused on its Content-Length, before the body is read.
        let (status, headers, body) = raw_post(&app, "/konto/anmelden", "application/x-www-form-urlencoded", &[], 6 * 1024 * 1024, false).await;
        assert_eq!(status, 413, "{headers}");
        let h = headers.to_ascii_lowercase();
        assert!(h.contains("content-type: text/html"), "a page, not plain text: {headers}");
        assert!(h.contains("x-content-type-options: nosniff"), "error pages carry the security headers: {headers}");
        assert!(body.contains("lang=\"de\"") && body.contains("zu groß"), "{body}");

        // Within the server's overall limit but far beyond any form: read, then refused alike.
        let (status, headers, body) = raw_post(&app, "/konto/anmelden", "application/x-www-form-urlencoded", &[], 3 * 1024 * 1024, true).await;
        assert_eq!(status, 413, "3 MiB form: {headers}");
        assert!(body.contains("zu groß"), "{body}");

        // The API answers in JSON.
        let token_client = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let r = token_client.post_form("/konto/api-tokens", &[("name", "gross")]).await;
        let token = Page::from_response(r).await.text("#new-token");
        let gft = app.scalar("SELECT id FROM organizations WHERE name = $1", "Gothaer Fahrzeugtechnik GmbH").await;
        let auth = format!("Bearer {token}");
        let (status, headers, body) = raw_post(&app, &format!("/api/v1/organizations/{gft}"), "application/json",
            &[("Authorization", &auth)], 5 * 1024 * 1024, false).await;
        assert_eq!(status, 413, "{headers}");
        assert!(headers.to_ascii_lowercase().contains("content-type: application/problem+json"), "{headers}");
        assert!(body.contains("\"status\":413"), "{body}");

        // A refused body is counted like any other request.
        let m = metrics(&app).await;
        assert!(requests(&m, "POST", "/konto/anmelden", 413) >= 2.0, "{m:#?}");

        // And the server is fine afterwards.
        assert_eq!(app.client.get("/healthz").await.status(), StatusCode::OK);
        assert_eq!(app.new_client().login(EMPLOYEE, DEMO_PASSWORD).await.status(), StatusCode::SEE_OTHER);
    }

    async fn not_found_page_in_german_and_english(app) {
        let de = app.client.page("/gibt/es/nicht").await;
        assert_eq!(de.status, StatusCode::NOT_FOUND);
        assert_eq!(de.attr("html", "lang"), vec!["de".to_owned()]);
        assert!(de.text("h1").contains("Seite nicht gefunden"), "{}", de.text("h1"));
        assert!(de.text("main").contains("gibt es nicht"), "{}", de.text("main"));
        assert!(de.attr("main a", "href").contains(&"/".to_owned()), "a way back home");

        let r = app.client.http.get(app.client.url("/gibt/es/nicht")).header(header::ACCEPT_LANGUAGE, "en-US,en;q=0.9").send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert!(header_of(&r, header::CONTENT_TYPE).starts_with("text/html"));
        let en = Page::from_response(r).await;
        assert_eq!(en.attr("html", "lang"), vec!["en".to_owned()]);
        assert!(en.text("h1").contains("Page not found"), "{}", en.text("h1"));
        assert!(en.text("main").contains("does not exist"), "{}", en.text("main"));

        // The language switch is remembered for error pages too.
        let c = app.new_client();
        c.get("/sprache?lang=en&next=/").await;
        let p = c.page("/n/gibt-es-nicht").await;
        assert_eq!(p.status, StatusCode::NOT_FOUND);
        assert_eq!(p.attr("html", "lang"), vec!["en".to_owned()]);
        // A JSON client gets JSON for the same miss.
        let r = app.client.http.get(app.client.url("/gibt/es/nicht")).header(header::ACCEPT, "application/json").send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert!(header_of(&r, header::CONTENT_TYPE).starts_with("application/problem+json"));
    }
}
