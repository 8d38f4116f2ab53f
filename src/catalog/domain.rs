//! Offerings as providers describe them, parsed into domain values. The web
//! form, the CSV import and the schema.org JSON import all fill an
//! [`OfferingInput`] of strings and go through [`OfferingInput::parse`], so
//! the three reject the same things with the same messages.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{
    competences::domain::Level,
    ids::CompetenceId,
    kernel::days::{Day, parse_date},
    regions::geocode,
    web::forms::FieldErrors,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    OnSite,
    OnlineLive,
    SelfPaced,
    Blended,
    InCompany,
}

/// Where a provider's upload stands: saving, saved (in the same
/// transaction as its offerings), or failed with nothing saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStatus {
    Running,
    Done,
    Failed,
}

crate::auth::domain::str_enum!(ImportStatus { Running => "running", Done => "done", Failed => "failed" });

/// Whether an offering shows in the catalog. Withdrawn ones stay for
/// their provider (and for what was booked), out of search and lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferingStatus {
    Published,
    Withdrawn,
}

crate::auth::domain::str_enum!(OfferingStatus { Published => "published", Withdrawn => "withdrawn" });

crate::auth::domain::str_enum!(Format {
    OnSite => "on_site",
    OnlineLive => "online_live",
    SelfPaced => "self_paced",
    Blended => "blended",
    InCompany => "in_company",
});

impl Format {
    pub fn message_key(self) -> &'static str {
        match self {
            Format::OnSite => "format-on_site",
            Format::OnlineLive => "format-online_live",
            Format::SelfPaced => "format-self_paced",
            Format::Blended => "format-blended",
            Format::InCompany => "format-in_company",
        }
    }

    /// Online formats have no place; the others need one.
    pub fn is_online(self) -> bool {
        matches!(self, Format::OnlineLive | Format::SelfPaced)
    }

    /// schema.org `courseMode`.
    pub fn course_mode(self) -> &'static str {
        match self {
            Format::OnSite | Format::InCompany => "onsite",
            Format::OnlineLive | Format::SelfPaced => "online",
            Format::Blended => "blended",
        }
    }
}

/// Where an on-site offering takes place, located by postal code.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub district_ags: String,
    pub lat: f64,
    pub lon: f64,
}

/// A valid offering, ready to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewOffering {
    pub external_id: String,
    pub title: String,
    /// Markdown as written; rendered through the sanitiser.
    pub description: String,
    pub competences: Vec<(CompetenceId, Level)>,
    pub format: Format,
    pub start_day: Option<Day>,
    pub end_day: Option<Day>,
    pub schedule: String,
    pub hours_total: f64,
    pub hours_per_week: Option<f64>,
    pub part_time: bool,
    pub evenings: bool,
    pub weekends: bool,
    pub place: Option<Place>,
    pub language: String,
    pub price_cents: i64,
    pub certificate: String,
    pub azav: bool,
    pub step_free: bool,
    pub childcare: bool,
    pub plain_language: bool,
    pub min_participants: i64,
    pub max_participants: i64,
    pub url: String,
}

/// An offering as entered: every field a string, as in a form or a CSV row.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct OfferingInput {
    #[serde(default)]
    pub external_id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// `code:level` pairs (CSV: separated by semicolons).
    #[serde(default)]
    pub competences: Vec<(String, String)>,
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub start_date: String,
    #[serde(default)]
    pub end_date: String,
    #[serde(default)]
    pub schedule: String,
    #[serde(default)]
    pub hours_total: String,
    #[serde(default)]
    pub hours_per_week: String,
    #[serde(default)]
    pub part_time: String,
    #[serde(default)]
    pub evenings: String,
    #[serde(default)]
    pub weekends: String,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub price_eur: String,
    #[serde(default)]
    pub certificate: String,
    #[serde(default)]
    pub azav: String,
    #[serde(default)]
    pub step_free: String,
    #[serde(default)]
    pub childcare: String,
    #[serde(default)]
    pub plain_language: String,
    #[serde(default)]
    pub min_participants: String,
    #[serde(default)]
    pub max_participants: String,
    #[serde(default)]
    pub url: String,
}

/// The framework's competences a provider may name: by code or by id.
pub struct CompetenceLookup {
    by_code: HashMap<String, CompetenceId>,
    by_id: HashMap<i64, CompetenceId>,
}

impl CompetenceLookup {
    pub fn new(competences: impl IntoIterator<Item = (CompetenceId, String)>) -> Self {
        let mut by_code = HashMap::new();
        let mut by_id = HashMap::new();
        for (id, code) in competences {
            by_code.insert(code, id);
            by_id.insert(id.0, id);
        }
        CompetenceLookup { by_code, by_id }
    }

    fn find(&self, s: &str) -> Option<CompetenceId> {
        let s = s.trim();
        self.by_code.get(s).copied().or_else(|| {
            s.parse::<i64>()
                .ok()
                .and_then(|v| self.by_id.get(&v).copied())
        })
    }
}

pub const MAX_COMPETENCES: usize = 8;
const MAX_HOURS: f64 = 5000.0;
const MAX_PRICE_CENTS: i64 = 10_000_000;

/// "ja"/"nein", "yes"/"no", "true"/"false", "1"/"0", "on" (checkbox), empty = no.
pub fn parse_flag(s: &str) -> Result<bool, &'static str> {
    match s.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "true" | "1" | "on" | "x" => Ok(true),
        "nein" | "n" | "no" | "false" | "0" | "" => Ok(false),
        _ => Err("flag-invalid"),
    }
}

/// A German or plain decimal number: "1.250,50", "1250,5", "1250.50", "1250".
pub fn parse_decimal(s: &str) -> Option<f64> {
    let t = s.trim().trim_end_matches('€').trim();
    if t.is_empty() {
        return None;
    }
    let normalised = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else if t.matches('.').count() > 1 || t.rsplit_once('.').is_some_and(|(_, d)| d.len() == 3) {
        // "1.250" is a thousands separator, not a decimal point.
        t.replace('.', "")
    } else {
        t.to_owned()
    };
    normalised
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
}

pub fn parse_price_cents(s: &str) -> Result<i64, &'static str> {
    if s.trim().is_empty() {
        return Ok(0);
    }
    let euros = parse_decimal(s).ok_or("price-invalid")?;
    let cents = (euros * 100.0).round();
    if cents > MAX_PRICE_CENTS as f64 {
        return Err("price-invalid");
    }
    Ok(cents as i64)
}

fn parse_hours(s: &str, required: bool) -> Result<Option<f64>, &'static str> {
    if s.trim().is_empty() {
        return if required {
            Err("field-required")
        } else {
            Ok(None)
        };
    }
    parse_decimal(s)
        .filter(|h| *h > 0.0 && *h <= MAX_HOURS)
        .map(Some)
        .ok_or("hours-invalid")
}

fn parse_count(s: &str, default: i64) -> Result<i64, &'static str> {
    if s.trim().is_empty() {
        return Ok(default);
    }
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=10_000).contains(n))
        .ok_or("participants-invalid")
}

fn text(s: &str, max: usize, required: bool) -> Result<String, &'static str> {
    if required {
        crate::web::forms::required_text(s, max)
    } else {
        crate::web::forms::optional_text(s, max)
    }
}

fn parse_url(s: &str) -> Result<String, &'static str> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    match url::Url::parse(t) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && t.len() <= 500 => Ok(t.to_owned()),
        _ => Err("url-invalid"),
    }
}

fn parse_language(s: &str) -> Result<String, &'static str> {
    let t = s.trim().to_lowercase();
    if t.is_empty() {
        return Ok("de".into());
    }
    if t.len() == 2 && t.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(t)
    } else {
        Err("language-invalid")
    }
}

impl OfferingInput {
    /// Splits the CSV notation `code:level;code:level`.
    pub fn set_competences_from(&mut self, s: &str) {
        self.competences = s
            .split([';', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once(':') {
                Some((c, l)) => (c.trim().to_owned(), l.trim().to_owned()),
                None => (p.to_owned(), String::new()),
            })
            .collect();
    }

    /// A text field by its form and column name (the import reports the
    /// value it found; the form ticks the yes/no fields).
    pub fn field(&self, name: &str) -> Option<&str> {
        Some(match name {
            "external_id" => &self.external_id,
            "title" => &self.title,
            "format" => &self.format,
            "start_date" => &self.start_date,
            "end_date" => &self.end_date,
            "hours_total" => &self.hours_total,
            "hours_per_week" => &self.hours_per_week,
            "postal_code" => &self.postal_code,
            "city" => &self.city,
            "price_eur" => &self.price_eur,
            "language" => &self.language,
            "min_participants" => &self.min_participants,
            "max_participants" => &self.max_participants,
            "url" => &self.url,
            "part_time" => &self.part_time,
            "evenings" => &self.evenings,
            "weekends" => &self.weekends,
            "azav" => &self.azav,
            "step_free" => &self.step_free,
            "childcare" => &self.childcare,
            "plain_language" => &self.plain_language,
            _ => return None,
        })
    }

    pub fn competences_text(&self) -> String {
        self.competences
            .iter()
            .map(|(c, l)| format!("{c}:{l}"))
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Validates every field and reports all problems at once. `today` keeps
    /// new offerings from starting in the past.
    pub fn parse(
        &self,
        competences: &CompetenceLookup,
        today: Day,
    ) -> Result<NewOffering, FieldErrors> {
        let mut e = FieldErrors::new();
        let external_id = e.check("external_id", text(&self.external_id, 100, false));
        let title = e.check("title", text(&self.title, 200, true));
        let description = e.check("description", text(&self.description, 20_000, false));
        let mut chosen: Vec<(CompetenceId, Level)> = Vec::new();
        if self.competences.iter().all(|(c, _)| c.trim().is_empty()) {
            e.add("competences", "offering-competences-required");
        } else if self.competences.len() > MAX_COMPETENCES {
            e.add("competences", "offering-competences-too-many");
        }
        for (code, level) in self
            .competences
            .iter()
            .filter(|(c, _)| !c.trim().is_empty())
        {
            match (competences.find(code), Level::parse(level)) {
                (None, _) => e.add("competences", "offering-competence-unknown"),
                (_, Err(_)) => e.add("competences", "offering-level-invalid"),
                (Some(_), Ok(l)) if l == Level::NONE => {
                    e.add("competences", "offering-level-invalid")
                }
                (Some(c), Ok(l)) => {
                    if chosen.iter().any(|(x, _)| *x == c) {
                        e.add("competences", "offering-competence-twice");
                    }
                    chosen.push((c, l));
                }
            }
        }
        let format = e.check(
            "format",
            Format::parse(self.format.trim()).ok_or("choice-invalid"),
        );
        let start_day = e.check("start_date", optional_date(&self.start_date));
        let end_day = e.check("end_date", optional_date(&self.end_date));
        if let (Some(Some(s)), Some(Some(end))) = (start_day, end_day)
            && end < s
        {
            e.add("end_date", "end-before-start");
        }
        if let Some(Some(s)) = start_day
            && s < today
        {
            e.add("start_date", "date-in-past");
        }
        let schedule = e.check("schedule", text(&self.schedule, 300, false));
        let hours_total = e.check("hours_total", parse_hours(&self.hours_total, true));
        let hours_per_week = e.check("hours_per_week", parse_hours(&self.hours_per_week, false));
        let part_time = e.check("part_time", parse_flag(&self.part_time));
        let evenings = e.check("evenings", parse_flag(&self.evenings));
        let weekends = e.check("weekends", parse_flag(&self.weekends));
        let street = e.check("street", text(&self.street, 200, false));
        let place = match format {
            Some(f) if f.is_online() => Some(None),
            Some(_) => {
                let city = e.check("city", text(&self.city, 100, true));
                let geo = e.check("postal_code", geocode(&self.postal_code, &self.city));
                match (geo, city, street.clone()) {
                    (Some(g), Some(city), Some(street)) => Some(Some(Place {
                        street,
                        postal_code: g.postal_code,
                        city,
                        district_ags: g.district_ags,
                        lat: g.lat,
                        lon: g.lon,
                    })),
                    _ => None,
                }
            }
            None => None,
        };
        let language = e.check("language", parse_language(&self.language));
        let price_cents = e.check("price_eur", parse_price_cents(&self.price_eur));
        let certificate = e.check("certificate", text(&self.certificate, 200, false));
        let azav = e.check("azav", parse_flag(&self.azav));
        let step_free = e.check("step_free", parse_flag(&self.step_free));
        let childcare = e.check("childcare", parse_flag(&self.childcare));
        let plain_language = e.check("plain_language", parse_flag(&self.plain_language));
        let min_participants = e.check("min_participants", parse_count(&self.min_participants, 1));
        let max_participants = e.check("max_participants", parse_count(&self.max_participants, 20));
        if let (Some(min), Some(max)) = (min_participants, max_participants)
            && min > max
        {
            e.add("max_participants", "participants-min-above-max");
        }
        let url = e.check("url", parse_url(&self.url));
        if !e.is_empty() {
            return Err(e);
        }
        // Every field parsed, so every Option below is Some.
        match (
            external_id,
            title,
            description,
            format,
            start_day,
            end_day,
            schedule,
            hours_total,
            hours_per_week,
            (part_time, evenings, weekends),
            place,
            (language, price_cents, certificate),
            (azav, step_free, childcare, plain_language),
            (min_participants, max_participants, url),
        ) {
            (
                Some(external_id),
                Some(title),
                Some(description),
                Some(format),
                Some(start_day),
                Some(end_day),
                Some(schedule),
                Some(Some(hours_total)),
                Some(hours_per_week),
                (Some(part_time), Some(evenings), Some(weekends)),
                Some(place),
                (Some(language), Some(price_cents), Some(certificate)),
                (Some(azav), Some(step_free), Some(childcare), Some(plain_language)),
                (Some(min_participants), Some(max_participants), Some(url)),
            ) => Ok(NewOffering {
                external_id,
                title,
                description,
                competences: chosen,
                format,
                start_day,
                end_day,
                schedule,
                hours_total,
                hours_per_week,
                part_time,
                evenings,
                weekends,
                place,
                language,
                price_cents,
                certificate,
                azav,
                step_free,
                childcare,
                plain_language,
                min_participants,
                max_participants,
                url,
            }),
            _ => Err(FieldErrors::single("title", "field-required")),
        }
    }
}

fn optional_date(s: &str) -> Result<Option<Day>, &'static str> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(s).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup() -> CompetenceLookup {
        CompetenceLookup::new([
            (CompetenceId(1), "cnc_programming_din66025".to_owned()),
            (CompetenceId(2), "basic_reading".to_owned()),
        ])
    }

    fn good() -> OfferingInput {
        let mut i = OfferingInput {
            title: "CNC-Drehen für Einsteiger".into(),
            format: "on_site".into(),
            start_date: "2027-03-01".into(),
            end_date: "2027-04-30".into(),
            hours_total: "160".into(),
            postal_code: "99734".into(),
            city: "Nordhausen".into(),
            price_eur: "1.250,00".into(),
            azav: "ja".into(),
            min_participants: "6".into(),
            max_participants: "12".into(),
            ..Default::default()
        };
        i.set_competences_from("cnc_programming_din66025:3");
        i
    }

    const TODAY: Day = 20_000; // 2024-10-04

    #[test]
    fn a_complete_offering_parses_and_is_located() {
        let o = good().parse(&lookup(), TODAY).expect("valid");
        assert_eq!(
            o.competences,
            vec![(CompetenceId(1), Level::new(3).expect("level"))]
        );
        assert_eq!(o.price_cents, 125_000);
        assert!(o.azav);
        let place = o.place.expect("on site has a place");
        assert_eq!(place.district_ags, "16062");
    }

    #[test]
    fn online_offerings_need_no_place_and_on_site_ones_do() {
        let mut i = good();
        i.postal_code.clear();
        let e = i.parse(&lookup(), TODAY).expect_err("needs a place");
        assert_eq!(e.get("postal_code"), Some("field-required"));
        i.format = "self_paced".into();
        assert_eq!(i.parse(&lookup(), TODAY).expect("online").place, None);
    }

    #[test]
    fn every_problem_is_reported_on_its_field() {
        let mut i = good();
        i.set_competences_from("unknown_code:3;basic_reading:9");
        i.end_date = "2027-02-01".into();
        i.hours_total = "-3".into();
        i.price_eur = "teuer".into();
        i.azav = "vielleicht".into();
        i.min_participants = "20".into();
        i.url = "javascript:alert(1)".into();
        let e = i.parse(&lookup(), TODAY).expect_err("invalid");
        for (field, key) in [
            ("competences", "offering-competence-unknown"),
            ("end_date", "end-before-start"),
            ("hours_total", "hours-invalid"),
            ("price_eur", "price-invalid"),
            ("azav", "flag-invalid"),
            ("max_participants", "participants-min-above-max"),
            ("url", "url-invalid"),
        ] {
            assert_eq!(e.get(field), Some(key), "{field}");
        }
        let mut past = good();
        past.start_date = "2020-01-01".into();
        past.end_date.clear();
        let e = past.parse(&lookup(), TODAY).expect_err("past");
        assert_eq!(e.get("start_date"), Some("date-in-past"));
    }

    #[test]
    fn decimals_in_german_and_plain_notation() {
        for (s, v) in [
            ("1.250,50", 1250.5),
            ("1250,5", 1250.5),
            ("1250.50", 1250.5),
            ("1.250", 1250.0),
            ("89", 89.0),
            ("12,00 €", 12.0),
        ] {
            assert_eq!(parse_decimal(s), Some(v), "{s}");
        }
        assert_eq!(parse_decimal("-5"), None);
        assert_eq!(parse_price_cents(""), Ok(0));
    }

    #[test]
    fn competences_are_named_once_with_a_level_of_at_least_one() {
        let mut i = good();
        i.set_competences_from("cnc_programming_din66025:3;1:2");
        assert_eq!(
            i.parse(&lookup(), TODAY)
                .expect_err("twice")
                .get("competences"),
            Some("offering-competence-twice")
        );
        i.set_competences_from("basic_reading:0");
        assert_eq!(
            i.parse(&lookup(), TODAY)
                .expect_err("level 0")
                .get("competences"),
            Some("offering-level-invalid")
        );
        i.set_competences_from("");
        assert_eq!(
            i.parse(&lookup(), TODAY)
                .expect_err("none")
                .get("competences"),
            Some("offering-competences-required")
        );
    }
}
