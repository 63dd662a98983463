//! The GraphQL side of importing a backup.

use async_graphql::{Context, Object, SimpleObject};

use crate::api::context::scope;
use crate::api::export::ExportFormat;
use crate::api::guard::RoleGuard;
use crate::api::limits::whole_register;
use crate::auth::Role;
use crate::register_import::{self, import, MaxBackupBytes};

/// What an import did, or would do, to one kind of entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, SimpleObject)]
pub struct ImportCount {
    pub created: i32,
    /// Changed or archived.
    pub updated: i32,
    pub unchanged: i32,
}

impl From<register_import::ImportCount> for ImportCount {
    fn from(count: register_import::ImportCount) -> Self {
        ImportCount {
            created: count.created,
            updated: count.updated,
            unchanged: count.unchanged,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, SimpleObject)]
pub struct ImportResult {
    /// True when nothing was written.
    pub dry_run: bool,
    pub organization: ImportCount,
    pub rights_policy: ImportCount,
    pub data_categories: ImportCount,
    pub data_subject_categories: ImportCount,
    pub processors: ImportCount,
    pub processing_agreements: ImportCount,
    pub processing_activities: ImportCount,
    pub trackers: ImportCount,
}

impl From<register_import::ImportResult> for ImportResult {
    fn from(result: register_import::ImportResult) -> Self {
        let counts = result.counts;
        ImportResult {
            dry_run: result.dry_run,
            organization: counts.organization.into(),
            rights_policy: counts.rights_policy.into(),
            data_categories: counts.data_categories.into(),
            data_subject_categories: counts.data_subject_categories.into(),
            processors: counts.processors.into(),
            processing_agreements: counts.processing_agreements.into(),
            processing_activities: counts.processing_activities.into(),
            trackers: counts.trackers.into(),
        }
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
