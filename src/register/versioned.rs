//! Optimistic concurrency for register entries: an update names the
//! revision it was based on, and is applied only if the entry still has it.
//! The check and the write are one conditional UPDATE, so of two concurrent
//! updates of one entry exactly one wins.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, IntoActiveModel, QueryFilter, Value,
};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditAction};
use crate::db::{TenantOwned, Tx};
use crate::error::{AppError, AppResult};

/// A register entry with a revision number.
pub trait Versioned: TenantOwned {
    fn revision_column() -> Self::Column;
    fn created_at_column() -> Self::Column;
    fn updated_at_column() -> Self::Column;
    fn revision_of(model: &Self::Model) -> i32;
}

macro_rules! versioned {
    ($($module:ident),+) => {$(
        impl Versioned for entity::$module::Entity {
            fn revision_column() -> Self::Column {
                entity::$module::Column::Revision
            }
            fn created_at_column() -> Self::Column {
                entity::$module::Column::CreatedAt
            }
            fn updated_at_column() -> Self::Column {
                entity::$module::Column::UpdatedAt
            }
            fn revision_of(model: &Self::Model) -> i32 {
                model.revision
            }
        }
    )+};
}

versioned!(
    organization,
    data_category,
    data_subject_category,
    processor,
    processing_agreement,
    processing_activity,
    rights_policy,
    tracker
);

/// Writes `changes` to entry `id` if it is still at `expected` revision,
/// raising the revision by one. `CONFLICT` when another change came first.
pub async fn save<E, A>(tx: &Tx<'_>, id: Uuid, expected: i32, changes: A) -> AppResult<E::Model>
where
    E: Versioned,
    A: ActiveModelTrait<Entity = E> + Send,
{
    let result = E::update_many()
        .set(changes)
        .col_expr(
            E::revision_column(),
            Expr::value(Value::Int(Some(expected + 1))),
        )
        .col_expr(E::updated_at_column(), Expr::value(Utc::now()))
        .filter(E::id_column().eq(id))
        .filter(E::organization_column().eq(tx.organization_id()))
        .filter(E::revision_column().eq(expected))
        .exec(tx)
        .await?;
    if result.rows_affected != 1 {
        return Err(AppError::stale_revision());
    }
    tx.get::<E>(id).await
}

/// Reads entry `id` in `tx` for a change (`action`). An archived entry is
/// final, as nothing can unarchive it: changing or archiving it again is a
/// `CONFLICT`, as is an entry no longer at `expected` revision.
pub async fn current<E: Versioned>(
    tx: &Tx<'_>,
    id: Uuid,
    expected: i32,
    action: AuditAction,
) -> AppResult<E::Model> {
    let model = tx.get::<E>(id).await?;
    if E::is_archived(&model) {
        return Err(AppError::Conflict(match action {
            AuditAction::Archive => format!("the {} is already archived", E::NAME),
            _ => format!("the {} is archived and can no longer be changed", E::NAME),
        }));
    }
    if E::revision_of(&model) != expected {
        return Err(AppError::stale_revision());
    }
    Ok(model)
}

/// Writes `changes` over `before` (read with [`current`]) and records the
/// change.
pub async fn save_recorded<E, A>(
    tx: &Tx<'_>,
    before: &E::Model,
    action: AuditAction,
    changes: A,
) -> AppResult<E::Model>
where
    E: Versioned,
    E::Model: Serialize,
    A: ActiveModelTrait<Entity = E> + Send,
{
    let id = E::id_of(before);
    let after = save::<E, A>(tx, id, E::revision_of(before), changes).await?;
    audit::record(tx, E::TYPE, id, action, Some(before), Some(&after)).await?;
    Ok(after)
}

/// The whole change of one entry whose input needs no database checks:
/// read it, check it may change, apply `changes`, record it.
pub async fn update<E: Versioned, A: ActiveModelTrait<Entity = E> + Send>(
    tx: &Tx<'_>,
    id: Uuid,
    expected: i32,
    action: AuditAction,
    changes: A,
) -> AppResult<E::Model>
where
    E::Model: Serialize,
{
    let before = current::<E>(tx, id, expected, action).await?;
    save_recorded::<E, A>(tx, &before, action, changes).await
}

/// A register entry that can be archived: it leaves the lists but stays in
/// the register and its history.
pub trait Archivable: Versioned {
    fn archived_at_column() -> Self::Column;
}

macro_rules! archivable {
    ($($module:ident),+) => {$(
        impl Archivable for entity::$module::Entity {
            fn archived_at_column() -> Self::Column {
                entity::$module::Column::ArchivedAt
            }
        }
    )+};
}

archivable!(
    data_category,
    data_subject_category,
    processor,
    processing_agreement,
    processing_activity,
    tracker
);

/// Archives entry `id` if it is still at `expected` revision.
pub async fn archive<E, A>(tx: &Tx<'_>, id: Uuid, expected: i32) -> AppResult<E::Model>
where
    E: Archivable,
    E::Model: Serialize,
    A: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
    let changes = archived::<E, A>();
    update::<E, A>(tx, id, expected, AuditAction::Archive, changes).await
}

/// The change that archives an entry.
pub fn archived<E, A>() -> A
where
    E: Archivable,
    A: ActiveModelTrait<Entity = E> + ActiveModelBehavior,
{
    let mut changes = A::new();
    changes.set(E::archived_at_column(), Some(Utc::now()).into());
    changes
}

/// Gives a new entry of this organization revision 1, timestamps and an id,
/// unless it was given one (an import restores the ids of a backup).
fn stamp_new<E: Versioned, A: ActiveModelTrait<Entity = E>>(organization_id: Uuid, model: &mut A) {
    let now = Utc::now();
    if model.is_not_set(E::id_column()) {
        model.set(E::id_column(), Uuid::now_v7().into());
    }
    model.set(E::organization_column(), organization_id.into());
    model.set(E::revision_column(), 1.into());
    model.set(E::created_at_column(), now.into());
    model.set(E::updated_at_column(), now.into());
}

/// Inserts a new entry in an open transaction, leaving the audit event to
/// the caller (for entries whose audit record holds more than the row).
pub async fn insert_quietly<E, A>(tx: &Tx<'_>, mut model: A) -> AppResult<E::Model>
where
    E: Versioned,
    E::Model: IntoActiveModel<A>,
    A: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
    stamp_new(tx.organization_id(), &mut model);
    Ok(model.insert(tx).await?)
}

/// Inserts a new entry in an open transaction and records its creation.
pub async fn insert<E, A>(tx: &Tx<'_>, model: A) -> AppResult<E::Model>
where
    E: Versioned,
    E::Model: Serialize + IntoActiveModel<A>,
    A: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
    let created = insert_quietly::<E, A>(tx, model).await?;
    let id = E::id_of(&created);
    audit::record(tx, E::TYPE, id, AuditAction::Create, None, Some(&created)).await?;
    Ok(created)
}
