use sea_orm::entity::prelude::*;

use crate::values::{Localized, LocalizedList, OfferedRightList};

/// How the organization handles data subject requests and marketing
/// communication; one per organization.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[sea_orm(table_name = "rights_policy")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub organization_id: Uuid,
    /// ISO 8601 duration, e.g. `P4W`.
    pub response_period: String,
    pub opt_out_working_days: Option<i32>,
    /// ISO 8601 duration after the last purchase, e.g. `P2Y`.
    pub marketing_follow_up_period: Option<String>,
    #[sea_orm(column_type = "Json")]
    pub channels: Localized,
    #[sea_orm(column_type = "Json")]
    pub rights: OfferedRightList,
    /// Why data may be shared with third parties beyond the processors.
    #[sea_orm(column_type = "Json")]
    pub disclosure_purposes: LocalizedList,
    #[sea_orm(column_type = "Json")]
    pub unsubscribe: Localized,
    pub revision: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
