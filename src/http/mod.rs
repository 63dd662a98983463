//! The HTTP surface: the server, GraphQL, health, metrics.

pub mod graphql;
pub mod health;
pub mod metrics;
pub mod router;
pub mod server;

pub use metrics::Metrics;
pub use router::router;
