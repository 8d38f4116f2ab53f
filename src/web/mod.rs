//! The HTTP layer shared by all domains: request context (language, user,
//! CSRF), assets, URLs, layout middleware and form helpers.

pub mod assets;
pub mod cache;
pub mod context;
pub mod feed;
pub mod forms;
pub mod i18n;
pub mod layout;
pub mod markdown;
pub mod urls;

use rand::RngCore;
use sha2::{Digest, Sha256};

pub use context::Ctx;

/// Path parameters, for pages and API alike. A segment that does not parse
/// as its type (an id beyond 64 bits, a word where a number belongs) names
/// nothing that exists: the answer is 404 like any other unknown address,
/// not axum's plain-text 400 that the API contract does not know.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(crate::error::AppError))]
pub struct Path<T>(pub T);

impl From<axum::extract::rejection::PathRejection> for crate::error::AppError {
    fn from(_: axum::extract::rejection::PathRejection) -> Self {
        crate::error::AppError::NotFound
    }
}

/// A random token of `bytes` bytes, hex encoded (for ids, codes, sessions).
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

/// Tokens are stored only as their SHA-256 so that a leaked database does not
/// hand out sessions or reset links.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Reads one cookie from the request headers.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Builds a `Set-Cookie` value with the flags every cookie of ours carries.
pub fn set_cookie(name: &str, value: &str, max_age_secs: i64, secure: bool) -> String {
    format!(
        "{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Formats a unix timestamp as `2026-11-23 14:05 UTC`.
pub fn format_time(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| {
            d.format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute] UTC"
            ))
            .ok()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue, header::COOKIE};

    #[test]
    fn reads_cookies_from_several_headers() {
        let mut h = HeaderMap::new();
        h.append(COOKIE, HeaderValue::from_static("a=1; lr_session=abc"));
        h.append(COOKIE, HeaderValue::from_static("lang=en"));
        assert_eq!(cookie(&h, "lr_session"), Some("abc"));
        assert_eq!(cookie(&h, "lang"), Some("en"));
        assert_eq!(cookie(&h, "missing"), None);
    }

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        assert_ne!(random_token(16), random_token(16));
        assert_eq!(random_token(16).len(), 32);
        assert_eq!(token_hash("x"), token_hash("x"));
    }
}
