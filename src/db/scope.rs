//! The tenant-scoped data-access layer. Every read and write of register
//! data goes through a [`Scope`], which carries the caller's organization,
//! so no resolver can forget the tenant filter: an id of another
//! organization simply is not found.

use entity::enums::Language;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, Select, SqliteTransactionMode, TransactionOptions, TransactionTrait,
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
}

macro_rules! tenant_owned {
    ($($module:ident => $name:literal, $type:literal, $organization:ident;)+) => {$(
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
        }
    )+};
}

tenant_owned!(
    // The organization owns itself: its "organization id" is its id.
    organization => "organization", "Organization", Id;
    data_category => "data category", "DataCategory", OrganizationId;
    data_subject_category => "data subject category", "DataSubjectCategory", OrganizationId;
    processor => "processor", "Processor", OrganizationId;
    processing_agreement => "processing agreement", "ProcessingAgreement", OrganizationId;
    processing_activity => "processing activity", "ProcessingActivity", OrganizationId;
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

    /// The rows with these ids; `VALIDATION_FAILED` on `field` when one of
    /// them is not a row of this organization.
    pub async fn require_all<E: TenantOwned>(
        &self,
        conn: &impl ConnectionTrait,
        ids: &[Uuid],
        field: &str,
    ) -> AppResult<Vec<E::Model>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let found = self
            .find::<E>()
            .filter(E::id_column().is_in(ids.iter().copied()))
            .all(conn)
            .await?;
        match ids
            .iter()
            .position(|id| !found.iter().any(|row| E::id_of(row) == *id))
        {
            None => Ok(found),
            Some(index) => Err(AppError::validation(
                format!("{field}.{index}"),
                format!("unknown {} id", E::NAME),
            )),
        }
    }

    /// The row with this id; `VALIDATION_FAILED` on `field` when it is not a
    /// row of this organization (for references in input).
    pub async fn require<E: TenantOwned>(
        &self,
        conn: &impl ConnectionTrait,
        id: Uuid,
        field: &str,
    ) -> AppResult<E::Model> {
        self.get::<E>(conn, id).await.map_err(|err| match err {
            AppError::NotFound(name) => AppError::validation(field, format!("unknown {name} id")),
            other => other,
        })
    }

    pub async fn begin(&self) -> AppResult<DatabaseTransaction> {
        begin_write(&self.db).await
    }
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
