//! User-written Markdown to safe HTML. Everything people write that becomes
//! HTML goes through here: Markdown is rendered, then the HTML is cleaned
//! with an allow-list (no scripts, no styles, no event handlers, links get
//! `rel="noopener noreferrer nofollow"`).

use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser, html};

/// Built once: setting up the allow-lists costs more than cleaning a short
/// comment (an idea page with 200 comments: 1.8 ms → 0.7 ms, benches/ideas.rs).
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer nofollow"));
    b
});

/// Renders `text` and sanitises the result.
pub fn to_safe_html(text: &str) -> String {
    let mut raw = String::new();
    html::push_html(
        &mut raw,
        Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES),
    );
    CLEANER.clean(&raw).to_string()
}

/// The text without Markdown, for search, feeds and meta descriptions.
pub fn to_plain(text: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut out = String::new();
    for ev in Parser::new(text) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed_and_markdown_kept() {
        let html = to_safe_html(
            "**Inhalt**\n\n- SPS\n- HMI\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n\nSiehe [x](javascript:alert(1)) und [Plan](https://example.org/plan)",
        );
        assert!(html.contains("<strong>Inhalt</strong>"));
        assert!(html.contains("<li>SPS</li>"));
        assert!(
            html.contains(r#"href="https://example.org/plan""#),
            "{html}"
        );
        for bad in ["<script", "onerror", "href=\"javascript"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            to_plain("# Titel\n\n**fett** und *kursiv*\n- a\n- b"),
            "Titel fett und kursiv a b"
        );
    }
}
