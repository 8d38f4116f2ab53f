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
    facts::{QUESTIONS, apply_answers, offering_facts},
    queries,
    rules::{self, Assessment, Programme, Verdict},
};
use crate::{
    auth::permissions::{Action, Resource, can},
    catalog::{queries as catalog, queries::OfferingRow},
    db::now,
    error::{AppError, AppResult},
    ids::OfferingId,
    kernel::days::day_of,
    kernel::money::euros,
    web::{Ctx, format_time, forms::FieldErrors, i18n::Lang, urls},
};

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
            let programmes = queries::current(&state.db).await?;
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
    pub versions: Vec<queries::RulesVersion>,
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
    let programmes = queries::current(&state.db).await?;
    Ok(RulesPage {
        document: rules::programmes_to_json(&programmes),
        versions: queries::versions(&state.db).await?,
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
            queries::save(&state.db, &form.document, user.id, now()).await?;
            // "Funding eligible" in the search depends on the rules.
            state.search.rebuild_all();
            Ok(
                Redirect::to(&format!("{}?notice=notice-saved", urls::funding_rules()))
                    .into_response(),
            )
        }
        Err(problems) => {
            let page = RulesPage {
                versions: queries::versions(&state.db).await?,
                document: form.document,
                c,
                problems,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
