//! The statement as an HTML fragment: every register text escaped, its
//! plain URLs and e-mail addresses made links. It is written out as the
//! Markdown is: the fragment's shape is fixed, and a template interpreter
//! took half a publish's rendering time to fill it in.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use ::linkify::{LinkFinder, LinkKind as Found};

use super::{is_web_url, overlaps, place_links, Link, LinkKind};
use crate::statement::document::{Paragraph, Section, StatementDocument, Summary, TextLink};
use crate::wording::wording;

/// The statement as an HTML fragment (title, introduction, summary table,
/// table of contents and sections); every register text is escaped.
pub fn html(document: &StatementDocument) -> String {
    // The table of contents and the summary have these.
    let mut ids = BTreeSet::from(["toc-heading", "summary", "summary-heading"].map(String::from));
    let sections: Vec<Anchored> = document
        .sections
        .iter()
        .map(|s| Anchored::new(s, 2, &mut ids))
        .collect();
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "<article class=\"statement\" lang=\"{}\">\n<h1>",
        document.language.code()
    );
    push_escaped(&mut out, &document.title);
    out.push_str("</h1>");
    paragraphs(&mut out, &document.intro);
    if let Some(summary) = &document.summary {
        summary_table(&mut out, summary, &sections);
    }
    if !sections.is_empty() {
        out.push_str(
            "\n<nav class=\"toc\" aria-labelledby=\"toc-heading\">\n<h2 id=\"toc-heading\">",
        );
        push_escaped(
            &mut out,
            &wording(document.language).get("document.contents"),
        );
        out.push_str("</h2>\n<ol>");
        contents(&mut out, &sections);
        out.push_str("\n</ol>\n</nav>");
    }
    for section in &sections {
        section_html(&mut out, section);
    }
    out.push_str("\n</article>\n");
    out
}

/// Each paragraph's text, then its items as a list.
fn paragraphs(out: &mut String, paragraphs: &[Paragraph]) {
    for paragraph in paragraphs {
        if !paragraph.text.is_empty() {
            out.push_str("\n<p>");
            out.push_str(&linkify_with(&paragraph.text, &paragraph.links));
            out.push_str("</p>");
        }
        if !paragraph.items.is_empty() {
            out.push_str("\n<ul>");
            for item in &paragraph.items {
                out.push_str("\n<li>");
                out.push_str(&linkify(item));
                out.push_str("</li>");
            }
            out.push_str("\n</ul>");
        }
    }
}

/// The summary as a table: a row per purpose, its first cell leading to
/// the purpose's section; each cell carries its column's heading for the
/// narrow layout, which shows the rows as cards.
fn summary_table(out: &mut String, summary: &Summary, sections: &[Anchored]) {
    let anchors = anchors_by_id(sections);
    out.push_str("\n<section class=\"summary\" id=\"summary\" aria-labelledby=\"summary-heading\">\n<h2 id=\"summary-heading\">");
    push_escaped(out, &summary.title);
    out.push_str("</h2>\n<div class=\"table-scroll\">\n<table>\n<thead>\n<tr>");
    for column in &summary.columns {
        out.push_str("\n<th scope=\"col\">");
        push_escaped(out, column);
        out.push_str("</th>");
    }
    out.push_str("\n</tr>\n</thead>\n<tbody>");
    for row in &summary.rows {
        // A row whose section is missing links to the top of the summary.
        let anchor = anchors
            .get(row.section_id.as_str())
            .map_or("summary", |a| a);
        out.push_str("\n<tr>");
        for (index, cell) in row.cells.iter().enumerate() {
            let label = escape_html(summary.columns.get(index).map_or("", String::as_str));
            if index == 0 {
                let anchor = escape_html(anchor);
                let _ = write!(
                    out,
                    "\n<th scope=\"row\" data-label=\"{label}\"><a href=\"#{anchor}\">"
                );
                push_escaped(out, cell);
                out.push_str("</a></th>");
            } else {
                let _ = write!(out, "\n<td data-label=\"{label}\">");
                push_escaped(out, cell);
                out.push_str("</td>");
            }
        }
        out.push_str("\n</tr>");
    }
    out.push_str("\n</tbody>\n</table>\n</div>\n</section>");
}

/// The table of contents: a link to every section, nested as they are.
fn contents(out: &mut String, sections: &[Anchored]) {
    for section in sections {
        let _ = write!(out, "\n<li><a href=\"#{}\">", escape_html(&section.id));
        push_escaped(out, &section.source.title);
        out.push_str("</a>");
        if !section.subsections.is_empty() {
            out.push_str("\n<ol>");
            contents(out, &section.subsections);
            out.push_str("\n</ol>");
        }
        out.push_str("</li>");
    }
}

fn section_html(out: &mut String, section: &Anchored) {
    let level = section.level;
    let _ = write!(
        out,
        "\n<section id=\"{}\">\n<h{level}>",
        escape_html(&section.id)
    );
    push_escaped(out, &section.source.title);
    let _ = write!(out, "</h{level}>");
    paragraphs(out, &section.source.paragraphs);
    for subsection in &section.subsections {
        section_html(out, subsection);
    }
    out.push_str("\n</section>");
}

/// Every section's id with the anchor it got, subsections included; the
/// first section of an id wins. A map, so a summary of many purposes finds
/// each row's anchor at once.
fn anchors_by_id<'s>(sections: &'s [Anchored]) -> HashMap<&'s str, &'s str> {
    fn collect<'s>(sections: &'s [Anchored], anchors: &mut HashMap<&'s str, &'s str>) {
        for section in sections {
            anchors
                .entry(section.source.id.as_str())
                .or_insert(section.id.as_str());
            collect(&section.subsections, anchors);
        }
    }
    let mut anchors = HashMap::new();
    collect(sections, &mut anchors);
    anchors
}

/// A section with the anchor it gets in the page (its id, made unique) and
/// its heading level.
struct Anchored<'a> {
    id: String,
    source: &'a Section,
    level: usize,
    subsections: Vec<Anchored<'a>>,
}

impl<'a> Anchored<'a> {
    fn new(section: &'a Section, level: usize, ids: &mut BTreeSet<String>) -> Self {
        Anchored {
            id: unique_anchor(&section.id, ids),
            source: section,
            level: level.min(6),
            subsections: section
                .subsections
                .iter()
                .map(|s| Anchored::new(s, level + 1, ids))
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
