//! The writes behind a company's vision and its assessments, shared by the
//! web forms and the JSON API: input is parsed into domain values here, so
//! both reject the same things with the same messages.

use serde::Deserialize;

use super::{
    domain::{Importance, Level},
    framework::TECHNOLOGIES,
    gaps::Gap,
    privacy::{self, Consent},
    profiles::{competences_for, person_gaps},
    queries::people::{self, AssessmentRow, EmployeeRow},
};
use crate::{
    auth::domain::CurrentUser,
    db::{Db, now},
    error::{AppError, AppResult},
    ids::{ChangeId, CompetenceId, JobRoleId, NetworkId, OrganizationId, UserId},
    kernel::days::{parse_date, today},
    web::forms::{FieldErrors, optional_text, required_text},
};

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

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AssignmentForm {
    /// A job role of the company; empty for none.
    #[serde(default)]
    pub role: String,
    /// An admin or member of the company; empty for none. Absent leaves the
    /// manager as it is, so a form that only sets roles keeps working.
    #[serde(default)]
    pub manager: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AssessmentForm {
    #[serde(default)]
    pub competence: String,
    #[serde(default)]
    pub level: String,
}

fn invalid(errors: FieldErrors) -> AppError {
    AppError::Validation(errors)
}

/// A new role; its name is unique within the company.
#[tracing::instrument(skip(db, form), err(level = "debug"))]
pub async fn create_role(db: &Db, org: OrganizationId, form: &RoleForm) -> AppResult<JobRoleId> {
    let mut errors = FieldErrors::new();
    let name = errors.check("name", required_text(&form.name, 100));
    let description = errors.check("description", optional_text(&form.description, 1000));
    let (Some(name), Some(description), true) = (name, description, errors.is_empty()) else {
        return Err(invalid(errors));
    };
    people::create_role(db, org, &name, &description, now())
        .await
        .map_err(|e| {
            crate::error::on_constraint(e, "job_roles_name_key", "name", "role-name-taken")
        })
}

/// A planned change with a target date that is not in the past.
#[tracing::instrument(skip(db, form), err(level = "debug"))]
pub async fn create_change(db: &Db, org: OrganizationId, form: &ChangeForm) -> AppResult<ChangeId> {
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
        return Err(invalid(errors));
    };
    Ok(people::create_change(db, org, &title, &reason, &technology, day, now()).await?)
}

/// A competence of the organisation's frameworks named by its id in a form.
pub(super) fn framework_competence(
    value: &str,
    competences: &[super::queries::CompetenceRow],
    allow_retired: bool,
) -> Result<CompetenceId, &'static str> {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|v| {
            competences
                .iter()
                .find(|c| c.id.0 == v && (allow_retired || !c.retired))
        })
        .map(|c| c.id)
        .ok_or("choice-invalid")
}

/// Sets the level a role requires for a competence, now or from a change.
#[tracing::instrument(skip_all, err(level = "debug"))]
pub async fn set_requirement(
    db: &Db,
    org: OrganizationId,
    networks: &[NetworkId],
    role: JobRoleId,
    form: &RequirementForm,
) -> AppResult<()> {
    let (_, competences) = competences_for(db, networks).await?;
    let changes = people::changes(db, org).await?;
    let mut errors = FieldErrors::new();
    let competence = errors.check(
        "competence",
        framework_competence(&form.competence, &competences, false),
    );
    let level = errors.check("level", Level::parse(&form.level));
    let importance = errors.check(
        "importance",
        Importance::parse(&form.importance).ok_or("choice-invalid"),
    );
    let change = errors.check(
        "change",
        match form.change.trim() {
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
        return Err(invalid(errors));
    };
    people::set_requirement(db, role, competence, change, level, importance).await?;
    Ok(())
}

/// Sets a person's job role and, when the form names one, their manager:
/// an admin or member of the same company, never the person themself,
/// because the manager is whom the person's consent reaches besides HR.
#[tracing::instrument(skip_all, err(level = "debug"))]
pub async fn assign(
    db: &Db,
    org: OrganizationId,
    subject: UserId,
    form: &AssignmentForm,
) -> AppResult<()> {
    people::employee(db, org, subject)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    let role = match form.role.trim() {
        "" => Ok(None),
        r => match r.parse::<JobRoleId>() {
            Ok(id) if people::role(db, org, id).await?.is_some() => Ok(Some(id)),
            _ => Err("choice-invalid"),
        },
    };
    let role = errors.check("role", role);
    // Some(None): remove the manager; None: leave it as it is.
    let manager = match form.manager.as_deref().map(str::trim) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(v) => match v.parse::<UserId>() {
            Ok(id) if id != subject => match people::employee(db, org, id).await? {
                Some(m) if m.may_manage_people() => Ok(Some(Some(id))),
                _ => Err("manager-invalid"),
            },
            _ => Err("manager-invalid"),
        },
    };
    let manager = errors.check("manager", manager);
    let (Some(role), Some(manager), true) = (role, manager, errors.is_empty()) else {
        return Err(invalid(errors));
    };
    people::assign_role(db, org, subject, role).await?;
    if let Some(manager) = manager {
        people::set_manager(db, org, subject, manager).await?;
    }
    Ok(())
}

/// Records a person's own consent. It names the HR admins by role and
/// `shown_manager`, the manager the person saw named when they agreed
/// (None: no manager was shown, so the consent reaches none). If that is no
/// longer their manager, nothing is stored: they have to see the new name
/// before agreeing.
#[tracing::instrument(skip_all, err(level = "debug"))]
pub async fn give_consent(
    db: &Db,
    org: OrganizationId,
    person: UserId,
    share_with_employer: bool,
    manager_may_assess: bool,
    shown_manager: Option<UserId>,
) -> AppResult<Consent> {
    let employee = people::employee(db, org, person)
        .await?
        .ok_or(AppError::NotFound)?;
    if shown_manager.is_some() && shown_manager != employee.manager_id {
        return Err(AppError::Conflict("consent-manager-changed"));
    }
    let consent = Consent {
        share_with_employer,
        manager_may_assess,
        named_manager: shown_manager,
    };
    people::set_consent(db, org, person, consent, now()).await?;
    Ok(consent)
}

/// What a viewer may see of one employee, and the data when they may.
pub struct EmployeeView {
    pub employee: EmployeeRow,
    pub may_read: bool,
    pub may_assess: bool,
    pub gaps: Vec<Gap>,
    pub history: Vec<AssessmentRow>,
}

/// Loads an employee for `viewer`. Reading someone else's answers needs
/// their consent naming the viewer (as HR admin or as their manager) and is
/// written to the audit log they see.
#[tracing::instrument(skip(db, viewer), fields(viewer = %viewer.id), err(level = "debug"))]
pub async fn employee_view(
    db: &Db,
    viewer: &CurrentUser,
    org: OrganizationId,
    subject: UserId,
) -> AppResult<EmployeeView> {
    let employee = people::employee(db, org, subject)
        .await?
        .ok_or(AppError::NotFound)?;
    let is_self = viewer.id == subject;
    let who = privacy::Viewer {
        id: viewer.id,
        role: viewer.org_role(org),
    };
    let may_read = privacy::may_read_individual(who, &employee.subject());
    let may_assess = privacy::may_assess(who, &employee.subject());
    if !may_read && !may_assess {
        return Err(AppError::Forbidden);
    }
    let (gaps, history) = if may_read {
        let requirements = people::requirements(db, org).await?;
        let history = people::assessments_of(db, org, subject).await?;
        let gaps = person_gaps(&employee, &requirements, &history);
        if !is_self {
            people::audit(db, subject, viewer.id, org, "read-individual", "", now()).await?;
        }
        (gaps, history)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(EmployeeView {
        employee,
        may_read,
        may_assess,
        gaps,
        history,
    })
}
