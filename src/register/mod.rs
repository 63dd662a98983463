//! The register: one module per domain concept, each with its GraphQL
//! types next to the service functions that do the work.

/// The GraphQL object of a register entry: the fields every entry has (id,
/// revision, timestamps, its audit history, and for archivable entries when
/// they were archived) followed by the entry's own fields. The wrapper type
/// holds the entity model as `.0`.
macro_rules! register_entry {
    (archivable $node:ident { $($fields:tt)* }) => {
        register_entry!($node {
            /// When the entry was archived; archived entries leave the lists.
            async fn archived_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
                self.0.archived_at
            }
            $($fields)*
        });
    };
    ($node:ident { $($fields:tt)* }) => {
        #[async_graphql::Object]
        impl $node {
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
                crate::api::pagination::Page<crate::audit::AuditEvent>,
            > {
                Ok(crate::register::history_page(ctx, self.0.id, first, after).await?)
            }
            $($fields)*
        }
    };
}

/// The standard resolvers of a register entity, generated so that every
/// entity answers the same way: a filtered page (`list`), a lookup by id
/// (`null` when unknown), and create / update / archive for editors. The
/// module provides the service functions `list`, `create`, `update`,
/// `archive` and its `Entity`.
macro_rules! entity_resolvers {
    (
        $query:ident, $mutation:ident, $node:ident, $input:ty, $filter:ty,
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
                let select = list(scope, &filter.map(Into::into).unwrap_or_default())?;
                let args = crate::api::pagination::PageArgs {
                    first,
                    after,
                    last,
                    before,
                };
                Ok(crate::api::pagination::paginate(scope.db(), select, $node, args).await?)
            }

            #[graphql(guard = "crate::api::guard::RoleGuard(crate::auth::Role::Viewer)")]
            async fn $get(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
            ) -> async_graphql::Result<Option<$node>> {
                let scope = crate::api::context::scope(ctx).await?;
                let id = crate::api::ids::parse(&id, "id")?;
                Ok(crate::register::found(scope.get::<Entity>(scope.db(), id).await)?.map($node))
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
                let scope = crate::api::context::scope(ctx).await?;
                Ok($node(create(scope, &input.into()).await?))
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
                let scope = crate::api::context::scope(ctx).await?;
                Ok($node(
                    update(scope, id, &input.into(), expected_revision).await?,
                ))
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
                Ok($node(archive(scope, id, expected_revision).await?))
            }
        }
    };
}

/// The services of an entry whose input needs no database checks: the
/// module's `validated(input)` gives the row to write. Each comes as a
/// whole change (`create`, ...) and as a part of an open transaction
/// (`create_in`, ...), for imports.
macro_rules! plain_entry_services {
    ($input:ty) => {
        pub async fn create(scope: &Scope, input: &$input) -> AppResult<Model> {
            versioned::create::<Entity, _>(scope, validated(input)?).await
        }

        /// Creates the entry with id `id` in an open transaction.
        pub async fn create_in(
            txn: &DatabaseTransaction,
            scope: &Scope,
            id: Uuid,
            input: &$input,
        ) -> AppResult<Model> {
            let mut model = validated(input)?;
            model.id = Set(id);
            versioned::insert::<Entity, _>(txn, scope, model).await
        }

        pub async fn update(
            scope: &Scope,
            id: Uuid,
            input: &$input,
            expected: i32,
        ) -> AppResult<Model> {
            let changes = validated(input)?;
            versioned::update::<Entity, _>(scope, id, expected, AuditAction::Update, changes).await
        }

        /// [`update`] in an open transaction.
        pub async fn update_in(
            txn: &DatabaseTransaction,
            scope: &Scope,
            id: Uuid,
            input: &$input,
            expected: i32,
        ) -> AppResult<Model> {
            let changes = validated(input)?;
            versioned::update_in::<Entity, _>(
                txn,
                scope,
                id,
                expected,
                AuditAction::Update,
                changes,
            )
            .await
        }

        pub async fn archive(scope: &Scope, id: Uuid, expected: i32) -> AppResult<Model> {
            versioned::archive::<Entity, ActiveModel>(scope, id, expected).await
        }

        /// [`archive`] in an open transaction.
        pub async fn archive_in(
            txn: &DatabaseTransaction,
            scope: &Scope,
            id: Uuid,
            expected: i32,
        ) -> AppResult<Model> {
            versioned::archive_in::<Entity, ActiveModel>(txn, scope, id, expected).await
        }
    };
}

pub mod catalogue;
pub mod data_category;
pub mod data_subject_category;
pub mod eea;
pub mod legal_basis;
pub mod organization;
pub mod processing_activity;
pub mod processing_agreement;
pub mod processor;
pub mod rights_policy;
pub mod validate;
pub mod versioned;

use async_graphql::Context;
use entity::values::Localized;
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
use sea_orm::{EntityTrait, QueryFilter, Select};
use uuid::Uuid;

use crate::api::context::scope;
use crate::api::loaders;
use crate::api::pagination::{Page, PageArgs};
use crate::audit::AuditEvent;
use crate::error::{AppError, AppResult};

/// The lowercased words a text search matches against.
pub fn search_text(plain: &[&str], localized: &[&Localized]) -> String {
    let words = plain.iter().copied().chain(
        localized
            .iter()
            .flat_map(|l| l.0.values().map(String::as_str)),
    );
    words.collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A text search term as a LIKE pattern for lowercased text containing it;
/// `None` when there is no term. `%`, `_` and `\\` match themselves.
pub fn search_pattern(search: &Option<String>) -> Option<LikeExpr> {
    let term = search.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
    let mut escaped = String::new();
    for c in term.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    Some(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// Restricts `select` to rows whose search text contains `search`.
pub fn search_filter<E: EntityTrait>(
    select: Select<E>,
    column: E::Column,
    search: &Option<String>,
) -> Select<E> {
    match search_pattern(search) {
        Some(pattern) => select.filter(Expr::col(column).like(pattern)),
        None => select,
    }
}

/// A lookup by id answers `null` for an unknown id rather than an error.
pub fn found<T>(result: AppResult<T>) -> AppResult<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(AppError::NotFound(_)) => Ok(None),
        Err(other) => Err(other),
    }
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
    let scope = scope(ctx).await?;
    let events = loaders::history_of(ctx, scope.organization_id, entity_id).await?;
    Ok(window.page_of(events, |event| event.id, AuditEvent))
}
