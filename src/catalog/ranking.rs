//! Recommendations: rank training offerings for one person's competence gaps.
//!
//! Pure computation, no I/O. The caller loads the person's open gaps, the
//! person's situation and the candidate offerings, and gets back a ranked,
//! explainable list.
//!
//! # Rules
//!
//! * **Relevance.** A gap is open when `priority > 0` and `target > actual`
//!   (`actual: None` counts as level 0). Only candidates that raise at least
//!   one open gap above the person's actual level are considered at all; the
//!   rest are dropped, not scored low, because an offering that closes nothing
//!   is not a recommendation. If a competence appears in several needs, the
//!   first need wins (the caller should not send duplicates). Levels above 4
//!   are read as 4.
//! * **Gap closed** (`gap_closed`, 0..=1). For each open need a candidate
//!   builds: `min(level reached, target) − actual` (never negative) times the
//!   need's priority, summed and divided by the person's total weighted gap
//!   `Σ priority · (target − actual)`. If a candidate lists one competence
//!   twice, the build reaching higher counts.
//! * **Level fit** (0..=1), averaged over the builds that close something,
//!   weighted by each need's weighted gap. Per build it starts at 1 and loses
//!   [`ENTRY_PENALTY_KNOWN`] per level the expected entry level lies above the
//!   person's assessed level (too hard) — only [`ENTRY_PENALTY_UNKNOWN`] when
//!   the level was never assessed, since the person may well be above 0 —,
//!   [`SHORTFALL_PENALTY`] per level the offering stops below the target and
//!   [`OVERSHOOT_PENALTY`] per level it goes beyond (too much).
//! * **Reach** (0..=1). Distance is the smaller of home and work distance.
//!   On-site and blended offerings within `max_km` score
//!   `1 − 0.5·km/max_km` (blended `1 − 0.25·km/max_km`, fewer trips);
//!   beyond `max_km` they are [`Reach::TooFar`] and score 0. Online formats
//!   (live online, self-paced) score [`ONLINE_REACH`] everywhere, and 1.0 for a
//!   `rural` person when no relevant on-site/blended offering lies within
//!   `max_km` ("online first where nothing is near"). In-company offerings
//!   come to the workplace and score 1.0. On-site offerings whose distance
//!   cannot be computed (no offering location, or the person gave neither home
//!   nor work) are [`Reach::Unknown`] and score a neutral 0.5.
//! * **Schedule** (0..=1, plus `schedule_ok`). The candidate's `evenings` and
//!   `weekends` flags say when sessions take place; an offering with evening
//!   or weekend sessions, or flagged `part_time`, is part-time friendly.
//!   Self-paced offerings fit everybody. A person needing part time gets
//!   `schedule_ok = false` for anything else; evening (weekend) sessions are
//!   not ok for a person who cannot attend evenings (weekends). Shift workers
//!   prefer self-paced and weekend offerings; fixed evening or daytime
//!   part-time slots collide with rotating shifts and score lower, full time
//!   lowest. A flexible start (`start_any_time`) adds a small bonus.
//! * **Cost** (0..=1). `1 − ln(1 + net €) / ln(1 + max net €)` against the most
//!   expensive relevant candidate: log scale, because 0 € versus 200 € matters
//!   far more to a person than 3,000 € versus 3,200 €.
//! * **Score** = weighted mean of the five components with [`Weights`]
//!   (negative or non-finite weights count as 0), so it lies in 0..=1.
//! * **Order.** Offerings the person cannot attend — `schedule_ok == false` or
//!   [`Reach::TooFar`] — are listed only after every attendable one (this is
//!   the "heavy penalty": they only fill the list when nothing else is left,
//!   so the person still learns that such an offering exists). Within each
//!   group: score descending, then id ascending, then input position. The
//!   result is deterministic and independent of the candidates' order when
//!   ids are unique.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Competence id (the project swaps in its typed id).
pub type CompetenceId = i64;
/// Offering id (the project swaps in its typed id).
pub type OfferingId = i64;

/// Highest level on the 0–4 scale (4 = expert).
pub const MAX_LEVEL: u8 = 4;
/// Level-fit loss per level the entry level lies above an assessed level.
pub const ENTRY_PENALTY_KNOWN: f64 = 0.35;
/// Level-fit loss per level the entry level lies above an unassessed level.
pub const ENTRY_PENALTY_UNKNOWN: f64 = 0.2;
/// Level-fit loss per level the offering stops below the target.
pub const SHORTFALL_PENALTY: f64 = 0.2;
/// Level-fit loss per level the offering goes beyond the target.
pub const OVERSHOOT_PENALTY: f64 = 0.15;
/// Reach score of online formats unless the rural bonus applies.
pub const ONLINE_REACH: f64 = 0.75;
/// Reach score when the distance of an on-site offering is unknown.
const UNKNOWN_REACH: f64 = 0.5;
/// Bonus to the schedule score for a flexible start date.
const ANY_TIME_BONUS: f64 = 0.1;

/// One competence gap of the person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GapNeed {
    pub competence: CompetenceId,
    /// `None` = not assessed: counted as 0 for closing, shown as "?".
    pub actual: Option<u8>,
    pub target: u8,
    /// Must be > 0 for the gap to count as open.
    pub priority: f64,
}

/// The person's situation. Coordinates are (latitude, longitude) in degrees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub home: Option<(f64, f64)>,
    pub work: Option<(f64, f64)>,
    pub rural: bool,
    pub needs_part_time: bool,
    pub evenings_ok: bool,
    pub weekends_ok: bool,
    pub shift_work: bool,
    pub max_km: f64,
}

pub use super::domain::Format;

/// A training offering that might be recommended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: OfferingId,
    /// (competence, level reached, entry level expected — `None` = no prerequisite).
    pub builds: Vec<(CompetenceId, u8, Option<u8>)>,
    pub format: Format,
    pub location: Option<(f64, f64)>,
    pub part_time: bool,
    /// Sessions take place in the evenings.
    pub evenings: bool,
    /// Sessions take place on weekends.
    pub weekends: bool,
    pub start_any_time: bool,
    pub price_cents: i64,
    /// What the person (or employer) pays after funding.
    pub net_cost_cents: i64,
    /// (programme label such as "§ 82 SGB III", share in percent).
    pub funding: Option<(String, u8)>,
}

/// Component weights. Only their ratios matter: the score is the weighted mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    pub gap: f64,
    pub level_fit: f64,
    pub reach: f64,
    pub schedule: f64,
    pub cost: f64,
}

impl Default for Weights {
    /// gap 0.45, level_fit 0.15, reach 0.15, schedule 0.15, cost 0.10.
    ///
    /// Closing the gap is what the person came for, so it carries almost half
    /// the weight; fit, reach and schedule decide whether the person can
    /// actually succeed in and attend the offering; cost weighs least because
    /// funding usually covers most of it and is shown separately anyway.
    fn default() -> Self {
        Weights {
            gap: 0.45,
            level_fit: 0.15,
            reach: 0.15,
            schedule: 0.15,
            cost: 0.10,
        }
    }
}

/// One gap an offering closes, from the person's level to the level it brings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closes {
    pub competence: CompetenceId,
    /// The person's actual level (`None` = not assessed).
    pub from: Option<u8>,
    /// `min(level reached, target)`: what counts towards the gap.
    pub to: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Reach {
    Near {
        km: f64,
    },
    Online,
    InCompany,
    TooFar {
        km: f64,
    },
    /// On-site or blended, but the distance cannot be computed (the offering
    /// has no location or the person gave neither home nor work).
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ScheduleFit {
    PartTime,
    Evenings,
    Weekends,
    SelfPaced,
    FullTime,
}

/// A ranked offering with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub id: OfferingId,
    /// Weighted mean of the components, 0..=1.
    pub score: f64,
    /// Most valuable first (priority-weighted levels closed), then by competence id.
    pub closes: Vec<Closes>,
    /// Share of the person's weighted gap this offering closes, 0..=1.
    pub gap_closed: f64,
    pub level_fit: f64,
    pub reach: Reach,
    pub schedule: ScheduleFit,
    pub schedule_ok: bool,
    pub net_cost_cents: i64,
    pub funding: Option<(String, u8)>,
}

impl Recommendation {
    /// Whether the person can attend at all: the schedule fits and it is not too far.
    /// Attendable recommendations always come before the others.
    pub fn attendable(&self) -> bool {
        self.schedule_ok && !matches!(self.reach, Reach::TooFar { .. })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    De,
    En,
}

pub use crate::regions::haversine_km;

/// An open gap, levels already clamped, actual level resolved to a number.
#[derive(Debug, Clone, Copy)]
struct OpenNeed {
    competence: CompetenceId,
    actual_raw: Option<u8>,
    actual: u8,
    target: u8,
    priority: f64,
}

impl OpenNeed {
    fn weighted_gap(&self) -> f64 {
        self.priority * f64::from(self.target - self.actual)
    }
}

/// Open gaps sorted by competence (first occurrence wins) for binary search.
fn open_needs(needs: &[GapNeed]) -> Vec<OpenNeed> {
    let mut open: Vec<OpenNeed> = Vec::with_capacity(needs.len());
    for n in needs {
        let actual = n.actual.unwrap_or(0).min(MAX_LEVEL);
        let target = n.target.min(MAX_LEVEL);
        // `priority > 0` is false for NaN too, so junk priorities never count.
        if target > actual && n.priority > 0.0 && n.priority.is_finite() {
            open.push(OpenNeed {
                competence: n.competence,
                actual_raw: n.actual.map(|a| a.min(MAX_LEVEL)),
                actual,
                target,
                priority: n.priority,
            });
        }
    }
    // Stable sort keeps input order among duplicates, so dedup keeps the first.
    open.sort_by_key(|n| n.competence);
    open.dedup_by_key(|n| n.competence);
    open
}

fn level_fit(need: &OpenNeed, reached: u8, entry: Option<u8>) -> f64 {
    let mut fit = 1.0;
    if let Some(entry) = entry.map(|e| e.min(MAX_LEVEL))
        && entry > need.actual
    {
        let per_level = if need.actual_raw.is_some() {
            ENTRY_PENALTY_KNOWN
        } else {
            ENTRY_PENALTY_UNKNOWN
        };
        fit -= per_level * f64::from(entry - need.actual);
    }
    if reached < need.target {
        fit -= SHORTFALL_PENALTY * f64::from(need.target - reached);
    } else if reached > need.target {
        fit -= OVERSHOOT_PENALTY * f64::from(reached - need.target);
    }
    fit.clamp(0.0, 1.0)
}

/// Smaller of home and work distance; `None` when neither is usable.
fn distance_km(person: &Person, location: (f64, f64)) -> Option<f64> {
    [person.home, person.work]
        .into_iter()
        .flatten()
        .map(|p| haversine_km(p, location))
        .filter(|d| d.is_finite())
        .min_by(f64::total_cmp)
}

/// Reach without the rural online bonus (that needs all candidates first).
fn reach(person: &Person, c: &Candidate, max_km: f64) -> (Reach, f64) {
    match c.format {
        Format::OnlineLive | Format::SelfPaced => (Reach::Online, ONLINE_REACH),
        Format::InCompany => (Reach::InCompany, 1.0),
        Format::OnSite | Format::Blended => {
            let Some(km) = c.location.and_then(|l| distance_km(person, l)) else {
                return (Reach::Unknown, UNKNOWN_REACH);
            };
            if km > max_km {
                return (Reach::TooFar { km }, 0.0);
            }
            // Blended means fewer trips, so distance hurts half as much.
            let decay = if c.format == Format::Blended {
                0.25
            } else {
                0.5
            };
            let score = if max_km > 0.0 && max_km.is_finite() {
                1.0 - decay * km / max_km
            } else {
                1.0
            };
            (Reach::Near { km }, score.clamp(0.0, 1.0))
        }
    }
}

fn schedule(person: &Person, c: &Candidate) -> (ScheduleFit, bool, f64) {
    let bonus = if c.start_any_time {
        ANY_TIME_BONUS
    } else {
        0.0
    };
    if c.format == Format::SelfPaced {
        return (ScheduleFit::SelfPaced, true, 1.0);
    }
    let label = if c.evenings {
        ScheduleFit::Evenings
    } else if c.weekends {
        ScheduleFit::Weekends
    } else if c.part_time {
        ScheduleFit::PartTime
    } else {
        ScheduleFit::FullTime
    };
    let part_time_friendly = c.part_time || c.evenings || c.weekends;
    let ok = (part_time_friendly || !person.needs_part_time)
        && (person.evenings_ok || !c.evenings)
        && (person.weekends_ok || !c.weekends);
    if !ok {
        return (label, false, 0.0);
    }
    // Every slot type the offering uses must suit the person: take the worst.
    let score = if !part_time_friendly {
        // Full time needs release from work; with rotating shifts it is hardest.
        if person.shift_work { 0.2 } else { 0.7 }
    } else {
        let mut s: f64 = 1.0;
        if person.shift_work {
            // Fixed evening or daytime slots collide with rotating shifts;
            // weekends are usually free of them.
            if c.evenings {
                s = s.min(0.5);
            }
            if c.part_time && !c.evenings && !c.weekends {
                s = s.min(0.5);
            }
        }
        s
    };
    (label, true, (score + bonus).min(1.0))
}

/// Working state of one relevant candidate before the final selection.
#[derive(Debug, Clone, Copy)]
struct Scored {
    index: usize,
    id: OfferingId,
    closes_start: usize,
    closes_end: usize,
    gap_closed: f64,
    level_fit: f64,
    reach: Reach,
    reach_score: f64,
    schedule: ScheduleFit,
    schedule_ok: bool,
    schedule_score: f64,
    net_cost_cents: i64,
    score: f64,
}

impl Scored {
    fn attendable(&self) -> bool {
        self.schedule_ok && !matches!(self.reach, Reach::TooFar { .. })
    }
}

/// Final order: attendable first, score descending, id, input position.
fn rank_order(a: &Scored, b: &Scored) -> Ordering {
    b.attendable()
        .cmp(&a.attendable())
        .then_with(|| b.score.total_cmp(&a.score))
        .then_with(|| a.id.cmp(&b.id))
        .then_with(|| a.index.cmp(&b.index))
}

fn non_negative(w: f64) -> f64 {
    if w.is_finite() && w > 0.0 { w } else { 0.0 }
}

/// Rank `candidates` for the person's open gaps; at most `limit` results.
/// See the module documentation for the rules.
pub fn recommend(
    needs: &[GapNeed],
    person: &Person,
    candidates: &[Candidate],
    weights: &Weights,
    limit: usize,
) -> Vec<Recommendation> {
    let open = open_needs(needs);
    let total_gap: f64 = open.iter().map(OpenNeed::weighted_gap).sum();
    if limit == 0 || open.is_empty() || !(total_gap > 0.0 && total_gap.is_finite()) {
        return Vec::new();
    }
    let max_km = if person.max_km.is_nan() {
        0.0
    } else {
        person.max_km.max(0.0)
    };
    let w = [
        non_negative(weights.gap),
        non_negative(weights.level_fit),
        non_negative(weights.reach),
        non_negative(weights.schedule),
        non_negative(weights.cost),
    ];
    let w_sum: f64 = w.iter().sum();

    // Pass 1: relevance, gap, level fit, reach, schedule. Closes of all
    // candidates share one buffer (with their weighted contribution) so the
    // hot loop does not allocate per candidate.
    let mut scored: Vec<Scored> = Vec::new();
    let mut closes_buf: Vec<(f64, Closes)> = Vec::new();
    // (need index, to, fit) of the current candidate, reused across candidates.
    let mut matched: Vec<(usize, u8, f64)> = Vec::new();
    let mut any_near_on_site = false;
    let mut max_net_cents: i64 = 0;

    for (index, c) in candidates.iter().enumerate() {
        matched.clear();
        for &(competence, reached, entry) in &c.builds {
            let Ok(ni) = open.binary_search_by_key(&competence, |n| n.competence) else {
                continue;
            };
            let need = &open[ni];
            let reached = reached.min(MAX_LEVEL);
            let to = reached.min(need.target);
            if to <= need.actual {
                continue;
            }
            let fit = level_fit(need, reached, entry);
            // A competence listed twice: keep the build reaching higher (then fitting better).
            if let Some(m) = matched.iter_mut().find(|m| m.0 == ni) {
                if (to, fit) > (m.1, m.2) {
                    *m = (ni, to, fit);
                }
            } else {
                matched.push((ni, to, fit));
            }
        }
        if matched.is_empty() {
            continue;
        }

        let closes_start = closes_buf.len();
        let (mut closed, mut fit_sum, mut fit_weight) = (0.0, 0.0, 0.0);
        for &(ni, to, fit) in &matched {
            let need = &open[ni];
            let contribution = need.priority * f64::from(to - need.actual);
            closed += contribution;
            fit_sum += fit * need.weighted_gap();
            fit_weight += need.weighted_gap();
            closes_buf.push((
                contribution,
                Closes {
                    competence: need.competence,
                    from: need.actual_raw,
                    to,
                },
            ));
        }
        let fit_avg = if fit_weight > 0.0 {
            (fit_sum / fit_weight).clamp(0.0, 1.0)
        } else {
            0.0
        };

        let (reach_kind, reach_score) = reach(person, c, max_km);
        if matches!(reach_kind, Reach::Near { .. }) {
            any_near_on_site = true;
        }
        let (schedule_kind, schedule_ok, schedule_score) = schedule(person, c);
        max_net_cents = max_net_cents.max(c.net_cost_cents);

        scored.push(Scored {
            index,
            id: c.id,
            closes_start,
            closes_end: closes_buf.len(),
            gap_closed: (closed / total_gap).clamp(0.0, 1.0),
            level_fit: fit_avg,
            reach: reach_kind,
            reach_score,
            schedule: schedule_kind,
            schedule_ok,
            schedule_score,
            net_cost_cents: c.net_cost_cents,
            score: 0.0,
        });
    }

    // Pass 2: cost needs the maximum, the rural bonus needs to know whether
    // anything on site is near.
    let online_first = person.rural && !any_near_on_site;
    let ln_max = (1.0 + max_net_cents.max(0) as f64 / 100.0).ln();
    for s in &mut scored {
        if online_first && matches!(s.reach, Reach::Online) {
            s.reach_score = 1.0;
        }
        let cost_score = if ln_max > 0.0 {
            1.0 - (1.0 + s.net_cost_cents.max(0) as f64 / 100.0).ln() / ln_max
        } else {
            1.0
        };
        let parts = [
            s.gap_closed,
            s.level_fit,
            s.reach_score,
            s.schedule_score,
            cost_score,
        ];
        let weighted: f64 = w.iter().zip(parts).map(|(w, p)| w * p).sum();
        s.score = if w_sum > 0.0 {
            (weighted / w_sum).clamp(0.0, 1.0)
        } else {
            0.0
        };
    }

    // Partial selection first: with thousands of candidates and a short list
    // there is no need to sort everything.
    if scored.len() > limit {
        scored.select_nth_unstable_by(limit - 1, rank_order);
        scored.truncate(limit);
    }
    scored.sort_by(rank_order);

    scored
        .iter()
        .map(|s| {
            let mut closes: Vec<(f64, Closes)> = closes_buf[s.closes_start..s.closes_end].to_vec();
            closes.sort_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then_with(|| a.1.competence.cmp(&b.1.competence))
            });
            let c = &candidates[s.index];
            Recommendation {
                id: s.id,
                score: s.score,
                closes: closes.into_iter().map(|(_, c)| c).collect(),
                gap_closed: s.gap_closed,
                level_fit: s.level_fit,
                reach: s.reach,
                schedule: s.schedule,
                schedule_ok: s.schedule_ok,
                net_cost_cents: s.net_cost_cents,
                funding: c.funding.clone(),
            }
        })
        .collect()
}

/// `1234567` → "1.234.567" (De) / "1,234,567" (En).
fn group_thousands(n: u64, lang: Lang) -> String {
    let sep = match lang {
        Lang::De => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// "1.250 €" / "€1,250"; cents only when there are any ("1.250,50 €" / "€1,250.50").
fn format_money(cents: i64, lang: Lang) -> String {
    let cents = cents.max(0).unsigned_abs();
    let (euros, rest) = (group_thousands(cents / 100, lang), cents % 100);
    match (lang, rest) {
        (Lang::De, 0) => format!("{euros} €"),
        (Lang::De, r) => format!("{euros},{r:02} €"),
        (Lang::En, 0) => format!("€{euros}"),
        (Lang::En, r) => format!("€{euros}.{r:02}"),
    }
}

fn format_km(km: f64, lang: Lang) -> String {
    if km < 0.5 {
        "< 1 km".to_string()
    } else {
        // Saturating float-to-int cast; distances on earth stay far below u64::MAX.
        format!("{} km", group_thousands(km.round() as u64, lang))
    }
}

/// One-line explanation, e.g. "schließt CNC-Programmierung 1→3 · 18 km · abends ·
/// 100 % gefördert nach § 82 SGB III".
///
/// Parts, separated by " · ": the first two gaps closed ("+N weitere"/"+N more"
/// after that), where (km, "online", "im Betrieb"/"in your company"; "(zu
/// weit)"/"(too far)" when beyond reach; left out when unknown), when (with
/// "(passt nicht)"/"(doesn't fit)" if the schedule does not suit the person),
/// and money: the funding share and programme, plus "Eigenanteil"/"you pay"
/// when something is left to pay; without funding the net cost, or
/// "kostenfrei"/"free" when it is nothing.
pub fn explain(r: &Recommendation, names: &dyn Fn(CompetenceId) -> String, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(4);

    if !r.closes.is_empty() {
        let shown: Vec<String> = r
            .closes
            .iter()
            .take(2)
            .map(|c| {
                let from = c.from.map_or_else(|| "?".to_string(), |f| f.to_string());
                format!("{} {}→{}", names(c.competence), from, c.to)
            })
            .collect();
        let verb = match lang {
            Lang::De => "schließt",
            Lang::En => "closes",
        };
        let mut text = format!("{verb} {}", shown.join(", "));
        let more = r.closes.len().saturating_sub(2);
        if more > 0 {
            let word = match lang {
                Lang::De => "weitere",
                Lang::En => "more",
            };
            text.push_str(&format!(" +{more} {word}"));
        }
        parts.push(text);
    }

    match (r.reach, lang) {
        (Reach::Near { km }, _) => parts.push(format_km(km, lang)),
        (Reach::TooFar { km }, Lang::De) => {
            parts.push(format!("{} (zu weit)", format_km(km, lang)))
        }
        (Reach::TooFar { km }, Lang::En) => {
            parts.push(format!("{} (too far)", format_km(km, lang)))
        }
        (Reach::Online, _) => parts.push("online".to_string()),
        (Reach::InCompany, Lang::De) => parts.push("im Betrieb".to_string()),
        (Reach::InCompany, Lang::En) => parts.push("in your company".to_string()),
        (Reach::Unknown, _) => {}
    }

    let when = match (r.schedule, lang) {
        (ScheduleFit::PartTime, Lang::De) => "berufsbegleitend",
        (ScheduleFit::PartTime, Lang::En) => "part-time",
        (ScheduleFit::Evenings, Lang::De) => "abends",
        (ScheduleFit::Evenings, Lang::En) => "evenings",
        (ScheduleFit::Weekends, Lang::De) => "am Wochenende",
        (ScheduleFit::Weekends, Lang::En) => "weekends",
        (ScheduleFit::SelfPaced, Lang::De) => "im eigenen Tempo",
        (ScheduleFit::SelfPaced, Lang::En) => "self-paced",
        (ScheduleFit::FullTime, Lang::De) => "Vollzeit",
        (ScheduleFit::FullTime, Lang::En) => "full-time",
    };
    if r.schedule_ok {
        parts.push(when.to_string());
    } else {
        let not_ok = match lang {
            Lang::De => "passt nicht",
            Lang::En => "doesn't fit",
        };
        parts.push(format!("{when} ({not_ok})"));
    }

    match &r.funding {
        Some((code, share)) if *share > 0 => {
            let share = (*share).min(100);
            let label = code;
            parts.push(match lang {
                Lang::De => format!("{share} % gefördert nach {label}"),
                Lang::En => format!("{share} % funded under {label}"),
            });
            if r.net_cost_cents > 0 {
                let money = format_money(r.net_cost_cents, lang);
                parts.push(match lang {
                    Lang::De => format!("Eigenanteil {money}"),
                    Lang::En => format!("you pay {money}"),
                });
            }
        }
        _ if r.net_cost_cents <= 0 => parts.push(
            match lang {
                Lang::De => "kostenfrei",
                Lang::En => "free",
            }
            .to_string(),
        ),
        _ => parts.push(format_money(r.net_cost_cents, lang)),
    }

    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Chemnitz, a town to measure from.
    const HOME: (f64, f64) = (50.83, 12.92);

    /// A point `km` north of HOME (one degree of latitude ≈ 111.2 km).
    fn north(km: f64) -> (f64, f64) {
        (HOME.0 + km / 111.195, HOME.1)
    }

    fn person() -> Person {
        Person {
            home: Some(HOME),
            work: None,
            rural: false,
            needs_part_time: false,
            evenings_ok: true,
            weekends_ok: true,
            shift_work: false,
            max_km: 50.0,
        }
    }

    fn need(competence: i64, actual: Option<u8>, target: u8, priority: f64) -> GapNeed {
        GapNeed {
            competence,
            actual,
            target,
            priority,
        }
    }

    /// Part-time friendly on-site offering at HOME, free of charge.
    fn offering(id: i64, builds: &[(i64, u8, Option<u8>)]) -> Candidate {
        Candidate {
            id,
            builds: builds.to_vec(),
            format: Format::OnSite,
            location: Some(HOME),
            part_time: true,
            evenings: false,
            weekends: false,
            start_any_time: false,
            price_cents: 0,
            net_cost_cents: 0,
            funding: None,
        }
    }

    fn ids(recs: &[Recommendation]) -> Vec<i64> {
        recs.iter().map(|r| r.id).collect()
    }

    fn run(needs: &[GapNeed], p: &Person, cands: &[Candidate]) -> Vec<Recommendation> {
        recommend(needs, p, cands, &Weights::default(), 100)
    }

    #[test]
    fn only_offerings_closing_an_open_gap_are_listed() {
        let needs = [
            need(1, Some(1), 3, 1.0),
            need(2, Some(3), 3, 1.0),
            need(4, Some(0), 2, 0.0),
        ];
        let cands = [
            offering(10, &[(2, 4, None)]), // gap already closed
            offering(11, &[(3, 4, None)]), // competence not needed
            offering(12, &[(1, 1, None)]), // does not go above the actual level
            offering(13, &[(4, 2, None)]), // priority 0: not an open gap
            offering(14, &[(1, 2, None)]),
        ];
        assert_eq!(ids(&run(&needs, &person(), &cands)), vec![14]);
    }

    #[test]
    fn no_open_gap_gives_no_recommendation() {
        let needs = [need(1, Some(3), 3, 1.0)];
        assert!(run(&needs, &person(), &[offering(1, &[(1, 4, None)])]).is_empty());
    }

    #[test]
    fn gap_closed_is_the_priority_weighted_share() {
        // Weighted gap: 2·(3−1) + 1·(2−0) = 6.
        let needs = [need(1, Some(1), 3, 2.0), need(2, None, 2, 1.0)];
        let recs = run(
            &needs,
            &person(),
            &[offering(7, &[(2, 1, None), (1, 4, None)])],
        );
        assert_eq!(recs.len(), 1);
        // 2·(min(4,3)−1) + 1·(1−0) = 5.
        assert!((recs[0].gap_closed - 5.0 / 6.0).abs() < 1e-12);
        assert_eq!(
            recs[0].closes,
            vec![
                Closes {
                    competence: 1,
                    from: Some(1),
                    to: 3
                },
                Closes {
                    competence: 2,
                    from: None,
                    to: 1
                },
            ]
        );
    }

    #[test]
    fn duplicate_build_counts_the_higher_level() {
        let needs = [need(1, Some(0), 4, 1.0)];
        let recs = run(
            &needs,
            &person(),
            &[offering(1, &[(1, 2, None), (1, 4, None), (1, 1, None)])],
        );
        assert_eq!(
            recs[0].closes,
            vec![Closes {
                competence: 1,
                from: Some(0),
                to: 4
            }]
        );
        assert!((recs[0].gap_closed - 1.0).abs() < 1e-12);
    }

    #[test]
    fn high_priority_one_to_three_outranks_low_priority_two_to_three() {
        let needs = [need(1, Some(1), 3, 3.0), need(2, Some(2), 3, 1.0)];
        // The low-priority offering gets the lower id so that a tie would favour it.
        let cands = [
            offering(1, &[(2, 3, Some(2))]),
            offering(2, &[(1, 3, Some(1))]),
        ];
        let recs = run(&needs, &person(), &cands);
        assert_eq!(ids(&recs), vec![2, 1]);
        assert!(recs[0].gap_closed > recs[1].gap_closed);
    }

    #[test]
    fn entry_level_above_the_actual_level_is_penalised() {
        let needs = [need(1, Some(1), 3, 1.0)];
        let cands = [
            offering(1, &[(1, 3, Some(3))]),
            offering(2, &[(1, 3, Some(1))]),
        ];
        let recs = run(&needs, &person(), &cands);
        assert_eq!(ids(&recs), vec![2, 1]);
        assert!((recs[0].level_fit - 1.0).abs() < 1e-12);
        assert!((recs[1].level_fit - (1.0 - 2.0 * ENTRY_PENALTY_KNOWN)).abs() < 1e-12);

        // Never assessed: the same demand costs less, the person may be above 0.
        let unknown = run(
            &[need(1, None, 3, 1.0)],
            &person(),
            &[offering(1, &[(1, 3, Some(2))])],
        );
        assert!((unknown[0].level_fit - (1.0 - 2.0 * ENTRY_PENALTY_UNKNOWN)).abs() < 1e-12);
    }

    #[test]
    fn stopping_short_or_going_far_beyond_the_target_is_penalised() {
        let needs = [need(1, Some(0), 2, 1.0)];
        let fit = |reached: u8| {
            run(&needs, &person(), &[offering(1, &[(1, reached, None)])])[0].level_fit
        };
        assert!((fit(2) - 1.0).abs() < 1e-12);
        assert!((fit(1) - (1.0 - SHORTFALL_PENALTY)).abs() < 1e-12);
        assert!((fit(4) - (1.0 - 2.0 * OVERSHOOT_PENALTY)).abs() < 1e-12);
        assert!(fit(4) < fit(3) && fit(3) < fit(2));
    }

    #[test]
    fn part_time_person_never_gets_full_time_on_site_above_part_time() {
        let p = Person {
            needs_part_time: true,
            ..person()
        };
        let needs = [need(1, Some(0), 4, 5.0), need(2, Some(2), 3, 0.1)];
        // Full time: next door, free, closes everything.
        let full_time = Candidate {
            part_time: false,
            ..offering(1, &[(1, 4, None), (2, 3, None)])
        };
        // Part time: 45 km away, expensive, closes a tiny gap.
        let part_time = Candidate {
            location: Some(north(45.0)),
            price_cents: 900_000,
            net_cost_cents: 900_000,
            ..offering(2, &[(2, 3, Some(3))])
        };
        let recs = run(&needs, &p, &[full_time, part_time]);
        assert_eq!(ids(&recs), vec![2, 1]);
        assert!(recs[0].schedule_ok);
        assert!(!recs[1].schedule_ok);
        assert_eq!(recs[1].schedule, ScheduleFit::FullTime);

        // Self-paced counts as part-time friendly.
        let self_paced = Candidate {
            format: Format::SelfPaced,
            part_time: false,
            ..offering(3, &[(1, 4, None)])
        };
        assert!(run(&needs, &p, &[self_paced])[0].schedule_ok);
    }

    #[test]
    fn rural_person_with_nothing_within_reach_gets_online_first() {
        let p = Person {
            rural: true,
            ..person()
        };
        let needs = [need(1, Some(0), 3, 1.0), need(2, Some(0), 3, 1.0)];
        let far = |id| Candidate {
            location: Some(north(80.0)),
            ..offering(id, &[(1, 3, None), (2, 3, None)])
        };
        let online = Candidate {
            format: Format::OnlineLive,
            ..offering(9, &[(1, 2, None)])
        };
        let recs = run(&needs, &p, &[far(1), far(2), online]);
        assert_eq!(ids(&recs), vec![9, 1, 2]);
        assert_eq!(recs[0].reach, Reach::Online);
        assert!(matches!(recs[1].reach, Reach::TooFar { km } if (km - 80.0).abs() < 0.5));
    }

    #[test]
    fn online_bonus_only_for_rural_persons_with_nothing_near() {
        let needs = [need(1, Some(0), 3, 1.0)];
        let online = Candidate {
            format: Format::OnlineLive,
            ..offering(1, &[(1, 3, None)])
        };
        let far = Candidate {
            location: Some(north(80.0)),
            ..offering(2, &[(1, 3, None)])
        };
        let near = Candidate {
            location: Some(north(10.0)),
            ..offering(2, &[(1, 3, None)])
        };
        let online_score = |p: &Person, other: &Candidate| {
            run(&needs, p, &[online.clone(), other.clone()])
                .iter()
                .find(|r| r.id == 1)
                .map_or(f64::NAN, |r| r.score)
        };
        let rural = Person {
            rural: true,
            ..person()
        };
        let bonus = Weights::default().reach * (1.0 - ONLINE_REACH);
        assert!((online_score(&rural, &far) - online_score(&rural, &near) - bonus).abs() < 1e-12);
        assert!((online_score(&person(), &far) - online_score(&person(), &near)).abs() < 1e-12);
        // A nearby on-site offering beats online for an urban person.
        let recs = run(&needs, &person(), &[online.clone(), near.clone()]);
        assert_eq!(ids(&recs), vec![2, 1]);
    }

    #[test]
    fn too_far_offerings_come_only_after_everything_reachable() {
        let needs = [need(1, Some(0), 4, 1.0)];
        let far = Candidate {
            location: Some(north(51.0)),
            ..offering(1, &[(1, 4, None)])
        };
        let near_weak = Candidate {
            location: Some(north(49.0)),
            net_cost_cents: 500_000,
            ..offering(2, &[(1, 1, Some(1))])
        };
        let recs = run(&needs, &person(), &[far, near_weak]);
        assert_eq!(ids(&recs), vec![2, 1]);
        assert!(recs[0].attendable() && !recs[1].attendable());
        // Work is nearer than home: the smaller distance counts.
        let commuter = Person {
            work: Some(north(45.0)),
            ..person()
        };
        let recs = run(
            &needs,
            &commuter,
            &[Candidate {
                location: Some(north(51.0)),
                ..offering(1, &[(1, 4, None)])
            }],
        );
        assert!(matches!(recs[0].reach, Reach::Near { km } if (km - 6.0).abs() < 0.1));
    }

    #[test]
    fn nearer_on_site_offering_ranks_higher() {
        let needs = [need(1, Some(0), 2, 1.0)];
        let cands = [
            Candidate {
                location: Some(north(40.0)),
                ..offering(1, &[(1, 2, None)])
            },
            Candidate {
                location: Some(north(5.0)),
                ..offering(2, &[(1, 2, None)])
            },
        ];
        assert_eq!(ids(&run(&needs, &person(), &cands)), vec![2, 1]);
    }

    #[test]
    fn shift_worker_prefers_self_paced_and_weekends() {
        let p = Person {
            shift_work: true,
            ..person()
        };
        let needs = [need(1, Some(0), 2, 1.0)];
        let base = |id| Candidate {
            format: Format::OnlineLive,
            part_time: false,
            ..offering(id, &[(1, 2, None)])
        };
        let cands = [
            base(1), // full time
            Candidate {
                evenings: true,
                ..base(2)
            }, // evenings
            Candidate {
                part_time: true,
                ..base(3)
            }, // daytime part time
            Candidate {
                weekends: true,
                ..base(4)
            }, // weekends
            Candidate {
                format: Format::SelfPaced,
                ..base(5)
            }, // self-paced
        ];
        let recs = run(&needs, &p, &cands);
        assert_eq!(ids(&recs), vec![4, 5, 2, 3, 1]);
        assert_eq!(recs[0].schedule, ScheduleFit::Weekends);
        assert_eq!(recs[1].schedule, ScheduleFit::SelfPaced);
        // Without shifts, the fixed slots are just as good.
        let recs = run(&needs, &person(), &cands);
        assert_eq!(ids(&recs), vec![2, 3, 4, 5, 1]);
    }

    #[test]
    fn evenings_and_weekends_are_respected() {
        let p = Person {
            evenings_ok: false,
            weekends_ok: false,
            ..person()
        };
        let needs = [need(1, Some(0), 2, 1.0)];
        let cands = [
            Candidate {
                evenings: true,
                ..offering(1, &[(1, 2, None)])
            },
            Candidate {
                weekends: true,
                ..offering(2, &[(1, 2, None)])
            },
            Candidate {
                part_time: false,
                ..offering(3, &[(1, 2, None)])
            },
        ];
        let recs = run(&needs, &p, &cands);
        assert_eq!(ids(&recs), vec![3, 1, 2]);
        assert!(recs[0].schedule_ok && !recs[1].schedule_ok && !recs[2].schedule_ok);
    }

    #[test]
    fn cheaper_offering_ranks_higher_all_else_equal() {
        let needs = [need(1, Some(0), 2, 1.0)];
        let cands = [
            Candidate {
                net_cost_cents: 200_000,
                ..offering(1, &[(1, 2, None)])
            },
            Candidate {
                net_cost_cents: 20_000,
                ..offering(2, &[(1, 2, None)])
            },
            Candidate {
                net_cost_cents: 0,
                ..offering(3, &[(1, 2, None)])
            },
        ];
        assert_eq!(ids(&run(&needs, &person(), &cands)), vec![3, 2, 1]);
    }

    #[test]
    fn ties_are_broken_by_id_whatever_the_input_order() {
        let needs = [need(1, Some(0), 2, 1.0)];
        let cands: Vec<Candidate> = [5, 3, 9, 1]
            .iter()
            .map(|&id| offering(id, &[(1, 2, None)]))
            .collect();
        assert_eq!(ids(&run(&needs, &person(), &cands)), vec![1, 3, 5, 9]);
    }

    #[test]
    fn limit_is_respected() {
        let needs = [need(1, Some(0), 4, 1.0)];
        let cands: Vec<Candidate> = (0..50)
            .map(|id| offering(id, &[(1, (id % 4) as u8 + 1, None)]))
            .collect();
        let all = recommend(&needs, &person(), &cands, &Weights::default(), 1000);
        assert_eq!(all.len(), 50);
        let top = recommend(&needs, &person(), &cands, &Weights::default(), 7);
        assert_eq!(top, all[..7].to_vec());
        assert!(recommend(&needs, &person(), &cands, &Weights::default(), 0).is_empty());
    }

    #[test]
    fn unknown_distance_is_neutral() {
        let p = Person {
            home: None,
            work: None,
            ..person()
        };
        let recs = run(
            &[need(1, Some(0), 2, 1.0)],
            &p,
            &[offering(1, &[(1, 2, None)])],
        );
        assert_eq!(recs[0].reach, Reach::Unknown);
    }

    #[test]
    fn degenerate_weights_and_inputs_stay_finite() {
        let w = Weights {
            gap: f64::NAN,
            level_fit: -1.0,
            reach: 0.0,
            schedule: f64::INFINITY,
            cost: 0.0,
        };
        let p = Person {
            max_km: f64::NAN,
            home: Some((f64::NAN, 1.0)),
            ..person()
        };
        let needs = [need(1, Some(0), 9, 1.0), need(2, Some(0), 2, f64::NAN)];
        let recs = recommend(&needs, &p, &[offering(1, &[(1, 200, Some(200))])], &w, 5);
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].score, 0.0);
        assert_eq!(
            recs[0].closes,
            vec![Closes {
                competence: 1,
                from: Some(0),
                to: 4
            }]
        );
    }

    #[test]
    fn haversine_matches_known_distances() {
        let berlin = (52.5200, 13.4050);
        let munich = (48.1351, 11.5820);
        assert!((haversine_km(berlin, munich) - 504.0).abs() < 3.0);
        assert_eq!(haversine_km(berlin, berlin), 0.0);
        assert!((haversine_km(HOME, north(18.0)) - 18.0).abs() < 0.01);
    }

    fn names(id: i64) -> String {
        match id {
            1 => "CNC-Programmierung".to_string(),
            2 => "Schweißen".to_string(),
            3 => "SPS".to_string(),
            _ => format!("K{id}"),
        }
    }

    fn names_en(id: i64) -> String {
        match id {
            1 => "CNC programming".to_string(),
            2 => "welding".to_string(),
            _ => format!("C{id}"),
        }
    }

    fn rec(closes: Vec<Closes>, reach: Reach, schedule: ScheduleFit) -> Recommendation {
        Recommendation {
            id: 1,
            score: 0.5,
            closes,
            gap_closed: 0.5,
            level_fit: 1.0,
            reach,
            schedule,
            schedule_ok: true,
            net_cost_cents: 0,
            funding: None,
        }
    }

    fn close(competence: i64, from: Option<u8>, to: u8) -> Closes {
        Closes {
            competence,
            from,
            to,
        }
    }

    #[test]
    fn explain_german_example() {
        let r = Recommendation {
            funding: Some(("§ 82 SGB III".to_string(), 100)),
            ..rec(
                vec![close(1, Some(1), 3)],
                Reach::Near { km: 18.3 },
                ScheduleFit::Evenings,
            )
        };
        assert_eq!(
            explain(&r, &names, Lang::De),
            "schließt CNC-Programmierung 1→3 · 18 km · abends · 100 % gefördert nach § 82 SGB III"
        );
    }

    #[test]
    fn explain_english_example() {
        let r = Recommendation {
            funding: Some(("§ 82 SGB III".to_string(), 100)),
            ..rec(
                vec![close(1, Some(1), 3)],
                Reach::Near { km: 17.6 },
                ScheduleFit::Evenings,
            )
        };
        assert_eq!(
            explain(&r, &names_en, Lang::En),
            "closes CNC programming 1→3 · 18 km · evenings · 100 % funded under § 82 SGB III"
        );
    }

    #[test]
    fn explain_online_unknown_level_more_and_cost() {
        let four = vec![
            close(1, None, 3),
            close(2, Some(0), 2),
            close(3, Some(1), 2),
            close(4, None, 1),
        ];
        let r = Recommendation {
            net_cost_cents: 125_000,
            ..rec(four, Reach::Online, ScheduleFit::SelfPaced)
        };
        assert_eq!(
            explain(&r, &names, Lang::De),
            "schließt CNC-Programmierung ?→3, Schweißen 0→2 +2 weitere · online · im eigenen Tempo · 1.250 €"
        );
        assert_eq!(
            explain(&r, &names_en, Lang::En),
            "closes CNC programming ?→3, welding 0→2 +2 more · online · self-paced · €1,250"
        );
    }

    #[test]
    fn explain_in_company_and_schedules() {
        let r = rec(
            vec![close(2, Some(2), 3)],
            Reach::InCompany,
            ScheduleFit::PartTime,
        );
        assert_eq!(
            explain(&r, &names, Lang::De),
            "schließt Schweißen 2→3 · im Betrieb · berufsbegleitend · kostenfrei"
        );
        assert_eq!(
            explain(&r, &names_en, Lang::En),
            "closes welding 2→3 · in your company · part-time · free"
        );
        let r = Recommendation {
            schedule_ok: false,
            ..rec(
                vec![close(2, Some(2), 3)],
                Reach::TooFar { km: 1234.4 },
                ScheduleFit::FullTime,
            )
        };
        assert_eq!(
            explain(&r, &names, Lang::De),
            "schließt Schweißen 2→3 · 1.234 km (zu weit) · Vollzeit (passt nicht) · kostenfrei"
        );
        assert_eq!(
            explain(&r, &names_en, Lang::En),
            "closes welding 2→3 · 1,234 km (too far) · full-time (doesn't fit) · free"
        );
        let r = rec(
            vec![close(2, Some(2), 3), close(1, Some(0), 1)],
            Reach::Unknown,
            ScheduleFit::Weekends,
        );
        assert_eq!(
            explain(&r, &names, Lang::De),
            "schließt Schweißen 2→3, CNC-Programmierung 0→1 · am Wochenende · kostenfrei"
        );
        assert_eq!(
            explain(&r, &names_en, Lang::En),
            "closes welding 2→3, CNC programming 0→1 · weekends · free"
        );
        let r = rec(
            vec![close(2, Some(2), 3)],
            Reach::Near { km: 0.2 },
            ScheduleFit::Evenings,
        );
        assert_eq!(
            explain(&r, &names_en, Lang::En),
            "closes welding 2→3 · < 1 km · evenings · free"
        );
    }

    #[test]
    fn explain_money_and_partial_funding() {
        let base = rec(
            vec![close(1, Some(1), 3)],
            Reach::Online,
            ScheduleFit::Evenings,
        );
        let r = Recommendation {
            net_cost_cents: 125_050,
            ..base.clone()
        };
        assert!(explain(&r, &names, Lang::De).ends_with(" · 1.250,50 €"));
        assert!(explain(&r, &names_en, Lang::En).ends_with(" · €1,250.50"));
        let r = Recommendation {
            net_cost_cents: 123_456_700,
            ..base.clone()
        };
        assert!(explain(&r, &names, Lang::De).ends_with(" · 1.234.567 €"));
        assert!(explain(&r, &names_en, Lang::En).ends_with(" · €1,234,567"));
        let r = Recommendation {
            net_cost_cents: 60_000,
            funding: Some(("Aufstiegs-BAföG".to_string(), 50)),
            ..base.clone()
        };
        assert!(
            explain(&r, &names, Lang::De)
                .ends_with(" · 50 % gefördert nach Aufstiegs-BAföG · Eigenanteil 600 €")
        );
        assert!(
            explain(&r, &names_en, Lang::En)
                .ends_with(" · 50 % funded under Aufstiegs-BAföG · you pay €600")
        );
        // A 0 % "funding" is no funding.
        let r = Recommendation {
            net_cost_cents: 99,
            funding: Some(("Aufstiegs-BAföG".to_string(), 0)),
            ..base
        };
        assert!(explain(&r, &names, Lang::De).ends_with(" · 0,99 €"));
    }

    // ---- property tests ----

    fn any_format() -> impl Strategy<Value = Format> {
        prop_oneof![
            Just(Format::OnSite),
            Just(Format::OnlineLive),
            Just(Format::SelfPaced),
            Just(Format::Blended),
            Just(Format::InCompany),
        ]
    }

    fn any_point() -> impl Strategy<Value = (f64, f64)> {
        (47.0..55.0f64, 6.0..15.0f64)
    }

    fn any_needs() -> impl Strategy<Value = Vec<GapNeed>> {
        prop::collection::vec(
            (
                0..12i64,
                prop::option::of(0..=5u8),
                0..=5u8,
                prop_oneof![Just(0.0), -1.0..5.0f64],
            ),
            0..16,
        )
        .prop_map(|v| v.into_iter().map(|(c, a, t, p)| need(c, a, t, p)).collect())
    }

    fn any_person() -> impl Strategy<Value = Person> {
        (
            prop::option::of(any_point()),
            prop::option::of(any_point()),
            prop::array::uniform5(any::<bool>()),
            0.0..300.0f64,
        )
            .prop_map(|(home, work, b, max_km)| Person {
                home,
                work,
                rural: b[0],
                needs_part_time: b[1],
                evenings_ok: b[2],
                weekends_ok: b[3],
                shift_work: b[4],
                max_km,
            })
    }

    fn any_candidates() -> impl Strategy<Value = Vec<Candidate>> {
        let one = (
            prop::collection::vec((0..12i64, 0..=5u8, prop::option::of(0..=5u8)), 0..4),
            any_format(),
            prop::option::of(any_point()),
            prop::array::uniform4(any::<bool>()),
            0..500_000i64,
            prop::option::of((
                prop_oneof![Just("sgb3_82"), Just("afbg"), Just("x")],
                0..=100u8,
            )),
        );
        prop::collection::vec(one, 0..40).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(
                    |(i, (builds, format, location, b, net, funding))| Candidate {
                        // Unique but not in input order.
                        id: (i as i64 * 37) % 1009,
                        builds,
                        format,
                        location,
                        part_time: b[0],
                        evenings: b[1],
                        weekends: b[2],
                        start_any_time: b[3],
                        price_cents: net * 2,
                        net_cost_cents: net,
                        funding: funding.map(|(c, s)| (c.to_string(), s)),
                    },
                )
                .collect()
        })
    }

    fn sorted_correctly(recs: &[Recommendation]) -> bool {
        recs.windows(2).all(|w| {
            let (a, b) = (&w[0], &w[1]);
            match (a.attendable(), b.attendable()) {
                (false, true) => false,
                (true, false) => true,
                _ => a.score > b.score || (a.score == b.score && a.id < b.id),
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn prop_recommendations_are_well_formed(
            needs in any_needs(), p in any_person(), cands in any_candidates(), limit in 0usize..50,
        ) {
            let recs = recommend(&needs, &p, &cands, &Weights::default(), limit);
            prop_assert!(recs.len() <= limit);
            prop_assert!(sorted_correctly(&recs));
            for r in &recs {
                prop_assert!(r.score.is_finite() && (0.0..=1.0).contains(&r.score));
                prop_assert!((0.0..=1.0).contains(&r.gap_closed));
                prop_assert!(r.gap_closed > 0.0);
                prop_assert!((0.0..=1.0).contains(&r.level_fit));
                prop_assert!(!r.closes.is_empty());
                if p.needs_part_time && r.schedule_ok {
                    prop_assert_ne!(r.schedule, ScheduleFit::FullTime);
                }
            }
        }

        #[test]
        fn prop_gap_closed_matches_the_formula(
            needs in any_needs(), p in any_person(), cands in any_candidates(),
        ) {
            let open = open_needs(&needs);
            let total: f64 = open.iter().map(|n| n.priority * f64::from(n.target - n.actual)).sum();
            for r in recommend(&needs, &p, &cands, &Weights::default(), usize::MAX) {
                let mut closed = 0.0;
                for c in &r.closes {
                    let n = open.iter().find(|n| n.competence == c.competence);
                    prop_assert!(n.is_some());
                    if let Some(n) = n {
                        prop_assert!(c.to > n.actual && c.to <= n.target);
                        closed += n.priority * f64::from(c.to - n.actual);
                    }
                }
                prop_assert!((r.gap_closed - (closed / total).min(1.0)).abs() < 1e-9);
            }
        }

        #[test]
        fn prop_recommend_is_deterministic_and_order_independent(
            needs in any_needs(), p in any_person(), cands in any_candidates(),
            limit in 1usize..50, rot in 0usize..40,
        ) {
            let a = recommend(&needs, &p, &cands, &Weights::default(), limit);
            prop_assert_eq!(&a, &recommend(&needs, &p, &cands, &Weights::default(), limit));
            let mut shuffled = cands.clone();
            shuffled.reverse();
            if !shuffled.is_empty() {
                let r = rot % shuffled.len();
                shuffled.rotate_left(r);
            }
            prop_assert_eq!(&a, &recommend(&needs, &p, &shuffled, &Weights::default(), limit));
        }
    }
}
