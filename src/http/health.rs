//! Liveness and readiness.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;

use crate::http::App;

/// The process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// How long readiness waits for the database: well under the second a
/// load balancer's probe usually allows.
const READY_WITHIN: Duration = Duration::from_millis(800);

/// The database answers, within `READY_WITHIN`.
pub async fn readyz(State(app): State<App>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(READY_WITHIN, app.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
        Err(_) => {
            tracing::warn!("database did not answer within {READY_WITHIN:?}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

pub async fn metrics(
    State(app): State<App>,
) -> ([(axum::http::HeaderName, &'static str); 1], String) {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        app.metrics.render(),
    )
}
