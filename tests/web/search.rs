//! Catalog search in German: compounds, umlauts, typos, stemming, facets,
//! a radius around a postal code, sorting; HTML and JSON alike.

use reqwest::StatusCode;
use serde_json::Value;

use crate::{both, helpers::*};

async fn titles(app: &TestApp, query: &str) -> (Page, Vec<String>) {
    let page = app
        .client
        .page(&format!("/n/nordthueringen/kurse?{query}"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{query}: {:?}", page.errors());
    let t = page.select("ol.results h3");
    (page, t)
}

fn count(page: &Page) -> usize {
    page.text("#results")
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

both! {
    async fn german_words_find_what_people_mean(app) {
        let app = app.with_demo().await;
        app.wait_searchable("nordthueringen").await;
        // Compounds: the word inside "Schweißtechnik" and "Schutzgasschweißen".
        let (page, t) = titles(&app, "q=Schwei%C3%9Fen").await;
        let n = count(&page);
        assert!(n >= 10, "{n}");
        let all = titles(&app, "q=Schwei%C3%9Fen&page=2").await.1.into_iter().chain(t.clone()).collect::<Vec<_>>().join(" | ");
        assert!(all.contains("Schweißtechnik") || all.contains("Schweißtechn"), "{all}");
        assert!(all.contains("Schutzgasschweißen"), "{all}");
        // ß written as ss, and one typo, find the same.
        assert_eq!(count(&titles(&app, "q=Schweissen").await.0), n);
        assert!(count(&titles(&app, "q=Schweisen").await.0) >= n);
        // "Roboter" finds "Roboterprogrammierung".
        let (_, t) = titles(&app, "q=Roboter&sort=start").await;
        let (p2, _) = titles(&app, "q=Roboter").await;
        assert!(count(&p2) >= 3);
        let api: Value = app.client.get("/api/v1/networks/nordthueringen/offerings?q=Roboter&page=1").await.json().await.unwrap();
        assert_eq!(api["total"].as_u64().unwrap() as usize, count(&p2), "HTML and JSON agree");
        let mut found = t.clone();
        let mut page = 2;
        while found.iter().all(|t| !t.contains("Roboterprogrammierung")) && page < 6 {
            found.extend(titles(&app, &format!("q=Roboter&page={page}")).await.1);
            page += 1;
        }
        assert!(found.iter().any(|t| t.contains("Roboterprogrammierung")), "{found:?}");
        // Stop words alone change nothing; nonsense finds nothing.
        let everything = count(&titles(&app, "").await.0);
        assert_eq!(count(&titles(&app, "q=und+die+der").await.0), everything);
        assert_eq!(count(&titles(&app, "q=Raumschiffwartung").await.0), 0);
    }

    async fn facets_radius_and_sorting(app) {
        let app = app.with_demo().await;
        app.wait_searchable("nordthueringen").await;
        let (page, _) = titles(&app, "").await;
        let total = count(&page);
        // Each offering has one format: the format counts add up to the total.
        let counts: usize = page.select("fieldset.facet:first-of-type label").iter()
            .map(|l| l.rsplit('(').next().unwrap().trim_end_matches(')').parse::<usize>().unwrap()).sum();
        assert_eq!(counts, total);
        // Picking a format keeps the other formats' counts visible (disjunctive).
        let (page, _) = titles(&app, "format=online_live").await;
        let labels = page.select("fieldset.facet:first-of-type label");
        assert!(labels.iter().any(|l| l.starts_with("Präsenz (")), "{labels:?}");
        let api: Value = app.client.get("/api/v1/networks/nordthueringen/offerings?format=online_live&format=self_paced").await.json().await.unwrap();
        assert!(api["hits"].as_array().unwrap().iter().all(|h| h["format"] == "online_live" || h["format"] == "self_paced"));

        // 25 km around Nordhausen, on site only, nearest first.
        let api: Value = app.client.get("/api/v1/networks/nordthueringen/offerings?plz=99734&radius=25&online=0&sort=distance").await.json().await.unwrap();
        let d: Vec<f64> = api["hits"].as_array().unwrap().iter().map(|h| h["distance_km"].as_f64().unwrap()).collect();
        assert!(!d.is_empty() && d.iter().all(|d| *d <= 25.0), "{d:?}");
        assert!(d.windows(2).all(|w| w[0] <= w[1]), "{d:?}");
        // Sorting by start: soonest first.
        let api: Value = app.client.get("/api/v1/networks/nordthueringen/offerings?sort=start&online=0").await.json().await.unwrap();
        let starts: Vec<String> = api["hits"].as_array().unwrap().iter().filter_map(|h| h["start_date"].as_str().map(str::to_owned)).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
        // Part time and funding filters narrow and are counted.
        let pt = api_total(&app, "part_time=1").await;
        let funded = api_total(&app, "funding=1").await;
        let total = total as u64;
        assert!(pt > 0 && pt < total && funded > 0 && funded < total, "{pt} {funded} {total}");

        // Bad input: named on its field, with a 422.
        let r = app.client.get("/n/nordthueringen/kurse?plz=00000&sort=weit&format=raumschiff").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(Page::from_response(r).await.errors().len(), 3);
        let r = app.client.get("/api/v1/networks/nordthueringen/offerings?sort=distance").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }

    async fn the_index_follows_every_write(app) {
        let app = app.with_demo().await;
        app.wait_searchable("nordthueringen").await;
        let org = app.scalar("SELECT id FROM organizations WHERE name = $1", "Technikum Nordthüringen gGmbH").await;
        let provider = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        assert_eq!(api_total(&app, "q=Zerspanungsmechanikerwerkstatt").await, 0);
        let r = provider.post_form(&format!("/organisationen/{org}/angebote/neu"), &[
            ("title", "Zerspanungsmechanikerwerkstatt am Samstag"), ("competence_1", "cnc_machining_fundamentals"), ("level_1", "2"),
            ("format", "on_site"), ("hours_total", "30"), ("postal_code", "99734"), ("city", "Nordhausen"), ("weekends", "ja"),
        ]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // Read your own writes: found at once.
        assert_eq!(api_total(&app, "q=Zerspanungsmechanikerwerkstatt").await, 1);
        assert_eq!(api_total(&app, "q=Mechanikerwerkstatt").await, 1, "compound member");
        let id = app.scalar("SELECT id FROM offerings WHERE title = $1", "Zerspanungsmechanikerwerkstatt am Samstag").await;
        provider.post_form(&format!("/organisationen/{org}/angebote/{id}/zurueckziehen"), &[]).await;
        assert_eq!(api_total(&app, "q=Zerspanungsmechanikerwerkstatt").await, 0, "withdrawn");

        // A second node on the same database sees the first node's writes
        // through the outbox (within its polling interval).
        let other = app.second_node().await;
        other.wait_searchable("nordthueringen").await;
        assert_eq!(api_total(&other, "q=Zerspanungsmechanikerwerkstatt").await, 0);
        // Withdrawing again puts it back.
        provider.post_form(&format!("/organisationen/{org}/angebote/{id}/zurueckziehen"), &[]).await;
        let mut seen = 0;
        for _ in 0..100 {
            seen = api_total(&other, "q=Zerspanungsmechanikerwerkstatt").await;
            if seen == 1 { break; }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(seen, 1, "the other node caught up");
    }
}

async fn api_total(app: &TestApp, query: &str) -> u64 {
    let r = app
        .client
        .get(&format!(
            "/api/v1/networks/nordthueringen/offerings?{query}"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{query}");
    let v: Value = r.json().await.unwrap();
    v["total"].as_u64().unwrap()
}
