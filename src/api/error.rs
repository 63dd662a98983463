//! [`AppError`] as a GraphQL error: its message, with its code and (for a
//! validation error) the input field in the extensions.

use std::convert::Infallible;

use async_graphql::ErrorExtensions;

use crate::error::{AppError, BlockingFinding};

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
        let findings = match &err {
            AppError::BlockingFindings(findings) => Some(findings_value(findings)),
            _ => None,
        };
        async_graphql::Error::new(err.to_string()).extend_with(|_, ext| {
            ext.set("code", code);
            if let Some(field) = &field {
                ext.set("field", field.as_str());
            }
            if let Some(findings) = &findings {
                ext.set("findings", findings.clone());
            }
        })
    }
}

/// The findings that stopped a publish, each as `{code, key, entityIds}`.
fn findings_value(findings: &[BlockingFinding]) -> async_graphql::Value {
    let list = findings
        .iter()
        .map(|finding| {
            let mut object = async_graphql::indexmap::IndexMap::new();
            object.insert(
                async_graphql::Name::new("code"),
                async_graphql::Value::from(finding.code.as_str()),
            );
            object.insert(
                async_graphql::Name::new("key"),
                async_graphql::Value::from(finding.key.as_str()),
            );
            let ids = finding
                .entity_ids
                .iter()
                .map(|id| async_graphql::Value::from(id.to_string()))
                .collect();
            object.insert(
                async_graphql::Name::new("entityIds"),
                async_graphql::Value::List(ids),
            );
            async_graphql::Value::Object(object)
        })
        .collect();
    async_graphql::Value::List(list)
}
