//! Consistent perturbation by cell keys, after the method the Australian
//! Bureau of Statistics built for TableBuilder and the German statistical
//! offices used for the 2022 census tables (Thompson, Broadfoot & Elazar,
//! "Methodology for the automatic confidentialisation of statistical
//! outputs from remote servers at the ABS", 2013; Giessing & Tent, "Concepts
//! for generalising tools implementing the cell key method", 2019).
//!
//! Every person carries a fixed random 32-bit record key. A cell's key is
//! the sum, modulo 2³², of what its people contribute; the noise added to
//! the cell is a function of that key alone. So:
//!
//! - the same people with the same values always get the same noise, and
//!   asking the same question a thousand times averages nothing away;
//! - two views that differ by one person get unrelated noise, so
//!   subtracting them yields the person's value plus the difference of two
//!   noises, never the value itself.
//!
//! A contribution mixes the record key with what the person adds to the
//! cell (the competence and the size of their gap): when one person's value
//! changes, the cell's noise changes too, so watching a table over time
//! does not turn a change into an exact figure.

/// A person's fixed random key, stored with the account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct RecordKey(pub u32);

impl RecordKey {
    /// Keys are stored as non-negative integers; anything out of range is
    /// folded back into 32 bits rather than rejected.
    pub fn from_stored(v: i64) -> RecordKey {
        RecordKey((v as u64 & 0xFFFF_FFFF) as u32)
    }

    /// A fresh key for a new account.
    pub fn random() -> RecordKey {
        RecordKey(rand::random())
    }
}

/// The key of a cell: the sum of its people's contributions modulo 2³².
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct CellKey(pub u32);

impl CellKey {
    pub fn plus(self, other: CellKey) -> CellKey {
        CellKey(self.0.wrapping_add(other.0))
    }

    pub fn minus(self, other: CellKey) -> CellKey {
        CellKey(self.0.wrapping_sub(other.0))
    }
}

/// SplitMix64's finaliser: every input bit reaches every output bit.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// What one person adds to a cell's key: their record key mixed with the
/// facet they contribute (for the needs analysis: competence and gap size).
pub fn contribution(record: RecordKey, facet: u64) -> CellKey {
    CellKey((mix(u64::from(record.0) ^ mix(facet)) >> 32) as u32)
}

/// The facet of a gap figure: the competence and the steps missing.
pub fn gap_facet(competence: i64, steps: u8) -> u64 {
    (competence as u64) << 8 | u64::from(steps)
}

/// The noise of one network: integers in `-range..=range`, zero half of the
/// time, larger deviations rarer (weights `range + 1 - |n|`). With the
/// default range 2 the mean absolute deviation is 2/3 of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noise {
    range: u8,
}

impl Noise {
    pub const DEFAULT_RANGE: u8 = 2;
    pub const MAX_RANGE: u8 = 5;

    pub fn new(range: u8) -> Noise {
        Noise {
            range: range.min(Self::MAX_RANGE),
        }
    }

    pub fn range(self) -> u8 {
        self.range
    }

    /// The deviation drawn for a cell key and measure.
    pub fn deviation(self, key: CellKey, measure: u8) -> i64 {
        let d = i64::from(self.range);
        if d == 0 {
            return 0;
        }
        // Weight of zero equals the weights of all other values together.
        let half = d * (d + 1);
        let u = mix(u64::from(key.0) << 8 | u64::from(measure));
        let mut x = (u % (2 * half as u64)) as i64;
        if x < half {
            return 0;
        }
        x -= half;
        for j in 1..=d {
            let w = d + 1 - j;
            if x < w {
                return j;
            }
            x -= w;
            if x < w {
                return -j;
            }
            x -= w;
        }
        0
    }

    /// The published value of a true count. Zero stays zero (an empty group
    /// is no secret, and "nobody" must not turn into "two people"); any
    /// other count stays at least one.
    pub fn apply(self, value: u32, key: CellKey, measure: u8) -> u32 {
        if value == 0 {
            return 0;
        }
        let v = i64::from(value) + self.deviation(key, measure);
        u32::try_from(v.max(1)).unwrap_or(u32::MAX)
    }

    /// Expected absolute deviation of a count away from the floor.
    pub fn mean_absolute_deviation(self) -> f64 {
        let d = i64::from(self.range);
        if d == 0 {
            return 0.0;
        }
        let total = 2.0 * (d * (d + 1)) as f64;
        (1..=d).map(|j| 2.0 * (j * (d + 1 - j)) as f64).sum::<f64>() / total
    }
}

impl Default for Noise {
    fn default() -> Self {
        Noise::new(Self::DEFAULT_RANGE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_key_always_gives_the_same_noise() {
        let n = Noise::default();
        for k in 0..1000u32 {
            let key = CellKey(k.wrapping_mul(2_654_435_761));
            assert_eq!(n.apply(17, key, 0), n.apply(17, key, 0));
        }
    }

    #[test]
    fn the_distribution_is_centred_bounded_and_as_documented() {
        for range in 1..=Noise::MAX_RANGE {
            let n = Noise::new(range);
            let mut counts = vec![0u32; usize::from(range) * 2 + 1];
            let trials = 200_000u32;
            let mut sum = 0i64;
            let mut abs = 0i64;
            for i in 0..trials {
                let d = n.deviation(contribution(RecordKey(i), 7), 0);
                assert!(d.abs() <= i64::from(range));
                counts[usize::try_from(d + i64::from(range)).unwrap()] += 1;
                sum += d;
                abs += d.abs();
            }
            let mean = sum as f64 / f64::from(trials);
            assert!(mean.abs() < 0.02, "range {range}: mean {mean}");
            let zero = f64::from(counts[usize::from(range)]) / f64::from(trials);
            assert!((zero - 0.5).abs() < 0.01, "range {range}: P(0) = {zero}");
            let mad = abs as f64 / f64::from(trials);
            assert!(
                (mad - n.mean_absolute_deviation()).abs() < 0.02,
                "range {range}: {mad} vs {}",
                n.mean_absolute_deviation()
            );
        }
        assert!((Noise::new(2).mean_absolute_deviation() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn zero_stays_zero_and_counts_stay_positive() {
        let n = Noise::new(5);
        for i in 0..10_000u32 {
            let key = contribution(RecordKey(i), 1);
            assert_eq!(n.apply(0, key, 0), 0);
            assert!(n.apply(1, key, 0) >= 1);
        }
    }

    #[test]
    fn a_cell_key_does_not_depend_on_the_order_of_its_people() {
        let people: Vec<CellKey> = (0..50u32)
            .map(|i| contribution(RecordKey(i.wrapping_mul(97)), gap_facet(3, 2)))
            .collect();
        let forward = people.iter().fold(CellKey::default(), |k, c| k.plus(*c));
        let backward = people
            .iter()
            .rev()
            .fold(CellKey::default(), |k, c| k.plus(*c));
        assert_eq!(forward, backward);
        let without_one = forward.minus(people[7]);
        assert_ne!(without_one, forward);
    }

    /// Subtracting two views that differ by one person gives that person's
    /// value exactly in far fewer than all cases: the noises differ.
    #[test]
    fn neighbouring_cells_get_unrelated_noise() {
        let n = Noise::default();
        let mut exact = 0;
        let trials = 10_000u32;
        for i in 0..trials {
            let base = CellKey(i.wrapping_mul(2_654_435_761));
            let person = contribution(RecordKey(i ^ 0xABCD), gap_facet(1, 2));
            let with = n.apply(20, base.plus(person), 0);
            let without = n.apply(19, base, 0);
            if i64::from(with) - i64::from(without) == 1 {
                exact += 1;
            }
        }
        let share = f64::from(exact) / f64::from(trials);
        assert!(share < 0.4, "difference exact in {share} of cases");
    }
}
