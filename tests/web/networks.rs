//! Public network pages, directory, map, applications and decisions, language.

use reqwest::{StatusCode, header};

use crate::{both, helpers::*};

const NETWORK: &str = "/n/nordthueringen";

async fn org_id(app: &TestApp, name: &str) -> i64 {
    app.scalar("SELECT id FROM organizations WHERE name = $1", name)
        .await
}

both! {
    async fn home_and_network_pages_show_the_demo_region(app) {
        let app = app.with_demo().await;
        let home = app.client.page("/").await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home.text("main").contains("Weiterbildungsverbund Nordthüringen"));
        let n = app.client.page(NETWORK).await;
        assert_eq!(n.status, StatusCode::OK);
        // The six districts of the network, each with its official key.
        let rows = n.select("table tbody tr");
        assert_eq!(rows.len(), 6, "{rows:?}");
        for d in ["Gotha", "Unstrut-Hainich-Kreis", "Eichsfeld", "Nordhausen", "Kyffhäuserkreis", "Wartburgkreis"] {
            assert!(rows.iter().any(|r| r.contains(d)), "{d} missing in {rows:?}");
        }
        assert_eq!(app.client.get("/n/gibt-es-nicht").await.status(), StatusCode::NOT_FOUND);
    }

    async fn directory_filters_by_kind_district_sector_and_name(app) {
        let app = app.with_demo().await;
        let all = app.client.page(&format!("{NETWORK}/partner")).await;
        let approved = app.scalar(
            "SELECT COUNT(*) FROM network_members m JOIN networks n ON n.id = m.network_id WHERE n.slug = $1 AND m.status = 'approved'",
            "nordthueringen").await;
        assert_eq!(all.select("#results .card").len() as i64, approved);
        assert!(approved >= 35);
        // Pending applicants are not listed.
        assert!(!all.text("#results").contains("Nordhäuser Kabelkonfektion"));

        let providers = app.client.page(&format!("{NETWORK}/partner?kind=provider")).await;
        let cards = providers.select("#results .card");
        assert_eq!(cards.len(), 5, "{cards:?}");
        assert!(cards.iter().all(|c| c.contains("Bildungsanbieter")), "{cards:?}");

        // Nordhausen (16062), companies only.
        let nordhausen = app.client.page(&format!("{NETWORK}/partner?kind=company&district=16062")).await;
        let cards = nordhausen.select("#results .card h3");
        assert_eq!(cards, vec!["Bleicheröder Präzisionsteile GmbH", "Harzer Feinwerktechnik Ellrich", "Nordhäuser Motorenwerk GmbH"]);

        // Sector 25 (metal products) by its WZ division.
        let metal = app.client.page(&format!("{NETWORK}/partner?sector=25")).await;
        assert!(metal.select("#results .card").len() >= 6);
        assert!(metal.text("#results").contains("Eichsfelder Blechbearbeitung"));
        assert!(!metal.text("#results").contains("Hochschule Nordhausen"));

        // Full text on the name ignores case and umlaut spelling.
        for q in ["muehlhaeuser", "MÜHLHÄUSER", "mühlhäuser antrieb"] {
            let found = app.client.page(&format!("{NETWORK}/partner?q={}", urlenc(q))).await;
            assert_eq!(found.select("#results .card h3"), vec!["Mühlhäuser Antriebstechnik GmbH"], "query {q}");
        }
        // Wildcards typed by a user are literal.
        let none = app.client.page(&format!("{NETWORK}/partner?q=%25")).await;
        assert_eq!(none.select("#results .card").len(), 0);
    }

    async fn directory_reports_nonsense_filters(app) {
        let app = app.with_demo().await;
        let p = app.client.page(&format!("{NETWORK}/partner?kind=spaceship&district=05711")).await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(p.errors().len(), 2, "{:?}", p.errors());
        // The bad filters are dropped, so every partner is listed.
        assert!(p.select("#results .card").len() >= 35);
    }

    async fn partner_pages_show_public_data_only(app) {
        let app = app.with_demo().await;
        let id = org_id(&app, "Technikum Nordthüringen gGmbH").await;
        let p = app.client.page(&format!("{NETWORK}/partner/{id}")).await;
        assert_eq!(p.status, StatusCode::OK);
        assert_eq!(p.text("h1"), "Technikum Nordthüringen gGmbH");
        assert!(p.text("main").contains("Nordhausen"));
        // A pending applicant and a member of another network are not partners here.
        let pending = org_id(&app, "Nordhäuser Kabelkonfektion GmbH").await;
        assert_eq!(app.client.get(&format!("{NETWORK}/partner/{pending}")).await.status(), StatusCode::NOT_FOUND);
        let owl = org_id(&app, "Bielefelder Maschinenbau GmbH").await;
        assert_eq!(app.client.get(&format!("{NETWORK}/partner/{owl}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(app.client.get(&format!("{NETWORK}/partner/999999")).await.status(), StatusCode::NOT_FOUND);
        let bad = app.client.page(&format!("{NETWORK}/partner/abc")).await;
        assert_eq!(bad.status, StatusCode::NOT_FOUND);
        assert!(bad.text("main").contains("Diese Seite gibt es nicht"), "a readable German page: {}", bad.text("main"));
    }

    async fn map_page_has_tables_equivalent_to_the_map(app) {
        let app = app.with_demo().await;
        let p = app.client.page(&format!("{NETWORK}/karte")).await;
        assert_eq!(p.status, StatusCode::OK);
        let geo_url = p.attr("#map", "data-districts");
        let partners_url = p.attr("#map", "data-partners");
        assert_eq!(geo_url.len(), 1);
        // No tile server unless configured: the map works offline.
        assert_eq!(p.attr("#map", "data-tiles"), vec![String::new()]);
        let districts: serde_json::Value = app.client.get(&geo_url[0]).await.json().await.unwrap();
        let partners: serde_json::Value = app.client.get(&partners_url[0]).await.json().await.unwrap();
        assert_eq!(districts["type"], "FeatureCollection");
        let features = districts["features"].as_array().unwrap();
        assert_eq!(features.len(), 6);
        assert!(features.iter().all(|f| matches!(f["geometry"]["type"].as_str(), Some("Polygon" | "MultiPolygon"))));
        let points = partners["features"].as_array().unwrap();
        // Every marker on the map has its row in the table, and vice versa.
        let rows = p.select("table[aria-labelledby=partners-heading] tbody tr");
        assert_eq!(points.len(), rows.len());
        for f in points {
            let name = f["properties"]["name"].as_str().unwrap();
            assert!(rows.iter().any(|r| r.contains(name)), "{name}");
            let [lon, lat] = [f["geometry"]["coordinates"][0].as_f64().unwrap(), f["geometry"]["coordinates"][1].as_f64().unwrap()];
            assert!((9.8..11.5).contains(&lon) && (50.7..51.7).contains(&lat), "{name} at {lat},{lon}");
        }
    }

    async fn tiles_appear_only_when_configured(app) {
        drop(app);
        let app = spawn_app_with(Backend::Sqlite, |s| {
            s.tile_url = Some("https://tiles.example/{z}/{x}/{y}.png".into());
            s.tile_attribution = Some("© Beispiel".into());
        }).await.with_demo().await;
        let p = app.client.page(&format!("{NETWORK}/karte")).await;
        assert_eq!(p.attr("#map", "data-tiles"), vec!["https://tiles.example/{z}/{x}/{y}.png".to_owned()]);
        let csp = app.client.get(&format!("{NETWORK}/karte")).await.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
        assert!(csp.contains("https://tiles.example"), "{csp}");
    }

    async fn an_organisation_applies_and_the_coordinator_approves(app) {
        let app = app.with_demo().await;
        let applicant = app.register_confirmed("Tom Richter", "tom@richter-cnc.example", "Span-Fräse-Drehteil").await;
        let form = applicant.page(&format!("{NETWORK}/beitreten")).await;
        assert_eq!(form.status, StatusCode::OK);
        let r = applicant.post_form(&format!("{NETWORK}/beitreten"), &[
            ("org", "new"), ("name", "Richter CNC-Technik GmbH"), ("kind", "company"), ("sector_code", "25"),
            ("size_class", "small"), ("street", "Grimmelallee 5"), ("postal_code", "99734"), ("city", "Nordhausen"),
            ("website", "https://richter-cnc.example"), ("email", "info@richter-cnc.example"),
            ("application_text", "Wir möchten unsere Leute in CNC-Programmierung weiterbilden."),
        ]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap_or_default());
        let org = org_id(&app, "Richter CNC-Technik GmbH").await;
        // Geocoded by postal code to the district.
        assert_eq!(app.scalar("SELECT COUNT(*) FROM organizations WHERE name = $1 AND district_ags = '16062' AND lat IS NOT NULL", "Richter CNC-Technik GmbH").await, 1);
        // The coordination office hears of it.
        let office = app.scalar("SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE $1", "%Antrag%").await;
        assert!(office >= 1);
        // Applying twice is refused.
        let again = applicant.post_form(&format!("{NETWORK}/beitreten"), &[("org", &org.to_string()), ("application_text", "")]).await;
        assert_eq!(again.status(), StatusCode::CONFLICT);

        // Not a partner yet.
        assert_eq!(app.client.get(&format!("{NETWORK}/partner/{org}")).await.status(), StatusCode::NOT_FOUND);
        // Only the coordinator may decide.
        assert_eq!(applicant.get(&format!("{NETWORK}/koordination")).await.status(), StatusCode::FORBIDDEN);
        let r = applicant.post_form(&format!("{NETWORK}/koordination/antraege/{org}"), &[("decision", "approve"), ("message", "")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let owl = app.logged_in(OTHER_COORDINATOR, DEMO_PASSWORD).await;
        let r = owl.post_form(&format!("{NETWORK}/koordination/antraege/{org}"), &[("decision", "approve"), ("message", "")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let queue = coordinator.page(&format!("{NETWORK}/koordination")).await;
        assert!(queue.text("main").contains("Richter CNC-Technik GmbH"));
        assert!(queue.text("main").contains("CNC-Programmierung"));
        let r = coordinator.post_form(&format!("{NETWORK}/koordination/antraege/{org}"), &[("decision", "approve"), ("message", "Willkommen im Verbund!")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let mails = app.mails_to("tom@richter-cnc.example").await;
        assert!(mails[0].1.contains("Willkommen im Verbund!"), "{:?}", mails[0]);
        assert_eq!(app.client.get(&format!("{NETWORK}/partner/{org}")).await.status(), StatusCode::OK);
        let dir = app.client.page(&format!("{NETWORK}/partner?q=richter")).await;
        assert_eq!(dir.select("#results .card h3"), vec!["Richter CNC-Technik GmbH"]);
        // Decided applications leave the queue; deciding again finds nothing.
        let r = coordinator.post_form(&format!("{NETWORK}/koordination/antraege/{org}"), &[("decision", "decline"), ("message", "x")]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }

    async fn a_decline_needs_a_reason(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, "Eichsfeld Robotik UG").await;
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let path = format!("{NETWORK}/koordination/antraege/{org}");
        let r = coordinator.post_form(&path, &[("decision", "decline"), ("message", "  ")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(r).await;
        assert_eq!(page.errors().len(), 1);
        let r = coordinator.post_form(&path, &[("decision", "maybe"), ("message", "")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let status = app.scalar("SELECT COUNT(*) FROM network_members WHERE org_id = CAST($1 AS BIGINT) AND status = 'pending'", &org.to_string()).await;
        assert_eq!(status, 1, "still pending");
        let r = coordinator.post_form(&path, &[("decision", "decline"), ("message", "Bitte zuerst beim Unternehmerverband melden.")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let mails = app.mails_to(APPLICANT).await;
        assert!(mails[0].1.contains("Unternehmerverband"));
    }

    async fn applying_with_bad_data_keeps_the_input_and_saves_nothing(app) {
        let app = app.with_demo().await;
        let c = app.register_confirmed("Uta Kern", "uta@example.org", "Uta-Leuchtturm-Mohn").await;
        let before = app.scalar("SELECT COUNT(*) FROM organizations WHERE name <> $1", "").await;
        let long = "Ä".repeat(2001);
        let r = c.post_form(&format!("{NETWORK}/beitreten"), &[
            ("org", "new"), ("name", "Kern Feinmechanik"), ("kind", "raumschiff"), ("postal_code", "00000"),
            ("city", "Nirgendwo"), ("website", "javascript:alert(1)"), ("application_text", long.as_str()),
        ]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(r).await;
        let errors = page.errors().join(" | ");
        assert!(errors.contains("Postleitzahl"), "{errors}");
        assert!(page.errors().len() >= 4, "{errors}");
        assert_eq!(page.attr("#f-name", "value"), vec!["Kern Feinmechanik".to_owned()]);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM organizations WHERE name <> $1", "").await, before);
        // Someone else's organisation cannot be used to apply.
        let other = org_id(&app, "Gothaer Fahrzeugtechnik GmbH").await;
        let r = c.post_form("/n/owl/beitreten", &[("org", &other.to_string()), ("application_text", "")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM network_members WHERE org_id = CAST($1 AS BIGINT)", &other.to_string()).await, 1);
        // Anonymous visitors are sent to log in first.
        let r = app.client.get(&format!("{NETWORK}/beitreten")).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }

    async fn language_follows_the_switch_and_accept_language(app) {
        let app = app.with_demo().await;
        let de = app.client.page(NETWORK).await;
        assert_eq!(de.attr("html", "lang"), vec!["de".to_owned()]);
        let switch = de.attr("a[hreflang=en]", "href");
        assert_eq!(switch.len(), 1);
        let r = app.client.get(&switch[0]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&r), NETWORK);
        let en = app.client.page(NETWORK).await;
        assert_eq!(en.attr("html", "lang"), vec!["en".to_owned()]);
        assert!(en.text("nav").contains("Log in"), "{}", en.text("nav"));

        let browser = app.new_client();
        let r = browser.http.get(browser.url(&format!("{NETWORK}/partner"))).header(header::ACCEPT_LANGUAGE, "en-US,en;q=0.8").send().await.unwrap();
        let page = Page::from_response(r).await;
        assert_eq!(page.attr("html", "lang"), vec!["en".to_owned()]);
        assert!(page.text("h1").contains("Partner directory"), "{}", page.text("h1"));
        // Unknown languages fall back to German; open redirects are refused.
        let r = app.new_client().get("/sprache?lang=fr&next=https://evil.example").await;
        assert_eq!(location(&r), "/");
    }
}

fn urlenc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
