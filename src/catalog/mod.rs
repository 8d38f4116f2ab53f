//! Module 3: the training catalog. Providers publish offerings (form and
//! bulk import); everyone finds them; the search index follows the database
//! through an outbox.

pub mod api;
pub mod cohorts;
pub mod demo;
pub mod domain;
pub mod finder;
pub mod gaps;
pub mod import;
pub mod import_job;
pub mod indexer;
pub mod offering_search;
pub mod pooling;
pub mod provider;
pub mod public;
pub mod publishing;
pub mod queries;
pub mod ranking;
pub mod recommend;
pub mod report;
pub mod search;

use axum::{
    Router,
    routing::{get, post},
};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/organisationen/{id}/angebote", get(provider::list))
        .route(
            "/organisationen/{id}/angebote/neu",
            get(provider::new_form).post(provider::create),
        )
        .route(
            "/organisationen/{id}/angebote/import",
            get(import_job::import_form).post(import_job::import),
        )
        .route(
            "/organisationen/{id}/angebote/import/{job}",
            get(import_job::job_page),
        )
        .route(
            "/organisationen/{id}/angebote/{offering}/bearbeiten",
            get(provider::edit_form).post(provider::update),
        )
        .route(
            "/organisationen/{id}/angebote/{offering}/zurueckziehen",
            post(provider::withdraw),
        )
        .route("/angebote/vorlage.csv", get(provider::template))
        .route("/meine-kompetenzen/{id}/angebote", get(recommend::page))
        .route(
            "/organisationen/{id}/kompetenzbedarf/angebote",
            get(recommend::company_page),
        )
        .route("/angebote/{offering}", get(public::show))
        .route("/n/{slug}/kurse", get(finder::page))
        .route("/n/{slug}/kurse.atom", get(public::feed))
        .route("/n/{slug}/bedarfsluecken", get(report::page))
        .route("/n/{slug}/buendelung", get(cohorts::page))
        .route(
            "/n/{slug}/buendelung/veroeffentlichen",
            post(cohorts::publish),
        )
        .route(
            "/n/{slug}/buendelung/{cohort}/antworten",
            post(cohorts::answer),
        )
        .route(
            "/n/{slug}/buendelung/antworten/{answer}/anmelden",
            post(cohorts::opt_in),
        )
        .route("/n/{slug}/bedarfsluecken.csv", get(report::csv))
}
