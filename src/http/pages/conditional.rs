//! Conditional GET: a page's validators (a strong `ETag` and
//! `Last-Modified`), and whether the client's copy is still good
//! (`If-None-Match`, else `If-Modified-Since`, as RFC 9110 orders them).

use std::time::SystemTime;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use headers::{ETag, HeaderMapExt, IfModifiedSince, IfNoneMatch, LastModified};

use super::cache::Encoding;

/// Caches may keep a page a minute without asking; then they revalidate.
const CACHE_CONTROL: &str = "public, max-age=60";

/// What tells one state of a page from another.
pub(super) struct Validators {
    /// The page's state, whatever its coding: the rendered page cache keys
    /// on it.
    pub(super) tag: String,
    /// The coding the answer is sent in.
    pub(super) encoding: Encoding,
    last_modified: SystemTime,
}

impl Validators {
    /// A strong ETag of `digest` in `encoding`, and when the page last
    /// changed.
    pub(super) fn new(
        digest: &[u8],
        last_modified: DateTime<Utc>,
        encoding: Encoding,
    ) -> Validators {
        Validators {
            tag: hex::encode(digest),
            encoding,
            last_modified: last_modified.into(),
        }
    }

    /// The strong ETag of the page in `encoding`: each coding is a
    /// representation of its own (RFC 9110, 8.8.3), so it has its own tag.
    fn etag(&self, encoding: Encoding) -> ETag {
        let suffix = encoding
            .token()
            .map(|t| format!("-{t}"))
            .unwrap_or_default();
        format!("\"{}{suffix}\"", self.tag)
            .parse()
            .expect("hex digits and a coding in quotes are an entity tag")
    }

    /// Whether the client's copy is still good: an `If-None-Match` naming
    /// the page in any coding (weak comparison, as RFC 9110 asks), or,
    /// without one, an `If-Modified-Since` not older than the page. An
    /// `If-None-Match` that cannot be read matches nothing.
    pub(super) fn fresh(&self, request: &HeaderMap) -> bool {
        if request.contains_key(header::IF_NONE_MATCH) {
            let codings = [Encoding::Identity, Encoding::Gzip, Encoding::Brotli];
            return request.typed_get::<IfNoneMatch>().is_some_and(|tags| {
                codings
                    .iter()
                    .any(|coding| !tags.precondition_passes(&self.etag(*coding)))
            });
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

    /// Adds the validators, how long a cache may keep the page, and that
    /// the answer depends on `Accept-Encoding`.
    pub(super) fn insert(&self, headers: &mut HeaderMap) {
        headers.typed_insert(self.etag(self.encoding));
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        headers.typed_insert(LastModified::from(self.last_modified));
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        );
    }
}
