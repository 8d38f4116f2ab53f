//! Domain types of idea campaigns and ideas, and the parsing of what people
//! type into them. Pure: handlers and the API both parse through here before
//! anything reaches the database.

use std::collections::HashMap;

use super::rules::{Phase, PhaseDates, Schedule};
use crate::{
    auth::domain::str_enum,
    ids::{IdeaCampaignId, IdeaCategoryId, IdeaLabId, OrganizationId, UserId},
    kernel::days::{Day, format_date, parse_date},
    web::forms::{FieldErrors, optional_text, required_text},
};

pub const TITLE_MAX: usize = 150;
pub const BODY_MAX: usize = 10_000;
pub const COMMENT_MAX: usize = 3_000;
pub const REASON_MAX: usize = 500;
/// Comments can be corrected for this long, then they stand as written
/// (replies may refer to them).
pub const COMMENT_EDIT_SECS: i64 = 15 * 60;
pub const IMAGE_MAX_BYTES: usize = 2 * 1024 * 1024;
pub const STARS_MAX: i64 = 5;
pub const JURY_SCORE_MAX: i64 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampaignKind {
    /// A series of idea labs whose results go on the public map.
    Labs,
    /// A competition with rating and jury.
    Competition,
}
str_enum!(CampaignKind { Labs => "labs", Competition => "competition" });

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdeaState {
    Draft,
    Published,
    /// Hidden by a moderator, with a reason the author sees.
    Hidden,
    /// Folded into another idea as a duplicate.
    Merged,
}
str_enum!(IdeaState { Draft => "draft", Published => "published", Hidden => "hidden", Merged => "merged" });

/// The official answer's status (Decidim's "answer", CONSUL's "status").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerStatus {
    Received,
    Review,
    Accepted,
    WorkingGroup,
    Implemented,
    NotPursued,
}
str_enum!(AnswerStatus {
    Received => "received",
    Review => "review",
    Accepted => "accepted",
    WorkingGroup => "working_group",
    Implemented => "implemented",
    NotPursued => "not_pursued",
});

impl AnswerStatus {
    pub fn message_key(self) -> &'static str {
        match self {
            AnswerStatus::Received => "idea-status-received",
            AnswerStatus::Review => "idea-status-review",
            AnswerStatus::Accepted => "idea-status-accepted",
            AnswerStatus::WorkingGroup => "idea-status-working_group",
            AnswerStatus::Implemented => "idea-status-implemented",
            AnswerStatus::NotPursued => "idea-status-not_pursued",
        }
    }

    /// The key of a stored status, or of "no answer yet".
    pub fn key_of(status: Option<AnswerStatus>) -> &'static str {
        status
            .map(AnswerStatus::message_key)
            .unwrap_or("idea-status-new")
    }
}

/// The five challenges of the NRW "Zukunft der Arbeit" programme: the
/// categories a new campaign starts with.
pub const NRW_CHALLENGES: [&str; 5] = [
    "Potenziale der Digitalisierung erkennen",
    "Beschäftigte und Führungskräfte begeistern",
    "Alle mitnehmen",
    "Attraktiv bleiben als Arbeitgeber und Region",
    "Die richtigen Kompetenzen erkennen und entwickeln",
];

/// A campaign as the form and the API deliver it, all fields as text.
#[derive(Debug, Clone, Default)]
pub struct CampaignForm {
    pub title: String,
    pub description: String,
    pub kind: String,
    /// Empty for a network campaign, else the company's id.
    pub org: String,
    pub contact: String,
    pub moderators_see_authors: bool,
    /// One per line.
    pub categories: String,
    pub criteria: String,
    /// E-mail addresses of jury members, one per line.
    pub jury: String,
    /// `<phase>_starts` / `<phase>_ends` → YYYY-MM-DD.
    pub dates: HashMap<String, String>,
}

impl CampaignForm {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut f = CampaignForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "title" => f.title = v,
                "description" => f.description = v,
                "kind" => f.kind = v,
                "org" => f.org = v,
                "contact" => f.contact = v,
                "moderators_see_authors" => f.moderators_see_authors = !v.is_empty(),
                "categories" => f.categories = v,
                "criteria" => f.criteria = v,
                "jury" => f.jury = v,
                _ if k.ends_with("_starts") || k.ends_with("_ends") => {
                    f.dates.insert(k, v);
                }
                _ => {}
            }
        }
        f
    }

    pub fn date(&self, phase: Phase, end: bool) -> &str {
        let key = format!("{}_{}", phase.as_str(), if end { "ends" } else { "starts" });
        self.dates.get(&key).map(String::as_str).unwrap_or("")
    }

    /// The form of a stored campaign, for editing.
    pub fn of(c: &NewCampaign) -> Self {
        let mut dates = HashMap::new();
        for p in c.schedule.phases() {
            dates.insert(
                format!("{}_starts", p.phase.as_str()),
                format_date(p.starts),
            );
            dates.insert(format!("{}_ends", p.phase.as_str()), format_date(p.ends));
        }
        CampaignForm {
            title: c.title.clone(),
            description: c.description.clone(),
            kind: c.kind.as_str().to_owned(),
            org: c.org.map(|o| o.to_string()).unwrap_or_default(),
            contact: c.contact.map(|u| u.to_string()).unwrap_or_default(),
            moderators_see_authors: c.moderators_see_authors,
            categories: c.categories.join("\n"),
            criteria: c.criteria.join("\n"),
            jury: c.jury.join("\n"),
            dates,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewCampaign {
    pub title: String,
    pub description: String,
    pub kind: CampaignKind,
    pub org: Option<OrganizationId>,
    pub contact: Option<UserId>,
    pub moderators_see_authors: bool,
    pub categories: Vec<String>,
    pub criteria: Vec<String>,
    pub jury: Vec<String>,
    pub schedule: Schedule,
}

fn lines(s: &str, max_items: usize, max_chars: usize) -> Result<Vec<String>, &'static str> {
    let out: Vec<String> = s
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if out.len() > max_items || out.iter().any(|l| l.chars().count() > max_chars) {
        return Err("field-too-long");
    }
    Ok(out)
}

/// Parses a campaign. `orgs` are the companies the person may run a
/// campaign for, `contacts` the people who may be named as contact.
pub fn parse_campaign(
    f: &CampaignForm,
    orgs: &[OrganizationId],
    network_allowed: bool,
    contacts: &[UserId],
) -> Result<NewCampaign, FieldErrors> {
    let mut e = FieldErrors::new();
    let title = e.check("title", required_text(&f.title, TITLE_MAX));
    let description = e.check("description", optional_text(&f.description, BODY_MAX));
    let kind = e.check(
        "kind",
        CampaignKind::parse(f.kind.trim()).ok_or("choice-invalid"),
    );
    let org = match f.org.trim() {
        "" if network_allowed => Some(None),
        "" => {
            e.add("org", "ideas-campaign-org-required");
            None
        }
        s => match s.parse::<OrganizationId>() {
            Ok(id) if orgs.contains(&id) => Some(Some(id)),
            _ => {
                e.add("org", "choice-invalid");
                None
            }
        },
    };
    let contact = match f.contact.trim() {
        "" => Some(None),
        s => match s.parse::<UserId>() {
            Ok(id) if contacts.contains(&id) => Some(Some(id)),
            _ => {
                e.add("contact", "choice-invalid");
                None
            }
        },
    };
    let categories = e.check("categories", lines(&f.categories, 20, 100));
    let criteria = e.check("criteria", lines(&f.criteria, 10, 100));
    let jury = e
        .check("jury", lines(&f.jury, 30, 254))
        .map(|l| l.into_iter().map(|m| m.to_lowercase()).collect::<Vec<_>>());
    if jury
        .as_ref()
        .is_some_and(|j| j.iter().any(|m| !m.contains('@')))
    {
        e.add("jury", "email-invalid");
    }
    let mut phases = Vec::new();
    for &phase in Phase::ALL {
        let (s, t) = (f.date(phase, false).trim(), f.date(phase, true).trim());
        if s.is_empty() && t.is_empty() {
            continue;
        }
        let field_s: &'static str = phase_field(phase, false);
        let field_e: &'static str = phase_field(phase, true);
        let starts = e.check(field_s, parse_date(s));
        let ends = e.check(field_e, parse_date(t));
        if let (Some(starts), Some(ends)) = (starts, ends) {
            phases.push(PhaseDates {
                phase,
                starts,
                ends,
            });
        }
    }
    let schedule = if e.get("submission_starts").is_none() {
        match Schedule::new(phases) {
            Ok(s) => Some(s),
            Err(err) => {
                let field = match err {
                    super::rules::ScheduleError::Empty => "submission_starts",
                    super::rules::ScheduleError::EndsBeforeStart(p)
                    | super::rules::ScheduleError::OutOfOrder(p) => phase_field(p, false),
                };
                e.add(field, err.message_key());
                None
            }
        }
    } else {
        None
    };
    match (
        title,
        description,
        kind,
        org,
        contact,
        categories,
        criteria,
        jury,
        schedule,
    ) {
        (
            Some(title),
            Some(description),
            Some(kind),
            Some(org),
            Some(contact),
            Some(categories),
            Some(criteria),
            Some(jury),
            Some(schedule),
        ) if e.is_empty() => Ok(NewCampaign {
            title,
            description,
            kind,
            org,
            contact,
            moderators_see_authors: f.moderators_see_authors || org.is_none(),
            categories,
            criteria,
            jury,
            schedule,
        }),
        _ => Err(e),
    }
}

/// The form field of a phase's first or last day.
pub fn phase_field(phase: Phase, end: bool) -> &'static str {
    use Phase::*;
    match (phase, end) {
        (Submission, false) => "submission_starts",
        (Submission, true) => "submission_ends",
        (Discussion, false) => "discussion_starts",
        (Discussion, true) => "discussion_ends",
        (Rating, false) => "rating_starts",
        (Rating, true) => "rating_ends",
        (Jury, false) => "jury_starts",
        (Jury, true) => "jury_ends",
        (Results, false) => "results_starts",
        (Results, true) => "results_ends",
        (Implementation, false) => "implementation_starts",
        (Implementation, true) => "implementation_ends",
    }
}

/// What an idea form delivers, all text (multipart fields).
#[derive(Debug, Clone, Default)]
pub struct IdeaForm {
    pub title: String,
    pub body: String,
    pub category: String,
    pub lab: String,
    pub place: String,
    pub postal_code: String,
    pub lat: String,
    pub lon: String,
    pub contact: String,
    pub anonymous: bool,
    pub image_alt: String,
    /// "draft" keeps it private; anything else publishes.
    pub intent: String,
}

impl IdeaForm {
    pub fn set(&mut self, name: &str, value: String) {
        match name {
            "title" => self.title = value,
            "body" => self.body = value,
            "category" => self.category = value,
            "lab" => self.lab = value,
            "place" => self.place = value,
            "postal_code" => self.postal_code = value,
            "lat" => self.lat = value,
            "lon" => self.lon = value,
            "contact" => self.contact = value,
            "anonymous" => self.anonymous = !value.is_empty(),
            "image_alt" => self.image_alt = value,
            "intent" => self.intent = value,
            _ => {}
        }
    }

    pub fn is_draft(&self) -> bool {
        self.intent == "draft"
    }
}

/// A place on the map with its district.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub lat: f64,
    pub lon: f64,
    pub district: String,
}

/// An image as uploaded: only PNG, JPEG and WebP, recognised by their bytes
/// (the declared type is the uploader's claim, not a fact).
#[derive(Debug, Clone)]
pub struct Image {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

pub fn parse_image(bytes: Vec<u8>) -> Result<Option<Image>, &'static str> {
    if bytes.is_empty() {
        return Ok(None);
    }
    if bytes.len() > IMAGE_MAX_BYTES {
        return Err("upload-too-large");
    }
    let content_type = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "image/webp"
    } else {
        return Err("ideas-image-type");
    };
    Ok(Some(Image {
        content_type,
        bytes,
    }))
}

#[derive(Debug, Clone)]
pub struct NewIdea {
    pub title: String,
    pub body: String,
    pub category: Option<IdeaCategoryId>,
    pub lab: Option<IdeaLabId>,
    pub place: String,
    pub location: Option<Located>,
    pub contact: Option<UserId>,
    pub anonymous: bool,
    pub image_alt: String,
    pub draft: bool,
}

/// Parses an idea. A draft needs only a title; a published idea needs its
/// text too. The place comes from the map position (checked to lie in a
/// German district) or else from the postal code.
pub fn parse_idea(
    f: &IdeaForm,
    categories: &[IdeaCategoryId],
    labs: &[IdeaLabId],
    contacts: &[UserId],
    has_image: bool,
) -> Result<NewIdea, FieldErrors> {
    let mut e = FieldErrors::new();
    let draft = f.is_draft();
    let title = e.check("title", required_text(&f.title, TITLE_MAX));
    let body = e.check(
        "body",
        if draft {
            optional_text(&f.body, BODY_MAX)
        } else {
            required_text(&f.body, BODY_MAX)
        },
    );
    let category = match f.category.trim() {
        "" if categories.is_empty() || draft => None,
        "" => {
            e.add("category", "field-required");
            None
        }
        s => match s.parse::<IdeaCategoryId>() {
            Ok(id) if categories.contains(&id) => Some(id),
            _ => {
                e.add("category", "choice-invalid");
                None
            }
        },
    };
    let lab = match f.lab.trim() {
        "" => None,
        s => match s.parse::<IdeaLabId>() {
            Ok(id) if labs.contains(&id) => Some(id),
            _ => {
                e.add("lab", "choice-invalid");
                None
            }
        },
    };
    let contact = match f.contact.trim() {
        "" => None,
        s => match s.parse::<UserId>() {
            Ok(id) if contacts.contains(&id) => Some(id),
            _ => {
                e.add("contact", "choice-invalid");
                None
            }
        },
    };
    let place = e.check("place", optional_text(&f.place, 200));
    let location = e.check("lat", locate(&f.lat, &f.lon, &f.postal_code));
    let image_alt = e.check("image_alt", optional_text(&f.image_alt, 300));
    if has_image && image_alt.as_deref().is_some_and(str::is_empty) {
        e.add("image_alt", "ideas-image-alt-required");
    }
    if !e.is_empty() {
        return Err(e);
    }
    Ok(NewIdea {
        title: title.unwrap_or_default(),
        body: body.unwrap_or_default(),
        category,
        lab,
        place: place.unwrap_or_default(),
        location: location.flatten(),
        contact,
        anonymous: f.anonymous,
        image_alt: image_alt.unwrap_or_default(),
        draft,
    })
}

fn parse_coordinate(s: &str) -> Option<f64> {
    s.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// A map position wins over a postal code; neither is fine (no place).
pub fn locate(lat: &str, lon: &str, postal_code: &str) -> Result<Option<Located>, &'static str> {
    if !lat.trim().is_empty() || !lon.trim().is_empty() {
        let (Some(lat), Some(lon)) = (parse_coordinate(lat), parse_coordinate(lon)) else {
            return Err("ideas-position-invalid");
        };
        let district =
            crate::regions::locate::district_at(lat, lon).ok_or("ideas-position-outside")?;
        return Ok(Some(Located {
            lat,
            lon,
            district: district.to_owned(),
        }));
    }
    if postal_code.trim().is_empty() {
        return Ok(None);
    }
    let geo = crate::regions::geocode(postal_code, "")?;
    Ok(Some(Located {
        lat: geo.lat,
        lon: geo.lon,
        district: geo.district_ags,
    }))
}

/// A comment's text: required, bounded. Markdown is rendered (sanitised)
/// when shown, so script in it is kept as text and never runs.
pub fn parse_comment(body: &str) -> Result<String, FieldErrors> {
    required_text(body, COMMENT_MAX).map_err(|k| FieldErrors::single("body", k))
}

pub fn parse_stars(s: &str) -> Result<i64, FieldErrors> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|v| (1..=STARS_MAX).contains(v))
        .ok_or_else(|| FieldErrors::single("stars", "ideas-stars-invalid"))
}

/// A lab as entered by the coordinator.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct LabForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub date: String,
    /// HH:MM
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub participants: String,
    #[serde(default)]
    pub campaign: String,
}

#[derive(Debug, Clone)]
pub struct NewLab {
    pub title: String,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub district: String,
    pub participants: Vec<String>,
    pub campaign: Option<IdeaCampaignId>,
}

fn parse_clock(s: &str) -> Option<i64> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m) = (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 3600 + m * 60)
}

/// Times are taken as German local time of the day (CET/CEST); the hour
/// offset is looked up for the date so that a lab at 09:00 is 09:00.
pub fn parse_lab(
    f: &LabForm,
    districts: &[String],
    campaigns: &[IdeaCampaignId],
) -> Result<NewLab, FieldErrors> {
    let mut e = FieldErrors::new();
    let title = e.check("title", required_text(&f.title, TITLE_MAX));
    let description = e.check("description", optional_text(&f.description, BODY_MAX));
    let day: Option<Day> = e.check("date", parse_date(&f.date));
    let from = e.check("from", parse_clock(&f.from).ok_or("ideas-time-invalid"));
    let to = e.check("to", parse_clock(&f.to).ok_or("ideas-time-invalid"));
    if let (Some(a), Some(b)) = (from, to)
        && b <= a
    {
        e.add("to", "ideas-lab-ends-before-start");
    }
    let place = e.check("place", required_text(&f.place, 200));
    let district = match f.district.trim() {
        d if districts.iter().any(|x| x == d) => Some(d.to_owned()),
        "" => {
            e.add("district", "field-required");
            None
        }
        _ => {
            e.add("district", "choice-invalid");
            None
        }
    };
    let participants = e.check("participants", lines(&f.participants, 100, 200));
    let campaign = match f.campaign.trim() {
        "" => Some(None),
        s => match s.parse::<IdeaCampaignId>() {
            Ok(id) if campaigns.contains(&id) => Some(Some(id)),
            _ => {
                e.add("campaign", "choice-invalid");
                None
            }
        },
    };
    match (
        title,
        description,
        day,
        from,
        to,
        place,
        district,
        participants,
        campaign,
    ) {
        (
            Some(title),
            Some(description),
            Some(day),
            Some(from),
            Some(to),
            Some(place),
            Some(district),
            Some(participants),
            Some(campaign),
        ) if e.is_empty() => {
            let offset = german_offset_secs(day);
            Ok(NewLab {
                title,
                description,
                starts_at: day * 86_400 + from - offset,
                ends_at: day * 86_400 + to - offset,
                place,
                district,
                participants,
                campaign,
            })
        }
        _ => Err(e),
    }
}

/// UTC offset of German time on `day`: CEST from the last Sunday of March
/// to the last Sunday of October, else CET. Good to the day, which is all
/// a half-day event needs.
pub fn german_offset_secs(day: Day) -> i64 {
    let date = time::Date::from_julian_day((day + 2_440_588) as i32).ok();
    let Some(date) = date else { return 3600 };
    // The last day of a month of a valid date's year always exists, and the
    // last Sunday lies at most six days before it.
    let last_sunday = |month: time::Month| {
        let last = time::Date::from_calendar_date(date.year(), month, month.length(date.year()))
            .unwrap_or(date);
        let back = i64::from(last.weekday().number_days_from_sunday());
        last.checked_sub(time::Duration::days(back)).unwrap_or(last)
    };
    if date >= last_sunday(time::Month::March) && date < last_sunday(time::Month::October) {
        7200
    } else {
        3600
    }
}

#[cfg(test)]
mod tests;

/// Ideas by their jury result: for each juror the sum over criteria, then
/// the mean over the jurors who scored the idea. Highest first, ties by id.
pub fn jury_ranking(
    scores: &[(crate::ids::IdeaId, i64, UserId, i64)],
) -> Vec<(crate::ids::IdeaId, f64, usize)> {
    use std::collections::BTreeMap;
    let mut per_juror: BTreeMap<(crate::ids::IdeaId, UserId), i64> = BTreeMap::new();
    for (idea, _, user, score) in scores {
        *per_juror.entry((*idea, *user)).or_default() += score;
    }
    let mut per_idea: BTreeMap<crate::ids::IdeaId, (i64, usize)> = BTreeMap::new();
    for ((idea, _), total) in per_juror {
        let e = per_idea.entry(idea).or_default();
        e.0 += total;
        e.1 += 1;
    }
    let mut out: Vec<_> = per_idea
        .into_iter()
        .map(|(idea, (sum, n))| (idea, sum as f64 / n as f64, n))
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// Comments in reading order: each followed by its replies, with depth.
/// Replies deeper than [`MAX_DEPTH`] are shown at that depth.
pub const MAX_DEPTH: usize = 3;

pub fn thread<T>(
    items: &[T],
    id: impl Fn(&T) -> i64,
    parent: impl Fn(&T) -> Option<i64>,
) -> Vec<(usize, usize)> {
    use std::collections::HashMap;
    let mut children: HashMap<Option<i64>, Vec<usize>> = HashMap::new();
    let ids: std::collections::HashSet<i64> = items.iter().map(&id).collect();
    for (i, it) in items.iter().enumerate() {
        // A reply whose parent is gone is shown as a top-level comment.
        let p = parent(it).filter(|p| ids.contains(p));
        children.entry(p).or_default().push(i);
    }
    let mut out = Vec::with_capacity(items.len());
    let mut stack: Vec<(usize, usize)> = children
        .get(&None)
        .map(|v| v.iter().rev().map(|&i| (i, 0)).collect())
        .unwrap_or_default();
    while let Some((i, depth)) = stack.pop() {
        out.push((i, depth.min(MAX_DEPTH)));
        if let Some(kids) = children.get(&Some(id(&items[i]))) {
            stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
        }
    }
    out
}
