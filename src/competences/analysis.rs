//! From stored rows to gaps and protected tables, without I/O: the person
//! view, the company's role × competence heat table and the regional
//! district × competence demand table. The benchmark drives these too.

use std::collections::{BTreeMap, HashMap};

use super::{
    anonymity::{Grid, Published, Rules, Tally, discloses_everyone},
    domain::Day,
    gaps::{self, Actual, Assessment, Gap, Requirement, Target},
};
use crate::ids::{CompetenceId, JobRoleId, OrganizationId, UserId};

/// Requirements grouped by role, ready to turn into target profiles.
pub fn targets_by_role(requirements: impl IntoIterator<Item = (JobRoleId, Requirement)>) -> HashMap<JobRoleId, BTreeMap<CompetenceId, Target>> {
    let mut by_role: HashMap<JobRoleId, Vec<Requirement>> = HashMap::new();
    for (role, r) in requirements {
        by_role.entry(role).or_default().push(r);
    }
    by_role.into_iter().map(|(role, reqs)| (role, gaps::target_profile(&reqs))).collect()
}

/// Assessments grouped by person, as actual levels.
pub fn actual_by_person(assessments: impl IntoIterator<Item = (UserId, Assessment)>, today: Day) -> HashMap<UserId, BTreeMap<CompetenceId, Actual>> {
    let mut by_user: HashMap<UserId, Vec<Assessment>> = HashMap::new();
    for (user, a) in assessments {
        by_user.entry(user).or_default().push(a);
    }
    by_user.into_iter().map(|(u, a)| (u, gaps::actual_levels(&a, today))).collect()
}

/// Adds people's gaps into a grid, counting each company once per cell.
/// People must arrive grouped by company (sorted by organisation).
pub struct GridBuilder {
    pub grid: Grid,
    columns: HashMap<CompetenceId, usize>,
    last_org: Vec<i64>,
    /// People per row whose level for a required competence is unknown.
    pub to_assess: Vec<u32>,
}

impl GridBuilder {
    pub fn new(rows: usize, competences: &[CompetenceId]) -> GridBuilder {
        let columns = competences.iter().enumerate().map(|(i, c)| (*c, i)).collect();
        GridBuilder { grid: Grid::new(rows, competences.len()), columns, last_org: vec![i64::MIN; rows * competences.len()], to_assess: vec![0; rows] }
    }

    pub fn add(&mut self, org: OrganizationId, row: usize, person_gaps: &[Gap]) {
        let mut unknown = false;
        for g in person_gaps {
            let Some(&col) = self.columns.get(&g.competence) else { continue };
            if g.actual.is_none() {
                unknown = true;
                continue;
            }
            let cell = row * self.grid.cols + col;
            let first_of_company = self.last_org[cell] != org.0;
            self.last_org[cell] = org.0;
            self.grid.add(row, col, Tally {
                people: 1,
                companies: u32::from(first_of_company),
                with_gap: u32::from(g.size > 0),
                gap_steps: u32::from(g.size),
            });
        }
        if unknown {
            self.to_assess[row] += 1;
        }
    }
}

/// A published table: the grid, what may be shown, and labels.
pub struct ProtectedTable {
    pub grid: Grid,
    pub published: Published,
    pub competences: Vec<CompetenceId>,
    pub to_assess: Vec<u32>,
}

impl ProtectedTable {
    /// The figure for a cell, or `None` when it is withheld.
    pub fn cell(&self, row: impl std::borrow::Borrow<usize>, col: impl std::borrow::Borrow<usize>) -> Option<Tally> {
        let (row, col) = (*row.borrow(), *col.borrow());
        self.published.shown(row, col).then(|| self.grid.get(row, col))
    }

    pub fn total(&self, col: impl std::borrow::Borrow<usize>) -> Option<Tally> {
        let col = *col.borrow();
        self.published.totals_shown[col].then(|| self.grid.column_total(col))
    }
}

/// Applies the rules, including rule 4 for sensitive competences and rule 3
/// against the `broader` grids (the same view with one filter dropped each).
pub fn protect(builder: GridBuilder, competences: Vec<CompetenceId>, sensitive: &[bool], rules: Rules, broader: &[&Grid]) -> ProtectedTable {
    let grid = builder.grid;
    let published = {
        let g = &grid;
        crate::competences::anonymity::publish(g, rules, |r, c, t| {
            let wider: Vec<Tally> = broader.iter().map(|b| b.get(r, c)).collect();
            rules.may_show_filtered(t, &wider) && !(sensitive.get(c).copied().unwrap_or(false) && discloses_everyone(t))
        })
    };
    ProtectedTable { grid, published, competences, to_assess: builder.to_assess }
}

/// One person of a region with the attributes the filters use.
#[derive(Debug, Clone)]
pub struct RegionalPerson {
    pub org: OrganizationId,
    pub user: UserId,
    pub role: JobRoleId,
    pub district: usize,
    pub sector: Option<String>,
    pub size: Option<String>,
}

/// Filters of the regional table; each one narrows the population.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionalFilter {
    /// WZ division (two digits) of the company.
    pub sector: Option<String>,
    pub size: Option<String>,
}

impl RegionalFilter {
    fn matches(&self, p: &RegionalPerson, use_sector: bool, use_size: bool) -> bool {
        let sector_ok = !use_sector || self.sector.as_deref().is_none_or(|s| p.sector.as_deref().is_some_and(|ps| ps == s || ps.starts_with(&format!("{s}."))));
        let size_ok = !use_size || self.size.as_deref().is_none_or(|s| p.size.as_deref() == Some(s));
        sector_ok && size_ok
    }
}

/// The regional demand table: districts × competences, filtered, with every
/// rule of `anonymity` applied. `people` need not be sorted.
#[allow(clippy::too_many_arguments)]
pub fn regional_table(
    mut people: Vec<RegionalPerson>,
    districts: usize,
    competences: Vec<CompetenceId>,
    sensitive: &[bool],
    targets: &HashMap<JobRoleId, BTreeMap<CompetenceId, Target>>,
    actual: &HashMap<UserId, BTreeMap<CompetenceId, Actual>>,
    filter: &RegionalFilter,
    rules: Rules,
    today: Day,
) -> ProtectedTable {
    people.sort_by_key(|p| p.org);
    let empty_targets = BTreeMap::new();
    let empty_actual = BTreeMap::new();
    // The view itself and, for each active filter, the view without it.
    let with_sector = filter.sector.is_some();
    let with_size = filter.size.is_some();
    let mut main = GridBuilder::new(districts, &competences);
    let mut without_sector = with_sector.then(|| GridBuilder::new(districts, &competences));
    let mut without_size = with_size.then(|| GridBuilder::new(districts, &competences));
    for p in &people {
        let in_main = filter.matches(p, true, true);
        let in_no_sector = with_sector && filter.matches(p, false, true);
        let in_no_size = with_size && filter.matches(p, true, false);
        if !(in_main || in_no_sector || in_no_size) {
            continue;
        }
        let t = targets.get(&p.role).unwrap_or(&empty_targets);
        let a = actual.get(&p.user).unwrap_or(&empty_actual);
        let g = gaps::person_gaps(t, a, today);
        if in_main {
            main.add(p.org, p.district, &g);
        }
        if let (true, Some(b)) = (in_no_sector, without_sector.as_mut()) {
            b.add(p.org, p.district, &g);
        }
        if let (true, Some(b)) = (in_no_size, without_size.as_mut()) {
            b.add(p.org, p.district, &g);
        }
    }
    let broader: Vec<&Grid> = without_sector.iter().chain(without_size.iter()).map(|b| &b.grid).collect();
    protect(main, competences, sensitive, rules, &broader)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competences::{
        domain::{Importance, Level, Source},
        gaps::Due,
    };

    fn person(org: i64, user: i64, district: usize, sector: &str) -> RegionalPerson {
        RegionalPerson { org: OrganizationId(org), user: UserId(user), role: JobRoleId(1), district, sector: Some(sector.into()), size: Some("small".into()) }
    }

    fn setup(people: &[RegionalPerson], gap_for: impl Fn(i64) -> u8) -> (HashMap<JobRoleId, BTreeMap<CompetenceId, Target>>, HashMap<UserId, BTreeMap<CompetenceId, Actual>>) {
        let targets = targets_by_role([(JobRoleId(1), Requirement { competence: CompetenceId(1), level: Level::new(3).unwrap(), importance: Importance::High, due: Due::Now })]);
        let actual = actual_by_person(
            people.iter().map(|p| (p.user, Assessment { competence: CompetenceId(1), level: Level::new(3 - gap_for(p.user.0)).unwrap(), source: Source::SelfAssessment, on: 100 })),
            100,
        );
        (targets, actual)
    }

    #[test]
    fn companies_are_counted_once_per_cell() {
        let people: Vec<_> = (0..6).map(|i| person(i % 2, i, 0, "25")).collect();
        let (targets, actual) = setup(&people, |u| (u % 2) as u8);
        let t = regional_table(people, 1, vec![CompetenceId(1)], &[false], &targets, &actual, &RegionalFilter::default(), Rules::regional(5), 100);
        let cell = t.cell(0, 0).unwrap();
        assert_eq!((cell.people, cell.companies, cell.with_gap, cell.gap_steps), (6, 2, 3, 3));
    }

    /// The differencing attack end to end: district 0 has 9 people, 7 in
    /// sector 25 (two companies), 2 in sector 28 (one company). The sector
    /// filter would let an outsider subtract and see the two; it is refused.
    #[test]
    fn a_filter_that_would_isolate_a_small_group_shows_nothing() {
        let mut people: Vec<_> = (0..7).map(|i| person(i % 2, i, 0, "25.62")).collect();
        people.extend((7..9).map(|i| person(9, i, 0, "28")));
        let (targets, actual) = setup(&people, |_| 1);
        let rules = Rules::regional(5);
        let all = regional_table(people.clone(), 1, vec![CompetenceId(1)], &[false], &targets, &actual, &RegionalFilter::default(), rules, 100);
        assert!(all.cell(0, 0).is_some());
        let filtered = regional_table(people.clone(), 1, vec![CompetenceId(1)], &[false], &targets, &actual, &RegionalFilter { sector: Some("25".into()), size: None }, rules, 100);
        assert!(filtered.cell(0, 0).is_none(), "7 shown beside 9 would reveal the 2");
        // Add three more people in sector 28 in a second company: now the
        // remainder is 5 people of 2 companies and both views may show.
        people.extend((9..12).map(|i| person(10, i, 0, "28")));
        let (targets, actual) = setup(&people, |_| 1);
        let filtered = regional_table(people, 1, vec![CompetenceId(1)], &[false], &targets, &actual, &RegionalFilter { sector: Some("25".into()), size: None }, rules, 100);
        assert_eq!(filtered.cell(0, 0).map(|t| t.people), Some(7));
    }

    #[test]
    fn sensitive_competences_hide_groups_where_everyone_has_the_gap() {
        let people: Vec<_> = (0..6).map(|i| person(i % 3, i, 0, "25")).collect();
        let (targets, actual) = setup(&people, |_| 2);
        let plain = regional_table(people.clone(), 1, vec![CompetenceId(1)], &[false], &targets, &actual, &RegionalFilter::default(), Rules::regional(5), 100);
        assert!(plain.cell(0, 0).is_some());
        let sensitive = regional_table(people, 1, vec![CompetenceId(1)], &[true], &targets, &actual, &RegionalFilter::default(), Rules::regional(5), 100);
        assert!(sensitive.cell(0, 0).is_none());
    }
}
