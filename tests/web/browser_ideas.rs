//! Ideas in a real browser: an employee submits an idea with a place on the
//! map using the keyboard only, comments, rates once the campaign rates, and
//! finds the idea on the map and in the list; axe-core on every idea page.

use serde_json::{Value, json};
use thirtyfour::prelude::*;

use crate::{
    both,
    browser::{Browser, assert_accessible, str_of},
    helpers::*,
    ideas::{
        campaign_fields, company_campaign, first_category, first_idea, id_after, post_pairs,
        public_campaign, user_id,
    },
};

const NETWORK: &str = "nordthueringen";
const TITLE: &str = "Lernpaten mit Ortsangabe";
const COMMENT: &str = "Ich wäre als Patin dabei.";

async fn settle() {
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
}

async fn idea_fields(b: &Browser) -> Value {
    b.js("return {
            lat: document.getElementById('f-lat').value,
            lon: document.getElementById('f-lon').value,
            status: (document.getElementById('picker-status') || {}).textContent || '',
          }")
        .await
}

both! {
    async fn an_idea_placed_by_keyboard_is_commented_rated_and_found_on_the_map(app) {
        let app = app.with_demo().await;
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let contact = user_id(&app, COORDINATOR).await;
        let r = post_pairs(&coordinator, &format!("/n/{NETWORK}/ideen/kampagnen/neu"), &campaign_fields("Lernen im Verbund", &contact, 0)).await;
        let campaign = id_after(&r, "/ideen/kampagnen/");
        let category = first_category(&app, campaign).await;
        let form_path = format!("/ideen/kampagnen/{campaign}/einreichen");

        let b = Browser::start(&app).await;
        b.goto(&form_path).await;
        assert!(b.path().await.starts_with("/konto/anmelden"), "{}", b.path().await);
        b.log_in_with_keyboard(EMPLOYEE).await;
        assert_eq!(b.path().await, form_path, "back on the form after the login");
        b.wait_for("the position picker", "return !!document.getElementById('picker-use-centre')").await;
        assert_accessible(&b.driver, "idea form with the position picker").await;

        // Title, text and category.
        b.skip_to_main().await;
        b.tab_until("#f-title", 6).await;
        b.type_into("#f-title", TITLE).await;
        b.tab_expect("#f-body").await;
        b.type_into("#f-body", "Erfahrene **Kolleginnen** begleiten Neue durch den ersten Kurs.").await;
        b.tab_expect("#f-category").await;
        b.choose_with_arrows("#f-category", &category).await;
        // The map: focused with Tab, moved with the arrow keys, Enter takes
        // its centre; the fields and the status line say where.
        b.tab_until(".map[data-picker]", 3).await;
        assert_eq!(idea_fields(&b).await["lat"], json!(""));
        for key in [Key::Right, Key::Right, Key::Up] {
            b.keys(key).await;
            settle().await;
        }
        b.keys(Key::Enter).await;
        let v = idea_fields(&b).await;
        let lat: f64 = str_of(&v["lat"]).parse().unwrap_or_else(|_| panic!("latitude set: {v}"));
        let lon: f64 = str_of(&v["lon"]).parse().unwrap_or_else(|_| panic!("longitude set: {v}"));
        assert!((50.7..51.8).contains(&lat) && (9.8..11.6).contains(&lon), "a place in Nordthüringen: {v}");
        assert!(str_of(&v["status"]).contains(str_of(&v["lat"])), "the place is announced: {v}");
        assert_eq!(b.count(".leaflet-marker-icon").await, 1, "the chosen place is marked");
        // The button does the same for those who do not use the map itself.
        b.tab_until("#picker-use-centre", 8).await;
        b.keys(Key::Enter).await;
        assert_eq!(idea_fields(&b).await["lat"], v["lat"], "the centre did not move");
        b.tab_until("button[name=intent][value=publish]", 30).await;
        b.press_and_load(Key::Enter).await;
        let path = b.path().await;
        assert!(path.starts_with("/ideen/") && path.contains("notice=ideas-notice-published"), "{path}");
        assert!(b.text(".notice").await.len() > 5);
        let idea = app.scalar("SELECT MAX(id) FROM ideas WHERE campaign_id = CAST($1 AS BIGINT)", &campaign.to_string()).await;
        let (stored_lat, stored_lon): (f64, f64) = {
            let v = b.js("return Array.from(document.querySelectorAll('main p.meta')).map(p => p.textContent).join(' | ')").await;
            let text = str_of(&v).to_owned();
            let at = text.find(": 5").map(|i| i + 2).unwrap_or_else(|| panic!("position on the page: {text}"));
            let mut parts = text[at..].split([',', ' ']).filter(|s| !s.is_empty());
            (parts.next().and_then(|s| s.parse().ok()).expect("lat shown"), parts.next().and_then(|s| s.parse().ok()).expect("lon shown"))
        };
        assert!((stored_lat - lat).abs() < 1e-3 && (stored_lon - lon).abs() < 1e-3, "stored {stored_lat},{stored_lon} chose {lat},{lon}");
        assert!(app.scalar("SELECT COUNT(*) FROM ideas WHERE id = CAST($1 AS BIGINT) AND district_ags IS NOT NULL", &idea.to_string()).await == 1, "the district is known");
        assert_accessible(&b.driver, "the new idea").await;

        // A comment, with the keyboard.
        b.skip_to_main().await;
        b.tab_until("textarea#f-body", 60).await;
        b.type_into("textarea#f-body", COMMENT).await;
        b.tab_expect("form[action$='/kommentare'] button[type=submit]").await;
        b.press_and_load(Key::Enter).await;
        assert!(b.texts("main").await.concat().contains(COMMENT));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM idea_comments WHERE idea_id = CAST($1 AS BIGINT)", &idea.to_string()).await, 1);

        // The moderator opens the rating phase; she rates with the keyboard.
        post_pairs(&coordinator, &format!("/ideen/kampagnen/{campaign}/bearbeiten"), &campaign_fields("Lernen im Verbund", &contact, 2)).await;
        b.goto(&format!("/ideen/{idea}")).await;
        b.skip_to_main().await;
        b.tab_until("input#stars-1[type=radio]", 60).await;
        for _ in 0..3 {
            b.keys(Key::Down).await;
        }
        b.assert_focus("input#stars-4").await;
        b.tab_expect("form[action$='/bewertung'] button[type=submit]").await;
        b.press_and_load(Key::Enter).await;
        assert_eq!(b.text(".notice").await, "Danke für Ihre Bewertung.");
        let anna = user_id(&app, EMPLOYEE).await;
        let sql = format!("SELECT stars FROM idea_ratings WHERE idea_id = {idea} AND user_id = {anna} AND $1 = ''");
        assert_eq!(app.scalar(Box::leak(sql.into_boxed_str()), "").await, 4);
        assert_accessible(&b.driver, "idea page in the rating phase").await;

        // On the map and in the list beside it, filtered by the campaign.
        b.goto(&format!("/n/{NETWORK}/ideen?campaign={campaign}")).await;
        b.wait_for("the idea's marker", &format!("return !!document.querySelector(\".leaflet-marker-icon[title='{TITLE}']\")")).await;
        assert_eq!(b.text("#idea-map-status").await, "Ideen: 1");
        let rows = b.js("return Array.from(document.querySelectorAll('table[aria-labelledby=ideas-list] tbody tr th')).map(t => t.textContent.trim())").await;
        assert_eq!(rows, json!([TITLE]));
        assert_accessible(&b.driver, "idea map filtered by campaign").await;
        // The whole map counts it with the others.
        let public = app.scalar("SELECT COUNT(*) FROM ideas WHERE state = 'published' AND campaign_id IN (SELECT id FROM idea_campaigns WHERE org_id IS NULL AND network_id = (SELECT id FROM networks WHERE slug = $1))", NETWORK).await;
        b.goto(&format!("/n/{NETWORK}/ideen")).await;
        b.wait_for("the map's status", "return /\\d/.test(document.getElementById('idea-map-status').textContent)").await;
        assert_eq!(b.text("#idea-map-status").await, format!("Ideen: {public}"));
        let errors = b.js_errors().await;
        assert!(errors.is_empty(), "JavaScript errors: {errors:#?}");
        b.quit().await;
    }

    async fn every_idea_page_passes_axe(app) {
        let app = app.with_demo().await;
        let labs = public_campaign(&app).await;
        let idea = first_idea(&app, labs).await;
        let lab = app.scalar("SELECT MIN(id) FROM idea_labs WHERE campaign_id = CAST($1 AS BIGINT)", &labs.to_string()).await;
        let b = Browser::start(&app).await;
        // What a visitor sees, without and with JavaScript's map.
        for (path, what) in [
            (format!("/n/{NETWORK}/ideen"), "idea map"),
            (format!("/n/{NETWORK}/ideen?district=16067&status=new"), "idea map with filters"),
            (format!("/n/{NETWORK}/ideen?status=vielleicht"), "idea map with a bad filter"),
            (format!("/ideen/kampagnen/{labs}"), "campaign"),
            (format!("/ideen/{idea}"), "idea"),
            (format!("/n/{NETWORK}/ideenwerkstaetten"), "idea labs"),
            (format!("/ideen/werkstaetten/{lab}"), "idea lab"),
        ] {
            b.goto(&path).await;
            if path.contains("/ideen?") || path.ends_with("/ideen") {
                b.wait_for("the map's status", "return document.getElementById('idea-map-status').textContent.length > 0 || !!document.querySelector('.error-summary')").await;
            }
            assert_accessible(&b.driver, what).await;
        }
        // The coordinator's pages.
        b.goto("/konto/anmelden").await;
        b.log_in_with_keyboard(COORDINATOR).await;
        assert_eq!(b.path().await, "/start", "login leads to the start page");
        assert_accessible(&b.driver, "start page").await;
        for (path, what) in [
            (format!("/n/{NETWORK}/ideen/kampagnen/neu"), "new campaign"),
            (format!("/ideen/kampagnen/{labs}/bearbeiten"), "campaign form"),
            (format!("/ideen/kampagnen/{labs}/einreichen"), "idea form"),
            (format!("/ideen/kampagnen/{labs}/moderation"), "moderation queue"),
            (format!("/ideen/{idea}"), "idea with the moderator's forms"),
            (format!("/n/{NETWORK}/ideenwerkstaetten"), "idea labs with the form"),
            ("/benachrichtigungen".to_owned(), "notifications"),
        ] {
            b.goto(&path).await;
            assert_accessible(&b.driver, what).await;
        }
        // A form with errors.
        b.goto(&format!("/ideen/kampagnen/{labs}/einreichen")).await;
        b.js("document.querySelector('form button[value=publish]').click()").await;
        b.wait_for("the error summary", "return !!document.querySelector('.error-summary')").await;
        assert_accessible(&b.driver, "idea form with errors").await;
        b.quit().await;

        // A company's juror: the competition, its jury page and the contact form.
        let company = company_campaign(&app).await;
        let internal = first_idea(&app, company).await;
        let b = Browser::start(&app).await;
        b.goto("/konto/anmelden").await;
        b.log_in_with_keyboard(ORG_ADMIN).await;
        for (path, what) in [
            (format!("/ideen/kampagnen/{company}"), "company competition"),
            (format!("/ideen/{internal}"), "idea in the rating phase"),
            (format!("/ideen/kampagnen/{company}/jury"), "jury"),
            (format!("/ideen/{internal}/kontakt"), "contact form"),
            (format!("/n/{NETWORK}/ideen"), "idea map, logged in"),
        ] {
            b.goto(&path).await;
            assert_accessible(&b.driver, what).await;
        }
        // And in English.
        b.goto(&format!("/sprache?lang=en&next=%2Fideen%2F{idea}")).await;
        assert_eq!(b.js("return document.documentElement.lang").await, json!("en"));
        assert_accessible(&b.driver, "idea in English").await;
        let errors = b.js_errors().await;
        assert!(errors.is_empty(), "JavaScript errors: {errors:#?}");
        b.quit().await;
    }
}
