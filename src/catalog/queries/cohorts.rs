//! SQL of demand pooling: published cohorts, providers' answers, opt-ins.

use sqlx::Row;

use crate::catalog::pooling::Cohort;
use crate::{
    db::Db,
    ids::{CompetenceId, NetworkId, OfferingId, OrganizationId, UserId},
    on_db,
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CohortRow {
    pub id: i64,
    pub competence_id: CompetenceId,
    pub band: String,
    pub lat: f64,
    pub lon: f64,
    pub radius_km: f64,
    pub districts: String,
    pub people: i64,
    pub companies: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AnswerRow {
    pub id: i64,
    pub cohort_id: i64,
    pub offering_id: OfferingId,
    pub offering_title: String,
    pub provider_id: OrganizationId,
    pub provider_name: String,
    pub message: String,
    /// Seats all companies together asked for.
    pub seats: i64,
    pub companies: i64,
}

/// Companies of the network with their position, for the pooling input.
pub async fn company_positions(
    db: &Db,
    network: NetworkId,
) -> Result<Vec<(OrganizationId, f64, f64)>, sqlx::Error> {
    on_db!(db, pool => {
        let rows = sqlx::query("SELECT o.id, o.lat, o.lon FROM organizations o JOIN network_members m ON m.org_id = o.id AND m.network_id = $1 AND m.status = 'approved'")
            .bind(network).fetch_all(pool).await?;
        rows.iter().map(|r| Ok((OrganizationId(r.try_get(0)?), r.try_get(1)?, r.try_get(2)?))).collect()
    })
}

/// Replaces the network's unanswered cohorts by `cohorts`; answered ones stay
/// (companies may still be opting in).
pub async fn publish(
    db: &Db,
    network: NetworkId,
    cohorts: &[Cohort],
    by: UserId,
    now: i64,
) -> Result<usize, sqlx::Error> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM cohorts WHERE network_id = $1 AND id NOT IN (SELECT cohort_id FROM cohort_answers)")
            .bind(network).execute(&mut *tx).await?;
        for c in cohorts {
            let districts = c.districts.iter().map(|(d, n)| format!("{d}:{n}")).collect::<Vec<_>>().join(";");
            let band = match c.band { crate::catalog::pooling::LevelBand::Basics => "basics", crate::catalog::pooling::LevelBand::Advanced => "advanced" };
            let id: i64 = sqlx::query_scalar("INSERT INTO cohorts (network_id, competence_id, band, lat, lon, radius_km, districts, people, companies, published_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id")
                .bind(network).bind(c.competence).bind(band).bind(c.centre.0).bind(c.centre.1).bind(c.radius_km)
                .bind(districts).bind(c.people as i64).bind(c.companies as i64).bind(by).bind(now)
                .fetch_one(&mut *tx).await?;
            let mut per_org: std::collections::BTreeMap<i64, i64> = std::collections::BTreeMap::new();
            for (org, _) in &c.members {
                *per_org.entry(*org).or_default() += 1;
            }
            for (org, people) in per_org {
                sqlx::query("INSERT INTO cohort_members (cohort_id, org_id, people) VALUES ($1, $2, $3)")
                    .bind(id).bind(org).bind(people).execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(cohorts.len())
    })
}

pub async fn cohorts(db: &Db, network: NetworkId) -> Result<Vec<CohortRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT id, competence_id, band, lat, lon, radius_km, districts, people, companies, created_at FROM cohorts WHERE network_id = $1 ORDER BY people DESC, id")
        .bind(network).fetch_all(pool).await)
}

pub async fn cohort(
    db: &Db,
    network: NetworkId,
    id: i64,
) -> Result<Option<CohortRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT id, competence_id, band, lat, lon, radius_km, districts, people, companies, created_at FROM cohorts WHERE network_id = $1 AND id = $2")
        .bind(network).bind(id).fetch_optional(pool).await)
}

pub async fn answers(db: &Db, network: NetworkId) -> Result<Vec<AnswerRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT a.id, a.cohort_id, a.offering_id, o.title AS offering_title, o.provider_id, p.name AS provider_name, a.message, \
        CAST(COALESCE((SELECT SUM(seats) FROM cohort_optins i WHERE i.answer_id = a.id), 0) AS BIGINT) AS seats, \
        (SELECT COUNT(*) FROM cohort_optins i WHERE i.answer_id = a.id) AS companies \
        FROM cohort_answers a JOIN cohorts c ON c.id = a.cohort_id JOIN offerings o ON o.id = a.offering_id JOIN organizations p ON p.id = o.provider_id \
        WHERE c.network_id = $1 ORDER BY a.id")
        .bind(network).fetch_all(pool).await)
}

pub async fn answer(
    db: &Db,
    network: NetworkId,
    id: i64,
) -> Result<Option<AnswerRow>, sqlx::Error> {
    Ok(answers(db, network).await?.into_iter().find(|a| a.id == id))
}

/// Records an answer; false when this offering already answers the cohort.
pub async fn add_answer(
    db: &Db,
    cohort: i64,
    offering: OfferingId,
    message: &str,
    by: UserId,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let r = on_db!(db, pool => sqlx::query_scalar("INSERT INTO cohort_answers (cohort_id, offering_id, message, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(cohort).bind(offering).bind(message).bind(by).bind(now).fetch_one(pool).await);
    match r {
        Ok(id) => Ok(Some(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Companies of a cohort with at least `k` people in it: the ones told by
/// mail (a smaller count would tell an employer about individuals).
pub async fn companies_to_notify(
    db: &Db,
    cohort: i64,
    k: i64,
) -> Result<Vec<OrganizationId>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT org_id FROM cohort_members WHERE cohort_id = $1 AND people >= $2")
        .bind(cohort).bind(k).fetch_all(pool).await)
}

pub async fn opt_in(
    db: &Db,
    answer: i64,
    org: OrganizationId,
    seats: i64,
    by: UserId,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("INSERT INTO cohort_optins (answer_id, org_id, seats, created_by, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (answer_id, org_id) DO UPDATE SET seats = excluded.seats, created_by = excluded.created_by, created_at = excluded.created_at")
        .bind(answer).bind(org).bind(seats).bind(by).bind(now).execute(pool).await.map(|_| ()))
}

/// Seats an organisation asked for, per answer.
pub async fn seats_of(db: &Db, org: OrganizationId) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    on_db!(db, pool => {
        let rows = sqlx::query("SELECT answer_id, seats FROM cohort_optins WHERE org_id = $1").bind(org).fetch_all(pool).await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    })
}

/// E-mail addresses of an organisation's admins.
pub async fn admin_emails(db: &Db, org: OrganizationId) -> Result<Vec<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT u.email FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 AND m.role = 'admin'")
        .bind(org).fetch_all(pool).await)
}
