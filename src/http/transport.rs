//! GraphQL over HTTP (the GraphQL Foundation's specification): reading a
//! request from a GET query string or a JSON POST body, choosing the answer's
//! media type from `Accept`, and the HTTP status of an answer.
//!
//! - `POST` takes `Content-Type: application/json` only (415 otherwise: a
//!   body of another type is no GraphQL request, and a cross-site form cannot
//!   send JSON); a body that is not JSON, or not an object with a string
//!   `query`, a map or null `variables` and `extensions` and a string or
//!   null `operationName`, is 400.
//! - `GET` takes the same parameters in the query string (`variables` and
//!   `extensions` as JSON) and runs queries only: a mutation is 405.
//! - `Accept: application/graphql-response+json` gets that type, and a
//!   request refused before its operation ran (it does not parse or
//!   validate) is 400 without `data`. `application/json`, `*/*` or no
//!   `Accept` get `application/json`, where every GraphQL answer is 200, as
//!   the specification asks for that older type.

use std::collections::BTreeMap;

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationDefinition, OperationType,
};
use async_graphql::{Extensions, Request, ServerError, Value, Variables};
use axum::body::Bytes;
use axum::http::header::{ACCEPT, ALLOW, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::{AppError, RETRY_AFTER_SECONDS};

/// The media types a GraphQL answer is sent as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MediaType {
    GraphqlResponseJson,
    Json,
}

impl MediaType {
    fn content_type(self) -> &'static str {
        match self {
            MediaType::GraphqlResponseJson => "application/graphql-response+json; charset=utf-8",
            MediaType::Json => "application/json; charset=utf-8",
        }
    }

    /// The answer's type for a request's `Accept` header.
    pub fn negotiate(headers: &HeaderMap) -> Result<MediaType, AppError> {
        let mut ranges = Vec::new();
        for value in headers.get_all(ACCEPT) {
            let value = value.to_str().map_err(|_| AppError::NotAcceptable)?;
            ranges.extend(value.split(',').filter_map(MediaRange::parse));
        }
        if ranges.is_empty() {
            return Ok(MediaType::Json);
        }
        let graphql = Quality::of("graphql-response+json", &ranges);
        let json = Quality::of("json", &ranges);
        if graphql.q == 0 && json.q == 0 {
            return Err(AppError::NotAcceptable);
        }
        // Named as much as `application/json`: the client knows the newer
        // type. Matched by a wildcard only: the older one is the default.
        let newer = graphql > json || (graphql == json && graphql.specificity == EXACT);
        Ok(if newer {
            MediaType::GraphqlResponseJson
        } else {
            MediaType::Json
        })
    }
}

/// One entry of an `Accept` header: `type/subtype` and its weight, in
/// thousandths.
struct MediaRange {
    kind: String,
    subtype: String,
    q: u16,
}

impl MediaRange {
    /// `None` for an entry that is not a media range.
    fn parse(entry: &str) -> Option<MediaRange> {
        let mut parts = entry.split(';');
        let (kind, subtype) = parts.next()?.trim().split_once('/')?;
        let mut q = 1000;
        for parameter in parts {
            if let Some((name, value)) = parameter.split_once('=') {
                if name.trim().eq_ignore_ascii_case("q") {
                    let weight: f32 = value.trim().parse().ok()?;
                    q = (weight.clamp(0.0, 1.0) * 1000.0).round() as u16;
                }
            }
        }
        Some(MediaRange {
            kind: kind.trim().to_ascii_lowercase(),
            subtype: subtype.trim().to_ascii_lowercase(),
            q,
        })
    }
}

const EXACT: u8 = 2;

/// How much a client wants `application/{subtype}`: the weight of the most
/// specific range that matches it, and how specific that range is.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Quality {
    q: u16,
    specificity: u8,
}

impl Quality {
    fn of(subtype: &str, ranges: &[MediaRange]) -> Quality {
        ranges
            .iter()
            .filter_map(|range| {
                let specificity = match (range.kind.as_str(), range.subtype.as_str()) {
                    ("application", s) if s == subtype => EXACT,
                    ("application", "*") => 1,
                    ("*", "*") => 0,
                    _ => return None,
                };
                Some((specificity, range.q))
            })
            .max_by_key(|(specificity, _)| *specificity)
            .map_or(
                Quality {
                    q: 0,
                    specificity: 0,
                },
                |(specificity, q)| Quality { q, specificity },
            )
    }
}

/// A POST body's `Content-Type` is JSON in UTF-8 (the only encoding JSON
/// has; a charset may say so).
pub fn require_json(headers: &HeaderMap) -> Result<(), AppError> {
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let mut parts = content_type.split(';');
    let essence = parts.next().unwrap_or_default().trim();
    let utf8 = parts.all(|parameter| match parameter.split_once('=') {
        Some((name, value)) if name.trim().eq_ignore_ascii_case("charset") => {
            value.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
        }
        _ => true,
    });
    if essence.eq_ignore_ascii_case("application/json") && utf8 {
        Ok(())
    } else {
        Err(AppError::UnsupportedMediaType)
    }
}

/// The parameters of a GraphQL request, as a POST body sends them.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Params {
    query: String,
    #[serde(default)]
    operation_name: Option<String>,
    #[serde(default)]
    variables: Variables,
    #[serde(default)]
    extensions: Extensions,
}

impl Params {
    fn into_request(self) -> Request {
        let mut request = Request::new(self.query).variables(self.variables);
        request.operation_name = self.operation_name;
        request.extensions = self.extensions;
        request
    }
}

/// The request a POST body holds.
pub fn from_body(body: &[u8]) -> Result<Request, AppError> {
    let params: Params = serde_json::from_slice(body).map_err(|error| {
        AppError::BadRequest(if error.is_data() {
            format!("the body is not a GraphQL request: {error}")
        } else {
            "the body is not JSON".into()
        })
    })?;
    Ok(params.into_request())
}

/// The parameters of a GET request's query string: `variables` and
/// `extensions` JSON-encoded.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryString {
    pub query: Option<String>,
    operation_name: Option<String>,
    variables: Option<String>,
    extensions: Option<String>,
}

impl QueryString {
    /// The request; `query` must be there.
    pub fn into_request(self) -> Result<Request, AppError> {
        let query = self
            .query
            .ok_or_else(|| AppError::BadRequest("the `query` parameter is missing".into()))?;
        let request = Params {
            query,
            operation_name: self.operation_name,
            variables: json_parameter("variables", self.variables)?,
            extensions: json_parameter("extensions", self.extensions)?,
        }
        .into_request();
        Ok(request)
    }
}

fn json_parameter<T: serde::de::DeserializeOwned + Default>(
    name: &str,
    value: Option<String>,
) -> Result<T, AppError> {
    let Some(value) = value else {
        return Ok(T::default());
    };
    serde_json::from_str(&value)
        .map_err(|_| AppError::BadRequest(format!("`{name}` is not a JSON object")))
}

/// Refuses a mutation sent with GET: GET must be safe to repeat, to cache
/// and to follow from a link.
pub fn refuse_mutation(request: &mut Request) -> Result<(), AppError> {
    let name = request.operation_name.clone();
    // A document that does not parse is refused later, with the engine's words.
    let Ok(document) = request.parsed_query() else {
        return Ok(());
    };
    match selected_operation(document, name.as_deref()) {
        Some(operation) if operation.ty == OperationType::Mutation => {
            Err(AppError::MutationOverGet)
        }
        _ => Ok(()),
    }
}

/// The operation a request runs: the one named `name`, or the only one.
pub fn selected_operation<'a>(
    document: &'a ExecutableDocument,
    name: Option<&str>,
) -> Option<&'a OperationDefinition> {
    match (&document.operations, name) {
        (DocumentOperations::Single(operation), _) => Some(&operation.node),
        (DocumentOperations::Multiple(operations), Some(name)) => {
            operations.get(name).map(|operation| &operation.node)
        }
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => {
            operations.values().next().map(|operation| &operation.node)
        }
        (DocumentOperations::Multiple(_), None) => None,
    }
}

/// A GraphQL answer as it is sent: `data` only when the operation ran.
#[derive(Serialize)]
struct Answer<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a Value>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    errors: &'a [ServerError],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    extensions: &'a BTreeMap<String, Value>,
}

/// The HTTP answer to a GraphQL response; `started`: whether its
/// operation ran (see [`crate::api::started`]).
///
/// An operation that failed because the database is not available is
/// answered `503 Service Unavailable` with `Retry-After` (whatever the media
/// type): the request was fine, the client should send it again later.
pub fn answer(response: &async_graphql::Response, started: bool, media: MediaType) -> Response {
    let unavailable = response.errors.iter().any(is_unavailable);
    let status = if unavailable {
        StatusCode::SERVICE_UNAVAILABLE
    } else if !started && media == MediaType::GraphqlResponseJson {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let body = Answer {
        data: started.then_some(&response.data),
        errors: &response.errors,
        extensions: &response.extensions,
    };
    match serde_json::to_vec(&body) {
        Ok(body) if unavailable => retry_later(with_type(status, media, body)),
        Ok(body) => with_type(status, media, body),
        Err(error) => refuse(&AppError::Internal(error.to_string()), media),
    }
}

/// The body of an answer that ran without errors, as [`answer`] sends it;
/// `None` for any other answer.
pub fn body_without_errors(response: &async_graphql::Response) -> Option<Bytes> {
    if !response.errors.is_empty() {
        return None;
    }
    let body = Answer {
        data: Some(&response.data),
        errors: &response.errors,
        extensions: &response.extensions,
    };
    serde_json::to_vec(&body).ok().map(Bytes::from)
}

/// An answer without errors, its body made by [`body_without_errors`].
pub fn ok(media: MediaType, body: Bytes) -> Response {
    with_type(StatusCode::OK, media, body)
}

fn is_unavailable(error: &ServerError) -> bool {
    let code = error.extensions.as_ref().and_then(|e| e.get("code"));
    code == Some(&Value::String(AppError::Unavailable.code().into()))
}

/// Adds `Retry-After` to an answer that says the database is not available.
pub fn retry_later(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    response
}

/// The answer to a request refused before GraphQL saw it.
pub fn refuse(error: &AppError, media: MediaType) -> Response {
    let body = json!({ "errors": [{ "message": error.to_string(), "extensions": { "code": error.code() } }] });
    let mut response = with_type(error.status(), media, body.to_string().into_bytes());
    if matches!(error, AppError::MutationOverGet) {
        response
            .headers_mut()
            .insert(ALLOW, HeaderValue::from_static("POST"));
    }
    response
}

fn with_type(status: StatusCode, media: MediaType, body: impl Into<Bytes>) -> Response {
    (
        status,
        [(CONTENT_TYPE, HeaderValue::from_static(media.content_type()))],
        body.into(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn negotiate(accept: &str) -> Result<MediaType, AppError> {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_str(accept).unwrap());
        MediaType::negotiate(&headers)
    }

    #[test]
    fn accept_chooses_the_media_type() {
        use MediaType::{GraphqlResponseJson as Newer, Json};
        assert_eq!(MediaType::negotiate(&HeaderMap::new()).unwrap(), Json);
        for (accept, expected) in [
            ("application/graphql-response+json", Newer),
            ("application/json", Json),
            ("*/*", Json),
            ("application/*", Json),
            ("", Json),
            (
                "application/graphql-response+json, application/json;q=0.9",
                Newer,
            ),
            ("application/graphql-response+json, application/json", Newer),
            (
                "application/json, application/graphql-response+json;q=0.5",
                Json,
            ),
            ("application/graphql-response+json, */*;q=0.1", Newer),
            ("text/html, application/xhtml+xml, */*;q=0.8", Json),
            ("application/json; charset=utf-8", Json),
            ("APPLICATION/GRAPHQL-RESPONSE+JSON", Newer),
            ("application/json;q=0, */*", Newer),
        ] {
            assert_eq!(negotiate(accept).unwrap(), expected, "{accept}");
        }
        for refused in [
            "text/html",
            "application/json;q=0",
            "image/png, text/*",
            "*/*;q=0",
        ] {
            assert!(
                matches!(negotiate(refused), Err(AppError::NotAcceptable)),
                "{refused}"
            );
        }
    }

    #[test]
    fn bodies_are_json_in_utf_8() {
        let with = |content_type: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap());
            require_json(&headers).is_ok()
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=UTF-8"));
        assert!(with("application/json; charset=\"utf-8\""));
        assert!(!with("application/json; charset=latin1"));
        assert!(!with("text/plain"));
        assert!(!with("application/x-www-form-urlencoded"));
        assert!(!with("application/graphql"));
        assert!(require_json(&HeaderMap::new()).is_err());
    }

    #[test]
    fn requests_are_read_strictly() {
        let good = from_body(br#"{"query": "{ a }", "variables": null, "operationName": null, "extensions": {"x": 1}}"#);
        assert_eq!(good.unwrap().query, "{ a }");
        for bad in [
            &br#"{"variables": {}}"#[..],
            br#"{"query": 0}"#,
            br#"{"query": "{ a }", "variables": "x"}"#,
            br#"{"query": "{ a }", "variables": []}"#,
            br#"{"query": "{ a }", "operationName": false}"#,
            br#"{"query": "{ a }", "extensions": "x"}"#,
            b"[]",
            b"",
            b"{ a }",
        ] {
            let error = from_body(bad).err();
            assert!(
                matches!(error, Some(AppError::BadRequest(_))),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
