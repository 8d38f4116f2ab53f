//! API of the catalog: the same search as the web page, and one offering.

use crate::web::Path;
use axum::{
    Json,
    extract::{RawQuery, State},
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::schema::Problem;
use crate::{
    catalog::{
        domain::Format,
        offering_search::{self, PAGE_SIZE},
        queries::OfferingRow,
        search::{FacetCount, SearchResult},
    },
    error::{AppError, AppResult},
    kernel::days::format_date,
    state::AppState,
    web::urls,
};

#[derive(Serialize, ToSchema)]
pub struct OfferingHit {
    pub id: i64,
    pub title: String,
    pub provider: String,
    pub format: Format,
    /// YYYY-MM-DD; absent when people can start at any time.
    pub start_date: Option<String>,
    pub city: String,
    /// Official key of the district; absent for online offerings.
    pub district_ags: Option<String>,
    pub price_cents: i64,
    pub hours_total: f64,
    pub part_time: bool,
    pub evenings: bool,
    pub weekends: bool,
    pub azav: bool,
    /// From the postal code asked for (`plz`), when given.
    pub distance_km: Option<f64>,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct Facet {
    pub value: String,
    pub count: u64,
}

#[derive(Serialize, ToSchema)]
pub struct SearchFacets {
    pub format: Vec<Facet>,
    /// Competence areas (codes of the network's framework).
    pub area: Vec<Facet>,
    pub district: Vec<Facet>,
    /// free, to-500, to-2000, over-2000
    pub price_band: Vec<Facet>,
    /// YYYY-MM, or "any" for offerings that start any time.
    pub start_month: Vec<Facet>,
    pub part_time: u64,
    pub funding_eligible: u64,
}

#[derive(Serialize, ToSchema)]
pub struct SearchResponse {
    pub total: usize,
    pub page_size: usize,
    pub hits: Vec<OfferingHit>,
    /// Counts over the matches; each facet ignores its own selection.
    pub facets: SearchFacets,
}

fn facets(v: &[FacetCount]) -> Vec<Facet> {
    v.iter()
        .map(|f| Facet {
            value: f.value.clone(),
            count: f.count,
        })
        .collect()
}

impl SearchResponse {
    pub fn new(base: &str, r: SearchResult, hits: Vec<(OfferingRow, Option<f64>)>) -> Self {
        SearchResponse {
            total: r.total,
            page_size: PAGE_SIZE,
            hits: hits
                .into_iter()
                .map(|(o, d)| OfferingHit {
                    url: format!("{base}{}", urls::offering(&o.id)),
                    id: o.id.0,
                    format: o.format,
                    start_date: o.start_day.map(format_date),
                    city: o.city,
                    district_ags: o.district_ags,
                    price_cents: o.price_cents,
                    hours_total: o.hours_total,
                    part_time: o.part_time,
                    evenings: o.evenings,
                    weekends: o.weekends,
                    azav: o.azav,
                    distance_km: d.map(|d| (d * 10.0).round() / 10.0),
                    provider: o.provider_name,
                    title: o.title,
                })
                .collect(),
            facets: SearchFacets {
                format: facets(&r.facets.format),
                area: facets(&r.facets.area),
                district: facets(&r.facets.district),
                price_band: facets(&r.facets.price_band),
                start_month: facets(&r.facets.start_month),
                part_time: r.facets.part_time,
                funding_eligible: r.facets.funding_eligible,
            },
        }
    }
}

/// Search the catalog of a network
///
/// German full-text search (stemming, compounds, one typo) with facets.
/// Parameters may repeat to select several values of a facet.
#[utoipa::path(get, path = "/api/v1/networks/{slug}/offerings", tag = "catalog",
    params(("slug" = String, Path, description = "Short name of the network"),
           ("q" = Option<String>, Query, description = "Search words, e.g. Schweißen", max_length = 200),
           ("format" = Option<Vec<Format>>, Query, description = "on_site, online_live, self_paced, blended, in_company"),
           ("area" = Option<Vec<String>>, Query, description = "Competence area code"),
           ("district" = Option<Vec<String>>, Query, description = "District key (AGS)"),
           ("price" = Option<Vec<String>>, Query, description = "free, to-500, to-2000, over-2000"),
           ("start" = Option<Vec<String>>, Query, description = "YYYY-MM or any"),
           ("part_time" = Option<bool>, Query, description = "Only part-time friendly offerings"),
           ("funding" = Option<bool>, Query, description = "Only offerings a funding programme may pay for"),
           ("plz" = Option<String>, Query, description = "Postal code for the radius and distances", pattern = "^([0-9]{5})?$"),
           ("radius" = Option<f64>, Query, description = "Radius in km around plz (default 25)", minimum = 1, maximum = 300),
           ("online" = Option<bool>, Query, description = "Include online offerings in a radius search (default true)"),
           ("sort" = Option<String>, Query, description = "relevance (default), start or distance", pattern = "^(relevance|start|distance)?$"),
           ("page" = Option<u32>, Query, description = "Page of 20, from 1 to 500", minimum = 1, maximum = 500)),
    responses((status = 200, description = "Matching offerings with facet counts", body = SearchResponse),
              (status = 404, description = "No such network", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "Invalid parameters", content_type = "application/problem+json", body = Problem)))]
pub async fn search(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(raw): RawQuery,
) -> AppResult<Json<SearchResponse>> {
    let network = crate::networks::cached_network(&state, &slug).await?;
    let (q, _, errors) = offering_search::parse(&raw.unwrap_or_default(), &network);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (result, hits) = offering_search::run(&state, &q).await?;
    Ok(Json(SearchResponse::new(
        &state.settings.base_url,
        result,
        hits,
    )))
}
