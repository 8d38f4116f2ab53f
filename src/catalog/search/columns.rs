//! Per-segment, decoded form of the fast fields used for filtering, faceting
//! and sorting.
//!
//! Segments are immutable, so each one is decoded once, when a reader first
//! sees it: plain arrays for per-document values and one bitset per facet
//! value. Filtering and facet counting then work on 64 documents at a time
//! (AND + popcount), which keeps even a pass over the whole index well below
//! a millisecond. Strings are interned into index-wide dictionaries that
//! only grow, so decoded segments stay valid across commits.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, SegmentReader};

use crate::catalog::search::{PriceBand, SearchError, month_of_day};

/// `start` value of offerings that can start any time.
pub(crate) const ANY_TIME: i32 = i32::MIN;

/// The fast field names, shared with the schema.
pub(crate) mod field {
    pub const ID: &str = "id";
    pub const NETWORK: &str = "network_id";
    pub const FORMAT: &str = "format";
    pub const AREAS: &str = "areas";
    pub const DISTRICT: &str = "district";
    pub const LAT: &str = "lat";
    pub const LON: &str = "lon";
    pub const PRICE: &str = "price_cents";
    pub const FLAGS: &str = "flags";
    pub const START_DAY: &str = "start_day";
    pub const CREATED_AT: &str = "created_at";
}

pub(crate) const FLAG_PART_TIME: u64 = 1;
pub(crate) const FLAG_EVENINGS: u64 = 2;
pub(crate) const FLAG_WEEKENDS: u64 = 4;
pub(crate) const FLAG_FUNDING: u64 = 8;

/// Append-only string dictionary.
#[derive(Default, Clone)]
pub(crate) struct Dict {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Dict {
    pub fn intern(&mut self, value: &str) -> u32 {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.ids.insert(value.to_string(), id);
        self.names.push(value.to_string());
        id
    }

    pub fn get(&self, value: &str) -> Option<u32> {
        self.ids.get(value).copied()
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }
}

#[derive(Default, Clone)]
pub(crate) struct Dicts {
    pub format: Dict,
    pub area: Dict,
    pub district: Dict,
    pub month: Dict,
}

/// Fixed-size bitset over the documents of one segment.
#[derive(Clone)]
pub(crate) struct Bits(pub Vec<u64>);

impl Bits {
    pub fn new(max_doc: u32) -> Bits {
        Bits(vec![0; words_for(max_doc)])
    }

    pub fn set(&mut self, doc: DocId) {
        if let Some(word) = self.0.get_mut((doc / 64) as usize) {
            *word |= 1 << (doc % 64);
        }
    }
}

pub(crate) fn words_for(max_doc: u32) -> usize {
    (max_doc as usize).div_ceil(64)
}

/// The documents having each value of one facet (only values present).
pub(crate) struct FacetBits {
    /// (dictionary id, documents), sorted by id.
    pub values: Vec<(u32, Bits)>,
}

impl FacetBits {
    fn build(per_doc: impl Iterator<Item = (DocId, u32)>, max_doc: u32) -> FacetBits {
        let mut map: HashMap<u32, Bits> = HashMap::new();
        for (doc, value) in per_doc {
            map.entry(value)
                .or_insert_with(|| Bits::new(max_doc))
                .set(doc);
        }
        let mut values: Vec<(u32, Bits)> = map.into_iter().collect();
        values.sort_unstable_by_key(|(id, _)| *id);
        FacetBits { values }
    }

    /// Union of the documents having any of the selected values.
    pub fn union(&self, selected: &[bool], n_words: usize) -> Vec<u64> {
        let mut out = vec![0u64; n_words];
        for (id, bits) in &self.values {
            if selected.get(*id as usize).copied().unwrap_or(false) {
                for (o, w) in out.iter_mut().zip(&bits.0) {
                    *o |= w;
                }
            }
        }
        out
    }
}

pub(crate) struct GeoEntry {
    pub cell: u32,
    pub doc: DocId,
    /// Unit vector of the location.
    pub xyz: [f64; 3],
}

pub(crate) struct SegmentColumns {
    pub segment_id: SegmentId,
    pub n_words: usize,
    pub id: Vec<i64>,
    pub start: Vec<i32>,
    /// NaN when the offering has no location (online).
    pub lat: Vec<f64>,
    pub lon: Vec<f64>,
    /// Location as a unit vector (NaN when none): the radius test becomes a
    /// dot product, with no trigonometry per document.
    pub xyz: Vec<[f64; 3]>,
    /// Offerings without location.
    pub online: Bits,
    /// Offerings with location, sorted by grid cell: a radius query only
    /// visits the cells of its bounding box, reading them sequentially.
    pub geo: Vec<GeoEntry>,
    /// (start day, doc) of offerings with a start day, sorted.
    pub by_start: Vec<(i32, DocId)>,
    pub network: HashMap<i64, Bits>,
    pub format: FacetBits,
    pub area: FacetBits,
    pub district: FacetBits,
    pub month: FacetBits,
    pub price_band: [Bits; 4],
    pub part_time: Bits,
    pub funding: Bits,
    /// Doc ids ordered by offering id, for the id order of queries without text.
    pub by_id: Vec<DocId>,
}

/// Grid cells are this many degrees wide and high.
pub(crate) const CELL_DEGREES: f64 = 0.1;
const CELLS_PER_ROW: u32 = (360.0 / CELL_DEGREES) as u32 + 1;

/// Grid row (latitude band) and column (longitude band) of a point.
pub(crate) fn grid_row_col(lat: f64, lon: f64) -> (u32, u32) {
    let row = ((lat.clamp(-90.0, 90.0) + 90.0) / CELL_DEGREES) as u32;
    let col = ((lon.clamp(-180.0, 180.0) + 180.0) / CELL_DEGREES) as u32;
    (row, col)
}

pub(crate) fn grid_key(row: u32, col: u32) -> u32 {
    row * CELLS_PER_ROW + col
}

fn grid_cell(lat: f64, lon: f64) -> Option<u32> {
    (lat.is_finite() && lon.is_finite()).then(|| {
        let (row, col) = grid_row_col(lat, lon);
        grid_key(row, col)
    })
}

/// Point on the unit sphere; NaN in, NaN out.
pub(crate) fn unit_vector(lat: f64, lon: f64) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lon.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}

/// Maps the segment-local term ordinals of a string column to dictionary ids.
fn ord_mapping(column: Option<&StrColumn>, dict: &mut Dict) -> Result<Vec<u32>, SearchError> {
    let Some(column) = column else {
        return Ok(Vec::new());
    };
    let mut mapping = Vec::with_capacity(column.num_terms());
    let mut buffer = String::new();
    for ord in 0..column.num_terms() as u64 {
        buffer.clear();
        column.ord_to_str(ord, &mut buffer)?;
        mapping.push(dict.intern(&buffer));
    }
    Ok(mapping)
}

/// (doc, dictionary id) pairs of a string column, all values of each doc.
fn str_values(column: Option<&StrColumn>, mapping: &[u32], max_doc: u32) -> Vec<(DocId, u32)> {
    let mut out = Vec::new();
    if let Some(column) = column {
        for doc in 0..max_doc {
            for ord in column.ords().values_for_doc(doc) {
                if let Some(&id) = mapping.get(ord as usize) {
                    out.push((doc, id));
                }
            }
        }
    }
    out
}

pub(crate) fn decode_segment(
    reader: &SegmentReader,
    dicts: &mut Dicts,
) -> Result<SegmentColumns, SearchError> {
    let fast = reader.fast_fields();
    let max_doc = reader.max_doc();
    let docs = 0..max_doc;

    let id_col = fast.i64(field::ID)?;
    let network_col = fast.i64(field::NETWORK)?;
    let price_col = fast.i64(field::PRICE)?;
    let flags_col = fast.u64(field::FLAGS)?;
    let start_col = fast.i64(field::START_DAY)?;
    let lat_col = fast.f64(field::LAT)?;
    let lon_col = fast.f64(field::LON)?;
    let format_col = fast.str(field::FORMAT)?;
    let district_col = fast.str(field::DISTRICT)?;
    let areas_col = fast.str(field::AREAS)?;

    let format_map = ord_mapping(format_col.as_ref(), &mut dicts.format)?;
    let district_map = ord_mapping(district_col.as_ref(), &mut dicts.district)?;
    let area_map = ord_mapping(areas_col.as_ref(), &mut dicts.area)?;

    let id: Vec<i64> = docs.clone().map(|d| id_col.first(d).unwrap_or(0)).collect();
    let start: Vec<i32> = docs
        .clone()
        .map(|d| {
            start_col
                .first(d)
                .map_or(ANY_TIME, |day| i32::try_from(day).unwrap_or(ANY_TIME))
        })
        .collect();

    let mut network: HashMap<i64, Bits> = HashMap::new();
    for doc in docs.clone() {
        network
            .entry(network_col.first(doc).unwrap_or(0))
            .or_insert_with(|| Bits::new(max_doc))
            .set(doc);
    }

    let mut price_band = [
        Bits::new(max_doc),
        Bits::new(max_doc),
        Bits::new(max_doc),
        Bits::new(max_doc),
    ];
    let mut part_time = Bits::new(max_doc);
    let mut funding = Bits::new(max_doc);
    for doc in docs.clone() {
        price_band[PriceBand::of_cents(price_col.first(doc).unwrap_or(0)) as usize].set(doc);
        let flags = flags_col.first(doc).unwrap_or(0);
        if flags & FLAG_PART_TIME != 0 {
            part_time.set(doc);
        }
        if flags & FLAG_FUNDING != 0 {
            funding.set(doc);
        }
    }

    let any_month = dicts.month.intern("any");
    let mut month_ids: HashMap<(i32, u32), u32> = HashMap::new();
    let month = FacetBits::build(
        start.iter().enumerate().map(|(doc, &day)| {
            let value = if day == ANY_TIME {
                any_month
            } else {
                let ym = month_of_day(day);
                *month_ids
                    .entry(ym)
                    .or_insert_with(|| dicts.month.intern(&format!("{:04}-{:02}", ym.0, ym.1)))
            };
            (doc as DocId, value)
        }),
        max_doc,
    );

    let mut by_id: Vec<DocId> = docs.clone().collect();
    by_id.sort_unstable_by_key(|&d| id[d as usize]);
    let mut by_start: Vec<(i32, DocId)> = start
        .iter()
        .enumerate()
        .filter(|(_, s)| **s != ANY_TIME)
        .map(|(d, s)| (*s, d as DocId))
        .collect();
    by_start.sort_unstable();

    let lat: Vec<f64> = docs
        .clone()
        .map(|d| lat_col.first(d).unwrap_or(f64::NAN))
        .collect();
    let lon: Vec<f64> = docs
        .clone()
        .map(|d| lon_col.first(d).unwrap_or(f64::NAN))
        .collect();
    let mut online = Bits::new(max_doc);
    let mut geo: Vec<GeoEntry> = lat
        .iter()
        .zip(&lon)
        .enumerate()
        .filter_map(|(d, (&la, &lo))| {
            grid_cell(la, lo).map(|cell| GeoEntry {
                cell,
                doc: d as DocId,
                xyz: unit_vector(la, lo),
            })
        })
        .collect();
    geo.sort_unstable_by_key(|e| (e.cell, e.doc));
    let xyz = lat
        .iter()
        .zip(&lon)
        .enumerate()
        .map(|(d, (&la, &lo))| {
            if la.is_nan() || lo.is_nan() {
                online.set(d as DocId);
            }
            unit_vector(la, lo)
        })
        .collect();

    Ok(SegmentColumns {
        segment_id: reader.segment_id(),
        n_words: words_for(max_doc),
        lat,
        lon,
        xyz,
        online,
        geo,
        by_start,
        id,
        start,
        network,
        format: FacetBits::build(
            str_values(format_col.as_ref(), &format_map, max_doc).into_iter(),
            max_doc,
        ),
        area: FacetBits::build(
            str_values(areas_col.as_ref(), &area_map, max_doc).into_iter(),
            max_doc,
        ),
        district: FacetBits::build(
            str_values(district_col.as_ref(), &district_map, max_doc).into_iter(),
            max_doc,
        ),
        month,
        price_band,
        part_time,
        funding,
        by_id,
    })
}

/// Decoded columns for every segment of one searcher generation, in the
/// searcher's segment order.
pub(crate) struct Snapshot {
    pub searcher: tantivy::Searcher,
    pub segments: Vec<Arc<SegmentColumns>>,
    /// Per segment: the live documents, None when nothing was deleted. Kept
    /// here rather than in `SegmentColumns`: deletes change it, not the segment id.
    pub alive: Vec<Option<Vec<u64>>>,
    pub dicts: Arc<Dicts>,
}

impl Snapshot {
    /// Builds the snapshot for `searcher`, reusing the decoded segments of
    /// `previous` that are still live.
    pub fn build(
        searcher: tantivy::Searcher,
        previous: Option<&Snapshot>,
        dicts: &mut Dicts,
    ) -> Result<Snapshot, SearchError> {
        let mut segments = Vec::with_capacity(searcher.segment_readers().len());
        let mut alive = Vec::with_capacity(searcher.segment_readers().len());
        for reader in searcher.segment_readers() {
            alive.push(reader.alive_bitset().map(|live| {
                let mut bits = Bits::new(reader.max_doc());
                for doc in live.iter_alive() {
                    bits.set(doc);
                }
                bits.0
            }));
            let reused = previous.and_then(|p| {
                p.segments
                    .iter()
                    .find(|s| s.segment_id == reader.segment_id())
                    .cloned()
            });
            let columns = match reused {
                Some(columns) => columns,
                None => Arc::new(decode_segment(reader, dicts)?),
            };
            segments.push(columns);
        }
        Ok(Snapshot {
            searcher,
            segments,
            alive,
            dicts: Arc::new(dicts.clone()),
        })
    }
}
