//! Conditional GET: a page's validators (a strong `ETag` and
//! `Last-Modified`), and whether the client's copy is still good
//! (`If-None-Match`, else `If-Modified-Since`, as RFC 9110 orders them).

use std::time::SystemTime;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use headers::{ETag, HeaderMapExt, IfModifiedSince, IfNoneMatch, LastModified};

/// Caches may keep a page a minute without asking; then they revalidate.
const CACHE_CONTROL: &str = "public, max-age=60";

/// What tells one state of a page from another.
pub(super) struct Validators {
    /// The ETag as sent: the rendered page cache keys on it.
    pub(super) tag: String,
    etag: ETag,
    last_modified: SystemTime,
}

impl Validators {
    /// A strong ETag of `digest`, and when the page last changed.
    pub(super) fn new(digest: &[u8], last_modified: DateTime<Utc>) -> Validators {
        let tag = format!("\"{}\"", hex::encode(digest));
        let etag = tag.parse().expect("hex digits in quotes are an entity tag");
        Validators {
            tag,
            etag,
            last_modified: last_modified.into(),
        }
    }

    /// Whether the client's copy is still good: a matching `If-None-Match`
    /// (weak comparison, as RFC 9110 asks), or, without one, an
    /// `If-Modified-Since` not older than the page. An `If-None-Match` that
    /// cannot be read matches nothing.
    pub(super) fn fresh(&self, request: &HeaderMap) -> bool {
        if request.contains_key(header::IF_NONE_MATCH) {
            return request
                .typed_get::<IfNoneMatch>()
                .is_some_and(|tags| !tags.precondition_passes(&self.etag));
        }
        request
            .typed_get::<IfModifiedSince>()
            .is_some_and(|since| !since.is_modified(self.last_modified))
    }

    /// `304 Not Modified`, with the validators a cache refreshes its copy's with.
    pub(super) fn not_modified(&self) -> Response {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        self.insert(response.headers_mut());
        response
    }

    /// Adds the validators and how long a cache may keep the page.
    pub(super) fn insert(&self, headers: &mut HeaderMap) {
        headers.typed_insert(self.etag.clone());
        headers.typed_insert(LastModified::from(self.last_modified));
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        );
    }
}
