//! The provider's side of the catalog: their offerings, the form to publish
//! or edit one, withdrawing, and the bulk import with errors row by row.

use crate::web::Path;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    domain::{Format, MAX_COMPETENCES, OfferingInput},
    import::COLUMNS,
    publishing::{self, competence_lookup, own_offering, provider_scope},
    queries::{self, OfferingRow},
};
use crate::{
    competences::{domain::Level, queries::CompetenceRow},
    error::AppResult,
    ids::{OfferingId, OrganizationId},
    kernel::days::format_date,
    networks::queries::OrgRow,
    state::AppState,
    web::{Ctx, forms::FieldErrors, urls},
};

#[derive(Template, WebTemplate)]
#[template(path = "catalog/provider.html")]
pub struct ProviderPage {
    pub c: Ctx,
    pub org: OrgRow,
    pub offerings: Vec<OfferingRow>,
}

impl ProviderPage {}

pub async fn list(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
) -> AppResult<ProviderPage> {
    let (org, _) = provider_scope(&state, c.require_user()?, id).await?;
    let offerings = queries::of_provider(&state.db, id).await?;
    Ok(ProviderPage { c, org, offerings })
}

/// The form as posted: the offering's fields plus up to
/// [`MAX_COMPETENCES`] competence/level pairs.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OfferingForm {
    #[serde(flatten)]
    pub input: OfferingInput,
    #[serde(flatten)]
    pub pairs: std::collections::HashMap<String, String>,
}

impl OfferingForm {
    fn into_input(self) -> OfferingInput {
        let mut input = self.input;
        input.competences = (1..=MAX_COMPETENCES)
            .map(|n| {
                (
                    self.pairs
                        .get(&format!("competence_{n}"))
                        .cloned()
                        .unwrap_or_default(),
                    self.pairs
                        .get(&format!("level_{n}"))
                        .cloned()
                        .unwrap_or_default(),
                )
            })
            .filter(|(c, _)| !c.is_empty())
            .collect();
        input
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "catalog/form.html")]
pub struct FormPage {
    pub c: Ctx,
    pub org: OrgRow,
    pub editing: Option<OfferingId>,
    pub input: OfferingInput,
    pub competences: Vec<CompetenceRow>,
    pub errors: FieldErrors,
}

impl FormPage {
    fn action(&self) -> String {
        match &self.editing {
            Some(o) => urls::edit_offering(&self.org.id, o),
            None => urls::new_offering(&self.org.id),
        }
    }
    fn formats(&self) -> &'static [Format] {
        Format::ALL
    }
    fn flags(&self, names: &[&'static str]) -> Vec<(&'static str, String, bool)> {
        let i = &self.input;
        names
            .iter()
            .map(|&n| {
                let v = i.field(n).unwrap_or_default();
                (n, format!("label-offering-{n}"), self.checked(v))
            })
            .collect()
    }
    fn slots(&self) -> Vec<(usize, String, String)> {
        (1..=4.max(self.input.competences.len() + 1).min(MAX_COMPETENCES))
            .map(|n| {
                let (c, l) = self
                    .input
                    .competences
                    .get(n - 1)
                    .cloned()
                    .unwrap_or_default();
                (n, c, l)
            })
            .collect()
    }
    fn levels(&self) -> [Level; 4] {
        [1, 2, 3, 4].map(|l| Level::new(l).unwrap_or(Level::MAX))
    }
    fn checked(&self, v: &str) -> bool {
        super::domain::parse_flag(v).unwrap_or(false)
    }
    fn is_code(&self, selected: &str, c: &CompetenceRow) -> bool {
        selected == c.code || selected == c.id.0.to_string()
    }
}

fn input_of(o: &OfferingRow, competences: &[(String, String)]) -> OfferingInput {
    let yes = |b: bool| if b { "ja" } else { "nein" }.to_owned();
    OfferingInput {
        external_id: o.external_id.clone(),
        title: o.title.clone(),
        description: o.description.clone(),
        competences: competences.to_vec(),
        format: o.format.as_str().to_owned(),
        start_date: o.start_day.map(format_date).unwrap_or_default(),
        end_date: o.end_day.map(format_date).unwrap_or_default(),
        schedule: o.schedule.clone(),
        hours_total: o.hours_total.to_string(),
        hours_per_week: o.hours_per_week.map(|h| h.to_string()).unwrap_or_default(),
        part_time: yes(o.part_time),
        evenings: yes(o.evenings),
        weekends: yes(o.weekends),
        street: o.street.clone(),
        postal_code: o.postal_code.clone(),
        city: o.city.clone(),
        language: o.language.clone(),
        price_eur: format!("{:.2}", o.price_cents as f64 / 100.0).replace('.', ","),
        certificate: o.certificate.clone(),
        azav: yes(o.azav),
        step_free: yes(o.step_free),
        childcare: yes(o.childcare),
        plain_language: yes(o.plain_language),
        min_participants: o.min_participants.to_string(),
        max_participants: o.max_participants.to_string(),
        url: o.url.clone(),
    }
}

pub async fn new_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
) -> AppResult<FormPage> {
    let (org, networks) = provider_scope(&state, c.require_user()?, id).await?;
    let (_, competences) = competence_lookup(&state, &networks).await?;
    let input = OfferingInput {
        format: "on_site".into(),
        street: org.street.clone(),
        postal_code: org.postal_code.clone(),
        city: org.city.clone(),
        language: "de".into(),
        min_participants: "6".into(),
        max_participants: "12".into(),
        ..Default::default()
    };
    Ok(FormPage {
        c,
        org,
        editing: None,
        input,
        competences,
        errors: FieldErrors::new(),
    })
}

async fn save(
    state: AppState,
    c: Ctx,
    id: OrganizationId,
    editing: Option<OfferingId>,
    form: OfferingForm,
) -> AppResult<Response> {
    let input = form.into_input();
    let user = c.require_user()?;
    match publishing::publish(&state, user, id, editing, &input).await? {
        Ok(_) => Ok(Redirect::to(&format!(
            "{}?notice=notice-saved",
            urls::provider_offerings(&id)
        ))
        .into_response()),
        Err(errors) => {
            let (org, networks) = provider_scope(&state, user, id).await?;
            let (_, competences) = competence_lookup(&state, &networks).await?;
            Ok(form_error(c, org, editing, input, competences, errors))
        }
    }
}

fn form_error(
    c: Ctx,
    org: OrgRow,
    editing: Option<OfferingId>,
    input: OfferingInput,
    competences: Vec<CompetenceRow>,
    errors: FieldErrors,
) -> Response {
    let page = FormPage {
        c,
        org,
        editing,
        input,
        competences,
        errors,
    };
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

pub async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
    Form(form): Form<OfferingForm>,
) -> AppResult<Response> {
    save(state, c, id, None, form).await
}

pub async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, offering)): Path<(OrganizationId, OfferingId)>,
) -> AppResult<FormPage> {
    let (org, networks) = provider_scope(&state, c.require_user()?, id).await?;
    let o = own_offering(&state, id, offering).await?;
    let (_, competences) = competence_lookup(&state, &networks).await?;
    let pairs: Vec<(String, String)> = queries::competences_of(&state.db, &[offering])
        .await?
        .into_iter()
        .map(|r| {
            let code = competences
                .iter()
                .find(|c| c.id == r.competence_id)
                .map(|c| c.code.clone())
                .unwrap_or_else(|| r.competence_id.to_string());
            (code, r.level.to_string())
        })
        .collect();
    Ok(FormPage {
        input: input_of(&o, &pairs),
        c,
        org,
        editing: Some(offering),
        competences,
        errors: FieldErrors::new(),
    })
}

pub async fn update(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, offering)): Path<(OrganizationId, OfferingId)>,
    Form(form): Form<OfferingForm>,
) -> AppResult<Response> {
    save(state, c, id, Some(offering), form).await
}

pub async fn withdraw(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, offering)): Path<(OrganizationId, OfferingId)>,
) -> AppResult<Response> {
    publishing::toggle_withdrawn(&state, c.require_user()?, id, offering).await?;
    Ok(Redirect::to(&format!(
        "{}?notice=notice-saved",
        urls::provider_offerings(&id)
    ))
    .into_response())
}

/// An empty CSV with our columns and one example row.
pub async fn template() -> Response {
    let mut w = csv::Writer::from_writer(Vec::new());
    let example = [
        "TN-SPS-01",
        "SPS-Programmierung Grundkurs",
        "Sie lernen, eine Steuerung nach IEC 61131-3 zu programmieren.",
        "automation_plc_programming_iec61131:2",
        "on_site",
        "2027-03-01",
        "2027-03-26",
        "Di und Do 17:30–20:45 Uhr",
        "40",
        "6,5",
        "ja",
        "ja",
        "nein",
        "Bochumer Straße 12",
        "99734",
        "Nordhausen",
        "de",
        "490,00",
        "Teilnahmebescheinigung",
        "nein",
        "ja",
        "nein",
        "nein",
        "6",
        "12",
        "",
    ];
    let body = w
        .write_record(COLUMNS)
        .and_then(|_| w.write_record(example))
        .ok()
        .and_then(|_| w.into_inner().ok())
        .unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"angebote-vorlage.csv\"",
            ),
        ],
        body,
    )
        .into_response()
}
