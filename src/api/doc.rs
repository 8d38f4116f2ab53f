//! The OpenAPI document, assembled from the operations each domain's
//! `api.rs` describes next to its handlers, and the page that lists them.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

use super::schema::*;
use crate::{
    competences::{self, api::vision},
    ideas::api as ideas,
    regions::District,
    web::{Ctx, urls},
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Lernregion API", version = "1", description = "Networks, districts, organisations, competences, courses and ideas of a Lernregion installation. Reading public data needs no authentication; writing needs a bearer token."),
    paths(crate::networks::api::list_networks, crate::networks::api::get_network,
          crate::networks::api::network_districts_geojson, crate::networks::api::network_organizations,
          crate::networks::api::network_organizations_geojson,
          crate::regions::api::list_districts, crate::regions::api::get_district,
          crate::networks::api::get_organization, crate::networks::api::update_organization,
          crate::networks::api::add_contact,
          competences::api::framework, competences::api::demand, crate::catalog::api::search,
          vision::get_vision, vision::create_role, vision::set_requirement,
          vision::delete_requirement, vision::create_change, vision::get_needs,
          vision::get_employee, vision::assess_employee, vision::my_competences,
          vision::assess_myself, vision::restart_round, vision::set_consent,
          ideas::map_data, ideas::list, ideas::get_idea, ideas::get_campaign,
          ideas::submit, ideas::post_comment, ideas::rate),
    components(schemas(Network, OrganizationSummary, Organization, Contact, Location, OrganizationPatch, NewContactBody, District, Problem,
          competences::api::Framework, competences::api::Demand,
          vision::Vision, vision::Role, vision::Change, vision::CompanyNeeds,
          vision::PersonProfile, vision::AssessmentJson, vision::NewRoleBody,
          vision::NewChangeBody, vision::RequirementBody, vision::AssessmentBody,
          vision::ConsentBody, crate::catalog::api::SearchResponse,
          crate::ideas::map::MapData, crate::ideas::map::MapMarker, ideas::IdeaSummary, ideas::IdeaDetail,
          ideas::Comment, ideas::IdeaList, ideas::Campaign, ideas::PhaseJson,
          ideas::CategoryJson, ideas::NewIdeaBody, ideas::CommentBody, ideas::RatingBody,
          ideas::Rating)),
    modifiers(&BearerAuth),
    tags((name = "networks"), (name = "districts"), (name = "organizations"), (name = "competences"), (name = "catalog"), (name = "ideas"))
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// One line per operation, rendered from the OpenAPI document itself.
pub struct DocEntry {
    pub method: String,
    pub path: String,
    pub summary: String,
    pub needs_token: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "api_docs.html")]
pub struct DocsPage {
    c: Ctx,
    entries: Vec<DocEntry>,
}

pub async fn docs(c: Ctx) -> DocsPage {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    let mut entries = Vec::new();
    if let Some(paths) = doc["paths"].as_object() {
        for (path, ops) in paths {
            for (method, op) in ops.as_object().into_iter().flatten() {
                entries.push(DocEntry {
                    method: method.to_uppercase(),
                    path: path.clone(),
                    summary: op["summary"].as_str().unwrap_or_default().to_owned(),
                    needs_token: op.get("security").is_some(),
                });
            }
        }
    }
    DocsPage { c, entries }
}
