//! Accounts: registration, confirmation, login, logout, reset, CSRF, throttling.

use reqwest::{StatusCode, header};

use crate::{both, build, helpers::*};

fn session_cookie_of(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("lr_session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

both! {
    async fn passwords_follow_asvs_level_2(app) {
        let c = app.new_client();
        let register = |password: &'static str| {
            let c = &c;
            async move {
                let r = c.post_form("/konto/registrieren", &[
                    ("display_name", "Jana Vogt"), ("email", "jana.vogt@example.org"),
                    ("password", password), ("password_confirm", password),
                ]).await;
                (r.status(), Page::from_response(r).await)
            }
        };
        for (password, says) in [
            ("elf-Zeichen", "mindestens 12 Zeichen"),
            ("Passwort2025!", "viele Menschen wählen"),
            ("qwertzuiop123", "viele Menschen wählen"),
            ("JanaVogt1990!", "leicht zu erraten"),
            ("aaaaaaaaaaaaaaaa", "leicht zu erraten"),
        ] {
            let (status, page) = register(password).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{password}");
            assert!(page.errors().iter().any(|e| e.contains(says)), "{password}: {:?}", page.errors());
            assert!(!page.html.contains(password), "the password is not echoed back");
        }
        assert_eq!(app.scalar("SELECT COUNT(*) FROM users WHERE email = $1", "jana.vogt@example.org").await, 0);
        let (status, _) = register("Kiefer-Brunnen-Amsel").await;
        assert_eq!(status, StatusCode::OK);
    }

    async fn a_session_ends_when_idle_and_can_be_ended_elsewhere(app) {
        build::person(&app, EMPLOYEE, "Anna Beck").await;
        let phone = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let laptop = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let page = laptop.page("/konto/sicherheit").await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.select("tbody tr").len(), 2, "both sessions are listed: {}", page.text("main"));
        assert_eq!(page.select(".current-session").len(), 1);

        // The laptop logs the phone out.
        let other = page.attr("tbody tr:not(.current-session) input[name=session]", "value");
        let r = laptop.post_form("/konto/sicherheit/sitzungen", &[("session", &other[0])]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(phone.get("/konto").await.status(), StatusCode::SEE_OTHER, "the phone is logged out");
        assert_eq!(laptop.get("/konto").await.status(), StatusCode::OK, "the laptop is not");
        // A handle of someone else's (or no) session ends nothing.
        let r = laptop.post_form("/konto/sicherheit/sitzungen", &[("session", "0123456789abcdef")]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);

        // An hour without a request: the session is over, whatever its lifetime.
        let user = app.scalar("SELECT id FROM users WHERE email = $1", EMPLOYEE).await;
        app.execute("UPDATE sessions SET last_seen_at = last_seen_at - 3601 WHERE user_id = CAST($1 AS BIGINT)", &user.to_string()).await;
        let r = laptop.get("/konto").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "an idle session ends");
        assert!(location(&r).starts_with("/konto/anmelden"), "{}", location(&r));
    }

    async fn changing_the_password_asks_for_the_old_one_and_ends_other_sessions(app) {
        build::person(&app, EMPLOYEE, "Anna Beck").await;
        let phone = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let laptop = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        let new = "Kiefer-Brunnen-Amsel";
        let r = laptop.post_form("/konto/sicherheit/passwort", &[("current", "falsch-geraten-1"), ("password", new), ("password_confirm", new)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(r).await;
        assert!(page.errors().iter().any(|e| e.contains("bisherige Passwort stimmt nicht")), "{:?}", page.errors());
        let r = laptop.post_form("/konto/sicherheit/passwort", &[("current", DEMO_PASSWORD), ("password", "passwort12345"), ("password_confirm", "passwort12345")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "the new one follows the rules too");

        let r = laptop.post_form("/konto/sicherheit/passwort", &[("current", DEMO_PASSWORD), ("password", new), ("password_confirm", new)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(laptop.get("/konto").await.status(), StatusCode::OK, "this session stays");
        assert_eq!(phone.get("/konto").await.status(), StatusCode::SEE_OTHER, "every other session ends");
        assert!(app.mails_to(EMPLOYEE).await[0].0.contains("Passwort wurde geändert"), "the owner is told");
        assert_eq!(app.new_client().login(EMPLOYEE, DEMO_PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(app.new_client().login(EMPLOYEE, new).await.status(), StatusCode::SEE_OTHER);

        // Guessing the current password through a session is throttled like logins.
        for _ in 0..5 {
            laptop.post_form("/konto/sicherheit/passwort", &[("current", "noch-falscher-1"), ("password", new), ("password_confirm", new)]).await;
        }
        let r = laptop.post_form("/konto/sicherheit/passwort", &[("current", new), ("password", "Amsel-Kiefer-Brunnen"), ("password_confirm", "Amsel-Kiefer-Brunnen")]).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    }

    async fn account_forms_do_not_tell_by_timing_or_flood_a_mailbox(app) {
        build::person(&app, EMPLOYEE, "Anna Beck").await;
        build::person(&app, ORG_ADMIN, "Personalabteilung").await;
        build::person(&app, OTHER_COORDINATOR, "Marie Jansen").await;
        // The median of a few tries per path; the work differs (a token, a
        // mail, a new account) but the answer comes at the same moment.
        async fn median(mut f: impl AsyncFnMut() -> reqwest::StatusCode) -> std::time::Duration {
            let mut times = Vec::new();
            for _ in 0..5 {
                let start = std::time::Instant::now();
                assert!(f().await.is_success());
                times.push(start.elapsed());
            }
            times.sort();
            times[2]
        }
        let c = app.new_client();
        let mut n = 0;
        let known = median(async || c.post_form("/konto/passwort-vergessen", &[("email", OTHER_COORDINATOR)]).await.status()).await;
        let unknown = median(async || c.post_form("/konto/passwort-vergessen", &[("email", "niemand@example.org")]).await.status()).await;
        let existing = median(async || c.post_form("/konto/registrieren", &[
            ("display_name", "Anna"), ("email", EMPLOYEE), ("password", "Kiefer-Brunnen-Amsel"), ("password_confirm", "Kiefer-Brunnen-Amsel")]).await.status()).await;
        let fresh = median(async || {
            n += 1;
            let email = format!("neu{n}@example.org");
            c.post_form("/konto/registrieren", &[
                ("display_name", "Neu"), ("email", &email), ("password", "Kiefer-Brunnen-Amsel"), ("password_confirm", "Kiefer-Brunnen-Amsel")]).await.status()
        }).await;
        let close = |a: std::time::Duration, b: std::time::Duration| a.abs_diff(b) < std::time::Duration::from_millis(60);
        assert!(close(known, unknown), "password reset: known {known:?}, unknown {unknown:?}");
        assert!(close(existing, fresh), "registration: existing {existing:?}, new {fresh:?}");

        // Twenty requests at once queue three personal links in the hour.
        let before = app.mails_to(ORG_ADMIN).await.len();
        let burst = (0..20).map(|_| async {
            app.new_client().post_form("/konto/passwort-vergessen", &[("email", ORG_ADMIN)]).await.status()
        });
        for status in futures_util::future::join_all(burst).await {
            assert!(status.is_success());
        }
        let sent = app.mails_to(ORG_ADMIN).await.len() - before;
        assert_eq!(sent, 3, "{sent} mails queued");
        // The limit holds per address: the earlier registrations under Anna's
        // address had told her three times already.
        assert_eq!(app.mails_to(EMPLOYEE).await.len(), 3);
    }

    async fn redirect_targets_stay_on_this_site(app) {
        build::person(&app, EMPLOYEE, "Anna Beck").await;
        // As decoded from the query: tabs and line breaks that browsers drop,
        // backslashes they read as slashes, schemes and dot segments.
        let hostile = ["/%09/evil.example/", "/%0a", "/%0d%0aSet-Cookie:%20x=1", "%2F%2Fevil.example",
            "/%5Cevil.example", "https://evil.example", "/.//evil.example", "/%C2%85/evil.example"];
        for next in hostile {
            let r = app.new_client().get(&format!("/sprache?lang=de&next={next}")).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
            assert_eq!(location(&r), "/", "{next}");

            let c = app.new_client();
            let decoded = percent_decode(next);
            let r = c.post_form("/konto/anmelden", &[("email", EMPLOYEE), ("password", DEMO_PASSWORD), ("next", &decoded)]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
            assert_eq!(location(&r), "/", "{next}");
        }
        // Local paths still work, with what a header cannot carry encoded.
        let r = app.new_client().get("/sprache?lang=de&next=%2Fn%2Fnordthueringen%3Ftab%3D1").await;
        assert_eq!(location(&r), "/n/nordthueringen?tab=1");
        let r = app.new_client().get("/sprache?lang=de&next=%2Fsuche%3Fq%3DSchwei%C3%9Fen").await;
        assert_eq!(location(&r), "/suche?q=Schwei%C3%9Fen");
    }

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
        build::person(&app, EMPLOYEE, "Anna Beck").await;
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
        build::person(&app, EMPLOYEE, "Anna Beck").await;
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
        build::person(&app, EMPLOYEE, "Anna Beck").await;
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
        build::person(&app, EMPLOYEE, "Anna Beck").await;
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
        build::person(&app, ORG_ADMIN, "Personalabteilung").await;
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
        build::person(&app, EMPLOYEE, "Anna Beck").await;
        let c = app.new_client();
        let token = c.csrf().await;
        let r = c.post_raw("/konto/anmelden", &[("email", EMPLOYEE), ("password", DEMO_PASSWORD), ("next", "https://evil.example/"), ("_csrf", &token)]).await;
        assert_eq!(location(&r), "/");
        let c = app.new_client();
        let token = c.csrf().await;
        let r = c.post_raw("/konto/anmelden", &[("email", EMPLOYEE), ("password", DEMO_PASSWORD), ("next", "/organisationen"), ("_csrf", &token)]).await;
        assert_eq!(location(&r), "/organisationen");
    }

    async fn the_outbox_shows_each_reader_only_mail_they_may_read(app) {
        let app = app.with_demo().await;
        // Someone else's account mail: for platform administrators only.
        app.new_client().post_form("/konto/passwort-vergessen", &[("email", EMPLOYEE)]).await;
        let link = app.link_in_last_mail(EMPLOYEE).await;

        // An official answer in a company-internal campaign tells a follower.
        let campaign = crate::ideas::company_campaign(&app).await;
        let idea = crate::ideas::first_idea(&app, campaign).await;
        let anna = app.logged_in(EMPLOYEE, DEMO_PASSWORD).await;
        assert_eq!(anna.post_form(&format!("/ideen/{idea}/folgen"), &[("follow", "1")]).await.status(), StatusCode::SEE_OTHER);
        let company = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let r = company.post_form(&format!("/ideen/{idea}/moderation/antwort"), &[("status", "review"), ("text", "Wir prüfen das im Werk.")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (internal, body) = app.mails_to(EMPLOYEE).await.into_iter().next().expect("the follower was told");
        assert!(body.contains(&format!("/ideen/{idea}")), "{body}");

        // A network's own shared work: an organisation applies to join it.
        let applicant = app.register_confirmed("Tom Richter", "tom@richter-cnc.example", "Span-Fräse-Drehteil").await;
        let r = applicant.post_form("/n/nordthueringen/beitreten", &[
            ("org", "new"), ("name", "Richter CNC-Technik GmbH"), ("kind", "company"), ("sector_code", "25"),
            ("size_class", "small"), ("street", "Grimmelallee 5"), ("postal_code", "99734"), ("city", "Nordhausen"),
            ("website", "https://richter-cnc.example"), ("email", "info@richter-cnc.example"),
            ("application_text", "Wir möchten unsere Leute in CNC-Programmierung weiterbilden."),
        ]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let office = app.scalar("SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE $1", "%Antrag%").await;
        assert!(office >= 1, "the coordination office is told");

        for (coordinator, sees_application) in [(COORDINATOR, true), (OTHER_COORDINATOR, false)] {
            let c = app.logged_in(coordinator, DEMO_PASSWORD).await;
            let page = c.page("/postausgang").await;
            assert_eq!(page.status, StatusCode::OK, "{coordinator}");
            let text = page.text("main");
            assert!(!text.contains(&internal), "{coordinator} must not read mail about a company-internal idea: {text}");
            assert!(!text.contains(EMPLOYEE), "{coordinator} must not see whom the platform writes to about their own affairs: {text}");
            assert!(!page.html.contains(&link));
            assert_eq!(text.contains("Neuer Antrag auf Aufnahme"), sees_application, "{coordinator} reads their own network's mail only: {text}");
        }
        let admin = app.logged_in("admin@lernregion.example", DEMO_PASSWORD).await;
        let page = admin.page("/postausgang").await;
        assert!(page.html.contains(&link) && page.text("main").contains(&internal), "administrators read everything");
        // Anna reaches no outbox; a visitor is asked to log in.
        assert_eq!(anna.get("/postausgang").await.status(), StatusCode::FORBIDDEN);
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

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}
