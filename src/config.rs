//! Configuration from the environment (a `.env` file may set it too).

use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::Args;

/// The default of `ROPA_IMPORT_MAX_BYTES`: 256 KiB, as large as the request
/// body the server takes (the demo's backup is about 60 KB).
pub const DEFAULT_IMPORT_MAX_BYTES: usize = 256 * 1024;

/// The default of `ROPA_ANSWER_CACHE_BYTES`: 16 MiB, a hundred large
/// nested lists.
pub const DEFAULT_ANSWER_CACHE_BYTES: usize = 16 * 1024 * 1024;

#[derive(Clone, Debug, Args)]
pub struct Config {
    /// SQLite file or `postgres://...` URL.
    #[arg(
        long,
        env = "ROPA_DATABASE_URL",
        default_value = "sqlite://ropa.db?mode=rwc"
    )]
    pub database_url: String,
    /// HS256 secret, at least 32 bytes; when unset, generated once and kept
    /// beside the SQLite file, unless public keys are configured.
    #[arg(long, env = "ROPA_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,
    /// PEM file, folder of PEM files (file name = `kid`) or JWKS file.
    #[arg(long, env = "ROPA_JWT_PUBLIC_KEYS")]
    pub jwt_public_keys: Option<PathBuf>,
    #[arg(long, env = "ROPA_JWT_ISSUER")]
    pub jwt_issuer: Option<String>,
    #[arg(long, env = "ROPA_JWT_AUDIENCE")]
    pub jwt_audience: Option<String>,
    /// GraphiQL on `GET /graphql` (`true`/`false`); unset: on with
    /// `serve --demo`, off otherwise.
    #[arg(long, env = "ROPA_GRAPHIQL", value_parser = BoolishValueParser::new())]
    pub graphiql: Option<bool>,
    /// Largest backup `importRegister` reads, in bytes. The backup travels
    /// base64-encoded in the request body, which the server also limits.
    #[arg(long, env = "ROPA_IMPORT_MAX_BYTES", default_value_t = DEFAULT_IMPORT_MAX_BYTES)]
    pub import_max_bytes: usize,
    /// Bytes of GraphQL answers a server keeps for reuse while the register
    /// is unchanged (0: none).
    #[arg(long, env = "ROPA_ANSWER_CACHE_BYTES", default_value_t = DEFAULT_ANSWER_CACHE_BYTES)]
    pub answer_cache_bytes: usize,
}

impl Config {
    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }

    /// The file of an SQLite URL, when it is a file.
    pub fn sqlite_file(&self) -> Option<PathBuf> {
        let rest = self.database_url.strip_prefix("sqlite:")?;
        let path = rest.trim_start_matches("//").split('?').next()?;
        (!path.is_empty() && !path.contains(":memory:")).then(|| PathBuf::from(path))
    }
}
