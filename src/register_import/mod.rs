//! Reading a backup (`registerExport` as BACKUP_JSON or BACKUP_YAML) back
//! into the caller's register: the file is decoded and checked as a whole
//! (`decode`, `check`), its entries are matched to the register's
//! (`ids`) and written through the register services in one transaction
//! (`apply`), or only tried and rolled back on a dry run.

mod apply;
mod check;
pub mod decode;
mod ids;
mod inputs;

use async_graphql::{Context, Object, SimpleObject};

use crate::api::context::scope;
use crate::api::guard::RoleGuard;
use crate::auth::Role;
use crate::backup::Backup;
use crate::db::Scope;
use crate::error::AppResult;
use crate::register::organization::CreateOrganizationInput;
use crate::register_export::ExportFormat;

/// The largest backup, in bytes, that `importRegister` reads
/// (`ROPA_IMPORT_MAX_BYTES`); each GraphQL request carries it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaxBackupBytes(pub usize);

/// What an import did, or would do, to one kind of entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, SimpleObject)]
pub struct ImportCount {
    pub created: i32,
    /// Changed or archived.
    pub updated: i32,
    pub unchanged: i32,
}

impl ImportCount {
    fn one_created() -> Self {
        ImportCount {
            created: 1,
            ..Default::default()
        }
    }

    fn one_updated() -> Self {
        ImportCount {
            updated: 1,
            ..Default::default()
        }
    }

    fn one_unchanged() -> Self {
        ImportCount {
            unchanged: 1,
            ..Default::default()
        }
    }
}

/// The counts of every kind of entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, SimpleObject)]
pub struct ImportCounts {
    pub organization: ImportCount,
    pub rights_policy: ImportCount,
    pub data_categories: ImportCount,
    pub data_subject_categories: ImportCount,
    pub processors: ImportCount,
    pub processing_agreements: ImportCount,
    pub processing_activities: ImportCount,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, SimpleObject)]
pub struct ImportResult {
    /// True when nothing was written.
    pub dry_run: bool,
    #[graphql(flatten)]
    pub counts: ImportCounts,
}

// ---- service ----

/// Makes the register of `scope` hold the backup in `base64` (written as
/// `format`, no larger than `max`), or with `dry_run` only says what that
/// would change.
pub async fn import(
    scope: &Scope,
    format: ExportFormat,
    base64: &str,
    max: MaxBackupBytes,
    dry_run: bool,
) -> AppResult<ImportResult> {
    let backup = decode::decode(decode::syntax(format)?, base64, max.0)?;
    import_backup(scope, backup, dry_run).await
}

/// Makes the register of `scope` hold `backup`, in one transaction, or with
/// `dry_run` only says what that would change.
pub async fn import_backup(
    scope: &Scope,
    backup: Backup,
    dry_run: bool,
) -> AppResult<ImportResult> {
    check::check(&backup)?;
    let txn = scope.begin().await?;
    let counts = apply::apply(&txn, scope, backup).await?;
    if dry_run {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    Ok(ImportResult { dry_run, counts })
}

/// The organization `backup` describes, under `slug`: imported into it
/// afterwards, the backup leaves its details as they are.
pub fn organization_to_create(slug: &str, backup: &Backup) -> CreateOrganizationInput {
    CreateOrganizationInput {
        slug: slug.to_string(),
        details: inputs::organization(&backup.organization),
    }
}

// ---- GraphQL ----

#[derive(Default)]
pub struct RegisterImportMutation;

#[Object]
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
    #[graphql(
        guard = "RoleGuard(Role::Admin)",
        complexity = "crate::api::limits::COST_WHOLE_REGISTER + child_complexity"
    )]
    async fn import_register(
        &self,
        ctx: &Context<'_>,
        format: ExportFormat,
        base64: String,
        dry_run: Option<bool>,
    ) -> async_graphql::Result<ImportResult> {
        let scope = scope(ctx).await?;
        let max = *ctx.data::<MaxBackupBytes>()?;
        Ok(import(scope, format, &base64, max, dry_run.unwrap_or(false)).await?)
    }
}
