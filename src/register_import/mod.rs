//! Reading a backup (`registerExport` as BACKUP_JSON or BACKUP_YAML) back
//! into the caller's register: the file is decoded and checked as a whole
//! (`decode`, `check`), its entries are matched to the register's
//! (`ids`) and written through the register services in one transaction
//! (`apply`), or only tried and rolled back on a dry run. What each list
//! of the file is, in the file, in the register and to its service, is
//! said once (`sections`).

mod apply;
mod check;
pub mod decode;
mod ids;
mod inputs;
mod sections;

use crate::backup::Backup;
use crate::db::{Scope, Tx};
use crate::error::AppResult;
use crate::register::organization::CreateOrganizationInput;
use crate::register_export::ExportFormat;

/// The largest backup, in bytes, that `importRegister` reads
/// (`ROPA_IMPORT_MAX_BYTES`); each GraphQL request carries it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaxBackupBytes(pub usize);

/// What an import did, or would do, to one kind of entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub organization: ImportCount,
    pub rights_policy: ImportCount,
    pub data_categories: ImportCount,
    pub data_subject_categories: ImportCount,
    pub processors: ImportCount,
    pub processing_agreements: ImportCount,
    pub processing_activities: ImportCount,
    pub trackers: ImportCount,
}

/// What an import did, or on a dry run would do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportResult {
    /// True when nothing was written.
    pub dry_run: bool,
    pub counts: ImportCounts,
}

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
    let apply = async |tx: &Tx<'_>| import_into(tx, backup).await;
    let counts = if dry_run {
        scope.rehearse(apply).await?
    } else {
        scope.write(apply).await?
    };
    Ok(ImportResult { dry_run, counts })
}

/// Makes the register of `tx`'s organization hold `backup`, in `tx`.
pub async fn import_into(tx: &Tx<'_>, backup: Backup) -> AppResult<ImportCounts> {
    check::check(&backup)?;
    apply::apply(tx, backup).await
}

/// The organization `backup` describes, under `slug`: imported into it
/// afterwards, the backup leaves its details as they are.
pub fn organization_to_create(slug: &str, backup: &Backup) -> CreateOrganizationInput {
    CreateOrganizationInput {
        slug: slug.to_string(),
        details: inputs::organization(&backup.organization),
    }
}
