//! Validation of the rules text: strict JSON (no duplicate keys), every
//! field checked against its kind, each problem reported with a location,
//! a stable key and a German and English text.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

use super::*;
use crate::kernel::days::{Day, parse_iso_date};

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
    parse_programmes(include_str!("../../../data/funding/programmes.json")).unwrap_or_default()
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
    ) -> Option<(String, Day)> {
        let s = self.text(obj, loc, key, required)?;
        match parse_iso_date(&s) {
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
