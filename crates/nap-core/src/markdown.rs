//! Markdown of the narrative sections as the app previews it: CommonMark with pipe tables,
//! turned into HTML that is safe to put in the window. Raw HTML is shown as text, links keep
//! only their text (the window must never navigate away) and images only their description
//! (nothing is ever loaded from anywhere).

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

/// The HTML of `markdown`: headings, paragraphs, lists, emphasis, tables, quotes and code.
/// Text is escaped; no element carries an attribute but table alignment.
pub fn to_safe_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut in_image = false;
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => None,
        Event::Start(Tag::Image { .. }) => {
            in_image = true;
            None
        }
        Event::End(TagEnd::Image) => {
            in_image = false;
            None
        }
        // The description of an image stays, as plain text.
        Event::Text(t) if in_image => Some(Event::Text(t)),
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_emphasis_and_tables_become_their_elements() {
        let html = to_safe_html(
            "## Context\n\nWomen hold **21 %** of seats, *rising*.\n\n- one\n- two\n\n| Indicator | Women |\n|---|---:|\n| Police | 9 % |\n",
        );
        for part in [
            "<h2>Context</h2>",
            "<strong>21 %</strong>",
            "<em>rising</em>",
            "<li>one</li>",
            "<table>",
            "<th>Indicator</th>",
            "<td style=\"text-align: right\">9 %</td>",
        ] {
            assert!(html.contains(part), "{part} in {html}");
        }
    }

    #[test]
    fn raw_html_links_and_images_cannot_reach_out_of_the_text() {
        let html = to_safe_html(
            "<script>alert(1)</script>\n\nSee [the report](https://example.org) and ![a map](http://example.org/m.png) <img src=x onerror=y>.",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<a "), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("href"), "{html}");
        assert!(html.contains("the report"), "{html}");
        assert!(html.contains("a map"), "{html}");
        // Khmer passes through untouched.
        assert!(to_safe_html("សន្តិភាព").contains("សន្តិភាព"));
    }
}
