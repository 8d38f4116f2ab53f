//! Demand pooling: the coordinator publishes candidate cohorts computed from
//! the open needs of the network's companies; providers answer a cohort with
//! one of their offerings; companies are told and opt in with seats. Every
//! figure shown covers at least k people from at least two companies.

use crate::web::Path;
use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    pooling::{self, Need, PoolParams},
    queries::cohorts::{self as store, AnswerRow, CohortRow},
    queries::{self as offerings, OfferingRow},
};
use crate::{
    auth::{
        domain::{CurrentUser, OrgRole},
        permissions::{Action, Resource, can},
    },
    competences::{
        analysis::{actual_by_person, targets_by_role},
        gaps,
        queries::CompetenceRow,
        queries::people as cstore,
    },
    db::{Db, now},
    error::{AppError, AppResult},
    ids::{NetworkId, OrganizationId},
    kernel::days::day_of,
    mail::Readers,
    networks::{
        load_network,
        queries::{self as nq, NetworkRow},
    },
    regions::district_name,
    state::AppState,
    web::{Ctx, forms::FieldErrors, urls},
};

/// The open needs of every assessed employee of the network's companies,
/// located at their company.
pub async fn open_needs(db: &Db, network: NetworkId) -> AppResult<Vec<Need>> {
    let people = cstore::regional_people(db, network).await?;
    let requirements = cstore::regional_requirements(db, network).await?;
    let assessments = cstore::regional_assessments(db, network).await?;
    let positions: HashMap<OrganizationId, (f64, f64)> = store::company_positions(db, network)
        .await?
        .into_iter()
        .map(|(o, lat, lon)| (o, (lat, lon)))
        .collect();
    let today = day_of(now());
    let targets = targets_by_role(
        requirements
            .iter()
            .filter_map(|r| Some((r.role_id, r.to_requirement()?))),
    );
    let actual = actual_by_person(
        assessments
            .iter()
            .filter_map(|a| Some((a.user_id, a.to_assessment()?))),
        today,
    );
    let mut needs = Vec::new();
    for p in &people {
        let (Some(role), Some(at)) = (p.role_id, positions.get(&p.org_id)) else {
            continue;
        };
        let (Some(t), Some(a)) = (targets.get(&role), actual.get(&p.user_id)) else {
            continue;
        };
        for g in gaps::person_gaps(t, a, today)
            .iter()
            .filter(|g| g.is_open())
        {
            needs.push(Need {
                company: p.org_id.0,
                person: p.user_id.0,
                competence: g.competence.0,
                from: g.actual.map(|l| l.value()).unwrap_or(0),
                to: g.target.value(),
                location: *at,
                district: p.district_ags.clone(),
            });
        }
    }
    Ok(needs)
}

struct Viewer {
    user: CurrentUser,
    coordinator: bool,
    orgs: Vec<(nq::OrgRow, OrgRole)>,
}

async fn viewer(state: &AppState, c: &Ctx, network: &NetworkRow) -> AppResult<Viewer> {
    let user = c.require_user()?.clone();
    let coordinator = can(
        Some(&user),
        Action::ViewNetworkAdmin,
        &Resource::Network(network.id),
    );
    let orgs = nq::orgs_of_user_in(&state.db, &user, network.id).await?;
    if !coordinator && orgs.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(Viewer {
        user,
        coordinator,
        orgs,
    })
}

pub struct CohortView {
    pub row: CohortRow,
    pub name: String,
    /// (label, people) per district as shown; empty when the breakdown
    /// would isolate fewer than k people (pooling rule 5).
    pub districts: Vec<(String, i64)>,
    pub answers: Vec<AnswerRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "catalog/pooling.html")]
pub struct PoolingPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub coordinator: bool,
    pub cohorts: Vec<CohortView>,
    /// Offerings the viewer may answer with (providers' admins).
    pub my_offerings: Vec<OfferingRow>,
    /// Companies the viewer may opt in for (companies' admins).
    pub my_companies: Vec<nq::OrgRow>,
    pub my_seats: Vec<(i64, i64)>,
    pub candidates: usize,
    pub errors: FieldErrors,
    pub failed: Option<i64>,
    pub k: u32,
}

impl PoolingPage {
    fn band_key(&self, band: &str) -> &'static str {
        if band == "basics" {
            "pooling-band-basics"
        } else {
            "pooling-band-advanced"
        }
    }
    fn errors_for(&self, id: &i64) -> FieldErrors {
        if self.failed == Some(*id) {
            self.errors.clone()
        } else {
            FieldErrors::new()
        }
    }
    fn seats(&self, answer: &i64) -> String {
        self.my_seats
            .iter()
            .find(|(a, _)| a == answer)
            .map(|(_, s)| s.to_string())
            .unwrap_or_default()
    }
}

/// The stored breakdown ("ags:n;…;:n"), folded again for today's k before
/// it is shown: cohorts published under an earlier rule or a smaller k may
/// hold parts that would now isolate fewer than k people.
fn district_parts(s: &str, k: usize, other: &str) -> Vec<(String, i64)> {
    let stored = s
        .split(';')
        .filter_map(|p| p.split_once(':'))
        .filter_map(|(ags, n)| Some((ags, n.parse::<usize>().ok()?)));
    pooling::fold_districts(stored, k)
        .into_iter()
        .map(|(ags, n)| {
            let name = if ags == pooling::OTHER_DISTRICTS {
                other.to_owned()
            } else {
                district_name(&ags)
            };
            (name, i64::try_from(n).unwrap_or(i64::MAX))
        })
        .collect()
}

fn pool_params(network: &NetworkRow) -> PoolParams {
    PoolParams {
        k: usize::try_from(network.min_group_size).unwrap_or(5),
        ..PoolParams::default()
    }
}

async fn pooling_page(
    state: &AppState,
    c: Ctx,
    network: NetworkRow,
    errors: FieldErrors,
    failed: Option<i64>,
) -> AppResult<PoolingPage> {
    let v = viewer(state, &c, &network).await?;
    let db = &state.db;
    let rows = store::cohorts(db, network.id).await?;
    let answers = store::answers(db, network.id).await?;
    let competences: Vec<CompetenceRow> =
        crate::competences::queries::competences(db, network.id).await?;
    let other = c.t("pooling-other-districts");
    let k = pool_params(&network).k;
    let cohorts = rows
        .into_iter()
        .map(|row| CohortView {
            name: competences
                .iter()
                .find(|x| x.id == row.competence_id)
                .map(|x| x.name(c.lang).to_owned())
                .unwrap_or_default(),
            districts: district_parts(&row.districts, k, &other),
            answers: answers
                .iter()
                .filter(|a| a.cohort_id == row.id)
                .cloned()
                .collect(),
            row,
        })
        .collect();
    let mut my_offerings = Vec::new();
    let mut my_companies = Vec::new();
    let mut my_seats = Vec::new();
    for (org, role) in &v.orgs {
        if *role != OrgRole::Admin {
            continue;
        }
        if org.kind.publishes_offerings() {
            my_offerings.extend(
                offerings::of_provider(db, org.id)
                    .await?
                    .into_iter()
                    .filter(|o| o.is_published()),
            );
        } else {
            my_seats.extend(store::seats_of(db, org.id).await?);
            my_companies.push(org.clone());
        }
    }
    let candidates = if v.coordinator {
        pooling::pool(&open_needs(db, network.id).await?, &pool_params(&network)).len()
    } else {
        0
    };
    Ok(PoolingPage {
        k: u32::try_from(network.min_group_size).unwrap_or(5),
        coordinator: v.coordinator,
        c,
        network,
        cohorts,
        my_offerings,
        my_companies,
        my_seats,
        candidates,
        errors,
        failed,
    })
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
) -> AppResult<PoolingPage> {
    let network = load_network(&state.db, &slug).await?;
    pooling_page(&state, c, network, FieldErrors::new(), None).await
}

/// The coordinator publishes the cohorts the open needs give today.
pub async fn publish(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    let user = c.require_user()?;
    if !can(
        Some(user),
        Action::ManageNetwork,
        &Resource::Network(network.id),
    ) {
        return Err(AppError::Forbidden);
    }
    let cohorts = pooling::pool(
        &open_needs(&state.db, network.id).await?,
        &pool_params(&network),
    );
    store::publish(&state.db, network.id, &cohorts, user.id, now()).await?;
    Ok(Redirect::to(&format!(
        "{}?notice=notice-saved",
        urls::pooling(&network.slug)
    ))
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct AnswerForm {
    #[serde(default)]
    pub offering: String,
    #[serde(default)]
    pub message: String,
}

/// A provider answers a cohort with one of its offerings; the companies
/// with at least k people in the cohort and the coordination office are told.
pub async fn answer(
    State(state): State<AppState>,
    c: Ctx,
    Path((slug, cohort)): Path<(String, i64)>,
    Form(form): Form<AnswerForm>,
) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    let v = viewer(&state, &c, &network).await?;
    let cohort = store::cohort(&state.db, network.id, cohort)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    let offering = match form.offering.parse::<i64>() {
        Ok(id) => offerings::offering(&state.db, crate::ids::OfferingId(id)).await?,
        Err(_) => None,
    };
    // Only an admin of the offering's provider may answer with it.
    let offering = offering.filter(|o| {
        o.is_published()
            && v.orgs
                .iter()
                .any(|(org, role)| org.id == o.provider_id && *role == OrgRole::Admin)
    });
    let message = errors.check(
        "message",
        crate::web::forms::optional_text(&form.message, 2000),
    );
    if offering.is_none() {
        if v.orgs
            .iter()
            .all(|(org, role)| *role != OrgRole::Admin || !org.kind.publishes_offerings())
        {
            return Err(AppError::Forbidden);
        }
        errors.add("offering", "choice-invalid");
    }
    let (Some(offering), Some(message), true) = (offering, message, errors.is_empty()) else {
        let page = pooling_page(&state, c, network, errors, Some(cohort.id)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let Some(_) = store::add_answer(
        &state.db,
        cohort.id,
        offering.id,
        &message,
        v.user.id,
        now(),
    )
    .await?
    else {
        let page = pooling_page(
            &state,
            c,
            network,
            FieldErrors::single("offering", "pooling-already-answered"),
            Some(cohort.id),
        )
        .await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    };
    let k = network.min_group_size;
    let link = format!(
        "{}{}",
        state.settings.base_url,
        urls::pooling(&network.slug)
    );
    let subject = format!("Angebot für einen gebündelten Bedarf: {}", offering.title);
    let body = format!(
        "{} bietet „{}“ für einen gebündelten Weiterbildungsbedarf im Verbund {} an ({} Personen aus {} Betrieben).\n\n{}\n\nSie können Ihren Betrieb mit der gewünschten Zahl an Plätzen anmelden:\n{}\n",
        offering.provider_name,
        offering.title,
        network.name,
        cohort.people,
        cohort.companies,
        message,
        link
    );
    for org in store::companies_to_notify(&state.db, cohort.id, k).await? {
        for to in store::admin_emails(&state.db, org).await? {
            state
                .mailer
                .send(
                    &state.db,
                    &to,
                    &subject,
                    &body,
                    Readers::Network(network.id),
                )
                .await?;
        }
    }
    if !network.contact_email.is_empty() {
        state
            .mailer
            .send(
                &state.db,
                &network.contact_email,
                &subject,
                &body,
                Readers::Network(network.id),
            )
            .await?;
    }
    Ok(Redirect::to(&format!(
        "{}?notice=notice-saved#cohort-{}",
        urls::pooling(&network.slug),
        cohort.id
    ))
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct OptInForm {
    #[serde(default)]
    pub org: String,
    #[serde(default)]
    pub seats: String,
}

/// A company's admin asks for seats in an answered cohort (0 withdraws).
pub async fn opt_in(
    State(state): State<AppState>,
    c: Ctx,
    Path((slug, answer)): Path<(String, i64)>,
    Form(form): Form<OptInForm>,
) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    let v = viewer(&state, &c, &network).await?;
    let answer = store::answer(&state.db, network.id, answer)
        .await?
        .ok_or(AppError::NotFound)?;
    let org = form
        .org
        .parse::<i64>()
        .ok()
        .and_then(|id| {
            v.orgs.iter().find(|(o, role)| {
                o.id.0 == id && *role == OrgRole::Admin && !o.kind.publishes_offerings()
            })
        })
        .map(|(o, _)| o.clone())
        .ok_or(AppError::Forbidden)?;
    let seats = form
        .seats
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|s| (0..=100).contains(s));
    let Some(seats) = seats else {
        let page = pooling_page(
            &state,
            c,
            network,
            FieldErrors::single("seats", "pooling-seats-invalid"),
            Some(answer.cohort_id),
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    store::opt_in(&state.db, answer.id, org.id, seats, v.user.id, now()).await?;
    let subject = format!("Anmeldung zu „{}“", answer.offering_title);
    let body = format!(
        "{} meldet {} Plätze für „{}“ an (gebündelter Bedarf im Verbund {}).\n",
        org.name, seats, answer.offering_title, network.name
    );
    for to in store::admin_emails(&state.db, answer.provider_id).await? {
        state
            .mailer
            .send(
                &state.db,
                &to,
                &subject,
                &body,
                Readers::Network(network.id),
            )
            .await?;
    }
    Ok(Redirect::to(&format!(
        "{}?notice=notice-saved#cohort-{}",
        urls::pooling(&network.slug),
        answer.cohort_id
    ))
    .into_response())
}
