use sea_orm_migration::prelude::*;

/// A published version's document, register and diff are stored as text:
/// written and read as they are, where PostgreSQL's `json` type parsed and
/// checked every megabyte on the way in. PostgreSQL compresses the large
/// columns with LZ4 where it was built with it: several times faster than
/// its default (pglz) on a statement of many megabytes, and smaller.
///
/// On SQLite nothing changes: a `json_text` column holds text already.
#[derive(DeriveMigrationName)]
pub struct Migration;

const TO_TEXT: &str = "ALTER TABLE statement_version
    ALTER COLUMN document TYPE text,
    ALTER COLUMN snapshot TYPE text,
    ALTER COLUMN diff TYPE text";

const TO_JSON: &str = "ALTER TABLE statement_version
    ALTER COLUMN document TYPE json USING document::json,
    ALTER COLUMN snapshot TYPE json USING snapshot::json,
    ALTER COLUMN diff TYPE json USING diff::json";

/// `SET COMPRESSION lz4` fails on a server built without LZ4: asked only
/// where the server offers it.
const LZ4: &str = "DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings
               WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE statement_version
            ALTER COLUMN html SET COMPRESSION lz4,
            ALTER COLUMN markdown SET COMPRESSION lz4,
            ALTER COLUMN document SET COMPRESSION lz4,
            ALTER COLUMN snapshot SET COMPRESSION lz4,
            ALTER COLUMN diff SET COMPRESSION lz4;
    END IF;
END $$";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::on_postgres(manager, &[TO_TEXT, LZ4]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::on_postgres(manager, &[TO_JSON]).await
    }
}
