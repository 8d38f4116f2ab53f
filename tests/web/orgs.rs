//! An organisation's admin: profile, locations, contacts, invitations, and
//! the walls between organisations.

use reqwest::StatusCode;

use crate::{both, helpers::*};

async fn org_id(app: &TestApp, name: &str) -> String {
    app.scalar("SELECT id FROM organizations WHERE name = $1", name)
        .await
        .to_string()
}

const GOTHA: &str = "Gothaer Fahrzeugtechnik GmbH";
const TECHNIKUM: &str = "Technikum Nordthüringen gGmbH";

both! {
    async fn admin_edits_the_profile_and_it_shows_publicly(app) {
        let app = app.with_demo().await;
        let id = org_id(&app, GOTHA).await;
        // Seen once before the change, so the public pages' cache holds the old profile.
        let before = app.client.page(&format!("/n/nordthueringen/partner/{id}")).await;
        assert!(!before.text("main").contains("Jetzt mit eigener Lernwerkstatt."));
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let form = admin.page(&format!("/organisationen/{id}/profil")).await;
        assert_eq!(form.status, StatusCode::OK);
        assert_eq!(form.attr("#f-name", "value"), vec![GOTHA.to_owned()]);
        let r = admin.post_form(&format!("/organisationen/{id}/profil"), &[
            ("name", GOTHA), ("kind", "company"), ("sector_code", "29"), ("size_class", "large"),
            ("description", "Jetzt mit eigener Lernwerkstatt."), ("website", "https://gothaer-fahrzeugtechnik.example"),
            ("email", "info@gothaer-fahrzeugtechnik.example"), ("phone", "03621 123456"),
            ("street", "Eisenacher Straße 3"), ("postal_code", "99817"), ("city", "Eisenach"),
        ]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // The new postal code moves the organisation to the Wartburgkreis.
        assert_eq!(app.scalar("SELECT COUNT(*) FROM organizations WHERE name = $1 AND district_ags = '16063' AND size_class = 'large'", GOTHA).await, 1);
        // The change shows at once: a write empties the node's cache.
        let public = app.client.page(&format!("/n/nordthueringen/partner/{id}")).await;
        assert!(public.text("main").contains("Jetzt mit eigener Lernwerkstatt."));
        assert!(public.text("main").contains("Wartburgkreis"));
    }

    async fn bad_profile_input_is_explained_and_nothing_is_lost(app) {
        let app = app.with_demo().await;
        let id = org_id(&app, GOTHA).await;
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let long = "x".repeat(5001);
        let r = admin.post_form(&format!("/organisationen/{id}/profil"), &[
            ("name", ""), ("kind", "company"), ("sector_code", "99.99"), ("size_class", "giant"),
            ("description", long.as_str()), ("website", "nicht eine adresse"), ("email", "kaputt@"),
            ("postal_code", "12"), ("city", "Gotha"),
        ]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(r).await;
        assert!(page.errors().len() >= 6, "{:?}", page.errors());
        assert_eq!(page.attr("#f-website", "value"), vec!["nicht eine adresse".to_owned()]);
        // The stored profile is untouched.
        assert_eq!(app.scalar("SELECT COUNT(*) FROM organizations WHERE name = $1 AND postal_code = '99867'", GOTHA).await, 1);
    }

    async fn locations_are_geocoded_and_deleted_only_by_their_own_org(app) {
        let app = app.with_demo().await;
        let id = org_id(&app, GOTHA).await;
        let other = org_id(&app, TECHNIKUM).await;
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let r = admin.post_form(&format!("/organisationen/{id}/standorte"), &[
            ("label", "Werk 2"), ("street", "Am Luftschiffhafen 1"), ("postal_code", "99867"), ("city", "Gotha"),
        ]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = admin.post_form(&format!("/organisationen/{id}/standorte"), &[
            ("label", "Werk 3"), ("postal_code", "99999"), ("city", "Nirgendwo"),
        ]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(r).await;
        assert!(page.errors()[0].contains("Postleitzahl"), "{:?}", page.errors());
        let loc = app.scalar("SELECT id FROM org_locations WHERE label = $1 AND district_ags = '16067'", "Werk 2").await.to_string();

        // The Technikum's admin cannot delete it, neither through their own
        // organisation's path nor through ours.
        let stranger = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        let r = stranger.post_form(&format!("/organisationen/{other}/standorte/{loc}/loeschen"), &[]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let r = stranger.post_form(&format!("/organisationen/{id}/standorte/{loc}/loeschen"), &[]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM org_locations WHERE label = $1", "Werk 2").await, 1);

        let r = admin.post_form(&format!("/organisationen/{id}/standorte/{loc}/loeschen"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM org_locations WHERE label = $1", "Werk 2").await, 0);
    }

    async fn contact_persons_are_public_only_when_marked(app) {
        let app = app.with_demo().await;
        let id = org_id(&app, GOTHA).await;
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let r = admin.post_form(&format!("/organisationen/{id}/ansprechpersonen"), &[
            ("name", "Sabine Öztürk"), ("role_title", "Ausbildungsleitung"), ("email", "s.oeztuerk@gothaer-fahrzeugtechnik.example"),
            ("phone", "03621 555"), ("is_public", "on"),
        ]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = admin.post_form(&format!("/organisationen/{id}/ansprechpersonen"), &[
            ("name", "Interner Kontakt"), ("email", "intern@gothaer-fahrzeugtechnik.example"),
        ]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = admin.post_form(&format!("/organisationen/{id}/ansprechpersonen"), &[("name", ""), ("email", "kein-at")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let public = app.client.page(&format!("/n/nordthueringen/partner/{id}")).await;
        assert!(public.text("main").contains("Sabine Öztürk"));
        assert!(!public.text("main").contains("Interner Kontakt"));
        assert!(!public.html.contains("intern@gothaer-fahrzeugtechnik.example"));
        // Another organisation's admin sees neither the list nor can add to it.
        let stranger = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        assert_eq!(stranger.get(&format!("/organisationen/{id}/ansprechpersonen")).await.status(), StatusCode::FORBIDDEN);
        let r = stranger.post_form(&format!("/organisationen/{id}/ansprechpersonen"), &[("name", "Eindringling")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM contact_persons WHERE name = $1", "Eindringling").await, 0);
    }

    async fn members_and_strangers_cannot_administer(app) {
        let app = app.with_demo().await;
        let id = org_id(&app, GOTHA).await;
        let employee = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        // An employee sees the overview of their organisation, not its admin pages.
        assert_eq!(employee.get(&format!("/organisationen/{id}")).await.status(), StatusCode::OK);
        for page in ["profil", "standorte", "ansprechpersonen", "personen"] {
            assert_eq!(employee.get(&format!("/organisationen/{id}/{page}")).await.status(), StatusCode::FORBIDDEN, "{page}");
        }
        let r = employee.post_form(&format!("/organisationen/{id}/profil"), &[("name", "Übernommen"), ("kind", "company"), ("postal_code", "99867"), ("city", "Gotha")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let stranger = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        assert_eq!(stranger.get(&format!("/organisationen/{id}")).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.client.get(&format!("/organisationen/{id}/profil")).await.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM organizations WHERE name = $1", GOTHA).await, 1);
        // Unknown organisations are simply not found.
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        assert_eq!(admin.get("/organisationen/987654/profil").await.status(), StatusCode::NOT_FOUND);
    }

    async fn colleagues_join_with_a_one_time_code(app) {
        let app = app.with_demo().await;
        let id = org_id(&app, GOTHA).await;
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let r = admin.post_form(&format!("/organisationen/{id}/personen"), &[("role", "employee"), ("note", "Schicht B, Halle 3")]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = Page::from_response(r).await;
        let code = page.text("#invitation-code");
        assert_eq!(code.len(), 9, "{code}");
        let link = page.attr("#invitation-link", "href")[0].clone();
        assert!(link.ends_with(&code), "{link}");
        // Only a hash is stored.
        assert_eq!(app.scalar("SELECT COUNT(*) FROM invitations WHERE code_hash = $1", &code).await, 0);

        let worker = app.register_confirmed("Kai Brandt", "kai.brandt@example.org", "Kai-Wolke-Trompete").await;
        // Typed from a notice board: lower case, without the dash.
        let typed = code.replace('-', " ").to_lowercase();
        let r = worker.post_form("/einladung", &[("code", &typed)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let invitation = worker.page(&location(&r)).await;
        assert!(invitation.text("main").contains(GOTHA));
        let r = worker.post_form(&location(&r), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(worker.get(&format!("/organisationen/{id}")).await.status(), StatusCode::OK);
        let people = admin.page(&format!("/organisationen/{id}/personen")).await;
        assert!(people.text("table").contains("Kai Brandt"));

        // One time only.
        let late = app.register_confirmed("Lea Sommer", "lea@example.org", "Lea-Kastanie-Geige").await;
        let r = late.post_form(&format!("/einladung/{code}"), &[]).await;
        assert_eq!(r.status(), StatusCode::GONE);
        let r = late.post_form("/einladung", &[("code", "ZZZZ-ZZZZ")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(late.get(&format!("/organisationen/{id}")).await.status(), StatusCode::FORBIDDEN);
    }

    async fn revoked_invitations_stop_working(app) {
        let app = app.with_demo().await;
        let id = org_id(&app, GOTHA).await;
        let admin = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let page = Page::from_response(admin.post_form(&format!("/organisationen/{id}/personen"), &[("role", "member"), ("note", "")]).await).await;
        let code = page.text("#invitation-code");
        let inv = app.scalar("SELECT MAX(id) FROM invitations WHERE org_id = CAST($1 AS BIGINT)", &id).await.to_string();
        // Another organisation's admin cannot revoke it.
        let stranger = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        let other = org_id(&app, TECHNIKUM).await;
        assert_eq!(stranger.post_form(&format!("/organisationen/{other}/einladungen/{inv}/widerrufen"), &[]).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(stranger.get(&format!("/einladung/{code}")).await.status(), StatusCode::OK);
        let r = admin.post_form(&format!("/organisationen/{id}/einladungen/{inv}/widerrufen"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(stranger.get(&format!("/einladung/{code}")).await.status(), StatusCode::NOT_FOUND);
        // Bad role choices are refused.
        let r = admin.post_form(&format!("/organisationen/{id}/personen"), &[("role", "owner")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
