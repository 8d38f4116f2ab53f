//! Storage of the competence frameworks; `people` holds visions, employee
//! profiles, assessments and the audit log.

pub mod people;

use super::framework::{CompetenceRow as CsvRow, LevelRow};
use crate::{
    db::Db,
    ids::{CompetenceAreaId, CompetenceId, NetworkId},
    on_db,
};

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct AreaRow {
    pub id: CompetenceAreaId,
    pub code: String,
    pub name_de: String,
    pub name_en: String,
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct CompetenceRow {
    pub id: CompetenceId,
    pub area_id: CompetenceAreaId,
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    pub description_de: String,
    pub description_en: String,
    pub plain_de: String,
    pub plain_en: String,
    pub dqr_hint: String,
    pub technologies: String,
    pub esco_uri: String,
    pub sensitive: bool,
    pub retired: bool,
}

impl CompetenceRow {
    pub fn name(&self, lang: impl std::borrow::Borrow<crate::web::i18n::Lang>) -> &str {
        match *lang.borrow() {
            crate::web::i18n::Lang::En if !self.name_en.is_empty() => &self.name_en,
            _ => &self.name_de,
        }
    }

    pub fn plain(&self, lang: impl std::borrow::Borrow<crate::web::i18n::Lang>) -> &str {
        match *lang.borrow() {
            crate::web::i18n::Lang::En if !self.plain_en.is_empty() => &self.plain_en,
            _ if !self.plain_de.is_empty() => &self.plain_de,
            _ => self.description(lang),
        }
    }

    pub fn description(&self, lang: impl std::borrow::Borrow<crate::web::i18n::Lang>) -> &str {
        match *lang.borrow() {
            crate::web::i18n::Lang::En if !self.description_en.is_empty() => &self.description_en,
            _ => &self.description_de,
        }
    }
}

impl AreaRow {
    pub fn name(&self, lang: impl std::borrow::Borrow<crate::web::i18n::Lang>) -> &str {
        match *lang.borrow() {
            crate::web::i18n::Lang::En if !self.name_en.is_empty() => &self.name_en,
            _ => &self.name_de,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct LevelDescriptorRow {
    pub level: i64,
    pub label_de: String,
    pub label_en: String,
    pub descriptor_de: String,
    pub descriptor_en: String,
    pub plain_de: String,
    pub plain_en: String,
}

const COMPETENCE_COLUMNS: &str = "c.id, c.area_id, c.code, c.name_de, c.name_en, c.description_de, c.description_en, \
     c.plain_de, c.plain_en, c.dqr_hint, c.technologies, c.esco_uri, c.sensitive, c.retired";

pub async fn areas(db: &Db, network: NetworkId) -> Result<Vec<AreaRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, AreaRow>(
        "SELECT id, code, name_de, name_en FROM competence_areas WHERE network_id = $1 ORDER BY position, id")
        .bind(network).fetch_all(pool).await)
}

/// The network's competences in framework order.
pub async fn competences(db: &Db, network: NetworkId) -> Result<Vec<CompetenceRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COMPETENCE_COLUMNS} FROM competences c JOIN competence_areas a ON a.id = c.area_id \
         WHERE c.network_id = $1 ORDER BY a.position, a.id, c.position, c.id"
    );
    on_db!(db, pool => sqlx::query_as::<_, CompetenceRow>(sqlx::AssertSqlSafe(sql)).bind(network).fetch_all(pool).await)
}

pub async fn levels(db: &Db, network: NetworkId) -> Result<Vec<LevelDescriptorRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, LevelDescriptorRow>(
        "SELECT level, label_de, label_en, descriptor_de, descriptor_en, plain_de, plain_en \
         FROM level_descriptors WHERE network_id = $1 ORDER BY level")
        .bind(network).fetch_all(pool).await)
}

/// What an import changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub created: u32,
    pub updated: u32,
}

/// Inserts or updates competences (matched by code) and their areas, in one
/// transaction. Competences missing from the file stay: assessments refer
/// to them. Level descriptors are replaced when given.
pub async fn import_framework(
    db: &Db,
    network: NetworkId,
    rows: &[CsvRow],
    levels: &[LevelRow],
) -> Result<ImportSummary, sqlx::Error> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let mut summary = ImportSummary::default();
        let mut area_position: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(position), 0) FROM competence_areas WHERE network_id = $1")
            .bind(network).fetch_one(&mut *tx).await?;
        let mut position: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(position), 0) FROM competences WHERE network_id = $1")
            .bind(network).fetch_one(&mut *tx).await?;
        for row in rows {
            let existing_area: Option<CompetenceAreaId> = sqlx::query_scalar("SELECT id FROM competence_areas WHERE network_id = $1 AND code = $2")
                .bind(network).bind(&row.area_code).fetch_optional(&mut *tx).await?;
            let area = match existing_area {
                Some(id) => id,
                None => {
                    area_position += 1;
                    sqlx::query_scalar("INSERT INTO competence_areas (network_id, code, name_de, name_en, position) VALUES ($1, $2, $3, $4, $5) RETURNING id")
                        .bind(network).bind(&row.area_code).bind(&row.area_de).bind(&row.area_en).bind(area_position)
                        .fetch_one(&mut *tx).await?
                }
            };
            let existing: Option<CompetenceId> = sqlx::query_scalar("SELECT id FROM competences WHERE network_id = $1 AND code = $2")
                .bind(network).bind(&row.code).fetch_optional(&mut *tx).await?;
            let technologies = row.technologies.join(";");
            match existing {
                Some(id) => {
                    sqlx::query("UPDATE competences SET area_id = $1, name_de = $2, name_en = $3, description_de = $4, description_en = $5, \
                                 plain_de = $6, plain_en = $7, dqr_hint = $8, technologies = $9, esco_uri = $10, sensitive = $11 WHERE id = $12")
                        .bind(area).bind(&row.name_de).bind(&row.name_en).bind(&row.description_de).bind(&row.description_en)
                        .bind(&row.plain_de).bind(&row.plain_en).bind(&row.dqr_hint).bind(&technologies).bind(&row.esco_uri)
                        .bind(row.sensitive()).bind(id)
                        .execute(&mut *tx).await?;
                    summary.updated += 1;
                }
                None => {
                    position += 1;
                    sqlx::query("INSERT INTO competences (network_id, area_id, code, name_de, name_en, description_de, description_en, \
                                 plain_de, plain_en, dqr_hint, technologies, esco_uri, sensitive, position) \
                                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
                        .bind(network).bind(area).bind(&row.code).bind(&row.name_de).bind(&row.name_en).bind(&row.description_de)
                        .bind(&row.description_en).bind(&row.plain_de).bind(&row.plain_en).bind(&row.dqr_hint).bind(&technologies)
                        .bind(&row.esco_uri).bind(row.sensitive()).bind(position)
                        .execute(&mut *tx).await?;
                    summary.created += 1;
                }
            }
        }
        if !levels.is_empty() {
            sqlx::query("DELETE FROM level_descriptors WHERE network_id = $1").bind(network).execute(&mut *tx).await?;
            for l in levels {
                sqlx::query("INSERT INTO level_descriptors (network_id, level, label_de, label_en, descriptor_de, descriptor_en, plain_de, plain_en) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                    .bind(network).bind(i64::from(l.level)).bind(&l.label_de).bind(&l.label_en).bind(&l.descriptor_de)
                    .bind(&l.descriptor_en).bind(&l.plain_de).bind(&l.plain_en)
                    .execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(summary)
    })
}

/// The framework in CSV rows, for export.
pub async fn export_rows(db: &Db, network: NetworkId) -> Result<Vec<CsvRow>, sqlx::Error> {
    let areas = areas(db, network).await?;
    let competences = competences(db, network).await?;
    Ok(competences
        .into_iter()
        .filter_map(|c| {
            let area = areas.iter().find(|a| a.id == c.area_id)?;
            Some(CsvRow {
                area_code: area.code.clone(),
                area_de: area.name_de.clone(),
                area_en: area.name_en.clone(),
                code: c.code,
                name_de: c.name_de,
                name_en: c.name_en,
                description_de: c.description_de,
                description_en: c.description_en,
                plain_de: c.plain_de,
                plain_en: c.plain_en,
                dqr_hint: c.dqr_hint,
                technologies: super::framework::technology_list(&c.technologies),
                esco_uri: c.esco_uri,
            })
        })
        .collect())
}

pub async fn competence(
    db: &Db,
    network: NetworkId,
    id: CompetenceId,
) -> Result<Option<CompetenceRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COMPETENCE_COLUMNS} FROM competences c WHERE c.network_id = $1 AND c.id = $2"
    );
    on_db!(db, pool => sqlx::query_as::<_, CompetenceRow>(sqlx::AssertSqlSafe(sql)).bind(network).bind(id).fetch_optional(pool).await)
}

/// Competences by id, whatever network they belong to (an offering names
/// them by id).
pub async fn competences_by_ids(
    db: &Db,
    ids: &[CompetenceId],
) -> Result<Vec<CompetenceRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = crate::db::id_list(ids);
    let sql = format!("SELECT {COMPETENCE_COLUMNS} FROM competences c WHERE c.id IN ({list})");
    on_db!(db, pool => sqlx::query_as::<_, CompetenceRow>(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)
}

pub async fn competence_by_code(
    db: &Db,
    network: NetworkId,
    code: &str,
) -> Result<Option<CompetenceRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COMPETENCE_COLUMNS} FROM competences c WHERE c.network_id = $1 AND c.code = $2"
    );
    on_db!(db, pool => sqlx::query_as::<_, CompetenceRow>(sqlx::AssertSqlSafe(sql)).bind(network).bind(code).fetch_optional(pool).await)
}

pub async fn set_retired(
    db: &Db,
    network: NetworkId,
    code: &str,
    retired: bool,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("UPDATE competences SET retired = $1 WHERE network_id = $2 AND code = $3")
        .bind(retired).bind(network).bind(code).execute(pool).await.map(|_| ()))
}
