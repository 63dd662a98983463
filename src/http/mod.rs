//! The HTTP surface: the server, GraphQL over HTTP, health, metrics.

pub mod graphiql;
pub mod graphql;
pub mod headers;
pub mod health;
pub mod metrics;
pub mod router;
pub mod server;
pub mod transport;

pub use metrics::Metrics;
pub use router::router;
