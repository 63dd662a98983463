use sea_orm::entity::prelude::*;

use crate::enums::LegalBasisCode;
use crate::values::Localized;

/// A legal basis of a processing activity, with the legitimate interest
/// spelled out when the basis is legitimate interests.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[sea_orm(table_name = "activity_legal_basis")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub activity_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: LegalBasisCode,
    #[sea_orm(column_type = "Json")]
    pub legitimate_interest: Localized,
    /// Which part of the processing rests on this basis, where an activity
    /// has several; absent: all of it.
    #[sea_orm(column_type = "Json", nullable)]
    pub applies_to: Option<Localized>,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
