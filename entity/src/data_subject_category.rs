use sea_orm::entity::prelude::*;

use crate::values::Localized;

/// Whose data: customers, newsletter subscribers, website visitors, ...
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[sea_orm(table_name = "data_subject_category")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub key: String,
    #[sea_orm(column_type = "Json")]
    pub name: Localized,
    #[sea_orm(column_type = "Json")]
    pub description: Localized,
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
