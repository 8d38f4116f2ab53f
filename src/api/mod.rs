//! The JSON API under `/api/v1`: networks, districts and organisations.
//! Reading is open where the data is public; writing needs a bearer token
//! (created under "Konto → API-Tokens") and goes through the same permission
//! rules as the web interface. The OpenAPI document is built from the same
//! handlers (utoipa) and served at `/api/v1/openapi.json`.

mod competences;
mod handlers;
pub mod schema;

use axum::{Router, routing::get};

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
        .route("/api/v1/districts", get(handlers::list_districts))
        .route("/api/v1/districts/{ags}", get(handlers::get_district))
        .route(
            "/api/v1/organizations/{id}",
            get(handlers::get_organization).patch(handlers::update_organization),
        )
        .route(
            "/api/v1/organizations/{id}/contacts",
            axum::routing::post(handlers::add_contact),
        )
}
