//! What every request handler shares: the database, the schema, the keys,
//! the metrics and the settings the handlers read. The assembly
//! (`crate::app`) builds it.

use std::ops::Deref;
use std::sync::Arc;

use axum::extract::FromRef;
use sea_orm::DatabaseConnection;
use tokio::sync::Semaphore;

use super::answers::Answers;
use super::Metrics;
use crate::api::schema::RopaSchema;
use crate::auth::JwtKeys;
use crate::register_import::MaxBackupBytes;
use crate::statement::published::PublishedStatements;

/// Everything a request needs, cheap to clone: one shared reference, so a
/// request's clone costs one counter however many parts the server has
/// (the router clones its state for every request).
#[derive(Clone)]
pub struct App(Arc<Parts>);

/// What [`App`] holds.
pub struct Parts {
    pub db: DatabaseConnection,
    pub schema: RopaSchema,
    pub keys: Arc<JwtKeys>,
    pub metrics: Arc<Metrics>,
    /// GraphiQL is served.
    pub graphiql: bool,
    pub import_max_bytes: MaxBackupBytes,
    /// What the public pages show, held in memory.
    pub published: Arc<PublishedStatements>,
    /// GraphQL answers kept for reuse at the same register revision.
    pub answers: Answers,
    /// A permit per GraphQL operation computed at once (twice the database
    /// pool's connections). An operation beyond them waits before it starts,
    /// holding nothing, rather than waiting for a connection holding what it
    /// computed so far.
    pub operations: Semaphore,
}

impl Deref for App {
    type Target = Parts;

    fn deref(&self) -> &Parts {
        &self.0
    }
}

impl From<Parts> for App {
    fn from(parts: Parts) -> App {
        App(Arc::new(parts))
    }
}

impl FromRef<App> for Arc<JwtKeys> {
    fn from_ref(app: &App) -> Arc<JwtKeys> {
        app.keys.clone()
    }
}

impl App {
    pub fn router(&self) -> axum::Router {
        super::router(self.clone())
    }
}
