//! GraphQL plumbing shared by the domain modules.

pub mod context;
pub mod ids;
pub mod limits;
pub mod loaders;
pub mod localized;
pub mod pagination;
pub mod plain_text;
pub mod scalars;
pub mod schema;
pub mod started;
