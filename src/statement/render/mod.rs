//! Statement document -> Markdown and HTML.
//!
//! Every text in a [`StatementDocument`] comes from the register, typed by
//! whoever keeps it, so none of it is trusted: the HTML renderer escapes all
//! of it ([`escape_html()`], or [`linkify()`], which escapes before it
//! links), and the Markdown renderer escapes every Markdown control
//! character, so `<script>`, `**bold**` or `[x](y)` come out as the literal
//! text. Both renderers are deterministic: the same document gives the same
//! bytes.
//!
//! The HTML renderer is in `html`, the Markdown renderer in `markdown`; here
//! is where the words of a paragraph's links go, which both place alike.
//!
//! [`StatementDocument`]: super::document::StatementDocument

mod html;
mod markdown;

#[cfg(test)]
mod tests;

pub use self::html::{escape_html, html, linkify, linkify_with};
pub use self::markdown::{escape_markdown_line, markdown};

use super::document::TextLink;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LinkKind {
    Url,
    Email,
    /// The link of this index in the paragraph's links.
    Given(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Link {
    start: usize,
    end: usize,
    kind: LinkKind,
}

/// Where the words of each link first occur in `text` without overlapping
/// an earlier link. A link whose words are empty or not in `text`, or whose
/// `href` is not [safe](is_safe_href), is left out.
fn place_links<'l>(
    text: &str,
    links: impl IntoIterator<Item = (usize, &'l TextLink)>,
) -> Vec<Link> {
    let mut placed: Vec<Link> = Vec::new();
    for (index, link) in links {
        if link.text.is_empty() || !is_safe_href(&link.href) {
            continue;
        }
        let spot = text
            .match_indices(link.text.as_str())
            .map(|(start, words)| Link {
                start,
                end: start + words.len(),
                kind: LinkKind::Given(index),
            })
            .find(|spot| !placed.iter().any(|p| overlaps(p, spot)));
        placed.extend(spot);
    }
    placed
}

/// A link target that stays on this site or goes to an ordinary web page or
/// e-mail address: never `javascript:` or another scheme.
fn is_safe_href(href: &str) -> bool {
    let bytes = href.as_bytes();
    let kind_ok = (href.starts_with('/') && !href.starts_with("//"))
        || href.starts_with('#')
        || is_web_url(href)
        || starts_with_ignore_case(bytes, b"mailto:");
    kind_ok && !href.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// An `http` or `https` URL, the only ones the statement makes links of.
fn is_web_url(url: &str) -> bool {
    let bytes = url.as_bytes();
    starts_with_ignore_case(bytes, b"https://") || starts_with_ignore_case(bytes, b"http://")
}

fn overlaps(a: &Link, b: &Link) -> bool {
    a.start < b.end && b.start < a.end
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.len() >= prefix.len() && haystack[..prefix.len()].eq_ignore_ascii_case(prefix)
}
