//! DataLoaders: nested lists of a page cost one batched query each, not one
//! query per row. Every key names the organization of the caller's scope
//! besides the row, and every batch query keeps to that organization, so a
//! loader cannot reach another organization's rows even given their ids.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::Context;
use entity::enums::Language;
use entity::{
    activity_legal_basis, audit_event, processing_activity, processing_agreement, processor,
    statement_version,
};
use futures_util::future::BoxFuture;
use sea_orm::{ColumnTrait, DatabaseConnection, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::api::context::scope;
use crate::db::links::{self, Activities};
use crate::db::{owned_by, public, TenantOwned};
use crate::error::{AppError, AppResult};
use crate::statement::versions::{self, Head, Part, Versions};

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

type LoadResult<K, V> = Result<HashMap<K, V>, Arc<AppError>>;

fn loader<'a>(ctx: &Context<'a>) -> &'a DataLoader<RegisterLoader> {
    ctx.data_unchecked::<DataLoader<RegisterLoader>>()
}

/// The error of a batch, for each of the fields that waited on it.
fn internal(err: Arc<AppError>) -> AppError {
    match err.as_ref() {
        AppError::Unavailable => AppError::Unavailable,
        other => {
            tracing::error!(error = %other, "loader query failed");
            AppError::Internal(other.to_string())
        }
    }
}

/// A row of one organization: every loader key names the organization
/// of the caller's scope, and every batch query keeps to it.
macro_rules! key {
    ($($name:ident),+) => {$(
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $name {
            pub organization: Uuid,
            pub id: Uuid,
        }

        impl Owned for $name {
            fn new(organization: Uuid, id: Uuid) -> Self {
                $name { organization, id }
            }
            fn organization(&self) -> Uuid {
                self.organization
            }
            fn id(&self) -> Uuid {
                self.id
            }
        }
    )+};
}

pub trait Owned: Sized {
    fn new(organization: Uuid, id: Uuid) -> Self;
    fn organization(&self) -> Uuid;
    fn id(&self) -> Uuid;
}

key!(
    LegalBasesOf,
    DataCategoriesOf,
    DataSubjectCategoriesOf,
    RecipientsOf,
    AgreementsOf,
    ProcessorById,
    ActivityById,
    HistoryOf
);

/// A statement version by organization, language and number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VersionByNumber(pub Uuid, pub Language, pub i32);

/// A large text of a statement version, by organization and version id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VersionPart(pub Uuid, pub Uuid, pub Part);

/// The ids of `keys` by organization (one, in practice: a request has one
/// caller).
fn by_organization<K: Owned>(keys: &[K]) -> HashMap<Uuid, Vec<Uuid>> {
    let mut ids_of: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for key in keys {
        ids_of.entry(key.organization()).or_default().push(key.id());
    }
    ids_of
}

fn group<T>(rows: Vec<T>, key: fn(&T) -> Uuid) -> HashMap<Uuid, Vec<T>> {
    let mut grouped: HashMap<Uuid, Vec<T>> = HashMap::new();
    for row in rows {
        grouped.entry(key(&row)).or_default().push(row);
    }
    grouped
}

/// The rows of `E` with these ids, by id.
async fn rows_by_id<E: TenantOwned>(
    db: &DatabaseConnection,
    organization: Uuid,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, E::Model>> {
    let rows = owned_by::<E>(organization)
        .filter(E::id_column().is_in(ids.iter().copied()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| (E::id_of(&row), row)).collect())
}

/// A loader whose batch runs `$load` (values by row id) once per
/// organization among its keys, with `$organization` and `$ids` bound.
/// `targets of L: T` loads what activities link to through the link table
/// `L`; `rows of T` loads rows of `T` by id.
macro_rules! owned_loader {
    ($key:ident => targets of $link:ident: $target:ident) => {
        owned_loader!($key => Vec<entity::$target::Model>, |this, organization, ids| {
            let db = &this.db;
            links::targets_of::<entity::$link::Entity, entity::$target::Entity>(
                db,
                organization,
                ids,
            )
            .await
        });
    };
    ($key:ident => rows of $table:ident) => {
        owned_loader!($key => entity::$table::Model, |this, organization, ids| {
            rows_by_id::<entity::$table::Entity>(&this.db, organization, ids).await
        });
    };
    ($key:ident => $value:ty, |$this:ident, $organization:ident, $ids:ident| $load:expr) => {
        impl Loader<$key> for RegisterLoader {
            type Value = $value;
            type Error = Arc<AppError>;

            async fn load(&self, keys: &[$key]) -> LoadResult<$key, $value> {
                let $this = self;
                let mut found = HashMap::new();
                for ($organization, ids) in by_organization(keys) {
                    let $ids = &ids[..];
                    let values: HashMap<Uuid, $value> = $load.map_err(Arc::new)?;
                    found.extend(
                        values
                            .into_iter()
                            .map(|(id, value)| ($key::new($organization, id), value)),
                    );
                }
                Ok(found)
            }
        }
    };
}

owned_loader!(LegalBasesOf => Vec<activity_legal_basis::Model>, |this, organization, ids| {
    links::rows_of::<activity_legal_basis::Entity>(&this.db, organization, Activities::These(ids)).await
});
owned_loader!(DataCategoriesOf => targets of activity_data_category: data_category);
owned_loader!(DataSubjectCategoriesOf =>
    targets of activity_data_subject_category: data_subject_category);
owned_loader!(RecipientsOf => targets of activity_recipient: processor);
owned_loader!(AgreementsOf => Vec<processing_agreement::Model>, |this, organization, ids| {
    owned_by::<processing_agreement::Entity>(organization)
        .filter(processing_agreement::Column::ProcessorId.is_in(ids.iter().copied()))
        .filter(processing_agreement::Column::ArchivedAt.is_null())
        .order_by_asc(processing_agreement::Column::Id)
        .all(&this.db)
        .await
        .map(|rows| group(rows, |row| row.processor_id))
        .map_err(AppError::from)
});
owned_loader!(ProcessorById => rows of processor);
owned_loader!(ActivityById => rows of processing_activity);
// Every event of every requested entry, in id (creation) order; the caller
// pages each entry's events in memory.
owned_loader!(HistoryOf => Vec<audit_event::Model>, |this, organization, ids| {
    owned_by::<audit_event::Entity>(organization)
        .filter(audit_event::Column::EntityId.is_in(ids.iter().copied()))
        .order_by_asc(audit_event::Column::Id)
        .all(&this.db)
        .await
        .map(|rows| group(rows, |row| row.entity_id))
        .map_err(AppError::from)
});

impl Loader<VersionByNumber> for RegisterLoader {
    type Value = Head;
    type Error = Arc<AppError>;

    /// Published versions, for anyone: one query per organization for the
    /// union of the languages and numbers; the exact keys are picked after.
    async fn load(&self, keys: &[VersionByNumber]) -> LoadResult<VersionByNumber, Self::Value> {
        let organizations: HashSet<Uuid> = keys.iter().map(|k| k.0).collect();
        let mut found = HashMap::new();
        for organization in organizations {
            let rows = public::statement_versions(organization)
                .filter(statement_version::Column::Language.is_in(keys.iter().map(|k| k.1)))
                .filter(statement_version::Column::Version.is_in(keys.iter().map(|k| k.2)))
                .into_partial_model::<Head>()
                .all(&self.db)
                .await
                .map_err(|err| Arc::new(AppError::from(err)))?;
            found.extend(rows.into_iter().map(|row| {
                (
                    VersionByNumber(row.organization_id, row.language, row.version),
                    row,
                )
            }));
        }
        found.retain(|key, _| keys.contains(key));
        Ok(found)
    }
}

impl Loader<VersionPart> for RegisterLoader {
    type Value = Option<String>;
    type Error = Arc<AppError>;

    /// One query per organization and part, for every version asked.
    async fn load(&self, keys: &[VersionPart]) -> LoadResult<VersionPart, Self::Value> {
        let mut ids_of: HashMap<(Uuid, Part), Vec<Uuid>> = HashMap::new();
        for key in keys {
            ids_of.entry((key.0, key.2)).or_default().push(key.1);
        }
        let mut found = HashMap::new();
        for ((organization, part), ids) in ids_of {
            let texts = versions::parts(&self.db, organization, Versions::These(&ids), part)
                .await
                .map_err(Arc::new)?;
            found.extend(
                texts
                    .into_iter()
                    .map(|(id, text)| (VersionPart(organization, id, part), text)),
            );
        }
        Ok(found)
    }
}

/// The value for row `id` of the caller's organization.
async fn load_owned<K>(
    ctx: &Context<'_>,
    id: Uuid,
) -> AppResult<Option<<RegisterLoader as Loader<K>>::Value>>
where
    K: Owned + Send + Sync + Clone + Eq + std::hash::Hash + 'static,
    RegisterLoader: Loader<K, Error = Arc<AppError>>,
{
    let organization = scope(ctx).await?.organization_id;
    loader(ctx)
        .load_one(K::new(organization, id))
        .await
        .map_err(internal)
}

/// The list for row `id` of the caller's organization, e.g.
/// `list::<DataCategoriesOf>(ctx, activity)`; empty when there is none.
pub async fn list<K>(ctx: &Context<'_>, id: Uuid) -> AppResult<<RegisterLoader as Loader<K>>::Value>
where
    K: Owned + Send + Sync + Clone + Eq + std::hash::Hash + 'static,
    RegisterLoader: Loader<K, Error = Arc<AppError>>,
    <RegisterLoader as Loader<K>>::Value: Default,
{
    Ok(load_owned::<K>(ctx, id).await?.unwrap_or_default())
}

/// The rows of [`list`], each as its GraphQL object, e.g.
/// `nodes::<DataCategoriesOf, _>(ctx, activity, DataCategory)`.
pub async fn nodes<K, T>(
    ctx: &Context<'_>,
    id: Uuid,
    node: impl FnMut(<<RegisterLoader as Loader<K>>::Value as IntoIterator>::Item) -> T,
) -> AppResult<Vec<T>>
where
    K: Owned + Send + Sync + Clone + Eq + std::hash::Hash + 'static,
    RegisterLoader: Loader<K, Error = Arc<AppError>>,
    <RegisterLoader as Loader<K>>::Value: Default + IntoIterator,
{
    Ok(list::<K>(ctx, id).await?.into_iter().map(node).collect())
}

pub async fn processor_by_id(ctx: &Context<'_>, id: Uuid) -> AppResult<Option<processor::Model>> {
    load_owned::<ProcessorById>(ctx, id).await
}

/// The activities with these ids, in their order; ids the register lacks
/// are left out.
pub async fn activities_by_id(
    ctx: &Context<'_>,
    ids: &[Uuid],
) -> AppResult<Vec<processing_activity::Model>> {
    let organization = scope(ctx).await?.organization_id;
    let keys = ids.iter().map(|id| ActivityById::new(organization, *id));
    let mut found = loader(ctx).load_many(keys).await.map_err(internal)?;
    Ok(ids
        .iter()
        .filter_map(|id| found.remove(&ActivityById::new(organization, *id)))
        .collect())
}

pub async fn version_by_number(
    ctx: &Context<'_>,
    organization: Uuid,
    language: Language,
    number: i32,
) -> AppResult<Option<Head>> {
    loader(ctx)
        .load_one(VersionByNumber(organization, language, number))
        .await
        .map_err(internal)
}

/// `part` of a published version; `None` for a diff the version lacks.
pub async fn version_part(
    ctx: &Context<'_>,
    version: &Head,
    part: Part,
) -> AppResult<Option<String>> {
    let key = VersionPart(version.organization_id, version.id, part);
    Ok(loader(ctx).load_one(key).await.map_err(internal)?.flatten())
}
