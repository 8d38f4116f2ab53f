//! Evaluation: three-valued conditions over the facts, the programme's
//! validity on the reference date, the benefit tier and the net cost.

use serde::{Deserialize, Serialize};

use super::*;
use crate::kernel::days::{Day, parse_iso_date};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Eligible,
    NotEligible,
    Unknown,
}

/// How one condition came out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConditionResult {
    /// The fact name, or a label such as `any_of(age, severely_disabled)`;
    /// `valid` for the validity period, `benefit` when no tier applies.
    pub fact: String,
    pub verdict: Verdict,
    /// The requirement in words (from the rules).
    pub message_de: String,
    pub message_en: String,
    /// Facts whose absence made this condition unknown; what to ask for next.
    pub missing_facts: Vec<String>,
}

/// The advice for one programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub programme_code: String,
    pub verdict: Verdict,
    /// Whose cost `net_cost_cents` is.
    pub applies_to: AppliesTo,
    pub met: Vec<ConditionResult>,
    pub unmet: Vec<ConditionResult>,
    pub unknown: Vec<ConditionResult>,
    /// Conditions of earlier, possibly more favourable benefit tiers that could
    /// not be decided; the figures below come from the first tier that
    /// certainly applies and may improve once these facts are known.
    pub benefit_open: Vec<ConditionResult>,
    /// 0 when not eligible. For `Unknown` the figures are provisional: what
    /// the programme would pay if the open conditions turn out to be met.
    pub course_cost_share_pct: f64,
    pub wage_subsidy_pct: f64,
    /// Funded part of the course price, in cents (0 when the price is unknown).
    pub funded_cents: i64,
    /// Price − funded, never negative (0 when the price is unknown).
    pub net_cost_cents: i64,
    pub note_de: String,
    pub note_en: String,
    pub disclaimer_de: String,
    pub disclaimer_en: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tri {
    True,
    False,
    Unknown,
}

impl Tri {
    fn from_bool(b: bool) -> Tri {
        if b { Tri::True } else { Tri::False }
    }
    fn and(self, o: Tri) -> Tri {
        match (self, o) {
            (Tri::False, _) | (_, Tri::False) => Tri::False,
            (Tri::True, Tri::True) => Tri::True,
            _ => Tri::Unknown,
        }
    }
    fn or(self, o: Tri) -> Tri {
        match (self, o) {
            (Tri::True, _) | (_, Tri::True) => Tri::True,
            (Tri::False, Tri::False) => Tri::False,
            _ => Tri::Unknown,
        }
    }
    fn verdict(self) -> Verdict {
        match self {
            Tri::True => Verdict::Eligible,
            Tri::False => Verdict::NotEligible,
            Tri::Unknown => Verdict::Unknown,
        }
    }
}

fn values_equal(actual: &FactValue, expected: &RuleValue) -> Option<bool> {
    match (actual, expected) {
        (FactValue::Bool(a), RuleValue::Bool(b)) => Some(a == b),
        // Tolerance because fact numbers may come from unit conversions.
        (FactValue::Number(a), RuleValue::Number(b)) => {
            Some((a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0))
        }
        (FactValue::State(a), RuleValue::Text(b)) => Some(a.eq_ignore_ascii_case(b)),
        _ => None,
    }
}

/// A type mismatch (only possible with unvalidated programmes) is Unknown:
/// a broken rule must not produce a confident "no".
fn compare(actual: &FactValue, op: Op, expected: &RuleValue) -> Tri {
    match op {
        Op::Eq | Op::Ne => match values_equal(actual, expected) {
            Some(eq) => Tri::from_bool(eq == (op == Op::Eq)),
            None => Tri::Unknown,
        },
        Op::In | Op::NotIn => {
            let RuleValue::List(items) = expected else {
                return Tri::Unknown;
            };
            let mut found = false;
            for item in items {
                match values_equal(actual, item) {
                    Some(eq) => found |= eq,
                    None => return Tri::Unknown,
                }
            }
            Tri::from_bool(found == (op == Op::In))
        }
        Op::Lt | Op::Le | Op::Gt | Op::Ge => {
            let (FactValue::Number(a), RuleValue::Number(b)) = (actual, expected) else {
                return Tri::Unknown;
            };
            Tri::from_bool(match op {
                Op::Lt => a < b,
                Op::Le => a <= b,
                Op::Gt => a > b,
                _ => a >= b,
            })
        }
    }
}

fn eval(c: &Condition, facts: &Facts) -> (Tri, Vec<String>) {
    let combine = |items: &[Condition], start: Tri, f: fn(Tri, Tri) -> Tri| {
        let mut tri = start;
        let mut missing: Vec<String> = Vec::new();
        for item in items {
            let (t, m) = eval(item, facts);
            tri = f(tri, t);
            for name in m {
                if !missing.contains(&name) {
                    missing.push(name);
                }
            }
        }
        if tri != Tri::Unknown {
            missing.clear();
        }
        (tri, missing)
    };
    match c {
        Condition::Fact {
            fact, op, value, ..
        } => match lookup(facts, fact) {
            Some((_, Some(actual))) => (compare(&actual, *op, value), Vec::new()),
            // Unknown names can only come from unvalidated programmes.
            Some((_, None)) | None => (Tri::Unknown, vec![fact.clone()]),
        },
        Condition::AnyOf { any_of, .. } => combine(any_of, Tri::False, Tri::or),
        Condition::AllOf { all_of, .. } => combine(all_of, Tri::True, Tri::and),
    }
}

fn condition_result(c: &Condition, facts: &Facts) -> ConditionResult {
    let (tri, missing) = eval(c, facts);
    let (de, en) = c.messages();
    let label = c.label();
    // Hand-built programmes may lack messages; the label is better than nothing.
    let pick = |m: &str| {
        if m.is_empty() {
            label.clone()
        } else {
            m.to_owned()
        }
    };
    ConditionResult {
        fact: label.clone(),
        verdict: tri.verdict(),
        message_de: pick(de),
        message_en: pick(en),
        missing_facts: missing,
    }
}

fn validity(p: &Programme, facts: &Facts) -> ConditionResult {
    let from = parse_iso_date(&p.valid_from);
    let until = p.valid_until.as_deref().map(parse_iso_date);
    let result = |verdict, de: String, en: String, missing: Vec<String>| ConditionResult {
        fact: "valid".into(),
        verdict,
        message_de: de,
        message_en: en,
        missing_facts: missing,
    };
    let (Some(from), Some(until)) = (from, until.unwrap_or(Some(Day::MAX))) else {
        return result(
            Verdict::NotEligible,
            "Die Regel enthält ein ungültiges Datum.".into(),
            "The rule contains an invalid date.".into(),
            Vec::new(),
        );
    };
    let period_de = match &p.valid_until {
        Some(u) => format!("{} bis {u}", p.valid_from),
        None => format!("ab {}", p.valid_from),
    };
    let period_en = match &p.valid_until {
        Some(u) => format!("{} to {u}", p.valid_from),
        None => format!("from {}", p.valid_from),
    };
    match facts.today {
        None => result(
            Verdict::Unknown,
            format!("Stichtag fehlt; das Programm gilt {period_de}."),
            format!("Reference date missing; the programme applies {period_en}."),
            vec!["today".into()],
        ),
        Some(t) if t < from => result(
            Verdict::NotEligible,
            format!("Das Programm gilt erst ab {}.", p.valid_from),
            format!("The programme only applies from {}.", p.valid_from),
            Vec::new(),
        ),
        Some(t) if t > until => result(
            Verdict::NotEligible,
            format!(
                "Das Programm galt nur bis {}.",
                p.valid_until.as_deref().unwrap_or("")
            ),
            format!(
                "The programme ended on {}.",
                p.valid_until.as_deref().unwrap_or("")
            ),
            Vec::new(),
        ),
        Some(_) => result(
            Verdict::Eligible,
            format!("Das Programm gilt am Stichtag ({period_de})."),
            format!("The programme applies on the reference date ({period_en})."),
            Vec::new(),
        ),
    }
}

fn price_cents(facts: &Facts) -> i64 {
    facts.course_price_cents.unwrap_or(0).max(0)
}

/// (share %, wage %, funded cents) for a tier and a price.
pub(super) fn tier_amounts(tier: &BenefitTier, price: i64) -> (f64, f64, i64) {
    let clamp_pct = |p: f64| {
        if p.is_finite() {
            p.clamp(0.0, 100.0)
        } else {
            0.0
        }
    };
    let share = clamp_pct(tier.course_cost_share_pct);
    let wage = tier.wage_subsidy_pct.map_or(0.0, clamp_pct);
    // f64 → i64 casts saturate, and the final clamp keeps the result within
    // the price however large the inputs are.
    let mut funded = (price as f64 * share / 100.0).round() as i64;
    if let Some(flat) = tier.flat_grant_eur {
        funded = funded.saturating_add(flat.max(0).saturating_mul(100));
    }
    if let Some(max) = tier.max_eur {
        funded = funded.min(max.max(0).saturating_mul(100));
    }
    (share, wage, funded.clamp(0, price))
}

/// Assesses one programme against the facts.
pub fn assess(programme: &Programme, facts: &Facts) -> Assessment {
    let mut met = Vec::new();
    let mut unmet = Vec::new();
    let mut unknown = Vec::new();
    let mut sort = |r: ConditionResult| match r.verdict {
        Verdict::Eligible => met.push(r),
        Verdict::NotEligible => unmet.push(r),
        Verdict::Unknown => unknown.push(r),
    };
    sort(validity(programme, facts));
    for c in &programme.conditions {
        sort(condition_result(c, facts));
    }

    // First tier whose `when` holds; undecided tiers before it are reported
    // as open, because they might apply and change the figures.
    let mut selected: Option<&BenefitTier> = None;
    let mut first_undecided: Option<&BenefitTier> = None;
    let mut open: Vec<ConditionResult> = Vec::new();
    for tier in &programme.benefits {
        let results: Vec<ConditionResult> = tier
            .when
            .iter()
            .map(|c| condition_result(c, facts))
            .collect();
        let tri = results.iter().fold(Tri::True, |acc, r| {
            acc.and(match r.verdict {
                Verdict::Eligible => Tri::True,
                Verdict::NotEligible => Tri::False,
                Verdict::Unknown => Tri::Unknown,
            })
        });
        match tri {
            Tri::True => {
                selected = Some(tier);
                break;
            }
            Tri::Unknown => {
                first_undecided.get_or_insert(tier);
                // Tiers often repeat a condition (e.g. "under 500 staff");
                // asking for the same fact twice would only confuse.
                for r in results {
                    if r.verdict == Verdict::Unknown && !open.contains(&r) {
                        open.push(r);
                    }
                }
            }
            Tri::False => {}
        }
    }
    if selected.is_none() && first_undecided.is_none() {
        unmet.push(ConditionResult {
            fact: "benefit".into(),
            verdict: Verdict::NotEligible,
            message_de: "Keine Förderstufe des Programms trifft auf diese Angaben zu.".into(),
            message_en: "No benefit tier of the programme applies to these facts.".into(),
            missing_facts: Vec::new(),
        });
    }

    let mut benefit_open = Vec::new();
    let verdict = if !unmet.is_empty() {
        Verdict::NotEligible
    } else if selected.is_none() {
        // The amount itself depends on missing facts: that is "cannot tell yet".
        unknown.append(&mut open);
        Verdict::Unknown
    } else {
        benefit_open = open;
        if unknown.is_empty() {
            Verdict::Eligible
        } else {
            Verdict::Unknown
        }
    };

    let price = price_cents(facts);
    let tier = match verdict {
        Verdict::NotEligible => None,
        _ => selected.or(first_undecided),
    };
    let (share, wage, funded, note_de, note_en) = match tier {
        Some(t) => {
            let (s, w, f) = tier_amounts(t, price);
            (s, w, f, t.note_de.clone(), t.note_en.clone())
        }
        None => (0.0, 0.0, 0, String::new(), String::new()),
    };

    Assessment {
        programme_code: programme.code.clone(),
        verdict,
        applies_to: programme.applies_to,
        met,
        unmet,
        unknown,
        benefit_open,
        course_cost_share_pct: share,
        wage_subsidy_pct: wage,
        funded_cents: funded,
        net_cost_cents: price - funded,
        note_de,
        note_en,
        disclaimer_de: DISCLAIMER_DE.into(),
        disclaimer_en: DISCLAIMER_EN.into(),
    }
}

pub(super) fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::Eligible => 0,
        Verdict::Unknown => 1,
        Verdict::NotEligible => 2,
    }
}

/// Assesses all programmes: eligible ones first (lowest net cost first), then
/// unknown ones (by provisional net cost), then the rest; ties by the larger
/// course-cost share, then by code, so the order is stable.
pub fn advise(programmes: &[Programme], facts: &Facts) -> Vec<Assessment> {
    let mut out: Vec<Assessment> = programmes.iter().map(|p| assess(p, facts)).collect();
    out.sort_by(|a, b| {
        rank(a.verdict)
            .cmp(&rank(b.verdict))
            .then(a.net_cost_cents.cmp(&b.net_cost_cents))
            // With an unknown price every net cost is 0; the larger share is
            // then the better hint.
            .then(b.course_cost_share_pct.total_cmp(&a.course_cost_share_pct))
            .then_with(|| a.programme_code.cmp(&b.programme_code))
    });
    out
}

/// Lowest net cost among eligible programmes and that programme's code; the
/// full price (0 if unknown) and `None` when nothing is eligible.
pub fn best_net_cost(programmes: &[Programme], facts: &Facts) -> (i64, Option<String>) {
    advise(programmes, facts)
        .into_iter()
        .find(|a| a.verdict == Verdict::Eligible)
        .map_or((price_cents(facts), None), |a| {
            (a.net_cost_cents, Some(a.programme_code))
        })
}
