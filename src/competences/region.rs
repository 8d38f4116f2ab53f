//! The regional demand table and district map: open needs of the network's
//! companies by district and competence, public, k-anonymous.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    analysis::{self, ProtectedTable, RegionalFilter, RegionalPerson},
    anonymity::Rules,
    company::today,
    queries::{self as fw, CompetenceRow},
    store,
};
use crate::{
    db::Db,
    error::AppResult,
    ids::CompetenceId,
    networks::{
        domain::SizeClass,
        load_network,
        queries::{self as nq, NetworkRow},
    },
    regions::{District, reference, svg},
    state::AppState,
    web::{Ctx, forms::FieldErrors, urls},
};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DemandQuery {
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub size: String,
    #[serde(default)]
    pub kompetenz: String,
}

pub struct RegionalDemand {
    pub districts: Vec<District>,
    pub competences: Vec<CompetenceRow>,
    pub table: ProtectedTable,
    pub rules: Rules,
}

impl RegionalDemand {
    pub fn competence(&self, id: &CompetenceId) -> Option<&CompetenceRow> {
        self.competences.iter().find(|c| c.id == *id)
    }
}

/// Computes the protected regional table for a network and filter.
pub async fn regional_demand(
    db: &Db,
    network: &NetworkRow,
    filter: &RegionalFilter,
) -> AppResult<RegionalDemand> {
    let district_keys = nq::network_districts(db, network.id).await?;
    let districts: Vec<District> = district_keys
        .iter()
        .filter_map(|a| reference().district(a).cloned())
        .collect();
    let index: HashMap<&str, usize> = districts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.ags.as_str(), i))
        .collect();
    let competences = fw::competences(db, network.id).await?;
    let requirements = store::regional_requirements(db, network.id).await?;
    let assessments = store::regional_assessments(db, network.id).await?;
    let people: Vec<RegionalPerson> = store::regional_people(db, network.id)
        .await?
        .into_iter()
        .filter_map(|p| {
            Some(RegionalPerson {
                org: p.org_id,
                user: p.user_id,
                role: p.role_id?,
                district: *index.get(p.district_ags.as_str())?,
                sector: p.sector_code,
                size: p.size_class,
            })
        })
        .collect();
    // Columns: competences some role of the region requires, in framework order.
    let required: Vec<&CompetenceRow> = competences
        .iter()
        .filter(|c| requirements.iter().any(|r| r.competence_id == c.id))
        .collect();
    let ids: Vec<CompetenceId> = required.iter().map(|c| c.id).collect();
    let sensitive: Vec<bool> = required.iter().map(|c| c.sensitive).collect();
    let columns = analysis::column_index(&ids);
    let targets = analysis::targets_by_role(
        requirements
            .iter()
            .filter_map(|r| Some((r.role_id, r.to_requirement()?))),
    );
    let targets = analysis::dense_targets(&targets, &columns);
    let actual = analysis::ActualTable::build(
        &columns,
        assessments
            .iter()
            .filter_map(|a| Some((a.user_id, a.to_assessment()?))),
        today(),
    );
    let rules = Rules::regional(u32::try_from(network.min_group_size).unwrap_or(5));
    let table = analysis::regional_table(
        people,
        districts.len(),
        ids,
        &sensitive,
        &targets,
        &actual,
        filter,
        rules,
    );
    Ok(RegionalDemand {
        districts,
        competences,
        table,
        rules,
    })
}

/// Checks the query's filters; unknown values are dropped and reported.
pub fn parse_filter(q: &DemandQuery) -> (RegionalFilter, FieldErrors) {
    let mut errors = FieldErrors::new();
    let sector = match q.sector.trim() {
        "" => None,
        s if s.len() == 2 && reference().sector(s).is_some() => Some(s.to_owned()),
        _ => {
            errors.add("sector", "sector-invalid");
            None
        }
    };
    let size = match q.size.trim() {
        "" => None,
        s => match SizeClass::parse(s) {
            Some(z) => Some(z.as_str().to_owned()),
            None => {
                errors.add("size", "choice-invalid");
                None
            }
        },
    };
    (RegionalFilter { sector, size }, errors)
}

#[derive(Template, WebTemplate)]
#[template(path = "competences/region.html")]
pub struct RegionPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub demand: RegionalDemand,
    pub query: DemandQuery,
    pub errors: FieldErrors,
    pub map_competence: Option<usize>,
    pub map_svg: String,
    pub sectors: Vec<(String, String)>,
}

impl RegionPage {
    fn name(&self, id: &CompetenceId) -> String {
        self.demand
            .competence(id)
            .map(|c| c.name(self.c.lang).to_owned())
            .unwrap_or_default()
    }
    fn sizes(&self) -> &'static [SizeClass] {
        SizeClass::ALL
    }
    fn selected_name(&self) -> String {
        self.map_competence
            .and_then(|col| self.demand.table.competences.get(col))
            .map(|id| self.name(id))
            .unwrap_or_default()
    }
    fn is_map_col(&self, col: &usize) -> bool {
        self.map_competence == Some(*col)
    }
    fn has_filter(&self) -> bool {
        !self.query.sector.is_empty() || !self.query.size.is_empty()
    }
}

/// The CSS class of a district on the demand map by share with a gap.
fn demand_class(share: Option<u32>) -> &'static str {
    match share {
        None => "demand-hidden",
        Some(s) if s >= 60 => "demand-4",
        Some(s) if s >= 40 => "demand-3",
        Some(s) if s >= 20 => "demand-2",
        Some(s) if s > 0 => "demand-1",
        Some(_) => "demand-0",
    }
}

pub async fn demand(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<DemandQuery>,
) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    let (filter, errors) = parse_filter(&q);
    let demand = regional_demand(&state.db, &network, &filter).await?;
    // The map shows one competence: the one asked for, else the one with the
    // most people with a gap in the published totals.
    let cols = demand.table.competences.len();
    let asked = q
        .kompetenz
        .parse::<i64>()
        .ok()
        .and_then(|id| demand.table.competences.iter().position(|c| c.0 == id));
    let busiest = (0..cols)
        .filter_map(|col| demand.table.total(col).map(|t| (col, t.with_gap)))
        .max_by_key(|(_, n)| *n)
        .map(|(col, _)| col);
    let map_competence = asked.or(busiest);
    let map_svg = match map_competence {
        Some(col) => {
            let name = demand
                .table
                .competences
                .get(col)
                .and_then(|id| demand.competence(id))
                .map(|comp| comp.name(c.lang).to_owned())
                .unwrap_or_default();
            let areas: Vec<svg::Area<'_>> = demand
                .districts
                .iter()
                .enumerate()
                .map(|(row, d)| {
                    let cell = demand.table.cell(row, col);
                    let share = cell.filter(|t| t.people > 0).map(|t| t.share_with_gap());
                    let title = match (cell, share) {
                        (Some(_), Some(s)) => c.lang.t_args(
                            "region-map-title",
                            &[
                                ("district", d.name.clone().into()),
                                ("share", i64::from(s).into()),
                            ],
                        ),
                        (Some(_), None) => format!("{}: {}", d.name, c.t("region-no-data")),
                        (None, _) => format!("{}: {}", d.name, c.t("needs-hidden")),
                    };
                    let class = if cell.is_some_and(|t| t.people == 0) {
                        "demand-none"
                    } else {
                        demand_class(share)
                    };
                    svg::Area {
                        ags: &d.ags,
                        class,
                        title,
                    }
                })
                .collect();
            svg::district_map(
                &areas,
                640.0,
                &c.t_s("region-map-label", "competence", &name),
            )
        }
        None => String::new(),
    };
    let sectors = reference()
        .top_sectors()
        .filter(|s| s.code.len() == 2)
        .map(|s| (s.code.clone(), format!("{} – {}", s.code, s.title)))
        .collect();
    let status = errors.status();
    Ok((
        status,
        RegionPage {
            c,
            network,
            demand,
            query: q,
            errors,
            map_competence,
            map_svg,
            sectors,
        },
    )
        .into_response())
}
