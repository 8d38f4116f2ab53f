//! API of a company's vision, its protected needs, and assessments: the
//! same rules as the web pages (consent for individual data, k for every
//! aggregate, an audit entry for every individual read by someone else).

use crate::web::Path;
use axum::{
    Json,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Figures;
use crate::api::{
    ApiJson, ApiUser,
    schema::{BodyFields, Problem},
};
use crate::{
    auth::{domain::CurrentUser, permissions::Action},
    competences::{
        assessments,
        company::dashboard,
        domain::{Importance, Level, Source},
        gaps::{Due, Gap},
        privacy::Consent,
        queries::people::{self, AssessmentRow, ChangeRow, JobRoleRow, RequirementRow},
        vision::{self, AssessmentForm, ChangeForm, RequirementForm, RoleForm},
    },
    error::{AppError, AppResult},
    ids::{ChangeId, JobRoleId, OrganizationId, UserId},
    kernel::days::format_date,
    networks::{authorize_user_org, queries as nq},
    state::AppState,
};

#[derive(Serialize, ToSchema)]
pub struct Vision {
    pub roles: Vec<Role>,
    /// Planned changes (new technology, new processes) with their target dates.
    pub changes: Vec<Change>,
}

#[derive(Serialize, ToSchema)]
pub struct Role {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// People assigned to the role.
    pub people: i64,
    pub requirements: Vec<Requirement>,
}

#[derive(Serialize, ToSchema)]
pub struct Requirement {
    pub id: i64,
    pub competence_id: i64,
    #[schema(value_type = u8, minimum = 0, maximum = 4)]
    pub level: i64,
    pub importance: Importance,
    /// The planned change that brings the requirement; absent when it
    /// applies to the job as it is today.
    pub change_id: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct Change {
    pub id: i64,
    pub title: String,
    pub reason: String,
    /// Technology tag from the framework's vocabulary; empty when none.
    pub technology: String,
    /// YYYY-MM-DD
    pub target_date: String,
}

impl From<ChangeRow> for Change {
    fn from(c: ChangeRow) -> Self {
        Change {
            id: c.id.0,
            target_date: format_date(c.target_day),
            title: c.title,
            reason: c.reason,
            technology: c.technology,
        }
    }
}

fn role_json(r: JobRoleRow, requirements: &[RequirementRow]) -> Role {
    Role {
        requirements: requirements
            .iter()
            .filter(|q| q.role_id == r.id)
            .map(|q| Requirement {
                id: q.id,
                competence_id: q.competence_id.0,
                level: q.level,
                importance: q.importance,
                change_id: q.change_id.map(|c| c.0),
            })
            .collect(),
        id: r.id.0,
        name: r.name,
        description: r.description,
        people: r.people,
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRoleBody {
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name: String,
    #[serde(default)]
    pub description: String,
}

impl BodyFields for NewRoleBody {
    const FIELDS: &'static [&'static str] = &["name", "description"];
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewChangeBody {
    #[schema(min_length = 1, max_length = 150, pattern = "\\S")]
    pub title: String,
    #[serde(default)]
    pub reason: String,
    /// One of the framework's technology tags, e.g. "robotics".
    #[serde(default)]
    pub technology: String,
    /// YYYY-MM-DD, today or later.
    #[schema(format = Date)]
    pub target_date: String,
}

impl BodyFields for NewChangeBody {
    const FIELDS: &'static [&'static str] = &["title", "reason", "technology", "target_date"];
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequirementBody {
    /// A competence of the network's framework.
    #[schema(minimum = 1)]
    pub competence_id: i64,
    /// 0–4
    #[schema(minimum = 0, maximum = 4)]
    pub level: i64,
    pub importance: Importance,
    /// Absent for a requirement of the job as it is today.
    #[serde(default)]
    #[schema(minimum = 1)]
    pub change_id: Option<i64>,
}

impl BodyFields for RequirementBody {
    const FIELDS: &'static [&'static str] = &["competence_id", "level", "importance", "change_id"];
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentBody {
    /// A competence of the network's framework.
    #[schema(minimum = 1)]
    pub competence_id: i64,
    /// 0–4
    #[schema(minimum = 0, maximum = 4)]
    pub level: i64,
}

impl BodyFields for AssessmentBody {
    const FIELDS: &'static [&'static str] = &["competence_id", "level"];
}

impl From<&AssessmentBody> for AssessmentForm {
    fn from(b: &AssessmentBody) -> Self {
        AssessmentForm {
            competence: b.competence_id.to_string(),
            level: b.level.to_string(),
        }
    }
}

/// Consent reaches the company's HR admins (organisation role admin) and
/// the person's own manager, and nobody else in the company.
#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentBody {
    /// The HR admins and the named manager may see the individual answers.
    pub share_with_employer: bool,
    /// The HR admins and the named manager may add their own assessment.
    pub manager_may_assess: bool,
    /// The manager this consent names: the `manager_id` of the person's
    /// profile as it was shown to them. Absent or null: it names no
    /// manager, so no manager is reached. A manager set later is not
    /// reached until the person consents again naming them.
    #[serde(default)]
    #[schema(minimum = 1)]
    pub manager_id: Option<i64>,
}

impl BodyFields for ConsentBody {
    const FIELDS: &'static [&'static str] =
        &["share_with_employer", "manager_may_assess", "manager_id"];
}

impl From<Consent> for ConsentBody {
    fn from(c: Consent) -> Self {
        ConsentBody {
            share_with_employer: c.share_with_employer,
            manager_may_assess: c.manager_may_assess,
            manager_id: c.named_manager.map(|m| m.0),
        }
    }
}

async fn vision_json(state: &AppState, id: OrganizationId) -> AppResult<Vision> {
    let requirements = people::requirements(&state.db, id).await?;
    Ok(Vision {
        roles: people::roles(&state.db, id)
            .await?
            .into_iter()
            .map(|r| role_json(r, &requirements))
            .collect(),
        changes: people::changes(&state.db, id)
            .await?
            .into_iter()
            .map(Change::from)
            .collect(),
    })
}

async fn one_role(state: &AppState, id: OrganizationId, role: JobRoleId) -> AppResult<Role> {
    let row = people::role(&state.db, id, role)
        .await?
        .ok_or(AppError::NotFound)?;
    let requirements = people::requirements(&state.db, id).await?;
    Ok(role_json(row, &requirements))
}

/// A company's vision
#[utoipa::path(get, path = "/api/v1/organizations/{id}/vision", tag = "competences",
    params(("id" = i64, Path, description = "Organisation id")),
    security(("bearer" = [])),
    responses((status = 200, description = "Roles with their required levels, and planned changes", body = Vision),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 403, description = "Not an admin or member of this organisation", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such organisation", content_type = "application/problem+json", body = Problem)))]
pub async fn get_vision(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<OrganizationId>,
) -> AppResult<Json<Vision>> {
    authorize_user_org(&state, &user, id, Action::ViewCompanyNeeds).await?;
    Ok(Json(vision_json(&state, id).await?))
}

/// Add a role
#[utoipa::path(post, path = "/api/v1/organizations/{id}/roles", tag = "competences",
    params(("id" = i64, Path, description = "Organisation id")),
    request_body = NewRoleBody,
    security(("bearer" = [])),
    responses((status = 201, description = "Created", body = Role),
              (status = 400, description = "Body is not valid JSON of this shape", content_type = "application/problem+json", body = Problem),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 403, description = "Not an admin of this organisation", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such organisation", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "Invalid field values, or the name is taken", content_type = "application/problem+json", body = Problem)))]
pub async fn create_role(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<OrganizationId>,
    ApiJson(body): ApiJson<NewRoleBody>,
) -> AppResult<Response> {
    authorize_user_org(&state, &user, id, Action::ManageVision).await?;
    let form = RoleForm {
        name: body.name,
        description: body.description,
    };
    let role = vision::create_role(&state.db, id, &form).await?;
    Ok((StatusCode::CREATED, Json(one_role(&state, id, role).await?)).into_response())
}

/// Set a required level
///
/// Sets the level a role requires for a competence, now or from a planned
/// change; an earlier requirement for the same competence and change is
/// replaced.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/roles/{role}/requirements", tag = "competences",
    params(("id" = i64, Path, description = "Organisation id"), ("role" = i64, Path, description = "Role id")),
    request_body = RequirementBody,
    security(("bearer" = [])),
    responses((status = 200, description = "The role with its requirements", body = Role),
              (status = 400, description = "Body is not valid JSON of this shape", content_type = "application/problem+json", body = Problem),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 403, description = "Not an admin of this organisation", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such organisation or role", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "Unknown competence or change, or a level outside 0–4", content_type = "application/problem+json", body = Problem)))]
pub async fn set_requirement(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, role)): Path<(OrganizationId, JobRoleId)>,
    ApiJson(body): ApiJson<RequirementBody>,
) -> AppResult<Json<Role>> {
    let (_, networks) = authorize_user_org(&state, &user, id, Action::ManageVision).await?;
    people::role(&state.db, id, role)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = RequirementForm {
        competence: body.competence_id.to_string(),
        level: body.level.to_string(),
        importance: body.importance.as_str().to_owned(),
        change: body.change_id.map(|c| c.to_string()).unwrap_or_default(),
    };
    vision::set_requirement(&state.db, id, &networks, role, &form).await?;
    Ok(Json(one_role(&state, id, role).await?))
}

/// Remove a required level
#[utoipa::path(delete, path = "/api/v1/organizations/{id}/roles/{role}/requirements/{requirement}", tag = "competences",
    params(("id" = i64, Path, description = "Organisation id"), ("role" = i64, Path, description = "Role id"),
           ("requirement" = i64, Path, description = "Requirement id")),
    security(("bearer" = [])),
    responses((status = 204, description = "Removed"),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 403, description = "Not an admin of this organisation", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such organisation, role or requirement", content_type = "application/problem+json", body = Problem)))]
pub async fn delete_requirement(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, role, requirement)): Path<(OrganizationId, JobRoleId, i64)>,
) -> AppResult<StatusCode> {
    authorize_user_org(&state, &user, id, Action::ManageVision).await?;
    people::role(&state.db, id, role)
        .await?
        .ok_or(AppError::NotFound)?;
    if !people::delete_requirement(&state.db, role, requirement).await? {
        return Err(AppError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Add a planned change
#[utoipa::path(post, path = "/api/v1/organizations/{id}/changes", tag = "competences",
    params(("id" = i64, Path, description = "Organisation id")),
    request_body = NewChangeBody,
    security(("bearer" = [])),
    responses((status = 201, description = "Created", body = Change),
              (status = 400, description = "Body is not valid JSON of this shape", content_type = "application/problem+json", body = Problem),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 403, description = "Not an admin of this organisation", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such organisation", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "Invalid field values (e.g. a date in the past or an unknown technology)", content_type = "application/problem+json", body = Problem)))]
pub async fn create_change(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<OrganizationId>,
    ApiJson(body): ApiJson<NewChangeBody>,
) -> AppResult<Response> {
    authorize_user_org(&state, &user, id, Action::ManageVision).await?;
    let form = ChangeForm {
        title: body.title,
        reason: body.reason,
        technology: body.technology,
        target_date: body.target_date,
    };
    let change: ChangeId = vision::create_change(&state.db, id, &form).await?;
    let row = people::changes(&state.db, id)
        .await?
        .into_iter()
        .find(|c| c.id == change)
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(Change::from(row))).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct CompanyNeeds {
    /// Every figure covers at least this many people.
    pub min_group_size: u32,
    /// Competences some role requires, in framework order.
    pub competences: Vec<NeedsCompetence>,
    /// The role × competence heat table.
    pub roles: Vec<NeedsRole>,
    /// Competences by summed priority (gap size × importance × urgency).
    pub priorities: Vec<NeedsPriority>,
}

#[derive(Serialize, ToSchema)]
pub struct NeedsCompetence {
    pub id: i64,
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    /// All roles together; absent when withheld.
    pub total: Option<Figures>,
}

#[derive(Serialize, ToSchema)]
pub struct NeedsRole {
    pub id: i64,
    pub name: String,
    /// One per entry of `competences`, in the same order.
    pub cells: Vec<NeedsCell>,
}

#[derive(Serialize, ToSchema)]
pub struct NeedsCell {
    pub competence_id: i64,
    /// Absent when withheld to protect small groups.
    pub figures: Option<Figures>,
}

#[derive(Serialize, ToSchema)]
pub struct NeedsPriority {
    pub competence_id: i64,
    pub people_with_gap: u32,
    pub people: u32,
    pub score: f64,
    /// YYYY-MM-DD of the earliest planned change that needs it; absent when
    /// it is needed now.
    pub earliest_due: Option<String>,
}

/// A company's aggregated needs
#[utoipa::path(get, path = "/api/v1/organizations/{id}/needs", tag = "competences",
    params(("id" = i64, Path, description = "Organisation id")),
    security(("bearer" = [])),
    responses((status = 200, description = "Gaps by role and competence; figures covering fewer people than the minimum group size, or derivable from others, are withheld", body = CompanyNeeds),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 403, description = "Not an admin or member of this organisation", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such organisation", content_type = "application/problem+json", body = Problem)))]
pub async fn get_needs(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<OrganizationId>,
) -> AppResult<Json<CompanyNeeds>> {
    let (_, networks) = authorize_user_org(&state, &user, id, Action::ViewCompanyNeeds).await?;
    let d = dashboard(&state.db, id, &networks).await?;
    let heat = &d.overview.heat;
    let competences = heat
        .competences
        .iter()
        .enumerate()
        .filter_map(|(col, cid)| {
            let c = d.competences.iter().find(|c| c.id == *cid)?;
            Some(NeedsCompetence {
                id: c.id.0,
                code: c.code.clone(),
                name_de: c.name_de.clone(),
                name_en: c.name_en.clone(),
                total: heat.total(col).map(Figures::from),
            })
        })
        .collect();
    let roles = d
        .roles
        .iter()
        .enumerate()
        .map(|(row, r)| NeedsRole {
            id: r.id.0,
            name: r.name.clone(),
            cells: heat
                .competences
                .iter()
                .enumerate()
                .map(|(col, cid)| NeedsCell {
                    competence_id: cid.0,
                    figures: heat.cell(row, col).map(Figures::from),
                })
                .collect(),
        })
        .collect();
    let priorities = d
        .overview
        .priorities
        .iter()
        .map(|p| NeedsPriority {
            competence_id: p.competence.0,
            people_with_gap: p.people_with_gap,
            people: p.people,
            score: p.score,
            earliest_due: p.earliest_due.map(format_date),
        })
        .collect();
    Ok(Json(CompanyNeeds {
        min_group_size: d.k,
        competences,
        roles,
        priorities,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct PersonGap {
    pub competence_id: i64,
    pub target: Level,
    /// Absent when never assessed or only by an assessment older than two years.
    pub actual: Option<Level>,
    /// The only assessment is older than two years and is not counted.
    pub stale: bool,
    /// Levels missing (0 when met or not yet assessed).
    pub size: u8,
    pub importance: Importance,
    /// YYYY-MM-DD of the change that brings the requirement; absent when
    /// needed now.
    pub due: Option<String>,
    pub priority: f64,
}

impl From<&Gap> for PersonGap {
    fn from(g: &Gap) -> Self {
        PersonGap {
            competence_id: g.competence.0,
            target: g.target,
            actual: g.actual,
            stale: g.stale,
            size: g.size,
            importance: g.importance,
            due: match g.due {
                Due::Now => None,
                Due::On(d) => Some(format_date(d)),
            },
            priority: g.priority,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AssessmentJson {
    pub id: i64,
    pub competence_id: i64,
    #[schema(value_type = u8, minimum = 0, maximum = 4)]
    pub level: i64,
    pub source: Source,
    /// YYYY-MM-DD
    pub assessed_on: String,
}

impl From<&AssessmentRow> for AssessmentJson {
    fn from(a: &AssessmentRow) -> Self {
        AssessmentJson {
            id: a.id.0,
            competence_id: a.competence_id.0,
            level: a.level,
            source: a.source,
            assessed_on: format_date(a.assessed_on),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PersonProfile {
    pub organization_id: i64,
    pub user_id: i64,
    pub name: String,
    pub role_id: Option<i64>,
    /// The person's own manager, set by the company's admins.
    pub manager_id: Option<i64>,
    pub manager_name: Option<String>,
    /// What the person allowed; `consent.manager_id` differing from
    /// `manager_id` means the current manager is not reached.
    pub consent: ConsentBody,
    /// Gaps against the role, highest priority first.
    pub gaps: Vec<PersonGap>,
    /// Every assessment, newest first, with its source.
    pub assessments: Vec<AssessmentJson>,
}

async fn profile(
    state: &AppState,
    viewer: &CurrentUser,
    org: OrganizationId,
    subject: UserId,
) -> AppResult<PersonProfile> {
    let v = vision::employee_view(&state.db, viewer, org, subject).await?;
    if !v.may_read {
        return Err(AppError::Forbidden);
    }
    Ok(PersonProfile {
        organization_id: org.0,
        user_id: subject.0,
        name: v.employee.display_name.clone(),
        role_id: v.employee.role_id.map(|r| r.0),
        manager_id: v.employee.manager_id.map(|m| m.0),
        manager_name: v.employee.manager_name.clone(),
        consent: v.employee.consent().into(),
        gaps: v.gaps.iter().map(PersonGap::from).collect(),
        assessments: v.history.iter().map(AssessmentJson::from).collect(),
    })
}

/// One employee's profile (with their consent)
///
/// Readable by the company's HR admins, and by the employee's own manager
/// if their consent named that manager, only if the employee shares their
/// answers; plain members never. Every read is logged for the employee.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/employees/{user}", tag = "competences",
    params(("id" = i64, Path, description = "Organisation id"), ("user" = i64, Path, description = "User id of the employee")),
    security(("bearer" = [])),
    responses((status = 200, description = "Gaps and assessments", body = PersonProfile),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 403, description = "Not of this organisation, neither an HR admin nor the manager the consent names, or the employee has not consented", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such organisation or employee", content_type = "application/problem+json", body = Problem)))]
pub async fn get_employee(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, subject)): Path<(OrganizationId, UserId)>,
) -> AppResult<Json<PersonProfile>> {
    authorize_user_org(&state, &user, id, Action::ViewCompanyNeeds).await?;
    Ok(Json(profile(&state, &user, id, subject).await?))
}

/// Assess an employee (with their consent)
///
/// Allowed to the company's HR admins and the manager the consent names,
/// if the employee allowed assessments.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/employees/{user}/assessments", tag = "competences",
    params(("id" = i64, Path, description = "Organisation id"), ("user" = i64, Path, description = "User id of the employee")),
    request_body = AssessmentBody,
    security(("bearer" = [])),
    responses((status = 201, description = "Recorded beside the employee's own assessment", body = AssessmentJson),
              (status = 400, description = "Body is not valid JSON of this shape", content_type = "application/problem+json", body = Problem),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 403, description = "Not of this organisation, neither an HR admin nor the manager the consent names, or the employee has not allowed it", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such organisation or employee", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "Unknown competence or a level outside 0–4", content_type = "application/problem+json", body = Problem)))]
pub async fn assess_employee(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, subject)): Path<(OrganizationId, UserId)>,
    ApiJson(body): ApiJson<AssessmentBody>,
) -> AppResult<Response> {
    let (_, networks) = authorize_user_org(&state, &user, id, Action::ViewCompanyNeeds).await?;
    let form = AssessmentForm::from(&body);
    Ok(created(
        assessments::assess_employee(&state.db, &user, id, &networks, subject, &form).await?,
    ))
}

fn created(recorded: assessments::Recorded) -> Response {
    (
        StatusCode::CREATED,
        Json(AssessmentJson::from(&recorded.assessment)),
    )
        .into_response()
}

/// My competence profiles
///
/// One profile per organisation the token's owner works in.
#[utoipa::path(get, path = "/api/v1/me/competences", tag = "competences",
    security(("bearer" = [])),
    responses((status = 200, description = "Gaps and assessments per organisation", body = [PersonProfile]),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem)))]
pub async fn my_competences(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> AppResult<Json<Vec<PersonProfile>>> {
    let mut out = Vec::new();
    for org in nq::orgs_of_user(&state.db, user.id).await? {
        if people::employee(&state.db, org.org_id, user.id)
            .await?
            .is_some()
        {
            out.push(profile(&state, &user, org.org_id, user.id).await?);
        }
    }
    Ok(Json(out))
}

async fn own_employment(
    state: &AppState,
    user: &CurrentUser,
    org: OrganizationId,
) -> AppResult<Vec<crate::ids::NetworkId>> {
    people::employee(&state.db, org, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(nq::approved_networks_of_org(&state.db, org).await?)
}

/// Assess myself
#[utoipa::path(post, path = "/api/v1/me/organizations/{id}/assessments", tag = "competences",
    params(("id" = i64, Path, description = "Organisation the person works in")),
    request_body = AssessmentBody,
    security(("bearer" = [])),
    responses((status = 201, description = "Recorded", body = AssessmentJson),
              (status = 400, description = "Body is not valid JSON of this shape", content_type = "application/problem+json", body = Problem),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "The person does not work in this organisation", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "A competence the current round does not ask (not required by the person's role, or already answered since the round began), or a level outside 0–4", content_type = "application/problem+json", body = Problem)))]
pub async fn assess_myself(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<OrganizationId>,
    ApiJson(body): ApiJson<AssessmentBody>,
) -> AppResult<Response> {
    let form = AssessmentForm::from(&body);
    Ok(created(
        assessments::assess_myself(&state.db, user.id, id, &form).await?,
    ))
}

/// Start a new round of my self-assessment
///
/// Every competence the person's role requires is asked again; until then
/// a competence answered in the current round is refused (422).
#[utoipa::path(post, path = "/api/v1/me/organizations/{id}/assessment-round", tag = "competences",
    params(("id" = i64, Path, description = "Organisation the person works in")),
    security(("bearer" = [])),
    responses((status = 204, description = "A new round has begun"),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "The person does not work in this organisation", content_type = "application/problem+json", body = Problem)))]
pub async fn restart_round(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<OrganizationId>,
) -> AppResult<StatusCode> {
    assessments::restart_round(&state.db, user.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Set my consent
///
/// The consent reaches the company's HR admins and the manager it names
/// (`manager_id`, as shown to the person in their profile).
#[utoipa::path(put, path = "/api/v1/me/organizations/{id}/consent", tag = "competences",
    params(("id" = i64, Path, description = "Organisation the person works in")),
    request_body = ConsentBody,
    security(("bearer" = [])),
    responses((status = 200, description = "The consent now in force", body = ConsentBody),
              (status = 400, description = "Body is not valid JSON of this shape", content_type = "application/problem+json", body = Problem),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "The person does not work in this organisation", content_type = "application/problem+json", body = Problem),
              (status = 409, description = "`manager_id` is no longer the person's manager; nothing was stored", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "A field is not true or false, or `manager_id` not a number", content_type = "application/problem+json", body = Problem)))]
pub async fn set_consent(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<OrganizationId>,
    ApiJson(body): ApiJson<ConsentBody>,
) -> AppResult<Json<ConsentBody>> {
    own_employment(&state, &user, id).await?;
    let consent = vision::give_consent(
        &state.db,
        id,
        user.id,
        body.share_with_employer,
        body.manager_may_assess,
        body.manager_id.map(UserId),
    )
    .await?;
    Ok(Json(consent.into()))
}
