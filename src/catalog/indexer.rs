//! Keeps this node's search index in step with the database. The database
//! holds the truth; every write to an offering adds a `search_outbox` row in
//! its transaction. The index stores the last sequence it applied in its
//! commit payload, so a restart continues where it stopped, and a node whose
//! index is missing or of an old schema rebuilds it from the database.
//!
//! Writes on this node wake the indexer at once and count as pending so
//! the next search catches up first (read your own writes). Writes on other
//! nodes arrive by polling; each round re-reads a window of recent sequences
//! because sequences may commit out of order.

use std::{
    collections::{BTreeSet, HashMap},
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering},
    },
    time::Duration,
};

use super::{
    queries::{self, IndexRow, OfferingRow},
    search::{OfferingDoc, SearchIndex},
};
use crate::{
    db::{Db, now},
    funding::{facts::offering_facts, queries as funding_store, rules},
    ids::{CompetenceId, NetworkId, OfferingId},
    web::markdown,
};

/// Sequences re-read every round, for transactions that committed late.
const WINDOW: i64 = 200;
/// How often a node looks for other nodes' writes.
pub const POLL: Duration = Duration::from_secs(1);

/// An indexed offering as result lists and recommendations need it.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The row without its description.
    pub row: OfferingRow,
    pub network: Option<NetworkId>,
    /// Competences it builds and the level reached.
    pub builds: Vec<(CompetenceId, u8)>,
}

pub struct SearchService {
    pub index: SearchIndex,
    /// What a result list shows of each indexed offering (its row without
    /// the description), changed together with the index: a search answers
    /// without going back to the database.
    summaries: std::sync::RwLock<HashMap<OfferingId, Arc<Summary>>>,
    /// Writes this node made (counter), and how many of them the index has
    /// caught up with: a search waits while `applied < written`, even when
    /// another task is already catching up.
    written: AtomicU64,
    applied: AtomicU64,
    rebuild: AtomicBool,
    /// Set once the index has caught up with the database after the start:
    /// until then searches answer "being built" at once instead of waiting.
    serving: AtomicBool,
    /// Unix milliseconds of the last look at the outbox.
    checked_at: AtomicI64,
    /// Counts the changes of what searches see (index and summaries): a
    /// result kept under one revision is the result of that index.
    revision: AtomicU64,
    lock: tokio::sync::Mutex<()>,
    wake: tokio::sync::Notify,
}

fn millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

impl SearchService {
    /// Opens the index in `dir` (or keeps it in memory) and rebuilds it when
    /// it was (re)created.
    pub fn open(dir: Option<&std::path::Path>) -> anyhow::Result<Arc<Self>> {
        let (index, created) = match dir {
            Some(d) => SearchIndex::open_or_create(d)?,
            None => (SearchIndex::in_memory()?, true),
        };
        Ok(Arc::new(SearchService {
            index,
            summaries: std::sync::RwLock::new(HashMap::new()),
            written: AtomicU64::new(1),
            applied: AtomicU64::new(0),
            rebuild: AtomicBool::new(created),
            serving: AtomicBool::new(false),
            checked_at: AtomicI64::new(0),
            revision: AtomicU64::new(0),
            lock: tokio::sync::Mutex::new(()),
            wake: tokio::sync::Notify::new(),
        }))
    }

    /// A write on this node: catch up before the next search.
    pub fn changed(&self) {
        self.written.fetch_add(1, Ordering::SeqCst);
        self.wake.notify_one();
    }

    /// Something all documents depend on changed (the funding rules).
    pub fn rebuild_all(&self) {
        self.rebuild.store(true, Ordering::SeqCst);
        self.changed();
    }

    /// The revision of what searches see; it changes after every change of
    /// the index has been committed and loaded.
    pub fn revision(&self) -> u64 {
        self.revision.load(Ordering::SeqCst)
    }

    /// Whether searches are answered: the first catch-up after the start
    /// (a full rebuild of a new or damaged index) is done.
    pub fn serving(&self) -> bool {
        self.serving.load(Ordering::SeqCst)
    }

    /// Catches up when this node wrote, or when it has not looked for a
    /// while; cheap otherwise.
    pub async fn fresh(self: &Arc<Self>, db: &Db) -> anyhow::Result<()> {
        let stale = millis() - self.checked_at.load(Ordering::SeqCst)
            > i64::try_from(POLL.as_millis()).unwrap_or(1000);
        let behind = self.applied.load(Ordering::SeqCst) < self.written.load(Ordering::SeqCst);
        if behind || self.rebuild.load(Ordering::SeqCst) || stale {
            self.catch_up(db).await?;
        }
        Ok(())
    }

    /// Applies outbox rows past the index's last sequence (minus the window),
    /// or rebuilds everything when asked to.
    pub async fn catch_up(self: &Arc<Self>, db: &Db) -> anyhow::Result<()> {
        let _guard = self.lock.lock().await;
        // Every write counted up to here has committed, so this round's read
        // of the database sees it.
        let target = self.written.load(Ordering::SeqCst);
        if self.applied.load(Ordering::SeqCst) >= target
            && !self.rebuild.load(Ordering::SeqCst)
            && millis() - self.checked_at.load(Ordering::SeqCst) < 50
        {
            // Someone else caught up while this call waited for the lock.
            return Ok(());
        }
        let rebuild = self.rebuild.swap(false, Ordering::SeqCst);
        let result = self.apply_news(db, rebuild).await;
        if result.is_err() {
            // Try again next time rather than serve a stale index silently.
            self.rebuild.fetch_or(rebuild, Ordering::SeqCst);
        } else {
            self.applied.fetch_max(target, Ordering::SeqCst);
            self.checked_at.store(millis(), Ordering::SeqCst);
            self.serving.store(true, Ordering::SeqCst);
        }
        result
    }

    async fn apply_news(self: &Arc<Self>, db: &Db, rebuild: bool) -> anyhow::Result<()> {
        if rebuild {
            // The sequence first: writes after it are applied again later.
            let seq = queries::max_outbox_seq(db).await?;
            let (docs, rows) = documents(db, None).await?;
            let me = Arc::clone(self);
            // Old and new rows while the index switches over.
            self.summaries
                .write()
                .map_err(|_| anyhow::anyhow!("summaries poisoned"))?
                .extend(rows.iter().map(|r| (r.row.id, Arc::clone(r))));
            tokio::task::spawn_blocking(move || me.index.rebuild(docs, seq)).await??;
            *self
                .summaries
                .write()
                .map_err(|_| anyhow::anyhow!("summaries poisoned"))? =
                rows.into_iter().map(|r| (r.row.id, r)).collect();
            self.revision.fetch_add(1, Ordering::SeqCst);
            return Ok(());
        }
        let last = self.index.last_seq();
        let max = queries::max_outbox_seq(db).await?;
        if max <= last {
            return Ok(());
        }
        let rows = queries::outbox_after(db, (last - WINDOW).max(0), 100_000).await?;
        let ids: BTreeSet<OfferingId> = rows.iter().map(|(_, id)| *id).collect();
        let ids: Vec<OfferingId> = ids.into_iter().collect();
        let (upserts, shown) = documents(db, Some(&ids)).await?;
        let deletes: Vec<i64> = ids
            .iter()
            .filter(|id| !upserts.iter().any(|d| d.id == id.0))
            .map(|id| id.0)
            .collect();
        let seq = rows.iter().map(|(s, _)| *s).max().unwrap_or(last).max(last);
        let me = Arc::clone(self);
        // New rows before the index shows them, removed ones after it stops.
        self.summaries
            .write()
            .map_err(|_| anyhow::anyhow!("summaries poisoned"))?
            .extend(shown.into_iter().map(|r| (r.row.id, r)));
        let gone = deletes.clone();
        tokio::task::spawn_blocking(move || me.index.apply(&upserts, &deletes, seq)).await??;
        let mut summaries = self
            .summaries
            .write()
            .map_err(|_| anyhow::anyhow!("summaries poisoned"))?;
        for id in gone {
            summaries.remove(&OfferingId(id));
        }
        self.revision.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    /// The result-list rows of `ids`, in the order asked (None for an id
    /// the index no longer holds).
    pub fn summaries(&self, ids: &[OfferingId]) -> Vec<Option<OfferingRow>> {
        let Ok(map) = self.summaries.read() else {
            return vec![None; ids.len()];
        };
        ids.iter()
            .map(|id| map.get(id).map(|s| s.row.clone()))
            .collect()
    }

    /// Published offerings of `networks` that build one of `competences`,
    /// with what they build: the candidates for recommendations, from
    /// memory rather than a database round trip per page.
    pub fn candidates(
        &self,
        networks: &[NetworkId],
        competences: &[CompetenceId],
    ) -> Vec<Arc<Summary>> {
        let Ok(map) = self.summaries.read() else {
            return Vec::new();
        };
        let mut found: Vec<Arc<Summary>> = map
            .values()
            .filter(|s| s.network.is_some_and(|n| networks.contains(&n)))
            .filter(|s| s.builds.iter().any(|(c, _)| competences.contains(c)))
            .cloned()
            .collect();
        found.sort_by_key(|s| s.row.id);
        found
    }

    /// Runs until the process ends: catches up when woken or every [`POLL`].
    pub async fn run(self: Arc<Self>, db: Db) {
        loop {
            if let Err(e) = self.catch_up(&db).await {
                tracing::warn!(error = %e, "search index could not catch up");
            }
            let _ = tokio::time::timeout(POLL, self.wake.notified()).await;
        }
    }
}

/// The index documents of published offerings (all, or those in `ids`), with
/// their rows for result lists (description left out).
pub async fn documents(
    db: &Db,
    ids: Option<&[OfferingId]>,
) -> anyhow::Result<(Vec<OfferingDoc>, Vec<Arc<Summary>>)> {
    let rows = queries::index_rows(db, ids).await?;
    let labels: HashMap<CompetenceId, (String, String)> = queries::competence_labels(db)
        .await?
        .into_iter()
        .map(|(id, name, area)| (id, (name, area)))
        .collect();
    let competences = match ids {
        None => queries::all_offering_competences(db).await?,
        Some(ids) => {
            let mut all = Vec::new();
            for chunk in ids.chunks(5_000) {
                all.extend(queries::competences_of(db, chunk).await?);
            }
            all
        }
    };
    let mut builds: HashMap<OfferingId, Vec<(CompetenceId, u8)>> = HashMap::new();
    for b in competences {
        builds
            .entry(b.offering_id)
            .or_default()
            .push((b.competence_id, u8::try_from(b.level).unwrap_or(0)));
    }
    let programmes = funding_store::current(db).await?;
    let today = crate::kernel::days::day_of(now());
    // Markdown and funding rules per offering: CPU work, spread over the
    // cores off the async workers.
    let docs = tokio::task::spawn_blocking(move || {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let per = rows.len().div_ceil(threads).max(1);
        let (labels, builds, programmes) = (&labels, &builds, &programmes);
        std::thread::scope(|scope| {
            let mut rows = rows;
            let mut parts = Vec::new();
            while !rows.is_empty() {
                let rest = rows.split_off(rows.len().min(per));
                let part = std::mem::replace(&mut rows, rest);
                parts.push(scope.spawn(move || {
                    part.into_iter()
                        .map(|r| {
                            let mut row = r.offering.clone();
                            row.description = String::new();
                            let summary = Arc::new(Summary {
                                network: r.network_id,
                                builds: builds.get(&row.id).cloned().unwrap_or_default(),
                                row,
                            });
                            (to_doc(r, labels, builds, programmes, today), summary)
                        })
                        .collect::<Vec<_>>()
                }));
            }
            parts
                .into_iter()
                .flat_map(|p| p.join().unwrap_or_default())
                .unzip()
        })
    })
    .await?;
    Ok(docs)
}

fn to_doc(
    r: IndexRow,
    labels: &HashMap<CompetenceId, (String, String)>,
    builds: &HashMap<OfferingId, Vec<(CompetenceId, u8)>>,
    programmes: &[rules::Programme],
    today: i64,
) -> OfferingDoc {
    let o = r.offering;
    let mut competences = Vec::new();
    let mut areas: Vec<String> = Vec::new();
    for (c, _) in builds.get(&o.id).into_iter().flatten() {
        if let Some((name, area)) = labels.get(c) {
            competences.push(name.clone());
            if !areas.contains(area) {
                areas.push(area.clone());
            }
        }
    }
    // Eligible for funding: some programme may pay for the course as such,
    // whatever the person (their facts are unknown here).
    let facts = offering_facts(&o, today);
    let funding_eligible = programmes
        .iter()
        .map(|p| rules::assess(p, &facts))
        .any(|a| a.verdict != rules::Verdict::NotEligible && a.course_cost_share_pct > 0.0);
    OfferingDoc {
        id: o.id.0,
        network_id: r.network_id.map(|n| n.0).unwrap_or_default(),
        description: markdown::to_plain(&o.description),
        provider: o.provider_name,
        competences,
        areas,
        format: o.format.as_str().to_owned(),
        district: o.district_ags,
        location: o.lat.zip(o.lon),
        price_cents: o.price_cents,
        part_time: o.part_time,
        evenings: o.evenings,
        weekends: o.weekends,
        funding_eligible,
        start_day: o.start_day.and_then(|d| i32::try_from(d).ok()),
        created_at: o.created_at,
        title: o.title,
    }
}
