//! Consent names who sees what: the company's HR admins and the person's own
//! manager, never plain members such as the works council. Checked through
//! the real pages and the API, logged in as the demo's works-council member
//! (org role member) and HR admin.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::{both, helpers::*};

const GOTHA: &str = "Gothaer Fahrzeugtechnik GmbH";
const WORKS_COUNCIL: &str = "betriebsrat@gothaer-fahrzeugtechnik.example";

async fn id_of(app: &TestApp, sql: &'static str, key: &str) -> String {
    app.scalar(sql, key).await.to_string()
}

struct Ids {
    org: String,
    anna: String,
    uwe: String,
    martina: String,
}

async fn ids(app: &TestApp) -> Ids {
    let user = "SELECT id FROM users WHERE email = $1";
    Ids {
        org: id_of(app, "SELECT id FROM organizations WHERE name = $1", GOTHA).await,
        anna: id_of(app, user, EMPLOYEE).await,
        uwe: id_of(app, user, WORKS_COUNCIL).await,
        martina: id_of(app, user, ORG_ADMIN).await,
    }
}

/// Anna answers one question of her self-assessment; returns its competence.
async fn anna_answers_one(anna: &Client, org: &str) -> String {
    let step_url = format!("/meine-kompetenzen/{org}/einschaetzung");
    let c = anna
        .page(&step_url)
        .await
        .attr("input[name=competence]", "value")[0]
        .clone();
    let r = anna
        .post_form(&step_url, &[("competence", &c), ("level", "3")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    c
}

/// Hrefs of the links in the employees table of the company's needs page to
/// other people's pages (everyone may open their own).
async fn person_links(c: &Client, org: &str, me: &str) -> Vec<String> {
    let page = c
        .page(&format!("/organisationen/{org}/kompetenzbedarf"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let own = format!("/organisationen/{org}/beschaeftigte/{me}");
    let links = page.attr("table[aria-labelledby=people] tbody a", "href");
    assert!(
        links.contains(&own),
        "the link to one's own page: {links:?}"
    );
    links.into_iter().filter(|l| *l != own).collect()
}

/// The admin sets Anna's manager on the needs page, keeping her role as the
/// form shows it.
async fn set_manager(admin: &Client, ids: &Ids, manager: &str) -> reqwest::Response {
    let page = admin
        .page(&format!("/organisationen/{}/kompetenzbedarf", ids.org))
        .await;
    let role = page.attr(&format!("#role-{} option[selected]", ids.anna), "value");
    let action = page.attr(&format!("form#assign-{}", ids.anna), "action")[0].clone();
    admin
        .post_form(
            &action,
            &[
                ("role", role.first().map(String::as_str).unwrap_or("")),
                ("manager", manager),
            ],
        )
        .await
}

async fn manager_of_anna(app: &TestApp) -> i64 {
    app.scalar("SELECT COALESCE(MAX(p.manager_user_id), 0) FROM employee_profiles p JOIN users u ON u.id = p.user_id WHERE u.email = $1", EMPLOYEE).await
}

async fn api(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Value,
) -> (StatusCode, Value) {
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    let r = send_json(&app.client, method, path, Some(token), &body).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

both! {
    async fn the_works_council_member_sees_no_individual_data(app) {
        let app = app.with_demo().await;
        let ids = ids(&app).await;
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let competence = anna_answers_one(&anna, &ids.org).await;
        // Anna ticks "Mein Betrieb" and allows assessments.
        let r = anna.post_form(&format!("/meine-kompetenzen/{}/einwilligung", ids.org), &[("share_with_employer", "on"), ("manager_may_assess", "on")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let person = format!("/organisationen/{}/beschaeftigte/{}", ids.org, ids.anna);
        // A demo colleague who shared with the employer long ago.
        let sharing = app.scalar("SELECT MIN(user_id) FROM employee_profiles WHERE org_id = CAST($1 AS BIGINT) AND share_with_employer = TRUE AND manager_may_assess = TRUE AND user_id <> (SELECT id FROM users WHERE email = 'anna.beck@example.org')", &ids.org).await;
        let colleague = format!("/organisationen/{}/beschaeftigte/{sharing}", ids.org);

        let uwe = app.logged_in(WORKS_COUNCIL, DEMO_PASSWORD).await;
        // The company's figures, but no link to anyone and no hint who shares.
        let needs = uwe.page(&format!("/organisationen/{}/kompetenzbedarf", ids.org)).await;
        assert_eq!(needs.status, StatusCode::OK);
        assert!(!needs.select("table.heat tbody tr").is_empty(), "aggregates stay visible");
        assert!(needs.select("table[aria-labelledby=people] tbody tr").len() > 10);
        let own = format!("/organisationen/{}/beschaeftigte/{}", ids.org, ids.uwe);
        assert_eq!(needs.attr("table[aria-labelledby=people] a", "href"), vec![own], "his own page only");
        assert!(!needs.text("table[aria-labelledby=people]").contains("teilt ihre Einschätzung"));
        assert!(!needs.has("table[aria-labelledby=people] select"), "no role or manager forms for members");
        // Typing the address: 403, as for anyone the consent does not reach.
        for url in [&person, &colleague] {
            let p = uwe.page(url).await;
            assert_eq!(p.status, StatusCode::FORBIDDEN, "{url}");
            assert!(!p.has("table[aria-labelledby=history]") && !p.has("form[action$='/einschaetzung']"), "{url}");
        }
        let r = uwe.post_form(&format!("{person}/einschaetzung"), &[("competence", &competence), ("level", "1")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // The API answers the same.
        let token = token_via(&uwe, "Betriebsrat").await;
        let api_person = format!("/api/v1/organizations/{}/employees/{}", ids.org, ids.anna);
        assert_eq!(api(&app, Method::GET, &api_person, &token, Value::Null).await.0, StatusCode::FORBIDDEN);
        assert_eq!(api(&app, Method::GET, &format!("/api/v1/organizations/{}/employees/{sharing}", ids.org), &token, Value::Null).await.0, StatusCode::FORBIDDEN);
        let (status, _) = api(&app, Method::POST, &format!("{api_person}/assessments"), &token, json!({"competence_id": competence.parse::<i64>().unwrap(), "level": 1})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, needs) = api(&app, Method::GET, &format!("/api/v1/organizations/{}/needs", ids.org), &token, Value::Null).await;
        assert_eq!(status, StatusCode::OK, "aggregates through the API too");
        assert!(needs["roles"].as_array().is_some_and(|r| !r.is_empty()));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM assessments WHERE source = $1", "manager").await, 0);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM audit_log WHERE actor_user_id = CAST($1 AS BIGINT)", &ids.uwe).await, 0, "nothing was read");

        // The HR admin, whom the consent names by role: link, data, form.
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let links = person_links(&admin, &ids.org, &ids.martina).await;
        assert!(links.contains(&person) && links.contains(&colleague), "{links:?}");
        let p = admin.page(&person).await;
        assert_eq!(p.status, StatusCode::OK);
        assert_eq!(p.select("table[aria-labelledby=history] tbody tr").len(), 1);
        assert!(p.has(&format!("form[action='{person}/einschaetzung']")));
        let r = admin.post_form(&format!("{person}/einschaetzung"), &[("competence", &competence), ("level", "2")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let admin_token = token_via(&admin, "Personal").await;
        let (status, profile) = api(&app, Method::GET, &api_person, &admin_token, Value::Null).await;
        assert_eq!(status, StatusCode::OK, "{profile}");
        assert_eq!(profile["assessments"].as_array().map(Vec::len), Some(2));
        // Every read and the assessment are in Anna's log, by name.
        let logged = app.scalar("SELECT COUNT(*) FROM audit_log WHERE subject_user_id = CAST($1 AS BIGINT)", &ids.anna).await;
        assert_eq!(logged, 3, "page read, assessment, API read");
        let me = anna.page("/meine-kompetenzen").await;
        let log = me.rows("table[aria-labelledby=audit] tbody tr");
        assert_eq!(log.len(), 3, "{log:?}");
        assert!(log.iter().all(|r| r[1] == format!("Martina Köhler ({GOTHA})")), "{log:?}");
    }

    async fn consent_reaches_only_the_manager_it_named(app) {
        let app = app.with_demo().await;
        let ids = ids(&app).await;
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let uwe = app.logged_in(WORKS_COUNCIL, DEMO_PASSWORD).await;
        let competence = anna_answers_one(&anna, &ids.org).await;
        let person = format!("/organisationen/{}/beschaeftigte/{}", ids.org, ids.anna);
        let consent_url = format!("/meine-kompetenzen/{}/einwilligung", ids.org);
        let uwe_token = token_via(&uwe, "Betriebsrat").await;
        let anna_token = token_via(&anna, "Handy").await;
        let api_person = format!("/api/v1/organizations/{}/employees/{}", ids.org, ids.anna);

        // Without a manager the consent text names the HR admins by role and
        // name, and says that no manager is entered.
        let me = anna.page("/meine-kompetenzen").await;
        assert_eq!(me.text(&format!("#consent-{}-who", ids.org)), format!("Wenn Sie zustimmen, sehen Ihre einzelnen Antworten nur die Personalverantwortlichen von {GOTHA} (Martina Köhler). Für Sie ist keine Führungskraft eingetragen."));
        assert_eq!(me.attr(&format!("form[action='{consent_url}'] input[name=named_manager]"), "value"), vec![String::new()]);
        assert!(!me.has(".consent-renew"));
        let r = anna.post_form(&consent_url, &[("share_with_employer", "on"), ("manager_may_assess", "on"), ("named_manager", "")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);

        // The manager must be an admin or member of the company, not Anna.
        let employee = app.scalar("SELECT MIN(user_id) FROM org_members WHERE org_id = CAST($1 AS BIGINT) AND role = 'employee'", &ids.org).await.to_string();
        let outsider = id_of(&app, "SELECT id FROM users WHERE email = $1", PROVIDER_ADMIN).await;
        let page = admin.page(&format!("/organisationen/{}/kompetenzbedarf", ids.org)).await;
        let choices: Vec<String> = page.options(&format!("#manager-{}", ids.anna)).into_iter().map(|(v, _)| v).collect();
        assert_eq!(choices, vec![String::new(), ids.martina.clone(), ids.uwe.clone()], "none, then admins and members by name");
        for bad in [ids.anna.as_str(), employee.as_str(), outsider.as_str(), "999999", "Uwe"] {
            let r = set_manager(&admin, &ids, bad).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        }
        assert_eq!(manager_of_anna(&app).await, 0);
        // Only an admin sets it.
        let r = uwe.post_form(&format!("/organisationen/{}/beschaeftigte/{}/rolle", ids.org, ids.anna), &[("role", ""), ("manager", &ids.uwe)]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // Uwe becomes her manager after she consented: he gets nothing yet.
        let roles_before = app.scalar("SELECT COUNT(*) FROM employee_profiles WHERE role_id IS NOT NULL AND user_id = CAST($1 AS BIGINT)", &ids.anna).await;
        assert_eq!(set_manager(&admin, &ids, &ids.uwe).await.status(), StatusCode::SEE_OTHER);
        assert_eq!(manager_of_anna(&app).await.to_string(), ids.uwe);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM employee_profiles WHERE role_id IS NOT NULL AND user_id = CAST($1 AS BIGINT)", &ids.anna).await, roles_before, "her role is kept");
        let page = admin.page(&format!("/organisationen/{}/kompetenzbedarf", ids.org)).await;
        assert_eq!(page.attr(&format!("#manager-{} option[selected]", ids.anna), "value"), vec![ids.uwe.clone()]);
        assert!(page.text("table[aria-labelledby=people]").contains("Die Zustimmung der Person nennt diese Führungskraft noch nicht."));
        assert_eq!(person_links(&uwe, &ids.org, &ids.uwe).await, Vec::<String>::new());
        assert_eq!(uwe.get(&person).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(api(&app, Method::GET, &api_person, &uwe_token, Value::Null).await.0, StatusCode::FORBIDDEN);
        // Anna's page says so plainly and names him in the consent text.
        let me = anna.page("/meine-kompetenzen").await;
        assert_eq!(me.text(".consent-renew"), "Ihre Führungskraft ist jetzt Uwe Sommer. Uwe Sommer sieht Ihre Antworten erst, wenn Sie hier noch einmal zustimmen und speichern. Bis dahin gilt Ihre Zustimmung nur für die Personalverantwortlichen.");
        assert_eq!(me.text(&format!("#consent-{}-who", ids.org)), format!("Wenn Sie zustimmen, sehen Ihre einzelnen Antworten nur die Personalverantwortlichen von {GOTHA} (Martina Köhler) und Ihre Führungskraft Uwe Sommer."));
        assert_eq!(me.attr(&format!("form[action='{consent_url}'] input[name=named_manager]"), "value"), vec![ids.uwe.clone()]);
        // The API shows the same: a manager the consent does not name.
        let (_, mine) = api(&app, Method::GET, "/api/v1/me/competences", &anna_token, Value::Null).await;
        assert_eq!(mine[0]["manager_id"].to_string(), ids.uwe);
        assert_eq!(mine[0]["manager_name"], "Uwe Sommer");
        assert_eq!(mine[0]["consent"], json!({"share_with_employer": true, "manager_may_assess": true, "manager_id": null}));

        // She renews her consent as the page shows it: now Uwe is reached.
        let r = anna.post_form(&consent_url, &[("share_with_employer", "on"), ("manager_may_assess", "on"), ("named_manager", &ids.uwe)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(!anna.page("/meine-kompetenzen").await.has(".consent-renew"));
        assert_eq!(person_links(&uwe, &ids.org, &ids.uwe).await, vec![person.clone()], "his one report, no one else");
        let p = uwe.page(&person).await;
        assert_eq!(p.status, StatusCode::OK);
        assert_eq!(p.select("table[aria-labelledby=history] tbody tr").len(), 1);
        let r = uwe.post_form(&format!("{person}/einschaetzung"), &[("competence", &competence), ("level", "2")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM assessments WHERE source = 'manager' AND assessed_by = CAST($1 AS BIGINT)", &ids.uwe).await, 1);
        let (status, profile) = api(&app, Method::GET, &api_person, &uwe_token, Value::Null).await;
        assert_eq!(status, StatusCode::OK, "{profile}");
        assert_eq!(profile["consent"]["manager_id"].to_string(), ids.uwe);
        assert_eq!(profile["assessments"].as_array().map(Vec::len), Some(2));
        // Anna's log names him for the page, the assessment and the API read.
        let me = anna.page("/meine-kompetenzen").await;
        let by_uwe = me.rows("table[aria-labelledby=audit] tbody tr").into_iter().filter(|r| r[1] == format!("Uwe Sommer ({GOTHA})")).count();
        assert_eq!(by_uwe, 3);

        // The admin makes herself Anna's manager: Uwe loses access at once,
        // and a consent form still naming him is not taken as new consent.
        assert_eq!(set_manager(&admin, &ids, &ids.martina).await.status(), StatusCode::SEE_OTHER);
        assert_eq!(uwe.get(&person).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(api(&app, Method::GET, &api_person, &uwe_token, Value::Null).await.0, StatusCode::FORBIDDEN);
        assert_eq!(person_links(&uwe, &ids.org, &ids.uwe).await, Vec::<String>::new());
        let r = anna.post_form(&consent_url, &[("share_with_employer", "on"), ("named_manager", &ids.uwe)]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let (status, _) = api(&app, Method::PUT, &format!("/api/v1/me/organizations/{}/consent", ids.org), &anna_token, json!({"share_with_employer": true, "manager_may_assess": false, "manager_id": ids.uwe.parse::<i64>().unwrap()})).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM employee_profiles WHERE manager_may_assess = TRUE AND user_id = CAST($1 AS BIGINT)", &ids.anna).await, 1, "nothing stored");
        assert!(anna.page("/meine-kompetenzen").await.text(".consent-renew").starts_with("Ihre Führungskraft ist jetzt Martina Köhler."));
        // Through the API she names the manager she was shown.
        let (status, c) = api(&app, Method::PUT, &format!("/api/v1/me/organizations/{}/consent", ids.org), &anna_token, json!({"share_with_employer": true, "manager_may_assess": false, "manager_id": ids.martina.parse::<i64>().unwrap()})).await;
        assert_eq!(status, StatusCode::OK, "{c}");
        assert_eq!(c["manager_id"].to_string(), ids.martina);
        assert!(!anna.page("/meine-kompetenzen").await.has(".consent-renew"));

        // Uwe back as manager: her consent names Martina, so he waits again.
        assert_eq!(set_manager(&admin, &ids, &ids.uwe).await.status(), StatusCode::SEE_OTHER);
        assert_eq!(uwe.get(&person).await.status(), StatusCode::FORBIDDEN);
        // Removing the manager leaves the HR admins only.
        assert_eq!(set_manager(&admin, &ids, "").await.status(), StatusCode::SEE_OTHER);
        assert_eq!(manager_of_anna(&app).await, 0);
        assert_eq!(admin.get(&person).await.status(), StatusCode::OK);

        // In English the consent text is complete, too.
        assert!(anna.get("/sprache?lang=en&next=%2F").await.status().is_redirection());
        let me = anna.page("/meine-kompetenzen").await;
        assert_eq!(me.text(&format!("#consent-{}-who", ids.org)), format!("If you agree, your individual answers are seen only by the HR admins of {GOTHA} (Martina Köhler). No manager is entered for you."));
        assert_eq!(me.text(&format!("label[for=share-{}]", ids.org)), "My company may see my individual answers – only the people named above.");
    }
}
