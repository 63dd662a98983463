//! The organization: created by an operator with every field, read and
//! updated by its members.

use ropa::auth::Role;
use serde_json::{json, Value};

use super::setup;
use crate::common::{error_code, time, TestApp};

const ORGANIZATION_FIELDS: &str = "id slug legalName tradeNames registrationNumber
    address { street postalCode city country } contactEmail privacyEmail phone
    supervisoryAuthority { name url } defaultLanguage dpo { name email phone }
    representative { name email phone } websites revision createdAt updatedAt";

pub(super) const UPDATE_ORGANIZATION: &str = "mutation($input: UpdateOrganizationInput!, $rev: Int!) {
    updateOrganization(input: $input, expectedRevision: $rev) { id slug legalName tradeNames registrationNumber
    address { street postalCode city country } contactEmail privacyEmail phone
    supervisoryAuthority { name url } defaultLanguage dpo { name email phone }
    representative { name email phone } websites revision createdAt updatedAt } }";

/// An operator creates an organization with every field; its admin reads
/// all of them back, and so does the operator with an `org` claim for it
/// (platform operators may act in any organization).
#[tokio::test]
async fn an_organization_is_created_with_every_field() {
    let app = TestApp::start().await;
    let operator = app.token_for("operator", None, Role::Operator);
    let input = json!({
        "slug": "rezulto",
        "legalName": "Rezulto B.V.",
        "tradeNames": ["Rezulto", "Rezulto Academy"],
        "registrationNumber": "84541423",
        "address": { "street": "Euclideslaan 265", "postalCode": "3584 BV", "city": "Utrecht", "country": "nl" },
        "contactEmail": "info@rezulto.example",
        "privacyEmail": "privacy@rezulto.example",
        "phone": "085 9024886",
        "supervisoryAuthority": { "name": "Autoriteit Persoonsgegevens", "url": "https://autoriteitpersoonsgegevens.nl" },
        "defaultLanguage": "EN",
        "dpo": { "name": "D. Pieters", "email": "dpo@rezulto.example", "phone": "085 0000000" },
        "representative": { "name": "EU Rep S.A.", "email": "rep@eurep.example" },
        "websites": ["https://www.rezulto.example", "https://academy.rezulto.example"],
    });
    let created = app
        .gql_ok(
            &operator,
            &format!(
                "mutation($input: CreateOrganizationInput!) {{ createOrganization(input: $input) {{ {ORGANIZATION_FIELDS} }} }}"
            ),
            json!({ "input": input }),
        )
        .await["createOrganization"]
        .clone();
    let mut expected = input.clone();
    expected["address"]["country"] = json!("NL");
    expected["representative"]["phone"] = Value::Null;
    for (field, value) in expected.as_object().unwrap() {
        assert_eq!(created[field], *value, "{field}");
    }
    assert_eq!(created["revision"], 1);
    assert_eq!(created["createdAt"], created["updatedAt"]);

    let query = format!("{{ organization {{ {ORGANIZATION_FIELDS} }} }}");
    let readers = [
        app.token("rezulto", Role::Viewer),
        app.token_for("operator", Some("rezulto"), Role::Operator),
    ];
    for reader in readers {
        let read = app.gql_ok(&reader, &query, json!({})).await;
        assert_eq!(read["organization"], created);
    }
}

#[tokio::test]
async fn the_organization_is_read_and_updated() {
    let (app, admin, editor) = setup().await;
    let query = format!("{{ organization {{ {ORGANIZATION_FIELDS} }} }}");
    let initial = app.gql_ok(&editor, &query, json!({})).await["organization"].clone();
    assert_eq!(initial["slug"], "acme");
    assert_eq!(initial["legalName"], "acme B.V.");
    assert_eq!(initial["defaultLanguage"], "NL");
    assert_eq!(initial["revision"], 1);
    assert!(initial["address"].is_null());
    assert!(initial["dpo"].is_null());
    assert_eq!(initial["websites"], json!([]));
    assert_eq!(initial["tradeNames"], json!([]));

    let input = json!({
        "legalName": "Acme Learning B.V.",
        "tradeNames": ["Acme", "Acme Academy"],
        "registrationNumber": "12345678",
        "address": { "street": "Stationsplein 1", "postalCode": "3511 ED", "city": "Utrecht", "country": "nl" },
        "contactEmail": "info@acme.example",
        "privacyEmail": "privacy@acme.example",
        "phone": "+31 30 123 4567",
        "supervisoryAuthority": { "name": "Autoriteit Persoonsgegevens", "url": "https://autoriteitpersoonsgegevens.nl" },
        "defaultLanguage": "NL",
        "dpo": { "name": "J. Jansen", "email": "dpo@acme.example", "phone": "+31 30 765 4321" },
        "websites": ["https://acme.example", "https://academy.acme.example"],
    });

    // Updating the organization is for admins.
    let forbidden = app
        .gql(
            Some(&editor),
            UPDATE_ORGANIZATION,
            json!({ "input": input, "rev": 1 }),
        )
        .await;
    assert_eq!(error_code(&forbidden), "FORBIDDEN");

    let updated = app
        .gql_ok(
            &admin,
            UPDATE_ORGANIZATION,
            json!({ "input": input, "rev": 1 }),
        )
        .await["updateOrganization"]
        .clone();
    assert_eq!(updated["id"], initial["id"]);
    assert_eq!(updated["slug"], "acme", "the slug never changes");
    assert_eq!(updated["legalName"], "Acme Learning B.V.");
    assert_eq!(updated["tradeNames"], json!(["Acme", "Acme Academy"]));
    assert_eq!(updated["registrationNumber"], "12345678");
    assert_eq!(
        updated["address"],
        json!({ "street": "Stationsplein 1", "postalCode": "3511 ED", "city": "Utrecht", "country": "NL" })
    );
    assert_eq!(updated["contactEmail"], "info@acme.example");
    assert_eq!(updated["privacyEmail"], "privacy@acme.example");
    assert_eq!(updated["phone"], "+31 30 123 4567");
    assert_eq!(
        updated["supervisoryAuthority"],
        json!({ "name": "Autoriteit Persoonsgegevens", "url": "https://autoriteitpersoonsgegevens.nl" })
    );
    assert_eq!(
        updated["dpo"],
        json!({ "name": "J. Jansen", "email": "dpo@acme.example", "phone": "+31 30 765 4321" })
    );
    assert!(updated["representative"].is_null());
    assert_eq!(
        updated["websites"],
        json!(["https://acme.example", "https://academy.acme.example"])
    );
    assert_eq!(updated["revision"], 2);
    assert_eq!(updated["createdAt"], initial["createdAt"]);
    assert!(time(&updated["updatedAt"]) > time(&initial["updatedAt"]));
    assert_eq!(
        app.gql_ok(&editor, &query, json!({})).await["organization"],
        updated
    );

    // A stale revision changes nothing.
    let mut stale_input = input.clone();
    stale_input["legalName"] = json!("Stale B.V.");
    let stale = app
        .gql(
            Some(&admin),
            UPDATE_ORGANIZATION,
            json!({ "input": stale_input, "rev": 1 }),
        )
        .await;
    assert_eq!(error_code(&stale), "CONFLICT");
    assert_eq!(
        app.gql_ok(&editor, &query, json!({})).await["organization"],
        updated
    );

    // The next update clears what it leaves out.
    let next = app
        .gql_ok(
            &admin,
            UPDATE_ORGANIZATION,
            json!({ "input": { "legalName": "Acme Learning B.V.", "defaultLanguage": "EN", "representative": { "name": "EU Rep S.A." } }, "rev": 2 }),
        )
        .await["updateOrganization"]
        .clone();
    assert_eq!(next["revision"], 3);
    assert_eq!(next["defaultLanguage"], "EN");
    assert!(next["address"].is_null());
    assert!(next["dpo"].is_null());
    assert_eq!(next["websites"], json!([]));
    assert_eq!(
        next["representative"],
        json!({ "name": "EU Rep S.A.", "email": null, "phone": null })
    );
}
