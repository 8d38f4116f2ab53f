//! The regional demand table and district map: open needs of the network's
//! companies by district and competence, public, k-anonymous.

use crate::web::Path;
use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use std::sync::Arc;

use super::{
    analysis::{self, ProtectedTable, RegionalFigures, RegionalFilter, RegionalPerson},
    queries::people,
    queries::{self as fw, CompetenceRow},
};
use crate::{
    db::Db,
    disclosure::{Protection, RecordKey},
    error::{AppError, AppResult},
    ids::{CompetenceId, NetworkId},
    kernel::days::today,
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

/// The demand table a person asked for, with what it is labelled by.
pub struct RegionalDemand {
    pub districts: Vec<District>,
    pub competences: Vec<CompetenceRow>,
    pub table: ProtectedTable,
    pub protection: Protection,
    /// Day (since the epoch) the figures describe.
    pub as_of: i64,
}

impl RegionalDemand {
    pub fn competence(&self, id: &CompetenceId) -> Option<&CompetenceRow> {
        self.competences.iter().find(|c| c.id == *id)
    }

    pub fn k(&self) -> u32 {
        self.protection.k()
    }
}

/// A network's regional figures as of one day.
pub struct RegionalSnapshot {
    pub districts: Vec<District>,
    pub competences: Vec<CompetenceRow>,
    pub figures: RegionalFigures,
    pub as_of: i64,
}

/// The regional figures of each network, computed once per day (the
/// reference date of the figures, as statistical offices publish them).
///
/// Why a day and not every request: regional cells mix the people of many
/// companies, and each company's admin decides who is in which role. Were
/// the figures recomputed at every request, an admin could move their own
/// people around and read the table after each move, drawing fresh noise
/// each time; with one reference date a day, every composition costs a day
/// and the table stays the same for everyone in between. It also keeps the
/// page fast on large networks: reading every assessment happens once a
/// day, not per request. `Settings::live_regional_figures` turns this off
/// for tests and demonstrations.
///
/// When the day turns, the previous day's figures are served while the new
/// ones are computed in the background, so no visitor waits for a large
/// network's reading of every assessment; only a node without any figures
/// yet (just started, or the network's protection parameters changed)
/// computes while the request waits.
#[derive(Default)]
pub struct FiguresCache {
    entries: std::sync::Mutex<HashMap<NetworkId, Arc<RegionalSnapshot>>>,
    /// One computation at a time; others wait for its result or serve the
    /// previous day's figures meanwhile.
    building: Arc<tokio::sync::Mutex<()>>,
    /// Set once the figures were first prepared after the start.
    prepared: std::sync::atomic::AtomicBool,
}

/// How a cached entry relates to what a request needs.
enum Cached {
    Fresh(Arc<RegionalSnapshot>),
    /// Of an earlier day, with the same protection parameters.
    Stale(Arc<RegionalSnapshot>),
    Missing,
}

impl FiguresCache {
    /// Whether the node has prepared its figures since it started.
    pub fn prepared(&self) -> bool {
        self.prepared.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn lookup(&self, network: &NetworkRow, day: i64) -> Cached {
        let Ok(entries) = self.entries.lock() else {
            return Cached::Missing;
        };
        match entries.get(&network.id) {
            Some(s) if s.figures.protection() != protection_of(network) => Cached::Missing,
            Some(s) if s.as_of == day => Cached::Fresh(s.clone()),
            Some(s) => Cached::Stale(s.clone()),
            None => Cached::Missing,
        }
    }

    fn store(&self, network: NetworkId, snapshot: Arc<RegionalSnapshot>) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(network, snapshot);
        }
    }
}

fn protection_of(network: &NetworkRow) -> Protection {
    Protection::regional(network.min_group_size, network.noise_range)
}

/// The network's regional figures of today, from the cache. Reading every
/// assessment of a large network takes seconds (tens of seconds for twelve
/// million on SQLite), so no request waits for it: yesterday's figures are
/// served while today's are computed, and when there are none at all (a node
/// just started, or the network's protection parameters changed) the answer
/// says at once that they are being prepared, while they are computed in the
/// background. `/readyz` reports a node ready only once its figures exist.
pub async fn snapshot(state: &AppState, network: &NetworkRow) -> AppResult<Arc<RegionalSnapshot>> {
    let day = today();
    if state.settings.live_regional_figures {
        return Ok(Arc::new(compute(&state.db, network, day).await?));
    }
    match state.regional_figures.lookup(network, day) {
        Cached::Fresh(s) => Ok(s),
        Cached::Stale(s) => {
            refresh_in_background(state, network, day);
            Ok(s)
        }
        Cached::Missing => {
            refresh_in_background(state, network, day);
            Err(AppError::Unavailable("regional-figures-preparing"))
        }
    }
}

/// Starts computing the network's figures unless a computation is under way.
fn refresh_in_background(state: &AppState, network: &NetworkRow, day: i64) {
    let Ok(guard) = state.regional_figures.building.clone().try_lock_owned() else {
        return;
    };
    let (state, network) = (state.clone(), network.clone());
    tokio::spawn(async move {
        let _one_at_a_time = guard;
        if let Err(e) = refresh(&state, &network, day).await {
            tracing::warn!(error = ?e, network = %network.slug, "regional figures not computed");
        }
    });
}

/// Computes and stores the day's figures unless they are there already.
async fn refresh(state: &AppState, network: &NetworkRow, day: i64) -> AppResult<()> {
    if let Cached::Fresh(_) = state.regional_figures.lookup(network, day) {
        return Ok(());
    }
    let fresh = compute(&state.db, network, day).await?;
    state.regional_figures.store(network.id, Arc::new(fresh));
    Ok(())
}

/// Computes the day's figures of every network that has none yet: at start
/// (before the node reports ready) and hourly.
pub async fn prepare_all(state: &AppState) -> AppResult<()> {
    if state.settings.live_regional_figures {
        return Ok(());
    }
    let day = today();
    let result = async {
        for network in nq::networks(&state.db).await? {
            let _one_at_a_time = state.regional_figures.building.lock().await;
            refresh(state, &network, day).await?;
        }
        Ok::<_, AppError>(())
    }
    .await;
    // Ready even if a network failed: its page says "being prepared" and
    // the next hour tries again, while everything else serves.
    state
        .regional_figures
        .prepared
        .store(true, std::sync::atomic::Ordering::SeqCst);
    result
}

/// What a network's regional figures are computed from.
pub struct RegionalInputs {
    pub districts: Vec<District>,
    pub competences: Vec<CompetenceRow>,
    people: Vec<RegionalPerson>,
    columns: Vec<CompetenceId>,
    sensitive: Vec<bool>,
    targets: HashMap<crate::ids::JobRoleId, Vec<Option<super::domain::Level>>>,
    actual: analysis::ActualTable,
}

impl RegionalInputs {
    pub async fn load(db: &Db, network: &NetworkRow, day: i64) -> AppResult<RegionalInputs> {
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
        let requirements = people::regional_requirements(db, network.id).await?;
        let people: Vec<RegionalPerson> = people::regional_people(db, network.id)
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
                    key: RecordKey::from_stored(p.record_key),
                })
            })
            .collect();
        // Columns: competences some role of the region requires, in framework order.
        let required: Vec<&CompetenceRow> = competences
            .iter()
            .filter(|c| requirements.iter().any(|r| r.competence_id == c.id))
            .collect();
        let columns: Vec<CompetenceId> = required.iter().map(|c| c.id).collect();
        let sensitive: Vec<bool> = required.iter().map(|c| c.sensitive).collect();
        let index = analysis::column_index(&columns);
        let targets = analysis::targets_by_role(
            requirements
                .iter()
                .filter_map(|r| Some((r.role_id, r.to_requirement()?))),
        );
        let targets = analysis::dense_targets(&targets, &index);
        let actual = people::regional_actual_levels(db, network.id, &index, day).await?;
        Ok(RegionalInputs {
            districts,
            competences,
            people,
            columns,
            sensitive,
            targets,
            actual,
        })
    }

    /// The protected figures.
    pub fn figures(&self, protection: Protection) -> RegionalFigures {
        self.figures_of(self.people.clone(), protection)
    }

    /// The figures as the platform published them before the linked-table
    /// cube and the noise (one table by district, k and two companies,
    /// complementary suppression per column): the baseline of the
    /// usefulness report.
    pub fn figures_before(&self, k: i64) -> RegionalFigures {
        let people = analysis::districts_only(self.people.iter().cloned());
        self.figures_of(people, Protection::regional(k, 0))
    }

    fn figures_of(&self, people: Vec<RegionalPerson>, protection: Protection) -> RegionalFigures {
        analysis::regional_figures(
            people,
            self.districts.len(),
            self.columns.clone(),
            &self.sensitive,
            &self.targets,
            &self.actual,
            protection,
        )
    }
}

/// Computes a network's regional figures from its rows.
pub async fn compute(db: &Db, network: &NetworkRow, day: i64) -> AppResult<RegionalSnapshot> {
    let inputs = RegionalInputs::load(db, network, day).await?;
    let figures = inputs.figures(protection_of(network));
    Ok(RegionalSnapshot {
        districts: inputs.districts,
        competences: inputs.competences,
        figures,
        as_of: day,
    })
}

/// The protected regional table for a network and filter.
pub async fn regional_demand(
    state: &AppState,
    network: &NetworkRow,
    filter: &RegionalFilter,
) -> AppResult<RegionalDemand> {
    let s = snapshot(state, network).await?;
    Ok(RegionalDemand {
        districts: s.districts.clone(),
        competences: s.competences.clone(),
        table: s.figures.table(filter),
        protection: s.figures.protection(),
        as_of: s.as_of,
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
    fn as_of(&self) -> String {
        crate::kernel::days::format_date(self.demand.as_of)
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
    let demand = regional_demand(&state, &network, &filter).await?;
    // The map shows one competence: the one asked for, else the one with the
    // most people with a gap in the published totals.
    let cols = demand.table.competences.len();
    let asked = q
        .kompetenz
        .parse::<i64>()
        .ok()
        .and_then(|id| demand.table.competences.iter().position(|c| c.0 == id));
    let busiest = (0..cols)
        .filter_map(|col| demand.table.total(col).map(|t| (col, t.with_gap())))
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
                    let share = cell.filter(|t| t.people() > 0).map(|t| t.share_with_gap());
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
                    let class = if cell.is_some_and(|t| t.people() == 0) {
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
