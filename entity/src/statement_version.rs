use sea_orm::entity::prelude::*;

use crate::enums::Language;
use crate::values::{Packed, StringList};

/// One published version of an organization's privacy statement in one
/// language. Immutable once written: numbers run 1, 2, ... per organization
/// and language, without gaps.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "statement_version")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub language: Language,
    pub version: i32,
    pub published_at: DateTimeUtc,
    /// The token subject that published it.
    pub published_by: String,
    pub summary: String,
    /// A material change (new purpose, recipients, transfer) announced ahead.
    pub material: bool,
    /// When it takes effect; absent: at publication.
    pub effective_from: Option<Date>,
    /// The structured statement (`StatementDocument` as JSON). The large
    /// columns are packed text: the JSON ones are written and read as they
    /// are, never as a tree.
    pub document: Packed,
    pub markdown: Packed,
    /// The statement as an HTML fragment.
    pub html: Packed,
    /// The register it was built from (`RegisterSnapshot` as JSON).
    pub snapshot: Packed,
    /// SHA-256 of the document without its publication date.
    pub content_hash: String,
    /// Semantic and text diff against the previous version (`StatementDiff`).
    #[sea_orm(nullable)]
    pub diff: Option<Packed>,
    /// The blocking findings the publisher accepted (finding codes or
    /// `CODE:entity-id` keys, as given), and why.
    #[sea_orm(column_type = "Json")]
    pub accepted_findings: StringList,
    pub justification: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
