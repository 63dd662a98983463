//! Opening the database: SQLite (embedded default) or PostgreSQL.

use std::time::Duration;

use prometheus::IntCounter;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// Connections in the pool of an SQLite file: one writes at a time, the
/// others read beside it.
const SQLITE_CONNECTIONS: usize = 4;
/// Connections in the pool of a PostgreSQL server.
const POSTGRES_CONNECTIONS: usize = 16;
/// Rows an SQLite connection's thread may read ahead of the task taking
/// them (sqlx's default is 50): a publish reads over ten thousand rows, and
/// every full buffer is a hand-over between the two threads (reading a
/// register of 1,000 activities took 52-58 ms instead of 54-59).
const ROW_BUFFER: usize = 1024;

/// How many connections the pool for `url` opens at most.
pub fn pool_size(url: &str) -> usize {
    if is_sqlite(url) {
        SQLITE_CONNECTIONS
    } else {
        POSTGRES_CONNECTIONS
    }
}

fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// Opens a pool; when given `statements`, counts every SQL statement it runs.
pub async fn connect(
    url: &str,
    statements: Option<IntCounter>,
) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url);
    options.sqlx_logging(false);
    // A few dozen connections at most: the conversion cannot fail.
    options.max_connections(u32::try_from(pool_size(url)).unwrap_or(u32::MAX));
    if is_sqlite(url) {
        // WAL lets readers run beside the one writer; write transactions
        // start IMMEDIATE (see `Scope::write`) and wait on busy_timeout.
        // In WAL mode `synchronous=NORMAL` syncs only at checkpoints, so the
        // last commits can be lost to a power cut after they were answered;
        // FULL syncs the log on every commit: an acknowledged write stays.
        // Set here, not left to how SQLite was compiled (its default may be
        // NORMAL for WAL).
        // The file is local: a request waits for a connection while the
        // one writer works, as long as SQLite waits for its lock.
        options.acquire_timeout(Duration::from_secs(10));
        options.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                // Reads copy pages into each connection's cache rather than
                // map the file: every mapped page a read touched counts as
                // the server's resident memory, tens of MB for a large
                // register, and a list asked again is answered from the
                // answers kept, not from the file.
                .pragma("mmap_size", "0")
                .row_buffer_size(ROW_BUFFER)
        });
    } else {
        // A request waits at most this long for a connection: when the
        // server is down, GraphQL answers `UNAVAILABLE` within about two
        // seconds instead of holding the client.
        options
            .acquire_timeout(Duration::from_secs(2))
            .connect_timeout(Duration::from_secs(2));
    }
    let mut db = Database::connect(options).await?;
    if let Some(statements) = statements {
        db.set_metric_callback(move |_| statements.inc());
    }
    Ok(db)
}
