//! Public statement pages (no token): the statement in effect, any published
//! version, the version history and an Atom feed, for every visitor of an
//! organization's website.
//!
//! Only `statement_version` rows (and the organization's id for its slug,
//! and its websites, which alone may show a page in a frame) are read here,
//! so drafts and the register itself never show: even the organization's
//! name comes from the published version. Every answer is
//! cacheable: it carries a strong `ETag` and `Last-Modified` and is answered
//! with `304 Not Modified` when the client has it. Deciding that takes two
//! small queries (the organization, and the number, dates and hash of every
//! version); only a changed page loads the (large) versions themselves.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use axum::body::Bytes;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use entity::enums::Language;
use entity::statement_version::{Column, Model};
use minijinja::{context, Environment, Value};
use sea_orm::QuerySelect;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{text, versions};
use crate::error::AppError;
use crate::http::headers::{content_security_policy, origin};
use crate::register::organization;
use crate::App;

/// Everything under `/statements`; any other path there is the 404 page.
pub fn routes() -> Router<App> {
    let pages = Router::new()
        .route("/{org}/{lang}", get(current))
        .route("/{org}/{lang}/versions", get(history))
        .route("/{org}/{lang}/versions/{number}", get(one_version))
        .route("/{org}/{lang}/feed.atom", get(feed))
        .fallback(unknown);
    Router::new().nest("/statements", pages)
}

const CACHE_CONTROL: &str = "public, max-age=60";

/// Rendered page bodies by organization slug and ETag. The ETag covers all
/// a page shows, so an entry is never stale; several replicas each keep
/// their own. Bounded: when full, it starts over.
static RENDERED: LazyLock<PageCache> = LazyLock::new(PageCache::default);
const RENDERED_PAGES: usize = 1024;

#[derive(Default)]
struct PageCache(Mutex<HashMap<(String, String), Bytes>>);

impl PageCache {
    fn get(&self, key: &(String, String)) -> Option<Bytes> {
        self.0.lock().ok()?.get(key).cloned()
    }

    fn put(&self, key: (String, String), body: Bytes) {
        if let Ok(mut pages) = self.0.lock() {
            if pages.len() >= RENDERED_PAGES {
                pages.clear();
            }
            pages.insert(key, body);
        }
    }
}
/// The pages need no script, no font, no image: forbid them all. Who may
/// frame them is added by [`content_security_policy`].
const POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

// ------------------------------------------------------------ handlers ----

/// `GET /statements/{org}/{lang}` (and `{lang}.md`, `{lang}.json`): the
/// version in effect; before the first one takes effect, that one, saying
/// from when it applies.
async fn current(
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
            let number = site.current.as_ref().or(site.upcoming.as_ref())?.version;
            Some((
                vec!["current".into(), format.name().into(), number.to_string()],
                number,
            ))
        });
        let (site, etag, number) = match prepared.await? {
            Ok(prepared) => prepared,
            Err(answered) => return Ok(answered),
        };
        site.page(&app, number, format, Page::Current, etag).await
    })
    .await
}

/// `GET /statements/{org}/{lang}/versions/{n}` (and `{n}.md`, `{n}.json`).
async fn one_version(
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
        let (site, etag, ()) = match prepared.await? {
            Ok(prepared) => prepared,
            Err(answered) => return Ok(answered),
        };
        site.page(&app, number, format, Page::Numbered, etag).await
    })
    .await
}

/// `GET /statements/{org}/{lang}/versions`: every version, newest first,
/// with what changed.
async fn history(
    State(app): State<App>,
    Path((org, lang)): Path<(String, String)>,
    request: HeaderMap,
) -> Response {
    every_version_page(&app, &org, &lang, &request, "history", |site, etag, all| {
        let t = words(site.language);
        let org_name = newest_name(all);
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
        Ok(site.respond(etag, Format::Html.content_type(), body))
    })
    .await
}

/// `GET /statements/{org}/{lang}/feed.atom`: the published versions, newest first.
async fn feed(
    State(app): State<App>,
    Path((org, lang)): Path<(String, String)>,
    request: HeaderMap,
) -> Response {
    every_version_page(&app, &org, &lang, &request, "feed", |site, etag, all| {
        let (language, t) = (site.language, words(site.language));
        let org_name = newest_name(all);
        let updated = all.iter().map(|v| v.published_at).max().unwrap_or_default();
        let entries: Vec<_> = all
            .iter()
            .rev()
            .map(|v| {
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
                    changes => read_diff(v.diff.as_ref()).0,
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
        Ok(site.respond(etag, "application/atom+xml; charset=utf-8", body))
    })
    .await
}

/// A page about every version of one language (the history, the feed),
/// called `page` in its ETag and made by `make` from the versions, oldest
/// first.
async fn every_version_page(
    app: &App,
    org: &str,
    lang: &str,
    request: &HeaderMap,
    page: &'static str,
    make: impl FnOnce(&Site, String, &[Model]) -> Result<Response, AppError>,
) -> Response {
    let Some(language) = Language::from_code(lang) else {
        return not_found(None);
    };
    answer(language, async {
        let prepared = prepare(app, org, language, request, |_| {
            Some((vec![page.into()], ()))
        });
        let (site, etag, ()) = match prepared.await? {
            Ok(prepared) => prepared,
            Err(answered) => return Ok(answered),
        };
        let all = site.all(app).await?;
        make(&site, etag, &all)
    })
    .await
}

/// Any other path under `/statements`: the 404 page, in the language the
/// path names when it names one.
async fn unknown(uri: Uri) -> Response {
    // The path as seen inside the nest: `/{org}/{lang}/...`.
    let language = uri
        .path()
        .split('/')
        .nth(2)
        .map(|segment| split_format(segment).0)
        .and_then(Language::from_code);
    not_found(language)
}

/// What every page does first: load the site, name the page (`None`: there
/// is no such page, a 404) and answer `304` when the client has it. Returns
/// the site, the page's ETag and what `page` found, or the answer given.
async fn prepare<T>(
    app: &App,
    org: &str,
    language: Language,
    request: &HeaderMap,
    page: impl FnOnce(&Site) -> Option<(Vec<String>, T)>,
) -> Result<Result<(Site, String, T), Response>, AppError> {
    let Some(site) = Site::load(app, org, language).await? else {
        return Ok(Err(not_found(Some(language))));
    };
    let Some((parts, found)) = page(&site) else {
        return Ok(Err(not_found(Some(language))));
    };
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let etag = site.etag(&parts);
    if let Some(response) = site.not_modified(request, &etag) {
        return Ok(Err(response));
    }
    Ok(Ok((site, etag, found)))
}

/// Runs a page, turning a failure into a small error page.
async fn answer(
    language: Language,
    page: impl std::future::Future<Output = Result<Response, AppError>>,
) -> Response {
    match page.await {
        Ok(response) => response,
        Err(error) => {
            tracing::error!(%error, "statement page failed");
            message_page(StatusCode::INTERNAL_SERVER_ERROR, Some(language), |t| {
                (t.error_heading.as_str(), t.error_text.as_str())
            })
        }
    }
}

// ---------------------------------------------------------------- site ----

/// What every page needs first: the organization and the heads of all its
/// versions in one language, with the version in effect today and the one
/// announced.
struct Site {
    organization_id: Uuid,
    slug: String,
    language: Language,
    /// The origins of the organization's websites: the only ones that may
    /// show its pages in a frame.
    frame_ancestors: Vec<String>,
    /// Oldest first.
    heads: Vec<Head>,
    current: Option<Head>,
    upcoming: Option<Head>,
}

/// The columns of a [`Head`], as read.
type HeadRow = (i32, DateTime<Utc>, Option<NaiveDate>, String, String);

/// The small columns of a version: enough to know which one is in effect
/// and whether a cached page is still fresh.
#[derive(Clone, Debug, PartialEq)]
struct Head {
    version: i32,
    published_at: DateTime<Utc>,
    effective_from: Option<NaiveDate>,
    content_hash: String,
    summary: String,
}

impl Site {
    /// `None` when there is no such organization or it published nothing in
    /// this language.
    async fn load(app: &App, slug: &str, language: Language) -> Result<Option<Site>, AppError> {
        let Some(organization) = organization::find_by_slug(&app.db, slug).await? else {
            return Ok(None);
        };
        let rows: Vec<HeadRow> = versions::all(organization.id, language)
            .select_only()
            .columns([
                Column::Version,
                Column::PublishedAt,
                Column::EffectiveFrom,
                Column::ContentHash,
                Column::Summary,
            ])
            .into_tuple()
            .all(&app.db)
            .await?;
        if rows.is_empty() {
            return Ok(None);
        }
        let heads: Vec<Head> = rows
            .into_iter()
            .map(
                |(version, published_at, effective_from, content_hash, summary)| Head {
                    version,
                    published_at,
                    effective_from,
                    content_hash,
                    summary,
                },
            )
            .collect();
        let versions::InEffect { current, upcoming } =
            versions::split_by_effect(heads.iter().cloned(), |h| h.effective_from, today());
        let mut frame_ancestors: Vec<String> = organization
            .websites
            .0
            .iter()
            .filter_map(|website| origin(website))
            .collect();
        frame_ancestors.sort();
        frame_ancestors.dedup();
        Ok(Some(Site {
            organization_id: organization.id,
            slug: organization.slug,
            language,
            frame_ancestors,
            heads,
            current,
            upcoming,
        }))
    }

    async fn full(&self, app: &App, number: i32) -> Result<Option<Model>, AppError> {
        versions::by_number(&app.db, self.organization_id, self.language, number).await
    }

    async fn all(&self, app: &App) -> Result<Vec<Model>, AppError> {
        Ok(versions::all(self.organization_id, self.language)
            .all(&app.db)
            .await?)
    }

    /// `/statements/{org}/{lang}` followed by `/{rest}` when `rest` is not empty.
    fn href(&self, rest: &str) -> String {
        let base = format!("/statements/{}/{}", self.slug, self.language.code());
        if rest.is_empty() {
            base
        } else {
            format!("{base}/{rest}")
        }
    }

    /// A strong ETag for one page: the page (and format) asked for, every
    /// version's number, hash and effective date, which one is in effect and
    /// which one announced (so that a new announcement or a version taking
    /// effect changes it), the page templates, and who may frame it (so a
    /// browser revalidating its copy gets the new policy).
    fn etag(&self, page: &[&str]) -> String {
        let mut hash = Sha256::new();
        hash.update(TEMPLATES.fingerprint.as_bytes());
        let framers = self.frame_ancestors.iter().map(String::as_str);
        for part in page.iter().copied().chain(framers) {
            hash.update([0]);
            hash.update(part.as_bytes());
        }
        for head in &self.heads {
            hash.update(
                format!(
                    "\0{}:{}:{:?}",
                    head.version, head.content_hash, head.effective_from
                )
                .as_bytes(),
            );
        }
        let number = |head: &Option<Head>| head.as_ref().map_or(0, |h| h.version);
        hash.update(
            format!(
                "\0current:{}\0upcoming:{}",
                number(&self.current),
                number(&self.upcoming)
            )
            .as_bytes(),
        );
        let digest = hash.finalize();
        format!("\"{}\"", hex(&digest[..16]))
    }

    /// When what the pages show last changed: a version published or one
    /// taking effect.
    fn last_modified(&self) -> DateTime<Utc> {
        let today = today();
        let versions = self
            .heads
            .iter()
            .flat_map(|head| {
                let took_effect = head
                    .effective_from
                    .filter(|from| *from <= today)
                    .and_then(|from| from.and_hms_opt(0, 0, 0))
                    .map(|midnight| midnight.and_utc());
                [Some(head.published_at), took_effect]
            })
            .flatten();
        versions.max().unwrap_or_default()
    }

    fn not_modified(&self, request: &HeaderMap, etag: &str) -> Option<Response> {
        let last_modified = self.last_modified();
        fresh(request, etag, last_modified).then(|| {
            let mut response = StatusCode::NOT_MODIFIED.into_response();
            self.cache_headers(response.headers_mut(), etag, last_modified);
            response
        })
    }

    fn cache_headers(&self, headers: &mut HeaderMap, etag: &str, last_modified: DateTime<Utc>) {
        if let Ok(etag) = HeaderValue::from_str(etag) {
            headers.insert(header::ETAG, etag);
        }
        if let Ok(date) = HeaderValue::from_str(&http_date(last_modified)) {
            headers.insert(header::LAST_MODIFIED, date);
        }
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        );
    }

    fn respond(
        &self,
        etag: String,
        content_type: &'static str,
        body: impl Into<Bytes>,
    ) -> Response {
        let mut response = (StatusCode::OK, body.into()).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            content_security_policy(POLICY, &self.frame_ancestors),
        );
        self.cache_headers(headers, &etag, self.last_modified());
        response
    }

    /// Version `number` as the statement page, Markdown or JSON. A page
    /// never changes for its ETag, so its body is rendered once per process.
    async fn page(
        &self,
        app: &App,
        number: i32,
        format: Format,
        page: Page,
        etag: String,
    ) -> Result<Response, AppError> {
        let key = (self.slug.clone(), etag.clone());
        if let Some(body) = RENDERED.get(&key) {
            return Ok(self.respond(etag, format.content_type(), body));
        }
        let Some(version) = self.full(app, number).await? else {
            return Ok(not_found(Some(self.language)));
        };
        let body = Bytes::from(match format {
            Format::Markdown => version.markdown.clone(),
            Format::Json => self.json(&version)?,
            Format::Html => self.statement_page(&version, page)?,
        });
        RENDERED.put(key, body.clone());
        Ok(self.respond(etag, format.content_type(), body))
    }

    fn statement_page(&self, version: &Model, page: Page) -> Result<String, AppError> {
        let language = self.language;
        let t = words(language);
        let changed = last_changed(version);
        let self_href = match page {
            Page::Current => self.href(""),
            Page::Numbered => self.href(&format!("versions/{}", version.version)),
        };
        let org_name = published_name(version);
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
                statement => Value::from_safe_string(version.html.clone()),
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
        let current = self.current.as_ref().map(|c| c.version);
        match current {
            Some(current) if version.version == current => {
                let upcoming = self.upcoming.as_ref()?;
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
        let upcoming = self
            .upcoming
            .as_ref()
            .filter(|u| u.version > version.version)
            .map(|u| {
                json!({
                    "version": u.version,
                    "effectiveFrom": u.effective_from,
                    "url": self.href(&format!("versions/{}", u.version)),
                })
            });
        let current = self.current.as_ref().map(|c| c.version);
        let body = json!({
            "organization": { "slug": self.slug, "name": published_name(version) },
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
            "document": version.document,
        });
        serde_json::to_string_pretty(&body).map_err(|e| AppError::Internal(e.to_string()))
    }
}

/// The organization's name as `version` published it.
fn published_name(version: &Model) -> &str {
    version
        .snapshot
        .pointer("/organization/legalName")
        .and_then(|name| name.as_str())
        .unwrap_or_default()
}

/// The name the newest of `versions` (oldest first) published.
fn newest_name(versions: &[Model]) -> &str {
    versions.last().map(published_name).unwrap_or_default()
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// "Last changed on": when the version took effect, else when it was published.
fn last_changed(version: &Model) -> NaiveDate {
    version
        .effective_from
        .unwrap_or_else(|| version.published_at.date_naive())
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

// ------------------------------------------------------------- history ----

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
struct DiffLine {
    class: Option<&'static str>,
    text: String,
}

impl HistoryEntry {
    fn new(site: &Site, version: &Model) -> Self {
        let t = words(site.language);
        let current = site.current.as_ref().map(|c| c.version);
        let status = match current {
            Some(current) if current == version.version => Some(t.status_in_effect.as_str()),
            Some(current) if current > version.version => None,
            _ => Some(t.status_announced.as_str()),
        };
        let published = version.published_at.date_naive();
        let effective = version.effective_from.unwrap_or(published);
        let (changes, text) = read_diff(version.diff.as_ref());
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
    fn new(line: &str) -> Self {
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
fn read_diff(diff: Option<&serde_json::Value>) -> (Vec<String>, String) {
    let Some(diff) = diff else {
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

// -------------------------------------------------------------- format ----

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Html,
    Markdown,
    Json,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// `nl` -> (`nl`, HTML), `nl.md` -> (`nl`, Markdown), `3.json` -> (`3`, JSON).
fn split_format(segment: &str) -> (&str, Format) {
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
fn parse_number(text: &str) -> Option<i32> {
    if text.starts_with('0') || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|n| *n > 0)
}

// ------------------------------------------------------------- caching ----

/// Whether the client's copy is still good: a matching `If-None-Match`, or,
/// without one, an `If-Modified-Since` not older than the page.
fn fresh(request: &HeaderMap, etag: &str, last_modified: DateTime<Utc>) -> bool {
    if let Some(tags) = request.get(header::IF_NONE_MATCH) {
        let Ok(tags) = tags.to_str() else {
            return false;
        };
        // Weak comparison, as RFC 9110 asks for If-None-Match.
        return tags
            .split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag);
    }
    request
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|since| since.to_str().ok())
        .and_then(|since| DateTime::parse_from_rfc2822(since.trim()).ok())
        .is_some_and(|since| last_modified.timestamp() <= since.timestamp())
}

fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A stable `urn:uuid:` for one organization's feed in one language.
fn feed_id(organization: Uuid, language: Language) -> String {
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

// ----------------------------------------------------------- templates ----

struct Templates {
    env: Environment<'static>,
    /// Changes with the templates, and with them every ETag.
    fingerprint: String,
}

static TEMPLATES: LazyLock<Templates> = LazyLock::new(|| {
    let sources = [
        ("base.html", include_str!("pages/base.html")),
        ("statement.html", include_str!("pages/statement.html")),
        ("versions.html", include_str!("pages/versions.html")),
        ("message.html", include_str!("pages/message.html")),
        ("feed.xml", include_str!("pages/feed.xml")),
    ];
    let mut env = super::render::environment();
    let mut fingerprint = Sha256::new();
    for (name, source) in sources {
        env.add_template(name, source)
            .expect("page templates compile");
        fingerprint.update(source.as_bytes());
    }
    Templates {
        env,
        fingerprint: hex(&fingerprint.finalize()[..8]),
    }
});

fn render(name: &str, context: Value) -> Result<String, AppError> {
    TEMPLATES
        .env
        .get_template(name)
        .and_then(|template| template.render(context))
        .map_err(|error| AppError::Internal(format!("template {name}: {error:#}")))
}

fn not_found(language: Option<Language>) -> Response {
    message_page(StatusCode::NOT_FOUND, language, |t| {
        (t.not_found_heading.as_str(), t.not_found_text.as_str())
    })
}

/// A small page saying something went wrong; in both languages when the
/// language is not known.
fn message_page(
    status: StatusCode,
    language: Option<Language>,
    message: impl Fn(&'static Words) -> (&'static str, &'static str),
) -> Response {
    let languages = match language {
        Some(language) => vec![language],
        None => vec![Language::En, Language::Nl],
    };
    let messages: Vec<_> = languages
        .iter()
        .map(|language| {
            let (heading, text) = message(words(*language));
            context! { lang => language.code(), heading, text }
        })
        .collect();
    let first = message(words(languages[0]));
    let body = render(
        "message.html",
        context! {
            lang => languages[0].code(),
            t => words(languages[0]),
            page_title => first.0,
            org_name => "",
            messages,
        },
    )
    .unwrap_or_else(|_| first.1.to_string());
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        content_security_policy(POLICY, &[]),
    );
    response
}

// --------------------------------------------------------------- words ----

/// The wording of the pages around the statement: the `page.*` texts of
/// the statement wording, for the page templates.
#[derive(Debug, Serialize, Deserialize)]
struct Words {
    privacy_statement: String,
    version_history: String,
    last_changed: String,
    version: String,
    published: String,
    effective: String,
    material: String,
    what_changed: String,
    text_changes: String,
    first_version: String,
    to_current: String,
    feed: String,
    status_in_effect: String,
    status_announced: String,
    read_new_version: String,
    read_current_version: String,
    not_found_heading: String,
    not_found_text: String,
    error_heading: String,
    error_text: String,
}

static WORDS: LazyLock<[Words; 2]> = LazyLock::new(|| Language::ALL.map(page_words));

fn page_words(language: Language) -> Words {
    let wording = text::wording(language);
    let texts: serde_json::Map<String, serde_json::Value> = text::keys(language)
        .filter_map(|key| {
            let name = key.strip_prefix("page.")?;
            Some((name.to_string(), serde_json::Value::from(wording.get(key))))
        })
        .collect();
    serde_json::from_value(serde_json::Value::Object(texts))
        .expect("the statement wording has every `page.*` text")
}

fn words(language: Language) -> &'static Words {
    &WORDS[Language::ALL
        .iter()
        .position(|l| *l == language)
        .unwrap_or(0)]
}

/// A notice sentence (`page_notice.*`) about another version.
fn notice_text(language: Language, key: &str, context: impl Serialize) -> String {
    text::wording(language).render(&format!("page_notice.{key}"), context)
}

/// `1 maart 2026`, `1 March 2026`.
fn long_date(date: NaiveDate, language: Language) -> String {
    text::wording(language).date(date)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments() {
        assert_eq!(split_format("nl"), ("nl", Format::Html));
        assert_eq!(split_format("nl.md"), ("nl", Format::Markdown));
        assert_eq!(split_format("en.json"), ("en", Format::Json));
        assert_eq!(split_format("nl.txt"), ("nl.txt", Format::Html));
        assert_eq!(parse_number("3"), Some(3));
        for bad in ["0", "01", "-1", "+1", "", "x", "99999999999", "1.5"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn conditional_requests() {
        let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let with = |name, value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(name, HeaderValue::from_str(value).unwrap());
            headers
        };
        assert!(fresh(&with(header::IF_NONE_MATCH, "\"a\""), "\"a\"", at));
        assert!(fresh(
            &with(header::IF_NONE_MATCH, "\"b\", W/\"a\""),
            "\"a\"",
            at
        ));
        assert!(fresh(&with(header::IF_NONE_MATCH, "*"), "\"a\"", at));
        assert!(!fresh(&with(header::IF_NONE_MATCH, "\"b\""), "\"a\"", at));
        assert!(fresh(
            &with(header::IF_MODIFIED_SINCE, &http_date(at)),
            "\"a\"",
            at
        ));
        let earlier = at - chrono::Duration::seconds(1);
        assert!(!fresh(
            &with(header::IF_MODIFIED_SINCE, &http_date(earlier)),
            "\"a\"",
            at
        ));
        assert!(!fresh(
            &with(header::IF_MODIFIED_SINCE, "yesterday"),
            "\"a\"",
            at
        ));
        assert!(!fresh(&HeaderMap::new(), "\"a\"", at));
        assert_eq!(http_date(at), "Tue, 14 Nov 2023 22:13:20 GMT");
    }

    #[test]
    fn dates_and_ids() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(long_date(date, Language::Nl), "1 maart 2026");
        assert_eq!(long_date(date, Language::En), "1 March 2026");
        let id = feed_id(Uuid::nil(), Language::Nl);
        assert_eq!(id, feed_id(Uuid::nil(), Language::Nl));
        assert_ne!(id, feed_id(Uuid::nil(), Language::En));
        assert!(id.starts_with("urn:uuid:"));
    }

    #[test]
    fn diffs_are_read_leniently() {
        let diff = json!({
            "semantic": [{"kind": "ACTIVITY_ADDED", "description": "Added <b>"}, {"kind": "X"}, "plain"],
            "text": "--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n same",
        });
        let (changes, text) = read_diff(Some(&diff));
        assert_eq!(changes, ["Added <b>", "X", "plain"]);
        let classes: Vec<_> = text.lines().map(|l| DiffLine::new(l).class).collect();
        assert_eq!(
            classes,
            [
                Some("hunk"),
                Some("hunk"),
                Some("hunk"),
                Some("del"),
                Some("add"),
                None
            ]
        );
        assert_eq!(read_diff(Some(&json!("odd"))), (vec![], String::new()));
        assert_eq!(read_diff(None), (vec![], String::new()));
    }

    #[test]
    fn every_template_renders() {
        let response = not_found(None);
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        for name in [
            "base.html",
            "statement.html",
            "versions.html",
            "message.html",
            "feed.xml",
        ] {
            assert!(TEMPLATES.env.get_template(name).is_ok(), "{name}");
        }
    }
}
