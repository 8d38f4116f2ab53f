//! The data layer: one pool over SQLite (embedded default) or PostgreSQL.
//!
//! Queries are written once in the SQL subset both accept (`$1` placeholders,
//! `RETURNING`, `ON CONFLICT … DO UPDATE`) and run through [`on_db!`], which
//! expands the same code for whichever pool is active. Where the dialects
//! differ, the query matches on [`Db`] itself.

use std::{str::FromStr, time::Duration};

use sqlx::{
    Connection, PgPool, SqlitePool,
    postgres::{PgConnectOptions, PgConnection, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// A connection pool on one of the two supported backends.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same block on whichever pool is active; `$pool` is bound to the
/// concrete pool so that `sqlx::query_as::<_, T>` infers the right database.
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// An open transaction on whichever backend is active. Dropped without
/// [`Tx::commit`], it rolls back.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }
}

/// What a query function runs on: the pool, or a transaction a use case
/// opened to compose several writes into one. Query functions take
/// `impl Into<Exec<'_>>`, so callers pass `&db` or `&mut tx` alike.
pub enum Exec<'a> {
    Db(&'a Db),
    Tx(&'a mut Tx),
}

impl<'a> From<&'a Db> for Exec<'a> {
    fn from(db: &'a Db) -> Self {
        Exec::Db(db)
    }
}

impl<'a> From<&'a mut Tx> for Exec<'a> {
    fn from(tx: &'a mut Tx) -> Self {
        Exec::Tx(tx)
    }
}

/// Runs the same block on one connection of whichever backend is active:
/// the open transaction's, or one taken from the pool for this block.
/// `$conn` is a `&mut SqliteConnection` or `&mut PgConnection`; use it as
/// `&mut *$conn` for each statement. The block's errors must convert from
/// `sqlx::Error`.
#[macro_export]
macro_rules! on_conn {
    ($exec:expr, $conn:ident => $body:expr) => {
        match ::std::convert::Into::<$crate::db::Exec<'_>>::into($exec) {
            $crate::db::Exec::Db($crate::db::Db::Sqlite(pool)) => {
                let mut owned = pool.acquire().await?;
                let $conn: &mut ::sqlx::SqliteConnection = &mut owned;
                $body
            }
            $crate::db::Exec::Db($crate::db::Db::Postgres(pool)) => {
                let mut owned = pool.acquire().await?;
                let $conn: &mut ::sqlx::PgConnection = &mut owned;
                $body
            }
            $crate::db::Exec::Tx($crate::db::Tx::Sqlite(tx)) => {
                let $conn: &mut ::sqlx::SqliteConnection = &mut *tx;
                $body
            }
            $crate::db::Exec::Tx($crate::db::Tx::Postgres(tx)) => {
                let $conn: &mut ::sqlx::PgConnection = &mut *tx;
                $body
            }
        }
    };
}

impl Db {
    /// Opens a transaction; use cases pass `&mut tx` to the query functions
    /// they compose and commit once at the end.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            // IMMEDIATE takes the write lock at once: a transaction that
            // reads and then writes waits for the busy timeout instead of
            // failing when another writer came first.
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Connects to `sqlite://…` or `postgres://…`. SQLite runs in WAL mode with
    /// foreign keys enforced and a busy timeout, so that concurrent requests wait
    /// for the writer instead of failing.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            probe_postgres(&options).await?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Db::Postgres(pool))
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let file = options.get_filename().to_path_buf();
            if let Some(folder) = file
                .parent()
                .filter(|f| !f.as_os_str().is_empty() && !f.is_dir())
            {
                anyhow::bail!(
                    "the folder of the SQLite database does not exist: {} (create it, or choose another path for {})",
                    folder.display(),
                    file.display()
                );
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await
                .map_err(|e| {
                    anyhow::anyhow!("cannot open the SQLite database {}: {e}", file.display())
                })?;
            Ok(Db::Sqlite(pool))
        } else {
            anyhow::bail!(
                "unsupported database URL (expected sqlite://file.db or postgres://user@host/db)"
            )
        }
    }

    /// Applies pending migrations of the active backend.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// A cheap round trip used by the health check.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    /// Writes a consistent snapshot of an SQLite database to `target` with
    /// `VACUUM INTO`, which readers and writers may keep using meanwhile.
    pub async fn backup_sqlite(&self, target: &std::path::Path) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(pool) => {
                if target.exists() {
                    anyhow::bail!(
                        "{} already exists; choose a new file name",
                        target.display()
                    );
                }
                let path = target
                    .to_str()
                    .ok_or_else(|| anyhow::anyhow!("backup path is not valid UTF-8"))?;
                sqlx::query("VACUUM INTO $1")
                    .bind(path)
                    .execute(pool)
                    .await?;
                Ok(())
            }
            Db::Postgres(_) => anyhow::bail!(
                "backups of PostgreSQL are made with its own tools, for example: pg_dump --format=custom --file=lernregion.dump <database>"
            ),
        }
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}

/// Current time as UTC unix seconds, the representation of every timestamp in
/// the database.
/// Ids as a comma-separated SQL list, for `IN (…)` over typed ids (integers
/// only, so nothing to escape).
pub fn id_list<T: std::fmt::Display>(ids: &[T]) -> String {
    ids.iter().map(T::to_string).collect::<Vec<_>>().join(",")
}

pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// One connection attempt before the pool is built, so that an unreachable
/// server is reported at once with where and why, instead of as a pool
/// timeout after ten seconds.
async fn probe_postgres(options: &PgConnectOptions) -> anyhow::Result<()> {
    let place = format!(
        "PostgreSQL at {}:{}",
        options.get_host(),
        options.get_port()
    );
    let attempt =
        tokio::time::timeout(Duration::from_secs(5), PgConnection::connect_with(options)).await;
    let error = match attempt {
        Ok(Ok(conn)) => {
            let _ = conn.close().await;
            return Ok(());
        }
        Err(_) => {
            anyhow::anyhow!("{place} did not answer within 5 s (timeout; is the host reachable?)")
        }
        Ok(Err(e)) => anyhow::anyhow!("{place}: {}", describe_connect_error(&e, options)),
    };
    Err(error)
}

fn describe_connect_error(e: &sqlx::Error, options: &PgConnectOptions) -> String {
    match e {
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused (is the server running and listening on this port?)".into()
        }
        sqlx::Error::Io(io) => format!("cannot connect ({io})"),
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("28P01") | Some("28000") => format!(
                "authentication failed for user {:?} ({})",
                options.get_username(),
                db.message()
            ),
            Some("3D000") => format!("the database does not exist ({})", db.message()),
            _ => db.message().to_owned(),
        },
        sqlx::Error::Tls(t) => format!("TLS failed ({t})"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    fn versions(dir: &str) -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    /// Both backends must carry the same migration history, file for file.
    #[test]
    fn migration_sets_match() {
        let root = env!("CARGO_MANIFEST_DIR");
        let sqlite = versions(&format!("{root}/migrations/sqlite"));
        let postgres = versions(&format!("{root}/migrations/postgres"));
        assert!(!sqlite.is_empty());
        assert_eq!(sqlite, postgres);
    }

    /// And the same tables and columns: compare the names each file creates.
    #[test]
    fn migration_sets_create_the_same_columns() {
        let root = env!("CARGO_MANIFEST_DIR");
        for file in versions(&format!("{root}/migrations/sqlite")) {
            let a = std::fs::read_to_string(format!("{root}/migrations/sqlite/{file}")).unwrap();
            let b = std::fs::read_to_string(format!("{root}/migrations/postgres/{file}")).unwrap();
            assert_eq!(column_names(&a), column_names(&b), "{file}");
        }
    }

    fn column_names(sql: &str) -> Vec<String> {
        sql.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("--"))
            .filter_map(|l| l.split_whitespace().next())
            .map(|w| w.trim_end_matches(',').to_ascii_lowercase())
            .collect()
    }
}
