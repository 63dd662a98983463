//! The scope as a unit of work: a change runs in one transaction that the
//! scope opens and commits ([`Scope::write`]); the services it calls take
//! the transaction ([`Tx`]) and never see a raw connection. An error from
//! the work rolls everything back, its audit events included.
//!
//! Every change first raises its organization's `register_revision`: the
//! revision an answer was computed at tells whether it still holds, on any
//! server over the same database (see `http::answers`). Raising it first
//! also takes the organization's row lock before anything else, so the
//! changes of one organization run one after the other and cannot deadlock
//! on the order they lock rows in.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    AccessMode, ColumnTrait, DatabaseTransaction, DbBackend, DbErr, EntityTrait, ExecResult,
    IsolationLevel, QueryFilter, QueryResult, RuntimeErr, Select, SqliteTransactionMode, Statement,
    TransactionOptions, TransactionTrait,
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
        self.run(write_options(), Raise::Revision, work).await
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
        self.run(options, Raise::Revision, work).await
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
        self.run(options, Raise::Nothing, work).await
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
        raise: Raise,
        work: impl AsyncFnOnce(&Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = match raise {
            Raise::Revision => self.begin_change(options).await?,
            Raise::Nothing => self.begin(options).await?,
        };
        // On an error the transaction is dropped, which rolls it back.
        let value = work(&tx).await?;
        tx.txn.commit().await.map_err(AppError::from)?;
        Ok(value)
    }

    /// A transaction that has raised the organization's register revision.
    /// A REPEATABLE READ transaction that waited for another change to the
    /// organization's row cannot update it (PostgreSQL refuses: the row
    /// changed after its snapshot); it starts again, before any work ran.
    async fn begin_change(&self, options: TransactionOptions) -> AppResult<Tx<'_>> {
        let mut attempts = 0;
        loop {
            let tx = self.begin(options).await?;
            match raise_revision(&tx).await {
                Ok(()) => return Ok(tx),
                Err(err) if is_serialization_failure(&err) && attempts < REVISION_ATTEMPTS => {
                    attempts += 1;
                }
                Err(err) => return Err(err.into()),
            }
        }
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

/// Whether a transaction changes the register (and so raises its revision)
/// or only reads it.
enum Raise {
    Revision,
    Nothing,
}

/// How often a change starts again when another change of the same
/// organization committed between its snapshot and its revision update.
const REVISION_ATTEMPTS: u32 = 20;

async fn raise_revision(tx: &Tx<'_>) -> Result<(), DbErr> {
    use entity::organization::{Column, Entity};
    Entity::update_many()
        .col_expr(
            Column::RegisterRevision,
            Expr::col(Column::RegisterRevision).add(1),
        )
        .filter(Column::Id.eq(tx.organization_id()))
        .exec(tx)
        .await?;
    Ok(())
}

/// PostgreSQL's `serialization_failure` (SQLSTATE 40001).
fn is_serialization_failure(err: &DbErr) -> bool {
    match err {
        DbErr::Exec(RuntimeErr::SqlxError(sqlx)) | DbErr::Query(RuntimeErr::SqlxError(sqlx)) => {
            sqlx.as_database_error()
                .and_then(|db| db.code())
                .is_some_and(|code| code == "40001")
        }
        _ => false,
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
}
