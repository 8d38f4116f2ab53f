//! From stored rows to gaps and protected tables, without I/O: the person
//! view, the company's role × competence heat table and the regional
//! district × competence demand table. The benchmark drives these too.

use std::collections::{BTreeMap, HashMap};

use super::{
    domain::{Level, Source, is_stale},
    gaps::{self, Actual, Assessment, Requirement, Target},
};
use crate::{
    disclosure::{
        Accuracy, Collector, Constraints, Figure, Protection, Publication, PublishedTable,
        RecordKey, cellkey::gap_facet, overlap::Members,
    },
    ids::{CompetenceId, JobRoleId, OrganizationId, UserId},
    kernel::days::Day,
    networks::domain::SizeClass,
};

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

/// A published table of groups (rows) × competences (columns), with a
/// total per competence, as [`crate::disclosure`] lets it out.
pub struct ProtectedTable {
    pub figures: PublishedTable,
    pub competences: Vec<CompetenceId>,
}

impl ProtectedTable {
    /// The figure for a cell, or `None` when it is withheld.
    pub fn cell(
        &self,
        row: impl std::borrow::Borrow<usize>,
        col: impl std::borrow::Borrow<usize>,
    ) -> Option<Figure> {
        self.figures.cell(*row.borrow(), *col.borrow())
    }

    pub fn total(&self, col: impl std::borrow::Borrow<usize>) -> Option<Figure> {
        self.figures.total(*col.borrow())
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
    pub key: RecordKey,
}

/// The same people with one known sector and size each: the table by
/// district alone that the platform published before the cube, as the
/// usefulness report's baseline.
pub fn districts_only(people: impl IntoIterator<Item = RegionalPerson>) -> Vec<RegionalPerson> {
    people
        .into_iter()
        .map(|mut p| {
            p.sector = Some("00".into());
            p.size = Some("small".into());
            p
        })
        .collect()
}

/// Filters of the regional table; each one narrows the population.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionalFilter {
    /// WZ division (two digits) of the company.
    pub sector: Option<String>,
    pub size: Option<String>,
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
    /// Competence ids of one network are close together: a flat index
    /// beats hashing twelve million times.
    dense: Vec<usize>,
    min: i64,
    columns: HashMap<CompetenceId, usize>,
    /// The row of the last person pushed: rows usually come grouped.
    last: Option<(UserId, usize)>,
}

impl ActualTable {
    const UNKNOWN: u8 = u8::MAX;

    pub fn new(columns: &HashMap<CompetenceId, usize>, today: Day) -> ActualTable {
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
        ActualTable {
            cols: columns.len(),
            rows: HashMap::new(),
            levels: Vec::new(),
            keys: Vec::new(),
            today,
            dense,
            min,
            columns: columns.clone(),
            last: None,
        }
    }

    pub fn build(
        columns: &HashMap<CompetenceId, usize>,
        assessments: impl IntoIterator<Item = (UserId, Assessment)>,
        today: Day,
    ) -> ActualTable {
        let mut t = ActualTable::new(columns, today);
        for (user, a) in assessments {
            t.push(user, a);
        }
        t
    }

    fn column(&self, c: CompetenceId) -> Option<usize> {
        if self.dense.is_empty() {
            return self.columns.get(&c).copied();
        }
        let i = usize::try_from(c.0.checked_sub(self.min)?).ok()?;
        self.dense.get(i).copied().filter(|&col| col != usize::MAX)
    }

    /// Adds one assessment; the newest (a manager's on a tie) counts.
    pub fn push(&mut self, user: UserId, a: Assessment) {
        let Some(col) = self.column(a.competence) else {
            return;
        };
        let cols = self.cols;
        let row = match self.last {
            Some((u, r)) if u == user => r,
            _ => {
                let next = self.rows.len();
                let r = *self.rows.entry(user).or_insert(next);
                if r == next {
                    self.levels.resize(self.levels.len() + cols, Self::UNKNOWN);
                    self.keys.resize(self.keys.len() + cols, i64::MIN);
                }
                self.last = Some((user, r));
                r
            }
        };
        let cell = row * cols + col;
        let key = a.on * 2 + i64::from(a.source == Source::Manager);
        if self.levels[cell] == Self::UNKNOWN || key > self.keys[cell] {
            self.levels[cell] = a.level.value();
            self.keys[cell] = key;
        }
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

/// The regional demand as one cross-classification: district × sector
/// division × size class, every competence a column. Each dimension but
/// the district has an "unknown" value (companies without a sector or size)
/// that counts in the margins but can never be asked for.
pub struct RegionalFigures {
    publication: Publication,
    districts: usize,
    /// WZ divisions (two digits) that occur, ascending.
    sectors: Vec<String>,
    sizes: Vec<&'static str>,
    pub competences: Vec<CompetenceId>,
}

impl RegionalFigures {
    /// The table a person asked for: districts × competences under a filter.
    pub fn table(&self, filter: &RegionalFilter) -> ProtectedTable {
        let sector = match &filter.sector {
            None => Some(self.publication.all(1)),
            Some(s) => self.sectors.iter().position(|x| x == s),
        };
        let size = match &filter.size {
            None => Some(self.publication.all(2)),
            Some(z) => self.sizes.iter().position(|x| x == z),
        };
        let figures = match (sector, size) {
            (Some(s), Some(z)) => self.publication.table(0, &[0, s, z]),
            // Nobody of that sector or size: a table of empty cells.
            _ => PublishedTable::empty(self.districts, self.competences.len()),
        };
        ProtectedTable {
            figures,
            competences: self.competences.clone(),
        }
    }

    pub fn protection(&self) -> Protection {
        self.publication.protection()
    }

    /// Usefulness over every non-empty cell anyone can ask for.
    pub fn accuracy(&self) -> Accuracy {
        let (unknown_sector, unknown_size) = (self.sectors.len(), self.sizes.len());
        self.publication.accuracy(|i, cube| {
            cube.coord(i, 1) != unknown_sector && cube.coord(i, 2) != unknown_size
        })
    }

    /// The same for the unfiltered table only (districts and totals).
    pub fn accuracy_unfiltered(&self) -> Accuracy {
        self.publication
            .accuracy(|i, cube| cube.coord(i, 1) == cube.all(1) && cube.coord(i, 2) == cube.all(2))
    }
}

/// The sector division of a company's WZ code ("25.62" → "25").
fn division(code: &str) -> &str {
    code.split('.').next().unwrap_or(code)
}

/// The regional demand figures of a network, with every rule of
/// [`crate::disclosure`] applied. `people` need not be sorted.
pub fn regional_figures(
    mut people: Vec<RegionalPerson>,
    districts: usize,
    competences: Vec<CompetenceId>,
    sensitive: &[bool],
    targets: &HashMap<JobRoleId, Vec<Option<Level>>>,
    actual: &ActualTable,
    protection: Protection,
) -> RegionalFigures {
    people.sort_by_key(|p| p.org);
    let mut sectors: Vec<String> = people
        .iter()
        .filter_map(|p| p.sector.as_deref().map(|s| division(s).to_owned()))
        .collect();
    sectors.sort();
    sectors.dedup();
    let sizes: Vec<&'static str> = SizeClass::ALL.iter().map(|z| z.as_str()).collect();
    let sector_index: HashMap<&str, usize> = sectors
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut collector = Collector::new(
        &[districts, sectors.len() + 1, sizes.len() + 1],
        competences.len(),
        false,
    );
    for p in &people {
        let Some(target) = targets.get(&p.role) else {
            continue;
        };
        let sector = p
            .sector
            .as_deref()
            .and_then(|s| sector_index.get(division(s)).copied())
            .unwrap_or(sectors.len());
        let size = p
            .size
            .as_deref()
            .and_then(|z| sizes.iter().position(|x| *x == z))
            .unwrap_or(sizes.len());
        let coords = [p.district, sector, size];
        let person = actual.person(p.user);
        for (col, t) in target.iter().enumerate() {
            let Some(t) = t else { continue };
            let Some(a) = person.as_ref().and_then(|x| x.level(col)) else {
                continue;
            };
            let gap = t.steps_above(a);
            collector.count(
                col,
                &coords,
                p.org.0,
                p.user.0,
                p.key,
                gap_facet(competences[col].0, gap),
                gap,
            );
        }
    }
    let hidden_values = [Vec::new(), vec![sectors.len()], vec![sizes.len()]];
    let publication = Publication::new(
        collector,
        protection,
        &Constraints {
            sensitive,
            hidden_values: &hidden_values,
            shown_before: None,
        },
    );
    RegionalFigures {
        publication,
        districts,
        sectors,
        sizes,
        competences,
    }
}

/// Everything the company dashboard shows, computed from its rows: the
/// role × competence heat table and the competences by summed priority.
pub struct CompanyOverview {
    pub heat: ProtectedTable,
    pub priorities: Vec<Priority>,
    /// Groups published for the first time, to be remembered.
    pub new_groups: Vec<(CompetenceId, Members)>,
}

/// One line of the company dashboard: a competence with its aggregated gap.
pub struct Priority {
    pub competence: CompetenceId,
    pub people_with_gap: u32,
    pub people: u32,
    pub score: f64,
    pub earliest_due: Option<Day>,
}

/// What the company's people are, for the dashboard: (user, role, record key).
pub struct CompanyPeople<'a> {
    pub people: &'a [(UserId, Option<JobRoleId>)],
    pub keys: &'a HashMap<UserId, RecordKey>,
    /// Groups the company's figures were shown about before, per competence.
    pub shown_before: &'a HashMap<CompetenceId, Vec<Members>>,
}

/// `competences` are the framework in display order with their sensitivity.
#[allow(clippy::too_many_arguments)]
pub fn company_overview(
    org: OrganizationId,
    roles: &[JobRoleId],
    who: &CompanyPeople<'_>,
    requirements: &[(JobRoleId, Requirement)],
    assessments: &[(UserId, Assessment)],
    competences: &[(CompetenceId, bool)],
    protection: Protection,
    today: Day,
) -> CompanyOverview {
    let targets = targets_by_role(requirements.iter().copied());
    let actual = actual_by_person(assessments.iter().copied(), today);
    let empty_t = BTreeMap::new();
    let empty_a = BTreeMap::new();
    let required: Vec<(CompetenceId, bool)> = competences
        .iter()
        .copied()
        .filter(|(c, _)| requirements.iter().any(|(_, r)| r.competence == *c))
        .collect();
    let ids: Vec<CompetenceId> = required.iter().map(|(c, _)| *c).collect();
    let sensitive: Vec<bool> = required.iter().map(|(_, s)| *s).collect();
    let columns = column_index(&ids);
    let role_index: HashMap<JobRoleId, usize> =
        roles.iter().enumerate().map(|(i, r)| (*r, i)).collect();
    let mut collector = Collector::new(&[roles.len()], ids.len(), true);
    // Per column: summed priority and steps of the open gaps, and the
    // earliest date a requirement with an open gap is due.
    let mut score = vec![0.0f64; ids.len()];
    let mut steps = vec![0u32; ids.len()];
    let mut earliest: Vec<Option<Day>> = vec![None; ids.len()];
    for (user, role) in who.people {
        let (Some(role), Some(row)) = (role, role.and_then(|r| role_index.get(&r).copied())) else {
            continue;
        };
        let target = targets.get(role).unwrap_or(&empty_t);
        let gaps = gaps::person_gaps(target, actual.get(user).unwrap_or(&empty_a), today);
        let key = who.keys.get(user).copied().unwrap_or_default();
        for g in &gaps {
            let Some(&col) = columns.get(&g.competence) else {
                continue;
            };
            if g.actual.is_none() {
                continue;
            }
            collector.count(
                col,
                &[row],
                org.0,
                user.0,
                key,
                gap_facet(g.competence.0, g.size),
                g.size,
            );
            if g.is_open() {
                score[col] += g.priority;
                steps[col] += u32::from(g.size);
                if let gaps::Due::On(d) = g.due {
                    earliest[col] = Some(earliest[col].map_or(d, |e: Day| e.min(d)));
                }
            }
        }
    }
    let shown_before: Vec<Vec<Members>> = ids
        .iter()
        .map(|c| who.shown_before.get(c).cloned().unwrap_or_default())
        .collect();
    let publication = Publication::new(
        collector,
        protection,
        &Constraints {
            sensitive: &sensitive,
            hidden_values: &[],
            shown_before: Some(&shown_before),
        },
    );
    let new_groups = publication
        .new_groups()
        .iter()
        .enumerate()
        .flat_map(|(col, groups)| {
            let competence = ids[col];
            groups.iter().map(move |g| (competence, g.clone()))
        })
        .collect();
    let heat = ProtectedTable {
        figures: publication.table(0, &[0]),
        competences: ids.clone(),
    };
    // Only competences whose company-wide total may be shown get a line;
    // the score follows the published steps (priority per step is a
    // property of the roles' requirements, not of a person).
    let mut priorities: Vec<Priority> = Vec::new();
    for (col, cid) in ids.iter().enumerate() {
        let Some(total) = heat.total(col) else {
            continue;
        };
        if total.with_gap() == 0 || steps[col] == 0 {
            continue;
        }
        let per_step = score[col] / f64::from(steps[col]);
        priorities.push(Priority {
            competence: *cid,
            people_with_gap: total.with_gap(),
            people: total.people(),
            score: (per_step * f64::from(total.gap_steps()) * 10.0).round() / 10.0,
            earliest_due: earliest[col],
        });
    }
    priorities.sort_by(|a, b| b.score.total_cmp(&a.score));
    CompanyOverview {
        heat,
        priorities,
        new_groups,
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
            key: RecordKey((user as u32).wrapping_mul(2_654_435_761)),
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

    fn regional(
        people: Vec<RegionalPerson>,
        sensitive: bool,
        gap_for: impl Fn(i64) -> u8,
    ) -> RegionalFigures {
        let (targets, actual) = setup(&people, gap_for);
        regional_figures(
            people,
            1,
            vec![CompetenceId(1)],
            &[sensitive],
            &targets,
            &actual,
            Protection::regional(5, 0),
        )
    }

    fn sector(s: &str) -> RegionalFilter {
        RegionalFilter {
            sector: Some(s.into()),
            size: None,
        }
    }

    #[test]
    fn companies_are_counted_once_per_cell() {
        let people: Vec<_> = (0..6).map(|i| person(i % 2, i, 0, "25")).collect();
        let f = regional(people, false, |u| (u % 2) as u8);
        let cell = f.table(&RegionalFilter::default()).cell(0, 0).unwrap();
        // Without noise (range 0) the figures are the true ones.
        assert_eq!(
            (cell.people(), cell.with_gap(), cell.gap_steps()),
            (6, 3, 3)
        );
        let one_company: Vec<_> = (0..6).map(|i| person(1, i, 0, "25")).collect();
        let f = regional(one_company, false, |_| 1);
        assert!(f.table(&RegionalFilter::default()).cell(0, 0).is_none());
    }

    /// The differencing attack end to end: district 0 has 9 people, 7 in
    /// sector 25 (two companies), 2 in sector 28 (one company). The sector
    /// filter would let an outsider subtract and see the two; it is refused.
    #[test]
    fn a_filter_that_would_isolate_a_small_group_shows_nothing() {
        let mut people: Vec<_> = (0..7).map(|i| person(i % 2, i, 0, "25.62")).collect();
        people.extend((7..9).map(|i| person(9, i, 0, "28")));
        let f = regional(people.clone(), false, |_| 1);
        let all = f.table(&RegionalFilter::default()).cell(0, 0);
        let filtered = f.table(&sector("25")).cell(0, 0);
        assert!(
            all.is_none() || filtered.is_none(),
            "7 shown beside 9 would reveal the 2"
        );
        // Three more people in sector 28 from a second company: now the
        // remainder is 5 people of 2 companies and both views may show.
        people.extend((9..12).map(|i| person(10, i, 0, "28")));
        let f = regional(people, false, |_| 1);
        assert_eq!(
            f.table(&sector("25")).cell(0, 0).map(|t| t.people()),
            Some(7)
        );
        assert_eq!(
            f.table(&sector("28")).cell(0, 0).map(|t| t.people()),
            Some(5)
        );
        assert_eq!(
            f.table(&RegionalFilter::default())
                .cell(0, 0)
                .map(|t| t.people()),
            Some(12)
        );
    }

    #[test]
    fn a_sector_nobody_belongs_to_shows_empty_cells() {
        let people: Vec<_> = (0..6).map(|i| person(i % 2, i, 0, "25")).collect();
        let f = regional(people, false, |_| 1);
        let t = f.table(&sector("86"));
        assert_eq!(t.cell(0, 0).map(|x| x.people()), Some(0));
    }

    #[test]
    fn sensitive_competences_hide_groups_where_everyone_has_the_gap() {
        let people: Vec<_> = (0..6).map(|i| person(i % 3, i, 0, "25")).collect();
        let plain = regional(people.clone(), false, |_| 2);
        assert!(plain.table(&RegionalFilter::default()).cell(0, 0).is_some());
        let sensitive = regional(people, true, |_| 2);
        assert!(
            sensitive
                .table(&RegionalFilter::default())
                .cell(0, 0)
                .is_none()
        );
    }
}
