//! Needs analysis end to end: vision, self-assessment, consent and audit,
//! and k-anonymous figures for companies and the region.

use std::collections::HashMap;

use reqwest::StatusCode;

use crate::{both, helpers::*};

const GOTHA: &str = "Gothaer Fahrzeugtechnik GmbH";

async fn org_id(app: &TestApp, name: &str) -> String {
    app.scalar("SELECT id FROM organizations WHERE name = $1", name)
        .await
        .to_string()
}

async fn user_id(app: &TestApp, email: &str) -> String {
    app.scalar("SELECT id FROM users WHERE email = $1", email)
        .await
        .to_string()
}

/// "with_gap/people" figures of a heat table by (row label, column).
fn figures(page: &Page, table: &str) -> HashMap<(String, usize), (u32, u32)> {
    let mut out = HashMap::new();
    for row in page.rows(&format!("{table} tbody tr")) {
        for (c, cell) in row.iter().enumerate().skip(1) {
            let figure = cell.split_whitespace().next().unwrap_or_default();
            if let Some((a, b)) = figure.split_once('/') {
                if let (Ok(a), Ok(b)) = (a.parse(), b.parse()) {
                    out.insert((row[0].clone(), c), (a, b));
                }
            }
        }
    }
    out
}

/// A published figure covers nobody or at least k people.
fn safe(n: u32) -> bool {
    n == 0 || n >= 5
}

both! {
    async fn an_employee_assesses_themself_step_by_step(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, GOTHA).await;
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let me = anna.page("/meine-kompetenzen").await;
        assert_eq!(me.status, StatusCode::OK);
        assert!(me.text("main").contains(GOTHA));
        let step_url = format!("/meine-kompetenzen/{org}/einschaetzung");
        let first = anna.page(&step_url).await;
        assert_eq!(first.status, StatusCode::OK);
        assert_eq!(first.select("input[type=radio][name=level]").len(), 5);
        let total: usize = app.scalar(
            "SELECT COUNT(DISTINCT q.competence_id) FROM role_requirements q JOIN employee_profiles p ON p.role_id = q.role_id JOIN users u ON u.id = p.user_id WHERE u.email = $1",
            EMPLOYEE).await as usize;
        assert!(total >= 8, "{total}");

        // No answer chosen: a clear message, nothing stored.
        let competence = first.attr("input[name=competence]", "value")[0].clone();
        let r = anna.post_form(&step_url, &[("competence", &competence)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(Page::from_response(r).await.errors().len(), 1);
        // Skipping shows another competence and stores nothing.
        let skipped = anna.page(&format!("{step_url}?nach={competence}")).await;
        assert_ne!(skipped.attr("input[name=competence]", "value")[0], competence);
        // A level out of range is refused.
        assert_eq!(anna.post_form(&step_url, &[("competence", &competence), ("level", "7")]).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let user = user_id(&app, EMPLOYEE).await;
        assert_eq!(app.scalar("SELECT COUNT(*) FROM assessments WHERE user_id = CAST($1 AS BIGINT)", &user).await, 0);

        // Answer three, pause, come back: progress is kept.
        for _ in 0..3 {
            let p = anna.page(&step_url).await;
            let c = p.attr("input[name=competence]", "value")[0].clone();
            assert_eq!(anna.post_form(&step_url, &[("competence", &c), ("level", "2")]).await.status(), StatusCode::SEE_OTHER);
        }
        let me = anna.page("/meine-kompetenzen").await;
        assert_eq!(me.attr("progress", "value"), vec!["3".to_owned()]);
        // Finish the rest.
        let mut guard = 0;
        loop {
            let p = anna.page(&step_url).await;
            let Some(c) = p.attr("input[name=competence]", "value").first().cloned() else { break };
            let r = anna.post_form(&step_url, &[("competence", &c), ("level", "1")]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
            guard += 1;
            assert!(guard <= total, "the assessment must end");
        }
        assert_eq!(app.scalar("SELECT COUNT(*) FROM assessments WHERE user_id = CAST($1 AS BIGINT)", &user).await as usize, total);
        let me = anna.page("/meine-kompetenzen").await;
        assert!(me.select("ol li").len() >= 1, "what I could learn next");
        // Answering an already answered competence again in this round does nothing.
        let r = anna.post_form(&step_url, &[("competence", &competence), ("level", "4")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM assessments WHERE user_id = CAST($1 AS BIGINT)", &user).await as usize, total);
    }

    async fn individual_answers_need_consent_and_reads_are_logged(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, GOTHA).await;
        let anna_id = user_id(&app, EMPLOYEE).await;
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let step_url = format!("/meine-kompetenzen/{org}/einschaetzung");
        let c = anna.page(&step_url).await.attr("input[name=competence]", "value")[0].clone();
        anna.post_form(&step_url, &[("competence", &c), ("level", "3")]).await;

        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let person = format!("/organisationen/{org}/beschaeftigte/{anna_id}");
        assert_eq!(admin.get(&person).await.status(), StatusCode::FORBIDDEN);
        // Not even the platform administrator.
        let root = app.logged_in("admin@lernregion.example", DEMO_PASSWORD).await;
        assert_eq!(root.get(&person).await.status(), StatusCode::FORBIDDEN);
        let needs = admin.page(&format!("/organisationen/{org}/kompetenzbedarf")).await;
        assert!(needs.attr(&format!("a[href='{person}']"), "href").is_empty(), "no link without consent");
        // A manager's assessment needs its own consent.
        let r = admin.post_form(&format!("{person}/einschaetzung"), &[("competence", &c), ("level", "1")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        let r = anna.post_form(&format!("/meine-kompetenzen/{org}/einwilligung"), &[("share_with_employer", "on")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let p = admin.page(&person).await;
        assert_eq!(p.status, StatusCode::OK);
        assert!(p.select("table[aria-labelledby=history] tbody tr").len() == 1);
        let me = anna.page("/meine-kompetenzen").await;
        assert!(me.text("table[aria-labelledby=audit]").contains("Martina"), "{}", me.text("table[aria-labelledby=audit]"));
        // Withdrawing consent closes the page again.
        anna.post_form(&format!("/meine-kompetenzen/{org}/einwilligung"), &[]).await;
        assert_eq!(admin.get(&person).await.status(), StatusCode::FORBIDDEN);
        // With consent to assess, the manager's assessment is kept beside hers.
        anna.post_form(&format!("/meine-kompetenzen/{org}/einwilligung"), &[("manager_may_assess", "on")]).await;
        let r = admin.post_form(&format!("{person}/einschaetzung"), &[("competence", &c), ("level", "4")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM assessments WHERE user_id = CAST($1 AS BIGINT) AND source = 'manager'", &anna_id).await, 1);
    }

    async fn company_figures_never_show_groups_below_k(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, GOTHA).await;
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let p = admin.page(&format!("/organisationen/{org}/kompetenzbedarf")).await;
        assert_eq!(p.status, StatusCode::OK);
        let figs = figures(&p, "table.heat");
        assert!(!figs.is_empty());
        assert!(figs.values().all(|(_, n)| safe(*n)), "{figs:?}");
        assert!(!p.select("td.heat-hidden").is_empty(), "small roles are hidden");
        // Employees and outsiders do not see the company's needs.
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        assert_eq!(anna.get(&format!("/organisationen/{org}/kompetenzbedarf")).await.status(), StatusCode::FORBIDDEN);
        let stranger = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        assert_eq!(stranger.get(&format!("/organisationen/{org}/kompetenzbedarf")).await.status(), StatusCode::FORBIDDEN);
    }

    async fn the_admin_describes_the_vision(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, GOTHA).await;
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let r = admin.post_form(&format!("/organisationen/{org}/rollen"), &[("name", "Lagerlogistiker:in"), ("description", "Wareneingang und Versand")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let role_url = location(&r);
        let r = admin.post_form(&format!("/organisationen/{org}/rollen"), &[("name", "Lagerlogistiker:in")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "names are unique");
        let r = admin.post_form(&format!("/organisationen/{org}/veraenderungen"), &[("title", "Fahrerlose Transportsysteme"), ("technology", "logistics"), ("target_date", "2028-03-01")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = admin.post_form(&format!("/organisationen/{org}/veraenderungen"), &[("title", "Gestern"), ("target_date", "2001-01-01")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = admin.post_form(&format!("/organisationen/{org}/veraenderungen"), &[("title", "Falsch"), ("technology", "warp"), ("target_date", "31.12.2027")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(Page::from_response(r).await.errors().len(), 2);

        let page = admin.page(&role_url).await;
        let competence = page.attr("#f-competence option", "value").into_iter().find(|v| !v.is_empty()).unwrap();
        let change = page.options("#f-change").into_iter().find(|(_, t)| t.contains("Fahrerlose")).unwrap().0;
        let r = admin.post_form(&role_url, &[("competence", &competence), ("level", "3"), ("importance", "high"), ("change", &change)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = admin.post_form(&role_url, &[("competence", "999999"), ("level", "9"), ("importance", "sehr"), ("change", "x")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(Page::from_response(r).await.errors().len(), 4);
        let page = admin.page(&role_url).await;
        assert_eq!(page.select("table[aria-labelledby=requirements] tbody tr").len(), 1);
        assert!(page.text("table").contains("Fahrerlose Transportsysteme"));

        // Assign Anna to the new role.
        let anna = user_id(&app, EMPLOYEE).await;
        let role = role_url.rsplit('/').next().unwrap().to_owned();
        let r = admin.post_form(&format!("/organisationen/{org}/beschaeftigte/{anna}/rolle"), &[("role", &role)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM employee_profiles WHERE role_id = CAST($1 AS BIGINT)", &role).await, 1);
        // A role of another company cannot be assigned, nor edited from here.
        let other_org = org_id(&app, "Nordhäuser Motorenwerk GmbH").await;
        let foreign = app.scalar("SELECT MIN(id) FROM job_roles WHERE org_id = CAST($1 AS BIGINT)", &other_org).await.to_string();
        let r = admin.post_form(&format!("/organisationen/{org}/beschaeftigte/{anna}/rolle"), &[("role", &foreign)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(admin.get(&format!("/organisationen/{org}/rollen/{foreign}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(admin.get(&format!("/organisationen/{other_org}/rollen/{foreign}")).await.status(), StatusCode::FORBIDDEN);
    }

    async fn regional_figures_resist_differencing(app) {
        let app = app.with_demo().await;
        let all = app.client.page("/n/nordthueringen/bedarf").await;
        assert_eq!(all.status, StatusCode::OK);
        assert!(all.html.contains("<svg"), "district map");
        let figs_all = figures(&all, "table.heat");
        assert!(figs_all.len() > 20);
        assert!(figs_all.values().all(|(_, n)| safe(*n)));
        // Robotics gaps show up where the demo's welding robots come.
        assert!(all.text("table.heat").contains("Roboterzellen bedienen"));
        for (sector, size) in [("25", ""), ("29", ""), ("", "small"), ("25", "medium"), ("28", "large")] {
            let filtered = app.client.page(&format!("/n/nordthueringen/bedarf?sector={sector}&size={size}")).await;
            assert_eq!(filtered.status, StatusCode::OK);
            let figs = figures(&filtered, "table.heat");
            for (key, (_, n)) in &figs {
                assert!(safe(*n), "{key:?}");
                // Subtracting the filtered figure from the unfiltered one
                // never isolates fewer than k people.
                if let Some((_, total)) = figs_all.get(key) {
                    let rest = total - n;
                    assert!(rest == 0 || rest >= 5, "{sector}/{size} {key:?}: {total} - {n}");
                }
            }
        }
        let bad = app.client.page("/n/nordthueringen/bedarf?sector=xx&size=giant").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.errors().len(), 2);
    }

    async fn employees_export_and_delete_their_data(app) {
        let app = app.with_demo().await;
        let org = org_id(&app, GOTHA).await;
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let step_url = format!("/meine-kompetenzen/{org}/einschaetzung");
        let c = anna.page(&step_url).await.attr("input[name=competence]", "value")[0].clone();
        anna.post_form(&step_url, &[("competence", &c), ("level", "2")]).await;
        let export: serde_json::Value = anna.get("/meine-kompetenzen/export.json").await.json().await.unwrap();
        assert_eq!(export["assessments"].as_array().unwrap().len(), 1);
        assert_eq!(export["account"]["email"], EMPLOYEE);
        let others = app.scalar("SELECT COUNT(*) FROM assessments WHERE source = $1", "self").await;
        // Without the tick nothing is deleted.
        assert_eq!(anna.post_form("/meine-kompetenzen/loeschen", &[]).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = anna.post_form("/meine-kompetenzen/loeschen", &[("confirm", "on")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM assessments WHERE source = $1", "self").await, others - 1);
        assert_eq!(app.new_client().get("/meine-kompetenzen").await.status(), StatusCode::SEE_OTHER);
    }

    async fn the_api_gives_the_framework_and_protected_regional_figures(app) {
        let app = app.with_demo().await;
        let fw: serde_json::Value = app.client.get("/api/v1/networks/nordthueringen/competences").await.json().await.unwrap();
        let count: usize = fw["areas"].as_array().unwrap().iter().map(|a| a["competences"].as_array().unwrap().len()).sum();
        assert!(count >= 60, "{count}");
        assert_eq!(fw["levels"].as_array().unwrap().len(), 5);
        let r = app.client.get("/api/v1/networks/nordthueringen/demand?sector=25").await;
        assert_eq!(r.status(), StatusCode::OK);
        let demand: serde_json::Value = r.json().await.unwrap();
        assert_eq!(demand["min_group_size"], 5);
        let mut shown = 0;
        let mut withheld = 0;
        for c in demand["competences"].as_array().unwrap() {
            for d in c["districts"].as_array().unwrap() {
                match d["figures"]["people"].as_u64() {
                    Some(n) => {
                        assert!(n == 0 || n >= 5, "{d}");
                        shown += 1;
                    }
                    None => withheld += 1,
                }
            }
        }
        assert!(shown > 0 && withheld > 0, "{shown} shown, {withheld} withheld");
        let bad = app.client.get("/api/v1/networks/nordthueringen/demand?size=gigantic").await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.headers()["content-type"].to_str().unwrap().starts_with("application/problem+json"));
    }
}
