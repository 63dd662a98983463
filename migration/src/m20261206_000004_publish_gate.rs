use sea_orm_migration::{prelude::*, schema::*};

/// A published version keeps the blocking findings its publisher accepted,
/// and why (the publish gate). One column per ALTER: SQLite takes no more.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum StatementVersion {
    Table,
    AcceptedFindings,
    Justification,
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
                    .table(StatementVersion::Table)
                    .add_column(json(StatementVersion::AcceptedFindings).default("[]"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(StatementVersion::Table)
                    .add_column(text_null(StatementVersion::Justification))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            StatementVersion::Justification,
            StatementVersion::AcceptedFindings,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(StatementVersion::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
