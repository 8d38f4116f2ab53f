//! Account pages. Messages never reveal whether an address is registered:
//! registration, resending and password reset answer the same either way and
//! tell the owner of the address by mail instead.

use crate::web::Path;
use std::net::SocketAddr;

use axum::{
    Form,
    extract::{ConnectInfo, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;

use super::{
    domain::{Email, NewPassword},
    password,
    permissions::{Action, Resource, can},
    queries::{self, TokenPurpose},
    views::*,
};
use crate::{
    db::now,
    error::{AppError, AppResult},
    ids::{ApiTokenId, UserId},
    state::AppState,
    web::{
        Ctx,
        context::SESSION_COOKIE,
        forms::{FieldErrors, required_text},
        i18n::Lang,
        layout::safe_next,
        random_token, set_cookie, token_hash, urls,
    },
};

const CONFIRM_HOURS: i64 = 48;
const RESET_HOURS: i64 = 2;
/// Failed logins allowed per address and per client address within the window.
const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
const MAX_FAILURES_PER_CLIENT: i64 = 30;
const THROTTLE_WINDOW_SECS: i64 = 15 * 60;

/// Answers that must not tell by their timing whether an address has an
/// account wait until the same moment after the request arrived; the work
/// on either path (a database look-up, perhaps a token and a queued mail)
/// stays well below it.
struct ResponseFloor(tokio::time::Instant);

impl ResponseFloor {
    const AFTER: std::time::Duration = std::time::Duration::from_millis(250);

    fn start() -> Self {
        Self(tokio::time::Instant::now())
    }

    async fn wait(self) {
        tokio::time::sleep_until(self.0 + Self::AFTER).await;
    }
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

async fn send_confirmation(
    state: &AppState,
    lang: Lang,
    user: UserId,
    email: &str,
    name: &str,
) -> AppResult<()> {
    let token = random_token(24);
    let t = now();
    queries::create_token(
        &state.db,
        &token_hash(&token),
        user,
        TokenPurpose::ConfirmEmail,
        t,
        t + CONFIRM_HOURS * 3600,
    )
    .await?;
    let link = format!(
        "{}{}",
        state.settings.public_base_url(),
        urls::confirm_email(&token)
    );
    let body = lang.t_args(
        "mail-confirm-body",
        &[
            ("name", FluentValue::from(name.to_owned())),
            ("link", FluentValue::from(link)),
        ],
    );
    state
        .mailer
        .send_personal_link(&state.db, email, &lang.t("mail-confirm-subject"), &body)
        .await
}

// ---- Registration ----

#[derive(Deserialize, Default, Clone)]
pub struct RegisterForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_confirm: String,
}

pub async fn register_form(c: Ctx) -> RegisterPage {
    RegisterPage {
        c,
        form: RegisterForm::default(),
        errors: FieldErrors::new(),
    }
}

pub async fn register(
    State(state): State<AppState>,
    c: Ctx,
    Form(form): Form<RegisterForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(&form.email));
    let name = errors.check("display_name", required_text(&form.display_name, 100));
    let password = errors.check(
        "password",
        NewPassword::parse(&form.password, &[&form.email, &form.display_name]),
    );
    if password.is_some() && form.password != form.password_confirm {
        errors.add("password_confirm", "password-mismatch");
    }
    let (Some(email), Some(name), Some(password), true) =
        (email, name, password, errors.is_empty())
    else {
        let mut form = form;
        form.password.clear();
        form.password_confirm.clear();
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            RegisterPage { c, form, errors },
        )
            .into_response());
    };
    let lang = c.lang;
    let floor = ResponseFloor::start();
    // Hashed whether or not the address is known: the hash is by far the
    // slowest step, so doing it only for new accounts would tell by timing.
    let hash = password::hash(password.expose().to_owned()).await?;
    match queries::user_by_email(&state.db, &email).await? {
        Some(existing) => {
            // Tell the owner instead of the visitor.
            let body = lang.t_args(
                "mail-already-registered-body",
                &[
                    ("name", FluentValue::from(existing.display_name.clone())),
                    (
                        "link",
                        FluentValue::from(format!(
                            "{}{}",
                            state.settings.public_base_url(),
                            urls::forgot_password()
                        )),
                    ),
                ],
            );
            state
                .mailer
                .send_personal_link(
                    &state.db,
                    email.as_str(),
                    &lang.t("mail-already-registered-subject"),
                    &body,
                )
                .await?;
        }
        None => {
            let created =
                queries::create_user(&state.db, &email, &name, &hash, lang.code(), None, now())
                    .await;
            match created {
                Ok(id) => send_confirmation(&state, lang, id, email.as_str(), &name).await?,
                // A concurrent registration of the same address: answer as above.
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    floor.wait().await;
    Ok(CheckMailPage {
        c,
        email: email.as_str().to_owned(),
    }
    .into_response())
}

pub async fn confirm(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    match queries::consume_token(
        &state.db,
        &token_hash(&token),
        TokenPurpose::ConfirmEmail,
        now(),
    )
    .await?
    {
        Some(user) => {
            queries::confirm_email(&state.db, user, now()).await?;
            let target = if c.user.is_some() {
                urls::account()
            } else {
                format!("{}?notice=notice-confirmed", urls::login())
            };
            Ok(Redirect::to(&target).into_response())
        }
        None => Ok((
            StatusCode::BAD_REQUEST,
            MessagePage {
                c,
                title_key: "confirm-failed-title",
                message_key: "confirm-failed",
                link: Some((urls::resend_confirmation(), "resend-link")),
            },
        )
            .into_response()),
    }
}

#[derive(Deserialize, Default)]
pub struct EmailForm {
    #[serde(default)]
    pub email: String,
}

pub async fn resend_form(c: Ctx) -> EmailFormPage {
    EmailFormPage {
        c,
        email: String::new(),
        errors: FieldErrors::new(),
        purpose: EmailPurpose::Resend,
    }
}

pub async fn resend(
    State(state): State<AppState>,
    c: Ctx,
    Form(form): Form<EmailForm>,
) -> AppResult<Response> {
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(key) => {
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                EmailFormPage {
                    c,
                    email: form.email,
                    errors: FieldErrors::single("email", key),
                    purpose: EmailPurpose::Resend,
                },
            )
                .into_response());
        }
    };
    let floor = ResponseFloor::start();
    if let Some(user) = queries::user_by_email(&state.db, &email)
        .await?
        .filter(|u| u.email_confirmed_at.is_none())
    {
        send_confirmation(&state, c.lang, user.id, &user.email, &user.display_name).await?;
    }
    floor.wait().await;
    Ok(CheckMailPage {
        c,
        email: email.as_str().to_owned(),
    }
    .into_response())
}

// ---- Login and logout ----

#[derive(Deserialize, Default)]
pub struct LoginForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub next: String,
}

pub async fn login_form(c: Ctx, Query(q): Query<NextQuery>) -> LoginPage {
    LoginPage {
        c,
        email: String::new(),
        next: safe_next(&q.next),
        errors: FieldErrors::new(),
    }
}

/// Starts a fresh session for `user` (a new id, so that a session id planted
/// before login is worthless) and returns the cookie to set.
pub async fn start_session(
    state: &AppState,
    old_hash: Option<&str>,
    user: UserId,
    user_agent: &str,
) -> AppResult<HeaderValue> {
    if let Some(old) = old_hash {
        queries::delete_session(&state.db, old).await?;
    }
    let token = random_token(32);
    let t = now();
    let lifetime = state.settings.session_hours * 3600;
    let user_agent: String = user_agent.chars().take(300).collect();
    queries::create_session(
        &state.db,
        &token_hash(&token),
        user,
        t,
        t + lifetime,
        &user_agent,
    )
    .await?;
    let cookie = set_cookie(
        SESSION_COOKIE,
        &token,
        lifetime,
        state.settings.behind_tls(),
    );
    HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.into()))
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    c: Ctx,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let next = safe_next(&form.next);
    let email = Email::parse(&form.email);
    let fail = |c: Ctx, errors: FieldErrors, status: StatusCode| {
        (
            status,
            LoginPage {
                c,
                email: form.email.clone(),
                next: next.clone(),
                errors,
            },
        )
            .into_response()
    };
    if form.password.is_empty() || email.is_err() {
        let mut errors = FieldErrors::new();
        if let Err(key) = &email {
            errors.add("email", key);
        }
        if form.password.is_empty() {
            errors.add("password", "field-required");
        }
        return Ok(fail(c, errors, StatusCode::UNPROCESSABLE_ENTITY));
    }
    let Ok(email) = email else {
        unreachable!("checked above")
    };
    let account_key = format!("account:{}", email.as_str());
    let client_key = format!("client:{}", peer.ip());
    let since = now() - THROTTLE_WINDOW_SECS;
    if queries::failed_logins_since(&state.db, &account_key, since).await?
        >= MAX_FAILURES_PER_ACCOUNT
        || queries::failed_logins_since(&state.db, &client_key, since).await?
            >= MAX_FAILURES_PER_CLIENT
    {
        return Ok(fail(
            c,
            FieldErrors::single("email", "login-throttled"),
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let user = queries::user_by_email(&state.db, &email).await?;
    let ok = password::verify(
        form.password.clone(),
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await?;
    let Some(user) = user.filter(|_| ok) else {
        queries::record_failed_login(&state.db, &[account_key, client_key], now()).await?;
        return Ok(fail(
            c,
            FieldErrors::single("email", "login-failed"),
            StatusCode::UNAUTHORIZED,
        ));
    };
    if user.email_confirmed_at.is_none() {
        return Ok(fail(
            c,
            FieldErrors::single("email", "login-unconfirmed"),
            StatusCode::FORBIDDEN,
        ));
    }
    queries::clear_failed_logins(&state.db, &account_key).await?;
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let cookie =
        start_session(&state, c.session_token_hash.as_deref(), user.id, user_agent).await?;
    let mut response = Redirect::to(&next).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

pub async fn logout(State(state): State<AppState>, c: Ctx) -> AppResult<Response> {
    if let Some(hash) = &c.session_token_hash {
        queries::delete_session(&state.db, hash).await?;
    }
    let mut response =
        Redirect::to(&format!("{}?notice=notice-logged-out", urls::login())).into_response();
    let cookie = set_cookie(SESSION_COOKIE, "", 0, state.settings.behind_tls());
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

// ---- Password reset ----

pub async fn forgot_form(c: Ctx) -> EmailFormPage {
    EmailFormPage {
        c,
        email: String::new(),
        errors: FieldErrors::new(),
        purpose: EmailPurpose::Reset,
    }
}

pub async fn forgot(
    State(state): State<AppState>,
    c: Ctx,
    Form(form): Form<EmailForm>,
) -> AppResult<Response> {
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(key) => {
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                EmailFormPage {
                    c,
                    email: form.email,
                    errors: FieldErrors::single("email", key),
                    purpose: EmailPurpose::Reset,
                },
            )
                .into_response());
        }
    };
    let floor = ResponseFloor::start();
    if let Some(user) = queries::user_by_email(&state.db, &email).await? {
        let token = random_token(24);
        let t = now();
        queries::create_token(
            &state.db,
            &token_hash(&token),
            user.id,
            TokenPurpose::ResetPassword,
            t,
            t + RESET_HOURS * 3600,
        )
        .await?;
        let link = format!(
            "{}{}",
            state.settings.public_base_url(),
            urls::reset_password(&token)
        );
        let lang = c.lang;
        let body = lang.t_args(
            "mail-reset-body",
            &[
                ("name", FluentValue::from(user.display_name.clone())),
                ("link", FluentValue::from(link)),
            ],
        );
        state
            .mailer
            .send_personal_link(&state.db, &user.email, &lang.t("mail-reset-subject"), &body)
            .await?;
    }
    floor.wait().await;
    Ok(CheckMailPage {
        c,
        email: email.as_str().to_owned(),
    }
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct ResetForm {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_confirm: String,
}

pub async fn reset_form(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    if queries::token_owner(
        &state.db,
        &token_hash(&token),
        TokenPurpose::ResetPassword,
        now(),
    )
    .await?
    .is_none()
    {
        return Ok(
            Redirect::to(&format!("{}?notice=notice-link-invalid", urls::login())).into_response(),
        );
    }
    Ok(ResetPage {
        c,
        action: urls::reset_password(&token),
        errors: FieldErrors::new(),
    }
    .into_response())
}

pub async fn reset(
    State(state): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    Form(form): Form<ResetForm>,
) -> AppResult<Response> {
    let owner = match queries::token_owner(
        &state.db,
        &token_hash(&token),
        TokenPurpose::ResetPassword,
        now(),
    )
    .await?
    {
        Some(id) => queries::user_by_id(&state.db, id).await?,
        None => None,
    };
    let context = owner
        .as_ref()
        .map(|u| vec![u.email.as_str(), u.display_name.as_str()])
        .unwrap_or_default();
    let mut errors = FieldErrors::new();
    let password = errors.check("password", NewPassword::parse(&form.password, &context));
    if password.is_some() && form.password != form.password_confirm {
        errors.add("password_confirm", "password-mismatch");
    }
    let (Some(password), true) = (password, errors.is_empty()) else {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            ResetPage {
                c,
                action: urls::reset_password(&token),
                errors,
            },
        )
            .into_response());
    };
    let Some(user) = queries::consume_token(
        &state.db,
        &token_hash(&token),
        TokenPurpose::ResetPassword,
        now(),
    )
    .await?
    else {
        return Ok(
            Redirect::to(&format!("{}?notice=notice-link-invalid", urls::login())).into_response(),
        );
    };
    let hash = password::hash(password.expose().to_owned()).await?;
    queries::set_password(&state.db, user, &hash).await?;
    // Whoever knew the old password is logged out everywhere. The reset link
    // also proves the address, so it counts as a confirmation.
    queries::delete_sessions_of(&state.db, user).await?;
    queries::confirm_email(&state.db, user, now()).await?;
    Ok(Redirect::to(&format!("{}?notice=notice-password-changed", urls::login())).into_response())
}

// ---- Account and API tokens ----

pub async fn account(State(state): State<AppState>, c: Ctx) -> AppResult<AccountPage> {
    let user = c.require_user()?.clone();
    let orgs = crate::networks::queries::orgs_of_user(&state.db, user.id).await?;
    let network_roles = crate::networks::queries::network_roles_of_user(&state.db, user.id).await?;
    Ok(AccountPage {
        c,
        user,
        orgs,
        network_roles,
    })
}

pub async fn tokens(State(state): State<AppState>, c: Ctx) -> AppResult<TokensPage> {
    let user = c.require_user()?;
    let tokens = queries::api_tokens_of(&state.db, user.id).await?;
    Ok(TokensPage {
        c,
        tokens,
        new_token: None,
        errors: FieldErrors::new(),
    })
}

#[derive(Deserialize, Default)]
pub struct TokenForm {
    #[serde(default)]
    pub name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    c: Ctx,
    Form(form): Form<TokenForm>,
) -> AppResult<Response> {
    let user = c.require_user()?.clone();
    if !can(Some(&user), Action::CreateApiToken, &Resource::Platform) {
        return Err(AppError::Forbidden);
    }
    let name = match required_text(&form.name, 80) {
        Ok(n) => n,
        Err(key) => {
            let tokens = queries::api_tokens_of(&state.db, user.id).await?;
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                TokensPage {
                    c,
                    tokens,
                    new_token: None,
                    errors: FieldErrors::single("name", key),
                },
            )
                .into_response());
        }
    };
    let token = queries::issue_api_token(&state.db, user.id, &name).await?;
    let tokens = queries::api_tokens_of(&state.db, user.id).await?;
    Ok(TokensPage {
        c,
        tokens,
        new_token: Some(token),
        errors: FieldErrors::new(),
    }
    .into_response())
}

pub async fn revoke_token(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<ApiTokenId>,
) -> AppResult<Response> {
    let user = c.require_user()?;
    if !queries::revoke_api_token(&state.db, user.id, id, now()).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&urls::api_tokens()).into_response())
}
