//! Use cases of assessments: a person assesses themself, a manager assesses
//! an employee who allowed it. The self-assessment page, the company's
//! employee page and the JSON API all call these functions, so the rules
//! (which competences a round asks, who may assess whom) are decided here
//! once, and a manager's assessment is written with its audit row in one
//! transaction.

use std::collections::BTreeSet;

use super::{
    domain::{Level, Source},
    privacy,
    profiles::competences_for,
    queries::people::{self, AssessmentRow},
    queries::{self as fw, CompetenceRow, LevelDescriptorRow},
    vision::{AssessmentForm, framework_competence},
};
use crate::{
    auth::domain::CurrentUser,
    db::{Db, now},
    error::{AppError, AppResult},
    ids::{CompetenceId, NetworkId, OrganizationId, UserId},
    kernel::days::today,
    networks::queries as nq,
    web::forms::FieldErrors,
};

/// Where a person stands in their current round of self-assessment: the
/// competences their role requires, in framework order, and which of them
/// they have not answered since the round began.
pub struct SelfRound {
    pub org_name: String,
    /// Still to answer, in framework order.
    pub pending: Vec<CompetenceId>,
    pub total: usize,
    pub answered: usize,
    pub competences: Vec<CompetenceRow>,
    pub levels: Vec<LevelDescriptorRow>,
    pub history: Vec<AssessmentRow>,
}

/// The person's round in `org`, started now if they have none yet. Not
/// working in `org` is "not found", so nobody learns who works where.
#[tracing::instrument(skip(db), err(level = "debug"))]
pub async fn self_round(db: &Db, user: UserId, org: OrganizationId) -> AppResult<SelfRound> {
    let mut employee = people::employee(db, org, user)
        .await?
        .ok_or(AppError::NotFound)?;
    if employee.round_started_at.is_none() {
        let t = now();
        people::start_round(db, org, user, t).await?;
        employee.round_started_at = Some(t);
    }
    let org_row = nq::org_by_id(db, org).await?.ok_or(AppError::NotFound)?;
    let networks = nq::approved_networks_of_org(db, org).await?;
    let (_, competences) = competences_for(db, &networks).await?;
    let levels = match networks.first() {
        Some(n) => fw::levels(db, *n).await?,
        None => Vec::new(),
    };
    let requirements = people::requirements(db, org).await?;
    let history = people::assessments_of(db, org, user).await?;
    let required: BTreeSet<CompetenceId> = employee
        .role_id
        .map(|role| {
            requirements
                .iter()
                .filter(|r| r.role_id == role)
                .map(|r| r.competence_id)
                .collect()
        })
        .unwrap_or_default();
    // In framework order, so that related competences follow each other.
    let ordered: Vec<CompetenceId> = competences
        .iter()
        .filter(|c| required.contains(&c.id))
        .map(|c| c.id)
        .collect();
    let done = answered_in_round(&history, employee.round_started_at);
    let pending: Vec<CompetenceId> = ordered
        .iter()
        .copied()
        .filter(|c| !done.contains(c))
        .collect();
    Ok(SelfRound {
        org_name: org_row.name,
        answered: ordered.len() - pending.len(),
        total: ordered.len(),
        pending,
        competences,
        levels,
        history,
    })
}

/// Self-answers given in the current round count as done.
pub(super) fn answered_in_round(
    history: &[AssessmentRow],
    round_started_at: Option<i64>,
) -> BTreeSet<CompetenceId> {
    history
        .iter()
        .filter(|a| {
            a.source == Source::SelfAssessment
                && round_started_at.is_some_and(|r| a.created_at >= r)
        })
        .map(|a| a.competence_id)
        .collect()
}

/// Starts a new round: every required competence is asked again.
#[tracing::instrument(skip(db), err(level = "debug"))]
pub async fn restart_round(db: &Db, user: UserId, org: OrganizationId) -> AppResult<()> {
    people::employee(db, org, user)
        .await?
        .ok_or(AppError::NotFound)?;
    // Times are whole seconds: an answer given in the second the new round
    // starts must not count as part of it.
    let last = people::assessments_of(db, org, user)
        .await?
        .iter()
        .map(|a| a.created_at)
        .max();
    let start = last.map_or(now(), |l| now().max(l + 1));
    people::start_round(db, org, user, start).await?;
    Ok(())
}

/// What was recorded, and whether it completed the person's round.
pub struct Recorded {
    pub assessment: AssessmentRow,
    pub round_complete: bool,
}

/// Field error of a competence the round does not ask (any more): not
/// required by the person's role, or already answered in this round.
pub const NOT_PENDING: &str = "assessment-not-pending";

/// A person assesses themself in `org`: only competences their role
/// requires that they have not yet answered in the current round (a new
/// round asks them all again), at a level of the scale.
#[tracing::instrument(skip(db, form), err(level = "debug"))]
pub async fn assess_myself(
    db: &Db,
    user: UserId,
    org: OrganizationId,
    form: &AssessmentForm,
) -> AppResult<Recorded> {
    let round = self_round(db, user, org).await?;
    let mut errors = FieldErrors::new();
    let competence = errors.check(
        "competence",
        form.competence
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|v| round.pending.iter().find(|p| p.0 == v).copied())
            .ok_or(NOT_PENDING),
    );
    let level = errors.check("level", Level::parse(&form.level));
    let (Some(competence), Some(level), true) = (competence, level, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let mut tx = db.begin().await?;
    let assessment = people::record_assessment(
        &mut tx,
        org,
        user,
        competence,
        level,
        Source::SelfAssessment,
        user,
        today(),
        now(),
    )
    .await?;
    tx.commit().await?;
    Ok(Recorded {
        assessment,
        round_complete: round.pending.len() <= 1,
    })
}

/// A manager's (or HR admin's) assessment of an employee who allowed it,
/// kept beside the employee's own. It and the audit row the employee sees
/// are written in one transaction: there is no assessment they cannot see
/// in their log. Assessing oneself this way follows the self-assessment's
/// rules.
#[tracing::instrument(skip(db, actor, networks, form), fields(actor = %actor.id), err(level = "debug"))]
pub async fn assess_employee(
    db: &Db,
    actor: &CurrentUser,
    org: OrganizationId,
    networks: &[NetworkId],
    subject: UserId,
    form: &AssessmentForm,
) -> AppResult<Recorded> {
    if actor.id == subject {
        return assess_myself(db, subject, org, form).await;
    }
    let employee = people::employee(db, org, subject)
        .await?
        .ok_or(AppError::NotFound)?;
    let who = privacy::Viewer {
        id: actor.id,
        role: actor.org_role(org),
    };
    if !privacy::may_assess(who, &employee.subject()) {
        return Err(AppError::Forbidden);
    }
    let (_, competences) = competences_for(db, networks).await?;
    let mut errors = FieldErrors::new();
    let competence = errors.check(
        "competence",
        // A retired competence still counts: people keep being assessed in
        // it until the network removes it.
        framework_competence(&form.competence, &competences, true),
    );
    let level = errors.check("level", Level::parse(&form.level));
    let (Some(competence), Some(level), true) = (competence, level, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let at = now();
    let mut tx = db.begin().await?;
    let assessment = people::record_assessment(
        &mut tx,
        org,
        subject,
        competence,
        level,
        Source::Manager,
        actor.id,
        today(),
        at,
    )
    .await?;
    people::audit(
        &mut tx,
        subject,
        actor.id,
        org,
        "manager-assessment",
        &competence.to_string(),
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(Recorded {
        assessment,
        round_complete: false,
    })
}
