//! What the benchmarks share: timing, percentiles, peak memory and the
//! names generated people get.

#![allow(dead_code)]

use std::time::Instant;

/// A field of /proc/self/status in KiB (VmRSS, VmHWM); 0 where unknown.
pub fn rss_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Resets the resident high-water mark, so the next [`peak_mib`] covers only
/// what runs in between.
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

pub fn peak_mib() -> f64 {
    rss_kib("VmHWM:") as f64 / 1024.0
}

/// Runs `f`, returning its result, the seconds it took and the peak RSS in MiB.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    reset_peak();
    let start = Instant::now();
    let out = f();
    let secs = start.elapsed().as_secs_f64();
    (out, secs, peak_mib())
}

pub fn median(v: Vec<f64>) -> f64 {
    percentile(v, 50.0)
}

/// The `p`-th percentile (nearest rank) of `v`.
pub fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

/// Runs `f` on a fresh PostgreSQL database (named after `prefix` and the
/// process) on the server at LERNREGION_BENCH_POSTGRES_URL (default the
/// local server), and drops the database afterwards, whatever `f` returned.
pub async fn with_scratch_postgres<T>(
    prefix: &str,
    f: impl AsyncFnOnce(&sqlx::PgPool) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let admin_url = std::env::var("LERNREGION_BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let admin = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(std::time::Duration::from_secs(5))
        .connect(&admin_url)
        .await?;
    let name = format!("{prefix}_{}", std::process::id());
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await?;
    let mut url = url::Url::parse(&admin_url)?;
    url.set_path(&name);
    let result = async {
        let pool = sqlx::PgPool::connect(url.as_str()).await?;
        let out = f(&pool).await;
        pool.close().await;
        out
    }
    .await;
    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&admin)
    .await;
    result
}

/// Given names and family names for generated people.
pub const FIRST_NAMES: [&str; 12] = [
    "Anna", "Jonas", "Marie", "Lukas", "Sophie", "Paul", "Lea", "Felix", "Emma", "Tom", "Mia",
    "Ben",
];
pub const LAST_NAMES: [&str; 12] = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
];
