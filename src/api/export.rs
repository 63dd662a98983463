//! The GraphQL side of exporting the register.

use async_graphql::{Context, Object, SimpleObject};

use crate::api::context::scope;
use crate::api::guard::RoleGuard;
use crate::api::limits::whole_register;
use crate::auth::Role;
use crate::register_export::{self, export};

register_export::export_formats! {
    #[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
    #[graphql(remote = "register_export::ExportFormat")]
    pub enum ExportFormat
}

/// A file to save: its suggested name, its media type and its bytes.
#[derive(Clone, Debug, SimpleObject)]
pub struct ExportFile {
    /// e.g. `rezulto-register-2026-11-25.csv`.
    pub filename: String,
    pub content_type: String,
    /// The file's bytes, base64-encoded (RFC 4648, with padding).
    pub base64: String,
}

impl From<register_export::ExportFile> for ExportFile {
    fn from(file: register_export::ExportFile) -> Self {
        ExportFile {
            filename: file.filename,
            content_type: file.content_type,
            base64: file.base64,
        }
    }
}

#[derive(Default)]
pub struct RegisterExportQuery;

#[Object(guard = "RoleGuard(Role::Viewer)")]
impl RegisterExportQuery {
    /// The caller's register as a file. The tables and the JSON-LD hold the
    /// entries that are not archived; a backup holds every entry.
    #[graphql(complexity = "whole_register(child_complexity)")]
    async fn register_export(
        &self,
        ctx: &Context<'_>,
        format: ExportFormat,
    ) -> async_graphql::Result<ExportFile> {
        Ok(export(scope(ctx).await?, format.into()).await?.into())
    }
}
