//! SQL of the ideas module. Counters (comments, ratings) are kept on the
//! idea row in the same transaction as the change, so that lists, the map
//! and exports never aggregate over comments or ratings.

use super::{
    domain::{AnswerStatus, CampaignKind, IdeaState, Image, NewCampaign, NewIdea, NewLab},
    notify::MailPref,
    rules::{Phase, PhaseDates, Schedule},
};
use crate::{
    db::{Db, Exec, Tx, id_list},
    ids::{
        IdeaCampaignId, IdeaCategoryId, IdeaCommentId, IdeaId, IdeaLabId, NetworkId,
        NotificationId, OrganizationId, UserId,
    },
    on_conn, on_db,
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CampaignRow {
    pub id: IdeaCampaignId,
    pub network_id: NetworkId,
    pub org_id: Option<OrganizationId>,
    pub kind: CampaignKind,
    pub title: String,
    pub description: String,
    pub contact_user_id: Option<UserId>,
    pub moderators_see_authors: bool,
    pub results_published_at: Option<i64>,
    pub created_at: i64,
    pub org_name: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CategoryRow {
    pub id: IdeaCategoryId,
    pub name: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IdeaRow {
    pub id: IdeaId,
    pub campaign_id: IdeaCampaignId,
    pub category_id: Option<IdeaCategoryId>,
    pub lab_id: Option<IdeaLabId>,
    pub author_id: Option<UserId>,
    pub title: String,
    pub body: String,
    pub state: IdeaState,
    pub anonymous: bool,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub district_ags: Option<String>,
    pub place: String,
    pub contact_user_id: Option<UserId>,
    pub image_alt: String,
    pub hidden_reason: String,
    pub merged_into: Option<IdeaId>,
    pub answer_status: Option<AnswerStatus>,
    pub answer_text: String,
    pub answered_at: Option<i64>,
    pub comment_count: i64,
    pub rating_count: i64,
    pub rating_sum: i64,
    pub reviewed: bool,
    pub created_at: i64,
    pub published_at: Option<i64>,
    pub updated_at: i64,
    pub author_name: Option<String>,
    pub category_name: Option<String>,
    pub campaign_title: String,
    pub lab_title: Option<String>,
    pub contact_name: Option<String>,
    pub has_image: bool,
}

impl IdeaRow {
    pub fn status_key(&self) -> &'static str {
        AnswerStatus::key_of(self.answer_status)
    }
    /// Mean of the ratings (1–5); None without any.
    pub fn rating_mean(&self) -> Option<f64> {
        (self.rating_count > 0).then(|| self.rating_sum as f64 / self.rating_count as f64)
    }
    /// Mean of the ratings with one decimal, "–" without any.
    pub fn rating_label(&self) -> String {
        self.rating_mean()
            .map(|m| format!("{m:.1}").replace('.', ","))
            .unwrap_or_else(|| "–".to_owned())
    }
    pub fn district_name(&self) -> String {
        self.district_ags
            .as_deref()
            .map(crate::regions::district_name)
            .unwrap_or_default()
    }
    pub fn published_date(&self) -> String {
        crate::kernel::days::format_date(crate::kernel::days::day_of(
            self.published_at.unwrap_or(self.created_at),
        ))
    }
}

const IDEA_SELECT: &str = "SELECT i.id, i.campaign_id, i.category_id, i.lab_id, i.author_id, i.title, i.body, i.state, i.anonymous, i.lat, i.lon, i.district_ags, i.place, i.contact_user_id, i.image_alt, i.hidden_reason, i.merged_into, i.answer_status, i.answer_text, i.answered_at, i.comment_count, i.rating_count, i.rating_sum, i.reviewed, i.created_at, i.published_at, i.updated_at, \
    u.display_name AS author_name, cat.name AS category_name, c.title AS campaign_title, l.title AS lab_title, cu.display_name AS contact_name, \
    EXISTS (SELECT 1 FROM idea_images im WHERE im.idea_id = i.id) AS has_image \
    FROM ideas i JOIN idea_campaigns c ON c.id = i.campaign_id \
    LEFT JOIN users u ON u.id = i.author_id \
    LEFT JOIN idea_categories cat ON cat.id = i.category_id \
    LEFT JOIN idea_labs l ON l.id = i.lab_id \
    LEFT JOIN users cu ON cu.id = COALESCE(i.contact_user_id, c.contact_user_id)";

const CAMPAIGN_SELECT: &str = "SELECT c.id, c.network_id, c.org_id, c.kind, c.title, c.description, c.contact_user_id, c.moderators_see_authors, c.results_published_at, c.created_at, o.name AS org_name \
    FROM idea_campaigns c LEFT JOIN organizations o ON o.id = c.org_id";

pub async fn campaigns(db: &Db, network: NetworkId) -> Result<Vec<CampaignRow>, sqlx::Error> {
    let sql = format!("{CAMPAIGN_SELECT} WHERE c.network_id = $1 ORDER BY c.id DESC");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(network).fetch_all(pool).await)
}

pub async fn campaign(db: &Db, id: IdeaCampaignId) -> Result<Option<CampaignRow>, sqlx::Error> {
    let sql = format!("{CAMPAIGN_SELECT} WHERE c.id = $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(pool).await)
}

pub async fn schedule(db: &Db, campaign: IdeaCampaignId) -> Result<Option<Schedule>, sqlx::Error> {
    let rows: Vec<(String, i64, i64)> = on_db!(db, pool => sqlx::query_as("SELECT phase, starts_on, ends_on FROM idea_phases WHERE campaign_id = $1 ORDER BY starts_on")
        .bind(campaign).fetch_all(pool).await)?;
    let phases = rows
        .into_iter()
        .filter_map(|(p, starts, ends)| {
            Some(PhaseDates {
                phase: Phase::parse(&p)?,
                starts,
                ends,
            })
        })
        .collect();
    Ok(Schedule::new(phases).ok())
}

pub async fn categories(
    db: &Db,
    campaign: IdeaCampaignId,
) -> Result<Vec<CategoryRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT id, name FROM idea_categories WHERE campaign_id = $1 ORDER BY position, id")
        .bind(campaign).fetch_all(pool).await)
}

/// Categories of every campaign of a network, for the map's filters.
pub async fn network_categories(
    db: &Db,
    network: NetworkId,
) -> Result<Vec<(IdeaCampaignId, CategoryRow)>, sqlx::Error> {
    let rows: Vec<(i64, i64, String)> = on_db!(db, pool => sqlx::query_as("SELECT g.campaign_id, g.id, g.name FROM idea_categories g JOIN idea_campaigns c ON c.id = g.campaign_id WHERE c.network_id = $1 AND c.org_id IS NULL ORDER BY g.campaign_id, g.position, g.id")
        .bind(network).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(k, id, name)| {
            (
                IdeaCampaignId(k),
                CategoryRow {
                    id: IdeaCategoryId(id),
                    name,
                },
            )
        })
        .collect())
}

pub async fn criteria(
    db: &Db,
    campaign: IdeaCampaignId,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT id, name FROM idea_jury_criteria WHERE campaign_id = $1 ORDER BY position, id")
        .bind(campaign).fetch_all(pool).await)
}

/// Jury members with their e-mail address.
pub async fn jury(db: &Db, campaign: IdeaCampaignId) -> Result<Vec<(UserId, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT u.id, u.email FROM idea_jury_members j JOIN users u ON u.id = j.user_id WHERE j.campaign_id = $1 ORDER BY u.email")
        .bind(campaign).fetch_all(pool).await)
}

/// Accounts for e-mail addresses; unknown addresses are left out.
pub async fn users_by_email(
    db: &Db,
    emails: &[String],
) -> Result<Vec<(String, UserId)>, sqlx::Error> {
    let mut out = Vec::new();
    for e in emails {
        let id: Option<i64> = on_db!(db, pool => sqlx::query_scalar("SELECT id FROM users WHERE lower(email) = $1")
            .bind(e).fetch_optional(pool).await)?;
        if let Some(id) = id {
            out.push((e.clone(), UserId(id)));
        }
    }
    Ok(out)
}

/// Creates or replaces a campaign. Categories and criteria are matched by
/// name so that ideas keep theirs when the list is edited.
pub async fn save_campaign(
    db: &Db,
    network: NetworkId,
    existing: Option<IdeaCampaignId>,
    c: &NewCampaign,
    jury: &[UserId],
    by: UserId,
    now: i64,
) -> Result<IdeaCampaignId, sqlx::Error> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: i64 = match existing {
            Some(id) => {
                sqlx::query("UPDATE idea_campaigns SET title = $1, description = $2, kind = $3, contact_user_id = $4, moderators_see_authors = $5 WHERE id = $6")
                    .bind(&c.title).bind(&c.description).bind(c.kind.as_str()).bind(c.contact).bind(c.moderators_see_authors).bind(id)
                    .execute(&mut *tx).await?;
                id.0
            }
            None => sqlx::query_scalar("INSERT INTO idea_campaigns (network_id, org_id, kind, title, description, contact_user_id, moderators_see_authors, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
                .bind(network).bind(c.org).bind(c.kind.as_str()).bind(&c.title).bind(&c.description).bind(c.contact).bind(c.moderators_see_authors).bind(by).bind(now)
                .fetch_one(&mut *tx).await?,
        };
        sqlx::query("DELETE FROM idea_phases WHERE campaign_id = $1").bind(id).execute(&mut *tx).await?;
        for p in c.schedule.phases() {
            sqlx::query("INSERT INTO idea_phases (campaign_id, phase, starts_on, ends_on) VALUES ($1, $2, $3, $4)")
                .bind(id).bind(p.phase.as_str()).bind(p.starts).bind(p.ends).execute(&mut *tx).await?;
        }
        for (table, names) in [("idea_categories", &c.categories), ("idea_jury_criteria", &c.criteria)] {
            let old: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT id, name FROM {table} WHERE campaign_id = $1")))
                .bind(id).fetch_all(&mut *tx).await?;
            for (oid, name) in &old {
                if !names.contains(name) {
                    sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE id = $1"))).bind(oid).execute(&mut *tx).await?;
                }
            }
            for (pos, name) in names.iter().enumerate() {
                match old.iter().find(|(_, n)| n == name) {
                    Some((oid, _)) => sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE {table} SET position = $1 WHERE id = $2"))).bind(pos as i64).bind(oid).execute(&mut *tx).await?,
                    None => sqlx::query(sqlx::AssertSqlSafe(format!("INSERT INTO {table} (campaign_id, name, position) VALUES ($1, $2, $3)"))).bind(id).bind(name).bind(pos as i64).execute(&mut *tx).await?,
                };
            }
        }
        sqlx::query("DELETE FROM idea_jury_members WHERE campaign_id = $1").bind(id).execute(&mut *tx).await?;
        for u in jury {
            sqlx::query("INSERT INTO idea_jury_members (campaign_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id).bind(u).execute(&mut *tx).await?;
        }
        sqlx::query(BUMP).bind(network).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(IdeaCampaignId(id))
    })
}

/// Marks the network's idea map as changed; run inside the writing
/// transaction so that no node can see the change without the new revision.
const BUMP: &str = "INSERT INTO idea_map_revisions (network_id, revision) VALUES ($1, 1) ON CONFLICT (network_id) DO UPDATE SET revision = idea_map_revisions.revision + 1";

/// The network's map revision; 0 before any idea was written.
pub async fn revision(db: &Db, network: NetworkId) -> Result<i64, sqlx::Error> {
    let r: Option<i64> = on_db!(db, pool => sqlx::query_scalar("SELECT revision FROM idea_map_revisions WHERE network_id = $1")
        .bind(network).fetch_optional(pool).await)?;
    Ok(r.unwrap_or(0))
}

pub async fn set_results_published(
    db: impl Into<Exec<'_>>,
    campaign: IdeaCampaignId,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(db, conn => sqlx::query("UPDATE idea_campaigns SET results_published_at = $1 WHERE id = $2")
        .bind(now).bind(campaign).execute(&mut *conn).await.map(|_| ()))?;
    Ok(())
}

pub async fn create_idea(
    db: impl Into<Exec<'_>>,
    network: NetworkId,
    campaign: IdeaCampaignId,
    author: UserId,
    idea: &NewIdea,
    image: Option<&Image>,
    now: i64,
) -> Result<IdeaId, sqlx::Error> {
    let state = if idea.draft {
        IdeaState::Draft
    } else {
        IdeaState::Published
    };
    let (lat, lon, district) = match &idea.location {
        Some(l) => (Some(l.lat), Some(l.lon), Some(l.district.clone())),
        None => (None, None, None),
    };
    on_conn!(db, conn => {
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        let id: i64 = sqlx::query_scalar("INSERT INTO ideas (campaign_id, category_id, lab_id, author_id, title, body, state, anonymous, lat, lon, district_ags, place, contact_user_id, image_alt, created_at, published_at, updated_at) \
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $15) RETURNING id")
            .bind(campaign).bind(idea.category).bind(idea.lab).bind(author).bind(&idea.title).bind(&idea.body)
            .bind(state.as_str()).bind(idea.anonymous).bind(lat).bind(lon).bind(district).bind(&idea.place)
            .bind(idea.contact).bind(&idea.image_alt).bind(now).bind((!idea.draft).then_some(now))
            .fetch_one(&mut *tx).await?;
        if let Some(img) = image {
            sqlx::query("INSERT INTO idea_images (idea_id, content_type, bytes) VALUES ($1, $2, $3)")
                .bind(id).bind(img.content_type).bind(&img.bytes).execute(&mut *tx).await?;
        }
        sqlx::query("INSERT INTO idea_follows (idea_id, user_id) VALUES ($1, $2)").bind(id).bind(author).execute(&mut *tx).await?;
        sqlx::query(BUMP).bind(network).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(IdeaId(id))
    })
}

/// Saves changes to an idea; publishing a draft stamps its publication.
pub async fn update_idea(
    db: impl Into<Exec<'_>>,
    network: NetworkId,
    id: IdeaId,
    idea: &NewIdea,
    image: Option<&Image>,
    publish: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (lat, lon, district) = match &idea.location {
        Some(l) => (Some(l.lat), Some(l.lon), Some(l.district.clone())),
        None => (None, None, None),
    };
    on_conn!(db, conn => {
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        sqlx::query("UPDATE ideas SET category_id = $1, lab_id = $2, title = $3, body = $4, anonymous = $5, lat = $6, lon = $7, district_ags = $8, place = $9, contact_user_id = $10, image_alt = $11, updated_at = $12 WHERE id = $13")
            .bind(idea.category).bind(idea.lab).bind(&idea.title).bind(&idea.body).bind(idea.anonymous)
            .bind(lat).bind(lon).bind(district).bind(&idea.place).bind(idea.contact).bind(&idea.image_alt).bind(now).bind(id)
            .execute(&mut *tx).await?;
        if publish {
            sqlx::query("UPDATE ideas SET state = 'published', published_at = $1 WHERE id = $2 AND state = 'draft'")
                .bind(now).bind(id).execute(&mut *tx).await?;
        }
        if let Some(img) = image {
            sqlx::query("DELETE FROM idea_images WHERE idea_id = $1").bind(id).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO idea_images (idea_id, content_type, bytes) VALUES ($1, $2, $3)")
                .bind(id).bind(img.content_type).bind(&img.bytes).execute(&mut *tx).await?;
        }
        sqlx::query(BUMP).bind(network).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    })
}

pub async fn idea(db: impl Into<Exec<'_>>, id: IdeaId) -> Result<Option<IdeaRow>, sqlx::Error> {
    let sql = format!("{IDEA_SELECT} WHERE i.id = $1");
    on_conn!(db, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(&mut *conn).await)
}

pub async fn image(db: &Db, id: IdeaId) -> Result<Option<(String, Vec<u8>)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT content_type, bytes FROM idea_images WHERE idea_id = $1")
        .bind(id).fetch_optional(pool).await)
}

/// Published ideas of a campaign, newest first (moderators also see hidden
/// and merged ones).
pub async fn campaign_ideas(
    db: &Db,
    campaign: IdeaCampaignId,
    with_hidden: bool,
) -> Result<Vec<IdeaRow>, sqlx::Error> {
    let states = if with_hidden {
        "('published', 'hidden', 'merged')"
    } else {
        "('published')"
    };
    let sql = format!(
        "{IDEA_SELECT} WHERE i.campaign_id = $1 AND i.state IN {states} ORDER BY i.published_at DESC, i.id DESC"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(campaign).fetch_all(pool).await)
}

/// Rows for ids in the order given (the map index decides the order).
pub async fn ideas_by_ids(db: &Db, ids: &[IdeaId]) -> Result<Vec<IdeaRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{IDEA_SELECT} WHERE i.id IN ({})", id_list(ids));
    let rows: Vec<IdeaRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(pool).await)?;
    Ok(ids
        .iter()
        .filter_map(|id| rows.iter().find(|r| r.id == *id).cloned())
        .collect())
}

/// A person's drafts and own ideas in a campaign.
pub async fn own_ideas(
    db: &Db,
    campaign: IdeaCampaignId,
    user: UserId,
) -> Result<Vec<IdeaRow>, sqlx::Error> {
    let sql = format!(
        "{IDEA_SELECT} WHERE i.campaign_id = $1 AND i.author_id = $2 ORDER BY i.updated_at DESC"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(campaign).bind(user).fetch_all(pool).await)
}

/// The newest published ideas of a network's public campaigns (feed).
pub async fn newest_public(
    db: &Db,
    network: NetworkId,
    limit: i64,
) -> Result<Vec<IdeaRow>, sqlx::Error> {
    let sql = format!(
        "{IDEA_SELECT} WHERE c.network_id = $1 AND c.org_id IS NULL AND i.state = 'published' ORDER BY i.published_at DESC, i.id DESC LIMIT $2"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(network).bind(limit).fetch_all(pool).await)
}

/// What the idea map needs of every published idea of the network's
/// public campaigns.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MapRow {
    pub id: IdeaId,
    pub campaign_id: IdeaCampaignId,
    pub category_id: Option<IdeaCategoryId>,
    pub lab_id: Option<IdeaLabId>,
    pub district_ags: Option<String>,
    pub answer_status: Option<AnswerStatus>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub title: String,
    pub published_at: Option<i64>,
}

pub async fn map_rows(db: &Db, network: NetworkId) -> Result<Vec<MapRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT i.id, i.campaign_id, i.category_id, i.lab_id, i.district_ags, i.answer_status, i.lat, i.lon, i.title, i.published_at \
        FROM ideas i JOIN idea_campaigns c ON c.id = i.campaign_id WHERE c.network_id = $1 AND c.org_id IS NULL AND i.state = 'published' ORDER BY i.published_at DESC, i.id DESC")
        .bind(network).fetch_all(pool).await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    pub id: IdeaCommentId,
    pub idea_id: IdeaId,
    pub parent_id: Option<IdeaCommentId>,
    pub author_id: Option<UserId>,
    pub author_name: Option<String>,
    pub body: String,
    pub hidden_reason: String,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub open_reports: i64,
}

const COMMENT_SELECT: &str = "SELECT m.id, m.idea_id, m.parent_id, m.author_id, u.display_name AS author_name, m.body, m.hidden_reason, m.created_at, m.edited_at, \
    (SELECT COUNT(*) FROM idea_comment_reports r WHERE r.comment_id = m.id AND r.resolved_at IS NULL) AS open_reports \
    FROM idea_comments m LEFT JOIN users u ON u.id = m.author_id";

pub async fn comments(db: &Db, idea: IdeaId) -> Result<Vec<CommentRow>, sqlx::Error> {
    let sql = format!("{COMMENT_SELECT} WHERE m.idea_id = $1 ORDER BY m.id");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(idea).fetch_all(pool).await)
}

pub async fn comment(
    db: impl Into<Exec<'_>>,
    id: IdeaCommentId,
) -> Result<Option<CommentRow>, sqlx::Error> {
    let sql = format!("{COMMENT_SELECT} WHERE m.id = $1");
    on_conn!(db, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(&mut *conn).await)
}

pub async fn add_comment(
    db: impl Into<Exec<'_>>,
    idea: IdeaId,
    parent: Option<IdeaCommentId>,
    author: UserId,
    body: &str,
    now: i64,
) -> Result<IdeaCommentId, sqlx::Error> {
    on_conn!(db, conn => {
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        let id: i64 = sqlx::query_scalar("INSERT INTO idea_comments (idea_id, parent_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(idea).bind(parent).bind(author).bind(body).bind(now).fetch_one(&mut *tx).await?;
        sqlx::query("UPDATE ideas SET comment_count = comment_count + 1 WHERE id = $1").bind(idea).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(IdeaCommentId(id))
    })
}

pub async fn edit_comment(
    db: impl Into<Exec<'_>>,
    id: IdeaCommentId,
    body: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(db, conn => sqlx::query("UPDATE idea_comments SET body = $1, edited_at = $2 WHERE id = $3")
        .bind(body).bind(now).bind(id).execute(&mut *conn).await.map(|_| ()))?;
    Ok(())
}

/// False when this person reported the comment before.
pub async fn report_comment(
    db: impl Into<Exec<'_>>,
    id: IdeaCommentId,
    user: UserId,
    reason: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let r = on_conn!(db, conn => sqlx::query("INSERT INTO idea_comment_reports (comment_id, user_id, reason, created_at) VALUES ($1, $2, $3, $4)")
        .bind(id).bind(user).bind(reason).bind(now).execute(&mut *conn).await.map(|_| ()));
    match r {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e),
    }
}

/// Hides a comment (reason shown in its place) or keeps it, and closes its
/// reports either way.
pub async fn decide_comment(
    db: impl Into<Exec<'_>>,
    id: IdeaCommentId,
    idea: IdeaId,
    hide_reason: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(db, conn => {
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        if let Some(reason) = hide_reason {
            let changed = sqlx::query("UPDATE idea_comments SET hidden_reason = $1 WHERE id = $2 AND hidden_reason = ''")
                .bind(reason).bind(id).execute(&mut *tx).await?.rows_affected();
            if changed > 0 {
                sqlx::query("UPDATE ideas SET comment_count = comment_count - 1 WHERE id = $1").bind(idea).execute(&mut *tx).await?;
            }
        }
        sqlx::query("UPDATE idea_comment_reports SET resolved_at = $1 WHERE comment_id = $2 AND resolved_at IS NULL")
            .bind(now).bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    })
}

/// Sets a person's rating; the idea's sum and count follow in the same
/// transaction. Returns the previous rating.
pub async fn rate(
    db: impl Into<Exec<'_>>,
    idea: IdeaId,
    user: UserId,
    stars: i64,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    on_conn!(db, conn => {
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        let old: Option<i64> = sqlx::query_scalar("SELECT stars FROM idea_ratings WHERE idea_id = $1 AND user_id = $2")
            .bind(idea).bind(user).fetch_optional(&mut *tx).await?;
        sqlx::query("INSERT INTO idea_ratings (idea_id, user_id, stars, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (idea_id, user_id) DO UPDATE SET stars = excluded.stars, updated_at = excluded.updated_at")
            .bind(idea).bind(user).bind(stars).bind(now).execute(&mut *tx).await?;
        let (dcount, dsum) = match old { Some(o) => (0i64, stars - o), None => (1, stars) };
        sqlx::query("UPDATE ideas SET rating_count = rating_count + $1, rating_sum = rating_sum + $2 WHERE id = $3")
            .bind(dcount).bind(dsum).bind(idea).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(old)
    })
}

pub async fn my_rating(db: &Db, idea: IdeaId, user: UserId) -> Result<Option<i64>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT stars FROM idea_ratings WHERE idea_id = $1 AND user_id = $2")
        .bind(idea).bind(user).fetch_optional(pool).await)
}

pub async fn set_follow(
    db: impl Into<Exec<'_>>,
    idea: IdeaId,
    user: UserId,
    follow: bool,
) -> Result<(), sqlx::Error> {
    on_conn!(db, conn => {
        if follow {
            sqlx::query("INSERT INTO idea_follows (idea_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(idea).bind(user).execute(&mut *conn).await?;
        } else {
            sqlx::query("DELETE FROM idea_follows WHERE idea_id = $1 AND user_id = $2")
                .bind(idea).bind(user).execute(&mut *conn).await?;
        }
        Ok(())
    })
}

pub async fn followers(db: impl Into<Exec<'_>>, idea: IdeaId) -> Result<Vec<UserId>, sqlx::Error> {
    on_conn!(db, conn => sqlx::query_scalar("SELECT user_id FROM idea_follows WHERE idea_id = $1 ORDER BY user_id")
        .bind(idea).fetch_all(&mut *conn).await)
}

/// Hides (with a reason) or shows an idea again.
pub async fn set_hidden(
    db: impl Into<Exec<'_>>,
    network: NetworkId,
    id: IdeaId,
    reason: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(db, conn => {
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        match reason {
            Some(r) => sqlx::query("UPDATE ideas SET state = 'hidden', hidden_reason = $1, reviewed = TRUE, updated_at = $2 WHERE id = $3 AND state = 'published'")
                .bind(r).bind(now).bind(id).execute(&mut *tx).await?,
            None => sqlx::query("UPDATE ideas SET state = 'published', hidden_reason = '', updated_at = $1 WHERE id = $2 AND state = 'hidden'")
                .bind(now).bind(id).execute(&mut *tx).await?,
        };
        sqlx::query(BUMP).bind(network).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    })
}

/// Folds a duplicate into another idea: its followers follow the other one.
pub async fn merge(
    db: impl Into<Exec<'_>>,
    network: NetworkId,
    id: IdeaId,
    into: IdeaId,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(db, conn => {
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        sqlx::query("UPDATE ideas SET state = 'merged', merged_into = $1, reviewed = TRUE, updated_at = $2 WHERE id = $3")
            .bind(into).bind(now).bind(id).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO idea_follows (idea_id, user_id) SELECT $1, user_id FROM idea_follows WHERE idea_id = $2 ON CONFLICT DO NOTHING")
            .bind(into).bind(id).execute(&mut *tx).await?;
        sqlx::query(BUMP).bind(network).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    })
}

pub async fn answer(
    db: impl Into<Exec<'_>>,
    network: NetworkId,
    id: IdeaId,
    status: AnswerStatus,
    text: &str,
    by: UserId,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(db, conn => {
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        sqlx::query("UPDATE ideas SET answer_status = $1, answer_text = $2, answered_by = $3, answered_at = $4, reviewed = TRUE WHERE id = $5")
            .bind(status.as_str()).bind(text).bind(by).bind(now).bind(id).execute(&mut *tx).await?;
        sqlx::query(BUMP).bind(network).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    })
}

pub async fn mark_reviewed(db: impl Into<Exec<'_>>, id: IdeaId) -> Result<(), sqlx::Error> {
    on_conn!(db, conn => sqlx::query("UPDATE ideas SET reviewed = TRUE WHERE id = $1").bind(id).execute(&mut *conn).await.map(|_| ()))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MilestoneRow {
    pub id: i64,
    pub title: String,
    pub progress: i64,
    pub happened_on: i64,
}

impl MilestoneRow {
    pub fn date(&self) -> String {
        crate::kernel::days::format_date(self.happened_on)
    }
}

pub async fn milestones(db: &Db, idea: IdeaId) -> Result<Vec<MilestoneRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT id, title, progress, happened_on FROM idea_milestones WHERE idea_id = $1 ORDER BY happened_on, id")
        .bind(idea).fetch_all(pool).await)
}

pub async fn add_milestone(
    db: impl Into<Exec<'_>>,
    idea: IdeaId,
    title: &str,
    progress: i64,
    day: i64,
    by: UserId,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_conn!(db, conn => sqlx::query("INSERT INTO idea_milestones (idea_id, title, progress, happened_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(idea).bind(title).bind(progress).bind(day).bind(by).bind(now).execute(&mut *conn).await.map(|_| ()))?;
    Ok(())
}

/// The moderation queue of a campaign.
pub struct Queue {
    pub new_ideas: Vec<IdeaRow>,
    pub unanswered: Vec<IdeaRow>,
    pub reported: Vec<(CommentRow, Vec<String>)>,
}

pub async fn queue(db: &Db, campaign: IdeaCampaignId) -> Result<Queue, sqlx::Error> {
    let ideas = campaign_ideas(db, campaign, false).await?;
    let sql = format!(
        "{COMMENT_SELECT} JOIN ideas i ON i.id = m.idea_id WHERE i.campaign_id = $1 AND EXISTS (SELECT 1 FROM idea_comment_reports r WHERE r.comment_id = m.id AND r.resolved_at IS NULL) ORDER BY m.id"
    );
    let comments: Vec<CommentRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(campaign).fetch_all(pool).await)?;
    let mut reported = Vec::new();
    for c in comments {
        let reasons: Vec<String> = on_db!(db, pool => sqlx::query_scalar("SELECT reason FROM idea_comment_reports WHERE comment_id = $1 AND resolved_at IS NULL ORDER BY created_at")
            .bind(c.id).fetch_all(pool).await)?;
        reported.push((c, reasons));
    }
    Ok(Queue {
        new_ideas: ideas.iter().filter(|i| !i.reviewed).cloned().collect(),
        unanswered: ideas
            .into_iter()
            .filter(|i| i.answer_status.is_none())
            .collect(),
        reported,
    })
}

pub async fn set_score(
    db: &Db,
    idea: IdeaId,
    criterion: i64,
    user: UserId,
    score: i64,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("INSERT INTO idea_jury_scores (idea_id, criterion_id, user_id, score) VALUES ($1, $2, $3, $4) ON CONFLICT (idea_id, criterion_id, user_id) DO UPDATE SET score = excluded.score")
        .bind(idea).bind(criterion).bind(user).bind(score).execute(pool).await.map(|_| ()))?;
    Ok(())
}

/// (idea, criterion, user, score) of a campaign.
pub async fn scores(
    db: &Db,
    campaign: IdeaCampaignId,
) -> Result<Vec<(IdeaId, i64, UserId, i64)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT s.idea_id, s.criterion_id, s.user_id, s.score FROM idea_jury_scores s JOIN ideas i ON i.id = s.idea_id WHERE i.campaign_id = $1")
        .bind(campaign).fetch_all(pool).await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LabRow {
    pub id: IdeaLabId,
    pub network_id: NetworkId,
    pub campaign_id: Option<IdeaCampaignId>,
    pub title: String,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub district_ags: String,
    pub participants: String,
    pub ideas: i64,
}

impl LabRow {
    pub fn district_name(&self) -> String {
        crate::regions::district_name(&self.district_ags)
    }
    pub fn participant_list(&self) -> Vec<&str> {
        self.participants
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect()
    }
    /// "2026-11-23, 09:00–13:00" in German time.
    pub fn when(&self) -> String {
        let day = crate::kernel::days::day_of(self.starts_at);
        let offset = super::domain::german_offset_secs(day);
        let clock = |t: i64| {
            let s = (t + offset).rem_euclid(86_400);
            format!("{:02}:{:02}", s / 3600, (s % 3600) / 60)
        };
        format!(
            "{}, {}–{}",
            crate::kernel::days::format_date(crate::kernel::days::day_of(self.starts_at + offset)),
            clock(self.starts_at),
            clock(self.ends_at)
        )
    }
}

const LAB_SELECT: &str = "SELECT l.id, l.network_id, l.campaign_id, l.title, l.description, l.starts_at, l.ends_at, l.place, l.district_ags, l.participants, \
    (SELECT COUNT(*) FROM ideas i WHERE i.lab_id = l.id AND i.state = 'published') AS ideas FROM idea_labs l";

pub async fn labs(db: &Db, network: NetworkId) -> Result<Vec<LabRow>, sqlx::Error> {
    let sql = format!("{LAB_SELECT} WHERE l.network_id = $1 ORDER BY l.starts_at DESC");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(network).fetch_all(pool).await)
}

pub async fn lab(db: &Db, id: IdeaLabId) -> Result<Option<LabRow>, sqlx::Error> {
    let sql = format!("{LAB_SELECT} WHERE l.id = $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(pool).await)
}

pub async fn create_lab(
    db: &Db,
    network: NetworkId,
    lab: &NewLab,
    by: UserId,
    now: i64,
) -> Result<IdeaLabId, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("INSERT INTO idea_labs (network_id, campaign_id, title, description, starts_at, ends_at, place, district_ags, participants, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id")
        .bind(network).bind(lab.campaign).bind(&lab.title).bind(&lab.description).bind(lab.starts_at).bind(lab.ends_at)
        .bind(&lab.place).bind(&lab.district).bind(lab.participants.join("\n")).bind(by).bind(now)
        .fetch_one(pool).await.map(IdeaLabId))
}

/// People who may be named as an idea's regional contact: everyone with a
/// role in the network, and for a company campaign its admins and members.
pub async fn contact_people(
    db: &Db,
    network: NetworkId,
    org: Option<OrganizationId>,
) -> Result<Vec<(UserId, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT DISTINCT u.id, u.display_name FROM users u WHERE u.id IN (SELECT user_id FROM network_roles WHERE network_id = $1) \
        OR u.id IN (SELECT user_id FROM org_members WHERE org_id = $2 AND role IN ('admin', 'member')) ORDER BY u.display_name")
        .bind(network).bind(org.map(|o| o.0).unwrap_or(-1)).fetch_all(pool).await)
}

pub async fn user_email(
    db: impl Into<Exec<'_>>,
    user: UserId,
) -> Result<Option<(String, String)>, sqlx::Error> {
    on_conn!(db, conn => sqlx::query_as("SELECT email, display_name FROM users WHERE id = $1")
        .bind(user).fetch_optional(&mut *conn).await)
}

/// Ids of the network's coordinators (moderators of network campaigns).
pub async fn coordinators(db: &Db, network: NetworkId) -> Result<Vec<UserId>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT user_id FROM network_roles WHERE network_id = $1 AND role = 'coordinator' ORDER BY user_id")
        .bind(network).fetch_all(pool).await)
}

/// Admins and members of a company (moderators of its campaigns).
pub async fn company_moderators(db: &Db, org: OrganizationId) -> Result<Vec<UserId>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT user_id FROM org_members WHERE org_id = $1 AND role IN ('admin', 'member') ORDER BY user_id")
        .bind(org).fetch_all(pool).await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NotificationRow {
    pub id: NotificationId,
    pub title: String,
    pub link: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// Records a notification for each user; returns the ones who want a mail
/// per event, with their address.
pub async fn notify(
    tx: &mut Tx,
    users: &[UserId],
    title: &str,
    link: &str,
    now: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let mut instant = Vec::new();
    for u in users {
        let pref: Option<MailPref> = on_conn!(&mut *tx, conn => sqlx::query_scalar("SELECT mail FROM notification_prefs WHERE user_id = $1")
            .bind(u).fetch_optional(&mut *conn).await)?;
        let pref = pref.unwrap_or_default();
        let mailed = (pref != MailPref::Digest).then_some(now);
        on_conn!(&mut *tx, conn => sqlx::query("INSERT INTO notifications (user_id, title, link, created_at, mailed_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(u).bind(title).bind(link).bind(now).bind(mailed).execute(&mut *conn).await.map(|_| ()))?;
        if pref == MailPref::Instant
            && let Some((email, _)) = user_email(&mut *tx, *u).await?
        {
            instant.push(email);
        }
    }
    Ok(instant)
}

pub async fn notifications(db: &Db, user: UserId) -> Result<Vec<NotificationRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT id, title, link, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY id DESC LIMIT 200")
        .bind(user).fetch_all(pool).await)
}

pub async fn unread(db: &Db, user: UserId) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user).fetch_one(pool).await)
}

pub async fn mark_read(db: &Db, user: UserId, now: i64) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
        .bind(now).bind(user).execute(pool).await.map(|_| ()))?;
    Ok(())
}

pub async fn mail_pref(db: &Db, user: UserId) -> Result<MailPref, sqlx::Error> {
    let p: Option<MailPref> = on_db!(db, pool => sqlx::query_scalar("SELECT mail FROM notification_prefs WHERE user_id = $1")
        .bind(user).fetch_optional(pool).await)?;
    Ok(p.unwrap_or_default())
}

pub async fn set_mail_pref(db: &Db, user: UserId, pref: MailPref) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("INSERT INTO notification_prefs (user_id, mail) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET mail = excluded.mail")
        .bind(user).bind(pref).execute(pool).await.map(|_| ()))?;
    Ok(())
}

/// People on the daily digest whose last digest is at least a day old and
/// who have unmailed notifications, with those notifications.
pub async fn digest_due(
    db: &Db,
    now: i64,
) -> Result<Vec<(UserId, String, Vec<NotificationRow>)>, sqlx::Error> {
    let users: Vec<(i64, String)> = on_db!(db, pool => sqlx::query_as("SELECT p.user_id, u.email FROM notification_prefs p JOIN users u ON u.id = p.user_id \
        WHERE p.mail = 'digest' AND (p.last_digest_at IS NULL OR p.last_digest_at <= $1) \
        AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = p.user_id AND n.mailed_at IS NULL) ORDER BY p.user_id")
        .bind(now - 86_400).fetch_all(pool).await)?;
    let mut out = Vec::new();
    for (u, email) in users {
        let rows: Vec<NotificationRow> = on_db!(db, pool => sqlx::query_as("SELECT id, title, link, created_at, read_at FROM notifications WHERE user_id = $1 AND mailed_at IS NULL ORDER BY id")
            .bind(u).fetch_all(pool).await)?;
        out.push((UserId(u), email, rows));
    }
    Ok(out)
}

pub async fn digest_sent(
    db: &Db,
    user: UserId,
    ids: &[NotificationId],
    now: i64,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        if !ids.is_empty() {
            sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE notifications SET mailed_at = $1 WHERE id IN ({})", id_list(ids))))
                .bind(now).execute(&mut *tx).await?;
        }
        sqlx::query("UPDATE notification_prefs SET last_digest_at = $1 WHERE user_id = $2").bind(now).bind(user).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    })
}
