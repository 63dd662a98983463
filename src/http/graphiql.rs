//! GraphiQL, when `ROPA_GRAPHIQL` turns it on: a page of ropa's own around
//! GraphiQL's and React's files (`assets/graphiql/`, pinned, with their
//! licenses), all served from the binary. Nothing comes from a CDN, and the
//! page's policy allows scripts of this origin only.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::headers;

/// The route of the files; `{fingerprint}` changes with any of them.
pub const ASSET_ROUTE: &str = "/graphiql/{fingerprint}/{file}";

/// GraphiQL's styles set element styles and add `<style>` elements, its
/// fonts are `data:` URLs; everything else comes from this origin.
const DIRECTIVES: &str =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     font-src 'self' data:; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
     form-action 'none'";

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

/// The files of the page, by name: (content type, bytes).
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "graphiql.min.js",
        JAVASCRIPT,
        include_bytes!("../../assets/graphiql/graphiql.min.js"),
    ),
    (
        "graphiql.min.css",
        CSS,
        include_bytes!("../../assets/graphiql/graphiql.min.css"),
    ),
    (
        "react.production.min.js",
        JAVASCRIPT,
        include_bytes!("../../assets/graphiql/react.production.min.js"),
    ),
    (
        "react-dom.production.min.js",
        JAVASCRIPT,
        include_bytes!("../../assets/graphiql/react-dom.production.min.js"),
    ),
    ("start.js", JAVASCRIPT, include_bytes!("graphiql/start.js")),
    ("page.css", CSS, include_bytes!("graphiql/page.css")),
];

/// A digest of every file: their address changes with them, so a browser
/// may keep them for a year.
static FINGERPRINT: LazyLock<String> = LazyLock::new(|| {
    let mut hash = Sha256::new();
    for (name, _, bytes) in FILES {
        hash.update(name.as_bytes());
        hash.update(bytes);
    }
    hex::encode(&hash.finalize()[..8])
});

static PAGE: LazyLock<String> = LazyLock::new(|| {
    include_str!("graphiql/page.html").replace("{ASSETS}", &format!("/graphiql/{}", *FINGERPRINT))
});

/// The GraphiQL page.
pub fn page() -> Response {
    let policy = headers::content_security_policy(DIRECTIVES, &[]);
    let no_cache = HeaderValue::from_static("no-cache");
    (
        [(CONTENT_SECURITY_POLICY, policy), (CACHE_CONTROL, no_cache)],
        Html(PAGE.as_str()),
    )
        .into_response()
}

/// `GET /graphiql/{fingerprint}/{file}`: one of the files it serves, for good.
pub async fn file(Path((fingerprint, name)): Path<(String, String)>) -> Response {
    let found = FILES.iter().find(|(file, _, _)| *file == name);
    let Some((_, content_type, bytes)) = found.filter(|_| fingerprint == *FINGERPRINT) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (CONTENT_TYPE, *content_type),
            (CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        *bytes,
    )
        .into_response()
}
