//! The catalog search page (works without JavaScript: facets are
//! checkboxes in a GET form). The query string is read and the search run
//! by [`super::offering_search`], which the JSON API calls too.

use crate::web::Path;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{RawQuery, State},
    response::{IntoResponse, Response},
};

use super::{
    domain::Format,
    offering_search::{Echo, PAGE_SIZE, parse, run},
    queries::OfferingRow,
    search::{FacetCount, SearchResult},
};
use crate::{
    competences::queries as fw,
    error::AppResult,
    kernel::money::euros,
    networks::queries::NetworkRow,
    regions::district_name,
    state::AppState,
    web::{Ctx, forms::FieldErrors, urls},
};

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
