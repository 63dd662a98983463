//! The statement page: the version in effect or one by number, as HTML,
//! Markdown or JSON, with a notice about the other versions.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use entity::enums::Language;
use entity::statement_version::Model;
use minijinja::{context, Value};
use serde::Serialize;
use serde_json::json;

use super::address::{parse_number, split_format, Format};
use super::cache::{Rendered, RENDERED};
use super::conditional::Validators;
use super::site::{today, Site};
use super::templates::{not_found, render};
use super::words::{long_date, notice_text, rfc3339, words};
use super::{answer, prepare};
use crate::error::AppError;
use crate::http::App;
use crate::statement::versions::{published_name, unpacked};

/// `GET /statements/{org}/{lang}` (and `{lang}.md`, `{lang}.json`): the
/// version in effect; before the first one takes effect, that one, saying
/// from when it applies.
pub(super) async fn current(
    State(app): State<App>,
    Path((org, lang)): Path<(String, String)>,
    request: HeaderMap,
) -> Response {
    let (lang, format) = split_format(&lang);
    let Some(language) = Language::from_code(lang) else {
        return not_found(None);
    };
    answer(language, async {
        let prepared = prepare(&app, &org, language, &request, |site| {
            let number = site.current().or(site.upcoming())?.version;
            Some((
                vec!["current".into(), format.name().into(), number.to_string()],
                number,
            ))
        });
        let (site, validators, number) = match prepared.await? {
            Ok(prepared) => prepared,
            Err(answered) => return Ok(answered),
        };
        site.page(&app, number, format, Page::Current, &validators)
            .await
    })
    .await
}

/// `GET /statements/{org}/{lang}/versions/{n}` (and `{n}.md`, `{n}.json`).
pub(super) async fn one_version(
    State(app): State<App>,
    Path((org, lang, number)): Path<(String, String, String)>,
    request: HeaderMap,
) -> Response {
    let Some(language) = Language::from_code(&lang) else {
        return not_found(None);
    };
    let (number, format) = split_format(&number);
    let Some(number) = parse_number(number) else {
        return not_found(Some(language));
    };
    answer(language, async {
        let prepared = prepare(&app, &org, language, &request, |site| {
            site.heads.iter().any(|h| h.version == number).then(|| {
                (
                    vec!["version".into(), format.name().into(), number.to_string()],
                    (),
                )
            })
        });
        let (site, validators, ()) = match prepared.await? {
            Ok(prepared) => prepared,
            Err(answered) => return Ok(answered),
        };
        site.page(&app, number, format, Page::Numbered, &validators)
            .await
    })
    .await
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Page {
    /// The version in effect, at `/statements/{org}/{lang}`.
    Current,
    /// A version by number.
    Numbered,
}

#[derive(Serialize)]
struct Notice {
    lead: String,
    link: &'static str,
    href: Option<String>,
    summary: Option<String>,
}

impl Site {
    /// Version `number` as the statement page, Markdown or JSON. A page
    /// never changes for its ETag, so its body is rendered once per process.
    async fn page(
        &self,
        app: &App,
        number: i32,
        format: Format,
        page: Page,
        validators: &Validators,
    ) -> Result<Response, AppError> {
        let key = (self.slug.clone(), validators.tag.clone());
        let rendered = RENDERED
            .get_or_make(&key, move || async move {
                let version = self
                    .full(app, number)
                    .await?
                    .ok_or(AppError::NotFound("statement version"))?;
                Rendered::compress(match format {
                    Format::Markdown => unpacked(&version.markdown)?,
                    Format::Json => self.json(&version)?,
                    Format::Html => self.statement_page(&version, page)?,
                })
                .await
            })
            .await;
        match rendered {
            Ok(rendered) => Ok(self.respond(validators, format.content_type(), &rendered)),
            Err(AppError::NotFound(_)) => Ok(not_found(Some(self.language))),
            Err(error) => Err(error),
        }
    }

    fn statement_page(&self, version: &Model, page: Page) -> Result<String, AppError> {
        let language = self.language;
        let t = words(language);
        let changed = last_changed(version);
        let self_href = match page {
            Page::Current => self.href(""),
            Page::Numbered => self.href(&format!("versions/{}", version.version)),
        };
        let org_name = published_name(&version.snapshot)?;
        let page_title = match page {
            Page::Current => format!("{} · {}", t.privacy_statement, org_name),
            Page::Numbered => format!(
                "{} {} · {} · {}",
                t.version, version.version, t.privacy_statement, org_name
            ),
        };
        render(
            "statement.html",
            context! {
                lang => language.code(),
                t,
                page_title,
                org_name,
                notice => self.notice(version),
                // Rendered and escaped by `render::html` when it was published.
                statement => Value::from_safe_string(unpacked(&version.html)?),
                // A version announced for later has not changed anything yet.
                changed_label => if changed > today() { &t.effective } else { &t.last_changed },
                changed => long_date(changed, language),
                changed_iso => changed.to_string(),
                version => version.version,
                self_href,
                history_href => self.href("versions"),
                feed_href => self.href("feed.atom"),
            },
        )
    }

    /// What a reader of `version` should know about the other versions:
    /// that a newer one is announced, that this one is outdated, or that it
    /// applies only later.
    fn notice(&self, version: &Model) -> Option<Notice> {
        let t = words(self.language);
        let language = self.language;
        let current = self.current().map(|c| c.version);
        match current {
            Some(current) if version.version == current => {
                let upcoming = self.upcoming()?;
                let from = upcoming.effective_from.unwrap_or_else(today);
                Some(Notice {
                    lead: notice_text(
                        language,
                        "new_version_from",
                        context! { date => long_date(from, language) },
                    ),
                    link: &t.read_new_version,
                    href: Some(self.href(&format!("versions/{}", upcoming.version))),
                    summary: Some(upcoming.summary.clone()).filter(|s| !s.trim().is_empty()),
                })
            }
            Some(current) if version.version < current => Some(Notice {
                lead: notice_text(
                    language,
                    "earlier_version",
                    context! { version => version.version },
                ),
                link: &t.read_current_version,
                href: Some(self.href("")),
                summary: None,
            }),
            // Published, but not in effect yet.
            _ => Some(Notice {
                lead: notice_text(
                    language,
                    "applies_from",
                    context! { date => long_date(version.effective_from.unwrap_or_else(today), language) },
                ),
                link: &t.read_current_version,
                href: current.map(|_| self.href("")),
                summary: None,
            }),
        }
    }

    fn json(&self, version: &Model) -> Result<String, AppError> {
        let document: serde_json::Value = serde_json::from_str(&unpacked(&version.document)?)
            .map_err(|e| AppError::Internal(format!("a stored document: {e}")))?;
        let upcoming = self
            .upcoming()
            .filter(|u| u.version > version.version)
            .map(|u| {
                json!({
                    "version": u.version,
                    "effectiveFrom": u.effective_from,
                    "url": self.href(&format!("versions/{}", u.version)),
                })
            });
        let current = self.current().map(|c| c.version);
        let body = json!({
            "organization": { "slug": self.slug, "name": published_name(&version.snapshot)? },
            "language": self.language.code(),
            "version": version.version,
            "inEffect": current == Some(version.version),
            "currentVersion": current,
            "publishedAt": rfc3339(version.published_at),
            "effectiveFrom": version.effective_from,
            "lastChanged": last_changed(version),
            "summary": version.summary,
            "material": version.material,
            "contentHash": version.content_hash,
            "upcoming": upcoming,
            "links": {
                "html": self.href(&format!("versions/{}", version.version)),
                "markdown": self.href(&format!("versions/{}.md", version.version)),
                "history": self.href("versions"),
                "feed": self.href("feed.atom"),
            },
            "document": document,
        });
        serde_json::to_string_pretty(&body).map_err(|e| AppError::Internal(e.to_string()))
    }
}

/// "Last changed on": when the version took effect, else when it was published.
fn last_changed(version: &Model) -> NaiveDate {
    version
        .effective_from
        .unwrap_or_else(|| version.published_at.date_naive())
}
