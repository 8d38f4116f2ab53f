//! Module 2: competence framework, company vision, assessments and gap
//! analysis from a person to the region, private by construction.

pub mod analysis;
pub mod api;
pub mod assessments;
pub(crate) mod company;
pub mod demo;
pub mod domain;
pub mod framework;
mod framework_pages;
pub mod gaps;
pub mod me;
pub mod privacy;
pub mod profiles;
pub mod queries;
pub mod region;
pub mod vision;

use axum::{
    Router,
    routing::{get, post},
};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/n/{slug}/kompetenzen", get(framework_pages::show))
        .route(
            "/n/{slug}/kompetenzen/export.csv",
            get(framework_pages::export),
        )
        .route(
            "/n/{slug}/kompetenzen/uebernehmen",
            post(framework_pages::adopt),
        )
        .route(
            "/n/{slug}/kompetenzen/import",
            get(framework_pages::import_form).post(framework_pages::import),
        )
        .route(
            "/n/{slug}/kompetenzen/neu",
            get(framework_pages::new_form).post(framework_pages::create),
        )
        .route(
            "/n/{slug}/kompetenzen/{id}",
            get(framework_pages::edit_form).post(framework_pages::update),
        )
        .route("/n/{slug}/bedarf", get(region::demand))
        .route("/organisationen/{id}/kompetenzbedarf", get(company::needs))
        .route("/organisationen/{id}/rollen", post(company::create_role))
        .route(
            "/organisationen/{id}/rollen/{role}",
            get(company::role).post(company::add_requirement),
        )
        .route(
            "/organisationen/{id}/rollen/{role}/anforderungen/{req}/loeschen",
            post(company::delete_requirement),
        )
        .route(
            "/organisationen/{id}/veraenderungen",
            post(company::create_change),
        )
        .route(
            "/organisationen/{id}/beschaeftigte/{user}",
            get(company::employee),
        )
        .route(
            "/organisationen/{id}/beschaeftigte/{user}/rolle",
            post(company::assign_role),
        )
        .route(
            "/organisationen/{id}/beschaeftigte/{user}/einschaetzung",
            post(company::manager_assessment),
        )
        .route("/meine-kompetenzen", get(me::my_page))
        .route("/meine-kompetenzen/export.json", get(me::export))
        .route("/meine-kompetenzen/loeschen", post(me::delete))
        .route(
            "/meine-kompetenzen/{org}/einschaetzung",
            get(me::step).post(me::answer),
        )
        .route("/meine-kompetenzen/{org}/neu-beginnen", post(me::restart))
        .route("/meine-kompetenzen/{org}/einwilligung", post(me::consent))
}
