//! Loading the demo organization: once, whole, and never over someone else's.

use ropa::auth::Role;
use ropa::backup::Syntax;
use ropa::register::organization;
use ropa::register_import;
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
/// its own.
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

/// The demo's way of loading: the organization and its register in one
/// transaction. A register the services refuse half-way (here its last
/// processor, outside the EEA without a safeguard) leaves no organization.
#[tokio::test]
async fn a_load_that_fails_half_way_leaves_nothing() {
    let app = TestApp::start().await;
    let db = &app.app.db;
    let text = std::fs::read_to_string("demo/rezulto.json").expect("the demo backup is there");
    let mut backup = ropa::backup::read(Syntax::Json, &text, "demo/rezulto.json")
        .expect("the demo backup reads");
    let last = backup
        .processors
        .last_mut()
        .expect("the demo has processors");
    last.country = "US".into();
    last.transfer_safeguard = None;
    let input = register_import::organization_to_create(ropa::demo::SLUG, &backup);

    let result = organization::scope_for_new(db, "demo", &input)
        .write(async |tx| {
            organization::create(tx, &input).await?;
            register_import::import_into(tx, backup).await
        })
        .await;

    let err = result.expect_err("the services refuse the processor");
    assert_eq!(err.code(), "VALIDATION_FAILED", "{err}");
    let found = organization::find_by_slug(db, ropa::demo::SLUG)
        .await
        .expect("organizations are readable");
    assert!(found.is_none(), "the organization was rolled back");
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
