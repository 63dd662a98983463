//! Nested lists cost a constant number of SQL statements (DataLoaders).

use ropa::auth::Role;
use serde_json::{json, Value};

use crate::common::TestApp;

const NESTED: &str = "query($first: Int!) { processingActivities(first: $first) { totalCount nodes {
    name legalBases { code legitimateInterest } dataCategories { key name } dataSubjectCategories { key }
    recipients { name agreements { status } } } } }";

async fn first_id(app: &TestApp, token: &str, list: &str) -> Value {
    let data = app
        .gql_ok(
            token,
            &format!("{{ {list}(first: 1) {{ nodes {{ id }} }} }}"),
            json!({}),
        )
        .await;
    data[list]["nodes"][0]["id"].clone()
}

/// Statements one nested list query costs at page size `first`.
async fn statements_for(app: &TestApp, token: &str, first: usize) -> u64 {
    let before = app.statements();
    let data = app.gql_ok(token, NESTED, json!({ "first": first })).await;
    assert_eq!(
        data["processingActivities"]["nodes"]
            .as_array()
            .unwrap()
            .len(),
        first
    );
    app.statements() - before
}

#[tokio::test]
async fn nested_activity_lists_cost_the_same_at_page_size_5_and_50() {
    let app = TestApp::start().await;
    let token = app.organization("acme").await;
    let category = first_id(&app, &token, "dataCategories").await;
    let subjects = first_id(&app, &token, "dataSubjectCategories").await;
    let processor = app
        .gql_ok(
            &token,
            "mutation { createProcessor(input: { name: \"Mailer\", role: PROCESSOR, country: \"NL\" }) { id } }",
            json!({}),
        )
        .await["createProcessor"]["id"]
        .clone();
    app.gql_ok(
        &token,
        "mutation($p: ID!) { createProcessingAgreement(input: { processorId: $p, status: DRAFT }) { id } }",
        json!({ "p": processor }),
    )
    .await;
    for n in 0..50 {
        let input = json!({
            "name": [{ "language": "EN", "text": format!("Activity {n}") }],
            "purpose": [{ "language": "EN", "text": "Testing" }],
            "status": "ACTIVE",
            "legalBases": [{ "code": "LEGITIMATE_INTERESTS", "legitimateInterest": [{ "language": "EN", "text": "Quality" }] }, { "code": "CONSENT" }],
            "dataCategoryIds": [category],
            "dataSubjectCategoryIds": [subjects],
            "recipientIds": [processor],
        });
        app.gql_ok(
            &token,
            "mutation($input: ProcessingActivityInput!) { createProcessingActivity(input: $input) { id } }",
            json!({ "input": input }),
        )
        .await;
    }
    let viewer = app.token("acme", Role::Viewer);
    let small = statements_for(&app, &viewer, 5).await;
    let large = statements_for(&app, &viewer, 50).await;
    assert_eq!(
        small, large,
        "page size 5 cost {small} statements, page size 50 cost {large}"
    );
    assert!(
        small <= 10,
        "a nested list query should need few statements, took {small}"
    );
}

#[tokio::test]
async fn version_lists_with_their_previous_version_cost_the_same_at_any_page_size() {
    let app = TestApp::start().await;
    let token = app.organization("acme").await;
    for n in 0..4 {
        let input = json!({
            "key": format!("extra.category_{n}"),
            "name": [{ "language": "NL", "text": format!("categorie {n}") }],
        });
        let created = app
            .gql_ok(
                &token,
                "mutation($input: DataCategoryInput!) { createDataCategory(input: $input) { id } }",
                json!({ "input": input }),
            )
            .await;
        let activity = json!({
            "name": [{ "language": "NL", "text": format!("Doel {n}") }],
            "purpose": [{ "language": "NL", "text": "Testen" }],
            "status": "ACTIVE",
            "legalBases": [{ "code": "CONSENT" }],
            "dataCategoryIds": [created["createDataCategory"]["id"]],
            "dataSubjectCategoryIds": [],
        });
        app.gql_ok(&token, "mutation($input: ProcessingActivityInput!) { createProcessingActivity(input: $input) { id } }", json!({ "input": activity }))
            .await;
        app.gql_ok(
            &token,
            "mutation { publishStatement(language: NL, summary: \"versie\") { version } }",
            json!({}),
        )
        .await;
    }
    let list = "query($first: Int!) { statementVersions(language: NL, first: $first) { nodes { version previous { version } } } }";
    let mut costs = Vec::new();
    for first in [1, 4] {
        let before = app.statements();
        let data = app.gql_ok(&token, list, json!({ "first": first })).await;
        assert_eq!(
            data["statementVersions"]["nodes"].as_array().unwrap().len(),
            first
        );
        costs.push(app.statements() - before);
    }
    assert_eq!(
        costs[0], costs[1],
        "one version cost {} statements, four cost {}",
        costs[0], costs[1]
    );
}
