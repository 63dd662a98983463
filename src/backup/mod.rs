//! The backup of an organization's register: every entry, drafts, retired
//! and archived ones included, with its id and its links, in a document
//! that `registerExport` writes and `importRegister` reads back, as JSON or
//! as YAML. The demo organization is such a document too.
//!
//! Field names follow the GraphQL inputs, so an import error such as
//! `activities.3.dataCategoryIds.0` names the place in the file the same way
//! a mutation error names the place in its input. Revisions and timestamps
//! are not part of it: they describe the database, not the register, and an
//! import is a change of its own.

mod entries;
mod of_register;
mod syntax;
#[cfg(test)]
pub mod testing;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use entries::{
    ActivityEntry, AgreementEntry, DataCategoryEntry, DataSubjectCategoryEntry, Entry,
    LegalBasisEntry, OrganizationEntry, ProcessorEntry, RightsPolicyEntry, TrackerEntry,
    TransferEntry,
};
pub use syntax::{read, write, Syntax};

/// The `format` every backup names.
pub const FORMAT: &str = "ropa-register-backup";
/// The version of the backup document this ropa writes and reads. A change
/// that older readers would misread raises it.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Backup {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`] when written by this ropa.
    pub version: u32,
    /// When the backup was taken; for the reader, not imported.
    pub exported_at: Option<DateTime<Utc>>,
    pub organization: OrganizationEntry,
    pub rights_policy: Option<RightsPolicyEntry>,
    #[serde(default)]
    pub data_categories: Vec<DataCategoryEntry>,
    #[serde(default)]
    pub data_subject_categories: Vec<DataSubjectCategoryEntry>,
    #[serde(default)]
    pub processors: Vec<ProcessorEntry>,
    #[serde(default)]
    pub agreements: Vec<AgreementEntry>,
    #[serde(default)]
    pub activities: Vec<ActivityEntry>,
    /// Absent from backups taken before trackers were registered.
    #[serde(default)]
    pub trackers: Vec<TrackerEntry>,
}
