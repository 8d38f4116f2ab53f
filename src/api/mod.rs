//! The JSON API under `/api/v1`. Each domain keeps its operations in its
//! own `api.rs`, beside its pages, calling the same use cases; this module
//! holds only what they share: the extractors (bearer token, JSON body with
//! problem documents), the shared schema, the route table and the OpenAPI
//! document (utoipa) served at `/api/v1/openapi.json`. Reading is open
//! where the data is public; writing needs a bearer token (created under
//! "Konto → API-Tokens") and goes through the same permission rules as the
//! web interface.

mod doc;
mod extract;
pub mod schema;

use axum::{
    Router,
    routing::{delete, get, post, put},
};

use crate::state::AppState;

pub use doc::ApiDoc;
pub use extract::{ApiJson, ApiUser};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(doc::openapi))
        .route("/api/v1/docs", get(doc::docs))
        .route("/api/v1/networks", get(crate::networks::api::list_networks))
        .route(
            "/api/v1/networks/{slug}",
            get(crate::networks::api::get_network),
        )
        .route(
            "/api/v1/networks/{slug}/districts.geojson",
            get(crate::networks::api::network_districts_geojson),
        )
        .route(
            "/api/v1/networks/{slug}/organizations",
            get(crate::networks::api::network_organizations),
        )
        .route(
            "/api/v1/networks/{slug}/organizations.geojson",
            get(crate::networks::api::network_organizations_geojson),
        )
        .route(
            "/api/v1/networks/{slug}/competences",
            get(crate::competences::api::framework),
        )
        .route(
            "/api/v1/networks/{slug}/demand",
            get(crate::competences::api::demand),
        )
        .route(
            "/api/v1/networks/{slug}/offerings",
            get(crate::catalog::api::search),
        )
        .route(
            "/api/v1/networks/{slug}/ideas",
            get(crate::ideas::api::list),
        )
        .route(
            "/api/v1/networks/{slug}/ideas/map",
            get(crate::ideas::api::map_data),
        )
        .route(
            "/api/v1/campaigns/{campaign}",
            get(crate::ideas::api::get_campaign),
        )
        .route(
            "/api/v1/campaigns/{campaign}/ideas",
            post(crate::ideas::api::submit),
        )
        .route("/api/v1/ideas/{idea}", get(crate::ideas::api::get_idea))
        .route(
            "/api/v1/ideas/{idea}/comments",
            post(crate::ideas::api::post_comment),
        )
        .route("/api/v1/ideas/{idea}/rating", put(crate::ideas::api::rate))
        .route(
            "/api/v1/districts",
            get(crate::regions::api::list_districts),
        )
        .route(
            "/api/v1/districts/{ags}",
            get(crate::regions::api::get_district),
        )
        .route(
            "/api/v1/organizations/{id}",
            get(crate::networks::api::get_organization)
                .patch(crate::networks::api::update_organization),
        )
        .route(
            "/api/v1/organizations/{id}/contacts",
            post(crate::networks::api::add_contact),
        )
        .route(
            "/api/v1/organizations/{id}/vision",
            get(crate::competences::api::vision::get_vision),
        )
        .route(
            "/api/v1/organizations/{id}/roles",
            post(crate::competences::api::vision::create_role),
        )
        .route(
            "/api/v1/organizations/{id}/roles/{role}/requirements",
            post(crate::competences::api::vision::set_requirement),
        )
        .route(
            "/api/v1/organizations/{id}/roles/{role}/requirements/{requirement}",
            delete(crate::competences::api::vision::delete_requirement),
        )
        .route(
            "/api/v1/organizations/{id}/changes",
            post(crate::competences::api::vision::create_change),
        )
        .route(
            "/api/v1/organizations/{id}/needs",
            get(crate::competences::api::vision::get_needs),
        )
        .route(
            "/api/v1/organizations/{id}/employees/{user}",
            get(crate::competences::api::vision::get_employee),
        )
        .route(
            "/api/v1/organizations/{id}/employees/{user}/assessments",
            post(crate::competences::api::vision::assess_employee),
        )
        .route(
            "/api/v1/me/competences",
            get(crate::competences::api::vision::my_competences),
        )
        .route(
            "/api/v1/me/organizations/{id}/assessments",
            post(crate::competences::api::vision::assess_myself),
        )
        .route(
            "/api/v1/me/organizations/{id}/assessment-round",
            post(crate::competences::api::vision::restart_round),
        )
        .route(
            "/api/v1/me/organizations/{id}/consent",
            put(crate::competences::api::vision::set_consent),
        )
}
