//! The Atom feed of an organization's statement in one language: a new
//! version is a new entry, so readers and tools hear of every change.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use entity::enums::Language;
use minijinja::context;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::every_version_page;
use super::history::read_diff;
use super::templates::render;
use super::words::{long_date, rfc3339, words};
use crate::http::App;

/// `GET /statements/{org}/{lang}/feed.atom`: the published versions, newest first.
pub(super) async fn feed(
    State(app): State<App>,
    Path((org, lang)): Path<(String, String)>,
    request: HeaderMap,
) -> Response {
    every_version_page(&app, &org, &lang, &request, ("feed", "application/atom+xml; charset=utf-8"), |site, all, org_name| {
        let (language, t) = (site.language, words(site.language));
        let updated = all.iter().map(|v| v.head.published_at).max().unwrap_or_default();
        let entries: Vec<_> = all
            .iter()
            .rev()
            .map(|listed| {
                let v = listed.head;
                let mut summary = v.summary.trim().to_string();
                if let Some(from) = v.effective_from {
                    append_sentence(
                        &mut summary,
                        &format!("{} {}.", t.effective, long_date(from, language)),
                    );
                }
                if v.material {
                    append_sentence(&mut summary, &format!("{}.", t.material));
                }
                context! {
                    id => format!("urn:uuid:{}", v.id),
                    title => format!("{} {} · {}", t.version, v.version, long_date(v.published_at.date_naive(), language)),
                    updated => rfc3339(v.published_at),
                    href => site.href(&format!("versions/{}", v.version)),
                    summary,
                    changes => read_diff(listed.diff.as_deref()).0,
                }
            })
            .collect();
        let body = render(
            "feed.xml",
            context! {
                lang => language.code(),
                feed_id => feed_id(site.organization_id, language),
                title => format!("{} · {}", t.privacy_statement, org_name),
                updated => rfc3339(updated),
                self_href => site.href("feed.atom"),
                html_href => site.href(""),
                org_name,
                entries,
            },
        )?;
        Ok(body)
    })
    .await
}

/// A stable `urn:uuid:` for one organization's feed in one language.
pub(super) fn feed_id(organization: Uuid, language: Language) -> String {
    let digest = Sha256::new()
        .chain_update(b"ropa statement feed\0")
        .chain_update(organization.as_bytes())
        .chain_update(language.code().as_bytes())
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8: custom
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 9562 variant
    format!("urn:uuid:{}", Uuid::from_bytes(bytes))
}

fn append_sentence(text: &mut String, sentence: &str) {
    if !text.is_empty() {
        if !text.ends_with(['.', '!', '?']) {
            text.push('.');
        }
        text.push(' ');
    }
    text.push_str(sentence);
}
