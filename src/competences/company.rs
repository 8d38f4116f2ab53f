//! The company side: vision (roles, requirements, planned changes), the
//! aggregated needs of its people, and individual views only with consent.

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
    analysis::{self, ProtectedTable},
    assessments,
    domain::{Importance, Level, Source},
    framework::TECHNOLOGIES,
    gaps::Gap,
    privacy,
    profiles::competences_for,
    queries::people::{self, AssessmentRow, ChangeRow, EmployeeRow, JobRoleRow, RequirementRow},
    queries::{self as fw, AreaRow, CompetenceRow, LevelDescriptorRow},
    vision::{self, AssessmentForm, AssignmentForm, ChangeForm, RequirementForm, RoleForm},
};
use crate::{
    auth::{
        domain::CurrentUser,
        permissions::{Action, Resource, can},
    },
    db::{Db, now},
    disclosure::{self, Noise, Protection},
    error::{AppError, AppResult},
    ids::{ChangeId, CompetenceId, JobRoleId, NetworkId, OrganizationId, UserId},
    kernel::days::{format_date, today},
    networks::queries::{self as nq, OrgRow},
    state::AppState,
    web::{Ctx, forms::FieldErrors, urls},
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

/// The strictest protection of the organisation's networks: the largest k
/// and the largest noise range.
pub(super) async fn protection(db: &Db, networks: &[NetworkId]) -> AppResult<Protection> {
    let mut k = 5u32;
    let mut noise = Noise::DEFAULT_RANGE;
    for n in networks {
        if let Some(net) = nq::network_by_id(db, *n).await? {
            k = k.max(u32::try_from(net.min_group_size).unwrap_or(5));
            noise = noise.max(u8::try_from(net.noise_range).unwrap_or(Noise::DEFAULT_RANGE));
        }
    }
    Ok(Protection::within_company(k, noise))
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
    /// The viewer as the privacy rules see them in this company.
    pub viewer: privacy::Viewer,
    /// The page explaining how the figures are protected.
    pub explain_url: Option<String>,
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
    /// A link to someone's page only where their consent reaches the
    /// viewer, so plain members are not even shown who shares.
    fn may_open(&self, e: &EmployeeRow) -> bool {
        privacy::may_read_individual(self.viewer, &e.subject())
            || privacy::may_assess(self.viewer, &e.subject())
    }
    /// Who can be someone's manager: the company's admins and members.
    fn manager_choices(&self, e: &EmployeeRow) -> Vec<&EmployeeRow> {
        self.employees
            .iter()
            .filter(|m| m.may_manage_people() && m.user_id != e.user_id)
            .collect()
    }
    fn is_manager_of(&self, e: &EmployeeRow, m: &EmployeeRow) -> bool {
        e.manager_id == Some(m.user_id)
    }
    fn manager_not_covered(&self, e: &EmployeeRow) -> bool {
        privacy::manager_not_covered(&e.subject())
    }
}

/// Everything the company dashboard is computed from, and the result.
pub(crate) struct Dashboard {
    pub roles: Vec<JobRoleRow>,
    pub changes: Vec<ChangeRow>,
    pub employees: Vec<EmployeeRow>,
    pub competences: Vec<CompetenceRow>,
    pub overview: analysis::CompanyOverview,
    pub k: u32,
}

pub(crate) async fn dashboard(
    db: &Db,
    id: OrganizationId,
    networks: &[NetworkId],
) -> AppResult<Dashboard> {
    let roles = people::roles(db, id).await?;
    let changes = people::changes(db, id).await?;
    let employees = people::employees(db, id).await?;
    let requirements = people::requirements(db, id).await?;
    let assessments = people::assessments_in(db, id).await?;
    let (_, competences) = competences_for(db, networks).await?;
    let protection = protection(db, networks).await?;
    let keys = disclosure::queries::record_keys_in(db, id).await?;
    let shown_before = disclosure::queries::disclosed_groups(db, id).await?;
    let people: Vec<_> = employees.iter().map(|e| (e.user_id, e.role_id)).collect();
    let overview = analysis::company_overview(
        id,
        &roles.iter().map(|r| r.id).collect::<Vec<_>>(),
        &analysis::CompanyPeople {
            people: &people,
            keys: &keys,
            shown_before: &shown_before,
        },
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
        protection,
        today(),
    );
    // What is shown now must be remembered before anyone sees it, or a
    // second request could be judged against an older history.
    let fresh: Vec<_> = overview.new_groups.iter().map(|(c, m)| (*c, m)).collect();
    disclosure::queries::remember_groups(db, id, &fresh, now()).await?;
    let k = protection.k();
    Ok(Dashboard {
        roles,
        changes,
        employees,
        competences,
        overview,
        k,
    })
}

async fn needs_page(
    state: &AppState,
    c: Ctx,
    s: OrgScope,
    role_form: RoleForm,
    change_form: ChangeForm,
    errors: FieldErrors,
) -> AppResult<NeedsPage> {
    let id = s.org.id;
    let d = dashboard(&state.db, id, &s.networks).await?;
    let can_manage = can(
        Some(&s.user),
        Action::ManageVision,
        &Resource::Organization {
            id,
            networks: &s.networks,
        },
    );
    let explain_url = match s.networks.first() {
        Some(n) => nq::network_by_id(&state.db, *n)
            .await?
            .map(|n| urls::figure_protection(&n.slug)),
        None => None,
    };
    Ok(NeedsPage {
        explain_url,
        viewer: privacy::Viewer {
            id: s.user.id,
            role: s.user.org_role(id),
        },
        c,
        org: s.org,
        can_manage,
        roles: d.roles,
        changes: d.changes,
        employees: d.employees,
        competences: d.competences,
        heat: d.overview.heat,
        priorities: d.overview.priorities,
        k: d.k,
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
    match vision::create_role(&state.db, id, &form).await {
        Ok(role) => Ok(Redirect::to(&urls::job_role(&id, &role)).into_response()),
        Err(AppError::Validation(errors)) => {
            let page = needs_page(&state, c, s, form, ChangeForm::default(), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn create_change(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OrganizationId>,
    Form(form): Form<ChangeForm>,
) -> AppResult<Response> {
    let s = scope(&state, &c, id, Action::ManageVision).await?;
    match vision::create_change(&state.db, id, &form).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "{}?notice=notice-saved#changes",
            urls::company_needs(&id)
        ))
        .into_response()),
        Err(AppError::Validation(errors)) => {
            let page = needs_page(&state, c, s, RoleForm::default(), form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

/// A company admin sets a person's job role and manager (one form per row).
pub async fn assign_role(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, user)): Path<(OrganizationId, UserId)>,
    Form(form): Form<AssignmentForm>,
) -> AppResult<Response> {
    scope(&state, &c, id, Action::ManageVision).await?;
    vision::assign(&state.db, id, user, &form).await?;
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
    fn importance_key(&self, i: &Importance) -> &'static str {
        i.message_key()
    }
    fn importances(&self) -> &'static [Importance] {
        Importance::ALL
    }
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
    let requirements = people::requirements(db, s.org.id)
        .await?
        .into_iter()
        .filter(|r| r.role_id == role.id)
        .collect();
    let changes = people::changes(db, s.org.id).await?;
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
    let role = people::role(&state.db, id, role)
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
    let role = people::role(&state.db, id, role)
        .await?
        .ok_or(AppError::NotFound)?;
    match vision::set_requirement(&state.db, id, &s.networks, role.id, &form).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "{}?notice=notice-saved",
            urls::job_role(&id, &role.id)
        ))
        .into_response()),
        Err(AppError::Validation(errors)) => {
            let page = role_page(&state, c, s, role, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn delete_requirement(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, role, req)): Path<(OrganizationId, JobRoleId, i64)>,
) -> AppResult<Response> {
    scope(&state, &c, id, Action::ManageVision).await?;
    let role = people::role(&state.db, id, role)
        .await?
        .ok_or(AppError::NotFound)?;
    if !people::delete_requirement(&state.db, role.id, req).await? {
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
    fn source_key(&self, s: &Source) -> &'static str {
        s.message_key()
    }
}

async fn employee_page(
    state: &AppState,
    c: Ctx,
    s: OrgScope,
    user: UserId,
    errors: FieldErrors,
) -> AppResult<EmployeePage> {
    let view = vision::employee_view(&state.db, &s.user, s.org.id, user).await?;
    let (_, competences) = competences_for(&state.db, &s.networks).await?;
    Ok(EmployeePage {
        c,
        org: s.org,
        employee: view.employee,
        may_read: view.may_read,
        may_assess: view.may_assess,
        gaps: view.gaps,
        history: view.history,
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

pub async fn manager_assessment(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, user)): Path<(OrganizationId, UserId)>,
    Form(form): Form<AssessmentForm>,
) -> AppResult<Response> {
    let s = scope(&state, &c, id, Action::ViewCompanyNeeds).await?;
    match assessments::assess_employee(&state.db, &s.user, id, &s.networks, user, &form).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "{}?notice=notice-saved",
            urls::company_employee(&id, &user)
        ))
        .into_response()),
        Err(AppError::Validation(errors)) => {
            let page = employee_page(&state, c, s, user, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}
