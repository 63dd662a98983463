//! The version history page: every version, newest first, with what
//! changed, semantically and as a text diff.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use minijinja::context;
use serde::Serialize;

use super::address::Format;
use super::every_version_page;
use super::site::{Listed, Site};
use super::templates::render;
use super::words::{long_date, words};
use crate::http::App;

/// `GET /statements/{org}/{lang}/versions`: every version, newest first,
/// with what changed.
pub(super) async fn history(
    State(app): State<App>,
    Path((org, lang)): Path<(String, String)>,
    request: HeaderMap,
) -> Response {
    every_version_page(&app, &org, &lang, &request, ("history", Format::Html.content_type()), |site, all, org_name| {
        let t = words(site.language);
        let entries: Vec<_> = all
            .iter()
            .rev()
            .map(|v| HistoryEntry::new(site, v))
            .collect();
        let body = render(
            "versions.html",
            context! {
                lang => site.language.code(),
                t,
                page_title => format!("{} · {} · {}", t.version_history, t.privacy_statement, org_name),
                org_name,
                feed_href => site.href("feed.atom"),
                current_href => site.href(""),
                versions => entries,
            },
        )?;
        Ok(body)
    })
    .await
}

#[derive(Serialize)]
struct HistoryEntry {
    number: i32,
    href: String,
    status: Option<&'static str>,
    material: bool,
    published: String,
    published_iso: String,
    effective: String,
    effective_iso: String,
    summary: String,
    changes: Vec<String>,
    diff_lines: Vec<DiffLine>,
}

#[derive(Serialize)]
pub(super) struct DiffLine {
    pub(super) class: Option<&'static str>,
    text: String,
}

impl HistoryEntry {
    fn new(site: &Site, listed: &Listed) -> Self {
        let (t, version) = (words(site.language), listed.head);
        let current = site.current().map(|c| c.version);
        let status = match current {
            Some(current) if current == version.version => Some(t.status_in_effect.as_str()),
            Some(current) if current > version.version => None,
            _ => Some(t.status_announced.as_str()),
        };
        let published = version.published_at.date_naive();
        let effective = version.effective_from.unwrap_or(published);
        let (changes, text) = read_diff(listed.diff.as_deref());
        HistoryEntry {
            number: version.version,
            href: site.href(&format!("versions/{}", version.version)),
            status,
            material: version.material,
            published: long_date(published, site.language),
            published_iso: published.to_string(),
            effective: long_date(effective, site.language),
            effective_iso: effective.to_string(),
            summary: version.summary.trim().to_string(),
            changes,
            diff_lines: text.lines().map(DiffLine::new).collect(),
        }
    }
}

impl DiffLine {
    pub(super) fn new(line: &str) -> Self {
        let class = if line.starts_with("+++") || line.starts_with("---") || line.starts_with("@@")
        {
            Some("hunk")
        } else if line.starts_with('+') {
            Some("add")
        } else if line.starts_with('-') {
            Some("del")
        } else {
            None
        };
        DiffLine {
            class,
            text: line.to_string(),
        }
    }
}

/// The semantic changes and the text diff of a version's `diff`
/// (`{"semantic": [{"kind", "description"}, ...], "text": "<unified diff>"}`);
/// whatever is missing or of another shape is left out.
pub(super) fn read_diff(diff: Option<&str>) -> (Vec<String>, String) {
    let Some(diff) = diff.and_then(|diff| serde_json::from_str::<serde_json::Value>(diff).ok())
    else {
        return (Vec::new(), String::new());
    };
    let changes = diff
        .get("semantic")
        .and_then(|s| s.as_array())
        .map(|changes| {
            changes
                .iter()
                .filter_map(|change| match change {
                    serde_json::Value::String(text) => Some(text.clone()),
                    change => ["description", "text", "summary", "kind"]
                        .iter()
                        .find_map(|key| change.get(key).and_then(|v| v.as_str()))
                        .map(str::to_string),
                })
                .filter(|text| !text.trim().is_empty())
                .collect()
        })
        .unwrap_or_default();
    let text = diff
        .get("text")
        .and_then(|t| t.as_str())
        .unwrap_or_default()
        .to_string();
    (changes, text)
}
