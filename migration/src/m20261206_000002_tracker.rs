use sea_orm_migration::{prelude::*, schema::*};

/// Cookies and similar technologies (Telecommunicatiewet art. 11.7a,
/// ePrivacy art. 5(3)): a register entry of their own.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Tracker {
    Table,
    Id,
    OrganizationId,
    Name,
    Category,
    Purpose,
    ProviderId,
    Duration,
    ActivityIds,
    SearchText,
    ArchivedAt,
    Revision,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organization {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Processor {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(table()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_tracker_org")
                    .table(Tracker::Table)
                    .col(Tracker::OrganizationId)
                    .col(Tracker::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Tracker::Table).to_owned())
            .await
    }
}

/// Foreign keys are declared here, with the table: SQLite cannot add them later.
fn table() -> TableCreateStatement {
    Table::create()
        .table(Tracker::Table)
        .col(pk_uuid(Tracker::Id))
        .col(uuid(Tracker::OrganizationId))
        .col(text(Tracker::Name))
        .col(string_len(Tracker::Category, 40))
        .col(json(Tracker::Purpose))
        .col(uuid_null(Tracker::ProviderId))
        .col(string_null(Tracker::Duration))
        .col(json(Tracker::ActivityIds))
        .col(text(Tracker::SearchText).default(""))
        .col(timestamp_with_time_zone_null(Tracker::ArchivedAt))
        .col(integer(Tracker::Revision).default(1))
        .col(timestamp_with_time_zone(Tracker::CreatedAt))
        .col(timestamp_with_time_zone(Tracker::UpdatedAt))
        .foreign_key(
            ForeignKey::create()
                .from(Tracker::Table, Tracker::OrganizationId)
                .to(Organization::Table, Organization::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .from(Tracker::Table, Tracker::ProviderId)
                .to(Processor::Table, Processor::Id),
        )
        .to_owned()
}
