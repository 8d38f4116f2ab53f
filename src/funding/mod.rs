//! The funding advisor: which programmes apply to a course for a person and
//! their company, what is missing, and the net cost. The rules are data
//! (`rules.rs` evaluates them); a platform administrator edits them as a
//! JSON document, each version kept.

pub mod facts;
pub mod pages;
pub mod queries;
pub mod rules;

use axum::{Router, routing::get};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/angebote/{offering}/foerderung", get(pages::advisor))
        .route(
            "/verwaltung/foerderregeln",
            get(pages::rules_form).post(pages::save_rules),
        )
}
