//! The gap report: demand without a reachable offering, by district.

use reqwest::StatusCode;

use crate::both;

both! {
    async fn the_gap_report_shows_demand_without_offerings(app) {
        let app = app.with_demo().await;
        let page = app.client.page("/n/nordthueringen/bedarfsluecken").await;
        assert_eq!(page.status, StatusCode::OK);
        let rows = page.rows("table.gaps tbody tr");
        assert!(!rows.is_empty());
        // Demo: data skills are taught only online in the Kyffhäuserkreis;
        // nobody teaches 5S in the Wartburgkreis.
        let row = |district: &str, competence: &str| rows.iter().find(|r| r[0] == district && r[1] == competence).unwrap_or_else(|| panic!("{district} {competence}: {rows:?}")).clone();
        let data = row("Kyffhäuserkreis", "Datenkompetenz");
        assert_eq!((data[3].as_str(), data[5].as_str()), ("0", "nur online"), "{data:?}");
        assert!(data[4].parse::<u32>().unwrap() > 0);
        assert_eq!(row("Wartburgkreis", "5S-Arbeitsplatzorganisation")[5], "Lücke: kein Angebot");
        assert_eq!(row("Gotha", "Roboterprogrammierung per Teach-in")[5], "abgedeckt", "Erfurt and Mühlhausen are within reach");
        // Every figure is k-protected: people with a need of at least 5 people.
        for r in &rows {
            let people: u32 = r[2].split('/').nth(1).unwrap().trim().parse().unwrap();
            assert!(people >= 5, "{r:?}");
        }
        // Gaps first.
        let first_covered = rows.iter().position(|r| r[5] == "abgedeckt").unwrap_or(rows.len());
        assert!(rows[first_covered..].iter().all(|r| r[5] == "abgedeckt"));
        assert!(page.has("figure svg"), "district map");

        let r = app.client.get("/n/nordthueringen/bedarfsluecken.csv").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let csv = r.text().await.unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].starts_with("district_ags,district,competence_code"));
        assert_eq!(lines.len() - 1, rows.len(), "the CSV has the table's rows");
        assert_eq!(app.client.get("/n/nordthueringen/bedarfsluecken?size=riesig").await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
