use sea_orm_migration::{prelude::*, schema::*};

/// The kind of recipient a processor is ("mailing house"), localized: a
/// statement may name recipients by category (GDPR Art. 13(1)(e)).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Processor {
    Table,
    Category,
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
                    .table(Processor::Table)
                    .add_column(json_null(Processor::Category))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Processor::Table)
                    .drop_column(Processor::Category)
                    .to_owned(),
            )
            .await
    }
}
