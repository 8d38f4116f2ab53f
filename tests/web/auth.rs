//! Accounts: registration, confirmation, login, logout, reset, CSRF, throttling.

use reqwest::{StatusCode, header};

use crate::{both, helpers::*};

fn session_cookie_of(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("lr_session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

both! {
    async fn register_confirm_login_and_logout(app) {
        let c = app.new_client();
        let r = c.post_form("/konto/registrieren", &[
            ("display_name", "Jana Vogt"), ("email", "Jana.Vogt@Example.org"),
            ("password", "ein-sicheres-passwort"), ("password_confirm", "ein-sicheres-passwort"),
        ]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = Page::from_response(r).await;
        assert!(page.text("main").contains("jana.vogt@example.org"), "addresses are normalised: {}", page.text("main"));

        // Not confirmed yet: the correct password does not let them in.
        let r = c.login("jana.vogt@example.org", "ein-sicheres-passwort").await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        let link = app.link_in_last_mail("jana.vogt@example.org").await;
        assert!(link.starts_with("/konto/bestaetigen/"), "{link}");
        let r = c.get(&link).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // A confirmation link works once.
        assert_eq!(c.get(&link).await.status(), StatusCode::BAD_REQUEST);

        let r = c.login("JANA.VOGT@example.org", "ein-sicheres-passwort").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let cookie = r.headers().get_all(header::SET_COOKIE).iter()
            .filter_map(|v| v.to_str().ok()).find(|v| v.starts_with("lr_session=")).expect("session cookie").to_owned();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        let account = c.page("/konto").await;
        assert_eq!(account.status, StatusCode::OK);
        assert!(account.text("main").contains("Jana Vogt"));

        let r = c.post_form("/konto/abmelden", &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = c.get("/konto").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(location(&r).starts_with("/konto/anmelden?next="), "{}", location(&r));
    }

    async fn session_id_changes_at_login_and_old_one_dies(app) {
        let app = app.with_demo().await;
        let c = app.new_client();
        let first = session_cookie_of(&c.login(EMPLOYEE, DEMO_PASSWORD).await).expect("first session");
        let second = session_cookie_of(&c.login(EMPLOYEE, DEMO_PASSWORD).await).expect("second session");
        assert_ne!(first, second);
        // Replaying the first session cookie no longer authenticates.
        let r = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
            .get(c.url("/konto")).header(header::COOKIE, first).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }

    async fn registration_errors_are_explained_in_the_users_language(app) {
        let c = app.new_client();
        let r = c.post_form("/konto/registrieren", &[
            ("display_name", ""), ("email", "keine-adresse"), ("password", "kurz"), ("password_confirm", "kurz"),
        ]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(r).await;
        let errors = page.errors();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(page.html.contains("aria-invalid=\"true\""));
        // The typed address is kept, the password is not.
        assert_eq!(page.attr("#f-email", "value"), vec!["keine-adresse".to_owned()]);
        assert!(page.attr("#f-password", "value").iter().all(String::is_empty));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM users WHERE email <> $1", "").await, 0);

        let en = app.new_client();
        let token = en.csrf().await;
        let r = en.http.post(en.url("/konto/registrieren")).header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
            .form(&[("display_name", "X"), ("email", "x@example.org"), ("password", "long-enough-1"), ("password_confirm", "different-1"), ("_csrf", &token)])
            .send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(r).await;
        assert_eq!(page.attr("html", "lang"), vec!["en".to_owned()]);
        assert!(page.errors()[0].contains("match"), "{:?}", page.errors());

        let long = "x".repeat(300);
        let r = c.post_form("/konto/registrieren", &[
            ("display_name", long.as_str()), ("email", "lang@example.org"), ("password", "lang-genug-1"), ("password_confirm", "lang-genug-1"),
        ]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM users WHERE email = $1", "lang@example.org").await, 0);
    }

    async fn registering_a_known_address_reveals_nothing(app) {
        let app = app.with_demo().await;
        let fresh = app.new_client().post_form("/konto/registrieren", &[
            ("display_name", "Neu"), ("email", "neu@example.org"), ("password", "lang-genug-1"), ("password_confirm", "lang-genug-1"),
        ]).await;
        let known = app.new_client().post_form("/konto/registrieren", &[
            ("display_name", "Fremd"), ("email", EMPLOYEE), ("password", "lang-genug-1"), ("password_confirm", "lang-genug-1"),
        ]).await;
        assert_eq!(fresh.status(), known.status());
        let (a, b) = (Page::from_response(fresh).await, Page::from_response(known).await);
        assert_eq!(a.text("h1"), b.text("h1"));
        // The owner hears about it; their password is unchanged.
        let mails = app.mails_to(EMPLOYEE).await;
        assert_eq!(mails.len(), 1);
        assert!(mails[0].1.contains("/konto/passwort-vergessen"));
        assert_eq!(app.new_client().login(EMPLOYEE, DEMO_PASSWORD).await.status(), StatusCode::SEE_OTHER);
    }

    async fn login_failures_are_generic_and_throttled(app) {
        let app = app.with_demo().await;
        let c = app.new_client();
        let wrong = Page::from_response(c.login(EMPLOYEE, "falsch-falsch").await).await;
        let unknown = Page::from_response(c.login("niemand@example.org", "falsch-falsch").await).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong.status, unknown.status);
        assert_eq!(wrong.errors(), unknown.errors());
        for _ in 0..4 {
            c.login(EMPLOYEE, "falsch-falsch").await;
        }
        // Even the right password waits now.
        let r = c.login(EMPLOYEE, DEMO_PASSWORD).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        let page = Page::from_response(r).await;
        assert!(page.errors()[0].contains("Viertelstunde"), "{:?}", page.errors());
    }

    async fn password_reset_by_mail(app) {
        let app = app.with_demo().await;
        let old_session = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let c = app.new_client();
        let r = c.post_form("/konto/passwort-vergessen", &[("email", EMPLOYEE)]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let unknown = c.post_form("/konto/passwort-vergessen", &[("email", "niemand@example.org")]).await;
        assert_eq!(unknown.status(), StatusCode::OK);
        assert!(app.mails_to("niemand@example.org").await.is_empty());

        let link = app.link_in_last_mail(EMPLOYEE).await;
        assert!(c.page(&link).await.has("input[name=password]"));
        let r = c.post_form(&link, &[("password", "neues-passwort-1"), ("password_confirm", "anderes-passwort")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = c.post_form(&link, &[("password", "neues-passwort-1"), ("password_confirm", "neues-passwort-1")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(location(&r).contains("notice-password-changed"));
        // Single use; old password and old sessions are gone.
        let again = c.post_form(&link, &[("password", "drittes-passwort-1"), ("password_confirm", "drittes-passwort-1")]).await;
        assert!(location(&again).contains("notice-link-invalid"));
        assert_eq!(c.login(EMPLOYEE, DEMO_PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(c.login(EMPLOYEE, "neues-passwort-1").await.status(), StatusCode::SEE_OTHER);
        assert_eq!(old_session.get("/konto").await.status(), StatusCode::SEE_OTHER);
    }

    async fn state_changes_need_the_csrf_token(app) {
        let app = app.with_demo().await;
        let c = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let r = c.post_raw("/konto/abmelden", &[]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = c.post_raw("/konto/abmelden", &[("_csrf", "0".repeat(64).as_str())]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let page = Page::from_response(r).await;
        assert!(page.text("main").len() > 20, "a readable explanation");
        // Still logged in: nothing happened.
        assert_eq!(c.get("/konto").await.status(), StatusCode::OK);
        // Another visitor's token does not work either.
        let other = app.new_client().csrf().await;
        assert_eq!(c.post_raw("/konto/abmelden", &[("_csrf", other.as_str())]).await.status(), StatusCode::FORBIDDEN);
        // The header form (used by htmx) does.
        let own = c.csrf().await;
        let r = c.http.post(c.url("/konto/abmelden")).header("x-csrf-token", own).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }

    async fn login_redirects_only_within_the_site(app) {
        let app = app.with_demo().await;
        let c = app.new_client();
        let token = c.csrf().await;
        let r = c.post_raw("/konto/anmelden", &[("email", EMPLOYEE), ("password", DEMO_PASSWORD), ("next", "https://evil.example/"), ("_csrf", &token)]).await;
        assert_eq!(location(&r), "/");
        let c = app.new_client();
        let token = c.csrf().await;
        let r = c.post_raw("/konto/anmelden", &[("email", EMPLOYEE), ("password", DEMO_PASSWORD), ("next", "/organisationen"), ("_csrf", &token)]).await;
        assert_eq!(location(&r), "/organisationen");
    }

    async fn the_outbox_hides_personal_links_from_coordinators(app) {
        let app = app.with_demo().await;
        app.new_client().post_form("/konto/passwort-vergessen", &[("email", EMPLOYEE)]).await;
        let link = app.link_in_last_mail(EMPLOYEE).await;
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let page = coordinator.page("/postausgang").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text("main").contains(EMPLOYEE), "the recipient is listed");
        assert!(!page.html.contains(&link), "a coordinator must not see someone's reset link");
        let admin = app.logged_in("admin@lernregion.example", DEMO_PASSWORD).await;
        assert!(admin.page("/postausgang").await.html.contains(&link));
        let employee = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        assert_eq!(employee.get("/postausgang").await.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.new_client().get("/postausgang").await.status(), StatusCode::SEE_OTHER);
    }

    async fn cookies_are_secure_behind_tls(app) {
        let backend = app.backend;
        drop(app);
        let app = spawn_app_with(backend, |s| s.base_url = "https://lernregion.example".into()).await.with_demo().await;
        let r = app.new_client().login(EMPLOYEE, DEMO_PASSWORD).await;
        let cookies: Vec<_> = r.headers().get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
        assert!(cookies.iter().any(|c| c.starts_with("lr_session=") && c.contains("; Secure")), "{cookies:?}");
        assert!(r.headers().contains_key(header::STRICT_TRANSPORT_SECURITY));
    }
}
