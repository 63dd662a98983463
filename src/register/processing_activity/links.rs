//! The links of processing activities (legal bases, data categories, data
//! subject categories, recipients): written as a whole, read in bulk.

use std::collections::HashMap;

use entity::processing_activity::Model;
use entity::{
    activity_data_category, activity_data_subject_category, activity_legal_basis,
    activity_recipient,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use super::{ActivitySnapshot, Links};
use crate::error::{AppError, AppResult};

/// Replaces the links of an activity.
pub(super) async fn write_links(
    txn: &DatabaseTransaction,
    activity_id: Uuid,
    links: &Links,
) -> AppResult<()> {
    let position = |index: usize| Set(index as i32);
    replace_links(
        txn,
        activity_legal_basis::Column::ActivityId,
        activity_id,
        links.legal_bases.iter().enumerate().map(|(index, basis)| {
            activity_legal_basis::ActiveModel {
                activity_id: Set(activity_id),
                code: Set(basis.code),
                legitimate_interest: Set(basis.legitimate_interest.clone()),
                applies_to: Set(basis.applies_to.clone()),
                position: position(index),
            }
        }),
    )
    .await?;
    replace_links(
        txn,
        activity_data_category::Column::ActivityId,
        activity_id,
        links
            .data_category_ids
            .iter()
            .enumerate()
            .map(|(index, id)| activity_data_category::ActiveModel {
                activity_id: Set(activity_id),
                data_category_id: Set(*id),
                position: position(index),
            }),
    )
    .await?;
    replace_links(
        txn,
        activity_data_subject_category::Column::ActivityId,
        activity_id,
        links
            .data_subject_category_ids
            .iter()
            .enumerate()
            .map(|(index, id)| activity_data_subject_category::ActiveModel {
                activity_id: Set(activity_id),
                data_subject_category_id: Set(*id),
                position: position(index),
            }),
    )
    .await?;
    replace_links(
        txn,
        activity_recipient::Column::ActivityId,
        activity_id,
        links
            .recipient_ids
            .iter()
            .enumerate()
            .map(|(index, id)| activity_recipient::ActiveModel {
                activity_id: Set(activity_id),
                processor_id: Set(*id),
                position: position(index),
            }),
    )
    .await
}

/// Deletes the rows of one link table for an activity and inserts `rows`.
async fn replace_links<L, A>(
    txn: &DatabaseTransaction,
    activity_column: L::Column,
    activity_id: Uuid,
    rows: impl Iterator<Item = A>,
) -> AppResult<()>
where
    L: EntityTrait,
    A: ActiveModelTrait<Entity = L> + Send,
{
    L::delete_many()
        .filter(activity_column.eq(activity_id))
        .exec(txn)
        .await?;
    let rows: Vec<A> = rows.collect();
    if !rows.is_empty() {
        L::insert_many(rows).exec(txn).await?;
    }
    Ok(())
}

/// The activity with its links, read in `conn`.
pub async fn snapshot(conn: &impl ConnectionTrait, activity: Model) -> AppResult<ActivitySnapshot> {
    let mut snapshots = with_links(conn, vec![activity]).await?;
    snapshots
        .pop()
        .ok_or_else(|| AppError::Internal("an activity got lost reading its links".into()))
}

/// Activities with their links, in four queries whatever their number.
pub async fn with_links(
    conn: &impl ConnectionTrait,
    activities: Vec<Model>,
) -> AppResult<Vec<ActivitySnapshot>> {
    let ids: Vec<Uuid> = activities.iter().map(|a| a.id).collect();
    let mut legal_bases = group(
        activity_legal_basis::Entity::find()
            .filter(activity_legal_basis::Column::ActivityId.is_in(ids.clone()))
            .order_by_asc(activity_legal_basis::Column::Position)
            .all(conn)
            .await?,
        |l| l.activity_id,
    );
    let mut categories = group(
        activity_data_category::Entity::find()
            .filter(activity_data_category::Column::ActivityId.is_in(ids.clone()))
            .order_by_asc(activity_data_category::Column::Position)
            .all(conn)
            .await?,
        |l| l.activity_id,
    );
    let mut subjects = group(
        activity_data_subject_category::Entity::find()
            .filter(activity_data_subject_category::Column::ActivityId.is_in(ids.clone()))
            .order_by_asc(activity_data_subject_category::Column::Position)
            .all(conn)
            .await?,
        |l| l.activity_id,
    );
    let mut recipients = group(
        activity_recipient::Entity::find()
            .filter(activity_recipient::Column::ActivityId.is_in(ids))
            .order_by_asc(activity_recipient::Column::Position)
            .all(conn)
            .await?,
        |l| l.activity_id,
    );
    let mut take = |id: Uuid| ActivityLinks {
        legal_bases: legal_bases.remove(&id).unwrap_or_default(),
        data_category_ids: ids_of(categories.remove(&id), |l| l.data_category_id),
        data_subject_category_ids: ids_of(subjects.remove(&id), |l| l.data_subject_category_id),
        recipient_ids: ids_of(recipients.remove(&id), |l| l.processor_id),
    };
    Ok(activities
        .into_iter()
        .map(|activity| {
            let links = take(activity.id);
            ActivitySnapshot {
                activity,
                legal_bases: links.legal_bases,
                data_category_ids: links.data_category_ids,
                data_subject_category_ids: links.data_subject_category_ids,
                recipient_ids: links.recipient_ids,
            }
        })
        .collect())
}

struct ActivityLinks {
    legal_bases: Vec<activity_legal_basis::Model>,
    data_category_ids: Vec<Uuid>,
    data_subject_category_ids: Vec<Uuid>,
    recipient_ids: Vec<Uuid>,
}

fn group<T>(rows: Vec<T>, key: fn(&T) -> Uuid) -> HashMap<Uuid, Vec<T>> {
    let mut grouped: HashMap<Uuid, Vec<T>> = HashMap::new();
    for row in rows {
        grouped.entry(key(&row)).or_default().push(row);
    }
    grouped
}

fn ids_of<T>(links: Option<Vec<T>>, target: fn(&T) -> Uuid) -> Vec<Uuid> {
    links.unwrap_or_default().iter().map(target).collect()
}
