//! Campaign screens: create and edit (coordinators for the network, a
//! company's admins and members for their company), the campaign page with
//! its phases and ideas, the moderation queue, the jury and the results.

use crate::web::Path;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    access::Access,
    domain::{self, CampaignForm, IdeaState, NRW_CHALLENGES, jury_ranking},
    moderation,
    queries::{self, CampaignRow, CategoryRow, IdeaRow, Queue},
    rules::{Action, Phase, Stage},
};
use crate::{
    auth::domain::{CurrentUser, NetworkRole, OrgRole},
    db::now,
    error::{AppError, AppResult},
    ids::{IdeaCampaignId, IdeaId, OrganizationId, UserId},
    kernel::days::format_date,
    networks::{
        load_network,
        queries::{self as nq, NetworkRow},
    },
    state::AppState,
    web::{Ctx, forms::FieldErrors, urls},
};

/// Companies of the network this person may run a campaign for.
async fn my_companies(
    state: &AppState,
    user: &CurrentUser,
    network: &NetworkRow,
) -> AppResult<Vec<nq::OrgRow>> {
    let mut out = Vec::new();
    for (org, role) in &user.org_roles {
        if !matches!(role, OrgRole::Admin | OrgRole::Member) {
            continue;
        }
        if nq::approved_networks_of_org(&state.db, *org)
            .await?
            .contains(&network.id)
            && let Some(row) = nq::org_by_id(&state.db, *org).await?
        {
            out.push(row);
        }
    }
    Ok(out)
}

/// Whether `user` may start a campaign in `network`: as its coordinator
/// (or a platform administrator) for the network, or as an admin or member
/// of a company that is a partner of it, for that company. The form and
/// every link to it ask this one question.
pub async fn may_create(
    state: &AppState,
    user: &CurrentUser,
    network: &NetworkRow,
) -> AppResult<bool> {
    Ok(coordinates(user, network) || !my_companies(state, user, network).await?.is_empty())
}

fn coordinates(user: &CurrentUser, network: &NetworkRow) -> bool {
    user.is_admin || user.has_network_role(network.id, NetworkRole::Coordinator)
}

#[derive(Template, WebTemplate)]
#[template(path = "ideas/campaign_form.html")]
pub struct CampaignFormPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub editing: Option<IdeaCampaignId>,
    pub form: CampaignForm,
    pub errors: FieldErrors,
    pub network_allowed: bool,
    pub companies: Vec<nq::OrgRow>,
    pub contacts: Vec<(UserId, String)>,
}

impl CampaignFormPage {
    fn phases(&self) -> &'static [Phase] {
        Phase::ALL
    }
    fn phase_key(&self, p: &Phase) -> &'static str {
        super::access::stage_key(Stage::In(*p))
    }
    fn field(&self, p: &Phase, end: bool) -> &'static str {
        domain::phase_field(*p, end)
    }
    fn value(&self, p: &Phase, end: bool) -> &str {
        self.form.date(*p, end)
    }
    fn action(&self) -> String {
        match &self.editing {
            Some(id) => urls::edit_campaign(id),
            None => urls::new_campaign(&self.network.slug),
        }
    }
}

struct FormChoices {
    network_allowed: bool,
    companies: Vec<nq::OrgRow>,
    contacts: Vec<(UserId, String)>,
}

async fn choices(
    state: &AppState,
    user: &CurrentUser,
    network: &NetworkRow,
    org: Option<OrganizationId>,
) -> AppResult<FormChoices> {
    let network_allowed = coordinates(user, network);
    let companies = my_companies(state, user, network).await?;
    if !network_allowed && companies.is_empty() {
        return Err(AppError::Forbidden);
    }
    // Contacts: the network's people, and those of every company offered.
    let mut contacts = queries::contact_people(&state.db, network.id, org).await?;
    for co in &companies {
        contacts.extend(queries::contact_people(&state.db, network.id, Some(co.id)).await?);
    }
    contacts.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    contacts.dedup();
    Ok(FormChoices {
        network_allowed,
        companies,
        contacts,
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
) -> AppResult<CampaignFormPage> {
    let network = load_network(&state.db, &slug).await?;
    let user = c.require_user()?.clone();
    let ch = choices(&state, &user, &network, None).await?;
    let today = crate::kernel::days::day_of(now());
    let mut form = CampaignForm {
        kind: "competition".into(),
        categories: NRW_CHALLENGES.join("\n"),
        criteria: "Nutzen für die Beschäftigten\nUmsetzbarkeit\nÜbertragbarkeit".into(),
        moderators_see_authors: true,
        contact: user.id.to_string(),
        ..CampaignForm::default()
    };
    // A sensible default schedule: four weeks of submissions, then two of
    // discussion; the rest is added when needed.
    for (phase, from, to) in [(Phase::Submission, 0, 27), (Phase::Discussion, 28, 41)] {
        form.dates.insert(
            domain::phase_field(phase, false).into(),
            format_date(today + from),
        );
        form.dates.insert(
            domain::phase_field(phase, true).into(),
            format_date(today + to),
        );
    }
    Ok(CampaignFormPage {
        c,
        network,
        editing: None,
        form,
        errors: FieldErrors::new(),
        network_allowed: ch.network_allowed,
        companies: ch.companies,
        contacts: ch.contacts,
    })
}

async fn save(
    state: &AppState,
    c: Ctx,
    network: NetworkRow,
    editing: Option<&CampaignRow>,
    pairs: Vec<(String, String)>,
) -> AppResult<Response> {
    let user = c.require_user()?.clone();
    let mut form = CampaignForm::from_pairs(pairs);
    if let Some(existing) = editing {
        // Who runs a campaign does not change after it started.
        form.org = existing.org_id.map(|o| o.to_string()).unwrap_or_default();
    }
    let ch = choices(state, &user, &network, editing.and_then(|e| e.org_id)).await?;
    let orgs: Vec<OrganizationId> = match editing {
        Some(e) => e.org_id.into_iter().collect(),
        None => ch.companies.iter().map(|o| o.id).collect(),
    };
    let network_allowed = match editing {
        Some(e) => e.org_id.is_none(),
        None => ch.network_allowed,
    };
    let contact_ids: Vec<UserId> = ch.contacts.iter().map(|(u, _)| *u).collect();
    let parsed = domain::parse_campaign(&form, &orgs, network_allowed, &contact_ids);
    let jury = match &parsed {
        Ok(p) => {
            let found = queries::users_by_email(&state.db, &p.jury).await?;
            if found.len() < p.jury.len() {
                Err(FieldErrors::single("jury", "ideas-jury-unknown"))
            } else {
                Ok(found.into_iter().map(|(_, u)| u).collect::<Vec<_>>())
            }
        }
        Err(_) => Ok(Vec::new()),
    };
    match (parsed, jury) {
        (Ok(p), Ok(jury)) => {
            let id = queries::save_campaign(
                &state.db,
                network.id,
                editing.map(|e| e.id),
                &p,
                &jury,
                user.id,
                now(),
            )
            .await?;
            Ok(
                Redirect::to(&format!("{}?notice=notice-saved", urls::campaign(&id)))
                    .into_response(),
            )
        }
        (Err(errors), _) | (Ok(_), Err(errors)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            CampaignFormPage {
                c,
                network,
                editing: editing.map(|e| e.id),
                form,
                errors,
                network_allowed: ch.network_allowed,
                companies: ch.companies,
                contacts: ch.contacts,
            },
        )
            .into_response()),
    }
}

pub async fn create(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    save(&state, c, network, None, pairs).await
}

async fn moderated(state: &AppState, c: &Ctx, id: IdeaCampaignId) -> AppResult<Access> {
    let a = Access::load(state, c.user.as_ref(), id).await?;
    a.check(Action::Moderate)?;
    Ok(a)
}

pub async fn edit_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaCampaignId>,
) -> AppResult<CampaignFormPage> {
    let a = moderated(&state, &c, id).await?;
    let user = c.require_user()?.clone();
    let ch = choices(&state, &user, &a.network, a.campaign.org_id).await?;
    let p = domain::NewCampaign {
        title: a.campaign.title.clone(),
        description: a.campaign.description.clone(),
        kind: a.campaign.kind,
        org: a.campaign.org_id,
        contact: a.campaign.contact_user_id,
        moderators_see_authors: a.campaign.moderators_see_authors,
        categories: queries::categories(&state.db, id)
            .await?
            .into_iter()
            .map(|c| c.name)
            .collect(),
        criteria: queries::criteria(&state.db, id)
            .await?
            .into_iter()
            .map(|c| c.1)
            .collect(),
        jury: queries::jury(&state.db, id)
            .await?
            .into_iter()
            .map(|j| j.1)
            .collect(),
        schedule: a.schedule.clone().ok_or(AppError::NotFound)?,
    };
    Ok(CampaignFormPage {
        c,
        form: CampaignForm::of(&p),
        network: a.network,
        editing: Some(id),
        errors: FieldErrors::new(),
        network_allowed: a.campaign.org_id.is_none(),
        companies: ch.companies,
        contacts: ch.contacts,
    })
}

pub async fn update(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaCampaignId>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let a = moderated(&state, &c, id).await?;
    save(&state, c, a.network.clone(), Some(&a.campaign), pairs).await
}

pub struct IdeaCard {
    pub row: IdeaRow,
    pub author: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "ideas/campaign.html")]
pub struct CampaignPage {
    pub c: Ctx,
    pub a: Access,
    pub categories: Vec<CategoryRow>,
    pub ideas: Vec<IdeaCard>,
    pub own: Vec<IdeaRow>,
    pub results: Vec<(IdeaRow, String, usize)>,
    pub jury_size: usize,
}

impl CampaignPage {
    fn kind_key(&self) -> &'static str {
        if self.a.campaign.org_id.is_some() {
            "ideas-kind-company"
        } else if self.a.campaign.kind == domain::CampaignKind::Labs {
            "ideas-kind-labs"
        } else {
            "ideas-kind-competition"
        }
    }
    fn description_html(&self) -> String {
        crate::web::markdown::to_safe_html(&self.a.campaign.description)
    }
    fn phase_rows(&self) -> Vec<(&'static str, String, String, bool)> {
        self.a
            .schedule
            .iter()
            .flat_map(|s| s.phases())
            .map(|p| {
                (
                    super::access::stage_key(Stage::In(p.phase)),
                    format_date(p.starts),
                    format_date(p.ends),
                    self.a.stage == Stage::In(p.phase),
                )
            })
            .collect()
    }
    fn may(&self, action: &str) -> bool {
        let action = match action {
            "submit" => Action::Submit,
            "moderate" => Action::Moderate,
            "jury" => Action::JuryScore,
            "export" => Action::Export,
            "results" => Action::PublishResults,
            _ => return false,
        };
        self.a.can(action)
    }
    fn results_published(&self) -> bool {
        self.a.campaign.results_published_at.is_some()
    }
}

pub async fn show(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaCampaignId>,
) -> AppResult<CampaignPage> {
    let a = Access::load(&state, c.user.as_ref(), id).await?;
    let rows = queries::campaign_ideas(&state.db, id, false).await?;
    let own = match &c.user {
        Some(u) => queries::own_ideas(&state.db, id, u.id)
            .await?
            .into_iter()
            .filter(|i| i.state != IdeaState::Published)
            .collect(),
        None => Vec::new(),
    };
    let jury_size = queries::jury(&state.db, id).await?.len();
    let results = if a.campaign.results_published_at.is_some() || a.actor.moderator {
        ranked(&state, id, &rows).await?
    } else {
        Vec::new()
    };
    let ideas = rows
        .into_iter()
        .map(|row| IdeaCard {
            author: a.author_label(&row),
            row,
        })
        .collect();
    Ok(CampaignPage {
        categories: queries::categories(&state.db, id).await?,
        c,
        a,
        ideas,
        own,
        results,
        jury_size,
    })
}

/// Ideas by their mean jury total (mean over jurors of the sum over
/// criteria), with the number of jurors who scored them.
async fn ranked(
    state: &AppState,
    id: IdeaCampaignId,
    rows: &[IdeaRow],
) -> AppResult<Vec<(IdeaRow, String, usize)>> {
    let scores = queries::scores(&state.db, id).await?;
    Ok(jury_ranking(&scores)
        .into_iter()
        .filter_map(|(idea, mean, jurors)| {
            let row = rows.iter().find(|r| r.id == idea)?.clone();
            Some((row, format!("{mean:.1}").replace('.', ","), jurors))
        })
        .collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "ideas/moderation.html")]
pub struct ModerationPage {
    pub c: Ctx,
    pub a: Access,
    pub queue: Queue,
    pub errors: FieldErrors,
}

impl ModerationPage {
    fn author(&self, idea: &IdeaRow) -> String {
        self.a
            .author_label(idea)
            .unwrap_or_else(|| self.c.t("ideas-anonymous"))
    }
}

pub async fn moderation(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaCampaignId>,
) -> AppResult<ModerationPage> {
    let a = moderated(&state, &c, id).await?;
    Ok(ModerationPage {
        queue: queries::queue(&state.db, id).await?,
        c,
        a,
        errors: FieldErrors::new(),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "ideas/jury.html")]
pub struct JuryPage {
    pub c: Ctx,
    pub a: Access,
    pub ideas: Vec<IdeaRow>,
    pub criteria: Vec<(i64, String)>,
    /// (idea, criterion) → this juror's score.
    pub mine: Vec<(IdeaId, i64, i64)>,
    pub errors: FieldErrors,
}

impl JuryPage {
    fn score(&self, idea: &IdeaId, criterion: &i64) -> String {
        self.mine
            .iter()
            .find(|(i, k, _)| i == idea && k == criterion)
            .map(|(_, _, s)| s.to_string())
            .unwrap_or_default()
    }
    fn max(&self) -> i64 {
        domain::JURY_SCORE_MAX
    }
}

async fn jury_page(
    state: &AppState,
    c: Ctx,
    a: Access,
    errors: FieldErrors,
) -> AppResult<JuryPage> {
    let me = c.require_user()?.id;
    let mine = queries::scores(&state.db, a.campaign.id)
        .await?
        .into_iter()
        .filter(|s| s.2 == me)
        .map(|(i, k, _, s)| (i, k, s))
        .collect();
    Ok(JuryPage {
        ideas: queries::campaign_ideas(&state.db, a.campaign.id, false).await?,
        criteria: queries::criteria(&state.db, a.campaign.id).await?,
        mine,
        errors,
        c,
        a,
    })
}

pub async fn jury(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaCampaignId>,
) -> AppResult<JuryPage> {
    let a = Access::load(&state, c.user.as_ref(), id).await?;
    if !a.actor.jury {
        return Err(AppError::Forbidden);
    }
    jury_page(&state, c, a, FieldErrors::new()).await
}

/// Saves a juror's scores: fields `s-<idea>-<criterion>`, 0–10, empty
/// fields are left as they were.
pub async fn score(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaCampaignId>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let a = Access::load(&state, c.user.as_ref(), id).await?;
    a.check(Action::JuryScore)?;
    let me = c.require_user()?.id;
    let ideas: Vec<IdeaId> = queries::campaign_ideas(&state.db, id, false)
        .await?
        .iter()
        .map(|i| i.id)
        .collect();
    let criteria: Vec<i64> = queries::criteria(&state.db, id)
        .await?
        .iter()
        .map(|c| c.0)
        .collect();
    let mut scores = Vec::new();
    for (k, v) in &pairs {
        let Some(rest) = k.strip_prefix("s-") else {
            continue;
        };
        let Some((i, k)) = rest.split_once('-') else {
            continue;
        };
        let (Ok(idea), Ok(crit)) = (i.parse::<i64>(), k.parse::<i64>()) else {
            continue;
        };
        if !ideas.contains(&IdeaId(idea)) || !criteria.contains(&crit) || v.trim().is_empty() {
            continue;
        }
        match v.trim().parse::<i64>() {
            Ok(s) if (0..=domain::JURY_SCORE_MAX).contains(&s) => {
                scores.push((IdeaId(idea), crit, s))
            }
            _ => {
                let page = jury_page(
                    &state,
                    c,
                    a,
                    FieldErrors::single("scores", "ideas-score-invalid"),
                )
                .await?;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
            }
        }
    }
    for (idea, crit, s) in scores {
        queries::set_score(&state.db, idea, crit, me, s).await?;
    }
    Ok(Redirect::to(&format!("{}?notice=notice-saved", urls::jury(&id))).into_response())
}

/// Publishes the results (see [`moderation::publish_results`]).
pub async fn publish_results(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaCampaignId>,
) -> AppResult<Response> {
    let a = Access::load(&state, c.user.as_ref(), id).await?;
    moderation::publish_results(&state, &a, c.user.as_ref().map(|u| u.id)).await?;
    Ok(Redirect::to(&format!(
        "{}?notice=notice-saved#results",
        urls::campaign(&id)
    ))
    .into_response())
}

impl CampaignPage {
    fn state_key(&self, state: &IdeaState) -> &'static str {
        match state {
            IdeaState::Draft => "ideas-state-draft",
            IdeaState::Hidden => "ideas-state-hidden",
            IdeaState::Merged => "ideas-state-merged",
            IdeaState::Published => "ideas-state-published",
        }
    }
}
