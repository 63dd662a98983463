//! A PostgreSQL outage under a running server: the outage is visible and
//! cheap (readiness says so within a second, GraphQL answers `UNAVAILABLE`
//! with `503` and `Retry-After` within a couple of seconds, never
//! `INTERNAL`), and once the database is back the next request succeeds.
//!
//! The test runs a PostgreSQL server of its own, on a port of its own, so
//! it can stop it without touching the server the other tests share. It
//! does so on both test runs: the outage is PostgreSQL's whatever database
//! the other tests use.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use ropa::auth::Role;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::common::TestApp;

/// A throwaway PostgreSQL cluster: made with `initdb`, run with `pg_ctl`.
struct PrivatePostgres {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

impl PrivatePostgres {
    fn start() -> PrivatePostgres {
        let dir = std::env::temp_dir().join(format!("ropa-pg-{}", Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).expect("the cluster directory is made");
        let server = PrivatePostgres {
            bin: postgres_bin(),
            port: free_port(),
            dir,
        };
        if is_root() {
            // PostgreSQL refuses to run as root; its own user runs it.
            run(Command::new("chown")
                .arg("postgres:postgres")
                .arg(&server.dir));
        }
        server.pg(
            "initdb",
            &[
                "-D",
                &server.data(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
            ],
        );
        server.up();
        server
    }

    fn data(&self) -> String {
        self.dir.join("data").display().to_string()
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn up(&self) {
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -k {} -c fsync=off",
            self.port,
            self.dir.display()
        );
        let log = self.dir.join("log").display().to_string();
        self.pg(
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-o",
                &options,
                "-l",
                &log,
                "-w",
                "start",
            ],
        );
    }

    fn down(&self) {
        self.pg("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"]);
    }

    /// Runs PostgreSQL's program `program`, as its own user when we are root.
    fn pg(&self, program: &str, args: &[&str]) {
        let program = self.bin.join(program);
        let mut command = if is_root() {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        };
        run(command.args(args).current_dir(&self.dir));
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let program = self.bin.join("pg_ctl");
        let data = self.data();
        let args = ["-D", data.as_str(), "-m", "immediate", "stop"];
        let _ = if is_root() {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(program)
                .args(args)
                .output()
        } else {
            Command::new(program).args(args).output()
        };
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn run(command: &mut Command) {
    let output = command.output().expect("the command runs");
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.trim_ascii() == b"0")
}

/// Where PostgreSQL's programs are (`pg_config --bindir`, or Debian's place).
fn postgres_bin() -> PathBuf {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").exists() {
            return dir;
        }
    }
    let versions = std::fs::read_dir("/usr/lib/postgresql").expect("PostgreSQL is installed");
    versions
        .filter_map(|entry| entry.ok().map(|e| e.path().join("bin")))
        .find(|bin| Path::new(bin).join("initdb").exists())
        .expect("PostgreSQL's initdb is installed")
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port is free");
    listener.local_addr().expect("bound").port()
}

const ORGANIZATION: &str = "{ organization { legalName } }";

async fn ready(app: &TestApp) -> StatusCode {
    let url = format!("{}/readyz", app.url);
    app.client.get(url).send().await.expect("answered").status()
}

/// The status, `Retry-After` and body of a GraphQL request.
async fn graphql(app: &TestApp, token: &str) -> (StatusCode, Option<String>, Value) {
    let response = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(token)
        .json(&json!({ "query": ORGANIZATION }))
        .send()
        .await
        .expect("answered");
    let status = response.status();
    let retry = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap_or_default().to_string());
    (status, retry, response.json().await.expect("JSON"))
}

async fn page(app: &TestApp) -> (StatusCode, Option<String>) {
    let url = format!("{}/statements/{}/nl", app.url, ropa::demo::SLUG);
    let response = app.client.get(url).send().await.expect("answered");
    let retry = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap_or_default().to_string());
    (response.status(), retry)
}

/// Runs `request` and says how long it took.
async fn timed<T>(request: impl std::future::Future<Output = T>) -> (T, Duration) {
    let start = Instant::now();
    let value = request.await;
    (value, start.elapsed())
}

#[tokio::test]
async fn an_outage_is_answered_fast_and_the_server_recovers() {
    let postgres = PrivatePostgres::start();
    let url = postgres.url();
    let app = TestApp::start_with(|config| config.database_url = url).await;
    ropa::demo::load(&app.app.db).await.expect("the demo loads");
    ropa::demo::publish_statements(&app.app.db)
        .await
        .expect("the demo publishes");
    let token = app.token(ropa::demo::SLUG, Role::Viewer);
    assert_eq!(ready(&app).await, StatusCode::OK);
    assert_eq!(graphql(&app, &token).await.0, StatusCode::OK);
    assert_eq!(page(&app).await.0, StatusCode::OK);

    postgres.down();

    let (status, took) = timed(ready(&app)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(took < Duration::from_secs(1), "readiness took {took:?}");

    let ((status, retry, body), took) = timed(graphql(&app, &token)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(retry.as_deref(), Some("5"));
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "UNAVAILABLE",
        "{body}"
    );
    assert!(took < Duration::from_secs(3), "GraphQL took {took:?}");
    let text = body.to_string();
    assert!(!text.to_lowercase().contains("connect"), "{text}");

    let ((status, retry), took) = timed(page(&app)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(retry.as_deref(), Some("5"));
    assert!(took < Duration::from_secs(3), "the page took {took:?}");

    postgres.up();

    assert_eq!(ready(&app).await, StatusCode::OK);
    let (status, _, body) = graphql(&app, &token).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["organization"]["legalName"], "Rezulto B.V.");
    assert_eq!(page(&app).await.0, StatusCode::OK);
}
