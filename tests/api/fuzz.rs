//! Fuzzing with generated input: random arguments of the right types for
//! every mutation and query, and random page paths. Whatever comes in, the
//! answer is a typed error or data: never a panic, an HTTP 500, `INTERNAL`
//! or database text. The cases are drawn from a fixed seed, so a failure
//! repeats; `ROPA_FUZZ_SEED` and `ROPA_FUZZ_CASES` draw others.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use ropa::auth::Role;
use serde_json::Value;

use crate::auth::Entries;
use crate::common::TestApp;
use crate::schema_walk::Schema;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn rng() -> StdRng {
    StdRng::seed_from_u64(setting("ROPA_FUZZ_SEED", 7))
}

/// Words of a database error that must never reach a client.
const DATABASE_TEXT: [&str; 6] = [
    "sqlx",
    "SQLSTATE",
    "constraint",
    "sqlite",
    "postgres",
    "syntax error",
];

fn assert_clean(what: &str, body: &str) {
    for word in DATABASE_TEXT {
        assert!(
            !body.to_lowercase().contains(&word.to_lowercase()),
            "{what}: database text `{word}` in {body:.500}"
        );
    }
}

#[tokio::test]
async fn generated_arguments_get_typed_answers() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    Entries::create(&app, &admin, "acme").await;
    let operator = app.token_for("operator", Some("acme"), Role::Operator);
    let schema = Schema::read(&app).await;
    let fields: Vec<(&Value, bool)> = schema
        .query
        .iter()
        .map(|f| (f, false))
        .chain(schema.mutation.iter().map(|f| (f, true)))
        .collect();
    let mut rng = rng();
    for _ in 0..setting("ROPA_FUZZ_CASES", 400) {
        let (field, mutation) = fields[rng.random_range(0..fields.len())];
        let (query, variables) = schema.random_call(field, mutation, &mut rng);
        let response = app
            .client
            .post(format!("{}/graphql", app.url))
            .bearer_auth(&operator)
            .json(&serde_json::json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("the server answers");
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        let what = format!("{query} {variables}");
        assert!(status.as_u16() < 500, "{what}: HTTP {status} {body:.500}");
        let answer: Value =
            serde_json::from_str(&body).unwrap_or_else(|_| panic!("{what}: {body:.300}"));
        for error in answer["errors"].as_array().into_iter().flatten() {
            let code = error["extensions"]["code"].as_str().unwrap_or_default();
            assert!(!code.is_empty() && code != "INTERNAL", "{what}: {error}");
        }
        assert_clean(&what, &body);
    }
    // Still serving.
    app.gql_ok(&admin, "{ organization { slug } }", serde_json::json!({}))
        .await;
}

/// Segments a page path is made of: names, versions and formats, almost
/// right and wrong.
const SEGMENTS: &[&str] = &[
    "acme",
    "nobody",
    "ACME",
    "acme.",
    "%00",
    "%1b",
    "%7f",
    "%c2%85",
    "%ff",
    "%e2%80%ae",
    "..",
    ".",
    "%2e%2e",
    "%2f",
    "nl",
    "en",
    "de",
    "nl.md",
    "en.json",
    "nl.atom",
    "versions",
    "feed.atom",
    "1",
    "01",
    "0",
    "-1",
    "2147483648",
    "99999999999999999999",
    "1.md",
    "1.json",
    "1.html",
    "%20",
    "a%20b",
    "😀",
    "x",
];

#[tokio::test]
async fn generated_page_paths_answer_without_an_error_of_ours() {
    let app = TestApp::start().await;
    let admin = app.publishing_organization("acme").await;
    app.gql_ok(
        &admin,
        "mutation { publishStatement(language: NL, summary: \"Eerste\") { version } }",
        serde_json::json!({}),
    )
    .await;
    let mut rng = rng();
    let long = "a".repeat(5_000);
    for _ in 0..setting("ROPA_FUZZ_CASES", 400) {
        let length = rng.random_range(1..6);
        let mut path = String::from("/statements");
        for _ in 0..length {
            let segment = if rng.random_bool(0.02) {
                long.as_str()
            } else {
                SEGMENTS[rng.random_range(0..SEGMENTS.len())]
            };
            path.push('/');
            path.push_str(segment);
        }
        let response = app
            .client
            .get(format!("{}{path}", app.url))
            .send()
            .await
            .expect("the server answers");
        let status = response.status().as_u16();
        let body = response.text().await.unwrap_or_default();
        assert!(
            matches!(status, 200 | 304 | 400 | 404),
            "GET {path}: HTTP {status} {body:.300}"
        );
        assert_clean(&path, &body);
    }
    let page = app.page("/statements/acme/nl").await;
    assert!(page.contains("<html"));
}
