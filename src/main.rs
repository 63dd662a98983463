//! The `ropa` command line: serve, migrate, token, schema.

use std::net::SocketAddr;
use std::num::NonZeroUsize;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use ropa::auth::Role;
use ropa::config::Config;
use ropa::http::server::{self, Limits};
use ropa::http::App;
use ropa::{app, demo};
use tracing_subscriber::EnvFilter;

// mimalloc keeps the server's memory flat where the system allocator
// fragments under many threads: publishing a large statement holds tens of
// megabytes for a moment, and the peak stayed resident. It is built without
// transparent huge pages (feature `no_thp`): the kernel zeroes 2 MB at the
// first touch of each, and a publish's short-lived buffers paid for that in
// time and in resident memory (about 15 MB of its peak).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "ropa",
    version,
    about = "GDPR record of processing activities and privacy statement registry"
)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database, then serve the API and the public pages.
    Serve {
        #[arg(long, env = "ROPA_LISTEN", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Connections served at once; more wait until one closes.
        #[arg(long, env = "ROPA_MAX_CONNECTIONS", default_value_t = server::MAX_CONNECTIONS)]
        max_connections: NonZeroUsize,
        /// Load the demo organization `rezulto` and print a token for it.
        #[arg(long)]
        demo: bool,
    },
    /// Apply the database migrations and exit.
    Migrate,
    /// Print a token signed with the configured secret.
    Token {
        /// The organization slug (not needed for `operator`).
        #[arg(long)]
        org: Option<String>,
        #[arg(long, value_enum)]
        role: Role,
        /// How long the token is valid, e.g. `1h`, `30m`, `7d`.
        #[arg(long, default_value = "1h", value_parser = humantime::parse_duration)]
        ttl: std::time::Duration,
        /// The subject recorded in the audit trail.
        #[arg(long, default_value = "cli")]
        sub: String,
    },
    /// Print the GraphQL schema (SDL), as checked in as `schema.graphql`.
    Schema,
}

#[tokio::main]
async fn main() -> ExitCode {
    dotenvy::dotenv().ok();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, as `{:#}` writes them, but a cause
/// its error already shows (as in `database: {0}`) is not repeated.
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain().map(ToString::to_string) {
        if line.ends_with(&cause) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&cause);
    }
    line
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            listen,
            max_connections,
            demo,
        } => {
            let limits = Limits {
                max_connections,
                ..Limits::default()
            };
            serve(&cli.config, listen, limits, demo).await
        }
        Command::Migrate => Ok(app::migrate(&cli.config).await?),
        Command::Token {
            org,
            role,
            ttl,
            sub,
        } => {
            if org.is_none() && role != Role::Operator {
                bail!("--org is required for this role");
            }
            let keys = app::load_keys(&cli.config)?;
            let ttl = chrono::Duration::from_std(ttl)?;
            let token = keys
                .issue(&sub, org.as_deref(), role, ttl)
                .map_err(anyhow::Error::msg)?;
            println!("{token}");
            Ok(())
        }
        Command::Schema => {
            print!("{}", ropa::api::schema::sdl());
            Ok(())
        }
    }
}

async fn serve(
    config: &Config,
    listen: SocketAddr,
    limits: Limits,
    with_demo: bool,
) -> anyhow::Result<()> {
    // GraphiQL comes with the demo unless ROPA_GRAPHIQL says otherwise.
    let mut config = config.clone();
    config.graphiql.get_or_insert(with_demo);
    let app = App::start(&config).await?;
    if with_demo {
        demo::load(&app.db).await.context("loading the demo")?;
        demo::publish_statements(&app.db)
            .await
            .context("publishing the demo statement")?;
    }
    let shutdown = shutdown_signal().context("listening for signals")?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("binding {listen}"))?;
    let address = listener.local_addr()?;
    println!("ropa listens on http://{address}");
    println!("  GraphQL: http://{address}/graphql");
    if app.graphiql {
        println!("  GraphiQL: http://{address}/graphql (in a browser)");
    }
    println!("  health: http://{address}/healthz  readiness: http://{address}/readyz  metrics: http://{address}/metrics");
    if with_demo {
        let token = app
            .keys
            .issue(
                "demo-admin",
                Some(demo::SLUG),
                Role::Admin,
                chrono::Duration::hours(12),
            )
            .map_err(anyhow::Error::msg)?;
        for language in ["nl", "en"] {
            println!(
                "  demo statement: http://{address}/statements/{}/{language}",
                demo::SLUG
            );
        }
        println!(
            "  demo organization `{}`; an admin token for it, valid 12 hours:",
            demo::SLUG
        );
        println!("{token}");
    }
    server::serve(listener, app.router(), limits, shutdown).await;
    Ok(())
}

/// Listens for SIGINT and SIGTERM from now on (so a signal right after
/// start-up is not lost to the default action); the future resolves on
/// either, and in-flight requests then finish.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
        tracing::info!("shutting down");
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down");
    })
}
