//! Gap analysis without I/O: from requirements and assessments to a
//! person's prioritised gaps. The team, company and regional views add up
//! what this module computes per person (see [`super::anonymity`]).

use std::collections::BTreeMap;

use serde::Serialize;

use super::domain::{Importance, Level, Source, is_stale};
use crate::ids::CompetenceId;
use crate::kernel::days::Day;

/// When a requirement must be met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Due {
    /// Required for the job as it is today.
    Now,
    /// Required from this day on (a planned change).
    On(Day),
}

impl Due {
    /// Days left until the requirement must be met (0 when due now or past).
    pub fn days_left(self, today: Day) -> i64 {
        match self {
            Due::Now => 0,
            Due::On(d) => (d - today).max(0),
        }
    }
}

/// One required level of one competence, from a role or a planned change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Requirement {
    pub competence: CompetenceId,
    pub level: Level,
    pub importance: Importance,
    pub due: Due,
}

/// One recorded assessment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assessment {
    pub competence: CompetenceId,
    pub level: Level,
    pub source: Source,
    pub on: Day,
}

/// What counts as a person's level for one competence.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Actual {
    pub level: Level,
    pub source: Source,
    pub on: Day,
    /// Older than [`super::domain::STALE_AFTER_DAYS`]: shown, marked, and not counted.
    pub stale: bool,
}

/// Whether an assessment replaces the current one: newer wins; on the same
/// day the manager's (made with consent, usually the reviewed one).
pub fn supersedes(on: Day, source: Source, current_on: Day, current_source: Source) -> bool {
    on > current_on
        || (on == current_on && source == Source::Manager && current_source != Source::Manager)
}

/// The newest assessment per competence. A manager's and the person's own
/// assessment of the same day: the manager's counts (it was made with the
/// person's consent and is usually the later, reviewed one).
pub fn actual_levels(assessments: &[Assessment], today: Day) -> BTreeMap<CompetenceId, Actual> {
    let mut out: BTreeMap<CompetenceId, Actual> = BTreeMap::new();
    for a in assessments {
        let candidate = Actual {
            level: a.level,
            source: a.source,
            on: a.on,
            stale: is_stale(a.on, today),
        };
        out.entry(a.competence)
            .and_modify(|cur| {
                if supersedes(a.on, a.source, cur.on, cur.source) {
                    *cur = candidate;
                }
            })
            .or_insert(candidate);
    }
    out
}

/// The target for one competence: the highest level any requirement asks
/// for, due when the first requirement with that level is due.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Target {
    pub level: Level,
    pub importance: Importance,
    pub due: Due,
}

pub fn target_profile(requirements: &[Requirement]) -> BTreeMap<CompetenceId, Target> {
    let mut out: BTreeMap<CompetenceId, Target> = BTreeMap::new();
    for r in requirements {
        let t = Target {
            level: r.level,
            importance: r.importance,
            due: r.due,
        };
        out.entry(r.competence)
            .and_modify(|cur| {
                if r.level > cur.level || (r.level == cur.level && r.due < cur.due) {
                    cur.level = r.level;
                    cur.due = r.due;
                }
                cur.importance = cur.importance.max(r.importance);
            })
            .or_insert(t);
    }
    out
}

/// Urgency grows from 1 (two years or more away) to 2 (due within three
/// months, due now, or overdue).
pub fn urgency(due: Due, today: Day) -> f64 {
    const FAR: f64 = 730.0;
    const NEAR: f64 = 90.0;
    let days = due.days_left(today) as f64;
    1.0 + ((FAR - days) / (FAR - NEAR)).clamp(0.0, 1.0)
}

/// Priority of a gap: its size, weighted by importance and urgency.
pub fn priority(size: u8, importance: Importance, due: Due, today: Day) -> f64 {
    f64::from(size) * importance.weight() * urgency(due, today)
}

/// Target minus actual for one competence of one person.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gap {
    pub competence: CompetenceId,
    pub target: Level,
    /// `None` when never assessed or only by a stale assessment.
    pub actual: Option<Level>,
    pub stale: bool,
    /// Steps missing; 0 when the actual level meets the target. Unknown
    /// actual levels count as 0 steps here and are listed as "to assess".
    pub size: u8,
    pub importance: Importance,
    pub due: Due,
    pub priority: f64,
}

impl Gap {
    pub fn is_open(&self) -> bool {
        self.size > 0
    }

    pub fn needs_assessment(&self) -> bool {
        self.actual.is_none()
    }
}

/// A person's gaps against their target profile, highest priority first;
/// competences to assess come after the real gaps.
pub fn person_gaps(
    targets: &BTreeMap<CompetenceId, Target>,
    actual: &BTreeMap<CompetenceId, Actual>,
    today: Day,
) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = targets
        .iter()
        .map(|(&competence, t)| {
            let a = actual.get(&competence);
            let counted = a.filter(|a| !a.stale).map(|a| a.level);
            let size = counted.map(|l| t.level.steps_above(l)).unwrap_or(0);
            Gap {
                competence,
                target: t.level,
                actual: counted,
                stale: a.is_some_and(|a| a.stale),
                size,
                importance: t.importance,
                due: t.due,
                priority: priority(size, t.importance, t.due, today),
            }
        })
        .collect();
    gaps.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then(a.needs_assessment().cmp(&b.needs_assessment()))
            .then(a.competence.cmp(&b.competence))
    });
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(n: i64) -> CompetenceId {
        CompetenceId(n)
    }
    fn l(n: u8) -> Level {
        Level::new(n).unwrap()
    }

    #[test]
    fn the_highest_requirement_wins_and_keeps_its_date() {
        let reqs = [
            Requirement {
                competence: c(1),
                level: l(2),
                importance: Importance::Medium,
                due: Due::Now,
            },
            Requirement {
                competence: c(1),
                level: l(3),
                importance: Importance::Low,
                due: Due::On(500),
            },
            Requirement {
                competence: c(1),
                level: l(3),
                importance: Importance::High,
                due: Due::On(400),
            },
        ];
        let t = target_profile(&reqs)[&c(1)];
        assert_eq!(t.level, l(3));
        assert_eq!(t.due, Due::On(400));
        assert_eq!(t.importance, Importance::High);
    }

    #[test]
    fn newest_assessment_counts_and_old_ones_are_marked() {
        let today = 10_000;
        let a = [
            Assessment {
                competence: c(1),
                level: l(1),
                source: Source::SelfAssessment,
                on: today - 100,
            },
            Assessment {
                competence: c(1),
                level: l(2),
                source: Source::SelfAssessment,
                on: today - 10,
            },
            Assessment {
                competence: c(1),
                level: l(3),
                source: Source::Manager,
                on: today - 10,
            },
            Assessment {
                competence: c(2),
                level: l(4),
                source: Source::SelfAssessment,
                on: today - 800,
            },
        ];
        let actual = actual_levels(&a, today);
        assert_eq!(actual[&c(1)].level, l(3));
        assert_eq!(actual[&c(1)].source, Source::Manager);
        assert!(actual[&c(2)].stale);

        let targets = target_profile(&[
            Requirement {
                competence: c(1),
                level: l(4),
                importance: Importance::Medium,
                due: Due::Now,
            },
            Requirement {
                competence: c(2),
                level: l(3),
                importance: Importance::High,
                due: Due::Now,
            },
        ]);
        let gaps = person_gaps(&targets, &actual, today);
        assert_eq!(gaps[0].competence, c(1));
        assert_eq!(gaps[0].size, 1);
        // A stale assessment is not silently counted as met.
        let stale = gaps.iter().find(|g| g.competence == c(2)).unwrap();
        assert!(stale.stale && stale.needs_assessment() && stale.size == 0);
    }

    #[test]
    fn urgency_rises_as_the_date_nears() {
        let today = 1000;
        assert_eq!(urgency(Due::Now, today), 2.0);
        assert_eq!(urgency(Due::On(today + 2000), today), 1.0);
        assert_eq!(urgency(Due::On(today - 5), today), 2.0);
        let mid = urgency(Due::On(today + 400), today);
        assert!(mid > 1.0 && mid < 2.0);
        assert!(
            priority(2, Importance::High, Due::Now, today)
                > priority(2, Importance::Low, Due::Now, today)
        );
        assert!(
            priority(1, Importance::Medium, Due::On(today + 30), today)
                > priority(1, Importance::Medium, Due::On(today + 700), today)
        );
    }

    /// Property: gaps are never negative, are zero exactly where the actual
    /// level meets the target, and are sorted by priority.
    #[test]
    fn gap_properties_hold_for_every_combination() {
        let today = 20_000;
        for target in Level::ALL {
            for actual in Level::ALL {
                for importance in Importance::ALL {
                    for due in [Due::Now, Due::On(today + 45), Due::On(today + 5000)] {
                        let targets = target_profile(&[Requirement {
                            competence: c(7),
                            level: target,
                            importance: *importance,
                            due,
                        }]);
                        let actuals = actual_levels(
                            &[Assessment {
                                competence: c(7),
                                level: actual,
                                source: Source::SelfAssessment,
                                on: today,
                            }],
                            today,
                        );
                        let g = person_gaps(&targets, &actuals, today)[0];
                        assert_eq!(g.size, target.value().saturating_sub(actual.value()));
                        assert_eq!(g.is_open(), actual < target);
                        assert!(g.priority >= 0.0);
                        assert_eq!(g.priority == 0.0, actual >= target);
                    }
                }
            }
        }
    }
}
