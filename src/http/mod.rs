//! The HTTP surface: the server, GraphQL over HTTP, the public statement
//! pages, health, metrics.

pub mod answers;
pub mod graphiql;
pub mod graphql;
pub mod headers;
pub mod health;
pub mod metrics;
pub mod pages;
pub mod router;
pub mod server;
mod state;
pub mod transport;

pub use metrics::Metrics;
pub use router::router;
pub use state::{App, Parts};
