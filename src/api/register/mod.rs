//! The register's GraphQL API: one module per register concept, next to the
//! service module of the same name in `crate::register`.

pub mod organization;
pub mod processing_activity;
pub mod processing_agreement;
pub mod processor;
pub mod rights_policy;

/// Converts every item of a list.
fn all<A, B: From<A>>(items: Vec<A>) -> Vec<B> {
    items.into_iter().map(B::from).collect()
}

/// Converts every item of an optional list.
fn each<A, B: From<A>>(items: Option<Vec<A>>) -> Option<Vec<B>> {
    items.map(all)
}
