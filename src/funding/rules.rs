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

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

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
    /// Reference date in days since 1970-01-01 (see [`days_from_ymd`]); used
    /// for the programmes' validity, not usable in conditions.
    pub today: Option<i32>,

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

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 for a calendar date, `None` for impossible dates.
/// Lets callers fill [`Facts::today`] without a date library.
pub fn days_from_ymd(year: i32, month: u32, day: u32) -> Option<i32> {
    if day == 0 || day > days_in_month(year, month) {
        return None;
    }
    // Proleptic Gregorian calendar; years start in March so the leap day is
    // the last day of the "year" and month lengths follow a fixed pattern.
    let y = i64::from(if month <= 2 { year - 1 } else { year });
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

/// Parses a strict `YYYY-MM-DD` date into days since 1970-01-01.
pub fn parse_date(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let year = i32::try_from(digits(0..4)?).ok()?;
    if year < 1900 {
        return None;
    }
    days_from_ymd(year, digits(5..7)?, digits(8..10)?)
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

/// One problem in the rules text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleError {
    /// JSON-path-like location, e.g. `programmes[2].conditions[0].fact`, or
    /// `line 3, column 7` for JSON syntax errors.
    pub location: String,
    /// Stable message key for translation, e.g. `rules.unknown_fact`.
    pub key: String,
    pub message_de: String,
    pub message_en: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.location, self.message_en, self.key)
    }
}

impl std::error::Error for RuleError {}

/// Parses and validates the rules JSON, returning every problem found (not
/// just the first), so an administrator can fix them in one go.
pub fn parse_programmes(json: &str) -> Result<Vec<Programme>, Vec<RuleError>> {
    if json.len() > MAX_RULES_BYTES {
        return Err(vec![RuleError {
            location: String::new(),
            key: "rules.too_large".into(),
            message_de: format!("Der Regeltext ist zu groß (höchstens {MAX_RULES_BYTES} Bytes)."),
            message_en: format!("The rules text is too large (at most {MAX_RULES_BYTES} bytes)."),
        }]);
    }
    let root = match serde_json::from_str::<StrictJson>(json) {
        Ok(StrictJson(v)) => v,
        Err(e) => return Err(vec![json_error(&e)]),
    };
    let mut c = Checker::default();
    let programmes = c.root(&root);
    if c.errors.is_empty() {
        Ok(programmes)
    } else {
        Err(c.errors)
    }
}

/// Serializes programmes into the rules format (pretty-printed), e.g. to fill
/// the administrator's text area; [`parse_programmes`] reads it back.
pub fn programmes_to_json(programmes: &[Programme]) -> String {
    #[derive(Serialize)]
    struct Root<'a> {
        format_version: u64,
        programmes: &'a [Programme],
    }
    let root = Root {
        format_version: FORMAT_VERSION,
        programmes,
    };
    // Serializing these plain data types cannot fail; an empty string would
    // be rejected by the parser, so nothing is silently lost.
    serde_json::to_string_pretty(&root).unwrap_or_default()
}

/// The programmes shipped with the platform.
///
/// The file is checked by a test, so an empty list here means someone
/// shipped broken rules despite it; failing soft keeps the platform up.
pub fn shipped_programmes() -> Vec<Programme> {
    parse_programmes(include_str!("../../data/funding/programmes.json")).unwrap_or_default()
}

const DUPLICATE_KEY_MARK: &str = "duplicate key ";

fn json_error(e: &serde_json::Error) -> RuleError {
    let full = e.to_string();
    // serde_json appends the position; it is reported separately.
    let detail = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i])
        .to_string();
    let location = format!("line {}, column {}", e.line(), e.column());
    if let Some(key) = detail.strip_prefix(DUPLICATE_KEY_MARK) {
        return RuleError {
            location,
            key: "json.duplicate_key".into(),
            message_de: format!(
                "Der Schlüssel {key} kommt im selben Objekt doppelt vor (Zeile {}, Spalte {}).",
                e.line(),
                e.column()
            ),
            message_en: format!(
                "The key {key} appears twice in the same object (line {}, column {}).",
                e.line(),
                e.column()
            ),
        };
    }
    RuleError {
        location,
        key: "json.syntax".into(),
        message_de: format!(
            "Kein gültiges JSON (Zeile {}, Spalte {}): {detail}",
            e.line(),
            e.column()
        ),
        message_en: format!(
            "Not valid JSON (line {}, column {}): {detail}",
            e.line(),
            e.column()
        ),
    }
}

/// A JSON value whose objects must not repeat a key. serde_json keeps the last
/// duplicate silently, which would let a pasted second `"conditions"` block
/// replace the first without anyone noticing.
struct StrictJson(Value);

impl<'de> Deserialize<'de> for StrictJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = StrictJson;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<StrictJson, E> {
        Ok(StrictJson(
            serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
        ))
    }
    fn visit_str<E>(self, v: &str) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::String(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::String(v)))
    }
    fn visit_unit<E>(self) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::Null))
    }
    fn visit_none<E>(self) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<StrictJson, D::Error> {
        StrictJson::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StrictJson, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictJson(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(StrictJson(Value::Array(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrictJson, A::Error> {
        let mut obj = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if obj.contains_key(&key) {
                return Err(de::Error::custom(format!("{DUPLICATE_KEY_MARK}\"{key}\"")));
            }
            let StrictJson(v) = map.next_value()?;
            obj.insert(key, v);
        }
        Ok(StrictJson(Value::Object(obj)))
    }
}

#[derive(Clone, Copy)]
enum Expected {
    Object,
    Array,
    Text,
    Number,
    Integer,
    Bool,
}

impl Expected {
    fn de(self) -> &'static str {
        match self {
            Expected::Object => "ein Objekt { … }",
            Expected::Array => "eine Liste [ … ]",
            Expected::Text => "ein Text in Anführungszeichen",
            Expected::Number => "eine Zahl",
            Expected::Integer => "eine ganze Zahl",
            Expected::Bool => "true oder false",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Expected::Object => "an object { … }",
            Expected::Array => "a list [ … ]",
            Expected::Text => "a quoted string",
            Expected::Number => "a number",
            Expected::Integer => "a whole number",
            Expected::Bool => "true or false",
        }
    }
}

fn found_de(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "ein Wahrheitswert",
        Value::Number(_) => "eine Zahl",
        Value::String(_) => "ein Text",
        Value::Array(_) => "eine Liste",
        Value::Object(_) => "ein Objekt",
    }
}

fn found_en(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn at(loc: &str, key: &str) -> String {
    if loc.is_empty() {
        key.to_owned()
    } else {
        format!("{loc}.{key}")
    }
}

fn idx(loc: &str, i: usize) -> String {
    format!("{loc}[{i}]")
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// "Did you mean …" for typos; only close matches, so the hint never points
/// somewhere surprising.
fn suggest(input: &str, candidates: &[&str]) -> Option<String> {
    let lower = input.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_owned())
}

fn hint_de(s: &Option<String>) -> String {
    s.as_ref()
        .map_or(String::new(), |c| format!(" Meinten Sie „{c}“?"))
}

fn hint_en(s: &Option<String>) -> String {
    s.as_ref()
        .map_or(String::new(), |c| format!(" Did you mean \"{c}\"?"))
}

#[derive(Default)]
struct Checker {
    errors: Vec<RuleError>,
}

const PROGRAMME_FIELDS: &[&str] = &[
    "code",
    "name_de",
    "name_en",
    "summary_de",
    "summary_en",
    "legal_basis",
    "source_url",
    "valid_from",
    "valid_until",
    "applies_to",
    "conditions",
    "benefits",
];
const TIER_FIELDS: &[&str] = &[
    "when",
    "course_cost_share_pct",
    "wage_subsidy_pct",
    "flat_grant_eur",
    "max_eur",
    "note_de",
    "note_en",
];
const FACT_TEST_FIELDS: &[&str] = &["fact", "op", "value", "message_de", "message_en"];

impl Checker {
    fn push(&mut self, location: String, key: &str, de: String, en: String) {
        self.errors.push(RuleError {
            location,
            key: key.to_owned(),
            message_de: de,
            message_en: en,
        });
    }

    fn wrong_type(&mut self, loc: &str, expected: Expected, found: &Value) {
        self.push(
            loc.to_owned(),
            "rules.wrong_type",
            format!(
                "Erwartet wird {}, gefunden: {}.",
                expected.de(),
                found_de(found)
            ),
            format!("Expected {}, found {}.", expected.en(), found_en(found)),
        );
    }

    fn missing(&mut self, loc: &str, key: &str) {
        self.push(
            at(loc, key),
            "rules.missing_field",
            format!("Pflichtfeld „{key}“ fehlt."),
            format!("Required field \"{key}\" is missing."),
        );
    }

    fn object<'v>(&mut self, v: &'v Value, loc: &str) -> Option<&'v Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m),
            other => {
                self.wrong_type(loc, Expected::Object, other);
                None
            }
        }
    }

    fn array<'v>(&mut self, v: &'v Value, loc: &str) -> Option<&'v Vec<Value>> {
        match v {
            Value::Array(a) => Some(a),
            other => {
                self.wrong_type(loc, Expected::Array, other);
                None
            }
        }
    }

    fn unknown_fields(&mut self, obj: &Map<String, Value>, loc: &str, allowed: &[&str]) {
        for key in obj.keys() {
            if allowed.contains(&key.as_str()) {
                continue;
            }
            let hint = suggest(key, allowed);
            self.push(
                at(loc, key),
                "rules.unknown_field",
                format!(
                    "Unbekanntes Feld „{key}“.{} Erlaubt: {}.",
                    hint_de(&hint),
                    allowed.join(", ")
                ),
                format!(
                    "Unknown field \"{key}\".{} Allowed: {}.",
                    hint_en(&hint),
                    allowed.join(", ")
                ),
            );
        }
    }

    /// Present and not `null`.
    fn get<'v>(obj: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
        obj.get(key).filter(|v| !v.is_null())
    }

    fn text(
        &mut self,
        obj: &Map<String, Value>,
        loc: &str,
        key: &str,
        required: bool,
    ) -> Option<String> {
        let Some(v) = Self::get(obj, key) else {
            if required {
                self.missing(loc, key);
            }
            return None;
        };
        let loc = at(loc, key);
        match v {
            Value::String(s) if s.trim().is_empty() => {
                self.push(
                    loc,
                    "rules.empty_text",
                    format!("„{key}“ darf nicht leer sein."),
                    format!("\"{key}\" must not be empty."),
                );
                None
            }
            Value::String(s) => Some(s.trim().to_owned()),
            other => {
                self.wrong_type(&loc, Expected::Text, other);
                None
            }
        }
    }

    fn percent(&mut self, v: &Value, loc: &str) -> Option<f64> {
        let Some(p) = v.as_f64().filter(|_| v.is_number()) else {
            self.wrong_type(loc, Expected::Number, v);
            return None;
        };
        if !(0.0..=100.0).contains(&p) {
            self.push(
                loc.to_owned(),
                "rules.percent_range",
                format!("Prozentwert {p} liegt nicht zwischen 0 und 100."),
                format!("Percentage {p} is not between 0 and 100."),
            );
            return None;
        }
        Some(p)
    }

    fn euros(&mut self, v: &Value, loc: &str) -> Option<i64> {
        let Some(n) = v.as_i64() else {
            self.wrong_type(loc, Expected::Integer, v);
            return None;
        };
        // Cents are stored in i64; the bound keeps euro→cent maths overflow-free.
        if !(0..=1_000_000_000).contains(&n) {
            self.push(
                loc.to_owned(),
                "rules.amount_range",
                format!("Betrag {n} € muss zwischen 0 und 1.000.000.000 liegen."),
                format!("Amount {n} EUR must be between 0 and 1,000,000,000."),
            );
            return None;
        }
        Some(n)
    }

    fn date(
        &mut self,
        obj: &Map<String, Value>,
        loc: &str,
        key: &str,
        required: bool,
    ) -> Option<(String, i32)> {
        let s = self.text(obj, loc, key, required)?;
        match parse_date(&s) {
            Some(d) => Some((s, d)),
            None => {
                self.push(
                    at(loc, key),
                    "rules.invalid_date",
                    format!(
                        "„{s}“ ist kein gültiges Datum im Format JJJJ-MM-TT (z. B. 2024-04-01)."
                    ),
                    format!(
                        "\"{s}\" is not a valid date in the format YYYY-MM-DD (e.g. 2024-04-01)."
                    ),
                );
                None
            }
        }
    }

    fn root(&mut self, root: &Value) -> Vec<Programme> {
        let Some(obj) = self.object(root, "") else {
            return Vec::new();
        };
        self.unknown_fields(obj, "", &["format_version", "programmes"]);
        if let Some(v) = Self::get(obj, "format_version")
            && v.as_u64() != Some(FORMAT_VERSION)
        {
            self.push(
                "format_version".into(),
                "rules.format_version",
                format!("Nicht unterstützte Formatversion; erwartet wird {FORMAT_VERSION}."),
                format!("Unsupported format version; expected {FORMAT_VERSION}."),
            );
        }
        let Some(list) = Self::get(obj, "programmes") else {
            self.missing("", "programmes");
            return Vec::new();
        };
        let Some(items) = self.array(list, "programmes") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut codes: Vec<(String, usize)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let loc = idx("programmes", i);
            if let Some(code) = item.get("code").and_then(Value::as_str) {
                let normalized = code.trim().to_ascii_lowercase();
                if let Some((_, first)) = codes.iter().find(|(c, _)| *c == normalized) {
                    self.push(
                        at(&loc, "code"),
                        "rules.duplicate_code",
                        format!("Der Code „{code}“ ist schon bei programmes[{first}] vergeben."),
                        format!("The code \"{code}\" is already used by programmes[{first}]."),
                    );
                } else {
                    codes.push((normalized, i));
                }
            }
            if let Some(p) = self.programme(item, &loc) {
                out.push(p);
            }
        }
        out
    }

    fn programme(&mut self, v: &Value, loc: &str) -> Option<Programme> {
        let obj = self.object(v, loc)?;
        let before = self.errors.len();
        self.unknown_fields(obj, loc, PROGRAMME_FIELDS);

        let code = self.text(obj, loc, "code", true);
        if let Some(c) = &code {
            let ok = c.len() <= 64
                && c.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
            if !ok {
                self.push(
                    at(loc, "code"),
                    "rules.invalid_code",
                    format!(
                        "Code „{c}“: nur Buchstaben a–z, Ziffern, _ - . und höchstens 64 Zeichen."
                    ),
                    format!(
                        "Code \"{c}\": only letters a–z, digits, _ - . and at most 64 characters."
                    ),
                );
            }
        }
        let name_de = self.text(obj, loc, "name_de", true);
        let name_en = self.text(obj, loc, "name_en", true);
        let summary_de = self.text(obj, loc, "summary_de", true);
        let summary_en = self.text(obj, loc, "summary_en", true);
        let legal_basis = self.text(obj, loc, "legal_basis", true);
        let source_url = self.text(obj, loc, "source_url", true);
        if let Some(u) = &source_url {
            let host_ok = u
                .strip_prefix("https://")
                .is_some_and(|rest| rest.split('/').next().is_some_and(|h| h.contains('.')));
            if !host_ok || u.chars().any(char::is_whitespace) {
                self.push(
                    at(loc, "source_url"),
                    "rules.invalid_url",
                    format!("„{u}“ ist keine gültige https-Adresse."),
                    format!("\"{u}\" is not a valid https address."),
                );
            }
        }
        let valid_from = self.date(obj, loc, "valid_from", true);
        let valid_until = self.date(obj, loc, "valid_until", false);
        if let (Some((_, from)), Some((until_s, until))) = (&valid_from, &valid_until)
            && until < from
        {
            self.push(
                at(loc, "valid_until"),
                "rules.date_order",
                format!("„valid_until“ ({until_s}) liegt vor „valid_from“."),
                format!("\"valid_until\" ({until_s}) is before \"valid_from\"."),
            );
        }
        let applies_to = match Self::get(obj, "applies_to") {
            None => {
                self.missing(loc, "applies_to");
                None
            }
            Some(Value::String(s)) if s == "employer" => Some(AppliesTo::Employer),
            Some(Value::String(s)) if s == "person" => Some(AppliesTo::Person),
            Some(other) => {
                self.push(
                    at(loc, "applies_to"),
                    "rules.invalid_applies_to",
                    format!(
                        "„applies_to“ muss \"employer\" oder \"person\" sein, gefunden: {other}."
                    ),
                    format!("\"applies_to\" must be \"employer\" or \"person\", found {other}."),
                );
                None
            }
        };
        let conditions = match Self::get(obj, "conditions") {
            None => {
                self.missing(loc, "conditions");
                None
            }
            Some(v) => self.condition_list(v, &at(loc, "conditions"), 0, false),
        };
        let benefits = match Self::get(obj, "benefits") {
            None => {
                self.missing(loc, "benefits");
                None
            }
            Some(v) => self.tiers(v, &at(loc, "benefits")),
        };

        if self.errors.len() != before {
            return None;
        }
        Some(Programme {
            code: code?,
            name_de: name_de?,
            name_en: name_en?,
            summary_de: summary_de?,
            summary_en: summary_en?,
            legal_basis: legal_basis?,
            source_url: source_url?,
            valid_from: valid_from?.0,
            valid_until: valid_until.map(|(s, _)| s),
            applies_to: applies_to?,
            conditions: conditions?,
            benefits: benefits?,
        })
    }

    fn tiers(&mut self, v: &Value, loc: &str) -> Option<Vec<BenefitTier>> {
        let items = self.array(v, loc)?;
        if items.is_empty() {
            self.push(
                loc.to_owned(),
                "rules.no_benefits",
                "Mindestens eine Förderstufe („benefits“) ist nötig.".into(),
                "At least one benefit tier (\"benefits\") is required.".into(),
            );
            return None;
        }
        let mut out = Vec::new();
        let mut catch_all: Option<usize> = None;
        for (i, item) in items.iter().enumerate() {
            let tloc = idx(loc, i);
            if let Some(first) = catch_all {
                self.push(
                    tloc.clone(),
                    "rules.unreachable_tier",
                    format!("Diese Stufe wird nie erreicht, weil {loc}[{first}] ohne „when“ immer zutrifft."),
                    format!("This tier is never reached because {loc}[{first}] has no \"when\" and always applies."),
                );
            }
            let Some(obj) = self.object(item, &tloc) else {
                continue;
            };
            let before = self.errors.len();
            self.unknown_fields(obj, &tloc, TIER_FIELDS);
            let when = match Self::get(obj, "when") {
                None => Some(Vec::new()),
                Some(w) => self.condition_list(w, &at(&tloc, "when"), 0, false),
            };
            if when.as_ref().is_some_and(Vec::is_empty) && catch_all.is_none() {
                catch_all = Some(i);
            }
            let share = match Self::get(obj, "course_cost_share_pct") {
                None => {
                    self.missing(&tloc, "course_cost_share_pct");
                    None
                }
                Some(v) => self.percent(v, &at(&tloc, "course_cost_share_pct")),
            };
            let wage = Self::get(obj, "wage_subsidy_pct")
                .map(|v| self.percent(v, &at(&tloc, "wage_subsidy_pct")));
            let flat = Self::get(obj, "flat_grant_eur")
                .map(|v| self.euros(v, &at(&tloc, "flat_grant_eur")));
            let max = Self::get(obj, "max_eur").map(|v| self.euros(v, &at(&tloc, "max_eur")));
            let note_de = self.text(obj, &tloc, "note_de", true);
            let note_en = self.text(obj, &tloc, "note_en", true);
            if self.errors.len() != before {
                continue;
            }
            if let (Some(when), Some(share), Some(note_de), Some(note_en)) =
                (when, share, note_de, note_en)
            {
                out.push(BenefitTier {
                    when,
                    course_cost_share_pct: share,
                    wage_subsidy_pct: wage.flatten(),
                    flat_grant_eur: flat.flatten(),
                    max_eur: max.flatten(),
                    note_de,
                    note_en,
                });
            }
        }
        Some(out)
    }

    /// `in_group`: children of `any_of`/`all_of` must not be empty lists and
    /// their messages are optional.
    fn condition_list(
        &mut self,
        v: &Value,
        loc: &str,
        depth: usize,
        in_group: bool,
    ) -> Option<Vec<Condition>> {
        let items = self.array(v, loc)?;
        if in_group && items.is_empty() {
            self.push(
                loc.to_owned(),
                "rules.empty_group",
                "Eine „any_of“/„all_of“-Gruppe braucht mindestens eine Bedingung.".into(),
                "An \"any_of\"/\"all_of\" group needs at least one condition.".into(),
            );
            return None;
        }
        let before = self.errors.len();
        let out: Vec<Option<Condition>> = items
            .iter()
            .enumerate()
            .map(|(i, item)| self.condition(item, &idx(loc, i), depth, !in_group))
            .collect();
        if self.errors.len() != before {
            return None;
        }
        out.into_iter().collect()
    }

    fn condition(
        &mut self,
        v: &Value,
        loc: &str,
        depth: usize,
        top_level: bool,
    ) -> Option<Condition> {
        let obj = self.object(v, loc)?;
        let shapes: Vec<&str> = ["fact", "any_of", "all_of"]
            .into_iter()
            .filter(|k| obj.contains_key(*k))
            .collect();
        // The condition itself is checked before its messages so errors read
        // in the order the administrator wrote the fields.
        let built = match shapes.as_slice() {
            ["fact"] => {
                self.unknown_fields(obj, loc, FACT_TEST_FIELDS);
                self.fact_test(obj, loc)
                    .map(|(fact, op, value)| (Some((fact, op, value)), None))
            }
            [group] => {
                let group = *group;
                self.unknown_fields(obj, loc, &[group, "message_de", "message_en"]);
                if depth >= MAX_NESTING {
                    self.push(
                        at(loc, group),
                        "rules.nesting_too_deep",
                        format!(
                            "Gruppen dürfen höchstens {MAX_NESTING} Ebenen tief verschachtelt sein."
                        ),
                        format!("Groups may be nested at most {MAX_NESTING} levels deep."),
                    );
                    None
                } else {
                    obj.get(group)
                        .and_then(|v| self.condition_list(v, &at(loc, group), depth + 1, true))
                        .map(|children| (None, Some((group == "any_of", children))))
                }
            }
            _ => {
                self.push(
                    loc.to_owned(),
                    "rules.condition_shape",
                    "Eine Bedingung braucht genau eines der Felder „fact“ (mit „op“ und „value“), „any_of“ oder „all_of“.".into(),
                    "A condition needs exactly one of \"fact\" (with \"op\" and \"value\"), \"any_of\" or \"all_of\".".into(),
                );
                return None;
            }
        };
        let message_de = self
            .text(obj, loc, "message_de", top_level)
            .unwrap_or_default();
        let message_en = self
            .text(obj, loc, "message_en", top_level)
            .unwrap_or_default();
        match built? {
            (Some((fact, op, value)), _) => Some(Condition::Fact {
                fact,
                op,
                value,
                message_de,
                message_en,
            }),
            (None, Some((true, any_of))) => Some(Condition::AnyOf {
                any_of,
                message_de,
                message_en,
            }),
            (None, Some((false, all_of))) => Some(Condition::AllOf {
                all_of,
                message_de,
                message_en,
            }),
            (None, None) => None,
        }
    }

    fn fact_test(
        &mut self,
        obj: &Map<String, Value>,
        loc: &str,
    ) -> Option<(String, Op, RuleValue)> {
        let fact = self.text(obj, loc, "fact", true);
        let kind = fact.as_deref().and_then(|f| {
            let kind = lookup(&Facts::default(), f).map(|(k, _)| k);
            if kind.is_none() {
                self.unknown_fact(f, &at(loc, "fact"));
            }
            kind
        });
        let op = match Self::get(obj, "op") {
            None => {
                self.missing(loc, "op");
                None
            }
            Some(Value::String(s)) => {
                let op = Op::parse(s);
                if op.is_none() {
                    let names: Vec<&str> = Op::ALL.iter().map(|(n, _)| *n).collect();
                    let hint = suggest(s, &names);
                    self.push(
                        at(loc, "op"),
                        "rules.unknown_op",
                        format!(
                            "Unbekannter Operator „{s}“.{} Erlaubt: {}.",
                            hint_de(&hint),
                            names.join(", ")
                        ),
                        format!(
                            "Unknown operator \"{s}\".{} Allowed: {}.",
                            hint_en(&hint),
                            names.join(", ")
                        ),
                    );
                }
                op
            }
            Some(other) => {
                self.wrong_type(&at(loc, "op"), Expected::Text, other);
                None
            }
        };
        let value = Self::get(obj, "value");
        if value.is_none() {
            self.missing(loc, "value");
        }
        let (fact, kind, op, value) = (fact?, kind?, op?, value?);
        if !kind.allows(op) {
            self.push(
                at(loc, "op"),
                "rules.op_not_allowed",
                format!(
                    "Operator „{}“ passt nicht zum Fakt „{fact}“ ({}); erlaubt: {}.",
                    op.as_str(),
                    kind.label_de(),
                    kind.allowed_ops()
                ),
                format!(
                    "Operator \"{}\" does not fit fact \"{fact}\" ({}); allowed: {}.",
                    op.as_str(),
                    kind.label_en(),
                    kind.allowed_ops()
                ),
            );
            return None;
        }
        let vloc = at(loc, "value");
        let value = if matches!(op, Op::In | Op::NotIn) {
            let Value::Array(items) = value else {
                self.wrong_type(&vloc, Expected::Array, value);
                return None;
            };
            if items.is_empty() {
                self.push(
                    vloc,
                    "rules.empty_list",
                    format!(
                        "Für „{}“ muss die Liste mindestens einen Wert enthalten.",
                        op.as_str()
                    ),
                    format!(
                        "For \"{}\" the list must contain at least one value.",
                        op.as_str()
                    ),
                );
                return None;
            }
            let before = self.errors.len();
            let values: Vec<Option<RuleValue>> = items
                .iter()
                .enumerate()
                .map(|(i, item)| self.scalar(&fact, kind, item, &idx(&vloc, i)))
                .collect();
            if self.errors.len() != before {
                return None;
            }
            RuleValue::List(values.into_iter().collect::<Option<Vec<_>>>()?)
        } else {
            self.scalar(&fact, kind, value, &vloc)?
        };
        Some((fact, op, value))
    }

    fn unknown_fact(&mut self, f: &str, loc: &str) {
        if f == "today" {
            self.push(
                loc.to_owned(),
                "rules.unknown_fact",
                "„today“ ist nicht in Bedingungen nutzbar; verwenden Sie „valid_from“/„valid_until“.".into(),
                "\"today\" cannot be used in conditions; use \"valid_from\"/\"valid_until\".".into(),
            );
            return;
        }
        let hint = suggest(f, FACT_NAMES);
        self.push(
            loc.to_owned(),
            "rules.unknown_fact",
            format!(
                "Unbekannter Fakt „{f}“.{} Erlaubt: {}.",
                hint_de(&hint),
                FACT_NAMES.join(", ")
            ),
            format!(
                "Unknown fact \"{f}\".{} Allowed: {}.",
                hint_en(&hint),
                FACT_NAMES.join(", ")
            ),
        );
    }

    fn scalar(&mut self, fact: &str, kind: FactKind, v: &Value, loc: &str) -> Option<RuleValue> {
        let (expected_de, expected_en) = match (kind, v) {
            (FactKind::Bool, Value::Bool(b)) => return Some(RuleValue::Bool(*b)),
            (FactKind::Number, Value::Number(n)) => {
                return n.as_f64().map(RuleValue::Number);
            }
            (FactKind::State, Value::String(s)) => {
                let code = s.trim().to_ascii_uppercase();
                if STATE_CODES.contains(&code.as_str()) {
                    return Some(RuleValue::Text(code));
                }
                self.push(
                    loc.to_owned(),
                    "rules.invalid_state",
                    format!(
                        "„{s}“ ist kein Länderkürzel; erlaubt: {}.",
                        STATE_CODES.join(", ")
                    ),
                    format!(
                        "\"{s}\" is not a state code; allowed: {}.",
                        STATE_CODES.join(", ")
                    ),
                );
                return None;
            }
            (FactKind::Bool, _) => (Expected::Bool.de(), Expected::Bool.en()),
            (FactKind::Number, _) => (Expected::Number.de(), Expected::Number.en()),
            (FactKind::State, _) => ("ein Länderkürzel wie \"NW\"", "a state code such as \"NW\""),
        };
        self.push(
            loc.to_owned(),
            "rules.wrong_value_type",
            format!(
                "Der Fakt „{fact}“ braucht {expected_de}, gefunden: {}.",
                found_de(v)
            ),
            format!(
                "Fact \"{fact}\" needs {expected_en}, found {}.",
                found_en(v)
            ),
        );
        None
    }
}

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

/// Outcome for a programme, and for a single condition (`Eligible` = met).
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
    let from = parse_date(&p.valid_from);
    let until = p.valid_until.as_deref().map(parse_date);
    let result = |verdict, de: String, en: String, missing: Vec<String>| ConditionResult {
        fact: "valid".into(),
        verdict,
        message_de: de,
        message_en: en,
        missing_facts: missing,
    };
    let (Some(from), Some(until)) = (from, until.unwrap_or(Some(i32::MAX))) else {
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
fn tier_amounts(tier: &BenefitTier, price: i64) -> (f64, f64, i64) {
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

fn rank(v: Verdict) -> u8 {
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

#[cfg(test)]
mod tests;
