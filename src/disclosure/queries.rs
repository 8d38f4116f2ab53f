//! What the protection reads and remembers: people's record keys and the
//! groups a company's figures have been published about.

use std::collections::HashMap;

use super::{RecordKey, overlap::Members};
use crate::{
    db::Db,
    ids::{CompetenceId, OrganizationId, UserId},
    on_db,
};

/// Record keys of everybody in a company.
pub async fn record_keys_in(
    db: &Db,
    org: OrganizationId,
) -> Result<HashMap<UserId, RecordKey>, sqlx::Error> {
    let rows: Vec<(UserId, i64)> = on_db!(db, pool => sqlx::query_as(
        "SELECT m.user_id, u.record_key FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1")
        .bind(org).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(u, k)| (u, RecordKey::from_stored(k)))
        .collect())
}

/// Every group a figure about a competence of this company was shown about.
pub async fn disclosed_groups(
    db: &Db,
    org: OrganizationId,
) -> Result<HashMap<CompetenceId, Vec<Members>>, sqlx::Error> {
    let rows: Vec<(CompetenceId, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT competence_id, members FROM disclosed_groups WHERE org_id = $1 ORDER BY id")
        .bind(org).fetch_all(pool).await)?;
    let mut out: HashMap<CompetenceId, Vec<Members>> = HashMap::new();
    for (c, m) in rows {
        out.entry(c).or_default().push(Members::decode(&m));
    }
    Ok(out)
}

/// Remembers groups published now; one transaction, duplicates from a
/// concurrent request are ignored.
pub async fn remember_groups(
    db: &Db,
    org: OrganizationId,
    groups: &[(CompetenceId, &Members)],
    now: i64,
) -> Result<(), sqlx::Error> {
    if groups.is_empty() {
        return Ok(());
    }
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        for (competence, members) in groups {
            sqlx::query("INSERT INTO disclosed_groups (org_id, competence_id, digest, members, first_shown_at) \
                         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
                .bind(org).bind(competence).bind(digest(members)).bind(members.encode()).bind(now)
                .execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// A stable 128-bit digest of a member list (FNV-1a, twice with different
/// offsets): only a unique key, not a secret.
fn digest(m: &Members) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    for id in m.ids() {
        for byte in id.to_le_bytes() {
            a = (a ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
            b = (b ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{a:016x}{b:016x}{:x}", m.len())
}
