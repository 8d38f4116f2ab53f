//! Privacy by construction: every figure shown about a group covers at least
//! k people, and no combination of published figures narrows it below k.
//!
//! Three rules, applied to every aggregate the platform shows to a company,
//! a coordinator, a provider or the public:
//!
//! 1. **Primary suppression**: a cell with fewer than k people (or, in
//!    regional views, people of fewer than two companies) is not shown.
//! 2. **Complementary suppression**: a column total is published, so the
//!    suppressed cells of a column would be its total minus the shown cells.
//!    More cells are suppressed until the hidden remainder itself covers at
//!    least k people in at least two cells, or the total is withheld.
//! 3. **Differencing**: a filtered view (one sector, one size class, one
//!    role …) shows a cell only when, for every filter, the difference to
//!    the same cell without that filter is empty or itself passes rule 1.
//!    Otherwise filtered minus unfiltered would isolate a small group.
//!
//! A fourth rule protects stigma-sensitive competences (basic skills such as
//! reading): a group in which *everybody* has the gap is not shown, because
//! it would tell something about each member.

/// What stands behind one figure: people counted, their companies, how many
/// of them have an open gap and how many steps the gaps add up to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub people: u32,
    pub companies: u32,
    pub with_gap: u32,
    pub gap_steps: u32,
}

impl Tally {
    pub fn person(companies: u32, gap_steps: u8) -> Tally {
        Tally {
            people: 1,
            companies,
            with_gap: u32::from(gap_steps > 0),
            gap_steps: u32::from(gap_steps),
        }
    }

    /// Adds another group. Companies add up only for disjoint groups of
    /// companies (districts, sectors), which is how tallies are combined here.
    pub fn add(&mut self, other: Tally) {
        self.people += other.people;
        self.companies += other.companies;
        self.with_gap += other.with_gap;
        self.gap_steps += other.gap_steps;
    }

    pub fn minus(self, other: Tally) -> Tally {
        Tally {
            people: self.people.saturating_sub(other.people),
            companies: self.companies.saturating_sub(other.companies),
            with_gap: self.with_gap.saturating_sub(other.with_gap),
            gap_steps: self.gap_steps.saturating_sub(other.gap_steps),
        }
    }

    /// Average missing steps per person, one decimal.
    pub fn mean_gap(&self) -> f64 {
        if self.people == 0 {
            0.0
        } else {
            (f64::from(self.gap_steps) / f64::from(self.people) * 10.0).round() / 10.0
        }
    }

    /// Share of people with an open gap, in whole percent.
    pub fn share_with_gap(&self) -> u32 {
        if self.people == 0 {
            0
        } else {
            (f64::from(self.with_gap) * 100.0 / f64::from(self.people)).round() as u32
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Minimum group size (the network's k, default 5).
    pub k: u32,
    /// Minimum number of companies behind a figure: 2 in regional views so
    /// that no single company's figures become public; 0 inside a company.
    pub min_companies: u32,
}

impl Rules {
    pub fn within_company(k: u32) -> Rules {
        Rules {
            k: k.max(2),
            min_companies: 0,
        }
    }

    pub fn regional(k: u32) -> Rules {
        Rules {
            k: k.max(2),
            min_companies: 2,
        }
    }

    /// Rule 1 for a non-empty group.
    pub fn large_enough(&self, t: Tally) -> bool {
        t.people >= self.k && t.companies >= self.min_companies
    }

    /// Rule 1, with empty groups shown as empty.
    pub fn may_show(&self, t: Tally) -> bool {
        t.people == 0 || self.large_enough(t)
    }

    /// Rules 1 and 3: `broader` holds the same cell with each filter
    /// dropped in turn (empty when the view is unfiltered).
    pub fn may_show_filtered(&self, cell: Tally, broader: &[Tally]) -> bool {
        self.may_show(cell)
            && broader.iter().all(|b| {
                let rest = b.minus(cell);
                rest.people == 0 || self.large_enough(rest)
            })
    }
}

/// Rule 4 for stigma-sensitive competences.
pub fn discloses_everyone(t: Tally) -> bool {
    t.people > 0 && t.with_gap == t.people
}

/// A table of groups (rows: districts, roles …) × competences (columns)
/// whose column totals are published.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub rows: usize,
    pub cols: usize,
    cells: Vec<Tally>,
}

impl Grid {
    pub fn new(rows: usize, cols: usize) -> Grid {
        Grid {
            rows,
            cols,
            cells: vec![Tally::default(); rows * cols],
        }
    }

    pub fn get(&self, r: usize, c: usize) -> Tally {
        self.cells[r * self.cols + c]
    }

    pub fn add(&mut self, r: usize, c: usize, t: Tally) {
        self.cells[r * self.cols + c].add(t);
    }

    pub fn column_total(&self, c: usize) -> Tally {
        let mut t = Tally::default();
        for r in 0..self.rows {
            t.add(self.get(r, c));
        }
        t
    }
}

/// What may be published of a [`Grid`].
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub cols: usize,
    shown: Vec<bool>,
    pub totals_shown: Vec<bool>,
}

impl Published {
    pub fn shown(&self, r: usize, c: usize) -> bool {
        self.shown[r * self.cols + c]
    }

    pub fn suppressed_count(&self) -> usize {
        self.shown.iter().filter(|s| !**s).count()
    }
}

/// Applies rules 1 and 2 to a grid; `primary` may veto more cells (rules 3
/// and 4 are decided by the caller, who knows filters and sensitivity).
pub fn publish(
    grid: &Grid,
    rules: Rules,
    primary: impl Fn(usize, usize, Tally) -> bool,
) -> Published {
    let mut shown: Vec<bool> = (0..grid.rows * grid.cols)
        .map(|i| {
            let (r, c) = (i / grid.cols, i % grid.cols);
            let t = grid.get(r, c);
            rules.may_show(t) && primary(r, c, t)
        })
        .collect();
    let mut totals_shown = vec![true; grid.cols];
    for c in 0..grid.cols {
        let total = grid.column_total(c);
        if !rules.may_show(total) {
            totals_shown[c] = false;
            continue;
        }
        loop {
            let mut hidden = Tally::default();
            let mut hidden_cells = 0;
            for r in 0..grid.rows {
                let t = grid.get(r, c);
                if !shown[r * grid.cols + c] && t.people > 0 {
                    hidden.add(t);
                    hidden_cells += 1;
                }
            }
            let safe = hidden_cells == 0 || (hidden_cells >= 2 && rules.large_enough(hidden));
            if safe {
                break;
            }
            // Hide the smallest shown non-empty cell as well; when none is
            // left, withhold the total instead.
            let next = (0..grid.rows)
                .filter(|&r| shown[r * grid.cols + c] && grid.get(r, c).people > 0)
                .min_by_key(|&r| (grid.get(r, c).people, r));
            match next {
                Some(r) => shown[r * grid.cols + c] = false,
                None => {
                    totals_shown[c] = false;
                    break;
                }
            }
        }
    }
    Published {
        cols: grid.cols,
        shown,
        totals_shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng, rngs::StdRng};

    fn t(people: u32, companies: u32, with_gap: u32) -> Tally {
        Tally {
            people,
            companies,
            with_gap,
            gap_steps: with_gap * 2,
        }
    }

    #[test]
    fn small_groups_are_hidden() {
        let r = Rules::within_company(5);
        assert!(!r.may_show(t(4, 1, 1)));
        assert!(r.may_show(t(5, 1, 1)));
        assert!(r.may_show(t(0, 0, 0)));
        let regional = Rules::regional(5);
        assert!(
            !regional.may_show(t(40, 1, 10)),
            "one company alone is never shown regionally"
        );
        assert!(regional.may_show(t(40, 2, 10)));
    }

    #[test]
    fn a_lone_hidden_cell_takes_a_neighbour_with_it() {
        let mut g = Grid::new(3, 1);
        g.add(0, 0, t(2, 1, 1));
        g.add(1, 0, t(9, 1, 3));
        g.add(2, 0, t(20, 1, 5));
        let p = publish(&g, Rules::within_company(5), |_, _, _| true);
        // 2 is hidden, 9 must go too (2 + 9 = 11 ≥ 5 in two cells), 20 stays.
        assert!(!p.shown(0, 0) && !p.shown(1, 0) && p.shown(2, 0));
        assert!(p.totals_shown[0]);
    }

    #[test]
    fn the_total_is_withheld_when_nothing_can_cover_a_hidden_cell() {
        let mut g = Grid::new(2, 1);
        g.add(0, 0, t(3, 1, 1));
        g.add(1, 0, t(1, 1, 1));
        let p = publish(&g, Rules::within_company(5), |_, _, _| true);
        assert!(!p.shown(0, 0) && !p.shown(1, 0));
        assert!(!p.totals_shown[0], "4 people in total is below k");
    }

    /// The attack the issue asks for: an outsider reads the regional table
    /// once unfiltered and once filtered to one sector, and subtracts.
    #[test]
    fn subtracting_a_filtered_view_isolates_nobody() {
        let rules = Rules::regional(5);
        // Cell for one district and one competence: 9 people in 3 companies,
        // 7 of them in sector A (2 companies), 2 in sector B (1 company).
        let all = t(9, 3, 4);
        let sector_a = t(7, 2, 3);
        // Unfiltered the cell may show; filtered, the remainder would be 2
        // people of one company, so the filtered cell must not show.
        assert!(rules.may_show_filtered(all, &[]));
        assert!(!rules.may_show_filtered(sector_a, &[all]));
        // With a large enough remainder it shows.
        let bigger_all = t(14, 4, 6);
        assert!(rules.may_show_filtered(sector_a, &[bigger_all]));
        // Two filters: each must leave a safe remainder on its own.
        let a_and_small = t(5, 2, 2);
        let a_only = t(7, 2, 3);
        let small_only = t(11, 3, 5);
        assert!(!rules.may_show_filtered(a_and_small, &[a_only, small_only]));
    }

    #[test]
    fn everyone_with_the_gap_is_a_disclosure() {
        assert!(discloses_everyone(t(6, 1, 6)));
        assert!(!discloses_everyone(t(6, 1, 5)));
        assert!(!discloses_everyone(t(0, 0, 0)));
    }

    /// Properties over random tables: no shown cell and no derivable
    /// remainder covers fewer than k people, and published totals are the
    /// true totals.
    #[test]
    fn random_tables_never_reveal_small_groups() {
        let mut rng = StdRng::seed_from_u64(7);
        for round in 0..500 {
            let rows = rng.random_range(1..12);
            let cols = rng.random_range(1..6);
            let k = rng.random_range(2..8);
            let rules = if round % 2 == 0 {
                Rules::within_company(k)
            } else {
                Rules::regional(k)
            };
            let mut g = Grid::new(rows, cols);
            for r in 0..rows {
                for c in 0..cols {
                    let people = if rng.random_bool(0.3) {
                        rng.random_range(0..4)
                    } else {
                        rng.random_range(0..30)
                    };
                    let companies = if people == 0 {
                        0
                    } else {
                        rng.random_range(1..=people.min(4))
                    };
                    g.add(r, c, t(people, companies, rng.random_range(0..=people)));
                }
            }
            let p = publish(&g, rules, |_, _, _| true);
            for c in 0..cols {
                let mut hidden = Tally::default();
                let mut hidden_cells = 0;
                let mut sum = Tally::default();
                for r in 0..rows {
                    let cell = g.get(r, c);
                    sum.add(cell);
                    if p.shown(r, c) {
                        assert!(rules.may_show(cell), "shown cell {cell:?} with k={k}");
                    } else if cell.people > 0 {
                        hidden.add(cell);
                        hidden_cells += 1;
                    }
                }
                assert_eq!(sum, g.column_total(c));
                if p.totals_shown[c] {
                    assert!(rules.may_show(sum));
                    assert!(
                        hidden_cells == 0 || (hidden_cells >= 2 && rules.large_enough(hidden)),
                        "total minus shown cells reveals {hidden:?} with k={k}"
                    );
                }
            }
        }
    }
}
