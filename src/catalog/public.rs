//! What everyone sees of an offering: its page with schema.org JSON-LD and
//! the Atom feed of a network's new offerings.

use crate::web::Path;
use askama::Template;
use askama_web::WebTemplate;
use axum::{extract::State, response::Response};
use serde_json::json;

use super::queries::{self, OfferingRow};
use crate::{
    competences::queries::CompetenceRow,
    error::{AppError, AppResult},
    ids::OfferingId,
    kernel::{days::format_date, money::euros},
    networks::load_network,
    regions::district_name,
    state::AppState,
    web::{Ctx, feed, markdown, urls},
};

/// One competence an offering builds, with its name.
pub struct Builds {
    pub competence: CompetenceRow,
    pub level: i64,
}

pub fn hours(h: f64) -> String {
    if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h:.1}").replace('.', ",")
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "catalog/offering.html")]
pub struct OfferingPage {
    pub c: Ctx,
    pub o: OfferingRow,
    pub builds: Vec<Builds>,
    pub description_html: String,
    pub json_ld: String,
    pub may_edit: bool,
}

impl OfferingPage {
    fn end(&self) -> String {
        self.o.end_day.map(format_date).unwrap_or_default()
    }
    fn price(&self) -> String {
        if self.o.price_cents == 0 {
            self.c.t("offering-free")
        } else {
            euros(self.o.price_cents)
        }
    }
    fn hours_total(&self) -> String {
        hours(self.o.hours_total)
    }
    fn hours_per_week(&self) -> String {
        self.o.hours_per_week.map(hours).unwrap_or_default()
    }
    fn district(&self) -> String {
        self.o
            .district_ags
            .as_deref()
            .map(district_name)
            .unwrap_or_default()
    }
    fn name<'a>(&self, c: &'a CompetenceRow) -> &'a str {
        c.name(self.c.lang)
    }
}

/// schema.org Course with one CourseInstance; `<` is escaped so the text
/// cannot close the script element it is embedded in.
pub fn json_ld(o: &OfferingRow, builds: &[Builds], base_url: &str) -> String {
    let format = o.format;
    let mut instance = json!({
        "@type": "CourseInstance",
        "courseMode": format.course_mode(),
        "courseWorkload": format!("PT{}H", hours(o.hours_total).replace(',', ".")),
        "inLanguage": o.language,
        "maximumAttendeeCapacity": o.max_participants,
        "offers": {"@type": "Offer", "price": format!("{:.2}", o.price_cents as f64 / 100.0), "priceCurrency": "EUR"},
    });
    if let Some(d) = o.start_day {
        instance["startDate"] = json!(format_date(d));
    }
    if let Some(d) = o.end_day {
        instance["endDate"] = json!(format_date(d));
    }
    if !o.schedule.is_empty() {
        instance["courseSchedule"] = json!({"@type": "Schedule", "description": o.schedule});
    }
    if !format.is_online() {
        instance["location"] = json!({"@type": "Place", "address": {
            "@type": "PostalAddress", "streetAddress": o.street, "postalCode": o.postal_code,
            "addressLocality": o.city, "addressCountry": "DE"}});
        if let (Some(lat), Some(lon)) = (o.lat, o.lon) {
            instance["location"]["geo"] =
                json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon});
        }
    }
    let mut course = json!({
        "@context": "https://schema.org",
        "@type": "Course",
        "name": o.title,
        "description": markdown::to_plain(&o.description),
        "url": format!("{base_url}{}", urls::offering(&o.id)),
        "provider": {"@type": "Organization", "name": o.provider_name},
        "teaches": builds.iter().map(|b| json!({
            "@type": "DefinedTerm", "termCode": b.competence.code, "name": b.competence.name_de,
            "educationalLevel": b.level})).collect::<Vec<_>>(),
        "hasCourseInstance": [instance],
    });
    if !o.external_id.is_empty() {
        course["courseCode"] = json!(o.external_id);
    }
    if !o.certificate.is_empty() {
        course["educationalCredentialAwarded"] = json!(o.certificate);
    }
    course.to_string().replace('<', "\\u003c")
}

pub async fn builds_of(state: &AppState, id: OfferingId) -> AppResult<Vec<Builds>> {
    let rows = queries::competences_of(&state.db, &[id]).await?;
    let ids: Vec<_> = rows.iter().map(|r| r.competence_id).collect();
    let competences = crate::competences::queries::competences_by_ids(&state.db, &ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let competence = competences
                .iter()
                .find(|c| c.id == r.competence_id)?
                .clone();
            Some(Builds {
                competence,
                level: r.level,
            })
        })
        .collect())
}

pub async fn show(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<OfferingId>,
) -> AppResult<OfferingPage> {
    let o = queries::offering(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let may_edit = c.user.as_ref().is_some_and(|u| {
        u.org_role(o.provider_id) == Some(crate::auth::domain::OrgRole::Admin) || u.is_admin
    });
    // Withdrawn offerings are gone for everyone but their provider.
    if !o.is_published() && !may_edit {
        return Err(AppError::NotFound);
    }
    let builds = builds_of(&state, id).await?;
    Ok(OfferingPage {
        description_html: markdown::to_safe_html(&o.description),
        json_ld: json_ld(&o, &builds, &state.settings.base_url),
        c,
        o,
        builds,
        may_edit,
    })
}

/// Atom feed of the 50 newest offerings of a network.
pub async fn feed(State(state): State<AppState>, Path(slug): Path<String>) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    let rows = queries::recent(&state.db, network.id, 50).await?;
    let entries: Vec<feed::Entry> = rows
        .iter()
        .map(|r| {
            let summary = markdown::to_plain(&r.description);
            let when = r
                .start_day
                .map(format_date)
                .unwrap_or_else(|| "jederzeit".into());
            feed::Entry {
                title: r.title.clone(),
                path: urls::offering(&r.id),
                published: r.created_at,
                updated: r.updated_at,
                author: r.provider_name.clone(),
                summary: format!(
                    "Beginn: {when} · {} · {}",
                    r.city,
                    summary.chars().take(300).collect::<String>()
                ),
            }
        })
        .collect();
    Ok(feed::atom(
        &state.settings.base_url,
        &format!("Neue Weiterbildungsangebote – {}", network.name),
        &urls::catalog_feed(&slug),
        &urls::catalog(&slug),
        &entries,
    ))
}
