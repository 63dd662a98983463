//! The link tables of processing activities (their legal bases, data
//! categories, data subjects and recipients). A link row names only its
//! activity, so every read here keeps to the activities of one
//! organization.

use std::collections::HashMap;

use entity::processing_activity;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Related, Select};
use uuid::Uuid;

use super::tenant::TenantOwned;
use crate::error::AppResult;

/// A table linking a processing activity to something, in an order.
pub trait ActivityLink: EntityTrait {
    fn activity_column() -> Self::Column;
    fn activity_of(model: &Self::Model) -> Uuid;
    fn position_of(model: &Self::Model) -> i32;
}

macro_rules! activity_link {
    ($($module:ident),+) => {$(
        impl ActivityLink for entity::$module::Entity {
            fn activity_column() -> Self::Column {
                entity::$module::Column::ActivityId
            }
            fn activity_of(model: &Self::Model) -> Uuid {
                model.activity_id
            }
            fn position_of(model: &Self::Model) -> i32 {
                model.position
            }
        }
    )+};
}

activity_link!(
    activity_legal_basis,
    activity_data_category,
    activity_data_subject_category,
    activity_recipient
);

/// Whose links to read.
#[derive(Clone, Copy, Debug)]
pub enum Activities<'a> {
    /// These activities (a page, one entry).
    These(&'a [Uuid]),
    /// Every activity of the organization. Cheaper than naming hundreds of
    /// ids: each is a bind parameter, and on PostgreSQL a thousand of them
    /// cost ten times the query itself.
    All,
}

/// The link rows of `activities` of `organization`, in no order: the
/// callers sort them by position in memory. A database sorts all the rows
/// of an organization at once, which costs more than the query itself.
fn of_activities<L: ActivityLink>(organization: Uuid, activities: Activities<'_>) -> Select<L> {
    let mut owned = Query::select()
        .column(processing_activity::Column::Id)
        .from(processing_activity::Entity)
        .and_where(processing_activity::Column::OrganizationId.eq(organization))
        .to_owned();
    if let Activities::These(ids) = activities {
        owned.and_where(processing_activity::Column::Id.is_in(ids.iter().copied()));
    }
    L::find().filter(L::activity_column().in_subquery(owned))
}

/// The link rows of `activities`, grouped by activity.
pub async fn rows_of<L: ActivityLink>(
    conn: &impl ConnectionTrait,
    organization: Uuid,
    activities: Activities<'_>,
) -> AppResult<HashMap<Uuid, Vec<L::Model>>> {
    let mut rows = of_activities::<L>(organization, activities)
        .all(conn)
        .await?;
    rows.sort_by_key(L::position_of);
    let mut grouped: HashMap<Uuid, Vec<L::Model>> = HashMap::new();
    for row in rows {
        grouped.entry(L::activity_of(&row)).or_default().push(row);
    }
    Ok(grouped)
}

/// What these activities link to through `L`, grouped by activity, in one
/// query.
pub async fn targets_of<L, T>(
    conn: &impl ConnectionTrait,
    organization: Uuid,
    activities: &[Uuid],
) -> AppResult<HashMap<Uuid, Vec<T::Model>>>
where
    L: ActivityLink + Related<T>,
    T: TenantOwned,
{
    let mut rows = of_activities::<L>(organization, Activities::These(activities))
        .find_also_related(T::default())
        .all(conn)
        .await?;
    rows.sort_by_key(|(link, _)| L::position_of(link));
    let mut grouped: HashMap<Uuid, Vec<T::Model>> = HashMap::new();
    for (link, target) in rows {
        if let Some(target) = target {
            grouped
                .entry(L::activity_of(&link))
                .or_default()
                .push(target);
        }
    }
    Ok(grouped)
}

/// Deletes the link rows of one activity and inserts `rows` in their place.
/// The activity was read through the scope of the transaction before.
pub async fn replace<L, A>(
    conn: &impl ConnectionTrait,
    activity: Uuid,
    rows: impl IntoIterator<Item = A>,
) -> AppResult<()>
where
    L: ActivityLink,
    A: sea_orm::ActiveModelTrait<Entity = L> + Send,
{
    L::delete_many()
        .filter(L::activity_column().eq(activity))
        .exec(conn)
        .await?;
    let rows: Vec<A> = rows.into_iter().collect();
    if !rows.is_empty() {
        L::insert_many(rows).exec(conn).await?;
    }
    Ok(())
}
