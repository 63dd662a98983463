//! The page templates, and the small page that says something went wrong
//! (not found, an error), which every page may answer with.

use std::sync::LazyLock;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use entity::enums::Language;
use minijinja::{context, AutoEscape, Environment, Output, State, UndefinedBehavior, Value};
use sha2::{Digest, Sha256};

use super::words::{words, Words};
use super::POLICY;
use crate::error::AppError;
use crate::http::headers::content_security_policy;
use crate::statement::render;

pub(super) struct Templates {
    pub(super) env: Environment<'static>,
    /// Changes with the templates, and with them every ETag.
    pub(super) fingerprint: String,
}

pub(super) const NAMES: [&str; 5] = [
    "base.html",
    "statement.html",
    "versions.html",
    "message.html",
    "feed.xml",
];

pub(super) static TEMPLATES: LazyLock<Templates> = LazyLock::new(|| {
    let sources = [
        include_str!("templates/base.html"),
        include_str!("templates/statement.html"),
        include_str!("templates/versions.html"),
        include_str!("templates/message.html"),
        include_str!("templates/feed.xml"),
    ];
    let mut env = environment();
    let mut fingerprint = Sha256::new();
    for (name, source) in NAMES.into_iter().zip(sources) {
        env.add_template(name, source)
            .expect("page templates compile");
        fingerprint.update(source.as_bytes());
    }
    Templates {
        env,
        fingerprint: hex::encode(&fingerprint.finalize()[..8]),
    }
});

/// The environment of the page templates: autoescaping for `.html` and
/// `.xml` templates, strict about misspelt variables.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_formatter(format_value);
    env
}

/// Like minijinja's own formatter, but without escaping `/` (which makes
/// every path in the output read `&#x2f;`): `&`, `<`, `>`, `"` and `'`
/// are enough in text and in quoted attributes.
fn format_value(out: &mut Output, state: &State, value: &Value) -> Result<(), minijinja::Error> {
    if state.auto_escape() != AutoEscape::Html
        || value.is_safe()
        || value.is_undefined()
        || value.is_none()
    {
        return minijinja::escape_formatter(out, state, value);
    }
    let text = match value.as_str() {
        Some(text) => render::escape_html(text),
        None => render::escape_html(&value.to_string()),
    };
    out.write_str(&text).map_err(minijinja::Error::from)
}

pub(super) fn render(name: &str, context: Value) -> Result<String, AppError> {
    TEMPLATES
        .env
        .get_template(name)
        .and_then(|template| template.render(context))
        .map_err(|error| AppError::Internal(format!("template {name}: {error:#}")))
}

pub(super) fn not_found(language: Option<Language>) -> Response {
    message_page(StatusCode::NOT_FOUND, language, |t| {
        (t.not_found_heading.as_str(), t.not_found_text.as_str())
    })
}

/// A small page saying something went wrong; in both languages when the
/// language is not known.
pub(super) fn message_page(
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
