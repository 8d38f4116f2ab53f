//! Static files (CSS, JS, vendored libraries) embedded in the binary.
//!
//! URLs carry a content hash (`/static/<hash>/css/app.css`) so that they can be
//! cached for a year; a new build changes the hash and thereby the URL.

use crate::web::Path;
use std::{collections::HashMap, sync::LazyLock};

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};

#[derive(RustEmbed)]
#[folder = "static/"]
struct Static;

static HASHES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    Static::iter()
        .filter_map(|name| {
            let file = Static::get(&name)?;
            let hash = hex::encode(&Sha256::digest(&file.data)[..6]);
            Some((name.into_owned(), hash))
        })
        .collect()
});

/// The cache-busting URL of a static file.
pub fn url(path: &str) -> String {
    let hash = HASHES.get(path).map(String::as_str).unwrap_or("0");
    format!("/static/{hash}/{path}")
}

/// Serves `/static/{hash}/{*path}`. Files referenced relatively from a CSS file
/// (Leaflet's images) arrive with the CSS file's hash; they are served all the
/// same, but only cached long when the hash is their own.
pub async fn serve(Path((hash, path)): Path<(String, String)>) -> Response {
    let Some(file) = Static::get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let own_hash = HASHES.get(&path).is_some_and(|h| *h == hash);
    // Another file's hash of this build is a relative reference from a
    // stylesheet; a hash this build does not know is a made-up or stale URL.
    if !own_hash && !HASHES.values().any(|h| *h == hash) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    let cache = if own_hash {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    let mut response = file.data.into_owned().into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(mime.as_ref()) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn urls_carry_a_content_hash() {
        let u = super::url("css/app.css");
        assert!(u.starts_with("/static/") && u.ends_with("/css/app.css"));
        assert!(!u.contains("/0/"), "app.css must be embedded: {u}");
    }
}
