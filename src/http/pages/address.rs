//! What a page's address says besides the organization and language: the
//! format asked for (`.md`, `.json`) and a version's number.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    Html,
    Markdown,
    Json,
}

impl Format {
    pub(super) fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }

    pub(super) fn content_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// `nl` -> (`nl`, HTML), `nl.md` -> (`nl`, Markdown), `3.json` -> (`3`, JSON).
pub(super) fn split_format(segment: &str) -> (&str, Format) {
    if let Some(base) = segment.strip_suffix(".md") {
        (base, Format::Markdown)
    } else if let Some(base) = segment.strip_suffix(".json") {
        (base, Format::Json)
    } else {
        (segment, Format::Html)
    }
}

/// A version number as written in a path: digits only, from 1, without
/// leading zeros (one page, one address).
pub(super) fn parse_number(text: &str) -> Option<i32> {
    if text.starts_with('0') || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|n| *n > 0)
}
