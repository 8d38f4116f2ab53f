//! Accounts: registration with e-mail confirmation, login and logout with
//! server-side sessions, password reset, API tokens, and the permission rules.

pub mod domain;
mod handlers;
pub mod password;
pub mod permissions;
pub mod queries;
mod security;
mod views;

use axum::{
    Router,
    routing::{get, post},
};

use crate::{state::AppState, web::urls};

pub use handlers::start_session;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            &urls::register(),
            get(handlers::register_form).post(handlers::register),
        )
        .route("/konto/bestaetigen/{token}", get(handlers::confirm))
        .route(
            &urls::resend_confirmation(),
            get(handlers::resend_form).post(handlers::resend),
        )
        .route(
            &urls::login(),
            get(handlers::login_form).post(handlers::login),
        )
        .route(&urls::logout(), post(handlers::logout))
        .route(
            &urls::forgot_password(),
            get(handlers::forgot_form).post(handlers::forgot),
        )
        .route(
            "/konto/passwort-neu/{token}",
            get(handlers::reset_form).post(handlers::reset),
        )
        .route(&urls::account(), get(handlers::account))
        .route(&urls::security(), get(security::show))
        .route(
            "/konto/sicherheit/passwort",
            post(security::change_password),
        )
        .route("/konto/sicherheit/sitzungen", post(security::end_sessions))
        .route(
            &urls::api_tokens(),
            get(handlers::tokens).post(handlers::create_token),
        )
        .route(
            "/konto/api-tokens/{id}/widerrufen",
            post(handlers::revoke_token),
        )
}
