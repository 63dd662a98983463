//! DataLoaders: nested lists of a page cost one batched query each, not one
//! query per row. Keys are ids of rows the caller's scope already returned,
//! so most loaders need no tenant filter of their own; the audit history
//! carries the organization in its key all the same, because an audit event
//! names its entry only by id.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::Context;
use entity::enums::Language;
use entity::{
    activity_data_category, activity_data_subject_category, activity_legal_basis,
    activity_recipient, audit_event, data_category, data_subject_category, processing_activity,
    processing_agreement, processor, statement_version,
};
use futures_util::future::BoxFuture;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, Related,
};
use uuid::Uuid;

use crate::error::{AppError, AppResult};

pub struct RegisterLoader {
    db: DatabaseConnection,
}

impl RegisterLoader {
    pub fn new(db: DatabaseConnection) -> DataLoader<RegisterLoader> {
        DataLoader::new(RegisterLoader { db }, spawn_after_ready_work)
    }
}

/// Starts a batch only after the executor has run the work that was ready
/// before it. GraphQL resolves a long list in slices, yielding between them;
/// without this, a slow slice could let a batch start with part of the
/// page's keys and cost a second query.
fn spawn_after_ready_work(batch: BoxFuture<'static, ()>) {
    tokio::spawn(async move {
        for _ in 0..4 {
            tokio::task::yield_now().await;
        }
        batch.await;
    });
}

type LoadResult<K, V> = Result<HashMap<K, V>, Arc<DbErr>>;

fn loader<'a>(ctx: &Context<'a>) -> &'a DataLoader<RegisterLoader> {
    ctx.data_unchecked::<DataLoader<RegisterLoader>>()
}

fn internal(err: Arc<DbErr>) -> AppError {
    tracing::error!(error = %err, "loader query failed");
    AppError::Internal(err.to_string())
}

macro_rules! key {
    ($name:ident) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $name(pub Uuid);
    };
}

key!(LegalBasesOf);
key!(DataCategoriesOf);
key!(DataSubjectCategoriesOf);
key!(RecipientsOf);
key!(AgreementsOf);
key!(ProcessorById);
key!(ActivityById);

/// The audit events of one register entry of one organization.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HistoryOf {
    pub organization: Uuid,
    pub entity: Uuid,
}

/// A statement version by organization, language and number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VersionByNumber(pub Uuid, pub Language, pub i32);

/// Loads the targets of an activity link table for many activities in one
/// query, in link order.
async fn linked<L, T>(
    db: &DatabaseConnection,
    keys: &[Uuid],
    activity: L::Column,
    position: L::Column,
    activity_of: fn(&L::Model) -> Uuid,
) -> Result<HashMap<Uuid, Vec<T::Model>>, DbErr>
where
    L: EntityTrait + Related<T>,
    T: EntityTrait,
{
    let rows = L::find()
        .filter(activity.is_in(keys.iter().copied()))
        .order_by_asc(position)
        .find_also_related(T::default())
        .all(db)
        .await?;
    let mut grouped: HashMap<Uuid, Vec<T::Model>> = HashMap::new();
    for (link, target) in rows {
        if let Some(target) = target {
            grouped.entry(activity_of(&link)).or_default().push(target);
        }
    }
    Ok(grouped)
}

fn rekey<K: std::hash::Hash + Eq, V>(map: HashMap<Uuid, V>, key: fn(Uuid) -> K) -> HashMap<K, V> {
    map.into_iter()
        .map(|(id, value)| (key(id), value))
        .collect()
}

impl Loader<LegalBasesOf> for RegisterLoader {
    type Value = Vec<activity_legal_basis::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[LegalBasesOf]) -> LoadResult<LegalBasesOf, Self::Value> {
        let rows = activity_legal_basis::Entity::find()
            .filter(activity_legal_basis::Column::ActivityId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(activity_legal_basis::Column::Position)
            .all(&self.db)
            .await?;
        let mut grouped: HashMap<LegalBasesOf, Self::Value> = HashMap::new();
        for row in rows {
            grouped
                .entry(LegalBasesOf(row.activity_id))
                .or_default()
                .push(row);
        }
        Ok(grouped)
    }
}

impl Loader<DataCategoriesOf> for RegisterLoader {
    type Value = Vec<data_category::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[DataCategoriesOf]) -> LoadResult<DataCategoriesOf, Self::Value> {
        let ids: Vec<Uuid> = keys.iter().map(|k| k.0).collect();
        let map = linked::<activity_data_category::Entity, data_category::Entity>(
            &self.db,
            &ids,
            activity_data_category::Column::ActivityId,
            activity_data_category::Column::Position,
            |link| link.activity_id,
        )
        .await?;
        Ok(rekey(map, DataCategoriesOf))
    }
}

impl Loader<DataSubjectCategoriesOf> for RegisterLoader {
    type Value = Vec<data_subject_category::Model>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[DataSubjectCategoriesOf],
    ) -> LoadResult<DataSubjectCategoriesOf, Self::Value> {
        let ids: Vec<Uuid> = keys.iter().map(|k| k.0).collect();
        let map = linked::<activity_data_subject_category::Entity, data_subject_category::Entity>(
            &self.db,
            &ids,
            activity_data_subject_category::Column::ActivityId,
            activity_data_subject_category::Column::Position,
            |link| link.activity_id,
        )
        .await?;
        Ok(rekey(map, DataSubjectCategoriesOf))
    }
}

impl Loader<RecipientsOf> for RegisterLoader {
    type Value = Vec<processor::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[RecipientsOf]) -> LoadResult<RecipientsOf, Self::Value> {
        let ids: Vec<Uuid> = keys.iter().map(|k| k.0).collect();
        let map = linked::<activity_recipient::Entity, processor::Entity>(
            &self.db,
            &ids,
            activity_recipient::Column::ActivityId,
            activity_recipient::Column::Position,
            |link| link.activity_id,
        )
        .await?;
        Ok(rekey(map, RecipientsOf))
    }
}

impl Loader<AgreementsOf> for RegisterLoader {
    type Value = Vec<processing_agreement::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[AgreementsOf]) -> LoadResult<AgreementsOf, Self::Value> {
        let rows = processing_agreement::Entity::find()
            .filter(processing_agreement::Column::ProcessorId.is_in(keys.iter().map(|k| k.0)))
            .filter(processing_agreement::Column::ArchivedAt.is_null())
            .order_by_asc(processing_agreement::Column::Id)
            .all(&self.db)
            .await?;
        let mut grouped: HashMap<AgreementsOf, Self::Value> = HashMap::new();
        for row in rows {
            grouped
                .entry(AgreementsOf(row.processor_id))
                .or_default()
                .push(row);
        }
        Ok(grouped)
    }
}

impl Loader<ProcessorById> for RegisterLoader {
    type Value = processor::Model;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[ProcessorById]) -> LoadResult<ProcessorById, Self::Value> {
        let rows = processor::Entity::find()
            .filter(processor::Column::Id.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| (ProcessorById(row.id), row))
            .collect())
    }
}

impl Loader<ActivityById> for RegisterLoader {
    type Value = processing_activity::Model;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[ActivityById]) -> LoadResult<ActivityById, Self::Value> {
        let rows = processing_activity::Entity::find()
            .filter(processing_activity::Column::Id.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| (ActivityById(row.id), row))
            .collect())
    }
}

impl Loader<HistoryOf> for RegisterLoader {
    type Value = Vec<audit_event::Model>;
    type Error = Arc<DbErr>;

    /// Every event of every requested entry, in id (creation) order; the
    /// caller pages each entry's events in memory.
    async fn load(&self, keys: &[HistoryOf]) -> LoadResult<HistoryOf, Self::Value> {
        let rows = audit_event::Entity::find()
            .filter(audit_event::Column::OrganizationId.is_in(keys.iter().map(|k| k.organization)))
            .filter(audit_event::Column::EntityId.is_in(keys.iter().map(|k| k.entity)))
            .order_by_asc(audit_event::Column::Id)
            .all(&self.db)
            .await?;
        // The two IN lists also match pairs no one asked for.
        let wanted: HashSet<&HistoryOf> = keys.iter().collect();
        let mut grouped: HashMap<HistoryOf, Self::Value> = HashMap::new();
        for row in rows {
            let key = HistoryOf {
                organization: row.organization_id,
                entity: row.entity_id,
            };
            if wanted.contains(&key) {
                grouped.entry(key).or_default().push(row);
            }
        }
        Ok(grouped)
    }
}

impl Loader<VersionByNumber> for RegisterLoader {
    type Value = statement_version::Model;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[VersionByNumber]) -> LoadResult<VersionByNumber, Self::Value> {
        // One query for the union of the parts; the exact keys are picked after.
        let rows = statement_version::Entity::find()
            .filter(statement_version::Column::OrganizationId.is_in(keys.iter().map(|k| k.0)))
            .filter(statement_version::Column::Language.is_in(keys.iter().map(|k| k.1)))
            .filter(statement_version::Column::Version.is_in(keys.iter().map(|k| k.2)))
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                (
                    VersionByNumber(row.organization_id, row.language, row.version),
                    row,
                )
            })
            .filter(|(key, _)| keys.contains(key))
            .collect())
    }
}

async fn load_list<K>(ctx: &Context<'_>, key: K) -> AppResult<<RegisterLoader as Loader<K>>::Value>
where
    K: Send + Sync + Clone + Eq + std::hash::Hash + 'static,
    RegisterLoader: Loader<K, Error = Arc<DbErr>>,
    <RegisterLoader as Loader<K>>::Value: Default,
{
    Ok(loader(ctx)
        .load_one(key)
        .await
        .map_err(internal)?
        .unwrap_or_default())
}

pub async fn legal_bases_of(
    ctx: &Context<'_>,
    activity: Uuid,
) -> AppResult<Vec<activity_legal_basis::Model>> {
    load_list(ctx, LegalBasesOf(activity)).await
}

pub async fn data_categories_of(
    ctx: &Context<'_>,
    activity: Uuid,
) -> AppResult<Vec<data_category::Model>> {
    load_list(ctx, DataCategoriesOf(activity)).await
}

pub async fn data_subject_categories_of(
    ctx: &Context<'_>,
    activity: Uuid,
) -> AppResult<Vec<data_subject_category::Model>> {
    load_list(ctx, DataSubjectCategoriesOf(activity)).await
}

pub async fn recipients_of(ctx: &Context<'_>, activity: Uuid) -> AppResult<Vec<processor::Model>> {
    load_list(ctx, RecipientsOf(activity)).await
}

pub async fn agreements_of(
    ctx: &Context<'_>,
    processor: Uuid,
) -> AppResult<Vec<processing_agreement::Model>> {
    load_list(ctx, AgreementsOf(processor)).await
}

pub async fn history_of(
    ctx: &Context<'_>,
    organization: Uuid,
    entity: Uuid,
) -> AppResult<Vec<audit_event::Model>> {
    load_list(
        ctx,
        HistoryOf {
            organization,
            entity,
        },
    )
    .await
}

pub async fn processor_by_id(ctx: &Context<'_>, id: Uuid) -> AppResult<Option<processor::Model>> {
    loader(ctx)
        .load_one(ProcessorById(id))
        .await
        .map_err(internal)
}

/// The activities with these ids, in their order; ids the register lacks
/// are left out.
pub async fn activities_by_id(
    ctx: &Context<'_>,
    ids: &[Uuid],
) -> AppResult<Vec<processing_activity::Model>> {
    let mut found = loader(ctx)
        .load_many(ids.iter().copied().map(ActivityById))
        .await
        .map_err(internal)?;
    Ok(ids
        .iter()
        .filter_map(|id| found.remove(&ActivityById(*id)))
        .collect())
}

pub async fn version_by_number(
    ctx: &Context<'_>,
    organization: Uuid,
    language: Language,
    number: i32,
) -> AppResult<Option<statement_version::Model>> {
    loader(ctx)
        .load_one(VersionByNumber(organization, language, number))
        .await
        .map_err(internal)
}
