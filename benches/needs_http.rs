//! Benchmark of the needs figures as people wait for them: over HTTP against
//! the real server, on a network of 2,000 companies and 100,000 employees in
//! the real schema, on SQLite and on PostgreSQL in the same run.
//!
//! The data, written with multi-row statements after the real migrations:
//! one network `bench` over 40 districts (the 22 of Thuringia and 18
//! neighbours), a framework of 120 competences in 8 areas (6 of them
//! sensitive basic skills), 2,000 companies spread over the districts by
//! population (WZ codes of metal, machinery, vehicles, plastics and
//! electrical equipment; log-normal sizes around 50 people; size classes
//! from that size), each with 1–2 planned changes and 3 job roles that
//! require all 120 competences (a third of them from a change's target
//! day), 100,000 employees (random record keys) with one role each, and
//! 120 self-assessments per employee (12 million rows, dated over the last
//! 1,000 days, so a quarter is older than two years and no longer counts).
//! One company of about 50 people gets an admin with a password and an API
//! token (stored hashed, through the crate's own functions).
//!
//! Then, per backend, with a keep-alive HTTP client against the server that
//! `Application::build` starts (`live_regional_figures = false`, the
//! production default):
//!
//! 1. the first regional request (`GET /n/bench/bedarf`), which computes the
//!    day's figures from every assessment, with its peak resident memory;
//! 2. the regional page and API, unfiltered and filtered, 200 times each;
//! 3. the company's needs: `GET /api/v1/organizations/{id}/needs` with the
//!    bearer token and the page `/organisationen/{id}/kompetenzbedarf`
//!    logged in as the admin, 200 times each;
//! 4. the baseline in the same run, `GET /api/v1/networks/bench` (a small
//!    public JSON answer) over the same client; every figure is also given
//!    as a ratio against the baseline's p50;
//! 5. a second node on the same database with `live_regional_figures =
//!    true`: the regional API as it would cost without the daily reference
//!    date, and in process where that time goes (the rows read, the cube).
//!
//! SQLite gets no ANALYZE (the application never runs one); PostgreSQL gets
//! `VACUUM (ANALYZE)` after the load, as autovacuum would soon do.
//!
//! Run: `cargo bench --bench needs_http`. BENCH_PEOPLE scales the employees
//! (default 100000; companies, roles and competences stay). PostgreSQL from
//! LERNREGION_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres),
//! skipped with a note when unreachable.

// Test and benchmark code may panic on what cannot happen: a panic here
// fails the run, which is the point. The server's own code may not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    collections::HashMap,
    net::SocketAddr,
    str::FromStr,
    time::{Duration, Instant},
};

use lernregion::{
    competences::{analysis, queries::people, region},
    config::Settings,
    db::Db,
    disclosure::Protection,
    ids::UserId,
    kernel::days::day_of,
    networks::{domain::SizeClass, queries as nq},
    regions::reference,
    startup::Application,
};
use rand::{Rng, SeedableRng, rngs::StdRng};
use serde::Serialize;

mod common;
use common::{
    FIRST_NAMES, LAST_NAMES, peak_mib, percentile, reset_peak, rss_kib, with_scratch_postgres,
};

const COMPANIES: usize = 2_000;
const AREAS: usize = 8;
const PER_AREA: usize = 15;
const COMPETENCES: usize = AREAS * PER_AREA;
const SENSITIVE: usize = 6;
const ROLES_PER_COMPANY: usize = 3;
/// Timed requests per scenario (after a few untimed ones).
const ROUNDS: usize = 200;
const WARM_UP: usize = 5;
/// Requests against the node that computes the figures at every request.
const LIVE_ROUNDS: usize = 3;
const SLUG: &str = "bench";
const ADMIN_EMAIL: &str = "personalleitung@bench.example";
const ADMIN_PASSWORD: &str = "benchmark-passwort-2026";

/// Thuringia's neighbours that complete the 40 districts.
const NEIGHBOURS: [&str; 18] = [
    "15002", "15084", "15085", "15087", "15088", // Saxony-Anhalt
    "14523", "14524", "14729", // Saxony
    "06636", "06632", "06631", // Hesse
    "09673", "09473", "09463", "09476", "09475", "09464", // Bavaria
    "03159", // Lower Saxony
];

/// WZ 2008 codes of the companies with their weights; `None`: not stated.
const SECTORS: [(Option<&str>, u32); 13] = [
    (Some("25.62"), 15),
    (Some("25.11"), 10),
    (Some("25"), 5),
    (Some("28.41"), 8),
    (Some("28.99"), 7),
    (Some("28"), 5),
    (Some("29.32"), 10),
    (Some("29"), 5),
    (Some("22.29"), 10),
    (Some("22"), 5),
    (Some("27.11"), 8),
    (Some("27"), 7),
    (None, 5),
];

const AREA_NAMES: [(&str, &str); AREAS] = [
    ("Fertigung", "Manufacturing"),
    ("Automatisierung", "Automation"),
    ("Digitale Arbeit", "Digital work"),
    ("Qualität", "Quality"),
    ("Instandhaltung", "Maintenance"),
    ("Logistik", "Logistics"),
    ("Arbeitssicherheit", "Safety"),
    ("Grundkompetenzen", "Basic skills"),
];
const ROLE_NAMES: [&str; ROLES_PER_COMPANY] =
    ["Maschinenbedienung", "Instandhaltung", "Qualitätssicherung"];
const TRADES: [&str; 6] = [
    "Metallbau",
    "Präzisionsteile",
    "Maschinenbau",
    "Fahrzeugteile",
    "Kunststofftechnik",
    "Elektrotechnik",
];
/// A place of a district: postal code, name, position.
#[derive(Clone)]
struct Place {
    code: String,
    name: String,
    lat: f64,
    lon: f64,
}

struct Company {
    id: i64,
    district: usize,
    place: Place,
    sector: Option<&'static str>,
    size: Option<&'static str>,
    /// Registered employees.
    people: usize,
    first_user: i64,
    /// (id, target day) of the planned changes.
    changes: Vec<(i64, i64)>,
}

impl Company {
    fn role(&self, r: usize) -> i64 {
        (self.id - 1) * ROLES_PER_COMPANY as i64 + r as i64 + 1
    }
    fn name(&self) -> String {
        format!(
            "{} {} {}",
            TRADES[self.id as usize % TRADES.len()],
            self.place.name,
            LAST_NAMES[self.id as usize / TRADES.len() % LAST_NAMES.len()]
        )
    }
}

/// The region to write, the same on both backends.
struct Plan {
    districts: Vec<String>,
    companies: Vec<Company>,
    people: usize,
    now: i64,
    today: i64,
    /// The company whose needs are requested.
    company: usize,
}

/// Standard normal by Box–Muller.
fn normal(rng: &mut StdRng) -> f64 {
    let u: f64 = rng.random_range(f64::EPSILON..1.0);
    let v: f64 = rng.random_range(0.0..1.0);
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

fn pick<T: Copy>(rng: &mut StdRng, weighted: &[(T, u32)]) -> T {
    let total: u32 = weighted.iter().map(|w| w.1).sum();
    let mut x = rng.random_range(0..total);
    for &(v, w) in weighted {
        if x < w {
            return v;
        }
        x -= w;
    }
    weighted[weighted.len() - 1].0
}

fn plan(people: usize) -> anyhow::Result<Plan> {
    let r = reference();
    let mut districts: Vec<String> = r
        .districts
        .iter()
        .filter(|d| d.state == "Thüringen")
        .map(|d| d.ags.clone())
        .collect();
    districts.extend(
        NEIGHBOURS
            .iter()
            .filter(|a| r.district(a).is_some())
            .map(|a| (*a).to_owned()),
    );
    anyhow::ensure!(
        districts.len() == 40,
        "expected 40 districts, the reference data gave {}",
        districts.len()
    );
    // Postal places of each district, from every five-digit code.
    let mut places: HashMap<&str, Vec<Place>> = HashMap::new();
    for n in 1_000..100_000 {
        let code = format!("{n:05}");
        for p in r.postal_places(&code) {
            if let Some(d) = districts.iter().find(|d| **d == p.ags) {
                places.entry(d.as_str()).or_default().push(Place {
                    code: code.clone(),
                    name: p.place.clone(),
                    lat: p.lat,
                    lon: p.lon,
                });
            }
        }
    }
    let weights: Vec<(usize, u32)> = districts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let pop = r.district(a).map_or(1, |d| d.population / 1_000);
            (i, u32::try_from(pop.max(1)).unwrap_or(u32::MAX))
        })
        .collect();

    let mut rng = StdRng::seed_from_u64(42);
    let now = lernregion::db::now();
    let today = day_of(now);
    // Log-normal sizes: median 25, mean about 50, as regional industry is.
    let nominal: Vec<f64> = (0..COMPANIES)
        .map(|_| (25.0 * (1.18 * normal(&mut rng)).exp()).clamp(1.0, 1_500.0))
        .collect();
    let sum: f64 = nominal.iter().sum();
    // Registered employees: proportional to size, exactly `people` in all.
    let exact: Vec<f64> = nominal.iter().map(|n| n * people as f64 / sum).collect();
    let mut counts: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
    let mut order: Vec<usize> = (0..COMPANIES).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())));
    let missing = people - counts.iter().sum::<usize>();
    for &i in order.iter().take(missing) {
        counts[i] += 1;
    }
    let mut companies = Vec::with_capacity(COMPANIES);
    let mut next_user = 1i64;
    let mut next_change = 1i64;
    for (i, (&n, &size)) in counts.iter().zip(&nominal).enumerate() {
        let district = pick(&mut rng, &weights);
        let options = places
            .get(districts[district].as_str())
            .ok_or_else(|| anyhow::anyhow!("no postal code in {}", districts[district]))?;
        let place = options[rng.random_range(0..options.len())].clone();
        let changes = (0..rng.random_range(1..=2))
            .map(|_| {
                next_change += 1;
                (next_change - 1, today + rng.random_range(30..900))
            })
            .collect();
        companies.push(Company {
            id: i as i64 + 1,
            district,
            place,
            sector: pick(&mut rng, &SECTORS),
            size: (!rng.random_bool(0.03))
                .then(|| SizeClass::from_employees(size.round() as u32).as_str()),
            people: n,
            first_user: next_user,
            changes,
        });
        next_user += n as i64;
    }
    let company = companies
        .iter()
        .enumerate()
        .min_by_key(|(_, c)| (c.people as i64 - 50).abs())
        .map_or(0, |(i, _)| i);
    Ok(Plan {
        districts,
        companies,
        people,
        now,
        today,
        company,
    })
}

// ---------------------------------------------------------------------------
// Writing: rows as JSON arrays, one statement per batch (json_each on
// SQLite, json_array_elements on PostgreSQL); the assessments as columns
// (UNNEST on PostgreSQL).

struct Batch<'a> {
    db: &'a Db,
    table: &'static str,
    /// Column names with their PostgreSQL types.
    columns: &'static [(&'static str, &'static str)],
    buf: String,
    rows: usize,
    written: u64,
}

impl<'a> Batch<'a> {
    const ROWS: usize = 20_000;

    fn new(
        db: &'a Db,
        table: &'static str,
        columns: &'static [(&'static str, &'static str)],
    ) -> Self {
        Batch {
            db,
            table,
            columns,
            buf: String::from("["),
            rows: 0,
            written: 0,
        }
    }

    async fn push(&mut self, row: impl Serialize) -> anyhow::Result<()> {
        if self.rows > 0 {
            self.buf.push(',');
        }
        self.buf.push_str(&serde_json::to_string(&row)?);
        self.rows += 1;
        if self.rows >= Self::ROWS {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> anyhow::Result<u64> {
        if self.rows > 0 {
            self.buf.push(']');
            let names: Vec<&str> = self.columns.iter().map(|c| c.0).collect();
            let names = names.join(", ");
            let n = match self.db {
                Db::Sqlite(pool) => {
                    let values: Vec<String> = (0..self.columns.len())
                        .map(|i| format!("value->>{i}"))
                        .collect();
                    let sql = format!(
                        "INSERT INTO {} ({names}) SELECT {} FROM json_each($1)",
                        self.table,
                        values.join(", ")
                    );
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(&self.buf)
                        .execute(pool)
                        .await?
                        .rows_affected()
                }
                Db::Postgres(pool) => {
                    let values: Vec<String> = self
                        .columns
                        .iter()
                        .enumerate()
                        .map(|(i, (_, ty))| format!("(e->>{i})::{ty}"))
                        .collect();
                    let sql = format!(
                        "INSERT INTO {} ({names}) SELECT {} FROM json_array_elements($1::json) e",
                        self.table,
                        values.join(", ")
                    );
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(&self.buf)
                        .execute(pool)
                        .await?
                        .rows_affected()
                }
            };
            anyhow::ensure!(
                n == self.rows as u64,
                "{}: {n} of {} rows written",
                self.table,
                self.rows
            );
            self.written += n;
            self.buf.clear();
            self.buf.push('[');
            self.rows = 0;
        }
        Ok(self.written)
    }
}

/// Assessments as columns: org, user, competence, level, day, created.
#[derive(Default)]
struct AssessmentRows {
    cols: [Vec<i64>; 6],
    written: u64,
}

impl AssessmentRows {
    const ROWS: usize = 120_000;

    async fn push(&mut self, db: &Db, row: [i64; 6]) -> anyhow::Result<()> {
        for (c, v) in self.cols.iter_mut().zip(row) {
            c.push(v);
        }
        if self.cols[0].len() >= Self::ROWS {
            self.flush(db).await?;
        }
        Ok(())
    }

    async fn flush(&mut self, db: &Db) -> anyhow::Result<u64> {
        let n = self.cols[0].len();
        if n == 0 {
            return Ok(self.written);
        }
        let written = match db {
            Db::Sqlite(pool) => {
                let mut json = String::with_capacity(n * 40);
                json.push('[');
                for i in 0..n {
                    if i > 0 {
                        json.push(',');
                    }
                    let c = &self.cols;
                    json.push_str(&format!(
                        "[{},{},{},{},{},{}]",
                        c[0][i], c[1][i], c[2][i], c[3][i], c[4][i], c[5][i]
                    ));
                }
                json.push(']');
                sqlx::query(
                    "INSERT INTO assessments (org_id, user_id, competence_id, level, source, assessed_by, assessed_on, created_at) \
                     SELECT value->>0, value->>1, value->>2, value->>3, 'self', value->>1, value->>4, value->>5 FROM json_each($1)",
                )
                .bind(json)
                .execute(pool)
                .await?
                .rows_affected()
            }
            Db::Postgres(pool) => {
                let [o, u, c, l, d, t] = std::mem::take(&mut self.cols);
                sqlx::query(
                    "INSERT INTO assessments (org_id, user_id, competence_id, level, source, assessed_by, assessed_on, created_at) \
                     SELECT o, u, c, l, 'self', u, d, t FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[]) AS x(o, u, c, l, d, t)",
                )
                .bind(o)
                .bind(u)
                .bind(c)
                .bind(l)
                .bind(d)
                .bind(t)
                .execute(pool)
                .await?
                .rows_affected()
            }
        };
        anyhow::ensure!(
            written == n as u64,
            "assessments: {written} of {n} rows written"
        );
        self.written += written;
        for c in &mut self.cols {
            c.clear();
        }
        Ok(self.written)
    }
}

const NETWORK_COLS: &[(&str, &str)] = &[
    ("id", "bigint"),
    ("slug", "text"),
    ("name", "text"),
    ("description", "text"),
    ("contact_email", "text"),
    ("min_group_size", "bigint"),
    ("noise_range", "bigint"),
    ("created_at", "bigint"),
];
const NETWORK_DISTRICT_COLS: &[(&str, &str)] = &[("network_id", "bigint"), ("ags", "text")];
const AREA_COLS: &[(&str, &str)] = &[
    ("id", "bigint"),
    ("network_id", "bigint"),
    ("code", "text"),
    ("name_de", "text"),
    ("name_en", "text"),
    ("position", "bigint"),
];
const COMPETENCE_COLS: &[(&str, &str)] = &[
    ("id", "bigint"),
    ("network_id", "bigint"),
    ("area_id", "bigint"),
    ("code", "text"),
    ("name_de", "text"),
    ("name_en", "text"),
    ("description_de", "text"),
    ("plain_de", "text"),
    ("sensitive", "boolean"),
    ("position", "bigint"),
];
const LEVEL_COLS: &[(&str, &str)] = &[
    ("network_id", "bigint"),
    ("level", "bigint"),
    ("label_de", "text"),
    ("label_en", "text"),
];
const ORG_COLS: &[(&str, &str)] = &[
    ("id", "bigint"),
    ("name", "text"),
    ("name_search", "text"),
    ("kind", "text"),
    ("sector_code", "text"),
    ("size_class", "text"),
    ("postal_code", "text"),
    ("city", "text"),
    ("district_ags", "text"),
    ("lat", "double precision"),
    ("lon", "double precision"),
    ("created_at", "bigint"),
    ("updated_at", "bigint"),
];
const MEMBER_COLS: &[(&str, &str)] = &[
    ("network_id", "bigint"),
    ("org_id", "bigint"),
    ("status", "text"),
    ("created_at", "bigint"),
    ("decided_at", "bigint"),
];
const ROLE_COLS: &[(&str, &str)] = &[
    ("id", "bigint"),
    ("org_id", "bigint"),
    ("name", "text"),
    ("created_at", "bigint"),
];
const CHANGE_COLS: &[(&str, &str)] = &[
    ("id", "bigint"),
    ("org_id", "bigint"),
    ("title", "text"),
    ("technology", "text"),
    ("target_day", "bigint"),
    ("created_at", "bigint"),
];
const REQUIREMENT_COLS: &[(&str, &str)] = &[
    ("role_id", "bigint"),
    ("competence_id", "bigint"),
    ("change_id", "bigint"),
    ("level", "bigint"),
    ("importance", "text"),
];
const USER_COLS: &[(&str, &str)] = &[
    ("id", "bigint"),
    ("email", "text"),
    ("display_name", "text"),
    ("password_hash", "text"),
    ("locale", "text"),
    ("email_confirmed_at", "bigint"),
    ("created_at", "bigint"),
    ("record_key", "bigint"),
];
const ORG_MEMBER_COLS: &[(&str, &str)] = &[
    ("org_id", "bigint"),
    ("user_id", "bigint"),
    ("role", "text"),
    ("created_at", "bigint"),
];
const PROFILE_COLS: &[(&str, &str)] = &[
    ("org_id", "bigint"),
    ("user_id", "bigint"),
    ("role_id", "bigint"),
    ("share_with_employer", "boolean"),
    ("manager_may_assess", "boolean"),
];

/// What the load wrote and how long it took.
struct Loaded {
    secs: f64,
    assessments: u64,
    requirements: u64,
    assessments_secs: f64,
    token: String,
}

/// Writes the plan into a migrated database.
async fn load(db: &Db, plan: &Plan) -> anyhow::Result<Loaded> {
    let start = Instant::now();
    let now = plan.now;
    let mut b = Batch::new(db, "networks", NETWORK_COLS);
    b.push((
        1,
        SLUG,
        "Lernregion Thüringen und Nachbarn (Benchmark)",
        "2.000 Betriebe, 100.000 Beschäftigte",
        "koordination@bench.example",
        5,
        2,
        now,
    ))
    .await?;
    b.flush().await?;
    let mut b = Batch::new(db, "network_districts", NETWORK_DISTRICT_COLS);
    for d in &plan.districts {
        b.push((1, d)).await?;
    }
    b.flush().await?;
    let mut b = Batch::new(db, "competence_areas", AREA_COLS);
    for (a, (de, en)) in AREA_NAMES.iter().enumerate() {
        b.push((a + 1, 1, format!("area{}", a + 1), de, en, a))
            .await?;
    }
    b.flush().await?;
    let mut b = Batch::new(db, "competences", COMPETENCE_COLS);
    for c in 0..COMPETENCES {
        let (area, n) = (c / PER_AREA, c % PER_AREA + 1);
        b.push((
            c + 1,
            1,
            area + 1,
            format!("c{}_{n:02}", area + 1),
            format!("{} {n}", AREA_NAMES[area].0),
            format!("{} {n}", AREA_NAMES[area].1),
            format!(
                "Kann Aufgaben aus dem Bereich {} sicher ausführen.",
                AREA_NAMES[area].0
            ),
            "Das kann ich bei der Arbeit.",
            c >= COMPETENCES - SENSITIVE,
            n,
        ))
        .await?;
    }
    b.flush().await?;
    let mut b = Batch::new(db, "level_descriptors", LEVEL_COLS);
    for (l, (de, en)) in [
        ("Keine Kenntnisse", "None"),
        ("Grundkenntnisse", "Basic"),
        ("Anwenden mit Anleitung", "With guidance"),
        ("Selbstständig", "Independent"),
        ("Expertise", "Expert"),
    ]
    .iter()
    .enumerate()
    {
        b.push((1, l, de, en)).await?;
    }
    b.flush().await?;

    let mut orgs = Batch::new(db, "organizations", ORG_COLS);
    let mut members = Batch::new(db, "network_members", MEMBER_COLS);
    let mut roles = Batch::new(db, "job_roles", ROLE_COLS);
    let mut changes = Batch::new(db, "org_changes", CHANGE_COLS);
    for c in &plan.companies {
        let name = c.name();
        orgs.push((
            c.id,
            &name,
            lernregion::networks::domain::search_key(&name),
            "company",
            c.sector,
            c.size,
            &c.place.code,
            &c.place.name,
            &plan.districts[c.district],
            c.place.lat,
            c.place.lon,
            now,
            now,
        ))
        .await?;
        members.push((1, c.id, "approved", now, now)).await?;
        for (r, name) in ROLE_NAMES.iter().enumerate() {
            roles.push((c.role(r), c.id, name, now)).await?;
        }
        for (k, (id, day)) in c.changes.iter().enumerate() {
            let (title, tech) = [
                ("Roboterzelle", "robotics"),
                ("Vernetzte Maschinendaten", "mes"),
            ][k % 2];
            changes.push((id, c.id, title, tech, day, now)).await?;
        }
    }
    orgs.flush().await?;
    members.flush().await?;
    roles.flush().await?;
    changes.flush().await?;

    // Every role requires every competence; a third from a change's day.
    let mut reqs = Batch::new(db, "role_requirements", REQUIREMENT_COLS);
    for c in &plan.companies {
        let mut rng = StdRng::seed_from_u64(0x7265_7100 ^ c.id as u64);
        for r in 0..ROLES_PER_COMPANY {
            for comp in 1..=COMPETENCES as i64 {
                let change = rng
                    .random_bool(0.3)
                    .then(|| c.changes[rng.random_range(0..c.changes.len())].0);
                let importance = ["low", "medium", "high"][rng.random_range(0..3)];
                reqs.push((
                    c.role(r),
                    comp,
                    change,
                    rng.random_range(1..=4_i64),
                    importance,
                ))
                .await?;
            }
        }
    }
    let requirements = reqs.flush().await?;

    let mut users = Batch::new(db, "users", USER_COLS);
    let mut org_members = Batch::new(db, "org_members", ORG_MEMBER_COLS);
    let mut profiles = Batch::new(db, "employee_profiles", PROFILE_COLS);
    let mut assessments = AssessmentRows::default();
    let mut assessments_secs = 0.0;
    for c in &plan.companies {
        let mut rng = StdRng::seed_from_u64(0x7065_6f70 ^ c.id as u64);
        let mut rows = Vec::with_capacity(c.people * COMPETENCES);
        for p in 0..c.people as i64 {
            let user = c.first_user + p;
            let i = user as usize;
            users
                .push((
                    user,
                    format!("p{user}@beschaeftigte.example"),
                    format!(
                        "{} {}",
                        FIRST_NAMES[i % FIRST_NAMES.len()],
                        LAST_NAMES[i * 7 / FIRST_NAMES.len() % LAST_NAMES.len()]
                    ),
                    "!",
                    "de",
                    now,
                    now,
                    i64::from(rng.random::<u32>()),
                ))
                .await?;
            org_members.push((c.id, user, "employee", now)).await?;
            let role = pick(&mut rng, &[(0, 60), (1, 25), (2, 15)]);
            let share = rng.random_bool(0.3);
            profiles
                .push((
                    c.id,
                    user,
                    c.role(role),
                    share,
                    share && rng.random_bool(0.5),
                ))
                .await?;
            for comp in 1..=COMPETENCES as i64 {
                let on = plan.today - rng.random_range(0..1_000);
                rows.push([
                    c.id,
                    user,
                    comp,
                    rng.random_range(0..=4),
                    on,
                    on * 86_400 + rng.random_range(25_000..70_000),
                ]);
            }
        }
        // Parents first: the assessments refer to users and memberships.
        users.flush().await?;
        org_members.flush().await?;
        profiles.flush().await?;
        let t = Instant::now();
        for row in rows {
            assessments.push(db, row).await?;
        }
        assessments_secs += t.elapsed().as_secs_f64();
    }
    let t = Instant::now();
    let written = assessments.flush(db).await?;
    assessments_secs += t.elapsed().as_secs_f64();

    // The company admin: a real password, and an API token stored hashed
    // through the crate's own functions.
    let company = &plan.companies[plan.company];
    let admin = plan.people as i64 + 1;
    let hash = lernregion::auth::password::hash(ADMIN_PASSWORD.to_owned()).await?;
    let mut b = Batch::new(db, "users", USER_COLS);
    b.push((
        admin,
        ADMIN_EMAIL,
        "Personalleitung",
        hash,
        "de",
        now,
        now,
        12_345,
    ))
    .await?;
    b.flush().await?;
    let mut b = Batch::new(db, "org_members", ORG_MEMBER_COLS);
    b.push((company.id, admin, "admin", now)).await?;
    b.flush().await?;
    if let Db::Postgres(pool) = db {
        // Explicit ids: the identity sequences must follow.
        for table in [
            "networks",
            "competence_areas",
            "competences",
            "organizations",
            "job_roles",
            "org_changes",
            "users",
        ] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            )))
            .execute(pool)
            .await?;
        }
    }
    let token = lernregion::web::random_token(32);
    lernregion::auth::queries::create_api_token(
        db,
        UserId(admin),
        "Benchmark",
        &lernregion::web::token_hash(&token),
        now,
    )
    .await?;
    Ok(Loaded {
        secs: start.elapsed().as_secs_f64(),
        assessments: written,
        requirements,
        assessments_secs,
        token,
    })
}

// ---------------------------------------------------------------------------
// HTTP.

struct Server {
    addr: SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
    handle: tokio::task::JoinHandle<anyhow::Result<()>>,
}

async fn start_server(url: &str, live: bool) -> anyhow::Result<Server> {
    let settings = Settings {
        bind: "127.0.0.1:0".parse()?,
        database_url: url.to_owned(),
        live_regional_figures: live,
        log_format: "json".into(),
        ..Settings::default()
    };
    let app = Application::build(settings).await?;
    let addr = app.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let handle = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    Ok(Server { addr, stop, handle })
}

impl Server {
    async fn shut_down(self) {
        let _ = self.stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(30), self.handle).await;
    }
}

struct Http {
    client: reqwest::Client,
    base: String,
}

impl Http {
    fn new(addr: SocketAddr, cookies: bool) -> anyhow::Result<Http> {
        let client = reqwest::Client::builder()
            .cookie_store(cookies)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(Duration::from_secs(3_600))
            .build()?;
        Ok(Http {
            client,
            base: format!("http://{addr}"),
        })
    }

    /// One GET: status and body.
    async fn get(&self, path: &str, bearer: Option<&str>) -> anyhow::Result<(u16, Vec<u8>)> {
        let mut req = self.client.get(format!("{}{path}", self.base));
        if let Some(t) = bearer {
            req = req.bearer_auth(t);
        }
        let r = req.send().await?;
        let status = r.status().as_u16();
        Ok((status, r.bytes().await?.to_vec()))
    }

    async fn ok(&self, path: &str, bearer: Option<&str>) -> anyhow::Result<Vec<u8>> {
        let (status, body) = self.get(path, bearer).await?;
        anyhow::ensure!(
            status == 200,
            "GET {path}: {status} {}",
            String::from_utf8_lossy(&body[..body.len().min(300)])
        );
        Ok(body)
    }

    /// Logs in through the form, as a browser does.
    async fn login(&self, email: &str, password: &str) -> anyhow::Result<()> {
        let page = String::from_utf8(self.ok("/konto/anmelden", None).await?)?;
        let doc = scraper::Html::parse_document(&page);
        let sel = scraper::Selector::parse("input[name=_csrf]")
            .map_err(|e| anyhow::anyhow!("selector: {e:?}"))?;
        let token = doc
            .select(&sel)
            .find_map(|e| e.value().attr("value"))
            .ok_or_else(|| anyhow::anyhow!("no CSRF token on the login page"))?
            .to_owned();
        let r = self
            .client
            .post(format!("{}/konto/anmelden", self.base))
            .form(&[("email", email), ("password", password), ("_csrf", &token)])
            .send()
            .await?;
        anyhow::ensure!(r.status().as_u16() == 303, "login answered {}", r.status());
        Ok(())
    }
}

/// Timings of one kind of request.
struct Timed {
    name: String,
    p50: f64,
    p99: f64,
    max: f64,
    bytes: usize,
}

/// `ROUNDS` timed GETs after `WARM_UP` untimed ones; each must answer 200.
async fn timed(http: &Http, name: &str, path: &str, bearer: Option<&str>) -> anyhow::Result<Timed> {
    for _ in 0..WARM_UP {
        http.ok(path, bearer).await?;
    }
    let mut ms = Vec::with_capacity(ROUNDS);
    let mut bytes = 0;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        bytes = http.ok(path, bearer).await?.len();
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(Timed {
        name: name.to_owned(),
        p50: percentile(ms.clone(), 50.0),
        p99: percentile(ms.clone(), 99.0),
        max: percentile(ms, 100.0),
        bytes,
    })
}

/// The first request that computes: every answer until the first 200.
struct First {
    /// (status, seconds since the request was sent) of each attempt.
    attempts: Vec<(u16, f64)>,
    secs: f64,
    peak: f64,
    rss_before: f64,
    rss_after: f64,
}

impl First {
    fn describe(&self) -> String {
        let failed: Vec<String> = self
            .attempts
            .iter()
            .filter(|a| a.0 != 200)
            .map(|(s, t)| format!("{s} after {t:.1} s"))
            .collect();
        let before = if failed.is_empty() {
            String::new()
        } else {
            format!(" (first answered {}; then retried)", failed.join(", "))
        };
        format!("{:.2} s until 200{before}", self.secs)
    }
}

fn json(body: &[u8]) -> anyhow::Result<serde_json::Value> {
    Ok(serde_json::from_slice(body)?)
}

/// Competences and shown cells in a demand answer.
fn demand_summary(v: &serde_json::Value) -> String {
    let comps = v["competences"].as_array().map_or(&[][..], Vec::as_slice);
    let cells: usize = comps
        .iter()
        .map(|c| c["districts"].as_array().map_or(0, Vec::len))
        .sum();
    let shown: usize = comps
        .iter()
        .flat_map(|c| c["districts"].as_array().map_or(&[][..], Vec::as_slice))
        .filter(|d| !d["figures"].is_null())
        .count();
    let totals = comps.iter().filter(|c| !c["total"].is_null()).count();
    format!(
        "{} competences, {shown} of {cells} district cells and {totals} totals shown, as of {}",
        comps.len(),
        v["as_of"].as_str().unwrap_or("?")
    )
}

/// Everything measured on one backend.
struct Report {
    backend: &'static str,
    load: Loaded,
    db_mib: f64,
    company_people: usize,
    first: First,
    lines: Vec<Timed>,
    baseline_p50: f64,
    live: Vec<(u16, f64, f64)>,
    breakdown: Vec<(String, f64)>,
}

async fn database_mib(db: &Db, sqlite_path: Option<&std::path::Path>) -> anyhow::Result<f64> {
    Ok(match (db, sqlite_path) {
        (Db::Sqlite(_), Some(path)) => {
            let mut bytes = 0;
            for suffix in ["", "-wal"] {
                bytes +=
                    std::fs::metadata(format!("{}{suffix}", path.display())).map_or(0, |m| m.len());
            }
            bytes as f64 / 1_048_576.0
        }
        (Db::Postgres(pool), _) => {
            let bytes: i64 = sqlx::query_scalar("SELECT pg_database_size(current_database())")
                .fetch_one(pool)
                .await?;
            bytes as f64 / 1_048_576.0
        }
        _ => f64::NAN,
    })
}

/// The query plan of the assessment stream the regional figures read.
async fn assessment_plan(db: &Db) -> anyhow::Result<Vec<String>> {
    let sql = people::REGIONAL_ASSESSMENTS;
    Ok(match db {
        Db::Sqlite(pool) => {
            let rows: Vec<(i64, i64, i64, String)> =
                sqlx::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
                    .bind(1i64)
                    .fetch_all(pool)
                    .await?;
            rows.into_iter().map(|r| r.3).collect()
        }
        Db::Postgres(pool) => {
            sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(format!("EXPLAIN {sql}")))
                .bind(1i64)
                .fetch_all(pool)
                .await?
        }
    })
}

/// Where the time of a computation goes, in process on the app's pool
/// options: the rows read, then the protected cube.
async fn breakdown(url: &str, today: i64) -> anyhow::Result<Vec<(String, f64)>> {
    let db = Db::connect(url).await?;
    let network = nq::network_by_slug(&db, SLUG)
        .await?
        .ok_or_else(|| anyhow::anyhow!("network {SLUG} missing"))?;
    let mut out = Vec::new();
    let t = Instant::now();
    let people = people::regional_people(&db, network.id).await?;
    out.push((
        format!("regional_people ({} rows)", people.len()),
        t.elapsed().as_secs_f64(),
    ));
    drop(people);
    let t = Instant::now();
    let reqs = people::regional_requirements(&db, network.id).await?;
    out.push((
        format!("regional_requirements ({} rows)", reqs.len()),
        t.elapsed().as_secs_f64(),
    ));
    drop(reqs);
    let comps: Vec<_> = lernregion::competences::queries::competences(&db, network.id)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let index = analysis::column_index(&comps);
    let t = Instant::now();
    let actual = people::regional_actual_levels(&db, network.id, &index, today).await?;
    out.push((
        "regional_actual_levels (every assessment, streamed)".into(),
        t.elapsed().as_secs_f64(),
    ));
    drop(actual);
    let t = Instant::now();
    let inputs = region::RegionalInputs::load(&db, &network, today)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    out.push((
        "RegionalInputs::load (all of the above)".into(),
        t.elapsed().as_secs_f64(),
    ));
    let t = Instant::now();
    let figures = inputs.figures(Protection::regional(
        network.min_group_size,
        network.noise_range,
    ));
    out.push((
        "the protected cube from the inputs (figures)".into(),
        t.elapsed().as_secs_f64(),
    ));
    drop(figures);
    drop(inputs);
    db.close().await;
    Ok(out)
}

async fn run_backend(
    backend: &'static str,
    url: &str,
    load_db: Db,
    sqlite_path: Option<&std::path::Path>,
    plan: &Plan,
) -> anyhow::Result<Report> {
    println!("{backend}:");
    let loaded = load(&load_db, plan).await?;
    let company = &plan.companies[plan.company];
    let t = Instant::now();
    match &load_db {
        Db::Sqlite(pool) => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(pool)
                .await?;
        }
        Db::Postgres(pool) => {
            sqlx::raw_sql("VACUUM (ANALYZE)").execute(pool).await?;
        }
    }
    let db_mib = database_mib(&load_db, sqlite_path).await?;
    let plans = assessment_plan(&load_db).await?;
    load_db.close().await;
    println!(
        "  loaded {} assessments, {} requirements, {} people in {:.1} s (assessments {:.1} s = {:.0} rows/s); {} {:.1} s; database {db_mib:.0} MiB",
        loaded.assessments,
        loaded.requirements,
        plan.people,
        loaded.secs,
        loaded.assessments_secs,
        loaded.assessments as f64 / loaded.assessments_secs.max(1e-9),
        if backend == "sqlite" {
            "checkpoint"
        } else {
            "VACUUM (ANALYZE)"
        },
        t.elapsed().as_secs_f64()
    );
    println!("  query plan of the assessment stream:");
    for p in &plans {
        println!("    {p}");
    }

    // 1. The first regional request: the day's figures are computed.
    let rss_before = rss_kib("VmRSS:") as f64 / 1024.0;
    reset_peak();
    let server = start_server(url, false).await?;
    let http = Http::new(server.addr, false)?;
    let start = Instant::now();
    let mut attempts = Vec::new();
    let body = loop {
        let sent = Instant::now();
        let (status, body) = http.get("/n/bench/bedarf", None).await?;
        attempts.push((status, sent.elapsed().as_secs_f64()));
        if status == 200 {
            break body;
        }
        anyhow::ensure!(
            start.elapsed() < Duration::from_secs(3_600),
            "no figures after an hour: {attempts:?}"
        );
    };
    let first = First {
        attempts,
        secs: start.elapsed().as_secs_f64(),
        peak: peak_mib(),
        rss_before,
        rss_after: rss_kib("VmRSS:") as f64 / 1024.0,
    };
    println!(
        "  1. first GET /n/bench/bedarf: {}, {} bytes; peak resident {:.0} MiB (before {:.0} MiB, after {:.0} MiB)",
        first.describe(),
        body.len(),
        first.peak,
        first.rss_before,
        first.rss_after
    );

    // Checks: the answers carry figures.
    let demand = json(&http.ok("/api/v1/networks/bench/demand", None).await?)?;
    println!("     demand API, unfiltered: {}", demand_summary(&demand));
    let demand = json(
        &http
            .ok("/api/v1/networks/bench/demand?sector=25&size=medium", None)
            .await?,
    )?;
    println!(
        "     demand API, sector=25&size=medium: {}",
        demand_summary(&demand)
    );
    let needs_path = format!("/api/v1/organizations/{}/needs", company.id);
    let needs = json(&http.ok(&needs_path, Some(&loaded.token)).await?)?;
    let roles = needs["roles"].as_array().map_or(&[][..], Vec::as_slice);
    let shown = roles
        .iter()
        .flat_map(|r| r["cells"].as_array().map_or(&[][..], Vec::as_slice))
        .filter(|c| !c["figures"].is_null())
        .count();
    println!(
        "     company {} ({} employees, sector {}, size {}): {} roles, {shown} role cells shown, {} competences with a total, {} priorities",
        company.id,
        company.people,
        company.sector.unwrap_or("none"),
        company.size.unwrap_or("none"),
        roles.len(),
        needs["competences"]
            .as_array()
            .map_or(0, |c| c.iter().filter(|c| !c["total"].is_null()).count()),
        needs["priorities"].as_array().map_or(0, Vec::len)
    );

    // 2.–4. Repeated requests, the baseline first.
    let mut lines = Vec::new();
    let scenarios: Vec<(&str, String, Option<&str>)> = vec![
        (
            "baseline GET /api/v1/networks/bench",
            "/api/v1/networks/bench".into(),
            None,
        ),
        ("page /n/bench/bedarf", "/n/bench/bedarf".into(), None),
        (
            "page /n/bench/bedarf?sector=25&size=medium",
            "/n/bench/bedarf?sector=25&size=medium".into(),
            None,
        ),
        ("API …/demand", "/api/v1/networks/bench/demand".into(), None),
        (
            "API …/demand?sector=25",
            "/api/v1/networks/bench/demand?sector=25".into(),
            None,
        ),
        (
            "API …/demand?sector=25&size=medium",
            "/api/v1/networks/bench/demand?sector=25&size=medium".into(),
            None,
        ),
        (
            "API /organizations/{id}/needs (bearer)",
            needs_path.clone(),
            Some(loaded.token.as_str()),
        ),
    ];
    for (name, path, bearer) in &scenarios {
        let t = timed(&http, name, path, *bearer).await?;
        println!(
            "  {:<46} p50 {:>8.2} ms  p99 {:>8.2} ms  max {:>8.2} ms  {:>7} B",
            t.name, t.p50, t.p99, t.max, t.bytes
        );
        lines.push(t);
    }
    // The page, logged in as the company's admin.
    let browser = Http::new(server.addr, true)?;
    browser.login(ADMIN_EMAIL, ADMIN_PASSWORD).await?;
    for (name, path) in [
        (
            "page /organisationen/{id}/kompetenzbedarf",
            format!("/organisationen/{}/kompetenzbedarf", company.id),
        ),
        (
            "baseline, logged in (session lookup)",
            "/api/v1/networks/bench".to_owned(),
        ),
    ] {
        let t = timed(&browser, name, &path, None).await?;
        println!(
            "  {:<46} p50 {:>8.2} ms  p99 {:>8.2} ms  max {:>8.2} ms  {:>7} B",
            t.name, t.p50, t.p99, t.max, t.bytes
        );
        lines.push(t);
    }
    // The baseline once more, after everything else.
    let after = timed(
        &http,
        "baseline GET /api/v1/networks/bench (after)",
        "/api/v1/networks/bench",
        None,
    )
    .await?;
    println!(
        "  {:<46} p50 {:>8.2} ms  p99 {:>8.2} ms  max {:>8.2} ms  {:>7} B",
        after.name, after.p50, after.p99, after.max, after.bytes
    );
    lines.push(after);
    let baseline_p50 = (lines[0].p50 + lines[lines.len() - 1].p50) / 2.0;
    drop(browser);
    drop(http);

    // 5. Without the daily reference date: a second node that computes at
    // every request.
    let live_server = start_server(url, true).await?;
    let live_http = Http::new(live_server.addr, false)?;
    let mut live = Vec::new();
    for _ in 0..LIVE_ROUNDS {
        reset_peak();
        let t = Instant::now();
        let (status, _) = live_http.get("/api/v1/networks/bench/demand", None).await?;
        live.push((status, t.elapsed().as_secs_f64(), peak_mib()));
        println!(
            "  5. live node, GET /api/v1/networks/bench/demand: {status} after {:.2} s, peak {:.0} MiB",
            t.elapsed().as_secs_f64(),
            peak_mib()
        );
    }
    drop(live_http);
    live_server.shut_down().await;
    server.shut_down().await;
    let breakdown = breakdown(url, plan.today).await?;
    println!("  in process, where a computation's time goes:");
    for (what, secs) in &breakdown {
        println!("    {what:<56} {secs:>7.2} s");
    }
    Ok(Report {
        backend,
        load: loaded,
        db_mib,
        company_people: company.people,
        first,
        lines,
        baseline_p50,
        live,
        breakdown,
    })
}

fn verdict(ok: bool) -> &'static str {
    if ok { "target met" } else { "target MISSED" }
}

fn print_report(r: &Report) {
    println!();
    println!(
        "{}: baseline p50 {:.2} ms (mean of before and after); loaded in {:.0} s, database {:.0} MiB",
        r.backend, r.baseline_p50, r.load.secs, r.db_mib
    );
    println!(
        "| request | p50 ms | p99 ms | max ms | p50 ÷ baseline p50 | p99 ÷ baseline p50 | bytes |"
    );
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| first GET /n/bench/bedarf (computes the day's figures) | {:.0} | | | {:.0}× | | |",
        r.first.secs * 1000.0,
        r.first.secs * 1000.0 / r.baseline_p50
    );
    for t in &r.lines {
        println!(
            "| {} | {:.2} | {:.2} | {:.2} | {:.1}× | {:.1}× | {} |",
            t.name,
            t.p50,
            t.p99,
            t.max,
            t.p50 / r.baseline_p50,
            t.p99 / r.baseline_p50,
            t.bytes
        );
    }
    for (i, (status, secs, _)) in r.live.iter().enumerate() {
        println!(
            "| live node, GET …/demand #{} ({status}) | {:.0} | | | {:.0}× | | |",
            i + 1,
            secs * 1000.0,
            secs * 1000.0 / r.baseline_p50
        );
    }
    let regional = r
        .lines
        .iter()
        .filter(|t| {
            (t.name.contains("bedarf") && !t.name.contains("kompetenzbedarf"))
                || t.name.contains("demand")
        })
        .map(|t| t.p99)
        .fold(0.0, f64::max);
    let company = r
        .lines
        .iter()
        .filter(|t| t.name.contains("needs") || t.name.contains("kompetenzbedarf"))
        .map(|t| t.p99)
        .fold(0.0, f64::max);
    let live_ok = r.live.iter().all(|l| l.0 == 200);
    let live_mean = r.live.iter().map(|l| l.1).sum::<f64>() / r.live.len().max(1) as f64;
    let peak_live = r.live.iter().map(|l| l.2).fold(0.0, f64::max);
    println!(
        "result {}: regional view, every request after the first: p99 at most {:.2} ms (target < 1 s: {})",
        r.backend,
        regional,
        verdict(regional < 1_000.0)
    );
    println!(
        "result {}: first regional request of the day {} (target < 1 s: {}); peak resident {:.0} MiB",
        r.backend,
        r.first.describe(),
        verdict(r.first.secs < 1.0),
        r.first.peak
    );
    println!(
        "result {}: company view ({} employees), API and page: p99 at most {:.2} ms (target < 50 ms: {})",
        r.backend,
        r.company_people,
        company,
        verdict(company < 50.0)
    );
    println!(
        "result {}: regional API computed at every request (live): mean {:.2} s{}, peak resident {:.0} MiB",
        r.backend,
        live_mean,
        if live_ok {
            ""
        } else {
            " (NOT ALL ANSWERED 200)"
        },
        peak_live
    );
    if let Some((_, secs)) = r
        .breakdown
        .iter()
        .find(|b| b.0.starts_with("regional_actual_levels"))
    {
        println!(
            "result {}: of a computation, reading every assessment alone takes {:.2} s",
            r.backend, secs
        );
    }
}

fn postgres_admin_url() -> String {
    std::env::var("LERNREGION_BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

async fn sqlite_run(plan: &Plan, path: &std::path::Path) -> anyhow::Result<Report> {
    let url = format!("sqlite://{}", path.display());
    // The real migrations, through the application's connection.
    let db = Db::connect(&url).await?;
    db.migrate().await?;
    db.close().await;
    // Loading on one connection without waiting for the disk.
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(&url)?
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Off)
        .foreign_keys(true)
        .pragma("cache_size", "-65536");
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    run_backend("sqlite", &url, Db::Sqlite(pool), Some(path), plan).await
}

async fn postgres_run(plan: &Plan) -> anyhow::Result<Report> {
    with_scratch_postgres("lernregion_bench_http", async |pool: &sqlx::PgPool| {
        let name: String = sqlx::query_scalar("SELECT current_database()")
            .fetch_one(pool)
            .await?;
        let mut url = url::Url::parse(&postgres_admin_url())?;
        url.set_path(&name);
        let db = Db::Postgres(pool.clone());
        db.migrate().await?;
        run_backend("postgres", url.as_str(), db, None, plan).await
    })
    .await
}

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes --bench; a filter argument is accepted and ignored.
    let people: usize = std::env::var("BENCH_PEOPLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let plan = plan(people)?;
    let company = &plan.companies[plan.company];
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    for c in &plan.companies {
        *sizes.entry(c.size.unwrap_or("unknown")).or_default() += 1;
    }
    let mut sizes: Vec<_> = sizes.into_iter().collect();
    sizes.sort();
    println!(
        "needs over HTTP: {COMPANIES} companies ({}), {people} employees, {COMPETENCES} competences, {} districts, {} assessments; \
         the company asked about: {} \"{}\" with {} employees",
        sizes
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", "),
        plan.districts.len(),
        people * COMPETENCES,
        company.id,
        company.name(),
        company.people
    );

    let path =
        std::env::temp_dir().join(format!("lernregion-bench-http-{}.db", std::process::id()));
    let sqlite = rt.block_on(sqlite_run(&plan, &path));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let sqlite = sqlite?;

    let reachable = rt.block_on(async {
        sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect(&postgres_admin_url())
            .await
            .map(drop)
    });
    let postgres = match reachable {
        Ok(()) => Some(rt.block_on(postgres_run(&plan))?),
        Err(e) => {
            println!("postgres skipped: {e}");
            None
        }
    };

    print_report(&sqlite);
    if let Some(pg) = &postgres {
        print_report(pg);
    }
    Ok(())
}
