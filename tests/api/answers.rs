//! Kept GraphQL answers: a query asked again at the same register revision
//! is answered from memory (kept from its second ask on), and any change to
//! the register (an edit, a publish, an import) is in the very next answer.

use ropa::auth::Role;
use serde_json::{json, Value};

use crate::common::{id_of, TestApp};

const NAMES: &str = "{ dataCategories(first: 50) { totalCount nodes { id name } } }";

fn reused(app: &TestApp) -> u64 {
    app.app.metrics.answers_reused.get()
}

fn names(data: &Value) -> Vec<String> {
    data["dataCategories"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| node["name"].as_str().unwrap().to_string())
        .collect()
}

async fn create_category(app: &TestApp, token: &str, key: &str) -> Value {
    let create = "mutation($input: DataCategoryInput!) { createDataCategory(input: $input) { id revision } }";
    let input =
        json!({ "key": key, "name": [{ "language": "NL", "text": format!("Categorie {key}") }] });
    app.gql_ok(token, create, json!({ "input": input })).await["createDataCategory"].clone()
}

#[tokio::test]
async fn a_query_asked_again_is_answered_from_memory_until_the_register_changes() {
    let app = TestApp::start().await;
    let admin = app.publishing_organization("kept").await;

    // Asked once, an answer is not kept; asked again, it is.
    let first = app.gql_ok(&admin, NAMES, json!({})).await;
    assert_eq!(app.gql_ok(&admin, NAMES, json!({})).await, first);
    assert_eq!(reused(&app), 0);
    let statements = app.statements();
    let again = app.gql_ok(&admin, NAMES, json!({})).await;
    assert_eq!(again, first);
    assert_eq!(reused(&app), 1);
    assert_eq!(
        app.statements() - statements,
        1,
        "a kept answer costs the organization's row only"
    );

    // An edit: the next answer has it.
    let created = create_category(&app, &admin, "kept_answers").await;
    let after_create = app.gql_ok(&admin, NAMES, json!({})).await;
    assert_eq!(reused(&app), 1);
    assert!(names(&after_create).contains(&"Categorie kept_answers".to_string()));
    let total = |data: &Value| data["dataCategories"]["totalCount"].as_i64().unwrap();
    assert_eq!(total(&after_create), total(&first) + 1);

    // An archive: the next answer lacks it.
    let archive = "mutation($id: ID!, $revision: Int!) { archiveDataCategory(id: $id, expectedRevision: $revision) { id } }";
    app.gql_ok(
        &admin,
        archive,
        json!({ "id": id_of(&created), "revision": created["revision"] }),
    )
    .await;
    let after_archive = app.gql_ok(&admin, NAMES, json!({})).await;
    assert_eq!(names(&after_archive), names(&first));

    // A change refused as invalid changes nothing, so the answer is kept.
    let refused = app
        .gql(
            Some(&admin),
            "mutation { createDataCategory(input: { key: \"\", name: [] }) { id } }",
            json!({}),
        )
        .await;
    assert!(refused.get("errors").is_some());
    app.gql_ok(&admin, NAMES, json!({})).await;
    assert_eq!(reused(&app), 2);
}

#[tokio::test]
async fn a_publish_is_in_the_next_answer() {
    let app = TestApp::start().await;
    let admin = app.publishing_organization("kept-publish").await;
    let versions = "{ statementVersions(language: NL, first: 10) { nodes { version } } }";
    let before = app.gql_ok(&admin, versions, json!({})).await;
    assert_eq!(before["statementVersions"]["nodes"], json!([]));
    app.gql_ok(
        &admin,
        "mutation { publishStatement(language: NL, summary: \"Eerste versie\") { version } }",
        json!({}),
    )
    .await;
    let after = app.gql_ok(&admin, versions, json!({})).await;
    assert_eq!(
        after["statementVersions"]["nodes"],
        json!([{ "version": 1 }])
    );
    assert_eq!(reused(&app), 0);
}

#[tokio::test]
async fn answers_are_kept_per_caller_and_organization() {
    let app = TestApp::start().await;
    let first = app.publishing_organization("kept-first").await;
    let second = app.publishing_organization("kept-second").await;
    create_category(&app, &first, "only_in_first").await;

    let of_first = app.gql_ok(&first, NAMES, json!({})).await;
    let of_second = app.gql_ok(&second, NAMES, json!({})).await;
    assert_ne!(of_first, of_second);
    assert!(names(&of_first).contains(&"Categorie only_in_first".to_string()));
    assert!(!names(&of_second).contains(&"Categorie only_in_first".to_string()));
    assert_eq!(reused(&app), 0);

    // Another caller of the same organization gets the same data, computed
    // for them: guards answer by role, and a refused answer is never kept.
    let viewer = app.token_for("someone else", Some("kept-first"), Role::Viewer);
    assert_eq!(app.gql_ok(&viewer, NAMES, json!({})).await, of_first);
    assert_eq!(reused(&app), 0);
    let export = "{ registerExport(format: ROPA_CSV) { filename } }";
    let refused = app.gql(None, export, json!({})).await;
    assert!(refused.get("errors").is_some());
    let refused_again = app.gql(None, export, json!({})).await;
    assert_eq!(refused_again, refused);
    assert_eq!(reused(&app), 0);

    // Variables are part of the question.
    let one = "query($first: Int) { dataCategories(first: $first) { nodes { id } } }";
    let page = |n: i64| json!({ "first": n });
    let of_one = app.gql_ok(&first, one, page(1)).await;
    let of_two = app.gql_ok(&first, one, page(2)).await;
    assert_eq!(
        of_one["dataCategories"]["nodes"].as_array().unwrap().len(),
        1
    );
    assert_eq!(
        of_two["dataCategories"]["nodes"].as_array().unwrap().len(),
        2
    );
    for _ in 0..2 {
        assert_eq!(app.gql_ok(&first, one, page(1)).await, of_one);
    }
    assert_eq!(reused(&app), 1);
}

#[tokio::test]
async fn no_answer_is_kept_when_the_cache_has_no_bytes() {
    let app = TestApp::start_with(|config| config.answer_cache_bytes = 0).await;
    let admin = app.publishing_organization("kept-none").await;
    let first = app.gql_ok(&admin, NAMES, json!({})).await;
    for _ in 0..2 {
        assert_eq!(app.gql_ok(&admin, NAMES, json!({})).await, first);
    }
    assert_eq!(reused(&app), 0);
}
