//! The tenant-scoped data-access layer. Every read and write of register
//! data goes through a [`Scope`], which carries the caller's organization,
//! so no resolver can forget the tenant filter: an id of another
//! organization simply is not found.

use entity::enums::Language;
use sea_orm::{
    AccessMode, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend,
    EntityTrait, IsolationLevel, QueryFilter, QuerySelect, Select, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use uuid::Uuid;

use crate::error::{AppError, AppResult};

/// A table whose rows belong to one organization.
pub trait TenantOwned: EntityTrait {
    /// How the entity is called in a `NOT_FOUND` message.
    const NAME: &'static str;
    /// Its GraphQL type name, as recorded in the audit trail.
    const TYPE: &'static str;
    fn id_column() -> Self::Column;
    fn organization_column() -> Self::Column;
    fn id_of(model: &Self::Model) -> Uuid;
    /// Whether the row was archived; always false for tables without archiving.
    fn is_archived(model: &Self::Model) -> bool;
}

macro_rules! tenant_owned {
    ($($module:ident => $name:literal, $type:literal, $organization:ident $($archivable:ident)?;)+) => {$(
        impl TenantOwned for entity::$module::Entity {
            const NAME: &'static str = $name;
            const TYPE: &'static str = $type;
            fn id_column() -> Self::Column {
                entity::$module::Column::Id
            }
            fn organization_column() -> Self::Column {
                entity::$module::Column::$organization
            }
            fn id_of(model: &Self::Model) -> Uuid {
                model.id
            }
            fn is_archived(model: &Self::Model) -> bool {
                tenant_owned!(@archived model $($archivable)?)
            }
        }
    )+};
    (@archived $model:ident) => {{
        let _ = $model;
        false
    }};
    (@archived $model:ident archivable) => {
        $model.archived_at.is_some()
    };
}

tenant_owned!(
    // The organization owns itself: its "organization id" is its id.
    organization => "organization", "Organization", Id;
    data_category => "data category", "DataCategory", OrganizationId archivable;
    data_subject_category => "data subject category", "DataSubjectCategory", OrganizationId archivable;
    processor => "processor", "Processor", OrganizationId archivable;
    processing_agreement => "processing agreement", "ProcessingAgreement", OrganizationId archivable;
    processing_activity => "processing activity", "ProcessingActivity", OrganizationId archivable;
    tracker => "tracker", "Tracker", OrganizationId archivable;
    audit_event => "audit event", "AuditEvent", OrganizationId;
    rights_policy => "rights policy", "RightsPolicy", OrganizationId;
    statement_version => "statement version", "StatementVersion", OrganizationId;
);

/// The caller's view of the database: one organization, one actor.
#[derive(Clone, Debug)]
pub struct Scope {
    db: DatabaseConnection,
    pub organization_id: Uuid,
    pub default_language: Language,
    /// The token subject, recorded in the audit trail.
    pub actor: String,
}

impl Scope {
    pub fn new(
        db: DatabaseConnection,
        organization_id: Uuid,
        default_language: Language,
        actor: String,
    ) -> Self {
        Scope {
            db,
            organization_id,
            default_language,
            actor,
        }
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// All rows of `E` that belong to this organization.
    pub fn find<E: TenantOwned>(&self) -> Select<E> {
        E::find().filter(E::organization_column().eq(self.organization_id))
    }

    /// One row of this organization; `NOT_FOUND` for any other id.
    pub async fn get<E: TenantOwned>(
        &self,
        conn: &impl ConnectionTrait,
        id: Uuid,
    ) -> AppResult<E::Model> {
        self.find::<E>()
            .filter(E::id_column().eq(id))
            .one(conn)
            .await?
            .ok_or(AppError::NotFound(E::NAME))
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
        conn: &impl ConnectionTrait,
        ids: &[Uuid],
        field: &str,
        kept: &[Uuid],
    ) -> AppResult<Vec<E::Model>> {
        self.referenced::<E>(conn, ids, kept, |index| format!("{field}.{index}"))
            .await
    }

    /// [`require_all`](Self::require_all) for a single reference; the error
    /// names `field` itself.
    pub async fn require<E: TenantOwned>(
        &self,
        conn: &impl ConnectionTrait,
        id: Uuid,
        field: &str,
        kept: Option<Uuid>,
    ) -> AppResult<E::Model> {
        let mut rows = self
            .referenced::<E>(conn, &[id], kept.as_slice(), |_| field.to_string())
            .await?;
        rows.pop().ok_or_else(|| unknown::<E>(field.to_string()))
    }

    async fn referenced<E: TenantOwned>(
        &self,
        conn: &impl ConnectionTrait,
        ids: &[Uuid],
        kept: &[Uuid],
        field_of: impl Fn(usize) -> String,
    ) -> AppResult<Vec<E::Model>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let found = self
            .find::<E>()
            .filter(E::id_column().is_in(ids.iter().copied()))
            .all(conn)
            .await?;
        for (index, id) in ids.iter().enumerate() {
            match found.iter().find(|row| E::id_of(row) == *id) {
                None => return Err(unknown::<E>(field_of(index))),
                Some(row) if E::is_archived(row) && !kept.contains(id) => {
                    return Err(AppError::validation(
                        field_of(index),
                        format!("archived {}: it takes no new references", E::NAME),
                    ))
                }
                Some(_) => {}
            }
        }
        Ok(found)
    }

    /// Holds the organization's row lock until `txn` ends, so that changes
    /// whose checks span several rows (the processor hierarchy) run one
    /// after the other and each sees the last one's result. On SQLite the
    /// statement takes no lock: its write transactions run one at a time.
    pub async fn lock_organization(&self, txn: &DatabaseTransaction) -> AppResult<()> {
        entity::organization::Entity::find_by_id(self.organization_id)
            .lock_exclusive()
            .one(txn)
            .await?;
        Ok(())
    }

    pub async fn begin(&self) -> AppResult<DatabaseTransaction> {
        begin_write(&self.db).await
    }

    /// A write transaction whose reads all see one moment of the database,
    /// for work that reads the register in several queries and stores what
    /// it read (publishing): under PostgreSQL's default READ COMMITTED each
    /// query sees what committed before it ran, so a register read in
    /// several queries could mix two moments, and a version could be
    /// numbered after one whose register it predates.
    pub async fn begin_consistent(&self) -> AppResult<DatabaseTransaction> {
        self.begin_at_one_moment(None, Some(SqliteTransactionMode::Immediate))
            .await
    }

    /// A read-only transaction that sees one moment of the database, for
    /// reading the whole register in several queries (previews, reports,
    /// exports), so an edit landing between two of them cannot give a mix of
    /// before and after.
    pub async fn begin_read(&self) -> AppResult<DatabaseTransaction> {
        self.begin_at_one_moment(Some(AccessMode::ReadOnly), None)
            .await
    }

    /// REPEATABLE READ on PostgreSQL; on SQLite (WAL) the reads of one
    /// transaction already share a snapshot.
    async fn begin_at_one_moment(
        &self,
        access_mode: Option<AccessMode>,
        sqlite_transaction_mode: Option<SqliteTransactionMode>,
    ) -> AppResult<DatabaseTransaction> {
        let postgres = self.db.get_database_backend() == DbBackend::Postgres;
        let options = TransactionOptions {
            isolation_level: postgres.then_some(IsolationLevel::RepeatableRead),
            access_mode: access_mode.filter(|_| postgres),
            sqlite_transaction_mode,
        };
        Ok(self.db.begin_with_options(options).await?)
    }
}

fn unknown<E: TenantOwned>(field: String) -> AppError {
    AppError::validation(field, format!("unknown {} id", E::NAME))
}

/// Starts a write transaction. On SQLite it takes the write lock at once
/// (IMMEDIATE), so a read-then-write transaction never fails half-way with
/// `SQLITE_BUSY` but waits its turn.
pub async fn begin_write(db: &DatabaseConnection) -> AppResult<DatabaseTransaction> {
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    };
    Ok(db.begin_with_options(options).await?)
}
