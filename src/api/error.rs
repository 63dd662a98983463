//! [`AppError`] as a GraphQL error: its message, with its code and (for a
//! validation error) the input field in the extensions.

use std::convert::Infallible;

use async_graphql::ErrorExtensions;

use crate::error::AppError;

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

/// The error of a conversion that cannot fail, so resolvers convert every
/// input with `TryFrom`, whether or not it parses ids.
impl From<Infallible> for AppError {
    fn from(never: Infallible) -> Self {
        match never {}
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
