//! The `ropa` binary as a newcomer runs it: `ropa serve --demo`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

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

/// Starts the server and reads its start-up lines up to the token.
fn serve_demo(database_url: &str) -> Server {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["serve", "--demo", "--listen", &format!("127.0.0.1:{port}")])
        .env("ROPA_DATABASE_URL", database_url)
        .env("ROPA_JWT_SECRET", SECRET)
        .env("RUST_LOG", "warn")
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

#[tokio::test]
async fn serve_demo_publishes_the_statement_once() {
    let (database_url, sqlite_file) = fresh_database().await;
    let first = {
        let server = serve_demo(&database_url);
        for language in ["nl", "en"] {
            let page = reqwest::get(format!("{}/statements/rezulto/{language}", server.url))
                .await
                .unwrap();
            assert_eq!(page.status(), 200, "{language}");
            assert!(page.text().await.unwrap().contains("Rezulto B.V."));
        }
        version_count(&server).await
    };
    assert_eq!(first.1, 1, "version 1 is published on first start");
    let second = version_count(&serve_demo(&database_url)).await;
    assert_eq!(first, second, "a second start duplicates nothing");
    if let Some(file) = sqlite_file {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
    }
}
