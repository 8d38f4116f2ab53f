//! A campaign's ideas as CSV and XLSX with every field (what others' exports
//! leave out: place, district, lab, contact, answer, counters), and the
//! network's Atom feed of new public ideas.

use crate::web::Path;
use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};

use super::{
    access::Access,
    queries::{self, IdeaRow},
    rules::Action,
};
use crate::{
    error::{AppError, AppResult},
    ids::IdeaCampaignId,
    networks::load_network,
    state::AppState,
    web::{Ctx, feed, markdown, urls},
};

pub const COLUMNS: [&str; 22] = [
    "id",
    "titel",
    "text",
    "kategorie",
    "status",
    "sichtbarkeit",
    "autor",
    "anonym",
    "ideenwerkstatt",
    "ort",
    "kreis_ags",
    "kreis",
    "breite",
    "laenge",
    "ansprechperson",
    "antwort",
    "kommentare",
    "bewertungen",
    "bewertung_mittel",
    "veroeffentlicht",
    "link",
    "zusammengefuehrt_in",
];

/// One row per idea; the author only where the moderator may know them.
fn rows(a: &Access, ideas: &[IdeaRow], base: &str) -> Vec<Vec<String>> {
    ideas
        .iter()
        .map(|i| {
            let opt = |v: Option<f64>| v.map(|v| format!("{v:.5}")).unwrap_or_default();
            vec![
                i.id.to_string(),
                i.title.clone(),
                i.body.clone(),
                i.category_name.clone().unwrap_or_default(),
                i.answer_status.map_or("new", |s| s.as_str()).to_owned(),
                i.state.as_str().to_owned(),
                a.author_label(i).unwrap_or_default(),
                if i.anonymous { "ja" } else { "nein" }.into(),
                i.lab_title.clone().unwrap_or_default(),
                i.place.clone(),
                i.district_ags.clone().unwrap_or_default(),
                i.district_name(),
                opt(i.lat),
                opt(i.lon),
                i.contact_name.clone().unwrap_or_default(),
                i.answer_text.clone(),
                i.comment_count.to_string(),
                i.rating_count.to_string(),
                i.rating_mean()
                    .map(|m| format!("{m:.2}"))
                    .unwrap_or_default(),
                i.published_date(),
                format!("{base}{}", urls::idea(&i.id)),
                i.merged_into.map(|m| m.to_string()).unwrap_or_default(),
            ]
        })
        .collect()
}

async fn load(
    state: &AppState,
    c: &Ctx,
    id: IdeaCampaignId,
) -> AppResult<(Access, Vec<Vec<String>>)> {
    let a = Access::load(state, c.user.as_ref(), id).await?;
    a.check(Action::Export)?;
    let ideas = queries::campaign_ideas(&state.db, id, true).await?;
    let rows = rows(&a, &ideas, &state.settings.base_url);
    Ok((a, rows))
}

fn attachment(name: &str, ext: &str, content_type: &'static str, body: Vec<u8>) -> Response {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"ideen-{safe}.{ext}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// Text that a spreadsheet would run as a formula is prefixed with an
/// apostrophe (CSV injection).
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

pub async fn csv(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaCampaignId>,
) -> AppResult<Response> {
    let (a, rows) = load(&state, &c, id).await?;
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let fail = |e: ::csv::Error| AppError::Internal(e.into());
    w.write_record(COLUMNS).map_err(fail)?;
    for r in &rows {
        w.write_record(r.iter().map(|s| cell(s))).map_err(fail)?;
    }
    let mut body = "\u{feff}".as_bytes().to_vec();
    body.extend(
        w.into_inner()
            .map_err(|e| AppError::Internal(anyhow::anyhow!(e.to_string())))?,
    );
    Ok(attachment(
        &a.campaign.title,
        "csv",
        "text/csv; charset=utf-8",
        body,
    ))
}

pub async fn xlsx(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<IdeaCampaignId>,
) -> AppResult<Response> {
    let (a, rows) = load(&state, &c, id).await?;
    let fail = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.into());
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Ideen").map_err(fail)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (col, name) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *name, &bold)
            .map_err(fail)?;
    }
    // Counters as numbers, so the sheet can sort and sum them.
    let numeric = [
        "id",
        "kommentare",
        "bewertungen",
        "bewertung_mittel",
        "breite",
        "laenge",
    ];
    for (r, row) in rows.iter().enumerate() {
        for (col, v) in row.iter().enumerate() {
            let (rr, cc) = (r as u32 + 1, col as u16);
            match v.parse::<f64>() {
                Ok(n) if numeric.contains(&COLUMNS[col]) => {
                    sheet.write_number(rr, cc, n).map_err(fail)?
                }
                _ => sheet.write_string(rr, cc, v).map_err(fail)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    let bytes = book.save_to_buffer().map_err(fail)?;
    Ok(attachment(
        &a.campaign.title,
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes,
    ))
}

/// The 50 newest public ideas of the network.
pub async fn feed(State(state): State<AppState>, Path(slug): Path<String>) -> AppResult<Response> {
    let network = load_network(&state.db, &slug).await?;
    let rows = queries::newest_public(&state.db, network.id, 50).await?;
    let entries: Vec<feed::Entry> = rows
        .iter()
        .map(|i| feed::Entry {
            title: i.title.clone(),
            path: urls::idea(&i.id),
            published: i.published_at.unwrap_or(i.created_at),
            updated: i.updated_at,
            author: if i.anonymous {
                "anonym".into()
            } else {
                i.author_name.clone().unwrap_or_default()
            },
            summary: format!(
                "{} · {}",
                i.campaign_title,
                markdown::to_plain(&i.body)
                    .chars()
                    .take(300)
                    .collect::<String>()
            ),
        })
        .collect();
    Ok(feed::atom(
        &state.settings.base_url,
        &format!("Neue Ideen – {}", network.name),
        &urls::ideas_feed(&slug),
        &urls::ideas_map(&slug),
        &entries,
    ))
}
