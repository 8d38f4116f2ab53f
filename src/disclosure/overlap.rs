//! Groups the viewer controls. A company's admin decides who is in which
//! role (and later site or team), so they can shape groups until two
//! published figures differ by exactly one person: the tracker attack
//! (Denning, Denning & Schwartz, "The tracker: a threat to statistical
//! database security", 1979). Noise alone does not stop it, because every
//! new composition brings fresh noise that can be averaged.
//!
//! The rule: for each figure kind (one competence in one company), the
//! platform remembers every group of people it has ever published a figure
//! about. A new group is published only when it is one of those groups
//! again, or differs from every one of them by at least k people. Moving
//! people in one at a time therefore shows nothing until k of them have
//! moved, and then the difference covers k people. This is query-set
//! overlap control (Dobkin, Jones & Lipton, 1979) applied to the groups that
//! are actually shown, not to the queries.

/// People of a group as sorted, de-duplicated ids.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Members(Vec<i64>);

impl Members {
    pub fn new(mut ids: Vec<i64>) -> Members {
        ids.sort_unstable();
        ids.dedup();
        Members(ids)
    }

    pub fn ids(&self) -> &[i64] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// People in exactly one of the two groups.
    pub fn distance(&self, other: &Members) -> usize {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut common) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        a.len() + b.len() - 2 * common
    }

    /// Stored form: ids separated by commas.
    pub fn encode(&self) -> String {
        let mut s = String::with_capacity(self.0.len() * 6);
        for (i, id) in self.0.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&id.to_string());
        }
        s
    }

    pub fn decode(s: &str) -> Members {
        Members::new(s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
    }
}

/// May a figure about `group` be shown, given the groups shown before for
/// the same figure kind: the same group again, or at least `k` people away
/// from each of them. Empty groups are always fine (they show nothing).
pub fn may_show(group: &Members, shown_before: &[Members], k: u32) -> bool {
    let k = k as usize;
    group.is_empty()
        || shown_before.iter().all(|m| {
            let d = group.distance(m);
            d == 0 || d >= k
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(ids: &[i64]) -> Members {
        Members::new(ids.to_vec())
    }

    #[test]
    fn distance_counts_people_in_one_group_only() {
        assert_eq!(m(&[1, 2, 3]).distance(&m(&[2, 3, 4])), 2);
        assert_eq!(m(&[]).distance(&m(&[1, 2])), 2);
        assert_eq!(m(&[3, 1, 2, 2]).distance(&m(&[1, 2, 3])), 0);
    }

    #[test]
    fn moving_people_in_one_at_a_time_shows_nothing_until_k_have_moved() {
        let k = 5;
        let mut shown: Vec<Members> = Vec::new();
        let mut published = Vec::new();
        for n in 1..=16 {
            let group = m(&(1..=n).collect::<Vec<_>>());
            if group.len() >= k as usize && may_show(&group, &shown, k) {
                shown.push(group.clone());
                published.push(n);
            }
        }
        assert_eq!(published, vec![5, 10, 15]);
        // Moving someone out and back in gives the same group: shown again,
        // with the same cell key and therefore the same figure.
        assert!(may_show(&m(&(1..=15).collect::<Vec<_>>()), &shown, k));
        assert!(!may_show(&m(&(2..=15).collect::<Vec<_>>()), &shown, k));
    }

    #[test]
    fn encoding_round_trips() {
        let g = m(&[42, 7, 1_000_000]);
        assert_eq!(Members::decode(&g.encode()), g);
        assert_eq!(Members::decode(""), m(&[]));
    }
}
