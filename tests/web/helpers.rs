//! `spawn_app`: the real server on a free port with a fresh database, and an
//! HTTP client that behaves like a browser without JavaScript (cookies, forms,
//! CSRF token taken from the page).

use std::{path::PathBuf, sync::Arc};

use lernregion::{config::Settings, db::Db, startup::Application};
use reqwest::{Method, StatusCode, header};
use scraper::{Html, Selector};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each test body once per backend: `both! { async fn name(app) { … } }`
/// expands to `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! both {
    ($( $(#[$meta:meta])* async fn $name:ident($app:ident) $body:block )*) => {
        mod sqlite {
            #[allow(unused_imports)]
            use super::*;
            $( $(#[$meta])* #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let $app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await;
                $body
            } )*
        }
        mod postgres {
            #[allow(unused_imports)]
            use super::*;
            $( $(#[$meta])* #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let $app = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await;
                $body
            } )*
        }
    };
}

pub const DEMO_PASSWORD: &str = "lernregion-demo";
pub const COORDINATOR: &str = "koordination@nordthueringen.example";
pub const ORG_ADMIN: &str = "personal@gothaer-fahrzeugtechnik.example";
pub const PROVIDER_ADMIN: &str = "kurse@technikum-nordthueringen.example";
pub const EMPLOYEE: &str = "anna.beck@example.org";
pub const APPLICANT: &str = "bewerbung@nordhaeuser-kabel.example";
pub const OTHER_COORDINATOR: &str = "koordination@owl.example";

pub fn postgres_admin_url() -> String {
    std::env::var("LERNREGION_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Removes the test database when the test ends, pass or fail.
enum DbGuard {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        match self {
            DbGuard::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            DbGuard::Postgres(name) => {
                // Drop runs inside the test's runtime; a plain thread with its
                // own runtime can still await the admin connection.
                let name = name.clone();
                let _ = std::thread::spawn(move || {
                    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    rt.block_on(async {
                        if let Ok(pool) = sqlx::PgPool::connect(&postgres_admin_url()).await {
                            let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                            let _ = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await;
                            pool.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub db: Db,
    /// The server's state, for what a timer does in production (digests).
    pub state: lernregion::state::AppState,
    pub backend: Backend,
    /// The default visitor: cookies on, redirects off so tests see them.
    pub client: Client,
    database_url: String,
    _guard: Arc<DbGuard>,
}

fn unique_name() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "lr_test_{}_{}_{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

async fn fresh_database(backend: Backend) -> (String, DbGuard) {
    let name = unique_name();
    match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            (
                format!("sqlite://{}", path.display()),
                DbGuard::Sqlite(path),
            )
        }
        Backend::Postgres => {
            let admin = postgres_admin_url();
            let pool = sqlx::PgPool::connect(&admin).await.unwrap_or_else(|e| {
                panic!(
                    "PostgreSQL tests need a server at {admin} (set LERNREGION_TEST_POSTGRES_URL; \
                     .ci/run starts one): {e}"
                )
            });
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
                .execute(&pool)
                .await
                .expect("create test database");
            pool.close().await;
            let mut url = url::Url::parse(&admin).expect("postgres url");
            url.set_path(&name);
            (url.to_string(), DbGuard::Postgres(name))
        }
    }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(backend: Backend, configure: impl FnOnce(&mut Settings)) -> TestApp {
    let (database_url, guard) = fresh_database(backend).await;
    start_node(backend, database_url, Arc::new(guard), configure).await
}

async fn start_node(
    backend: Backend,
    database_url: String,
    guard: Arc<DbGuard>,
    configure: impl FnOnce(&mut Settings),
) -> TestApp {
    let mut settings = Settings {
        bind: "127.0.0.1:0".parse().expect("addr"),
        database_url: database_url.clone(),
        secret_key: lernregion::config::Secret::new("test-secret-key-for-signing-csrf-tokens"),
        // Each test changes data and reads figures at once; the daily
        // reference date is tested on its own (privacy.rs).
        live_regional_figures: true,
        ..Settings::default()
    };
    configure(&mut settings);
    let app = Application::build(settings).await.expect("build app");
    let address = format!("http://{}", app.local_addr().expect("addr"));
    let state = app.state().clone();
    let db = state.db.clone();
    tokio::spawn(app.run_until(std::future::pending()));
    // As a load balancer would: no traffic before the node says it is ready.
    let probe = Client::new(&address);
    let mut ready = false;
    for _ in 0..200 {
        if probe.get("/readyz").await.status() == StatusCode::OK {
            ready = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(ready, "the node became ready (/readyz)");
    TestApp {
        client: Client::new(&address),
        address,
        db,
        state,
        backend,
        database_url,
        _guard: guard,
    }
}

impl TestApp {
    /// Loads the demo region (the same data `serve --demo` loads).
    pub async fn with_demo(self) -> Self {
        lernregion::demo::load(&self.db).await.expect("demo load");
        self
    }

    /// Another server node on the same database, as when a network runs
    /// several behind a load balancer.
    pub async fn second_node(&self) -> TestApp {
        start_node(
            self.backend,
            self.database_url.clone(),
            Arc::clone(&self._guard),
            |_| {},
        )
        .await
    }

    /// Another node on the same database with its own settings.
    pub async fn node_with(&self, configure: impl FnOnce(&mut Settings)) -> TestApp {
        start_node(
            self.backend,
            self.database_url.clone(),
            Arc::clone(&self._guard),
            configure,
        )
        .await
    }

    /// Waits until this node's search index holds the network's offerings,
    /// for data written behind its back (the demo loader, another node).
    pub async fn wait_searchable(&self, network: &'static str) {
        let published = self
            .scalar(
                "SELECT COUNT(*) FROM offerings o WHERE o.status = 'published' AND \
                 (SELECT MIN(m.network_id) FROM network_members m WHERE m.org_id = o.provider_id AND m.status = 'approved') \
                 = (SELECT id FROM networks WHERE slug = $1)",
                network,
            )
            .await;
        for _ in 0..200 {
            let r = self
                .client
                .get(&format!("/api/v1/networks/{network}/offerings"))
                .await;
            let v: serde_json::Value = r.json().await.expect("search json");
            if v["total"].as_i64().unwrap_or_default() == published {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the search index never caught up");
    }

    /// A second, independent visitor (own cookie jar).
    pub fn new_client(&self) -> Client {
        Client::new(&self.address)
    }

    /// A visitor already logged in.
    pub async fn logged_in(&self, email: &str, password: &str) -> Client {
        let c = self.new_client();
        let r = c.login(email, password).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "login of {email} failed");
        c
    }

    /// Mails sent to `to`, newest first: (subject, body).
    pub async fn mails_to(&self, to: &str) -> Vec<(String, String)> {
        let sql = "SELECT subject, body_text FROM mail_outbox WHERE to_addr = $1 ORDER BY id DESC";
        match &self.db {
            Db::Sqlite(p) => sqlx::query_as(sql).bind(to).fetch_all(p).await,
            Db::Postgres(p) => sqlx::query_as(sql).bind(to).fetch_all(p).await,
        }
        .expect("read outbox")
    }

    /// Runs one statement with one bound text value (to set up a state the
    /// interface cannot reach quickly, such as an hour gone by).
    pub async fn execute(&self, sql: &'static str, bind: &str) -> u64 {
        match &self.db {
            Db::Sqlite(p) => sqlx::query(sql)
                .bind(bind)
                .execute(p)
                .await
                .map(|r| r.rows_affected()),
            Db::Postgres(p) => sqlx::query(sql)
                .bind(bind)
                .execute(p)
                .await
                .map(|r| r.rows_affected()),
        }
        .expect("statement")
    }

    /// Makes every insert into `table` fail from now on, as a full disk or
    /// a broken constraint would, to prove that a use case keeps nothing of
    /// a unit of work that could not be completed.
    pub async fn refuse_inserts(&self, table: &'static str) {
        let sql = match self.backend {
            Backend::Sqlite => format!(
                "CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, '{table} unavailable'); END"
            ),
            Backend::Postgres => format!(
                "CREATE FUNCTION refuse_{table}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '{table} unavailable'; END $$ LANGUAGE plpgsql; \
                CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_{table}()"
            ),
        };
        self.execute_script(sql).await;
    }

    /// Undoes [`TestApp::refuse_inserts`].
    pub async fn allow_inserts(&self, table: &'static str) {
        let sql = match self.backend {
            Backend::Sqlite => format!("DROP TRIGGER refuse_{table}"),
            Backend::Postgres => {
                format!("DROP TRIGGER refuse_{table} ON {table}; DROP FUNCTION refuse_{table}()")
            }
        };
        self.execute_script(sql).await;
    }

    /// Runs SQL without parameters, several statements allowed.
    async fn execute_script(&self, sql: String) {
        let sql = sqlx::AssertSqlSafe(sql);
        match &self.db {
            Db::Sqlite(p) => sqlx::raw_sql(sql).execute(p).await.map(|_| ()),
            Db::Postgres(p) => sqlx::raw_sql(sql).execute(p).await.map(|_| ()),
        }
        .expect("script")
    }

    pub async fn scalar(&self, sql: &'static str, bind: &str) -> i64 {
        match &self.db {
            Db::Sqlite(p) => sqlx::query_scalar(sql).bind(bind).fetch_one(p).await,
            Db::Postgres(p) => sqlx::query_scalar(sql).bind(bind).fetch_one(p).await,
        }
        .expect("scalar query")
    }

    /// Registers an account and confirms it through the link in the mail.
    pub async fn register_confirmed(&self, name: &str, email: &str, password: &str) -> Client {
        let c = self.new_client();
        let r = c
            .post_form(
                "/konto/registrieren",
                &[
                    ("display_name", name),
                    ("email", email),
                    ("password", password),
                    ("password_confirm", password),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "registration of {email}");
        let link = self.link_in_last_mail(email).await;
        let r = c.get(&link).await;
        assert!(
            r.status().is_redirection() || r.status().is_success(),
            "confirmation {}",
            r.status()
        );
        let r = c.login(email, password).await;
        assert_eq!(
            r.status(),
            StatusCode::SEE_OTHER,
            "login after confirmation"
        );
        c
    }

    /// The path of the first link to this server in the newest mail to `to`.
    pub async fn link_in_last_mail(&self, to: &str) -> String {
        let mails = self.mails_to(to).await;
        let (_, body) = mails.first().unwrap_or_else(|| panic!("no mail to {to}"));
        link_in(body, &self.address).unwrap_or_else(|| panic!("no link in mail: {body}"))
    }
}

pub fn link_in(body: &str, address: &str) -> Option<String> {
    let start = body.find(address)?;
    let rest = &body[start + address.len()..];
    let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    Some(rest[..end].to_owned())
}

#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
}

impl Client {
    pub fn new(base: &str) -> Self {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            base: base.to_owned(),
            http,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.expect("GET")
    }

    /// GET and parse; returns status and document.
    pub async fn page(&self, path: &str) -> Page {
        let r = self.get(path).await;
        Page::from_response(r).await
    }

    /// The CSRF token the server puts on every page for this visitor.
    pub async fn csrf(&self) -> String {
        let page = self.page("/").await;
        page.csrf()
    }

    /// Submits a form like a browser: with this visitor's CSRF token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("_csrf", &token));
        self.post_raw(path, &all).await
    }

    /// Submits exactly these fields (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("POST")
    }

    /// Posts a file upload form (multipart, CSRF token in the query as the
    /// upload forms do) with extra text fields.
    pub async fn upload(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file_name: &str,
        content: &str,
    ) -> Page {
        Page::from_response(self.upload_with(path, fields, file_name, content).await).await
    }

    /// An upload whose answer is looked at as it is (a redirect, say).
    pub async fn upload_raw(
        &self,
        path: &str,
        file_name: &str,
        content: &str,
    ) -> reqwest::Response {
        self.upload_with(path, &[], file_name, content).await
    }

    async fn upload_with(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file_name: &str,
        content: &str,
    ) -> reqwest::Response {
        let token = self.csrf().await;
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        let part = reqwest::multipart::Part::bytes(content.as_bytes().to_vec())
            .file_name(file_name.to_owned());
        form = form.part("file", part);
        let sep = if path.contains('?') { '&' } else { '?' };
        self.http
            .post(self.url(&format!("{path}{sep}_csrf={token}")))
            .multipart(form)
            .send()
            .await
            .expect("upload")
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "/konto/anmelden",
            &[("email", email), ("password", password)],
        )
        .await
    }
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

pub struct Page {
    pub status: StatusCode,
    pub html: String,
    doc: Html,
}

impl Page {
    pub async fn from_response(r: reqwest::Response) -> Self {
        let status = r.status();
        let html = r.text().await.expect("body");
        let doc = Html::parse_document(&html);
        Self { status, html, doc }
    }

    pub fn select(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap_or_else(|_| panic!("bad selector {css}"));
        self.doc
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn attr(&self, css: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap_or_else(|_| panic!("bad selector {css}"));
        self.doc
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }

    /// Each matching row as its cells' texts (th and td).
    pub fn rows(&self, css: &str) -> Vec<Vec<String>> {
        let sel = Selector::parse(css).unwrap_or_else(|_| panic!("bad selector {css}"));
        let cell = Selector::parse("th, td").expect("selector");
        self.doc
            .select(&sel)
            .map(|row| {
                row.select(&cell)
                    .map(|c| {
                        c.text()
                            .collect::<String>()
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            })
            .collect()
    }

    /// (value, text) of the options of a select.
    pub fn options(&self, select: &str) -> Vec<(String, String)> {
        self.attr(&format!("{select} option"), "value")
            .into_iter()
            .zip(self.select(&format!("{select} option")))
            .collect()
    }

    pub fn text(&self, css: &str) -> String {
        self.select(css).join(" ")
    }

    pub fn has(&self, css: &str) -> bool {
        !self.select(css).is_empty() || !self.attr(css, "id").is_empty() || {
            let sel = Selector::parse(css).unwrap_or_else(|_| panic!("bad selector {css}"));
            self.doc.select(&sel).next().is_some()
        }
    }

    pub fn csrf(&self) -> String {
        let tokens = self.attr("input[name=_csrf]", "value");
        if let Some(t) = tokens.first() {
            return t.clone();
        }
        // Every page carries it for htmx in the body's hx-headers.
        let headers = self.attr("body", "hx-headers");
        let v: serde_json::Value =
            serde_json::from_str(headers.first().expect("hx-headers on body")).expect("json");
        v["x-csrf-token"].as_str().expect("token").to_owned()
    }

    /// The error summary's entries (WCAG error identification).
    pub fn errors(&self) -> Vec<String> {
        self.select(".error-summary li")
    }
}

/// GET a JSON answer: status, content type, body (panics on a body that is
/// not JSON).
pub async fn get_json(c: &Client, path: &str) -> (StatusCode, String, serde_json::Value) {
    let r = c.get(path).await;
    let status = r.status();
    let ct = r
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = r.text().await.expect("body");
    let v = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("GET {path}: not JSON ({e}): {text}"));
    (status, ct, v)
}

/// A JSON request with an optional bearer token.
pub async fn send_json(
    c: &Client,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> reqwest::Response {
    let mut rb = c
        .http
        .request(method, c.url(path))
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.to_owned());
    if let Some(t) = token {
        rb = rb.bearer_auth(t);
    }
    rb.send().await.expect("request")
}

/// Creates an API token the way a user does: log in, fill in the form on
/// /konto/api-tokens, read the token off the page that answers.
pub async fn create_token(app: &TestApp, email: &str, name: &str) -> String {
    let c = app.logged_in(email, DEMO_PASSWORD).await;
    token_via(&c, name).await
}

pub async fn token_via(c: &Client, name: &str) -> String {
    let r = c.post_form("/konto/api-tokens", &[("name", name)]).await;
    assert_eq!(r.status(), StatusCode::OK, "creating token {name}");
    let page = Page::from_response(r).await;
    let token = page.text("#new-token");
    assert!(token.len() >= 20, "token shown on the page: {token:?}");
    token
}
