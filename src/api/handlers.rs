//! API handlers. Each carries its OpenAPI description next to it.

use crate::web::Path;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Json,
    extract::{
        FromRequest, FromRequestParts, Query, Request, State,
        rejection::{JsonDataError, JsonRejection},
    },
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use serde::de::DeserializeOwned;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

use super::schema::*;
use crate::{
    auth::{domain::CurrentUser, permissions::Action, queries as auth_queries},
    db::now,
    error::{AppError, AppResult},
    ids::OrganizationId,
    networks::{
        domain::{ContactForm, DirectoryFilter, NewContact, OrgProfile},
        queries::{self, NetworkRow},
    },
    regions::{District, reference},
    state::AppState,
    web::{Ctx, forms::FieldErrors, token_hash, urls},
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Lernregion API", version = "1", description = "Networks, districts, organisations, competences, courses and ideas of a Lernregion installation. Reading public data needs no authentication; writing needs a bearer token."),
    paths(list_networks, get_network, network_districts_geojson, network_organizations, network_organizations_geojson,
          list_districts, get_district, get_organization, update_organization, add_contact,
          super::competences::framework, super::competences::demand, super::catalog::search,
          super::vision::get_vision, super::vision::create_role, super::vision::set_requirement,
          super::vision::delete_requirement, super::vision::create_change, super::vision::get_needs,
          super::vision::get_employee, super::vision::assess_employee, super::vision::my_competences,
          super::vision::assess_myself, super::vision::restart_round, super::vision::set_consent,
          super::ideas::map_data, super::ideas::list, super::ideas::get_idea, super::ideas::get_campaign,
          super::ideas::submit, super::ideas::post_comment, super::ideas::rate),
    components(schemas(Network, OrganizationSummary, Organization, Contact, Location, OrganizationPatch, NewContactBody, District, Problem,
          super::competences::Framework, super::competences::Demand,
          super::vision::Vision, super::vision::Role, super::vision::Change, super::vision::CompanyNeeds,
          super::vision::PersonProfile, super::vision::AssessmentJson, super::vision::NewRoleBody,
          super::vision::NewChangeBody, super::vision::RequirementBody, super::vision::AssessmentBody,
          super::vision::ConsentBody, super::catalog::SearchResponse,
          crate::ideas::map::MapData, crate::ideas::map::MapMarker, super::ideas::IdeaSummary, super::ideas::IdeaDetail,
          super::ideas::Comment, super::ideas::IdeaList, super::ideas::Campaign, super::ideas::PhaseJson,
          super::ideas::CategoryJson, super::ideas::NewIdeaBody, super::ideas::CommentBody, super::ideas::RatingBody,
          super::ideas::Rating)),
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

/// JSON body whose parse errors become a problem document, not plain text.
/// A value of the wrong type or a missing required field is reported on its
/// field (422), like any other invalid value; everything else is a 400.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + BodyFields> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let Json(mut value) = Json::<serde_json::Value>::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest("error-json-invalid"))?;
        integral_numbers_as_integers(&mut value);
        let bytes =
            serde_json::to_vec(&value).map_err(|_| AppError::BadRequest("error-json-invalid"))?;
        match Json::<T>::from_bytes(&bytes) {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::JsonDataError(e)) => Err(match field_of_data_error(T::FIELDS, &e) {
                Some((field, key)) => AppError::Validation(FieldErrors::single(field, key)),
                None => AppError::BadRequest("error-json-invalid"),
            }),
            Err(_) => Err(AppError::BadRequest("error-json-invalid")),
        }
    }
}

/// JSON has one number type: for JSON Schema, as for JavaScript, `3.0` is
/// the integer 3. serde refuses it for an integer field, so integral numbers
/// become integers before the body meets its type; `2.5` stays and is
/// refused on its field.
fn integral_numbers_as_integers(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.0e15
            {
                // Exact below 2^53, so the cast loses nothing.
                *v = serde_json::Value::from(f as i64);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        serde_json::Value::Object(fields) => {
            fields.values_mut().for_each(integral_numbers_as_integers)
        }
        _ => {}
    }
}

/// axum names where the body did not fit, e.g. "name: invalid type: integer
/// `5`, expected a string at line 1 column 10" or "missing field `name` at …".
fn field_of_data_error(
    fields: &'static [&'static str],
    e: &JsonDataError,
) -> Option<(&'static str, &'static str)> {
    let detail = std::error::Error::source(e)?.to_string();
    if let Some(rest) = detail.strip_prefix("missing field `") {
        let name = rest.split('`').next()?;
        return fields
            .iter()
            .find(|f| **f == name)
            .map(|f| (*f, "field-required"));
    }
    let (path, _) = detail.split_once(": ")?;
    fields
        .iter()
        .find(|f| **f == path)
        .map(|f| (*f, "field-type-invalid"))
}

/// The user behind `Authorization: Bearer …`.
pub struct ApiUser(pub CurrentUser);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(AppError::Unauthorized)?;
        auth_queries::user_for_api_token(&state.db, &token_hash(token.trim()), now())
            .await?
            .map(ApiUser)
            .ok_or(AppError::Unauthorized)
    }
}

async fn network_or_404(state: &AppState, slug: &str) -> AppResult<NetworkRow> {
    queries::network_by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)
}

async fn network_json(state: &AppState, n: NetworkRow) -> AppResult<Network> {
    let districts = queries::network_districts(&state.db, n.id).await?;
    let partners = queries::network_stats(&state.db, n.id).await?.partners;
    Ok(Network::new(n, districts, partners))
}

/// List networks
#[utoipa::path(get, path = "/api/v1/networks", tag = "networks",
    responses((status = 200, description = "All networks of the installation", body = [Network])))]
pub async fn list_networks(State(state): State<AppState>) -> AppResult<Json<Vec<Network>>> {
    let mut out = Vec::new();
    for n in queries::networks(&state.db).await? {
        out.push(network_json(&state, n).await?);
    }
    Ok(Json(out))
}

/// Get a network
#[utoipa::path(get, path = "/api/v1/networks/{slug}", tag = "networks",
    params(("slug" = String, Path, description = "Short name of the network")),
    responses((status = 200, description = "The network", body = Network), (status = 404, description = "No such network", content_type = "application/problem+json", body = Problem)))]
pub async fn get_network(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Json<Network>> {
    let n = network_or_404(&state, &slug).await?;
    Ok(Json(network_json(&state, n).await?))
}

use crate::regions::svg::DISTRICT_FEATURES;

fn geojson_response(value: serde_json::Value) -> Response {
    (
        [(header::CONTENT_TYPE, "application/geo+json")],
        value.to_string(),
    )
        .into_response()
}

/// District boundaries of a network (GeoJSON)
#[utoipa::path(get, path = "/api/v1/networks/{slug}/districts.geojson", tag = "networks",
    params(("slug" = String, Path, description = "Short name of the network")),
    responses((status = 200, description = "FeatureCollection of the network's districts with name, population and partner count", content_type = "application/geo+json", body = Object),
              (status = 404, description = "No such network", content_type = "application/problem+json", body = Problem)))]
pub async fn network_districts_geojson(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let n = network_or_404(&state, &slug).await?;
    let partners = queries::directory(&state.db, n.id, &DirectoryFilter::default()).await?;
    let features: Vec<serde_json::Value> = queries::network_districts(&state.db, n.id)
        .await?
        .iter()
        .filter_map(|ags| {
            let mut f = DISTRICT_FEATURES.get(ags)?.clone();
            let d = reference().district(ags)?;
            f["properties"] = serde_json::json!({
                "ags": d.ags, "name": d.name, "population": d.population,
                "partners": partners.iter().filter(|p| p.district_ags == d.ags).count(),
            });
            Some(f)
        })
        .collect();
    Ok(geojson_response(
        serde_json::json!({"type": "FeatureCollection", "features": features}),
    ))
}

#[derive(serde::Deserialize, utoipa::IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct OrgQuery {
    /// Kind: company, provider, chamber, union, vocational_college, university, public_body, association, other
    #[param(
        pattern = "^(company|provider|chamber|union|vocational_college|university|public_body|association|other)?$"
    )]
    kind: Option<String>,
    /// District key (AGS) of one of the network's districts
    #[param(pattern = "^([0-9]{5})?$")]
    district: Option<String>,
    /// WZ 2008 code (section letter, division, group or class); includes its sub-classes
    #[param(pattern = "^([A-U]|[0-9]{2}(\\.[0-9]{1,2}){0,2})?$")]
    sector: Option<String>,
    /// Part of the name
    #[param(max_length = 100)]
    q: Option<String>,
}

async fn filtered_partners(
    state: &AppState,
    slug: &str,
    q: OrgQuery,
) -> AppResult<Vec<crate::networks::queries::OrgListRow>> {
    let n = network_or_404(state, slug).await?;
    let districts = queries::network_districts(&state.db, n.id).await?;
    let dq = crate::networks::domain::DirectoryQuery {
        kind: q.kind.unwrap_or_default(),
        district: q.district.unwrap_or_default(),
        sector: q.sector.unwrap_or_default(),
        q: q.q.unwrap_or_default(),
    };
    let (filter, errors) = crate::networks::domain::parse_directory_query(&dq, &districts);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(queries::directory(&state.db, n.id, &filter).await?)
}

/// Member organisations of a network
#[utoipa::path(get, path = "/api/v1/networks/{slug}/organizations", tag = "networks",
    params(("slug" = String, Path, description = "Short name of the network"), OrgQuery),
    responses((status = 200, description = "Approved members matching the filters", body = [OrganizationSummary]),
              (status = 404, description = "No such network", content_type = "application/problem+json", body = Problem),
              (status = 400, description = "A filter is given twice or the query cannot be read", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "A filter value is invalid", content_type = "application/problem+json", body = Problem)))]
pub async fn network_organizations(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<OrgQuery>,
) -> AppResult<Json<Vec<OrganizationSummary>>> {
    Ok(Json(
        filtered_partners(&state, &slug, q)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// Member organisations of a network (GeoJSON points)
#[utoipa::path(get, path = "/api/v1/networks/{slug}/organizations.geojson", tag = "networks",
    params(("slug" = String, Path, description = "Short name of the network"), OrgQuery),
    responses((status = 200, description = "FeatureCollection of points with id, name, kind, city and url", content_type = "application/geo+json", body = Object),
              (status = 404, description = "No such network", content_type = "application/problem+json", body = Problem),
              (status = 400, description = "A filter is given twice or the query cannot be read", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "A filter value is invalid", content_type = "application/problem+json", body = Problem)))]
pub async fn network_organizations_geojson(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<OrgQuery>,
) -> AppResult<Response> {
    let partners = filtered_partners(&state, &slug, q).await?;
    let features: Vec<serde_json::Value> = partners
        .iter()
        .map(|p| {
            serde_json::json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {"id": p.id, "name": p.name, "kind": p.kind, "city": p.city,
                               "url": crate::web::urls::partner(&slug, &p.id)},
            })
        })
        .collect();
    Ok(geojson_response(
        serde_json::json!({"type": "FeatureCollection", "features": features}),
    ))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DistrictQuery {
    /// Filter by federal state name, e.g. Thüringen
    state: Option<String>,
}

/// List districts
#[utoipa::path(get, path = "/api/v1/districts", tag = "districts", params(DistrictQuery),
    responses((status = 200, description = "The 400 German districts with statistics", body = [District])))]
pub async fn list_districts(Query(q): Query<DistrictQuery>) -> Json<Vec<District>> {
    Json(
        reference()
            .districts
            .iter()
            .filter(|d| q.state.as_deref().is_none_or(|s| d.state == s))
            .cloned()
            .collect(),
    )
}

/// Get a district
#[utoipa::path(get, path = "/api/v1/districts/{ags}", tag = "districts",
    params(("ags" = String, Path, description = "Five-digit official key")),
    responses((status = 200, description = "The district", body = District), (status = 404, description = "Unknown key", content_type = "application/problem+json", body = Problem)))]
pub async fn get_district(Path(ags): Path<String>) -> AppResult<Json<District>> {
    reference()
        .district(&ags)
        .cloned()
        .map(Json)
        .ok_or(AppError::NotFound)
}

async fn organization_json(state: &AppState, id: OrganizationId) -> AppResult<Organization> {
    let org = queries::org_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let memberships = queries::memberships_of_org(&state.db, id).await?;
    let networks: Vec<String> = memberships
        .into_iter()
        .filter(|m| m.status == "approved")
        .map(|m| m.slug)
        .collect();
    let contacts = queries::contacts(&state.db, id, true).await?;
    let locations = queries::locations(&state.db, id).await?;
    Ok(Organization::new(org, contacts, locations, networks))
}

/// Get an organisation
///
/// Public for approved members of a network; others answer 404.
#[utoipa::path(get, path = "/api/v1/organizations/{id}", tag = "organizations",
    params(("id" = i64, Path, description = "Organisation id")),
    responses((status = 200, description = "The organisation with public contacts and locations", body = Organization),
              (status = 404, description = "No such public organisation", content_type = "application/problem+json", body = Problem)))]
pub async fn get_organization(
    State(state): State<AppState>,
    Path(id): Path<OrganizationId>,
) -> AppResult<Json<Organization>> {
    if queries::approved_networks_of_org(&state.db, id)
        .await?
        .is_empty()
    {
        return Err(AppError::NotFound);
    }
    Ok(Json(organization_json(&state, id).await?))
}

async fn authorize_edit(
    state: &AppState,
    user: &CurrentUser,
    id: OrganizationId,
) -> AppResult<crate::networks::queries::OrgRow> {
    let (org, _) =
        crate::networks::authorize_user_org(state, user, id, Action::EditOrganization).await?;
    Ok(org)
}

/// Update an organisation's profile
#[utoipa::path(patch, path = "/api/v1/organizations/{id}", tag = "organizations",
    params(("id" = i64, Path, description = "Organisation id")),
    request_body = OrganizationPatch,
    security(("bearer" = [])),
    responses((status = 200, description = "The updated organisation", body = Organization),
              (status = 400, description = "Body is not valid JSON of this shape", content_type = "application/problem+json", body = Problem),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 403, description = "Not an admin of this organisation", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such organisation", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "Invalid field values", content_type = "application/problem+json", body = Problem)))]
pub async fn update_organization(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<OrganizationId>,
    ApiJson(patch): ApiJson<OrganizationPatch>,
) -> AppResult<Json<Organization>> {
    let org = authorize_edit(&state, &user, id).await?;
    let mut form = org.to_form();
    macro_rules! apply {
        ($($f:ident),+) => {$( if let Some(v) = patch.$f { form.$f = v; } )+};
    }
    apply!(
        name,
        kind,
        sector_code,
        size_class,
        description,
        website,
        email,
        phone,
        street,
        postal_code,
        city
    );
    let profile = OrgProfile::try_from(&form).map_err(AppError::Validation)?;
    queries::update_org(&state.db, id, &profile, now()).await?;
    Ok(Json(organization_json(&state, id).await?))
}

/// Add a contact person
#[utoipa::path(post, path = "/api/v1/organizations/{id}/contacts", tag = "organizations",
    params(("id" = i64, Path, description = "Organisation id")),
    request_body = NewContactBody,
    security(("bearer" = [])),
    responses((status = 201, description = "Created", body = Contact),
              (status = 400, description = "Body is not valid JSON of this shape", content_type = "application/problem+json", body = Problem),
              (status = 401, description = "Missing or invalid token", content_type = "application/problem+json", body = Problem),
              (status = 403, description = "Not an admin of this organisation", content_type = "application/problem+json", body = Problem),
              (status = 404, description = "No such organisation", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "Invalid field values", content_type = "application/problem+json", body = Problem)))]
pub async fn add_contact(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<OrganizationId>,
    ApiJson(body): ApiJson<NewContactBody>,
) -> AppResult<Response> {
    authorize_edit(&state, &user, id).await?;
    let form = ContactForm {
        name: body.name,
        role_title: body.role_title,
        email: body.email,
        phone: body.phone,
        is_public: body.is_public.then(|| "on".into()),
    };
    let contact = NewContact::try_from(&form).map_err(AppError::Validation)?;
    let cid = queries::add_contact(&state.db, id, &contact).await?;
    let out = Contact {
        id: cid.0,
        name: contact.name,
        role_title: contact.role_title,
        email: contact.email,
        phone: contact.phone,
    };
    Ok((StatusCode::CREATED, Json(out)).into_response())
}
