//! Nested lists cost a constant number of SQL statements (DataLoaders).

use ropa::auth::Role;
use serde_json::{json, Value};

use crate::common::TestApp;

/// The nested queries below each reach every loader by one path only.
/// Two paths to one loader in the same query (say `parent` beside
/// `agreements { processor }`, both loading processors) share a batch or not
/// depending on which earlier batch answers first: a constant cost still,
/// but not always the same one, so the tests could not compare exactly.
const ACTIVITIES: &str = "query($first: Int!) { processingActivities(first: $first) { totalCount nodes {
    name legalBases { code legitimateInterest } dataCategories { key name } dataSubjectCategories { key }
    sources { kind description }
    history(first: 1) { totalCount pageInfo { hasNextPage } nodes { action actor } }
    transfers { country recipient { name } }
    recipients { name } } } }";

const PROCESSORS: &str = "query($first: Int!) { processors(first: $first, filter: { role: SUB_PROCESSOR }) {
    totalCount nodes { name history { totalCount nodes { action } } agreements { status processor { name } } } } }";

const AGREEMENTS: &str = "query($first: Int!) { processingAgreements(first: $first) {
    totalCount nodes { documentRef history { totalCount } processor { name parent { name } } } } }";

const TRACKERS: &str = "query($first: Int!) { trackers(first: $first) {
    totalCount nodes { name consentRequired provider { name } activities { name } history { totalCount } } } }";

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

/// Runs `query` (a page of `list`) at page size 5 and 50, checks each
/// node with `check`, and asserts that both cost the same number of SQL
/// statements, at most `most`.
async fn assert_constant_cost(
    app: &TestApp,
    query: &str,
    list: &str,
    most: u64,
    check: impl Fn(&Value),
) {
    let viewer = app.token("acme", Role::Viewer);
    let mut costs = Vec::new();
    for first in [5, 50] {
        let before = app.statements();
        let data = app.gql_ok(&viewer, query, json!({ "first": first })).await;
        costs.push(app.statements() - before);
        let nodes = data[list]["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), first, "{list}");
        // The nested fields were resolved, not left empty.
        nodes.iter().for_each(&check);
    }
    let (small, large) = (costs[0], costs[1]);
    assert_eq!(
        small, large,
        "{list}: page size 5 cost {small} statements, page size 50 cost {large}"
    );
    assert!(
        small <= most,
        "{list}: took {small} statements, expected at most {most}"
    );
}

/// 50 activities, each sharing data with a sub-processor of its own (in
/// the US, with an agreement) and with that sub-processor's parent.
async fn register_of_fifty(app: &TestApp) {
    let token = app.organization("acme").await;
    let category = first_id(app, &token, "dataCategories").await;
    let subjects = first_id(app, &token, "dataSubjectCategories").await;
    let create_processor =
        "mutation($input: ProcessorInput!) { createProcessor(input: $input) { id } }";
    let parent = app
        .gql_ok(
            &token,
            create_processor,
            json!({ "input": { "name": "Mailer", "role": "PROCESSOR", "country": "NL" } }),
        )
        .await["createProcessor"]["id"]
        .clone();
    let update = "mutation($id: ID!, $input: ProcessingActivityInput!) {
        updateProcessingActivity(id: $id, input: $input, expectedRevision: 1) { id } }";
    for n in 0..50 {
        let sub = app
            .gql_ok(
                &token,
                create_processor,
                json!({ "input": {
                    "name": format!("Sub {n}"), "role": "SUB_PROCESSOR", "country": "US",
                    "parentId": parent, "transferSafeguard": "STANDARD_CONTRACTUAL_CLAUSES",
                } }),
            )
            .await["createProcessor"]["id"]
            .clone();
        app.gql_ok(
            &token,
            "mutation($p: ID!, $ref: String!) { createProcessingAgreement(input: { processorId: $p, status: DRAFT, documentRef: $ref }) { id } }",
            json!({ "p": sub, "ref": format!("DPA {n}") }),
        )
        .await;
        let input = json!({
            "name": [{ "language": "EN", "text": format!("Activity {n}") }],
            "purpose": [{ "language": "EN", "text": "Testing" }],
            "status": "ACTIVE",
            "legalBases": [{ "code": "LEGITIMATE_INTERESTS", "legitimateInterest": [{ "language": "EN", "text": "Quality" }] }, { "code": "CONSENT" }],
            "dataCategoryIds": [category],
            "dataSubjectCategoryIds": [subjects],
            "recipientIds": [parent, sub],
            "transfers": [{ "country": "US", "recipientId": sub, "safeguard": "STANDARD_CONTRACTUAL_CLAUSES" }],
            "sources": [{ "kind": "DATA_SUBJECT", "description": [{ "language": "EN", "text": "Forms" }] }],
        });
        let created = app
            .gql_ok(
                &token,
                "mutation($input: ProcessingActivityInput!) { createProcessingActivity(input: $input) { id } }",
                json!({ "input": input }),
            )
            .await;
        // A history longer than the page of it asked for.
        let id = &created["createProcessingActivity"]["id"];
        app.gql_ok(&token, update, json!({ "id": id, "input": input }))
            .await;
        app.gql_ok(
            &token,
            "mutation($input: TrackerInput!) { createTracker(input: $input) { id } }",
            json!({ "input": { "name": format!("_t{n}"), "category": "ANALYTICS", "providerId": sub,
                "purpose": [{ "language": "EN", "text": "Counting" }], "activityIds": [id] } }),
        )
        .await;
    }
}

#[tokio::test]
async fn nested_lists_cost_the_same_at_page_size_5_and_50() {
    let app = TestApp::start().await;
    register_of_fifty(&app).await;
    // The page, its count, the caller's organization, then one batch per
    // nested loader: links (4), history and transfer recipients.
    assert_constant_cost(&app, ACTIVITIES, "processingActivities", 9, |node| {
        assert_eq!(node["legalBases"].as_array().unwrap().len(), 2);
        assert_eq!(node["dataCategories"].as_array().unwrap().len(), 1);
        assert_eq!(node["history"]["totalCount"], 2);
        assert_eq!(node["history"]["pageInfo"]["hasNextPage"], true);
        assert_eq!(node["history"]["nodes"][0]["action"], "create");
        assert_eq!(node["sources"][0]["description"], "Forms");
        let recipient = &node["transfers"][0]["recipient"]["name"];
        assert!(recipient.as_str().unwrap().starts_with("Sub "), "{node}");
        assert_eq!(node["recipients"][1]["name"], *recipient);
    })
    .await;
    // History and agreements, then the agreements' processors.
    assert_constant_cost(&app, PROCESSORS, "processors", 6, |node| {
        assert_eq!(node["history"]["totalCount"], 1);
        assert_eq!(node["history"]["nodes"][0]["action"], "create");
        assert_eq!(node["agreements"][0]["processor"]["name"], node["name"]);
    })
    .await;
    // History and processors, then the processors' parents.
    assert_constant_cost(&app, AGREEMENTS, "processingAgreements", 6, |node| {
        assert_eq!(node["history"]["totalCount"], 1);
        assert_eq!(node["processor"]["parent"]["name"], "Mailer");
    })
    .await;
    // Providers (for themselves and for consent), activities and history.
    assert_constant_cost(&app, TRACKERS, "trackers", 6, |node| {
        assert_eq!(node["history"]["totalCount"], 1);
        assert_eq!(
            node["consentRequired"], false,
            "a sub-processor's analytics"
        );
        let n = node["name"].as_str().unwrap().trim_start_matches("_t");
        assert_eq!(node["provider"]["name"], format!("Sub {n}"));
        assert_eq!(node["activities"][0]["name"], format!("Activity {n}"));
    })
    .await;
}

#[tokio::test]
async fn version_lists_with_their_previous_version_cost_the_same_at_any_page_size() {
    let app = TestApp::start().await;
    let token = app.publishing_organization("acme").await;
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
    // The statement's texts are loaded apart from the heads, one batch per
    // text for the whole page (two texts: the query cost allows no more on
    // a page of four).
    let list = "query($first: Int!) { statementVersions(language: NL, first: $first) { nodes {
        version html diff { text } previous { version } } } }";
    let mut costs = Vec::new();
    for first in [2, 4] {
        let before = app.statements();
        let data = app.gql_ok(&token, list, json!({ "first": first })).await;
        let nodes = data["statementVersions"]["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), first);
        for node in nodes {
            assert!(node["html"].as_str().unwrap().contains("<h2"), "{node}");
            let number = node["version"].as_i64().unwrap();
            // The first version has neither a diff nor a previous version.
            assert_eq!(node["diff"].is_null(), number == 1, "{node}");
            assert_eq!(node["previous"].is_null(), number == 1, "{node}");
            if number > 1 {
                assert!(node["diff"]["text"].as_str().unwrap().contains("Doel"));
                assert_eq!(node["previous"]["version"], number - 1);
            }
        }
        costs.push(app.statements() - before);
    }
    assert_eq!(
        costs[0], costs[1],
        "two versions cost {} statements, four cost {}",
        costs[0], costs[1]
    );
}
