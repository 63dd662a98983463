//! The register's GraphQL API: one module per register concept, next to the
//! service module of the same name in `crate::register`.

/// The GraphQL object of a register entry: the fields every entry has (id,
/// revision, timestamps, its audit history, and for archivable entries when
/// they were archived) followed by the entry's own fields, which may start
/// with its localized texts (`localized { .. }`, see `localized_object!`).
/// A `vocabulary` entry (a data category, a data subject category) is
/// archivable and has a key, a name and a description. The wrapper type
/// holds the entity model as `.0`.
macro_rules! register_entry {
    (vocabulary $node:ident { $($fields:tt)* }) => {
        register_entry!(archivable $node {
            localized {
                name / name_translations: String,
                description / description_translations: Option<String>,
            }
            async fn key(&self) -> &str {
                &self.0.key
            }
            $($fields)*
        });
    };
    (archivable $node:ident { localized { $($texts:tt)* } $($fields:tt)* }) => {
        register_entry!($node {
            localized { $($texts)* }
            /// When the entry was archived; archived entries leave the lists.
            async fn archived_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
                self.0.archived_at
            }
            $($fields)*
        });
    };
    (archivable $node:ident { $($fields:tt)* }) => {
        register_entry!(archivable $node { localized {} $($fields)* });
    };
    ($node:ident { localized { $($texts:tt)* } $($fields:tt)* }) => {
        localized_object! {
            #[async_graphql::Object]
            impl $node {
                localized { $($texts)* }
                pub async fn id(&self) -> async_graphql::ID {
                    crate::api::ids::to_id(self.0.id)
                }
                /// Raised by every change; updates name the revision they are based on.
                async fn revision(&self) -> i32 {
                    self.0.revision
                }
                async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
                    self.0.created_at
                }
                async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
                    self.0.updated_at
                }
                /// The audit events of this entry, oldest first.
                #[graphql(complexity = "crate::api::pagination::page_cost(first, None, child_complexity)")]
                async fn history(
                    &self,
                    ctx: &async_graphql::Context<'_>,
                    first: Option<i32>,
                    after: Option<String>,
                ) -> async_graphql::Result<
                    crate::api::pagination::Page<crate::api::audit::AuditEvent>,
                > {
                    Ok(crate::api::register::history_page(ctx, self.0.id, first, after).await?)
                }
                $($fields)*
            }
        }
    };
    ($node:ident { $($fields:tt)* }) => {
        register_entry!($node { localized {} $($fields)* });
    };
}

/// The standard resolvers of a register entity, generated so that every
/// entity answers the same way: a filtered page (`list`), a lookup by id
/// (`null` when unknown), and create / update / archive for editors. The
/// service module `crate::register::$module` provides the functions `list`,
/// `create`, `update` and `archive`; `entity::$module` the `Entity`.
macro_rules! entity_resolvers {
    (
        $module:ident, $query:ident, $mutation:ident, $node:ident, $input:ty, $filter:ty,
        list: $list:ident, get: $get:ident,
        create: $create:ident, update: $update:ident, archive: $archive:ident $(,)?
    ) => {
        #[derive(Default)]
        pub struct $query;

        #[async_graphql::Object]
        impl $query {
            #[graphql(
                guard = "crate::api::guard::RoleGuard(crate::auth::Role::Viewer)",
                complexity = "crate::api::pagination::page_cost(first, last, child_complexity)"
            )]
            async fn $list(
                &self,
                ctx: &async_graphql::Context<'_>,
                first: Option<i32>,
                after: Option<String>,
                last: Option<i32>,
                before: Option<String>,
                filter: Option<$filter>,
            ) -> async_graphql::Result<crate::api::pagination::Page<$node>> {
                let scope = crate::api::context::scope(ctx).await?;
                let select = crate::register::$module::list(
                    scope,
                    &crate::api::mirror::ToService::to_service(filter, "filter")?
                        .unwrap_or_default(),
                )?;
                let args = crate::api::pagination::PageArgs {
                    first,
                    after,
                    last,
                    before,
                };
                Ok(crate::api::pagination::paginate(scope, select, $node, args).await?)
            }

            #[graphql(guard = "crate::api::guard::RoleGuard(crate::auth::Role::Viewer)")]
            async fn $get(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
            ) -> async_graphql::Result<Option<$node>> {
                let scope = crate::api::context::scope(ctx).await?;
                let id = crate::api::ids::parse(&id, "id")?;
                Ok(
                    crate::register::found(scope.get::<entity::$module::Entity>(id).await)?
                        .map($node),
                )
            }
        }

        #[derive(Default)]
        pub struct $mutation;

        #[async_graphql::Object]
        impl $mutation {
            #[graphql(guard = "crate::api::guard::RoleGuard(crate::auth::Role::Editor)")]
            async fn $create(
                &self,
                ctx: &async_graphql::Context<'_>,
                input: $input,
            ) -> async_graphql::Result<$node> {
                let id = uuid::Uuid::now_v7();
                let created = crate::api::register::write_input(ctx, input, async |tx, input| {
                    crate::register::$module::create(tx, id, input).await
                })
                .await?;
                Ok($node(created))
            }

            #[graphql(guard = "crate::api::guard::RoleGuard(crate::auth::Role::Editor)")]
            async fn $update(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
                input: $input,
                expected_revision: i32,
            ) -> async_graphql::Result<$node> {
                let id = crate::api::ids::parse(&id, "id")?;
                let updated = crate::api::register::write_input(ctx, input, async |tx, input| {
                    crate::register::$module::update(tx, id, input, expected_revision).await
                })
                .await?;
                Ok($node(updated))
            }

            #[graphql(guard = "crate::api::guard::RoleGuard(crate::auth::Role::Editor)")]
            async fn $archive(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
                expected_revision: i32,
            ) -> async_graphql::Result<$node> {
                let id = crate::api::ids::parse(&id, "id")?;
                let scope = crate::api::context::scope(ctx).await?;
                let archived = scope
                    .write(async |tx| {
                        crate::register::$module::archive(tx, id, expected_revision).await
                    })
                    .await?;
                Ok($node(archived))
            }
        }
    };
}

pub mod data_category;
pub mod data_subject_category;
pub mod legal_basis;
pub mod organization;
mod parties;
pub mod processing_activity;
pub mod processing_agreement;
pub mod processor;
pub mod rights_policy;
pub mod tracker;

use async_graphql::Context;
use uuid::Uuid;

use crate::api::audit::AuditEvent;
use crate::api::context::scope;
use crate::api::loaders;
use crate::api::mirror::ToService;
use crate::api::pagination::{Page, PageArgs};
use crate::db::Tx;
use crate::error::AppResult;

/// Shorthand for mutations that take an `input`: checks it into its
/// service's input, then runs `write` with it as one unit of work in the
/// caller's scope.
pub async fn write_input<I: ToService, T>(
    ctx: &Context<'_>,
    input: I,
    write: impl AsyncFnOnce(&Tx<'_>, &I::Service) -> AppResult<T>,
) -> AppResult<T> {
    let input = input.to_service("input")?;
    scope(ctx)
        .await?
        .write(async |tx| write(tx, &input).await)
        .await
}

/// The `history` field every register entry has. The events of all entries
/// on a page come in one query (a DataLoader); each entry's page is cut
/// from them in memory, by the same cursor rules as every list.
pub async fn history_page(
    ctx: &Context<'_>,
    entity_id: Uuid,
    first: Option<i32>,
    after: Option<String>,
) -> AppResult<Page<AuditEvent>> {
    let window = PageArgs::forward(first, after).window()?;
    let events = loaders::list::<loaders::HistoryOf>(ctx, entity_id).await?;
    Ok(window.page_of(events, |event| event.id, AuditEvent))
}
