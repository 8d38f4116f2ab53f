//! The funding advisor on an offering, and the administrator's rules.

use reqwest::StatusCode;

use crate::{both, helpers::*};

const ADMIN: &str = "admin@lernregion.example";

/// A demo course that § 82 SGB III can fund: AZAV, more than 120 hours, priced.
async fn funded_course(app: &TestApp) -> i64 {
    app.scalar("SELECT MIN(id) FROM offerings WHERE azav = TRUE AND hours_total > 120 AND price_cents > 0 AND provider_id IN (SELECT id FROM organizations WHERE name = $1)", "Technikum Nordthüringen gGmbH").await
}

fn card(page: &Page, code: &str) -> String {
    page.text(&format!("section[aria-labelledby='p-{code}']"))
}

both! {
    async fn the_advisor_explains_funding_for_a_course(app) {
        let app = app.with_demo().await;
        let id = funded_course(&app).await;
        let url = format!("/angebote/{id}/foerderung");
        let offering = app.client.page(&format!("/angebote/{id}")).await;
        assert_eq!(offering.attr("a[href$='/foerderung']", "href"), vec![url.clone()]);

        // Without answers: what depends on the course alone; nothing is a wrong "no".
        let page = app.client.page(&url).await;
        assert_eq!(page.status, StatusCode::OK);
        let s82 = card(&page, "sgb3_82");
        assert!(s82.contains("offen"), "{s82}");
        assert!(s82.contains("Beschäftigte im Betrieb"), "asks for what is missing: {s82}");

        // A small company: § 82 pays all course costs.
        let q = "?company_employees=30&employed=ja&has_vocational_qualification=ja&years_since_vocational_qualification=6&funded_82_in_last_two_years=nein&unemployed_or_at_risk=nein&age=38&residence_state=TH";
        let page = app.client.page(&format!("{url}{q}")).await;
        let s82 = card(&page, "sgb3_82");
        assert!(s82.contains("kommt in Frage") && s82.contains("100 %") && s82.contains("0,00 €"), "{s82}");
        // Every result carries the note that the agency decides.
        let cards = page.select("section.funding");
        assert!(cards.len() >= 5, "{}", cards.len());
        assert_eq!(page.select("section.funding .disclaimer").len(), cards.len());
        assert!(page.text("section.funding .disclaimer").contains("entscheidet"));
        // The Bildungsscheck NRW needs residence in NRW.
        assert!(card(&page, "nrw_bildungsscheck").contains("kommt nicht in Frage"));
        // Sorted: what applies first.
        assert!(page.select("section.funding h3")[0].contains("§ 82"), "{:?}", page.select("section.funding h3"));

        // A mid-sized company pays half, unless the person is 45 or older.
        let mid = app.client.page(&format!("{url}{}", q.replace("company_employees=30", "company_employees=120"))).await;
        assert!(card(&mid, "sgb3_82").contains("50 %"), "{}", card(&mid, "sgb3_82"));
        let older = app.client.page(&format!("{url}{}", q.replace("company_employees=30", "company_employees=120").replace("age=38", "age=52"))).await;
        assert!(card(&older, "sgb3_82").contains("100 %"), "{}", card(&older, "sgb3_82"));

        // Nonsense is named on its field and the answers are kept.
        let r = app.client.get(&format!("{url}?age=200&company_employees=viele&employed=vielleicht")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(r).await;
        assert_eq!(page.errors().len(), 3, "{:?}", page.errors());
        assert_eq!(page.attr("#f-age", "value"), vec!["200"]);
        assert!(page.select("section.funding").is_empty());
        assert_eq!(app.client.get("/angebote/999999/foerderung").await.status(), StatusCode::NOT_FOUND);
    }

    async fn administrators_edit_the_rules_as_data(app) {
        let app = app.with_demo().await;
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        assert_eq!(coordinator.get("/verwaltung/foerderregeln").await.status(), StatusCode::FORBIDDEN);
        let r = coordinator.post_form("/verwaltung/foerderregeln", &[("document", "{}")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        let admin = app.logged_in(ADMIN, DEMO_PASSWORD).await;
        let page = admin.page("/verwaltung/foerderregeln").await;
        assert_eq!(page.status, StatusCode::OK);
        let document = page.text("#f-document");
        assert!(document.contains("sgb3_82"), "the rules in force are shown");

        // A typo in a fact name is refused with its place; nothing is saved.
        let broken = document.replacen("\"course_hours\"", "\"course_hourz\"", 1);
        let r = admin.post_form("/verwaltung/foerderregeln", &[("document", &broken)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(r).await;
        let problems = page.text("#rule-errors");
        assert!(problems.contains("programmes[0].conditions") && problems.contains("course_hourz"), "{problems}");
        assert_eq!(page.text("#f-document"), broken, "the text is kept");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM funding_rules WHERE id > CAST($1 AS BIGINT)", "0").await, 0);

        // A valid change takes effect without a code change.
        let renamed = document.replacen("Weiterbildungsförderung Beschäftigter (§ 82 SGB III)", "Qualifizierung Beschäftigter nach § 82", 1);
        assert_ne!(renamed, document);
        let r = admin.post_form("/verwaltung/foerderregeln", &[("document", &renamed)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let id = funded_course(&app).await;
        let advice = app.client.page(&format!("/angebote/{id}/foerderung")).await;
        assert!(card(&advice, "sgb3_82").contains("Qualifizierung Beschäftigter nach § 82"));
        let page = admin.page("/verwaltung/foerderregeln").await;
        assert_eq!(page.select("#versions + ul li").len(), 1);
    }
}
