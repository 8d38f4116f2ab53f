//! The account's security page: change the password (asking for the current
//! one) and see and end one's sessions (OWASP ASVS V2.1.5, V3.3.3, V3.3.4).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use crate::auth::{
    domain::NewPassword,
    password,
    queries::{self, SessionRow},
};
use crate::{
    db::now,
    error::{AppError, AppResult},
    mail::Readers,
    state::AppState,
    web::{Ctx, forms::FieldErrors, token_hash, urls},
};

/// Wrong current passwords allowed per account within the window, as for
/// logins: a stolen session must not become a way to guess the password.
const MAX_FAILURES: i64 = 5;
const WINDOW_SECS: i64 = 15 * 60;

/// One session as the page shows it. `handle` names it in forms without
/// revealing the stored hash.
pub struct SessionView {
    pub handle: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub device: String,
    pub current: bool,
}

fn handle_of(id_hash: &str) -> String {
    token_hash(id_hash)[..16].to_owned()
}

/// "Firefox · Linux" from a User-Agent header; empty when nothing is known.
pub fn device_label(user_agent: &str) -> String {
    let ua = user_agent;
    let browser = if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("OPR/") {
        "Opera"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
        "Chrome/Chromium"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        ""
    };
    let system = if ua.contains("Android") {
        "Android"
    } else if ua.contains("iPhone") || ua.contains("iPad") {
        "iOS"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS X") || ua.contains("Macintosh") {
        "macOS"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        ""
    };
    match (browser, system) {
        ("", "") => String::new(),
        (b, "") => b.to_owned(),
        ("", s) => s.to_owned(),
        (b, s) => format!("{b} · {s}"),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/security.html")]
pub struct SecurityPage {
    pub c: Ctx,
    pub sessions: Vec<SessionView>,
    pub errors: FieldErrors,
}

impl SecurityPage {
    fn when(&self, t: &i64) -> String {
        crate::web::format_time(*t)
    }
}

async fn page(state: &AppState, c: Ctx, errors: FieldErrors) -> AppResult<SecurityPage> {
    let user = c.require_user()?;
    let rows =
        queries::sessions_of(&state.db, user.id, now(), state.settings.session_limits()).await?;
    let current = c.session_token_hash.clone().unwrap_or_default();
    let sessions = rows
        .into_iter()
        .map(|r: SessionRow| SessionView {
            handle: handle_of(&r.id_hash),
            created_at: r.created_at,
            last_seen_at: r.last_seen_at,
            device: device_label(&r.user_agent),
            current: r.id_hash == current,
        })
        .collect();
    Ok(SecurityPage {
        c,
        sessions,
        errors,
    })
}

pub async fn show(State(state): State<AppState>, c: Ctx) -> AppResult<SecurityPage> {
    page(&state, c, FieldErrors::new()).await
}

#[derive(Deserialize, Default)]
pub struct PasswordForm {
    #[serde(default)]
    pub current: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_confirm: String,
}

/// Changes the password and ends every other session: whoever knew the old
/// password is logged out. The owner is told by mail.
pub async fn change_password(
    State(state): State<AppState>,
    c: Ctx,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let user = c.require_user()?.clone();
    let Some(session) = c.session_token_hash.clone() else {
        return Err(AppError::Unauthorized);
    };
    let throttle_key = format!("password-change:{}", user.id);
    let since = now() - WINDOW_SECS;
    if queries::failed_logins_since(&state.db, &throttle_key, since).await? >= MAX_FAILURES {
        let page = page(&state, c, FieldErrors::single("current", "login-throttled")).await?;
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    }
    let mut errors = FieldErrors::new();
    if form.current.is_empty() {
        errors.add("current", "field-required");
    }
    let password = errors.check(
        "password",
        NewPassword::parse(&form.password, &[&user.email, &user.display_name]),
    );
    if password.is_some() && form.password != form.password_confirm {
        errors.add("password_confirm", "password-mismatch");
    }
    let stored = queries::user_by_id(&state.db, user.id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if !form.current.is_empty() {
        let ok = password::verify(form.current.clone(), Some(stored.password_hash)).await?;
        if !ok {
            queries::record_failed_login(&state.db, &[throttle_key], now()).await?;
            errors.add("current", "password-current-wrong");
        }
    }
    let (Some(password), true) = (password, errors.is_empty()) else {
        let page = page(&state, c, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let hash = password::hash(password.expose().to_owned()).await?;
    queries::set_password(&state.db, user.id, &hash).await?;
    queries::end_other_sessions(&state.db, user.id, &session).await?;
    let lang = c.lang;
    let body = lang.t_args(
        "mail-password-changed-body",
        &[
            ("name", user.display_name.clone().into()),
            (
                "link",
                format!(
                    "{}{}",
                    state.settings.public_base_url(),
                    urls::forgot_password()
                )
                .into(),
            ),
        ],
    );
    state
        .mailer
        .send(
            &state.db,
            &user.email,
            &lang.t("mail-password-changed-subject"),
            &body,
            Readers::Recipient,
        )
        .await?;
    Ok(Redirect::to(&format!(
        "{}?notice=notice-password-updated",
        urls::security()
    ))
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct EndForm {
    /// A session's handle, or `others` for every session but this one.
    #[serde(default)]
    pub session: String,
}

pub async fn end_sessions(
    State(state): State<AppState>,
    c: Ctx,
    Form(form): Form<EndForm>,
) -> AppResult<Response> {
    let user = c.require_user()?;
    let current = c.session_token_hash.clone().unwrap_or_default();
    if form.session == "others" {
        queries::end_other_sessions(&state.db, user.id, &current).await?;
    } else {
        let rows = queries::sessions_of(&state.db, user.id, now(), state.settings.session_limits())
            .await?;
        let Some(row) = rows.iter().find(|r| handle_of(&r.id_hash) == form.session) else {
            return Err(AppError::NotFound);
        };
        queries::end_session_of(&state.db, user.id, &row.id_hash).await?;
        if row.id_hash == current {
            return Ok(
                Redirect::to(&format!("{}?notice=notice-logged-out", urls::login()))
                    .into_response(),
            );
        }
    }
    Ok(Redirect::to(&format!(
        "{}?notice=notice-sessions-ended",
        urls::security()
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::device_label;

    #[test]
    fn devices_are_named_plainly() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(device_label(firefox), "Firefox · Linux");
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
        assert_eq!(device_label(android), "Chrome/Chromium · Android");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(device_label(iphone), "Safari · iOS");
        assert_eq!(device_label("curl/8.5.0"), "");
    }
}
