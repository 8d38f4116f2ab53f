//! What the funding advisor knows before it judges: facts read off an
//! offering (hours, price, AZAV, the federal state of the course place) and
//! the answers a person gives about themself and their company. Pure, so
//! the advisor page, the recommendations and the search index (which marks
//! offerings that may be funded) read an offering the same way.

use std::collections::HashMap;

use super::rules::{self, Facts};
use crate::{catalog::queries::OfferingRow, web::forms::FieldErrors};

/// Two-letter state code from the first two digits of a district key.
pub fn state_of_ags(ags: &str) -> Option<&'static str> {
    Some(match ags.get(..2)? {
        "01" => "SH",
        "02" => "HH",
        "03" => "NI",
        "04" => "HB",
        "05" => "NW",
        "06" => "HE",
        "07" => "RP",
        "08" => "BW",
        "09" => "BY",
        "10" => "SL",
        "11" => "BE",
        "12" => "BB",
        "13" => "MV",
        "14" => "SN",
        "15" => "ST",
        "16" => "TH",
        _ => return None,
    })
}

/// What the offering itself tells the advisor.
pub fn offering_facts(o: &OfferingRow, today: i64) -> Facts {
    let upgrade_words = ["meister", "techniker", "fachwirt", "betriebswirt"];
    let text = format!("{} {}", o.title, o.certificate).to_lowercase();
    Facts {
        today: Some(today),
        course_hours: Some(o.hours_total),
        course_price_cents: Some(o.price_cents),
        course_azav: Some(o.azav),
        provider_azav: o.azav.then_some(true),
        // Upgrade courses run 400 hours and more; below that it cannot be one.
        course_leads_to_upgrade_qualification: if upgrade_words.iter().any(|w| text.contains(w)) {
            Some(true)
        } else if o.hours_total < 400.0 {
            Some(false)
        } else {
            None
        },
        course_state: o
            .district_ags
            .as_deref()
            .and_then(state_of_ags)
            .map(str::to_owned),
        ..Default::default()
    }
}

/// Questions about the person and the company, in the order asked. Kind:
/// `yn` (yes / no / don't know), `int`, `num` or `state`.
pub const QUESTIONS: [(&str, &str); 16] = [
    ("age", "int"),
    ("company_employees", "int"),
    ("employed", "yn"),
    ("unemployed_or_at_risk", "yn"),
    ("has_vocational_qualification", "yn"),
    ("years_since_vocational_qualification", "num"),
    ("funded_82_in_last_two_years", "yn"),
    ("severely_disabled", "yn"),
    ("has_child", "yn"),
    ("residence_state", "state"),
    ("workplace_state", "state"),
    ("taxable_income_eur", "int"),
    ("jointly_assessed", "yn"),
    ("job_affected_by_structural_change", "yn"),
    ("company_agreement_on_qualification", "yn"),
    ("share_of_staff_needing_qualification_pct", "num"),
];

/// Adds the answers to `facts`; blank answers stay unknown.
pub fn apply_answers(
    facts: &mut Facts,
    answers: &HashMap<String, String>,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    for (name, kind) in QUESTIONS {
        let v = answers.get(name).map(|s| s.trim()).unwrap_or_default();
        if v.is_empty() {
            continue;
        }
        let yn = || match v {
            "ja" | "yes" | "true" => Ok(true),
            "nein" | "no" | "false" => Ok(false),
            _ => Err("choice-invalid"),
        };
        let int = || {
            v.replace('.', "")
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or("funding-number-invalid")
        };
        let num = || crate::catalog::domain::parse_decimal(v).ok_or("funding-number-invalid");
        let result: Result<(), &'static str> = match (name, kind) {
            ("age", _) => int().and_then(|n| {
                u32::try_from(n)
                    .ok()
                    .filter(|a| (14..=99).contains(a))
                    .map(|a| facts.age = Some(a))
                    .ok_or("funding-age-invalid")
            }),
            ("company_employees", _) => int().and_then(|n| {
                u32::try_from(n)
                    .ok()
                    .filter(|n| *n >= 1)
                    .map(|n| facts.company_employees = Some(n))
                    .ok_or("funding-number-invalid")
            }),
            ("taxable_income_eur", _) => int().map(|n| facts.taxable_income_eur = Some(n)),
            ("years_since_vocational_qualification", _) => {
                num().map(|n| facts.years_since_vocational_qualification = Some(n))
            }
            ("share_of_staff_needing_qualification_pct", _) => num().and_then(|n| {
                (n <= 100.0)
                    .then(|| facts.share_of_staff_needing_qualification_pct = Some(n))
                    .ok_or("funding-number-invalid")
            }),
            ("residence_state" | "workplace_state", _) => {
                if rules::STATE_CODES.contains(&v) {
                    let slot = if name == "residence_state" {
                        &mut facts.residence_state
                    } else {
                        &mut facts.workplace_state
                    };
                    *slot = Some(v.to_owned());
                    Ok(())
                } else {
                    Err("choice-invalid")
                }
            }
            (_, "yn") => yn().map(|b| {
                let slot = match name {
                    "employed" => &mut facts.employed,
                    "unemployed_or_at_risk" => &mut facts.unemployed_or_at_risk,
                    "has_vocational_qualification" => &mut facts.has_vocational_qualification,
                    "funded_82_in_last_two_years" => &mut facts.funded_82_in_last_two_years,
                    "severely_disabled" => &mut facts.severely_disabled,
                    "has_child" => &mut facts.has_child,
                    "jointly_assessed" => &mut facts.jointly_assessed,
                    "job_affected_by_structural_change" => {
                        &mut facts.job_affected_by_structural_change
                    }
                    _ => &mut facts.company_agreement_on_qualification,
                };
                *slot = Some(b);
            }),
            _ => Ok(()),
        };
        if let Err(key) = result {
            errors.add(name, key);
        }
    }
    errors.into_result()
}
