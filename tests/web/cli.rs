//! The command line as an operator uses it: the real binary on temporary
//! SQLite files (and one fresh PostgreSQL database for `migrate`).

use std::{
    path::{Path, PathBuf},
    process::Stdio,
    time::Duration,
};

use reqwest::StatusCode;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::helpers::*;

const BIN: &str = env!("CARGO_BIN_EXE_lernregion");

/// A scratch directory, removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Self {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        let dir = std::env::temp_dir().join(format!(
            "lr_cli_{tag}_{}_{}_{nanos}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Self(dir)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
    fn url(&self, name: &str) -> String {
        format!("sqlite://{}", self.path(name).display())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Output {
    success: bool,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// The binary with a clean environment: no LERNREGION_* from the caller,
/// quiet logs, working directory in the scratch dir (so a forgotten
/// --database-url would not touch the repository).
fn command(dir: &Scratch, args: &[&str], env: &[(&str, &str)]) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(BIN);
    for (k, _) in std::env::vars() {
        if k.starts_with("LERNREGION_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("RUST_LOG", "warn")
        .current_dir(&dir.0)
        .args(args)
        .kill_on_drop(true);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

async fn run_env(dir: &Scratch, args: &[&str], env: &[(&str, &str)]) -> Output {
    let out = tokio::time::timeout(
        Duration::from_secs(120),
        command(dir, args, env).stdin(Stdio::null()).output(),
    )
    .await
    .unwrap_or_else(|_| panic!("lernregion {args:?} did not finish"))
    .expect("run lernregion");
    Output {
        success: out.status.success(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

async fn run(dir: &Scratch, args: &[&str]) -> Output {
    run_env(dir, args, &[]).await
}

/// Runs and insists on success.
async fn ok(dir: &Scratch, args: &[&str]) -> Output {
    let out = run(dir, args).await;
    assert!(out.success, "lernregion {args:?} failed: {out:?}");
    out
}

/// Runs and insists on a clean failure: non-zero exit, a message on stderr
/// that contains `needle`, no panic, nothing claimed on stdout.
async fn fails(dir: &Scratch, args: &[&str], env: &[(&str, &str)], needle: &str) -> Output {
    let out = run_env(dir, args, env).await;
    assert!(
        !out.success && out.code.is_some_and(|c| c != 0),
        "lernregion {args:?} should fail: {out:?}"
    );
    assert!(
        out.stderr.contains(needle),
        "lernregion {args:?}: stderr should say {needle:?}: {out:?}"
    );
    assert!(
        !out.stderr.contains("panicked") && !out.stderr.contains("RUST_BACKTRACE"),
        "a message, not a crash: {out:?}"
    );
    out
}

async fn sqlite(path: &Path) -> SqlitePool {
    SqlitePool::connect_with(SqliteConnectOptions::new().filename(path).read_only(true))
        .await
        .expect("open sqlite file")
}

async fn count(pool: &SqlitePool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.expect(sql)
}

/// The password line that `user create` prints.
fn printed_password(stdout: &str) -> String {
    stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("password:"))
        .map(|p| p.trim().to_owned())
        .filter(|p| p.len() >= 12)
        .unwrap_or_else(|| panic!("no password printed: {stdout}"))
}

/// The server of this test suite on an existing database file.
async fn app_on(url: &str) -> TestApp {
    let url = url.to_owned();
    spawn_app_with(Backend::Sqlite, move |s| s.database_url = url).await
}

#[tokio::test]
async fn help_explains_every_command() {
    let dir = Scratch::new("help");
    let out = ok(&dir, &["--help"]).await;
    let help = out.stdout.clone();
    for (command, words) in [
        ("serve", "web server"),
        ("migrate", "migrations"),
        ("demo", "Demo"),
        ("user", "accounts"),
        ("backup", "snapshot"),
    ] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{command} ")))
            .unwrap_or_else(|| panic!("{command} not listed: {help}"));
        assert!(
            line.contains(words),
            "{command} explained in plain words: {line}"
        );
    }
    assert!(
        help.contains("--database-url")
            && help.contains("sqlite://")
            && help.contains("postgres://"),
        "{help}"
    );
    assert!(
        help.contains("LERNREGION_"),
        "environment variables mentioned: {help}"
    );
    assert!(help.contains("serve --demo"), "a quick start: {help}");
    // Each command explains its own flags.
    let create = ok(&dir, &["user", "create", "--help"]).await.stdout;
    for flag in ["--email", "--name", "--coordinator", "--admin"] {
        assert!(create.contains(flag), "{flag}: {create}");
    }
    assert!(
        create.contains("password"),
        "says that a password is generated: {create}"
    );
    let backup = ok(&dir, &["backup", "--help"]).await.stdout;
    assert!(
        backup.contains("pg_dump") && backup.contains("must not exist"),
        "{backup}"
    );
    let serve = ok(&dir, &["serve", "--help"]).await.stdout;
    assert!(
        serve.contains("--bind") && serve.contains("--demo"),
        "{serve}"
    );
    let version = ok(&dir, &["--version"]).await.stdout;
    assert!(version.contains(env!("CARGO_PKG_VERSION")), "{version}");
    // Without a command: the usage, on stderr, and a failure.
    let out = run(&dir, &[]).await;
    assert!(!out.success && out.stderr.contains("Usage"), "{out:?}");
    assert!(
        !dir.path("lernregion.db").exists(),
        "help must not create a database"
    );
}

#[tokio::test]
async fn migrate_and_demo_load_on_a_fresh_file() {
    let dir = Scratch::new("demo");
    let url = dir.url("fresh.db");
    let out = ok(&dir, &["migrate", "--database-url", &url]).await;
    assert!(
        out.stdout.contains("migrations applied") && out.stdout.contains("sqlite"),
        "{out:?}"
    );
    assert!(dir.path("fresh.db").exists());
    // Again: nothing to do, no error.
    ok(&dir, &["migrate", "--database-url", &url]).await;

    let out = ok(&dir, &["demo", "load", "--database-url", &url]).await;
    for login in [
        COORDINATOR,
        ORG_ADMIN,
        PROVIDER_ADMIN,
        EMPLOYEE,
        APPLICANT,
        OTHER_COORDINATOR,
    ] {
        assert!(out.stdout.contains(login), "{login} printed: {out:?}");
    }
    assert!(out.stdout.contains(DEMO_PASSWORD), "{out:?}");
    assert!(out.stdout.contains("/n/nordthueringen"), "{out:?}");
    // Loading twice adds nothing.
    let again = ok(&dir, &["demo", "load", "--database-url", &url]).await;
    assert!(again.stdout.contains("already"), "{again:?}");
    let pool = sqlite(&dir.path("fresh.db")).await;
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM networks").await, 2);
    let orgs = count(&pool, "SELECT COUNT(*) FROM organizations").await;
    assert!(orgs >= 48, "{orgs}");
    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) FROM organizations WHERE name = 'Gothaer Fahrzeugtechnik GmbH'"
        )
        .await,
        1
    );
    pool.close().await;

    // The printed logins work on that file.
    let app = app_on(&url).await;
    let c = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
    assert_eq!(
        c.get("/n/nordthueringen/koordination").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn user_create_makes_a_coordinator_who_can_log_in() {
    let dir = Scratch::new("user");
    let url = dir.url("users.db");
    ok(&dir, &["demo", "load", "--database-url", &url]).await;
    let out = ok(
        &dir,
        &[
            "user",
            "create",
            "--database-url",
            &url,
            "--email",
            "Nina.Neu@Example.org",
            "--name",
            "Nina Neu",
            "--coordinator",
            "nordthueringen",
        ],
    )
    .await;
    assert!(
        out.stdout.contains("nina.neu@example.org"),
        "the address as stored: {out:?}"
    );
    let password = printed_password(&out.stdout);
    let admin_out = ok(
        &dir,
        &[
            "user",
            "create",
            "--database-url",
            &url,
            "--email",
            "root@example.org",
            "--name",
            "Root",
            "--admin",
        ],
    )
    .await;
    let admin_password = printed_password(&admin_out.stdout);
    assert_ne!(
        password, admin_password,
        "passwords are generated per account"
    );
    // Refusals, each with a message and without a second account.
    fails(
        &dir,
        &[
            "user",
            "create",
            "--database-url",
            &url,
            "--email",
            "nina.neu@example.org",
            "--name",
            "Nochmal",
        ],
        &[],
        "exists already",
    )
    .await;
    fails(
        &dir,
        &[
            "user",
            "create",
            "--database-url",
            &url,
            "--email",
            "x@example.org",
            "--name",
            "X",
            "--coordinator",
            "atlantis",
        ],
        &[],
        "atlantis",
    )
    .await;
    fails(
        &dir,
        &[
            "user",
            "create",
            "--database-url",
            &url,
            "--email",
            "kein-at-zeichen",
            "--name",
            "X",
        ],
        &[],
        "not a valid e-mail address",
    )
    .await;
    fails(
        &dir,
        &[
            "user",
            "create",
            "--database-url",
            &url,
            "--email",
            "x@example.org",
        ],
        &[],
        "--name",
    )
    .await;
    fails(
        &dir,
        &[
            "user",
            "create",
            "--database-url",
            &url,
            "--email",
            "x@example.org",
            "--name",
            "   ",
        ],
        &[],
        "name",
    )
    .await;
    fails(
        &dir,
        &[
            "user",
            "create",
            "--database-url",
            &url,
            "--email",
            "x@example.org",
            "--name",
            &"N".repeat(101),
        ],
        &[],
        "name",
    )
    .await;
    let pool = sqlite(&dir.path("users.db")).await;
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM users WHERE email IN ('nina.neu@example.org', 'x@example.org', 'root@example.org')").await, 2);
    pool.close().await;

    let app = app_on(&url).await;
    // A wrong password does not work; the printed one does, without confirming first.
    let c = app.new_client();
    assert_ne!(
        c.login("nina.neu@example.org", "falsches-passwort")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let nina = app.logged_in("nina.neu@example.org", &password).await;
    assert_eq!(
        nina.get("/n/nordthueringen/koordination").await.status(),
        StatusCode::OK,
        "coordinator of the network"
    );
    assert_eq!(
        nina.get("/n/owl/koordination").await.status(),
        StatusCode::FORBIDDEN,
        "of that network only"
    );
    let root = app.logged_in("root@example.org", &admin_password).await;
    assert_eq!(
        root.get("/n/owl/koordination").await.status(),
        StatusCode::OK,
        "platform admin"
    );
}

#[tokio::test]
async fn backup_writes_a_consistent_snapshot_and_never_overwrites() {
    let dir = Scratch::new("backup");
    let url = dir.url("live.db");
    ok(&dir, &["demo", "load", "--database-url", &url]).await;
    // The server runs on the file and writes to it while the backup is taken;
    // with WAL the newest rows are not in the main file yet, a plain copy
    // would lose them.
    let app = app_on(&url).await;
    app.register_confirmed("Bea Backup", "bea@example.org", "Bea-Zitrone-Fahrrad")
        .await;
    let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
    let r = admin
        .post_form("/konto/api-tokens", &[("name", "vor der Sicherung")])
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    let snapshot = dir.path("sicherung.db");
    let target = snapshot.to_str().expect("utf-8 path");
    let out = ok(&dir, &["backup", target, "--database-url", &url]).await;
    assert!(out.stdout.contains("sicherung.db"), "{out:?}");
    assert!(snapshot.exists());
    assert!(
        !dir.path("sicherung.db-wal").exists()
            || std::fs::metadata(dir.path("sicherung.db-wal"))
                .map(|m| m.len())
                .unwrap_or(0)
                == 0,
        "a self-contained file"
    );

    let copy = sqlite(&snapshot).await;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&copy)
        .await
        .expect("integrity check");
    assert_eq!(check, "ok");
    assert_eq!(
        count(
            &copy,
            "SELECT COUNT(*) FROM users WHERE email = 'bea@example.org'"
        )
        .await,
        1,
        "rows written just before"
    );
    assert_eq!(
        count(
            &copy,
            "SELECT COUNT(*) FROM api_tokens WHERE name = 'vor der Sicherung'"
        )
        .await,
        1
    );
    let live_orgs = app
        .scalar("SELECT COUNT(*) FROM organizations WHERE name <> $1", "")
        .await;
    assert_eq!(
        count(&copy, "SELECT COUNT(*) FROM organizations").await,
        live_orgs
    );
    copy.close().await;
    // The snapshot is a working database: the server starts on it.
    let restored = app_on(&format!("sqlite://{target}")).await;
    restored
        .logged_in("bea@example.org", "Bea-Zitrone-Fahrrad")
        .await;
    drop(restored);

    // Never overwrites, not even with a relative path to the same file.
    let before = std::fs::read(&snapshot).expect("snapshot");
    fails(
        &dir,
        &["backup", target, "--database-url", &url],
        &[],
        "already exists",
    )
    .await;
    fails(
        &dir,
        &["backup", "sicherung.db", "--database-url", &url],
        &[],
        "already exists",
    )
    .await;
    assert_eq!(
        std::fs::read(&snapshot).expect("snapshot"),
        before,
        "untouched"
    );
    // A database that is not there is not backed up (nor created) – a typo
    // in the URL must not yield an empty "backup".
    fails(
        &dir,
        &[
            "backup",
            &dir.path("leer.db").to_string_lossy(),
            "--database-url",
            &dir.url("vertippt.db"),
        ],
        &[],
        "vertippt.db",
    )
    .await;
    assert!(!dir.path("leer.db").exists() && !dir.path("vertippt.db").exists());
    // PostgreSQL has its own tools.
    fails(
        &dir,
        &[
            "backup",
            &dir.path("pg.db").to_string_lossy(),
            "--database-url",
            &postgres_admin_url(),
        ],
        &[],
        "pg_dump",
    )
    .await;
    assert!(!dir.path("pg.db").exists());
}

#[tokio::test]
async fn bad_input_fails_with_a_clear_message() {
    let dir = Scratch::new("bad");
    let db = dir.url("bad.db");
    fails(&dir, &["frobnicate"], &[], "unrecognized subcommand").await;
    fails(
        &dir,
        &[
            "migrate",
            "--database-url",
            "mysql://root@localhost/lernregion",
        ],
        &[],
        "unsupported database URL",
    )
    .await;
    fails(
        &dir,
        &["migrate", "--database-url", "lernregion.db"],
        &[],
        "sqlite://",
    )
    .await;
    fails(
        &dir,
        &[
            "user",
            "create",
            "--database-url",
            &db,
            "--email",
            "@example.org",
            "--name",
            "X",
        ],
        &[],
        "not a valid e-mail address",
    )
    .await;
    fails(
        &dir,
        &["serve", "--bind", "nonsense", "--database-url", &db],
        &[],
        "--bind",
    )
    .await;
    fails(
        &dir,
        &["migrate", "--database-url", &db],
        &[("LERNREGION_BIND", "nonsense")],
        "LERNREGION_BIND",
    )
    .await;
    fails(
        &dir,
        &["migrate", "--database-url", &db],
        &[("LERNREGION_SESSION_HOURS", "lange")],
        "LERNREGION_SESSION_HOURS",
    )
    .await;
    fails(
        &dir,
        &[
            "migrate",
            "--config",
            &dir.path("missing.toml").to_string_lossy(),
        ],
        &[],
        "missing.toml",
    )
    .await;
    std::fs::write(dir.path("broken.toml"), "database_url = [").expect("write");
    fails(
        &dir,
        &[
            "migrate",
            "--config",
            &dir.path("broken.toml").to_string_lossy(),
        ],
        &[],
        "broken.toml",
    )
    .await;
    // Unreachable PostgreSQL: an error, not a hang.
    fails(
        &dir,
        &[
            "migrate",
            "--database-url",
            "postgres://postgres@127.0.0.1:1/none",
        ],
        &[],
        "error",
    )
    .await;
    assert!(
        !dir.path("lernregion.db").exists(),
        "no stray default database"
    );
}

#[tokio::test]
async fn settings_come_from_lernregion_variables_and_files() {
    let dir = Scratch::new("env");
    // The variable alone decides where the database goes.
    let out = run_env(
        &dir,
        &["migrate"],
        &[("LERNREGION_DATABASE_URL", &dir.url("from-env.db"))],
    )
    .await;
    assert!(out.success, "{out:?}");
    assert!(
        dir.path("from-env.db").exists(),
        "LERNREGION_DATABASE_URL honoured"
    );
    assert!(!dir.path("lernregion.db").exists());
    // The flag wins over the variable.
    let out = run_env(
        &dir,
        &["migrate", "--database-url", &dir.url("from-flag.db")],
        &[("LERNREGION_DATABASE_URL", &dir.url("not-this.db"))],
    )
    .await;
    assert!(out.success, "{out:?}");
    assert!(dir.path("from-flag.db").exists() && !dir.path("not-this.db").exists());
    // A settings file, and the variable over the file.
    let config = dir.path("lernregion.toml");
    std::fs::write(
        &config,
        format!("database_url = \"{}\"\n", dir.url("from-file.db")),
    )
    .expect("write config");
    let config = config.to_string_lossy().into_owned();
    ok(&dir, &["migrate", "--config", &config]).await;
    assert!(dir.path("from-file.db").exists());
    let out = run_env(
        &dir,
        &["migrate", "--config", &config],
        &[("LERNREGION_DATABASE_URL", &dir.url("env-over-file.db"))],
    )
    .await;
    assert!(out.success, "{out:?}");
    assert!(dir.path("env-over-file.db").exists());

    // The server takes its address and base URL from variables, too.
    ok(
        &dir,
        &["demo", "load", "--database-url", &dir.url("from-env.db")],
    )
    .await;
    let mut child = command(
        &dir,
        &["serve"],
        &[
            ("LERNREGION_DATABASE_URL", &dir.url("from-env.db")),
            ("LERNREGION_BIND", "127.0.0.1:0"),
            ("LERNREGION_BASE_URL", "https://lernregion.example"),
        ],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("start serve");
    let (address, _) = server_address(&mut child).await;
    let c = Client::new(&address);
    assert_eq!(c.get("/healthz").await.status(), StatusCode::OK);
    // Mails link to the configured base URL.
    let r = c
        .post_form("/konto/passwort-vergessen", &[("email", EMPLOYEE)])
        .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let pool = sqlite(&dir.path("from-env.db")).await;
    let body: String = sqlx::query_scalar(
        "SELECT body_text FROM mail_outbox WHERE to_addr = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(EMPLOYEE)
    .fetch_one(&pool)
    .await
    .expect("reset mail");
    assert!(
        body.contains("https://lernregion.example/konto/passwort-neu/"),
        "{body}"
    );
    pool.close().await;
    stop(child).await;
}

/// Reads the server's stdout until it names its address; keeps draining it
/// afterwards so that logging never blocks the server.
async fn server_address(child: &mut tokio::process::Child) -> (String, String) {
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut seen = String::new();
    let found = tokio::time::timeout(Duration::from_secs(60), async {
        while let Ok(Some(line)) = lines.next_line().await {
            seen.push_str(&line);
            seen.push('\n');
            if let Some(i) = line.find("http://") {
                let addr: String = line[i..]
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                if line.contains("läuft") || line.contains("running") || line.contains("listening")
                {
                    return Some(addr);
                }
            }
        }
        None
    })
    .await
    .ok()
    .flatten()
    .unwrap_or_else(|| panic!("serve printed no address: {seen}"));
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (found, seen)
}

/// Asks the server to stop (SIGTERM, as a service manager does) and expects
/// a clean exit.
async fn stop(mut child: tokio::process::Child) {
    let pid = child.id().expect("running");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let exit = tokio::time::timeout(Duration::from_secs(20), child.wait())
        .await
        .expect("stops within 20 s")
        .expect("wait");
    assert!(exit.success(), "clean shutdown: {exit:?}");
}

#[tokio::test]
async fn serve_demo_prints_logins_and_answers_on_its_address() {
    let dir = Scratch::new("serve");
    let mut child = command(
        &dir,
        &[
            "serve",
            "--demo",
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            &dir.url("serve.db"),
        ],
        &[],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::null())
    .spawn()
    .expect("start serve");
    let (address, printed) = server_address(&mut child).await;
    for login in [COORDINATOR, ORG_ADMIN, EMPLOYEE] {
        assert!(printed.contains(login), "demo logins printed: {printed}");
    }
    assert!(printed.contains(DEMO_PASSWORD), "{printed}");
    assert!(
        address.starts_with("http://127.0.0.1:") && !address.ends_with(":0"),
        "the real port: {address}"
    );
    let c = Client::new(&address);
    assert_eq!(c.get("/healthz").await.status(), StatusCode::OK);
    let page = c.page("/n/nordthueringen").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        c.login(COORDINATOR, DEMO_PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    stop(child).await;
}

#[tokio::test]
async fn migrate_a_fresh_postgres_database() {
    let admin = postgres_admin_url();
    let pool = sqlx::PgPool::connect(&admin)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {admin}: {e}"));
    let name = format!(
        "lr_cli_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default()
    );
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
        .execute(&pool)
        .await
        .expect("create database");
    pool.close().await;
    // The drop runs while the test's runtime is blocked, so it connects anew
    // on its own thread and runtime (a pool of the blocked runtime would hang).
    struct DropDatabase(String, String);
    impl Drop for DropDatabase {
        fn drop(&mut self) {
            let (admin, name) = (self.0.clone(), self.1.clone());
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                rt.block_on(async {
                    if let Ok(pool) = sqlx::PgPool::connect(&admin).await {
                        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        )))
                        .execute(&pool)
                        .await;
                        pool.close().await;
                    }
                });
            })
            .join();
        }
    }
    let _guard = DropDatabase(admin.clone(), name.clone());
    let mut url = url::Url::parse(&admin).expect("url");
    url.set_path(&name);
    let url = url.to_string();

    let dir = Scratch::new("pg");
    let out = ok(&dir, &["migrate", "--database-url", &url]).await;
    assert!(
        out.stdout.contains("migrations applied") && out.stdout.contains("postgres"),
        "{out:?}"
    );
    ok(&dir, &["migrate", "--database-url", &url]).await;
    let db = sqlx::PgPool::connect(&url).await.expect("connect");
    for table in [
        "users",
        "organizations",
        "networks",
        "network_members",
        "api_tokens",
        "contact_persons",
        "mail_outbox",
    ] {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = $1")
            .bind(table).fetch_one(&db).await.expect("catalogue");
        assert_eq!(n, 1, "table {table}");
    }
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(&db)
        .await
        .expect("migrations");
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"))
        .expect("migrations dir")
        .count() as i64;
    assert_eq!(applied, files, "every migration applied once");
    // The demo loads there as well, and a backup points to pg_dump.
    let out = ok(&dir, &["demo", "load", "--database-url", &url]).await;
    assert!(out.stdout.contains(COORDINATOR));
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM networks")
        .fetch_one(&db)
        .await
        .expect("networks");
    assert_eq!(n, 2);
    db.close().await;
    fails(
        &dir,
        &[
            "backup",
            &dir.path("x.dump").to_string_lossy(),
            "--database-url",
            &url,
        ],
        &[],
        "pg_dump",
    )
    .await;
}

#[tokio::test]
async fn network_create_sets_districts_and_the_group_size() {
    let dir = Scratch::new("network");
    let url = dir.url("networks.db");
    let out = ok(
        &dir,
        &[
            "network",
            "create",
            "--database-url",
            &url,
            "--slug",
            "harz",
            "--name",
            "Lernregion Harz",
            "--districts",
            "Nordhausen, 15085",
            "--min-group-size",
            "7",
        ],
    )
    .await;
    assert!(out.stdout.contains("/n/harz"), "{out:?}");
    let pool = sqlx::SqlitePool::connect(&url).await.expect("open");
    let (k, districts): (i64, i64) = sqlx::query_as("SELECT min_group_size, (SELECT COUNT(*) FROM network_districts d WHERE d.network_id = n.id) FROM networks n WHERE slug = 'harz'")
        .fetch_one(&pool).await.expect("network");
    assert_eq!((k, districts), (7, 2));
    pool.close().await;
    fails(
        &dir,
        &[
            "network",
            "create",
            "--database-url",
            &url,
            "--slug",
            "harz",
            "--name",
            "Doppelt",
            "--districts",
            "Nordhausen",
        ],
        &[],
        "exists already",
    )
    .await;
    fails(
        &dir,
        &[
            "network",
            "create",
            "--database-url",
            &url,
            "--slug",
            "Harz Süd",
            "--name",
            "X",
            "--districts",
            "Nordhausen",
        ],
        &[],
        "short name",
    )
    .await;
    fails(
        &dir,
        &[
            "network",
            "create",
            "--database-url",
            &url,
            "--slug",
            "atlantis",
            "--name",
            "X",
            "--districts",
            "Atlantis",
        ],
        &[],
        "unknown district",
    )
    .await;
    fails(
        &dir,
        &[
            "network",
            "create",
            "--database-url",
            &url,
            "--slug",
            "klein",
            "--name",
            "X",
            "--districts",
            "Nordhausen",
            "--min-group-size",
            "2",
        ],
        &[],
        "min-group-size",
    )
    .await;
}

/// Starts `serve --demo` on a file database with a search index folder,
/// waits until a search finds the demo's robot course, returns the child
/// and the stderr it wrote (log lines).
async fn serve_with_index(
    dir: &Scratch,
    index: &std::path::Path,
) -> (tokio::process::Child, String) {
    let mut child = command(
        dir,
        &[
            "serve",
            "--demo",
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            &dir.url("index.db"),
        ],
        &[("LERNREGION_SEARCH_DIR", &index.display().to_string())],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("start serve");
    let stderr = child.stderr.take().expect("stderr");
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = log.clone();
    tokio::spawn(async move {
        let mut lines = BufReader::new(stderr).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if let Ok(mut l) = sink.lock() {
                l.push_str(&line);
                l.push('\n');
            }
        }
    });
    let (address, printed) = server_address(&mut child).await;
    let c = Client::new(&address);
    let mut found = 0;
    for _ in 0..120 {
        let r = c
            .get("/api/v1/networks/nordthueringen/offerings?q=Roboter")
            .await;
        if r.status() == StatusCode::OK {
            let v: serde_json::Value = r.json().await.expect("json");
            found = v["total"].as_i64().unwrap_or(0);
            if found > 0 {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(found > 0, "the index serves searches");
    let log = log.lock().map(|l| l.clone()).unwrap_or_default();
    (child, format!("{printed}{log}"))
}

#[tokio::test]
async fn a_damaged_search_index_is_moved_aside_and_rebuilt() {
    let dir = Scratch::new("index");
    let index = dir.path("index");
    let (child, _) = serve_with_index(&dir, &index).await;
    stop(child).await;

    let files = |pattern: &str| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(&index)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.display().to_string().ends_with(pattern))
                    .collect()
            })
            .unwrap_or_default()
    };
    // Truncated segment files, as after a full disk.
    for f in files(".store").into_iter().chain(files(".idx")) {
        let len = std::fs::metadata(&f).map(|m| m.len()).unwrap_or(0);
        std::fs::OpenOptions::new()
            .write(true)
            .open(&f)
            .and_then(|h| h.set_len(len / 2))
            .expect("truncate");
    }
    let (child, log) = serve_with_index(&dir, &index).await;
    assert!(log.contains("moved aside"), "a log line says so: {log}");
    stop(child).await;

    // Emptied files, and then a lost meta.json.
    for f in files(".term") {
        std::fs::write(&f, b"").expect("empty");
    }
    let (child, _) = serve_with_index(&dir, &index).await;
    stop(child).await;
    std::fs::remove_file(index.join("meta.json")).expect("remove meta.json");
    let (child, log) = serve_with_index(&dir, &index).await;
    assert!(log.contains("meta.json is missing"), "{log}");
    stop(child).await;

    // A file where the folder should be.
    std::fs::remove_dir_all(&index).expect("remove index");
    std::fs::write(&index, b"not a folder").expect("write file");
    let (child, log) = serve_with_index(&dir, &index).await;
    assert!(log.contains("not a folder"), "{log}");
    assert!(index.is_dir());
    stop(child).await;
    let aside = std::fs::read_dir(&dir.0)
        .expect("scratch")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("index.damaged-")
        })
        .count();
    assert!(
        aside >= 3,
        "damaged indexes are kept for inspection: {aside}"
    );
}

/// What a complete demo load leaves: rows per table that the demo fills.
async fn demo_fingerprint(pool: &sqlx::SqlitePool) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for table in [
        "networks",
        "organizations",
        "users",
        "assessments",
        "offerings",
        "ideas",
        "cohorts",
        "org_members",
    ] {
        let n: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(pool)
                .await
                .expect("count");
        out.push((table.to_owned(), n));
    }
    out
}

#[tokio::test]
async fn a_demo_load_killed_midway_is_done_again_at_the_next_start() {
    let dir = Scratch::new("demo-kill");
    let clean = dir.url("clean.db");
    ok(&dir, &["migrate", "--database-url", &clean]).await;
    let started = std::time::Instant::now();
    ok(&dir, &["demo", "load", "--database-url", &clean]).await;
    let full = started.elapsed();
    let pool = sqlite(&dir.path("clean.db")).await;
    let expected = demo_fingerprint(&pool).await;
    pool.close().await;

    // Killed (SIGKILL, no chance to clean up) at several moments of the
    // load, one after the other on the same file. How far a load gets in a
    // given time depends on what else the machine does, so the kills go
    // on, ever earlier, until one has left a half-loaded demo; a load that
    // finished first is started over on a fresh file.
    let url = dir.url("killed.db");
    ok(&dir, &["migrate", "--database-url", &url]).await;
    let mut partial = false;
    for fraction in [0.7, 0.5, 0.3, 0.2, 0.12, 0.07, 0.04, 0.02] {
        let mut child = command(&dir, &["demo", "load", "--database-url", &url], &[])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start demo load");
        tokio::time::sleep(full.mul_f64(fraction)).await;
        let _ = child.start_kill();
        let _ = child.wait().await;
        let pool = sqlite(&dir.path("killed.db")).await;
        let state: Option<String> =
            sqlx::query_scalar("SELECT value FROM platform_state WHERE key = 'demo'")
                .fetch_optional(&pool)
                .await
                .expect("state");
        let complete = demo_fingerprint(&pool).await == expected;
        pool.close().await;
        match state.as_deref() {
            Some("loading") => {
                assert!(!complete, "a load marked unfinished is not complete");
                partial = true;
                break;
            }
            Some("loaded") => {
                assert!(complete, "a load marked finished is complete");
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(dir.path(&format!("killed.db{suffix}")));
                }
                ok(&dir, &["migrate", "--database-url", &url]).await;
            }
            _ => {}
        }
    }
    assert!(partial, "one kill landed in the middle of the load");
    let out = ok(&dir, &["demo", "load", "--database-url", &url]).await;
    let pool = sqlite(&dir.path("killed.db")).await;
    assert_eq!(
        demo_fingerprint(&pool).await,
        expected,
        "a complete demo after the interruptions: {out:?}"
    );
    pool.close().await;
    let again = ok(&dir, &["demo", "load", "--database-url", &url]).await;
    assert!(again.stdout.contains("already"), "{again:?}");
}

#[tokio::test]
async fn unreachable_databases_are_named_with_the_reason_at_once() {
    let dir = Scratch::new("unreachable");
    let missing = dir.path("no-such-folder").join("lernregion.db");
    let url = format!("sqlite://{}", missing.display());
    fails(
        &dir,
        &["migrate", "--database-url", &url],
        &[],
        &dir.path("no-such-folder").display().to_string(),
    )
    .await;

    let started = std::time::Instant::now();
    fails(
        &dir,
        &[
            "migrate",
            "--database-url",
            "postgres://postgres@127.0.0.1:1/postgres",
        ],
        &[],
        "127.0.0.1:1",
    )
    .await;
    let out = fails(
        &dir,
        &[
            "migrate",
            "--database-url",
            "postgres://postgres@127.0.0.1:1/postgres",
        ],
        &[],
        "refused",
    )
    .await;
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "said at once, not after a pool timeout: {out:?}"
    );

    let admin = postgres_admin_url();
    let base = admin
        .rsplit_once('/')
        .map(|(b, _)| b.to_owned())
        .unwrap_or(admin);
    fails(
        &dir,
        &[
            "migrate",
            "--database-url",
            &format!("{base}/lernregion_no_such_database"),
        ],
        &[],
        "does not exist",
    )
    .await;
}
