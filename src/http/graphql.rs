//! `POST /graphql` and the GraphiQL page on `GET /graphql`.

use std::time::Instant;

use async_graphql::http::GraphiQLSource;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::auth::CallerState;
use crate::graphql::context::RequestContext;
use crate::App;

/// Largest request body accepted on `/graphql`.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

pub async fn graphiql() -> Html<String> {
    Html(
        GraphiQLSource::build()
            .endpoint("/graphql")
            .title("ropa")
            .finish(),
    )
}

fn request_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, Json(body)).into_response()
}

pub async fn execute(
    State(app): State<App>,
    caller: CallerState,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return request_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
                &format!("request body is larger than {MAX_BODY_BYTES} bytes"),
            )
        }
        Err(_) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "could not read the request body",
            )
        }
    };
    let mut request: async_graphql::Request =
        match serde_json::from_slice(&body) {
            Ok(request) => request,
            Err(_) => return request_error(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "expected a JSON body with `query` and optional `variables` and `operationName`",
            ),
        };
    let operation = app.metrics.operation_label(&mut request).to_string();
    let started = Instant::now();
    let request = request.data(RequestContext::new(app.db.clone(), caller));
    let mut response = app.schema.execute(request).await;
    label_uncoded_errors(&mut response);

    let outcome = if response.errors.is_empty() {
        "ok"
    } else {
        "error"
    };
    app.metrics
        .requests
        .with_label_values(&[operation.as_str(), outcome])
        .inc();
    app.metrics
        .latency
        .with_label_values(&[operation.as_str()])
        .observe(started.elapsed().as_secs_f64());
    Json(response).into_response()
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
