use super::evaluate::{rank, tier_amounts};
use super::*;
use proptest::prelude::*;
use serde_json::json;

fn day(y: i32, m: u8, d: u8) -> Day {
    crate::kernel::days::day_from_ymd(y, m, d).expect("valid test date")
}

fn programme(code: &str) -> Programme {
    shipped_programmes()
        .into_iter()
        .find(|p| p.code == code)
        .unwrap_or_else(|| panic!("shipped programme {code} missing"))
}

fn facts_82() -> Facts {
    Facts {
        today: Some(day(2026, 3, 1)),
        course_hours: Some(200.0),
        course_price_cents: Some(500_000),
        course_azav: Some(true),
        employed: Some(true),
        has_vocational_qualification: Some(true),
        years_since_vocational_qualification: Some(5.0),
        funded_82_in_last_two_years: Some(false),
        company_employees: Some(30),
        age: Some(30),
        severely_disabled: Some(false),
        ..Facts::default()
    }
}

fn facts_82a() -> Facts {
    Facts {
        today: Some(day(2026, 3, 1)),
        course_hours: Some(300.0),
        course_price_cents: Some(400_000),
        provider_azav: Some(true),
        employed: Some(true),
        job_affected_by_structural_change: Some(true),
        company_agreement_on_qualification: Some(true),
        share_of_staff_needing_qualification_pct: Some(25.0),
        company_employees: Some(300),
        funded_82a_in_last_four_years: Some(false),
        ..Facts::default()
    }
}

fn facts_nrw() -> Facts {
    Facts {
        today: Some(day(2026, 3, 1)),
        course_price_cents: Some(60_000),
        residence_state: Some("NW".into()),
        taxable_income_eur: Some(45_000),
        ..Facts::default()
    }
}

fn has_fact(list: &[ConditionResult], fact: &str) -> bool {
    list.iter().any(|r| r.fact == fact)
}

// --- shipped data -----------------------------------------------------------

#[test]
fn shipped_programmes_parse() {
    let parsed = parse_programmes(include_str!("../../../data/funding/programmes.json"));
    let programmes = parsed.unwrap_or_else(|e| panic!("shipped rules invalid: {e:#?}"));
    let codes: Vec<&str> = programmes.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "sgb3_82",
            "sgb3_81_bildungsgutschein",
            "afbg",
            "sgb3_82a_qualifizierungsgeld",
            "nrw_bildungsscheck"
        ]
    );
    assert_eq!(shipped_programmes(), programmes);
    for p in &programmes {
        assert!(p.source_url.starts_with("https://"), "{}", p.code);
    }
}

#[test]
fn shipped_programmes_round_trip_through_json() {
    let programmes = shipped_programmes();
    let text = programmes_to_json(&programmes);
    // Whole numbers come back the way administrators type them.
    assert!(text.contains("\"value\": 120"), "{text}");
    assert!(text.contains("\"course_cost_share_pct\": 100,"));
    assert_eq!(parse_programmes(&text), Ok(programmes));
}

#[test]
fn fact_registry_matches_facts_struct() {
    let value = serde_json::to_value(Facts::default()).expect("facts serialize");
    let mut keys: Vec<String> = value
        .as_object()
        .expect("object")
        .keys()
        .filter(|k| *k != "today")
        .cloned()
        .collect();
    keys.sort();
    let mut names: Vec<String> = FACT_NAMES.iter().map(|s| s.to_string()).collect();
    names.sort();
    assert_eq!(keys, names);
    for name in FACT_NAMES {
        assert!(lookup(&Facts::default(), name).is_some(), "{name}");
    }
    assert!(lookup(&Facts::default(), "today").is_none());
}

#[test]
fn facts_reject_unknown_json_fields() {
    assert!(serde_json::from_str::<Facts>(r#"{"age": 50}"#).is_ok());
    assert!(serde_json::from_str::<Facts>(r#"{"agee": 50}"#).is_err());
}

// --- § 82 SGB III -------------------------------------------------------------

#[test]
fn s82_small_company_full_course_costs() {
    let a = assess(&programme("sgb3_82"), &facts_82());
    assert_eq!(a.verdict, Verdict::Eligible, "{a:#?}");
    assert_eq!(a.course_cost_share_pct, 100.0);
    assert_eq!(a.wage_subsidy_pct, 75.0);
    assert_eq!(a.funded_cents, 500_000);
    assert_eq!(a.net_cost_cents, 0);
    assert_eq!(a.applies_to, AppliesTo::Employer);
    assert!(a.unmet.is_empty() && a.unknown.is_empty() && a.benefit_open.is_empty());
    assert_eq!(a.disclaimer_de, DISCLAIMER_DE);
}

#[test]
fn s82_mid_company_half() {
    let f = Facts {
        company_employees: Some(120),
        ..facts_82()
    };
    let a = assess(&programme("sgb3_82"), &f);
    assert_eq!(a.verdict, Verdict::Eligible);
    assert_eq!(a.course_cost_share_pct, 50.0);
    assert_eq!(a.wage_subsidy_pct, 50.0);
    assert_eq!(a.funded_cents, 250_000);
    assert_eq!(a.net_cost_cents, 250_000);
}

#[test]
fn s82_mid_company_age_50_full() {
    let f = Facts {
        company_employees: Some(120),
        age: Some(50),
        ..facts_82()
    };
    let a = assess(&programme("sgb3_82"), &f);
    assert_eq!(a.verdict, Verdict::Eligible);
    assert_eq!(a.course_cost_share_pct, 100.0);
    assert_eq!(a.wage_subsidy_pct, 50.0);
    assert_eq!(a.net_cost_cents, 0);
}

#[test]
fn s82_mid_company_severely_disabled_full() {
    let f = Facts {
        company_employees: Some(499),
        severely_disabled: Some(true),
        ..facts_82()
    };
    let a = assess(&programme("sgb3_82"), &f);
    assert_eq!(a.course_cost_share_pct, 100.0);
}

#[test]
fn s82_large_company_quarter_even_at_50() {
    let f = Facts {
        company_employees: Some(600),
        age: Some(50),
        ..facts_82()
    };
    let a = assess(&programme("sgb3_82"), &f);
    assert_eq!(a.verdict, Verdict::Eligible);
    assert_eq!(a.course_cost_share_pct, 25.0);
    assert_eq!(a.wage_subsidy_pct, 25.0);
    assert_eq!(a.funded_cents, 125_000);
    assert_eq!(a.net_cost_cents, 375_000);
}

#[test]
fn s82_100_hours_not_eligible() {
    let f = Facts {
        course_hours: Some(100.0),
        ..facts_82()
    };
    let a = assess(&programme("sgb3_82"), &f);
    assert_eq!(a.verdict, Verdict::NotEligible);
    assert_eq!(a.unmet.len(), 1);
    assert_eq!(a.unmet[0].fact, "course_hours");
    assert!(a.unmet[0].message_de.contains("120 Stunden"));
    assert_eq!(a.course_cost_share_pct, 0.0);
    assert_eq!(a.funded_cents, 0);
    assert_eq!(a.net_cost_cents, 500_000);
    // Exactly 120 hours is not "more than 120".
    let f = Facts {
        course_hours: Some(120.0),
        ..facts_82()
    };
    assert_eq!(
        assess(&programme("sgb3_82"), &f).verdict,
        Verdict::NotEligible
    );
}

#[test]
fn s82_missing_azav_unknown() {
    let f = Facts {
        course_azav: None,
        ..facts_82()
    };
    let a = assess(&programme("sgb3_82"), &f);
    assert_eq!(a.verdict, Verdict::Unknown);
    assert!(a.unmet.is_empty());
    assert_eq!(a.unknown.len(), 1);
    assert_eq!(a.unknown[0].fact, "course_azav");
    assert_eq!(a.unknown[0].missing_facts, ["course_azav"]);
    // Provisional figures: what would be paid if AZAV approval turns out fine.
    assert_eq!(a.course_cost_share_pct, 100.0);
}

#[test]
fn s82_recent_qualification_unmet_no_qualification_ok() {
    let recent = Facts {
        years_since_vocational_qualification: Some(1.0),
        ..facts_82()
    };
    let a = assess(&programme("sgb3_82"), &recent);
    assert_eq!(a.verdict, Verdict::NotEligible);
    assert!(has_fact(
        &a.unmet,
        "any_of(has_vocational_qualification, years_since_vocational_qualification)"
    ));

    let none = Facts {
        has_vocational_qualification: Some(false),
        years_since_vocational_qualification: None,
        ..facts_82()
    };
    assert_eq!(
        assess(&programme("sgb3_82"), &none).verdict,
        Verdict::Eligible
    );
}

#[test]
fn s82_funded_recently_or_unemployed_not_eligible() {
    let f = Facts {
        funded_82_in_last_two_years: Some(true),
        ..facts_82()
    };
    assert!(has_fact(
        &assess(&programme("sgb3_82"), &f).unmet,
        "funded_82_in_last_two_years"
    ));
    let f = Facts {
        employed: Some(false),
        ..facts_82()
    };
    assert!(has_fact(
        &assess(&programme("sgb3_82"), &f).unmet,
        "employed"
    ));
}

#[test]
fn s82_mid_company_unknown_age_shows_floor_and_open_tier() {
    let f = Facts {
        company_employees: Some(120),
        age: None,
        ..facts_82()
    };
    let a = assess(&programme("sgb3_82"), &f);
    assert_eq!(a.verdict, Verdict::Eligible);
    assert_eq!(a.course_cost_share_pct, 50.0);
    assert!(a.unknown.is_empty());
    assert_eq!(a.benefit_open.len(), 1);
    assert_eq!(a.benefit_open[0].missing_facts, ["age"]);
}

#[test]
fn s82_unknown_company_size_is_unknown() {
    let f = Facts {
        company_employees: None,
        ..facts_82()
    };
    let a = assess(&programme("sgb3_82"), &f);
    assert_eq!(a.verdict, Verdict::Unknown);
    assert!(
        a.unknown
            .iter()
            .all(|r| r.missing_facts.contains(&"company_employees".to_string()))
    );
    assert!(!a.unknown.is_empty());

    // At 50 the "under 500" condition appears in two open tiers; ask once.
    let f = Facts {
        company_employees: None,
        age: Some(50),
        ..facts_82()
    };
    let a = assess(&programme("sgb3_82"), &f);
    for (i, r) in a.unknown.iter().enumerate() {
        assert!(!a.unknown[..i].contains(r), "duplicate {r:?}");
    }
    assert_eq!(a.unknown.len(), 3);
}

// --- § 81 SGB III -------------------------------------------------------------

#[test]
fn s81_unemployed_with_azav_full() {
    let f = Facts {
        today: Some(day(2026, 3, 1)),
        course_price_cents: Some(800_000),
        course_azav: Some(true),
        unemployed_or_at_risk: Some(true),
        ..Facts::default()
    };
    let a = assess(&programme("sgb3_81_bildungsgutschein"), &f);
    assert_eq!(a.verdict, Verdict::Eligible);
    assert_eq!(a.applies_to, AppliesTo::Person);
    assert_eq!(a.net_cost_cents, 0);
}

#[test]
fn s81_secure_job_with_qualification_not_eligible() {
    let f = Facts {
        today: Some(day(2026, 3, 1)),
        course_azav: Some(true),
        unemployed_or_at_risk: Some(false),
        has_vocational_qualification: Some(true),
        ..Facts::default()
    };
    let a = assess(&programme("sgb3_81_bildungsgutschein"), &f);
    assert_eq!(a.verdict, Verdict::NotEligible);
    assert_eq!(a.unmet.len(), 1);
}

#[test]
fn s81_without_qualification_eligible_even_if_employment_status_unknown() {
    let f = Facts {
        today: Some(day(2026, 3, 1)),
        course_azav: Some(true),
        has_vocational_qualification: Some(false),
        ..Facts::default()
    };
    assert_eq!(
        assess(&programme("sgb3_81_bildungsgutschein"), &f).verdict,
        Verdict::Eligible
    );
}

// --- AFBG ---------------------------------------------------------------------

fn facts_afbg(price_eur: i64, hours: f64) -> Facts {
    Facts {
        today: Some(day(2026, 3, 1)),
        course_hours: Some(hours),
        course_price_cents: Some(price_eur * 100),
        course_leads_to_upgrade_qualification: Some(true),
        ..Facts::default()
    }
}

#[test]
fn afbg_half_of_fees() {
    let a = assess(&programme("afbg"), &facts_afbg(4_000, 600.0));
    assert_eq!(a.verdict, Verdict::Eligible);
    assert_eq!(a.funded_cents, 200_000);
    assert_eq!(a.net_cost_cents, 200_000);
    assert!(a.note_de.contains("Darlehen"));
}

#[test]
fn afbg_capped_at_15000_eligible_fees() {
    let a = assess(&programme("afbg"), &facts_afbg(20_000, 1_200.0));
    assert_eq!(a.funded_cents, 750_000);
    assert_eq!(a.net_cost_cents, 1_250_000);
}

#[test]
fn afbg_needs_400_lessons_and_upgrade_goal() {
    let a = assess(&programme("afbg"), &facts_afbg(4_000, 300.0));
    assert_eq!(a.verdict, Verdict::NotEligible);
    assert!(has_fact(&a.unmet, "course_hours"));
    assert_eq!(
        assess(&programme("afbg"), &facts_afbg(4_000, 400.0)).verdict,
        Verdict::Eligible
    );
    let f = Facts {
        course_leads_to_upgrade_qualification: Some(false),
        ..facts_afbg(4_000, 600.0)
    };
    assert_eq!(assess(&programme("afbg"), &f).verdict, Verdict::NotEligible);
}

// --- § 82a SGB III ------------------------------------------------------------

#[test]
fn s82a_wage_replacement_but_no_course_costs() {
    let a = assess(&programme("sgb3_82a_qualifizierungsgeld"), &facts_82a());
    assert_eq!(a.verdict, Verdict::Eligible, "{a:#?}");
    assert_eq!(a.wage_subsidy_pct, 60.0);
    assert_eq!(a.course_cost_share_pct, 0.0);
    assert_eq!(a.funded_cents, 0);
    assert_eq!(a.net_cost_cents, 400_000);
    assert!(a.note_de.contains("trägt der Arbeitgeber"));
    assert_eq!(a.benefit_open.len(), 1);
    assert_eq!(a.benefit_open[0].missing_facts, ["has_child"]);
}

#[test]
fn s82a_with_child_67_percent() {
    let f = Facts {
        has_child: Some(true),
        ..facts_82a()
    };
    let a = assess(&programme("sgb3_82a_qualifizierungsgeld"), &f);
    assert_eq!(a.wage_subsidy_pct, 67.0);
    assert!(a.benefit_open.is_empty());
}

#[test]
fn s82a_staff_share_threshold_depends_on_size() {
    let p = programme("sgb3_82a_qualifizierungsgeld");
    let big = Facts {
        share_of_staff_needing_qualification_pct: Some(15.0),
        ..facts_82a()
    };
    assert_eq!(assess(&p, &big).verdict, Verdict::NotEligible);
    let small = Facts {
        company_employees: Some(100),
        ..big.clone()
    };
    assert_eq!(assess(&p, &small).verdict, Verdict::Eligible);
    let tiny_share = Facts {
        share_of_staff_needing_qualification_pct: Some(5.0),
        ..small
    };
    assert_eq!(assess(&p, &tiny_share).verdict, Verdict::NotEligible);
}

#[test]
fn s82a_agreement_or_micro_company() {
    let p = programme("sgb3_82a_qualifizierungsgeld");
    let no_agreement = Facts {
        company_agreement_on_qualification: Some(false),
        ..facts_82a()
    };
    assert_eq!(assess(&p, &no_agreement).verdict, Verdict::NotEligible);
    let micro = Facts {
        company_employees: Some(8),
        ..no_agreement
    };
    assert_eq!(assess(&p, &micro).verdict, Verdict::Eligible);
}

#[test]
fn s82a_needs_approved_provider_and_more_than_120_hours() {
    let p = programme("sgb3_82a_qualifizierungsgeld");
    let f = Facts {
        provider_azav: None,
        course_azav: Some(true),
        ..facts_82a()
    };
    assert_eq!(assess(&p, &f).verdict, Verdict::Eligible);
    let f = Facts {
        provider_azav: Some(false),
        course_azav: None,
        ..facts_82a()
    };
    assert_eq!(assess(&p, &f).verdict, Verdict::Unknown);
    let f = Facts {
        course_hours: Some(80.0),
        ..facts_82a()
    };
    assert_eq!(assess(&p, &f).verdict, Verdict::NotEligible);
}

// --- Bildungsscheck NRW -------------------------------------------------------

#[test]
fn nrw_half_of_price() {
    let a = assess(&programme("nrw_bildungsscheck"), &facts_nrw());
    assert_eq!(a.verdict, Verdict::Eligible, "{a:#?}");
    assert_eq!(a.funded_cents, 30_000);
    assert_eq!(a.net_cost_cents, 30_000);
    assert!(a.note_de.contains("ändern"));
}

#[test]
fn nrw_capped_at_500() {
    let f = Facts {
        course_price_cents: Some(200_000),
        ..facts_nrw()
    };
    let a = assess(&programme("nrw_bildungsscheck"), &f);
    assert_eq!(a.funded_cents, 50_000);
    assert_eq!(a.net_cost_cents, 150_000);
}

#[test]
fn nrw_residence_required() {
    let f = Facts {
        residence_state: Some("TH".into()),
        workplace_state: Some("NW".into()),
        ..facts_nrw()
    };
    let a = assess(&programme("nrw_bildungsscheck"), &f);
    assert_eq!(a.verdict, Verdict::NotEligible);
    assert!(has_fact(&a.unmet, "residence_state"));
    // Lower-case codes are accepted; unrecognised ones count as unknown.
    let f = Facts {
        residence_state: Some("nw".into()),
        ..facts_nrw()
    };
    assert_eq!(
        assess(&programme("nrw_bildungsscheck"), &f).verdict,
        Verdict::Eligible
    );
    let f = Facts {
        residence_state: Some("NRW".into()),
        ..facts_nrw()
    };
    assert_eq!(
        assess(&programme("nrw_bildungsscheck"), &f).verdict,
        Verdict::Unknown
    );
}

#[test]
fn nrw_income_limits_single_and_joint() {
    let p = programme("nrw_bildungsscheck");
    let f = Facts {
        taxable_income_eur: Some(80_000),
        ..facts_nrw()
    };
    let a = assess(&p, &f);
    assert_eq!(a.verdict, Verdict::Unknown);
    assert_eq!(a.unknown[0].missing_facts, ["jointly_assessed"]);
    let joint = Facts {
        jointly_assessed: Some(true),
        ..f.clone()
    };
    assert_eq!(assess(&p, &joint).verdict, Verdict::Eligible);
    let single = Facts {
        jointly_assessed: Some(false),
        ..f
    };
    assert_eq!(assess(&p, &single).verdict, Verdict::NotEligible);
    let too_rich = Facts {
        taxable_income_eur: Some(100_001),
        jointly_assessed: Some(true),
        ..facts_nrw()
    };
    assert_eq!(assess(&p, &too_rich).verdict, Verdict::NotEligible);
}

#[test]
fn nrw_price_must_be_given() {
    let f = Facts {
        course_price_cents: None,
        ..facts_nrw()
    };
    let a = assess(&programme("nrw_bildungsscheck"), &f);
    assert_eq!(a.verdict, Verdict::Unknown);
    assert!(has_fact(&a.unknown, "course_price_cents"));
    assert_eq!(a.funded_cents, 0);
    assert_eq!(a.net_cost_cents, 0);
}

#[test]
fn nrw_not_before_programme_start() {
    let f = Facts {
        today: Some(day(2026, 1, 15)),
        ..facts_nrw()
    };
    let a = assess(&programme("nrw_bildungsscheck"), &f);
    assert_eq!(a.verdict, Verdict::NotEligible);
    assert!(has_fact(&a.unmet, "valid"));
}

// --- validity -----------------------------------------------------------------

fn limited(valid_from: &str, valid_until: Option<&str>) -> Programme {
    Programme {
        valid_from: valid_from.into(),
        valid_until: valid_until.map(str::to_owned),
        ..programme("sgb3_82")
    }
}

#[test]
fn validity_bounds_are_inclusive() {
    let p = limited("2024-04-01", Some("2025-12-31"));
    let on = |y, m, d| {
        assess(
            &p,
            &Facts {
                today: Some(day(y, m, d)),
                ..facts_82()
            },
        )
    };
    assert_eq!(on(2024, 3, 31).verdict, Verdict::NotEligible);
    assert_eq!(on(2024, 4, 1).verdict, Verdict::Eligible);
    assert_eq!(on(2025, 12, 31).verdict, Verdict::Eligible);
    let expired = on(2026, 1, 1);
    assert_eq!(expired.verdict, Verdict::NotEligible);
    assert_eq!(expired.unmet.len(), 1);
    assert_eq!(expired.unmet[0].fact, "valid");
    assert!(expired.unmet[0].message_de.contains("2025-12-31"));
    assert_eq!(expired.funded_cents, 0);
}

#[test]
fn validity_unknown_without_today() {
    let a = assess(
        &programme("sgb3_82"),
        &Facts {
            today: None,
            ..facts_82()
        },
    );
    assert_eq!(a.verdict, Verdict::Unknown);
    assert_eq!(a.unknown[0].fact, "valid");
    assert_eq!(a.unknown[0].missing_facts, ["today"]);
}

#[test]
fn validity_broken_date_in_unvalidated_programme_is_not_eligible() {
    let p = limited("2024-02-30", None);
    assert_eq!(assess(&p, &facts_82()).verdict, Verdict::NotEligible);
}

// --- advise / best_net_cost ----------------------------------------------------

#[test]
fn advise_orders_eligible_unknown_not_eligible() {
    let f = Facts {
        today: Some(day(2026, 3, 1)),
        course_hours: Some(200.0),
        course_price_cents: Some(300_000),
        course_azav: Some(true),
        employed: Some(true),
        has_vocational_qualification: Some(true),
        years_since_vocational_qualification: Some(5.0),
        funded_82_in_last_two_years: Some(false),
        company_employees: Some(120),
        age: Some(40),
        residence_state: Some("NW".into()),
        taxable_income_eur: Some(40_000),
        course_leads_to_upgrade_qualification: Some(false),
        unemployed_or_at_risk: Some(false),
        ..Facts::default()
    };
    let out = advise(&shipped_programmes(), &f);
    let summary: Vec<(&str, Verdict, i64)> = out
        .iter()
        .map(|a| (a.programme_code.as_str(), a.verdict, a.net_cost_cents))
        .collect();
    assert_eq!(
        summary,
        [
            ("sgb3_82", Verdict::Eligible, 150_000),
            ("nrw_bildungsscheck", Verdict::Eligible, 250_000),
            ("sgb3_82a_qualifizierungsgeld", Verdict::Unknown, 300_000),
            ("afbg", Verdict::NotEligible, 300_000),
            ("sgb3_81_bildungsgutschein", Verdict::NotEligible, 300_000),
        ]
    );
    assert_eq!(
        best_net_cost(&shipped_programmes(), &f),
        (150_000, Some("sgb3_82".into()))
    );
}

#[test]
fn best_net_cost_without_eligible_programme_is_price() {
    let f = Facts {
        today: Some(day(2026, 3, 1)),
        course_price_cents: Some(99_900),
        ..Facts::default()
    };
    assert_eq!(best_net_cost(&shipped_programmes(), &f), (99_900, None));
    assert_eq!(best_net_cost(&[], &Facts::default()), (0, None));
}

#[test]
fn unknown_price_ranks_by_share() {
    let f = Facts {
        course_price_cents: None,
        ..facts_82()
    };
    let out = advise(&shipped_programmes(), &f);
    assert_eq!(out[0].programme_code, "sgb3_82");
    assert_eq!((out[0].funded_cents, out[0].net_cost_cents), (0, 0));
    assert_eq!(
        best_net_cost(&shipped_programmes(), &f),
        (0, Some("sgb3_82".into()))
    );
}

#[test]
fn all_facts_unknown_never_not_eligible() {
    let f = Facts {
        today: Some(day(2026, 3, 1)),
        ..Facts::default()
    };
    for a in advise(&shipped_programmes(), &f) {
        assert_eq!(a.verdict, Verdict::Unknown, "{}", a.programme_code);
        assert!(a.unknown.iter().all(|r| !r.missing_facts.is_empty()));
    }
}

#[test]
fn negative_price_counts_as_zero() {
    let f = Facts {
        course_price_cents: Some(-5),
        ..facts_82()
    };
    let a = assess(&programme("sgb3_82"), &f);
    assert_eq!((a.funded_cents, a.net_cost_cents), (0, 0));
}

// --- parse errors -------------------------------------------------------------

fn minimal_programme() -> serde_json::Value {
    json!({
        "code": "demo",
        "name_de": "Demo", "name_en": "Demo",
        "summary_de": "Demo", "summary_en": "Demo",
        "legal_basis": "§ 1 Demo",
        "source_url": "https://www.example.org/demo",
        "valid_from": "2024-01-01",
        "applies_to": "person",
        "conditions": [
            { "fact": "course_hours", "op": "gt", "value": 120,
              "message_de": "Mehr als 120 Stunden", "message_en": "More than 120 hours" }
        ],
        "benefits": [
            { "course_cost_share_pct": 50, "note_de": "Hälfte", "note_en": "Half" }
        ]
    })
}

fn rules(programmes: Vec<serde_json::Value>) -> String {
    json!({ "format_version": 1, "programmes": programmes }).to_string()
}

fn errors(text: &str) -> Vec<RuleError> {
    match parse_programmes(text) {
        Ok(p) => panic!("expected errors, parsed {p:?}"),
        Err(e) => e,
    }
}

/// Minimal programme with the value at a JSON pointer replaced or added.
fn with(pointer: &str, value: serde_json::Value) -> String {
    let mut p = minimal_programme();
    let (parent, last) = pointer.rsplit_once('/').expect("pointer");
    match p.pointer_mut(parent).expect("parent exists") {
        serde_json::Value::Array(items) => items[last.parse::<usize>().expect("index")] = value,
        other => other[last] = value,
    }
    rules(vec![p])
}

fn assert_error(errs: &[RuleError], location: &str, key: &str) {
    assert!(
        errs.iter().any(|e| e.location == location && e.key == key),
        "no {key} at {location} in {errs:#?}"
    );
    for e in errs {
        assert!(!e.message_de.is_empty() && !e.message_en.is_empty());
    }
}

#[test]
fn minimal_programme_parses() {
    let parsed = parse_programmes(&rules(vec![minimal_programme()])).expect("valid");
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0].valid_until, None);
}

#[test]
fn parse_error_unknown_fact_with_suggestion() {
    let errs = errors(&with("/conditions/0/fact", json!("course_hour")));
    assert_error(
        &errs,
        "programmes[0].conditions[0].fact",
        "rules.unknown_fact",
    );
    assert!(
        errs[0].message_en.contains("Did you mean \"course_hours\""),
        "{errs:?}"
    );
    assert!(
        errs[0].message_de.contains("Meinten Sie „course_hours“"),
        "{errs:?}"
    );
}

#[test]
fn parse_error_today_not_a_condition_fact() {
    let errs = errors(&with("/conditions/0/fact", json!("today")));
    assert_error(
        &errs,
        "programmes[0].conditions[0].fact",
        "rules.unknown_fact",
    );
    assert!(errs[0].message_en.contains("valid_from"));
}

#[test]
fn parse_error_unknown_op() {
    let errs = errors(&with("/conditions/0/op", json!("gte")));
    assert_error(&errs, "programmes[0].conditions[0].op", "rules.unknown_op");
}

#[test]
fn parse_error_op_not_allowed_for_bool() {
    let cond = json!({ "fact": "employed", "op": "lt", "value": true, "message_de": "x", "message_en": "x" });
    let errs = errors(&with("/conditions/0", cond));
    assert_error(
        &errs,
        "programmes[0].conditions[0].op",
        "rules.op_not_allowed",
    );
}

#[test]
fn parse_error_wrong_value_type() {
    let errs = errors(&with("/conditions/0/value", json!("120")));
    assert_error(
        &errs,
        "programmes[0].conditions[0].value",
        "rules.wrong_value_type",
    );
    let cond = json!({ "fact": "course_state", "op": "in", "value": ["TH", 3], "message_de": "x", "message_en": "x" });
    let errs = errors(&with("/conditions/0", cond));
    assert_error(
        &errs,
        "programmes[0].conditions[0].value[1]",
        "rules.wrong_value_type",
    );
}

#[test]
fn parse_error_invalid_state_and_empty_list() {
    let cond = json!({ "fact": "residence_state", "op": "eq", "value": "NRW", "message_de": "x", "message_en": "x" });
    assert_error(
        &errors(&with("/conditions/0", cond)),
        "programmes[0].conditions[0].value",
        "rules.invalid_state",
    );
    let cond =
        json!({ "fact": "age", "op": "in", "value": [], "message_de": "x", "message_en": "x" });
    assert_error(
        &errors(&with("/conditions/0", cond)),
        "programmes[0].conditions[0].value",
        "rules.empty_list",
    );
}

#[test]
fn parse_error_bad_dates() {
    assert_error(
        &errors(&with("/valid_from", json!("2025-02-30"))),
        "programmes[0].valid_from",
        "rules.invalid_date",
    );
    assert_error(
        &errors(&with("/valid_until", json!("31.12.2025"))),
        "programmes[0].valid_until",
        "rules.invalid_date",
    );
    assert_error(
        &errors(&with("/valid_until", json!("2023-12-31"))),
        "programmes[0].valid_until",
        "rules.date_order",
    );
    assert_error(
        &errors(&with("/valid_from", json!(20240101))),
        "programmes[0].valid_from",
        "rules.wrong_type",
    );
}

#[test]
fn parse_error_duplicate_code() {
    let mut second = minimal_programme();
    second["code"] = json!("DEMO");
    let errs = errors(&rules(vec![minimal_programme(), second]));
    assert_error(&errs, "programmes[1].code", "rules.duplicate_code");
    assert!(errs[0].message_en.contains("programmes[0]"));
}

#[test]
fn parse_error_unknown_and_missing_fields() {
    let mut p = minimal_programme();
    let obj = p.as_object_mut().expect("object");
    let until = obj.remove("valid_from").expect("present");
    obj.insert("valid_untill".into(), until);
    obj.remove("benefits");
    let errs = errors(&rules(vec![p]));
    assert_error(&errs, "programmes[0].valid_untill", "rules.unknown_field");
    assert_error(&errs, "programmes[0].valid_from", "rules.missing_field");
    assert_error(&errs, "programmes[0].benefits", "rules.missing_field");
    assert!(
        errs.iter()
            .any(|e| e.message_en.contains("Did you mean \"valid_until\""))
    );
}

#[test]
fn parse_error_nested_locations_and_messages() {
    let cond = json!({
        "any_of": [
            { "fact": "age", "op": "ge", "value": 45 },
            { "all_of": [ { "fact": "severly_disabled", "op": "eq", "value": true } ] }
        ],
        "message_de": "x", "message_en": "x"
    });
    let errs = errors(&with("/conditions/0", cond));
    assert_error(
        &errs,
        "programmes[0].conditions[0].any_of[1].all_of[0].fact",
        "rules.unknown_fact",
    );

    let no_message = json!({ "fact": "age", "op": "ge", "value": 45 });
    let errs = errors(&with("/conditions/0", no_message));
    assert_error(
        &errs,
        "programmes[0].conditions[0].message_de",
        "rules.missing_field",
    );
    assert_error(
        &errs,
        "programmes[0].conditions[0].message_en",
        "rules.missing_field",
    );
}

#[test]
fn parse_error_condition_shape_and_nesting() {
    let both = json!({ "fact": "age", "op": "ge", "value": 45, "any_of": [], "message_de": "x", "message_en": "x" });
    assert_error(
        &errors(&with("/conditions/0", both)),
        "programmes[0].conditions[0]",
        "rules.condition_shape",
    );
    let empty = json!({ "any_of": [], "message_de": "x", "message_en": "x" });
    assert_error(
        &errors(&with("/conditions/0", empty)),
        "programmes[0].conditions[0].any_of",
        "rules.empty_group",
    );

    let leaf = json!({ "fact": "age", "op": "ge", "value": 45 });
    let three = json!({ "any_of": [ { "all_of": [ { "any_of": [ leaf.clone() ] } ] } ], "message_de": "x", "message_en": "x" });
    assert!(parse_programmes(&with("/conditions/0", three)).is_ok());
    let four = json!({ "any_of": [ { "all_of": [ { "any_of": [ { "all_of": [ leaf ] } ] } ] } ], "message_de": "x", "message_en": "x" });
    assert_error(
        &errors(&with("/conditions/0", four)),
        "programmes[0].conditions[0].any_of[0].all_of[0].any_of[0].all_of",
        "rules.nesting_too_deep",
    );
}

#[test]
fn parse_error_benefit_tiers() {
    assert_error(
        &errors(&with("/benefits", json!([]))),
        "programmes[0].benefits",
        "rules.no_benefits",
    );
    assert_error(
        &errors(&with("/benefits/0/course_cost_share_pct", json!(120))),
        "programmes[0].benefits[0].course_cost_share_pct",
        "rules.percent_range",
    );
    assert_error(
        &errors(&with("/benefits/0/max_eur", json!(12.5))),
        "programmes[0].benefits[0].max_eur",
        "rules.wrong_type",
    );
    let tiers = json!([
        { "course_cost_share_pct": 50, "note_de": "a", "note_en": "a" },
        { "course_cost_share_pct": 25, "note_de": "b", "note_en": "b" }
    ]);
    assert_error(
        &errors(&with("/benefits", tiers)),
        "programmes[0].benefits[1]",
        "rules.unreachable_tier",
    );
}

#[test]
fn parse_error_programme_fields() {
    assert_error(
        &errors(&with("/applies_to", json!("company"))),
        "programmes[0].applies_to",
        "rules.invalid_applies_to",
    );
    assert_error(
        &errors(&with("/source_url", json!("http://example.org"))),
        "programmes[0].source_url",
        "rules.invalid_url",
    );
    assert_error(
        &errors(&with("/code", json!("a b"))),
        "programmes[0].code",
        "rules.invalid_code",
    );
    assert_error(
        &errors(&with("/name_de", json!("  "))),
        "programmes[0].name_de",
        "rules.empty_text",
    );
}

#[test]
fn parse_collects_all_errors() {
    let mut p = minimal_programme();
    p["valid_from"] = json!("2024-13-01");
    p["conditions"][0]["op"] = json!("bigger");
    p["benefits"][0]["course_cost_share_pct"] = json!(-1);
    let errs = errors(&rules(vec![p, json!("not an object")]));
    assert_error(&errs, "programmes[0].valid_from", "rules.invalid_date");
    assert_error(&errs, "programmes[0].conditions[0].op", "rules.unknown_op");
    assert_error(
        &errs,
        "programmes[0].benefits[0].course_cost_share_pct",
        "rules.percent_range",
    );
    assert_error(&errs, "programmes[1]", "rules.wrong_type");
}

#[test]
fn parse_error_json_syntax_and_duplicate_keys() {
    let errs = errors("{\n  \"programmes\": [\n    ,\n  ]\n}");
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].key, "json.syntax");
    assert!(errs[0].location.starts_with("line 3"), "{errs:?}");

    let errs = errors(r#"{"programmes": [], "programmes": []}"#);
    assert_eq!(errs[0].key, "json.duplicate_key");
    assert!(errs[0].message_de.contains("programmes"));
}

#[test]
fn parse_error_root_shape() {
    assert_error(&errors("[]"), "", "rules.wrong_type");
    assert_error(&errors("{}"), "programmes", "rules.missing_field");
    assert_error(
        &errors(r#"{"format_version": 2, "programmes": []}"#),
        "format_version",
        "rules.format_version",
    );
    assert_error(
        &errors(r#"{"programme": []}"#),
        "programme",
        "rules.unknown_field",
    );
    assert_eq!(parse_programmes(r#"{"programmes": []}"#), Ok(Vec::new()));
    let huge = " ".repeat(MAX_RULES_BYTES + 1);
    assert_eq!(errors(&huge)[0].key, "rules.too_large");
}

// --- properties ---------------------------------------------------------------

fn state() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["NW", "TH", "BY", "nw", "NRW", ""]).prop_map(str::to_owned)
}

fn facts_strategy() -> impl Strategy<Value = Facts> {
    let a = (
        proptest::option::of(day(2019, 1, 1)..day(2029, 1, 1)),
        proptest::option::of(0.0..2_000.0f64),
        proptest::option::of(-1_000i64..3_000_000),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(state()),
        proptest::option::of(16u32..70),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
    );
    let b = (
        proptest::option::of(0.0..20.0f64),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(state()),
        proptest::option::of(state()),
        proptest::option::of(0i64..150_000),
        proptest::option::of(any::<bool>()),
        proptest::option::of(1u32..1_000),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(0.0..60.0f64),
    );
    (a, b).prop_map(|(a, b)| Facts {
        today: a.0,
        course_hours: a.1,
        course_price_cents: a.2,
        course_azav: a.3,
        provider_azav: a.4,
        course_leads_to_upgrade_qualification: a.5,
        course_state: a.6,
        age: a.7,
        severely_disabled: a.8,
        employed: a.9,
        unemployed_or_at_risk: a.10,
        has_vocational_qualification: a.11,
        years_since_vocational_qualification: b.0,
        funded_82_in_last_two_years: b.1,
        funded_82a_in_last_four_years: b.2,
        has_child: b.3,
        residence_state: b.4,
        workplace_state: b.5,
        taxable_income_eur: b.6,
        jointly_assessed: b.7,
        company_employees: b.8,
        job_affected_by_structural_change: b.9,
        company_agreement_on_qualification: b.10,
        share_of_staff_needing_qualification_pct: b.11,
    })
}

/// Blanks the facts selected by `mask` (going through JSON keeps this in step
/// with the struct without listing every field again).
fn forget(facts: &Facts, mask: &[bool]) -> Facts {
    let mut value = serde_json::to_value(facts).expect("serialize");
    if let Some(obj) = value.as_object_mut() {
        for ((_, v), blank) in obj.iter_mut().zip(mask) {
            if *blank {
                *v = serde_json::Value::Null;
            }
        }
    }
    serde_json::from_value(value).expect("deserialize")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn prop_net_cost_within_price(facts in facts_strategy()) {
        let price = facts.course_price_cents.unwrap_or(0).max(0);
        for a in advise(&shipped_programmes(), &facts) {
            prop_assert!(a.net_cost_cents >= 0);
            prop_assert!(a.net_cost_cents <= price);
            prop_assert!(a.funded_cents >= 0);
            prop_assert_eq!(a.funded_cents + a.net_cost_cents, price);
            if a.verdict == Verdict::NotEligible {
                prop_assert_eq!(a.funded_cents, 0);
                prop_assert_eq!(a.course_cost_share_pct, 0.0);
            }
        }
    }

    #[test]
    fn prop_verdict_matches_condition_lists(facts in facts_strategy()) {
        for a in advise(&shipped_programmes(), &facts) {
            match a.verdict {
                Verdict::Eligible => prop_assert!(a.unmet.is_empty() && a.unknown.is_empty()),
                Verdict::Unknown => prop_assert!(a.unmet.is_empty() && !a.unknown.is_empty()),
                Verdict::NotEligible => prop_assert!(!a.unmet.is_empty()),
            }
            for r in a.unknown.iter().chain(&a.benefit_open) {
                prop_assert_eq!(r.verdict, Verdict::Unknown);
                prop_assert!(!r.missing_facts.is_empty());
            }
            prop_assert!(a.unmet.iter().all(|r| r.missing_facts.is_empty()));
        }
    }

    /// Forgetting facts may turn a definite answer into "cannot tell yet", but
    /// never into the opposite answer: a NotEligible with partial knowledge
    /// always rests on known facts that fail.
    #[test]
    fn prop_unknown_facts_never_flip_a_verdict(
        facts in facts_strategy(),
        mask in proptest::collection::vec(any::<bool>(), 24),
    ) {
        let partial = forget(&facts, &mask);
        for p in shipped_programmes() {
            let known = assess(&p, &facts).verdict;
            let guessed = assess(&p, &partial).verdict;
            if guessed != Verdict::Unknown {
                prop_assert_eq!(guessed, known, "{}", p.code);
            }
        }
    }

    #[test]
    fn prop_advise_is_sorted(facts in facts_strategy()) {
        let out = advise(&shipped_programmes(), &facts);
        for pair in out.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert!(rank(a.verdict) <= rank(b.verdict));
            if a.verdict == b.verdict {
                prop_assert!(a.net_cost_cents <= b.net_cost_cents);
            }
        }
        let (best, code) = best_net_cost(&shipped_programmes(), &facts);
        match out.iter().find(|a| a.verdict == Verdict::Eligible) {
            Some(a) => {
                prop_assert_eq!(best, a.net_cost_cents);
                prop_assert_eq!(code.as_deref(), Some(a.programme_code.as_str()));
            }
            None => prop_assert!(code.is_none()),
        }
    }

    #[test]
    fn prop_tier_amounts_stay_within_price(
        price in 0i64..i64::MAX,
        share in prop_oneof![any::<f64>(), -10.0..110.0f64],
        flat in proptest::option::of(any::<i64>()),
        max in proptest::option::of(any::<i64>()),
    ) {
        let tier = BenefitTier {
            when: Vec::new(),
            course_cost_share_pct: share,
            wage_subsidy_pct: Some(share),
            flat_grant_eur: flat,
            max_eur: max,
            note_de: String::new(),
            note_en: String::new(),
        };
        let (s, w, funded) = tier_amounts(&tier, price);
        prop_assert!((0.0..=100.0).contains(&s) && (0.0..=100.0).contains(&w));
        prop_assert!(0 <= funded && funded <= price);
    }

    #[test]
    fn prop_parser_never_panics_on_damaged_rules(cut in 0usize..20_000, len in 1usize..40) {
        let text = include_str!("../../../data/funding/programmes.json");
        let start = (0..=cut.min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let end = (start + len).min(text.len());
        let end = (end..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
        let damaged = format!("{}{}", &text[..start], &text[end..]);
        match parse_programmes(&damaged) {
            Ok(programmes) => prop_assert!(programmes.len() <= 5),
            Err(errs) => prop_assert!(errs.iter().all(|e| !e.key.is_empty() && !e.message_de.is_empty())),
        }
    }

    #[test]
    fn prop_parser_never_panics_on_noise(text in ".{0,200}") {
        let _ = parse_programmes(&text);
    }
}
