//! The routes and the layers around them.

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use super::{graphiql, graphql, headers, health, pages};
use crate::http::App;

pub fn router(app: App) -> Router {
    let mut routes = Router::new()
        .route(
            "/graphql",
            get(graphql::get)
                .post(graphql::post)
                .layer(DefaultBodyLimit::max(graphql::MAX_BODY_BYTES)),
        )
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .merge(pages::routes());
    if app.graphiql {
        routes = routes.route(graphiql::ASSET_ROUTE, get(graphiql::file));
    }
    let routes = routes
        .with_state(app)
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(TraceLayer::new_for_http());
    // Outside the others: a timeout's or a panic's answer carries them too.
    headers::secure(routes)
}

/// A bug must not take the process down nor show its message.
fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("request handler panicked");
    let body = json!({ "errors": [{ "message": "internal error", "extensions": { "code": "INTERNAL" } }] });
    (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
}
