//! Statement document -> Markdown and HTML.
//!
//! Every text in a [`StatementDocument`] comes from the register, typed by
//! whoever keeps it, so none of it is trusted: the HTML renderer escapes all
//! of it (through minijinja's autoescaping, or [`linkify`], which escapes
//! before it links), and the Markdown renderer escapes every Markdown control
//! character, so `<script>`, `**bold**` or `[x](y)` come out as the literal
//! text. Both renderers are deterministic: the same document gives the same
//! bytes.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::LazyLock;

use minijinja::value::ViaDeserialize;
use minijinja::{AutoEscape, Environment, Output, State, UndefinedBehavior, Value};
use serde::Serialize;

use super::document::{Paragraph, Section, StatementDocument, TextLink};
use super::text;

const STATEMENT_TEMPLATE: &str = "statement.html";

/// The statement as Markdown: the title, the introduction, then the
/// sections as `##` headings (subsections one level deeper).
pub fn markdown(document: &StatementDocument) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}", markdown_line(&document.title));
    markdown_paragraphs(&mut out, &document.intro);
    for section in &document.sections {
        markdown_section(&mut out, section, 2);
    }
    out
}

/// The statement as an HTML fragment (table of contents and sections);
/// every register text is escaped.
pub fn html(document: &StatementDocument) -> String {
    // The table of contents' heading has this one.
    let mut ids = BTreeSet::from(["toc-heading".to_string()]);
    let view = DocumentView {
        lang: document.language.code(),
        title: &document.title,
        contents: text::wording(document.language).get("document.contents"),
        intro: &document.intro,
        sections: document
            .sections
            .iter()
            .map(|s| SectionView::new(s, 2, &mut ids))
            .collect(),
    };
    let mut html = FRAGMENT
        .get_template(STATEMENT_TEMPLATE)
        .and_then(|t| t.render(&view))
        .expect("the statement template renders any document");
    html.push('\n');
    html
}

// ---------------------------------------------------------------- HTML ----

static FRAGMENT: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = environment();
    env.add_template(STATEMENT_TEMPLATE, include_str!("statement.html"))
        .expect("the statement template compiles");
    env
});

/// A template environment for HTML (and XML): autoescaping for `.html` and
/// `.xml` templates, strict about misspelt variables, and with the
/// `linkify` filter (`text|linkify` or, with a paragraph's links,
/// `text|linkify(links)`).
pub(crate) fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_formatter(format_value);
    env.add_filter(
        "linkify",
        |text: &str, links: Option<ViaDeserialize<Vec<TextLink>>>| {
            let links = links.map(|l| l.0).unwrap_or_default();
            Value::from_safe_string(linkify_with(text, &links))
        },
    );
    env
}

/// Like minijinja's own formatter, but without escaping `/` (which makes
/// every path in the output read `&#x2f;`): `&`, `<`, `>`, `"` and `'`
/// are enough in text and in quoted attributes.
fn format_value(out: &mut Output, state: &State, value: &Value) -> Result<(), minijinja::Error> {
    if state.auto_escape() != AutoEscape::Html
        || value.is_safe()
        || value.is_undefined()
        || value.is_none()
    {
        return minijinja::escape_formatter(out, state, value);
    }
    let text = match value.as_str() {
        Some(text) => escape_html(text),
        None => escape_html(&value.to_string()),
    };
    out.write_str(&text).map_err(minijinja::Error::from)
}

#[derive(Serialize)]
struct DocumentView<'a> {
    lang: &'static str,
    title: &'a str,
    contents: String,
    intro: &'a [Paragraph],
    sections: Vec<SectionView<'a>>,
}

#[derive(Serialize)]
struct SectionView<'a> {
    id: String,
    level: usize,
    title: &'a str,
    paragraphs: &'a [Paragraph],
    subsections: Vec<SectionView<'a>>,
}

impl<'a> SectionView<'a> {
    fn new(section: &'a Section, level: usize, ids: &mut BTreeSet<String>) -> Self {
        SectionView {
            id: unique_anchor(&section.id, ids),
            level: level.min(6),
            title: &section.title,
            paragraphs: &section.paragraphs,
            subsections: section
                .subsections
                .iter()
                .map(|s| SectionView::new(s, level + 1, ids))
                .collect(),
        }
    }
}

/// A section id usable as an `id` attribute and a `#fragment`: letters,
/// digits, `-` and `_` are kept, anything else becomes `-`; a repeated id
/// gets a `-2`, `-3`, ... suffix so that every anchor leads somewhere.
fn unique_anchor(id: &str, taken: &mut BTreeSet<String>) -> String {
    let mut anchor: String = id
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if anchor.is_empty() {
        anchor = "section".into();
    }
    let mut candidate = anchor.clone();
    let mut n = 1;
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{anchor}-{n}");
    }
    taken.insert(candidate.clone());
    candidate
}

/// Escapes text for HTML content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes `text` for HTML and makes the plain e-mail addresses and
/// `http(s)` URLs in it links.
pub fn linkify(text: &str) -> String {
    linkify_with(text, &[])
}

/// Like [`linkify`], and the words of each of `links` link to its `href`
/// (see [`TextLink`]).
pub fn linkify_with(text: &str, links: &[TextLink]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for link in all_links(text, links) {
        out.push_str(&escape_html(&text[at..link.start]));
        let shown = &text[link.start..link.end];
        let href = match link.kind {
            LinkKind::Url => escape_html(shown),
            LinkKind::Email => format!("mailto:{}", escape_html(shown)),
            LinkKind::Given(index) => escape_html(&links[index].href),
        };
        let _ = write!(out, "<a href=\"{href}\">{}</a>", escape_html(shown));
        at = link.end;
    }
    out.push_str(&escape_html(&text[at..]));
    out
}

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

/// The given links where their words first occur, and the URLs and e-mail
/// addresses outside them, in order.
fn all_links(text: &str, links: &[TextLink]) -> Vec<Link> {
    let mut all = place_links(text, links.iter().enumerate());
    let found: Vec<Link> = find_links(text)
        .into_iter()
        .filter(|f| !all.iter().any(|given| overlaps(given, f)))
        .collect();
    all.extend(found);
    all.sort_by_key(|l| l.start);
    all
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
        || starts_with_ignore_case(bytes, b"https://")
        || starts_with_ignore_case(bytes, b"http://")
        || starts_with_ignore_case(bytes, b"mailto:");
    kind_ok && !href.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The URLs and e-mail addresses in `text`, in order, not overlapping.
fn find_links(text: &str) -> Vec<Link> {
    let urls = find_urls(text);
    let mut links = urls.clone();
    for (at, _) in text.match_indices('@') {
        if urls.iter().any(|u| u.start <= at && at < u.end) {
            continue;
        }
        let floor = urls
            .iter()
            .filter(|u| u.end <= at)
            .map(|u| u.end)
            .max()
            .unwrap_or(0);
        let ceiling = urls
            .iter()
            .filter(|u| u.start > at)
            .map(|u| u.start)
            .min()
            .unwrap_or(text.len());
        links.extend(email_around(text, at, floor, ceiling));
    }
    links.sort_by_key(|l| l.start);
    links.dedup_by(|later, earlier| overlaps(earlier, later));
    links
}

fn overlaps(a: &Link, b: &Link) -> bool {
    a.start < b.end && b.start < a.end
}

fn find_urls(text: &str) -> Vec<Link> {
    let bytes = text.as_bytes();
    let mut links = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let scheme = if starts_with_ignore_case(rest, b"https://") {
            8
        } else if starts_with_ignore_case(rest, b"http://") {
            7
        } else {
            0
        };
        // `scheme > 0` puts `i` on an ASCII letter, so on a char boundary.
        if scheme == 0
            || text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        {
            i += 1;
            continue;
        }
        let mut end = i + scheme;
        for c in text[end..].chars() {
            if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`') {
                break;
            }
            end += c.len_utf8();
        }
        // Punctuation after a URL belongs to the sentence; so does a closing
        // bracket without its opening one inside the URL.
        loop {
            let candidate = &text[i..end];
            let Some(last) = candidate.chars().next_back() else {
                break;
            };
            let unbalanced = |open: char, close: char| {
                last == close && candidate.matches(open).count() < candidate.matches(close).count()
            };
            if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*')
                || unbalanced('(', ')')
                || unbalanced('[', ']')
            {
                end -= last.len_utf8();
            } else {
                break;
            }
        }
        if end > i + scheme {
            links.push(Link {
                start: i,
                end,
                kind: LinkKind::Url,
            });
            i = end;
        } else {
            i += scheme;
        }
    }
    links
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.len() >= prefix.len() && haystack[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The e-mail address whose `@` is at `at`, within `floor..ceiling`.
fn email_around(text: &str, at: usize, floor: usize, ceiling: usize) -> Option<Link> {
    let bytes = text.as_bytes();
    let local_char = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let domain_char = |b: u8| b.is_ascii_alphanumeric() || b".-".contains(&b);
    let mut start = at;
    while start > floor && local_char(bytes[start - 1]) {
        start -= 1;
    }
    while start < at && bytes[start] == b'.' {
        start += 1;
    }
    let mut end = at + 1;
    while end < ceiling && domain_char(bytes[end]) {
        end += 1;
    }
    while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
        end -= 1;
    }
    let local = &text[start..at];
    let domain = &text[at + 1..end];
    let labels: Vec<&str> = domain.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    let valid = !local.is_empty()
        && labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_alphabetic());
    valid.then_some(Link {
        start,
        end,
        kind: LinkKind::Email,
    })
}

// ------------------------------------------------------------ Markdown ----

fn markdown_section(out: &mut String, section: &Section, level: usize) {
    let _ = writeln!(
        out,
        "\n{} {}",
        "#".repeat(level.min(6)),
        markdown_line(&section.title)
    );
    markdown_paragraphs(out, &section.paragraphs);
    for subsection in &section.subsections {
        markdown_section(out, subsection, level + 1);
    }
}

fn markdown_paragraphs(out: &mut String, paragraphs: &[Paragraph]) {
    for paragraph in paragraphs {
        if !paragraph.text.trim().is_empty() {
            let _ = writeln!(
                out,
                "\n{}",
                markdown_text(&paragraph.text, &paragraph.links)
            );
        }
        if !paragraph.items.is_empty() {
            out.push('\n');
            for item in &paragraph.items {
                let _ = writeln!(out, "- {}", markdown_line(item));
            }
        }
    }
}

/// A text that must stay on one line (a heading, a list item): line breaks
/// become spaces.
fn markdown_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_markdown_line(&joined)
}

/// A paragraph: its lines are kept (without the indentation, which Markdown
/// would read as code), blank lines dropped, every line escaped; the words
/// of `links` become Markdown links.
fn markdown_text(text: &str, links: &[TextLink]) -> String {
    let mut unplaced: Vec<(usize, &TextLink)> = links.iter().enumerate().collect();
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut placed = place_links(line, unplaced.iter().copied());
            unplaced.retain(|&(index, _)| !placed.iter().any(|p| p.kind == LinkKind::Given(index)));
            placed.sort_by_key(|l| l.start);
            let mut out = String::with_capacity(line.len() + 8);
            let mut at = 0;
            for link in placed {
                let LinkKind::Given(index) = link.kind else {
                    continue;
                };
                out.push_str(&escape_markdown(&line[at..link.start], at == 0));
                let _ = write!(
                    out,
                    "[{}]({})",
                    escape_markdown(&line[link.start..link.end], false),
                    markdown_href(&links[index].href)
                );
                at = link.end;
            }
            out.push_str(&escape_markdown(&line[at..], at == 0));
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A link target for `[words](target)`: what would end it or break it is
/// percent-encoded.
fn markdown_href(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    for c in href.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes one line so that Markdown shows it as the literal text: inline
/// control characters anywhere, block markers (`-`, `+`, `=`, `1.`) at the
/// start.
pub fn escape_markdown_line(line: &str) -> String {
    escape_markdown(line, true)
}

/// Escapes a piece of a line; block markers only when it starts the line.
fn escape_markdown(line: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let ordered_marker =
        line_start && digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')'));
    for (i, c) in line.char_indices() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '#' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            // Only where it would start an entity (`&lt;`, `&#60;`).
            '&' => starts_entity(&line[i + 1..]),
            '-' | '+' | '=' => line_start && i == 0,
            '.' | ')' => ordered_marker && i == digits,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `rest` (what follows a `&`) makes it an entity reference.
fn starts_entity(rest: &str) -> bool {
    let name = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name > 0 && rest.as_bytes().get(name) == Some(&b';')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::statement::document::SourceRef;
    use entity::enums::Language;

    const NASTY: &str = "<script>alert(1)</script> **bold** [x](y)";

    fn document(language: Language, text: &str) -> StatementDocument {
        StatementDocument {
            language,
            title: format!("Statement {text}"),
            intro: vec![Paragraph::plain(text, vec![])],
            sections: vec![
                Section {
                    id: "who-we-are".into(),
                    title: format!("Who {text}"),
                    paragraphs: vec![
                        Paragraph::plain(
                            "Mail privacy@acme.example or see https://acme.example/privacy.",
                            vec![SourceRef {
                                entity_type: "Organization".into(),
                                entity_id: "1".into(),
                            }],
                        ),
                        Paragraph::list(text, vec![text.to_string(), "plain item".into()], vec![]),
                    ],
                    subsections: vec![Section {
                        id: "purpose-1".into(),
                        title: "Webshop".into(),
                        paragraphs: vec![Paragraph::plain("Orders.", vec![])],
                        subsections: vec![],
                    }],
                },
                Section {
                    id: "rights".into(),
                    title: "Your rights".into(),
                    paragraphs: vec![],
                    subsections: vec![],
                },
            ],
        }
    }

    #[test]
    fn html_escapes_every_register_text() {
        let html = html(&document(Language::En, NASTY));
        assert!(!html.contains("<script>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt; **bold** [x](y)"),
            "{html}"
        );
        // In the title, the table of contents, the heading, the list.
        assert_eq!(html.matches("&lt;script&gt;").count(), 6, "{html}");
        assert!(!html.contains("<strong>"));
    }

    #[test]
    fn html_escapes_attribute_breakers_in_section_ids() {
        let mut doc = document(Language::En, "x");
        doc.sections[0].id = "a\" onclick=\"alert(1)".into();
        let html = html(&doc);
        assert!(!html.contains("onclick=\""), "{html}");
        assert!(
            html.contains("<section id=\"a--onclick--alert-1-\">"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"#a--onclick--alert-1-\">"),
            "{html}"
        );
    }

    #[test]
    fn html_has_contents_linking_to_section_anchors() {
        let html = html(&document(Language::Nl, "x"));
        assert!(
            html.contains("<h2 id=\"toc-heading\">Inhoud</h2>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"#who-we-are\">Who x</a>"), "{html}");
        assert!(
            html.contains("<a href=\"#purpose-1\">Webshop</a>"),
            "{html}"
        );
        assert!(
            html.contains("<section id=\"who-we-are\">\n<h2>Who x</h2>"),
            "{html}"
        );
        assert!(
            html.contains("<section id=\"purpose-1\">\n<h3>Webshop</h3>"),
            "{html}"
        );
        assert!(html.contains("<li>plain item</li>"), "{html}");
        assert!(
            html.starts_with("<article class=\"statement\" lang=\"nl\">"),
            "{html}"
        );
        assert!(!html.contains("Contents"));
        assert_eq!(
            html,
            super::html(&document(Language::Nl, "x")),
            "deterministic"
        );
    }

    #[test]
    fn html_links_addresses_and_urls_after_escaping() {
        let html = html(&document(Language::En, "x"));
        assert!(
            html.contains("Mail <a href=\"mailto:privacy@acme.example\">privacy@acme.example</a> or see <a href=\"https://acme.example/privacy\">https://acme.example/privacy</a>."),
            "{html}"
        );
    }

    #[test]
    fn linkify_escapes_around_and_inside_links() {
        assert_eq!(
            linkify("<b>https://x.example/?a=1&b=\"2\"</b>"),
            "&lt;b&gt;<a href=\"https://x.example/?a=1&amp;b=\">https://x.example/?a=1&amp;b=</a>&quot;2&quot;&lt;/b&gt;"
        );
        assert_eq!(
            linkify("(see https://x.example/a_(b)) and http://y.example."),
            "(see <a href=\"https://x.example/a_(b)\">https://x.example/a_(b)</a>) and <a href=\"http://y.example\">http://y.example</a>."
        );
        assert_eq!(linkify("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(linkify("xhttps://no.example"), "xhttps://no.example");
        assert_eq!(linkify("just https:// here"), "just https:// here");
        assert_eq!(
            linkify("a@b, x@y.z, @home, user@host"),
            "a@b, x@y.z, @home, user@host"
        );
        assert_eq!(
            linkify("Write to j.doe+gdpr@mail.acme.nl."),
            "Write to <a href=\"mailto:j.doe+gdpr@mail.acme.nl\">j.doe+gdpr@mail.acme.nl</a>."
        );
        assert_eq!(
            linkify("https://x.example/u@v.example"),
            "<a href=\"https://x.example/u@v.example\">https://x.example/u@v.example</a>"
        );
        assert_eq!(
            linkify("ünï https://x.example/ü <a@b.cd>"),
            "ünï <a href=\"https://x.example/ü\">https://x.example/ü</a> &lt;<a href=\"mailto:a@b.cd\">a@b.cd</a>&gt;"
        );
    }

    fn linked(text: &str, links: &[(&str, &str)]) -> Paragraph {
        links
            .iter()
            .fold(Paragraph::plain(text, vec![]), |p, (words, href)| {
                p.with_link(*words, *href)
            })
    }

    #[test]
    fn paragraph_links_are_links_in_html_and_markdown() {
        let mut doc = document(Language::Nl, "x");
        doc.sections[1].paragraphs = vec![linked(
            "Zie de *versiegeschiedenis* of mail privacy@acme.example.",
            &[("versiegeschiedenis", "/statements/acme/nl/versions")],
        )];
        let html = html(&doc);
        assert!(
            html.contains(
                "<p>Zie de *<a href=\"/statements/acme/nl/versions\">versiegeschiedenis</a>* of mail \
                 <a href=\"mailto:privacy@acme.example\">privacy@acme.example</a>.</p>"
            ),
            "{html}"
        );
        let md = markdown(&doc);
        assert!(
            md.contains("\nZie de \\*[versiegeschiedenis](/statements/acme/nl/versions)\\* of mail privacy@acme.example.\n"),
            "{md}"
        );
    }

    #[test]
    fn paragraph_links_are_escaped_and_only_safe_ones_are_made() {
        let paragraph = linked(
            "- a <b> [c] d e",
            &[
                ("<b>", "/a/(x)?q=\"1\"&y"),
                ("a", "/with space"),
                ("a", "javascript:alert(1)"),
                ("c", "//elsewhere.example"),
                ("d", "https://ok.example/x"),
                ("missing", "/nowhere"),
                ("e", "#rights"),
            ],
        );
        assert_eq!(
            linkify_with(&paragraph.text, &paragraph.links),
            "- a <a href=\"/a/(x)?q=&quot;1&quot;&amp;y\">&lt;b&gt;</a> [c] \
             <a href=\"https://ok.example/x\">d</a> <a href=\"#rights\">e</a>"
        );
        assert_eq!(
            markdown_text(&paragraph.text, &paragraph.links),
            r#"\- a [\<b\>](/a/%28x%29?q="1"&y) \[c\] [d](https://ok.example/x) [e](#rights)"#
        );
        // The first occurrence that is free, each link once.
        let twice = linked("a b a", &[("a", "/1"), ("a", "/2"), ("a", "/3")]);
        assert_eq!(
            linkify_with(&twice.text, &twice.links),
            "<a href=\"/1\">a</a> b <a href=\"/2\">a</a>"
        );
        assert_eq!(
            markdown_text(&twice.text, &twice.links),
            "[a](/1) b [a](/2)"
        );
    }

    #[test]
    fn paragraphs_stored_without_links_still_read() {
        let stored = r#"{"text":"t","items":[],"sources":[]}"#;
        let paragraph: Paragraph = serde_json::from_str(stored).unwrap();
        assert!(paragraph.links.is_empty());
        assert_eq!(serde_json::to_string(&paragraph).unwrap(), stored);
    }

    #[test]
    fn markdown_escapes_control_characters() {
        let md = markdown(&document(Language::En, NASTY));
        let escaped = r"\<script\>alert(1)\</script\> \*\*bold\*\* \[x\](y)";
        assert!(md.contains(&format!("\n{escaped}\n")), "{md}");
        assert!(md.contains(&format!("\n- {escaped}\n")), "{md}");
        assert!(md.contains(&format!("# Statement {escaped}\n")), "{md}");
        assert!(md.contains("\n## Who "), "{md}");
        assert!(md.contains("\n### Webshop\n"), "{md}");
        assert!(!md.contains("<script>"));
    }

    #[test]
    fn markdown_escapes_block_markers_at_line_start() {
        assert_eq!(escape_markdown_line("# title"), r"\# title");
        assert_eq!(escape_markdown_line("- item"), r"\- item");
        assert_eq!(escape_markdown_line("+ item"), r"\+ item");
        assert_eq!(escape_markdown_line("12. item"), r"12\. item");
        assert_eq!(escape_markdown_line("1) item"), r"1\) item");
        assert_eq!(escape_markdown_line("a - b + c 1. d"), "a - b + c 1. d");
        assert_eq!(escape_markdown_line("| a | b |"), r"\| a \| b \|");
        assert_eq!(
            escape_markdown_line("`code` _em_ ~s~ \\"),
            r"\`code\` \_em\_ \~s\~ \\"
        );
        assert_eq!(escape_markdown_line("![i](x) &amp;"), r"!\[i\](x) \&amp;");
        assert_eq!(
            escape_markdown_line("R&D & co &#60; &x"),
            r"R&D & co \&\#60; &x"
        );
        let md = markdown_text("first\n   - second\n\n    1. third", &[]);
        assert_eq!(md, "first\n\\- second\n1\\. third");
        assert_eq!(markdown_line("a\n# b"), r"a \# b");
    }

    #[test]
    fn markdown_is_plain_and_deterministic() {
        let md = markdown(&document(Language::Nl, "x"));
        assert_eq!(md, markdown(&document(Language::Nl, "x")));
        assert!(md.starts_with("# Statement x\n\nx\n\n## Who x\n"), "{md}");
        assert!(md.contains("\n- plain item\n"), "{md}");
        assert!(md.contains("## Your rights\n"), "{md}");
    }
}
