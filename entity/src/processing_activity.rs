use sea_orm::entity::prelude::*;

use crate::enums::ActivityStatus;
use crate::values::{ConditionList, DataSourceList, Localized, Retention, TransferList};

/// One entry of the record of processing activities (GDPR Art. 30(1)).
/// Its legal bases, data, data subjects and recipients are link tables.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[sea_orm(table_name = "processing_activity")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    #[sea_orm(column_type = "Json")]
    pub name: Localized,
    #[sea_orm(column_type = "Json")]
    pub purpose: Localized,
    pub purpose_category: Option<String>,
    pub status: ActivityStatus,
    pub owner: Option<String>,
    #[sea_orm(column_type = "Json", nullable)]
    pub retention: Option<Retention>,
    #[sea_orm(column_type = "Json")]
    pub special_category_conditions: ConditionList,
    #[sea_orm(column_type = "Json")]
    pub transfers: TransferList,
    #[sea_orm(column_type = "Json")]
    pub sources: DataSourceList,
    #[sea_orm(column_type = "Json")]
    pub security_measures: Localized,
    /// Decisions based solely on automated processing with legal or similarly
    /// significant effects (GDPR Art. 22): the logic, significance and
    /// consequences. Empty: no such decisions.
    #[sea_orm(column_type = "Json")]
    pub automated_decision_making: Localized,
    /// Profiling that is no Art. 22 decision; absent: none.
    #[sea_orm(column_type = "Json", nullable)]
    pub profiling: Option<Localized>,
    /// The purpose is direct marketing, to which objection is absolute
    /// (GDPR Art. 21(2)-(3)).
    #[serde(default)]
    pub direct_marketing: bool,
    /// Whether providing the data is a statutory or contractual requirement,
    /// and what happens when it is not provided.
    #[sea_orm(column_type = "Json")]
    pub requirement: Localized,
    pub dpia_required: bool,
    pub position: i32,
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
