//! Accounts: registration with e-mail confirmation, login and logout with
//! server-side sessions, password reset, API tokens, and the permission rules.

pub mod domain;
mod pages;
pub mod password;
pub mod permissions;
pub mod queries;

mod views;

use axum::{
    Router,
    routing::{get, post},
};

use crate::{state::AppState, web::urls};

pub use pages::start_session;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            &urls::register(),
            get(pages::register_form).post(pages::register),
        )
        .route("/konto/bestaetigen/{token}", get(pages::confirm))
        .route(
            &urls::resend_confirmation(),
            get(pages::resend_form).post(pages::resend),
        )
        .route(&urls::login(), get(pages::login_form).post(pages::login))
        .route(&urls::logout(), post(pages::logout))
        .route(
            &urls::forgot_password(),
            get(pages::forgot_form).post(pages::forgot),
        )
        .route(
            "/konto/passwort-neu/{token}",
            get(pages::reset_form).post(pages::reset),
        )
        .route(&urls::account(), get(pages::account))
        .route(&urls::security(), get(pages::security::show))
        .route(
            "/konto/sicherheit/passwort",
            post(pages::security::change_password),
        )
        .route(
            "/konto/sicherheit/sitzungen",
            post(pages::security::end_sessions),
        )
        .route(
            &urls::api_tokens(),
            get(pages::tokens).post(pages::create_token),
        )
        .route(
            "/konto/api-tokens/{id}/widerrufen",
            post(pages::revoke_token),
        )
}
