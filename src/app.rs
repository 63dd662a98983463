//! Assembly: configuration -> database -> schema -> router.

use std::path::Path;
use std::sync::Arc;

use migration::{Migrator, MigratorTrait};
use sea_orm::DbErr;
use tokio::sync::Semaphore;

use crate::api::schema::build_schema;
use crate::auth::jwt::KeyError;
use crate::auth::secret::SecretError;
use crate::auth::{JwtKeys, JwtSecret};
use crate::config::Config;
use crate::db;
use crate::http::answers::Answers;
use crate::http::{App, Metrics, Parts};
use crate::register_import::MaxBackupBytes;
use crate::statement::published::PublishedStatements;

/// GraphQL operations computed at once per connection of the database pool.
/// An operation holds a connection only while a statement runs: two per
/// connection keep the pool busy while the others compute, and more would
/// only hold their half-made answers in memory longer (on an SQLite pool of
/// four, eight at once answered new questions as fast as sixteen, in 10 MiB
/// less).
const OPERATIONS_PER_CONNECTION: usize = 2;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error("JWT keys: {0}")]
    Keys(#[from] KeyError),
    #[error("JWT secret: {0}")]
    Secret(#[from] SecretError),
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

impl App {
    /// Loads the keys, connects, migrates and builds the schema. The keys
    /// come first: a bad key configuration fails before the database is
    /// touched.
    pub async fn start(config: &Config) -> Result<App, StartError> {
        let keys = Arc::new(load_keys(config)?);
        let metrics = Arc::new(Metrics::new());
        let db = db::connect(&config.database_url, Some(metrics.db_statements.clone())).await?;
        Migrator::up(&db, None).await?;
        let published = Arc::new(PublishedStatements::default());
        let schema = build_schema(db.clone(), published.clone());
        Ok(App::from(Parts {
            db,
            schema,
            keys,
            metrics,
            graphiql: config.graphiql.unwrap_or(false),
            import_max_bytes: MaxBackupBytes(config.import_max_bytes),
            published,
            answers: Answers::new(config.answer_cache_bytes),
            operations: Semaphore::new(
                OPERATIONS_PER_CONNECTION * db::pool_size(&config.database_url),
            ),
        }))
    }
}

/// Applies the migrations without starting anything else.
pub async fn migrate(config: &Config) -> Result<(), StartError> {
    let db = db::connect(&config.database_url, None).await?;
    Migrator::up(&db, None).await?;
    Ok(())
}

pub fn load_keys(config: &Config) -> Result<JwtKeys, StartError> {
    let mut keys = JwtKeys::new(
        shared_secret(config)?,
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

/// The HS256 secret: the configured one, else one generated for an SQLite
/// database. None when public keys are configured: whoever set them chose
/// signed tokens of their own, and a generated secret would let tokens of
/// another kind in beside them.
fn shared_secret(config: &Config) -> Result<Option<JwtSecret>, StartError> {
    if let Some(secret) = &config.jwt_secret {
        return Ok(Some(JwtSecret::new(secret, "ROPA_JWT_SECRET")?));
    }
    if config.jwt_public_keys.is_some() {
        return Ok(None);
    }
    match config.sqlite_file() {
        Some(file) => secret_beside(&file).map(Some),
        // An in-memory SQLite database lives as long as the process; so may its secret.
        None if config.is_sqlite() => Ok(Some(JwtSecret::generate())),
        None => Ok(None),
    }
}

/// The secret kept beside an SQLite file, created on first use and when
/// the file is blank. A short one is refused rather than replaced: tokens
/// already handed out depend on it, and its owner must choose.
fn secret_beside(database: &Path) -> Result<JwtSecret, StartError> {
    let path = database.with_extension("jwt-secret");
    let error = |source| StartError::SecretFile {
        path: path.display().to_string(),
        source,
    };
    if path.exists() {
        let kept = std::fs::read_to_string(&path).map_err(error)?;
        if !kept.trim().is_empty() {
            return Ok(JwtSecret::new(kept.trim(), &path.display().to_string())?);
        }
    }
    let secret = JwtSecret::generate();
    write_private(&path, secret.as_bytes()).map_err(error)?;
    Ok(secret)
}

fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(contents)
}
