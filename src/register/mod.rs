//! The register: one module per domain concept, each with the service
//! functions that do the work on plain Rust types. Their GraphQL side is in
//! the API layer, `api/register/`.

/// The create, update and archive services of an entry. The module's
/// `validated(input)` gives the row to write; `$references`, when given,
/// checks the input's references to other entries against the register
/// (`Some(entry)` when changing one, whose own references stay valid after
/// their target is archived) and sets them on the row. Each runs in the
/// transaction it is given (see `Scope::write`), so those checks see the
/// register as the change will be applied to it; `create` gives the new
/// entry the id `id` (an import restores the ids of a backup).
macro_rules! entry_services {
    ($input:ty) => {
        /// The entry refers to no other entries.
        async fn no_references(
            _tx: &Tx<'_>,
            _input: &$input,
            _current: Option<&Model>,
            model: ActiveModel,
        ) -> AppResult<ActiveModel> {
            Ok(model)
        }

        entry_services!($input, no_references);
    };
    ($input:ty, $references:ident) => {
        pub async fn create(tx: &Tx<'_>, id: Uuid, input: &$input) -> AppResult<Model> {
            let mut model = validated(input)?;
            model.id = Set(id);
            let model = $references(tx, input, None, model).await?;
            versioned::insert::<Entity, _>(tx, model).await
        }

        pub async fn update(
            tx: &Tx<'_>,
            id: Uuid,
            input: &$input,
            expected: i32,
        ) -> AppResult<Model> {
            let changes = validated(input)?;
            let action = AuditAction::Update;
            let before = versioned::current::<Entity>(tx, id, expected, action).await?;
            let changes = $references(tx, input, Some(&before), changes).await?;
            versioned::save_recorded::<Entity, _>(tx, &before, action, changes).await
        }

        pub async fn archive(tx: &Tx<'_>, id: Uuid, expected: i32) -> AppResult<Model> {
            versioned::archive::<Entity, ActiveModel>(tx, id, expected).await
        }
    };
}

pub mod catalogue;
pub mod data_category;
pub mod data_subject_category;
pub mod eea;
pub mod legal_basis;
pub mod localized;
pub mod organization;
pub mod processing_activity;
pub mod processing_agreement;
pub mod processor;
pub mod rights_policy;
pub mod tracker;
pub mod validate;
pub mod versioned;
pub mod vocabulary;

use entity::values::Localized;
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, SimpleExpr};
use sea_orm::{ColumnTrait, QueryFilter, Select};

use crate::db::Scope;
use crate::error::{AppError, AppResult};
use crate::register::versioned::Archivable;

/// What every list of register entries can be narrowed by: a text search
/// (each list's filter says what it matches) and whether archived entries
/// are shown.
#[derive(Debug, Default)]
pub struct Listing {
    pub search: Option<String>,
    pub include_archived: Option<bool>,
}

impl Listing {
    /// The search term as a LIKE pattern for lowercased text containing it;
    /// `None` when there is no term. `%`, `_` and `\\` match themselves.
    pub fn search_pattern(&self) -> Option<LikeExpr> {
        let term = self
            .search
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())?;
        let mut escaped = String::new();
        for c in term.to_lowercase().chars() {
            if matches!(c, '%' | '_' | '\\') {
                escaped.push('\\');
            }
            escaped.push(c);
        }
        Some(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
    }

    /// The rows whose search text (in `column`) contains the search term;
    /// `None` without one.
    pub fn searching(&self, column: impl ColumnTrait) -> Option<SimpleExpr> {
        self.search_pattern()
            .map(|pattern| Expr::col(column).like(pattern))
    }
}

/// The entries of one kind that a list shows: the organization's, archived
/// ones only when the `listing` asks for them, that meet each of the
/// `conditions` of the list's filter (`None` where a filter leaves a field
/// empty). The search is among the conditions: what it matches differs
/// from list to list.
pub fn listed<E: Archivable>(
    scope: &Scope,
    listing: &Listing,
    conditions: impl IntoIterator<Item = Option<SimpleExpr>>,
) -> Select<E> {
    let mut select = scope.find::<E>();
    if !listing.include_archived.unwrap_or(false) {
        select = select.filter(E::archived_at_column().is_null());
    }
    for condition in conditions.into_iter().flatten() {
        select = select.filter(condition);
    }
    select
}

/// The lowercased words a text search matches against.
pub fn search_text(plain: &[&str], localized: &[&Localized]) -> String {
    let words = plain.iter().copied().chain(
        localized
            .iter()
            .flat_map(|l| l.0.values().map(String::as_str)),
    );
    words.collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A lookup by id answers `null` for an unknown id rather than an error.
pub fn found<T>(result: AppResult<T>) -> AppResult<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(AppError::NotFound(_)) => Ok(None),
        Err(other) => Err(other),
    }
}
