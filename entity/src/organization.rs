use sea_orm::entity::prelude::*;

use crate::enums::Language;
use crate::values::{Address, Contact, StringList, SupervisoryAuthority};

/// The controller: the organization whose register this is.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[sea_orm(table_name = "organization")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub slug: String,
    pub legal_name: String,
    #[sea_orm(column_type = "Json")]
    pub trade_names: StringList,
    pub registration_number: Option<String>,
    #[sea_orm(column_type = "Json", nullable)]
    pub address: Option<Address>,
    pub contact_email: Option<String>,
    pub privacy_email: Option<String>,
    pub phone: Option<String>,
    #[sea_orm(column_type = "Json", nullable)]
    pub dpo: Option<Contact>,
    #[sea_orm(column_type = "Json", nullable)]
    pub representative: Option<Contact>,
    #[sea_orm(column_type = "Json", nullable)]
    pub supervisory_authority: Option<SupervisoryAuthority>,
    pub default_language: Language,
    #[sea_orm(column_type = "Json")]
    pub websites: StringList,
    pub revision: i32,
    /// Raised by every change to the organization's register (its entries,
    /// statement versions and audit trail), in the change's transaction:
    /// answers computed at one revision hold until the next.
    #[serde(skip)]
    pub register_revision: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
