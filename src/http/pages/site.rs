//! What every page needs first: the organization and the heads of all its
//! versions in one language (held in memory), with the version in effect
//! today and the one announced; from them a page's address, validators and
//! response.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::Language;
use entity::statement_version::Model;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::Arc;
use uuid::Uuid;

use super::cache::{Encoding, Rendered};
use super::conditional::Validators;
use super::templates::TEMPLATES;
use super::POLICY;
use crate::error::AppError;
use crate::http::headers::{content_security_policy, origin};
use crate::http::App;
use crate::statement::published::Published;
use crate::statement::versions::{self, Head, Part, Versions};

/// A version as the history and the feed list it.
pub(super) struct Listed<'a> {
    pub(super) head: &'a Head,
    /// What changed since the version before, as stored (JSON); the first
    /// version has none.
    pub(super) diff: Option<String>,
}

pub(super) struct Site {
    /// What the pages show, held in memory (see `PublishedStatements`).
    published: Arc<Published>,
    /// The origins of the organization's websites: the only ones that may
    /// show its pages in a frame.
    frame_ancestors: Vec<String>,
    /// Where in `heads` the version in effect today and the one announced
    /// stand.
    in_effect: versions::InEffect<usize>,
}

/// A site is its published statement, with what is in effect today.
impl Deref for Site {
    type Target = Published;

    fn deref(&self) -> &Published {
        &self.published
    }
}

impl Site {
    /// The version in effect today; `None` while the first one is only
    /// announced.
    pub(super) fn current(&self) -> Option<&Head> {
        self.in_effect.current.map(|position| &self.heads[position])
    }

    /// The newest version announced for a later date, if any.
    pub(super) fn upcoming(&self) -> Option<&Head> {
        self.in_effect
            .upcoming
            .map(|position| &self.heads[position])
    }

    /// `None` when there is no such organization or it published nothing in
    /// this language. Which version is in effect is decided on every
    /// request, so a version takes effect on its date without a restart.
    pub(super) async fn load(
        app: &App,
        slug: &str,
        language: Language,
    ) -> Result<Option<Site>, AppError> {
        let Some(published) = app.published.get(&app.db, slug, language).await? else {
            return Ok(None);
        };
        let heads = published.heads.iter().map(|head| head.effective_from);
        let in_effect = versions::split_by_effect(heads.enumerate(), |(_, from)| *from, today());
        let position = |found: Option<(usize, _)>| found.map(|(position, _)| position);
        let mut frame_ancestors: Vec<String> = published
            .websites
            .iter()
            .filter_map(|website| origin(website))
            .collect();
        frame_ancestors.sort();
        frame_ancestors.dedup();
        Ok(Some(Site {
            published,
            frame_ancestors,
            in_effect: versions::InEffect {
                current: position(in_effect.current),
                upcoming: position(in_effect.upcoming),
            },
        }))
    }

    pub(super) async fn full(&self, app: &App, number: i32) -> Result<Option<Model>, AppError> {
        versions::by_number(&app.db, self.organization_id, self.language, number).await
    }

    /// Every version as the history lists it, oldest first, and the
    /// organization's name as the newest one published it. The heads are
    /// those the page's validators were made from; only the diffs are read.
    pub(super) async fn history(&self, app: &App) -> Result<(Vec<Listed<'_>>, String), AppError> {
        let (organization, language) = (self.organization_id, self.language);
        let mut diffs: HashMap<Uuid, Option<String>> =
            versions::parts(&app.db, organization, Versions::In(language), Part::Diff)
                .await?
                .into_iter()
                .collect();
        let listed = self.heads.iter().map(|head| Listed {
            head,
            diff: diffs.remove(&head.id).flatten(),
        });
        let name = versions::newest_published_name(&app.db, organization, language).await?;
        Ok((listed.collect(), name.unwrap_or_default()))
    }

    /// `/statements/{org}/{lang}` followed by `/{rest}` when `rest` is not empty.
    pub(super) fn href(&self, rest: &str) -> String {
        let base = format!("/statements/{}/{}", self.slug, self.language.code());
        if rest.is_empty() {
            base
        } else {
            format!("{base}/{rest}")
        }
    }

    /// The validators of one page. Its strong ETag covers the page (and
    /// format) asked for, every version's number, hash and effective date,
    /// which one is in effect and which one announced (so that a new
    /// announcement or a version taking effect changes it), the page
    /// templates, and who may frame it (so a browser revalidating its copy
    /// gets the new policy).
    pub(super) fn validators(&self, page: &[&str], encoding: Encoding) -> Validators {
        let mut hash = Sha256::new();
        hash.update(TEMPLATES.fingerprint.as_bytes());
        let framers = self.frame_ancestors.iter().map(String::as_str);
        for part in page.iter().copied().chain(framers) {
            hash.update([0]);
            hash.update(part.as_bytes());
        }
        hash.update([0]);
        hash.update(self.heads_digest);
        let number = |head: Option<&Head>| head.map_or(0, |h| h.version);
        for number in [number(self.current()), number(self.upcoming())] {
            hash.update(number.to_be_bytes());
        }
        Validators::new(&hash.finalize()[..16], self.last_modified(), encoding)
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

    /// The page `rendered` in the coding the validators chose.
    pub(super) fn respond(
        &self,
        validators: &Validators,
        content_type: &'static str,
        rendered: &Rendered,
    ) -> Response {
        let body = rendered.body(validators.encoding);
        let mut response = (StatusCode::OK, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        if let Some(coding) = validators.encoding.token() {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            content_security_policy(POLICY, &self.frame_ancestors),
        );
        validators.insert(headers);
        response
    }
}

pub(super) fn today() -> NaiveDate {
    Utc::now().date_naive()
}
