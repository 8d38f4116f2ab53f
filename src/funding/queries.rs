//! The funding rules in the database: every saved version is kept; the
//! newest applies. Without any, the shipped rules apply.

use super::rules::{self, Programme};
use crate::{db::Db, ids::UserId, on_db};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RulesVersion {
    pub id: i64,
    pub document: String,
    pub created_by_name: Option<String>,
    pub created_at: i64,
}

pub async fn versions(db: &Db) -> Result<Vec<RulesVersion>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT f.id, f.document, u.display_name AS created_by_name, f.created_at FROM funding_rules f LEFT JOIN users u ON u.id = f.created_by ORDER BY f.id DESC")
        .fetch_all(pool).await)
}

/// The programmes in force. A stored document was validated when saved; if
/// a later code change makes it unreadable, the shipped rules apply rather
/// than none.
pub async fn current(db: &Db) -> Result<Vec<Programme>, sqlx::Error> {
    let newest: Option<String> = on_db!(db, pool => sqlx::query_scalar("SELECT document FROM funding_rules ORDER BY id DESC LIMIT 1")
        .fetch_optional(pool).await)?;
    Ok(match newest {
        Some(doc) => rules::parse_programmes(&doc).unwrap_or_else(|_| rules::shipped_programmes()),
        None => rules::shipped_programmes(),
    })
}

pub async fn save(db: &Db, document: &str, by: UserId, now: i64) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("INSERT INTO funding_rules (document, created_by, created_at) VALUES ($1, $2, $3)")
        .bind(document).bind(by).bind(now).execute(pool).await.map(|_| ()))
}
