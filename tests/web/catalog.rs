//! The catalog from the provider's side: the form, bulk import (CSV and
//! schema.org JSON) row by row, the public page with JSON-LD, the feed.

use reqwest::StatusCode;
use serde_json::Value;

use crate::{both, helpers::*};

const TECHNIKUM: &str = "Technikum Nordthüringen gGmbH";

async fn org_id(app: &TestApp, name: &str) -> i64 {
    app.scalar("SELECT id FROM organizations WHERE name = $1", name)
        .await
}

fn offering_form<'a>(title: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("title", title),
        (
            "description",
            "**Inhalt:** SPS-Grundlagen\n\n- Ein- und Ausgänge\n- Zeitglieder\n\n<script>alert('x')</script>",
        ),
        ("competence_1", "automation_plc_programming_iec61131"),
        ("level_1", "2"),
        ("competence_2", "automation_plc_troubleshooting"),
        ("level_2", "1"),
        ("format", "on_site"),
        ("start_date", "2031-03-04"),
        ("end_date", "2031-04-24"),
        ("schedule", "Di und Do 17:30–20:45 Uhr"),
        ("hours_total", "48"),
        ("evenings", "ja"),
        ("part_time", "ja"),
        ("street", "Bochumer Straße 12"),
        ("postal_code", "99734"),
        ("city", "Nordhausen"),
        ("price_eur", "690,00"),
        ("min_participants", "6"),
        ("max_participants", "12"),
    ];
    for (k, v) in extra {
        f.retain(|(name, _)| name != k);
        f.push((k, v));
    }
    f
}

/// Follows an import job's page until the job is over.
async fn wait_for_import(c: &Client, job: &str) -> Page {
    for _ in 0..600 {
        let page = c.page(job).await;
        assert_eq!(page.status, StatusCode::OK, "{job}");
        if page.attr("#import-job", "hx-trigger").is_empty() {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("import {job} did not finish within a minute");
}

fn json_ld(page: &Page) -> Value {
    let raw = page.select("script[type='application/ld+json']");
    serde_json::from_str(raw.first().expect("JSON-LD block")).expect("JSON-LD parses")
}

const CSV: &str = "external_id;title;competences;format;start_date;hours_total;postal_code;city;price_eur;azav
TN-1;Roboterprogrammierung Grundkurs;robotics_teach_in_programming:2;on_site;2031-05-03;80;99734;Nordhausen;1.450,00;ja
TN-2;Online: SPS-Fehlersuche;automation_plc_troubleshooting:3;online_live;2031-06-01;24;;;390;nein
TN-3;Kaputt;gibt_es_nicht:9;raumschiff;2020-01-01;-4;00000;;teuer;vielleicht
TN-4;Schweißtechnik für Einsteiger;basic_health_safety:2;on_site;;16;99974;Mühlhausen;0;nein
";

both! {
    async fn a_provider_publishes_an_offering_through_the_form(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, TECHNIKUM).await;
        let provider = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        let form_url = format!("/organisationen/{org}/angebote/neu");
        let page = provider.page(&form_url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.options("#f-competence_1").len() > 60);

        // Bad input: every problem named, the input kept, nothing saved.
        let bad = offering_form("", &[("hours_total", "viele"), ("start_date", "2020-01-01"), ("price_eur", "umsonst"), ("postal_code", "12")]);
        let before = app.scalar("SELECT COUNT(*) FROM offerings WHERE provider_id = CAST($1 AS BIGINT)", &org.to_string()).await;
        let r = provider.post_form(&form_url, &bad).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(r).await;
        assert_eq!(page.errors().len(), 5, "{:?}", page.errors());
        assert_eq!(page.attr("#f-schedule", "value"), vec!["Di und Do 17:30–20:45 Uhr"]);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM offerings WHERE provider_id = CAST($1 AS BIGINT)", &org.to_string()).await, before);

        let r = provider.post_form(&form_url, &offering_form("SPS-Programmierung am Abend", &[])).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let list = provider.page(&format!("/organisationen/{org}/angebote")).await;
        let id = app.scalar("SELECT id FROM offerings WHERE title = $1", "SPS-Programmierung am Abend").await;
        let link = vec![format!("/angebote/{id}")];
        assert_eq!(list.attr(&format!("table a[href='{}']", link[0]), "href"), link);

        // The public page: facts, sanitised Markdown, schema.org JSON-LD.
        let page = app.client.page(&link[0]).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.text("h1"), "SPS-Programmierung am Abend");
        assert!(page.has(".prose strong") && page.has(".prose li"));
        assert!(!page.text(".prose").contains("alert") || !page.has(".prose script"));
        assert!(page.select("main script").is_empty(), "no script from the description");
        let ld = json_ld(&page);
        assert_eq!(ld["@type"], "Course");
        assert_eq!(ld["provider"]["name"], TECHNIKUM);
        assert_eq!(ld["hasCourseInstance"][0]["startDate"], "2031-03-04");
        assert_eq!(ld["hasCourseInstance"][0]["location"]["address"]["postalCode"], "99734");
        assert_eq!(ld["hasCourseInstance"][0]["offers"]["price"], "690.00");
        assert_eq!(ld["teaches"].as_array().unwrap().len(), 2);
        let text = page.text("main");
        assert!(text.contains("99734 Nordhausen (Nordhausen)") && text.contains("690,00 €"), "{text}");

        // Editing keeps the id; withdrawing hides it from everyone else.
        let id = link[0].rsplit('/').next().unwrap().to_owned();
        let edit = format!("/organisationen/{org}/angebote/{id}/bearbeiten");
        let form = provider.page(&edit).await;
        assert_eq!(form.attr("#f-title", "value"), vec!["SPS-Programmierung am Abend"]);
        assert_eq!(form.attr("#f-price_eur", "value"), vec!["690,00"]);
        let r = provider.post_form(&edit, &offering_form("SPS-Programmierung am Abend (neu)", &[])).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.client.page(&link[0]).await.text("h1"), "SPS-Programmierung am Abend (neu)");
        provider.post_form(&format!("/organisationen/{org}/angebote/{id}/zurueckziehen"), &[]).await;
        assert_eq!(app.client.get(&link[0]).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(provider.get(&link[0]).await.status(), StatusCode::OK, "the provider still sees it");
    }

    async fn only_the_providers_admins_manage_its_offerings(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, TECHNIKUM).await;
        let company = org_id(&app, "Gothaer Fahrzeugtechnik GmbH").await;
        let other = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        for path in [format!("/organisationen/{org}/angebote"), format!("/organisationen/{org}/angebote/neu")] {
            assert_eq!(other.get(&path).await.status(), StatusCode::FORBIDDEN, "{path}");
        }
        let r = other.post_form(&format!("/organisationen/{org}/angebote/neu"), &offering_form("Fremd", &[])).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // A company does not publish offerings.
        assert_eq!(other.get(&format!("/organisationen/{company}/angebote")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(app.new_client().get(&format!("/organisationen/{org}/angebote")).await.status(), StatusCode::SEE_OTHER);
    }

    async fn a_csv_import_with_a_bad_row_saves_nothing_and_names_every_problem(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, TECHNIKUM).await;
        let provider = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        let path = format!("/organisationen/{org}/angebote/import");
        let page = provider.upload(&path, &[], "kurse.csv", CSV).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        let rows = page.rows("#row-errors tbody tr");
        assert!(rows.len() >= 6, "{rows:?}");
        assert!(rows.iter().all(|r| r[0] == "4"), "only line 4 is bad: {rows:?}");
        let fields: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
        for f in ["Kompetenzen, die das Angebot aufbaut", "Lernform", "Stunden insgesamt", "Preis", "nach AZAV zugelassen (Träger und Maßnahme)"] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
        assert!(page.text("#row-errors").contains("Es wurde nichts gespeichert"), "{}", page.text("#row-errors"));
        let count = || app.scalar("SELECT COUNT(*) FROM offerings WHERE external_id LIKE $1", "TN-_");
        assert_eq!(count().await, 0, "a file with a bad row saves nothing");
        // The corrected file is saved whole; the answer is the job's page.
        let fixed = CSV.replace("TN-3;Kaputt;gibt_es_nicht:9;raumschiff;2020-01-01;-4;00000;;teuer;vielleicht", "TN-3;Jetzt richtig;cnc_machining_fundamentals:2;blended;2031-09-01;40;99734;Nordhausen;500;nein");
        let r = provider.upload_raw(&path, "kurse.csv", &fixed).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let job = location(&r);
        assert!(job.starts_with(&format!("{path}/")), "{job}");
        let page = wait_for_import(&provider, &job).await;
        assert_eq!(page.text("[role=status]"), "4 Angebote neu angelegt. 0 Angebote aktualisiert.");
        assert!(!page.text("main").contains("Kompetenz"), "the offering import speaks of offerings");
        assert_eq!(count().await, 4);
        // The same file again updates by course number instead of duplicating.
        let r = provider.upload_raw(&path, "kurse.csv", &fixed).await;
        let page = wait_for_import(&provider, &location(&r)).await;
        assert_eq!(page.text("[role=status]"), "0 Angebote neu angelegt. 4 Angebote aktualisiert.");
        assert_eq!(count().await, 4);
        // Unknown columns and files that are neither are refused as a whole.
        let page = provider.upload(&path, &[], "x.csv", "titel,farbe\nx,y\n").await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(count().await, 4);
        // The template downloads and imports as is (its example row is valid).
        let template = app.client.get("/angebote/vorlage.csv").await.text().await.unwrap();
        let r = provider.upload_raw(&path, "vorlage.csv", &template.replace("2027-03-01", "2031-03-01").replace("2027-03-26", "2031-03-26")).await;
        let page = wait_for_import(&provider, &location(&r)).await;
        assert!(page.text("[role=status]").starts_with("1 Angebot neu angelegt."), "{}", page.text("main"));
        // Another provider's people cannot read the job; an unknown job is not found.
        let other = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        assert_eq!(other.get(&location(&r)).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(provider.get(&format!("{path}/999999")).await.status(), StatusCode::NOT_FOUND);
    }

    async fn a_large_upload_runs_as_a_job_and_is_saved_whole_or_not_at_all(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, TECHNIKUM).await;
        let provider = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        let path = format!("/organisationen/{org}/angebote/import");
        let mut csv = String::from("external_id;title;competences;format;start_date;hours_total;postal_code;city;price_eur\n");
        for i in 0..3000 {
            csv.push_str(&format!("GROSS-{i};Schweißen Teil {i};basic_health_safety:2;on_site;2031-05-03;16;99734;Nordhausen;100\n"));
        }
        let count = || app.scalar("SELECT COUNT(*) FROM offerings WHERE external_id LIKE $1", "GROSS-%");
        // A bad last row: none of the 3,000 is saved.
        let bad = format!("{csv}GROSS-X;Kaputt;basic_health_safety:2;raumschiff;;16;;;\n");
        let page = provider.upload(&path, &[], "gross.csv", &bad).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        let rows = page.rows("#row-errors tbody tr");
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0][0], "3002");
        assert_eq!(count().await, 0);
        let r = provider.upload_raw(&path, "gross.csv", &csv).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = wait_for_import(&provider, &location(&r)).await;
        assert_eq!(page.text("[role=status]"), "3000 Angebote neu angelegt. 0 Angebote aktualisiert.");
        assert_eq!(count().await, 3000);
    }

    async fn an_import_cut_off_by_a_stop_says_nothing_was_saved(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, TECHNIKUM).await;
        let provider = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        let user = app.scalar("SELECT id FROM users WHERE email = $1", PROVIDER_ADMIN).await;
        // A job another process is running, or one whose server stopped.
        let job = lernregion::catalog::queries::create_import_job(&app.db, lernregion::ids::OrganizationId(org), Some(lernregion::ids::UserId(user)), 500, 0).await.unwrap();
        let path = format!("/organisationen/{org}/angebote/import/{job}");
        let page = provider.page(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text("main").contains("500 Angebote werden gespeichert"), "{}", page.text("main"));
        assert_eq!(page.attr("#import-job", "hx-trigger"), ["every 2s"]);
        assert_eq!(page.attr("#import-job a", "href"), std::slice::from_ref(&path), "a link refreshes without JavaScript");
        // At the next start the job is known to have saved nothing.
        let failed = lernregion::catalog::queries::fail_interrupted_imports(&app.db, 1).await.unwrap();
        assert_eq!(failed, 1);
        let page = provider.page(&path).await;
        assert!(page.text("[role=alert]").contains("Es wurde nichts gespeichert"), "{}", page.text("main"));
        assert!(page.attr("#import-job", "hx-trigger").is_empty(), "polling stops");
    }

    async fn a_schema_org_json_import_creates_one_offering_per_instance(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, TECHNIKUM).await;
        let provider = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        let json = r#"{"@context": "https://schema.org", "@graph": [{
            "@type": "Course", "name": "Roboterschweißen", "courseCode": "RS", "description": "Schweißroboter einrichten",
            "teaches": [{"@type": "DefinedTerm", "termCode": "robotics_welding", "educationalLevel": 3}],
            "lernregion:azav": true,
            "hasCourseInstance": [
              {"@type": "CourseInstance", "courseMode": "onsite", "startDate": "2031-02-02", "courseWorkload": "PT160H",
               "location": {"@type": "Place", "address": {"postalCode": "99734", "addressLocality": "Nordhausen"}},
               "offers": {"@type": "Offer", "price": 3900, "priceCurrency": "EUR"}},
              {"@type": "CourseInstance", "courseMode": "onsite", "startDate": "2031-09-07", "courseWorkload": "PT160H",
               "location": {"@type": "Place", "address": {"postalCode": "99999", "addressLocality": "Nirgendwo"}}}
            ]}]}"#;
        let page = provider.upload(&format!("/organisationen/{org}/angebote/import"), &[], "kurse.json", json).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        let rows = page.rows("#row-errors tbody tr");
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!((rows[0][0].as_str(), rows[0][1].as_str()), ("2", "Postleitzahl"));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM offerings WHERE external_id LIKE $1", "RS-%").await, 0);
        let r = provider.upload_raw(&format!("/organisationen/{org}/angebote/import"), "kurse.json", &json.replace("99999", "99974").replace("Nirgendwo", "Mühlhausen")).await;
        let page = wait_for_import(&provider, &location(&r)).await;
        assert_eq!(page.text("[role=status]"), "2 Angebote neu angelegt. 0 Angebote aktualisiert.");
        let hours: f64 = match &app.db {
            lernregion::db::Db::Sqlite(p) => sqlx::query_scalar("SELECT hours_total FROM offerings WHERE external_id = 'RS-1'").fetch_one(p).await.unwrap(),
            lernregion::db::Db::Postgres(p) => sqlx::query_scalar("SELECT hours_total FROM offerings WHERE external_id = 'RS-1'").fetch_one(p).await.unwrap(),
        };
        assert_eq!(hours, 160.0);
        assert_eq!(app.scalar("SELECT price_cents FROM offerings WHERE external_id = $1", "RS-1").await, 390_000);
    }

    async fn provider_text_cannot_close_the_json_ld_script(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, TECHNIKUM).await;
        let provider = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        let title = "Kurs </script><script>alert(1)</script>";
        let r = provider.post_form(&format!("/organisationen/{org}/angebote/neu"), &offering_form(title, &[
            ("description", "&lt;/script&gt;&#60;script&#62;alert(2)"), ("schedule", "</SCRIPT >"),
        ])).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let id = app.scalar("SELECT id FROM offerings WHERE title = $1", title).await;
        let page = app.client.page(&format!("/angebote/{id}")).await;
        // One script element in the head, holding JSON without a single '<'.
        let start = page.html.find("<script type=\"application/ld+json\">").expect("JSON-LD");
        let rest = &page.html[start + "<script type=\"application/ld+json\">".len()..];
        let json = &rest[..rest.find("</script>").expect("end of the script")];
        assert!(!json.contains('<'), "{json}");
        let v = json_ld(&page);
        assert_eq!(v["name"], title, "the JSON still says what the provider wrote");
    }

    async fn new_offerings_appear_in_the_network_feed(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, TECHNIKUM).await;
        let provider = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        provider.post_form(&format!("/organisationen/{org}/angebote/neu"), &offering_form("Feed & <Test>", &[])).await;
        let r = app.client.get("/n/nordthueringen/kurse.atom").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
        let body = r.text().await.unwrap();
        assert!(body.contains("<title>Feed &amp; &lt;Test&gt;</title>"), "{body}");
        assert!(body.starts_with("<?xml"));
        assert_eq!(app.client.get("/n/gibt-es-nicht/kurse.atom").await.status(), StatusCode::NOT_FOUND);
    }
}
