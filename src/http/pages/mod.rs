//! Public statement pages (no token): the statement in effect, any published
//! version, the version history and an Atom feed, for every visitor of an
//! organization's website.
//!
//! Only `statement_version` rows (and the organization's id for its slug,
//! and its websites, which alone may show a page in a frame) are read here,
//! so drafts and the register itself never show: even the organization's
//! name comes from the published version. Every answer is
//! cacheable: it carries a strong `ETag` and `Last-Modified` and is answered
//! with `304 Not Modified` when the client has it. Deciding that takes no
//! query once the organization's versions are held in memory
//! (`statement::published`); a page is rendered and compressed (gzip,
//! brotli) once per process, and only then loads the (large) versions.
//!
//! Here are the routes and what every page does first; a file per page
//! (`statement`, `history`, `feed`) and per part they share.

mod address;
mod cache;
mod conditional;
mod feed;
mod history;
mod site;
mod statement;
mod templates;
mod words;

#[cfg(test)]
mod tests;

use std::future::Future;

use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use entity::enums::Language;

use self::address::split_format;
use self::cache::{Encoding, Rendered, RENDERED};
use self::conditional::Validators;
use self::site::{Listed, Site};
use self::templates::{message_page, not_found};
use crate::error::AppError;
use crate::http::transport::retry_later;
use crate::http::App;

/// Everything under `/statements`; any other path there is the 404 page.
/// The routes are written out in full rather than nested: a nested router
/// costs every request a prefix to strip and a service to clone.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/statements/{org}/{lang}", get(statement::current))
        .route("/statements/{org}/{lang}/versions", get(history::history))
        .route(
            "/statements/{org}/{lang}/versions/{number}",
            get(statement::one_version),
        )
        .route("/statements/{org}/{lang}/feed.atom", get(feed::feed))
        .fallback(unknown)
}

/// The pages need no script, no font, no image: forbid them all. Who may
/// frame them is added by [`content_security_policy`](crate::http::headers::content_security_policy).
const POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Any other path under `/statements`: the 404 page, in the language the
/// path names when it names one. Any path elsewhere: a bare 404.
async fn unknown(uri: Uri) -> Response {
    let path = uri.path();
    if path != "/statements" && !path.starts_with("/statements/") {
        return StatusCode::NOT_FOUND.into_response();
    }
    // `/statements/{org}/{lang}/...`
    let language = path
        .split('/')
        .nth(3)
        .map(|segment| split_format(segment).0)
        .and_then(Language::from_code);
    not_found(language)
}

/// A page about every version of one language (the history, the feed),
/// called `page` in its ETag, of type `content_type`, and made by `make`
/// from the versions, oldest first. Rendered once per process.
async fn every_version_page(
    app: &App,
    org: &str,
    lang: &str,
    request: &HeaderMap,
    (page, content_type): (&'static str, &'static str),
    make: impl FnOnce(&Site, &[Listed], &str) -> Result<String, AppError>,
) -> Response {
    let Some(language) = Language::from_code(lang) else {
        return not_found(None);
    };
    answer(language, async {
        let prepared = prepare(app, org, language, request, |_| {
            Some((vec![page.into()], ()))
        });
        let (site, validators, ()) = match prepared.await? {
            Ok(prepared) => prepared,
            Err(answered) => return Ok(answered),
        };
        let key = (site.slug.clone(), validators.tag.clone());
        let site = &site;
        let rendered = RENDERED
            .get_or_make(&key, move || async move {
                let (listed, org_name) = site.history(app).await?;
                Rendered::compress(make(site, &listed, &org_name)?).await
            })
            .await?;
        Ok(site.respond(&validators, content_type, &rendered))
    })
    .await
}

/// What every page does first: load the site, name the page (`None`: there
/// is no such page, a 404) and answer `304` when the client has it. Returns
/// the site, the page's validators and what `page` found, or the answer
/// given.
async fn prepare<T>(
    app: &App,
    org: &str,
    language: Language,
    request: &HeaderMap,
    page: impl FnOnce(&Site) -> Option<(Vec<String>, T)>,
) -> Result<Result<(Site, Validators, T), Response>, AppError> {
    let Some(site) = Site::load(app, org, language).await? else {
        return Ok(Err(not_found(Some(language))));
    };
    let Some((parts, found)) = page(&site) else {
        return Ok(Err(not_found(Some(language))));
    };
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let validators = site.validators(&parts, Encoding::negotiate(request));
    if validators.fresh(request) {
        return Ok(Err(validators.not_modified()));
    }
    Ok(Ok((site, validators, found)))
}

fn error_page(status: StatusCode, language: Language) -> Response {
    message_page(status, Some(language), |t| {
        (t.error_heading.as_str(), t.error_text.as_str())
    })
}

/// Runs a page, turning a failure into a small error page.
async fn answer(
    language: Language,
    page: impl Future<Output = Result<Response, AppError>>,
) -> Response {
    match page.await {
        Ok(response) => response,
        Err(AppError::Unavailable) => {
            retry_later(error_page(StatusCode::SERVICE_UNAVAILABLE, language))
        }
        Err(error) => {
            tracing::error!(%error, "statement page failed");
            error_page(StatusCode::INTERNAL_SERVER_ERROR, language)
        }
    }
}
