//! Account pages, one file per journey: signing up and confirming the
//! address, logging in and out, recovering a forgotten password, the account
//! with its API tokens, and its security page. Messages never reveal whether
//! an address is registered: registration, resending and password reset
//! answer the same either way and tell the owner of the address by mail
//! instead.

mod account;
mod recovery;
pub mod security;
mod session;
mod signup;

pub use account::*;
pub use recovery::*;
pub use session::*;
pub use signup::*;

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

impl EmailFormPage {
    fn empty(c: Ctx, purpose: EmailPurpose) -> Self {
        EmailFormPage {
            c,
            email: String::new(),
            errors: FieldErrors::new(),
            purpose,
        }
    }
}

/// Answers a form that asks for a mail to an address (the confirmation
/// again, a password reset): a malformed address gets the form back with
/// its error; a well-formed one runs `act` and gets "check your mail" at
/// the same moment whether or not the address has an account.
async fn answer_email_form(
    c: Ctx,
    form: EmailForm,
    purpose: EmailPurpose,
    act: impl AsyncFnOnce(&Email, Lang) -> AppResult<()>,
) -> AppResult<Response> {
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(key) => {
            let page = EmailFormPage {
                c,
                email: form.email,
                errors: FieldErrors::single("email", key),
                purpose,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let floor = ResponseFloor::start();
    act(&email, c.lang).await?;
    floor.wait().await;
    Ok(CheckMailPage {
        c,
        email: email.as_str().to_owned(),
    }
    .into_response())
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
