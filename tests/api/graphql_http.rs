//! GraphQL over HTTP: the GraphQL Foundation's audit suite (`graphql-http`,
//! run by Node from `tests/clients`) against a real server, and the answers
//! ropa's own clients rely on.
//!
//! Needs Node.js and `npm ci` in `tests/clients` (`scripts/test.sh` does
//! both); without them the audit test fails and says so.

use std::path::PathBuf;
use std::process::Command;

use reqwest::header::{ACCEPT, ALLOW, CONTENT_TYPE};
use ropa::auth::Role;
use serde_json::{json, Value};

use crate::common::{error_code, TestApp};

const NEWER: &str = "application/graphql-response+json";

fn clients() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/clients")
}

/// Runs `node tests/clients/audit.mjs url` and returns its results.
async fn audit(url: String) -> Vec<Value> {
    assert!(
        clients().join("node_modules/graphql-http").is_dir(),
        "graphql-http is not installed: run `npm ci` in tests/clients (scripts/test.sh does)"
    );
    let output = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(clients().join("audit.mjs"))
            .arg(url)
            .output()
            .unwrap_or_else(|e| {
                panic!("node does not run ({e}): install Node.js (scripts/test.sh does)")
            })
    })
    .await
    .expect("the audit runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the audit failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("audit output is JSON ({e}): {stdout}"))
}

#[tokio::test]
async fn the_graphql_over_http_audit_passes_without_warnings() {
    let app = TestApp::start().await;
    let results = audit(format!("{}/graphql", app.url)).await;
    assert!(results.len() >= 61, "every audit ran: {results:#?}");
    let failures: Vec<&Value> = results
        .iter()
        .filter(|result| result["status"] != "ok")
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} audits pass; the others: {failures:#?}",
        results.len() - failures.len(),
        results.len()
    );
}

/// Posts `body` with `accept` and returns the status, the content type and
/// the body as JSON.
async fn post(
    app: &TestApp,
    accept: &str,
    token: Option<&str>,
    body: Value,
) -> (u16, String, Value) {
    let mut request = app
        .client
        .post(format!("{}/graphql", app.url))
        .header(ACCEPT, accept)
        .json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("request is sent");
    let status = response.status().as_u16();
    let content_type = response.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_string();
    (status, content_type, response.json().await.expect("JSON"))
}

#[tokio::test]
async fn a_document_that_never_ran_has_no_data() {
    let app = TestApp::start().await;
    for (query, operation) in [
        ("{ organization {", None),
        ("{ noSuchField }", None),
        (
            "query($n: Int!) { processors(first: $n) { totalCount } }",
            None,
        ),
        ("query Q { organization { slug } }", Some("Other")),
    ] {
        let body =
            json!({ "query": query, "operationName": operation, "variables": { "n": "five" } });
        let (status, content_type, answer) = post(&app, NEWER, None, body.clone()).await;
        assert_eq!(status, 400, "{query}: {answer}");
        assert!(content_type.starts_with(NEWER), "{content_type}");
        assert!(answer.get("data").is_none(), "{query}: {answer}");
        assert_eq!(error_code(&answer), "VALIDATION_FAILED", "{query}");

        let (status, content_type, answer) = post(&app, "application/json", None, body).await;
        assert_eq!(status, 200, "{query}: {answer}");
        assert!(content_type.starts_with("application/json"));
        assert!(answer.get("data").is_none(), "{query}: {answer}");
    }
}

#[tokio::test]
async fn an_operation_that_ran_answers_200_with_its_data_and_errors() {
    let app = TestApp::start().await;
    // No token: the field fails as it runs, and `data` says so.
    let (status, _, answer) = post(
        &app,
        NEWER,
        None,
        json!({ "query": "{ organization { slug } }" }),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert!(answer.get("data").is_some_and(Value::is_null), "{answer}");
    assert_eq!(error_code(&answer), "UNAUTHENTICATED");

    let token = app.organization("acme").await;
    let (status, _, answer) = post(
        &app,
        "application/graphql-response+json, application/json;q=0.9",
        Some(&token),
        json!({ "query": "{ organization { slug } }" }),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["data"]["organization"]["slug"], "acme");
}

#[tokio::test]
async fn queries_run_over_get_and_mutations_do_not() {
    let app = TestApp::start().await;
    let token = app.organization("acme").await;
    let get = |query: &str, variables: Option<Value>| {
        let mut params = vec![("query", query.to_string())];
        if let Some(variables) = variables {
            params.push(("variables", variables.to_string()));
        }
        app.client
            .get(format!("{}/graphql", app.url))
            .bearer_auth(&token)
            .query(&params)
            .send()
    };
    let response = get(
        "query($n: Int) { processors(first: $n) { totalCount } }",
        Some(json!({ "n": 5 })),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["data"]["processors"]["totalCount"], 0, "{answer}");

    let categories = "{ dataCategories { totalCount } }";
    let before = app.gql_ok(&token, categories, json!({})).await;
    let mutation = r#"mutation { createDataCategory(input: { key: "over.get", name: [{ language: NL, text: "x" }] }) { id } }"#;
    let response = get(mutation, None).await.unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()[ALLOW], "POST");
    let answer: Value = response.json().await.unwrap();
    assert_eq!(error_code(&answer), "METHOD_NOT_ALLOWED");
    let after = app.gql_ok(&token, categories, json!({})).await;
    assert_eq!(after, before, "nothing was created");

    let response = get(
        "{ organization { slug } }",
        Some(json!(["not", "a", "map"])),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn requests_that_are_not_graphql_are_refused_by_status() {
    let app = TestApp::start().await;
    let token = app.token_for("op", None, Role::Operator);
    let query = r#"{"query": "{ __typename }"}"#;
    let url = format!("{}/graphql", app.url);
    for (what, content_type, body, status, code) in [
        (
            "no content type",
            None,
            query,
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (
            "a form",
            Some("application/x-www-form-urlencoded"),
            query,
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (
            "text",
            Some("text/plain"),
            query,
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (
            "no query",
            Some("application/json"),
            r#"{"variables": {}}"#,
            400,
            "BAD_REQUEST",
        ),
        (
            "not JSON",
            Some("application/json"),
            "{ __typename }",
            400,
            "BAD_REQUEST",
        ),
    ] {
        let mut request = app.client.post(&url).bearer_auth(&token).body(body);
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), status, "{what}");
        let answer: Value = response.json().await.unwrap();
        assert_eq!(error_code(&answer), code, "{what}");
    }
    let response = app
        .client
        .post(&url)
        .header(ACCEPT, "text/html")
        .header(CONTENT_TYPE, "application/json")
        .body(query)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 406);
}
