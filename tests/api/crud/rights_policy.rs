//! The rights policy: a default until it is saved, then what was saved.

use serde_json::json;

use super::{nl_en, only, setup};
use crate::common::{error_code, time};

const POLICY_FIELDS: &str = "id revision responsePeriod optOutWorkingDays
    marketingFollowUpPeriod channels(language: EN) channelsTranslations { language text }
    rights { right note(language: EN) } disclosurePurposes(language: EN)
    unsubscribe(language: NL) createdAt updatedAt";

const UPDATE_POLICY: &str = "mutation($input: RightsPolicyInput!, $rev: Int!) {
    updateRightsPolicy(input: $input, expectedRevision: $rev) { id revision responsePeriod optOutWorkingDays
    marketingFollowUpPeriod channels(language: EN) channelsTranslations { language text }
    rights { right note(language: EN) } disclosurePurposes(language: EN)
    unsubscribe(language: NL) createdAt updatedAt } }";

#[tokio::test]
async fn the_rights_policy_has_a_default_until_it_is_saved() {
    let (app, admin, editor) = setup().await;
    let query = format!("{{ rightsPolicy {{ {POLICY_FIELDS} }} }}");
    let default = app.gql_ok(&editor, &query, json!({})).await["rightsPolicy"].clone();
    assert_eq!(default["revision"], 0);
    assert_eq!(default["id"], "00000000-0000-0000-0000-000000000000");
    assert_eq!(default["responsePeriod"], "P1M");
    assert!(default["optOutWorkingDays"].is_null());
    assert!(default["marketingFollowUpPeriod"].is_null());
    assert!(default["channels"].is_null());
    assert_eq!(default["rights"], json!([]));
    assert_eq!(default["disclosurePurposes"], json!([]));

    let input = json!({
        "responsePeriod": "P4W",
        "optOutWorkingDays": 20,
        "marketingFollowUpPeriod": "P2Y",
        "channels": nl_en("Mail naar privacy@acme.example", "Write to privacy@acme.example"),
        "rights": [
            { "right": "ACCESS" },
            { "right": "ERASURE", "note": only("EN", "Invoices are kept for seven years") }
        ],
        "disclosurePurposes": [nl_en("fraudebestrijding", "fraud prevention")],
        "unsubscribe": nl_en("Via de link in elke e-mail", "Through the link in every e-mail"),
    });
    let saved = app
        .gql_ok(&admin, UPDATE_POLICY, json!({ "input": input, "rev": 0 }))
        .await["updateRightsPolicy"]
        .clone();
    assert_eq!(saved["revision"], 1);
    assert_ne!(saved["id"], default["id"]);
    assert_eq!(saved["responsePeriod"], "P4W");
    assert_eq!(saved["optOutWorkingDays"], 20);
    assert_eq!(saved["marketingFollowUpPeriod"], "P2Y");
    assert_eq!(saved["channels"], "Write to privacy@acme.example");
    assert_eq!(saved["channelsTranslations"].as_array().unwrap().len(), 2);
    assert_eq!(
        saved["rights"],
        json!([
            { "right": "ACCESS", "note": null },
            { "right": "ERASURE", "note": "Invoices are kept for seven years" }
        ])
    );
    assert_eq!(saved["disclosurePurposes"], json!(["fraud prevention"]));
    assert_eq!(saved["unsubscribe"], "Via de link in elke e-mail");
    assert_eq!(
        app.gql_ok(&editor, &query, json!({})).await["rightsPolicy"],
        saved
    );

    // The first save is done: revision 0 is stale now.
    let stale = app
        .gql(
            Some(&admin),
            UPDATE_POLICY,
            json!({ "input": input, "rev": 0 }),
        )
        .await;
    assert_eq!(error_code(&stale), "CONFLICT");

    let second = app
        .gql_ok(
            &admin,
            UPDATE_POLICY,
            json!({ "input": { "responsePeriod": "P1M", "optOutWorkingDays": 10 }, "rev": 1 }),
        )
        .await["updateRightsPolicy"]
        .clone();
    assert_eq!(second["id"], saved["id"]);
    assert_eq!(second["revision"], 2);
    assert_eq!(second["responsePeriod"], "P1M");
    assert_eq!(second["optOutWorkingDays"], 10);
    assert!(second["marketingFollowUpPeriod"].is_null());
    assert_eq!(second["rights"], json!([]));
    assert_eq!(second["createdAt"], saved["createdAt"]);
    assert!(time(&second["updatedAt"]) > time(&saved["updatedAt"]));

    let stale = app
        .gql(
            Some(&admin),
            UPDATE_POLICY,
            json!({ "input": { "responsePeriod": "P2M" }, "rev": 1 }),
        )
        .await;
    assert_eq!(error_code(&stale), "CONFLICT");
    let read = app.gql_ok(&editor, &query, json!({})).await["rightsPolicy"].clone();
    assert_eq!(read, second);

    // The policy is the organization's: editors may read but not change it.
    let forbidden = app
        .gql(
            Some(&editor),
            UPDATE_POLICY,
            json!({ "input": { "responsePeriod": "P2M" }, "rev": 2 }),
        )
        .await;
    assert_eq!(error_code(&forbidden), "FORBIDDEN");
}
