//! Storage of company visions, employee profiles, assessments and the audit
//! log. Gap figures are computed from these rows by `gaps` and `anonymity`.

use crate::competences::{
    analysis::ActualTable,
    domain::{Importance, Level, Source},
    gaps::{Assessment, Due, Requirement},
    privacy::{Consent, Subject},
};
use crate::{
    auth::domain::OrgRole,
    db::{Db, Exec},
    ids::{AssessmentId, ChangeId, CompetenceId, JobRoleId, NetworkId, OrganizationId, UserId},
    kernel::days::Day,
    on_conn, on_db,
};

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct JobRoleRow {
    pub id: JobRoleId,
    pub name: String,
    pub description: String,
    pub people: i64,
}

pub async fn roles(db: &Db, org: OrganizationId) -> Result<Vec<JobRoleRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, JobRoleRow>(
        "SELECT r.id, r.name, r.description, (SELECT COUNT(*) FROM employee_profiles p WHERE p.role_id = r.id) AS people \
         FROM job_roles r WHERE r.org_id = $1 ORDER BY r.name")
        .bind(org).fetch_all(pool).await)
}

pub async fn role(
    db: &Db,
    org: OrganizationId,
    id: JobRoleId,
) -> Result<Option<JobRoleRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, JobRoleRow>(
        "SELECT r.id, r.name, r.description, (SELECT COUNT(*) FROM employee_profiles p WHERE p.role_id = r.id) AS people \
         FROM job_roles r WHERE r.org_id = $1 AND r.id = $2")
        .bind(org).bind(id).fetch_optional(pool).await)
}

pub async fn create_role(
    db: &Db,
    org: OrganizationId,
    name: &str,
    description: &str,
    now: i64,
) -> Result<JobRoleId, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("INSERT INTO job_roles (org_id, name, description, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(org).bind(name).bind(description).bind(now).fetch_one(pool).await)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct ChangeRow {
    pub id: ChangeId,
    pub title: String,
    pub reason: String,
    pub technology: String,
    pub target_day: i64,
}

pub async fn changes(db: &Db, org: OrganizationId) -> Result<Vec<ChangeRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, ChangeRow>(
        "SELECT id, title, reason, technology, target_day FROM org_changes WHERE org_id = $1 ORDER BY target_day, id")
        .bind(org).fetch_all(pool).await)
}

pub async fn create_change(
    db: &Db,
    org: OrganizationId,
    title: &str,
    reason: &str,
    technology: &str,
    target_day: Day,
    now: i64,
) -> Result<ChangeId, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "INSERT INTO org_changes (org_id, title, reason, technology, target_day, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(org).bind(title).bind(reason).bind(technology).bind(target_day).bind(now).fetch_one(pool).await)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct RequirementRow {
    pub id: i64,
    pub role_id: JobRoleId,
    pub competence_id: CompetenceId,
    pub change_id: Option<ChangeId>,
    pub level: i64,
    pub importance: Importance,
    pub target_day: Option<i64>,
}

impl RequirementRow {
    pub fn to_requirement(&self) -> Option<Requirement> {
        Some(Requirement {
            competence: self.competence_id,
            level: Level::new(u8::try_from(self.level).ok()?)?,
            importance: self.importance,
            due: self.target_day.map(Due::On).unwrap_or(Due::Now),
        })
    }
}

/// Requirements of all roles of a company, with the target day of their change.
pub async fn requirements(
    db: &Db,
    org: OrganizationId,
) -> Result<Vec<RequirementRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, RequirementRow>(
        "SELECT q.id, q.role_id, q.competence_id, q.change_id, q.level, q.importance, ch.target_day \
         FROM role_requirements q JOIN job_roles r ON r.id = q.role_id LEFT JOIN org_changes ch ON ch.id = q.change_id \
         WHERE r.org_id = $1 ORDER BY q.role_id, q.competence_id, q.id")
        .bind(org).fetch_all(pool).await)
}

/// Sets (or replaces) one requirement of a role.
pub async fn set_requirement(
    db: &Db,
    role: JobRoleId,
    competence: CompetenceId,
    change: Option<ChangeId>,
    level: Level,
    importance: Importance,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM role_requirements WHERE role_id = $1 AND competence_id = $2 AND ((change_id IS NULL AND $3 IS NULL) OR change_id = $3)")
            .bind(role).bind(competence).bind(change).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO role_requirements (role_id, competence_id, change_id, level, importance) VALUES ($1, $2, $3, $4, $5)")
            .bind(role).bind(competence).bind(change).bind(i64::from(level.value())).bind(importance.as_str())
            .execute(&mut *tx).await?;
        tx.commit().await
    })
}

pub async fn delete_requirement(db: &Db, role: JobRoleId, id: i64) -> Result<bool, sqlx::Error> {
    let n = on_db!(db, pool => sqlx::query("DELETE FROM role_requirements WHERE id = $1 AND role_id = $2")
        .bind(id).bind(role).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct EmployeeRow {
    pub user_id: UserId,
    pub display_name: String,
    pub org_role: String,
    pub role_id: Option<JobRoleId>,
    pub share_with_employer: bool,
    pub manager_may_assess: bool,
    pub round_started_at: Option<i64>,
    /// Their own manager, set by a company admin.
    pub manager_id: Option<UserId>,
    pub manager_name: Option<String>,
    /// The manager their consent named when it was given.
    pub consent_manager_id: Option<UserId>,
}

impl EmployeeRow {
    pub fn consent(&self) -> Consent {
        Consent {
            share_with_employer: self.share_with_employer,
            manager_may_assess: self.manager_may_assess,
            named_manager: self.consent_manager_id,
        }
    }

    /// What the privacy rules decide on.
    pub fn subject(&self) -> Subject {
        Subject {
            id: self.user_id,
            manager: self.manager_id,
            consent: self.consent(),
        }
    }

    /// May be someone's manager: an admin or member of the company.
    pub fn may_manage_people(&self) -> bool {
        matches!(
            OrgRole::parse(&self.org_role),
            Some(OrgRole::Admin | OrgRole::Member)
        )
    }
}

const EMPLOYEE_SELECT: &str = "SELECT m.user_id, u.display_name, m.role AS org_role, p.role_id, \
     COALESCE(p.share_with_employer, FALSE) AS share_with_employer, COALESCE(p.manager_may_assess, FALSE) AS manager_may_assess, \
     p.round_started_at, p.manager_user_id AS manager_id, mu.display_name AS manager_name, \
     p.consent_manager_user_id AS consent_manager_id \
     FROM org_members m JOIN users u ON u.id = m.user_id \
     LEFT JOIN employee_profiles p ON p.org_id = m.org_id AND p.user_id = m.user_id \
     LEFT JOIN users mu ON mu.id = p.manager_user_id";

/// Everybody of a company, with their job role and consent.
pub async fn employees(db: &Db, org: OrganizationId) -> Result<Vec<EmployeeRow>, sqlx::Error> {
    let sql = format!("{EMPLOYEE_SELECT} WHERE m.org_id = $1 ORDER BY u.display_name");
    on_db!(db, pool => sqlx::query_as::<_, EmployeeRow>(sqlx::AssertSqlSafe(sql)).bind(org).fetch_all(pool).await)
}

pub async fn employee(
    db: &Db,
    org: OrganizationId,
    user: UserId,
) -> Result<Option<EmployeeRow>, sqlx::Error> {
    let sql = format!("{EMPLOYEE_SELECT} WHERE m.org_id = $1 AND m.user_id = $2");
    on_db!(db, pool => sqlx::query_as::<_, EmployeeRow>(sqlx::AssertSqlSafe(sql)).bind(org).bind(user).fetch_optional(pool).await)
}

async fn ensure_profile(db: &Db, org: OrganizationId, user: UserId) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("INSERT INTO employee_profiles (org_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(org).bind(user).execute(pool).await.map(|_| ()))
}

pub async fn assign_role(
    db: &Db,
    org: OrganizationId,
    user: UserId,
    role: Option<JobRoleId>,
) -> Result<(), sqlx::Error> {
    ensure_profile(db, org, user).await?;
    on_db!(db, pool => sqlx::query("UPDATE employee_profiles SET role_id = $1 WHERE org_id = $2 AND user_id = $3")
        .bind(role).bind(org).bind(user).execute(pool).await.map(|_| ()))
}

/// Sets (or, with None, removes) a person's manager. The caller has checked
/// that the manager is an admin or member of the company.
pub async fn set_manager(
    db: &Db,
    org: OrganizationId,
    user: UserId,
    manager: Option<UserId>,
) -> Result<(), sqlx::Error> {
    ensure_profile(db, org, user).await?;
    on_db!(db, pool => sqlx::query("UPDATE employee_profiles SET manager_user_id = $1 WHERE org_id = $2 AND user_id = $3")
        .bind(manager).bind(org).bind(user).execute(pool).await.map(|_| ()))
}

/// The names of the company's HR admins, whom every consent names by role.
pub async fn hr_admin_names(db: &Db, org: OrganizationId) -> Result<Vec<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT u.display_name FROM org_members m JOIN users u ON u.id = m.user_id \
         WHERE m.org_id = $1 AND m.role = 'admin' ORDER BY u.display_name, u.id")
        .bind(org).fetch_all(pool).await)
}

/// Stores the consent with the manager it names (see [`Consent`]).
pub async fn set_consent(
    db: &Db,
    org: OrganizationId,
    user: UserId,
    consent: Consent,
    now: i64,
) -> Result<(), sqlx::Error> {
    ensure_profile(db, org, user).await?;
    on_db!(db, pool => sqlx::query("UPDATE employee_profiles SET share_with_employer = $1, manager_may_assess = $2, consent_manager_user_id = $3, consent_changed_at = $4 WHERE org_id = $5 AND user_id = $6")
        .bind(consent.share_with_employer).bind(consent.manager_may_assess).bind(consent.named_manager).bind(now).bind(org).bind(user)
        .execute(pool).await.map(|_| ()))
}

pub async fn start_round(
    db: &Db,
    org: OrganizationId,
    user: UserId,
    now: i64,
) -> Result<(), sqlx::Error> {
    ensure_profile(db, org, user).await?;
    on_db!(db, pool => sqlx::query("UPDATE employee_profiles SET round_started_at = $1 WHERE org_id = $2 AND user_id = $3")
        .bind(now).bind(org).bind(user).execute(pool).await.map(|_| ()))
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct AssessmentRow {
    pub id: AssessmentId,
    pub user_id: UserId,
    pub competence_id: CompetenceId,
    pub level: i64,
    /// Exported as stored ("self", "manager").
    #[serde(serialize_with = "source_text")]
    pub source: Source,
    pub assessed_on: i64,
    pub created_at: i64,
}

fn source_text<S: serde::Serializer>(source: &Source, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(source.as_str())
}

impl AssessmentRow {
    pub fn to_assessment(&self) -> Option<Assessment> {
        Some(Assessment {
            competence: self.competence_id,
            level: Level::new(u8::try_from(self.level).ok()?)?,
            source: self.source,
            on: self.assessed_on,
        })
    }
}

pub async fn assessments_of(
    db: &Db,
    org: OrganizationId,
    user: UserId,
) -> Result<Vec<AssessmentRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, AssessmentRow>(
        "SELECT id, user_id, competence_id, level, source, assessed_on, created_at FROM assessments \
         WHERE org_id = $1 AND user_id = $2 ORDER BY assessed_on DESC, id DESC")
        .bind(org).bind(user).fetch_all(pool).await)
}

/// All assessments in a company, for its aggregated figures.
pub async fn assessments_in(
    db: &Db,
    org: OrganizationId,
) -> Result<Vec<AssessmentRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, AssessmentRow>(
        "SELECT id, user_id, competence_id, level, source, assessed_on, created_at FROM assessments WHERE org_id = $1")
        .bind(org).fetch_all(pool).await)
}

/// Records one assessment and returns it as stored.
#[allow(clippy::too_many_arguments)]
pub async fn record_assessment(
    db: impl Into<Exec<'_>>,
    org: OrganizationId,
    user: UserId,
    competence: CompetenceId,
    level: Level,
    source: Source,
    by: UserId,
    on: Day,
    now: i64,
) -> Result<AssessmentRow, sqlx::Error> {
    on_conn!(db, conn => sqlx::query_as::<_, AssessmentRow>(
        "INSERT INTO assessments (org_id, user_id, competence_id, level, source, assessed_by, assessed_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         RETURNING id, user_id, competence_id, level, source, assessed_on, created_at")
        .bind(org).bind(user).bind(competence).bind(i64::from(level.value())).bind(source.as_str()).bind(by).bind(on).bind(now)
        .fetch_one(&mut *conn).await)
}

/// Removes every assessment of a person (their right to erasure); the audit
/// log about them stays with them until their account goes.
pub async fn delete_assessments_of(db: &Db, user: UserId) -> Result<u64, sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM assessments WHERE user_id = $1").bind(user).execute(pool).await.map(|r| r.rows_affected()))
}

pub async fn all_assessments_of_user(
    db: &Db,
    user: UserId,
) -> Result<Vec<AssessmentRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, AssessmentRow>(
        "SELECT id, user_id, competence_id, level, source, assessed_on, created_at FROM assessments WHERE user_id = $1 ORDER BY assessed_on, id")
        .bind(user).fetch_all(pool).await)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct AuditRow {
    pub actor_name: Option<String>,
    pub org_name: Option<String>,
    pub action: String,
    pub detail: String,
    pub at: i64,
}

/// One line of a person's audit log: who read or changed their data.
pub async fn audit(
    db: impl Into<Exec<'_>>,
    subject: UserId,
    actor: UserId,
    org: OrganizationId,
    action: &str,
    detail: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(db, conn => sqlx::query("INSERT INTO audit_log (subject_user_id, actor_user_id, org_id, action, detail, at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(subject).bind(actor).bind(org).bind(action).bind(detail).bind(now).execute(&mut *conn).await.map(|_| ()))
}

pub async fn audit_of(db: &Db, subject: UserId) -> Result<Vec<AuditRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, AuditRow>(
        "SELECT u.display_name AS actor_name, o.name AS org_name, a.action, a.detail, a.at FROM audit_log a \
         LEFT JOIN users u ON u.id = a.actor_user_id LEFT JOIN organizations o ON o.id = a.org_id \
         WHERE a.subject_user_id = $1 ORDER BY a.at DESC, a.id DESC")
        .bind(subject).fetch_all(pool).await)
}

/// One person's current picture for regional figures: company, its
/// district, sector and size, and the person's gap steps per competence are
/// computed in Rust from these rows.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RegionalPersonRow {
    pub org_id: OrganizationId,
    pub user_id: UserId,
    pub role_id: Option<JobRoleId>,
    pub district_ags: String,
    pub sector_code: Option<String>,
    pub size_class: Option<String>,
    pub record_key: i64,
}

pub async fn regional_people(
    db: &Db,
    network: NetworkId,
) -> Result<Vec<RegionalPersonRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, RegionalPersonRow>(
        "SELECT p.org_id, p.user_id, p.role_id, o.district_ags, o.sector_code, o.size_class, u.record_key \
         FROM employee_profiles p JOIN organizations o ON o.id = p.org_id JOIN users u ON u.id = p.user_id \
         JOIN network_members nm ON nm.org_id = o.id AND nm.network_id = $1 AND nm.status = 'approved' \
         WHERE p.role_id IS NOT NULL")
        .bind(network).fetch_all(pool).await)
}

pub async fn regional_requirements(
    db: &Db,
    network: NetworkId,
) -> Result<Vec<RequirementRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, RequirementRow>(
        "SELECT q.id, q.role_id, q.competence_id, q.change_id, q.level, q.importance, ch.target_day \
         FROM role_requirements q JOIN job_roles r ON r.id = q.role_id LEFT JOIN org_changes ch ON ch.id = q.change_id \
         JOIN network_members nm ON nm.org_id = r.org_id AND nm.network_id = $1 AND nm.status = 'approved'")
        .bind(network).fetch_all(pool).await)
}

/// The counted level of every person of the network for every competence
/// in `columns`, read as a stream (twelve million rows on a large network
/// would not fit in memory as rows).
/// Every assessment of a network's member companies, as the regional figures
/// read them ($1: the network). No ORDER BY: the table accepts rows in any
/// order, and sorting twelve million rows cost SQLite a temporary B-tree.
/// Through the index on (org_id, user_id, …) a person's rows still arrive
/// together, which the table uses as a shortcut.
pub const REGIONAL_ASSESSMENTS: &str = "SELECT a.user_id, a.competence_id, a.level, a.source, a.assessed_on FROM assessments a \
     JOIN network_members nm ON nm.org_id = a.org_id AND nm.network_id = $1 AND nm.status = 'approved'";

pub async fn regional_actual_levels(
    db: &Db,
    network: NetworkId,
    columns: &std::collections::HashMap<CompetenceId, usize>,
    today: i64,
) -> Result<ActualTable, sqlx::Error> {
    use futures_util::TryStreamExt;
    let mut table = ActualTable::new(columns, today);
    on_db!(db, pool => {
        let mut rows = sqlx::query_as::<_, (UserId, CompetenceId, i64, String, i64)>(REGIONAL_ASSESSMENTS).bind(network).fetch(pool);
        while let Some((user, competence, level, source, on)) = rows.try_next().await? {
            let (Some(level), Some(source)) = (u8::try_from(level).ok().and_then(Level::new), Source::parse(&source)) else {
                continue;
            };
            table.push(user, Assessment { competence, level, source, on });
        }
    });
    Ok(table)
}
pub async fn regional_assessments(
    db: &Db,
    network: NetworkId,
) -> Result<Vec<AssessmentRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, AssessmentRow>(
        "SELECT a.id, a.user_id, a.competence_id, a.level, a.source, a.assessed_on, a.created_at FROM assessments a \
         JOIN network_members nm ON nm.org_id = a.org_id AND nm.network_id = $1 AND nm.status = 'approved'")
        .bind(network).fetch_all(pool).await)
}
