//! API of the reference districts.

use crate::web::Path;
use axum::{Json, extract::Query};

use crate::api::schema::*;
use crate::{
    error::{AppError, AppResult},
    regions::{District, reference},
};

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
