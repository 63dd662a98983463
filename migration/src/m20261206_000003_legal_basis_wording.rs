use sea_orm_migration::prelude::*;

use crate::seed_legal_bases;

/// The grounds' explanations in the law's words: "necessary" /
/// "noodzakelijk", and the balancing test of legitimate interests as
/// Art. 6(1)(f) states it.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        seed_legal_bases::update_explanations(manager).await
    }

    /// The earlier wording is not kept: going down leaves the new one.
    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
