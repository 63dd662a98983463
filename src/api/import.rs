//! The GraphQL side of importing a backup.

use async_graphql::{Context, Object};

use crate::api::context::scope;
use crate::api::export::ExportFormat;
use crate::api::guard::RoleGuard;
use crate::api::limits::whole_register;
use crate::auth::Role;
use crate::register_import::{self, import, MaxBackupBytes};

mirror_output! {
    /// What an import did, or would do, to one kind of entry.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct ImportCount <= register_import::ImportCount {
        created: i32,
        /// Changed or archived.
        updated: i32,
        unchanged: i32,
    }
}

mirror_output! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct ImportResult <= register_import::ImportResult {
        /// True when nothing was written.
        dry_run: bool,
        // Each count is a field of its own beside `dryRun`, as the schema has had them.
        #[graphql(flatten)]
        counts: ImportCounts,
    }
}

mirror_output! {
    /// The counts of every kind of entry, shown as fields of
    /// [`ImportResult`].
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct ImportCounts <= register_import::ImportCounts {
        organization: ImportCount,
        rights_policy: ImportCount,
        data_categories: ImportCount,
        data_subject_categories: ImportCount,
        processors: ImportCount,
        processing_agreements: ImportCount,
        processing_activities: ImportCount,
        trackers: ImportCount,
    }
}

#[derive(Default)]
pub struct RegisterImportMutation;

#[Object(guard = "RoleGuard(Role::Admin)")]
impl RegisterImportMutation {
    /// Makes the register hold a backup taken with `registerExport`
    /// (`BACKUP_JSON` or `BACKUP_YAML`), in one transaction; admins only.
    ///
    /// Entries are matched by id; a data (subject) category whose id is not
    /// in this register, by its key. Matched entries are updated (or
    /// archived) to equal the backup, the others are created, with an id of
    /// their own when the backup's id is not one of this organization's
    /// (a backup of another organization never touches that organization).
    /// Entries of the register that the backup does not hold are left
    /// alone; so is the organization's slug. An archived entry stays
    /// archived and unchanged. Every change passes the checks of its
    /// mutation and is in the audit trail. Nothing is written unless the
    /// whole backup is valid; a fault is `VALIDATION_FAILED` with `field`
    /// naming its place in the file, e.g. `activities.3.dataCategoryIds.0`.
    /// With `dryRun: true` nothing is written either way, and the result
    /// says what the import would do. `base64` is the file as
    /// `registerExport` gives it (RFC 4648; line breaks are allowed).
    #[graphql(complexity = "whole_register(child_complexity)")]
    async fn import_register(
        &self,
        ctx: &Context<'_>,
        format: ExportFormat,
        base64: String,
        dry_run: Option<bool>,
    ) -> async_graphql::Result<ImportResult> {
        let scope = scope(ctx).await?;
        let max = *ctx.data::<MaxBackupBytes>()?;
        let dry_run = dry_run.unwrap_or(false);
        Ok(import(scope, format.into(), &base64, max, dry_run)
            .await?
            .into())
    }
}
