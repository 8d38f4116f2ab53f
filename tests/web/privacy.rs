//! Attacks on the figures about people, written as an attacker would try
//! them with nothing but the demo logins and the public API. Each attack
//! says what it would learn and checks that it cannot learn it.

use std::collections::{BTreeMap, HashMap, HashSet};

use lernregion::on_db;
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::{both, helpers::*};

const GOTHA: &str = "Gothaer Fahrzeugtechnik GmbH";
const SLUG: &str = "nordthueringen";

async fn ids(app: &TestApp, sql: &'static str, bind: i64) -> Vec<i64> {
    on_db!(&app.db, pool => sqlx::query_scalar::<_, i64>(sql).bind(bind).fetch_all(pool).await)
        .expect("query")
}

async fn org_id(app: &TestApp) -> i64 {
    app.scalar("SELECT id FROM organizations WHERE name = $1", GOTHA)
        .await
}

async fn api_get(c: &Client, path: &str, token: &str) -> Value {
    let r = send_json(c, Method::GET, path, Some(token), "").await;
    assert_eq!(r.status(), StatusCode::OK, "GET {path}");
    r.json().await.expect("json")
}

/// The figures of one role for one competence in the company needs API:
/// `(people, with_gap, gap_steps)`, or `None` when withheld.
fn role_figure(needs: &Value, role: i64, competence: i64) -> Option<(i64, i64, i64)> {
    let role = needs["roles"]
        .as_array()?
        .iter()
        .find(|r| r["id"].as_i64() == Some(role))?;
    let cell = role["cells"]
        .as_array()?
        .iter()
        .find(|c| c["competence_id"].as_i64() == Some(competence))?;
    let f = cell.get("figures").filter(|f| !f.is_null())?;
    Some((
        f["people"].as_i64()?,
        f["with_gap"].as_i64()?,
        f["gap_steps"].as_i64()?,
    ))
}

fn total_figure(needs: &Value, competence: i64) -> Option<(i64, i64, i64)> {
    let c = needs["competences"]
        .as_array()?
        .iter()
        .find(|c| c["id"].as_i64() == Some(competence))?;
    let f = c.get("total").filter(|f| !f.is_null())?;
    Some((
        f["people"].as_i64()?,
        f["with_gap"].as_i64()?,
        f["gap_steps"].as_i64()?,
    ))
}

/// What the attacker sees after each move: the group they believe is in
/// the role, and the figures of the role and of the competence's total.
struct Observation {
    group: Vec<i64>,
    role: Option<(i64, i64, i64)>,
    total: Option<(i64, i64, i64)>,
}

/// Two observations whose groups differ by exactly one person and whose
/// figures are both published would give that person's gap: the attack's
/// success. Returns those (person, estimated steps).
fn isolated(observations: &[Observation]) -> Vec<(i64, i64)> {
    let mut found = Vec::new();
    for a in observations {
        for b in observations {
            let (sa, sb): (HashSet<_>, HashSet<_>) =
                (a.group.iter().collect(), b.group.iter().collect());
            let extra: Vec<_> = sb.difference(&sa).collect();
            if extra.len() != 1 || sa.difference(&sb).count() != 0 {
                continue;
            }
            for (x, y) in [(a.role, b.role), (a.total, b.total)] {
                if let (Some(x), Some(y)) = (x, y) {
                    found.push((**extra[0], y.2 - x.2));
                }
            }
        }
    }
    found
}

both! {
    /// The audit's tracker: a company admin builds a role for one
    /// competence nobody else needs, moves employees who have not consented
    /// in one at a time, out and back in, and reads the needs API after
    /// each move. It would learn each person's gap as the difference of two
    /// consecutive figures.
    async fn a_tracker_through_roles_learns_no_single_gap(app) {
        let app = app.with_demo().await;
        let org = org_id(&app).await;
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let token = token_via(&admin, "tracker").await;
        // A competence of the framework no role of the company requires.
        let competence = ids(&app,
            "SELECT c.id FROM competences c JOIN network_members nm ON nm.network_id = c.network_id \
             WHERE nm.org_id = $1 AND c.retired = FALSE AND c.id NOT IN \
             (SELECT q.competence_id FROM role_requirements q JOIN job_roles r ON r.id = q.role_id WHERE r.org_id = $1) \
             ORDER BY c.id LIMIT 1", org).await[0];
        let r = send_json(&admin, Method::POST, &format!("/api/v1/organizations/{org}/roles"), Some(&token),
            r#"{"name": "Messrolle", "description": "nur zum Vergleichen"}"#).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let role = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let r = send_json(&admin, Method::POST, &format!("/api/v1/organizations/{org}/roles/{role}/requirements"), Some(&token),
            &format!(r#"{{"competence_id": {competence}, "level": 4, "importance": "high"}}"#)).await;
        assert!(r.status().is_success(), "{}", r.status());
        // Employees who have not shared anything with their employer, and
        // whom the attacker can measure (they have assessed the competence).
        let private = ids(&app,
            "SELECT p.user_id FROM employee_profiles p WHERE p.org_id = $1 AND p.share_with_employer = FALSE \
             AND p.role_id IS NOT NULL ORDER BY p.user_id", org).await;
        assert!(private.len() >= 12, "demo has enough private employees: {}", private.len());
        // Give every one of them an assessment of the competence, as if
        // they had answered it (the attacker cannot do this; it only makes
        // every person measurable).
        for (i, user) in private.iter().enumerate() {
            on_db!(&app.db, pool => sqlx::query(
                "INSERT INTO assessments (org_id, user_id, competence_id, level, source, assessed_on, created_at) VALUES ($1, $2, $3, $4, 'self', $5, $6)")
                .bind(org).bind(user).bind(competence).bind((i % 4) as i64).bind(lernregion::db::now() / 86_400 - 1).bind(lernregion::db::now())
                .execute(pool).await.map(|_| ())).unwrap();
        }
        let k = 5;
        let needs_url = format!("/api/v1/organizations/{org}/needs");
        let mut observations = Vec::new();
        let mut group: Vec<i64> = Vec::new();
        let move_to = |user: i64, into: bool| {
            let admin = &admin;
            async move {
                let body = if into { role.to_string() } else { String::new() };
                let r = admin.post_form(&format!("/organisationen/{org}/beschaeftigte/{user}/rolle"), &[("role", &body)]).await;
                assert_eq!(r.status(), StatusCode::SEE_OTHER);
            }
        };
        // In, one at a time.
        for user in private.iter().take(12) {
            move_to(*user, true).await;
            group.push(*user);
            let needs = api_get(&admin, &needs_url, &token).await;
            observations.push(Observation { group: group.clone(), role: role_figure(&needs, role, competence), total: total_figure(&needs, competence) });
        }
        // Out and back in, each of the first six.
        for user in private.iter().take(6) {
            move_to(*user, false).await;
            group.retain(|u| u != user);
            let needs = api_get(&admin, &needs_url, &token).await;
            observations.push(Observation { group: group.clone(), role: role_figure(&needs, role, competence), total: total_figure(&needs, competence) });
            move_to(*user, true).await;
            group.push(*user);
            let needs = api_get(&admin, &needs_url, &token).await;
            observations.push(Observation { group: group.clone(), role: role_figure(&needs, role, competence), total: total_figure(&needs, competence) });
        }
        let shown = observations.iter().filter(|o| o.role.is_some()).count();
        assert!(shown >= 2, "the role's figures are published at all ({shown} times)");
        let learned = isolated(&observations);
        assert!(learned.is_empty(), "the tracker isolated single people: {learned:?}");
        // Every pair of published figures covers groups at least k apart,
        // or the same group with the same figures.
        let published: Vec<&Observation> = observations.iter().filter(|o| o.role.is_some()).collect();
        for a in &published {
            for b in &published {
                let sa: HashSet<_> = a.group.iter().collect();
                let sb: HashSet<_> = b.group.iter().collect();
                let d = sa.symmetric_difference(&sb).count();
                assert!(d == 0 || d >= k, "published groups {d} apart");
                if d == 0 {
                    assert_eq!(a.role, b.role, "the same group always gets the same figures");
                }
            }
        }
        // A second role with the first role's group plus one person is the
        // same tracker with a fresh name: withheld as well.
        let r = send_json(&admin, Method::POST, &format!("/api/v1/organizations/{org}/roles"), Some(&token),
            r#"{"name": "Zweite Messrolle"}"#).await;
        let second = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        send_json(&admin, Method::POST, &format!("/api/v1/organizations/{org}/roles/{second}/requirements"), Some(&token),
            &format!(r#"{{"competence_id": {competence}, "level": 4, "importance": "high"}}"#)).await;
        let last = observations.iter().rev().find(|o| o.role.is_some()).expect("a published group").group.clone();
        // Someone measurable (with an assessment) outside that group.
        let extra = *private.iter().find(|u| !last.contains(u)).expect("someone outside the group");
        for user in last.iter().chain([&extra]) {
            let r = admin.post_form(&format!("/organisationen/{org}/beschaeftigte/{user}/rolle"), &[("role", &second.to_string())]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
        let needs = api_get(&admin, &needs_url, &token).await;
        assert_eq!(role_figure(&needs, second, competence), None, "last group plus one person, under a new role");
        assert_eq!(total_figure(&needs, competence), None, "the total is the same group");
        // The page shows exactly what the API shows.
        let page = admin.page(&format!("/organisationen/{org}/kompetenzbedarf")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text("main").contains("leicht verändert"), "the page says figures are altered");
    }

    /// The audit's complement: the public demand of one sector, and the
    /// same for each size class. With the noise switched off (so that the
    /// attacker's arithmetic is exact), the sector's figure minus the shown
    /// size classes must never leave fewer than k people; the same for
    /// every other dimension and pair: sector lines for each size class,
    /// and the region's total minus its districts.
    async fn complements_over_every_dimension_leave_no_small_group(app) {
        let app = app.with_demo().await;
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let r = coordinator.post_form(&format!("/n/{SLUG}/koordination/mindestgruppe"), &[("min_group_size", "5"), ("noise_range", "0")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "coordinator switches the noise off");
        let visitor = app.new_client();
        let sectors: Vec<String> = {
            let all: Vec<String> = on_db!(&app.db, pool => sqlx::query_scalar::<_, String>(
                "SELECT DISTINCT o.sector_code FROM organizations o JOIN network_members nm ON nm.org_id = o.id \
                 JOIN networks n ON n.id = nm.network_id WHERE n.slug = 'nordthueringen' AND o.sector_code IS NOT NULL")
                .fetch_all(pool).await).unwrap();
            let mut d: Vec<String> = all.iter().map(|s| s.split('.').next().unwrap().to_owned()).collect();
            d.sort();
            d.dedup();
            d
        };
        assert!(sectors.len() >= 3);
        let sizes = ["micro", "small", "medium", "large"];
        // Every view: (sector or all) × (size or all).
        let mut views: HashMap<(String, String), Value> = HashMap::new();
        for s in sectors.iter().map(String::as_str).chain([""]) {
            for z in sizes.iter().copied().chain([""]) {
                let (status, _, v) = get_json(&visitor, &format!("/api/v1/networks/{SLUG}/demand?sector={s}&size={z}")).await;
                assert_eq!(status, StatusCode::OK);
                assert_eq!(v["noise_range"].as_i64(), Some(0));
                views.insert((s.to_owned(), z.to_owned()), v);
            }
        }
        let k = 5;
        // figure(view, competence, district or None for the total)
        let figure = |s: &str, z: &str, comp: i64, ags: Option<&str>| -> Option<i64> {
            let v = &views[&(s.to_owned(), z.to_owned())];
            let c = v["competences"].as_array()?.iter().find(|c| c["id"].as_i64() == Some(comp))?;
            let f = match ags {
                None => c.get("total")?,
                Some(a) => c["districts"].as_array()?.iter().find(|d| d["ags"] == a)?.get("figures")?,
            };
            f.as_object().map(|_| f["people"].as_i64().unwrap_or(0))
        };
        let base = &views[&(String::new(), String::new())];
        let competences: Vec<i64> = base["competences"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
        let districts: Vec<String> = base["competences"][0]["districts"].as_array().unwrap().iter().map(|d| d["ags"].as_str().unwrap().to_owned()).collect();
        let mut lines = 0;
        let mut hidden_somewhere = 0;
        let mut check = |margin: Option<i64>, parts: Vec<Option<i64>>, what: String| {
            let Some(m) = margin else { return };
            let hidden = parts.iter().filter(|p| p.is_none()).count();
            let shown: i64 = parts.iter().flatten().sum();
            lines += 1;
            if hidden > 0 {
                hidden_somewhere += 1;
                let rest = m - shown;
                assert!(hidden >= 2, "{what}: one hidden part is the margin minus the others ({rest} people)");
                assert!(rest >= k, "{what}: margin minus shown parts leaves {rest} people");
            } else {
                assert_eq!(m, shown, "{what}: without noise the parts add up");
            }
        };
        for &comp in &competences {
            for ags in districts.iter().map(|a| Some(a.as_str())).chain([None]) {
                // Size lines, for each sector and for all sectors.
                for s in sectors.iter().map(String::as_str).chain([""]) {
                    let parts = sizes.iter().map(|z| figure(s, z, comp, ags)).collect();
                    // Companies without a size class would be a further,
                    // hidden part; the demo has none.
                    check(figure(s, "", comp, ags), parts, format!("competence {comp}, {ags:?}, sector {s:?} by size"));
                }
                // Sector lines, for each size and for all sizes.
                for z in sizes.iter().copied().chain([""]) {
                    let parts = sectors.iter().map(|s| figure(s, z, comp, ags)).collect();
                    check(figure("", z, comp, ags), parts, format!("competence {comp}, {ags:?}, size {z:?} by sector"));
                }
            }
            // District lines (the row of totals minus the shown districts).
            for s in sectors.iter().map(String::as_str).chain([""]) {
                for z in sizes.iter().copied().chain([""]) {
                    let parts = districts.iter().map(|a| figure(s, z, comp, Some(a))).collect();
                    check(figure(s, z, comp, None), parts, format!("competence {comp}, sector {s:?}, size {z:?} by district"));
                }
            }
        }
        assert!(lines > 100, "{lines} lines checked");
        assert!(hidden_somewhere > 0, "the demo has small groups to protect");
    }

    /// Repeating a question, or asking it in two ways that describe the
    /// same people, gives the same answer: averaging removes no noise, and
    /// the noise is real (published figures differ from the true ones, by
    /// less than a person on average).
    async fn repeated_and_equivalent_queries_give_the_same_noisy_answer(app) {
        let app = app.with_demo().await;
        let visitor = app.new_client();
        let url = format!("/api/v1/networks/{SLUG}/demand");
        let (_, _, first) = get_json(&visitor, &url).await;
        assert_eq!(first["noise_range"].as_i64(), Some(2));
        for _ in 0..10 {
            let (_, _, again) = get_json(&visitor, &url).await;
            assert_eq!(again, first, "the same question gets the same answer");
        }
        // The truth, as the coordinator would see it with the noise off.
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let r = coordinator.post_form(&format!("/n/{SLUG}/koordination/mindestgruppe"), &[("min_group_size", "5"), ("noise_range", "0")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (_, _, truth) = get_json(&visitor, &url).await;
        let cells = |v: &Value| -> BTreeMap<(i64, String), (i64, i64)> {
            let mut out = BTreeMap::new();
            for c in v["competences"].as_array().unwrap() {
                for d in c["districts"].as_array().unwrap() {
                    if let Some(f) = d["figures"].as_object() {
                        out.insert((c["id"].as_i64().unwrap(), d["ags"].as_str().unwrap().to_owned()),
                            (f["people"].as_i64().unwrap(), f["with_gap"].as_i64().unwrap()));
                    }
                }
            }
            out
        };
        let (noisy, exact) = (cells(&first), cells(&truth));
        assert_eq!(noisy.keys().collect::<Vec<_>>(), exact.keys().collect::<Vec<_>>(), "noise does not change what is withheld");
        let nonzero: Vec<_> = exact.iter().filter(|(_, v)| v.0 > 0).collect();
        assert!(nonzero.len() >= 10);
        let mut differ = 0;
        let mut error = 0;
        for (key, (p, _)) in &nonzero {
            let (q, _) = noisy[*key];
            assert!((q - p).abs() <= 2, "{key:?}: {q} vs {p}");
            error += (q - p).abs();
            differ += i64::from(q != *p);
        }
        assert!(differ > 0, "published figures are really perturbed");
        let mean = error as f64 / nonzero.len() as f64;
        assert!(mean <= 1.0, "mean absolute error {mean}");
    }

    /// The figures of the region are those of one reference day: a change
    /// made now appears tomorrow, so nobody can watch the table react to
    /// one person's move.
    async fn regional_figures_keep_their_reference_day(app) {
        let app = app.with_demo().await;
        let daily = app.node_with(|s| s.live_regional_figures = false).await;
        let visitor = daily.new_client();
        let url = format!("/api/v1/networks/{SLUG}/demand");
        let (_, _, before) = get_json(&visitor, &url).await;
        assert!(before["as_of"].as_str().unwrap().len() == 10);
        // A company admin moves every employee out of their roles.
        let org = org_id(&app).await;
        let admin = daily.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let people = ids(&app, "SELECT user_id FROM employee_profiles WHERE org_id = $1 AND role_id IS NOT NULL", org).await;
        for user in &people {
            let r = admin.post_form(&format!("/organisationen/{org}/beschaeftigte/{user}/rolle"), &[("role", "")]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
        let (_, _, after) = get_json(&visitor, &url).await;
        assert_eq!(after, before, "the day's figures stay as they were");
        // A node that computes at every request sees the change.
        let (_, _, live) = get_json(&app.new_client(), &url).await;
        assert_ne!(live, before);
    }

    /// No visitor waits for the day's computation: a node reports ready only
    /// with its figures, and when the coordinator changes the protection the
    /// figures under the old parameters are gone at once while the new ones
    /// are computed in the background.
    async fn nobody_waits_for_the_figures_and_old_parameters_are_never_served(app) {
        let app = app.with_demo().await;
        let daily = app.node_with(|s| s.live_regional_figures = false).await;
        assert_eq!(daily.client.get("/readyz").await.status(), StatusCode::OK);
        let visitor = daily.new_client();
        let url = format!("/api/v1/networks/{SLUG}/demand");
        let (status, _, before) = get_json(&visitor, &url).await;
        assert_eq!(status, StatusCode::OK, "ready means the figures are there");
        assert_eq!(before["min_group_size"].as_i64(), Some(5), "{before}");

        let coordinator = daily.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let r = coordinator.post_form("/n/nordthueringen/koordination/mindestgruppe", &[("min_group_size", "12")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let mut answers = Vec::new();
        let after = loop {
            let started = std::time::Instant::now();
            let r = visitor.get(&url).await;
            let status = r.status();
            assert!(started.elapsed() < std::time::Duration::from_secs(2), "answered at once");
            if status == StatusCode::SERVICE_UNAVAILABLE {
                assert!(r.headers().contains_key(reqwest::header::RETRY_AFTER));
                let page = visitor.page(&format!("/n/{SLUG}/bedarf")).await;
                assert!(page.status == StatusCode::OK || page.text("main").contains("werden gerade berechnet"), "{}", page.text("main"));
            }
            answers.push(status);
            if status == StatusCode::OK {
                break r.json::<Value>().await.expect("json");
            }
            assert!(answers.len() < 200, "the figures arrive: {answers:?}");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        };
        assert_eq!(after["min_group_size"].as_i64(), Some(12), "never the figures under the old k: {answers:?}");
    }

    /// The plain-language page for works councils shows the network's
    /// parameters and is linked from the demand page.
    async fn the_protection_is_explained_in_plain_language(app) {
        let app = app.with_demo().await;
        let visitor = app.new_client();
        let demand = visitor.page(&format!("/n/{SLUG}/bedarf")).await;
        assert_eq!(demand.status, StatusCode::OK);
        let links = demand.attr("main a", "href");
        let explained = format!("/n/{SLUG}/zahlen-schutz");
        assert!(links.contains(&explained), "{links:?}");
        let page = visitor.page(&explained).await;
        assert_eq!(page.status, StatusCode::OK);
        let dd = page.select("dd");
        assert_eq!(dd[0], "5");
        assert!(dd[1].contains('2'), "{dd:?}");
        assert!(page.text("main").contains("Summen"), "totals may not add up");
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let r = coordinator.post_form(&format!("/n/{SLUG}/koordination/mindestgruppe"), &[("min_group_size", "5"), ("noise_range", "9")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(Page::from_response(r).await.errors().len(), 1);
        let r = visitor.post_form(&format!("/n/{SLUG}/koordination/mindestgruppe"), &[("min_group_size", "5"), ("noise_range", "0")]).await;
        assert!(r.status() == StatusCode::SEE_OTHER || r.status() == StatusCode::FORBIDDEN || r.status() == StatusCode::UNAUTHORIZED);
        assert_eq!(visitor.page(&explained).await.select("dd")[1], page.select("dd")[1], "a visitor changes nothing");
    }
}

/// Figures about people leave the platform only through
/// `lernregion::disclosure`: no other source file aggregates people's
/// assessments or profiles in SQL, and only the domain code that feeds the
/// module touches its raw tallies. A new query path that counts people on
/// its own makes this test fail until it goes through the module.
#[test]
fn no_figure_about_people_bypasses_disclosure() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // Files allowed to read people's data in bulk, each for a reason:
    let allowed_sql: &[(&str, &str)] = &[
        (
            "competences/queries/people.rs",
            "rows for the disclosure module and a role's head count, which its admin assigns",
        ),
        ("disclosure/queries.rs", "the module's own reads"),
    ];
    let person_tables = ["assessments", "employee_profiles", "audit_log"];
    let aggregate = regex_lite(&["count(", "sum(", "avg(", "group by"]);
    let mut offenders = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).unwrap().to_lowercase();
            // SQL that aggregates a table of people's data.
            // Statements span lines: look at three at a time.
            let lines: Vec<&str> = text.lines().collect();
            for i in 0..lines.len() {
                let window = lines[i..(i + 3).min(lines.len())].join(" ");
                let touches = person_tables.iter().any(|t| {
                    [
                        format!("from {t} "),
                        format!("join {t} "),
                        format!("from {t}\""),
                        format!("join {t}\""),
                    ]
                    .iter()
                    .any(|p| window.contains(p.as_str()))
                });
                if touches && aggregate(&window) && !allowed_sql.iter().any(|(f, _)| *f == rel) {
                    offenders.push(format!("{rel}:{}: {}", i + 1, lines[i].trim()));
                }
            }
            // The raw tallies and the noise-free cube stay inside the module
            // and the code that feeds it.
            let inside = rel.starts_with("disclosure/") || rel == "competences/analysis.rs";
            if !inside && (has_word(&text, "tally") || text.contains("disclosure::cube")) {
                offenders.push(format!("{rel}: uses raw tallies"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "figures about people outside lernregion::disclosure:\n{}",
        offenders.join("\n")
    );
}

/// `word` occurs in `text` not as part of a longer word.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn regex_lite(words: &'static [&'static str]) -> impl Fn(&str) -> bool {
    move |line: &str| words.iter().any(|w| line.contains(w))
}
