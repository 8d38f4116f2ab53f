//! Demand pooling: group open needs of employees across companies into
//! candidate course cohorts that a provider could run.
//!
//! Pure computation, no I/O.
//!
//! # Rules
//!
//! 1. **Valid needs.** A need counts when `from < to` and its location is a
//!    finite latitude in −90..=90 and longitude in −180..=180; others are
//!    skipped (they cannot be placed on the map).
//! 2. **One person once per competence.** Person ids are taken as global. If
//!    one person has several needs for a competence, the one with the highest
//!    `to` is kept (then lowest `from`, lowest company, first in input), so
//!    nobody occupies two seats in courses for the same competence.
//! 3. **Groups.** Needs are grouped by (competence, [`LevelBand`]): a course
//!    for basics and one for advanced users are different courses.
//! 4. **Clustering** inside a group — greedy seeded clustering, deterministic:
//!    * every point's *density* is the number of points of its group within
//!      `max_km`, computed once up front;
//!    * seeds are tried in order of density (descending), then person id;
//!      once the density falls below the effective minimum size the group is
//!      done. This is a heuristic cut: a moved centre could in rare cases
//!      gather more than the seed's own neighbourhood, but trying every point
//!      would make sparse groups quadratic for next to no gain;
//!    * a seed takes all still-unassigned points within `max_km`; the centre
//!      then moves to their spherical mean and the take is repeated (at most
//!      [`REFINE_ROUNDS`] times) while that gains members, or keeps as many
//!      in a tighter circle — this pulls the centre into the middle of the
//!      crowd instead of leaving it on whatever point happened to be densest;
//!    * the take is accepted as a cohort only if it reaches the effective
//!      minimum size and `min_companies`; then its members are assigned. A
//!      failed take assigns nobody, so its points stay available to later seeds.
//!
//!    Every member is within `max_km` (great-circle, haversine
//!    distance) of the reported `centre`; `radius_km` is the largest such
//!    distance. Cohort size is not capped: a provider can split a large
//!    cohort into several course runs, which is their call, not ours.
//! 5. **Anonymity.** The effective minimum size is `max(min_size, k,
//!    min_companies)`; `min_companies` is taken as at least 2, since a cohort
//!    from a single company is that company's in-house need, not pooled
//!    demand, and would expose one employer's plans. Needs left over are not
//!    reported at all. In `districts`, a district with fewer than `k` people
//!    would itself be a group smaller than `k`, so such districts are folded
//!    into one trailing entry named [`OTHER_DISTRICTS`]. That remainder is a
//!    group too: the cohort total minus the named districts gives its size,
//!    and with few districts its places follow by elimination. So while it
//!    holds 1 to `k − 1` people, the smallest named district (on equal
//!    counts the last by name) is folded in as well. Every named district
//!    and the remainder then hold 0 or at least `k` people; when nothing
//!    stays named, `districts` is empty: the cohort total is all that is
//!    reported ([`fold_districts`]).
//! 6. **Order.** Cohorts by people descending, then companies descending, then
//!    competence, band and centre, so the output is fully deterministic.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Company id (the project swaps in its typed id).
pub type CompanyId = i64;
/// Person id (the project swaps in its typed id).
pub type PersonId = i64;
/// Competence id (the project swaps in its typed id).
pub type CompetenceId = i64;

/// Name of the trailing `districts` entry that sums up districts with fewer
/// than `k` people. Empty so it can never clash with a real district name;
/// the UI renders it as "weitere Kreise" / "other districts".
pub const OTHER_DISTRICTS: &str = "";
/// How often the centre may move to the mean of its members.
pub const REFINE_ROUNDS: usize = 4;

/// One open need of one employee. Location is (latitude, longitude) in degrees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Need {
    pub company: CompanyId,
    pub person: PersonId,
    pub competence: CompetenceId,
    pub from: u8,
    pub to: u8,
    pub location: (f64, f64),
    pub district: String,
}

/// Level band of a cohort, by the level the members want to reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LevelBand {
    /// Target level ≤ 2 (basics, applies with guidance).
    Basics,
    /// Target level ≥ 3 (independently, expert).
    Advanced,
}

impl LevelBand {
    pub fn of_target(to: u8) -> Self {
        if to <= 2 {
            LevelBand::Basics
        } else {
            LevelBand::Advanced
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolParams {
    pub min_size: usize,
    /// Every member lies within this distance of the cohort centre.
    pub max_km: f64,
    /// Anonymity: never report a group smaller than `k`.
    pub k: usize,
    /// At least this many companies per cohort; values below 2 count as 2.
    pub min_companies: usize,
}

impl Default for PoolParams {
    /// 6 people (a viable course), 40 km (a reasonable commute), k = 5,
    /// 2 companies.
    fn default() -> Self {
        PoolParams {
            min_size: 6,
            max_km: 40.0,
            k: 5,
            min_companies: 2,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cohort {
    pub competence: CompetenceId,
    pub band: LevelBand,
    /// (latitude, longitude) in degrees.
    pub centre: (f64, f64),
    /// Largest member distance from the centre, ≤ `max_km`.
    pub radius_km: f64,
    /// People per district, largest first; districts below `k` folded into
    /// [`OTHER_DISTRICTS`] at the end, which then holds at least `k` people.
    /// Empty when no district could be named (rule 5).
    pub districts: Vec<(String, usize)>,
    pub people: usize,
    pub companies: usize,
    /// (company, person), sorted. For notifications only, never shown.
    pub members: Vec<(CompanyId, PersonId)>,
}

use crate::regions::{EARTH_RADIUS_KM, haversine_km};

fn unit_vector(lat_deg: f64, lon_deg: f64) -> [f64; 3] {
    let (lat, lon) = (lat_deg.to_radians(), lon_deg.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

fn chord2(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    let (dx, dy, dz) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    dx * dx + dy * dy + dz * dz
}

/// A need placed on the sphere. Unit vectors make the hot "within max_km"
/// test a few multiplications: squared chord length is monotone in
/// great-circle distance, so no trigonometry is needed per pair.
struct Point<'a> {
    need: &'a Need,
    lat_rad: f64,
    v: [f64; 3],
}

/// Spatial helper for one group: points sorted by latitude, so a query only
/// scans the latitude band that can possibly be within reach (great-circle
/// distance ≥ earth radius × latitude difference).
struct Group<'a> {
    points: Vec<Point<'a>>,
    lats: Vec<f64>,
    /// Latitude half-width of the band to scan, in radians.
    band_rad: f64,
    /// Squared chord length equivalent to `max_km` (slightly widened; the
    /// exact great-circle check happens when a cohort is finalised).
    max_chord2: f64,
}

impl<'a> Group<'a> {
    fn new(mut points: Vec<Point<'a>>, max_km: f64) -> Self {
        points.sort_by(|a, b| a.lat_rad.total_cmp(&b.lat_rad));
        let lats = points.iter().map(|p| p.lat_rad).collect();
        let angle = (max_km / EARTH_RADIUS_KM).min(std::f64::consts::PI);
        let chord = 2.0 * (angle / 2.0).sin();
        Group {
            points,
            lats,
            band_rad: angle + 1e-9,
            max_chord2: chord * chord * (1.0 + 1e-9) + 1e-15,
        }
    }

    /// Indices of points with `keep(i)` within reach of `centre`, in latitude order.
    fn within(
        &self,
        centre_lat_rad: f64,
        centre: &[f64; 3],
        keep: impl Fn(usize) -> bool,
        out: &mut Vec<usize>,
    ) {
        out.clear();
        let lo = self
            .lats
            .partition_point(|&l| l < centre_lat_rad - self.band_rad);
        let hi = self
            .lats
            .partition_point(|&l| l <= centre_lat_rad + self.band_rad);
        for i in lo..hi {
            if keep(i) && chord2(&self.points[i].v, centre) <= self.max_chord2 {
                out.push(i);
            }
        }
    }
}

/// Normalised mean of the members' unit vectors, as (unit vector, latitude rad).
fn spherical_mean(group: &Group, members: &[usize]) -> Option<([f64; 3], f64)> {
    let mut sum = [0.0; 3];
    for &i in members {
        let v = group.points[i].v;
        sum = [sum[0] + v[0], sum[1] + v[1], sum[2] + v[2]];
    }
    let norm = (sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]).sqrt();
    // Points spread evenly around the globe have no meaningful mean.
    if norm.is_nan() || norm <= 1e-12 {
        return None;
    }
    let v = [sum[0] / norm, sum[1] / norm, sum[2] / norm];
    Some((v, v[2].clamp(-1.0, 1.0).asin()))
}

/// Squared chord from `centre` to the farthest member.
fn max_chord2(group: &Group, members: &[usize], centre: &[f64; 3]) -> f64 {
    members
        .iter()
        .map(|&i| chord2(&group.points[i].v, centre))
        .fold(0.0, f64::max)
}

fn to_degrees(v: &[f64; 3]) -> (f64, f64) {
    let lat = v[2].atan2((v[0] * v[0] + v[1] * v[1]).sqrt());
    let lon = v[1].atan2(v[0]);
    (lat.to_degrees(), lon.to_degrees())
}

fn valid(n: &Need) -> bool {
    let (lat, lon) = n.location;
    n.from < n.to
        && lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
}

/// Pool open needs into cohorts. See the module documentation for the rules.
pub fn pool(needs: &[Need], params: &PoolParams) -> Vec<Cohort> {
    let min_companies = params.min_companies.max(2);
    let k = params.k.max(1);
    let min_people = params.min_size.max(k).max(min_companies);
    let max_km = if params.max_km.is_nan() {
        0.0
    } else {
        params.max_km.max(0.0)
    };

    // Rule 2: one need per (competence, person), the most ambitious one.
    let mut kept: Vec<&Need> = needs.iter().filter(|n| valid(n)).collect();
    kept.sort_by(|a, b| {
        (a.competence, a.person)
            .cmp(&(b.competence, b.person))
            .then_with(|| b.to.cmp(&a.to))
            .then_with(|| a.from.cmp(&b.from))
            .then_with(|| a.company.cmp(&b.company))
    });
    kept.dedup_by(|later, earlier| {
        later.competence == earlier.competence && later.person == earlier.person
    });

    // Rule 3: group by (competence, band); person order inside keeps ties stable.
    kept.sort_by(|a, b| {
        (a.competence, LevelBand::of_target(a.to), a.person).cmp(&(
            b.competence,
            LevelBand::of_target(b.to),
            b.person,
        ))
    });

    let mut cohorts = Vec::new();
    for chunk in kept.chunk_by(|a, b| {
        a.competence == b.competence && LevelBand::of_target(a.to) == LevelBand::of_target(b.to)
    }) {
        if chunk.len() < min_people {
            continue;
        }
        let points = chunk
            .iter()
            .map(|&n| Point {
                need: n,
                lat_rad: n.location.0.to_radians(),
                v: unit_vector(n.location.0, n.location.1),
            })
            .collect();
        let key = (chunk[0].competence, LevelBand::of_target(chunk[0].to));
        let limits = Limits {
            max_km,
            min_people,
            min_companies,
            k,
        };
        cluster_group(key, Group::new(points, max_km), &limits, &mut cohorts);
    }

    cohorts.sort_by(cohort_order);
    cohorts
}

fn cohort_order(a: &Cohort, b: &Cohort) -> Ordering {
    b.people
        .cmp(&a.people)
        .then_with(|| b.companies.cmp(&a.companies))
        .then_with(|| a.competence.cmp(&b.competence))
        .then_with(|| a.band.cmp(&b.band))
        .then_with(|| a.centre.0.total_cmp(&b.centre.0))
        .then_with(|| a.centre.1.total_cmp(&b.centre.1))
}

/// Effective thresholds after applying the anonymity rules.
#[derive(Clone, Copy)]
struct Limits {
    max_km: f64,
    min_people: usize,
    min_companies: usize,
    k: usize,
}

/// Rule 4 for one (competence, band) group; accepted cohorts go to `out`.
fn cluster_group(
    key: (CompetenceId, LevelBand),
    group: Group,
    limits: &Limits,
    out: &mut Vec<Cohort>,
) {
    let Limits {
        max_km,
        min_people,
        min_companies,
        k,
    } = *limits;
    let n = group.points.len();
    let mut scratch = Vec::new();
    let density: Vec<usize> = (0..n)
        .map(|i| {
            let p = &group.points[i];
            group.within(p.lat_rad, &p.v, |_| true, &mut scratch);
            scratch.len()
        })
        .collect();
    let mut seeds: Vec<usize> = (0..n).collect();
    seeds.sort_by(|&a, &b| {
        density[b].cmp(&density[a]).then_with(|| {
            group.points[a]
                .need
                .person
                .cmp(&group.points[b].need.person)
        })
    });

    let mut assigned = vec![false; n];
    let mut take = Vec::new();
    let mut best = Vec::new();
    for seed in seeds {
        if density[seed] < min_people {
            break;
        }
        if assigned[seed] {
            continue;
        }
        let s = &group.points[seed];
        group.within(s.lat_rad, &s.v, |i| !assigned[i], &mut best);
        // The seed's own coordinates are reported as given, not round-tripped
        // through a unit vector, so a cohort of identical points has radius 0.
        let mut centre = s.need.location;
        let mut spread = max_chord2(&group, &best, &s.v);
        for _ in 0..REFINE_ROUNDS {
            let Some((v, lat_rad)) = spherical_mean(&group, &best) else {
                break;
            };
            group.within(lat_rad, &v, |i| !assigned[i], &mut take);
            // Move when the mean gains members, or keeps as many in a tighter
            // circle (the seed may sit at the edge of its crowd).
            let take_spread = max_chord2(&group, &take, &v);
            if take.len() < best.len() || (take.len() == best.len() && take_spread >= spread) {
                break;
            }
            std::mem::swap(&mut best, &mut take);
            centre = to_degrees(&v);
            spread = take_spread;
        }
        // The exact check against the reported centre makes "within max_km"
        // hold for the public distance, not just the fast chord test.
        best.retain(|&i| haversine_km(centre, group.points[i].need.location) <= max_km);
        if best.len() < min_people {
            continue;
        }
        let mut companies: Vec<CompanyId> =
            best.iter().map(|&i| group.points[i].need.company).collect();
        companies.sort_unstable();
        companies.dedup();
        if companies.len() < min_companies {
            continue;
        }
        for &i in &best {
            assigned[i] = true;
        }
        out.push(make_cohort(key, &group, &best, centre, companies.len(), k));
    }
}

fn make_cohort(
    (competence, band): (CompetenceId, LevelBand),
    group: &Group,
    members: &[usize],
    centre: (f64, f64),
    companies: usize,
    k: usize,
) -> Cohort {
    let mut radius_km: f64 = 0.0;
    let mut per_district: BTreeMap<&str, usize> = BTreeMap::new();
    let mut list = Vec::with_capacity(members.len());
    for &i in members {
        let need = group.points[i].need;
        radius_km = radius_km.max(haversine_km(centre, need.location));
        *per_district.entry(need.district.as_str()).or_insert(0) += 1;
        list.push((need.company, need.person));
    }
    list.sort_unstable();

    Cohort {
        competence,
        band,
        centre,
        radius_km,
        districts: fold_districts(per_district, k),
        people: list.len(),
        companies,
        members: list,
    }
}

/// Rule 5: the district breakdown of a group, safe to publish for
/// anonymity threshold `k`, as [`crate::disclosure::partition`] decides it
/// (entries named [`OTHER_DISTRICTS`] count as already folded). Empty when
/// no district can be named without isolating fewer than `k` people.
pub fn fold_districts<'a>(
    counts: impl IntoIterator<Item = (&'a str, usize)>,
    k: usize,
) -> Vec<(String, usize)> {
    crate::disclosure::partition::fold(counts, k, OTHER_DISTRICTS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{HashMap, HashSet};

    const CHEMNITZ: (f64, f64) = (50.83, 12.92);
    const MUNICH: (f64, f64) = (48.14, 11.58);

    /// `km` east of `at` (roughly; fine for tests that keep a margin).
    fn east(at: (f64, f64), km: f64) -> (f64, f64) {
        (at.0, at.1 + km / (111.195 * at.0.to_radians().cos()))
    }

    fn need(
        company: i64,
        person: i64,
        competence: i64,
        to: u8,
        location: (f64, f64),
        district: &str,
    ) -> Need {
        Need {
            company,
            person,
            competence,
            from: to - 1,
            to,
            location,
            district: district.to_string(),
        }
    }

    fn params(min_size: usize, k: usize) -> PoolParams {
        PoolParams {
            min_size,
            max_km: 40.0,
            k,
            min_companies: 2,
        }
    }

    /// `n` people of companies cycling through `companies`, spread over 10 km.
    fn crowd(
        first_person: i64,
        n: i64,
        companies: i64,
        competence: i64,
        to: u8,
        at: (f64, f64),
        district: &str,
    ) -> Vec<Need> {
        (0..n)
            .map(|i| {
                need(
                    i % companies,
                    first_person + i,
                    competence,
                    to,
                    east(at, i as f64),
                    district,
                )
            })
            .collect()
    }

    #[test]
    fn people_from_several_companies_are_pooled() {
        let needs = crowd(0, 6, 3, 7, 2, CHEMNITZ, "Chemnitz");
        let cohorts = pool(&needs, &params(5, 5));
        assert_eq!(cohorts.len(), 1);
        let c = &cohorts[0];
        assert_eq!(
            (c.competence, c.band, c.people, c.companies),
            (7, LevelBand::Basics, 6, 3)
        );
        assert!(c.radius_km <= 40.0 && c.radius_km > 0.0);
        assert_eq!(c.districts, vec![("Chemnitz".to_string(), 6)]);
        let mut members = c.members.clone();
        members.sort();
        assert_eq!(members, c.members);
        assert_eq!(members.len(), 6);
        // The centre moved into the crowd rather than staying on one point.
        assert!(needs.iter().all(|n| n.location != c.centre));
    }

    #[test]
    fn a_single_company_never_forms_a_cohort() {
        let needs = crowd(0, 12, 1, 7, 2, CHEMNITZ, "Chemnitz");
        assert!(pool(&needs, &params(5, 5)).is_empty());
        // Asking for one company is still read as two.
        let one = PoolParams {
            min_companies: 1,
            ..params(5, 5)
        };
        assert!(pool(&needs, &one).is_empty());
        let three = PoolParams {
            min_companies: 3,
            ..params(5, 5)
        };
        assert!(pool(&crowd(0, 12, 2, 7, 2, CHEMNITZ, "C"), &three).is_empty());
        assert_eq!(pool(&crowd(0, 12, 3, 7, 2, CHEMNITZ, "C"), &three).len(), 1);
    }

    #[test]
    fn groups_smaller_than_k_are_never_reported() {
        let needs = crowd(0, 4, 2, 7, 2, CHEMNITZ, "Chemnitz");
        assert!(pool(&needs, &params(2, 5)).is_empty());
        assert!(pool(&needs, &params(5, 2)).is_empty());
        assert_eq!(pool(&needs, &params(2, 4)).len(), 1);
    }

    #[test]
    fn distant_towns_form_separate_cohorts() {
        let mut needs = crowd(0, 6, 2, 7, 3, CHEMNITZ, "Chemnitz");
        needs.extend(crowd(100, 8, 2, 7, 3, MUNICH, "München"));
        let cohorts = pool(&needs, &params(5, 5));
        assert_eq!(cohorts.len(), 2);
        // Largest first.
        assert_eq!((cohorts[0].people, cohorts[1].people), (8, 6));
        assert_eq!(cohorts[0].districts, vec![("München".to_string(), 8)]);
        assert!(cohorts.iter().all(|c| c.band == LevelBand::Advanced));
    }

    #[test]
    fn everyone_is_within_max_km_of_the_centre() {
        // A line of 20 people one km apart across 60 km: no 40 km circle holds all.
        let needs: Vec<Need> = (0..61)
            .step_by(3)
            .map(|i| need((i / 3) % 3, i, 1, 2, east(CHEMNITZ, i as f64), "X"))
            .collect();
        let cohorts = pool(
            &needs,
            &PoolParams {
                min_size: 3,
                max_km: 20.0,
                k: 3,
                min_companies: 2,
            },
        );
        assert!(!cohorts.is_empty());
        for c in &cohorts {
            for &(_, person) in &c.members {
                let loc = needs
                    .iter()
                    .find(|n| n.person == person)
                    .map(|n| n.location)
                    .unwrap_or((0.0, 0.0));
                assert!(haversine_km(c.centre, loc) <= 20.0);
            }
        }
    }

    #[test]
    fn a_person_counts_once_per_competence() {
        let mut needs = crowd(0, 5, 2, 7, 2, CHEMNITZ, "Chemnitz");
        // Person 99 has a basics and an advanced need: the advanced one is kept.
        needs.push(need(1, 99, 7, 2, CHEMNITZ, "Chemnitz"));
        needs.push(Need {
            from: 2,
            ..need(1, 99, 7, 4, CHEMNITZ, "Chemnitz")
        });
        // ... and the same basics need twice for another competence.
        needs.push(need(0, 98, 8, 2, CHEMNITZ, "Chemnitz"));
        needs.push(need(0, 98, 8, 2, CHEMNITZ, "Chemnitz"));
        let cohorts = pool(&needs, &params(5, 5));
        assert_eq!(cohorts.len(), 1);
        assert_eq!(cohorts[0].people, 5);
        assert!(!cohorts[0].members.contains(&(1, 99)));
        // Six basics needs without 99 would be needed for min size 6.
        assert!(pool(&needs, &params(6, 5)).is_empty());
    }

    #[test]
    fn bands_are_pooled_separately() {
        let mut needs = crowd(0, 3, 2, 7, 2, CHEMNITZ, "C");
        needs.extend(crowd(10, 3, 2, 7, 4, CHEMNITZ, "C"));
        assert!(pool(&needs, &params(5, 5)).is_empty());
        needs.extend(crowd(20, 3, 2, 7, 1, CHEMNITZ, "C"));
        needs.extend(crowd(30, 3, 2, 7, 3, CHEMNITZ, "C"));
        let cohorts = pool(&needs, &params(5, 5));
        let bands: Vec<LevelBand> = cohorts.iter().map(|c| c.band).collect();
        assert_eq!(bands, vec![LevelBand::Basics, LevelBand::Advanced]);
    }

    #[test]
    fn districts_below_k_are_folded_together() {
        let mut needs = crowd(0, 4, 2, 7, 2, CHEMNITZ, "Chemnitz");
        needs.extend(crowd(10, 2, 2, 7, 2, east(CHEMNITZ, 5.0), "Zwickau"));
        needs.extend(crowd(
            20,
            1,
            2,
            7,
            2,
            east(CHEMNITZ, 6.0),
            "Erzgebirgskreis",
        ));
        needs.extend(crowd(30, 3, 2, 7, 2, east(CHEMNITZ, 7.0), "Mittelsachsen"));
        let cohorts = pool(&needs, &params(3, 3));
        assert_eq!(cohorts.len(), 1);
        assert_eq!(
            cohorts[0].districts,
            vec![
                ("Chemnitz".to_string(), 4),
                ("Mittelsachsen".to_string(), 3),
                (OTHER_DISTRICTS.to_string(), 3),
            ]
        );
    }

    #[test]
    fn a_small_remainder_takes_in_the_smallest_named_district() {
        // Zwickau (2) and Erzgebirgskreis (1) alone would be a remainder of 3
        // below k = 5; with Chemnitz and Mittelsachsen named, anyone knowing
        // the region could tell where those 3 live.
        let mut needs = crowd(0, 6, 2, 7, 2, CHEMNITZ, "Chemnitz");
        needs.extend(crowd(10, 5, 2, 7, 2, east(CHEMNITZ, 4.0), "Mittelsachsen"));
        needs.extend(crowd(20, 2, 2, 7, 2, east(CHEMNITZ, 5.0), "Zwickau"));
        needs.extend(crowd(
            30,
            1,
            2,
            7,
            2,
            east(CHEMNITZ, 6.0),
            "Erzgebirgskreis",
        ));
        let cohorts = pool(&needs, &params(5, 5));
        assert_eq!(cohorts.len(), 1);
        assert_eq!(cohorts[0].people, 14);
        assert_eq!(
            cohorts[0].districts,
            vec![
                ("Chemnitz".to_string(), 6),
                (OTHER_DISTRICTS.to_string(), 8),
            ]
        );
    }

    #[test]
    fn when_no_district_can_be_named_only_the_total_is_reported() {
        // Gotha 5 could be named, but then the remainder would be Eichsfeld's 2.
        let mut needs = crowd(0, 5, 2, 7, 2, CHEMNITZ, "Gotha");
        needs.extend(crowd(10, 2, 2, 7, 2, east(CHEMNITZ, 3.0), "Eichsfeld"));
        let cohorts = pool(&needs, &params(5, 5));
        assert_eq!(cohorts.len(), 1);
        assert_eq!(cohorts[0].people, 7);
        assert_eq!(cohorts[0].districts, vec![]);
        // Every district below k: the remainder would be the whole cohort.
        let mut needs = crowd(0, 4, 2, 7, 2, CHEMNITZ, "Gotha");
        needs.extend(crowd(10, 3, 2, 7, 2, east(CHEMNITZ, 3.0), "Eichsfeld"));
        let cohorts = pool(&needs, &params(5, 5));
        assert_eq!(cohorts.len(), 1);
        assert_eq!(cohorts[0].districts, vec![]);
    }

    #[test]
    fn stored_breakdowns_are_folded_again() {
        let s = |v: &[(&str, usize)]| -> Vec<(String, usize)> {
            v.iter().map(|(n, c)| (n.to_string(), *c)).collect()
        };
        // As published before the remainder was folded: 3 "other" below k.
        assert_eq!(
            fold_districts([("16067", 6), ("16064", 5), ("", 3)], 5),
            s(&[("16067", 6), ("", 8)])
        );
        // Equal smallest counts: the one last by name goes first.
        assert_eq!(
            fold_districts([("B", 5), ("A", 5), ("C", 2)], 5),
            s(&[("A", 5), ("", 7)])
        );
        // k raised after publishing: nothing can be named any more.
        assert_eq!(fold_districts([("16067", 6), ("", 6)], 7), vec![]);
        // A safe breakdown stays as it is.
        assert_eq!(
            fold_districts([("16067", 6), ("16064", 5), ("", 5)], 5),
            s(&[("16067", 6), ("16064", 5), ("", 5)])
        );
        // The same district twice (as a list can hold it) counts once, summed.
        assert_eq!(
            fold_districts([("A", 3), ("A", 3), ("B", 6)], 5),
            s(&[("A", 6), ("B", 6)])
        );
        assert_eq!(fold_districts([], 5), vec![]);
    }

    #[test]
    fn invalid_needs_are_ignored() {
        let mut needs = crowd(0, 5, 2, 7, 2, CHEMNITZ, "C");
        needs.push(need(1, 50, 7, 2, (f64::NAN, 12.9), "C"));
        needs.push(need(1, 51, 7, 2, (95.0, 12.9), "C"));
        needs.push(Need {
            from: 2,
            ..need(1, 52, 7, 2, CHEMNITZ, "C")
        });
        let cohorts = pool(&needs, &params(5, 5));
        assert_eq!(cohorts.len(), 1);
        assert_eq!(cohorts[0].people, 5);
        assert!(
            pool(
                &needs,
                &PoolParams {
                    max_km: f64::NAN,
                    ..params(5, 5)
                }
            )
            .is_empty()
        );
    }

    #[test]
    fn identical_locations_give_radius_zero() {
        let needs: Vec<Need> = (0..5)
            .map(|i| need(i % 2, i, 1, 3, CHEMNITZ, "C"))
            .collect();
        let cohorts = pool(
            &needs,
            &PoolParams {
                max_km: 0.0,
                ..params(5, 5)
            },
        );
        assert_eq!(cohorts.len(), 1);
        assert_eq!(cohorts[0].radius_km, 0.0);
        assert_eq!(cohorts[0].centre, CHEMNITZ);
    }

    fn any_needs() -> impl Strategy<Value = Vec<Need>> {
        let one = (
            0..6i64,
            0..40i64,
            0..4i64,
            0..=4u8,
            0..=4u8,
            50.0..51.5f64,
            11.0..14.0f64,
            0..4usize,
        );
        prop::collection::vec(one, 0..150).prop_map(|v| {
            v.into_iter()
                .map(
                    |(company, person, competence, from, to, lat, lon, d)| Need {
                        company,
                        person,
                        competence,
                        from,
                        to,
                        location: (lat, lon),
                        district: ["A", "B", "C", "D"][d].to_string(),
                    },
                )
                .collect()
        })
    }

    fn any_params() -> impl Strategy<Value = PoolParams> {
        (1usize..8, 5.0..120.0f64, 0usize..6, 0usize..4).prop_map(
            |(min_size, max_km, k, min_companies)| PoolParams {
                min_size,
                max_km,
                k,
                min_companies,
            },
        )
    }

    /// Rule 5 as a property: every named part has at least `k` people, the
    /// remainder is absent (0) or at least `k`, and only the last entry is
    /// the remainder.
    fn safe_breakdown(districts: &[(String, usize)], k: usize) -> bool {
        let k = k.max(1);
        let remainders = districts.iter().filter(|d| d.0 == OTHER_DISTRICTS).count();
        districts.iter().all(|(_, n)| *n >= k)
            && remainders <= 1
            && (remainders == 0 || districts.last().is_some_and(|d| d.0 == OTHER_DISTRICTS))
            // A remainder alone would be the total under another name.
            && !(districts.len() == 1 && remainders == 1)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn prop_folded_breakdowns_are_safe(
            counts in prop::collection::vec((0..6usize, 0..9usize), 0..12),
            k in 0usize..8,
        ) {
            let names = ["", "A", "B", "C", "D", "E"];
            let input: Vec<(&str, usize)> = counts.iter().map(|&(d, n)| (names[d], n)).collect();
            let total: usize = input.iter().map(|d| d.1).sum();
            let out = fold_districts(input.iter().copied(), k);
            prop_assert!(safe_breakdown(&out, k), "{out:?}");
            let sum: usize = out.iter().map(|d| d.1).sum();
            prop_assert!(out.is_empty() || sum == total);
            // Named parts are reported with their true size, never merged.
            for (name, n) in out.iter().filter(|d| d.0 != OTHER_DISTRICTS) {
                let truth: usize = input.iter().filter(|d| d.0 == name).map(|d| d.1).sum();
                prop_assert_eq!(*n, truth);
            }
            prop_assert!(out.windows(2).all(|w| w[1].0 == OTHER_DISTRICTS || w[0].1 >= w[1].1));
        }

        #[test]
        fn prop_cohorts_respect_every_limit(needs in any_needs(), p in any_params()) {
            let cohorts = pool(&needs, &p);
            let min_people = p.min_size.max(p.k);
            let min_companies = p.min_companies.max(2);
            for c in &cohorts {
                prop_assert!(c.people >= min_people);
                prop_assert_eq!(c.people, c.members.len());
                prop_assert!(c.companies >= min_companies);
                let companies: HashSet<i64> = c.members.iter().map(|m| m.0).collect();
                prop_assert_eq!(c.companies, companies.len());
                prop_assert!(c.radius_km <= p.max_km);
                prop_assert!(safe_breakdown(&c.districts, p.k));
                // Either no breakdown at all, or one that adds up to the cohort.
                let sum = c.districts.iter().map(|d| d.1).sum::<usize>();
                prop_assert!(c.districts.is_empty() || sum == c.people);
                // Each member stands for one of their needs in this band, within reach.
                for &(company, person) in &c.members {
                    let found = needs.iter().any(|n| {
                        n.company == company
                            && n.person == person
                            && n.competence == c.competence
                            && n.from < n.to
                            && LevelBand::of_target(n.to) == c.band
                            && haversine_km(c.centre, n.location) <= p.max_km
                    });
                    prop_assert!(found);
                }
            }
            prop_assert!(cohorts.windows(2).all(|w| w[0].people >= w[1].people));
        }

        #[test]
        fn prop_no_person_twice_per_competence(needs in any_needs(), p in any_params()) {
            let mut seen: HashMap<(i64, i64), usize> = HashMap::new();
            for c in pool(&needs, &p) {
                for &(_, person) in &c.members {
                    *seen.entry((c.competence, person)).or_insert(0) += 1;
                }
            }
            prop_assert!(seen.values().all(|&n| n == 1));
        }

        #[test]
        fn prop_pool_is_deterministic(needs in any_needs(), p in any_params()) {
            prop_assert_eq!(pool(&needs, &p), pool(&needs, &p));
        }
    }
}
