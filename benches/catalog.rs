//! Benchmark of the training catalog (issue: catalog, search, matching,
//! pooling, gap report, funding advisor).
//!
//! Builds a catalog of 100,000 offerings in a SQLite database: the demo
//! region's 325 offerings, each copied ~308 times with its competences,
//! moved a little in place and time. Then, in one run:
//!
//! 1. the full re-index of all offerings (database → documents → index),
//!    and the index build alone;
//! 2. in-process search: p50/p99 over a mix of German queries (words,
//!    compounds, typos, facets, radius, sorting);
//! 3. the same mix over HTTP against the real server (`/api/v1/…/offerings`)
//!    from 16 keep-alive connections: requests/s and latency;
//! 4. the baseline: PostgreSQL full-text search (`german` configuration, GIN
//!    index) on the same offerings and words (hits, total and format counts);
//! 5. one person's recommendations (8 gaps, ranked over every offering that
//!    builds one of them);
//! 6. pooling 10,000 open needs of 100,000 employees' companies.
//!
//! Peak memory is the resident high-water mark per phase.
//!
//! Run: `cargo bench --bench catalog` (PostgreSQL from
//! LERNREGION_BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres;
//! skipped with a note when unreachable). BENCH_COPIES scales the catalog,
//! BENCH_SECONDS the HTTP run (default 10).

// Test and benchmark code may panic on what cannot happen: a panic here
// fails the run, which is the point. The server's own code may not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use lernregion::{
    catalog::{
        domain::{CompetenceLookup, Format},
        import, import_job, indexer,
        pooling::{self, Need, PoolParams},
        ranking::{self, Candidate, GapNeed, Person, Weights},
        recommend,
        search::{Near, OfferingDoc, SearchIndex, SearchQuery, Sort},
    },
    config::Settings,
    db::Db,
    ids::{CompetenceId, NetworkId},
    startup::Application,
};
use rand::{Rng, SeedableRng, rngs::StdRng};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

mod common;
use common::{measure, peak_mib, percentile, reset_peak, rss_kib, with_scratch_postgres};

/// What people type, with the filters they tick: (words, query string extra).
const QUERIES: [(&str, &str); 16] = [
    ("Schweißen", ""),
    ("Roboter", ""),
    ("CNC Fräsen", ""),
    ("SPS", "&format=on_site"),
    ("Schweisen", ""),
    ("Datenanalyse", "&part_time=1"),
    ("Deutsch", ""),
    ("Excel", "&sort=start"),
    ("", "&plz=99734&radius=25&sort=distance"),
    ("Instandhaltung", "&plz=99085&radius=50"),
    ("Qualitätsmanagement", ""),
    ("3D-Druck", ""),
    ("IT-Sicherheit", "&funding=1"),
    ("Führung", ""),
    ("Robotik Programmierung", "&format=on_site&format=blended"),
    ("", ""),
];

fn copies() -> i64 {
    std::env::var("BENCH_COPIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(308)
}

/// The demo region plus `copies` shifted copies of its offerings.
async fn catalog_db(path: &std::path::Path) -> anyhow::Result<Db> {
    let url = format!("sqlite://{}", path.display());
    let db = Db::connect(&url).await?;
    db.migrate().await?;
    lernregion::demo::load(&db).await?;
    let Db::Sqlite(pool) = &db else {
        unreachable!()
    };
    let copies = copies();
    // Ids far above the demo's, so one copy's offering id derives from the
    // original's and its competences can be copied along.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
         INSERT INTO offerings (id, provider_id, external_id, title, description, format, start_day, end_day,
           schedule, hours_total, hours_per_week, part_time, evenings, weekends, street, postal_code, city,
           district_ags, lat, lon, language, price_cents, certificate, azav, step_free, childcare,
           plain_language, min_participants, max_participants, url, status, created_at, updated_at)
         SELECT 1000000 + i * 1000 + o.id, o.provider_id, 'K' || i || '-' || o.id, o.title || ' (' || i || ')', o.description, o.format,
           o.start_day + (i % 180), o.end_day + (i % 180), o.schedule, o.hours_total, o.hours_per_week,
           o.part_time, o.evenings, o.weekends, o.street, o.postal_code, o.city, o.district_ags,
           o.lat + ((i % 21) - 10) * 0.01, o.lon + ((i % 17) - 8) * 0.01, o.language,
           o.price_cents + (i % 7) * 1000, o.certificate, o.azav, o.step_free, o.childcare, o.plain_language,
           o.min_participants, o.max_participants, o.url, o.status, o.created_at + i, o.updated_at + i
         FROM offerings o, n WHERE o.id < 1000000",
    )
    .bind(copies)
    .execute(pool)
    .await?;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
         INSERT INTO offering_competences (offering_id, competence_id, level)
         SELECT 1000000 + i * 1000 + c.offering_id, c.competence_id, c.level
         FROM offering_competences c, n WHERE c.offering_id < 1000000",
    )
    .bind(copies)
    .execute(pool)
    .await?;
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok(db)
}

/// The in-process query for one entry of [`QUERIES`] (what the finder
/// parses from the same query string).
fn query(network: i64, (words, extra): (&str, &str), today: i32) -> SearchQuery {
    let has = |k: &str| extra.contains(k);
    let formats = extra
        .split('&')
        .filter_map(|p| p.strip_prefix("format="))
        .map(str::to_owned)
        .collect();
    let near = if has("plz=99734") {
        Some(Near {
            lat: 51.505,
            lon: 10.791,
            radius_km: 25.0,
        })
    } else if has("plz=99085") {
        Some(Near {
            lat: 50.99,
            lon: 11.04,
            radius_km: 50.0,
        })
    } else {
        None
    };
    SearchQuery {
        network_id: Some(network),
        text: words.to_owned(),
        formats,
        part_time: has("part_time=1"),
        funding_eligible: has("funding=1"),
        near,
        include_online: true,
        starts_from: Some(today),
        sort: if has("sort=distance") {
            Sort::Distance
        } else if has("sort=start") {
            Sort::StartDate
        } else {
            Sort::Relevance
        },
        offset: 0,
        limit: 20,
        ..SearchQuery::default()
    }
}

fn report_latencies(what: &str, mut micros: Vec<f64>) {
    micros.sort_by(f64::total_cmp);
    println!(
        "  {what}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms over {} queries",
        percentile(micros.clone(), 50.0) / 1000.0,
        percentile(micros.clone(), 99.0) / 1000.0,
        micros.last().copied().unwrap_or_default() / 1000.0,
        micros.len()
    );
}

/// Keep-alive HTTP/1.1 GETs on one connection until `stop`; latencies in µs.
async fn http_client(
    addr: std::net::SocketAddr,
    paths: Arc<Vec<String>>,
    seed: u64,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<(Vec<f64>, u64)> {
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut buf = vec![0u8; 1 << 16];
    let mut latencies = Vec::new();
    let mut errors = 0;
    while !stop.load(Ordering::Relaxed) {
        let path = &paths[rng.random_range(0..paths.len())];
        let start = Instant::now();
        stream
            .write_all(
                format!("GET {path} HTTP/1.1\r\nHost: bench\r\nAccept: application/json\r\n\r\n")
                    .as_bytes(),
            )
            .await?;
        // Headers, then exactly Content-Length bytes of body.
        let mut have = 0;
        let (head_end, length, ok) = loop {
            let n = stream.read(&mut buf[have..]).await?;
            anyhow::ensure!(n > 0, "server closed the connection");
            have += n;
            if let Some(end) = buf[..have].windows(4).position(|w| w == b"\r\n\r\n") {
                let head = std::str::from_utf8(&buf[..end])?.to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .ok_or_else(|| anyhow::anyhow!("no content-length in {head}"))?;
                break (end + 4, length, head.starts_with("http/1.1 200"));
            }
            if have == buf.len() {
                buf.resize(buf.len() * 2, 0);
            }
        };
        let total = head_end + length;
        if buf.len() < total {
            buf.resize(total, 0);
        }
        while have < total {
            let n = stream.read(&mut buf[have..total]).await?;
            anyhow::ensure!(n > 0, "server closed the connection");
            have += n;
        }
        if ok {
            latencies.push(start.elapsed().as_secs_f64() * 1e6);
        } else {
            errors += 1;
        }
    }
    Ok((latencies, errors))
}

fn url_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn postgres_baseline(
    docs: &[OfferingDoc],
    words: &[&str],
) -> anyhow::Result<(Vec<f64>, f64)> {
    with_scratch_postgres("lr_bench_catalog", async |pool: &sqlx::PgPool| {
        let pool = pool.clone();
        sqlx::query(
            "CREATE TABLE offerings (id BIGINT PRIMARY KEY, network_id BIGINT NOT NULL, title TEXT NOT NULL,
               description TEXT NOT NULL, competences TEXT NOT NULL, format TEXT NOT NULL,
               tsv tsvector GENERATED ALWAYS AS (
                 setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('german', competences), 'B')
                 || setweight(to_tsvector('german', description), 'C')) STORED)",
        )
        .execute(&pool)
        .await?;
        for chunk in docs.chunks(10_000) {
            sqlx::query("INSERT INTO offerings (id, network_id, title, description, competences, format)
                         SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])")
                .bind(chunk.iter().map(|d| d.id).collect::<Vec<_>>())
                .bind(chunk.iter().map(|d| d.network_id).collect::<Vec<_>>())
                .bind(chunk.iter().map(|d| d.title.clone()).collect::<Vec<_>>())
                .bind(chunk.iter().map(|d| d.description.clone()).collect::<Vec<_>>())
                .bind(chunk.iter().map(|d| d.competences.join(" ")).collect::<Vec<_>>())
                .bind(chunk.iter().map(|d| d.format.clone()).collect::<Vec<_>>())
                .execute(&pool)
                .await?;
        }
        let start = Instant::now();
        sqlx::query("CREATE INDEX offerings_tsv ON offerings USING GIN (tsv)").execute(&pool).await?;
        sqlx::query("ANALYZE offerings").execute(&pool).await?;
        let index_secs = start.elapsed().as_secs_f64();
        let network = docs.first().map(|d| d.network_id).unwrap_or_default();
        let mut micros = Vec::new();
        for round in 0..20 {
            for w in words {
                let start = Instant::now();
                let hits = sqlx::query(
                    "SELECT id, ts_rank(tsv, q) AS r FROM offerings, plainto_tsquery('german', $1) q
                     WHERE network_id = $2 AND ($1 = '' OR tsv @@ q) ORDER BY r DESC, id LIMIT 20",
                )
                .bind(w)
                .bind(network)
                .fetch_all(&pool)
                .await?;
                let facets: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT format, COUNT(*) FROM offerings, plainto_tsquery('german', $1) q
                     WHERE network_id = $2 AND ($1 = '' OR tsv @@ q) GROUP BY format",
                )
                .bind(w)
                .bind(network)
                .fetch_all(&pool)
                .await?;
                let total: i64 = facets.iter().map(|(_, n)| n).sum();
                if round > 0 {
                    micros.push(start.elapsed().as_secs_f64() * 1e6);
                }
                std::hint::black_box((hits.len(), total));
            }
        }
        Ok((micros, index_secs))
    })
    .await
}

fn main() -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let dir = std::env::temp_dir().join(format!("lr-bench-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("catalog.db");
    let result = run(&rt, &path);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run(rt: &tokio::runtime::Runtime, path: &std::path::Path) -> anyhow::Result<()> {
    let today = i32::try_from(lernregion::kernel::days::day_of(lernregion::db::now()))?;

    let start = Instant::now();
    let db = rt.block_on(catalog_db(path))?;
    println!(
        "catalog: generated in {:.1} s",
        start.elapsed().as_secs_f64()
    );

    // 1. Full re-index: from the database, and the index build alone.
    reset_peak();
    let start = Instant::now();
    let (docs, _) = rt.block_on(indexer::documents(&db, None))?;
    let read_secs = start.elapsed().as_secs_f64();
    let network = docs.iter().map(|d| d.network_id).min().unwrap_or_default();
    let index = SearchIndex::in_memory()?;
    let ((), build_secs, peak) = measure(|| index.rebuild(docs.clone(), 0).expect("rebuild"));
    index.wait_for_merges()?;
    println!(
        "1. full re-index of {} offerings: {:.2} s (read from SQLite {read_secs:.2} s + index {build_secs:.2} s); peak {peak:.0} MiB",
        docs.len(),
        read_secs + build_secs
    );

    // 2. In-process search.
    let queries: Vec<SearchQuery> = QUERIES.iter().map(|q| query(network, *q, today)).collect();
    for q in &queries {
        index.search(q)?; // warm
    }
    reset_peak();
    let mut micros = Vec::new();
    let start = Instant::now();
    for _ in 0..200 {
        for q in &queries {
            let t = Instant::now();
            std::hint::black_box(index.search(q)?);
            micros.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    let per_sec = micros.len() as f64 / start.elapsed().as_secs_f64();
    println!(
        "2. in-process search ({per_sec:.0} queries/s on one thread; peak {:.0} MiB):",
        peak_mib()
    );
    report_latencies("all queries", micros.clone());
    let text_only: Vec<f64> = micros
        .chunks(QUERIES.len())
        .flat_map(|round| {
            round
                .iter()
                .zip(QUERIES.iter())
                .filter(|(_, q)| q.1.is_empty() && !q.0.is_empty())
                .map(|(m, _)| *m)
        })
        .collect();
    report_latencies("words only", text_only.clone());
    drop(index);

    // 3. HTTP, 16 connections, against the real server on this database.
    let seconds: u64 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let (rps, http_micros, errors, state) = rt.block_on(async {
        let settings = Settings {
            bind: "127.0.0.1:0".parse()?,
            database_url: format!("sqlite://{}", path.display()),
            log_format: "json".into(),
            ..Settings::default()
        };
        let start = Instant::now();
        let app = Application::build(settings).await?;
        let addr = app.local_addr()?;
        let state = app.state().clone();
        tokio::spawn(app.run_until(std::future::pending()));
        // The node builds its index at start; wait for it.
        state.search.catch_up(&state.db).await?;
        println!(
            "3. server start with index build: {:.2} s",
            start.elapsed().as_secs_f64()
        );
        let slug: String = match &db {
            Db::Sqlite(p) => {
                sqlx::query_scalar("SELECT slug FROM networks WHERE id = $1")
                    .bind(network)
                    .fetch_one(p)
                    .await?
            }
            Db::Postgres(_) => unreachable!(),
        };
        let paths: Arc<Vec<String>> = Arc::new(
            QUERIES
                .iter()
                .map(|(w, extra)| {
                    format!(
                        "/api/v1/networks/{slug}/offerings?q={}{extra}",
                        url_encode(w)
                    )
                })
                .collect(),
        );
        // The client runs on its own thread and runtime, as a separate
        // process would; it shares the machine's two cores with the server.
        let stop = Arc::new(AtomicBool::new(false));
        let client = {
            let (paths, stop) = (paths.clone(), stop.clone());
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("client runtime");
                rt.block_on(async move {
                    let tasks: Vec<_> = (0..16)
                        .map(|i| tokio::spawn(http_client(addr, paths.clone(), i, stop.clone())))
                        .collect();
                    let mut all = Vec::new();
                    let mut errors = 0;
                    for t in tasks {
                        let (l, e) = t.await.expect("client task").expect("client");
                        all.extend(l);
                        errors += e;
                    }
                    (all, errors)
                })
            })
        };
        reset_peak();
        tokio::time::sleep(Duration::from_secs(seconds)).await;
        stop.store(true, Ordering::Relaxed);
        let (latencies, errors) = client.join().expect("client thread");
        Ok::<_, anyhow::Error>((
            latencies.len() as f64 / seconds as f64,
            latencies,
            errors,
            state,
        ))
    })?;
    println!(
        "   HTTP at 16 connections for {seconds} s: {rps:.0} requests/s, {errors} errors; peak {:.0} MiB (server and client)",
        peak_mib()
    );
    report_latencies("HTTP", http_micros);

    // 4. Baseline: PostgreSQL full-text search on the same offerings.
    let words: Vec<&str> = QUERIES.iter().map(|q| q.0).collect();
    match rt.block_on(postgres_baseline(&docs, &words)) {
        Ok((pg, index_secs)) => {
            let ours = percentile(text_only.clone(), 50.0);
            println!("4. baseline PostgreSQL FTS (german, GIN; GIN build {index_secs:.2} s):");
            report_latencies("PostgreSQL FTS (hits + format counts)", pg.clone());
            println!(
                "   ratio in-process / PostgreSQL at p50: {:.3} (all queries), {:.3} (words only)",
                percentile(micros.clone(), 50.0) / percentile(pg.clone(), 50.0),
                ours / percentile(pg, 50.0)
            );
        }
        Err(e) => println!("4. baseline PostgreSQL FTS skipped: {e}"),
    }

    // 5. One person's recommendations.
    let mut rng = StdRng::seed_from_u64(7);
    let competences: Vec<CompetenceId> = rt
        .block_on(async {
            match &db {
                Db::Sqlite(p) => {
                    sqlx::query_scalar(
                        "SELECT DISTINCT competence_id FROM offering_competences ORDER BY 1",
                    )
                    .fetch_all(p)
                    .await
                }
                Db::Postgres(_) => unreachable!(),
            }
        })?
        .into_iter()
        .map(CompetenceId)
        .collect();
    let builds: Vec<(i64, i64, i64)> = rt.block_on(async {
        match &db {
            Db::Sqlite(p) => {
                sqlx::query_as("SELECT offering_id, competence_id, level FROM offering_competences")
                    .fetch_all(p)
                    .await
            }
            Db::Postgres(_) => unreachable!(),
        }
    })?;
    let mut by_offering: std::collections::HashMap<i64, Vec<(i64, u8, Option<u8>)>> =
        Default::default();
    for (o, c, l) in builds {
        by_offering
            .entry(o)
            .or_default()
            .push((c, u8::try_from(l).unwrap_or(0), None));
    }
    let needs: Vec<GapNeed> = (0..8)
        .map(|i| GapNeed {
            competence: competences[(i * 7) % competences.len()].0,
            actual: Some(rng.random_range(0..2)),
            target: 3,
            priority: 1.0 + f64::from(i as u8),
        })
        .collect();
    let wanted: std::collections::HashSet<i64> = needs.iter().map(|n| n.competence).collect();
    let candidates: Vec<Candidate> = docs
        .iter()
        .filter_map(|d| {
            let b = by_offering.get(&d.id)?;
            b.iter()
                .any(|(c, _, _)| wanted.contains(c))
                .then(|| Candidate {
                    id: d.id,
                    builds: b.clone(),
                    format: Format::parse(&d.format).unwrap_or(Format::OnSite),
                    location: d.location,
                    part_time: d.part_time,
                    evenings: d.evenings,
                    weekends: d.weekends,
                    start_any_time: d.start_day.is_none(),
                    price_cents: d.price_cents,
                    net_cost_cents: d.price_cents / 2,
                    funding: d.funding_eligible.then(|| ("§ 82 SGB III".to_owned(), 50)),
                })
        })
        .collect();
    let person = Person {
        home: Some((51.505, 10.791)),
        work: Some((51.37, 10.86)),
        rural: true,
        needs_part_time: true,
        evenings_ok: true,
        weekends_ok: false,
        shift_work: false,
        max_km: 50.0,
    };
    let weights = Weights::default();
    let mut times = Vec::new();
    reset_peak();
    for _ in 0..50 {
        let t = Instant::now();
        std::hint::black_box(ranking::recommend(
            &needs,
            &person,
            &candidates,
            &weights,
            10,
        ));
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    println!(
        "5. one person's recommendations (8 gaps, {} candidate offerings): p50 {:.3} ms, p99 {:.3} ms; peak {:.0} MiB",
        candidates.len(),
        percentile(times.clone(), 50.0) / 1000.0,
        percentile(times, 99.0) / 1000.0,
        peak_mib()
    );

    // 5b. The same as the app does it: candidates from the node's memory,
    // ranked at full price, funding worked out for the shortlist, ranked
    // again.
    let gap_ids: Vec<CompetenceId> = needs.iter().map(|n| CompetenceId(n.competence)).collect();
    let programmes = rt.block_on(lernregion::funding::queries::current(&db))?;
    let mut times = Vec::new();
    let mut found_n = 0;
    for _ in 0..20 {
        let t = Instant::now();
        let found = state.search.candidates(&[NetworkId(network)], &gap_ids);
        found_n = found.len();
        let who = recommend::Applicant {
            age: Some(50),
            company_employees: Some(30),
        };
        std::hint::black_box(recommend::rank_with_funding(
            &needs,
            &person,
            &found,
            &programmes,
            who,
            i64::from(today),
            10,
        ));
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    println!(
        "5b. the app's path (candidates from memory, ranked at full price, funding for the best {}, ranked again; {found_n} candidates): p50 {:.1} ms, p99 {:.1} ms",
        recommend::FUNDING_SHORTLIST,
        percentile(times.clone(), 50.0) / 1000.0,
        percentile(times, 99.0) / 1000.0
    );

    // 6. Pooling 10,000 open needs (100,000 employees in 2,000 companies;
    // one in ten has an open need in the network's top competences).
    let districts: Vec<(String, (f64, f64))> = (0..6)
        .map(|i| {
            (
                format!("160{i}{i}"),
                (51.0 + f64::from(i) * 0.1, 10.5 + f64::from(i) * 0.15),
            )
        })
        .collect();
    let open: Vec<Need> = (0..10_000)
        .map(|_| {
            let person = rng.random_range(0..100_000_i64);
            let company = person % 2_000;
            let (district, (lat, lon)) = &districts[(company % 6) as usize];
            let from = rng.random_range(0..3);
            Need {
                company,
                person,
                competence: competences[rng.random_range(0..competences.len().min(40))].0,
                from,
                to: from + rng.random_range(1..=2),
                location: (
                    lat + rng.random_range(-0.15..0.15),
                    lon + rng.random_range(-0.2..0.2),
                ),
                district: district.clone(),
            }
        })
        .collect();
    let params = PoolParams::default();
    let mut times = Vec::new();
    let mut cohorts = 0;
    reset_peak();
    for _ in 0..10 {
        let t = Instant::now();
        cohorts = pooling::pool(&open, &params).len();
        times.push(t.elapsed().as_secs_f64());
    }
    println!(
        "6. pooling {} open needs: {cohorts} cohorts, p50 {:.1} ms, max {:.1} ms; peak {:.0} MiB",
        open.len(),
        percentile(times.clone(), 50.0) * 1000.0,
        percentile(times, 100.0) * 1000.0,
        peak_mib()
    );
    rt.block_on(import_with_course_numbers(
        &db,
        NetworkId(network),
        i64::from(today),
    ))?;
    println!(
        "resident at the end: {:.0} MiB",
        rss_kib("VmRSS:") as f64 / 1024.0
    );
    Ok(())
}

/// Phase 7: a provider's upload of 1,000 rows with course numbers (500 update
/// offerings of the same file uploaded before, 500 are new), into a
/// provider that holds every offering of the benchmark (the look-up by
/// course number must stay flat) and, as the baseline in the same run, into
/// an organisation without offerings. Breakdown: parsing and checking the
/// file (pure), and the one transaction that saves it.
async fn import_with_course_numbers(db: &Db, network: NetworkId, today: i64) -> anyhow::Result<()> {
    let Db::Sqlite(pool) = db else { unreachable!() };
    let big: i64 = sqlx::query_scalar(
        "SELECT provider_id FROM offerings GROUP BY provider_id ORDER BY COUNT(*) DESC LIMIT 1",
    )
    .fetch_one(pool)
    .await?;
    // Every offering of the benchmark (each with its own course number)
    // becomes this provider's, as in the audit's catalogue of 100,000.
    sqlx::query("UPDATE offerings SET provider_id = $1")
        .bind(big)
        .execute(pool)
        .await?;
    let empty: i64 = sqlx::query_scalar("SELECT MIN(id) FROM organizations WHERE id <> $1")
        .bind(big)
        .fetch_one(pool)
        .await?;
    let competences = lernregion::competences::queries::competences(db, network).await?;
    let lookup = CompetenceLookup::new(competences.into_iter().map(|c| (c.id, c.code)));
    let file = |from: usize, to: usize| {
        let mut csv = String::from(
            "external_id;title;competences;format;start_date;hours_total;postal_code;city;price_eur\n",
        );
        for i in from..to {
            csv.push_str(&format!("IMP-{i};Schweißen Teil {i};cnc_machining_fundamentals:2;on_site;2031-05-03;16;99734;Nordhausen;100\n"));
        }
        csv
    };
    let progress = lernregion::catalog::queries::Progress::default();
    let mut per_row = Vec::new();
    for (who, org) in [("baseline, no offerings", empty), ("100k offerings", big)] {
        let org = lernregion::ids::OrganizationId(org);
        let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM offerings WHERE provider_id = $1")
            .bind(org)
            .fetch_one(pool)
            .await?;
        let first = import_job::check(
            import::parse(&file(0, 500)).map_err(|e| anyhow::anyhow!("{e:?}"))?,
            &lookup,
            today,
        )
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        import_job::save(db, org, &first, &progress, None).await?;
        let text = file(0, 1000);
        let t = Instant::now();
        let rows = import::parse(&text).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let checked =
            import_job::check(rows, &lookup, today).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let check_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let counts = import_job::save(db, org, &checked, &progress, None).await?;
        let save_ms = t.elapsed().as_secs_f64() * 1000.0;
        anyhow::ensure!(counts.created == 500 && counts.updated == 500, "{counts:?}");
        let ms = (check_ms + save_ms) / 1000.0;
        per_row.push(ms);
        println!(
            "7. import of 1,000 rows with course numbers ({who}: provider held {held}): {:.3} ms a row (parse and check {check_ms:.0} ms, save in one transaction {save_ms:.0} ms)",
            ms
        );
    }
    println!(
        "   per row at 100k / baseline: {:.2}×",
        per_row[1] / per_row[0]
    );
    Ok(())
}
