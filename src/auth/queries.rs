//! All SQL about accounts, sessions, one-time tokens, login attempts and API tokens.

use super::domain::{CurrentUser, Email, NetworkRole, OrgRole};
use crate::{
    db::Db,
    ids::{ApiTokenId, NetworkId, OrganizationId, UserId},
    on_db,
};

#[derive(Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub locale: String,
    pub email_confirmed_at: Option<i64>,
    pub is_admin: bool,
}

const USER_COLUMNS: &str =
    "id, email, display_name, password_hash, locale, email_confirmed_at, is_admin";

pub async fn user_by_email(db: &Db, email: &Email) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
    on_db!(db, pool => sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(sql)).bind(email.as_str()).fetch_optional(pool).await)
}

pub async fn user_by_id(db: &Db, id: UserId) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    on_db!(db, pool => sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

pub async fn create_user(
    db: &Db,
    email: &Email,
    display_name: &str,
    password_hash: &str,
    locale: &str,
    confirmed_at: Option<i64>,
    now: i64,
) -> Result<UserId, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, locale, email_confirmed_at, created_at, record_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(email.as_str()).bind(display_name).bind(password_hash).bind(locale).bind(confirmed_at).bind(now)
        .bind(i64::from(crate::disclosure::cellkey::RecordKey::random().0))
        .fetch_one(pool).await)
}

pub async fn set_admin(db: &Db, id: UserId, admin: bool) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("UPDATE users SET is_admin = $1 WHERE id = $2").bind(admin).bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn confirm_email(db: &Db, id: UserId, now: i64) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("UPDATE users SET email_confirmed_at = COALESCE(email_confirmed_at, $1) WHERE id = $2")
        .bind(now).bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_password(db: &Db, id: UserId, password_hash: &str) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash).bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_locale(db: &Db, id: UserId, locale: &str) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("UPDATE users SET locale = $1 WHERE id = $2").bind(locale).bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

async fn roles_of(
    db: &Db,
    id: UserId,
) -> Result<
    (
        Vec<(NetworkId, NetworkRole)>,
        Vec<(OrganizationId, OrgRole)>,
    ),
    sqlx::Error,
> {
    // One round trip for both kinds of role: this runs on every request of
    // a logged-in person.
    let rows: Vec<(bool, i64, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT TRUE, network_id, role FROM network_roles WHERE user_id = $1
         UNION ALL SELECT FALSE, org_id, role FROM org_members WHERE user_id = $1").bind(id).fetch_all(pool).await)?;
    let mut network = Vec::new();
    let mut org = Vec::new();
    for (is_network, id, role) in rows {
        if is_network {
            network.extend(NetworkRole::parse(&role).map(|r| (NetworkId(id), r)));
        } else {
            org.extend(OrgRole::parse(&role).map(|r| (OrganizationId(id), r)));
        }
    }
    Ok((network, org))
}

pub async fn current_user(db: &Db, row: UserRow) -> Result<CurrentUser, sqlx::Error> {
    let (network_roles, org_roles) = roles_of(db, row.id).await?;
    Ok(CurrentUser {
        id: row.id,
        email: row.email,
        display_name: row.display_name,
        is_admin: row.is_admin,
        email_confirmed: row.email_confirmed_at.is_some(),
        network_roles,
        org_roles,
    })
}

#[derive(sqlx::FromRow)]
struct SessionUserRow {
    #[sqlx(flatten)]
    user: UserRow,
    last_seen_at: i64,
}

/// How long a session may go without a request, in seconds (its lifetime
/// from login is stored with it).
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    pub idle: i64,
}

/// A session's last request is written at most this often, so that a busy
/// reader does not cost a database write per page.
const TOUCH_EVERY_SECS: i64 = 60;

/// The user of a live session (neither past its lifetime nor idle for
/// longer than allowed), with all roles.
pub async fn user_for_session(
    db: &Db,
    id_hash: &str,
    now: i64,
    limits: SessionLimits,
) -> Result<Option<CurrentUser>, sqlx::Error> {
    let sql = format!(
        "SELECT {}, s.last_seen_at FROM users u JOIN sessions s ON s.user_id = u.id
         WHERE s.id_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3",
        USER_COLUMNS
            .split(", ")
            .map(|c| format!("u.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let row = on_db!(db, pool => sqlx::query_as::<_, SessionUserRow>(sqlx::AssertSqlSafe(sql))
        .bind(id_hash).bind(now).bind(now - limits.idle).fetch_optional(pool).await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    if now - row.last_seen_at >= TOUCH_EVERY_SECS {
        on_db!(db, pool => sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now).bind(id_hash).execute(pool).await.map(|r| r.rows_affected()))?;
    }
    Ok(Some(current_user(db, row.user).await?))
}

pub async fn create_session(
    db: &Db,
    id_hash: &str,
    user: UserId,
    now: i64,
    expires_at: i64,
    user_agent: &str,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at, user_agent) VALUES ($1, $2, $3, $4, $3, $5)")
        .bind(id_hash).bind(user).bind(now).bind(expires_at).bind(user_agent).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// One of a person's sessions, as their security page lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id_hash: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub user_agent: String,
}

/// The live sessions of `user`, most recently used first.
pub async fn sessions_of(
    db: &Db,
    user: UserId,
    now: i64,
    limits: SessionLimits,
) -> Result<Vec<SessionRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, SessionRow>(
        "SELECT id_hash, created_at, last_seen_at, user_agent FROM sessions
         WHERE user_id = $1 AND expires_at > $2 AND last_seen_at > $3 ORDER BY last_seen_at DESC, created_at DESC")
        .bind(user).bind(now).bind(now - limits.idle).fetch_all(pool).await)
}

/// Ends one session of `user` (never someone else's).
pub async fn end_session_of(db: &Db, user: UserId, id_hash: &str) -> Result<u64, sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash = $2")
        .bind(user).bind(id_hash).execute(pool).await.map(|r| r.rows_affected()))
}

/// Ends every session of `user` except `keep`.
pub async fn end_other_sessions(db: &Db, user: UserId, keep: &str) -> Result<u64, sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
        .bind(user).bind(keep).execute(pool).await.map(|r| r.rows_affected()))
}

pub async fn delete_session(db: &Db, id_hash: &str) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_sessions_of(db: &Db, user: UserId) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_expired_sessions(
    db: &Db,
    now: i64,
    limits: SessionLimits,
) -> Result<u64, sqlx::Error> {
    let r = on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now).bind(now - limits.idle).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(r)
}

/// What a one-time token in a mail is for.
#[derive(Debug, Clone, Copy)]
pub enum TokenPurpose {
    ConfirmEmail,
    ResetPassword,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmEmail => "confirm",
            TokenPurpose::ResetPassword => "reset",
        }
    }
}

pub async fn create_token(
    db: &Db,
    hash: &str,
    user: UserId,
    purpose: TokenPurpose,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(hash).bind(user).bind(purpose.as_str()).bind(now).bind(expires_at).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Marks a token used and returns its user, in one statement so that two
/// concurrent requests cannot both use it.
pub async fn consume_token(
    db: &Db,
    hash: &str,
    purpose: TokenPurpose,
    now: i64,
) -> Result<Option<UserId>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "UPDATE user_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 RETURNING user_id")
        .bind(now).bind(hash).bind(purpose.as_str()).fetch_optional(pool).await)
}

/// Checks a token without using it (to show the new-password form).
/// Whose unused, unexpired token this is.
pub async fn token_owner(
    db: &Db,
    hash: &str,
    purpose: TokenPurpose,
    now: i64,
) -> Result<Option<UserId>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT user_id FROM user_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3")
        .bind(hash).bind(purpose.as_str()).bind(now).fetch_optional(pool).await)
}

pub async fn record_failed_login(db: &Db, keys: &[String], now: i64) -> Result<(), sqlx::Error> {
    for key in keys {
        on_db!(db, pool => sqlx::query("INSERT INTO login_attempts (throttle_key, attempted_at) VALUES ($1, $2)")
            .bind(key).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

pub async fn failed_logins_since(db: &Db, key: &str, since: i64) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts WHERE throttle_key = $1 AND attempted_at > $2")
        .bind(key).bind(since).fetch_one(pool).await)
}

pub async fn clear_failed_logins(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM login_attempts WHERE throttle_key = $1").bind(key).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow, serde::Serialize)]
pub struct ApiTokenRow {
    pub id: ApiTokenId,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

pub async fn create_api_token(
    db: &Db,
    user: UserId,
    name: &str,
    hash: &str,
    now: i64,
) -> Result<ApiTokenId, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(user).bind(name).bind(hash).bind(now).fetch_one(pool).await)
}

/// Creates a new API token for `user` and returns it; only its hash is
/// stored, so this is the one moment it can be shown.
pub async fn issue_api_token(db: &Db, user: UserId, name: &str) -> Result<String, sqlx::Error> {
    let token = format!("lr_{}", crate::web::random_token(24));
    create_api_token(
        db,
        user,
        name,
        &crate::web::token_hash(&token),
        crate::db::now(),
    )
    .await?;
    Ok(token)
}

pub async fn api_tokens_of(db: &Db, user: UserId) -> Result<Vec<ApiTokenRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, ApiTokenRow>(
        "SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id")
        .bind(user).fetch_all(pool).await)
}

pub async fn revoke_api_token(
    db: &Db,
    user: UserId,
    id: ApiTokenId,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let n = on_db!(db, pool => sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
        .bind(now).bind(id).bind(user).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// The user behind a bearer token, marking the token used.
pub async fn user_for_api_token(
    db: &Db,
    hash: &str,
    now: i64,
) -> Result<Option<CurrentUser>, sqlx::Error> {
    let user: Option<UserId> = on_db!(db, pool => sqlx::query_scalar(
        "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL RETURNING user_id")
        .bind(now).bind(hash).fetch_optional(pool).await)?;
    match user {
        Some(id) => match user_by_id(db, id).await? {
            Some(row) => Ok(Some(current_user(db, row).await?)),
            None => Ok(None),
        },
        None => Ok(None),
    }
}
