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

const TO_BYTES: &str = "ALTER TABLE statement_version
    ALTER COLUMN document TYPE bytea USING convert_to(document, 'UTF8'),
    ALTER COLUMN snapshot TYPE bytea USING convert_to(snapshot, 'UTF8'),
    ALTER COLUMN diff TYPE bytea USING convert_to(diff, 'UTF8'),
    ALTER COLUMN document SET STORAGE EXTERNAL,
    ALTER COLUMN snapshot SET STORAGE EXTERNAL,
    ALTER COLUMN diff SET STORAGE EXTERNAL";

const TO_TEXT: &str = "ALTER TABLE statement_version
    ALTER COLUMN document TYPE text USING convert_from(document, 'UTF8'),
    ALTER COLUMN snapshot TYPE text USING convert_from(snapshot, 'UTF8'),
    ALTER COLUMN diff TYPE text USING convert_from(diff, 'UTF8'),
    ALTER COLUMN document SET STORAGE EXTENDED,
    ALTER COLUMN snapshot SET STORAGE EXTENDED,
    ALTER COLUMN diff SET STORAGE EXTENDED";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::on_postgres(manager, &[TO_BYTES]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::on_postgres(manager, &[TO_TEXT]).await
    }
}
