//! The HTTP surface: GraphQL, health, metrics.

pub mod graphql;
pub mod health;
pub mod metrics;
pub mod router;

pub use metrics::Metrics;
pub use router::router;
