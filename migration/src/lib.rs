//! The database schema of ropa. The same migrations run on SQLite and
//! PostgreSQL; each runs in a transaction on both, so a failure leaves
//! nothing half-applied.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_create_register;
mod seed_legal_bases;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m20261125_000001_create_register::Migration)]
    }
}
