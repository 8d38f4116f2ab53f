//! The one place that publishes figures about people.
//!
//! Every page, export and API answer that shows counts or sums about people
//! (a company's needs, the regional demand, the gap report, and later
//! participation, surveys and reports) takes its figures from a
//! [`Publication`], and the only way to a [`Figure`] is through this module.
//! A test (`tests/web/privacy.rs`, `no_figure_about_people_bypasses_disclosure`)
//! fails when other code aggregates people's data on its own.
//!
//! The protection has four layers, each in its own file:
//!
//! 1. [`tally`]: a figure covers nobody or at least k people (regionally
//!    also at least two companies), and for a stigma-sensitive competence
//!    never a group in which everybody has the gap;
//! 2. [`cube`]: every view a person can ask for is a slice of one
//!    cross-classification with all its margins, and the suppression
//!    pattern is decided once on the whole of it, so no margin minus its
//!    shown cells, in any dimension or pair of dimensions, leaves a group
//!    below k;
//! 3. [`cellkey`]: every published count is perturbed by a small integer
//!    that follows from the people in the cell (the cell key method), so
//!    repeated and overlapping queries give consistent answers and
//!    differences of views give noise rather than a person;
//! 4. [`overlap`]: for groups the viewer controls (a company's roles), a
//!    group is published only if it equals or differs by at least k people
//!    from every group published before;
//! 5. [`partition`]: a published group broken down into named parts (a
//!    pooled cohort by district) names only parts of at least k people and
//!    leaves a remainder of nobody or at least k.
//!
//! Parameters (k, the noise range) are the network's; the page
//! `/n/{slug}/zahlen-schutz` explains them in plain language.

pub mod cellkey;
pub mod cube;
pub mod overlap;
pub mod page;
pub mod partition;
pub mod queries;
pub mod tally;

pub use cellkey::{CellKey, Noise, RecordKey};
pub use page::router;
pub use tally::{Figure, Rules};

use cellkey::contribution;
use cube::Cube;
use overlap::Members;
use tally::Tally;

/// The protection parameters of one view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Protection {
    pub rules: Rules,
    pub noise: Noise,
}

impl Protection {
    /// Regional views of a network: k people from at least two companies.
    pub fn regional(k: i64, noise_range: i64) -> Protection {
        Protection {
            rules: Rules::regional(u32::try_from(k).unwrap_or(5)),
            noise: Noise::new(u8::try_from(noise_range).unwrap_or(Noise::DEFAULT_RANGE)),
        }
    }

    /// Views inside one company: k people.
    pub fn within_company(k: u32, noise_range: u8) -> Protection {
        Protection {
            rules: Rules::within_company(k),
            noise: Noise::new(noise_range),
        }
    }

    pub fn k(&self) -> u32 {
        self.rules.k
    }
}

/// Collects people into one cube per column (per competence). People must
/// arrive grouped by company, so that each company is counted once per cell.
pub struct Collector {
    cubes: Vec<Cube>,
    last_org: Vec<Vec<i64>>,
    /// Ids of the people in each cell of each column, when groups must be
    /// checked against earlier publications ([`overlap`]).
    members: Option<Vec<Vec<Vec<i64>>>>,
}

impl Collector {
    /// `dims` are the number of values per dimension (rows first).
    pub fn new(dims: &[usize], columns: usize, track_members: bool) -> Collector {
        let cube = Cube::new(dims);
        let len = cube.len();
        Collector {
            last_org: vec![vec![i64::MIN; len]; columns],
            members: track_members.then(|| vec![vec![Vec::new(); len]; columns]),
            cubes: vec![cube; columns],
        }
    }

    /// One person counted in column `col` at `coords`, with a gap of `gap`
    /// steps (0 when the level is met). `facet` identifies what they
    /// contribute (see [`cellkey::gap_facet`]).
    #[allow(clippy::too_many_arguments)]
    pub fn count(
        &mut self,
        col: usize,
        coords: &[usize],
        org: i64,
        person: i64,
        key: RecordKey,
        facet: u64,
        gap: u8,
    ) {
        let cube = &mut self.cubes[col];
        let i = cube.index(coords);
        let first_of_company = self.last_org[col][i] != org;
        self.last_org[col][i] = org;
        cube.add(
            coords,
            Tally {
                people: 1,
                companies: u32::from(first_of_company),
                with_gap: u32::from(gap > 0),
                gap_steps: u32::from(gap),
                key: contribution(key, facet),
            },
        );
        if let Some(m) = self.members.as_mut() {
            m[col][i].push(person);
        }
    }
}

/// The people of a cell (a margin holds everybody of the cells it sums).
fn members_of(members: Option<&Vec<Vec<i64>>>, cube: &Cube, index: usize) -> Option<Members> {
    let members = members?;
    let mut ids = Vec::new();
    for (b, people) in members.iter().enumerate() {
        if people.is_empty() {
            continue;
        }
        let inside = (0..cube.dims()).all(|d| {
            let c = cube.coord(index, d);
            c == cube.all(d) || c == cube.coord(b, d)
        });
        if inside {
            ids.extend_from_slice(people);
        }
    }
    Some(Members::new(ids))
}

/// What a view may ask for, and which groups were published before.
pub struct Constraints<'a> {
    /// Per column: is the column's competence stigma-sensitive.
    pub sensitive: &'a [bool],
    /// Per dimension, values nobody may ask for (an unknown sector).
    pub hidden_values: &'a [Vec<usize>],
    /// Per column, groups published before (only with tracked members).
    pub shown_before: Option<&'a [Vec<Members>]>,
}

/// The protected result of a [`Collector`]: which cells may be shown, and
/// their perturbed figures.
pub struct Publication {
    cubes: Vec<Cube>,
    shown: Vec<Vec<bool>>,
    protection: Protection,
    /// Groups newly published, per column, to be remembered.
    new_groups: Vec<Vec<Members>>,
}

impl Publication {
    /// Applies every rule of the module.
    pub fn new(collector: Collector, protection: Protection, c: &Constraints<'_>) -> Publication {
        let rules = protection.rules;
        let Collector {
            cubes: raw,
            members,
            ..
        } = collector;
        let mut cubes = Vec::with_capacity(raw.len());
        let mut shown = Vec::with_capacity(raw.len());
        let mut new_groups = Vec::new();
        for (col, mut cube) in raw.into_iter().enumerate() {
            let people = members.as_ref().map(|m| &m[col]);
            cube.close();
            let askable = |i: usize| {
                (0..cube.dims()).all(|d| {
                    c.hidden_values
                        .get(d)
                        .is_none_or(|vals| !vals.contains(&cube.coord(i, d)))
                })
            };
            // Groups the viewer controls: decide per cell against what was
            // shown before and against the groups accepted so far, margins
            // (the most useful figures) first.
            let mut accepted: Vec<Members> = Vec::new();
            let mut vetoed = vec![false; cube.len()];
            if let Some(before) = c.shown_before {
                let before = before.get(col).map(Vec::as_slice).unwrap_or(&[]);
                let mut order: Vec<usize> = (0..cube.len()).collect();
                order.sort_by_key(|&i| {
                    let margins = (0..cube.dims())
                        .filter(|&d| cube.coord(i, d) == cube.all(d))
                        .count();
                    (std::cmp::Reverse(margins), i)
                });
                for i in order {
                    let Some(group) = members_of(people, &cube, i) else {
                        continue;
                    };
                    if group.len() < rules.k as usize {
                        continue;
                    }
                    let ok = overlap::may_show(&group, before, rules.k)
                        && overlap::may_show(&group, &accepted, rules.k);
                    if ok {
                        accepted.push(group);
                    } else {
                        vetoed[i] = true;
                    }
                }
            }
            let sensitive = c.sensitive.get(col).copied().unwrap_or(false);
            let s = cube::suppress(&cube, rules, sensitive, |i| askable(i) && !vetoed[i]);
            if let Some(before) = c.shown_before {
                let before = before.get(col).map(Vec::as_slice).unwrap_or(&[]);
                let mut fresh: Vec<Members> = (0..cube.len())
                    .filter(|&i| s[i] && cube.at(i).people > 0)
                    .filter_map(|i| members_of(people, &cube, i))
                    .filter(|g| !before.contains(g))
                    .collect();
                fresh.sort();
                fresh.dedup();
                new_groups.push(fresh);
            }
            cubes.push(cube);
            shown.push(s);
        }
        Publication {
            cubes,
            shown,
            protection,
            new_groups,
        }
    }

    pub fn protection(&self) -> Protection {
        self.protection
    }

    pub fn columns(&self) -> usize {
        self.cubes.len()
    }

    /// The figure at `coords` (a value or the "all" position per
    /// dimension), or `None` when withheld.
    pub fn figure(&self, col: usize, coords: &[usize]) -> Option<Figure> {
        let cube = &self.cubes[col];
        let i = cube.index(coords);
        self.shown[col][i].then(|| Figure::perturb(cube.at(i), self.protection.noise))
    }

    /// The "all" position of a dimension.
    pub fn all(&self, dim: usize) -> usize {
        self.cubes.first().map_or(0, |c| c.all(dim))
    }

    /// Rows along `row_dim` × every column, with the other dimensions fixed
    /// at `fixed` (entry `row_dim` is ignored), and totals over the rows.
    pub fn table(&self, row_dim: usize, fixed: &[usize]) -> PublishedTable {
        let rows = self.all(row_dim);
        let cols = self.columns();
        let mut coords = fixed.to_vec();
        let mut cells = Vec::with_capacity(rows * cols);
        for r in 0..rows {
            coords[row_dim] = r;
            for col in 0..cols {
                cells.push(self.figure(col, &coords));
            }
        }
        coords[row_dim] = rows;
        let totals = (0..cols).map(|col| self.figure(col, &coords)).collect();
        PublishedTable {
            cols,
            cells,
            totals,
        }
    }

    /// Groups published for the first time, per column.
    pub fn new_groups(&self) -> &[Vec<Members>] {
        &self.new_groups
    }

    /// How far the published figures are from the truth and how much is
    /// withheld, over every non-empty cell a person can ask for: for the
    /// benchmark and the usefulness report.
    pub fn accuracy(&self, include: impl Fn(usize, &Cube) -> bool) -> Accuracy {
        let mut a = Accuracy::default();
        for (col, cube) in self.cubes.iter().enumerate() {
            for i in 0..cube.len() {
                let t = cube.at(i);
                if t.people == 0 || !include(i, cube) {
                    continue;
                }
                a.cells += 1;
                if self.shown[col][i] {
                    let f = Figure::perturb(t, self.protection.noise);
                    a.shown += 1;
                    a.people_error += u64::from(f.people().abs_diff(t.people));
                    a.with_gap_error += u64::from(f.with_gap().abs_diff(t.with_gap));
                }
            }
        }
        a
    }
}

/// Usefulness of a publication.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Accuracy {
    pub cells: u64,
    pub shown: u64,
    pub people_error: u64,
    pub with_gap_error: u64,
}

impl Accuracy {
    pub fn suppressed_share(&self) -> f64 {
        if self.cells == 0 {
            0.0
        } else {
            (self.cells - self.shown) as f64 / self.cells as f64
        }
    }

    /// Mean absolute difference per shown cell, people and people with a gap.
    pub fn mean_abs_error(&self) -> (f64, f64) {
        if self.shown == 0 {
            return (0.0, 0.0);
        }
        let n = self.shown as f64;
        (self.people_error as f64 / n, self.with_gap_error as f64 / n)
    }
}

/// A table of rows × columns with a total per column, as published.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedTable {
    cols: usize,
    cells: Vec<Option<Figure>>,
    totals: Vec<Option<Figure>>,
}

impl PublishedTable {
    /// A table of empty groups (nobody of the asked-for kind exists).
    pub fn empty(rows: usize, cols: usize) -> PublishedTable {
        PublishedTable {
            cols,
            cells: vec![Some(Figure::EMPTY); rows * cols],
            totals: vec![Some(Figure::EMPTY); cols],
        }
    }

    pub fn cell(&self, row: usize, col: usize) -> Option<Figure> {
        self.cells.get(row * self.cols + col).copied().flatten()
    }

    pub fn total(&self, col: usize) -> Option<Figure> {
        self.totals.get(col).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The audit's tracker, in miniature and without a database: a role
    /// column in which people are moved in one at a time. Every figure that
    /// is published covers a group at least k people away from every other.
    #[test]
    fn moving_people_into_a_role_one_at_a_time_publishes_nothing_in_between() {
        let protection = Protection::within_company(5, 2);
        let mut before: Vec<Vec<Members>> = vec![Vec::new()];
        let mut published = Vec::new();
        for n in 1..=13i64 {
            // Role 0 holds people 1..=n; role 1 the other 20 - n.
            let mut c = Collector::new(&[2], 1, true);
            for p in 1..=20i64 {
                let role = usize::from(p > n);
                c.count(
                    0,
                    &[role],
                    1,
                    p,
                    RecordKey(p as u32 * 7919),
                    0,
                    (p % 3) as u8,
                );
            }
            let publication = Publication::new(
                c,
                protection,
                &Constraints {
                    sensitive: &[false],
                    hidden_values: &[],
                    shown_before: Some(&before),
                },
            );
            if publication.figure(0, &[0]).is_some() {
                published.push(n);
            }
            before[0].extend(publication.new_groups()[0].iter().cloned());
        }
        // Role 0 with 5, 10 people; in between its group is within k of one
        // already shown (and so is role 1's complement).
        for pair in published.windows(2) {
            assert!(pair[1] - pair[0] >= 5, "{published:?}");
        }
        assert!(!published.is_empty());
    }
}
