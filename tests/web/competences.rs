//! The competence framework: adopting, viewing, exporting, importing (own
//! CSV and ESCO, whole files only) and editing.

use reqwest::{StatusCode, multipart};

use crate::{both, helpers::*};

async fn upload(c: &Client, slug: &str, format: &str, csv: &str) -> Page {
    c.upload(
        &format!("/n/{slug}/kompetenzen/import"),
        &[("format", format)],
        "rahmen.csv",
        csv,
    )
    .await
}

const HEADER: &str = "area_code,area_de,area_en,code,name_de,name_en,description_de,description_en,plain_de,plain_en,dqr_hint,technologies";

both! {
    async fn the_demo_network_shows_its_framework(app) {
        let app = app.with_demo().await;
        let p = app.client.page("/n/nordthueringen/kompetenzen").await;
        assert_eq!(p.status, StatusCode::OK);
        assert!(p.select(".competence").len() >= 60);
        assert_eq!(p.select("table[aria-labelledby=levels-heading] tbody tr").len(), 5);
        // Visitors cannot change it.
        assert!(p.attr("a.edit-link", "href").is_empty());
        assert_eq!(app.client.get("/n/nordthueringen/kompetenzen/import").await.status(), StatusCode::SEE_OTHER);
        let en = app.new_client();
        en.get("/sprache?lang=en&next=/").await;
        let p = en.page("/n/nordthueringen/kompetenzen").await;
        assert!(p.text("main").contains("Reading"), "English names");
    }

    async fn a_coordinator_adopts_exports_and_reimports(app) {
        let app = app.with_demo().await;
        let owl = app.logged_in(OTHER_COORDINATOR, DEMO_PASSWORD).await;
        let empty = owl.page("/n/owl/kompetenzen").await;
        assert_eq!(empty.select(".competence").len(), 0);
        // Only the network's own coordinator may adopt.
        let other = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        assert_eq!(other.post_form("/n/owl/kompetenzen/uebernehmen", &[]).await.status(), StatusCode::FORBIDDEN);
        let r = owl.post_form("/n/owl/kompetenzen/uebernehmen", &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let shown = owl.page("/n/owl/kompetenzen").await.select(".competence").len();
        assert!(shown >= 60);

        let csv = owl.get("/n/owl/kompetenzen/export.csv").await.text().await.unwrap();
        assert!(csv.starts_with(HEADER));
        assert_eq!(csv::Reader::from_reader(csv.as_bytes()).records().count(), shown);
        // Re-importing the export changes nothing and reports every row as updated.
        let p = upload(&owl, "owl", "lernregion", &csv).await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.text("main"));
        assert!(p.text("[role=status]").contains(&format!("{shown}")), "{}", p.text("[role=status]"));
        assert_eq!(owl.page("/n/owl/kompetenzen").await.select(".competence").len(), shown);
    }

    async fn an_import_with_a_bad_row_saves_nothing_and_lists_every_problem(app) {
        let app = app.with_demo().await;
        let c = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let before = app.scalar("SELECT COUNT(*) FROM competences WHERE code <> $1", "").await;
        let csv = format!("{HEADER}\n\
            robotics,Robotik,Robotics,robotics_palletizing,Palettieren mit Robotern,Robot palletising,,,Sie richten einen Roboter zum Stapeln ein.,You set up a robot that stacks.,3,robotics\n\
            robotics,Robotik,Robotics,Kaputt!,x,x,,,,,,\n\
            robotics,Robotik,Robotics,robotics_teleport,Beamen,Teleporting,,,,,,teleportation\n");
        let p = upload(&c, "nordthueringen", "lernregion", &csv).await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
        let rows = p.select("#row-errors tbody tr");
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert!(rows[0].starts_with('3') && rows[1].starts_with('4'), "{rows:?}");
        assert!(rows[1].contains("teleportation"));
        assert!(p.text("#row-errors").contains("Es wurde nichts gespeichert"));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM competences WHERE code <> $1", "").await, before, "a file with a bad row saves nothing");
        assert!(!app.client.page("/n/nordthueringen/kompetenzen").await.text("main").contains("Palettieren mit Robotern"));
        // The good row alone is saved.
        let good: String = csv.lines().take(2).map(|l| format!("{l}\n")).collect();
        let p = upload(&c, "nordthueringen", "lernregion", &good).await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.text("main"));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM competences WHERE code <> $1", "").await, before + 1);
        assert!(app.client.page("/n/nordthueringen/kompetenzen").await.text("main").contains("Palettieren mit Robotern"));

        // Not a CSV of ours at all, an empty upload, a non-UTF-8 file.
        let p = upload(&c, "nordthueringen", "lernregion", "name;vorname\nx;y\n").await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(p.text("#row-errors").contains("area_code"));
        let p = upload(&c, "nordthueringen", "lernregion", "").await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(p.errors().len(), 1);
        // Without the CSRF token nothing is imported.
        let form = multipart::Form::new().text("format", "lernregion").text("text", csv.clone());
        let r = c.http.post(c.url("/n/nordthueringen/kompetenzen/import")).multipart(form).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }

    async fn esco_skills_can_be_imported(app) {
        let app = app.with_demo().await;
        let c = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let esco = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\n\
            KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab,skill/competence,sector-specific,CNC-Maschinen programmieren,\"CNC-Programmierung\",Programme für CNC-Maschinen schreiben.\n\
            KnowledgeSkillCompetence,http://example.org/nope,skill/competence,,Falsch,,\n";
        let p = upload(&c, "nordthueringen", "esco-de", esco).await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(p.select("#row-errors tbody tr").len(), 1);
        assert!(!app.client.page("/n/nordthueringen/kompetenzen").await.text("main").contains("CNC-Maschinen programmieren"));
        let good: String = esco.lines().take(2).map(|l| format!("{l}\n")).collect();
        let p = upload(&c, "nordthueringen", "esco-de", &good).await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.text("main"));
        let page = app.client.page("/n/nordthueringen/kompetenzen").await;
        assert!(page.text("#area-esco").contains("ESCO"));
        assert!(page.text("main").contains("CNC-Maschinen programmieren"));
        assert!(page.attr("a[href^='http://data.europa.eu/esco/skill/']", "href").len() == 1);
    }

    async fn a_coordinator_edits_and_retires_a_competence(app) {
        let app = app.with_demo().await;
        let c = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let id = app.scalar("SELECT MIN(id) FROM competences WHERE code LIKE $1", "cnc%").await;
        let path = format!("/n/nordthueringen/kompetenzen/{id}");
        let form = c.page(&path).await;
        assert_eq!(form.status, StatusCode::OK);
        let area = form.attr("#f-area option[selected]", "value")[0].clone();
        let r = c.post_form(&path, &[
            ("area", &area), ("name_de", "CNC-Grundlagen (neu)"), ("name_en", "CNC basics (new)"),
            ("plain_de", "Sie bedienen eine CNC-Maschine."), ("dqr_hint", "3-4"),
            ("technology", "cnc"), ("technology", "cam"), ("retired", "on"),
        ]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = app.client.page("/n/nordthueringen/kompetenzen").await;
        assert!(page.text(".competence.retired").contains("CNC-Grundlagen (neu)"));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM competences WHERE technologies = $1 AND retired = TRUE", "cnc;cam").await, 1);

        // Bad input: empty names, unknown technology, bad DQR; nothing changes.
        let r = c.post_form(&path, &[("area", &area), ("name_de", ""), ("name_en", "x"), ("dqr_hint", "12"), ("technology", "warp")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(!Page::from_response(r).await.errors().is_empty());
        assert_eq!(app.scalar("SELECT COUNT(*) FROM competences WHERE name_de = $1", "CNC-Grundlagen (neu)").await, 1);

        // A new competence; its code must be new and well-formed.
        let r = c.post_form("/n/nordthueringen/kompetenzen/neu", &[("area", &area), ("code", "cnc_grinding"), ("name_de", "Schleifen"), ("name_en", "Grinding")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = c.post_form("/n/nordthueringen/kompetenzen/neu", &[("area", &area), ("code", "cnc_grinding"), ("name_de", "Nochmal"), ("name_en", "Again")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        // A competence of another network cannot be edited through this one.
        let owl = app.logged_in(OTHER_COORDINATOR, DEMO_PASSWORD).await;
        assert_eq!(owl.get(&format!("/n/owl/kompetenzen/{id}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(owl.get(&path).await.status(), StatusCode::FORBIDDEN);
    }
}
