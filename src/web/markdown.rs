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
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // Entities ("&#60;b") and dropped inline HTML ("<<b>script>") can
    // assemble a tag the author never typed, and one reader of this text
    // (JSON-LD inside a script element) goes through the HTML parser first.
    // A space after `<` keeps the text readable but no longer a tag opening.
    let mut plain = String::with_capacity(words.len());
    let mut chars = words.chars().peekable();
    while let Some(c) = chars.next() {
        plain.push(c);
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
        {
            plain.push(' ');
        }
    }
    plain
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

    /// Found by `cargo fuzz run markdown` (minimised input `&#60;b`).
    #[test]
    fn plain_text_never_assembles_a_tag() {
        assert_eq!(to_plain("&#60;b"), "< b");
        assert_eq!(
            to_plain("&lt;/script&gt;&lt;script&gt;alert(1)"),
            "< /script>< script>alert(1)"
        );
        assert_eq!(to_plain("<<b>script>x</b>"), "< script>x");
        assert_eq!(to_plain("`<!--` und a < b"), "< !-- und a < b");
    }
}
