//! User Markdown: `web::markdown::to_safe_html` and `to_plain`. Besides not
//! crashing, checks that the sanitised HTML carries no script, no event
//! handler and no URL outside the allowed schemes, and that `to_plain`
//! never builds a tag that was not already in the input.
#![no_main]

use lernregion::web::markdown::{to_plain, to_safe_html};
use libfuzzer_sys::fuzz_target;

/// The tags of serialised HTML as (name, [(attribute, value)]), all
/// lower-cased. Attribute values are double-quoted by the serialiser and
/// may contain `>`, so quotes are tracked.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let mut end = rest.len();
        let mut in_quote = false;
        for (i, c) in rest.char_indices() {
            match c {
                '"' => in_quote = !in_quote,
                '>' if !in_quote => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let inner = &rest[..end];
        rest = &rest[end.min(rest.len())..];
        let inner = inner.trim_start_matches('/');
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_lowercase();
        let mut attrs = Vec::new();
        let mut a = &inner[name_end..];
        loop {
            a = a.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if a.is_empty() {
                break;
            }
            let key_end = a
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(a.len());
            let key = a[..key_end].to_lowercase();
            a = &a[key_end..];
            let mut value = String::new();
            if let Some(v) = a.strip_prefix('=') {
                if let Some(v) = v.strip_prefix('"') {
                    let close = v.find('"').unwrap_or(v.len());
                    value = v[..close].to_owned();
                    a = &v[(close + 1).min(v.len())..];
                } else {
                    let close = v.find(char::is_whitespace).unwrap_or(v.len());
                    value = v[..close].to_owned();
                    a = &v[close..];
                }
            }
            // Undo the serialiser's escaping to see the value the browser sees.
            let value = value
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&nbsp;", "\u{a0}")
                .replace("&amp;", "&");
            attrs.push((key, value.to_lowercase()));
        }
        out.push((name, attrs));
    }
    out
}

/// The scheme of a URL as a browser would read it (it drops ASCII tabs and
/// line breaks anywhere and leading spaces and controls), if it has one.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let before = &cleaned[..colon];
    // Anything else before the colon makes it a relative URL, which the
    // browser resolves against the page (URL Standard, scheme state).
    let is_scheme = before.starts_with(|c: char| c.is_ascii_alphabetic())
        && before
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then(|| before.to_owned())
}

/// `<name` / `</name` / `<!` openings that a browser would take as markup.
fn tag_openings(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        if chars[i] != '<' {
            continue;
        }
        let mut j = i + 1;
        if chars.get(j) == Some(&'/') {
            j += 1;
        }
        if chars.get(j) == Some(&'!') {
            out.push(chars[i..=j].iter().collect::<String>());
            continue;
        }
        if !chars.get(j).is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        while chars.get(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
            j += 1;
        }
        out.push(chars[i..j].iter().collect::<String>().to_lowercase());
    }
    out
}

fuzz_target!(|data: &[u8]| {
    // Markdown arrives through form fields, which axum decodes as UTF-8.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let html = to_safe_html(text);
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "script tag in {html:?}");
    for (name, attrs) in tags(&html) {
        assert!(!name.starts_with("script"), "script tag in {html:?}");
        for (key, value) in attrs {
            assert!(!key.starts_with("on"), "event handler {key} in {html:?}");
            if matches!(key.as_str(), "href" | "src") {
                // Only the scheme position runs code; `javascript:` later in
                // a relative or http(s) URL is inert (`+"javascript:x"`).
                assert_ne!(
                    scheme(&value).as_deref(),
                    Some("javascript"),
                    "javascript: URL in {html:?}"
                );
                if let Some(s) = scheme(&value) {
                    assert!(
                        matches!(s.as_str(), "http" | "https" | "mailto"),
                        "scheme {s:?} in {html:?}"
                    );
                }
            }
        }
    }
    let plain = to_plain(text);
    let input_lower = text.to_lowercase();
    for opening in tag_openings(&plain) {
        assert!(
            input_lower.contains(&opening),
            "to_plain made {opening:?} out of {text:?}: {plain:?}"
        );
    }
});
