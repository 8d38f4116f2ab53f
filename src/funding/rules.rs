//! # Förderberater – funding advisor for continuing education
//!
//! Given an offering (course), a person and their company, the advisor tells
//! which public funding programmes apply, which conditions are not met or
//! cannot be checked yet because a fact is missing, and what the course then
//! costs net.
//!
//! The rules are **data**: a platform administrator edits them as JSON in a
//! text area. [`parse_programmes`] validates that text completely and reports
//! every problem with a JSON-path-like location, a stable message key and a
//! German and English text, so a typo never silently changes an answer.
//!
//! ## Three-valued logic
//!
//! Every fact in [`Facts`] is optional. A condition on a missing fact is
//! *unknown*, never false: the advisor says "cannot tell yet" instead of a
//! wrong "no". A programme is
//! * [`Verdict::NotEligible`] as soon as one condition is definitely not met
//!   (or the programme is not valid on [`Facts::today`]),
//! * otherwise [`Verdict::Unknown`] while any condition is unknown,
//! * otherwise [`Verdict::Eligible`].
//!
//! ## No stacking
//!
//! Programmes do not stack in this version: every [`Assessment`] shows one
//! programme alone, as if it were the only one used. Several programmes
//! exclude each other for the same course anyway (e.g. the Bildungsscheck NRW
//! requires that no other public funding is used), and combining the rest
//! correctly needs case-by-case rules we do not model.
//!
//! ## Rules format
//!
//! ```json
//! {
//!   "format_version": 1,
//!   "programmes": [
//!     {
//!       "code": "example_82",
//!       "name_de": "Beispiel", "name_en": "Example",
//!       "summary_de": "Kurzbeschreibung", "summary_en": "Short description",
//!       "legal_basis": "§ 82 SGB III",
//!       "source_url": "https://www.gesetze-im-internet.de/sgb_3/__82.html",
//!       "valid_from": "2024-04-01",
//!       "valid_until": null,
//!       "applies_to": "employer",
//!       "conditions": [
//!         { "fact": "course_hours", "op": "gt", "value": 120,
//!           "message_de": "Mehr als 120 Stunden", "message_en": "More than 120 hours" },
//!         { "any_of": [
//!             { "fact": "has_vocational_qualification", "op": "eq", "value": false },
//!             { "fact": "years_since_vocational_qualification", "op": "ge", "value": 2 } ],
//!           "message_de": "Abschluss mindestens zwei Jahre alt",
//!           "message_en": "Qualification at least two years old" }
//!       ],
//!       "benefits": [
//!         { "when": [ { "fact": "company_employees", "op": "lt", "value": 50,
//!                       "message_de": "Unter 50 Beschäftigte", "message_en": "Under 50 staff" } ],
//!           "course_cost_share_pct": 100, "wage_subsidy_pct": 75,
//!           "note_de": "Bis zu 100 %", "note_en": "Up to 100 %" },
//!         { "course_cost_share_pct": 25, "max_eur": 5000,
//!           "note_de": "Bis zu 25 %", "note_en": "Up to 25 %" }
//!       ]
//!     }
//!   ]
//! }
//! ```
//!
//! * `conditions` must all hold. A condition is either a fact test
//!   `{fact, op, value}` or a group `{any_of: [...]}` / `{all_of: [...]}`
//!   (nested at most three levels). `message_de`/`message_en` describe the
//!   requirement; they are mandatory on top-level conditions (they are what
//!   the person reads) and optional inside groups.
//! * `op` is one of `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `in`, `not_in`.
//!   Yes/no facts allow `eq`/`ne`; state facts allow `eq`/`ne`/`in`/`not_in`
//!   with two-letter codes (`"NW"`); numeric facts allow every operator.
//!   `in`/`not_in` take a non-empty list.
//! * `benefits` is an ordered list of tiers; the first tier whose `when`
//!   conditions all hold applies (a tier without `when` always holds and must
//!   therefore be last). `course_cost_share_pct` (0–100) of the course price
//!   is funded, plus `flat_grant_eur` if given, capped at `max_eur` and at
//!   the price. `wage_subsidy_pct` is informational: its base (gross pay,
//!   lost net pay, ...) is explained in the tier's note.
//! * Dates are `YYYY-MM-DD`, both ends inclusive; `valid_until` may be
//!   omitted or `null`.
//! * Unknown fields, fact names and operators are rejected, as are duplicate
//!   JSON keys and duplicate programme codes.

use serde::{Deserialize, Serialize};

use crate::kernel::days::Day;

/// Shown with every result: the advisor only estimates.
pub const DISCLAIMER_DE: &str = "Unverbindliche Ersteinschätzung ohne Gewähr. Ob und in welcher Höhe gefördert wird, entscheidet allein die zuständige Stelle (z. B. Agentur für Arbeit, Jobcenter, Amt für Aufstiegs-BAföG oder die Bewilligungsstelle des Landes) nach Antrag und Prüfung des Einzelfalls. Anträge sind in der Regel vor Beginn der Weiterbildung zu stellen.";
/// English counterpart of [`DISCLAIMER_DE`].
pub const DISCLAIMER_EN: &str = "Non-binding initial assessment without guarantee. Whether and how much funding is granted is decided solely by the responsible body (e.g. the Agentur für Arbeit, the Jobcenter, the Aufstiegs-BAföG office or the state's granting authority) after an application and an individual review. Applications usually have to be made before the course starts.";

/// The only rules format version understood so far; lets a later format be
/// rejected clearly instead of being misread.
pub const FORMAT_VERSION: u64 = 1;
/// Rules text larger than this is rejected before parsing; the text area is
/// edited by hand, so anything bigger is a paste accident.
pub const MAX_RULES_BYTES: usize = 1_000_000;
/// Deeper nesting is never needed for real programmes and makes the rules
/// unreadable for the administrators who maintain them.
const MAX_NESTING: usize = 3;

/// German federal states as used in the fact values (ISO 3166-2:DE suffixes).
pub const STATE_CODES: &[&str] = &[
    "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH",
];

// ---------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------

/// What is known about the offering, the person and the company.
///
/// Every field is optional: a missing fact makes the conditions that need it
/// *unknown*, never false. State fields take two-letter codes from
/// [`STATE_CODES`]; anything else counts as unknown rather than as "another
/// state", so a stray `"NRW"` cannot produce a wrong "no".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Facts {
    /// Reference date in days since 1970-01-01 (see [`crate::kernel::days`]); used
    /// for the programmes' validity, not usable in conditions.
    pub today: Option<Day>,

    // --- offering ---
    /// Duration of the course in hours (for the AFBG: lessons).
    pub course_hours: Option<f64>,
    /// Course price in euro cents (course and exam fees).
    pub course_price_cents: Option<i64>,
    /// Course (Maßnahme) *and* provider (Träger) are approved under AZAV.
    pub course_azav: Option<bool>,
    /// The provider (Träger) is approved under AZAV, even if the course is
    /// not; enough for § 82a SGB III.
    pub provider_azav: Option<bool>,
    /// The course prepares for an upgrade qualification (Aufstiegsfortbildung:
    /// Meister, Techniker, Fachwirt, ...).
    pub course_leads_to_upgrade_qualification: Option<bool>,
    /// State where the course/provider is, e.g. `"TH"`.
    pub course_state: Option<String>,

    // --- person ---
    /// Age in completed years at the start of the course.
    pub age: Option<u32>,
    /// Severely disabled within the meaning of § 2 (2) SGB IX.
    pub severely_disabled: Option<bool>,
    /// In an existing (not terminated) employment relationship.
    pub employed: Option<bool>,
    /// Registered unemployed or threatened by unemployment.
    pub unemployed_or_at_risk: Option<bool>,
    /// Holds a vocational qualification (Berufsabschluss).
    pub has_vocational_qualification: Option<bool>,
    /// Years since that qualification was acquired.
    pub years_since_vocational_qualification: Option<f64>,
    /// Took part in a course funded under § 82 SGB III in the two years
    /// before the application.
    pub funded_82_in_last_two_years: Option<bool>,
    /// Took part in a course funded with Qualifizierungsgeld (§ 82a SGB III)
    /// in the four years before the application.
    pub funded_82a_in_last_four_years: Option<bool>,
    /// The person (or their spouse/partner) has at least one child within the
    /// meaning of § 32 (1), (3)–(5) EStG; selects the higher rate of wage
    /// replacement benefits (67 % instead of 60 %).
    pub has_child: Option<bool>,
    /// State of (main) residence.
    pub residence_state: Option<String>,
    /// State of the workplace.
    pub workplace_state: Option<String>,
    /// Taxable income (zu versteuerndes Einkommen) in euros per the latest
    /// tax assessment; for jointly assessed spouses the joint amount.
    pub taxable_income_eur: Option<i64>,
    /// Assessed jointly with a spouse (Zusammenveranlagung).
    pub jointly_assessed: Option<bool>,

    // --- company ---
    /// Number of employees in the establishment (Betrieb).
    pub company_employees: Option<u32>,
    /// The job can be replaced by technology or is otherwise affected by
    /// structural change (§ 82a SGB III).
    pub job_affected_by_structural_change: Option<bool>,
    /// A works agreement or company collective agreement covers the
    /// qualification needs (Betriebsvereinbarung/Tarifvertrag, § 82a).
    pub company_agreement_on_qualification: Option<bool>,
    /// Share of the staff with structural-change-related qualification needs,
    /// in percent (§ 82a: at least 20 %, 10 % in companies under 250).
    pub share_of_staff_needing_qualification_pct: Option<f64>,
}

/// Names usable as `fact` in conditions (every [`Facts`] field but `today`).
pub const FACT_NAMES: &[&str] = &[
    "course_hours",
    "course_price_cents",
    "course_azav",
    "provider_azav",
    "course_leads_to_upgrade_qualification",
    "course_state",
    "age",
    "severely_disabled",
    "employed",
    "unemployed_or_at_risk",
    "has_vocational_qualification",
    "years_since_vocational_qualification",
    "funded_82_in_last_two_years",
    "funded_82a_in_last_four_years",
    "has_child",
    "residence_state",
    "workplace_state",
    "taxable_income_eur",
    "jointly_assessed",
    "company_employees",
    "job_affected_by_structural_change",
    "company_agreement_on_qualification",
    "share_of_staff_needing_qualification_pct",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FactKind {
    Bool,
    Number,
    State,
}

impl FactKind {
    fn allows(self, op: Op) -> bool {
        match self {
            FactKind::Number => true,
            FactKind::Bool => matches!(op, Op::Eq | Op::Ne),
            FactKind::State => matches!(op, Op::Eq | Op::Ne | Op::In | Op::NotIn),
        }
    }

    fn allowed_ops(self) -> &'static str {
        match self {
            FactKind::Number => "eq, ne, lt, le, gt, ge, in, not_in",
            FactKind::Bool => "eq, ne",
            FactKind::State => "eq, ne, in, not_in",
        }
    }

    fn label_de(self) -> &'static str {
        match self {
            FactKind::Number => "Zahl",
            FactKind::Bool => "Ja/Nein",
            FactKind::State => "Bundesland",
        }
    }

    fn label_en(self) -> &'static str {
        match self {
            FactKind::Number => "number",
            FactKind::Bool => "yes/no",
            FactKind::State => "state",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum FactValue {
    Bool(bool),
    Number(f64),
    State(String),
}

/// Single source of truth for fact names, their kinds and their values, so
/// validation and evaluation can never disagree about what a name means.
/// Returns `None` for names that are not usable in conditions.
fn lookup(facts: &Facts, name: &str) -> Option<(FactKind, Option<FactValue>)> {
    fn b(v: Option<bool>) -> (FactKind, Option<FactValue>) {
        (FactKind::Bool, v.map(FactValue::Bool))
    }
    // Non-finite numbers carry no information; treating them as unknown keeps
    // NaN from silently failing every comparison.
    fn n(v: Option<f64>) -> (FactKind, Option<FactValue>) {
        (
            FactKind::Number,
            v.filter(|x| x.is_finite()).map(FactValue::Number),
        )
    }
    fn s(v: &Option<String>) -> (FactKind, Option<FactValue>) {
        let code = v
            .as_deref()
            .map(|x| x.trim().to_ascii_uppercase())
            .filter(|x| STATE_CODES.contains(&x.as_str()));
        (FactKind::State, code.map(FactValue::State))
    }
    let f = facts;
    Some(match name {
        "course_hours" => n(f.course_hours),
        "course_price_cents" => n(f.course_price_cents.map(|v| v as f64)),
        "course_azav" => b(f.course_azav),
        "provider_azav" => b(f.provider_azav),
        "course_leads_to_upgrade_qualification" => b(f.course_leads_to_upgrade_qualification),
        "course_state" => s(&f.course_state),
        "age" => n(f.age.map(f64::from)),
        "severely_disabled" => b(f.severely_disabled),
        "employed" => b(f.employed),
        "unemployed_or_at_risk" => b(f.unemployed_or_at_risk),
        "has_vocational_qualification" => b(f.has_vocational_qualification),
        "years_since_vocational_qualification" => n(f.years_since_vocational_qualification),
        "funded_82_in_last_two_years" => b(f.funded_82_in_last_two_years),
        "funded_82a_in_last_four_years" => b(f.funded_82a_in_last_four_years),
        "has_child" => b(f.has_child),
        "residence_state" => s(&f.residence_state),
        "workplace_state" => s(&f.workplace_state),
        "taxable_income_eur" => n(f.taxable_income_eur.map(|v| v as f64)),
        "jointly_assessed" => b(f.jointly_assessed),
        "company_employees" => n(f.company_employees.map(f64::from)),
        "job_affected_by_structural_change" => b(f.job_affected_by_structural_change),
        "company_agreement_on_qualification" => b(f.company_agreement_on_qualification),
        "share_of_staff_needing_qualification_pct" => n(f.share_of_staff_needing_qualification_pct),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------

/// Comparison operator of a fact test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
}

impl Op {
    const ALL: [(&'static str, Op); 8] = [
        ("eq", Op::Eq),
        ("ne", Op::Ne),
        ("lt", Op::Lt),
        ("le", Op::Le),
        ("gt", Op::Gt),
        ("ge", Op::Ge),
        ("in", Op::In),
        ("not_in", Op::NotIn),
    ];

    fn parse(s: &str) -> Option<Op> {
        Op::ALL.iter().find(|(n, _)| *n == s).map(|(_, op)| *op)
    }

    fn as_str(self) -> &'static str {
        Op::ALL
            .iter()
            .find(|(_, op)| *op == self)
            .map_or("?", |(n, _)| n)
    }
}

/// A literal in a rule: yes/no, number, state code or a list of those.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RuleValue {
    Bool(bool),
    Number(#[serde(serialize_with = "whole_as_int")] f64),
    Text(String),
    List(Vec<RuleValue>),
}

/// Writes `120` rather than `120.0`, so rules exported for the administrator's
/// text area look like the ones they typed.
fn whole_as_int<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn opt_whole_as_int<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) => whole_as_int(x, s),
        None => s.serialize_none(),
    }
}

/// A condition: a fact test or an `any_of` / `all_of` group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Condition {
    Fact {
        fact: String,
        op: Op,
        value: RuleValue,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        message_de: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        message_en: String,
    },
    AnyOf {
        any_of: Vec<Condition>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        message_de: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        message_en: String,
    },
    AllOf {
        all_of: Vec<Condition>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        message_de: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        message_en: String,
    },
}

impl Condition {
    fn messages(&self) -> (&str, &str) {
        match self {
            Condition::Fact {
                message_de,
                message_en,
                ..
            }
            | Condition::AnyOf {
                message_de,
                message_en,
                ..
            }
            | Condition::AllOf {
                message_de,
                message_en,
                ..
            } => (message_de, message_en),
        }
    }

    /// Short technical label, e.g. `any_of(age, severely_disabled)`, so the
    /// UI can tie a result back to the facts it depends on.
    fn label(&self) -> String {
        fn group(name: &str, items: &[Condition]) -> String {
            let inner: Vec<String> = items.iter().map(Condition::label).collect();
            format!("{name}({})", inner.join(", "))
        }
        match self {
            Condition::Fact { fact, .. } => fact.clone(),
            Condition::AnyOf { any_of, .. } => group("any_of", any_of),
            Condition::AllOf { all_of, .. } => group("all_of", all_of),
        }
    }
}

/// Whose costs the programme lowers; the net cost in an [`Assessment`] is
/// borne by this party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppliesTo {
    Employer,
    Person,
}

/// One benefit level of a programme; see the module docs for the semantics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitTier {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
    #[serde(serialize_with = "whole_as_int")]
    pub course_cost_share_pct: f64,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "opt_whole_as_int"
    )]
    pub wage_subsidy_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat_grant_eur: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_eur: Option<i64>,
    pub note_de: String,
    pub note_en: String,
}

/// A funding programme as edited by administrators.
///
/// Deserializing with serde directly skips validation; use
/// [`parse_programmes`] for anything a person typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    pub summary_de: String,
    pub summary_en: String,
    pub legal_basis: String,
    pub source_url: String,
    /// `YYYY-MM-DD`, inclusive.
    pub valid_from: String,
    /// `YYYY-MM-DD`, inclusive; open-ended when absent.
    #[serde(default)]
    pub valid_until: Option<String>,
    pub applies_to: AppliesTo,
    pub conditions: Vec<Condition>,
    pub benefits: Vec<BenefitTier>,
}

mod evaluate;
mod validate;

pub use evaluate::*;
pub use validate::*;

#[cfg(test)]
mod tests;
