//! From stored rows to gaps and protected tables, without I/O: the person
//! view, the company's role × competence heat table and the regional
//! district × competence demand table. The benchmark drives these too.

use std::collections::{BTreeMap, HashMap};

use super::{
    anonymity::{Grid, Published, Rules, Tally, discloses_everyone},
    domain::{Day, Level, Source, is_stale},
    gaps::{self, Actual, Assessment, Gap, Requirement, Target},
};
use crate::ids::{CompetenceId, JobRoleId, OrganizationId, UserId};

/// Requirements grouped by role, ready to turn into target profiles.
pub fn targets_by_role(
    requirements: impl IntoIterator<Item = (JobRoleId, Requirement)>,
) -> HashMap<JobRoleId, BTreeMap<CompetenceId, Target>> {
    let mut by_role: HashMap<JobRoleId, Vec<Requirement>> = HashMap::new();
    for (role, r) in requirements {
        by_role.entry(role).or_default().push(r);
    }
    by_role
        .into_iter()
        .map(|(role, reqs)| (role, gaps::target_profile(&reqs)))
        .collect()
}

/// Assessments grouped by person, as actual levels.
pub fn actual_by_person(
    assessments: impl IntoIterator<Item = (UserId, Assessment)>,
    today: Day,
) -> HashMap<UserId, BTreeMap<CompetenceId, Actual>> {
    let mut by_user: HashMap<UserId, Vec<Assessment>> = HashMap::new();
    for (user, a) in assessments {
        by_user.entry(user).or_default().push(a);
    }
    by_user
        .into_iter()
        .map(|(u, a)| (u, gaps::actual_levels(&a, today)))
        .collect()
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
        let columns = competences
            .iter()
            .enumerate()
            .map(|(i, c)| (*c, i))
            .collect();
        GridBuilder {
            grid: Grid::new(rows, competences.len()),
            columns,
            last_org: vec![i64::MIN; rows * competences.len()],
            to_assess: vec![0; rows],
        }
    }

    pub fn add(&mut self, org: OrganizationId, row: usize, person_gaps: &[Gap]) {
        let mut unknown = false;
        for g in person_gaps {
            let Some(&col) = self.columns.get(&g.competence) else {
                continue;
            };
            if g.actual.is_none() {
                unknown = true;
                continue;
            }
            self.add_cell(org, row, col, g.size);
        }
        if unknown {
            self.to_assess[row] += 1;
        }
    }

    /// One person's counted gap of `size` steps in a cell.
    pub fn add_cell(&mut self, org: OrganizationId, row: usize, col: usize, size: u8) {
        let cell = row * self.grid.cols + col;
        let first_of_company = self.last_org[cell] != org.0;
        self.last_org[cell] = org.0;
        self.grid.add(
            row,
            col,
            Tally {
                people: 1,
                companies: u32::from(first_of_company),
                with_gap: u32::from(size > 0),
                gap_steps: u32::from(size),
            },
        );
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
    pub fn cell(
        &self,
        row: impl std::borrow::Borrow<usize>,
        col: impl std::borrow::Borrow<usize>,
    ) -> Option<Tally> {
        let (row, col) = (*row.borrow(), *col.borrow());
        self.published
            .shown(row, col)
            .then(|| self.grid.get(row, col))
    }

    pub fn total(&self, col: impl std::borrow::Borrow<usize>) -> Option<Tally> {
        let col = *col.borrow();
        self.published.totals_shown[col].then(|| self.grid.column_total(col))
    }
}

/// Applies the rules, including rule 4 for sensitive competences and rule 3
/// against the `broader` grids (the same view with one filter dropped each).
pub fn protect(
    builder: GridBuilder,
    competences: Vec<CompetenceId>,
    sensitive: &[bool],
    rules: Rules,
    broader: &[&Grid],
) -> ProtectedTable {
    let grid = builder.grid;
    let published = {
        let g = &grid;
        crate::competences::anonymity::publish(g, rules, |r, c, t| {
            let wider: Vec<Tally> = broader.iter().map(|b| b.get(r, c)).collect();
            rules.may_show_filtered(t, &wider)
                && !(sensitive.get(c).copied().unwrap_or(false) && discloses_everyone(t))
        })
    };
    ProtectedTable {
        grid,
        published,
        competences,
        to_assess: builder.to_assess,
    }
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
        let sector_ok = !use_sector
            || self.sector.as_deref().is_none_or(|s| {
                p.sector
                    .as_deref()
                    .is_some_and(|ps| ps == s || ps.starts_with(&format!("{s}.")))
            });
        let size_ok = !use_size
            || self
                .size
                .as_deref()
                .is_none_or(|s| p.size.as_deref() == Some(s));
        sector_ok && size_ok
    }
}

/// Actual levels of many people in one flat table, one byte per person and
/// competence: the regional view reads 100,000 people × 120 competences, and
/// per-person maps would cost ten times the memory and time.
pub struct ActualTable {
    cols: usize,
    rows: HashMap<UserId, usize>,
    /// Level 0–4, or [`ActualTable::UNKNOWN`].
    levels: Vec<u8>,
    /// Day of the counted assessment, twice, plus one for a manager's, so
    /// that [`gaps::supersedes`] can be decided from one number.
    keys: Vec<i64>,
    today: Day,
}

impl ActualTable {
    const UNKNOWN: u8 = u8::MAX;

    pub fn build(
        columns: &HashMap<CompetenceId, usize>,
        assessments: impl IntoIterator<Item = (UserId, Assessment)>,
        today: Day,
    ) -> ActualTable {
        let cols = columns.len();
        let mut t = ActualTable {
            cols,
            rows: HashMap::new(),
            levels: Vec::new(),
            keys: Vec::new(),
            today,
        };
        // Competence ids of one network are close together: a flat index
        // beats hashing twelve million times.
        let min = columns.keys().map(|c| c.0).min().unwrap_or(0);
        let max = columns.keys().map(|c| c.0).max().unwrap_or(0);
        let dense: Vec<usize> = if max - min < 1_000_000 {
            let mut v = vec![usize::MAX; usize::try_from(max - min + 1).unwrap_or(0)];
            for (c, &col) in columns {
                v[usize::try_from(c.0 - min).unwrap_or(0)] = col;
            }
            v
        } else {
            Vec::new()
        };
        let column = |c: CompetenceId| -> Option<usize> {
            if dense.is_empty() {
                return columns.get(&c).copied();
            }
            let i = usize::try_from(c.0.checked_sub(min)?).ok()?;
            dense.get(i).copied().filter(|&col| col != usize::MAX)
        };
        // Rows usually come grouped by person; remember the last one.
        let mut last: Option<(UserId, usize)> = None;
        for (user, a) in assessments {
            let Some(col) = column(a.competence) else {
                continue;
            };
            let row = match last {
                Some((u, r)) if u == user => r,
                _ => {
                    let next = t.rows.len();
                    let r = *t.rows.entry(user).or_insert(next);
                    if r == next {
                        t.levels.resize(t.levels.len() + cols, Self::UNKNOWN);
                        t.keys.resize(t.keys.len() + cols, i64::MIN);
                    }
                    last = Some((user, r));
                    r
                }
            };
            let cell = row * cols + col;
            let key = a.on * 2 + i64::from(a.source == Source::Manager);
            if t.levels[cell] == Self::UNKNOWN || key > t.keys[cell] {
                t.levels[cell] = a.level.value();
                t.keys[cell] = key;
            }
        }
        t
    }

    /// One person's row, looked up once for all their competences.
    pub fn person(&self, user: UserId) -> Option<PersonLevels<'_>> {
        let row = *self.rows.get(&user)?;
        let range = row * self.cols..(row + 1) * self.cols;
        Some(PersonLevels {
            levels: &self.levels[range.clone()],
            keys: &self.keys[range],
            today: self.today,
        })
    }

    /// The counted level: `None` when never assessed or only long ago.
    pub fn level(&self, user: UserId, col: usize) -> Option<Level> {
        self.person(user)?.level(col)
    }
}

pub struct PersonLevels<'a> {
    levels: &'a [u8],
    keys: &'a [i64],
    today: Day,
}

impl PersonLevels<'_> {
    pub fn level(&self, col: usize) -> Option<Level> {
        let level = *self.levels.get(col)?;
        if level == ActualTable::UNKNOWN || is_stale(self.keys[col].div_euclid(2), self.today) {
            return None;
        }
        Level::new(level)
    }
}

/// Target levels per role, one slot per competence column.
pub fn dense_targets(
    targets: &HashMap<JobRoleId, BTreeMap<CompetenceId, Target>>,
    columns: &HashMap<CompetenceId, usize>,
) -> HashMap<JobRoleId, Vec<Option<Level>>> {
    targets
        .iter()
        .map(|(role, profile)| {
            let mut row = vec![None; columns.len()];
            for (c, t) in profile {
                if let Some(&col) = columns.get(c) {
                    row[col] = Some(t.level);
                }
            }
            (*role, row)
        })
        .collect()
}

pub fn column_index(competences: &[CompetenceId]) -> HashMap<CompetenceId, usize> {
    competences
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i))
        .collect()
}

/// The regional demand table: districts × competences, filtered, with every
/// rule of `anonymity` applied. `people` need not be sorted.
#[allow(clippy::too_many_arguments)]
pub fn regional_table(
    mut people: Vec<RegionalPerson>,
    districts: usize,
    competences: Vec<CompetenceId>,
    sensitive: &[bool],
    targets: &HashMap<JobRoleId, Vec<Option<Level>>>,
    actual: &ActualTable,
    filter: &RegionalFilter,
    rules: Rules,
) -> ProtectedTable {
    people.sort_by_key(|p| p.org);
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
        let Some(target) = targets.get(&p.role) else {
            continue;
        };
        let person = actual.person(p.user);
        let mut unknown = false;
        for (col, t) in target.iter().enumerate() {
            let Some(t) = t else { continue };
            let Some(a) = person.as_ref().and_then(|x| x.level(col)) else {
                unknown = true;
                continue;
            };
            let size = t.steps_above(a);
            if in_main {
                main.add_cell(p.org, p.district, col, size);
            }
            if let (true, Some(b)) = (in_no_sector, without_sector.as_mut()) {
                b.add_cell(p.org, p.district, col, size);
            }
            if let (true, Some(b)) = (in_no_size, without_size.as_mut()) {
                b.add_cell(p.org, p.district, col, size);
            }
        }
        if unknown && in_main {
            main.to_assess[p.district] += 1;
        }
    }
    let broader: Vec<&Grid> = without_sector
        .iter()
        .chain(without_size.iter())
        .map(|b| &b.grid)
        .collect();
    protect(main, competences, sensitive, rules, &broader)
}

/// Everything the company dashboard shows, computed from its rows: the
/// role × competence heat table and the competences by summed priority.
pub struct CompanyOverview {
    pub heat: ProtectedTable,
    pub priorities: Vec<Priority>,
    pub gaps_by_user: HashMap<UserId, Vec<Gap>>,
}

/// One line of the company dashboard: a competence with its aggregated gap.
pub struct Priority {
    pub competence: CompetenceId,
    pub people_with_gap: u32,
    pub people: u32,
    pub score: f64,
    pub earliest_due: Option<Day>,
}

/// `people` are (user, role); `competences` the framework in display order
/// with their sensitivity.
pub fn company_overview(
    org: OrganizationId,
    roles: &[JobRoleId],
    people: &[(UserId, Option<JobRoleId>)],
    requirements: &[(JobRoleId, Requirement)],
    assessments: &[(UserId, Assessment)],
    competences: &[(CompetenceId, bool)],
    rules: Rules,
    today: Day,
) -> CompanyOverview {
    let targets = targets_by_role(requirements.iter().copied());
    let actual = actual_by_person(assessments.iter().copied(), today);
    let empty_t = BTreeMap::new();
    let empty_a = BTreeMap::new();
    let gaps_by_user: HashMap<UserId, Vec<Gap>> = people
        .iter()
        .filter_map(|(user, role)| {
            let t = targets.get(&(*role)?).unwrap_or(&empty_t);
            Some((
                *user,
                gaps::person_gaps(t, actual.get(user).unwrap_or(&empty_a), today),
            ))
        })
        .collect();
    let required: Vec<(CompetenceId, bool)> = competences
        .iter()
        .copied()
        .filter(|(c, _)| requirements.iter().any(|(_, r)| r.competence == *c))
        .collect();
    let ids: Vec<CompetenceId> = required.iter().map(|(c, _)| *c).collect();
    let sensitive: Vec<bool> = required.iter().map(|(_, s)| *s).collect();
    let role_index: HashMap<JobRoleId, usize> =
        roles.iter().enumerate().map(|(i, r)| (*r, i)).collect();
    let mut builder = GridBuilder::new(roles.len(), &ids);
    for (user, role) in people {
        if let (Some(row), Some(g)) = (
            role.and_then(|r| role_index.get(&r)),
            gaps_by_user.get(user),
        ) {
            builder.add(org, *row, g);
        }
    }
    let heat = protect(builder, ids.clone(), &sensitive, rules, &[]);
    // Only competences whose company-wide total may be shown get a line.
    let mut priorities: Vec<Priority> = Vec::new();
    for (col, cid) in ids.iter().enumerate() {
        let Some(total) = heat.total(col) else {
            continue;
        };
        if total.with_gap == 0 {
            continue;
        }
        let mut score = 0.0;
        let mut earliest: Option<Day> = None;
        for g in gaps_by_user
            .values()
            .flatten()
            .filter(|g| g.competence == *cid && g.is_open())
        {
            score += g.priority;
            if let gaps::Due::On(d) = g.due {
                earliest = Some(earliest.map_or(d, |e| e.min(d)));
            }
        }
        priorities.push(Priority {
            competence: *cid,
            people_with_gap: total.with_gap,
            people: total.people,
            score,
            earliest_due: earliest,
        });
    }
    priorities.sort_by(|a, b| b.score.total_cmp(&a.score));
    CompanyOverview {
        heat,
        priorities,
        gaps_by_user,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competences::{domain::Importance, gaps::Due};

    fn person(org: i64, user: i64, district: usize, sector: &str) -> RegionalPerson {
        RegionalPerson {
            org: OrganizationId(org),
            user: UserId(user),
            role: JobRoleId(1),
            district,
            sector: Some(sector.into()),
            size: Some("small".into()),
        }
    }

    fn setup(
        people: &[RegionalPerson],
        gap_for: impl Fn(i64) -> u8,
    ) -> (HashMap<JobRoleId, Vec<Option<Level>>>, ActualTable) {
        let columns = column_index(&[CompetenceId(1)]);
        let targets = targets_by_role([(
            JobRoleId(1),
            Requirement {
                competence: CompetenceId(1),
                level: Level::new(3).unwrap(),
                importance: Importance::High,
                due: Due::Now,
            },
        )]);
        let actual = ActualTable::build(
            &columns,
            people.iter().map(|p| {
                (
                    p.user,
                    Assessment {
                        competence: CompetenceId(1),
                        level: Level::new(3 - gap_for(p.user.0)).unwrap(),
                        source: Source::SelfAssessment,
                        on: 100,
                    },
                )
            }),
            100,
        );
        (dense_targets(&targets, &columns), actual)
    }

    #[test]
    fn the_newest_assessment_counts_and_stale_ones_do_not() {
        let columns = column_index(&[CompetenceId(1), CompetenceId(2)]);
        let a = |c, level, source, on| {
            (
                UserId(1),
                Assessment {
                    competence: CompetenceId(c),
                    level: Level::new(level).unwrap(),
                    source,
                    on,
                },
            )
        };
        let t = ActualTable::build(
            &columns,
            [
                a(1, 1, Source::SelfAssessment, 900),
                a(1, 3, Source::SelfAssessment, 1000),
                a(1, 2, Source::Manager, 1000),
                a(1, 0, Source::SelfAssessment, 950),
                a(2, 4, Source::SelfAssessment, 100),
            ],
            1000,
        );
        assert_eq!(
            t.level(UserId(1), 0),
            Level::new(2),
            "manager wins the tie, the newest day wins"
        );
        assert_eq!(t.level(UserId(1), 1), None, "stale");
        assert_eq!(t.level(UserId(2), 0), None);
    }

    #[test]
    fn companies_are_counted_once_per_cell() {
        let people: Vec<_> = (0..6).map(|i| person(i % 2, i, 0, "25")).collect();
        let (targets, actual) = setup(&people, |u| (u % 2) as u8);
        let t = regional_table(
            people,
            1,
            vec![CompetenceId(1)],
            &[false],
            &targets,
            &actual,
            &RegionalFilter::default(),
            Rules::regional(5),
        );
        let cell = t.cell(0, 0).unwrap();
        assert_eq!(
            (cell.people, cell.companies, cell.with_gap, cell.gap_steps),
            (6, 2, 3, 3)
        );
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
        let all = regional_table(
            people.clone(),
            1,
            vec![CompetenceId(1)],
            &[false],
            &targets,
            &actual,
            &RegionalFilter::default(),
            rules,
        );
        assert!(all.cell(0, 0).is_some());
        let filtered = regional_table(
            people.clone(),
            1,
            vec![CompetenceId(1)],
            &[false],
            &targets,
            &actual,
            &RegionalFilter {
                sector: Some("25".into()),
                size: None,
            },
            rules,
        );
        assert!(
            filtered.cell(0, 0).is_none(),
            "7 shown beside 9 would reveal the 2"
        );
        // Add three more people in sector 28 in a second company: now the
        // remainder is 5 people of 2 companies and both views may show.
        people.extend((9..12).map(|i| person(10, i, 0, "28")));
        let (targets, actual) = setup(&people, |_| 1);
        let filtered = regional_table(
            people,
            1,
            vec![CompetenceId(1)],
            &[false],
            &targets,
            &actual,
            &RegionalFilter {
                sector: Some("25".into()),
                size: None,
            },
            rules,
        );
        assert_eq!(filtered.cell(0, 0).map(|t| t.people), Some(7));
    }

    #[test]
    fn sensitive_competences_hide_groups_where_everyone_has_the_gap() {
        let people: Vec<_> = (0..6).map(|i| person(i % 3, i, 0, "25")).collect();
        let (targets, actual) = setup(&people, |_| 2);
        let plain = regional_table(
            people.clone(),
            1,
            vec![CompetenceId(1)],
            &[false],
            &targets,
            &actual,
            &RegionalFilter::default(),
            Rules::regional(5),
        );
        assert!(plain.cell(0, 0).is_some());
        let sensitive = regional_table(
            people,
            1,
            vec![CompetenceId(1)],
            &[true],
            &targets,
            &actual,
            &RegionalFilter::default(),
            Rules::regional(5),
        );
        assert!(sensitive.cell(0, 0).is_none());
    }
}
