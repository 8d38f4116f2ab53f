//! Per-segment evaluation of filters, disjunctive facet counts and the
//! requested page, given the documents matching the text.
//!
//! Everything runs on the bitsets of `columns`, 64 documents per step; only
//! hit candidates are looked at one by one.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use tantivy::DocId;

use crate::catalog::search::columns::{
    ANY_TIME, Bits, Dict, Dicts, FacetBits, GeoEntry, SegmentColumns, grid_key, grid_row_col,
    unit_vector,
};
use crate::catalog::search::text::SegmentMatches;
use crate::catalog::search::{EARTH_RADIUS_KM, SearchQuery, Sort, haversine_km};

struct NearFilter {
    lat: f64,
    lon: f64,
    cos_lat: f64,
    /// Unit vector of the centre.
    centre: [f64; 3],
    /// Dot products with the centre above this are certainly inside ...
    dot_inside: f64,
    /// ... below this certainly outside; in between haversine decides.
    dot_outside: f64,
    /// Haversine term `h` at the radius: a point is inside when its `h` is not larger.
    max_h: f64,
    /// Grid rows and columns of the bounding box; None when the box is
    /// degenerate (poles, antimeridian, huge radius) and all cells are visited.
    cells: Option<((u32, u32), (u32, u32))>,
}

impl NearFilter {
    fn new(lat: f64, lon: f64, radius_km: f64) -> NearFilter {
        // The dot product of unit vectors is the cosine of the central angle,
        // so it orders points by distance exactly like haversine does; the
        // margin only absorbs rounding near the boundary.
        const MARGIN: f64 = 1e-7;
        let angle = radius_km / EARTH_RADIUS_KM;
        let half = angle / 2.0;
        let max_h = if half >= std::f64::consts::FRAC_PI_2 {
            1.0
        } else {
            half.sin().powi(2)
        };
        let dot_at = |a: f64| a.clamp(0.0, std::f64::consts::PI).cos();
        // Generous margins: the box only has to contain the circle, the exact
        // test follows.
        let dlat = angle.to_degrees() * 1.02 + 0.01;
        let (lat_lo, lat_hi) = (lat - dlat, lat + dlat);
        let widest = lat_lo.abs().max(lat_hi.abs());
        let cells = if widest < 85.0 {
            let dlon = dlat / widest.to_radians().cos() * 1.05;
            let (lon_lo, lon_hi) = (lon - dlon, lon + dlon);
            (lon_lo > -180.0 && lon_hi < 180.0).then(|| {
                let (row_lo, col_lo) = grid_row_col(lat_lo, lon_lo);
                let (row_hi, col_hi) = grid_row_col(lat_hi, lon_hi);
                ((row_lo, row_hi), (col_lo, col_hi))
            })
        } else {
            None
        };
        NearFilter {
            lat,
            lon,
            cos_lat: lat.to_radians().cos(),
            centre: unit_vector(lat, lon),
            dot_inside: dot_at(angle - MARGIN),
            dot_outside: dot_at(angle + MARGIN),
            max_h,
            cells,
        }
    }

    fn dot(&self, p: &[f64; 3]) -> f64 {
        p[0] * self.centre[0] + p[1] * self.centre[1] + p[2] * self.centre[2]
    }

    fn haversine_h(&self, lat: f64, lon: f64) -> f64 {
        let dlat = (lat - self.lat).to_radians();
        let dlon = (lon - self.lon).to_radians();
        (dlat / 2.0).sin().powi(2)
            + self.cos_lat * lat.to_radians().cos() * (dlon / 2.0).sin().powi(2)
    }

    /// Documents within the radius (plus those without location when
    /// `include_online`).
    fn docs(&self, c: &SegmentColumns, include_online: bool) -> Vec<u64> {
        let mut out = if include_online {
            c.online.0.clone()
        } else {
            vec![0u64; c.n_words]
        };
        let mut check = |entries: &[GeoEntry]| {
            for entry in entries {
                let d = entry.doc as usize;
                let dot = self.dot(&entry.xyz);
                let inside = dot >= self.dot_inside
                    || (dot >= self.dot_outside
                        && self.haversine_h(c.lat[d], c.lon[d]) <= self.max_h);
                out[d / 64] |= u64::from(inside) << (d % 64);
            }
        };
        match self.cells {
            Some(((row_lo, row_hi), (col_lo, col_hi))) => {
                for row in row_lo..=row_hi {
                    let (lo, hi) = (grid_key(row, col_lo), grid_key(row, col_hi));
                    let from = c.geo.partition_point(|e| e.cell < lo);
                    let to = c.geo.partition_point(|e| e.cell <= hi);
                    check(&c.geo[from..to.max(from)]);
                }
            }
            None => check(&c.geo),
        }
        out
    }
}

/// Selected values of one facet, as a membership table over dictionary ids.
fn selection(values: &[String], dict: &Dict) -> Option<Vec<bool>> {
    if values.is_empty() {
        return None;
    }
    let mut table = vec![false; dict.names().len()];
    for value in values {
        if let Some(slot) = dict.get(value).and_then(|id| table.get_mut(id as usize)) {
            *slot = true;
        }
    }
    Some(table)
}

#[derive(Clone, Copy, PartialEq)]
enum Order {
    Score,
    Start,
    Distance,
}

/// Facet groups: filters whose own selection is ignored when counting them.
#[derive(Clone, Copy, PartialEq)]
enum Group {
    Format,
    Area,
    District,
    Price,
    PartTime,
    Funding,
    Month,
}

pub(crate) struct Filters {
    network: Option<i64>,
    starts_from: Option<i32>,
    near: Option<NearFilter>,
    include_online: bool,
    formats: Option<Vec<bool>>,
    areas: Option<Vec<bool>>,
    districts: Option<Vec<bool>>,
    price_bands: Option<[bool; 4]>,
    part_time: bool,
    funding: bool,
    months: Option<Vec<bool>>,
    order: Order,
    today: i32,
    /// Number of best hits to keep (offset + limit).
    keep: usize,
    n_format: usize,
    n_area: usize,
    n_district: usize,
    n_month: usize,
}

impl Filters {
    pub fn new(q: &SearchQuery, dicts: &Dicts) -> Filters {
        let price_bands = (!q.price_bands.is_empty()).then(|| {
            let mut table = [false; 4];
            for band in &q.price_bands {
                table[*band as usize] = true;
            }
            table
        });
        let near = q
            .near
            .as_ref()
            .map(|n| NearFilter::new(n.lat, n.lon, n.radius_km));
        let order = match q.sort {
            Sort::Relevance => Order::Score,
            Sort::StartDate => Order::Start,
            Sort::Distance if near.is_some() => Order::Distance,
            Sort::Distance => Order::Score,
        };
        Filters {
            network: q.network_id,
            starts_from: q.starts_from,
            near,
            include_online: q.include_online,
            formats: selection(&q.formats, &dicts.format),
            areas: selection(&q.areas, &dicts.area),
            districts: selection(&q.districts, &dicts.district),
            price_bands,
            part_time: q.part_time,
            funding: q.funding_eligible,
            months: selection(&q.start_months, &dicts.month),
            order,
            today: q.starts_from.unwrap_or(0),
            keep: q.offset.saturating_add(q.limit),
            n_format: dicts.format.names().len(),
            n_area: dicts.area.names().len(),
            n_district: dicts.district.names().len(),
            n_month: dicts.month.names().len(),
        }
    }
}

/// A hit candidate; smaller compares better.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    primary: f64,
    secondary: f64,
    pub id: i64,
    doc: DocId,
    pub score: f32,
    pub distance_km: Option<f64>,
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.primary
            .total_cmp(&other.primary)
            .then(self.secondary.total_cmp(&other.secondary))
            .then(self.id.cmp(&other.id))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

/// Bounded max-heap keeping the `keep` best candidates.
struct TopK {
    keep: usize,
    heap: BinaryHeap<Candidate>,
    /// Keys of the worst kept candidate once full, so most documents are
    /// rejected without touching the heap.
    bar: Option<(f64, f64, i64)>,
}

impl TopK {
    fn new(keep: usize) -> TopK {
        TopK {
            keep,
            heap: BinaryHeap::new(),
            bar: None,
        }
    }

    fn is_full(&self) -> bool {
        self.heap.len() >= self.keep
    }

    /// Whether a candidate with these keys cannot make it anymore.
    fn rejects(&self, primary: f64, secondary: f64, id: i64) -> bool {
        if self.keep == 0 {
            return true;
        }
        self.bar.is_some_and(|(p, s, i)| {
            primary
                .total_cmp(&p)
                .then(secondary.total_cmp(&s))
                .then(id.cmp(&i))
                != Ordering::Less
        })
    }

    /// Adds a candidate that `rejects` let through.
    fn offer(&mut self, candidate: Candidate) {
        if !self.is_full() {
            self.heap.push(candidate);
        } else if let Some(mut worst) = self.heap.peek_mut() {
            *worst = candidate;
        }
        if self.is_full() {
            self.bar = self.heap.peek().map(|w| (w.primary, w.secondary, w.id));
        }
    }
}

#[derive(Default)]
pub(crate) struct Counts {
    pub format: Vec<u64>,
    pub area: Vec<u64>,
    pub district: Vec<u64>,
    pub price_band: [u64; 4],
    pub part_time: u64,
    pub funding: u64,
    pub month: Vec<u64>,
}

impl Counts {
    fn sized(f: &Filters) -> Counts {
        Counts {
            format: vec![0; f.n_format],
            area: vec![0; f.n_area],
            district: vec![0; f.n_district],
            price_band: [0; 4],
            part_time: 0,
            funding: 0,
            month: vec![0; f.n_month],
        }
    }

    fn add(&mut self, other: &Counts) {
        fn add_vec(a: &mut Vec<u64>, b: &[u64]) {
            if a.len() < b.len() {
                a.resize(b.len(), 0);
            }
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        add_vec(&mut self.format, &other.format);
        add_vec(&mut self.area, &other.area);
        add_vec(&mut self.district, &other.district);
        for (x, y) in self.price_band.iter_mut().zip(other.price_band) {
            *x += y;
        }
        self.part_time += other.part_time;
        self.funding += other.funding;
        add_vec(&mut self.month, &other.month);
    }
}

pub(crate) struct Fruit {
    pub total: usize,
    /// Best first, at most `keep` long.
    pub hits: Vec<Candidate>,
    pub counts: Counts,
}

/// Combines the per-segment results.
pub(crate) fn merge(filters: &Filters, fruits: Vec<Fruit>) -> Fruit {
    let mut merged = Fruit {
        total: 0,
        hits: Vec::new(),
        counts: Counts::sized(filters),
    };
    for fruit in fruits {
        merged.total += fruit.total;
        merged.hits.extend(fruit.hits);
        merged.counts.add(&fruit.counts);
    }
    merged.hits.sort_unstable();
    merged.hits.truncate(filters.keep);
    merged
}

/// Documents of `mask` having the facet value's bit, over the words listed in
/// `nonzero` (or all words when the mask is dense).
fn count_in(mask: &[u64], bits: &Bits, nonzero: Option<&[u32]>) -> u64 {
    match nonzero {
        Some(words) => words
            .iter()
            .map(|&i| {
                let i = i as usize;
                u64::from((mask[i] & bits.0[i]).count_ones())
            })
            .sum(),
        None => mask
            .iter()
            .zip(&bits.0)
            .map(|(m, b)| u64::from((m & b).count_ones()))
            .sum(),
    }
}

fn count_facet(counts: &mut [u64], mask: &[u64], facet: &FacetBits, nonzero: Option<&[u32]>) {
    for (id, bits) in &facet.values {
        if let Some(slot) = counts.get_mut(*id as usize) {
            *slot += count_in(mask, bits, nonzero);
        }
    }
}

/// Calls `f` with each document of `word` (the `i`-th word of a bitset).
fn for_each_bit(i: usize, mut word: u64, mut f: impl FnMut(DocId)) {
    while word != 0 {
        let bit = word.trailing_zeros();
        f(i as DocId * 64 + bit);
        word &= word - 1;
    }
}

/// Evaluates one segment. `matched` are the documents matching the text
/// (alive ones only); `text` scores them, None for a query without text.
pub(crate) fn evaluate(
    c: &SegmentColumns,
    f: &Filters,
    matched: &[u64],
    text: Option<&SegmentMatches>,
) -> Fruit {
    let n_words = c.n_words;
    let mut counts = Counts::sized(f);
    let network = match f.network {
        Some(n) => match c.network.get(&n) {
            Some(bits) => Some(&bits.0),
            None => {
                return Fruit {
                    total: 0,
                    hits: Vec::new(),
                    counts,
                };
            }
        },
        None => None,
    };

    // Documents passing each active facet group's own selection.
    let mut active: Vec<(Group, Vec<u64>)> = Vec::new();
    if let Some(t) = &f.formats {
        active.push((Group::Format, c.format.union(t, n_words)));
    }
    if let Some(t) = &f.areas {
        active.push((Group::Area, c.area.union(t, n_words)));
    }
    if let Some(t) = &f.districts {
        active.push((Group::District, c.district.union(t, n_words)));
    }
    if let Some(t) = &f.price_bands {
        let mut sel = vec![0u64; n_words];
        for (band, bits) in c.price_band.iter().enumerate() {
            if t[band] {
                for (s, w) in sel.iter_mut().zip(&bits.0) {
                    *s |= w;
                }
            }
        }
        active.push((Group::Price, sel));
    }
    if f.part_time {
        active.push((Group::PartTime, c.part_time.0.clone()));
    }
    if f.funding {
        active.push((Group::Funding, c.funding.0.clone()));
    }
    if let Some(t) = &f.months {
        active.push((Group::Month, c.month.union(t, n_words)));
    }

    let past = f.starts_from.map(|from| {
        let mut bits = vec![0u64; n_words];
        let end = c.by_start.partition_point(|(start, _)| *start < from);
        for &(_, doc) in &c.by_start[..end] {
            bits[(doc / 64) as usize] |= 1 << (doc % 64);
        }
        bits
    });
    let near = f.near.as_ref().map(|n| n.docs(c, f.include_online));

    // all: passes everything; masks[g]: passes everything except maybe group g.
    let mut all = vec![0u64; n_words];
    let mut masks: Vec<Vec<u64>> = active.iter().map(|_| vec![0u64; n_words]).collect();
    let mut nonzero: Vec<u32> = Vec::new();
    for i in 0..n_words {
        let mut t = matched[i];
        if let Some(net) = network {
            t &= net[i];
        }
        if let Some(past) = &past {
            t &= !past[i];
        }
        if let Some(near) = &near {
            t &= near[i];
        }
        if t == 0 {
            continue;
        }
        // a: passes all groups so far; e: fails exactly one of them.
        let mut a = t;
        let mut e = 0u64;
        for (_, sel) in &active {
            let s = sel[i];
            e = (e & s) | (a & !s);
            a &= s;
        }
        if a | e == 0 {
            continue;
        }
        all[i] = a;
        for (mask, (_, sel)) in masks.iter_mut().zip(&active) {
            mask[i] = a | (e & !sel[i]);
        }
        nonzero.push(i as u32);
    }

    let sparse = (nonzero.len() * 4 < n_words).then_some(nonzero.as_slice());
    let mask_for = |group: Group| -> &[u64] {
        active
            .iter()
            .position(|(g, _)| *g == group)
            .map_or(all.as_slice(), |p| masks[p].as_slice())
    };
    count_facet(
        &mut counts.format,
        mask_for(Group::Format),
        &c.format,
        sparse,
    );
    count_facet(&mut counts.area, mask_for(Group::Area), &c.area, sparse);
    count_facet(
        &mut counts.district,
        mask_for(Group::District),
        &c.district,
        sparse,
    );
    count_facet(&mut counts.month, mask_for(Group::Month), &c.month, sparse);
    let price_mask = mask_for(Group::Price);
    for (slot, bits) in counts.price_band.iter_mut().zip(&c.price_band) {
        *slot = count_in(price_mask, bits, sparse);
    }
    counts.part_time = count_in(mask_for(Group::PartTime), &c.part_time, sparse);
    counts.funding = count_in(mask_for(Group::Funding), &c.funding, sparse);

    let total: u64 = nonzero
        .iter()
        .map(|&i| u64::from(all[i as usize].count_ones()))
        .sum();

    let in_all = |doc: DocId| all[(doc / 64) as usize] & (1 << (doc % 64)) != 0;
    let mut top = TopK::new(f.keep);
    let consider = |top: &mut TopK, doc: DocId| {
        let d = doc as usize;
        let score = text.map_or(0.0, |t| t.score(doc));
        let primary = match f.order {
            Order::Score => -f64::from(score),
            Order::Start => {
                let start = c.start[d];
                f64::from(if start == ANY_TIME { f.today } else { start })
            }
            // 1 - cos(angle) grows with the distance; online ones go last.
            Order::Distance => match &f.near {
                Some(near) if !c.xyz[d][0].is_nan() => 1.0 - near.dot(&c.xyz[d]),
                _ => f64::INFINITY,
            },
        };
        let secondary = if f.order == Order::Score {
            0.0
        } else {
            -f64::from(score)
        };
        let id = c.id[d];
        if !top.rejects(primary, secondary, id) {
            top.offer(Candidate {
                primary,
                secondary,
                id,
                doc,
                score,
                distance_km: None,
            });
        }
    };
    if text.is_none() && f.order == Order::Score {
        // Without text every score is equal and ids decide: walk in id order
        // and stop as soon as the page is full.
        for &doc in &c.by_id {
            if top.is_full() {
                break;
            }
            if in_all(doc) {
                consider(&mut top, doc);
            }
        }
    } else if let (Some(text), Order::Score) = (text, f.order) {
        // Whole-word matches first: once the page is full of scores above what
        // compound/typo-only matches can reach, those need no look at all.
        for &i in &nonzero {
            let i = i as usize;
            for_each_bit(i, all[i] & text.exact_docs[i], |doc| {
                consider(&mut top, doc)
            });
        }
        let done = top
            .bar
            .is_some_and(|(primary, _, _)| -primary > f64::from(text.max_bonus));
        if !done {
            for &i in &nonzero {
                let i = i as usize;
                for_each_bit(i, all[i] & !text.exact_docs[i], |doc| {
                    consider(&mut top, doc)
                });
            }
        }
    } else {
        for &i in &nonzero {
            let i = i as usize;
            for_each_bit(i, all[i], |doc| consider(&mut top, doc));
        }
    }
    let mut hits = top.heap.into_sorted_vec();
    if let Some(near) = &f.near {
        for hit in &mut hits {
            let d = hit.doc as usize;
            let (lat, lon) = (c.lat[d], c.lon[d]);
            if !lat.is_nan() && !lon.is_nan() {
                hit.distance_km = Some(haversine_km((near.lat, near.lon), (lat, lon)));
            }
        }
    }

    Fruit {
        total: usize::try_from(total).unwrap_or(usize::MAX),
        hits,
        counts,
    }
}
