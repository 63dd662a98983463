//! The tenant scope: every read and write of register data goes through a
//! [`Scope`], which carries the caller's organization, so no resolver can
//! forget the tenant filter: an id of another organization simply is not
//! found. A scope reads on the pool; writes run in one of its transactions
//! ([`Tx`](super::Tx), opened by [`Scope::write`]).

use entity::enums::Language;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, ExecResult, QueryFilter,
    QueryResult, Select, Statement,
};
use uuid::Uuid;

use super::tenant::{owned_by, TenantOwned};
use crate::error::{AppError, AppResult};

/// The caller's view of the database: one organization, one actor.
#[derive(Clone, Debug)]
pub struct Scope {
    pub(super) db: DatabaseConnection,
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

    /// All rows of `E` that belong to this organization.
    pub fn find<E: TenantOwned>(&self) -> Select<E> {
        owned_by::<E>(self.organization_id)
    }

    /// One row of this organization; `NOT_FOUND` for any other id.
    pub async fn get<E: TenantOwned>(&self, id: Uuid) -> AppResult<E::Model> {
        self.get_on::<E>(self, id).await
    }

    pub(super) async fn get_on<E: TenantOwned>(
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

    /// The rows with these ids, read on `conn`; `VALIDATION_FAILED` on
    /// `field_of(index)` for the first that is not a row of this
    /// organization, or that is archived and not in `kept`.
    pub(super) async fn referenced<E: TenantOwned>(
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
}

pub(super) fn unknown<E: TenantOwned>(field: String) -> AppError {
    AppError::validation(field, format!("unknown {} id", E::NAME))
}

/// Lets a scope or one of its transactions run the queries the scope
/// builds (`scope.find::<E>().all(scope)`). What may be read through it is
/// kept to the scope's queries by the `disallowed-methods` rule in
/// `clippy.toml`: an entity's own `find` is allowed only in `db/`.
macro_rules! connection_through {
    ($type:ty, $field:ident) => {
        #[async_trait::async_trait]
        impl sea_orm::ConnectionTrait for $type {
            fn get_database_backend(&self) -> DbBackend {
                self.$field.get_database_backend()
            }

            async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
                self.$field.execute_raw(stmt).await
            }

            async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
                self.$field.execute_unprepared(sql).await
            }

            async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
                self.$field.query_one_raw(stmt).await
            }

            async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
                self.$field.query_all_raw(stmt).await
            }
        }
    };
}

pub(super) use connection_through;

connection_through!(Scope, db);
