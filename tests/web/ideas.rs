//! Ideas end to end: campaigns whose phases decide what each person may do,
//! ideas on the map and in the list, comments, ratings, moderation with
//! notifications, idea labs, exports and the feed.

use lernregion::kernel::days::{day_of, format_date};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::{both, helpers::*};

const NETWORK: &str = "nordthueringen";
const PHASES: [&str; 6] = [
    "submission",
    "discussion",
    "rating",
    "jury",
    "results",
    "implementation",
];
const JUROR: &str = PROVIDER_ADMIN;
/// Logged in, neither moderator nor juror of a network campaign.
const MEMBER: &str = ORG_ADMIN;

pub(crate) async fn user_id(app: &TestApp, email: &str) -> String {
    app.scalar("SELECT id FROM users WHERE email = $1", email)
        .await
        .to_string()
}

pub(crate) fn id_after(r: &reqwest::Response, prefix: &str) -> i64 {
    let loc = location(r);
    let rest = loc
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("redirect to {loc}, expected {prefix}…"));
    rest.split(['?', '#', '/'])
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no id in {loc}"))
}

/// The campaign form's fields with all six phases, ten days each, placed so
/// that today falls into phase number `current`.
pub(crate) fn campaign_fields(title: &str, contact: &str, current: usize) -> Vec<(String, String)> {
    let today = day_of(lernregion::db::now());
    let mut f: Vec<(String, String)> = vec![
        ("title".into(), title.into()),
        (
            "description".into(),
            "Ideen für das **Lernen** im Verbund.".into(),
        ),
        ("kind".into(), "competition".into()),
        ("org".into(), String::new()),
        ("contact".into(), contact.into()),
        ("moderators_see_authors".into(), "1".into()),
        ("categories".into(), "Lernen im Betrieb\nRegion".into()),
        ("criteria".into(), "Nutzen\nUmsetzbarkeit".into()),
        ("jury".into(), JUROR.into()),
    ];
    for (i, phase) in PHASES.iter().enumerate() {
        let starts = today + (i as i64 - current as i64) * 10;
        f.push((format!("{phase}_starts"), format_date(starts)));
        f.push((format!("{phase}_ends"), format_date(starts + 9)));
    }
    f
}

pub(crate) async fn post_pairs(
    c: &Client,
    path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    c.post_form(path, &refs).await
}

/// Sends an idea form as a browser does: multipart (because of the image
/// field), the CSRF token in the query.
async fn send_idea_form(
    c: &Client,
    path: &str,
    fields: &[(&str, &str)],
    image: Option<&[u8]>,
) -> reqwest::Response {
    let token = c.csrf().await;
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some(bytes) = image {
        form = form.part(
            "image",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("bild.png"),
        );
    }
    c.http
        .post(c.url(&format!("{path}?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .expect("idea form")
}

async fn submit_idea(c: &Client, campaign: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    send_idea_form(
        c,
        &format!("/ideen/kampagnen/{campaign}/einreichen"),
        fields,
        None,
    )
    .await
}

/// A visitor who must log in is sent to the login form (back to where
/// they were afterwards); count that as "needs login".
fn outcome(r: &reqwest::Response) -> StatusCode {
    if r.status() == StatusCode::SEE_OTHER && location(r).starts_with("/konto/anmelden") {
        StatusCode::UNAUTHORIZED
    } else {
        r.status()
    }
}

pub(crate) async fn first_category(app: &TestApp, campaign: i64) -> String {
    app.scalar(
        "SELECT MIN(id) FROM idea_categories WHERE campaign_id = CAST($1 AS BIGINT)",
        &campaign.to_string(),
    )
    .await
    .to_string()
}

pub(crate) async fn public_campaign(app: &TestApp) -> i64 {
    app.scalar("SELECT MIN(id) FROM idea_campaigns WHERE org_id IS NULL AND network_id = (SELECT id FROM networks WHERE slug = $1)", NETWORK).await
}

pub(crate) async fn company_campaign(app: &TestApp) -> i64 {
    app.scalar("SELECT MIN(id) FROM idea_campaigns WHERE org_id = (SELECT id FROM organizations WHERE name = $1)", "Gothaer Fahrzeugtechnik GmbH").await
}

pub(crate) async fn first_idea(app: &TestApp, campaign: i64) -> i64 {
    app.scalar(
        "SELECT MIN(id) FROM ideas WHERE state = 'published' AND campaign_id = CAST($1 AS BIGINT)",
        &campaign.to_string(),
    )
    .await
}

async fn count(app: &TestApp, sql: &'static str, bind: i64) -> i64 {
    app.scalar(sql, &bind.to_string()).await
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Visitor,
    Member,
    Author,
    Moderator,
    Juror,
}

#[derive(Clone, Copy, Debug)]
enum Act {
    Submit,
    EditOwn,
    Comment,
    Rate,
    JuryScore,
    Milestone,
    Answer,
}

/// What the campaign's rules promise, written out per phase and role
/// (the specification the issue gives, independent of the code).
fn expected(phase: &str, role: Role, act: Act) -> StatusCode {
    use Role::*;
    const OK: StatusCode = StatusCode::SEE_OTHER;
    const PHASE: StatusCode = StatusCode::CONFLICT;
    const NO: StatusCode = StatusCode::FORBIDDEN;
    if role == Visitor {
        return StatusCode::UNAUTHORIZED;
    }
    let when = |ok: bool| if ok { OK } else { PHASE };
    match act {
        Act::Submit if role == Moderator => OK,
        Act::Submit => when(phase == "submission"),
        Act::EditOwn => match role {
            Moderator => StatusCode::OK,
            Author if phase == "submission" => StatusCode::OK,
            Author => PHASE,
            _ => NO,
        },
        Act::Comment => when(matches!(phase, "submission" | "discussion")),
        Act::Rate => when(phase == "rating"),
        Act::JuryScore if role == Juror => when(phase == "jury"),
        Act::JuryScore => NO,
        Act::Milestone if role == Moderator => when(matches!(phase, "results" | "implementation")),
        Act::Milestone => NO,
        Act::Answer if role == Moderator => OK,
        Act::Answer => NO,
    }
}

both! {
    async fn a_page_outside_the_list_is_refused_not_guessed(app) {
        let app = app.with_demo().await;
        for bad in ["-1", "0", "zwei", "10001", "99999999999999999999999"] {
            let (status, _, body) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/ideas?page={bad}")).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "page={bad}: {body}");
            assert_eq!(body["errors"]["page"]["code"], "search-page-invalid", "{body}");
            let page = app.client.page(&format!("/n/{NETWORK}/ideen?page={bad}")).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "page={bad}");
            assert!(page.errors().iter().any(|e| e.contains("Diese Seite gibt es nicht")), "{:?}", page.errors());
        }
        let (status, _, body) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/ideas?page=2")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    async fn every_phase_and_role_gets_what_the_rules_promise(app) {
        let app = app.with_demo().await;
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let contact = user_id(&app, COORDINATOR).await;
        let r = post_pairs(&coordinator, &format!("/n/{NETWORK}/ideen/kampagnen/neu"), &campaign_fields("Phasentest", &contact, 0)).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "campaign created");
        let campaign = id_after(&r, "/ideen/kampagnen/");
        let category = first_category(&app, campaign).await;

        let author = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let r = submit_idea(&author, campaign, &[("title", "Lernzeit im Schichtplan"), ("body", "Eine Stunde je Woche."), ("category", &category), ("intent", "publish")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let idea = id_after(&r, "/ideen/");
        let criterion = app.scalar("SELECT MIN(id) FROM idea_jury_criteria WHERE campaign_id = CAST($1 AS BIGINT)", &campaign.to_string()).await;

        let visitor = app.new_client();
        let people = [
            (Role::Visitor, visitor),
            (Role::Member, app.logged_in(MEMBER, DEMO_PASSWORD).await),
            (Role::Author, author),
            (Role::Moderator, coordinator.clone()),
            (Role::Juror, app.logged_in(JUROR, DEMO_PASSWORD).await),
        ];
        let today = format_date(day_of(lernregion::db::now()));
        let mut checked = 0;
        for (k, phase) in PHASES.iter().enumerate() {
            let r = post_pairs(&coordinator, &format!("/ideen/kampagnen/{campaign}/bearbeiten"), &campaign_fields("Phasentest", &contact, k)).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "phase {phase} set");
            let (_, _, c) = get_json(&app.client, &format!("/api/v1/campaigns/{campaign}")).await;
            assert_eq!(c["stage"], *phase);
            for (role, client) in &people {
                for act in [Act::Submit, Act::EditOwn, Act::Comment, Act::Rate, Act::JuryScore, Act::Milestone, Act::Answer] {
                    let r = match act {
                        Act::Submit => submit_idea(client, campaign, &[("title", "Noch eine Idee"), ("body", "Text"), ("category", &category)]).await,
                        Act::EditOwn => client.get(&format!("/ideen/{idea}/bearbeiten")).await,
                        Act::Comment => client.post_form(&format!("/ideen/{idea}/kommentare"), &[("body", "Ein Gedanke")]).await,
                        Act::Rate => client.post_form(&format!("/ideen/{idea}/bewertung"), &[("stars", "4")]).await,
                        Act::JuryScore => client.post_form(&format!("/ideen/kampagnen/{campaign}/jury"), &[(&format!("s-{idea}-{criterion}"), "7")]).await,
                        Act::Milestone => client.post_form(&format!("/ideen/{idea}/moderation/meilenstein"), &[("title", "Pilot"), ("progress", "30"), ("date", &today)]).await,
                        Act::Answer => client.post_form(&format!("/ideen/{idea}/moderation/antwort"), &[("status", "review"), ("text", "Wir prüfen.")]).await,
                    };
                    let status = outcome(&r);
                    assert_eq!(status, expected(phase, *role, act), "{phase} × {role:?} × {act:?}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 6 * 5 * 7);
        // What was allowed left its trace, once per allowing phase.
        assert_eq!(count(&app, "SELECT COUNT(*) FROM idea_jury_scores WHERE idea_id = CAST($1 AS BIGINT)", idea).await, 1);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM idea_milestones WHERE idea_id = CAST($1 AS BIGINT)", idea).await, 2);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM idea_ratings WHERE idea_id = CAST($1 AS BIGINT)", idea).await, 4);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM idea_comments WHERE idea_id = CAST($1 AS BIGINT)", idea).await, 8);
    }

    async fn a_company_competition_is_for_its_people_only(app) {
        let app = app.with_demo().await;
        let campaign = company_campaign(&app).await;
        let idea = first_idea(&app, campaign).await;
        let title: String = {
            let (_, _, v) = get_api_as(&app, &format!("/api/v1/ideas/{idea}"), Some(&create_token(&app, EMPLOYEE, "mine").await)).await;
            v["title"].as_str().expect("title").to_owned()
        };
        // Its own people see it.
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let page = anna.page(&format!("/ideen/{idea}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text("h1").contains(&title));
        // A visitor is asked to log in; an outsider finds nothing, on the
        // page, in the API and on the map.
        assert_eq!(outcome(&app.client.get(&format!("/ideen/{idea}")).await), StatusCode::UNAUTHORIZED);
        let outsider = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        for path in [format!("/ideen/{idea}"), format!("/ideen/kampagnen/{campaign}"), format!("/ideen/{idea}/kontakt")] {
            let p = outsider.page(&path).await;
            assert_eq!(p.status, StatusCode::NOT_FOUND, "{path}");
            assert!(!p.text("body").contains(&title), "{path} reveals the title");
        }
        let before = count(&app, "SELECT COUNT(*) FROM idea_comments WHERE idea_id = CAST($1 AS BIGINT)", idea).await;
        assert_eq!(outsider.post_form(&format!("/ideen/{idea}/kommentare"), &[("body", "Hallo")]).await.status(), StatusCode::NOT_FOUND);
        let token = create_token(&app, PROVIDER_ADMIN, "outsider").await;
        let (status, _, _) = get_api_as(&app, &format!("/api/v1/ideas/{idea}"), Some(&token)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = get_json(&app.client, &format!("/api/v1/ideas/{idea}")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let r = send_json(&app.client, Method::POST, &format!("/api/v1/ideas/{idea}/comments"), Some(&token), r#"{"body": "Hallo"}"#).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM idea_comments WHERE idea_id = CAST($1 AS BIGINT)", idea).await, before);
        let map = app.client.page(&format!("/n/{NETWORK}/ideen")).await;
        assert!(!map.text("main").contains(&title));
        let (_, _, list) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/ideas?campaign={campaign}")).await;
        assert_eq!(list["total"], 0);
        let feed = app.client.get(&format!("/n/{NETWORK}/ideen.atom")).await.text().await.expect("feed");
        assert!(!feed.contains(&title));
    }

    async fn abuse_gets_clear_errors_and_changes_nothing(app) {
        let app = app.with_demo().await;
        let company = company_campaign(&app).await;
        let internal = first_idea(&app, company).await;
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let anna_id = user_id(&app, EMPLOYEE).await;

        // Rating twice: one rating, changed.
        let ratings = count(&app, "SELECT rating_count FROM ideas WHERE id = CAST($1 AS BIGINT)", internal).await;
        let had = count(&app, "SELECT COUNT(*) FROM idea_ratings WHERE idea_id = CAST($1 AS BIGINT)", internal).await;
        let mine_before: i64 = app.scalar("SELECT COUNT(*) FROM idea_ratings r JOIN users u ON u.id = r.user_id WHERE u.email = $1", EMPLOYEE).await;
        for stars in ["2", "5"] {
            let r = anna.post_form(&format!("/ideen/{internal}/bewertung"), &[("stars", stars)]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
        let page = anna.page(&location(&anna.post_form(&format!("/ideen/{internal}/bewertung"), &[("stars", "5")]).await)).await;
        assert!(page.text(".notice").contains("Ihre Bewertung wurde geändert"), "{}", page.text("body"));
        let mine_after: i64 = app.scalar("SELECT COUNT(*) FROM idea_ratings r JOIN users u ON u.id = r.user_id WHERE u.email = $1", EMPLOYEE).await;
        assert!(mine_after - mine_before <= 1);
        let now_count = count(&app, "SELECT COUNT(*) FROM idea_ratings WHERE idea_id = CAST($1 AS BIGINT)", internal).await;
        assert!(now_count == had || now_count == had + 1);
        assert_eq!(count(&app, "SELECT rating_count FROM ideas WHERE id = CAST($1 AS BIGINT)", internal).await, ratings + (now_count - had));
        let stars = format!("SELECT stars FROM idea_ratings WHERE user_id = {anna_id} AND idea_id = {internal} AND $1 = ''");
        assert_eq!(app.scalar(Box::leak(stars.into_boxed_str()), "").await, 5);
        let sum: i64 = count(&app, "SELECT CAST(SUM(stars) AS BIGINT) FROM idea_ratings WHERE idea_id = CAST($1 AS BIGINT)", internal).await;
        assert_eq!(count(&app, "SELECT rating_sum FROM ideas WHERE id = CAST($1 AS BIGINT)", internal).await, sum);
        // Stars out of range: a message, nothing stored.
        let r = anna.post_form(&format!("/ideen/{internal}/bewertung"), &[("stars", "9")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(Page::from_response(r).await.select("#f-stars .field-error").len(), 1);
        assert_eq!(app.scalar(Box::leak(format!("SELECT stars FROM idea_ratings WHERE user_id = {anna_id} AND idea_id = {internal} AND $1 = ''").into_boxed_str()), "").await, 5);

        // Commenting after the discussion phase (the competition rates now).
        let comments = count(&app, "SELECT COUNT(*) FROM idea_comments WHERE idea_id = CAST($1 AS BIGINT)", internal).await;
        let r = anna.post_form(&format!("/ideen/{internal}/kommentare"), &[("body", "Nachzügler")]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(Page::from_response(r).await.text("main").contains("in der jetzigen Phase"));
        assert_eq!(count(&app, "SELECT COUNT(*) FROM idea_comments WHERE idea_id = CAST($1 AS BIGINT)", internal).await, comments);

        // Script in a comment is shown as text.
        let public = first_idea(&app, public_campaign(&app).await).await;
        let r = anna.post_form(&format!("/ideen/{public}/kommentare"), &[("body", "Gute Idee! <script>alert('x')</script> <img src=x onerror=alert(1)>")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = app.client.page(&format!("/ideen/{public}")).await;
        assert!(page.text("main").contains("Gute Idee!"));
        assert!(page.select("script").iter().all(|s| !s.contains("alert")), "no script runs");
        assert!(page.attr("[onerror]", "onerror").is_empty());
        // … and in an idea's Markdown it is removed.
        let campaign = public_campaign(&app).await;
        let category = first_category(&app, campaign).await;
        let r = submit_idea(&anna, campaign, &[("title", "Sicher"), ("body", "**fett** <script>alert(1)</script><a href=\"javascript:alert(1)\">x</a>"), ("category", &category)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = anna.page(&location(&r)).await;
        assert!(page.select("main strong").iter().any(|s| s == "fett"));
        assert!(page.select("script").iter().all(|s| !s.contains("alert")));
        assert!(page.attr("main a", "href").iter().all(|h| !h.starts_with("javascript:")));

        // Over-long texts: a message beside the field, the text kept, nothing stored.
        let ideas = count(&app, "SELECT COUNT(*) FROM ideas WHERE campaign_id = CAST($1 AS BIGINT)", campaign).await;
        let long_title = "T".repeat(300);
        let r = submit_idea(&anna, campaign, &[("title", &long_title), ("body", "Text"), ("category", &category)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(r).await;
        assert_eq!(page.errors().len(), 1);
        assert_eq!(page.attr("input[name=title]", "value"), vec![long_title.clone()]);
        let long_body = "x".repeat(10_001);
        let r = submit_idea(&anna, campaign, &[("title", "Lang"), ("body", &long_body), ("category", &category)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM ideas WHERE campaign_id = CAST($1 AS BIGINT)", campaign).await, ideas);
        let comments = count(&app, "SELECT COUNT(*) FROM idea_comments WHERE idea_id = CAST($1 AS BIGINT)", public).await;
        let long_comment = "y".repeat(4_001);
        let r = anna.post_form(&format!("/ideen/{public}/kommentare"), &[("body", &long_comment)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(r).await;
        assert!(page.errors().iter().any(|e| e.contains("zu lang")), "{:?}", page.errors());
        assert!(page.select("textarea[name=body]").iter().any(|t| t == &long_comment), "the comment is kept");
        let token = create_token(&app, EMPLOYEE, "abuse").await;
        let r = send_json(&app.client, Method::POST, &format!("/api/v1/ideas/{public}/comments"), Some(&token), &serde_json::json!({"body": long_comment}).to_string()).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM idea_comments WHERE idea_id = CAST($1 AS BIGINT)", public).await, comments);
        // Rating twice through the API: the second replaces the first.
        let r = send_json(&app.client, Method::PUT, &format!("/api/v1/ideas/{internal}/rating"), Some(&token), r#"{"stars": 3}"#).await;
        assert_eq!(r.status(), StatusCode::OK);
        let v: Value = r.json().await.expect("json");
        assert_eq!(v["previous"], 5);
        // JSON has one number type: 4.0 is the integer 4, 4.5 is no number of stars.
        let r = send_json(&app.client, Method::PUT, &format!("/api/v1/ideas/{internal}/rating"), Some(&token), r#"{"stars": 4.0}"#).await;
        assert_eq!(r.status(), StatusCode::OK);
        let r = send_json(&app.client, Method::PUT, &format!("/api/v1/ideas/{internal}/rating"), Some(&token), r#"{"stars": 4.5}"#).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(v["stars"], 3);
    }

    async fn moderators_are_told_and_answer_hide_merge_and_record_progress(app) {
        let app = app.with_demo().await;
        let campaign = public_campaign(&app).await;
        let category = first_category(&app, campaign).await;
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let mails_before = app.mails_to(COORDINATOR).await.len();
        let r = submit_idea(&anna, campaign, &[("title", "Schichtdeutsch für alle"), ("body", "Deutsch am Arbeitsplatz."), ("category", &category), ("postal_code", "99867")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let idea = id_after(&r, "/ideen/");
        // Placed by its postal code in Gotha.
        assert_eq!(app.scalar("SELECT CAST(district_ags AS BIGINT) FROM ideas WHERE id = CAST($1 AS BIGINT)", &idea.to_string()).await, 16067);

        // The coordinator is told in the platform and by mail, and finds the
        // idea in the queue.
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let bell = coordinator.page("/benachrichtigungen").await;
        assert!(bell.select("li.unread a").iter().any(|t| t.contains("Schichtdeutsch für alle")), "{:?}", bell.select("li a"));
        let mails = app.mails_to(COORDINATOR).await;
        assert_eq!(mails.len(), mails_before + 1);
        assert!(mails[0].0.contains("Schichtdeutsch für alle"));
        let queue = coordinator.page(&format!("/ideen/kampagnen/{campaign}/moderation")).await;
        assert_eq!(queue.status, StatusCode::OK);
        assert!(queue.text("main").contains("Schichtdeutsch für alle"));
        // Others do not moderate.
        assert_eq!(anna.get(&format!("/ideen/kampagnen/{campaign}/moderation")).await.status(), StatusCode::FORBIDDEN);

        // A follower hears of the official answer.
        let follower = app.logged_in(MEMBER, DEMO_PASSWORD).await;
        assert_eq!(follower.post_form(&format!("/ideen/{idea}/folgen"), &[("follow", "1")]).await.status(), StatusCode::SEE_OTHER);
        let r = coordinator.post_form(&format!("/ideen/{idea}/moderation/antwort"), &[("status", "accepted"), ("text", "Wir setzen das mit der VHS um.")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(app.mails_to(MEMBER).await.first().is_some_and(|(s, _)| s.contains("Offizielle Antwort")));
        let page = app.client.page(&format!("/ideen/{idea}")).await;
        assert!(page.text("main").contains("Wir setzen das mit der VHS um."));
        let (_, _, v) = get_json(&app.client, &format!("/api/v1/ideas/{idea}")).await;
        assert_eq!(v["status"], "accepted");
        // A status that does not exist is refused and changes nothing.
        let r = coordinator.post_form(&format!("/ideen/{idea}/moderation/antwort"), &[("status", "vielleicht")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let (_, _, v) = get_json(&app.client, &format!("/api/v1/ideas/{idea}")).await;
        assert_eq!(v["status"], "accepted");

        // A reported comment reaches the queue; hidden, its text is gone.
        let r = follower.post_form(&format!("/ideen/{idea}/kommentare"), &[("body", "Unsinn, das braucht keiner!")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let comment = app.scalar("SELECT MAX(id) FROM idea_comments WHERE idea_id = CAST($1 AS BIGINT)", &idea.to_string()).await;
        assert_eq!(anna.post_form(&format!("/ideen/kommentare/{comment}/melden"), &[("reason", "Unfreundlich")]).await.status(), StatusCode::SEE_OTHER);
        assert!(coordinator.page("/benachrichtigungen").await.text("main").contains("Kommentar gemeldet"));
        let queue = coordinator.page(&format!("/ideen/kampagnen/{campaign}/moderation")).await;
        assert!(queue.text("main").contains("Unfreundlich"));
        let r = coordinator.post_form(&format!("/ideen/kommentare/{comment}/entscheiden"), &[("decision", "hide"), ("reason", "Bitte sachlich bleiben")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = app.client.page(&format!("/ideen/{idea}")).await;
        assert!(!page.text("main").contains("Unsinn, das braucht keiner!"));
        let (_, _, v) = get_json(&app.client, &format!("/api/v1/ideas/{idea}")).await;
        let hidden = v["comment_list"].as_array().expect("comments").iter().find(|c| c["id"] == comment).expect("comment listed");
        assert!(hidden["body"].is_null());

        // A duplicate is merged: it points to the original, its follower follows on.
        let r = submit_idea(&follower, campaign, &[("title", "Deutschkurse für Beschäftigte"), ("body", "Dasselbe."), ("category", &category)]).await;
        let dup = id_after(&r, "/ideen/");
        let r = coordinator.post_form(&format!("/ideen/{dup}/moderation/zusammenfuehren"), &[("into", &idea.to_string())]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (_, _, v) = get_api_as(&app, &format!("/api/v1/ideas/{dup}"), Some(&create_token(&app, MEMBER, "dup").await)).await;
        assert_eq!(v["state"], "merged");
        assert_eq!(v["merged_into"], idea);
        let r = coordinator.post_form(&format!("/ideen/{dup}/moderation/zusammenfuehren"), &[("into", &dup.to_string())]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // Hidden with a reason: gone from the public, the author reads why.
        let r = coordinator.post_form(&format!("/ideen/{idea}/moderation/ausblenden"), &[("reason", "")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = coordinator.post_form(&format!("/ideen/{idea}/moderation/ausblenden"), &[("reason", "Doppelt eingereicht")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.client.get(&format!("/ideen/{idea}")).await.status(), StatusCode::NOT_FOUND);
        let own = anna.page(&format!("/ideen/{idea}")).await;
        assert_eq!(own.status, StatusCode::OK);
        assert!(own.text("main").contains("Doppelt eingereicht"));
        let (_, _, list) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/ideas?q=Schichtdeutsch")).await;
        assert_eq!(list["total"], 0);
        assert_eq!(coordinator.post_form(&format!("/ideen/{idea}/moderation/einblenden"), &[]).await.status(), StatusCode::SEE_OTHER);
        let (_, _, list) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/ideas?q=Schichtdeutsch")).await;
        assert_eq!(list["total"], 1);
    }

    async fn an_idea_or_answer_is_never_kept_without_the_notices_it_causes(app) {
        let app = app.with_demo().await;
        let campaign = public_campaign(&app).await;
        let category = first_category(&app, campaign).await;
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let ideas = || count(&app, "SELECT COUNT(*) FROM ideas WHERE campaign_id = CAST($1 AS BIGINT)", campaign);
        let (ideas_before, mails_before) = (ideas().await, app.mails_to(COORDINATOR).await.len());
        let fields = [("title", "Kurse im Schichtplan"), ("body", "Lernzeit, die zur Schicht passt."), ("category", category.as_str())];

        // The coordinators cannot be told: the idea is not kept either, and
        // no mail about it leaves.
        app.refuse_inserts("notifications").await;
        let r = submit_idea(&anna, campaign, &fields).await;
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!r.text().await.unwrap().contains("unavailable"), "no internals leak");
        assert_eq!(ideas().await, ideas_before);
        assert_eq!(app.mails_to(COORDINATOR).await.len(), mails_before);

        app.allow_inserts("notifications").await;
        let r = submit_idea(&anna, campaign, &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let idea = id_after(&r, "/ideen/");
        assert_eq!(ideas().await, ideas_before + 1);
        assert_eq!(app.mails_to(COORDINATOR).await.len(), mails_before + 1);

        // An official answer whose notice to the author (a follower) cannot
        // be queued is not given.
        let answered = || count(&app, "SELECT COUNT(*) FROM ideas WHERE answer_status IS NOT NULL AND id = CAST($1 AS BIGINT)", idea);
        app.refuse_inserts("mail_outbox").await;
        let answer = [("status", "accepted"), ("text", "Machen wir.")];
        let r = coordinator.post_form(&format!("/ideen/{idea}/moderation/antwort"), &answer).await;
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(answered().await, 0);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM notifications WHERE title LIKE 'Offizielle Antwort%' AND link = '/ideen/' || CAST($1 AS TEXT)", idea).await, 0);
        app.allow_inserts("mail_outbox").await;
        let r = coordinator.post_form(&format!("/ideen/{idea}/moderation/antwort"), &answer).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(answered().await, 1);
        assert!(app.mails_to(EMPLOYEE).await.first().is_some_and(|(s, _)| s.contains("Offizielle Antwort")));
    }

    async fn milestones_jury_and_results_close_the_loop(app) {
        let app = app.with_demo().await;
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let contact = user_id(&app, COORDINATOR).await;
        let r = post_pairs(&coordinator, &format!("/n/{NETWORK}/ideen/kampagnen/neu"), &campaign_fields("Ergebnisse", &contact, 0)).await;
        let campaign = id_after(&r, "/ideen/kampagnen/");
        let category = first_category(&app, campaign).await;
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let mut ideas = Vec::new();
        for title in ["Lernpaten", "Lernwerkstatt", "Lernbudget"] {
            let r = submit_idea(&anna, campaign, &[("title", title), ("body", "Text"), ("category", &category)]).await;
            ideas.push(id_after(&r, "/ideen/"));
        }
        // The jury phase: the juror scores every idea on every criterion.
        post_pairs(&coordinator, &format!("/ideen/kampagnen/{campaign}/bearbeiten"), &campaign_fields("Ergebnisse", &contact, 3)).await;
        let juror = app.logged_in(JUROR, DEMO_PASSWORD).await;
        let jury = juror.page(&format!("/ideen/kampagnen/{campaign}/jury")).await;
        assert_eq!(jury.status, StatusCode::OK);
        let fields = jury.attr("input[name^='s-']", "name");
        assert_eq!(fields.len(), 3 * 2, "{fields:?}");
        let scores: Vec<(String, String)> = fields.iter().map(|f| {
            let idea: i64 = f.split('-').nth(1).and_then(|s| s.parse().ok()).expect("idea in field");
            (f.clone(), if idea == ideas[1] { "9".into() } else { "4".into() })
        }).collect();
        assert_eq!(post_pairs(&juror, &format!("/ideen/kampagnen/{campaign}/jury"), &[("s-x".into(), "1".into()), (fields[0].clone(), "11".into())]).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM idea_jury_scores WHERE idea_id IN (SELECT id FROM ideas WHERE campaign_id = CAST($1 AS BIGINT))", campaign).await, 0);
        assert_eq!(post_pairs(&juror, &format!("/ideen/kampagnen/{campaign}/jury"), &scores).await.status(), StatusCode::SEE_OTHER);
        // Results: published by the moderator, the best idea first.
        post_pairs(&coordinator, &format!("/ideen/kampagnen/{campaign}/bearbeiten"), &campaign_fields("Ergebnisse", &contact, 4)).await;
        let r = coordinator.post_form(&format!("/ideen/kampagnen/{campaign}/ergebnisse"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = app.client.page(&format!("/ideen/kampagnen/{campaign}")).await;
        let results = page.select("section[aria-labelledby=results] li");
        assert!(results.first().is_some_and(|r| r.contains("Lernwerkstatt")), "{results:?}");
        // Implementation: milestones with progress on the idea's page.
        let today = format_date(day_of(lernregion::db::now()));
        for (title, progress, status) in [("Pilot", "30", StatusCode::SEE_OTHER), ("Zu viel", "130", StatusCode::UNPROCESSABLE_ENTITY), ("Alle Betriebe", "100", StatusCode::SEE_OTHER)] {
            let r = coordinator.post_form(&format!("/ideen/{}/moderation/meilenstein", ideas[1]), &[("title", title), ("progress", progress), ("date", &today)]).await;
            assert_eq!(r.status(), status, "{title}");
        }
        let page = app.client.page(&format!("/ideen/{}", ideas[1])).await;
        let text = page.text("main");
        assert!(text.contains("Pilot") && text.contains("Alle Betriebe") && !text.contains("Zu viel"));
        assert_eq!(page.attr("main progress", "value").last().map(String::as_str), Some("100"));
    }

    async fn the_map_list_filters_labs_export_and_feed_agree(app) {
        let app = app.with_demo().await;
        let campaign = public_campaign(&app).await;
        let public = count(&app, "SELECT COUNT(*) FROM ideas WHERE state = 'published' AND campaign_id = CAST($1 AS BIGINT)", campaign).await;
        // The list without JavaScript shows every public idea; the map data
        // counts the same, and a district filter narrows both.
        let page = app.client.page(&format!("/n/{NETWORK}/ideen")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.select("table[aria-labelledby=ideas-list] tbody tr").len() as i64, public, "list rows");
        let (_, _, map) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/ideas/map")).await;
        let on_map: i64 = map["markers"].as_array().expect("markers").iter().map(|m| m["count"].as_i64().unwrap_or(1)).sum();
        let located = count(&app, "SELECT COUNT(*) FROM ideas WHERE state = 'published' AND lat IS NOT NULL AND campaign_id = CAST($1 AS BIGINT)", campaign).await;
        assert_eq!(on_map, located);
        let in_gotha = count(&app, "SELECT COUNT(*) FROM ideas WHERE state = 'published' AND district_ags = '16067' AND campaign_id = CAST($1 AS BIGINT)", campaign).await;
        assert!(in_gotha > 0 && in_gotha < public);
        let page = app.client.page(&format!("/n/{NETWORK}/ideen?district=16067")).await;
        assert_eq!(page.select("table[aria-labelledby=ideas-list] tbody tr").len() as i64, in_gotha);
        let (_, _, list) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/ideas?district=16067")).await;
        assert_eq!(list["total"].as_i64(), Some(in_gotha));
        // A bad filter says so in the user's language and shows nothing wrong.
        let page = app.client.page(&format!("/n/{NETWORK}/ideen?status=vielleicht")).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(page.errors().len(), 1);

        // An idea lab: recorded by the coordinator, its ideas linked to it.
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let today = format_date(day_of(lernregion::db::now()));
        let lab_form = |district: &'static str| vec![("title", "Ideenwerkstatt Sondershausen"), ("description", "Halbtags"), ("date", today.as_str()), ("from", "09:00"), ("to", "13:00"), ("place", "Schloss Sondershausen"), ("district", district), ("participants", "Bergbaumuseum\nVHS Kyffhäuser")];
        let bad = coordinator.post_form(&format!("/n/{NETWORK}/ideenwerkstaetten"), &lab_form("99999")).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let campaign_s = campaign.to_string();
        let mut fields = lab_form("16065");
        fields.push(("campaign", &campaign_s));
        let r = coordinator.post_form(&format!("/n/{NETWORK}/ideenwerkstaetten"), &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let lab = id_after(&r, "/ideen/werkstaetten/");
        assert_eq!(outcome(&app.new_client().post_form(&format!("/n/{NETWORK}/ideenwerkstaetten"), &fields).await), StatusCode::UNAUTHORIZED);
        let category = first_category(&app, campaign).await;
        let lab_s = lab.to_string();
        let r = submit_idea(&coordinator, campaign, &[("title", "Bergbau trifft Digitalisierung"), ("body", "Aus der Werkstatt."), ("category", &category), ("lab", &lab_s), ("lat", "51.3696"), ("lon", "10.8735")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = app.client.page(&format!("/ideen/werkstaetten/{lab}")).await;
        assert!(page.text("main").contains("Bergbau trifft Digitalisierung") && page.text("main").contains("VHS Kyffhäuser"));
        let page = app.client.page(&format!("/n/{NETWORK}/ideen?lab={lab}")).await;
        assert_eq!(page.select("table[aria-labelledby=ideas-list] tbody tr").len(), 1);
        let (_, _, map) = get_json(&app.client, &format!("/api/v1/networks/{NETWORK}/ideas/map?lab={lab}")).await;
        assert_eq!(map["markers"].as_array().map(Vec::len), Some(1));

        // Export with every field, for moderators only.
        assert_eq!(app.logged_in(EMPLOYEE, DEMO_PASSWORD).await.get(&format!("/ideen/kampagnen/{campaign}/export.csv")).await.status(), StatusCode::FORBIDDEN);
        let r = coordinator.get(&format!("/ideen/kampagnen/{campaign}/export.csv")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.headers()["content-type"].to_str().unwrap_or_default().starts_with("text/csv"));
        let csv = r.text().await.expect("csv");
        let mut lines = csv.trim_start_matches('\u{feff}').lines();
        let header: Vec<&str> = lines.next().expect("header").split(';').collect();
        for column in ["titel", "kategorie", "status", "ideenwerkstatt", "kreis_ags", "kommentare", "bewertungen", "bewertung_mittel", "antwort"] {
            assert!(header.contains(&column), "{column} in {header:?}");
        }
        assert!(csv.contains("Bergbau trifft Digitalisierung;") && csv.contains("Ideenwerkstatt Sondershausen"));
        let rows = csv.lines().count() as i64 - 1;
        assert!(rows > public, "every idea of the campaign: {rows}");
        let r = coordinator.get(&format!("/ideen/kampagnen/{campaign}/export.xlsx")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let bytes = r.bytes().await.expect("xlsx");
        assert!(bytes.starts_with(b"PK"), "a zip container");

        // The feed carries the new idea.
        let r = app.client.get(&format!("/n/{NETWORK}/ideen.atom")).await;
        assert!(r.headers()["content-type"].to_str().unwrap_or_default().starts_with("application/atom+xml"));
        let feed = r.text().await.expect("feed");
        assert!(feed.contains("<title>Bergbau trifft Digitalisierung</title>"));
        assert_eq!(feed.matches("<entry>").count() as i64, public + 1);
    }

    async fn contact_digest_and_drafts(app) {
        let app = app.with_demo().await;
        let campaign = public_campaign(&app).await;
        let idea = first_idea(&app, campaign).await;
        // The regional contact person's address is never on the page.
        let page = app.client.page(&format!("/ideen/{idea}")).await;
        assert!(!page.text("body").contains(COORDINATOR) && !page.attr("a", "href").iter().any(|h| h.starts_with("mailto:")));
        assert_eq!(outcome(&app.client.get(&format!("/ideen/{idea}/kontakt")).await), StatusCode::UNAUTHORIZED);
        let member = app.logged_in(MEMBER, DEMO_PASSWORD).await;
        let r = member.post_form(&format!("/ideen/{idea}/kontakt"), &[("message", " ")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let before = app.mails_to(COORDINATOR).await.len();
        let r = member.post_form(&format!("/ideen/{idea}/kontakt"), &[("message", "Wir würden gern mitmachen.")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let mails = app.mails_to(COORDINATOR).await;
        assert_eq!(mails.len(), before + 1);
        assert!(mails[0].1.contains("Wir würden gern mitmachen.") && mails[0].1.contains(MEMBER));

        // A daily digest instead of a mail per event.
        assert_eq!(member.post_form("/benachrichtigungen", &[("mail", "digest")]).await.status(), StatusCode::SEE_OTHER);
        assert_eq!(member.post_form("/benachrichtigungen", &[("mail", "stündlich")]).await.status(), StatusCode::BAD_REQUEST);
        assert_eq!(member.post_form(&format!("/ideen/{idea}/folgen"), &[("follow", "1")]).await.status(), StatusCode::SEE_OTHER);
        let mails_member = app.mails_to(MEMBER).await.len();
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        for text in ["Erster Gedanke", "Zweiter Gedanke"] {
            assert_eq!(anna.post_form(&format!("/ideen/{idea}/kommentare"), &[("body", text)]).await.status(), StatusCode::SEE_OTHER);
        }
        assert_eq!(app.mails_to(MEMBER).await.len(), mails_member, "no mail per event");
        assert_eq!(member.page("/benachrichtigungen").await.select("li.unread").len(), 2);
        let sent = lernregion::ideas::notify::send_digests(&app.state, lernregion::db::now() + 2 * 86_400).await.expect("digests");
        assert!(sent >= 1);
        let mails = app.mails_to(MEMBER).await;
        assert_eq!(mails.len(), mails_member + 1);
        assert!(mails[0].0.contains("2 Neuigkeiten"), "{}", mails[0].0);
        // Sent once.
        lernregion::ideas::notify::send_digests(&app.state, lernregion::db::now() + 2 * 86_400).await.expect("digests");
        assert_eq!(app.mails_to(MEMBER).await.len(), mails_member + 1);

        // A draft is the author's alone until published.
        let category = first_category(&app, campaign).await;
        let r = submit_idea(&anna, campaign, &[("title", "Entwurf einer Idee"), ("body", "Noch unfertig"), ("category", &category), ("intent", "draft")]).await;
        let draft = id_after(&r, "/ideen/");
        assert_eq!(app.client.get(&format!("/ideen/{draft}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(member.get(&format!("/ideen/{draft}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(anna.get(&format!("/ideen/{draft}")).await.status(), StatusCode::OK);
        let r = send_idea_form(&anna, &format!("/ideen/{draft}/bearbeiten"), &[("title", "Fertige Idee"), ("body", "Jetzt fertig"), ("category", &category), ("intent", "publish")], None).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.client.get(&format!("/ideen/{draft}")).await.status(), StatusCode::OK);
    }

    async fn an_idea_with_a_picture_needs_a_real_image_and_its_description(app) {
        let app = app.with_demo().await;
        let campaign = public_campaign(&app).await;
        let category = first_category(&app, campaign).await;
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let before = count(&app, "SELECT COUNT(*) FROM ideas WHERE campaign_id = CAST($1 AS BIGINT)", campaign).await;
        let fields = [("title", "Lernwand in der Kantine"), ("body", "Ein Bildschirm zeigt Lernangebote."), ("category", category.as_str())];
        // Not an image: refused with a message, the other fields kept.
        let r = send_idea_form(&anna, &format!("/ideen/kampagnen/{campaign}/einreichen"), &[&fields[..], &[("image_alt", "Bild")]].concat(), Some(b"<html>kein Bild</html>")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(r).await;
        assert!(page.errors().iter().any(|e| e.contains("PNG, JPEG oder WebP")), "{:?}", page.errors());
        assert_eq!(page.attr("input[name=title]", "value"), vec!["Lernwand in der Kantine".to_owned()]);
        // An image without a description for people who cannot see it.
        let r = send_idea_form(&anna, &format!("/ideen/kampagnen/{campaign}/einreichen"), &fields, Some(PIXEL_PNG)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(Page::from_response(r).await.errors().iter().any(|e| e.contains("beschreiben")));
        assert_eq!(count(&app, "SELECT COUNT(*) FROM ideas WHERE campaign_id = CAST($1 AS BIGINT)", campaign).await, before);
        // Both right: the picture is served with its description.
        let r = send_idea_form(&anna, &format!("/ideen/kampagnen/{campaign}/einreichen"), &[&fields[..], &[("image_alt", "Bildschirm mit Kursen neben der Essensausgabe")]].concat(), Some(PIXEL_PNG)).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let idea = id_after(&r, "/ideen/");
        let page = app.client.page(&format!("/ideen/{idea}")).await;
        assert_eq!(page.attr("main img", "alt"), vec!["Bildschirm mit Kursen neben der Essensausgabe".to_owned()]);
        let src = page.attr("main img", "src").pop().expect("img src");
        let r = app.client.get(&src).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "image/png");
        assert_eq!(r.bytes().await.expect("image").as_ref(), PIXEL_PNG);
    }


    async fn anonymity_replies_and_the_edit_window(app) {
        let app = app.with_demo().await;
        let campaign = public_campaign(&app).await;
        let category = first_category(&app, campaign).await;
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let r = submit_idea(&anna, campaign, &[("title", "Anonyme Lernidee"), ("body", "Ohne Namen."), ("category", &category), ("anonymous", "1")]).await;
        let idea = id_after(&r, "/ideen/");
        // The public and other members do not see who wrote it; the
        // network's moderators may (this campaign's rules say so).
        for (client, sees) in [(app.new_client(), false), (app.logged_in(MEMBER, DEMO_PASSWORD).await, false), (app.logged_in(COORDINATOR, DEMO_PASSWORD).await, true), (anna.clone(), true)] {
            let page = client.page(&format!("/ideen/{idea}")).await;
            assert_eq!(page.text("main").contains("Anna Beck"), sees, "author shown: {}", page.text("main p.meta"));
        }
        let (_, _, v) = get_json(&app.client, &format!("/api/v1/ideas/{idea}")).await;
        assert!(v["author"].is_null());
        // In the company's competition moderators do not learn the author
        // of an anonymous idea either.
        let company = company_campaign(&app).await;
        let hidden_author = app.scalar("SELECT MIN(id) FROM ideas WHERE anonymous = TRUE AND campaign_id = CAST($1 AS BIGINT)", &company.to_string()).await;
        let token = create_token(&app, ORG_ADMIN, "moderator").await;
        let (status, _, v) = get_api_as(&app, &format!("/api/v1/ideas/{hidden_author}"), Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(v["author"].is_null(), "{v}");

        // A reply sits under its comment.
        let member = app.logged_in(MEMBER, DEMO_PASSWORD).await;
        member.post_form(&format!("/ideen/{idea}/kommentare"), &[("body", "Eine Frage dazu")]).await;
        let first = app.scalar("SELECT MAX(id) FROM idea_comments WHERE idea_id = CAST($1 AS BIGINT)", &idea.to_string()).await;
        let first_s = first.to_string();
        assert_eq!(anna.post_form(&format!("/ideen/{idea}/kommentare"), &[("body", "Die Antwort"), ("parent", &first_s)]).await.status(), StatusCode::SEE_OTHER);
        let (_, _, v) = get_json(&app.client, &format!("/api/v1/ideas/{idea}")).await;
        let reply = v["comment_list"].as_array().expect("comments").iter().find(|c| c["body"] == "Die Antwort").cloned().expect("reply");
        assert_eq!(reply["parent_id"], first);
        let other = first_idea(&app, campaign).await;
        assert_eq!(anna.post_form(&format!("/ideen/{other}/kommentare"), &[("body", "Falscher Ort"), ("parent", &first_s)]).await.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // The author corrects a comment for a quarter of an hour; nobody else can.
        assert_eq!(member.post_form(&format!("/ideen/kommentare/{first}/bearbeiten"), &[("body", "Eine genauere Frage")]).await.status(), StatusCode::SEE_OTHER);
        assert_eq!(anna.post_form(&format!("/ideen/kommentare/{first}/bearbeiten"), &[("body", "Übernommen")]).await.status(), StatusCode::FORBIDDEN);
        let page = app.client.page(&format!("/ideen/{idea}")).await;
        assert!(page.text("main").contains("Eine genauere Frage") && !page.text("main").contains("Übernommen"));
        let back = lernregion::db::now() - 16 * 60;
        let sql = format!("UPDATE idea_comments SET created_at = {back} WHERE id = {first} AND $1 = '' RETURNING id");
        assert_eq!(app.scalar(Box::leak(sql.into_boxed_str()), "").await, first);
        let r = member.post_form(&format!("/ideen/kommentare/{first}/bearbeiten"), &[("body", "Zu spät geändert")]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(!app.client.page(&format!("/ideen/{idea}")).await.text("main").contains("Zu spät geändert"));
    }

    async fn a_company_runs_its_own_competition(app) {
        let app = app.with_demo().await;
        let gft = app.scalar("SELECT id FROM organizations WHERE name = $1", "Gothaer Fahrzeugtechnik GmbH").await.to_string();
        // The company's admin may run a competition for the company, not one
        // for the whole network; an employee runs none.
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let form = admin.page(&format!("/n/{NETWORK}/ideen/kampagnen/neu")).await;
        assert_eq!(form.status, StatusCode::OK);
        let orgs: Vec<String> = form.options("select[name=org]").into_iter().map(|(v, _)| v).collect();
        assert_eq!(orgs, vec![gft.clone()]);
        assert_eq!(app.logged_in(EMPLOYEE, DEMO_PASSWORD).await.get(&format!("/n/{NETWORK}/ideen/kampagnen/neu")).await.status(), StatusCode::FORBIDDEN);
        let contact = user_id(&app, ORG_ADMIN).await;
        let mut fields = campaign_fields("Weiterbildung in der Lackiererei", &contact, 0);
        let before = app.scalar("SELECT COUNT(*) FROM idea_campaigns WHERE $1 = ''", "").await;
        let r = post_pairs(&admin, &format!("/n/{NETWORK}/ideen/kampagnen/neu"), &fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "no network campaign for a company admin");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM idea_campaigns WHERE $1 = ''", "").await, before);
        fields.retain(|(k, _)| k != "org");
        fields.push(("org".into(), gft.clone()));
        let r = post_pairs(&admin, &format!("/n/{NETWORK}/ideen/kampagnen/neu"), &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let campaign = id_after(&r, "/ideen/kampagnen/");
        // Its people see it and take part; nobody else learns of it.
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        assert_eq!(anna.get(&format!("/ideen/kampagnen/{campaign}")).await.status(), StatusCode::OK);
        let category = first_category(&app, campaign).await;
        assert_eq!(submit_idea(&anna, campaign, &[("title", "Lackierkurs online"), ("body", "Grundlagen per Video."), ("category", &category)]).await.status(), StatusCode::SEE_OTHER);
        let outsider = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        assert_eq!(outsider.get(&format!("/ideen/kampagnen/{campaign}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(outsider.get(&format!("/ideen/kampagnen/{campaign}/einreichen")).await.status(), StatusCode::NOT_FOUND);
        assert!(!outsider.page(&format!("/n/{NETWORK}/ideen")).await.text("body").contains("Lackiererei"));
        // The network's coordinator does not moderate it.
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        assert_eq!(coordinator.get(&format!("/ideen/kampagnen/{campaign}/moderation")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(admin.get(&format!("/ideen/kampagnen/{campaign}/moderation")).await.status(), StatusCode::OK);
    }
}

/// The smallest PNG: one transparent pixel.
const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

async fn get_api_as(app: &TestApp, path: &str, token: Option<&str>) -> (StatusCode, String, Value) {
    let r = send_json(&app.client, Method::GET, path, token, "").await;
    let status = r.status();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, ct, r.json().await.unwrap_or(Value::Null))
}
