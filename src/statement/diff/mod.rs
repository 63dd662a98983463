//! What changed between two statement versions: semantically, from the
//! register snapshots they were built from (a purpose added, a legal basis
//! changed from X to Y, a recipient added, ...), and as text, a line diff of
//! their Markdown.
//!
//! A version is one language's statement, so its diff is what a reader of
//! that language would notice: register texts are compared as the statement
//! picks them (the language, else the organization's default, else any), an
//! edit of another translation is no change, and the changes are described
//! in that language (`wording/changes.toml`).
//!
//! This module holds the entry point and the changes it gives; the reading of
//! each version (`reading`), the comparing (`comparing`) and the wording of
//! the changes (`wording`) each have their file.

mod comparing;
mod reading;
mod trackers;
mod wording;

#[cfg(test)]
mod tests;

use entity::enums::Language;
use minijinja::context;
use serde::{Deserialize, Serialize};
use similar::TextDiff;
use uuid::Uuid;

use self::comparing::{described, Changes};
use self::reading::Side;
use self::wording::{words, Facts};
use super::entry_types::{
    ACTIVITY, DATA_CATEGORY, DATA_SUBJECT_CATEGORY, ORGANIZATION, PROCESSOR, RIGHTS_POLICY, TRACKER,
};
use crate::register_snapshot::{Indexed, RegisterSnapshot};

/// The kinds of change, listed once for the enums made of them:
/// `change_kinds! { #[derive(..)] pub enum Name }` declares one,
/// [`ChangeKind`] here and the GraphQL enum in `api/statement/document.rs`.
macro_rules! change_kinds {
    ($($head:tt)*) => {
        crate::declare_enum! {
            { $($head)* }
            OrganizationChanged,
            ActivityAdded,
            ActivityRemoved,
            ActivityRenamed,
            PurposeChanged,
            LegalBasisChanged,
            LegitimateInterestChanged,
            DataCategoryAdded,
            DataCategoryRemoved,
            /// A data category the statement names is called differently.
            DataCategoryRenamed,
            /// Another detail of a data category the statement names changed.
            DataCategoryChanged,
            /// A data category now is, or no longer is, special (GDPR Art. 9).
            SpecialCategoryChanged,
            DataSubjectAdded,
            DataSubjectRemoved,
            /// A data subject category the statement names is called differently.
            DataSubjectRenamed,
            RecipientAdded,
            RecipientRemoved,
            RetentionChanged,
            TransferAdded,
            TransferRemoved,
            ActivityDetailsChanged,
            ProcessorAdded,
            ProcessorRemoved,
            ProcessorChanged,
            AgreementChanged,
            RightsPolicyChanged,
            /// A cookie or similar technology.
            TrackerAdded,
            TrackerRemoved,
            /// What the statement says of a tracker changed.
            TrackerChanged,
            WordingChanged,
        }
    };
}
pub(crate) use change_kinds;

change_kinds! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(test, derive(sea_orm::EnumIter))]
    #[serde(rename_all = "snake_case")]
    pub enum ChangeKind
}

impl ChangeKind {
    /// Its key in changes.toml, e.g. `legal_basis_changed`.
    fn key(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// One change, described in the statement's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SemanticChange {
    pub kind: ChangeKind,
    /// The register entry that changed, e.g. `ProcessingActivity`.
    pub entity_type: String,
    pub entity_id: String,
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementDiff {
    pub semantic: Vec<SemanticChange>,
    /// A unified line diff of the Markdown.
    pub text: String,
}

/// The statement itself, as the subject of a change of its own.
const STATEMENT: &str = "Statement";

/// The register entry a change is about: its type and id.
type Entry = (&'static str, Uuid);

/// Compares two versions of one language, `versions` being their numbers:
/// their snapshots and their Markdown.
pub fn diff(
    old: &RegisterSnapshot,
    new: &RegisterSnapshot,
    old_markdown: &str,
    new_markdown: &str,
    language: Language,
    versions: (i32, i32),
) -> StatementDiff {
    // The register's changes and the text's are found on two threads.
    let (mut semantic, text) = rayon::join(
        || register_changes(old, new, language),
        || text_changes(old_markdown, new_markdown, language, versions),
    );
    if semantic.is_empty() && !text.is_empty() {
        semantic.push(described(
            &words(language),
            (ChangeKind::WordingChanged, None),
            (STATEMENT, Uuid::nil()),
            &Facts::default(),
        ));
    }
    StatementDiff { semantic, text }
}

/// What changed in the register, as a reader of `language` reads it.
fn register_changes(
    old: &RegisterSnapshot,
    new: &RegisterSnapshot,
    language: Language,
) -> Vec<SemanticChange> {
    let (old, new) = (Indexed::new(old), Indexed::new(new));
    let mut changes = Changes {
        old: Side::new(&old, language),
        new: Side::new(&new, language),
        changes: Vec::new(),
    };
    changes.compare();
    changes.changes
}

/// The unified diff of the two Markdown texts, headed by their version
/// numbers.
fn text_changes(old: &str, new: &str, language: Language, versions: (i32, i32)) -> String {
    let words = words(language);
    let label = |number: i32| words.render("version", context! { number });
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&label(versions.0), &label(versions.1))
        .to_string()
}
