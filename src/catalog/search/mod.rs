//! Full-text and faceted search over training offerings, backed by tantivy.
//!
//! Text matching is German-aware (see `analysis`): every query word must
//! match either as a whole (stemmed, umlaut-folded) word, as a member of a
//! compound ("Schweißen" in "Schutzgasschweißen"), or with one typo. Filters,
//! facets and sorting run on decoded fast-field columns (see `columns` and
//! `collect`); stored documents are never read, hits only carry ids.

mod analysis;
mod collect;
mod columns;
mod text;

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::catalog::search::collect::{Counts, Filters};
use crate::catalog::search::columns::{Dict, Dicts, Snapshot, field};
use crate::catalog::search::text::{TextFields, TextPlan};

/// Bumped whenever the schema or the analysis changes; an index on disk with
/// another version is recreated (and the caller rebuilds it).
const SCHEMA_VERSION: u32 = 1;
const WRITER_HEAP_BYTES: usize = 50_000_000;
/// tantivy refuses less than 15 MB of indexing heap per thread.
const MIN_HEAP_PER_THREAD: usize = 15_000_000;

#[derive(Debug)]
pub enum SearchError {
    Tantivy(tantivy::TantivyError),
    Io(std::io::Error),
    /// A lock was poisoned by a panicking thread.
    Poisoned,
    /// The writer is gone after a failed merge wait.
    WriterUnavailable,
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::Tantivy(e) => write!(f, "search index error: {e}"),
            SearchError::Io(e) => write!(f, "search index I/O error: {e}"),
            SearchError::Poisoned => f.write_str("search index lock poisoned"),
            SearchError::WriterUnavailable => f.write_str("search index writer unavailable"),
        }
    }
}

impl std::error::Error for SearchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SearchError::Tantivy(e) => Some(e),
            SearchError::Io(e) => Some(e),
            SearchError::Poisoned | SearchError::WriterUnavailable => None,
        }
    }
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        SearchError::Tantivy(e)
    }
}

impl From<std::io::Error> for SearchError {
    fn from(e: std::io::Error) -> Self {
        SearchError::Io(e)
    }
}

impl<T> From<std::sync::PoisonError<T>> for SearchError {
    fn from(_: std::sync::PoisonError<T>) -> Self {
        SearchError::Poisoned
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OfferingDoc {
    pub id: i64,
    pub network_id: i64,
    pub title: String,
    /// Plain text (already stripped of Markdown).
    pub description: String,
    pub provider: String,
    /// Competence names, German, e.g. "CNC-Programmierung nach DIN 66025".
    pub competences: Vec<String>,
    /// Competence area codes, e.g. "cnc", "robotics".
    pub areas: Vec<String>,
    /// One of on_site, online_live, self_paced, blended, in_company.
    pub format: String,
    /// 5-digit AGS, None for online.
    pub district: Option<String>,
    /// (lat, lon), None for online.
    pub location: Option<(f64, f64)>,
    pub price_cents: i64,
    pub part_time: bool,
    pub evenings: bool,
    pub weekends: bool,
    pub funding_eligible: bool,
    /// Days since 1970-01-01; None = start any time.
    pub start_day: Option<i32>,
    /// Unix seconds.
    pub created_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    /// Soonest first; start-any-time offerings count as starting `starts_from`
    /// (or day 0).
    StartDate,
    /// Nearest first, offerings without location last. Without `near` this
    /// falls back to relevance.
    Distance,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub radius_km: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PriceBand {
    Free = 0,
    UpTo500 = 1,
    UpTo2000 = 2,
    Over2000 = 3,
}

impl PriceBand {
    pub const ALL: [PriceBand; 4] = [
        PriceBand::Free,
        PriceBand::UpTo500,
        PriceBand::UpTo2000,
        PriceBand::Over2000,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PriceBand::Free => "free",
            PriceBand::UpTo500 => "to-500",
            PriceBand::UpTo2000 => "to-2000",
            PriceBand::Over2000 => "over-2000",
        }
    }

    pub fn parse(s: &str) -> Option<PriceBand> {
        PriceBand::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// Bands are inclusive upper bounds in euros: 500.00 € is "to-500".
    pub fn of_cents(cents: i64) -> PriceBand {
        match cents {
            ..=0 => PriceBand::Free,
            1..=50_000 => PriceBand::UpTo500,
            50_001..=200_000 => PriceBand::UpTo2000,
            _ => PriceBand::Over2000,
        }
    }
}

impl FromStr for PriceBand {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PriceBand::parse(s).ok_or(())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    pub network_id: Option<i64>,
    /// User input, may be empty (= all documents).
    pub text: String,
    /// Facet selections: OR within a facet, AND across facets.
    pub formats: Vec<String>,
    pub areas: Vec<String>,
    pub districts: Vec<String>,
    pub price_bands: Vec<PriceBand>,
    /// Only part-time friendly offerings when true.
    pub part_time: bool,
    pub funding_eligible: bool,
    /// "2027-03", or "any" for start-any-time offerings.
    pub start_months: Vec<String>,
    pub near: Option<Near>,
    /// With `near`: keep offerings without location (online).
    pub include_online: bool,
    /// Hide offerings with start_day < this; start-any-time ones are kept.
    pub starts_from: Option<i32>,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            network_id: None,
            text: String::new(),
            formats: Vec::new(),
            areas: Vec::new(),
            districts: Vec::new(),
            price_bands: Vec::new(),
            part_time: false,
            funding_eligible: false,
            start_months: Vec::new(),
            near: None,
            include_online: false,
            starts_from: None,
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: i64,
    pub score: f32,
    pub distance_km: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    pub format: Vec<FacetCount>,
    pub area: Vec<FacetCount>,
    pub district: Vec<FacetCount>,
    pub price_band: Vec<FacetCount>,
    pub part_time: u64,
    pub funding_eligible: u64,
    pub start_month: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResult {
    /// Number of documents matching text and all filters.
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

pub use crate::regions::{EARTH_RADIUS_KM, haversine_km};

/// (year, month 1-12) of a day counted from 1970-01-01 (proleptic Gregorian).
pub(crate) fn month_of_day(day: i32) -> (i32, u32) {
    // Shift to an era starting on 0000-03-01 so leap days end each cycle.
    let z = i64::from(day) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        i32::try_from(year).unwrap_or(i32::MAX),
        u32::try_from(month).unwrap_or(1),
    )
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    network: Field,
    title: Field,
    competences: Field,
    description: Field,
    provider: Field,
    compound: Field,
    format: Field,
    areas: Field,
    district: Field,
    lat: Field,
    lon: Field,
    price: Field,
    flags: Field,
    start_day: Field,
    created_at: Field,
}

fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analysis::WORDS_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    // Only matched through constant-score automaton queries: no freqs, no norms.
    let compound = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analysis::SUFFIX_TOKENIZER)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    let keyword = TextOptions::default().set_fast("raw");
    let fast_num = NumericOptions::from(FAST);
    let fields = Fields {
        id: b.add_i64_field(field::ID, INDEXED | FAST),
        network: b.add_i64_field(field::NETWORK, fast_num.clone()),
        title: b.add_text_field("title", words.clone()),
        competences: b.add_text_field("competences", words.clone()),
        description: b.add_text_field("description", words.clone()),
        provider: b.add_text_field("provider", words),
        compound: b.add_text_field("compound", compound),
        format: b.add_text_field(field::FORMAT, keyword.clone()),
        areas: b.add_text_field(field::AREAS, keyword.clone()),
        district: b.add_text_field(field::DISTRICT, keyword),
        lat: b.add_f64_field(field::LAT, fast_num.clone()),
        lon: b.add_f64_field(field::LON, fast_num.clone()),
        price: b.add_i64_field(field::PRICE, fast_num.clone()),
        flags: b.add_u64_field(field::FLAGS, fast_num.clone()),
        start_day: b.add_i64_field(field::START_DAY, fast_num.clone()),
        created_at: b.add_i64_field(field::CREATED_AT, fast_num),
    };
    (b.build(), fields)
}

fn writer_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, WRITER_HEAP_BYTES / MIN_HEAP_PER_THREAD)
}

fn payload(seq: i64) -> String {
    format!("v{SCHEMA_VERSION}:{seq}")
}

/// (schema version, seq) from a commit payload.
fn parse_payload(payload: &str) -> Option<(u32, i64)> {
    let (version, seq) = payload.strip_prefix('v')?.split_once(':')?;
    Some((version.parse().ok()?, seq.parse().ok()?))
}

/// What searches read; shared with the thread finishing a rebuild's merge.
struct Published {
    reader: IndexReader,
    snapshot: RwLock<Arc<Snapshot>>,
    dicts: Mutex<Dicts>,
    /// Serialises refreshes, so a slower one cannot publish an older
    /// generation over a newer one.
    refreshing: Mutex<()>,
}

impl Published {
    /// Reloads the reader and publishes a snapshot with decoded columns.
    fn refresh(&self) -> Result<(), SearchError> {
        let _serial = self.refreshing.lock()?;
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        let previous = self.snapshot.read()?.clone();
        let snapshot = {
            let mut dicts = self.dicts.lock()?;
            Snapshot::build(searcher, Some(&previous), &mut dicts)?
        };
        *self.snapshot.write()? = Arc::new(snapshot);
        Ok(())
    }

    fn current(&self) -> Result<Arc<Snapshot>, SearchError> {
        Ok(self.snapshot.read()?.clone())
    }
}

pub struct SearchIndex {
    index: Index,
    fields: Fields,
    /// None only after `wait_for_merges` failed to reopen it.
    writer: Mutex<Option<IndexWriter>>,
    published: Arc<Published>,
    last_seq: AtomicI64,
    analyzer: analysis::QueryAnalyzer,
}

impl SearchIndex {
    pub fn in_memory() -> Result<Self, SearchError> {
        let (schema, fields) = build_schema();
        let index = Index::create_in_ram(schema);
        Self::init(index, fields, true)
    }

    /// Opens the index in `dir`, or creates it there when missing or when its
    /// schema version differs from the current one (returns whether it was
    /// (re)created, so the caller knows to rebuild from the database).
    ///
    /// An index that cannot be opened and verified (truncated, emptied or
    /// missing segment files, a checksum that does not match, a file where
    /// the folder should be) is moved aside to `<dir>.damaged-<time>` with a
    /// log line and rebuilt: the database holds the truth, so a damaged
    /// index must never keep the server from starting.
    pub fn open_or_create(dir: &Path) -> Result<(Self, bool), SearchError> {
        let (schema, fields) = build_schema();
        if dir.exists() && !dir.is_dir() {
            move_aside(dir, "the index path is a file, not a folder")?;
        }
        std::fs::create_dir_all(dir)?;
        if dir.join("meta.json").exists() {
            match Self::open_verified(dir) {
                Ok(Some(index)) => return Ok((index, false)),
                // Another schema version: replaced in place, as before.
                Ok(None) => remove_files(dir)?,
                Err(e) => {
                    move_aside(dir, &e.to_string())?;
                    std::fs::create_dir_all(dir)?;
                }
            }
        } else if std::fs::read_dir(dir)?.next().is_some() {
            // Segment files without the list of segments: an index whose
            // meta.json was lost cannot be read, only rebuilt.
            move_aside(dir, "meta.json is missing")?;
            std::fs::create_dir_all(dir)?;
        }
        let index = Index::create_in_dir(dir, schema)?;
        Ok((Self::init(index, fields, true)?, true))
    }

    /// The index in `dir` if it is of the current schema and every file it
    /// lists is present and intact; `None` for another schema version.
    fn open_verified(dir: &Path) -> Result<Option<Self>, SearchError> {
        let (schema, fields) = build_schema();
        let index = Index::open_in_dir(dir)?;
        let current = index.schema() == schema
            && index
                .load_metas()
                .ok()
                .and_then(|m| m.payload)
                .and_then(|p| parse_payload(&p))
                .is_some_and(|(v, _)| v == SCHEMA_VERSION);
        if !current {
            return Ok(None);
        }
        let damaged = index.validate_checksum()?;
        if !damaged.is_empty() {
            let names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
            return Err(SearchError::Io(std::io::Error::other(format!(
                "damaged files: {}",
                names.join(", ")
            ))));
        }
        let opened = Self::init(index, fields, false)?;
        // Opening every segment reads its term dictionaries and stores.
        opened.verify_readable()?;
        Ok(Some(opened))
    }

    /// Reads one document of every segment, so that a segment whose files
    /// are present but unreadable fails here and not at the first search.
    fn verify_readable(&self) -> Result<(), SearchError> {
        let searcher = self.published.reader.searcher();
        for segment in searcher.segment_readers() {
            let store = segment.get_store_reader(1)?;
            if segment.max_doc() > 0 {
                store.get::<tantivy::TantivyDocument>(0)?;
            }
        }
        Ok(())
    }

    fn init(index: Index, fields: Fields, created: bool) -> Result<Self, SearchError> {
        analysis::register(index.tokenizers());
        let mut writer: IndexWriter =
            index.writer_with_num_threads(writer_threads(), WRITER_HEAP_BYTES)?;
        if created {
            // Records the schema version right away, so that an index that was
            // created but never filled is recognised on the next open.
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&payload(0));
            prepared.commit()?;
        }
        let last_seq = index
            .load_metas()?
            .payload
            .and_then(|p| parse_payload(&p))
            .map_or(0, |(_, seq)| seq);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let mut dicts = Dicts::default();
        let snapshot = Snapshot::build(reader.searcher(), None, &mut dicts)?;
        Ok(SearchIndex {
            index,
            fields,
            writer: Mutex::new(Some(writer)),
            published: Arc::new(Published {
                reader,
                snapshot: RwLock::new(Arc::new(snapshot)),
                dicts: Mutex::new(dicts),
                refreshing: Mutex::new(()),
            }),
            last_seq: AtomicI64::new(last_seq),
            analyzer: analysis::QueryAnalyzer::new(),
        })
    }

    fn document(&self, d: &OfferingDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_i64(f.id, d.id);
        doc.add_i64(f.network, d.network_id);
        doc.add_text(f.title, &d.title);
        doc.add_text(f.compound, &d.title);
        for competence in &d.competences {
            doc.add_text(f.competences, competence);
            doc.add_text(f.compound, competence);
        }
        doc.add_text(f.description, &d.description);
        doc.add_text(f.provider, &d.provider);
        if !d.format.is_empty() {
            doc.add_text(f.format, &d.format);
        }
        for area in d.areas.iter().filter(|a| !a.is_empty()) {
            doc.add_text(f.areas, area);
        }
        if let Some(district) = d.district.as_deref().filter(|s| !s.is_empty()) {
            doc.add_text(f.district, district);
        }
        if let Some((lat, lon)) = d.location
            && lat.is_finite()
            && lon.is_finite()
        {
            doc.add_f64(f.lat, lat);
            doc.add_f64(f.lon, lon);
        }
        doc.add_i64(f.price, d.price_cents);
        let flags = [
            (d.part_time, columns::FLAG_PART_TIME),
            (d.evenings, columns::FLAG_EVENINGS),
            (d.weekends, columns::FLAG_WEEKENDS),
            (d.funding_eligible, columns::FLAG_FUNDING),
        ]
        .into_iter()
        .filter(|(set, _)| *set)
        .fold(0u64, |acc, (_, bit)| acc | bit);
        doc.add_u64(f.flags, flags);
        if let Some(day) = d.start_day {
            doc.add_i64(f.start_day, i64::from(day));
        }
        doc.add_i64(f.created_at, d.created_at);
        doc
    }

    /// Runs `fill` on the writer and commits with `seq`; on failure the
    /// uncommitted changes are rolled back. Holds the writer lock until the
    /// new snapshot is published, so commits are seen in order.
    fn write<F>(&self, seq: i64, fill: F) -> Result<(), SearchError>
    where
        F: FnOnce(&mut IndexWriter) -> Result<(), SearchError>,
    {
        let mut guard = self.writer.lock()?;
        let writer = guard.as_mut().ok_or(SearchError::WriterUnavailable)?;
        let outcome = fill(writer).and_then(|()| {
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&payload(seq));
            prepared.commit()?;
            Ok(())
        });
        if let Err(e) = outcome {
            // Best effort: the original error is the one worth reporting.
            let _ = writer.rollback();
            return Err(e);
        }
        self.last_seq.store(seq, Ordering::SeqCst);
        self.published.refresh()
    }

    /// Replaces documents by id (delete + add) and commits, storing `seq` as
    /// the last applied outbox sequence in the commit payload. An id present in
    /// both `upserts` and `deletes` ends up deleted.
    pub fn apply(
        &self,
        upserts: &[OfferingDoc],
        deletes: &[i64],
        seq: i64,
    ) -> Result<(), SearchError> {
        self.write(seq, |writer| {
            for doc in upserts {
                writer.delete_term(Term::from_field_i64(self.fields.id, doc.id));
                writer.add_document(self.document(doc))?;
            }
            for &id in deletes {
                writer.delete_term(Term::from_field_i64(self.fields.id, id));
            }
            Ok(())
        })
    }

    /// Replaces the whole content (full rebuild) in one commit.
    pub fn rebuild(
        &self,
        docs: impl IntoIterator<Item = OfferingDoc>,
        seq: i64,
    ) -> Result<(), SearchError> {
        self.write(seq, |writer| {
            writer.delete_all_documents()?;
            for doc in docs {
                writer.add_document(self.document(&doc))?;
            }
            Ok(())
        })?;
        // One segment instead of one or more per indexing thread: every query
        // pays a fixed cost per segment (term dictionary walks, bitsets). The
        // merge runs in the background; the rebuilt content is already
        // searchable, and the merged segment replaces it once done.
        let segments = self.index.searchable_segment_ids()?;
        if segments.len() > 1 {
            let merge = {
                let mut guard = self.writer.lock()?;
                let writer = guard.as_mut().ok_or(SearchError::WriterUnavailable)?;
                writer.merge(&segments)
            };
            let published = Arc::clone(&self.published);
            std::thread::Builder::new()
                .name("search-merge".to_string())
                .spawn(move || {
                    // A failed or cancelled merge (e.g. the writer was dropped)
                    // only leaves more segments behind; nothing to report.
                    if merge.wait().is_ok() {
                        let _ = published.refresh();
                    }
                })?;
        }
        Ok(())
    }

    /// Blocks until background segment merges are done and makes their result
    /// visible (fewer segments, faster searches). Meant for after a rebuild or
    /// before shutdown; searches keep working meanwhile.
    pub fn wait_for_merges(&self) -> Result<(), SearchError> {
        let mut guard = self.writer.lock()?;
        if let Some(writer) = guard.take() {
            writer.wait_merging_threads()?;
        }
        *guard = Some(
            self.index
                .writer_with_num_threads(writer_threads(), WRITER_HEAP_BYTES)?,
        );
        self.published.refresh()
    }

    /// Last applied outbox sequence, from the last commit payload; 0 when none.
    pub fn last_seq(&self) -> i64 {
        self.last_seq.load(Ordering::SeqCst)
    }

    /// Number of segments currently searched (diagnostics).
    pub fn num_segments(&self) -> usize {
        self.published.current().map_or(0, |s| s.segments.len())
    }

    pub fn num_docs(&self) -> u64 {
        self.published
            .current()
            .map_or(0, |s| s.searcher.num_docs())
    }

    pub fn search(&self, q: &SearchQuery) -> Result<SearchResult, SearchError> {
        let snapshot = self.published.current()?;
        let words = analysis::analyze_query(&mut self.analyzer.clone(), &q.text);
        let f = &self.fields;
        let text_fields = TextFields {
            words: [f.title, f.competences, f.description, f.provider],
            compound: f.compound,
        };
        let plan = TextPlan::new(&words, text_fields, &snapshot.searcher)?;
        let filters = Filters::new(q, &snapshot.dicts);
        let readers = snapshot.searcher.segment_readers();
        let mut fruits = Vec::with_capacity(readers.len());
        for ((reader, columns), alive) in
            readers.iter().zip(&snapshot.segments).zip(&snapshot.alive)
        {
            let fruit = match &plan {
                Some(plan) => {
                    let mut matches = plan.match_segment(reader, columns.n_words)?;
                    if let Some(alive) = alive {
                        for (m, a) in matches.matched.iter_mut().zip(alive) {
                            *m &= a;
                        }
                    }
                    collect::evaluate(columns, &filters, &matches.matched, Some(&matches))
                }
                None => {
                    let everything = match alive {
                        Some(alive) => alive.clone(),
                        None => all_docs(reader.max_doc()),
                    };
                    collect::evaluate(columns, &filters, &everything, None)
                }
            };
            fruits.push(fruit);
        }
        let fruit = collect::merge(&filters, fruits);
        let hits = fruit
            .hits
            .into_iter()
            .skip(q.offset)
            .take(q.limit)
            .map(|c| Hit {
                id: c.id,
                score: c.score,
                distance_km: c.distance_km,
            })
            .collect();
        Ok(SearchResult {
            total: fruit.total,
            hits,
            facets: facets(&fruit.counts, &snapshot.dicts),
        })
    }
}

/// Bitset of all documents `0..max_doc`.
fn all_docs(max_doc: u32) -> Vec<u64> {
    let mut words = vec![u64::MAX; columns::words_for(max_doc)];
    let tail = max_doc % 64;
    if let (Some(last), true) = (words.last_mut(), tail != 0) {
        *last = (1u64 << tail) - 1;
    }
    words
}

fn facet_list(counts: &[u64], dict: &Dict) -> Vec<FacetCount> {
    let mut list: Vec<FacetCount> = counts
        .iter()
        .zip(dict.names())
        .filter(|(count, _)| **count > 0)
        .map(|(count, name)| FacetCount {
            value: name.clone(),
            count: *count,
        })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    list
}

fn facets(counts: &Counts, dicts: &Dicts) -> Facets {
    let mut price_band: Vec<FacetCount> = PriceBand::ALL
        .into_iter()
        .zip(counts.price_band)
        .filter(|(_, count)| *count > 0)
        .map(|(band, count)| FacetCount {
            value: band.as_str().to_string(),
            count,
        })
        .collect();
    price_band.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    Facets {
        format: facet_list(&counts.format, &dicts.format),
        area: facet_list(&counts.area, &dicts.area),
        district: facet_list(&counts.district, &dicts.district),
        price_band,
        part_time: counts.part_time,
        funding_eligible: counts.funding,
        start_month: facet_list(&counts.month, &dicts.month),
    }
}

#[cfg(test)]
mod tests;

/// Moves a damaged index out of the way, keeping it for inspection.
fn move_aside(dir: &Path, why: &str) -> Result<(), SearchError> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    let mut n = 0;
    let aside = loop {
        let mut name = dir.as_os_str().to_owned();
        name.push(format!(
            ".damaged-{stamp}{}",
            if n == 0 {
                String::new()
            } else {
                format!("-{n}")
            }
        ));
        let candidate = std::path::PathBuf::from(name);
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    std::fs::rename(dir, &aside)?;
    tracing::warn!(
        index = %dir.display(),
        moved_to = %aside.display(),
        reason = why,
        "search index could not be opened; moved aside, rebuilding from the database"
    );
    Ok(())
}

fn remove_files(dir: &Path) -> Result<(), SearchError> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}
