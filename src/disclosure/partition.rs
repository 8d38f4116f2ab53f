//! Breakdowns of one published group into named parts (a pooled cohort by
//! district): the total is published, so the parts that are not named are
//! the total minus the named ones, and must themselves be a group of at
//! least k people, or nothing.

use std::collections::BTreeMap;

/// The parts of a group safe to publish for threshold `k`: named parts of
/// at least `k` each, largest first (equal counts by name), then the rest
/// under `other` if it is not empty, which is then at least `k` as well.
/// Entries already named `other` in the input count as folded, so a
/// breakdown stored under an earlier rule or a smaller `k` can be folded
/// again. Empty when no part can be named without isolating fewer than `k`.
pub fn fold<'a>(
    counts: impl IntoIterator<Item = (&'a str, usize)>,
    k: usize,
    other: &str,
) -> Vec<(String, usize)> {
    let k = k.max(1);
    let mut named: BTreeMap<&str, usize> = BTreeMap::new();
    let mut others = 0;
    for (name, count) in counts {
        if name == other {
            others += count;
        } else {
            *named.entry(name).or_insert(0) += count;
        }
    }
    let mut parts: Vec<(String, usize)> = Vec::new();
    for (name, count) in named {
        if count >= k {
            parts.push((name.to_string(), count));
        } else {
            others += count;
        }
    }
    // BTreeMap gave name order; the stable sort keeps it among equal counts.
    parts.sort_by_key(|d| std::cmp::Reverse(d.1));
    // A remainder of 1..k people is a small group whose size is the total
    // minus the named parts; folding the smallest named part in keeps the
    // named parts as large as possible while making it reach k.
    while others > 0 && others < k {
        let Some((_, count)) = parts.pop() else {
            break;
        };
        others += count;
    }
    if parts.is_empty() {
        // One "other" entry equal to the whole group would only repeat the
        // total in a misleading form.
        return Vec::new();
    }
    if others > 0 {
        parts.push((other.to_string(), others));
    }
    parts
}
