//! Per-request context: language, logged-in user, CSRF token.
//!
//! [`request_context`] runs before every page handler: it resolves the
//! language, loads the session's user with all roles, rejects state-changing
//! requests without a valid CSRF token, and leaves a [`RequestContext`] in the
//! request's extensions. Handlers receive it through the [`Ctx`] extractor.
//!
//! CSRF uses the signed double-submit pattern (OWASP): a random value in an
//! HttpOnly cookie, and in every form an HMAC of that value under the server
//! key. A cross-site page can make the browser send the cookie but can
//! neither read it nor compute the HMAC.

use axum::{
    body::{Body, to_bytes},
    extract::{FromRequestParts, Request, State},
    http::{HeaderValue, Method, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};
use fluent_templates::fluent_bundle::FluentValue;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{cookie, i18n::Lang, random_token, set_cookie, token_hash};
use crate::{
    auth::{self, domain::CurrentUser},
    error::AppError,
    state::AppState,
};

pub const SESSION_COOKIE: &str = "lr_session";
pub const CSRF_COOKIE: &str = "lr_csrf";
pub const LANG_COOKIE: &str = "lang";
/// Name of the hidden form field carrying the CSRF token.
pub const CSRF_FIELD: &str = "_csrf";
/// Forms larger than this are refused before parsing (uploads use multipart
/// and carry the token in the query string).
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone, Debug)]
pub struct RequestContext {
    pub lang: Lang,
    pub user: Option<CurrentUser>,
    pub csrf_token: String,
    pub path: String,
    pub session_token_hash: Option<String>,
    pub notice: Option<String>,
}

/// A confirmation to show after a redirect (`?notice=notice-…`, or a
/// module's own `…-notice-…`). Only known catalogue keys of that shape
/// pass, so a crafted link can neither inject text nor show an error
/// message as a confirmation.
fn notice_from_query(query: Option<&str>, lang: Lang) -> Option<String> {
    let key = serde_urlencoded::from_str::<Vec<(String, String)>>(query?)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "notice")
        .map(|(_, v)| v)?;
    let shaped = key.starts_with("notice-") || key.contains("-notice-");
    (shaped && lang.t(&key) != key).then_some(key)
}

/// The language a request asks for: `lang` cookie, then Accept-Language, then German.
pub fn request_lang(headers: &axum::http::HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(Lang::parse)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

fn sign(secret: &[u8], seed: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
    mac.update(seed.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Finds the CSRF token in the header, the query string or a urlencoded body.
/// Returns the request with its body restored.
async fn provided_csrf(req: Request) -> Result<(Request, Option<String>), AppError> {
    if let Some(v) = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        let v = v.to_owned();
        return Ok((req, Some(v)));
    }
    let from_query = req.uri().query().and_then(|q| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(q)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v)
    });
    if from_query.is_some() {
        return Ok((req, from_query));
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((req, None));
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|pairs| {
            pairs
                .into_iter()
                .find(|(k, _)| k == CSRF_FIELD)
                .map(|(_, v)| v)
        });
    Ok((Request::from_parts(parts, Body::from(bytes)), token))
}

pub async fn request_context(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match build_context(&state, req).await {
        Ok((req, new_seed)) => {
            let mut response = next.run(req).await;
            if let Some(seed) = new_seed {
                let value = set_cookie(
                    CSRF_COOKIE,
                    &seed,
                    60 * 60 * 24 * 365,
                    state.settings.behind_tls(),
                );
                if let Ok(v) = HeaderValue::from_str(&value) {
                    response.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            response
        }
        Err(e) => e.into_response(),
    }
}

async fn build_context(
    state: &AppState,
    req: Request,
) -> Result<(Request, Option<String>), AppError> {
    let headers = req.headers();
    let lang = request_lang(headers);
    let session_token_hash = cookie(headers, SESSION_COOKIE).map(token_hash);
    let user = match &session_token_hash {
        Some(hash) => {
            auth::queries::user_for_session(
                &state.db,
                hash,
                crate::db::now(),
                state.settings.session_limits(),
            )
            .await?
        }
        None => None,
    };
    let existing_seed = cookie(headers, CSRF_COOKIE)
        .filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned);
    let new_seed = existing_seed.is_none().then(|| random_token(32));
    let seed = existing_seed
        .clone()
        .or_else(|| new_seed.clone())
        .unwrap_or_default();
    let csrf_token = sign(&state.secret, &seed);

    let mut req = req;
    // The JSON API authenticates writes with bearer tokens, never with the
    // session cookie, so cross-site requests gain nothing there.
    let exempt = req.uri().path().starts_with("/api/");
    if is_state_changing(req.method()) && !exempt {
        let (restored, provided) = provided_csrf(req).await?;
        req = restored;
        let valid =
            existing_seed.is_some() && provided.is_some_and(|p| constant_time_eq(&p, &csrf_token));
        if !valid {
            return Err(AppError::Csrf);
        }
    }
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".into());
    let notice = notice_from_query(req.uri().query(), lang);
    req.extensions_mut().insert(RequestContext {
        notice,
        lang,
        user: user.clone(),
        csrf_token,
        path,
        session_token_hash: session_token_hash.filter(|_| user.is_some()),
    });
    Ok((req, new_seed))
}

/// Numbers that can pick a plural form, by value or by reference (templates
/// pass either).
pub trait Count {
    fn count(&self) -> i64;
}

macro_rules! impl_count {
    ($($t:ty),+) => {$(
        impl Count for $t {
            fn count(&self) -> i64 { i64::try_from(*self).unwrap_or(i64::MAX) }
        }
        impl Count for &$t {
            fn count(&self) -> i64 { i64::try_from(**self).unwrap_or(i64::MAX) }
        }
    )+};
}
impl_count!(i64, i32, u8, u32, u64, usize);

/// What every page template receives as `c`.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<CurrentUser>,
    pub csrf: String,
    pub path: String,
    pub session_token_hash: Option<String>,
    pub notice: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let rc = parts
            .extensions
            .get::<RequestContext>()
            .cloned()
            .ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!("request_context middleware missing"))
            })?;
        Ok(Ctx {
            lang: rc.lang,
            user: rc.user,
            csrf: rc.csrf_token,
            path: rc.path,
            session_token_hash: rc.session_token_hash,
            notice: rc.notice,
        })
    }
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// A message with a `count` argument (plural forms).
    pub fn t_n(&self, key: &str, count: impl Count) -> String {
        self.lang.t_n(key, count.count())
    }

    /// A message with one named string argument.
    pub fn t_s(&self, key: &str, name: &str, value: &str) -> String {
        self.lang
            .t_args(key, &[(name, FluentValue::from(value.to_owned()))])
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn asset(&self, path: &str) -> String {
        super::assets::url(path)
    }

    pub fn logged_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn user_name(&self) -> &str {
        self.user
            .as_ref()
            .map(|u| u.display_name.as_str())
            .unwrap_or("")
    }

    pub fn is_coordinator(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.is_coordinator_anywhere() || u.is_admin)
    }

    /// Link that switches the language and comes back to this page.
    pub fn switch_lang_url(&self, code: &str) -> String {
        super::urls::language(code, &self.path)
    }

    /// The other language than the current one, for the switcher.
    pub fn other_lang(&self) -> &'static str {
        match self.lang {
            Lang::De => "en",
            Lang::En => "de",
        }
    }

    pub fn require_user(&self) -> Result<&CurrentUser, AppError> {
        self.user.as_ref().ok_or(AppError::Unauthorized)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_depend_on_key_and_seed() {
        assert_eq!(sign(b"k", "a"), sign(b"k", "a"));
        assert_ne!(sign(b"k", "a"), sign(b"k", "b"));
        assert_ne!(sign(b"k", "a"), sign(b"j", "a"));
    }

    #[test]
    fn comparison() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
