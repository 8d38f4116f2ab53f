//! API of the competence framework and the regional needs: the same data
//! and the same k-anonymity as the web pages.

pub mod vision;

use crate::web::Path;
use axum::{
    Json,
    extract::{Query, State},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::schema::Problem;
use crate::{
    competences::{
        queries as fw,
        region::{DemandQuery, parse_filter, regional_demand},
    },
    disclosure::Figure,
    error::{AppError, AppResult},
    kernel::days::format_date,
    networks::load_network,
    state::AppState,
};

#[derive(Serialize, ToSchema)]
pub struct Framework {
    pub areas: Vec<FrameworkArea>,
    /// The five proficiency levels 0–4.
    pub levels: Vec<LevelDescriptor>,
}

#[derive(Serialize, ToSchema)]
pub struct FrameworkArea {
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    pub competences: Vec<Competence>,
}

#[derive(Serialize, ToSchema)]
pub struct Competence {
    pub id: i64,
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    pub description_de: String,
    pub description_en: String,
    /// Plain-language description for employees.
    pub plain_de: String,
    pub plain_en: String,
    /// Typical DQR level or range, e.g. "3-4"; empty when not meaningful.
    pub dqr_hint: String,
    /// Technologies that call for the competence.
    pub technologies: Vec<String>,
    /// ESCO skill URI when imported from ESCO.
    pub esco_uri: String,
    /// No longer offered for new requirements; kept for history.
    pub retired: bool,
}

#[derive(Serialize, ToSchema)]
pub struct LevelDescriptor {
    pub level: i64,
    pub label_de: String,
    pub label_en: String,
    pub descriptor_de: String,
    pub descriptor_en: String,
}

/// The competence framework of a network
#[utoipa::path(get, path = "/api/v1/networks/{slug}/competences", tag = "competences",
    params(("slug" = String, Path, description = "Short name of the network")),
    responses((status = 200, description = "Areas with their competences, and the level descriptors", body = Framework),
              (status = 404, description = "No such network", content_type = "application/problem+json", body = Problem)))]
pub async fn framework(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Json<Framework>> {
    let network = load_network(&state.db, &slug).await?;
    let competences = fw::competences(&state.db, network.id).await?;
    let areas = fw::areas(&state.db, network.id)
        .await?
        .into_iter()
        .map(|a| FrameworkArea {
            competences: competences
                .iter()
                .filter(|c| c.area_id == a.id)
                .map(|c| Competence {
                    id: c.id.0,
                    code: c.code.clone(),
                    name_de: c.name_de.clone(),
                    name_en: c.name_en.clone(),
                    description_de: c.description_de.clone(),
                    description_en: c.description_en.clone(),
                    plain_de: c.plain_de.clone(),
                    plain_en: c.plain_en.clone(),
                    dqr_hint: c.dqr_hint.clone(),
                    technologies: crate::competences::framework::technology_list(&c.technologies),
                    esco_uri: c.esco_uri.clone(),
                    retired: c.retired,
                })
                .collect(),
            code: a.code,
            name_de: a.name_de,
            name_en: a.name_en,
        })
        .collect();
    let levels = fw::levels(&state.db, network.id)
        .await?
        .into_iter()
        .map(|l| LevelDescriptor {
            level: l.level,
            label_de: l.label_de,
            label_en: l.label_en,
            descriptor_de: l.descriptor_de,
            descriptor_en: l.descriptor_en,
        })
        .collect();
    Ok(Json(Framework { areas, levels }))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DemandFilter {
    /// WZ 2008 division (two digits) of the companies, e.g. 25.
    #[serde(default)]
    #[param(pattern = "^([0-9]{2})?$")]
    pub sector: Option<String>,
    /// Company size class: micro, small, medium or large.
    #[serde(default)]
    #[param(pattern = "^(micro|small|medium|large)?$")]
    pub size: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Demand {
    /// Every figure covers at least this many people …
    pub min_group_size: u32,
    /// … from at least this many companies.
    pub min_companies: u32,
    /// Published counts are perturbed by at most this many people, the same
    /// way for the same people every time; totals need not equal the sum of
    /// their parts.
    pub noise_range: u8,
    /// Reference date of the figures (YYYY-MM-DD).
    pub as_of: String,
    pub competences: Vec<DemandCompetence>,
}

#[derive(Serialize, ToSchema)]
pub struct DemandCompetence {
    pub id: i64,
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    /// The whole region; absent when withheld.
    pub total: Option<Figures>,
    pub districts: Vec<DemandCell>,
}

#[derive(Serialize, ToSchema)]
pub struct DemandCell {
    /// Official key (AGS) of the district.
    pub ags: String,
    /// Absent when withheld to protect small groups.
    pub figures: Option<Figures>,
}

/// Figures about a group of people: perturbed by a few people at most
/// (consistently), withheld for groups below the minimum size.
#[derive(Serialize, ToSchema)]
pub struct Figures {
    /// Assessed people.
    pub people: u32,
    /// Of them, people with an open gap.
    pub with_gap: u32,
    /// Missing levels summed over those people.
    pub gap_steps: u32,
}

impl From<Figure> for Figures {
    fn from(t: Figure) -> Self {
        Figures {
            people: t.people(),
            with_gap: t.with_gap(),
            gap_steps: t.gap_steps(),
        }
    }
}

/// Regional needs by district and competence
#[utoipa::path(get, path = "/api/v1/networks/{slug}/demand", tag = "competences",
    params(("slug" = String, Path, description = "Short name of the network"), DemandFilter),
    responses((status = 200, description = "Open needs of the network's companies; figures covering fewer people than the network's minimum group size, or fewer than two companies, or derivable from others, are withheld", body = Demand),
              (status = 404, description = "No such network", content_type = "application/problem+json", body = Problem),
              (status = 400, description = "A filter is given twice or the query cannot be read", content_type = "application/problem+json", body = Problem),
              (status = 422, description = "A filter value is invalid", content_type = "application/problem+json", body = Problem)))]
pub async fn demand(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<DemandFilter>,
) -> AppResult<Json<Demand>> {
    let network = load_network(&state.db, &slug).await?;
    let query = DemandQuery {
        sector: q.sector.unwrap_or_default(),
        size: q.size.unwrap_or_default(),
        kompetenz: String::new(),
    };
    let (filter, errors) = parse_filter(&query);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let d = regional_demand(&state, &network, &filter).await?;
    let competences = d
        .table
        .competences
        .iter()
        .enumerate()
        .filter_map(|(col, id)| {
            let c = d.competence(id)?;
            Some(DemandCompetence {
                id: id.0,
                code: c.code.clone(),
                name_de: c.name_de.clone(),
                name_en: c.name_en.clone(),
                total: d.table.total(col).map(Into::into),
                districts: d
                    .districts
                    .iter()
                    .enumerate()
                    .map(|(row, dist)| DemandCell {
                        ags: dist.ags.clone(),
                        figures: d.table.cell(row, col).map(Into::into),
                    })
                    .collect(),
            })
        })
        .collect();
    Ok(Json(Demand {
        min_group_size: d.protection.rules.k,
        min_companies: d.protection.rules.min_companies,
        noise_range: d.protection.noise.range(),
        as_of: format_date(d.as_of),
        competences,
    }))
}
