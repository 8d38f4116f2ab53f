//! Recommendations for an employee's gaps, each explained in one line.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::{both, helpers::*};

both! {
    async fn an_employee_gets_explained_recommendations_for_her_gaps(app) {
        let app = app.with_demo().await;
        app.wait_searchable("nordthueringen").await;
        let org = app.scalar("SELECT id FROM organizations WHERE name = $1", "Gothaer Fahrzeugtechnik GmbH").await;
        let token = create_token(&app, EMPLOYEE, "Handy").await;
        let r = send_json(&app.client, Method::GET, "/api/v1/me/competences", Some(&token), "").await;
        let mine: Value = r.json().await.unwrap();
        // She assesses herself at 0 in every competence of her role.
        for g in mine[0]["gaps"].as_array().unwrap() {
            let body = json!({"competence_id": g["competence_id"], "level": 0}).to_string();
            let r = send_json(&app.client, Method::POST, &format!("/api/v1/me/organizations/{org}/assessments"), Some(&token), &body).await;
            assert_eq!(r.status(), StatusCode::CREATED);
        }
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let me = anna.page("/meine-kompetenzen").await;
        let url = format!("/meine-kompetenzen/{org}/angebote");
        assert_eq!(me.attr(&format!("a[href='{url}']"), "href").len(), 1, "linked from her profile");

        let page = anna.page(&url).await;
        assert_eq!(page.status, StatusCode::OK);
        let lines = page.select("ol.recommendations .why");
        assert!(lines.len() >= 3, "{lines:?}");
        for l in &lines {
            assert!(l.starts_with("schließt ") && l.contains("→"), "{l}");
        }
        assert!(lines.iter().any(|l| l.contains(" km")), "distances: {lines:?}");

        // Part time only: every attendable suggestion is part-time friendly or self-paced.
        let page = anna.page(&format!("{url}?part_time=ja")).await;
        for card in page.select("ol.recommendations li.card:not(.out-of-reach) .why") {
            assert!(["berufsbegleitend", "abends", "am Wochenende", "im eigenen Tempo"].iter().any(|w| card.contains(w)), "{card}");
        }

        // Bad input is named; the page is always about the one who is logged in.
        let r = anna.get(&format!("{url}?max_km=weit&home_postal_code=123")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(Page::from_response(r).await.errors().len(), 2);
        let provider = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        assert_eq!(provider.get(&url).await.status(), StatusCode::NOT_FOUND, "not employed there");
        assert_eq!(app.new_client().get(&url).await.status(), StatusCode::SEE_OTHER);
    }

    async fn a_company_gets_offerings_for_its_aggregated_gaps(app) {
        let app = app.with_demo().await;
        app.wait_searchable("nordthueringen").await;
        let org = app.scalar("SELECT id FROM organizations WHERE name = $1", "Gothaer Fahrzeugtechnik GmbH").await;
        let url = format!("/organisationen/{org}/kompetenzbedarf/angebote");
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let needs = admin.page(&format!("/organisationen/{org}/kompetenzbedarf")).await;
        assert_eq!(needs.attr(&format!("a[href='{url}']"), "href").len(), 1, "linked from the company's needs");
        let page = admin.page(&url).await;
        assert_eq!(page.status, StatusCode::OK);
        let lines = page.select("ol.recommendations p.why");
        assert!(!lines.is_empty(), "{}", page.text("main"));
        // Each line names what the course closes, up to a role's target level.
        assert!(lines.iter().all(|l| l.contains('→')), "{lines:?}");
        let titles = page.select("ol.recommendations h2");
        assert!(titles.len() <= 10, "{titles:?}");
        // Employees and other companies' people do not see it; visitors log in.
        assert_eq!(app.logged_in(EMPLOYEE, DEMO_PASSWORD).await.get(&url).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await.get(&url).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.client.get(&url).await.status(), StatusCode::SEE_OTHER);
    }
}
