use sea_orm::entity::prelude::*;

use crate::enums::LegalBasisKind;
use crate::values::Localized;

/// A GDPR ground (Art. 6(1) basis or Art. 9(2) condition), seeded by the
/// migrations with the explanation the statement uses.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[sea_orm(table_name = "legal_basis")]
pub struct Model {
    /// `LegalBasisCode` or `SpecialCategoryCondition` name.
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub kind: LegalBasisKind,
    /// e.g. `6(1)(f)`.
    pub article: String,
    #[sea_orm(column_type = "Json")]
    pub name: Localized,
    #[sea_orm(column_type = "Json")]
    pub explanation: Localized,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
