//! The database schema of ropa. The same migrations run on SQLite and
//! PostgreSQL; each runs in a transaction on both, so a failure leaves
//! nothing half-applied.

pub use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

mod m20261125_000001_create_register;
mod m20261125_000002_create_statement_version;
mod m20261125_000003_unique_rights_policy;
mod m20261125_000004_processor_category;
mod m20261206_000001_statement_law_fields;
mod m20261206_000002_tracker;
mod m20261206_000003_legal_basis_wording;
mod m20261206_000004_publish_gate;
mod m20261206_000005_statement_text;
mod m20261206_000006_live_entries_index;
mod m20261207_000001_packed_statement_json;
mod m20261207_000002_register_revision;
mod m20261207_000003_packed_statement_text;
mod seed_legal_bases;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_create_register::Migration),
            Box::new(m20261125_000002_create_statement_version::Migration),
            Box::new(m20261125_000003_unique_rights_policy::Migration),
            Box::new(m20261125_000004_processor_category::Migration),
            Box::new(m20261206_000001_statement_law_fields::Migration),
            Box::new(m20261206_000002_tracker::Migration),
            Box::new(m20261206_000003_legal_basis_wording::Migration),
            Box::new(m20261206_000004_publish_gate::Migration),
            Box::new(m20261206_000005_statement_text::Migration),
            Box::new(m20261206_000006_live_entries_index::Migration),
            Box::new(m20261207_000001_packed_statement_json::Migration),
            Box::new(m20261207_000002_register_revision::Migration),
            Box::new(m20261207_000003_packed_statement_text::Migration),
        ]
    }
}

/// Runs `statements` in order on PostgreSQL and nothing on SQLite: for the
/// migrations that change only how PostgreSQL stores a column (SQLite's
/// columns hold any type as it comes).
async fn on_postgres(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}

/// What a column of text that ropa fills with packed bytes is turned into.
#[derive(Clone, Copy)]
enum Stored {
    /// `bytea`, stored as it comes (`EXTERNAL`: no second compression of
    /// what is compressed already); the text already there becomes its
    /// UTF-8 bytes.
    Bytes,
    /// `text` again (down), which fails once a packed value was written.
    Text,
}

/// Turns `columns` of `table` into what `stored` says, on PostgreSQL only.
async fn store_columns(
    manager: &SchemaManager<'_>,
    table: &str,
    columns: &[&str],
    stored: Stored,
) -> Result<(), DbErr> {
    let (kind, convert, storage) = match stored {
        Stored::Bytes => ("bytea", "convert_to", "EXTERNAL"),
        Stored::Text => ("text", "convert_from", "EXTENDED"),
    };
    let types = columns
        .iter()
        .map(|c| format!("ALTER COLUMN {c} TYPE {kind} USING {convert}({c}, 'UTF8')"));
    let storages = columns
        .iter()
        .map(|c| format!("ALTER COLUMN {c} SET STORAGE {storage}"));
    let changes: Vec<String> = types.chain(storages).collect();
    let statement = format!("ALTER TABLE {table} {}", changes.join(", "));
    on_postgres(manager, &[&statement]).await
}
