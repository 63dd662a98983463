use sea_orm_migration::prelude::*;

/// A published version's document, register and diff are stored packed
/// (zstd, `entity::values::Packed`): a twentieth of their JSON or less, so
/// a publish writes, and the next one reads, a few hundred KB instead of
/// many MB.
/// The rows before keep their JSON as UTF-8 bytes, which read as they are.
/// PostgreSQL stores the packed bytes as they come (`EXTERNAL`: no second
/// compression of what is compressed already).
///
/// On SQLite nothing changes: a column of any declared type holds bytes.
///
/// Down turns the columns back into text, which fails once a version was
/// written packed: its bytes are not UTF-8 text.
#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 3] = ["document", "snapshot", "diff"];

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
