//! The one error type of ropa, and the one place it gets its GraphQL error
//! code and its HTTP status (`crate::api::error` makes it a GraphQL error).
//! Database text never reaches a client: internal errors are logged and
//! answered with `INTERNAL`.

use axum::http::StatusCode;
use sea_orm::{DbErr, RuntimeErr, SqlErr};

#[derive(Clone, Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthenticated(String),
    #[error("your role does not allow this")]
    Forbidden,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{message}")]
    Validation { field: String, message: String },
    /// A document refused before it runs (too large, too deep, too costly).
    #[error("query refused: {0}")]
    QueryRefused(String),
    #[error("{0}")]
    Conflict(String),
    #[error("internal error")]
    Internal(String),
    /// What reached `/graphql` is not a GraphQL request: not JSON, no
    /// `query`, a parameter of the wrong type.
    #[error("{0}")]
    BadRequest(String),
    #[error("request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("a GraphQL request is sent as `Content-Type: application/json`")]
    UnsupportedMediaType,
    #[error(
        "the answer is `application/graphql-response+json` or `application/json`; the Accept header allows neither"
    )]
    NotAcceptable,
    #[error("a mutation is sent with POST, never GET")]
    MutationOverGet,
    /// A publish refused while blocking compliance findings stand that the
    /// publisher did not accept.
    #[error("{} blocking finding(s) stand: {}; resolve them, or accept each in acceptFindings with a justification", .0.len(), codes(.0))]
    BlockingFindings(Vec<BlockingFinding>),
    /// A part of ropa this server was started without.
    #[error("{0} is turned off on this server")]
    TurnedOff(&'static str),
    /// The database does not answer (down, unreachable, or no connection
    /// free within the pool's acquire timeout); retrying later may succeed.
    #[error("the database is not available; retry in a few seconds")]
    Unavailable,
}

pub type AppResult<T> = Result<T, AppError>;

/// A blocking compliance finding, as a refused publish lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockingFinding {
    /// The finding's code, e.g. `ACTIVITY_WITHOUT_LEGAL_BASIS`.
    pub code: String,
    /// `CODE:entity-id`: the finding about one entry.
    pub key: String,
    pub entity_ids: Vec<uuid::Uuid>,
}

fn codes(findings: &[BlockingFinding]) -> String {
    let keys: Vec<&str> = findings.iter().map(|f| f.key.as_str()).collect();
    keys.join(", ")
}

impl AppError {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn stale_revision() -> Self {
        AppError::Conflict(
            "the entry was changed since you read it (stale expectedRevision); reload and retry"
                .into(),
        )
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated(_) => "UNAUTHENTICATED",
            AppError::Forbidden => "FORBIDDEN",
            AppError::NotFound(_) | AppError::TurnedOff(_) => "NOT_FOUND",
            AppError::Validation { .. } | AppError::QueryRefused(_) => "VALIDATION_FAILED",
            AppError::Conflict(_) => "CONFLICT",
            AppError::Internal(_) => "INTERNAL",
            AppError::BadRequest(_) => "BAD_REQUEST",
            AppError::PayloadTooLarge(_) => "PAYLOAD_TOO_LARGE",
            AppError::UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
            AppError::NotAcceptable => "NOT_ACCEPTABLE",
            AppError::MutationOverGet => "METHOD_NOT_ALLOWED",
            AppError::Unavailable => "UNAVAILABLE",
            AppError::BlockingFindings(_) => "BLOCKING_FINDINGS",
        }
    }

    /// The HTTP status of an answer that is only this error. Errors met
    /// while a GraphQL operation runs travel inside its answer instead.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound(_) | AppError::TurnedOff(_) => StatusCode::NOT_FOUND,
            AppError::Validation { .. } | AppError::QueryRefused(_) | AppError::BadRequest(_) => {
                StatusCode::BAD_REQUEST
            }
            AppError::Conflict(_) | AppError::BlockingFindings(_) => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            AppError::MutationOverGet => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// How long a client waits before retrying an `UNAVAILABLE` answer
/// (`Retry-After`, in seconds).
pub const RETRY_AFTER_SECONDS: u64 = 5;

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(_)) = err.sql_err() {
            return AppError::Conflict("an entry with this key already exists".into());
        }
        if is_unreachable(&err) {
            tracing::warn!(error = %err, "database not available");
            return AppError::Unavailable;
        }
        tracing::error!(error = %err, "database error");
        AppError::Internal(err.to_string())
    }
}

/// Whether `err` says the database could not be reached, rather than that
/// it refused a statement: no connection within the acquire timeout, or one
/// that broke.
fn is_unreachable(err: &DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    match err {
        DbErr::ConnectionAcquire(_) => true,
        DbErr::Conn(RuntimeErr::SqlxError(_)) => true,
        DbErr::Exec(RuntimeErr::SqlxError(sqlx)) | DbErr::Query(RuntimeErr::SqlxError(sqlx)) => {
            matches!(
                sqlx.as_ref(),
                Sqlx::Io(_)
                    | Sqlx::Tls(_)
                    | Sqlx::PoolTimedOut
                    | Sqlx::PoolClosed
                    | Sqlx::WorkerCrashed
            )
        }
        _ => false,
    }
}
