//! The links of processing activities (legal bases, data categories, data
//! subject categories, recipients): written as a whole, read in bulk.

use entity::processing_activity::Model;
use entity::{
    activity_data_category, activity_data_subject_category, activity_legal_basis,
    activity_recipient,
};
use sea_orm::{ActiveModelTrait, Set};
use uuid::Uuid;

use super::{ActivitySnapshot, Links};
use crate::db::links::{self, Activities, ActivityLink};
use crate::db::Tx;
use crate::error::{AppError, AppResult};

/// Replaces the links of an activity.
pub(super) async fn write_links(tx: &Tx<'_>, activity_id: Uuid, links: &Links) -> AppResult<()> {
    links::replace::<activity_legal_basis::Entity, _>(
        tx,
        activity_id,
        links.legal_bases.iter().enumerate().map(|(index, basis)| {
            activity_legal_basis::ActiveModel {
                activity_id: Set(activity_id),
                code: Set(basis.code),
                legitimate_interest: Set(basis.legitimate_interest.clone()),
                applies_to: Set(basis.applies_to.clone()),
                position: Set(index as i32),
            }
        }),
    )
    .await?;
    replace_ids::<activity_data_category::Entity>(tx, activity_id, &links.data_category_ids)
        .await?;
    replace_ids::<activity_data_subject_category::Entity>(
        tx,
        activity_id,
        &links.data_subject_category_ids,
    )
    .await?;
    replace_ids::<activity_recipient::Entity>(tx, activity_id, &links.recipient_ids).await
}

/// A link table whose rows name one entry (a category, a recipient) by id.
trait IdLink: ActivityLink {
    type Row: ActiveModelTrait<Entity = Self> + Send;
    fn row(activity_id: Uuid, target: Uuid, position: usize) -> Self::Row;
}

macro_rules! id_links {
    ($($module:ident . $target:ident),+) => {$(
        impl IdLink for $module::Entity {
            type Row = $module::ActiveModel;
            fn row(activity_id: Uuid, target: Uuid, position: usize) -> Self::Row {
                $module::ActiveModel {
                    activity_id: Set(activity_id),
                    $target: Set(target),
                    position: Set(position as i32),
                }
            }
        }
    )+};
}

id_links!(
    activity_data_category.data_category_id,
    activity_data_subject_category.data_subject_category_id,
    activity_recipient.processor_id
);

/// Replaces the links of an activity through `L` by links to `ids`, in
/// their order.
async fn replace_ids<L: IdLink>(tx: &Tx<'_>, activity_id: Uuid, ids: &[Uuid]) -> AppResult<()> {
    let rows = ids
        .iter()
        .enumerate()
        .map(|(index, id)| L::row(activity_id, *id, index));
    links::replace::<L, _>(tx, activity_id, rows).await
}

/// The activity with its links.
pub async fn snapshot(tx: &Tx<'_>, activity: Model) -> AppResult<ActivitySnapshot> {
    let mut snapshots = with_links(tx, vec![activity]).await?;
    snapshots
        .pop()
        .ok_or_else(|| AppError::Internal("an activity got lost reading its links".into()))
}

/// Activities with their links, in four queries whatever their number.
pub async fn with_links(tx: &Tx<'_>, activities: Vec<Model>) -> AppResult<Vec<ActivitySnapshot>> {
    let ids: Vec<Uuid> = activities.iter().map(|a| a.id).collect();
    attach_links(tx, activities, Activities::These(&ids)).await
}

/// [`with_links`] for a whole register's activities: the links are read
/// for every activity of the organization rather than by id.
pub async fn with_all_links(
    tx: &Tx<'_>,
    activities: Vec<Model>,
) -> AppResult<Vec<ActivitySnapshot>> {
    attach_links(tx, activities, Activities::All).await
}

async fn attach_links(
    tx: &Tx<'_>,
    activities: Vec<Model>,
    whose: Activities<'_>,
) -> AppResult<Vec<ActivitySnapshot>> {
    let organization = tx.organization_id();
    let mut legal_bases =
        links::rows_of::<activity_legal_basis::Entity>(tx, organization, whose).await?;
    let mut categories =
        links::rows_of::<activity_data_category::Entity>(tx, organization, whose).await?;
    let mut subjects =
        links::rows_of::<activity_data_subject_category::Entity>(tx, organization, whose).await?;
    let mut recipients =
        links::rows_of::<activity_recipient::Entity>(tx, organization, whose).await?;
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

fn ids_of<T>(links: Option<Vec<T>>, target: fn(&T) -> Uuid) -> Vec<Uuid> {
    links.unwrap_or_default().iter().map(target).collect()
}
