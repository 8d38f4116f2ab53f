//! Field errors for forms: a message key per field, rendered next to the field
//! and in the error summary at the top of the form (WCAG 3.3.1, 3.3.3).

use std::collections::BTreeMap;

/// A page answering a submitted form: 200, or 422 when it shows what was
/// wrong (so that clients and tests can tell without reading it).
pub fn page_status(valid: bool) -> axum::http::StatusCode {
    if valid {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<&'static str, &'static str>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: &'static str, key: &'static str) -> Self {
        let mut e = Self::new();
        e.add(field, key);
        e
    }

    /// Keeps the first message for a field: it names the most basic problem.
    pub fn add(&mut self, field: &'static str, key: &'static str) {
        self.0.entry(field).or_insert(key);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The status of the page that shows these errors.
    pub fn status(&self) -> axum::http::StatusCode {
        page_status(self.is_empty())
    }

    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.get(field).copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.0.iter().map(|(f, k)| (*f, *k))
    }

    /// Collects the error of a parse into this set and returns the value, so
    /// that all fields of a form are checked in one pass.
    pub fn check<T>(&mut self, field: &'static str, r: Result<T, &'static str>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(key) => {
                self.add(field, key);
                None
            }
        }
    }

    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

/// Trims and bounds a required free-text field.
pub fn required_text(s: &str, max_chars: usize) -> Result<String, &'static str> {
    let t = s.trim();
    if t.is_empty() {
        Err("field-required")
    } else if t.chars().count() > max_chars {
        Err("field-too-long")
    } else {
        Ok(t.to_owned())
    }
}

/// Trims and bounds an optional free-text field.
pub fn optional_text(s: &str, max_chars: usize) -> Result<String, &'static str> {
    let t = s.trim();
    if t.chars().count() > max_chars {
        Err("field-too-long")
    } else {
        Ok(t.to_owned())
    }
}

/// Largest accepted upload (the shipped framework is about 60 KB; a
/// provider's catalog of a few hundred offerings under 1 MB).
const MAX_UPLOAD: usize = 2 * 1024 * 1024;

/// Reads an upload form: a `format` field and a `file` (or pasted `text`).
pub async fn read_upload(
    mut multipart: axum::extract::Multipart,
    default_format: &str,
) -> Result<(String, String), &'static str> {
    let mut format = default_format.to_owned();
    let mut text = String::new();
    while let Some(field) = multipart.next_field().await.map_err(|_| "upload-failed")? {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(|_| "upload-too-large")?;
        if bytes.len() > MAX_UPLOAD {
            return Err("upload-too-large");
        }
        match name.as_str() {
            "format" => format = String::from_utf8_lossy(&bytes).trim().to_owned(),
            "file" | "text" if !bytes.is_empty() && text.trim().is_empty() => {
                text = String::from_utf8(bytes.to_vec()).map_err(|_| "upload-not-utf8")?;
            }
            _ => {}
        }
    }
    if text.trim().is_empty() {
        return Err("upload-empty");
    }
    Ok((format, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_error_per_field_wins() {
        let mut e = FieldErrors::new();
        e.add("email", "field-required");
        e.add("email", "email-invalid");
        assert_eq!(e.get("email"), Some("field-required"));
    }

    #[test]
    fn text_bounds() {
        assert_eq!(required_text("  ", 5), Err("field-required"));
        assert_eq!(required_text(" äöüßx ", 5).as_deref(), Ok("äöüßx"));
        assert_eq!(required_text("abcdef", 5), Err("field-too-long"));
        assert_eq!(optional_text("", 5).as_deref(), Ok(""));
    }
}
