//! Benchmark of the ideas module (issue: idea map, idea list and idea pages
//! at the scale of a whole region).
//!
//! Builds, in a SQLite file with the demo region, 50,000 published ideas in
//! the demo network's public campaign (spread over its six districts, around
//! the towns and in between, with categories, labs and official answers),
//! 500,000 comments and 1,000,000 ratings from 2,000 people; the counters on
//! the idea rows match the rows written. One idea has exactly 200 comments.
//! Then, in one run:
//!
//! 1. the build of the map index from the database (the first map request
//!    after any change to the map), and in process what a request does
//!    with it: clustering, filtering, the cached answer; the parts of a
//!    list request and of the idea page (rows, rules, comments, Markdown);
//! 2. over HTTP against the real server, from 16 keep-alive connections for
//!    BENCH_SECONDS each: the map data for the whole region, for one
//!    district (filter), for one district's view at zoom 11 and for views
//!    panned at random (never cached), the filtered list (district,
//!    category, status) and the list searched by a word, the idea page
//!    (HTML, plain and brotli as browsers ask) and the idea (JSON) with 200
//!    comments, and the whole region's map while the map changes every 2 s;
//!    p50/p99 and requests/s; then the main ones from one connection, for
//!    the time of a request without queueing;
//! 3. the baseline in the same run: GET /api/v1/networks/{slug} (a small
//!    JSON answer from three indexed queries) over the same connections,
//!    before and after the rest; every figure is also given as a ratio
//!    against it. In process, the baseline is the plain SQL query reading
//!    every public idea's (id, lat, lon) of the network.
//!
//! Peak memory is the resident high-water mark per phase (client and server
//! share the process, as they share the machine's two cores).
//!
//! Run: `cargo bench --bench ideas`. BENCH_IDEAS scales the data (default
//! 50000; comments 10×, ratings 20×), BENCH_SECONDS the HTTP runs (default
//! 10); BENCH_ONLY=<part of a name> runs only the HTTP scenarios so named
//! (and the baseline), e.g. for a profiler.

// Test and benchmark code may panic on what cannot happen: a panic here
// fails the run, which is the point. The server's own code may not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use lernregion::{
    config::Settings,
    db::Db,
    demo::DEMO_NETWORK,
    ideas::{
        access::Access,
        clusters::Bounds,
        map::{self, Filter},
        queries,
    },
    ids::{IdeaId, NetworkId},
    regions::locate::district_at,
    startup::Application,
};
use rand::{Rng, SeedableRng, rngs::StdRng};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

mod common;
use common::{FIRST_NAMES, LAST_NAMES, peak_mib, percentile, reset_peak, rss_kib};

/// People who comment and rate (ratings are unique per idea and person).
const USERS: i64 = 2_000;
/// Comments of the idea whose page is measured.
const BIG_IDEA_COMMENTS: u32 = 200;
const CONNECTIONS: usize = 16;

/// Towns of the demo network's districts: (AGS, name, lat, lon).
const TOWNS: [(&str, &str, f64, f64); 18] = [
    ("16061", "Heilbad Heiligenstadt", 51.378, 10.138),
    ("16061", "Leinefelde-Worbis", 51.388, 10.327),
    ("16061", "Dingelstädt", 51.316, 10.316),
    ("16062", "Nordhausen", 51.505, 10.791),
    ("16062", "Ellrich", 51.586, 10.668),
    ("16062", "Bleicherode", 51.440, 10.574),
    ("16063", "Eisenach", 50.975, 10.320),
    ("16063", "Bad Salzungen", 50.812, 10.233),
    ("16063", "Ruhla", 50.892, 10.367),
    ("16064", "Mühlhausen", 51.209, 10.459),
    ("16064", "Bad Langensalza", 51.108, 10.646),
    ("16064", "Schlotheim", 51.246, 10.660),
    ("16065", "Sondershausen", 51.370, 10.871),
    ("16065", "Artern", 51.364, 11.292),
    ("16065", "Bad Frankenhausen", 51.356, 11.101),
    ("16067", "Gotha", 50.949, 10.702),
    ("16067", "Waltershausen", 50.898, 10.557),
    ("16067", "Ohrdruf", 50.827, 10.733),
];
/// A box around the six districts: (south, west, north, east).
const REGION: (f64, f64, f64, f64) = (50.60, 9.85, 51.66, 11.45);
/// The district of Gotha as a map shows it.
const GOTHA_VIEW: (f64, f64, f64, f64) = (50.74, 10.40, 51.10, 10.98);

const THEMES: [&str; 16] = [
    "Lernwerkstatt",
    "Weiterbildungsbus",
    "Mentoring-Programm",
    "Sprachcafé",
    "Lerninsel",
    "Kompetenzpass",
    "Azubi-Tandem",
    "Mitfahrbörse zu Kursen",
    "Lernzeit-Modell",
    "Offene Werkstatt",
    "Digitalsprechstunde",
    "Robotik-Schnupperkurs",
    "Lernvideo-Reihe",
    "Weiterbildungslotsen",
    "Meisterkurs in Teilzeit",
    "Erfahrungsbörse",
];
const GROUPS: [&str; 10] = [
    "für Schichtarbeit",
    "für Ältere",
    "für Auszubildende",
    "für Quereinsteiger",
    "für neue Führungskräfte",
    "für das Handwerk",
    "für Pflegekräfte",
    "für Eltern in Teilzeit",
    "für Zugewanderte",
    "für kleine Betriebe",
];
const SENTENCES: [&str; 10] = [
    "Kurze Lerneinheiten direkt am Arbeitsplatz, damit niemand extra anfahren muss.",
    "Betriebe der Region teilen sich **Räume, Technik und Lernbegleitung**.",
    "Erfahrene Beschäftigte geben ihr Wissen an Jüngere weiter – und umgekehrt.",
    "Die Termine liegen so, dass sie zu allen Schichten passen.",
    "Ein Bus mit WLAN und Laptops fährt die Dörfer im Kreis an.",
    "Die Kammer bescheinigt, was gelernt wurde, damit es auch beim nächsten Betrieb zählt.",
    "Förderung über das Qualifizierungschancengesetz wird gleich mit beantragt.",
    "Wer mitmacht, bekommt zwei Stunden Lernzeit im Monat.",
    "Die Volkshochschule übernimmt die Organisation, die Betriebe stellen die Fachleute.",
    "Ein Jahr Probelauf, danach entscheidet der Verbund über die Fortsetzung.",
];
const COMMENTS: [&str; 10] = [
    "Gute Idee, bei uns im Betrieb wäre das sofort gefragt.",
    "Wie soll das in kleinen Betrieben mit fünf Leuten funktionieren?",
    "Das haben wir letztes Jahr ausprobiert – **mit Erfolg**.",
    "Bitte auch an die Kolleginnen und Kollegen in der Nachtschicht denken.",
    "Wer übernimmt die Kosten, wenn die Förderung ausläuft?",
    "Ich wäre als Lernbegleiterin dabei.",
    "Die Anfahrt ist für viele das größte Problem, das würde helfen.",
    "Vielleicht zusammen mit der Berufsschule?",
    "Unser Betriebsrat unterstützt das ausdrücklich.",
    "Gibt es dazu schon eine Ansprechperson im Landratsamt?",
];
const ANSWERS: [&str; 6] = [
    "received",
    "review",
    "accepted",
    "working_group",
    "implemented",
    "not_pursued",
];
/// Words people search the list for.
const SEARCH_WORDS: [&str; 4] = ["werkstatt", "tandem", "sprach", "lotsen"];

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What the generator wrote, for the checks and the requests.
struct Generated {
    network: NetworkId,
    categories: Vec<i64>,
    big_idea: IdeaId,
    ideas: usize,
    comments: usize,
    ratings: usize,
}

/// `total` spread over `n` ideas around `mean` (pairs ± `spread`), the
/// first idea getting `first` when given; the sum is exactly `total`.
fn spread_counts(n: usize, total: usize, spread: usize, first: Option<u32>, cap: u32) -> Vec<u32> {
    let mean = total / n.max(1);
    let mut counts: Vec<u32> = (0..n)
        .map(|k| {
            let d = (k / 2 % (spread + 1)).min(mean) as u32;
            let m = mean as u32;
            if n % 2 == 1 && k == n - 1 {
                m
            } else if k % 2 == 0 {
                (m + d).min(cap)
            } else {
                m - d
            }
        })
        .collect();
    if let (Some(f), Some(c)) = (first, counts.first_mut()) {
        *c = f;
    }
    let start = usize::from(first.is_some());
    let mut sum: i64 = counts.iter().map(|&c| i64::from(c)).sum();
    let target = total as i64;
    let mut k = start;
    let mut idle = 0;
    while sum != target && idle <= n {
        let i = k % n;
        if i >= start {
            if sum > target && counts[i] > 0 {
                counts[i] -= 1;
                sum -= 1;
                idle = 0;
            } else if sum < target && counts[i] < cap {
                counts[i] += 1;
                sum += 1;
                idle = 0;
            } else {
                idle += 1;
            }
        }
        k += 1;
    }
    counts
}

/// One idea's ratings: (user offset, stars), the same every time it is
/// asked for, so the idea's counters and the rating rows agree.
fn ratings_of(k: usize, count: u32) -> impl Iterator<Item = (i64, i64)> {
    let mut rng = StdRng::seed_from_u64(0x5eed_0000 ^ k as u64);
    let start = rng.random_range(0..USERS);
    // Odd and not a multiple of 5: coprime to 2,000, so no one rates twice.
    let step = [7, 97, 311, 1013][rng.random_range(0..4)];
    let taste = rng.random_range(0..3);
    (0..i64::from(count)).map(move |j| {
        let stars = match rng.random_range(0..10) + taste {
            0 | 1 => 1,
            2 | 3 => 2,
            4 | 5 => 3,
            6..=8 => 4,
            _ => 5,
        };
        ((start + j * step) % USERS, stars)
    })
}

/// A place in one of the network's districts: near a town or in between.
fn place(rng: &mut StdRng, districts: &[String]) -> (f64, f64, String, String) {
    loop {
        let (lat, lon) = if rng.random_bool(0.6) {
            let (_, _, tlat, tlon) = TOWNS[rng.random_range(0..TOWNS.len())];
            (
                tlat + rng.random_range(-0.06..0.06),
                tlon + rng.random_range(-0.09..0.09),
            )
        } else {
            (
                rng.random_range(REGION.0..REGION.2),
                rng.random_range(REGION.1..REGION.3),
            )
        };
        let Some(ags) = district_at(lat, lon).filter(|a| districts.iter().any(|d| d == a)) else {
            continue;
        };
        // The nearest town of that district names the place.
        let town = TOWNS
            .iter()
            .filter(|t| t.0 == ags)
            .min_by(|a, b| {
                let da = (a.2 - lat).powi(2) + (a.3 - lon).powi(2);
                let db = (b.2 - lat).powi(2) + (b.3 - lon).powi(2);
                da.total_cmp(&db)
            })
            .map(|t| t.1)
            .unwrap_or("Nordthüringen");
        return (lat, lon, ags.to_owned(), town.to_owned());
    }
}

fn sentences(rng: &mut StdRng, from: &[&str], n: usize) -> String {
    (0..n)
        .map(|_| from[rng.random_range(0..from.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

async fn scalar(pool: &SqlitePool, sql: &'static str, bind: i64) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(sql).bind(bind).fetch_one(pool).await?)
}

/// Rows per statement and per transaction (SQLite allows 32,766 variables).
const COMMIT_ROWS: usize = 50_000;

/// The demo region plus `n` ideas with 10× comments and 20× ratings.
async fn generate(pool: &SqlitePool, n: usize) -> anyhow::Result<Generated> {
    let now = lernregion::db::now();
    let network: i64 = sqlx::query_scalar("SELECT id FROM networks WHERE slug = $1")
        .bind(DEMO_NETWORK)
        .fetch_one(pool)
        .await?;
    let campaign = scalar(
        pool,
        "SELECT id FROM idea_campaigns WHERE network_id = $1 AND org_id IS NULL ORDER BY id LIMIT 1",
        network,
    )
    .await?;
    let categories: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM idea_categories WHERE campaign_id = $1 ORDER BY position, id",
    )
    .bind(campaign)
    .fetch_all(pool)
    .await?;
    let labs: Vec<i64> = sqlx::query_scalar("SELECT id FROM idea_labs WHERE network_id = $1")
        .bind(network)
        .fetch_all(pool)
        .await?;
    let districts: Vec<String> =
        sqlx::query_scalar("SELECT ags FROM network_districts WHERE network_id = $1")
            .bind(network)
            .fetch_all(pool)
            .await?;
    anyhow::ensure!(
        !categories.is_empty(),
        "the demo campaign has no categories"
    );
    let next_id = async |table: &str| -> anyhow::Result<i64> {
        let sql = format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {table}");
        Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(pool)
            .await?)
    };
    let first_user = next_id("users").await?;
    let first_idea = next_id("ideas").await?;
    let first_comment = next_id("idea_comments").await?;

    // People.
    let mut tx = pool.begin().await?;
    for chunk in (0..USERS).collect::<Vec<_>>().chunks(5_000) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO users (id, email, display_name, password_hash, created_at) ",
        );
        q.push_values(chunk, |mut b, &u| {
            b.push_bind(first_user + u)
                .push_bind(format!("bench-{u}@ideen.example"))
                .push_bind(format!(
                    "{} {}",
                    FIRST_NAMES[u as usize % FIRST_NAMES.len()],
                    LAST_NAMES[u as usize / FIRST_NAMES.len() % LAST_NAMES.len()]
                ))
                .push_bind("!")
                .push_bind(now - 800 * 86_400);
        });
        q.build().execute(&mut *tx).await?;
    }
    tx.commit().await?;

    // Ideas, with the counters of the comments and ratings written below.
    let comment_counts = spread_counts(n, n * 10, 8, Some(BIG_IDEA_COMMENTS), 10_000);
    let rating_counts = spread_counts(n, n * 20, 15, None, USERS as u32);
    let mut rng = StdRng::seed_from_u64(42);
    let mut published = Vec::with_capacity(n);
    let mut tx = pool.begin().await?;
    let mut in_tx = 0;
    let mut k = 0;
    while k < n {
        let end = (k + 1_000).min(n);
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO ideas (id, campaign_id, category_id, lab_id, author_id, title, body, state, anonymous, lat, lon, \
             district_ags, place, answer_status, answer_text, answered_at, comment_count, rating_count, rating_sum, \
             reviewed, created_at, published_at, updated_at) ",
        );
        q.push_values(k..end, |mut b, k| {
            let (lat, lon, ags, town) = place(&mut rng, &districts);
            let at = now - rng.random_range(3_600..730 * 86_400);
            published.push(at);
            let answer = rng
                .random_bool(0.55)
                .then(|| ANSWERS[rng.random_range(0..ANSWERS.len())]);
            let answered_at = answer.map(|_| (at + rng.random_range(86_400..60 * 86_400)).min(now));
            let title = format!(
                "{} {} in {town}",
                THEMES[rng.random_range(0..THEMES.len())],
                GROUPS[rng.random_range(0..GROUPS.len())]
            );
            let sentences_n = rng.random_range(2..5);
            let rating_sum: i64 = ratings_of(k, rating_counts[k]).map(|(_, s)| s).sum();
            b.push_bind(first_idea + k as i64)
                .push_bind(campaign)
                .push_bind(categories[rng.random_range(0..categories.len())])
                .push_bind(
                    (!labs.is_empty() && rng.random_bool(0.05))
                        .then(|| labs[rng.random_range(0..labs.len())]),
                )
                .push_bind(first_user + rng.random_range(0..USERS))
                .push_bind(title)
                .push_bind(sentences(&mut rng, &SENTENCES, sentences_n))
                .push("'published'")
                .push_bind(rng.random_bool(0.1))
                .push_bind(lat)
                .push_bind(lon)
                .push_bind(ags)
                .push_bind(town)
                .push_bind(answer)
                .push_bind(if answer.is_some() {
                    "Danke! Die Koordination hat die Idee mit den Betrieben im Kreis besprochen."
                } else {
                    ""
                })
                .push_bind(answered_at)
                .push_bind(i64::from(comment_counts[k]))
                .push_bind(i64::from(rating_counts[k]))
                .push_bind(rating_sum)
                .push_bind(answer.is_some() || rng.random_bool(0.5))
                .push_bind(at - 600)
                .push_bind(at)
                .push_bind(answered_at.unwrap_or(at));
        });
        q.build().execute(&mut *tx).await?;
        in_tx += end - k;
        k = end;
        if in_tx >= COMMIT_ROWS {
            tx.commit().await?;
            tx = pool.begin().await?;
            in_tx = 0;
        }
    }
    tx.commit().await?;

    // Comments: in order of the ideas, a third of them replies to an
    // earlier comment on the same idea; the big idea's thread goes deep.
    let mut tx = pool.begin().await?;
    let mut in_tx = 0;
    let mut rows: Vec<(i64, i64, Option<i64>, i64, String, i64)> = Vec::with_capacity(4_000);
    let mut next_id = first_comment;
    let mut comments = 0;
    for k in 0..n {
        let count = comment_counts[k];
        let first = next_id;
        let at = published[k];
        let span = (now - at).max(1);
        for j in 0..i64::from(count) {
            let parent = (j > 0 && rng.random_bool(0.33)).then(|| first + rng.random_range(0..j));
            let words = rng.random_range(1..3);
            rows.push((
                next_id,
                first_idea + k as i64,
                parent,
                first_user + rng.random_range(0..USERS),
                sentences(&mut rng, &COMMENTS, words),
                at + span * (j + 1) / (i64::from(count) + 1),
            ));
            next_id += 1;
            if rows.len() == 4_000 {
                comments += insert_comments(&mut tx, &mut rows).await?;
                in_tx += 4_000;
            }
        }
        if in_tx >= COMMIT_ROWS {
            tx.commit().await?;
            tx = pool.begin().await?;
            in_tx = 0;
        }
    }
    comments += insert_comments(&mut tx, &mut rows).await?;
    tx.commit().await?;

    // Ratings.
    let mut tx = pool.begin().await?;
    let mut in_tx = 0;
    let mut rows: Vec<(i64, i64, i64, i64)> = Vec::with_capacity(7_000);
    let mut ratings = 0;
    for k in 0..n {
        for (u, stars) in ratings_of(k, rating_counts[k]) {
            rows.push((
                first_idea + k as i64,
                first_user + u,
                stars,
                published[k] + 3_600,
            ));
            if rows.len() == 7_000 {
                ratings += insert_ratings(&mut tx, &mut rows).await?;
                in_tx += 7_000;
            }
        }
        if in_tx >= COMMIT_ROWS * 2 {
            tx.commit().await?;
            tx = pool.begin().await?;
            in_tx = 0;
        }
    }
    ratings += insert_ratings(&mut tx, &mut rows).await?;
    tx.commit().await?;

    // As every write the map shows does: a new revision of the network's map.
    sqlx::query(
        "INSERT INTO idea_map_revisions (network_id, revision) VALUES ($1, 1) \
         ON CONFLICT (network_id) DO UPDATE SET revision = idea_map_revisions.revision + 1",
    )
    .bind(network)
    .execute(pool)
    .await?;
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok(Generated {
        network: NetworkId(network),
        categories,
        big_idea: IdeaId(first_idea),
        ideas: n,
        comments,
        ratings,
    })
}

/// A comment row: idea, author, parent, created, body, status flag.
type CommentRow = (i64, i64, Option<i64>, i64, String, i64);

async fn insert_comments(
    tx: &mut sqlx::Transaction<'_, Sqlite>,
    rows: &mut Vec<CommentRow>,
) -> anyhow::Result<usize> {
    if rows.is_empty() {
        return Ok(0);
    }
    let mut q = QueryBuilder::<Sqlite>::new(
        "INSERT INTO idea_comments (id, idea_id, parent_id, author_id, body, created_at) ",
    );
    q.push_values(
        rows.drain(..),
        |mut b, (id, idea, parent, author, body, at)| {
            b.push_bind(id)
                .push_bind(idea)
                .push_bind(parent)
                .push_bind(author)
                .push_bind(body)
                .push_bind(at);
        },
    );
    Ok(q.build().execute(&mut **tx).await?.rows_affected() as usize)
}

async fn insert_ratings(
    tx: &mut sqlx::Transaction<'_, Sqlite>,
    rows: &mut Vec<(i64, i64, i64, i64)>,
) -> anyhow::Result<usize> {
    if rows.is_empty() {
        return Ok(0);
    }
    let mut q = QueryBuilder::<Sqlite>::new(
        "INSERT INTO idea_ratings (idea_id, user_id, stars, updated_at) ",
    );
    q.push_values(rows.drain(..), |mut b, (idea, user, stars, at)| {
        b.push_bind(idea)
            .push_bind(user)
            .push_bind(stars)
            .push_bind(at);
    });
    Ok(q.build().execute(&mut **tx).await?.rows_affected() as usize)
}

/// Ideas whose counters do not match their comment and rating rows.
async fn inconsistent_counters(pool: &SqlitePool, network: NetworkId) -> anyhow::Result<i64> {
    scalar(
        pool,
        "SELECT COUNT(*) FROM ideas i JOIN idea_campaigns c ON c.id = i.campaign_id WHERE c.network_id = $1 AND (
           i.comment_count <> (SELECT COUNT(*) FROM idea_comments m WHERE m.idea_id = i.id AND m.hidden_reason = '')
           OR i.rating_count <> (SELECT COUNT(*) FROM idea_ratings r WHERE r.idea_id = i.id)
           OR i.rating_sum <> (SELECT COALESCE(SUM(r.stars), 0) FROM idea_ratings r WHERE r.idea_id = i.id))",
        network.0,
    )
    .await
}

/// What the map and the list must count: public, published ideas.
const PUBLIC_IDEAS: &str = "SELECT COUNT(*) FROM ideas i JOIN idea_campaigns c ON c.id = i.campaign_id \
     WHERE c.network_id = $1 AND c.org_id IS NULL AND i.state = 'published'";

// ---------------------------------------------------------------------------
// HTTP: a raw keep-alive client (as in the catalog benchmark), which also
// reads chunked answers.

/// Makes the path of the next request.
type Paths = Arc<dyn Fn(&mut StdRng) -> String + Send + Sync>;

fn fixed(paths: Vec<String>) -> Paths {
    Arc::new(move |rng: &mut StdRng| paths[rng.random_range(0..paths.len())].clone())
}

async fn fill(stream: &mut TcpStream, buf: &mut Vec<u8>, have: &mut usize) -> anyhow::Result<()> {
    if *have == buf.len() {
        buf.resize(buf.len() * 2, 0);
    }
    let n = stream.read(&mut buf[*have..]).await?;
    anyhow::ensure!(n > 0, "server closed the connection");
    *have += n;
    Ok(())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// One GET on the connection (asking for `encoding` when given, as
/// browsers ask for brotli): status, body length as sent, the body when
/// `keep`, and whether the server closes the connection.
async fn exchange(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    path: &str,
    encoding: Option<&str>,
    keep: bool,
) -> anyhow::Result<(u16, usize, Vec<u8>, bool)> {
    let accept = if path.starts_with("/api/") {
        "application/json"
    } else {
        "text/html"
    };
    let encoding = encoding
        .map(|e| format!("Accept-Encoding: {e}\r\n"))
        .unwrap_or_default();
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: bench\r\nAccept: {accept}\r\n{encoding}\r\n")
                .as_bytes(),
        )
        .await?;
    let mut have = 0;
    let head_end = loop {
        fill(stream, buf, &mut have).await?;
        if let Some(end) = find(&buf[..have], b"\r\n\r\n") {
            break end;
        }
    };
    let head = std::str::from_utf8(&buf[..head_end])?.to_ascii_lowercase();
    let status: u16 = head
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no status in {head}"))?;
    let header = |name: &str| {
        head.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
    };
    let close = header("connection:").is_some_and(|v| v == "close");
    let mut body = Vec::new();
    let mut pos = head_end + 4;
    if let Some(length) = header("content-length:").and_then(|v| v.parse::<usize>().ok()) {
        let total = pos + length;
        if buf.len() < total {
            buf.resize(total, 0);
        }
        while have < total {
            fill(stream, buf, &mut have).await?;
        }
        if keep {
            body.extend_from_slice(&buf[pos..total]);
        }
        return Ok((status, length, body, close));
    }
    anyhow::ensure!(
        header("transfer-encoding:").is_some_and(|v| v.contains("chunked")),
        "neither content-length nor chunked in {head}"
    );
    let mut length = 0;
    loop {
        let line_end = loop {
            if let Some(e) = find(&buf[pos..have], b"\r\n") {
                break pos + e;
            }
            fill(stream, buf, &mut have).await?;
        };
        let size_hex = std::str::from_utf8(&buf[pos..line_end])?;
        let size = usize::from_str_radix(size_hex.split(';').next().unwrap_or("").trim(), 16)?;
        let data = line_end + 2;
        while have < data + size + 2 {
            fill(stream, buf, &mut have).await?;
        }
        if size == 0 {
            return Ok((status, length, body, close));
        }
        if keep {
            body.extend_from_slice(&buf[data..data + size]);
        }
        length += size;
        pos = data + size + 2;
    }
}

/// One request on a fresh connection, for the checks.
async fn fetch(addr: SocketAddr, path: &str) -> anyhow::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(addr).await?;
    let mut buf = vec![0u8; 1 << 16];
    let (status, _, body, _) = exchange(&mut stream, &mut buf, path, None, true).await?;
    Ok((status, body))
}

#[derive(Default)]
struct Load {
    micros: Vec<f64>,
    errors: u64,
    bytes: u64,
}

/// Keep-alive GETs on one connection until `stop`; answers other than 200
/// and broken connections count as errors (and the connection is renewed).
async fn client(
    addr: SocketAddr,
    paths: Paths,
    encoding: Option<&'static str>,
    seed: u64,
    stop: Arc<AtomicBool>,
) -> Load {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut buf = vec![0u8; 1 << 16];
    let mut out = Load::default();
    let mut conn: Option<TcpStream> = None;
    while !stop.load(Ordering::Relaxed) {
        let stream = match conn.as_mut() {
            Some(s) => s,
            None => match TcpStream::connect(addr).await {
                Ok(s) => {
                    let _ = s.set_nodelay(true);
                    conn.insert(s)
                }
                Err(_) => {
                    out.errors += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let path = paths(&mut rng);
        let start = Instant::now();
        match exchange(stream, &mut buf, &path, encoding, false).await {
            Ok((status, len, _, close)) => {
                if status == 200 {
                    out.micros.push(start.elapsed().as_secs_f64() * 1e6);
                    out.bytes += len as u64;
                } else {
                    out.errors += 1;
                }
                if close {
                    conn = None;
                }
            }
            Err(_) => {
                out.errors += 1;
                conn = None;
            }
        }
    }
    out
}

struct Run {
    name: String,
    rps: f64,
    p50: f64,
    p99: f64,
    max: f64,
    errors: u64,
    mean_bytes: f64,
    peak: f64,
}

/// `connections` clients on their own thread and runtime (as a separate
/// process would be) for `seconds`, against the server on the other runtime.
fn http_run(
    name: &str,
    addr: SocketAddr,
    connections: usize,
    seconds: f64,
    paths: Paths,
    encoding: Option<&'static str>,
) -> anyhow::Result<Run> {
    let stop = Arc::new(AtomicBool::new(false));
    reset_peak();
    let start = Instant::now();
    let handle = {
        let stop = stop.clone();
        std::thread::spawn(move || -> anyhow::Result<Load> {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            rt.block_on(async move {
                let tasks: Vec<_> = (0..connections)
                    .map(|i| {
                        let c = client(addr, paths.clone(), encoding, i as u64 + 1, stop.clone());
                        tokio::spawn(c)
                    })
                    .collect();
                let mut all = Load::default();
                for t in tasks {
                    let l = t.await?;
                    all.micros.extend(l.micros);
                    all.errors += l.errors;
                    all.bytes += l.bytes;
                }
                Ok(all)
            })
        })
    };
    std::thread::sleep(Duration::from_secs_f64(seconds));
    stop.store(true, Ordering::Relaxed);
    let elapsed = start.elapsed().as_secs_f64();
    let load = handle
        .join()
        .map_err(|_| anyhow::anyhow!("client thread panicked"))??;
    let n = load.micros.len();
    Ok(Run {
        name: name.to_owned(),
        rps: n as f64 / elapsed,
        p50: percentile(load.micros.clone(), 50.0) / 1000.0,
        p99: percentile(load.micros.clone(), 99.0) / 1000.0,
        max: percentile(load.micros, 100.0) / 1000.0,
        errors: load.errors,
        mean_bytes: load.bytes as f64 / n.max(1) as f64,
        peak: peak_mib(),
    })
}

fn print_run(r: &Run) {
    println!(
        "   {:<44} {:>6.0} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>7.1} ms  {:>6.0} B/answer  {} errors  peak {:.0} MiB",
        r.name, r.rps, r.p50, r.p99, r.max, r.mean_bytes, r.errors, r.peak
    );
}

/// p50 and p99 in ms of `rounds` calls of `f` (after one warm-up call).
fn time_ms<T>(rounds: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    std::hint::black_box(f());
    let mut v = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let t = Instant::now();
        std::hint::black_box(f());
        v.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    (percentile(v.clone(), 50.0), percentile(v, 99.0))
}

async fn time_ms_async<T, F: std::future::Future<Output = anyhow::Result<T>>>(
    rounds: usize,
    mut f: impl FnMut() -> F,
) -> anyhow::Result<(f64, f64)> {
    std::hint::black_box(f().await?);
    let mut v = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let t = Instant::now();
        std::hint::black_box(f().await?);
        v.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok((percentile(v.clone(), 50.0), percentile(v, 99.0)))
}

/// Milliseconds, or microseconds below a tenth of one.
fn ms(v: f64) -> String {
    if v < 0.1 {
        format!("{:.1} µs", v * 1000.0)
    } else {
        format!("{v:.2} ms")
    }
}

fn json(body: &[u8]) -> anyhow::Result<serde_json::Value> {
    Ok(serde_json::from_slice(body)?)
}

fn verdict(ok: bool) -> &'static str {
    if ok { "target met" } else { "target MISSED" }
}

fn main() -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let dir = std::env::temp_dir().join(format!("lr-bench-ideas-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("ideas.db");
    let result = run(&rt, &path);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run(rt: &tokio::runtime::Runtime, path: &std::path::Path) -> anyhow::Result<()> {
    let n: usize = env_or("BENCH_IDEAS", 50_000_usize).max(1_000);
    let seconds: f64 = env_or("BENCH_SECONDS", 10.0_f64).max(1.0);
    let url = format!("sqlite://{}", path.display());

    // 0. The data.
    reset_peak();
    let start = Instant::now();
    let (db, g) = rt.block_on(async {
        let db = Db::connect(&url).await?;
        db.migrate().await?;
        lernregion::demo::load(&db).await?;
        let Db::Sqlite(pool) = &db else {
            anyhow::bail!("the benchmark writes SQLite")
        };
        let g = generate(pool, n).await?;
        Ok::<_, anyhow::Error>((db, g))
    })?;
    let Db::Sqlite(pool) = &db else {
        anyhow::bail!("the benchmark writes SQLite")
    };
    let gen_secs = start.elapsed().as_secs_f64();
    let (bad, expected, file_mib) = rt.block_on(async {
        let bad = inconsistent_counters(pool, g.network).await?;
        let expected = scalar(pool, PUBLIC_IDEAS, g.network.0).await?;
        let pages: i64 = sqlx::query_scalar(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
        )
        .fetch_one(pool)
        .await?;
        Ok::<_, anyhow::Error>((bad, expected, pages as f64 / 1_048_576.0))
    })?;
    println!(
        "0. generated {} ideas, {} comments, {} ratings, {USERS} people in {gen_secs:.1} s \
         ({file_mib:.0} MiB SQLite file; peak {:.0} MiB); {expected} public ideas in the network; \
         ideas with counters not matching their rows: {bad}",
        g.ideas,
        g.comments,
        g.ratings,
        peak_mib()
    );
    anyhow::ensure!(bad == 0, "the generator wrote inconsistent counters");

    // The server on the same file.
    let (addr, state) = rt.block_on(async {
        let settings = Settings {
            bind: "127.0.0.1:0".parse()?,
            database_url: url.clone(),
            log_format: "json".into(),
            ..Settings::default()
        };
        let app = Application::build(settings).await?;
        let addr = app.local_addr()?;
        let state = app.state().clone();
        tokio::spawn(app.run_until(std::future::pending()));
        Ok::<_, anyhow::Error>((addr, state))
    })?;
    let slug = DEMO_NETWORK;

    // 1. The map index: built on the first request after a change.
    let rss_before = rss_kib("VmRSS:");
    reset_peak();
    let start = Instant::now();
    let ix = rt.block_on(state.idea_maps.get(&state.db, g.network))?;
    let build_ms = start.elapsed().as_secs_f64() * 1000.0;
    let build_peak = peak_mib();
    let retained = (rss_kib("VmRSS:") as f64 - rss_before as f64) / 1024.0;
    // After a write: each one bumps the revision; the next request rebuilds.
    let mut rebuilds = Vec::new();
    for _ in 0..5 {
        rt.block_on(async {
            sqlx::query(
                "UPDATE idea_map_revisions SET revision = revision + 1 WHERE network_id = $1",
            )
            .bind(g.network)
            .execute(pool)
            .await?;
            let t = Instant::now();
            std::hint::black_box(state.idea_maps.get(&state.db, g.network).await?);
            rebuilds.push(t.elapsed().as_secs_f64() * 1000.0);
            Ok::<_, anyhow::Error>(())
        })?;
    }
    drop(ix);
    let ix = rt.block_on(state.idea_maps.get(&state.db, g.network))?;
    let (st, net) = (&state, g.network);
    let (rows_p50, rows_p99) = rt.block_on(time_ms_async(5, || async move {
        Ok::<_, anyhow::Error>(queries::map_rows(&st.db, net).await?.len())
    }))?;
    println!(
        "1. map index of {} ideas: first build {build_ms:.0} ms (peak {build_peak:.0} MiB, \
         about {retained:.0} MiB kept); rebuild after a write p50 {:.0} ms (reading the rows alone p50 {rows_p50:.0} ms, p99 {rows_p99:.0} ms)",
        ix.rows.len(),
        percentile(rebuilds.clone(), 50.0)
    );
    anyhow::ensure!(
        ix.rows.len() as i64 == expected,
        "the map index holds {} ideas, the database {expected}",
        ix.rows.len()
    );

    // In process, what a request does once it has the index.
    let filter = |q: &str| Filter::parse(&map::pairs(Some(q.to_owned()))).0;
    let category = g.categories[g.categories.len() / 2];
    let list_query = format!("district=16062&category={category}&status=new");
    let whole = Filter::default();
    let gotha = Bounds::new(GOTHA_VIEW.0, GOTHA_VIEW.1, GOTHA_VIEW.2, GOTHA_VIEW.3);
    let in_process = [
        (
            "cluster + JSON, whole region (uncached)",
            time_ms(30, || {
                serde_json::to_string(&ix.markers(&whole, None, 8)).map(|s| s.len())
            }),
        ),
        (
            "cluster + JSON, Gotha view at zoom 11 (uncached)",
            time_ms(30, || {
                serde_json::to_string(&ix.markers(&whole, gotha, 11)).map(|s| s.len())
            }),
        ),
        (
            "cached answer, whole region",
            time_ms(1_000, || ix.markers_json(&whole, None, 8).len()),
        ),
        (
            "list filter (district, category, status)",
            time_ms(100, || ix.matching(&filter(&list_query)).len()),
        ),
        (
            "list filter (word in title)",
            time_ms(100, || ix.matching(&filter("q=werkstatt")).len()),
        ),
    ];
    println!("   in process, with the index:");
    for (what, (p50, p99)) in &in_process {
        println!("   {what:<50} p50 {:>9}  p99 {:>9}", ms(*p50), ms(*p99));
    }
    let sql_baseline = rt.block_on(time_ms_async(30, || async move {
        let rows: Vec<(i64, Option<f64>, Option<f64>)> = sqlx::query_as(
            "SELECT i.id, i.lat, i.lon FROM ideas i JOIN idea_campaigns c ON c.id = i.campaign_id \
             WHERE c.network_id = $1 AND c.org_id IS NULL AND i.state = 'published'",
        )
        .bind(net)
        .fetch_all(pool)
        .await?;
        Ok::<_, anyhow::Error>(rows.len())
    }))?;
    println!(
        "   baseline: plain SQL reading every public idea's (id, lat, lon): p50 {:.1} ms, p99 {:.1} ms \
         (uncached whole-region clustering is {:.2}× that at p50)",
        sql_baseline.0,
        sql_baseline.1,
        in_process[0].1.0 / sql_baseline.0
    );
    // The index's rows as queries::map_rows reads them, but without its ORDER
    // BY and sorted in memory instead: whether the database's order is what
    // a rebuild pays for, or reading 50,000 rows through sqlx itself.
    type Row = (
        i64,
        i64,
        Option<i64>,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<f64>,
        Option<f64>,
        String,
        Option<i64>,
    );
    let unordered = rt.block_on(time_ms_async(5, || async move {
        let mut rows: Vec<Row> = sqlx::query_as(
            "SELECT i.id, i.campaign_id, i.category_id, i.lab_id, i.district_ags, i.answer_status, i.lat, i.lon, \
             i.title, i.published_at FROM ideas i JOIN idea_campaigns c ON c.id = i.campaign_id \
             WHERE c.network_id = $1 AND c.org_id IS NULL AND i.state = 'published'",
        )
        .bind(net)
        .fetch_all(pool)
        .await?;
        rows.sort_by(|a, b| b.9.cmp(&a.9).then(b.0.cmp(&a.0)));
        Ok::<_, anyhow::Error>(rows.len())
    }))?;
    println!(
        "   the index's rows without ORDER BY, sorted in memory: p50 {:.0} ms, p99 {:.0} ms \
         (queries::map_rows: p50 {rows_p50:.0} ms)",
        unordered.0, unordered.1
    );
    // Where a list request and an idea request spend their time, part by
    // part (each part alone, in process, without load).
    let big = g.big_idea;
    let campaign = rt
        .block_on(queries::idea(&state.db, big))?
        .map(|i| i.campaign_id)
        .ok_or_else(|| anyhow::anyhow!("idea {big} is gone"))?;
    let page_ids: Vec<IdeaId> = ix
        .matching(&filter(&list_query))
        .iter()
        .take(map::PAGE_SIZE)
        .map(|&i| ix.rows[i].id)
        .collect();
    let ids = &page_ids;
    let comment_rows = rt.block_on(queries::comments(&state.db, big))?;
    let mut parts = vec![
        (
            "list: the page's 50 rows (queries::ideas_by_ids)",
            rt.block_on(time_ms_async(50, || async move {
                Ok::<_, anyhow::Error>(queries::ideas_by_ids(&st.db, ids).await?.len())
            }))?,
        ),
        (
            "list and idea: the campaign's rules (Access::load)",
            rt.block_on(time_ms_async(50, || async move {
                Access::load(st, None, campaign)
                    .await
                    .map(|a| a.stage)
                    .map_err(|e| anyhow::anyhow!("{e:?}"))
            }))?,
        ),
        (
            "idea: the idea's row (queries::idea)",
            rt.block_on(time_ms_async(50, || async move {
                Ok::<_, anyhow::Error>(queries::idea(&st.db, big).await?.is_some())
            }))?,
        ),
        (
            "idea: its comments (queries::comments)",
            rt.block_on(time_ms_async(50, || async move {
                Ok::<_, anyhow::Error>(queries::comments(&st.db, big).await?.len())
            }))?,
        ),
    ];
    parts.push((
        "idea page: Markdown → safe HTML of the comments",
        time_ms(50, || {
            comment_rows
                .iter()
                .map(|c| lernregion::web::markdown::to_safe_html(&c.body).len())
                .sum::<usize>()
        }),
    ));
    // The same two steps as web::markdown, to tell them apart.
    let options =
        pulldown_cmark::Options::ENABLE_STRIKETHROUGH | pulldown_cmark::Options::ENABLE_TABLES;
    let markdown_only = |body: &str| {
        let mut raw = String::new();
        pulldown_cmark::html::push_html(&mut raw, pulldown_cmark::Parser::new_ext(body, options));
        raw
    };
    parts.push((
        "  of which Markdown alone (pulldown-cmark)",
        time_ms(50, || {
            comment_rows
                .iter()
                .map(|c| markdown_only(&c.body).len())
                .sum::<usize>()
        }),
    ));
    let mut cleaner = ammonia::Builder::default();
    cleaner
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer nofollow"));
    parts.push((
        "  the same with one ammonia::Builder kept",
        time_ms(50, || {
            comment_rows
                .iter()
                .map(|c| cleaner.clean(&markdown_only(&c.body)).to_string().len())
                .sum::<usize>()
        }),
    ));
    println!(
        "   the parts of a list request and of the idea with {} comments:",
        comment_rows.len()
    );
    for (what, (p50, p99)) in &parts {
        println!("   {what:<50} p50 {:>9}  p99 {:>9}", ms(*p50), ms(*p99));
    }

    // 2. HTTP. First every answer once: status and content.
    let map_path = format!("/api/v1/networks/{slug}/ideas/map");
    let list_path = format!("/api/v1/networks/{slug}/ideas");
    let gotha_view = format!(
        "{map_path}?south={}&west={}&north={}&east={}&zoom=11",
        GOTHA_VIEW.0, GOTHA_VIEW.1, GOTHA_VIEW.2, GOTHA_VIEW.3
    );
    let district_ideas = rt.block_on(async {
        Ok::<_, anyhow::Error>(
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM ideas i JOIN idea_campaigns c ON c.id = i.campaign_id \
                 WHERE c.network_id = $1 AND c.org_id IS NULL AND i.state = 'published' AND i.district_ags = '16067'",
            )
            .bind(g.network)
            .fetch_one(pool)
            .await?,
        )
    })?;
    let checks = rt.block_on(async {
        let mut out = Vec::new();
        let whole = json(&expect_ok(addr, &map_path).await?)?;
        let sum: u64 = whole["markers"]
            .as_array()
            .map(|m| m.iter().filter_map(|m| m["count"].as_u64()).sum())
            .unwrap_or(0);
        anyhow::ensure!(
            whole["total"].as_i64() == Some(expected)
                && sum as i64 == whole["located"].as_i64().unwrap_or(-1),
            "map of the region: total {} (expected {expected}), located {}, markers count {sum}",
            whole["total"],
            whole["located"]
        );
        out.push(format!(
            "map, whole region: total {}, {} markers adding up to {sum}",
            whole["total"],
            whole["markers"].as_array().map_or(0, Vec::len)
        ));
        let district = json(&expect_ok(addr, &format!("{map_path}?district=16067")).await?)?;
        anyhow::ensure!(
            district["total"].as_i64() == Some(district_ideas),
            "map of Gotha: total {} (expected {district_ideas})",
            district["total"]
        );
        out.push(format!(
            "map, district 16067: total {}, {} markers",
            district["total"],
            district["markers"].as_array().map_or(0, Vec::len)
        ));
        let view = json(&expect_ok(addr, &gotha_view).await?)?;
        out.push(format!(
            "map, Gotha's view at zoom 11: {} markers",
            view["markers"].as_array().map_or(0, Vec::len)
        ));
        let all = json(&expect_ok(addr, &list_path).await?)?;
        anyhow::ensure!(
            all["total"].as_i64() == Some(expected),
            "list: total {} (expected {expected})",
            all["total"]
        );
        out.push(format!("list, unfiltered: total {}", all["total"]));
        let filtered = json(&expect_ok(addr, &format!("{list_path}?{list_query}")).await?)?;
        out.push(format!(
            "list, {list_query}: total {}, {} on the page",
            filtered["total"],
            filtered["ideas"].as_array().map_or(0, Vec::len)
        ));
        for w in SEARCH_WORDS {
            let found = json(&expect_ok(addr, &format!("{list_path}?q={w}")).await?)?;
            out.push(format!("list, q={w}: total {}", found["total"]));
        }
        let idea = json(&expect_ok(addr, &format!("/api/v1/ideas/{}", g.big_idea)).await?)?;
        let listed = idea["comment_list"].as_array().map_or(0, Vec::len);
        anyhow::ensure!(
            listed == BIG_IDEA_COMMENTS as usize
                && idea["comments"].as_u64() == Some(u64::from(BIG_IDEA_COMMENTS)),
            "idea {}: {listed} comments listed, counter {}",
            g.big_idea,
            idea["comments"]
        );
        out.push(format!("idea {} (JSON): {listed} comments", g.big_idea));
        let page = expect_ok(addr, &format!("/ideen/{}", g.big_idea)).await?;
        out.push(format!(
            "idea page {} (HTML): {} bytes",
            g.big_idea,
            page.len()
        ));
        expect_ok(addr, &format!("/api/v1/networks/{slug}")).await?;
        Ok::<_, anyhow::Error>(out)
    })?;
    println!("2. HTTP, checked once: every answer 200");
    for c in &checks {
        println!("   {c}");
    }

    let baseline_path = format!("/api/v1/networks/{slug}");
    let panned: Paths = {
        let map_path = map_path.clone();
        Arc::new(move |rng: &mut StdRng| {
            // A screen of 1200 × 700 pixels somewhere over the region.
            let zoom: i32 = rng.random_range(10..=13);
            let width = 1200.0 / (256.0 * f64::from(1 << zoom)) * 360.0;
            let height = width * 0.6 * 700.0 / 1200.0 * 1.6;
            let lat = rng.random_range(REGION.0..REGION.2);
            let lon = rng.random_range(REGION.1..REGION.3);
            format!(
                "{map_path}?south={:.5}&west={:.5}&north={:.5}&east={:.5}&zoom={zoom}",
                lat - height / 2.0,
                lon - width / 2.0,
                lat + height / 2.0,
                lon + width / 2.0
            )
        })
    };
    let scenarios: Vec<(&str, Paths, Option<&'static str>)> = vec![
        ("map, whole region", fixed(vec![map_path.clone()]), None),
        (
            "map, whole region, ?district=16067",
            fixed(vec![format!("{map_path}?district=16067")]),
            None,
        ),
        (
            "map, Gotha's view at zoom 11",
            fixed(vec![gotha_view.clone()]),
            None,
        ),
        ("map, views panned at random (uncached)", panned, None),
        (
            "list, district + category + status=new",
            fixed(vec![format!("{list_path}?{list_query}")]),
            None,
        ),
        (
            "list, q=<word> (4 words)",
            fixed(
                SEARCH_WORDS
                    .iter()
                    .map(|w| format!("{list_path}?q={w}"))
                    .collect(),
            ),
            None,
        ),
        (
            "idea page, 200 comments (HTML)",
            fixed(vec![format!("/ideen/{}", g.big_idea)]),
            None,
        ),
        (
            "idea page, 200 comments (HTML, brotli)",
            fixed(vec![format!("/ideen/{}", g.big_idea)]),
            Some("br"),
        ),
        (
            "idea, 200 comments (JSON API)",
            fixed(vec![format!("/api/v1/ideas/{}", g.big_idea)]),
            None,
        ),
    ];
    // BENCH_ONLY=<part of a name> runs only those scenarios (and the baseline).
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    let wanted = |name: &str| name.contains(only.as_str());
    println!("   {CONNECTIONS} keep-alive connections, {seconds:.0} s each:");
    let before = http_run(
        "baseline GET /api/v1/networks/{slug} (before)",
        addr,
        CONNECTIONS,
        seconds,
        fixed(vec![baseline_path.clone()]),
        None,
    )?;
    print_run(&before);
    let mut runs = Vec::new();
    for (name, paths, encoding) in scenarios {
        if !wanted(name) {
            continue;
        }
        let r = http_run(name, addr, CONNECTIONS, seconds, paths, encoding)?;
        print_run(&r);
        runs.push(r);
    }
    // The whole region's map while the map changes every 2 s: each write
    // (a new idea, an answer, a hidden idea) bumps the network's revision
    // in its transaction, and the next request rebuilds the index. Here
    // only the revision is bumped, as such a write would, from its own
    // thread.
    let name = "map, whole region, a write every 2 s";
    if wanted(name) {
        let stop = Arc::new(AtomicBool::new(false));
        let writer = {
            let (stop, handle, pool, network) =
                (stop.clone(), rt.handle().clone(), pool.clone(), g.network);
            std::thread::spawn(move || -> anyhow::Result<u32> {
                let mut writes = 0;
                loop {
                    for _ in 0..20 {
                        std::thread::sleep(Duration::from_millis(100));
                        if stop.load(Ordering::Relaxed) {
                            return Ok(writes);
                        }
                    }
                    handle.block_on(
                        sqlx::query(
                            "UPDATE idea_map_revisions SET revision = revision + 1 WHERE network_id = $1",
                        )
                        .bind(network)
                        .execute(&pool),
                    )?;
                    writes += 1;
                }
            })
        };
        let r = http_run(
            name,
            addr,
            CONNECTIONS,
            seconds,
            fixed(vec![map_path.clone()]),
            None,
        );
        stop.store(true, Ordering::Relaxed);
        let writes = writer
            .join()
            .map_err(|_| anyhow::anyhow!("writer thread panicked"))??;
        let r = r?;
        print_run(&r);
        println!("   ({writes} writes during the run, each followed by a rebuild of the index)");
        runs.push(r);
    }
    let after = http_run(
        "baseline GET /api/v1/networks/{slug} (after)",
        addr,
        CONNECTIONS,
        seconds,
        fixed(vec![baseline_path.clone()]),
        None,
    )?;
    print_run(&after);
    // One connection: the time of one request without queueing.
    let single_seconds = (seconds / 2.0).max(1.0);
    println!("   one connection, {single_seconds:.0} s each (no queueing):");
    let mut single = Vec::new();
    for (name, path, encoding) in [
        (
            "baseline GET /api/v1/networks/{slug}",
            baseline_path.clone(),
            None,
        ),
        ("map, whole region", map_path.clone(), None),
        (
            "list, district + category + status=new",
            format!("{list_path}?{list_query}"),
            None,
        ),
        (
            "idea page, 200 comments (HTML)",
            format!("/ideen/{}", g.big_idea),
            None,
        ),
        (
            "idea page, 200 comments (HTML, brotli)",
            format!("/ideen/{}", g.big_idea),
            Some("br"),
        ),
        (
            "idea, 200 comments (JSON API)",
            format!("/api/v1/ideas/{}", g.big_idea),
            None,
        ),
    ] {
        if !wanted(name) {
            continue;
        }
        let r = http_run(name, addr, 1, single_seconds, fixed(vec![path]), encoding)?;
        print_run(&r);
        single.push(r);
    }

    // 3. Against the baseline (mean of before and after).
    let base_rps = (before.rps + after.rps) / 2.0;
    let base_p50 = (before.p50 + after.p50) / 2.0;
    let base_p99 = (before.p99 + after.p99) / 2.0;
    let errors: u64 =
        runs.iter().chain(&single).map(|r| r.errors).sum::<u64>() + before.errors + after.errors;
    println!(
        "3. against the baseline ({base_rps:.0} req/s, p50 {base_p50:.2} ms, p99 {base_p99:.2} ms; \
         before {:.0}, after {:.0} req/s):",
        before.rps, after.rps
    );
    println!(
        "   | scenario (16 connections) | req/s | p50 ms | p99 ms | max ms | req/s ÷ baseline | p99 ÷ baseline | errors | peak MiB |"
    );
    println!("   |---|---|---|---|---|---|---|---|---|");
    for r in std::iter::once(&before)
        .chain(&runs)
        .chain(std::iter::once(&after))
    {
        println!(
            "   | {} | {:.0} | {:.2} | {:.2} | {:.1} | {:.2} | {:.2} | {} | {:.0} |",
            r.name,
            r.rps,
            r.p50,
            r.p99,
            r.max,
            r.rps / base_rps,
            r.p99 / base_p99,
            r.errors,
            r.peak
        );
    }
    let by_name: HashMap<&str, &Run> = runs.iter().map(|r| (r.name.as_str(), r)).collect();
    if let Some(written) = by_name.get("map, whole region, a write every 2 s") {
        println!(
            "   map, whole region while the map changes every 2 s: p99 {:.2} ms (target < 20 ms: {}), {:.0} req/s; \
             the slowest request {:.0} ms (the 16 requests waiting for each rebuild)",
            written.p99,
            verdict(written.p99 < 20.0),
            written.rps,
            written.max
        );
    }
    if let Some(whole) = by_name.get("map, whole region") {
        println!(
            "   map, whole region: p99 {:.2} ms (target < 20 ms: {}), {:.0} req/s (target ≥ 2,000: {})",
            whole.p99,
            verdict(whole.p99 < 20.0),
            whole.rps,
            verdict(whole.rps >= 2_000.0)
        );
    }
    for name in [
        "idea page, 200 comments (HTML)",
        "idea page, 200 comments (HTML, brotli)",
        "idea, 200 comments (JSON API)",
    ] {
        let Some(loaded) = by_name.get(name) else {
            continue;
        };
        let alone = single.iter().find(|r| r.name == name);
        println!(
            "   {name}: p99 {:.2} ms at 16 connections ({}), p99 {:.2} ms on one connection ({}); target < 10 ms",
            loaded.p99,
            verdict(loaded.p99 < 10.0),
            alone.map_or(f64::NAN, |r| r.p99),
            verdict(alone.is_some_and(|r| r.p99 < 10.0))
        );
    }
    if errors > 0 {
        println!("   THIS RUN HAD {errors} FAILED REQUESTS (not 200 or broken connections)");
    } else {
        println!("   no failed requests");
    }
    println!(
        "resident at the end: {:.0} MiB",
        rss_kib("VmRSS:") as f64 / 1024.0
    );
    Ok(())
}

/// The body of a GET that must answer 200.
async fn expect_ok(addr: SocketAddr, path: &str) -> anyhow::Result<Vec<u8>> {
    let (status, body) = fetch(addr, path).await?;
    anyhow::ensure!(
        status == 200,
        "GET {path}: {status} {}",
        String::from_utf8_lossy(&body[..body.len().min(300)])
    );
    Ok(body)
}
