//! Linked tables: one cross-classification with every margin, and one
//! suppression pattern that holds for every view cut from it.
//!
//! A person may ask for the demand of one sector, of one size class, of
//! both, or of neither, each by district with a total over the districts.
//! Each of those views is a slice of one cube (district × sector × size,
//! every dimension with an extra "all" position), and any two of them can
//! be subtracted from each other. Deciding suppression view by view
//! therefore cannot work (the complement attack: the sector total minus the
//! shown size classes leaves the one hidden class). Here the pattern is
//! decided once on the whole cube, so every view shows the same cells, and
//! it satisfies, for every published margin and every dimension, the line
//! rule:
//!
//! > the published margin minus the published cells of the line it sums is
//! > either nothing, or covers at least two hidden cells that together are
//! > large enough (k people, the minimum number of companies, and for a
//! > sensitive competence not everybody with the gap).
//!
//! Lines are checked until nothing changes; a line that breaks the rule
//! loses its smallest shown cell (or, when it has none, its margin). This
//! is the "hypercube" heuristic of the statistical offices' τ-ARGUS in its
//! simplest form; together with the cell-key noise it leaves no difference
//! of published figures that points at fewer than k people.

use super::tally::{Rules, Tally};

/// A cross-classification in which every dimension has `size` values plus
/// one "all" position (index `size`) holding the margin.
#[derive(Debug, Clone, PartialEq)]
pub struct Cube {
    sizes: Vec<usize>,
    strides: Vec<usize>,
    cells: Vec<Tally>,
}

impl Cube {
    pub fn new(sizes: &[usize]) -> Cube {
        let mut strides = vec![0; sizes.len()];
        let mut n = 1;
        for d in (0..sizes.len()).rev() {
            strides[d] = n;
            n *= sizes[d] + 1;
        }
        Cube {
            sizes: sizes.to_vec(),
            strides,
            cells: vec![Tally::default(); n],
        }
    }

    pub fn dims(&self) -> usize {
        self.sizes.len()
    }

    /// The "all" position of a dimension.
    pub fn all(&self, dim: usize) -> usize {
        self.sizes[dim]
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    pub fn index(&self, coords: &[usize]) -> usize {
        coords.iter().zip(&self.strides).map(|(c, s)| c * s).sum()
    }

    pub fn coord(&self, index: usize, dim: usize) -> usize {
        index / self.strides[dim] % (self.sizes[dim] + 1)
    }

    pub fn get(&self, coords: &[usize]) -> Tally {
        self.cells[self.index(coords)]
    }

    pub fn at(&self, index: usize) -> Tally {
        self.cells[index]
    }

    /// Adds to a cell of values (no "all" position); margins follow in
    /// [`Cube::close`].
    pub fn add(&mut self, coords: &[usize], t: Tally) {
        let i = self.index(coords);
        self.cells[i].add(t);
    }

    /// Fills every margin from the cells. Dimension by dimension: after
    /// pass `d`, each cell with "all" in `d` and in any earlier dimension
    /// holds its sum, so the last pass completes every combination.
    pub fn close(&mut self) {
        for d in 0..self.dims() {
            let (size, stride) = (self.sizes[d], self.strides[d]);
            for i in 0..self.cells.len() {
                if self.coord(i, d) != size {
                    continue;
                }
                let mut sum = Tally::default();
                for v in 0..size {
                    sum.add(self.cells[i - (size - v) * stride]);
                }
                self.cells[i] = sum;
            }
        }
    }

    /// The cells of the line through `index` along `dim` (whose margin is
    /// the cell with "all" in `dim`).
    fn line(&self, index: usize, dim: usize) -> impl Iterator<Item = usize> + '_ {
        let size = self.sizes[dim];
        let stride = self.strides[dim];
        let base = index - self.coord(index, dim) * stride;
        (0..size).map(move |v| base + v * stride)
    }
}

/// Decides which cells of a cube are published. `candidate` says which
/// cells may be shown at all (a value nobody can ask for, such as an
/// unknown sector, or a group vetoed by another rule); the rest follows
/// the primary rule and the line rule of the module documentation.
pub fn suppress(
    cube: &Cube,
    rules: Rules,
    sensitive: bool,
    candidate: impl Fn(usize) -> bool,
) -> Vec<bool> {
    let mut shown: Vec<bool> = (0..cube.len())
        .map(|i| candidate(i) && rules.may_show(cube.at(i), sensitive))
        .collect();
    let margins: Vec<(usize, usize)> = (0..cube.len())
        .flat_map(|i| {
            (0..cube.dims())
                .filter(move |&d| cube.coord(i, d) == cube.all(d))
                .map(move |d| (i, d))
        })
        .collect();
    loop {
        let mut changed = false;
        for &(margin, dim) in &margins {
            if !shown[margin] {
                continue;
            }
            let mut hidden = Tally::default();
            let mut hidden_cells = 0;
            for y in cube.line(margin, dim) {
                let t = cube.at(y);
                if !shown[y] && t.people > 0 {
                    hidden.add(t);
                    hidden_cells += 1;
                }
            }
            let safe = hidden_cells == 0
                || (hidden_cells >= 2
                    && hidden.people > 0
                    && rules.large_enough(hidden)
                    && rules.may_show(hidden, sensitive));
            if safe {
                continue;
            }
            let smallest = cube
                .line(margin, dim)
                .filter(|&y| shown[y] && cube.at(y).people > 0)
                .min_by_key(|&y| (cube.at(y).people, y));
            match smallest {
                Some(y) => shown[y] = false,
                None => shown[margin] = false,
            }
            changed = true;
        }
        if !changed {
            return shown;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::cellkey::{RecordKey, contribution};
    use rand::{Rng, SeedableRng, rngs::StdRng};

    fn t(people: u32, companies: u32, with_gap: u32) -> Tally {
        Tally {
            people,
            companies,
            with_gap,
            gap_steps: with_gap * 2,
            key: contribution(RecordKey(people ^ (with_gap << 8)), 1),
        }
    }

    #[test]
    fn margins_are_sums_of_their_lines() {
        let mut c = Cube::new(&[2, 3]);
        c.add(&[0, 0], t(1, 1, 1));
        c.add(&[0, 2], t(2, 1, 0));
        c.add(&[1, 1], t(4, 1, 2));
        c.close();
        assert_eq!(c.get(&[0, 3]).people, 3);
        assert_eq!(c.get(&[2, 1]).people, 4);
        assert_eq!(c.get(&[2, 3]).people, 7);
        assert_eq!(c.get(&[2, 3]).companies, 3);
        let k = c
            .get(&[0, 0])
            .key
            .plus(c.get(&[0, 2]).key)
            .plus(c.get(&[1, 1]).key);
        assert_eq!(c.get(&[2, 3]).key, k);
    }

    /// The complement attack of the audit: a sector's total by district,
    /// its size classes shown, one class (micro) below k. Subtracting the
    /// shown classes from the total must not leave the micro class alone.
    #[test]
    fn the_total_minus_the_shown_classes_never_leaves_one_small_class() {
        // One district, one sector, sizes micro/small/medium/large.
        let mut c = Cube::new(&[1, 1, 4]);
        c.add(&[0, 0, 0], t(4, 1, 1));
        c.add(&[0, 0, 1], t(12, 3, 4));
        c.add(&[0, 0, 2], t(30, 2, 9));
        c.add(&[0, 0, 3], t(50, 2, 20));
        c.close();
        let shown = suppress(&c, Rules::regional(5), false, |_| true);
        let total = c.index(&[0, 0, 4]);
        assert!(shown[total]);
        let hidden: Vec<usize> = (0..4).filter(|&z| !shown[c.index(&[0, 0, z])]).collect();
        assert_eq!(
            hidden,
            vec![0, 1],
            "micro takes the next smallest class with it"
        );
    }

    #[test]
    fn a_lone_hidden_cell_takes_a_neighbour_with_it() {
        let mut c = Cube::new(&[3]);
        c.add(&[0], t(2, 1, 1));
        c.add(&[1], t(9, 1, 3));
        c.add(&[2], t(20, 1, 5));
        c.close();
        let shown = suppress(&c, Rules::within_company(5), false, |_| true);
        assert_eq!(shown, vec![false, false, true, true]);
    }

    #[test]
    fn the_margin_goes_when_nothing_can_cover_a_hidden_cell() {
        let mut c = Cube::new(&[2]);
        c.add(&[0], t(3, 1, 1));
        c.add(&[1], t(1, 1, 1));
        c.close();
        let shown = suppress(&c, Rules::within_company(5), false, |_| true);
        assert_eq!(shown, vec![false, false, false]);
    }

    #[test]
    fn cells_nobody_may_ask_for_count_as_hidden() {
        // Sector "unknown" (index 1) is never published; with 3 people it
        // would be the total minus the known sector.
        let mut c = Cube::new(&[2]);
        c.add(&[0], t(20, 4, 5));
        c.add(&[1], t(3, 2, 1));
        c.close();
        let shown = suppress(&c, Rules::regional(5), false, |i| i != 1);
        assert!(!shown[1]);
        assert!(
            !shown[0] || !shown[2],
            "total minus sector 0 would be the 3"
        );
    }

    /// Properties over random cubes of up to three dimensions: every shown
    /// cell passes the primary rule, every line of a shown margin leaves
    /// nothing or a large enough remainder in at least two cells, and
    /// margins are exact sums.
    #[test]
    fn random_cubes_never_leave_a_small_remainder() {
        let mut rng = StdRng::seed_from_u64(11);
        for round in 0..400 {
            let dims: Vec<usize> = (0..rng.random_range(1..=3))
                .map(|_| rng.random_range(1..6))
                .collect();
            let k = rng.random_range(3..8);
            let rules = if round % 2 == 0 {
                Rules::within_company(k)
            } else {
                Rules::regional(k)
            };
            let sensitive = round % 5 == 0;
            let mut c = Cube::new(&dims);
            let mut coords = vec![0; dims.len()];
            for i in 0..c.len() {
                for (d, slot) in coords.iter_mut().enumerate() {
                    *slot = c.coord(i, d);
                }
                if coords.iter().zip(&dims).any(|(x, n)| x == n) {
                    continue;
                }
                let people = if rng.random_bool(0.4) {
                    rng.random_range(0..4)
                } else {
                    rng.random_range(0..25)
                };
                let companies = if people == 0 {
                    0
                } else {
                    rng.random_range(1..=people.min(3))
                };
                let with_gap = rng.random_range(0..=people);
                c.add(&coords, t(people, companies, with_gap));
            }
            c.close();
            let veto = rng.random_range(0..c.len());
            let shown = suppress(&c, rules, sensitive, |i| i != veto);
            assert!(!shown[veto]);
            for i in 0..c.len() {
                if !shown[i] {
                    continue;
                }
                assert!(rules.may_show(c.at(i), sensitive), "round {round}");
                for d in 0..c.dims() {
                    if c.coord(i, d) != c.all(d) {
                        continue;
                    }
                    let mut hidden = Tally::default();
                    let mut n = 0;
                    let mut sum = Tally::default();
                    for y in c.line(i, d) {
                        sum.add(c.at(y));
                        if !shown[y] && c.at(y).people > 0 {
                            hidden.add(c.at(y));
                            n += 1;
                        }
                    }
                    assert_eq!(sum.people, c.at(i).people);
                    assert!(
                        n == 0 || (n >= 2 && rules.large_enough(hidden)),
                        "round {round}: margin {i} along {d} leaves {hidden:?} in {n} cells"
                    );
                }
            }
        }
    }
}
