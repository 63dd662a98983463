use sea_orm::entity::prelude::*;

use crate::enums::{ProcessorRole, TransferSafeguard};
use crate::values::{Contact, Localized};

/// A third party that receives personal data: a processor, a sub-processor
/// (with its parent), or another controller.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[sea_orm(table_name = "processor")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    pub role: ProcessorRole,
    #[sea_orm(column_type = "Json")]
    pub service: Localized,
    /// The kind of recipient, e.g. "mailing house"; absent: named by `name`.
    #[sea_orm(column_type = "Json", nullable)]
    pub category: Option<Localized>,
    /// ISO 3166-1 alpha-2; `ZZ` when the register does not know where the
    /// recipient is.
    pub country: String,
    #[sea_orm(column_type = "Json", nullable)]
    pub contact: Option<Contact>,
    pub parent_id: Option<Uuid>,
    pub transfer_safeguard: Option<TransferSafeguard>,
    /// For a joint controller: the essence of the arrangement (GDPR Art. 26(2)).
    #[sea_orm(column_type = "Json", nullable)]
    pub joint_arrangement: Option<Localized>,
    /// Kept out of the stored register snapshot: it serves search only.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub search_text: String,
    pub archived_at: Option<DateTimeUtc>,
    pub revision: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
