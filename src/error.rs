//! The one error type of ropa, and the one place it becomes a GraphQL error
//! code. Database text never reaches a client: internal errors are logged
//! and answered with `INTERNAL`.

use async_graphql::ErrorExtensions;
use sea_orm::{DbErr, SqlErr};

use crate::auth::TokenError;

#[derive(Debug, thiserror::Error)]
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
}

pub type AppResult<T> = Result<T, AppError>;

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
            AppError::NotFound(_) => "NOT_FOUND",
            AppError::Validation { .. } | AppError::QueryRefused(_) => "VALIDATION_FAILED",
            AppError::Conflict(_) => "CONFLICT",
            AppError::Internal(_) => "INTERNAL",
        }
    }
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(_)) = err.sql_err() {
            return AppError::Conflict("an entry with this key already exists".into());
        }
        tracing::error!(error = %err, "database error");
        AppError::Internal(err.to_string())
    }
}

/// A refused token is `UNAUTHENTICATED`, but for control characters in the
/// claims of a well-signed token: that is input the sender must fix, like a
/// control character in any other text (`VALIDATION_FAILED`).
impl From<TokenError> for AppError {
    fn from(err: TokenError) -> Self {
        match err {
            TokenError::ControlCharacter(claim) => AppError::Validation {
                field: claim.map_or("token".into(), |claim| format!("token.{claim}")),
                message: err.to_string(),
            },
            _ => AppError::Unauthenticated(err.to_string()),
        }
    }
}

impl AppError {
    /// The error as the engine reports it before execution: at a place in
    /// the document, or (for a variable) at none.
    pub fn at(self, at: Option<async_graphql::Pos>) -> async_graphql::ServerError {
        let mut error = async_graphql::Error::from(self).into_server_error(at.unwrap_or_default());
        if at.is_none() {
            error.locations.clear();
        }
        error
    }
}

impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        let code = err.code();
        let field = match &err {
            AppError::Validation { field, .. } => Some(field.clone()),
            _ => None,
        };
        async_graphql::Error::new(err.to_string()).extend_with(|_, ext| {
            ext.set("code", code);
            if let Some(field) = &field {
                ext.set("field", field.as_str());
            }
        })
    }
}
