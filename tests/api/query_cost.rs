//! What one request may cost: documents that expand, alias or page their
//! way to a huge answer are refused before they run, for anonymous callers
//! as for members, and the server keeps answering others meanwhile.

use std::time::Duration;

use ropa::auth::Role;
use serde_json::{json, Value};

use crate::common::{error_code, TestApp};

const STANDARD_INTROSPECTION: &str = include_str!("../fixtures/introspection-query.graphql");

/// A server with the demo register loaded and its statements published.
async fn demo() -> TestApp {
    let app = TestApp::start().await;
    ropa::demo::load(&app.app.db).await.expect("demo loads");
    ropa::demo::publish_statements(&app.app.db)
        .await
        .expect("demo publishes");
    app
}

/// Each fragment spreads the next one twice: 2^n fields from n lines.
fn fan_out(n: usize, on: &str, leaf: &str) -> String {
    (0..n)
        .map(|i| {
            format!(
                "fragment F{i} on {on} {{ ...F{next} ...F{next} }}\n",
                next = i + 1
            )
        })
        .chain([format!("fragment F{n} on {on} {{ {leaf} }}\n")])
        .collect()
}

fn aliases(n: usize, field: &str) -> String {
    (0..n).map(|i| format!("a{i}: {field}\n")).collect()
}

/// Asserts `query` is refused as too costly, without a row read for it.
async fn assert_refused(app: &TestApp, token: Option<&str>, what: &str, query: &str, words: &str) {
    let before = app.statements();
    let response = app.gql(token, query, json!({})).await;
    assert_eq!(
        error_code(&response),
        "VALIDATION_FAILED",
        "{what}: {response:.400}"
    );
    let message = response["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains(words), "{what}: {message}");
    assert!(response["data"].is_null(), "{what}: {response:.400}");
    assert_eq!(app.statements(), before, "{what} ran SQL");
}

#[tokio::test]
async fn fragment_fan_out_is_refused_for_every_shape() {
    let app = demo().await;
    let admin = app.token(ropa::demo::SLUG, Role::Admin);
    let named = format!("{{ ...F0 }}\n{}", fan_out(26, "Query", "__typename"));
    let nested_type = format!(
        "{{ organization {{ ...F0 }} }}\n{}",
        fan_out(26, "Organization", "legalName")
    );
    let inline = format!(
        "{{ ... on Query {{ ...F0 ... {{ ...F0 }} }} }}\n{}",
        fan_out(12, "Query", "... on Query { a: __typename b: __typename }")
    );
    let aliased = format!("{{ {} }}", aliases(2_001, "__typename"));
    for (what, query) in [
        ("named fragments", &named),
        ("fragments on a nested type", &nested_type),
        ("inline fragments", &inline),
        ("aliases", &aliased),
    ] {
        assert_refused(&app, None, what, query, "fields").await;
        assert_refused(&app, Some(&admin), what, query, "fields").await;
    }
}

#[tokio::test]
async fn the_server_answers_others_while_refusing_fan_out() {
    let app = demo().await;
    let attack = format!("{{ ...F0 }}\n{}", fan_out(40, "Query", "__typename"));
    let attackers: Vec<_> = (0..8)
        .map(|_| {
            let (client, url, attack) = (app.client.clone(), app.url.clone(), attack.clone());
            tokio::spawn(async move {
                for _ in 0..20 {
                    let response: Value = client
                        .post(format!("{url}/graphql"))
                        .json(&json!({ "query": attack }))
                        .send()
                        .await
                        .expect("the attack is answered")
                        .json()
                        .await
                        .expect("as JSON");
                    assert_eq!(error_code(&response), "VALIDATION_FAILED");
                }
            })
        })
        .collect();
    let published = "{ publishedStatement(organization: \"rezulto\", language: NL) { version } }";
    for _ in 0..20 {
        let response =
            tokio::time::timeout(Duration::from_secs(30), app.gql(None, published, json!({})))
                .await
                .expect("a visitor is answered during the attack");
        assert_eq!(
            response["data"]["publishedStatement"]["version"], 1,
            "{response}"
        );
    }
    for attacker in attackers {
        attacker.await.expect("every attack was refused");
    }
}

#[tokio::test]
async fn heavy_fields_and_large_pages_cost_their_weight() {
    let app = demo().await;
    let viewer = app.token(ropa::demo::SLUG, Role::Viewer);
    let statement = "publishedStatement(organization: \"rezulto\", language: NL) { html markdown }";
    let few = format!("{{ {} }}", aliases(4, statement));
    let data = app.gql(None, &few, json!({})).await;
    assert!(
        data["data"]["a3"]["html"]
            .as_str()
            .is_some_and(|h| h.contains("<h1")),
        "{data:.300}"
    );
    assert_refused(
        &app,
        None,
        "hundreds of statements",
        &format!("{{ {} }}", aliases(300, statement)),
        "complex",
    )
    .await;
    assert_refused(
        &app,
        Some(&viewer),
        "many exports",
        &format!(
            "{{ {} }}",
            aliases(1_000, "registerExport(format: BACKUP_JSON) { base64 }")
        ),
        "complex",
    )
    .await;
    assert_refused(
        &app,
        Some(&viewer),
        "five exports",
        &format!(
            "{{ {} }}",
            aliases(5, "registerExport(format: BACKUP_JSON) { base64 }")
        ),
        "complex",
    )
    .await;
    app.gql_ok(
        &viewer,
        "{ registerExport(format: ROPA_CSV) { filename } }",
        json!({}),
    )
    .await;

    let nested = "processingActivities(first: 100) { totalCount nodes { id name dataCategories { key name } recipients { name agreements { status } } } }";
    app.gql_ok(&viewer, &format!("{{ {nested} }}"), json!({}))
        .await;
    assert_refused(
        &app,
        Some(&viewer),
        "60 large pages",
        &format!("{{ {} }}", aliases(60, nested)),
        "complex",
    )
    .await;
    assert_refused(
        &app,
        Some(&viewer),
        "pages in pages",
        "{ processingActivities(first: 100) { nodes { history(first: 100) { nodes { action before after } } } } }",
        "complex",
    )
    .await;
    // A page size given in a variable counts the same.
    let query = "query($n: Int) { a: processingActivities(first: $n) { nodes { history(first: $n) { nodes { action } } } } }";
    let small = app.gql(Some(&viewer), query, json!({ "n": 10 })).await;
    assert!(small["errors"].is_null(), "{small:.300}");
    let large = app.gql(Some(&viewer), query, json!({ "n": 100 })).await;
    assert_eq!(error_code(&large), "VALIDATION_FAILED", "{large:.300}");
}

#[tokio::test]
async fn the_standard_introspection_query_passes_and_abuse_does_not() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    for token in [None, Some(admin.as_str())] {
        let response = app.gql(token, STANDARD_INTROSPECTION, json!({})).await;
        assert!(response["errors"].is_null(), "{response:.300}");
        let types = response["data"]["__schema"]["types"]
            .as_array()
            .expect("types");
        assert!(types.iter().any(|t| t["name"] == "ProcessingActivity"));
    }
    let innermost = STANDARD_INTROSPECTION.rfind("ofType {").unwrap() + "ofType {".len();
    let mut deeper = STANDARD_INTROSPECTION.to_string();
    deeper.insert_str(innermost, " ofType { name } ");
    assert_refused(&app, None, "one more ofType", &deeper, "nested more than").await;
    let twice = STANDARD_INTROSPECTION.replacen(
        "__schema {",
        "again: __schema { description } __schema {",
        1,
    );
    assert_refused(
        &app,
        None,
        "__schema twice",
        &twice,
        "`__schema` at most 1 time",
    )
    .await;
    assert_refused(
        &app,
        None,
        "nested introspection lists",
        "{ __type(name: \"Query\") { fields { type { fields { type { fields { type { fields { name } } } } } } } } }",
        "introspection lists",
    )
    .await;
}
