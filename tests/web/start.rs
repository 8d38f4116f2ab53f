//! The start page: login leads there, it shows each person what waits for
//! them in their roles, and every link on it opens for them.

use reqwest::StatusCode;

use crate::{both, helpers::*};

/// Logs in through the form without a `next`, as from the header link, and
/// follows the redirect.
async fn land(app: &TestApp, email: &str) -> (Client, Page) {
    let c = app.new_client();
    let r = c.login(email, DEMO_PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{email}");
    assert_eq!(location(&r), "/start", "{email} lands on the start page");
    let page = c.page("/start").await;
    assert_eq!(page.status, StatusCode::OK);
    (c, page)
}

/// Every link to this site in the page's main part answers 200 for this
/// person: no link to a page they may not open. (Organisations' websites
/// and mail addresses are not ours to check.)
async fn every_link_opens(c: &Client, page: &Page, who: &str) {
    let links: Vec<String> = page
        .attr("main a", "href")
        .into_iter()
        .filter(|h| h.starts_with('/'))
        .collect();
    assert!(!links.is_empty());
    for href in links {
        let r = c.get(&href).await;
        assert_eq!(r.status(), StatusCode::OK, "{who}: {href}");
    }
}

both! {
    async fn each_person_lands_on_what_waits_for_them(app) {
        let app = app.with_demo().await;

        // The employee: her open self-assessment, her network's ways in.
        let (anna, page) = land(&app, EMPLOYEE).await;
        let tasks = page.select("main .tasks li");
        assert!(tasks.iter().any(|t| t.contains("Gothaer Fahrzeugtechnik") && t.contains("selbst einzuschätzen")), "{tasks:?}");
        let text = page.text("main");
        assert!(text.contains("Nordthüringen"), "{text}");
        assert!(page.attr("main a", "href").iter().any(|h| h.ends_with("/ideen")), "the idea map is one click away");
        assert!(!text.contains("Koordination"), "she does not coordinate");
        every_link_opens(&anna, &page, EMPLOYEE).await;

        // The coordinator: the application waiting for a decision.
        let (coordinator, page) = land(&app, COORDINATOR).await;
        let tasks = page.select("main .tasks li");
        let pending = app.scalar("SELECT COUNT(*) FROM network_members WHERE status = 'pending' AND network_id = (SELECT id FROM networks WHERE slug = $1)", "nordthueringen").await;
        assert!(pending > 1);
        let expected = format!("Weiterbildungsverbund Nordthüringen: {pending} Aufnahmeanträge warten auf Ihre Entscheidung.");
        assert!(tasks.contains(&expected), "{tasks:?}");
        assert!(page.attr("main .tasks a", "href").iter().any(|h| h.ends_with("/koordination")));
        every_link_opens(&coordinator, &page, COORDINATOR).await;
        // The coordination page leads to every tool of the coordination.
        let tools = coordinator.page("/n/nordthueringen/koordination").await;
        let hrefs = tools.attr("main nav.tools a", "href");
        for want in ["/ideen", "/ideen/kampagnen/neu", "/ideenwerkstaetten", "/buendelung", "/bedarf", "/bedarfsluecken", "/kompetenzen", "/zahlen-schutz", "/postausgang"] {
            assert!(hrefs.iter().any(|h| h.ends_with(want)), "{want} in {hrefs:?}");
        }
        every_link_opens(&coordinator, &tools, COORDINATOR).await;

        // The provider's admin: the offerings to manage.
        let (provider, page) = land(&app, PROVIDER_ADMIN).await;
        assert!(page.attr("main a", "href").iter().any(|h| h.contains("/angebote")), "{}", page.text("main"));
        every_link_opens(&provider, &page, PROVIDER_ADMIN).await;

        // The company's HR admin: the company's needs.
        let (hr, page) = land(&app, ORG_ADMIN).await;
        assert!(page.text("main").contains("Weiterbildungsbedarf"));
        every_link_opens(&hr, &page, ORG_ADMIN).await;

        // Someone in no network yet is shown the networks to discover.
        let (lena, page) = {
            crate::build::person(&app, "lena.vogt@example.org", "Lena Vogt").await;
            land(&app, "lena.vogt@example.org").await
        };
        assert!(page.text("main").contains("noch zu keinem Netzwerk"), "{}", page.text("main"));
        let title = page.text("title");
        assert!(title.starts_with("Meine Startseite") && !title.contains('<'), "{title}");
        assert!(page.attr("main a", "href").contains(&"/n/nordthueringen".to_owned()));
        every_link_opens(&lena, &page, "lena").await;

        // A visitor is asked to log in, and comes back here afterwards.
        let r = app.new_client().get("/start").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(location(&r).starts_with("/konto/anmelden?next=%2Fstart"), "{}", location(&r));
    }

    async fn a_login_from_a_page_goes_back_to_it(app) {
        let app = app.with_demo().await;
        let c = app.new_client();
        let token = c.csrf().await;
        let r = c.post_raw("/konto/anmelden", &[("email", EMPLOYEE), ("password", DEMO_PASSWORD), ("next", "/meine-kompetenzen"), ("_csrf", &token)]).await;
        assert_eq!(location(&r), "/meine-kompetenzen");
    }

    async fn a_visitor_reaches_the_idea_map_and_its_campaigns_by_links_from_the_home_page(app) {
        let app = app.with_demo().await;
        let visitor = app.new_client();
        let follow = |page: &Page, css: &str| -> String {
            page.attr(css, "href").into_iter().next().unwrap_or_else(|| panic!("no link {css} on the page: {}", page.text("main")))
        };
        let home = visitor.page("/").await;
        let network = visitor.page(&follow(&home, "main a[href='/n/nordthueringen']")).await;
        assert_eq!(network.status, StatusCode::OK);
        let map = visitor.page(&follow(&network, "main a[href$='/ideen']")).await;
        assert_eq!(map.status, StatusCode::OK);
        let campaign = visitor.page(&follow(&map, "main a[href^='/ideen/kampagnen/']")).await;
        assert_eq!(campaign.status, StatusCode::OK);
        assert!(campaign.has("h1"));
    }

    async fn no_page_links_a_person_to_a_page_they_may_not_open(app) {
        let app = app.with_demo().await;
        for who in [EMPLOYEE, ORG_ADMIN, COORDINATOR, PROVIDER_ADMIN] {
            let c = app.logged_in(who, DEMO_PASSWORD).await;
            let (visited, broken) = crawl(&c, "/start", 150).await;
            assert!(visited > 20, "{who} reached only {visited} pages");
            assert!(broken.is_empty(), "{who} ({visited} pages): {broken:#?}");
        }
        let (visited, broken) = crawl(&app.new_client(), "/", 150).await;
        assert!(visited > 20, "a visitor reached only {visited} pages");
        assert!(broken.is_empty(), "visitor ({visited} pages): {broken:#?}");
    }
}

/// Follows every link to this site from `from`, breadth first, as a person
/// clicking through would (GET only, at most `limit` pages), and returns the
/// links that answered neither 2xx nor a redirect, with the page they were on.
async fn crawl(c: &Client, from: &str, limit: usize) -> (usize, Vec<String>) {
    use std::collections::{HashSet, VecDeque};
    let mut seen: HashSet<String> = HashSet::new();
    let mut queue: VecDeque<(String, String)> =
        VecDeque::from([(from.to_owned(), "start".to_owned())]);
    let mut broken = Vec::new();
    let mut visited = 0;
    while let Some((href, on)) = queue.pop_front() {
        if visited >= limit {
            break;
        }
        // The same page with other filters or another language is the same page.
        let key = href.split(['?', '#']).next().unwrap_or_default().to_owned();
        if !seen.insert(key) {
            continue;
        }
        visited += 1;
        let r = c.get(&href).await;
        let status = r.status();
        if !(status.is_success() || status.is_redirection()) {
            broken.push(format!("{status} {href} (linked from {on})"));
            continue;
        }
        let html = r
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .is_some_and(|t| t.to_str().unwrap_or_default().starts_with("text/html"));
        if !html || status.is_redirection() {
            continue;
        }
        let page = Page::from_response(r).await;
        for next in page.attr("a", "href") {
            if next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/api/") {
                queue.push_back((next, href.clone()));
            }
        }
    }
    (visited, broken)
}
