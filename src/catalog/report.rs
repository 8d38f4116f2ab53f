//! The gap report page: competences with published demand in a district and
//! no offering within reach, as a table, a district map and CSV. Demand
//! figures come from the regional needs analysis, so the same k-anonymity
//! applies; offerings are public anyway.

use crate::web::Path;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
};

use super::{
    gaps::{self, Coverage, REACH_KM, Reachable, Status},
    queries,
};
use crate::{
    competences::{
        analysis::RegionalFilter,
        region::{DemandQuery, RegionalDemand, parse_filter, regional_demand},
    },
    disclosure::Figure,
    error::AppResult,
    ids::CompetenceId,
    networks::{load_network, queries::NetworkRow},
    regions::{reference, svg},
    state::AppState,
    web::{Ctx, forms::FieldErrors, urls},
};

/// One line of the report.
pub struct GapLine {
    pub district: String,
    pub ags: String,
    pub competence: CompetenceId,
    pub competence_name: String,
    pub demand: Figure,
    pub coverage: Coverage,
    pub status: Status,
}

struct Report {
    lines: Vec<GapLine>,
    demand: RegionalDemand,
}

async fn report(
    state: &AppState,
    network: &NetworkRow,
    filter: &RegionalFilter,
    lang: crate::web::i18n::Lang,
) -> AppResult<Report> {
    let demand = regional_demand(state, network, filter).await?;
    let rows = queries::reach_rows(&state.db, network.id).await?;
    let mut offerings: Vec<Reachable> = Vec::new();
    let mut last = None;
    for (id, lat, lon, competence) in rows {
        if last != Some(id) {
            offerings.push(Reachable {
                competences: Vec::new(),
                location: lat.zip(lon),
            });
            last = Some(id);
        }
        if let Some(o) = offerings.last_mut() {
            o.competences.push(competence);
        }
    }
    let centres: Vec<_> = demand
        .districts
        .iter()
        .map(|d| reference().district_centre(&d.ags))
        .collect();
    let cover = gaps::coverage(&centres, &demand.table.competences, &offerings, REACH_KM);
    let mut lines = Vec::new();
    for (row, d) in demand.districts.iter().enumerate() {
        for (col, cid) in demand.table.competences.iter().enumerate() {
            let Some(t) = demand.table.cell(row, col) else {
                continue;
            };
            if t.with_gap() == 0 {
                continue;
            }
            let coverage = cover[row][col];
            lines.push(GapLine {
                district: d.name.clone(),
                ags: d.ags.clone(),
                competence: *cid,
                competence_name: demand
                    .competence(cid)
                    .map(|c| c.name(lang).to_owned())
                    .unwrap_or_default(),
                demand: t,
                coverage,
                status: coverage.status(),
            });
        }
    }
    lines.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(b.demand.with_gap().cmp(&a.demand.with_gap()))
            .then(a.district.cmp(&b.district))
    });
    Ok(Report { lines, demand })
}

#[derive(Template, WebTemplate)]
#[template(path = "catalog/gaps.html")]
pub struct GapPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub lines: Vec<GapLine>,
    pub query: DemandQuery,
    pub errors: FieldErrors,
    pub map_svg: String,
    pub k: u32,
    pub reach_km: f64,
}

impl GapPage {
    fn gaps(&self) -> usize {
        self.lines
            .iter()
            .filter(|l| l.status != Status::Covered)
            .count()
    }
    fn csv_url(&self) -> String {
        let mut q = Vec::new();
        if !self.query.sector.is_empty() {
            q.push(format!("sector={}", self.query.sector));
        }
        if !self.query.size.is_empty() {
            q.push(format!("size={}", self.query.size));
        }
        let base = urls::gap_report_csv(&self.network.slug);
        if q.is_empty() {
            base
        } else {
            format!("{base}?{}", q.join("&"))
        }
    }
}

fn gap_class(gaps: usize) -> &'static str {
    match gaps {
        0 => "demand-0",
        1..=2 => "demand-1",
        3..=5 => "demand-2",
        6..=9 => "demand-3",
        _ => "demand-4",
    }
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<DemandQuery>,
) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    let (filter, errors) = parse_filter(&q);
    let r = report(&state, &network, &filter, c.lang).await?;
    let areas: Vec<svg::Area<'_>> = r
        .demand
        .districts
        .iter()
        .map(|d| {
            let n = r
                .lines
                .iter()
                .filter(|l| l.ags == d.ags && l.status != Status::Covered)
                .count();
            svg::Area {
                ags: &d.ags,
                class: gap_class(n),
                title: c.lang.t_args(
                    "gap-map-title",
                    &[
                        ("district", d.name.clone().into()),
                        ("count", (n as i64).into()),
                    ],
                ),
            }
        })
        .collect();
    let map_svg = svg::district_map(&areas, 640.0, &c.t("gap-map-label"));
    let status = errors.status();
    let k = r.demand.k();
    Ok((
        status,
        GapPage {
            c,
            network,
            lines: r.lines,
            query: q,
            errors,
            map_svg,
            k,
            reach_km: REACH_KM,
        },
    )
        .into_response())
}

pub async fn csv(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<DemandQuery>,
) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    let (filter, errors) = parse_filter(&q);
    if !errors.is_empty() {
        return Err(crate::error::AppError::Validation(errors));
    }
    let r = report(&state, &network, &filter, c.lang).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "district_ags",
        "district",
        "competence_code",
        "competence",
        "people",
        "people_with_gap",
        "offerings_within_50_km",
        "offerings_online",
        "status",
    ];
    let mut body = w.write_record(header).is_ok();
    for l in &r.lines {
        let code = r
            .demand
            .competence(&l.competence)
            .map(|c| c.code.clone())
            .unwrap_or_default();
        body &= w
            .write_record([
                l.ags.clone(),
                l.district.clone(),
                code,
                l.competence_name.clone(),
                l.demand.people().to_string(),
                l.demand.with_gap().to_string(),
                l.coverage.near.to_string(),
                l.coverage.online.to_string(),
                l.status.as_str().to_owned(),
            ])
            .is_ok();
    }
    let bytes = if body {
        w.into_inner().unwrap_or_default()
    } else {
        Vec::new()
    };
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"bedarfsluecken-{slug}.csv\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
