//! The helpers of `scripts/bench`: writing a register of N activities as a
//! backup, loading a backup into the configured database (a register too
//! large for `importRegister`'s request), and serving page bytes from memory
//! with bare axum, the yardstick the public pages are measured against.

mod publish;
mod register;

// The allocator of the `ropa` server, so a profile measures what it does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use clap::{Parser, Subcommand};
use ropa::backup::{self, Syntax};
use ropa::config::Config;
use ropa::db::Scope;
use ropa::register::organization;

#[derive(Parser)]
#[command(name = "ropa-bench", about = "Helpers of scripts/bench")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print a backup of a generated register of N activities.
    Register {
        #[arg(long)]
        activities: usize,
        /// The organization's slug in the backup.
        #[arg(long, default_value = "bench")]
        slug: String,
        /// Above 0: the first activity's purpose ends in `(variant)`.
        #[arg(long, default_value_t = 0)]
        variant: u32,
    },
    /// Make the organization SLUG hold the register in FILE (a backup),
    /// creating it when missing, in the configured database.
    Load {
        #[command(flatten)]
        config: Config,
        #[arg(long)]
        slug: String,
        file: PathBuf,
    },
    /// Time the steps of publishing the Dutch statement of SLUG, three
    /// times, in transactions that are rolled back.
    PublishProfile {
        #[command(flatten)]
        config: Config,
        #[arg(long)]
        slug: String,
    },
    /// Serve files from memory: each PATH=FILE answers GET PATH with FILE,
    /// or FILE.br / FILE.gz when they exist and the request accepts them.
    Bare {
        #[arg(long, default_value = "127.0.0.1:18190")]
        listen: SocketAddr,
        #[arg(required = true)]
        routes: Vec<String>,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Register {
            activities,
            slug,
            variant,
        } => {
            use std::io::Write;
            let register = register::generate(&slug, activities, variant);
            std::io::stdout().write_all(&register::json(&register))?;
            Ok(())
        }
        Command::Load { config, slug, file } => load(&config, &slug, &file).await,
        Command::PublishProfile { config, slug } => publish_profile(&config, &slug).await,
        Command::Bare { listen, routes } => bare(listen, &routes).await,
    }
}

async fn load(config: &Config, slug: &str, file: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("reading {file:?}"))?;
    let backup = backup::read(Syntax::Json, &text, &file.to_string_lossy())?;
    ropa::app::migrate(config).await?;
    let db = ropa::db::connect(&config.database_url, None).await?;
    register::load(&db, slug, backup).await?;
    Ok(())
}

async fn publish_profile(config: &Config, slug: &str) -> anyhow::Result<()> {
    let db = ropa::db::connect(&config.database_url, None).await?;
    let org = organization::find_by_slug(&db, slug)
        .await?
        .with_context(|| format!("no organization {slug}"))?;
    let scope = Scope::new(db, org.id, org.default_language, "bench".into());
    let runs = [
        publish::profile(&scope).await?,
        publish::profile(&scope).await?,
        publish::profile(&scope).await?,
    ];
    println!("| step of publishing (ms) | run 1 | run 2 | run 3 |");
    println!("|---|---|---|---|");
    for (index, (step, _)) in runs[0].iter().enumerate() {
        let times: Vec<String> = runs.iter().map(|r| format!("{:.0}", r[index].1)).collect();
        println!("| {step} | {} |", times.join(" | "));
    }
    let totals: Vec<String> = runs
        .iter()
        .map(|r| format!("{:.0}", r.iter().map(|(_, ms)| ms).sum::<f64>()))
        .collect();
    println!("| total | {} |", totals.join(" | "));
    Ok(())
}

/// One file as identity, gzip and brotli bytes (the last two when present).
#[derive(Default)]
struct Page {
    identity: Bytes,
    gzip: Option<Bytes>,
    brotli: Option<Bytes>,
}

async fn bare(listen: SocketAddr, routes: &[String]) -> anyhow::Result<()> {
    let mut pages = HashMap::new();
    for route in routes {
        let (path, file) = route
            .split_once('=')
            .with_context(|| format!("{route}: expected PATH=FILE"))?;
        let read = |suffix: &str| {
            std::fs::read(format!("{file}{suffix}"))
                .ok()
                .map(Bytes::from)
        };
        let page = Page {
            identity: read("").with_context(|| format!("reading {file}"))?,
            gzip: read(".gz"),
            brotli: read(".br"),
        };
        pages.insert(path.to_string(), page);
    }
    let pages = Arc::new(pages);
    let app = axum::Router::new().fallback(move |uri: Uri, headers: HeaderMap| {
        let pages = pages.clone();
        async move { serve(&pages, &uri, &headers) }
    });
    let listener = tokio::net::TcpListener::bind(listen).await?;
    println!("bare axum listens on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}

fn serve(pages: &HashMap<String, Page>, uri: &Uri, headers: &HeaderMap) -> Response {
    let Some(page) = pages.get(uri.path()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let accepts = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let accepted = |coding: &str| accepts.split(',').any(|c| c.trim().starts_with(coding));
    let (body, encoding) = match (&page.brotli, &page.gzip) {
        (Some(br), _) if accepted("br") => (br.clone(), Some("br")),
        (_, Some(gz)) if accepted("gzip") => (gz.clone(), Some("gzip")),
        _ => (page.identity.clone(), None),
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}
