//! The company side: vision (roles, requirements, planned changes), the
//! aggregated needs of its people, and individual views only with consent.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    analysis::{self, ProtectedTable},
    anonymity::Rules,
    domain::{Importance, Level, Source, day_of, format_date, parse_date},
    framework::TECHNOLOGIES,
    gaps::{self, Gap},
    privacy,
    queries::{self as fw, AreaRow, CompetenceRow, LevelDescriptorRow},
    store::{self, AssessmentRow, ChangeRow, EmployeeRow, JobRoleRow, RequirementRow},
};
use crate::{
    auth::{
        domain::CurrentUser,
        permissions::{Action, Resource, can},
    },
    db::{Db, now},
    error::{AppError, AppResult},
    ids::{ChangeId, CompetenceId, JobRoleId, NetworkId, OrganizationId, UserId},
    networks::queries::{self as nq, OrgRow},
    state::AppState,
    web::{
        Ctx,
        forms::{FieldErrors, optional_text, required_text},
        urls,
    },
};

/// The organisation, the caller, and the networks whose frameworks apply.
pub(super) struct OrgScope {
    pub org: OrgRow,
    pub user: CurrentUser,
    pub networks: Vec<NetworkId>,
}

pub(super) async fn scope(
    state: &AppState,
    c: &Ctx,
    id: OrganizationId,
    action: Action,
) -> AppResult<OrgScope> {
    let (user, org, networks) = crate::networks::authorize_org(state, c, id, action).await?;
    Ok(OrgScope {
        org,
        user,
        networks,
    })
}

/// Competences of every network the organisation belongs to, in framework order.
pub(super) async fn competences_for(
    db: &Db,
    networks: &[NetworkId],
) -> AppResult<(Vec<AreaRow>, Vec<CompetenceRow>)> {
    let mut areas = Vec::new();
    let mut competences = Vec::new();
    for n in networks {
        areas.extend(fw::areas(db, *n).await?);
        competences.extend(fw::competences(db, *n).await?);
    }
    Ok((areas, competences))
}

/// The smallest group size of the organisation's networks (the strictest k).
pub(super) async fn group_size(db: &Db, networks: &[NetworkId]) -> AppResult<u32> {
    let mut k = 5u32;
    for n in networks {
        if let Some(net) = nq::network_by_id(db, *n).await? {
            k = k.max(u32::try_from(net.min_group_size).unwrap_or(5));
        }
    }
    Ok(k)
}

pub(super) fn today() -> i64 {
    day_of(now())
}

/// Gaps of one employee against their role.
pub(super) fn person_gaps(
    employee: &EmployeeRow,
    requirements: &[RequirementRow],
    assessments: &[AssessmentRow],
) -> Vec<Gap> {
    let Some(role) = employee.role_id else {
        return Vec::new();
    };
    let reqs: Vec<_> = requirements
        .iter()
        .filter(|r| r.role_id == role)
        .filter_map(RequirementRow::to_requirement)
        .collect();
    let own: Vec<_> = assessments
        .iter()
        .filter(|a| a.user_id == employee.user_id)
        .filter_map(AssessmentRow::to_assessment)
        .collect();
    gaps::person_gaps(
        &gaps::target_profile(&reqs),
        &gaps::actual_levels(&own, today()),
        today(),
    )
}

#[derive(Template, WebTemplate)]
#[template(path = "competences/needs.html")]
pub struct NeedsPage {
    pub c: Ctx,
    pub org: OrgRow,
    pub can_manage: bool,
    pub roles: Vec<JobRoleRow>,
    pub changes: Vec<ChangeRow>,
    pub employees: Vec<EmployeeRow>,
    pub competences: Vec<CompetenceRow>,
    pub heat: ProtectedTable,
    pub priorities: Vec<analysis::Priority>,
    pub k: u32,
    pub role_form: RoleForm,
    pub change_form: ChangeForm,
    pub errors: FieldErrors,
    pub me: UserId,
}

impl NeedsPage {
    fn competence(&self, id: &CompetenceId) -> Option<&CompetenceRow> {
        self.competences.iter().find(|c| c.id == *id)
    }
    fn competence_name(&self, id: &CompetenceId) -> String {
        self.competence(id)
            .map(|c| c.name(self.c.lang).to_owned())
            .unwrap_or_default()
    }
    fn technologies(&self) -> &'static [&'static str] {
        &TECHNOLOGIES
    }
    fn date(&self, d: &i64) -> String {
        format_date(*d)
    }
    fn role_name(&self, id: &Option<JobRoleId>) -> String {
        id.and_then(|id| self.roles.iter().find(|r| r.id == id))
            .map(|r| r.name.clone())
            .unwrap_or_default()
    }
    fn has_role(&self, e: &EmployeeRow, r: &JobRoleRow) -> bool {
        e.role_id == Some(r.id)
    }
    fn may_open(&self, e: &EmployeeRow) -> bool {
        e.user_id == self.me || e.share_with_employer || e.manager_may_assess
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub technology: String,
    #[serde(default)]
    pub target_date: String,
}

async fn needs_page(
    state: &AppState,
    c: Ctx,
    s: OrgScope,
    role_form: RoleForm,
    change_form: ChangeForm,
    errors: FieldErrors,
) -> AppResult<NeedsPage> {
    let db = &state.db;
    let id = s.org.id;
    let roles = store::roles(db, id).await?;
    let changes = store::changes(db, id).await?;
    let employees = store::employees(db, id).await?;
    let requirements = store::requirements(db, id).await?;
    let assessments = store::assessments_in(db, id).await?;
    let (_, competences) = competences_for(db, &s.networks).await?;
    let k = group_size(db, &s.networks).await?;
    let overview = analysis::company_overview(
        id,
        &roles.iter().map(|r| r.id).collect::<Vec<_>>(),
        &employees
            .iter()
            .map(|e| (e.user_id, e.role_id))
            .collect::<Vec<_>>(),
        &requirements
            .iter()
            .filter_map(|r| Some((r.role_id, r.to_requirement()?)))
            .collect::<Vec<_>>(),
        &assessments
            .iter()
            .filter_map(|a| Some((a.user_id, a.to_assessment()?)))
            .collect::<Vec<_>>(),
        &competences
            .iter()
            .map(|c| (c.id, c.sensitive))
            .collect::<Vec<_>>(),
        Rules::within_company(k),
        today(),
    );
    let (heat, priorities) = (overview.heat, overview.priorities);
    let can_manage = can(
        Some(&s.user),
        Action::ManageVision,
        &Resource::Organization {
            id,
            networks: &s.networks,
        },
    );
    Ok(NeedsPage {
        me: s.user.id,
        c,
        org: s.org,
        can_manage,
        roles,
        changes,
        employees,
        competences,
        heat,
        priorities,
        k,
        role_form,
        change_form,
        errors,
    })
}

pub async fn needs(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
) -> AppResult<NeedsPage> {
    let s = scope(&state, &c, id, Action::ViewCompanyNeeds).await?;
    needs_page(
        &state,
        c,
        s,
        RoleForm::default(),
        ChangeForm::default(),
        FieldErrors::new(),
    )
    .await
}

pub async fn create_role(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
    Form(form): Form<RoleForm>,
) -> AppResult<Response> {
    let s = scope(&state, &c, id, Action::ManageVision).await?;
    let mut errors = FieldErrors::new();
    let name = errors.check("name", required_text(&form.name, 100));
    let description = errors.check("description", optional_text(&form.description, 1000));
    let (Some(name), Some(description), true) = (name, description, errors.is_empty()) else {
        let page = needs_page(&state, c, s, form, ChangeForm::default(), errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    match store::create_role(&state.db, id, &name, &description, now()).await {
        Ok(role) => Ok(Redirect::to(&urls::job_role(&id, &role)).into_response()),
        Err(e) => {
            let err =
                crate::error::on_constraint(e, "job_roles_name_key", "name", "role-name-taken");
            match err {
                AppError::Validation(errors) => {
                    let page =
                        needs_page(&state, c, s, form, ChangeForm::default(), errors).await?;
                    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
                }
                e => Err(e),
            }
        }
    }
}

pub async fn create_change(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
    Form(form): Form<ChangeForm>,
) -> AppResult<Response> {
    let s = scope(&state, &c, id, Action::ManageVision).await?;
    let mut errors = FieldErrors::new();
    let title = errors.check("title", required_text(&form.title, 150));
    let reason = errors.check("reason", optional_text(&form.reason, 2000));
    let technology = errors.check(
        "technology",
        if form.technology.is_empty() || TECHNOLOGIES.contains(&form.technology.as_str()) {
            Ok(form.technology.clone())
        } else {
            Err("choice-invalid")
        },
    );
    let day = errors.check("target_date", parse_date(&form.target_date));
    if day.is_some_and(|d| d < today()) {
        errors.add("target_date", "date-in-past");
    }
    let (Some(title), Some(reason), Some(technology), Some(day), true) =
        (title, reason, technology, day, errors.is_empty())
    else {
        let page = needs_page(&state, c, s, RoleForm::default(), form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    store::create_change(&state.db, id, &title, &reason, &technology, day, now()).await?;
    Ok(Redirect::to(&format!(
        "{}?notice=notice-saved#changes",
        urls::company_needs(&id)
    ))
    .into_response())
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    pub role: String,
}

pub async fn assign_role(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, user)): Path<(OrganizationId, UserId)>,
    Form(form): Form<AssignForm>,
) -> AppResult<Response> {
    scope(&state, &c, id, Action::ManageVision).await?;
    store::employee(&state.db, id, user)
        .await?
        .ok_or(AppError::NotFound)?;
    let role = match form.role.as_str() {
        "" => None,
        r => {
            let rid: JobRoleId = r
                .parse()
                .map_err(|_| AppError::Validation(FieldErrors::single("role", "choice-invalid")))?;
            store::role(&state.db, id, rid)
                .await?
                .ok_or(AppError::Validation(FieldErrors::single(
                    "role",
                    "choice-invalid",
                )))?;
            Some(rid)
        }
    };
    store::assign_role(&state.db, id, user, role).await?;
    Ok(Redirect::to(&format!(
        "{}?notice=notice-saved#people",
        urls::company_needs(&id)
    ))
    .into_response())
}

// ---- A role and its requirements ----

#[derive(Template, WebTemplate)]
#[template(path = "competences/role.html")]
pub struct RolePage {
    pub c: Ctx,
    pub org: OrgRow,
    pub role: JobRoleRow,
    pub requirements: Vec<RequirementRow>,
    pub changes: Vec<ChangeRow>,
    pub areas: Vec<AreaRow>,
    pub competences: Vec<CompetenceRow>,
    pub levels: Vec<LevelDescriptorRow>,
    pub form: RequirementForm,
    pub errors: FieldErrors,
}

impl RolePage {
    fn competence_name(&self, id: &CompetenceId) -> String {
        self.competences
            .iter()
            .find(|c| c.id == *id)
            .map(|c| c.name(self.c.lang).to_owned())
            .unwrap_or_default()
    }
    fn in_area(&self, area: &AreaRow) -> Vec<&CompetenceRow> {
        self.competences
            .iter()
            .filter(|c| c.area_id == area.id && !c.retired)
            .collect()
    }
    fn change_title(&self, id: &Option<ChangeId>) -> String {
        id.and_then(|id| self.changes.iter().find(|c| c.id == id))
            .map(|c| format!("{} ({})", c.title, format_date(c.target_day)))
            .unwrap_or_default()
    }
    fn change_label(&self, ch: &ChangeRow) -> String {
        format!("{} ({})", ch.title, format_date(ch.target_day))
    }
    fn level_label(&self, level: &i64) -> String {
        let l = self.levels.iter().find(|l| l.level == *level);
        match (l, self.c.lang) {
            (Some(l), crate::web::i18n::Lang::En) => format!("{level} – {}", l.label_en),
            (Some(l), _) => format!("{level} – {}", l.label_de),
            (None, _) => level.to_string(),
        }
    }
    fn importance_key(&self, s: &str) -> &'static str {
        Importance::parse(s)
            .map(Importance::message_key)
            .unwrap_or("importance-medium")
    }
    fn importances(&self) -> &'static [Importance] {
        Importance::ALL
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RequirementForm {
    #[serde(default)]
    pub competence: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub importance: String,
    #[serde(default)]
    pub change: String,
}

async fn role_page(
    state: &AppState,
    c: Ctx,
    s: OrgScope,
    role: JobRoleRow,
    form: RequirementForm,
    errors: FieldErrors,
) -> AppResult<RolePage> {
    let db = &state.db;
    let requirements = store::requirements(db, s.org.id)
        .await?
        .into_iter()
        .filter(|r| r.role_id == role.id)
        .collect();
    let changes = store::changes(db, s.org.id).await?;
    let (areas, competences) = competences_for(db, &s.networks).await?;
    let mut levels = Vec::new();
    if let Some(n) = s.networks.first() {
        levels = fw::levels(db, *n).await?;
    }
    Ok(RolePage {
        c,
        org: s.org,
        role,
        requirements,
        changes,
        areas,
        competences,
        levels,
        form,
        errors,
    })
}

pub async fn role(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, role)): Path<(OrganizationId, JobRoleId)>,
) -> AppResult<RolePage> {
    let s = scope(&state, &c, id, Action::ManageVision).await?;
    let role = store::role(&state.db, id, role)
        .await?
        .ok_or(AppError::NotFound)?;
    role_page(
        &state,
        c,
        s,
        role,
        RequirementForm {
            level: "3".into(),
            importance: "medium".into(),
            ..Default::default()
        },
        FieldErrors::new(),
    )
    .await
}

pub async fn add_requirement(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, role)): Path<(OrganizationId, JobRoleId)>,
    Form(form): Form<RequirementForm>,
) -> AppResult<Response> {
    let s = scope(&state, &c, id, Action::ManageVision).await?;
    let role = store::role(&state.db, id, role)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, competences) = competences_for(&state.db, &s.networks).await?;
    let changes = store::changes(&state.db, id).await?;
    let mut errors = FieldErrors::new();
    let competence = errors.check(
        "competence",
        form.competence
            .parse::<i64>()
            .ok()
            .and_then(|v| competences.iter().find(|c| c.id.0 == v && !c.retired))
            .map(|c| c.id)
            .ok_or("choice-invalid"),
    );
    let level = errors.check("level", Level::parse(&form.level));
    let importance = errors.check(
        "importance",
        Importance::parse(&form.importance).ok_or("choice-invalid"),
    );
    let change = errors.check(
        "change",
        match form.change.as_str() {
            "" => Ok(None),
            v => v
                .parse::<i64>()
                .ok()
                .and_then(|v| changes.iter().find(|c| c.id.0 == v))
                .map(|c| Some(c.id))
                .ok_or("choice-invalid"),
        },
    );
    let (Some(competence), Some(level), Some(importance), Some(change), true) =
        (competence, level, importance, change, errors.is_empty())
    else {
        let page = role_page(&state, c, s, role, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    store::set_requirement(&state.db, role.id, competence, change, level, importance).await?;
    Ok(Redirect::to(&format!(
        "{}?notice=notice-saved",
        urls::job_role(&id, &role.id)
    ))
    .into_response())
}

pub async fn delete_requirement(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, role, req)): Path<(OrganizationId, JobRoleId, i64)>,
) -> AppResult<Response> {
    scope(&state, &c, id, Action::ManageVision).await?;
    let role = store::role(&state.db, id, role)
        .await?
        .ok_or(AppError::NotFound)?;
    if !store::delete_requirement(&state.db, role.id, req).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!(
        "{}?notice=notice-deleted",
        urls::job_role(&id, &role.id)
    ))
    .into_response())
}

// ---- One employee, with consent ----

#[derive(Template, WebTemplate)]
#[template(path = "competences/employee.html")]
pub struct EmployeePage {
    pub c: Ctx,
    pub org: OrgRow,
    pub employee: EmployeeRow,
    pub may_read: bool,
    pub may_assess: bool,
    pub gaps: Vec<Gap>,
    pub history: Vec<AssessmentRow>,
    pub competences: Vec<CompetenceRow>,
    pub errors: FieldErrors,
}

impl EmployeePage {
    fn competence_name(&self, id: &CompetenceId) -> String {
        self.competences
            .iter()
            .find(|c| c.id == *id)
            .map(|c| c.name(self.c.lang).to_owned())
            .unwrap_or_default()
    }
    fn level_text(&self, l: &Option<Level>) -> String {
        l.map(|l| l.to_string()).unwrap_or_else(|| "–".into())
    }
    fn date(&self, d: &i64) -> String {
        format_date(*d)
    }
    fn source_key(&self, s: &str) -> &'static str {
        Source::parse(s)
            .map(Source::message_key)
            .unwrap_or("source-self")
    }
}

async fn employee_page(
    state: &AppState,
    c: Ctx,
    s: OrgScope,
    user: UserId,
    errors: FieldErrors,
) -> AppResult<EmployeePage> {
    let db = &state.db;
    let employee = store::employee(db, s.org.id, user)
        .await?
        .ok_or(AppError::NotFound)?;
    let is_self = s.user.id == user;
    let role = s.user.org_role(s.org.id);
    let may_read = privacy::may_read_individual(is_self, role, employee.consent());
    let may_assess = privacy::may_assess(is_self, role, employee.consent());
    if !may_read && !may_assess {
        return Err(AppError::Forbidden);
    }
    let (_, competences) = competences_for(db, &s.networks).await?;
    let (gaps, history) = if may_read {
        let requirements = store::requirements(db, s.org.id).await?;
        let history = store::assessments_of(db, s.org.id, user).await?;
        let gaps = person_gaps(&employee, &requirements, &history);
        if !is_self {
            store::audit(db, user, s.user.id, s.org.id, "read-individual", "", now()).await?;
        }
        (gaps, history)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(EmployeePage {
        c,
        org: s.org,
        employee,
        may_read,
        may_assess,
        gaps,
        history,
        competences,
        errors,
    })
}

pub async fn employee(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, user)): Path<(OrganizationId, UserId)>,
) -> AppResult<EmployeePage> {
    let s = scope(&state, &c, id, Action::ViewCompanyNeeds).await?;
    employee_page(&state, c, s, user, FieldErrors::new()).await
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ManagerAssessmentForm {
    #[serde(default)]
    pub competence: String,
    #[serde(default)]
    pub level: String,
}

pub async fn manager_assessment(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, user)): Path<(OrganizationId, UserId)>,
    Form(form): Form<ManagerAssessmentForm>,
) -> AppResult<Response> {
    let s = scope(&state, &c, id, Action::ViewCompanyNeeds).await?;
    let employee = store::employee(&state.db, id, user)
        .await?
        .ok_or(AppError::NotFound)?;
    if !privacy::may_assess(s.user.id == user, s.user.org_role(id), employee.consent()) {
        return Err(AppError::Forbidden);
    }
    let (_, competences) = competences_for(&state.db, &s.networks).await?;
    let mut errors = FieldErrors::new();
    let competence = errors.check(
        "competence",
        form.competence
            .parse::<i64>()
            .ok()
            .and_then(|v| competences.iter().find(|c| c.id.0 == v))
            .map(|c| c.id)
            .ok_or("choice-invalid"),
    );
    let level = errors.check("level", Level::parse(&form.level));
    let (Some(competence), Some(level), true) = (competence, level, errors.is_empty()) else {
        let page = employee_page(&state, c, s, user, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let actor = s.user.id;
    store::record_assessment(
        &state.db,
        id,
        user,
        competence,
        level,
        Source::Manager,
        actor,
        today(),
        now(),
    )
    .await?;
    store::audit(
        &state.db,
        user,
        actor,
        id,
        "manager-assessment",
        &competence.to_string(),
        now(),
    )
    .await?;
    Ok(Redirect::to(&format!(
        "{}?notice=notice-saved",
        urls::company_employee(&id, &user)
    ))
    .into_response())
}
