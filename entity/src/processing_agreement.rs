use sea_orm::entity::prelude::*;

use crate::enums::{AgreementStatus, SubProcessorAuthorisation};
use crate::values::ClauseList;

/// A processing agreement (GDPR Art. 28(3)) with a processor.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[sea_orm(table_name = "processing_agreement")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub processor_id: Uuid,
    pub status: AgreementStatus,
    pub signed_on: Option<Date>,
    pub effective_on: Option<Date>,
    pub expires_on: Option<Date>,
    pub document_ref: Option<String>,
    #[sea_orm(column_type = "Json")]
    pub clauses: ClauseList,
    pub sub_processor_authorisation: Option<SubProcessorAuthorisation>,
    pub archived_at: Option<DateTimeUtc>,
    pub revision: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
