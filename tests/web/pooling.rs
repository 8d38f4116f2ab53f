//! Demand pooling: cohorts from open needs, a provider's answer, opt-ins.

use reqwest::StatusCode;

use crate::{both, helpers::*};

both! {
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
}
