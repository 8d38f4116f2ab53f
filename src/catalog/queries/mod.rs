//! All SQL of the catalog. Every write to an offering also writes a row to
//! `search_outbox` in the same transaction, so each node's search index can
//! catch up from the database alone.

pub mod cohorts;

use sqlx::Row;

use super::domain::{Format, NewOffering, OfferingStatus};
use crate::{
    db::Db,
    ids::{CompetenceId, ImportJobId, NetworkId, OfferingId, OrganizationId, UserId},
    on_db,
};

const COLUMNS: &str = "o.id, o.provider_id, p.name AS provider_name, o.external_id, o.title, o.description, o.format, o.start_day, o.end_day, o.schedule, o.hours_total, o.hours_per_week, o.part_time, o.evenings, o.weekends, o.street, o.postal_code, o.city, o.district_ags, o.lat, o.lon, o.language, o.price_cents, o.certificate, o.azav, o.step_free, o.childcare, o.plain_language, o.min_participants, o.max_participants, o.url, o.status, o.created_at, o.updated_at";

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct OfferingRow {
    pub id: OfferingId,
    pub provider_id: OrganizationId,
    pub provider_name: String,
    pub external_id: String,
    pub title: String,
    pub description: String,
    pub format: Format,
    pub start_day: Option<i64>,
    pub end_day: Option<i64>,
    pub schedule: String,
    pub hours_total: f64,
    pub hours_per_week: Option<f64>,
    pub part_time: bool,
    pub evenings: bool,
    pub weekends: bool,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub district_ags: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub language: String,
    pub price_cents: i64,
    pub certificate: String,
    pub azav: bool,
    pub step_free: bool,
    pub childcare: bool,
    pub plain_language: bool,
    pub min_participants: i64,
    pub max_participants: i64,
    pub url: String,
    pub status: OfferingStatus,
    pub created_at: i64,
    pub updated_at: i64,
}

impl OfferingRow {
    pub fn is_published(&self) -> bool {
        self.status == OfferingStatus::Published
    }

    /// Message key of the format's name.
    pub fn format_key(&self) -> &'static str {
        self.format.message_key()
    }

    /// The start date, or "start any time" in the reader's language.
    pub fn start_label(&self, c: &crate::web::Ctx) -> String {
        self.start_day
            .map(crate::kernel::days::format_date)
            .unwrap_or_else(|| c.t("offering-any-time"))
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfferingCompetenceRow {
    pub offering_id: OfferingId,
    pub competence_id: CompetenceId,
    pub level: i64,
}

/// Inserts, or updates `id` (or the provider's offering with the same
/// external id). Returns the id and whether it was new.
pub async fn save(
    db: &Db,
    provider: OrganizationId,
    id: Option<OfferingId>,
    o: &NewOffering,
    now: i64,
) -> Result<(OfferingId, bool), sqlx::Error> {
    let saved = save_all(db, provider, &[(id, o)], now, &Progress::default(), None).await?;
    saved.first().copied().ok_or(sqlx::Error::RowNotFound)
}

/// How far a running save has got, read by the import's progress page while
/// the transaction is still open.
#[derive(Debug, Default)]
pub struct Progress(std::sync::atomic::AtomicUsize);

impl Progress {
    pub fn get(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
    fn set(&self, n: usize) {
        self.0.store(n, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Saves offerings in one transaction: all of them or none. Each is
/// inserted, or updates its `id` (or the provider's offering with the same
/// external id). When `job` is given, the same transaction marks that import
/// job done with its counts, so the job says "done" exactly when the rows
/// are there. Returns each offering's id and whether it was new.
pub async fn save_all(
    db: &Db,
    provider: OrganizationId,
    offerings: &[(Option<OfferingId>, &NewOffering)],
    now: i64,
    progress: &Progress,
    job: Option<ImportJobId>,
) -> Result<Vec<(OfferingId, bool)>, sqlx::Error> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        if let Some(job) = job {
            // Holds the job's row lock for the whole save, so that another
            // server process starting meanwhile sees the job as alive.
            sqlx::query("UPDATE import_jobs SET status = 'running' WHERE id = $1").bind(job).execute(&mut *tx).await?;
        }
        let mut out = Vec::with_capacity(offerings.len());
        for (done, (id, o)) in offerings.iter().enumerate() {
            let place = o.place.as_ref();
            let existing: Option<OfferingId> = match id {
                Some(id) => Some(*id),
                // `external_id <> ''` repeats the partial unique index's condition,
                // without which the planner cannot use it and scans every offering
                // of the provider (22.8 ms a row at 100,000 offerings).
                None if !o.external_id.is_empty() => sqlx::query_scalar("SELECT id FROM offerings WHERE provider_id = $1 AND external_id = $2 AND external_id <> ''")
                    .bind(provider).bind(&o.external_id).fetch_optional(&mut *tx).await?,
                None => None,
            };
            // Both statements take the same 30 parameters; the update adds the id.
            let sql = match existing {
                Some(_) => "UPDATE offerings SET external_id = $1, title = $2, description = $3, format = $4, start_day = $5, end_day = $6, schedule = $7, hours_total = $8, hours_per_week = $9, part_time = $10, evenings = $11, weekends = $12, street = $13, postal_code = $14, city = $15, district_ags = $16, lat = $17, lon = $18, language = $19, price_cents = $20, certificate = $21, azav = $22, step_free = $23, childcare = $24, plain_language = $25, min_participants = $26, max_participants = $27, url = $28, status = 'published', updated_at = $29 WHERE provider_id = $30 AND id = $31 RETURNING id",
                None => "INSERT INTO offerings (external_id, title, description, format, start_day, end_day, schedule, hours_total, hours_per_week, part_time, evenings, weekends, street, postal_code, city, district_ags, lat, lon, language, price_cents, certificate, azav, step_free, childcare, plain_language, min_participants, max_participants, url, created_at, updated_at, provider_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $29, $30) RETURNING id",
            };
            let mut q = sqlx::query_scalar(sql)
                .bind(&o.external_id).bind(&o.title).bind(&o.description).bind(o.format.as_str())
                .bind(o.start_day).bind(o.end_day).bind(&o.schedule).bind(o.hours_total).bind(o.hours_per_week)
                .bind(o.part_time).bind(o.evenings).bind(o.weekends)
                .bind(place.map(|p| p.street.as_str()).unwrap_or_default())
                .bind(place.map(|p| p.postal_code.as_str()).unwrap_or_default())
                .bind(place.map(|p| p.city.as_str()).unwrap_or_default())
                .bind(place.map(|p| p.district_ags.as_str()))
                .bind(place.map(|p| p.lat)).bind(place.map(|p| p.lon))
                .bind(&o.language).bind(o.price_cents).bind(&o.certificate)
                .bind(o.azav).bind(o.step_free).bind(o.childcare).bind(o.plain_language)
                .bind(o.min_participants).bind(o.max_participants).bind(&o.url)
                .bind(now).bind(provider);
            if let Some(id) = existing {
                q = q.bind(id);
            }
            let saved: Option<OfferingId> = q.fetch_optional(&mut *tx).await?;
            let Some(saved) = saved else {
                return Err(sqlx::Error::RowNotFound);
            };
            sqlx::query("DELETE FROM offering_competences WHERE offering_id = $1").bind(saved).execute(&mut *tx).await?;
            for (c, level) in &o.competences {
                sqlx::query("INSERT INTO offering_competences (offering_id, competence_id, level) VALUES ($1, $2, $3)")
                    .bind(saved).bind(*c).bind(i64::from(level.value())).execute(&mut *tx).await?;
            }
            sqlx::query("INSERT INTO search_outbox (offering_id, created_at) VALUES ($1, $2)").bind(saved).bind(now).execute(&mut *tx).await?;
            out.push((saved, existing.is_none()));
            progress.set(done + 1);
        }
        if let Some(job) = job {
            let created = out.iter().filter(|(_, new)| *new).count() as i64;
            let updated = out.len() as i64 - created;
            sqlx::query("UPDATE import_jobs SET status = 'done', created_rows = $1, updated_rows = $2, finished_at = $3 WHERE id = $4")
                .bind(created).bind(updated).bind(now).bind(job).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(out)
    })
}

/// Withdraws (or republishes) an offering of `provider`.
pub async fn set_status(
    db: &Db,
    provider: OrganizationId,
    id: OfferingId,
    status: OfferingStatus,
    now: i64,
) -> Result<bool, sqlx::Error> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let n = sqlx::query("UPDATE offerings SET status = $1, updated_at = $2 WHERE id = $3 AND provider_id = $4")
            .bind(status.as_str()).bind(now).bind(id).bind(provider).execute(&mut *tx).await?.rows_affected();
        if n > 0 {
            sqlx::query("INSERT INTO search_outbox (offering_id, created_at) VALUES ($1, $2)").bind(id).bind(now).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(n > 0)
    })
}

pub async fn offering(db: &Db, id: OfferingId) -> Result<Option<OfferingRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM offerings o JOIN organizations p ON p.id = o.provider_id WHERE o.id = $1"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

pub async fn offerings_by_ids(
    db: &Db,
    ids: &[OfferingId],
) -> Result<Vec<OfferingRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = crate::db::id_list(ids);
    let sql = format!(
        "SELECT {COLUMNS} FROM offerings o JOIN organizations p ON p.id = o.provider_id WHERE o.id IN ({list})"
    );
    let mut rows: Vec<OfferingRow> =
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)?;
    // Keep the order of `ids` (the search's ranking).
    rows.sort_by_key(|r| ids.iter().position(|i| *i == r.id));
    Ok(rows)
}

pub async fn of_provider(
    db: &Db,
    provider: OrganizationId,
) -> Result<Vec<OfferingRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM offerings o JOIN organizations p ON p.id = o.provider_id WHERE o.provider_id = $1 ORDER BY o.status DESC, o.start_day IS NULL, o.start_day, o.title"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(provider).fetch_all(pool).await)
}

/// The newest published offerings of a network's approved providers.
pub async fn recent(
    db: &Db,
    network: NetworkId,
    limit: i64,
) -> Result<Vec<OfferingRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM offerings o JOIN organizations p ON p.id = o.provider_id WHERE o.status = 'published' AND o.provider_id IN (SELECT org_id FROM network_members WHERE network_id = $1 AND status = 'approved') ORDER BY o.created_at DESC, o.id DESC LIMIT $2"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(network).bind(limit).fetch_all(pool).await)
}

/// Every offering's competences (for a full re-index).
pub async fn all_offering_competences(db: &Db) -> Result<Vec<OfferingCompetenceRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT offering_id, competence_id, level FROM offering_competences").fetch_all(pool).await)
}

pub async fn competences_of(
    db: &Db,
    ids: &[OfferingId],
) -> Result<Vec<OfferingCompetenceRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = crate::db::id_list(ids);
    let sql = format!(
        "SELECT offering_id, competence_id, level FROM offering_competences WHERE offering_id IN ({list}) ORDER BY offering_id, level DESC, competence_id"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)
}

/// What the search index needs of an offering, with its provider's network.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IndexRow {
    #[sqlx(flatten)]
    pub offering: OfferingRow,
    pub network_id: Option<NetworkId>,
}

/// Published offerings for the index: all, or those in `ids`.
pub async fn index_rows(db: &Db, ids: Option<&[OfferingId]>) -> Result<Vec<IndexRow>, sqlx::Error> {
    let filter = match ids {
        Some([]) => return Ok(Vec::new()),
        Some(ids) => format!(" AND o.id IN ({})", crate::db::id_list(ids)),
        None => String::new(),
    };
    let sql = format!(
        "SELECT {COLUMNS}, m.network_id FROM offerings o JOIN organizations p ON p.id = o.provider_id \
         LEFT JOIN (SELECT org_id, MIN(network_id) AS network_id FROM network_members WHERE status = 'approved' GROUP BY org_id) m ON m.org_id = o.provider_id \
         WHERE o.status = 'published'{filter}"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)
}

/// (competence, name_de, area code) of every competence an offering builds.
pub async fn competence_labels(
    db: &Db,
) -> Result<Vec<(CompetenceId, String, String)>, sqlx::Error> {
    on_db!(db, pool => {
        let rows = sqlx::query("SELECT c.id, c.name_de, a.code FROM competences c JOIN competence_areas a ON a.id = c.area_id")
            .fetch_all(pool).await?;
        rows.iter().map(|r| Ok((CompetenceId(r.try_get(0)?), r.try_get(1)?, r.try_get(2)?))).collect()
    })
}

/// Outbox rows after `seq`, oldest first.
pub async fn outbox_after(
    db: &Db,
    seq: i64,
    limit: i64,
) -> Result<Vec<(i64, OfferingId)>, sqlx::Error> {
    on_db!(db, pool => {
        let rows = sqlx::query("SELECT seq, offering_id FROM search_outbox WHERE seq > $1 ORDER BY seq LIMIT $2")
            .bind(seq).bind(limit).fetch_all(pool).await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, OfferingId(r.try_get(1)?)))).collect()
    })
}

pub async fn max_outbox_seq(db: &Db) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(seq) FROM search_outbox").fetch_one(pool).await)
        .map(Option::unwrap_or_default)
}

/// (offering, lat, lon, competence) of every published offering of the
/// network's providers, one row per competence built.
pub async fn reach_rows(
    db: &Db,
    network: NetworkId,
) -> Result<Vec<(OfferingId, Option<f64>, Option<f64>, CompetenceId)>, sqlx::Error> {
    on_db!(db, pool => {
        let rows = sqlx::query("SELECT o.id, o.lat, o.lon, oc.competence_id FROM offerings o JOIN offering_competences oc ON oc.offering_id = o.id WHERE o.status = 'published' AND o.provider_id IN (SELECT org_id FROM network_members WHERE network_id = $1 AND status = 'approved') ORDER BY o.id")
            .bind(network).fetch_all(pool).await?;
        rows.iter().map(|r| Ok((OfferingId(r.try_get(0)?), r.try_get(1)?, r.try_get(2)?, CompetenceId(r.try_get(3)?)))).collect()
    })
}

// ---- Import jobs ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ImportJobRow {
    pub id: ImportJobId,
    pub provider_id: OrganizationId,
    pub status: super::domain::ImportStatus,
    pub total_rows: i64,
    pub created_rows: i64,
    pub updated_rows: i64,
    pub started_at: i64,
}

/// Records an upload about to be saved; committed before the save begins so
/// that a stopped server leaves a trace.
pub async fn create_import_job(
    db: &Db,
    provider: OrganizationId,
    user: Option<UserId>,
    total_rows: usize,
    now: i64,
) -> Result<ImportJobId, sqlx::Error> {
    let total = i64::try_from(total_rows).unwrap_or(i64::MAX);
    on_db!(db, pool => sqlx::query_scalar("INSERT INTO import_jobs (provider_id, user_id, status, total_rows, started_at) VALUES ($1, $2, 'running', $3, $4) RETURNING id")
        .bind(provider).bind(user).bind(total).bind(now).fetch_one(pool).await)
}

pub async fn import_job(
    db: &Db,
    provider: OrganizationId,
    job: ImportJobId,
) -> Result<Option<ImportJobRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT id, provider_id, status, total_rows, created_rows, updated_rows, started_at FROM import_jobs WHERE provider_id = $1 AND id = $2")
        .bind(provider).bind(job).fetch_optional(pool).await)
}

/// Marks a job failed; its transaction was rolled back, nothing was saved.
pub async fn fail_import_job(db: &Db, job: ImportJobId, now: i64) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("UPDATE import_jobs SET status = 'failed', finished_at = $1 WHERE id = $2 AND status = 'running'")
        .bind(now).bind(job).execute(pool).await.map(|_| ()))
}

/// At start: jobs still 'running' belong to a server that stopped, and their
/// transaction never committed. On PostgreSQL other server processes may be
/// saving right now; their job rows are locked by their open transaction
/// (`save_all` updates the row first), so `SKIP LOCKED` passes them over.
pub async fn fail_interrupted_imports(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let done = match db {
        Db::Sqlite(pool) => sqlx::query("UPDATE import_jobs SET status = 'failed', finished_at = $1 WHERE status = 'running'")
            .bind(now).execute(pool).await?.rows_affected(),
        Db::Postgres(pool) => sqlx::query("UPDATE import_jobs SET status = 'failed', finished_at = $1 WHERE id IN (SELECT id FROM import_jobs WHERE status = 'running' FOR UPDATE SKIP LOCKED)")
            .bind(now).execute(pool).await?.rows_affected(),
    };
    Ok(done)
}
