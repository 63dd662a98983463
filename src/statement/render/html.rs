//! The statement as an HTML fragment, and the template environment the
//! public pages share with it: every register text escaped, its plain URLs
//! and e-mail addresses made links.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::sync::LazyLock;

use ::linkify::{LinkFinder, LinkKind as Found};
use minijinja::{AutoEscape, Environment, Output, State, UndefinedBehavior, Value};
use serde::Serialize;

use super::{is_web_url, overlaps, place_links, Link, LinkKind};
use crate::statement::document::{Paragraph, Section, StatementDocument, Summary, TextLink};
use crate::wording::wording;

const STATEMENT_TEMPLATE: &str = "statement.html";

/// The statement as an HTML fragment (table of contents and sections);
/// every register text is escaped.
pub fn html(document: &StatementDocument) -> String {
    // The table of contents and the summary have these.
    let mut ids = BTreeSet::from(["toc-heading", "summary", "summary-heading"].map(String::from));
    let sections: Vec<SectionView> = document
        .sections
        .iter()
        .map(|s| SectionView::new(s, 2, &mut ids))
        .collect();
    let view = DocumentView {
        lang: document.language.code(),
        title: &document.title,
        contents: wording(document.language).get("document.contents"),
        intro: ParagraphView::all(&document.intro),
        summary: document
            .summary
            .as_ref()
            .map(|summary| SummaryView::new(summary, &sections)),
        sections,
    };
    let mut html = FRAGMENT
        .get_template(STATEMENT_TEMPLATE)
        .and_then(|t| t.render(&view))
        .expect("the statement template renders any document");
    html.push('\n');
    html
}

static FRAGMENT: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = environment();
    env.add_template(STATEMENT_TEMPLATE, include_str!("statement.html"))
        .expect("the statement template compiles");
    env
});

/// A template environment for HTML (and XML): autoescaping for `.html` and
/// `.xml` templates, strict about misspelt variables.
pub(crate) fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_formatter(format_value);
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
    intro: Vec<ParagraphView>,
    summary: Option<SummaryView<'a>>,
    sections: Vec<SectionView<'a>>,
}

#[derive(Serialize)]
struct SummaryView<'a> {
    title: &'a str,
    columns: &'a [String],
    rows: Vec<SummaryRowView<'a>>,
}

#[derive(Serialize)]
struct SummaryRowView<'a> {
    /// The anchor the row's section got; a row whose section is missing
    /// links to the top of the statement's sections.
    anchor: String,
    cells: &'a [String],
}

impl<'a> SummaryView<'a> {
    fn new(summary: &'a Summary, sections: &[SectionView]) -> Self {
        let anchors = anchors_by_id(sections);
        SummaryView {
            title: &summary.title,
            columns: &summary.columns,
            rows: summary
                .rows
                .iter()
                .map(|row| SummaryRowView {
                    anchor: anchors
                        .get(row.section_id.as_str())
                        .map_or_else(|| "summary".to_string(), |anchor| anchor.clone()),
                    cells: &row.cells,
                })
                .collect(),
        }
    }
}

/// Every section's id with the anchor it got, subsections included; the
/// first section of an id wins. A map, so a summary of many purposes finds
/// each row's anchor at once.
fn anchors_by_id<'s>(sections: &'s [SectionView]) -> HashMap<&'s str, String> {
    fn collect<'s>(sections: &'s [SectionView], anchors: &mut HashMap<&'s str, String>) {
        for section in sections {
            anchors
                .entry(section.source_id)
                .or_insert_with(|| section.id.clone());
            collect(&section.subsections, anchors);
        }
    }
    let mut anchors = HashMap::new();
    collect(sections, &mut anchors);
    anchors
}

#[derive(Serialize)]
struct SectionView<'a> {
    id: String,
    #[serde(skip)]
    source_id: &'a str,
    level: usize,
    title: &'a str,
    paragraphs: Vec<ParagraphView>,
    subsections: Vec<SectionView<'a>>,
}

/// A paragraph as the template shows it: its text and items escaped and
/// linked here. The template gets no sources to turn into its values and
/// calls no filter per text.
#[derive(Serialize)]
struct ParagraphView {
    text: String,
    items: Vec<String>,
}

impl ParagraphView {
    fn all(paragraphs: &[Paragraph]) -> Vec<Self> {
        paragraphs
            .iter()
            .map(|p| ParagraphView {
                text: linkify_with(&p.text, &p.links),
                items: p.items.iter().map(|item| linkify(item)).collect(),
            })
            .collect()
    }
}

impl<'a> SectionView<'a> {
    fn new(section: &'a Section, level: usize, ids: &mut BTreeSet<String>) -> Self {
        SectionView {
            id: unique_anchor(&section.id, ids),
            source_id: &section.id,
            level: level.min(6),
            title: &section.title,
            paragraphs: ParagraphView::all(&section.paragraphs),
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
    push_escaped(&mut out, text);
    out
}

/// Appends `text` escaped to `out`, copying the runs between the five
/// characters that need escaping as they are: a statement is a megabyte of
/// mostly plain text.
fn push_escaped(out: &mut String, text: &str) {
    let mut at = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The five are ASCII, so `i` is at a character boundary.
        out.push_str(&text[at..i]);
        out.push_str(entity);
        at = i + 1;
    }
    out.push_str(&text[at..]);
}

/// Escapes `text` for HTML and makes the plain e-mail addresses and
/// `http(s)` URLs in it links.
pub fn linkify(text: &str) -> String {
    linkify_with(text, &[])
}

/// Like [`linkify()`], and the words of each of `links` link to its `href`
/// (see [`TextLink`]).
pub fn linkify_with(text: &str, links: &[TextLink]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for link in all_links(text, links) {
        push_escaped(&mut out, &text[at..link.start]);
        let shown = &text[link.start..link.end];
        let href = match link.kind {
            LinkKind::Url => escape_html(shown),
            LinkKind::Email => format!("mailto:{}", escape_html(shown)),
            LinkKind::Given(index) => escape_html(&links[index].href),
        };
        let _ = write!(out, "<a href=\"{href}\">{}</a>", escape_html(shown));
        at = link.end;
    }
    push_escaped(&mut out, &text[at..]);
    out
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

/// The `http(s)` URLs and e-mail addresses in `text`, in order, as the
/// linkify crate finds them; a URL of another scheme stays text.
fn find_links(text: &str) -> Vec<Link> {
    LinkFinder::new()
        .links(text)
        .filter_map(|found| {
            let kind = match found.kind() {
                Found::Email => LinkKind::Email,
                Found::Url if is_web_url(found.as_str()) => LinkKind::Url,
                _ => return None,
            };
            Some(Link {
                start: found.start(),
                end: found.end(),
                kind,
            })
        })
        .collect()
}
