//! Atom feeds (RFC 4287): the catalog's new offerings and the network's new
//! ideas share this writer.

use axum::{
    http::header,
    response::{IntoResponse, Response},
};

pub struct Entry {
    pub title: String,
    /// Path of the entry's page (also its id, with the base URL).
    pub path: String,
    pub published: i64,
    pub updated: i64,
    pub author: String,
    pub summary: String,
}

pub fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn rfc3339(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// The feed document; `self_path` is the feed's own path, `page_path` the
/// HTML page it mirrors.
pub fn atom(
    base: &str,
    title: &str,
    self_path: &str,
    page_path: &str,
    entries: &[Entry],
) -> Response {
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or_else(crate::db::now);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\">\n<title>{}</title>\n<id>{base}{self_path}</id>\n<link rel=\"self\" href=\"{base}{self_path}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}{page_path}\"/>\n<updated>{}</updated>\n",
        xml(title),
        rfc3339(updated),
    );
    for e in entries {
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{base}{}</id>\n<link href=\"{base}{}\"/>\n<published>{}</published>\n<updated>{}</updated>\n<author><name>{}</name></author>\n<summary>{}</summary>\n</entry>\n",
            xml(&e.title),
            e.path,
            e.path,
            rfc3339(e.published),
            rfc3339(e.updated),
            xml(&e.author),
            xml(&e.summary),
        ));
    }
    out.push_str("</feed>\n");
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        out,
    )
        .into_response()
}
