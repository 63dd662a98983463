//! `/graphql`: GraphQL over HTTP (read and answered as [`transport`]
//! says) and the GraphiQL page on a GET without a query.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::graphiql;
use super::transport::{self, MediaType, QueryString};
use crate::api::context::RequestContext;
use crate::api::started::Started;
use crate::auth::CallerState;
use crate::error::AppError;
use crate::http::App;

/// Largest request body accepted on `/graphql`.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// `GET /graphql?query=...`: a query (never a mutation); without `query`,
/// the GraphiQL page, or a 404 that says it is off.
pub async fn get(
    State(app): State<App>,
    caller: CallerState,
    headers: HeaderMap,
    params: Result<Query<QueryString>, QueryRejection>,
) -> Response {
    let Ok(Query(params)) = params else {
        let error = AppError::BadRequest("the query string is not a GraphQL request".into());
        return transport::refuse(&error, MediaType::Json);
    };
    if params.query.is_none() {
        if app.graphiql {
            return graphiql::page();
        }
        let error = AppError::TurnedOff("GraphiQL (ROPA_GRAPHIQL)");
        return transport::refuse(&error, MediaType::Json);
    }
    respond(&app, caller, &headers, || {
        let mut request = params.into_request()?;
        transport::refuse_mutation(&mut request)?;
        Ok(request)
    })
    .await
}

/// `POST /graphql` with a JSON body.
pub async fn post(
    State(app): State<App>,
    caller: CallerState,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    respond(&app, caller, &headers, || {
        transport::require_json(&headers)?;
        let body = body.map_err(unreadable)?;
        transport::from_body(&body)
    })
    .await
}

fn unreadable(rejection: BytesRejection) -> AppError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::PayloadTooLarge(MAX_BODY_BYTES)
    } else {
        AppError::BadRequest("could not read the request body".into())
    }
}

/// Chooses the answer's media type, reads the request with `read` and runs it.
async fn respond(
    app: &App,
    caller: CallerState,
    headers: &HeaderMap,
    read: impl FnOnce() -> Result<async_graphql::Request, AppError>,
) -> Response {
    let media = match MediaType::negotiate(headers) {
        Ok(media) => media,
        Err(error) => return transport::refuse(&error, MediaType::Json),
    };
    match read() {
        Ok(request) => run(app, caller, request, media).await,
        Err(error) => transport::refuse(&error, media),
    }
}

async fn run(
    app: &App,
    caller: CallerState,
    mut request: async_graphql::Request,
    media: MediaType,
) -> Response {
    let operation = app.metrics.operation_label(&mut request).to_string();
    let clock = Instant::now();
    let context = Arc::new(RequestContext::new(app.db.clone(), caller));
    let question = app.answers.question(&context, &mut request, media);
    if let Some(question) = &question {
        if let Some(body) = app.answers.still_holding(question, &context).await {
            app.metrics.answers_reused.inc();
            count(app, &operation, "ok", clock);
            return transport::ok(media, body);
        }
    }
    let started = Started::default();
    let request = request
        .data(context.clone())
        .data(app.import_max_bytes)
        .data(started.clone());
    // Never closed, so a permit always comes.
    let permit = app.operations.acquire().await.ok();
    let mut response = app.schema.execute(request).await;
    drop(permit);
    label_uncoded_errors(&mut response);
    let outcome = if response.errors.is_empty() {
        "ok"
    } else {
        "error"
    };
    count(app, &operation, outcome, clock);
    match (question, transport::body_without_errors(&response)) {
        (Some(question), Some(body)) => {
            app.answers.keep(question, &context, body.clone());
            transport::ok(media, body)
        }
        _ => transport::answer(&response, started.get(), media),
    }
}

fn count(app: &App, operation: &str, outcome: &str, clock: Instant) {
    app.metrics
        .requests
        .with_label_values(&[operation, outcome])
        .inc();
    app.metrics
        .latency
        .with_label_values(&[operation])
        .observe(clock.elapsed().as_secs_f64());
}

/// Errors the engine raises before our resolvers run (syntax, unknown
/// fields, bad argument values, depth and complexity limits) carry no code
/// of their own: they are all input the client must fix.
fn label_uncoded_errors(response: &mut async_graphql::Response) {
    for error in &mut response.errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            extensions.set("code", "VALIDATION_FAILED");
        }
    }
}
