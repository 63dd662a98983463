//! The only way to the database: connecting, the tenant scope and its unit
//! of work, and the few reads that are not one organization's (a page's
//! organization by its slug, the legal-basis vocabulary).
//!
//! An entity's own `find` is allowed in this module only (`clippy.toml`):
//! everywhere else tenant tables are reached through a [`Scope`] or a
//! [`Tx`].
#![allow(clippy::disallowed_methods)]

mod connect;
pub mod links;
pub mod public;
mod scope;
mod tenant;
mod unit_of_work;

pub use connect::{connect, pool_size};
pub use scope::Scope;
pub use tenant::{owned_by, TenantOwned};
pub use unit_of_work::Tx;
