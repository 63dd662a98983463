//! The `ropa` binary as a newcomer runs it: `ropa serve --demo`.

use std::io::{BufRead, BufReader, Lines, Read};
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use sea_orm::ConnectionTrait;

use crate::common::{fresh_database, graphql_ok, SECRET};

/// A running `ropa serve`; killed when dropped.
pub struct Server {
    pub child: Child,
    pub url: String,
    stdout: Lines<BufReader<ChildStdout>>,
}

impl Server {
    /// Starts `command` (see [`serve`]) and reads its start-up lines up to
    /// the address it listens on.
    pub fn start(command: &mut Command) -> Server {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the ropa binary starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped")).lines();
        let url = stdout
            .by_ref()
            .map_while(Result::ok)
            .take(20)
            .find_map(|line| line.strip_prefix("ropa listens on ").map(str::to_string))
            .unwrap_or_else(|| panic!("ropa serve did not start: {:?}", child.try_wait()));
        Server { child, url, stdout }
    }

    /// The start-up lines after the address, up to the token `--demo` prints
    /// last: one line of three dot-separated parts.
    fn demo_lines(&mut self) -> (String, String) {
        let is_token = |line: &str| line.split('.').count() == 3 && !line.contains(' ');
        let mut lines = Vec::new();
        for line in self.stdout.by_ref().map_while(Result::ok).take(20) {
            let done = is_token(&line);
            lines.push(line);
            if done {
                break;
            }
        }
        let printed = lines.join("\n");
        let token = lines
            .last()
            .cloned()
            .filter(|line| is_token(line))
            .unwrap_or_else(|| panic!("no token in {printed}"));
        (printed, token)
    }

    /// Kills the process at once (SIGKILL on unix): no shutdown, no flush.
    pub fn kill(mut self) {
        self.child.kill().expect("ropa is killed");
        self.child.wait().expect("ropa is reaped");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `ropa serve` on `database_url` with the test secret, on a port the
/// system chooses.
pub fn serve(database_url: &str) -> Command {
    let mut command = ropa(database_url, &["serve", "--listen", "127.0.0.1:0"]);
    command.env("ROPA_JWT_SECRET", SECRET);
    command
}

/// A demo server and the admin token it printed.
struct Demo {
    server: Server,
    token: String,
}

/// `ropa serve --demo`, with the environment variables `env` besides.
fn serve_demo(database_url: &str, env: &[(&str, &str)]) -> Demo {
    let mut server = Server::start(serve(database_url).arg("--demo").envs(env.iter().copied()));
    let (printed, token) = server.demo_lines();
    assert!(
        printed.contains(&format!("{}/statements/rezulto/nl", server.url)),
        "{printed}"
    );
    Demo { server, token }
}

/// How `child` ended; it must end within a minute (a refusal to start is
/// immediate; a server that runs on is a failure, not a wait).
pub async fn exit_of(child: &mut Child) -> ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(exit) = child.try_wait().expect("ropa can be waited on") {
            return exit;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("ropa still runs");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Runs `command`, which must fail, and returns what it wrote on stderr.
pub async fn refused(command: &mut Command) -> String {
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ropa binary starts");
    let exit = exit_of(&mut child).await;
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("piped")
        .read_to_string(&mut stderr)
        .expect("stderr is text");
    assert!(!exit.success(), "ropa did not refuse: {stderr}");
    stderr
}

async fn version_count(demo: &Demo) -> (u64, u64) {
    let query = "{ processingActivities { totalCount } nl: statementVersions(language: NL) { totalCount } }";
    let data = graphql_ok(&demo.server.url, &demo.token, query, serde_json::json!({})).await;
    (
        data["processingActivities"]["totalCount"].as_u64().unwrap(),
        data["nl"]["totalCount"].as_u64().unwrap(),
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
        let demo = serve_demo(&database_url, &[]);
        for language in ["nl", "en"] {
            let page = reqwest::get(format!("{}/statements/rezulto/{language}", demo.server.url))
                .await
                .unwrap();
            assert_eq!(page.status(), 200, "{language}");
            assert!(page.text().await.unwrap().contains("Rezulto B.V."));
        }
        assert_eq!(
            graphiql_status(&demo.server).await,
            200,
            "GraphiQL comes with the demo"
        );
        version_count(&demo).await
    };
    assert_eq!(first.1, 1, "version 1 is published on first start");
    let demo = serve_demo(&database_url, &[("ROPA_GRAPHIQL", "off")]);
    assert_eq!(
        graphiql_status(&demo.server).await,
        404,
        "unless turned off"
    );
    let second = version_count(&demo).await;
    assert_eq!(first, second, "a second start duplicates nothing");
    remove_sqlite(sqlite_file);
}

/// `ropa` with the given arguments on `database_url`, no JWT key configured,
/// run from an empty folder (so no `.env` applies).
pub fn ropa(database_url: &str, args: &[&str]) -> Command {
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

pub fn remove_sqlite(file: Option<std::path::PathBuf>) {
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
            let stderr = refused(&mut ropa(
                &database_url,
                &["serve", "--listen", "127.0.0.1:0"],
            ))
            .await;
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
    let mut demo = serve_demo(&database_url, &[]);
    let status = Command::new("kill")
        .args(["-TERM", &demo.server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = exit_of(&mut demo.server.child).await;
    assert!(exit.success(), "{exit:?}");
    remove_sqlite(sqlite_file);
}
