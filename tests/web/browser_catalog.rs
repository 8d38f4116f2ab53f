//! The training catalog in a real browser: an employee finds a course near
//! a postal code with facets, with the keyboard, opens it and its funding
//! explanation; axe-core runs on every catalog page type (search, offering,
//! funding advisor, provider list, form, import, gap report, pooling,
//! recommendations).

use serde_json::json;
use thirtyfour::prelude::*;

use crate::{
    both,
    browser::{Browser, NETWORK, assert_accessible, assert_no_horizontal_scroll, str_of},
    helpers::*,
};

/// Ticks the checkbox whose label starts with `label` in the facet group
/// `legend`, reaching it with Tab and pressing Space.
async fn tick_facet(b: &Browser, legend: &str, label: &str) {
    let id = b
        .js_with(
            "const set = Array.from(document.querySelectorAll('fieldset.facet'))
               .find(f => f.querySelector('legend').textContent.trim() === arguments[0]);
             if (!set) return null;
             const box = Array.from(set.querySelectorAll('input[type=checkbox]'))
               .find(i => i.labels[0].textContent.trim().startsWith(arguments[1]));
             return box ? box.id : null;",
            vec![json!(legend), json!(label)],
        )
        .await;
    let id = id
        .as_str()
        .unwrap_or_else(|| panic!("no facet {label} under {legend}"))
        .to_owned();
    b.tab_until(&format!("#{id}"), 60).await;
    b.keys(" ").await;
    assert_eq!(
        b.js_with(
            "return document.getElementById(arguments[0]).checked",
            vec![json!(id)]
        )
        .await,
        json!(true),
        "Space ticks {label}"
    );
}

both! {
    async fn employee_finds_a_course_near_home_and_its_funding(app) {
        let app = app.with_demo().await;
        app.wait_searchable("nordthueringen").await;
        let b = Browser::start(&app).await;
        b.goto("/konto/anmelden").await;
        b.log_in_with_keyboard(EMPLOYEE).await;

        // From the network's page to its catalog.
        b.goto(NETWORK).await;
        b.tab_until(&format!("main a[href='{NETWORK}/kurse']"), 40).await;
        b.press_and_load(Key::Enter).await;
        assert_eq!(b.path().await, format!("{NETWORK}/kurse"));
        assert_accessible(&b.driver, "catalog search").await;
        let everything: usize = b.text("#results").await.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0);
        assert!(everything > 100, "the demo catalog: {everything}");

        // Words, postal code and radius with the keyboard.
        b.skip_to_main().await;
        b.tab_until("#f-q", 10).await;
        b.type_into("#f-q", "CNC").await;
        b.tab_expect("#f-plz").await;
        b.type_into("#f-plz", "99734").await;
        b.tab_expect("#f-radius").await;
        b.choose_with_arrows("#f-radius", "50").await;
        b.tab_expect("#f-sort").await;
        b.choose_with_arrows("#f-sort", "distance").await;
        b.tab_expect(".search-main button[type=submit]").await;
        b.press_and_load(Key::Enter).await;
        let path = b.path().await;
        assert!(path.contains("plz=99734") && path.contains("radius=50") && path.contains("sort=distance"), "{path}");
        let near: usize = b.text("#results").await.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0);
        assert!(near > 0 && near < everything, "CNC near Nordhausen: {near} of {everything}");

        // A facet: on site only, applied with the filter button.
        tick_facet(&b, "Lernform", "Präsenz").await;
        b.tab_until(".facets button[type=submit]", 80).await;
        b.press_and_load(Key::Enter).await;
        assert!(b.path().await.contains("format=on_site"), "{}", b.path().await);
        assert_accessible(&b.driver, "catalog search with filters").await;
        let facet = b.texts("fieldset.facet input[value=on_site]:checked + label").await;
        assert_eq!(facet.len(), 1, "the chosen facet stays ticked");
        let shown: usize = b.text("#results").await.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0);
        assert!(shown > 0 && shown <= near, "{shown} of {near}");
        let counted: usize = facet[0].rsplit('(').next().unwrap().trim_end_matches(')').parse().unwrap();
        assert_eq!(counted, shown, "the facet count is the number of results");
        // Every hit is on site, within 50 km, nearest first.
        let km: Vec<f64> = b
            .texts("ol.results li p:not(.meta)")
            .await
            .iter()
            .map(|t| {
                let inside = t.rsplit_once(" km)").map(|(a, _)| a).unwrap_or_else(|| panic!("no distance in {t}"));
                inside.rsplit('(').next().unwrap().replace(',', ".").trim().parse().unwrap()
            })
            .collect();
        assert!(!km.is_empty() && km.iter().all(|d| *d <= 50.0), "{km:?}");
        assert!(km.windows(2).all(|w| w[0] <= w[1]), "nearest first: {km:?}");
        assert!(b.texts("ol.results li p:not(.meta)").await.iter().all(|t| t.starts_with("Präsenz")));

        // The first result, then its funding explanation.
        let title = b.text("ol.results li:first-child h3").await;
        b.tab_until("ol.results li:first-child h3 a", 80).await;
        b.press_and_load(Key::Enter).await;
        assert!(b.path().await.starts_with("/angebote/"), "{}", b.path().await);
        assert_eq!(b.text("main h1").await, title);
        assert_accessible(&b.driver, "offering page").await;
        let ld = b.js("return JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)").await;
        assert_eq!(str_of(&ld["@type"]), "Course", "{ld}");
        b.tab_until("main a.button[href$='/foerderung']", 60).await;
        b.press_and_load(Key::Enter).await;
        assert!(b.path().await.ends_with("/foerderung"), "{}", b.path().await);
        assert_accessible(&b.driver, "funding advisor").await;
        let before = b.count("section.card.funding").await;
        assert!(before >= 5, "every programme is explained: {before}");

        // Her situation: 50 years old, employed in a company of 30 people,
        // trained long ago, no § 82 funding yet.
        b.skip_to_main().await;
        b.tab_until("#f-age", 30).await;
        b.type_into("#f-age", "50").await;
        b.tab_expect("#f-company_employees").await;
        b.type_into("#f-company_employees", "30").await;
        b.tab_expect("#f-employed").await;
        b.choose_by_typing("#f-employed", "j", "ja").await;
        b.tab_until("#f-has_vocational_qualification", 3).await;
        b.choose_by_typing("#f-has_vocational_qualification", "j", "ja").await;
        b.tab_expect("#f-years_since_vocational_qualification").await;
        b.type_into("#f-years_since_vocational_qualification", "12").await;
        b.tab_expect("#f-funded_82_in_last_two_years").await;
        b.choose_by_typing("#f-funded_82_in_last_two_years", "n", "nein").await;
        b.tab_until(".funding-form button[type=submit]", 30).await;
        b.press_and_load(Key::Enter).await;
        assert!(b.path().await.contains("age=50"), "{}", b.path().await);
        assert_accessible(&b.driver, "funding advisor with answers").await;
        let sections = b.texts("section.card.funding").await;
        assert_eq!(sections.len(), before);
        // Every programme carries the note that the agency decides.
        assert_eq!(b.count("section.card.funding p.disclaimer").await, before);
        let s82 = sections.iter().find(|s| s.contains("§ 82 SGB III") && !s.contains("82a")).expect("§ 82 explained");
        assert!(s82.contains('%'), "the share is given: {s82}");

        // Bad input is named on its field and nothing breaks.
        b.goto(&format!("{}?age=200", b.path().await.split('?').next().unwrap())).await;
        assert_eq!(b.count("#f-age[aria-invalid=true]").await, 1);
        assert_accessible(&b.driver, "funding advisor with an error").await;

        // Recommendations for her own gaps, explained in one line each.
        // (Her self-assessment, as in the needs tests: 0 in her role's competences.)
        let org = app.scalar("SELECT id FROM organizations WHERE name = $1", "Gothaer Fahrzeugtechnik GmbH").await;
        let token = create_token(&app, EMPLOYEE, "Handy").await;
        let mine: serde_json::Value = send_json(&app.client, reqwest::Method::GET, "/api/v1/me/competences", Some(&token), "").await.json().await.unwrap();
        for g in mine[0]["gaps"].as_array().unwrap() {
            let body = json!({"competence_id": g["competence_id"], "level": 0}).to_string();
            send_json(&app.client, reqwest::Method::POST, &format!("/api/v1/me/organizations/{org}/assessments"), Some(&token), &body).await;
        }
        b.goto(&format!("/meine-kompetenzen/{org}/angebote")).await;
        assert_accessible(&b.driver, "recommendations").await;
        let lines = b.texts("main ol li").await;
        assert!(!lines.is_empty(), "{}", b.text("main").await);
        assert!(lines.iter().all(|l| l.contains('→')), "each explains what it closes: {lines:?}");
        b.quit().await;
    }

    async fn every_catalog_page_is_accessible_on_a_phone(app) {
        let app = app.with_demo().await;
        app.wait_searchable("nordthueringen").await;
        let provider = app.scalar("SELECT id FROM organizations WHERE name = $1", "Technikum Nordthüringen gGmbH").await;
        let b = Browser::start(&app).await;
        b.driver.set_window_rect(0, 0, 360, 740).await.expect("phone size");

        for (path, what) in [
            (format!("{NETWORK}/kurse?q=Roboter"), "search"),
            (format!("{NETWORK}/bedarfsluecken"), "gap report"),
        ] {
            b.goto(&path).await;
            assert_accessible(&b.driver, what).await;
            assert_no_horizontal_scroll(&b, what).await;
        }

        b.goto("/konto/anmelden").await;
        b.log_in_with_keyboard(PROVIDER_ADMIN).await;
        for (path, what) in [
            (format!("/organisationen/{provider}/angebote"), "provider's offerings"),
            (format!("/organisationen/{provider}/angebote/neu"), "offering form"),
            (format!("/organisationen/{provider}/angebote/import"), "import form"),
            (format!("{NETWORK}/buendelung"), "pooling (provider)"),
        ] {
            b.goto(&path).await;
            assert_accessible(&b.driver, what).await;
            assert_no_horizontal_scroll(&b, what).await;
        }
        // An upload with a bad row: nothing is saved, the bad row listed.
        let file = std::env::temp_dir().join(format!("lr-import-{}-{provider}.csv", std::process::id()));
        std::fs::write(&file, "title,competences,format,hours_total,postal_code,city\n\
            Schweißroboter für Quereinsteiger,robotics_welding:2,on_site,40,99734,Nordhausen\n\
            Ohne Format,,raumschiff,10,99734,Nordhausen\n").expect("csv");
        b.goto(&format!("/organisationen/{provider}/angebote/import")).await;
        b.driver.find(By::Css("#f-file")).await.expect("file field").send_keys(file.display().to_string()).await.expect("choose file");
        b.driver.find(By::Css("main form button[type=submit]")).await.expect("upload button").click().await.expect("click");
        b.wait_for("the import result", "return document.readyState === 'complete' && !!document.querySelector('#row-errors')").await;
        assert!(b.count("#row-errors tbody tr").await >= 1, "{}", b.text("main").await);
        assert_accessible(&b.driver, "import with row errors").await;
        assert_no_horizontal_scroll(&b, "import with row errors").await;
        // The corrected file: the browser lands on the job's page, done.
        std::fs::write(&file, "title,competences,format,hours_total,postal_code,city\n\
            Schweißroboter für Quereinsteiger,robotics_welding:2,on_site,40,99734,Nordhausen\n").expect("csv");
        b.goto(&format!("/organisationen/{provider}/angebote/import")).await;
        b.driver.find(By::Css("#f-file")).await.expect("file field").send_keys(file.display().to_string()).await.expect("choose file");
        b.driver.find(By::Css("main form button[type=submit]")).await.expect("upload button").click().await.expect("click");
        b.wait_for("the finished import", "return document.readyState === 'complete' && !!document.querySelector('#import-job [role=status]')").await;
        let _ = std::fs::remove_file(&file);
        assert!(b.text("main").await.contains("1 Angebot neu angelegt"), "{}", b.text("main").await);
        assert_accessible(&b.driver, "import done").await;
        assert_no_horizontal_scroll(&b, "import done").await;

        // The form with errors: announced, each on its field.
        b.goto(&format!("/organisationen/{provider}/angebote/neu")).await;
        b.skip_to_main().await;
        b.tab_until("#f-title", 10).await;
        b.type_into("#f-title", "K").await;
        b.tab_until("main form button[type=submit]", 150).await;
        b.press_and_load(Key::Enter).await;
        assert!(b.count("[aria-invalid=true]").await >= 1, "{}", b.text("main").await);
        assert_accessible(&b.driver, "offering form with errors").await;
        b.quit().await;

        let b = Browser::start(&app).await;
        b.driver.set_window_rect(0, 0, 360, 740).await.expect("phone size");
        b.goto("/konto/anmelden").await;
        b.log_in_with_keyboard(COORDINATOR).await;
        b.goto(&format!("{NETWORK}/buendelung")).await;
        assert_accessible(&b.driver, "pooling (coordinator)").await;
        assert_no_horizontal_scroll(&b, "pooling (coordinator)").await;
        b.quit().await;

        let company = app.scalar("SELECT id FROM organizations WHERE name = $1", "Gothaer Fahrzeugtechnik GmbH").await;
        let b = Browser::start(&app).await;
        b.driver.set_window_rect(0, 0, 360, 740).await.expect("phone size");
        b.goto("/konto/anmelden").await;
        b.log_in_with_keyboard(ORG_ADMIN).await;
        b.goto(&format!("/organisationen/{company}/kompetenzbedarf/angebote")).await;
        assert!(b.count("ol.recommendations li").await > 0);
        assert_accessible(&b.driver, "company recommendations").await;
        assert_no_horizontal_scroll(&b, "company recommendations").await;
        b.quit().await;

        // The administrator's funding rules editor, also with a broken document.
        let b = Browser::start(&app).await;
        b.goto("/konto/anmelden").await;
        b.log_in_with_keyboard("admin@lernregion.example").await;
        b.goto("/verwaltung/foerderregeln").await;
        assert_accessible(&b.driver, "funding rules editor").await;
        b.js("document.getElementById('f-document').value = '{\"programmes\": 5}'").await;
        b.driver.find(By::Css("main form button[type=submit]")).await.expect("save button").click().await.expect("click");
        b.wait_for("the answer", "return document.readyState === 'complete' && !!document.querySelector('#f-document[aria-invalid=true]')").await;
        assert_accessible(&b.driver, "funding rules editor with errors").await;
        b.quit().await;
    }
}
