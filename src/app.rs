//! Assembly: configuration -> database -> schema -> router.

use std::path::Path;
use std::sync::Arc;

use axum::extract::FromRef;
use migration::{Migrator, MigratorTrait};
use rand::RngCore;
use sea_orm::{DatabaseConnection, DbErr};

use crate::auth::jwt::KeyError;
use crate::auth::JwtKeys;
use crate::config::Config;
use crate::db;
use crate::graphql::schema::{build_schema, RopaSchema};
use crate::http::Metrics;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error("JWT keys: {0}")]
    Keys(#[from] KeyError),
    #[error("JWT secret file {path}: {source}")]
    SecretFile {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "no JWT key configured: set ROPA_JWT_SECRET or ROPA_JWT_PUBLIC_KEYS (a secret is generated only for SQLite files)"
    )]
    NoKeys,
}

/// Everything a request needs, cheap to clone.
#[derive(Clone)]
pub struct App {
    pub db: DatabaseConnection,
    pub schema: RopaSchema,
    pub keys: Arc<JwtKeys>,
    pub metrics: Arc<Metrics>,
    /// GraphiQL is served.
    pub graphiql: bool,
}

impl FromRef<App> for Arc<JwtKeys> {
    fn from_ref(app: &App) -> Arc<JwtKeys> {
        app.keys.clone()
    }
}

impl App {
    /// Connects, migrates and builds the schema.
    pub async fn start(config: &Config) -> Result<App, StartError> {
        let metrics = Arc::new(Metrics::new());
        let db = db::connect(&config.database_url, Some(metrics.db_statements.clone())).await?;
        Migrator::up(&db, None).await?;
        let keys = Arc::new(load_keys(config)?);
        let schema = build_schema(db.clone());
        Ok(App {
            db,
            schema,
            keys,
            metrics,
            graphiql: config.graphiql.unwrap_or(false),
        })
    }

    pub fn router(&self) -> axum::Router {
        crate::http::router(self.clone())
    }
}

/// Applies the migrations without starting anything else.
pub async fn migrate(config: &Config) -> Result<(), StartError> {
    let db = db::connect(&config.database_url, None).await?;
    Migrator::up(&db, None).await?;
    Ok(())
}

pub fn load_keys(config: &Config) -> Result<JwtKeys, StartError> {
    let secret = match (&config.jwt_secret, config.sqlite_file()) {
        (Some(secret), _) => Some(secret.as_bytes().to_vec()),
        (None, Some(file)) => Some(secret_beside(&file)?),
        // An in-memory SQLite database lives as long as the process; so may its secret.
        (None, None) if config.is_sqlite() => Some(random_secret().into_bytes()),
        (None, None) => None,
    };
    let mut keys = JwtKeys::new(
        secret,
        config.jwt_issuer.clone(),
        config.jwt_audience.clone(),
    );
    if let Some(path) = &config.jwt_public_keys {
        keys.load_public_keys(path)?;
    }
    if !keys.has_secret() && !keys.has_public_keys() {
        return Err(StartError::NoKeys);
    }
    Ok(keys)
}

fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The secret kept beside an SQLite file, created on first use.
fn secret_beside(database: &Path) -> Result<Vec<u8>, StartError> {
    let path = database.with_extension("jwt-secret");
    let error = |source| StartError::SecretFile {
        path: path.display().to_string(),
        source,
    };
    if path.exists() {
        let secret = std::fs::read_to_string(&path).map_err(error)?;
        if !secret.trim().is_empty() {
            return Ok(secret.trim().as_bytes().to_vec());
        }
    }
    let secret = random_secret();
    write_private(&path, &secret).map_err(error)?;
    Ok(secret.into_bytes())
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(contents.as_bytes())
}
