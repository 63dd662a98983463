use sea_orm_migration::{prelude::*, schema::*};

/// Every change to an organization's register raises its
/// `register_revision`, in the change's own transaction: an answer computed
/// at one revision stays right until the next, so answers can be kept and
/// reused by every server that reads the same revision.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Organization {
    Table,
    RegisterRevision,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organization::Table)
                    .add_column(big_integer(Organization::RegisterRevision).default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organization::Table)
                    .drop_column(Organization::RegisterRevision)
                    .to_owned(),
            )
            .await
    }
}
