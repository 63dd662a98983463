use sea_orm::entity::prelude::*;

use crate::values::Localized;

/// A category of personal data, keyed hierarchically (`contact.email`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[sea_orm(table_name = "data_category")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub key: String,
    #[sea_orm(column_type = "Json")]
    pub name: Localized,
    #[sea_orm(column_type = "Json")]
    pub description: Localized,
    /// GDPR Art. 9.
    pub special_category: bool,
    /// GDPR Art. 10.
    pub criminal_data: bool,
    /// Lowercased names and key, for text search on both databases; kept
    /// out of the stored register snapshot.
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
