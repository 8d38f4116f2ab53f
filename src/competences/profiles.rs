//! A person's competence profile as several domains need it: the
//! competences of the networks their organisation belongs to, and their
//! gaps against their role today. Used by the self-assessment, the
//! company's pages, the API and the catalog's recommendations.

use super::{
    gaps::{self, Gap},
    queries::people::{AssessmentRow, EmployeeRow, RequirementRow},
    queries::{self as fw, AreaRow, CompetenceRow},
};
use crate::{db::Db, error::AppResult, ids::NetworkId, kernel::days::today};

/// Competences of every network the organisation belongs to, in framework order.
pub async fn competences_for(
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

/// Gaps of one employee against their role.
pub fn person_gaps(
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
