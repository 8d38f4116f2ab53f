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
            if let Some((a, b)) = figure.split_once('/')
                && let (Ok(a), Ok(b)) = (a.parse(), b.parse())
            {
                out.insert((row[0].clone(), c), (a, b));
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
        assert!(!me.select("ol li").is_empty(), "what I could learn next");
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
        // Without noise the subtraction below is exact: the suppression
        // pattern alone must hold (privacy.rs attacks every dimension).
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let r = coordinator.post_form("/n/nordthueringen/koordination/mindestgruppe", &[("min_group_size", "5"), ("noise_range", "0")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
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
    async fn the_api_covers_vision_assessments_and_consent(app) {
        use reqwest::Method;
        use serde_json::{Value, json};
        let app = app.with_demo().await;
        let org = org_id(&app, GOTHA).await;
        let anna_id = user_id(&app, EMPLOYEE).await;
        let anna = create_token(&app, EMPLOYEE, "Handy").await;
        let admin = create_token(&app, ORG_ADMIN, "Personalsystem").await;
        let call = |method: Method, path: String, token: String, body: Value| {
            let c = &app.client;
            async move {
                let r = send_json(c, method, &path, Some(&token), &body.to_string()).await;
                let status = r.status();
                let v: Value = r.json().await.unwrap_or(Value::Null);
                (status, v)
            }
        };

        // Anna's own profile: every requirement still to assess, nothing shared.
        let (status, mine) = call(Method::GET, "/api/v1/me/competences".into(), anna.clone(), Value::Null).await;
        assert_eq!(status, StatusCode::OK);
        let profile = &mine.as_array().unwrap()[0];
        assert_eq!(profile["organization_id"].to_string(), org);
        assert_eq!(profile["consent"], json!({"share_with_employer": false, "manager_may_assess": false, "manager_id": null}));
        let gaps = profile["gaps"].as_array().unwrap();
        assert!(gaps.len() >= 8 && gaps.iter().all(|g| g["actual"].is_null()), "{gaps:?}");
        let first = &gaps[0];
        let competence = first["competence_id"].as_i64().unwrap();
        let target = first["target"].as_i64().unwrap();

        // She assesses one competence one level below the target.
        let (status, a) = call(Method::POST, format!("/api/v1/me/organizations/{org}/assessments"), anna.clone(), json!({"competence_id": competence, "level": target - 1})).await;
        assert_eq!(status, StatusCode::CREATED, "{a}");
        assert_eq!(a["source"], "self_assessment");
        let (_, mine) = call(Method::GET, "/api/v1/me/competences".into(), anna.clone(), Value::Null).await;
        let gap = mine[0]["gaps"].as_array().unwrap().iter().find(|g| g["competence_id"] == competence).unwrap().clone();
        assert_eq!((gap["actual"].as_i64(), gap["size"].as_i64()), (Some(target - 1), Some(1)));

        // Her employer sees nothing individual until she consents, and the
        // read after consent is in her audit log.
        let person = format!("/api/v1/organizations/{org}/employees/{anna_id}");
        let (status, _) = call(Method::GET, person.clone(), admin.clone(), Value::Null).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = call(Method::POST, format!("{person}/assessments"), admin.clone(), json!({"competence_id": competence, "level": 4})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let logged = || app.scalar("SELECT COUNT(*) FROM audit_log WHERE subject_user_id = CAST($1 AS BIGINT)", &anna_id);
        assert_eq!(logged().await, 0);
        let (status, c) = call(Method::PUT, format!("/api/v1/me/organizations/{org}/consent"), anna.clone(), json!({"share_with_employer": true, "manager_may_assess": true})).await;
        assert_eq!((status, c["share_with_employer"].as_bool()), (StatusCode::OK, Some(true)));
        let (status, p) = call(Method::GET, person.clone(), admin.clone(), Value::Null).await;
        assert_eq!(status, StatusCode::OK, "{p}");
        assert_eq!(p["assessments"].as_array().unwrap().len(), 1);
        assert_eq!(logged().await, 1);
        let (status, m) = call(Method::POST, format!("{person}/assessments"), admin.clone(), json!({"competence_id": competence, "level": 4})).await;
        assert_eq!((status, m["source"].as_str()), (StatusCode::CREATED, Some("manager")));
        assert_eq!(logged().await, 2);
        // Someone from another organisation gets nothing, consent or not.
        let provider = create_token(&app, PROVIDER_ADMIN, "Fremd").await;
        let (status, _) = call(Method::GET, person.clone(), provider, Value::Null).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // The vision: a new role with a requirement from a planned change.
        let (status, change) = call(Method::POST, format!("/api/v1/organizations/{org}/changes"), admin.clone(),
            json!({"title": "Cobot an der Montagelinie", "technology": "robotics", "target_date": "2028-03-01"})).await;
        assert_eq!(status, StatusCode::CREATED, "{change}");
        let (status, role) = call(Method::POST, format!("/api/v1/organizations/{org}/roles"), admin.clone(), json!({"name": "Cobot-Einrichter:in"})).await;
        assert_eq!(status, StatusCode::CREATED, "{role}");
        let (status, _) = call(Method::POST, format!("/api/v1/organizations/{org}/roles"), admin.clone(), json!({"name": "Cobot-Einrichter:in"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the name is taken");
        let role_id = role["id"].as_i64().unwrap();
        let (status, r) = call(Method::POST, format!("/api/v1/organizations/{org}/roles/{role_id}/requirements"), admin.clone(),
            json!({"competence_id": competence, "level": 3, "importance": "high", "change_id": change["id"]})).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        assert_eq!(r["requirements"][0]["change_id"], change["id"]);
        let (_, vision) = call(Method::GET, format!("/api/v1/organizations/{org}/vision"), admin.clone(), Value::Null).await;
        assert!(vision["roles"].as_array().unwrap().iter().any(|r| r["id"] == role_id && r["requirements"].as_array().unwrap().len() == 1));
        assert!(vision["changes"].as_array().unwrap().iter().any(|c| c["title"] == "Cobot an der Montagelinie" && c["target_date"] == "2028-03-01"));
        // An employee may read the vision but not change it.
        let (status, _) = call(Method::POST, format!("/api/v1/organizations/{org}/roles"), anna.clone(), json!({"name": "Chefin"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // The company's figures: every one covers nobody or at least k people.
        let (status, needs) = call(Method::GET, format!("/api/v1/organizations/{org}/needs"), admin.clone(), Value::Null).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(needs["min_group_size"], 5);
        let (mut shown, mut withheld) = (0, 0);
        for role in needs["roles"].as_array().unwrap() {
            for cell in role["cells"].as_array().unwrap() {
                match cell["figures"]["people"].as_u64() {
                    Some(n) => { assert!(safe(n as u32), "{cell}"); shown += 1; }
                    None => withheld += 1,
                }
            }
        }
        assert!(shown > 0 && withheld > 0, "{shown} shown, {withheld} withheld");
        assert!(!needs["priorities"].as_array().unwrap().is_empty());
    }

    async fn pages_and_api_accept_the_same_self_assessments(app) {
        use reqwest::Method;
        use serde_json::{Value, json};
        let app = app.with_demo().await;
        let org = org_id(&app, GOTHA).await;
        let anna_id = user_id(&app, EMPLOYEE).await;
        let token = create_token(&app, EMPLOYEE, "Handy").await;
        let post = |body: Value| {
            let (c, token) = (&app.client, token.clone());
            let path = format!("/api/v1/me/organizations/{org}/assessments");
            async move {
                let r = send_json(c, Method::POST, &path, Some(&token), &body.to_string()).await;
                let status = r.status();
                (status, r.json::<Value>().await.unwrap_or(Value::Null))
            }
        };
        let mine: Value = send_json(&app.client, Method::GET, "/api/v1/me/competences", Some(&token), "").await.json().await.unwrap();
        let required = mine[0]["gaps"][0]["competence_id"].as_i64().unwrap();
        let not_required = app.scalar(
            "SELECT MIN(c.id) FROM competences c WHERE c.id NOT IN (SELECT r.competence_id FROM role_requirements r \
             WHERE r.role_id = (SELECT p.role_id FROM employee_profiles p WHERE p.user_id = CAST($1 AS BIGINT)))",
            &anna_id).await;
        let count = || app.scalar("SELECT COUNT(*) FROM assessments WHERE user_id = CAST($1 AS BIGINT)", &anna_id);

        // A competence her role does not require is refused, named on its field.
        let (status, problem) = post(json!({"competence_id": not_required, "level": 2})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert!(problem.to_string().contains("competence"), "{problem}");
        let (status, _) = post(json!({"competence_id": required, "level": 2})).await;
        assert_eq!(status, StatusCode::CREATED);
        // Once answered, the round does not ask again: through the API ...
        let (status, _) = post(json!({"competence_id": required, "level": 3})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        // ... nor through her page, which moves on to the next open step.
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let step = format!("/meine-kompetenzen/{org}/einschaetzung");
        let r = anna.post_form(&step, &[("competence", &required.to_string()), ("level", "3")]).await;
        assert_eq!((r.status(), location(&r)), (StatusCode::SEE_OTHER, step.clone()));
        let r = anna.post_form(&step, &[("competence", &not_required.to_string()), ("level", "3")]).await;
        assert_eq!((r.status(), location(&r)), (StatusCode::SEE_OTHER, step.clone()));
        assert_eq!(count().await, 1, "neither was recorded");
        // A missing level keeps her on the step with the message.
        let second = mine[0]["gaps"][1]["competence_id"].as_i64().unwrap();
        let r = anna.post_form(&step, &[("competence", &second.to_string())]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // A new round asks everything again, through the API as on the page.
        let r = send_json(&app.client, Method::POST, &format!("/api/v1/me/organizations/{org}/assessment-round"), Some(&token), "").await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let (status, a) = post(json!({"competence_id": required, "level": 3})).await;
        assert_eq!((status, a["level"].as_i64()), (StatusCode::CREATED, Some(3)));
        assert_eq!(count().await, 2);
        // Someone who does not work there learns nothing.
        let other = create_token(&app, PROVIDER_ADMIN, "Fremd").await;
        let r = send_json(&app.client, Method::POST, &format!("/api/v1/me/organizations/{org}/assessment-round"), Some(&other), "").await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }

    async fn a_manager_assessment_is_never_kept_without_its_audit_row(app) {
        use reqwest::Method;
        use serde_json::{Value, json};
        let app = app.with_demo().await;
        let org = org_id(&app, GOTHA).await;
        let anna_id = user_id(&app, EMPLOYEE).await;
        let anna = create_token(&app, EMPLOYEE, "Handy").await;
        let admin = create_token(&app, ORG_ADMIN, "Personalsystem").await;
        let consent = json!({"share_with_employer": true, "manager_may_assess": true}).to_string();
        let r = send_json(&app.client, Method::PUT, &format!("/api/v1/me/organizations/{org}/consent"), Some(&anna), &consent).await;
        assert_eq!(r.status(), StatusCode::OK);
        let mine: Value = send_json(&app.client, Method::GET, "/api/v1/me/competences", Some(&anna), "").await.json().await.unwrap();
        let competence = mine[0]["gaps"][0]["competence_id"].as_i64().unwrap();
        let path = format!("/api/v1/organizations/{org}/employees/{anna_id}/assessments");
        let body = json!({"competence_id": competence, "level": 3}).to_string();
        let by_manager = || app.scalar("SELECT COUNT(*) FROM assessments WHERE source = 'manager' AND user_id = CAST($1 AS BIGINT)", &anna_id);

        // The audit log refuses every write: the assessment must not stay either.
        app.refuse_inserts("audit_log").await;
        let r = send_json(&app.client, Method::POST, &path, Some(&admin), &body).await;
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!r.text().await.unwrap().contains("unavailable"), "no internals leak");
        assert_eq!(by_manager().await, 0, "rolled back with its audit row");

        // With the log back, both are written.
        app.allow_inserts("audit_log").await;
        let r = send_json(&app.client, Method::POST, &path, Some(&admin), &body).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        assert_eq!(by_manager().await, 1);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'manager-assessment' AND subject_user_id = CAST($1 AS BIGINT)", &anna_id).await, 1);
    }

    async fn the_coordinator_sets_k_and_every_figure_follows(app) {
        let app = app.with_demo().await;
        let path = "/n/nordthueringen/koordination/mindestgruppe";
        let k = || app.scalar("SELECT min_group_size FROM networks WHERE slug = $1", "nordthueringen");
        // Only the network's own coordinator.
        for who in [ORG_ADMIN, OTHER_COORDINATOR] {
            let c = app.logged_in(who, DEMO_PASSWORD).await;
            assert_eq!(c.post_form(path, &[("min_group_size", "3")]).await.status(), StatusCode::FORBIDDEN, "{who}");
        }
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let page = coordinator.page("/n/nordthueringen/koordination").await;
        assert_eq!(page.attr("#f-min_group_size", "value"), vec!["5"]);
        for bad in ["2", "51", "fünf", ""] {
            let r = coordinator.post_form(path, &[("min_group_size", bad)]).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
            let page = Page::from_response(r).await;
            assert_eq!(page.errors(), vec!["Bitte geben Sie eine ganze Zahl von 3 bis 50 ein."]);
            assert_eq!(page.attr("#f-min_group_size", "value"), vec![bad], "the entry is kept");
        }
        assert_eq!(k().await, 5);
        let r = coordinator.post_form(path, &[("min_group_size", "12")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(k().await, 12);

        // The regional view and the API now withhold everything below 12.
        let demand: serde_json::Value = app.client.get("/api/v1/networks/nordthueringen/demand").await.json().await.unwrap();
        assert_eq!(demand["min_group_size"], 12);
        for c in demand["competences"].as_array().unwrap() {
            for d in c["districts"].as_array().unwrap() {
                if let Some(n) = d["figures"]["people"].as_u64() {
                    assert!(n == 0 || n >= 12, "{d}");
                }
            }
        }
        let org = org_id(&app, GOTHA).await;
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let needs = admin.page(&format!("/organisationen/{org}/kompetenzbedarf")).await;
        for (_, (_, people)) in figures(&needs, "table.heat") {
            assert!(people == 0 || people >= 12, "{people}");
        }
    }
}
