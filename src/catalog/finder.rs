//! Finding offerings: the catalog search page (works without JavaScript:
//! facets are checkboxes in a GET form) and the same search as JSON. Both
//! parse the query string here, into the search module's query.

use crate::web::Path;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{RawQuery, State},
    response::{IntoResponse, Response},
};
use serde::Serialize;

use super::{
    domain::Format,
    queries::OfferingRow,
    search::{FacetCount, Near, PriceBand, SearchQuery, SearchResult, Sort},
};
use crate::{
    competences::queries as fw,
    db::now,
    error::{AppError, AppResult},
    ids::OfferingId,
    kernel::{days::day_of, money::euros},
    networks::queries::NetworkRow,
    regions::{district_name, geocode},
    state::AppState,
    web::{Ctx, forms::FieldErrors, urls},
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

/// One facet value for the form: value, label, count, checked.
pub struct FacetOption {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub checked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "catalog/search.html")]
pub struct SearchPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub echo: Echo,
    pub errors: FieldErrors,
    pub total: usize,
    pub hits: Vec<(OfferingRow, Option<f64>)>,
    pub formats: Vec<FacetOption>,
    pub areas: Vec<FacetOption>,
    pub districts: Vec<FacetOption>,
    pub prices: Vec<FacetOption>,
    pub starts: Vec<FacetOption>,
    pub part_time_count: u64,
    pub funding_count: u64,
    pub next_page: Option<String>,
    pub prev_page: Option<String>,
}

impl SearchPage {
    fn price(&self, o: &OfferingRow) -> String {
        if o.price_cents == 0 {
            self.c.t("offering-free")
        } else {
            euros(o.price_cents)
        }
    }
    fn km(&self, d: &Option<f64>) -> String {
        d.map(|d| format!("{d:.0} km")).unwrap_or_default()
    }
    fn place(&self, o: &OfferingRow) -> String {
        if o.postal_code.is_empty() {
            self.c.t("offering-online")
        } else {
            o.city.clone()
        }
    }
    fn facet_groups(&self) -> [(&'static str, &'static str, &[FacetOption]); 5] {
        [
            ("format", "label-offering-format", &self.formats),
            ("area", "search-area", &self.areas),
            ("district", "district", &self.districts),
            ("price", "label-offering-price_eur", &self.prices),
            ("start", "search-start", &self.starts),
        ]
    }
    fn sort_is(&self, s: &str) -> bool {
        self.echo.sort == s || (s == "relevance" && self.echo.sort.is_empty())
    }
}

fn options(
    facet: &[FacetCount],
    chosen: &[String],
    label: impl Fn(&str) -> String,
) -> Vec<FacetOption> {
    let mut out: Vec<FacetOption> = facet
        .iter()
        .map(|f| FacetOption {
            checked: chosen.contains(&f.value),
            label: label(&f.value),
            value: f.value.clone(),
            count: f.count,
        })
        .collect();
    // A chosen value without matches stays visible so it can be unticked.
    for v in chosen {
        if !out.iter().any(|o| &o.value == v) {
            out.push(FacetOption {
                value: v.clone(),
                label: label(v),
                count: 0,
                checked: true,
            });
        }
    }
    out
}

fn month_label(c: &Ctx, m: &str) -> String {
    if m == "any" {
        return c.t("offering-any-time");
    }
    match m.split_once('-') {
        Some((y, mm)) => format!(
            "{} {y}",
            c.t(&format!("month-{}", mm.trim_start_matches('0')))
        ),
        None => m.to_owned(),
    }
}

fn page_url(slug: &str, raw: &str, page: usize) -> String {
    let rest: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(url::form_urlencoded::parse(raw.as_bytes()).filter(|(k, _)| k != "page"))
        .append_pair("page", &page.to_string())
        .finish();
    format!("{}?{rest}", urls::catalog(slug))
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let network = crate::networks::cached_network(&state, &slug).await?;
    let raw = raw.unwrap_or_default();
    let (q, echo, errors) = parse(&raw, &network);
    let (result, hits) = if errors.is_empty() {
        run(&state, &q).await?
    } else {
        (SearchResult::default(), Vec::new())
    };
    let areas = state
        .public_cache
        .get(format!("areas:{}", network.id), || async {
            Ok(fw::areas(&state.db, network.id).await?)
        })
        .await?;
    let f = &result.facets;
    let page = SearchPage {
        formats: options(&f.format, &echo.format, |v| {
            Format::parse(v)
                .map(|f| c.t(f.message_key()))
                .unwrap_or_else(|| v.to_owned())
        }),
        areas: options(&f.area, &echo.area, |v| {
            areas
                .iter()
                .find(|a| a.code == v)
                .map(|a| a.name(c.lang).to_owned())
                .unwrap_or_else(|| v.to_owned())
        }),
        districts: options(&f.district, &echo.district, district_name),
        prices: options(&f.price_band, &echo.price, |v| {
            c.t(&format!("price-band-{v}"))
        }),
        starts: options(&f.start_month, &echo.start, |v| month_label(&c, v)),
        part_time_count: f.part_time,
        funding_count: f.funding_eligible,
        total: result.total,
        next_page: (echo.page * PAGE_SIZE < result.total)
            .then(|| page_url(&slug, &raw, echo.page + 1)),
        prev_page: (echo.page > 1).then(|| page_url(&slug, &raw, echo.page - 1)),
        hits,
        c,
        network,
        echo,
        errors,
    };
    let status = page.errors.status();
    Ok((status, page).into_response())
}
