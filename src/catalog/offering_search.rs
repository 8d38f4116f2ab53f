//! Searching offerings, the use case the search page and the JSON API
//! share: the query string is parsed into the search module's query (with
//! field errors in the visitor's words) and run against this node's index,
//! through the node cache keyed by the index's revision.

use serde::Serialize;

use super::{
    domain::Format,
    queries::OfferingRow,
    search::{Near, PriceBand, SearchQuery, SearchResult, Sort},
};
use crate::{
    db::now,
    error::{AppError, AppResult},
    ids::OfferingId,
    kernel::days::day_of,
    networks::queries::NetworkRow,
    regions::geocode,
    state::AppState,
    web::forms::FieldErrors,
};

pub const PAGE_SIZE: usize = 20;
const MAX_TEXT: usize = 200;

/// The query string as entered, echoed back into the form.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Echo {
    pub q: String,
    pub format: Vec<String>,
    pub area: Vec<String>,
    pub district: Vec<String>,
    pub price: Vec<String>,
    pub start: Vec<String>,
    pub part_time: bool,
    pub funding: bool,
    pub plz: String,
    pub radius: String,
    pub online: bool,
    pub sort: String,
    pub page: usize,
}

/// A yes/no filter as a checkbox (`1`, `on`) or the API (`true`, `false`)
/// sends it; empty is no. Anything else (`null`, `vielleicht`) is refused
/// rather than read as yes.
fn switch(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "on" | "true" | "ja" | "yes" => Some(true),
        "" | "0" | "off" | "false" | "nein" | "no" => Some(false),
        _ => None,
    }
}

/// Parses `q`, repeated facet keys and the place; errors name the field.
pub fn parse(raw: &str, network: &NetworkRow) -> (SearchQuery, Echo, FieldErrors) {
    let mut e = Echo {
        online: true,
        page: 1,
        ..Default::default()
    };
    let mut errors = FieldErrors::new();
    let mut online_given = false;
    for (k, v) in url::form_urlencoded::parse(raw.as_bytes()) {
        let v = v.trim().to_owned();
        match k.as_ref() {
            "q" => e.q = v,
            "format" if !v.is_empty() => e.format.push(v),
            "area" if !v.is_empty() => e.area.push(v),
            "district" if !v.is_empty() => e.district.push(v),
            "price" if !v.is_empty() => e.price.push(v),
            "start" if !v.is_empty() => e.start.push(v),
            "part_time" => match switch(&v) {
                Some(on) => e.part_time = on,
                None => errors.add("part_time", "choice-invalid"),
            },
            "funding" => match switch(&v) {
                Some(on) => e.funding = on,
                None => errors.add("funding", "choice-invalid"),
            },
            "plz" => e.plz = v,
            "radius" => e.radius = v,
            "online" => {
                online_given = true;
                match switch(&v) {
                    Some(on) => e.online = on,
                    None => errors.add("online", "choice-invalid"),
                }
            }
            "online_shown"
                // The checkbox form: unchecked means no online offerings.
                if !online_given => {
                    e.online = false;
                }
            "sort" => e.sort = v,
            "page" => match v.parse::<usize>() {
                Ok(p) if (1..=500).contains(&p) => e.page = p,
                _ => errors.add("page", "search-page-invalid"),
            },
            _ => {}
        }
    }
    if e.q.chars().count() > MAX_TEXT {
        errors.add("q", "field-too-long");
    }
    if e.format.iter().any(|f| Format::parse(f).is_none()) {
        errors.add("format", "choice-invalid");
    }
    let mut price_bands = Vec::new();
    for p in &e.price {
        match PriceBand::parse(p) {
            Some(b) => price_bands.push(b),
            None => errors.add("price", "choice-invalid"),
        }
    }
    if e.start.iter().any(|s| {
        s != "any" && !(s.len() == 7 && crate::kernel::days::parse_date(&format!("{s}-01")).is_ok())
    }) {
        errors.add("start", "choice-invalid");
    }
    let radius = match e.radius.as_str() {
        "" => 25.0,
        r => match r.parse::<f64>() {
            Ok(v) if (1.0..=300.0).contains(&v) => v,
            _ => {
                errors.add("radius", "search-radius-invalid");
                25.0
            }
        },
    };
    let near = match e.plz.as_str() {
        "" => None,
        code => errors.check("plz", geocode(code, "")).map(|g| Near {
            lat: g.lat,
            lon: g.lon,
            radius_km: radius,
        }),
    };
    let sort = match e.sort.as_str() {
        "" | "relevance" => Sort::Relevance,
        "start" => Sort::StartDate,
        "distance" => {
            if e.plz.is_empty() {
                errors.add("sort", "search-distance-needs-place");
            }
            Sort::Distance
        }
        _ => {
            errors.add("sort", "choice-invalid");
            Sort::Relevance
        }
    };
    let q = SearchQuery {
        network_id: Some(network.id.0),
        text: e.q.chars().take(MAX_TEXT).collect(),
        formats: e.format.clone(),
        areas: e.area.clone(),
        districts: e.district.clone(),
        price_bands,
        part_time: e.part_time,
        funding_eligible: e.funding,
        start_months: e.start.clone(),
        near,
        include_online: e.online,
        starts_from: i32::try_from(day_of(now())).ok(),
        sort,
        offset: (e.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    };
    (q, e, errors)
}

pub async fn run(
    state: &AppState,
    q: &SearchQuery,
) -> AppResult<(SearchResult, Vec<(OfferingRow, Option<f64>)>)> {
    // Right after a start the index may still be built from the database
    // (seconds for a large catalogue): say so at once rather than hang.
    if !state.search.serving() {
        return Err(AppError::Unavailable("search-starting"));
    }
    state.search.fresh(&state.db).await?;
    // The same query on the same index gives the same answer: kept by the
    // index's revision, so no result outlives a change of the catalogue.
    let revision = state.search.revision();
    state
        .public_cache
        .get(format!("search:{revision}:{q:?}"), || async {
            let result = state
                .search
                .index
                .search(q)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("search: {e}")))?;
            let ids: Vec<OfferingId> = result.hits.iter().map(|h| OfferingId(h.id)).collect();
            let rows = state.search.summaries(&ids);
            let hits = rows
                .into_iter()
                .zip(result.hits.iter().map(|h| h.distance_km))
                .filter_map(|(row, d)| Some((row?, d)))
                .collect();
            Ok((result, hits))
        })
        .await
}
