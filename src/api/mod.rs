//! The JSON API under `/api/v1`: networks, districts and organisations.
//! Reading is open where the data is public; writing needs a bearer token
//! (created under "Konto → API-Tokens") and goes through the same permission
//! rules as the web interface. The OpenAPI document is built from the same
//! handlers (utoipa) and served at `/api/v1/openapi.json`.

mod catalog;
mod competences;
mod handlers;
pub mod ideas;
pub mod schema;
pub mod vision;

use axum::{
    Router,
    routing::{delete, get, post, put},
};

use crate::state::AppState;

pub use handlers::ApiDoc;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(handlers::openapi))
        .route("/api/v1/docs", get(handlers::docs))
        .route("/api/v1/networks", get(handlers::list_networks))
        .route("/api/v1/networks/{slug}", get(handlers::get_network))
        .route(
            "/api/v1/networks/{slug}/districts.geojson",
            get(handlers::network_districts_geojson),
        )
        .route(
            "/api/v1/networks/{slug}/organizations",
            get(handlers::network_organizations),
        )
        .route(
            "/api/v1/networks/{slug}/organizations.geojson",
            get(handlers::network_organizations_geojson),
        )
        .route(
            "/api/v1/networks/{slug}/competences",
            get(competences::framework),
        )
        .route("/api/v1/networks/{slug}/demand", get(competences::demand))
        .route("/api/v1/networks/{slug}/offerings", get(catalog::search))
        .route("/api/v1/networks/{slug}/ideas", get(ideas::list))
        .route("/api/v1/networks/{slug}/ideas/map", get(ideas::map_data))
        .route("/api/v1/campaigns/{campaign}", get(ideas::get_campaign))
        .route("/api/v1/campaigns/{campaign}/ideas", post(ideas::submit))
        .route("/api/v1/ideas/{idea}", get(ideas::get_idea))
        .route("/api/v1/ideas/{idea}/comments", post(ideas::post_comment))
        .route("/api/v1/ideas/{idea}/rating", put(ideas::rate))
        .route("/api/v1/districts", get(handlers::list_districts))
        .route("/api/v1/districts/{ags}", get(handlers::get_district))
        .route(
            "/api/v1/organizations/{id}",
            get(handlers::get_organization).patch(handlers::update_organization),
        )
        .route(
            "/api/v1/organizations/{id}/contacts",
            post(handlers::add_contact),
        )
        .route("/api/v1/organizations/{id}/vision", get(vision::get_vision))
        .route(
            "/api/v1/organizations/{id}/roles",
            post(vision::create_role),
        )
        .route(
            "/api/v1/organizations/{id}/roles/{role}/requirements",
            post(vision::set_requirement),
        )
        .route(
            "/api/v1/organizations/{id}/roles/{role}/requirements/{requirement}",
            delete(vision::delete_requirement),
        )
        .route(
            "/api/v1/organizations/{id}/changes",
            post(vision::create_change),
        )
        .route("/api/v1/organizations/{id}/needs", get(vision::get_needs))
        .route(
            "/api/v1/organizations/{id}/employees/{user}",
            get(vision::get_employee),
        )
        .route(
            "/api/v1/organizations/{id}/employees/{user}/assessments",
            post(vision::assess_employee),
        )
        .route("/api/v1/me/competences", get(vision::my_competences))
        .route(
            "/api/v1/me/organizations/{id}/assessments",
            post(vision::assess_myself),
        )
        .route(
            "/api/v1/me/organizations/{id}/assessment-round",
            post(vision::restart_round),
        )
        .route(
            "/api/v1/me/organizations/{id}/consent",
            put(vision::set_consent),
        )
}
