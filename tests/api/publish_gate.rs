//! The publish gate: a publish is refused while blocking compliance
//! findings stand, listing them, unless each is accepted (by its code or
//! its key) with a justification; both are kept on the version, readable by
//! the organization's own members only, and in the audit trail. A material
//! change that takes effect the day it is published is a warning.

use ropa::auth::Role;
use serde_json::{json, Value};

use crate::common::{error_code, id_of, TestApp};

const PUBLISH: &str = "mutation($language: Language!, $material: Boolean, $effectiveFrom: Date,
                               $accept: [String!], $justification: String) {
    publishStatement(language: $language, summary: \"Versie\", material: $material,
                     effectiveFrom: $effectiveFrom, acceptFindings: $accept,
                     justification: $justification) {
        id version acceptedFindings justification } }";

const JUSTIFICATION: &str = "Het rechtenbeleid wordt deze week vastgesteld";

async fn publish(app: &TestApp, token: &str, variables: Value) -> Value {
    let mut variables = variables;
    variables["language"] = json!("NL");
    app.gql(Some(token), PUBLISH, variables).await
}

/// The blocking findings of the compliance report, as `(code, key, entityIds)`.
async fn blocking(app: &TestApp, token: &str) -> Vec<Value> {
    let data = app
        .gql_ok(
            token,
            "{ complianceReport { findings { code key severity entityIds } } }",
            json!({}),
        )
        .await;
    data["complianceReport"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "BLOCKING")
        .map(|f| json!({ "code": f["code"], "key": f["key"], "entityIds": f["entityIds"] }))
        .collect()
}

async fn versions(app: &TestApp, token: &str) -> Value {
    app.gql_ok(
        token,
        "{ statementVersions(language: NL) { totalCount } auditEvents(first: 1) { totalCount } }",
        json!({}),
    )
    .await
}

#[tokio::test]
async fn blocking_findings_refuse_a_publish_and_are_listed() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let standing = blocking(&app, &admin).await;
    let codes: Vec<&Value> = standing.iter().map(|f| &f["code"]).collect();
    assert_eq!(codes, ["NO_RIGHTS_POLICY", "ORGANIZATION_WITHOUT_CONTACT"]);
    let before = versions(&app, &admin).await;

    let refused = publish(&app, &admin, json!({})).await;
    assert_eq!(error_code(&refused), "BLOCKING_FINDINGS", "{refused}");
    assert!(refused["data"].is_null());
    assert_eq!(
        refused["errors"][0]["extensions"]["findings"],
        json!(standing),
        "the refusal lists the findings as the report gives them"
    );
    // Accepting one leaves the other standing, and only it is listed.
    let one = publish(
        &app,
        &admin,
        json!({ "accept": [standing[0]["key"]], "justification": JUSTIFICATION }),
    )
    .await;
    assert_eq!(error_code(&one), "BLOCKING_FINDINGS");
    assert_eq!(
        one["errors"][0]["extensions"]["findings"],
        json!([standing[1]])
    );
    assert_eq!(versions(&app, &admin).await, before, "nothing was written");
}

#[tokio::test]
async fn acceptances_are_checked() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let before = versions(&app, &admin).await;
    let both = json!(["NO_RIGHTS_POLICY", "ORGANIZATION_WITHOUT_CONTACT"]);
    let cases = [
        (json!({ "accept": both }), "justification"),
        (
            json!({ "accept": both, "justification": "   " }),
            "justification",
        ),
        (json!({ "justification": JUSTIFICATION }), "justification"),
        (
            json!({ "accept": ["NO_RIGHTS_POLICY", " "], "justification": JUSTIFICATION }),
            "acceptFindings.1",
        ),
        // Standing, but a warning: nothing to accept.
        (
            json!({ "accept": ["NO_RIGHTS_POLICY", "NO_SUPERVISORY_AUTHORITY"], "justification": JUSTIFICATION }),
            "acceptFindings.1",
        ),
        // Not standing at all.
        (
            json!({ "accept": ["DPIA_REQUIRED"], "justification": JUSTIFICATION }),
            "acceptFindings.0",
        ),
        (
            json!({ "accept": ["NO_RIGHTS_POLICY:00000000-0000-0000-0000-000000000000"],
                 "justification": JUSTIFICATION }),
            "acceptFindings.0",
        ),
    ];
    for (variables, field) in cases {
        let response = publish(&app, &admin, variables.clone()).await;
        assert_eq!(
            error_code(&response),
            "VALIDATION_FAILED",
            "{variables}: {response}"
        );
        assert_eq!(
            response["errors"][0]["extensions"]["field"], field,
            "{variables}: {response}"
        );
    }
    assert_eq!(versions(&app, &admin).await, before, "nothing was written");
}

#[tokio::test]
async fn accepted_findings_are_kept_private_and_audited() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let standing = blocking(&app, &admin).await;
    // One by its code, the other by its key.
    let accept = json!(["NO_RIGHTS_POLICY", standing[1]["key"]]);
    let published = publish(
        &app,
        &admin,
        json!({ "accept": accept, "justification": JUSTIFICATION }),
    )
    .await;
    let version = &published["data"]["publishStatement"];
    assert_eq!(version["version"], 1, "{published}");
    assert_eq!(version["acceptedFindings"], accept);
    assert_eq!(version["justification"], JUSTIFICATION);

    // The organization's members read them, whatever their role.
    let query = "query($id: ID!) { statementVersion(id: $id) { acceptedFindings justification } }";
    let viewer = app.token("acme", Role::Viewer);
    let read = app
        .gql_ok(&viewer, query, json!({ "id": version["id"] }))
        .await;
    assert_eq!(read["statementVersion"]["acceptedFindings"], accept);
    assert_eq!(read["statementVersion"]["justification"], JUSTIFICATION);
    // Anyone else reads the public version without them.
    let public = "{ publishedStatement(organization: \"acme\", language: NL) { version acceptedFindings justification } }";
    let other = app.organization("beta").await;
    for token in [None, Some(other.as_str())] {
        let read = app.gql(token, public, json!({})).await;
        let version = &read["data"]["publishedStatement"];
        assert_eq!(version["version"], 1, "{read}");
        assert_eq!(version["acceptedFindings"], json!([]), "{read}");
        assert!(version["justification"].is_null(), "{read}");
    }

    let trail = app
        .gql_ok(
            &admin,
            "query($id: ID!) { auditEvents(filter: { entityId: $id }) { nodes { action after } } }",
            json!({ "id": version["id"] }),
        )
        .await;
    let event = &trail["auditEvents"]["nodes"][0];
    assert_eq!(event["action"], "publish");
    assert_eq!(event["after"]["acceptedFindings"], accept);
    assert_eq!(event["after"]["justification"], JUSTIFICATION);
    let keys: Vec<&Value> = standing.iter().map(|f| &f["key"]).collect();
    assert_eq!(event["after"]["acceptedFindingKeys"], json!(keys));
}

#[tokio::test]
async fn a_marketing_cookie_on_a_legitimate_interest_blocks() {
    let app = TestApp::start().await;
    let admin = app.publishing_organization("acme").await;
    let activity = app
        .gql_ok(
            &admin,
            "mutation($input: ProcessingActivityInput!) { createProcessingActivity(input: $input) { id } }",
            json!({ "input": {
                "name": [{ "language": "NL", "text": "Advertenties" }],
                "purpose": [{ "language": "NL", "text": "Advertenties tonen." }],
                "status": "ACTIVE",
                "legalBases": [{ "code": "LEGITIMATE_INTERESTS",
                                 "legitimateInterest": [{ "language": "NL", "text": "Meer verkopen." }] }],
                "dataCategoryIds": [], "dataSubjectCategoryIds": [],
                "retention": { "period": "P1Y" } } }),
        )
        .await;
    let activity = id_of(&activity["createProcessingActivity"]);
    let tracker = app
        .gql_ok(
            &admin,
            "mutation($input: TrackerInput!) { createTracker(input: $input) { id } }",
            json!({ "input": { "name": "_fbp", "category": "MARKETING", "duration": "P90D",
                               "purpose": [{ "language": "NL", "text": "Advertenties meten." }],
                               "activityIds": [activity] } }),
        )
        .await;
    let tracker = id_of(&tracker["createTracker"]);
    let refused = publish(&app, &admin, json!({})).await;
    assert_eq!(error_code(&refused), "BLOCKING_FINDINGS", "{refused}");
    let findings = &refused["errors"][0]["extensions"]["findings"];
    assert_eq!(
        findings,
        &json!([{
            "code": "MARKETING_TRACKER_ON_LEGITIMATE_INTEREST",
            "key": format!("MARKETING_TRACKER_ON_LEGITIMATE_INTEREST:{tracker}"),
            "entityIds": [tracker, activity],
        }])
    );
}

#[tokio::test]
async fn a_material_change_without_notice_is_a_warning() {
    let app = TestApp::start().await;
    let admin = app.publishing_organization("acme").await;
    let first = publish(&app, &admin, json!({ "material": true })).await;
    let first = &first["data"]["publishStatement"];
    assert_eq!(first["version"], 1, "{first}");
    let warnings = |event: &Value| event["after"]["warnings"].clone();
    let events = app
        .gql_ok(
            &admin,
            "query($id: ID!) { auditEvents(filter: { entityId: $id }) { nodes { after } } }",
            json!({ "id": first["id"] }),
        )
        .await;
    assert_eq!(
        warnings(&events["auditEvents"]["nodes"][0]),
        json!(["MATERIAL_CHANGE_WITHOUT_NOTICE"])
    );
    let report = app
        .gql_ok(
            &admin,
            "{ complianceReport { findings { code severity entityIds message(language: EN) } } }",
            json!({}),
        )
        .await;
    let finding = report["complianceReport"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "MATERIAL_CHANGE_WITHOUT_NOTICE")
        .cloned()
        .unwrap_or_else(|| panic!("no warning: {report}"));
    assert_eq!(finding["severity"], "WARNING");
    assert_eq!(finding["entityIds"], json!([first["id"]]));
    assert!(finding["message"]
        .as_str()
        .unwrap()
        .contains("Version 1 of the Dutch statement"));

    // Announced ahead: no warning, and the report's warning goes with it.
    app.gql_ok(
        &admin,
        "mutation { updateOrganization(input: { legalName: \"Acme B.V.\", defaultLanguage: NL,
                    privacyEmail: \"privacy@acme.example\" }, expectedRevision: 1) { id } }",
        json!({}),
    )
    .await;
    let ahead = (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string();
    let second = publish(
        &app,
        &admin,
        json!({ "material": true, "effectiveFrom": ahead }),
    )
    .await;
    assert_eq!(second["data"]["publishStatement"]["version"], 2, "{second}");
    let second = &second["data"]["publishStatement"];
    let events = app
        .gql_ok(
            &admin,
            "query($id: ID!) { auditEvents(filter: { entityId: $id }) { nodes { after } } }",
            json!({ "id": second["id"] }),
        )
        .await;
    assert_eq!(warnings(&events["auditEvents"]["nodes"][0]), json!([]));
    let report = app
        .gql_ok(
            &admin,
            "{ complianceReport { findings { code } } }",
            json!({}),
        )
        .await;
    assert!(
        !report
            .to_string()
            .contains("MATERIAL_CHANGE_WITHOUT_NOTICE"),
        "{report}"
    );
}
