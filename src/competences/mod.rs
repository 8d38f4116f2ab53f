//! Module 2: competence framework, company vision, assessments and gap
//! analysis from a person to the region, private by construction.

pub mod analysis;
pub mod anonymity;
pub mod domain;
pub mod framework;
mod framework_pages;
pub mod gaps;
pub mod privacy;
pub mod queries;
pub mod store;

use axum::{Router, routing::{get, post}};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/n/{slug}/kompetenzen", get(framework_pages::show))
        .route("/n/{slug}/kompetenzen/export.csv", get(framework_pages::export))
        .route("/n/{slug}/kompetenzen/uebernehmen", post(framework_pages::adopt))
        .route("/n/{slug}/kompetenzen/import", get(framework_pages::import_form).post(framework_pages::import))
        .route("/n/{slug}/kompetenzen/neu", get(framework_pages::new_form).post(framework_pages::create))
        .route("/n/{slug}/kompetenzen/{id}", get(framework_pages::edit_form).post(framework_pages::update))
}
