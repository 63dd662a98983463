//! The register: one module per domain concept, each with its GraphQL
//! types next to the service functions that do the work.

pub mod catalogue;
pub mod data_category;
pub mod data_subject_category;
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

use crate::audit::{self, AuditEvent};
use crate::error::{AppError, AppResult};
use crate::graphql::context::scope;
use crate::graphql::pagination::{paginate, Page, PageArgs};

/// The lowercased words a text search matches against.
pub fn search_text(plain: &[&str], localized: &[&Localized]) -> String {
    let words = plain.iter().copied().chain(
        localized
            .iter()
            .flat_map(|l| l.0.values().map(String::as_str)),
    );
    words.collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Restricts `select` to rows whose search text contains `search`.
pub fn search_filter<E: EntityTrait>(
    select: Select<E>,
    column: E::Column,
    search: &Option<String>,
) -> Select<E> {
    let Some(term) = search.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
        return select;
    };
    let mut escaped = String::new();
    for c in term.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    let pattern = LikeExpr::new(format!("%{escaped}%")).escape('\\');
    select.filter(Expr::col(column).like(pattern))
}

/// A lookup by id answers `null` for an unknown id rather than an error.
pub fn found<T>(result: AppResult<T>) -> AppResult<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(AppError::NotFound(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

/// The `history` field every register entry has.
pub async fn history_page(
    ctx: &Context<'_>,
    entity_id: Uuid,
    first: Option<i32>,
    after: Option<String>,
) -> AppResult<Page<AuditEvent>> {
    let scope = scope(ctx).await?;
    let select = audit::history(scope, entity_id);
    paginate(
        scope.db(),
        select,
        AuditEvent,
        PageArgs::forward(first, after),
    )
    .await
}
