//! Shared application state handed to every handler.

use std::sync::Arc;

use crate::{config::Settings, db::Db, mail::Mailer, ops::metrics::Metrics};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub mailer: Mailer,
    pub metrics: Arc<Metrics>,
    /// Key for CSRF tokens (from settings or random per start).
    pub secret: Arc<[u8]>,
    /// This node's search index over the catalog.
    pub search: Arc<crate::catalog::indexer::SearchService>,
    /// This node's in-memory index of the idea maps.
    pub idea_maps: Arc<crate::ideas::map::IdeaMaps>,
    /// This node's regional figures of the day, per network.
    pub regional_figures: Arc<crate::competences::region::FiguresCache>,
    /// The offering uploads this process is saving, with their progress.
    pub imports: Arc<crate::catalog::import_job::RunningImports>,
    /// What public pages read, for a few seconds (see `web::cache`).
    pub public_cache: Arc<crate::web::cache::PublicCache>,
}

impl AppState {
    /// Tells the indexer that the search outbox has new rows. Other nodes
    /// learn of them by polling (or PostgreSQL's NOTIFY).
    pub fn search_changed(&self) {
        self.search.changed();
    }
}
