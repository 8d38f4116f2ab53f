//! Demand pooling: cohorts from open needs, a provider's answer, opt-ins.

use reqwest::StatusCode;

use crate::{both, helpers::*};

/// A cohort as an earlier version published it, stored behind the page's back.
async fn insert_cohort(app: &TestApp, districts: &str, people: i64) -> i64 {
    let network = app
        .scalar("SELECT id FROM networks WHERE slug = $1", "nordthueringen")
        .await;
    let competence = app.scalar("SELECT MIN(c.id) FROM competences c JOIN networks n ON n.id = c.network_id WHERE n.slug = $1", "nordthueringen").await;
    let sql = "INSERT INTO cohorts (network_id, competence_id, band, lat, lon, radius_km, districts, people, companies, created_at) \
               VALUES ($1, $2, 'basics', 50.95, 10.7, 12.0, $3, $4, 2, 0) RETURNING id";
    match &app.db {
        lernregion::db::Db::Sqlite(p) => {
            sqlx::query_scalar(sql)
                .bind(network)
                .bind(competence)
                .bind(districts)
                .bind(people)
                .fetch_one(p)
                .await
        }
        lernregion::db::Db::Postgres(p) => {
            sqlx::query_scalar(sql)
                .bind(network)
                .bind(competence)
                .bind(districts)
                .bind(people)
                .fetch_one(p)
                .await
        }
    }
    .expect("insert cohort")
}

/// "Name (n)" parts of one cohort's district breakdown as (name, n).
fn district_parts(page: &Page, cohort: &str) -> Vec<(String, u32)> {
    page.select(&format!("{cohort} .district"))
        .iter()
        .map(|part| {
            let (name, n) = part
                .rsplit_once(" (")
                .unwrap_or_else(|| panic!("district part {part:?}"));
            (
                name.to_owned(),
                n.trim_end_matches(')')
                    .parse()
                    .unwrap_or_else(|_| panic!("count in {part:?}")),
            )
        })
        .collect()
}

both! {
    async fn the_way_to_pooling_is_shown_only_to_those_who_may_follow_it(app) {
        let app = app.with_demo().await;
        let path = "/n/nordthueringen/buendelung";
        let mut shown = 0;
        for who in [None, Some(EMPLOYEE), Some(ORG_ADMIN), Some(PROVIDER_ADMIN), Some(COORDINATOR), Some(OTHER_COORDINATOR)] {
            let c = match who {
                Some(email) => app.logged_in(email, DEMO_PASSWORD).await,
                None => app.new_client(),
            };
            let page = c.page("/n/nordthueringen").await;
            let linked = page.attr("a", "href").iter().any(|h| h == path);
            let status = c.get(path).await.status();
            assert_eq!(linked, status == StatusCode::OK, "{who:?}: linked {linked}, page answers {status}");
            shown += usize::from(linked);
        }
        assert!(shown >= 2, "the coordinator and member organisations still find it");
    }

    async fn needs_are_pooled_answered_and_booked(app) {
        let app = app.with_demo().await;
        let url = "/n/nordthueringen/buendelung";
        assert_eq!(app.logged_in(OTHER_COORDINATOR, DEMO_PASSWORD).await.get(url).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.logged_in(EMPLOYEE, DEMO_PASSWORD).await.get(url).await.status(), StatusCode::FORBIDDEN, "employees do not pool");

        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let page = coordinator.page(url).await;
        assert_eq!(page.status, StatusCode::OK);
        // The demo: pooled once, one cohort answered.
        assert!(!page.select("section.cohort").is_empty());
        assert_eq!(page.select(".answers li").len(), 1, "{}", page.text("main"));
        let company = app.logged_in(ORG_ADMIN, DEMO_PASSWORD).await;
        let opt_ins_before = company.page(url).await.attr("form[action$='/anmelden']", "action");
        let r = coordinator.post_form("/n/nordthueringen/buendelung/veroeffentlichen", &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = coordinator.page(url).await;
        let cohorts = page.select("section.cohort .figures");
        assert!(cohorts.len() >= 3, "{cohorts:?}");
        // Every group: at least k = 5 people from at least two companies.
        for f in &cohorts {
            let people: u32 = f.split_whitespace().next().unwrap().parse().unwrap();
            let companies: u32 = f.split(" · ").nth(1).unwrap().split_whitespace().next().unwrap().parse().unwrap();
            assert!(people >= 6 && companies >= 2, "{f}");
        }
        // A robotics cohort near Gotha, as the demo's companies plan robot cells.
        assert!(page.select("section.cohort h3").iter().any(|h| h.contains("Roboter")), "{:?}", page.select("section.cohort h3"));

        // The provider answers the first cohort with one of its offerings.
        let provider = app.logged_in(PROVIDER_ADMIN, DEMO_PASSWORD).await;
        let page = provider.page(url).await;
        let form = page.attr("form.answer-form", "action")[0].clone();
        let offering = page.options("select[name=offering]").into_iter().find(|(v, _)| !v.is_empty()).unwrap().0;
        let mails_before = app.scalar("SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE $1", "Angebot für einen gebündelten Bedarf%").await;
        let r = provider.post_form(&form, &[("offering", "999999"), ("message", "")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "someone else's or no offering");
        let r = provider.post_form(&form, &[("offering", &offering), ("message", "Start im Frühjahr, Lehrwerkstatt Nordhausen")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = provider.post_form(&form, &[("offering", &offering), ("message", "")]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "answering twice with the same offering");
        let told = app.scalar("SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE $1", "Angebot für einen gebündelten Bedarf%").await;
        assert!(told > mails_before, "the coordination office (and companies with k people in it) are told");
        // A company cannot answer.
        assert_eq!(company.post_form(&form, &[("offering", &offering), ("message", "")]).await.status(), StatusCode::FORBIDDEN);

        // The company signs up for seats; the provider hears of it.
        let page = company.page(url).await;
        let opt_in: Vec<String> = page.attr("form[action$='/anmelden']", "action").into_iter().filter(|a| !opt_ins_before.contains(a)).collect();
        assert_eq!(opt_in.len(), 1, "one new answer, one company of hers");
        let org = page.attr("form[action$='/anmelden'] input[name=org]", "value")[0].clone();
        let r = company.post_form(&opt_in[0], &[("org", &org), ("seats", "viele")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = company.post_form(&opt_in[0], &[("org", &org), ("seats", "4")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = company.page(url).await;
        assert!(page.text(".answers").contains("4 Plätze angefragt"), "{}", page.text(".answers"));
        let mails = app.mails_to(PROVIDER_ADMIN).await;
        assert!(mails.iter().any(|(s, b)| s.starts_with("Anmeldung zu") && b.contains("4 Plätze")), "{mails:?}");
        // Opting in for someone else's company is refused.
        let provider_org = app.scalar("SELECT id FROM organizations WHERE name = $1", "Technikum Nordthüringen gGmbH").await;
        assert_eq!(company.post_form(&opt_in[0], &[("org", &provider_org.to_string()), ("seats", "2")]).await.status(), StatusCode::FORBIDDEN);
    }

    async fn cohort_districts_never_isolate_fewer_than_k(app) {
        let app = app.with_demo().await;
        let url = "/n/nordthueringen/buendelung";
        let coordinator = app.logged_in(COORDINATOR, DEMO_PASSWORD).await;
        let r = coordinator.post_form("/n/nordthueringen/buendelung/veroeffentlichen", &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // Stored as published before the remainder was folded: "weitere
        // Kreise" held 3 people, so Gotha 6 + Eichsfeld 5 + 3 gave away
        // where those 3 live.
        let leaky = insert_cohort(&app, "16067:6;16061:5;:3", 14).await;
        // Gotha 5 named would leave Kyffhäuserkreis' 2 as the remainder.
        let tiny = insert_cohort(&app, "16067:5;16065:2", 7).await;

        let page = coordinator.page(url).await;
        let ids = page.attr("section.cohort", "id");
        assert!(ids.len() >= 4, "{ids:?}");
        for id in &ids {
            let section = format!("section#{id}");
            let figures = page.text(&format!("{section} .figures"));
            let people: u32 = figures.split_whitespace().next().unwrap().parse().unwrap();
            let parts = district_parts(&page, &section);
            if parts.is_empty() {
                assert_eq!(page.text(&format!("{section} .districts-withheld")), "Kreise nicht einzeln genannt (zu wenige Personen je Kreis)", "{figures}");
                continue;
            }
            // Every part, "weitere Kreise" included, covers at least k = 5
            // people, and together they are the whole cohort.
            assert!(parts.iter().all(|(_, n)| *n >= 5), "{figures}");
            assert_eq!(parts.iter().map(|(_, n)| n).sum::<u32>(), people, "{figures}");
            assert!(parts.iter().filter(|(name, _)| name == "weitere Kreise").count() <= 1, "{figures}");
            assert!(parts.len() >= 2 || parts[0].0 != "weitere Kreise", "a remainder alone would just repeat the total: {figures}");
        }
        assert_eq!(district_parts(&page, &format!("section#cohort-{leaky}")), vec![("Gotha".to_owned(), 6), ("weitere Kreise".to_owned(), 8)]);
        assert!(district_parts(&page, &format!("section#cohort-{tiny}")).is_empty());
        assert!(page.text(&format!("section#cohort-{tiny} .figures")).starts_with("7 Personen · 2 Betriebe · Kreise nicht einzeln genannt"), "{}", page.text(&format!("section#cohort-{tiny} .figures")));

        // In English the remainder and the withheld breakdown are named too.
        let r = coordinator.get("/sprache?lang=en&next=%2F").await;
        assert!(r.status().is_redirection(), "{}", r.status());
        let page = coordinator.page(url).await;
        assert_eq!(district_parts(&page, &format!("section#cohort-{leaky}"))[1], ("other districts".to_owned(), 8));
        assert_eq!(page.text(&format!("section#cohort-{tiny} .districts-withheld")), "districts not named (too few people per district)");
    }
}
