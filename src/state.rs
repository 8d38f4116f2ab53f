//! Shared application state handed to every handler.

use std::{ops::Deref, sync::Arc};

use crate::{
    config::Settings,
    db::{Db, Tx},
    error::AppResult,
    mail::{Mailer, Queued, Readers},
    ops::metrics::Metrics,
};

/// What every handler and middleware may read. Extractors and middleware
/// take it by value on every request, so it is one pointer: a clone is one
/// reference count. (As a struct of ten shared fields, cloning and dropping
/// it took 11 % of a partner-directory request's CPU under load, measured
/// with `perf` on the release build.)
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        AppState(Arc::new(shared))
    }
}

impl Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub struct Shared {
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

impl Shared {
    /// Starts a unit of work: one transaction, and the mails it queues,
    /// handed to SMTP only once it commits.
    pub async fn begin(&self) -> Result<Work<'_>, sqlx::Error> {
        Ok(Work {
            tx: self.db.begin().await?,
            mails: Vec::new(),
            shared: self,
        })
    }

    /// Tells the indexer that the search outbox has new rows. Other nodes
    /// learn of them by polling (or PostgreSQL's NOTIFY).
    pub fn search_changed(&self) {
        self.search.changed();
    }
}

/// What a use case writes: its transaction, and the mails that leave only
/// if the transaction commits. Dropped without [`Work::commit`], both are
/// discarded.
pub struct Work<'s> {
    pub tx: Tx,
    mails: Vec<Queued>,
    shared: &'s Shared,
}

impl Work<'_> {
    /// Queues a mail in this unit's transaction.
    pub async fn mail(
        &mut self,
        to: &str,
        subject: &str,
        body: &str,
        readers: Readers,
    ) -> AppResult<()> {
        let queued = self
            .shared
            .mailer
            .enqueue(&mut self.tx, to, subject, body, readers)
            .await?;
        self.mails.push(queued);
        Ok(())
    }

    pub fn settings(&self) -> &Settings {
        &self.shared.settings
    }

    pub async fn commit(self) -> AppResult<()> {
        self.tx.commit().await?;
        self.shared.mailer.deliver(&self.shared.db, self.mails);
        Ok(())
    }
}
