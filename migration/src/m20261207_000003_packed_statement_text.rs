use sea_orm_migration::prelude::*;

/// A published version's Markdown and HTML are stored packed too (zstd,
/// `entity::values::Packed`), as its document, register and diff are since
/// m20261207_000001: a large statement's texts take a few hundred KB instead
/// of several MB, which a publish writes and an embedded SQLite server maps
/// into memory when it reads them.
/// The rows before keep their text as UTF-8 bytes, which read as they are.
/// PostgreSQL stores the packed bytes as they come (`EXTERNAL`).
///
/// On SQLite nothing changes: a column of any declared type holds bytes.
///
/// Down turns the columns back into text, which fails once a version was
/// written packed: its bytes are not UTF-8 text.
#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 2] = ["markdown", "html"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::store_columns(manager, "statement_version", &COLUMNS, crate::Stored::Bytes).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::store_columns(manager, "statement_version", &COLUMNS, crate::Stored::Text).await
    }
}
