//! The scope as a unit of work: a change runs in one transaction that the
//! scope opens and commits ([`Scope::write`]); the services it calls take
//! the transaction ([`Tx`]) and never see a raw connection. An error from
//! the work rolls everything back, its audit events included.

use sea_orm::{
    AccessMode, DatabaseTransaction, DbBackend, DbErr, EntityTrait, ExecResult, IsolationLevel,
    QueryResult, QuerySelect, Select, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait,
};
use uuid::Uuid;

use super::scope::{connection_through, unknown, Scope};
use super::tenant::TenantOwned;
use crate::error::{AppError, AppResult};

/// One transaction of one scope: reads see the transaction's own writes
/// and every query keeps to the scope's organization.
pub struct Tx<'s> {
    txn: DatabaseTransaction,
    scope: &'s Scope,
}

connection_through!(Tx<'_>, txn);

impl Scope {
    /// Runs `work` in a write transaction and commits it. On SQLite the
    /// transaction takes the write lock at once (IMMEDIATE), so a
    /// read-then-write change never fails half-way with `SQLITE_BUSY` but
    /// waits its turn.
    pub async fn write<T>(&self, work: impl AsyncFnOnce(&Tx<'_>) -> AppResult<T>) -> AppResult<T> {
        self.run(write_options(), work).await
    }

    /// [`write`](Self::write) in a transaction whose reads all see one
    /// moment of the database, for work that reads the register in several
    /// queries and stores what it read (publishing): under PostgreSQL's
    /// default READ COMMITTED each query sees what committed before it ran,
    /// so a register read in several queries could mix two moments, and a
    /// version could be numbered after one whose register it predates.
    pub async fn write_consistent<T, E: From<AppError>>(
        &self,
        work: impl AsyncFnOnce(&Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let options = self.at_one_moment(None, Some(SqliteTransactionMode::Immediate));
        self.run(options, work).await
    }

    /// Runs `work` in a read-only transaction that sees one moment of the
    /// database, for reading the whole register in several queries
    /// (previews, reports, exports), so an edit landing between two of them
    /// cannot give a mix of before and after.
    pub async fn read_consistent<T>(
        &self,
        work: impl AsyncFnOnce(&Tx<'_>) -> AppResult<T>,
    ) -> AppResult<T> {
        let options = self.at_one_moment(Some(AccessMode::ReadOnly), None);
        self.run(options, work).await
    }

    /// Runs `work` in a write transaction and rolls it back: what the work
    /// would do, without doing it (an import's dry run).
    pub async fn rehearse<T>(
        &self,
        work: impl AsyncFnOnce(&Tx<'_>) -> AppResult<T>,
    ) -> AppResult<T> {
        let tx = self.begin(write_options()).await?;
        let value = work(&tx).await?;
        tx.txn.rollback().await.map_err(AppError::from)?;
        Ok(value)
    }

    async fn run<T, E: From<AppError>>(
        &self,
        options: TransactionOptions,
        work: impl AsyncFnOnce(&Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self.begin(options).await?;
        // On an error the transaction is dropped, which rolls it back.
        let value = work(&tx).await?;
        tx.txn.commit().await.map_err(AppError::from)?;
        Ok(value)
    }

    async fn begin(&self, options: TransactionOptions) -> AppResult<Tx<'_>> {
        Ok(Tx {
            txn: self.db.begin_with_options(options).await?,
            scope: self,
        })
    }

    /// REPEATABLE READ on PostgreSQL; on SQLite (WAL) the reads of one
    /// transaction already share a snapshot.
    fn at_one_moment(
        &self,
        access_mode: Option<AccessMode>,
        sqlite_transaction_mode: Option<SqliteTransactionMode>,
    ) -> TransactionOptions {
        let postgres = self.db.get_database_backend() == DbBackend::Postgres;
        TransactionOptions {
            isolation_level: postgres.then_some(IsolationLevel::RepeatableRead),
            access_mode: access_mode.filter(|_| postgres),
            sqlite_transaction_mode,
        }
    }
}

fn write_options() -> TransactionOptions {
    TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    }
}

impl Tx<'_> {
    pub fn scope(&self) -> &Scope {
        self.scope
    }

    pub fn organization_id(&self) -> Uuid {
        self.scope.organization_id
    }

    /// All rows of `E` that belong to this organization.
    pub fn find<E: TenantOwned>(&self) -> Select<E> {
        self.scope.find::<E>()
    }

    /// One row of this organization; `NOT_FOUND` for any other id.
    pub async fn get<E: TenantOwned>(&self, id: Uuid) -> AppResult<E::Model> {
        self.scope.get_on::<E>(self, id).await
    }

    /// The rows with these ids, referenced from input field `field`;
    /// `VALIDATION_FAILED` on `field.<index>` for the first that is not a row
    /// of this organization, or that is archived and not in `kept`.
    ///
    /// `kept` holds the references the entry being changed already has: a
    /// link to an entry that was archived later stays valid, but an archived
    /// entry takes no new references.
    pub async fn require_all<E: TenantOwned>(
        &self,
        ids: &[Uuid],
        field: &str,
        kept: &[Uuid],
    ) -> AppResult<Vec<E::Model>> {
        self.scope
            .referenced::<E>(self, ids, kept, |index| format!("{field}.{index}"))
            .await
    }

    /// [`require_all`](Self::require_all) for a single reference; the error
    /// names `field` itself.
    pub async fn require<E: TenantOwned>(
        &self,
        id: Uuid,
        field: &str,
        kept: Option<Uuid>,
    ) -> AppResult<E::Model> {
        let mut rows = self
            .scope
            .referenced::<E>(self, &[id], kept.as_slice(), |_| field.to_string())
            .await?;
        rows.pop().ok_or_else(|| unknown::<E>(field.to_string()))
    }

    /// Holds the organization's row lock until the transaction ends, so
    /// that changes whose checks span several rows (the processor
    /// hierarchy) run one after the other and each sees the last one's
    /// result. On SQLite the statement takes no lock: its write
    /// transactions run one at a time.
    pub async fn lock_organization(&self) -> AppResult<()> {
        entity::organization::Entity::find_by_id(self.scope.organization_id)
            .lock_exclusive()
            .one(self)
            .await?;
        Ok(())
    }
}
