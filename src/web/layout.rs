//! Cross-cutting middleware of the web layer: error pages in the visitor's
//! language, security headers, and the language switch.

use askama::Template;
use axum::{
    Json,
    extract::{Query, Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    context::{Ctx, LANG_COOKIE, request_lang},
    forms::FieldErrors,
    i18n::Lang,
    set_cookie, urls,
};
use crate::{error::ErrorInfo, state::AppState};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Ctx,
    status: u16,
    title_key: &'static str,
    message_key: &'static str,
    reference: Option<String>,
}

fn is_api_request(path: &str, headers: &axum::http::HeaderMap) -> bool {
    path.starts_with("/api/")
        || headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"))
}

/// Turns responses that carry an [`ErrorInfo`] into a page (or JSON problem).
pub async fn render_errors(req: Request, next: Next) -> Response {
    let lang = request_lang(req.headers());
    let api = is_api_request(req.uri().path(), req.headers());
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let response = next.run(req).await;
    let status = response.status();
    // Kept on the page or problem document that replaces the response.
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let mut rendered = error_response(response, status, api, lang, path);
    if let Some(v) = retry_after {
        rendered.headers_mut().insert(header::RETRY_AFTER, v);
    }
    rendered
}

fn error_response(
    response: Response,
    status: StatusCode,
    api: bool,
    lang: Lang,
    path: String,
) -> Response {
    let info = match response.extensions().get::<ErrorInfo>().cloned() {
        Some(info) => info,
        // Rejections of axum's extractors and the router's own 404/405 come
        // as bare text; they get the same page (or problem JSON) as ours.
        None if (status.is_client_error() || status.is_server_error())
            && !has_own_body(&response) =>
        {
            ErrorInfo {
                message_key: framework_message(status),
                field_errors: None,
                reference: None,
            }
        }
        None => return response,
    };
    if api {
        return api_error(status, &info, lang);
    }
    if status == StatusCode::UNAUTHORIZED {
        return Redirect::to(&urls::login_next(&path)).into_response();
    }
    let page = ErrorPage {
        c: Ctx {
            lang,
            user: None,
            csrf: String::new(),
            path,
            session_token_hash: None,
            notice: None,
        },
        status: status.as_u16(),
        title_key: match status {
            StatusCode::NOT_FOUND => "error-title-not-found",
            StatusCode::FORBIDDEN => "error-title-forbidden",
            StatusCode::SERVICE_UNAVAILABLE => "error-title-unavailable",
            s if s.is_server_error() => "error-title-internal",
            _ => "error-title-request",
        },
        message_key: info.message_key,
        reference: info.reference,
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "error page failed to render");
            status.into_response()
        }
    }
}

/// Our handlers answer some 4xx with a full page (a form with its errors) or
/// JSON; bare rejections have no body type or plain text.
fn has_own_body(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| !v.starts_with("text/plain"))
}

fn framework_message(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "error-not-found",
        StatusCode::METHOD_NOT_ALLOWED => "error-method",
        StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::UNPROCESSABLE_ENTITY => {
            "error-json-invalid"
        }
        StatusCode::REQUEST_TIMEOUT | StatusCode::SERVICE_UNAVAILABLE => "error-internal",
        s if s.is_server_error() => "error-internal",
        _ => "error-bad-request",
    }
}

/// A JSON problem document (RFC 9457 shape) with translated messages.
fn api_error(status: StatusCode, info: &ErrorInfo, lang: Lang) -> Response {
    let fields = info.field_errors.as_ref().map(|errs: &FieldErrors| {
        errs.iter()
            .map(|(field, key)| {
                (
                    field.to_owned(),
                    serde_json::json!({"code": key, "message": lang.t(key)}),
                )
            })
            .collect::<serde_json::Map<_, _>>()
    });
    let body = serde_json::json!({
        "status": status.as_u16(),
        "code": info.message_key,
        "title": lang.t(info.message_key),
        "errors": fields,
        "reference": info.reference,
    });
    let mut response = (status, Json(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// Headers every response carries. The CSP allows no inline script or style
/// and no other origin except a configured map tile server.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let tiles = state
        .settings
        .tile_url
        .as_deref()
        .and_then(|u| url::Url::parse(&u.replace(['{', '}'], "")).ok())
        .map(|u| format!(" {}", u.origin().ascii_serialization()))
        .unwrap_or_default();
    let csp = format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{tiles}; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    );
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if state.settings.behind_tls() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

#[derive(Deserialize)]
pub struct LanguageQuery {
    lang: String,
    #[serde(default)]
    next: String,
}

/// The one decision on where a `next` parameter may send someone: a path on
/// this site, or the home page. Browsers drop tabs and line breaks from
/// URLs and read `\\` as `/`, so `/\t/evil.example` would become the
/// scheme-relative `//evil.example`; such input is refused as a whole rather
/// than cleaned, and so are dot segments, which could fold a path into
/// `//`. What remains is percent-encoded where a header cannot carry it.
pub fn safe_next(next: &str) -> String {
    local_path(next).unwrap_or_else(urls::home)
}

fn local_path(next: &str) -> Option<String> {
    let path_end = next.find(['?', '#']).unwrap_or(next.len());
    let path = &next[..path_end];
    let refused = !path.starts_with('/')
        || next.chars().any(|c| c.is_control() || c == '\\')
        || path.contains("//")
        || path
            .split('/')
            .map(|segment| segment.to_ascii_lowercase().replace("%2e", "."))
            .any(|segment| segment == "." || segment == "..");
    if refused {
        return None;
    }
    let mut out = String::with_capacity(next.len());
    for c in next.chars() {
        if c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '`' | '{' | '}' | '|' | '^') {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    Some(out)
}

/// `GET /sprache?lang=en&next=/…`: remembers the language in a cookie and
/// returns to the page. A plain link, so it works without JavaScript.
pub async fn switch_language(
    State(state): State<AppState>,
    Query(q): Query<LanguageQuery>,
) -> Response {
    let lang = Lang::parse(&q.lang).unwrap_or_default();
    let mut response = Redirect::to(&safe_next(&q.next)).into_response();
    let cookie = set_cookie(
        LANG_COOKIE,
        lang.code(),
        60 * 60 * 24 * 365,
        state.settings.behind_tls(),
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

pub async fn not_found() -> crate::error::AppError {
    crate::error::AppError::NotFound
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_redirects() {
        let home = "/";
        let table: &[(&str, &str)] = &[
            ("/n/x", "/n/x"),
            ("/n/x?tab=1#teil", "/n/x?tab=1#teil"),
            ("/suche?q=a//b", "/suche?q=a//b"),
            ("", home),
            ("n/x", home),
            ("//evil.example", home),
            ("///evil.example", home),
            ("https://evil.example", home),
            ("javascript:alert(1)", home),
            ("/\\evil.example", home),
            ("\\\\evil.example", home),
            ("/\t/evil.example/", home),
            ("/\n/evil.example", home),
            ("/\r\nSet-Cookie: x=1", home),
            ("/\u{0}", home),
            ("/\u{7f}/evil.example", home),
            ("/\u{85}/evil.example", home),
            ("/./evil.example", home),
            ("/.//evil.example", home),
            ("/a/../../evil.example", home),
            ("/a/b/..", home),
            ("/a/%2E%2e/b", home),
            ("/%2F/evil.example", "/%2F/evil.example"),
            ("/ideen karte", "/ideen%20karte"),
            ("/bildungsträger", "/bildungstr%C3%A4ger"),
            ("/a\"><script>", "/a%22%3E%3Cscript%3E"),
        ];
        for (input, expected) in table {
            assert_eq!(&super::safe_next(input), expected, "{input:?}");
            assert!(
                axum::http::HeaderValue::from_str(&super::safe_next(input)).is_ok(),
                "{input:?} must make a valid Location header"
            );
        }
    }
}
