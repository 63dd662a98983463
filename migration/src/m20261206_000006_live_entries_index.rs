use sea_orm_migration::prelude::*;

/// Lists show an organization's entries that are not archived, with their
/// count: an index on (organization, archived_at, id) answers both from the
/// index alone. Without it every count read every row, and on SQLite a
/// row's `archived_at` sits behind its long texts (overflow pages), so a
/// count of 1,000 activities read megabytes.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The register tables whose entries can be archived.
const ARCHIVABLE: [&str; 6] = [
    "data_category",
    "data_subject_category",
    "processor",
    "processing_agreement",
    "processing_activity",
    "tracker",
];

fn name(table: &str) -> String {
    format!("ix_{table}_live")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ARCHIVABLE {
            manager
                .create_index(
                    Index::create()
                        .name(name(table))
                        .table(Alias::new(table))
                        .col(Alias::new("organization_id"))
                        .col(Alias::new("archived_at"))
                        .col(Alias::new("id"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ARCHIVABLE {
            manager
                .drop_index(
                    Index::drop()
                        .name(name(table))
                        .table(Alias::new(table))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
