//! API of networks and organisations: the directory's data, and an
//! organisation's profile and contact persons for its admins.

use crate::web::Path;
use axum::{
    Json,
    extract::{Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

use crate::api::{ApiJson, ApiUser, schema::*};
use crate::{
    error::{AppError, AppResult},
    ids::OrganizationId,
    networks::{
        domain::{ContactForm, DirectoryFilter},
        profile,
        queries::{self, NetworkRow},
    },
    regions::reference,
    state::AppState,
};

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

async fn organization_json(state: &AppState, id: OrganizationId) -> AppResult<Organization> {
    let org = queries::org_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let memberships = queries::memberships_of_org(&state.db, id).await?;
    let networks: Vec<String> = memberships
        .into_iter()
        .filter(|m| m.status == crate::networks::domain::MembershipStatus::Approved)
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
    let org = profile::editable(&state, &user, id).await?;
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
    profile::update_profile(&state, &user, id, &form)
        .await?
        .map_err(AppError::Validation)?;
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
    let form = ContactForm {
        name: body.name,
        role_title: body.role_title,
        email: body.email,
        phone: body.phone,
        is_public: body.is_public.then(|| "on".into()),
    };
    let (cid, contact) = profile::add_contact(&state, &user, id, &form)
        .await?
        .map_err(AppError::Validation)?;
    let out = Contact {
        id: cid.0,
        name: contact.name,
        role_title: contact.role_title,
        email: contact.email,
        phone: contact.phone,
    };
    Ok((StatusCode::CREATED, Json(out)).into_response())
}
