//! Benchmark of the needs analysis (issue: competences and needs analysis).
//!
//! Generates a region of 2,000 companies and 100,000 employees, each with
//! 120 assessed competences (12 million assessments), and measures
//!
//! 1. the regional aggregation by district × competence with every
//!    k-anonymity rule, unfiltered and filtered by sector (the app's code);
//! 2. the per-company dashboard (heat table and priorities) of one company;
//! 3. as the baseline, the same aggregation as one plain SQL `GROUP BY` on
//!    SQLite and on PostgreSQL, over the same rows, in the same run.
//!
//! Peak memory is the process's resident high-water mark per phase (reset
//! through /proc/self/clear_refs before each phase).
//!
//! Run: `cargo bench --bench needs` (PostgreSQL from
//! LERNREGION_BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres;
//! skipped with a note when unreachable). BENCH_PEOPLE scales the region.

// Test and benchmark code may panic on what cannot happen: a panic here
// fails the run, which is the point. The server's own code may not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{collections::HashMap, time::Instant};

use lernregion::{
    competences::{
        analysis::{self, ActualTable, CompanyPeople, RegionalFilter, RegionalPerson},
        domain::{Importance, Level, Source},
        gaps::{Assessment, Due, Requirement},
    },
    disclosure::{Protection, RecordKey},
    ids::{CompetenceId, JobRoleId, OrganizationId, UserId},
};
use rand::{Rng, SeedableRng, rngs::StdRng};

mod common;
use common::{measure, median, rss_kib, with_scratch_postgres};

const COMPANIES: usize = 2_000;
const COMPETENCES: usize = 120;
const DISTRICTS: usize = 40;
const ROLES_PER_COMPANY: usize = 3;
const TODAY: i64 = 20_000;
const SECTORS: [&str; 5] = ["25", "28", "29", "22", "27"];

/// One assessment as it comes from the database, kept compact.
#[derive(Clone, Copy)]
struct Row {
    person: u32,
    competence: u8,
    level: u8,
    on: i32,
}

struct Region {
    people: Vec<RegionalPerson>,
    requirements: Vec<(JobRoleId, Requirement)>,
    rows: Vec<Row>,
}

fn generate(people_total: usize) -> Region {
    let mut rng = StdRng::seed_from_u64(42);
    let mut requirements = Vec::with_capacity(COMPANIES * ROLES_PER_COMPANY * COMPETENCES);
    for role in 0..COMPANIES * ROLES_PER_COMPANY {
        for c in 0..COMPETENCES {
            let due = if rng.random_bool(0.3) {
                Due::On(TODAY + rng.random_range(30..900))
            } else {
                Due::Now
            };
            requirements.push((
                JobRoleId(role as i64),
                Requirement {
                    competence: CompetenceId(c as i64),
                    level: Level::new(rng.random_range(1..=4)).unwrap_or(Level::MAX),
                    importance: Importance::ALL[rng.random_range(0..3)],
                    due,
                },
            ));
        }
    }
    let mut people = Vec::with_capacity(people_total);
    let mut rows = Vec::with_capacity(people_total * COMPETENCES);
    for p in 0..people_total {
        let company = p % COMPANIES;
        people.push(RegionalPerson {
            org: OrganizationId(company as i64),
            user: UserId(p as i64),
            role: JobRoleId(
                (company * ROLES_PER_COMPANY + rng.random_range(0..ROLES_PER_COMPANY)) as i64,
            ),
            district: company % DISTRICTS,
            sector: Some(SECTORS[company % SECTORS.len()].to_owned()),
            size: Some(["small", "medium", "large"][company % 3].to_owned()),
            key: RecordKey(rng.random()),
        });
        for c in 0..COMPETENCES {
            // A quarter of the answers are older than two years.
            rows.push(Row {
                person: p as u32,
                competence: c as u8,
                level: rng.random_range(0..=4),
                on: (TODAY - rng.random_range(0..1000)) as i32,
            });
        }
    }
    Region {
        people,
        requirements,
        rows,
    }
}

fn assessments(rows: &[Row]) -> impl Iterator<Item = (UserId, Assessment)> + '_ {
    rows.iter().map(|r| {
        (
            UserId(i64::from(r.person)),
            Assessment {
                competence: CompetenceId(i64::from(r.competence)),
                level: Level::new(r.level).unwrap_or(Level::NONE),
                source: Source::SelfAssessment,
                on: i64::from(r.on),
            },
        )
    })
}

const SQL_SCHEMA: [&str; 3] = [
    "CREATE TABLE people (id INTEGER PRIMARY KEY, org INTEGER NOT NULL, district INTEGER NOT NULL, role INTEGER NOT NULL)",
    "CREATE TABLE requirements (role INTEGER NOT NULL, competence INTEGER NOT NULL, level INTEGER NOT NULL, PRIMARY KEY (role, competence))",
    "CREATE TABLE assessments (person INTEGER NOT NULL, competence INTEGER NOT NULL, level INTEGER NOT NULL, on_day INTEGER NOT NULL)",
];

/// The baseline: the aggregation as a plain GROUP BY (no suppression).
fn group_by(greatest: &str) -> String {
    format!(
        "SELECT p.district, a.competence, COUNT(*), COUNT(DISTINCT p.org), \
         SUM(CASE WHEN r.level > a.level THEN 1 ELSE 0 END), SUM({greatest}(r.level - a.level, 0)) \
         FROM assessments a JOIN people p ON p.id = a.person \
         JOIN requirements r ON r.role = p.role AND r.competence = a.competence \
         WHERE a.on_day >= {} GROUP BY p.district, a.competence",
        TODAY - 730
    )
}

async fn sqlite_baseline(region: &Region) -> anyhow::Result<(usize, f64)> {
    let path = std::env::temp_dir().join(format!("lernregion-bench-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let opts = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Off);
    let pool = sqlx::SqlitePool::connect_with(opts).await?;
    for s in SQL_SCHEMA {
        sqlx::query(s).execute(&pool).await?;
    }
    let load = Instant::now();
    // Rows go in as JSON arrays, 50,000 per statement.
    let people: Vec<[i64; 4]> = region
        .people
        .iter()
        .map(|p| [p.user.0, p.org.0, p.district as i64, p.role.0])
        .collect();
    for chunk in people.chunks(50_000) {
        sqlx::query("INSERT INTO people SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each($1)")
            .bind(serde_json::to_string(chunk)?).execute(&pool).await?;
    }
    let reqs: Vec<[i64; 3]> = region
        .requirements
        .iter()
        .map(|(r, q)| [r.0, q.competence.0, i64::from(q.level.value())])
        .collect();
    for chunk in reqs.chunks(50_000) {
        sqlx::query(
            "INSERT INTO requirements SELECT value->>0, value->>1, value->>2 FROM json_each($1)",
        )
        .bind(serde_json::to_string(chunk)?)
        .execute(&pool)
        .await?;
    }
    for chunk in region.rows.chunks(50_000) {
        let a: Vec<[i64; 4]> = chunk
            .iter()
            .map(|r| {
                [
                    i64::from(r.person),
                    i64::from(r.competence),
                    i64::from(r.level),
                    i64::from(r.on),
                ]
            })
            .collect();
        sqlx::query("INSERT INTO assessments SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each($1)")
            .bind(serde_json::to_string(&a)?).execute(&pool).await?;
    }
    println!(
        "  sqlite: loaded {} assessments in {:.1} s",
        region.rows.len(),
        load.elapsed().as_secs_f64()
    );
    let start = Instant::now();
    let rows = sqlx::query(sqlx::AssertSqlSafe(group_by("MAX")))
        .fetch_all(&pool)
        .await?;
    let secs = start.elapsed().as_secs_f64();
    pool.close().await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    Ok((rows.len(), secs))
}

async fn postgres_baseline(region: &Region) -> anyhow::Result<(usize, f64)> {
    with_scratch_postgres("lernregion_bench", async |pool: &sqlx::PgPool| {
        let pool = pool.clone();
        for s in SQL_SCHEMA {
            sqlx::query(s).execute(&pool).await?;
        }
        let load = Instant::now();
        let col = |f: &dyn Fn(&RegionalPerson) -> i64| region.people.iter().map(f).collect::<Vec<i64>>();
        sqlx::query("INSERT INTO people SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[])")
            .bind(col(&|p| p.user.0)).bind(col(&|p| p.org.0)).bind(col(&|p| p.district as i64)).bind(col(&|p| p.role.0))
            .execute(&pool).await?;
        let reqs = &region.requirements;
        sqlx::query("INSERT INTO requirements SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[])")
            .bind(reqs.iter().map(|(r, _)| r.0).collect::<Vec<_>>())
            .bind(reqs.iter().map(|(_, q)| q.competence.0).collect::<Vec<_>>())
            .bind(reqs.iter().map(|(_, q)| i64::from(q.level.value())).collect::<Vec<_>>())
            .execute(&pool).await?;
        for chunk in region.rows.chunks(500_000) {
            sqlx::query("INSERT INTO assessments SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[])")
                .bind(chunk.iter().map(|r| i64::from(r.person)).collect::<Vec<_>>())
                .bind(chunk.iter().map(|r| i64::from(r.competence)).collect::<Vec<_>>())
                .bind(chunk.iter().map(|r| i64::from(r.level)).collect::<Vec<_>>())
                .bind(chunk.iter().map(|r| i64::from(r.on)).collect::<Vec<_>>())
                .execute(&pool).await?;
        }
        sqlx::query("ANALYZE").execute(&pool).await?;
        println!("  postgres: loaded {} assessments in {:.1} s", region.rows.len(), load.elapsed().as_secs_f64());
        let start = Instant::now();
        let rows = sqlx::query(sqlx::AssertSqlSafe(group_by("GREATEST"))).fetch_all(&pool).await?;
        Ok((rows.len(), start.elapsed().as_secs_f64()))
    })
    .await
}

/// The usefulness report on the demo network: the figures the platform
/// published before the privacy issue against today's, on the same rows.
async fn demo_usefulness(
    report: &impl Fn(&str, lernregion::disclosure::Accuracy),
) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("lr-bench-needs-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let db =
        lernregion::db::Db::connect(&format!("sqlite://{}", dir.join("demo.db").display())).await?;
    db.migrate().await?;
    lernregion::demo::load(&db).await?;
    let network = lernregion::networks::queries::network_by_slug(&db, "nordthueringen")
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo network missing"))?;
    let today = lernregion::db::now().div_euclid(86_400);
    let inputs = lernregion::competences::region::RegionalInputs::load(&db, &network, today)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    println!("  demo network {}:", network.slug);
    report(
        "    before",
        inputs
            .figures_before(network.min_group_size)
            .accuracy_unfiltered(),
    );
    let after = inputs.figures(Protection::regional(
        network.min_group_size,
        network.noise_range,
    ));
    report("    after, unfiltered views", after.accuracy_unfiltered());
    report("    after, every view", after.accuracy());
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes --bench; a filter argument is accepted and ignored.
    let people_total: usize = std::env::var("BENCH_PEOPLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    println!(
        "needs analysis: {COMPANIES} companies, {people_total} employees, {COMPETENCES} competences each, {DISTRICTS} districts"
    );
    let (region, gen_secs, _) = measure(|| generate(people_total));
    println!(
        "  generated {} assessments in {gen_secs:.1} s; resident {:.0} MiB",
        region.rows.len(),
        rss_kib("VmRSS:") as f64 / 1024.0
    );

    let competences: Vec<CompetenceId> = (0..COMPETENCES).map(|c| CompetenceId(c as i64)).collect();
    let sensitive: Vec<bool> = (0..COMPETENCES).map(|c| c >= COMPETENCES - 6).collect();
    let columns = analysis::column_index(&competences);
    let protection = Protection::regional(5, 2);

    // 1. Regional aggregation: from rows to the protected table.
    let mut times = Vec::new();
    let mut peak = 0.0f64;
    let mut shown = 0;
    for _ in 0..3 {
        let (table, secs, hwm) = measure(|| {
            let actual = ActualTable::build(&columns, assessments(&region.rows), TODAY);
            let targets = analysis::dense_targets(
                &analysis::targets_by_role(region.requirements.iter().copied()),
                &columns,
            );
            analysis::regional_figures(
                region.people.clone(),
                DISTRICTS,
                competences.clone(),
                &sensitive,
                &targets,
                &actual,
                protection,
            )
        });
        let t = table.table(&RegionalFilter::default());
        shown = (0..DISTRICTS)
            .flat_map(|r| (0..COMPETENCES).map(move |c| (r, c)))
            .filter(|&(r, c)| t.cell(r, c).is_some())
            .count();
        times.push(secs);
        peak = peak.max(hwm);
    }
    let regional = median(times);
    println!(
        "  regional aggregation (rows → protected cube of district × sector × size): median {regional:.3} s, peak resident {peak:.0} MiB, {shown} of {} unfiltered cells shown",
        DISTRICTS * COMPETENCES
    );

    let actual = ActualTable::build(&columns, assessments(&region.rows), TODAY);
    let targets = analysis::dense_targets(
        &analysis::targets_by_role(region.requirements.iter().copied()),
        &columns,
    );
    let figures = analysis::regional_figures(
        region.people.clone(),
        DISTRICTS,
        competences.clone(),
        &sensitive,
        &targets,
        &actual,
        protection,
    );
    let mut times = Vec::new();
    for _ in 0..20 {
        let filter = RegionalFilter {
            sector: Some("25".into()),
            size: Some("medium".into()),
        };
        let start = Instant::now();
        std::hint::black_box(figures.table(&filter));
        times.push(start.elapsed().as_secs_f64());
    }
    let filtered = median(times);
    println!(
        "  one view cut from the computed cube (two filters): median {:.3} ms",
        filtered * 1000.0
    );
    // Usefulness: the rules before this cube (one table by district, no
    // noise: what the platform published until the privacy issue) against
    // the cube with noise, on the same people.
    let before = analysis::regional_figures(
        analysis::districts_only(region.people.iter().cloned()),
        DISTRICTS,
        competences.clone(),
        &sensitive,
        &targets,
        &actual,
        Protection::regional(5, 0),
    )
    .accuracy_unfiltered();
    let after = figures.accuracy_unfiltered();
    let after_all = figures.accuracy();
    let report = |name: &str, a: lernregion::disclosure::Accuracy| {
        let (people, gap) = a.mean_abs_error();
        println!(
            "  {name}: {} cells, {:.1} % suppressed, mean absolute error {people:.2} people / {gap:.2} with a gap per shown cell",
            a.cells,
            a.suppressed_share() * 100.0
        );
    };
    report("before (districts only, no noise)", before);
    report("after, unfiltered views", after);
    report("after, every view (sector, size, both)", after_all);
    drop(actual);

    // 2. One company's dashboard.
    let company = OrganizationId(7);
    let staff: Vec<(UserId, Option<JobRoleId>)> = region
        .people
        .iter()
        .filter(|p| p.org == company)
        .map(|p| (p.user, Some(p.role)))
        .collect();
    let roles: Vec<JobRoleId> = (0..ROLES_PER_COMPANY)
        .map(|r| JobRoleId((7 * ROLES_PER_COMPANY + r) as i64))
        .collect();
    let reqs: Vec<(JobRoleId, Requirement)> = region
        .requirements
        .iter()
        .copied()
        .filter(|(r, _)| roles.contains(r))
        .collect();
    let members: HashMap<i64, ()> = staff.iter().map(|(u, _)| (u.0, ())).collect();
    let rows: Vec<(UserId, Assessment)> = assessments(&region.rows)
        .filter(|(u, _)| members.contains_key(&u.0))
        .collect();
    let comps: Vec<(CompetenceId, bool)> = competences
        .iter()
        .copied()
        .zip(sensitive.iter().copied())
        .collect();
    let keys: HashMap<UserId, RecordKey> = region
        .people
        .iter()
        .filter(|p| p.org == company)
        .map(|p| (p.user, p.key))
        .collect();
    let mut times = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        let o = analysis::company_overview(
            company,
            &roles,
            &CompanyPeople {
                people: &staff,
                keys: &keys,
                shown_before: &HashMap::new(),
            },
            &reqs,
            &rows,
            &comps,
            Protection::within_company(5, 2),
            TODAY,
        );
        std::hint::black_box(o.priorities.len());
        times.push(start.elapsed().as_secs_f64());
    }
    let dashboard = median(times);
    println!(
        "  company dashboard ({} people, {} assessments): median {:.2} ms",
        staff.len(),
        rows.len(),
        dashboard * 1000.0
    );

    // 3. Baselines: plain SQL GROUP BY on both backends.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    // Usefulness on the demo region, through the app's own loading path.
    rt.block_on(demo_usefulness(&report))?;
    let sq = rt.block_on(sqlite_baseline(&region))?;
    println!("  sqlite GROUP BY: {:.3} s for {} groups", sq.1, sq.0);
    let pg = rt.block_on(postgres_baseline(&region));
    match &pg {
        Ok(pg) => println!("  postgres GROUP BY: {:.3} s for {} groups", pg.1, pg.0),
        Err(e) => println!("  postgres baseline skipped: {e}"),
    }

    println!();
    println!(
        "result: regional aggregation {:.3} s (target < 1 s) = {:.2}× the SQLite GROUP BY{}",
        regional,
        regional / sq.1,
        pg.as_ref()
            .map(|p| format!(", {:.2}× the PostgreSQL GROUP BY", regional / p.1))
            .unwrap_or_default()
    );
    println!(
        "result: company dashboard {:.2} ms (target < 10 ms); peak resident during aggregation {peak:.0} MiB",
        dashboard * 1000.0
    );
    Ok(())
}
