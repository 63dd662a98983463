//! The GraphQL API layer: request context, role guards, ids, query limits,
//! loaders, localized texts, pagination, scalars and the schema.

#[macro_use]
pub mod mirror;

pub mod audit;
pub mod compliance;
pub mod context;
pub mod enums;
pub mod error;
pub mod export;
pub mod guard;
pub mod ids;
pub mod import;
pub mod limits;
pub mod loaders;
#[macro_use]
pub mod localized;
pub mod pagination;
pub mod plain_text;
pub mod register;
pub mod request_check;
pub mod scalars;
pub mod schema;
pub mod started;
pub mod statement;

/// Converts every item of a list.
fn all<A, B: From<A>>(items: impl IntoIterator<Item = A>) -> Vec<B> {
    items.into_iter().map(B::from).collect()
}
