//! Pages in a real browser: headless Chromium loads the demo's public
//! statement at a phone's width, and GraphiQL, takes screenshots and dumps
//! the DOM. The outputs stay in `target/test-output/browser/` to be looked
//! at.
//!
//! Needs Debian's `chromium` (`apt-get install chromium`; `.ci/run` installs
//! it); without it the test fails and says so.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use uuid::Uuid;

use crate::common::TestApp;

const CHROMIUM: &str = "/usr/bin/chromium";
const TIMEOUT: Duration = Duration::from_secs(120);

fn output_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-output/browser");
    std::fs::create_dir_all(&dir).expect("the test's output folder is created");
    dir
}

/// What one Chromium run printed.
struct Run {
    stdout: String,
    stderr: String,
}

/// Runs headless Chromium with a fresh profile on `url`, with `args` besides.
async fn chromium(url: &str, args: &[String]) -> Run {
    let url = url.to_string();
    let args = args.to_vec();
    tokio::task::spawn_blocking(move || {
        let profile =
            std::env::temp_dir().join(format!("ropa-chromium-{}", Uuid::now_v7().simple()));
        let run = run_chromium(&profile, &url, &args);
        let _ = std::fs::remove_dir_all(&profile);
        run
    })
    .await
    .expect("chromium runs")
}

fn run_chromium(profile: &Path, url: &str, args: &[String]) -> Run {
    let out = output_dir();
    // A file pair per run: the browser tests run at the same time.
    let run_name = profile.file_name().unwrap_or_default().to_string_lossy();
    let (stdout_path, stderr_path) = (
        out.join(format!("{run_name}.stdout")),
        out.join(format!("{run_name}.stderr")),
    );
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        // Files, not pipes: a chatty browser cannot block on a full pipe.
        .stdout(std::fs::File::create(&stdout_path).unwrap())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap_or_else(|e| panic!("{CHROMIUM} does not start: {e}"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium took longer than {TIMEOUT:?} on {url}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let run = Run {
        stdout: std::fs::read_to_string(&stdout_path).unwrap_or_default(),
        stderr: std::fs::read_to_string(&stderr_path).unwrap_or_default(),
    };
    let _ = std::fs::remove_file(&stdout_path);
    let _ = std::fs::remove_file(&stderr_path);
    assert!(
        status.success(),
        "chromium failed ({status}) on {url}:\n{}",
        run.stderr
    );
    run
}

/// Lines of Chromium's log that report a problem of the page itself.
fn console_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| line.contains("CONSOLE") || line.contains("Uncaught"))
        .collect()
}

#[tokio::test]
async fn the_demo_statement_renders_in_a_browser_at_phone_width() {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: install Chromium to run the browser test \
         (`apt-get update && apt-get install -y chromium`; CI's .ci/run installs it)"
    );
    let app = TestApp::start().await;
    ropa::demo::load(&app.app.db).await.expect("the demo loads");
    ropa::demo::publish_statements(&app.app.db)
        .await
        .expect("the demo statement is published");
    let url = format!("{}/statements/{}/nl", app.url, ropa::demo::SLUG);
    let document: Value = app
        .client
        .get(format!("{url}.json"))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["document"]
        .take();
    let sections = document["sections"]
        .as_array()
        .expect("the statement has sections");
    assert!(sections.len() > 3, "{document:#}");

    let out = output_dir();
    let screenshot = out.join("statement.png");
    let _ = std::fs::remove_file(&screenshot);
    let shot = chromium(
        &url,
        &[
            format!("--screenshot={}", screenshot.display()),
            "--window-size=412,2000".into(),
        ],
    )
    .await;
    std::fs::write(out.join("screenshot.log"), &shot.stderr).unwrap();
    let dom = chromium(
        &url,
        &["--dump-dom".into(), "--window-size=412,2000".into()],
    )
    .await;
    std::fs::write(out.join("statement.dom.html"), &dom.stdout).unwrap();
    std::fs::write(out.join("dump-dom.log"), &dom.stderr).unwrap();

    let html = &dom.stdout;
    assert!(
        html.contains("<section class=\"summary\" id=\"summary\""),
        "the summary before the details: {html}"
    );
    assert!(
        html.contains("<nav class=\"toc\""),
        "the table of contents: {html}"
    );
    assert!(html.contains("Inhoud"), "the table of contents' heading");
    assert!(html.contains("Rezulto B.V."), "the organization");
    for section in sections {
        let id = section["id"].as_str().unwrap();
        let title = section["title"].as_str().unwrap();
        assert!(
            html.contains(&format!("<section id=\"{id}\">")),
            "section {id}"
        );
        assert!(
            html.contains(&format!("<a href=\"#{id}\">")),
            "contents link to {id}"
        );
        assert!(
            html.contains(title.split('&').next().unwrap()),
            "title {title}"
        );
    }
    assert!(
        html.contains("href=\"/statements/rezulto/nl/versions\""),
        "the version history"
    );
    assert!(
        html.contains("<a href=\"/statements/rezulto/nl/versions\">versiegeschiedenis</a>"),
        "the statement's own link to the version history"
    );
    for run in [&shot, &dom] {
        let errors = console_errors(&run.stderr);
        assert!(errors.is_empty(), "console errors: {errors:#?}");
    }
    let png = std::fs::read(&screenshot).expect("the screenshot is written");
    assert!(
        png.len() > 1000 && png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "a PNG screenshot"
    );
}

/// What `tests/clients/page-check.mjs` reports of a page opened in
/// Chromium over the DevTools protocol: at 400 px wide, then as printed.
async fn page_check(url: &str) -> Value {
    let url = url.to_string();
    tokio::task::spawn_blocking(move || {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let profile =
            std::env::temp_dir().join(format!("ropa-chromium-{}", Uuid::now_v7().simple()));
        let output = Command::new("node")
            .arg(root.join("tests/clients/page-check.mjs"))
            .args([CHROMIUM, url.as_str()])
            .arg(&profile)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("node does not start: {e}"));
        let _ = std::fs::remove_dir_all(&profile);
        assert!(
            output.status.success(),
            "page-check.mjs failed on {url}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("page-check.mjs prints JSON")
    })
    .await
    .expect("the page check runs")
}

/// The layered notice: the summary table leads to every purpose, reflows
/// into one card per purpose on a phone, and prints without navigation,
/// with whole rows and with the targets of the statement's links.
#[tokio::test]
async fn the_summary_leads_to_every_purpose_on_a_phone_and_in_print() {
    assert!(Path::new(CHROMIUM).exists(), "{CHROMIUM} is missing");
    let app = TestApp::start().await;
    ropa::demo::load(&app.app.db).await.expect("the demo loads");
    ropa::demo::publish_statements(&app.app.db)
        .await
        .expect("the demo statement is published");
    for language in ["nl", "en"] {
        let url = format!("{}/statements/{}/{language}", app.url, ropa::demo::SLUG);
        let document: Value = app
            .client
            .get(format!("{url}.json"))
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()["document"]
            .take();
        let purposes: Vec<&str> = document["sections"]
            .as_array()
            .and_then(|s| s.iter().find(|s| s["id"] == "purposes"))
            .and_then(|s| s["subsections"].as_array())
            .expect("the purposes section")
            .iter()
            .map(|s| s["title"].as_str().unwrap())
            .collect();

        let check = page_check(&url).await;
        std::fs::write(
            output_dir().join(format!("summary.{language}.json")),
            serde_json::to_string_pretty(&check).unwrap(),
        )
        .unwrap();
        let screen = &check["screen"];
        assert!(
            screen["pageWidth"].as_u64() <= screen["viewport"].as_u64(),
            "{language}: the page is wider than the phone: {screen:#}"
        );
        assert_eq!(
            screen["rowDisplay"], "block",
            "{language}: rows reflow into cards"
        );
        let columns = screen["columns"].as_array().expect("the columns");
        assert_eq!(columns.len(), 5, "{language}: {columns:?}");
        let rows = screen["rows"].as_array().expect("the rows");
        let linked: Vec<&str> = rows.iter().map(|r| r["text"].as_str().unwrap()).collect();
        assert_eq!(linked, purposes, "{language}: a row per purpose, in order");
        for row in rows {
            assert_eq!(row["targetTag"], "section", "{language}: {row:#}");
            assert_eq!(row["targetHeading"], row["text"], "{language}: {row:#}");
            assert_eq!(
                row["labels"].as_array().unwrap()[..],
                columns[1..],
                "{language}: each cell names its column on a phone"
            );
        }

        let print = &check["print"];
        assert_eq!(print["tocDisplay"], "none", "{language}: {print:#}");
        assert_eq!(print["footerLinksDisplay"], "none", "{language}: {print:#}");
        assert_eq!(print["rowDisplay"], "table-row", "{language}: {print:#}");
        assert_eq!(print["rowBreakInside"], "avoid", "{language}: {print:#}");
        assert_eq!(
            print["headerGroup"], "table-header-group",
            "{language}: {print:#}"
        );
        assert!(
            print["linkTarget"]
                .as_str()
                .is_some_and(|c| c.contains(&format!("/statements/rezulto/{language}/versions"))),
            "{language}: a printed link shows where it leads: {print:#}"
        );
        assert!(
            check["pdfBytes"].as_u64() > Some(10_000),
            "{language}: the page prints to PDF"
        );
        assert_eq!(check["consoleErrors"], serde_json::json!([]), "{language}");
    }
}

#[tokio::test]
async fn graphiql_renders_and_its_documentation_explorer_reads_the_schema() {
    assert!(Path::new(CHROMIUM).exists(), "{CHROMIUM} is missing");
    let app = TestApp::start_with(|config| config.graphiql = Some(true)).await;
    let url = format!("{}/graphql", app.url);
    // Time for the scripts to run and the schema to arrive.
    let settle = [
        "--virtual-time-budget=15000".to_string(),
        "--window-size=1280,900".into(),
    ];

    let out = output_dir();
    let screenshot = out.join("graphiql.png");
    let _ = std::fs::remove_file(&screenshot);
    let mut args = settle.to_vec();
    args.push(format!("--screenshot={}", screenshot.display()));
    let shot = chromium(&url, &args).await;
    let mut args = settle.to_vec();
    args.push("--dump-dom".into());
    let dom = chromium(&url, &args).await;
    std::fs::write(out.join("graphiql.dom.html"), &dom.stdout).unwrap();
    std::fs::write(out.join("graphiql.log"), &dom.stderr).unwrap();

    let html = &dom.stdout;
    assert!(
        html.contains("graphiql-container"),
        "GraphiQL renders: {html:.2000}"
    );
    assert!(
        html.contains("Root Types"),
        "the documentation explorer is open"
    );
    // Its type list comes from the schema the introspection query fetched.
    for type_name in [
        "Query",
        "Mutation",
        "ProcessingActivity",
        "StatementVersion",
    ] {
        assert!(
            html.contains(&format!(
                "graphiql-doc-explorer-type-name\" href=\"#\">{type_name}</a>"
            )),
            "{type_name} in the documentation explorer"
        );
    }
    for run in [&shot, &dom] {
        let errors = console_errors(&run.stderr);
        assert!(errors.is_empty(), "console errors: {errors:#?}");
    }
    let metrics = app.page("/metrics").await;
    assert!(
        metrics.contains(r#"ropa_graphql_requests_total{operation="introspection",outcome="ok"}"#)
            && !metrics.contains(r#"operation="introspection",outcome="error""#),
        "graphql-js's introspection query is answered: {metrics}"
    );
    let png = std::fs::read(&screenshot).expect("the screenshot is written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG screenshot");
}
