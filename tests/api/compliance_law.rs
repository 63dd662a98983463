//! The compliance checks of what the statement must say (Art. 13, 22, 26)
//! through the API: each flaw entered, reported with its entries, and gone
//! once the register says what is missing. An older backup, written before
//! the register held these fields, still imports and is reported.

use base64::Engine;
use ropa::auth::Role;
use serde_json::{json, Value};

use crate::common::{id_of, TestApp};
use crate::compliance::{codes, complete_organization, create, entity_ids, findings, first_id};

fn en(text: &str) -> Value {
    json!([{ "language": "EN", "text": text }])
}

/// An activity with every flaw these checks look for: several bases without
/// saying which part rests on which, data from the person without a word on
/// whether it must be given, a retention in words only, an automated
/// decision and profiling on legitimate interests alone.
fn flawed(category: &str, subjects: &str, recipient: &str) -> Value {
    json!({
        "name": en("Scoring"),
        "purpose": en("Scoring leads."),
        "status": "ACTIVE",
        "legalBases": [
            { "code": "LEGITIMATE_INTERESTS", "legitimateInterest": en("We want to find good leads.") },
            { "code": "PUBLIC_TASK" },
        ],
        "dataCategoryIds": [category],
        "dataSubjectCategoryIds": [subjects],
        "recipientIds": [recipient],
        "sources": [{ "kind": "DATA_SUBJECT" }],
        "retention": { "description": en("No longer than necessary.") },
        "automatedDecisionMaking": en("A score decides whether we call you back."),
        "profiling": en("We score your visits."),
    })
}

/// The same activity with what was missing said.
fn mended(category: &str, subjects: &str, recipient: &str) -> Value {
    let mut input = flawed(category, subjects, recipient);
    input["legalBases"] = json!([
        { "code": "CONSENT", "appliesTo": en("the call back") },
        {
            "code": "LEGITIMATE_INTERESTS",
            "legitimateInterest": en("We want to find good leads."),
            "appliesTo": en("scoring visits"),
        },
    ]);
    input["requirement"] =
        en("Giving us your number is your choice; without it we cannot call you.");
    input["retention"] = json!({ "period": "P6M", "trigger": "CONSENT_WITHDRAWN" });
    input
}

#[tokio::test]
async fn what_the_statement_cannot_say_is_reported_until_the_register_says_it() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    complete_organization(&app, &admin).await;
    let category = first_id(&app, &admin, "dataCategories").await;
    let subjects = first_id(&app, &admin, "dataSubjectCategories").await;
    let somewhere = create(
        &app,
        &admin,
        "createProcessor",
        json!({ "name": "Call centre", "role": "PROCESSOR", "country": "ZZ" }),
    )
    .await;
    create(
        &app,
        &admin,
        "createProcessingAgreement",
        json!({ "processorId": somewhere, "status": "SIGNED", "signedOn": "2025-01-01",
                "clauses": ["INSTRUCTIONS", "CONFIDENTIALITY", "SECURITY", "SUB_PROCESSORS",
                            "DATA_SUBJECT_RIGHTS", "ASSISTANCE", "DELETION_OR_RETURN", "AUDITS"] }),
    )
    .await;
    let scoring = create(
        &app,
        &admin,
        "createProcessingActivity",
        flawed(&category, &subjects, &somewhere),
    )
    .await;

    let found = findings(&app, &admin).await;
    for code in [
        "AUTOMATED_DECISION_WITHOUT_GROUND",
        "BASES_WITHOUT_APPLIES_TO",
        "REQUIREMENT_NOT_STATED",
        "RETENTION_WITHOUT_PERIOD_OR_CRITERIA",
        "PROFILING_ON_LEGITIMATE_INTEREST",
    ] {
        assert_eq!(entity_ids(&found, code), [vec![scoring.clone()]], "{code}");
    }
    assert_eq!(
        entity_ids(&found, "RECIPIENT_LOCATION_UNKNOWN"),
        [vec![somewhere.clone(), scoring.clone()]]
    );
    let severity = |code: &str| {
        found
            .iter()
            .find(|f| f["code"] == code)
            .map(|f| f["severity"].clone())
    };
    assert_eq!(
        severity("AUTOMATED_DECISION_WITHOUT_GROUND"),
        Some(json!("BLOCKING"))
    );
    assert_eq!(severity("REQUIREMENT_NOT_STATED"), Some(json!("WARNING")));
    assert_eq!(
        severity("PROFILING_ON_LEGITIMATE_INTEREST"),
        Some(json!("INFO"))
    );

    app.gql_ok(
        &admin,
        "mutation($id: ID!, $input: ProcessingActivityInput!) {
            updateProcessingActivity(id: $id, input: $input, expectedRevision: 1) { id } }",
        json!({ "id": scoring, "input": mended(&category, &subjects, &somewhere) }),
    )
    .await;
    app.gql_ok(
        &admin,
        "mutation($id: ID!) { updateProcessor(id: $id, expectedRevision: 1,
            input: { name: \"Call centre\", role: PROCESSOR, country: \"NL\" }) { id } }",
        json!({ "id": somewhere }),
    )
    .await;
    let after = findings(&app, &admin).await;
    assert_eq!(codes(&after), ["STATEMENT_NOT_PUBLISHED"], "{after:#?}");
}

/// Removes every field the register gained for the statement's law, as a
/// backup written before them has none.
fn as_older_backup(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            for field in [
                "jointArrangement",
                "profiling",
                "directMarketing",
                "appliesTo",
            ] {
                fields.remove(field);
            }
            fields.values_mut().for_each(as_older_backup);
        }
        Value::Array(items) => items.iter_mut().for_each(as_older_backup),
        _ => {}
    }
}

#[tokio::test]
async fn an_older_backup_imports_and_its_joint_controller_is_reported() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let mut backup: Value =
        serde_json::from_str(include_str!("../../demo/rezulto.json")).expect("the demo backup");
    as_older_backup(&mut backup);
    let page = "01a24c1b-7f00-7000-8000-000000000001";
    backup["processors"]
        .as_array_mut()
        .expect("processors")
        .push(json!({
            "id": page, "name": "Social Network Ltd", "role": "JOINT_CONTROLLER",
            "category": null, "country": "IE", "contact": null, "parentId": null,
            "transferSafeguard": null, "archivedAt": null,
        }));
    let bytes = serde_json::to_vec(&backup).expect("serializes");
    let response = app
        .gql(
            Some(&admin),
            "mutation($base64: String!) { importRegister(format: BACKUP_JSON, base64: $base64) {
                processors { created } } }",
            json!({ "base64": base64::engine::general_purpose::STANDARD.encode(bytes) }),
        )
        .await;
    assert!(response.get("errors").is_none(), "{response:#}");
    assert_eq!(
        response["data"]["importRegister"]["processors"]["created"],
        5
    );

    let viewer = app.token("acme", Role::Viewer);
    let found = findings(&app, &viewer).await;
    let reported = entity_ids(&found, "JOINT_CONTROLLER_WITHOUT_ARRANGEMENT");
    assert_eq!(reported.len(), 1, "{found:#?}");
    let processors = app
        .gql_ok(
            &viewer,
            "{ processors(first: 10, filter: { role: JOINT_CONTROLLER }) { nodes { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(reported[0], [id_of(&processors["processors"]["nodes"][0])]);
    let severity = found
        .iter()
        .find(|f| f["code"] == "JOINT_CONTROLLER_WITHOUT_ARRANGEMENT")
        .map(|f| f["severity"].clone());
    assert_eq!(severity, Some(json!("BLOCKING")));
}
