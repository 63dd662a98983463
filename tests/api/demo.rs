//! Loading the demo organization: once, whole, and never over someone else's.

use ropa::auth::Role;
use serde_json::{json, Value};

use crate::common::TestApp;

const REGISTER: &str = "{
    processingActivities(first: 100) { totalCount }
    processors(first: 100) { totalCount }
    processingAgreements(first: 100) { totalCount }
    dataCategories(first: 100) { totalCount nodes { key } }
    dataSubjectCategories(first: 100) { totalCount }
    rightsPolicy { revision }
}";

async fn register(app: &TestApp) -> Value {
    let viewer = app.token(ropa::demo::SLUG, Role::Viewer);
    app.gql_ok(&viewer, REGISTER, json!({})).await
}

/// Creates `rezulto` through the API as `subject`, with one data category of
/// its own: what a load killed after its first steps leaves behind.
async fn half_made_organization(app: &TestApp, subject: &str) {
    let operator = app.token_for(subject, None, Role::Operator);
    app.gql_ok(
        &operator,
        "mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }",
        json!({ "input": { "slug": ropa::demo::SLUG, "legalName": "Half B.V.", "defaultLanguage": "NL" } }),
    )
    .await;
    let editor = app.token(ropa::demo::SLUG, Role::Editor);
    app.gql_ok(
        &editor,
        "mutation($input: DataCategoryInput!) { createDataCategory(input: $input) { id } }",
        json!({ "input": { "key": "half.made", "name": [{ "language": "NL", "text": "half" }] } }),
    )
    .await;
}

#[tokio::test]
async fn loading_the_demo_twice_leaves_one_register() {
    let app = TestApp::start().await;
    ropa::demo::load(&app.app.db).await.expect("the demo loads");
    let first = register(&app).await;
    assert_eq!(first["processingActivities"]["totalCount"], 9);
    assert_eq!(first["processors"]["totalCount"], 4);
    assert_eq!(first["processingAgreements"]["totalCount"], 4);
    assert_eq!(first["rightsPolicy"]["revision"], 1);

    ropa::demo::load(&app.app.db)
        .await
        .expect("the demo loads again");
    assert_eq!(register(&app).await, first);
}

#[tokio::test]
async fn a_load_that_stopped_half_way_is_made_whole() {
    let app = TestApp::start().await;
    half_made_organization(&app, "demo").await;

    ropa::demo::load(&app.app.db).await.expect("the demo loads");
    let register = register(&app).await;
    assert_eq!(register["processingActivities"]["totalCount"], 9);
    assert_eq!(register["rightsPolicy"]["revision"], 1);
    let keys: Vec<&str> = register["dataCategories"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| node["key"].as_str().unwrap())
        .collect();
    assert!(!keys.contains(&"half.made"), "{keys:?}");
    let mut unique = keys.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), keys.len(), "duplicate keys: {keys:?}");
    let admin = app.token(ropa::demo::SLUG, Role::Admin);
    let organization = app
        .gql_ok(&admin, "{ organization { legalName } }", json!({}))
        .await;
    assert_eq!(organization["organization"]["legalName"], "Rezulto B.V.");
}

#[tokio::test]
async fn an_organization_someone_else_made_under_the_demo_slug_is_left_alone() {
    let app = TestApp::start().await;
    half_made_organization(&app, "operator").await;

    ropa::demo::load(&app.app.db)
        .await
        .expect("the load gives way");
    let register = register(&app).await;
    assert_eq!(register["processingActivities"]["totalCount"], 0);
    let keys = register["dataCategories"]["nodes"].to_string();
    assert!(keys.contains("half.made"), "{keys}");
    let admin = app.token(ropa::demo::SLUG, Role::Admin);
    let organization = app
        .gql_ok(&admin, "{ organization { legalName } }", json!({}))
        .await;
    assert_eq!(organization["organization"]["legalName"], "Half B.V.");
}
