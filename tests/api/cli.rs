//! The `ropa` binary as a newcomer runs it: `ropa serve --demo`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use sea_orm::ConnectionTrait;

use crate::common::{fresh_database, SECRET};

/// A running `ropa serve --demo` on `database_url`; killed when dropped.
struct Server {
    child: Child,
    url: String,
    token: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts the server, with the environment variables `env` besides, and
/// reads its start-up lines up to the token.
fn serve_demo(database_url: &str, env: &[(&str, &str)]) -> Server {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["serve", "--demo", "--listen", &format!("127.0.0.1:{port}")])
        .env("ROPA_DATABASE_URL", database_url)
        .env("ROPA_JWT_SECRET", SECRET)
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the ropa binary starts");
    let stdout = child.stdout.take().unwrap();
    // The start-up lines end with the token: one line of three dot-separated parts.
    let is_token = |line: &str| line.split('.').count() == 3 && !line.contains(' ');
    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        let done = is_token(&line);
        lines.push(line);
        if done || lines.len() > 20 {
            break;
        }
    }
    let printed = lines.join("\n");
    assert!(
        printed.contains(&format!("http://127.0.0.1:{port}/statements/rezulto/nl")),
        "{printed}"
    );
    let token = lines
        .last()
        .cloned()
        .filter(|line| is_token(line))
        .unwrap_or_else(|| panic!("no token in {printed}"));
    Server {
        child,
        url: format!("http://127.0.0.1:{port}"),
        token,
    }
}

async fn version_count(server: &Server) -> (u64, u64) {
    let client = reqwest::Client::new();
    let body = serde_json::json!({ "query": "{ processingActivities { totalCount } nl: statementVersions(language: NL) { totalCount } }" });
    let response: serde_json::Value = client
        .post(format!("{}/graphql", server.url))
        .bearer_auth(&server.token)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(response.get("errors").is_none(), "{response:#}");
    (
        response["data"]["processingActivities"]["totalCount"]
            .as_u64()
            .unwrap(),
        response["data"]["nl"]["totalCount"].as_u64().unwrap(),
    )
}

/// What `GET /graphql` answers a browser.
async fn graphiql_status(server: &Server) -> u16 {
    reqwest::Client::new()
        .get(format!("{}/graphql", server.url))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn serve_demo_publishes_the_statement_once() {
    let (database_url, sqlite_file) = fresh_database().await;
    let first = {
        let server = serve_demo(&database_url, &[]);
        for language in ["nl", "en"] {
            let page = reqwest::get(format!("{}/statements/rezulto/{language}", server.url))
                .await
                .unwrap();
            assert_eq!(page.status(), 200, "{language}");
            assert!(page.text().await.unwrap().contains("Rezulto B.V."));
        }
        assert_eq!(
            graphiql_status(&server).await,
            200,
            "GraphiQL comes with the demo"
        );
        version_count(&server).await
    };
    assert_eq!(first.1, 1, "version 1 is published on first start");
    let server = serve_demo(&database_url, &[("ROPA_GRAPHIQL", "off")]);
    assert_eq!(graphiql_status(&server).await, 404, "unless turned off");
    let second = version_count(&server).await;
    assert_eq!(first, second, "a second start duplicates nothing");
    remove_sqlite(sqlite_file);
}

/// `ropa` with the given arguments on `database_url`, no JWT key configured,
/// run from an empty folder (so no `.env` applies).
fn ropa(database_url: &str, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ropa"));
    command
        .args(args)
        .current_dir(std::env::temp_dir())
        .env("ROPA_DATABASE_URL", database_url)
        .env_remove("ROPA_JWT_SECRET")
        .env_remove("ROPA_JWT_PUBLIC_KEYS")
        .env("RUST_LOG", "warn");
    command
}

fn remove_sqlite(file: Option<std::path::PathBuf>) {
    if let Some(file) = file {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
        let _ = std::fs::remove_file(file.with_extension("jwt-secret"));
    }
}

#[tokio::test]
async fn migrate_creates_the_schema_and_can_run_again() {
    let (database_url, sqlite_file) = fresh_database().await;
    for run in ["first", "second"] {
        let output = ropa(&database_url, &["migrate"]).output().unwrap();
        assert!(
            output.status.success(),
            "{run} run: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let db = sea_orm::Database::connect(&database_url).await.unwrap();
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM legal_basis",
        ))
        .await
        .unwrap()
        .expect("a row");
    let seeded: i64 = row.try_get("", "n").unwrap();
    assert_eq!(
        seeded, 16,
        "six Art. 6(1) bases and ten Art. 9(2) conditions"
    );
    db.close().await.ok();
    remove_sqlite(sqlite_file);
}

/// Without a configured key, SQLite keeps a generated secret beside its file;
/// PostgreSQL, shared by several servers, refuses to start.
#[tokio::test]
async fn without_a_jwt_key_sqlite_keeps_a_secret_and_postgresql_refuses() {
    let (database_url, sqlite_file) = fresh_database().await;
    match &sqlite_file {
        None => {
            let output = ropa(&database_url, &["serve", "--listen", "127.0.0.1:0"])
                .output()
                .unwrap();
            assert!(!output.status.success());
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.contains("ROPA_JWT_SECRET"), "{stderr}");
        }
        Some(file) => {
            let token = |_| {
                let output = ropa(&database_url, &["token", "--role", "operator"])
                    .output()
                    .unwrap();
                assert!(output.status.success());
                String::from_utf8(output.stdout).unwrap()
            };
            assert_eq!(token(1).split('.').count(), 3);
            let secret = file.with_extension("jwt-secret");
            let kept = std::fs::read_to_string(&secret).expect("the secret is kept");
            token(2);
            assert_eq!(std::fs::read_to_string(&secret).unwrap(), kept);
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&secret).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o600, "only the owner reads the secret");
            }
        }
    }
    remove_sqlite(sqlite_file);
}

#[tokio::test]
async fn serve_stops_cleanly_on_sigterm() {
    let (database_url, sqlite_file) = fresh_database().await;
    let server = serve_demo(&database_url, &[]);
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut server = server;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(std::time::Instant::now() < deadline, "still running");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert!(exit.success(), "{exit:?}");
    remove_sqlite(sqlite_file);
}
