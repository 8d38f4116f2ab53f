//! The public idea map (Ideenlandkarte) of a network: a map with district
//! polygons and clustered markers, and beside it a list with the same
//! filters that works without JavaScript.
//!
//! Each node keeps the map-relevant fields of a network's public ideas in
//! memory. Every write that changes what the map shows bumps the network's
//! revision in the same transaction; a request reads that one number and
//! rebuilds the index when it moved, so every node answers current data
//! without polling.

use crate::web::Path;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex, RwLock},
};

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use serde::Serialize;
use utoipa::ToSchema;

use super::{
    clusters::{self, Bounds, Point},
    domain::AnswerStatus,
    queries::{self, CampaignRow, CategoryRow, IdeaRow, LabRow, MapRow},
};
use crate::{
    db::Db,
    error::AppResult,
    ids::{IdeaCampaignId, IdeaCategoryId, IdeaId, IdeaLabId, NetworkId},
    networks::queries::{self as nq, NetworkRow},
    state::AppState,
    web::{Ctx, forms::FieldErrors, urls},
};

pub const PAGE_SIZE: usize = 50;
/// Cached map answers per index; the index is replaced on every change, so
/// the cache never serves stale data. Bounded so odd queries cannot grow it.
const ANSWER_CACHE: usize = 512;

pub struct MapIndex {
    pub revision: i64,
    pub rows: Vec<MapRow>,
    titles: Vec<String>,
    answers: Mutex<HashMap<String, Arc<String>>>,
}

#[derive(Default)]
pub struct IdeaMaps {
    indexes: RwLock<HashMap<NetworkId, Arc<MapIndex>>>,
    rebuild: tokio::sync::Mutex<()>,
}

impl IdeaMaps {
    /// The current index of a network's public ideas.
    pub async fn get(&self, db: &Db, network: NetworkId) -> Result<Arc<MapIndex>, sqlx::Error> {
        let revision = queries::revision(db, network).await?;
        self.get_at(db, network, revision).await
    }

    /// The index for the map's revision as read from the public cache: what
    /// every visitor's page and map request use, so that they cost no query
    /// (a write on this node empties that cache; other nodes' ideas show
    /// within its few seconds).
    pub async fn for_visitors(
        &self,
        state: &AppState,
        network: NetworkId,
    ) -> AppResult<Arc<MapIndex>> {
        let revision = state
            .public_cache
            .get(format!("idea-revision:{network}"), || async {
                Ok(queries::revision(&state.db, network).await?)
            })
            .await?;
        Ok(self.get_at(&state.db, network, revision).await?)
    }

    async fn get_at(
        &self,
        db: &Db,
        network: NetworkId,
        revision: i64,
    ) -> Result<Arc<MapIndex>, sqlx::Error> {
        if let Some(ix) = self.cached(network, revision) {
            return Ok(ix);
        }
        // One rebuild at a time; whoever waited finds it done.
        let _guard = self.rebuild.lock().await;
        if let Some(ix) = self.cached(network, revision) {
            return Ok(ix);
        }
        // The revision was read before the rows, so the rows are at least
        // as new as the label; a later write only causes another rebuild.
        let rows = queries::map_rows(db, network).await?;
        let titles = rows.iter().map(|r| r.title.to_lowercase()).collect();
        let ix = Arc::new(MapIndex {
            revision,
            rows,
            titles,
            answers: Mutex::default(),
        });
        self.indexes
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(network, ix.clone());
        Ok(ix)
    }

    fn cached(&self, network: NetworkId, revision: i64) -> Option<Arc<MapIndex>> {
        self.indexes
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&network)
            .filter(|ix| ix.revision == revision)
            .cloned()
    }
}

/// The filters of map and list, from the query string.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub campaign: Option<IdeaCampaignId>,
    pub category: Option<IdeaCategoryId>,
    /// "new" (no answer yet) or an answer status.
    pub status: Option<String>,
    pub district: Option<String>,
    pub lab: Option<IdeaLabId>,
    pub q: String,
}

/// An id filter: empty is none; anything but a positive whole number names
/// nothing that can exist and is reported.
fn id_param(v: &str, field: &'static str, e: &mut FieldErrors) -> Option<i64> {
    match v.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(id) if id >= 1 => Some(id),
            _ => {
                e.add(field, "choice-invalid");
                None
            }
        },
    }
}

impl Filter {
    /// Reads the filters; a value that does not parse is reported and left
    /// out, so the page still shows something useful.
    pub fn parse(pairs: &[(String, String)]) -> (Filter, FieldErrors) {
        let mut f = Filter::default();
        let mut e = FieldErrors::new();
        for (k, v) in pairs {
            match k.as_str() {
                "campaign" => f.campaign = id_param(v, "campaign", &mut e).map(IdeaCampaignId),
                "category" => f.category = id_param(v, "category", &mut e).map(IdeaCategoryId),
                "lab" => f.lab = id_param(v, "lab", &mut e).map(IdeaLabId),
                "status" => match v.trim() {
                    "" => {}
                    s if s == "new" || AnswerStatus::parse(s).is_some() => {
                        f.status = Some(s.to_owned())
                    }
                    _ => e.add("status", "choice-invalid"),
                },
                "district" => match v.trim() {
                    "" => {}
                    s if s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit()) => {
                        f.district = Some(s.to_owned())
                    }
                    _ => e.add("district", "choice-invalid"),
                },
                "q" => {
                    f.q = v
                        .trim()
                        .chars()
                        .take(100)
                        .collect::<String>()
                        .to_lowercase();
                }
                _ => {}
            }
        }
        (f, e)
    }

    fn matches(&self, r: &MapRow, title_lc: &str) -> bool {
        self.campaign.is_none_or(|c| r.campaign_id == c)
            && self.category.is_none_or(|c| r.category_id == Some(c))
            && self.lab.is_none_or(|l| r.lab_id == Some(l))
            && self
                .district
                .as_deref()
                .is_none_or(|d| r.district_ags.as_deref() == Some(d))
            && self
                .status
                .as_deref()
                .is_none_or(|s| match &r.answer_status {
                    None => s == "new",
                    Some(a) => a.as_str() == s,
                })
            && (self.q.is_empty() || title_lc.contains(&self.q))
    }

    /// The filters as a query string (for links and the map's data URL).
    pub fn query(&self) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        q.append_pair("campaign", &opt(self.campaign.map(|c| c.0)));
        q.append_pair("category", &opt(self.category.map(|c| c.0)));
        q.append_pair("status", self.status.as_deref().unwrap_or(""));
        q.append_pair("district", self.district.as_deref().unwrap_or(""));
        q.append_pair("lab", &opt(self.lab.map(|c| c.0)));
        q.append_pair("q", &self.q);
        q.finish()
    }
}

impl MapIndex {
    /// Positions (in the index's order) of the ideas that pass the filter.
    pub fn matching(&self, f: &Filter) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&i| f.matches(&self.rows[i], &self.titles[i]))
            .collect()
    }

    /// The clustered markers for a view, as JSON; cached per question.
    pub fn markers_json(&self, f: &Filter, bounds: Option<Bounds>, zoom: u8) -> Arc<String> {
        let key = format!("{}|{bounds:?}|{zoom}", f.query());
        if let Some(hit) = self
            .answers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&key)
        {
            return hit.clone();
        }
        let data = self.markers(f, bounds, zoom);
        let json = Arc::new(serde_json::to_string(&data).unwrap_or_default());
        let mut cache = self
            .answers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cache.len() >= ANSWER_CACHE {
            cache.clear();
        }
        cache.insert(key, json.clone());
        json
    }

    pub fn markers(&self, f: &Filter, bounds: Option<Bounds>, zoom: u8) -> MapData {
        let hits = self.matching(f);
        let points: Vec<Point> = hits
            .iter()
            .filter_map(|&i| {
                let r = &self.rows[i];
                Some(Point {
                    id: i as i64,
                    lat: r.lat?,
                    lon: r.lon?,
                })
            })
            .collect();
        let bounds = bounds.or_else(|| Bounds::new(-90.0, -180.0, 90.0, 180.0));
        let markers = match bounds {
            Some(b) => clusters::cluster(&points, &b, zoom),
            None => Vec::new(),
        };
        MapData {
            total: hits.len(),
            located: points.len(),
            markers: markers
                .into_iter()
                .map(|m| {
                    let one =
                        m.id.filter(|_| m.count == 1)
                            .map(|i| &self.rows[i as usize]);
                    MapMarker {
                        lat: (m.lat * 1e5).round() / 1e5,
                        lon: (m.lon * 1e5).round() / 1e5,
                        count: m.count,
                        id: one.map(|r| r.id.0),
                        title: one.map(|r| r.title.clone()),
                        url: one.map(|r| urls::idea(&r.id)),
                    }
                })
                .collect(),
        }
    }
}

/// The idea map's data for a view.
#[derive(Debug, Serialize, ToSchema)]
pub struct MapData {
    /// Ideas that pass the filters (with or without a place).
    pub total: usize,
    /// Of those, the ones with a place on the map.
    pub located: usize,
    pub markers: Vec<MapMarker>,
}

/// A single idea (`id`, `title`, `url` set) or a cluster of `count` ideas.
#[derive(Debug, Serialize, ToSchema)]
pub struct MapMarker {
    pub lat: f64,
    pub lon: f64,
    pub count: u32,
    pub id: Option<i64>,
    pub title: Option<String>,
    pub url: Option<String>,
}

/// Reads the view of a map request: bounds and zoom; absent bounds mean
/// the whole region, absent zoom the region's overview.
pub fn parse_view(pairs: &[(String, String)]) -> Result<(Option<Bounds>, u8), &'static str> {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let zoom = match get("zoom") {
        None => 8,
        Some(z) => z
            .parse::<u8>()
            .ok()
            .filter(|z| *z <= clusters::MAX_ZOOM)
            .ok_or("ideas-map-zoom-invalid")?,
    };
    // An edge left out is the world's edge, so a view open to one side is
    // still a view (the API documents each edge as optional).
    let sides = ["south", "west", "north", "east"].map(get);
    let bounds = if sides.iter().all(Option::is_none) {
        None
    } else {
        let world = [-90.0, -180.0, 90.0, 180.0];
        let mut v = [0.0; 4];
        for ((edge, side), default) in v.iter_mut().zip(sides).zip(world) {
            *edge = match side {
                None => default,
                Some(x) => x.parse::<f64>().map_err(|_| "ideas-map-bounds-invalid")?,
            };
        }
        Some(Bounds::new(v[0], v[1], v[2], v[3]).ok_or("ideas-map-bounds-invalid")?)
    };
    Ok((bounds, zoom))
}

pub fn pairs(query: Option<String>) -> Vec<(String, String)> {
    query
        .and_then(|q| serde_urlencoded::from_str(&q).ok())
        .unwrap_or_default()
}

/// The page asked for: 1 when none; an error for anything but a whole number
/// from 1 to 10,000 (the schema's range).
pub fn page_number(pairs: &[(String, String)]) -> Result<usize, &'static str> {
    match pairs.iter().find(|(k, _)| k == "page") {
        None => Ok(1),
        Some((_, v)) => v
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|p| (1..=10_000).contains(p))
            .ok_or("search-page-invalid"),
    }
}

/// One page of the filtered list, with the rows' current counters.
pub async fn list_page(
    db: &Db,
    ix: &MapIndex,
    f: &Filter,
    page: usize,
) -> AppResult<(usize, Vec<IdeaRow>)> {
    let hits = ix.matching(f);
    let ids: Vec<IdeaId> = hits
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|&i| ix.rows[i].id)
        .collect();
    Ok((hits.len(), queries::ideas_by_ids(db, &ids).await?))
}

#[derive(Template, WebTemplate)]
#[template(path = "ideas/map.html")]
pub struct MapPage {
    pub c: Ctx,
    pub network: NetworkRow,
    pub campaigns: Vec<CampaignRow>,
    pub categories: Vec<(IdeaCampaignId, CategoryRow)>,
    pub labs: Vec<LabRow>,
    pub districts: Vec<(String, String)>,
    pub filter: Filter,
    pub errors: FieldErrors,
    pub total: usize,
    pub ideas: Vec<IdeaRow>,
    pub page: usize,
    pub pages: usize,
    pub may_create: bool,
    pub tile_url: String,
    pub tile_attribution: String,
}

impl MapPage {
    fn status_keys(&self) -> Vec<(&'static str, &'static str)> {
        std::iter::once(("new", "idea-status-new"))
            .chain(
                AnswerStatus::ALL
                    .iter()
                    .map(|s| (s.as_str(), s.message_key())),
            )
            .collect()
    }
    fn selected_status(&self, s: &str) -> bool {
        self.filter.status.as_deref() == Some(s)
    }
    fn selected_district(&self, s: &str) -> bool {
        self.filter.district.as_deref() == Some(s)
    }
    fn page_link(&self, page: usize) -> String {
        format!(
            "{}?{}&page={page}#ideas-list",
            urls::ideas_map(&self.network.slug),
            self.filter.query()
        )
    }
    fn map_data_url(&self) -> String {
        format!(
            "{}?{}",
            urls::idea_map_data(&self.network.slug),
            self.filter.query()
        )
    }
    fn campaign_kind_key(&self, c: &CampaignRow) -> &'static str {
        if c.org_id.is_some() {
            "ideas-kind-company"
        } else if c.kind == crate::ideas::domain::CampaignKind::Labs {
            "ideas-kind-labs"
        } else {
            "ideas-kind-competition"
        }
    }
}

/// Campaigns of the network this person may see: the public ones, and the
/// company campaigns of their companies. The network's campaigns are read
/// through the node cache (every visitor of the idea page needs them) and
/// filtered per person afterwards, so nothing internal leaves this function.
pub async fn visible_campaigns(
    state: &AppState,
    c: &Ctx,
    network: NetworkId,
) -> AppResult<Vec<CampaignRow>> {
    let all = state
        .public_cache
        .get(format!("idea-campaigns:{network}"), || async {
            Ok(queries::campaigns(&state.db, network).await?)
        })
        .await?;
    Ok(all
        .into_iter()
        .filter(|k| match (k.org_id, &c.user) {
            (None, _) => true,
            (Some(org), Some(u)) => u.org_role(org).is_some(),
            (Some(_), None) => false,
        })
        .collect())
}

pub async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> AppResult<(axum::http::StatusCode, MapPage)> {
    let network = crate::networks::cached_network(&state, &slug).await?;
    let pairs = pairs(query);
    let (filter, mut errors) = Filter::parse(&pairs);
    let ix = state.idea_maps.for_visitors(&state, network.id).await?;
    let page = page_number(&pairs).unwrap_or_else(|key| {
        errors.add("page", key);
        1
    });
    let (total, ideas) = state
        .public_cache
        .get(
            format!(
                "ideas-page:{}:{}:{}:{page}",
                network.id,
                ix.revision,
                filter.query()
            ),
            || list_page(&state.db, &ix, &filter, page),
        )
        .await?;
    // The filters' choices are the same for every visitor.
    let (districts, categories, labs) = state
        .public_cache
        .get(format!("ideas-choices:{}", network.id), || async {
            let districts: Vec<(String, String)> = nq::network_districts(&state.db, network.id)
                .await?
                .into_iter()
                .map(|ags| {
                    let name = crate::regions::district_name(&ags);
                    (ags, name)
                })
                .collect();
            let categories = queries::network_categories(&state.db, network.id).await?;
            let labs = queries::labs(&state.db, network.id).await?;
            Ok((districts, categories, labs))
        })
        .await?;
    let may_create = match c.user.as_ref() {
        Some(u) => super::campaigns::may_create(&state, u, &network).await?,
        None => false,
    };
    let settings = &state.settings;
    Ok((
        errors.status(),
        MapPage {
            campaigns: visible_campaigns(&state, &c, network.id).await?,
            categories,
            labs,
            districts,
            pages: total.div_ceil(PAGE_SIZE).max(1),
            total,
            ideas,
            page,
            filter,
            errors,
            may_create,
            tile_url: settings.tile_url.clone().unwrap_or_default(),
            tile_attribution: settings.tile_attribution.clone().unwrap_or_default(),
            c,
            network,
        },
    ))
}
