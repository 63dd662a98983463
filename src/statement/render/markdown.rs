//! The statement as Markdown: every register text escaped so that it reads
//! as the literal text, the words of a paragraph's links made links.

use std::fmt::Write as _;

use super::{place_links, LinkKind};
use crate::statement::document::{Paragraph, Section, StatementDocument, Summary, TextLink};

/// The statement as Markdown: the title, the introduction, then the
/// sections as `##` headings (subsections one level deeper).
pub fn markdown(document: &StatementDocument) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}", markdown_line(&document.title));
    markdown_paragraphs(&mut out, &document.intro);
    if let Some(summary) = &document.summary {
        markdown_summary(&mut out, summary);
    }
    for section in &document.sections {
        markdown_section(&mut out, section, 2);
    }
    out
}

/// The summary as a table; each purpose links to its section.
fn markdown_summary(out: &mut String, summary: &Summary) {
    let _ = writeln!(out, "\n## {}\n", markdown_line(&summary.title));
    let row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    let _ = writeln!(
        out,
        "{}",
        row(summary.columns.iter().map(|c| markdown_line(c)).collect())
    );
    let _ = writeln!(
        out,
        "{}",
        row(vec!["---".to_string(); summary.columns.len()])
    );
    for summary_row in &summary.rows {
        let cells = summary_row
            .cells
            .iter()
            .enumerate()
            .map(|(i, cell)| match i {
                0 => format!(
                    "[{}](#{})",
                    markdown_line(cell),
                    markdown_href(&summary_row.section_id)
                ),
                _ => markdown_line(cell),
            })
            .collect();
        let _ = writeln!(out, "{}", row(cells));
    }
}

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
pub(super) fn markdown_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_markdown_line(&joined)
}

/// A paragraph: its lines are kept (without the indentation, which Markdown
/// would read as code), blank lines dropped, every line escaped; the words
/// of `links` become Markdown links.
pub(super) fn markdown_text(text: &str, links: &[TextLink]) -> String {
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
    // The runs between escaped characters are copied whole; every
    // character escaped is ASCII, so `i` is at a character boundary.
    let mut at = 0;
    for (i, byte) in line.bytes().enumerate() {
        let escape = match byte {
            b'\\' | b'`' | b'*' | b'_' | b'#' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' => true,
            // Only where it would start an entity (`&lt;`, `&#60;`).
            b'&' => starts_entity(&line[i + 1..]),
            b'-' | b'+' | b'=' => line_start && i == 0,
            b'.' | b')' => ordered_marker && i == digits,
            _ => false,
        };
        if escape {
            out.push_str(&line[at..i]);
            out.push('\\');
            at = i;
        }
    }
    out.push_str(&line[at..]);
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
