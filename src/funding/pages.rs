//! The funding advisor for one offering (a form that works without
//! JavaScript: blank answers stay "unknown") and the administrator's editor
//! for the rules.

use crate::web::Path;
use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    rules::{self, Assessment, Facts, Programme, Verdict},
    store,
};
use crate::{
    auth::permissions::{Action, Resource, can},
    catalog::{public::euros, queries as catalog, queries::OfferingRow},
    competences::domain::day_of,
    db::now,
    error::{AppError, AppResult},
    ids::OfferingId,
    web::{Ctx, format_time, forms::FieldErrors, i18n::Lang, urls},
};

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
        today: i32::try_from(today).ok(),
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

/// One programme's result with what the page shows of it.
pub struct AdviceResult {
    pub programme: Programme,
    pub a: Assessment,
}

#[derive(Template, WebTemplate)]
#[template(path = "funding/advisor.html")]
pub struct AdvisorPage {
    pub c: Ctx,
    pub o: OfferingRow,
    pub answers: HashMap<String, String>,
    pub errors: FieldErrors,
    pub results: Vec<AdviceResult>,
    pub asked: bool,
}

impl AdvisorPage {
    fn questions(&self) -> &'static [(&'static str, &'static str)] {
        &QUESTIONS
    }
    fn answer(&self, name: &str) -> String {
        self.answers.get(name).cloned().unwrap_or_default()
    }
    fn states(&self) -> &'static [&'static str] {
        rules::STATE_CODES
    }
    fn en(&self) -> bool {
        self.c.lang == Lang::En
    }
    fn verdict_key(&self, v: &Verdict) -> &'static str {
        match v {
            Verdict::Eligible => "funding-eligible",
            Verdict::NotEligible => "funding-not-eligible",
            Verdict::Unknown => "funding-unknown",
        }
    }
    fn verdict_class(&self, v: &Verdict) -> &'static str {
        match v {
            Verdict::Eligible => "ok",
            Verdict::NotEligible => "no",
            Verdict::Unknown => "open",
        }
    }
    fn money(&self, cents: &i64) -> String {
        euros(*cents)
    }
    fn pct(&self, p: &f64) -> String {
        format!("{p:.0} %")
    }
    fn question_key(&self, name: &str) -> String {
        format!("funding-q-{name}")
    }
    fn missing_labels(&self, facts: &[String]) -> String {
        facts
            .iter()
            .map(|f| {
                if QUESTIONS.iter().any(|(q, _)| q == f) {
                    self.c.t(&format!("funding-q-{f}"))
                } else {
                    f.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub async fn advisor(
    State(state): State<crate::state::AppState>,
    c: Ctx,
    Path(id): Path<OfferingId>,
    Query(answers): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let o = catalog::offering(&state.db, id)
        .await?
        .filter(|o| o.is_published())
        .ok_or(AppError::NotFound)?;
    let mut facts = offering_facts(&o, day_of(now()));
    let asked = answers
        .keys()
        .any(|k| QUESTIONS.iter().any(|(q, _)| q == k));
    let (errors, results) = match apply_answers(&mut facts, &answers) {
        Ok(()) => {
            let programmes = store::current(&state.db).await?;
            let results = rules::advise(&programmes, &facts)
                .into_iter()
                .filter_map(|a| {
                    let programme = programmes
                        .iter()
                        .find(|p| p.code == a.programme_code)?
                        .clone();
                    Some(AdviceResult { programme, a })
                })
                .collect();
            (FieldErrors::new(), results)
        }
        Err(errors) => (errors, Vec::new()),
    };
    let status = errors.status();
    let page = AdvisorPage {
        c,
        o,
        answers,
        errors,
        results,
        asked,
    };
    Ok((status, page).into_response())
}

// ---- The administrator's rules editor ----

#[derive(Template, WebTemplate)]
#[template(path = "funding/rules.html")]
pub struct RulesPage {
    pub c: Ctx,
    pub document: String,
    pub problems: Vec<rules::RuleError>,
    pub versions: Vec<store::RulesVersion>,
}

impl RulesPage {
    fn when(&self, t: &i64) -> String {
        format_time(*t)
    }
    fn message<'a>(&self, e: &'a rules::RuleError) -> &'a str {
        if self.c.lang == Lang::En {
            &e.message_en
        } else {
            &e.message_de
        }
    }
}

fn require_rules_editor(c: &Ctx) -> AppResult<crate::auth::domain::CurrentUser> {
    let user = c.require_user()?.clone();
    if !can(Some(&user), Action::EditFundingRules, &Resource::Platform) {
        return Err(AppError::Forbidden);
    }
    Ok(user)
}

pub async fn rules_form(
    State(state): State<crate::state::AppState>,
    c: Ctx,
) -> AppResult<RulesPage> {
    require_rules_editor(&c)?;
    let programmes = store::current(&state.db).await?;
    Ok(RulesPage {
        document: rules::programmes_to_json(&programmes),
        versions: store::versions(&state.db).await?,
        c,
        problems: Vec::new(),
    })
}

#[derive(Deserialize)]
pub struct RulesForm {
    #[serde(default)]
    pub document: String,
}

pub async fn save_rules(
    State(state): State<crate::state::AppState>,
    c: Ctx,
    Form(form): Form<RulesForm>,
) -> AppResult<Response> {
    let user = require_rules_editor(&c)?;
    match rules::parse_programmes(&form.document) {
        Ok(_) => {
            store::save(&state.db, &form.document, user.id, now()).await?;
            // "Funding eligible" in the search depends on the rules.
            state.search.rebuild_all();
            Ok(
                Redirect::to(&format!("{}?notice=notice-saved", urls::funding_rules()))
                    .into_response(),
            )
        }
        Err(problems) => {
            let page = RulesPage {
                versions: store::versions(&state.db).await?,
                document: form.document,
                c,
                problems,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
