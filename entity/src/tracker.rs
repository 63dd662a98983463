use sea_orm::entity::prelude::*;

use crate::enums::TrackerCategory;
use crate::values::{IdList, Localized};

/// A cookie or similar technology that a website of the organization
/// places or reads (Telecommunicatiewet art. 11.7a, ePrivacy art. 5(3)).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[sea_orm(table_name = "tracker")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    /// As the browser sees it, e.g. `_ga`.
    pub name: String,
    pub category: TrackerCategory,
    #[sea_orm(column_type = "Json")]
    pub purpose: Localized,
    /// The processor or third party that places or reads it; absent: the
    /// organization itself (first party).
    pub provider_id: Option<Uuid>,
    /// ISO 8601 duration; absent: until the browser session ends.
    pub duration: Option<String>,
    /// The processing activities it serves.
    #[sea_orm(column_type = "Json")]
    pub activity_ids: IdList,
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
