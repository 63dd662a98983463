use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum StatementVersion {
    Table,
    Id,
    OrganizationId,
    Language,
    Version,
    PublishedAt,
    PublishedBy,
    Summary,
    Material,
    EffectiveFrom,
    Document,
    Markdown,
    Html,
    Snapshot,
    ContentHash,
    Diff,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organization {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StatementVersion::Table)
                    .col(pk_uuid(StatementVersion::Id))
                    .col(uuid(StatementVersion::OrganizationId))
                    .col(string_len(StatementVersion::Language, 40))
                    .col(integer(StatementVersion::Version))
                    .col(timestamp_with_time_zone(StatementVersion::PublishedAt))
                    .col(string(StatementVersion::PublishedBy))
                    .col(text(StatementVersion::Summary))
                    .col(boolean(StatementVersion::Material))
                    .col(date_null(StatementVersion::EffectiveFrom))
                    .col(json(StatementVersion::Document))
                    .col(text(StatementVersion::Markdown))
                    .col(text(StatementVersion::Html))
                    .col(json(StatementVersion::Snapshot))
                    .col(string(StatementVersion::ContentHash))
                    .col(json_null(StatementVersion::Diff))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StatementVersion::Table, StatementVersion::OrganizationId)
                            .to(Organization::Table, Organization::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The guarantee behind gapless numbering: a number is taken once.
        manager
            .create_index(
                Index::create()
                    .name("ux_statement_version_number")
                    .table(StatementVersion::Table)
                    .col(StatementVersion::OrganizationId)
                    .col(StatementVersion::Language)
                    .col(StatementVersion::Version)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StatementVersion::Table).to_owned())
            .await
    }
}
