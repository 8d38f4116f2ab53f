//! Recommendations for a person's gaps: loads the gaps, the situation the
//! person states in a small form (nothing of it is stored) and the candidate
//! offerings, then ranks them with [`super::ranking`].

use crate::web::Path;
use std::{collections::HashMap, sync::Arc};

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    indexer::Summary,
    queries::OfferingRow,
    ranking::{self, Candidate, GapNeed, Lang as RankLang, Person, Recommendation, Weights},
};
use crate::{
    auth::permissions::Action,
    competences::{
        profiles::{competences_for, person_gaps},
        queries::people,
    },
    db::now,
    error::{AppError, AppResult},
    funding::{facts::offering_facts, queries as funding_store, rules},
    ids::{CompetenceId, NetworkId, OrganizationId},
    networks::{
        authorize_user_org,
        queries::{self as nq, OrgRow},
    },
    regions::{data::UrbanRural, geocode, reference},
    state::AppState,
    web::{Ctx, forms::FieldErrors, i18n::Lang, urls},
};

/// What the person tells about their situation; every field optional.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Situation {
    #[serde(default)]
    pub part_time: Option<String>,
    #[serde(default)]
    pub shift_work: Option<String>,
    #[serde(default)]
    pub no_evenings: Option<String>,
    #[serde(default)]
    pub no_weekends: Option<String>,
    #[serde(default)]
    pub max_km: String,
    #[serde(default)]
    pub home_postal_code: String,
    #[serde(default)]
    pub age: String,
}

/// A representative head count per size class for the funding rules; large
/// companies stay unknown because the rules distinguish 250–499 from 500+.
fn employees_of(size_class: Option<&str>) -> Option<u32> {
    match size_class? {
        "micro" => Some(5),
        "small" => Some(30),
        "medium" => Some(150),
        _ => None,
    }
}

pub struct Shown {
    pub offering: OfferingRow,
    pub rec: Recommendation,
    pub line: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "catalog/recommend.html")]
pub struct RecommendPage {
    pub c: Ctx,
    pub org: OrgRow,
    pub situation: Situation,
    pub errors: FieldErrors,
    pub open_gaps: usize,
    pub shown: Vec<Shown>,
}

/// The company's view: offerings for its most pressing gaps, computed from
/// the k-protected priorities of the dashboard (never from one person).
#[derive(Template, WebTemplate)]
#[template(path = "catalog/company_recommend.html")]
pub struct CompanyRecommendPage {
    pub c: Ctx,
    pub org: OrgRow,
    pub open_gaps: usize,
    pub shown: Vec<Shown>,
}

/// How many of the company's priorities the recommendations look at.
const COMPANY_GAPS: usize = 8;

pub async fn company_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<OrganizationId>,
) -> AppResult<CompanyRecommendPage> {
    let user = c.require_user()?.clone();
    let (org, networks) =
        authorize_user_org(&state, &user, org_id, Action::ViewCompanyNeeds).await?;
    let d = crate::competences::company::dashboard(&state.db, org_id, &networks).await?;
    let requirements = people::requirements(&state.db, org_id).await?;
    // Individual levels stay private: the target is the highest level a role
    // asks for, the starting level unknown.
    let needs: Vec<GapNeed> = d
        .overview
        .priorities
        .iter()
        .take(COMPANY_GAPS)
        .filter_map(|p| {
            let target = requirements
                .iter()
                .filter(|r| r.competence_id == p.competence)
                .map(|r| r.level)
                .max()?;
            Some(GapNeed {
                competence: p.competence.0,
                actual: None,
                target: u8::try_from(target).ok()?,
                priority: p.score,
            })
        })
        .collect();
    let person = Person {
        home: None,
        work: Some((org.lat, org.lon)),
        rural: is_rural(&org),
        needs_part_time: false,
        evenings_ok: true,
        weekends_ok: true,
        shift_work: false,
        max_km: 50.0,
    };
    let shown = ranked(&state, &c, &org, &networks, &needs, &person, None).await?;
    Ok(CompanyRecommendPage {
        c,
        org,
        open_gaps: needs.len(),
        shown,
    })
}

fn is_rural(org: &OrgRow) -> bool {
    reference()
        .district(&org.district_ags)
        .and_then(|d| d.urban_rural)
        == Some(UrbanRural::PredominantlyRural)
}

impl RecommendPage {
    fn checked(&self, v: &Option<String>) -> bool {
        v.is_some()
    }
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org_id): Path<OrganizationId>,
    Query(situation): Query<Situation>,
) -> AppResult<Response> {
    let user = c.require_user()?.clone();
    let db = &state.db;
    let employee = people::employee(db, org_id, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let org = nq::org_by_id(db, org_id).await?.ok_or(AppError::NotFound)?;
    let networks = nq::approved_networks_of_org(db, org_id).await?;
    let requirements = people::requirements(db, org_id).await?;
    let history = people::assessments_of(db, org_id, user.id).await?;
    let gaps = person_gaps(&employee, &requirements, &history);
    let needs: Vec<GapNeed> = gaps
        .iter()
        .filter(|g| g.is_open())
        .map(|g| GapNeed {
            competence: g.competence.0,
            actual: g.actual.map(|l| l.value()),
            target: g.target.value(),
            priority: g.priority,
        })
        .collect();

    let mut errors = FieldErrors::new();
    let max_km = match situation.max_km.trim() {
        "" => 50.0,
        v => errors
            .check(
                "max_km",
                v.parse::<f64>()
                    .ok()
                    .filter(|k| (1.0..=500.0).contains(k))
                    .ok_or("recommend-km-invalid"),
            )
            .unwrap_or(50.0),
    };
    let home = match situation.home_postal_code.trim() {
        "" => None,
        code => errors
            .check("home_postal_code", geocode(code, ""))
            .map(|g| (g.lat, g.lon)),
    };
    let age = match situation.age.trim() {
        "" => None,
        v => errors.check(
            "age",
            v.parse::<u32>()
                .ok()
                .filter(|a| (14..=99).contains(a))
                .ok_or("funding-age-invalid"),
        ),
    };
    let rural = is_rural(&org);
    let person = Person {
        home,
        work: Some((org.lat, org.lon)),
        rural,
        needs_part_time: situation.part_time.is_some(),
        evenings_ok: situation.no_evenings.is_none(),
        weekends_ok: situation.no_weekends.is_none(),
        shift_work: situation.shift_work.is_some(),
        max_km,
    };

    let shown = ranked(&state, &c, &org, &networks, &needs, &person, age).await?;
    let status = errors.status();
    Ok((
        status,
        RecommendPage {
            c,
            org,
            situation,
            errors,
            open_gaps: needs.len(),
            shown,
        },
    )
        .into_response())
}

/// Ranks the offerings of the organisation's networks for `needs` as seen
/// from `person`, each with its one-line explanation.
async fn ranked(
    state: &AppState,
    c: &Ctx,
    org: &OrgRow,
    networks: &[NetworkId],
    needs: &[GapNeed],
    person: &Person,
    age: Option<u32>,
) -> AppResult<Vec<Shown>> {
    let db = &state.db;
    let competence_ids: Vec<CompetenceId> =
        needs.iter().map(|n| CompetenceId(n.competence)).collect();
    state.search.fresh(db).await?;
    let found = state.search.candidates(networks, &competence_ids);
    let programmes = funding_store::current(db).await?;
    let today = crate::kernel::days::day_of(now());
    let who = Applicant {
        age,
        company_employees: employees_of(org.size_class.as_deref()),
    };
    let recs = rank_with_funding(needs, person, &found, &programmes, who, today, 10);
    let (_, competences) = competences_for(db, networks).await?;
    let lang = c.lang;
    let names = |id: i64| -> String {
        competences
            .iter()
            .find(|c| c.id.0 == id)
            .map(|c| c.name(lang).to_owned())
            .unwrap_or_default()
    };
    let rank_lang = if lang == Lang::En {
        RankLang::En
    } else {
        RankLang::De
    };
    Ok(recs
        .into_iter()
        .filter_map(|rec| {
            let offering = found.iter().find(|s| s.row.id.0 == rec.id)?.row.clone();
            let line = ranking::explain(&rec, &names, rank_lang);
            Some(Shown {
                offering,
                rec,
                line,
            })
        })
        .collect())
}

/// What the funding rules are told about the person beside the offering.
#[derive(Debug, Clone, Copy, Default)]
pub struct Applicant {
    pub age: Option<u32>,
    pub company_employees: Option<u32>,
}

/// How many offerings, best first at full price, get their funding worked
/// out before the final ranking. Cost weighs a tenth of the score, so the
/// best ten after funding are among these.
pub const FUNDING_SHORTLIST: usize = 200;

/// Ranks `offerings` for `needs`: first at full price, then the shortlist
/// again with the net cost after the best programme each is eligible for.
/// Pure.
pub fn rank_with_funding(
    needs: &[GapNeed],
    person: &Person,
    offerings: &[Arc<Summary>],
    programmes: &[rules::Programme],
    who: Applicant,
    today: i64,
    limit: usize,
) -> Vec<Recommendation> {
    let candidate = |s: &Summary, net_cost_cents: i64, funding: Option<(String, u8)>| {
        let o = &s.row;
        Candidate {
            id: o.id.0,
            builds: s.builds.iter().map(|(c, l)| (c.0, *l, None)).collect(),
            format: o.format,
            location: o.lat.zip(o.lon),
            part_time: o.part_time,
            evenings: o.evenings,
            weekends: o.weekends,
            start_any_time: o.start_day.is_none(),
            price_cents: o.price_cents,
            net_cost_cents,
            funding,
        }
    };
    let weights = Weights::default();
    let full_price: Vec<Candidate> = offerings
        .iter()
        .map(|s| candidate(s, s.row.price_cents, None))
        .collect();
    let shortlist = ranking::recommend(
        needs,
        person,
        &full_price,
        &weights,
        FUNDING_SHORTLIST.max(limit),
    );
    let by_id: HashMap<i64, &Summary> = offerings.iter().map(|s| (s.row.id.0, &**s)).collect();
    let funded: Vec<Candidate> = shortlist
        .iter()
        .filter_map(|r| by_id.get(&r.id))
        .map(|s| {
            let o = &s.row;
            let mut facts = offering_facts(o, today);
            facts.age = who.age;
            facts.employed = Some(true);
            facts.unemployed_or_at_risk = Some(false);
            facts.company_employees = who.company_employees;
            facts.workplace_state = facts.course_state.clone();
            let best = rules::advise(programmes, &facts)
                .into_iter()
                .filter(|a| a.verdict == rules::Verdict::Eligible && a.course_cost_share_pct > 0.0)
                .min_by_key(|a| a.net_cost_cents);
            let funding = best.as_ref().and_then(|a| {
                let p = programmes.iter().find(|p| p.code == a.programme_code)?;
                Some((
                    p.legal_basis.clone(),
                    a.course_cost_share_pct.round().clamp(0.0, 100.0) as u8,
                ))
            });
            candidate(s, best.map_or(o.price_cents, |a| a.net_cost_cents), funding)
        })
        .collect();
    ranking::recommend(needs, person, &funded, &weights, limit)
}
