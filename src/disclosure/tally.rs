//! What stands behind one figure, the rules that decide whether it may be
//! shown on its own, and the perturbed figure that leaves the platform.

use super::cellkey::{CellKey, Noise};

/// The true figures of a group: people counted, their companies, how many
/// of them have an open gap, how many steps the gaps add up to, and the cell
/// key of the people in it. Never leaves [`crate::disclosure`] unperturbed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub people: u32,
    pub companies: u32,
    pub with_gap: u32,
    pub gap_steps: u32,
    pub key: CellKey,
}

impl Tally {
    /// Adds another group. Companies add up only for disjoint groups of
    /// companies (districts, sectors, size classes), which is how tallies
    /// are combined here.
    pub fn add(&mut self, other: Tally) {
        self.people += other.people;
        self.companies += other.companies;
        self.with_gap += other.with_gap;
        self.gap_steps += other.gap_steps;
        self.key = self.key.plus(other.key);
    }
}

/// The minimum group size and company count of one view.
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

    /// Large enough for a non-empty group.
    pub fn large_enough(&self, t: Tally) -> bool {
        t.people >= self.k && t.companies >= self.min_companies
    }

    /// May a group be shown on its own: empty, or large enough, and for a
    /// stigma-sensitive competence not a group in which everybody has the
    /// gap (that would tell something about each member).
    pub fn may_show(&self, t: Tally, sensitive: bool) -> bool {
        t.people == 0 || (self.large_enough(t) && !(sensitive && discloses_everyone(t)))
    }
}

/// Everybody in a non-empty group has the gap.
pub fn discloses_everyone(t: Tally) -> bool {
    t.people > 0 && t.with_gap == t.people
}

/// A published figure: perturbed by the cell key, consistent across every
/// view and every repetition. Only [`crate::disclosure`] makes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Figure {
    people: u32,
    with_gap: u32,
    gap_steps: u32,
}

impl Figure {
    /// The figure of an empty group.
    pub const EMPTY: Figure = Figure {
        people: 0,
        with_gap: 0,
        gap_steps: 0,
    };

    pub(super) fn perturb(t: Tally, noise: Noise) -> Figure {
        let people = noise.apply(t.people, t.key, 0);
        let with_gap = noise.apply(t.with_gap, t.key, 1).min(people);
        // Each person with a gap misses one to four steps.
        let gap_steps = if with_gap == 0 {
            0
        } else {
            noise
                .apply(t.gap_steps, t.key, 2)
                .clamp(with_gap, with_gap * 4)
        };
        Figure {
            people,
            with_gap,
            gap_steps,
        }
    }

    /// People counted (perturbed).
    pub fn people(&self) -> u32 {
        self.people
    }

    /// Of them, people with an open gap (perturbed).
    pub fn with_gap(&self) -> u32 {
        self.with_gap
    }

    /// Missing levels summed over those people (perturbed).
    pub fn gap_steps(&self) -> u32 {
        self.gap_steps
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::cellkey::{RecordKey, contribution};

    fn t(people: u32, companies: u32, with_gap: u32) -> Tally {
        Tally {
            people,
            companies,
            with_gap,
            gap_steps: with_gap * 2,
            key: contribution(RecordKey(people * 31 + with_gap), 0),
        }
    }

    #[test]
    fn small_groups_are_hidden() {
        let r = Rules::within_company(5);
        assert!(!r.may_show(t(4, 1, 1), false));
        assert!(r.may_show(t(5, 1, 1), false));
        assert!(r.may_show(t(0, 0, 0), false));
        let regional = Rules::regional(5);
        assert!(
            !regional.may_show(t(40, 1, 10), false),
            "one company alone is never shown regionally"
        );
        assert!(regional.may_show(t(40, 2, 10), false));
    }

    #[test]
    fn everyone_with_the_gap_is_a_disclosure_for_sensitive_competences() {
        let r = Rules::within_company(5);
        assert!(r.may_show(t(6, 1, 6), false));
        assert!(!r.may_show(t(6, 1, 6), true));
        assert!(r.may_show(t(6, 1, 5), true));
        assert!(!discloses_everyone(t(0, 0, 0)));
    }

    #[test]
    fn published_figures_stay_plausible() {
        for people in 1..40 {
            for with_gap in 0..=people {
                let f = Figure::perturb(t(people, 2, with_gap), Noise::new(3));
                assert!(f.people() >= 1);
                assert!(f.with_gap() <= f.people());
                assert_eq!(f.with_gap() == 0, with_gap == 0);
                assert!(f.gap_steps() >= f.with_gap() && f.gap_steps() <= 4 * f.with_gap());
            }
        }
    }
}
