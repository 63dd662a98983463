//! Processors and third parties: created, read, updated and archived, and
//! filtered by role, text and country.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::{
    archive_and_check, assert_stale_update_conflicts, create, get, list, list_ids, names, nl_en,
    setup, update, PROCESSOR,
};
use crate::common::{id_of, time};

const PROCESSOR_FIELDS: &str = "id name role country service(language: EN)
    serviceTranslations { language text } contact { name email phone }
    parent { id name role } transferSafeguard agreements { id }
    revision createdAt updatedAt archivedAt";

#[tokio::test]
async fn processors_are_created_read_updated_and_archived() {
    let (app, _admin, editor) = setup().await;
    let parent = create(
        &app,
        &editor,
        &PROCESSOR,
        json!({
            "name": "Cloudhost B.V.",
            "role": "PROCESSOR",
            "country": "NL",
            "service": nl_en("hosting van de website", "website hosting"),
        }),
        PROCESSOR_FIELDS,
    )
    .await;
    let parent_id = id_of(&parent);
    assert_eq!(parent["name"], "Cloudhost B.V.");
    assert_eq!(parent["role"], "PROCESSOR");
    assert_eq!(parent["country"], "NL");
    assert_eq!(parent["service"], "website hosting");
    assert!(parent["parent"].is_null());
    assert!(parent["contact"].is_null());
    assert!(parent["transferSafeguard"].is_null());
    assert_eq!(parent["agreements"], json!([]));
    assert_eq!(parent["revision"], 1);

    let sub = create(
        &app,
        &editor,
        &PROCESSOR,
        json!({
            "name": "Mailgun Inc.",
            "role": "SUB_PROCESSOR",
            "country": "us",
            "parentId": parent_id,
            "transferSafeguard": "STANDARD_CONTRACTUAL_CLAUSES",
            "contact": { "name": "Privacy desk", "email": "privacy@mailgun.example", "phone": "+1 555 0100" },
            "service": nl_en("e-mail versturen", "sending e-mail"),
        }),
        PROCESSOR_FIELDS,
    )
    .await;
    let sub_id = id_of(&sub);
    assert_eq!(sub["role"], "SUB_PROCESSOR");
    assert_eq!(sub["country"], "US", "countries are stored upper case");
    assert_eq!(
        sub["parent"],
        json!({ "id": parent_id, "name": "Cloudhost B.V.", "role": "PROCESSOR" })
    );
    assert_eq!(sub["transferSafeguard"], "STANDARD_CONTRACTUAL_CLAUSES");
    assert_eq!(
        sub["contact"],
        json!({ "name": "Privacy desk", "email": "privacy@mailgun.example", "phone": "+1 555 0100" })
    );
    assert_eq!(
        sub["serviceTranslations"],
        json!([
            { "language": "NL", "text": "e-mail versturen" },
            { "language": "EN", "text": "sending e-mail" }
        ])
    );

    assert_eq!(
        get(&app, &editor, &PROCESSOR, &sub_id, PROCESSOR_FIELDS).await,
        sub
    );
    let listed = list_ids(&app, &editor, &PROCESSOR, json!(null)).await;
    assert_eq!(listed, BTreeSet::from([parent_id.clone(), sub_id.clone()]));

    // The sub-processor becomes a processor in its own right (relying on an
    // Art. 49 derogation, named as the contract names it).
    let updated = update(
        &app,
        &editor,
        &PROCESSOR,
        &sub_id,
        json!({
            "name": "Mailgun Technologies Inc.",
            "role": "PROCESSOR",
            "country": "US",
            "transferSafeguard": "DEROGATION_ART49",
            "contact": { "name": "DPO", "email": "dpo@mailgun.example" },
        }),
        1,
        PROCESSOR_FIELDS,
    )
    .await;
    assert_eq!(updated["name"], "Mailgun Technologies Inc.");
    assert_eq!(updated["role"], "PROCESSOR");
    assert!(updated["parent"].is_null());
    assert_eq!(updated["transferSafeguard"], "DEROGATION_ART49");
    assert_eq!(
        updated["contact"],
        json!({ "name": "DPO", "email": "dpo@mailgun.example", "phone": null })
    );
    assert!(updated["service"].is_null());
    assert_eq!(updated["revision"], 2);
    assert_eq!(updated["createdAt"], sub["createdAt"]);
    assert!(time(&updated["updatedAt"]) > time(&sub["updatedAt"]));

    // And back under its parent.
    let again = update(
        &app,
        &editor,
        &PROCESSOR,
        &sub_id,
        json!({ "name": "Mailgun Technologies Inc.", "role": "SUB_PROCESSOR", "country": "US", "parentId": parent_id, "transferSafeguard": "STANDARD_CONTRACTUAL_CLAUSES" }),
        2,
        PROCESSOR_FIELDS,
    )
    .await;
    assert_eq!(again["parent"]["id"], parent_id);
    assert_eq!(again["revision"], 3);
    assert!(again["contact"].is_null());

    assert_stale_update_conflicts(
        &app,
        &editor,
        &PROCESSOR,
        &sub_id,
        json!({ "name": "Stale", "role": "PROCESSOR", "country": "NL" }),
        2,
        PROCESSOR_FIELDS,
    )
    .await;
    archive_and_check(&app, &editor, &PROCESSOR, &sub_id, 3).await;
    archive_and_check(&app, &editor, &PROCESSOR, &parent_id, 1).await;
}

#[tokio::test]
async fn processors_filter_by_role_text_and_country() {
    let (app, _admin, editor) = setup().await;
    let host = id_of(
        &create(
            &app,
            &editor,
            &PROCESSOR,
            json!({ "name": "Cloudhost B.V.", "role": "PROCESSOR", "country": "NL", "service": nl_en("webhosting", "web hosting") }),
            "id",
        )
        .await,
    );
    for input in [
        json!({ "name": "Mailgun Inc.", "role": "SUB_PROCESSOR", "country": "US", "parentId": host, "transferSafeguard": "STANDARD_CONTRACTUAL_CLAUSES" }),
        json!({ "name": "Payroll Partners GmbH", "role": "INDEPENDENT_CONTROLLER", "country": "DE" }),
        json!({ "name": "Research Together Ltd", "role": "JOINT_CONTROLLER", "country": "GB", "transferSafeguard": "ADEQUACY_DECISION",
            "jointArrangement": [{ "language": "EN", "text": "Each of us answers requests about the data it holds." }] }),
    ] {
        create(&app, &editor, &PROCESSOR, input, "id").await;
    }
    let processor_names = |filter: Value| {
        let app = &app;
        let editor = &editor;
        async move {
            list(app, editor, &PROCESSOR, filter, "name")
                .await
                .iter()
                .map(|n| n["name"].as_str().unwrap().to_string())
                .collect::<BTreeSet<_>>()
        }
    };
    let cases = [
        (
            json!(null),
            names(&[
                "Cloudhost B.V.",
                "Mailgun Inc.",
                "Payroll Partners GmbH",
                "Research Together Ltd",
            ]),
        ),
        (json!({ "role": "PROCESSOR" }), names(&["Cloudhost B.V."])),
        (json!({ "role": "SUB_PROCESSOR" }), names(&["Mailgun Inc."])),
        (
            json!({ "role": "INDEPENDENT_CONTROLLER" }),
            names(&["Payroll Partners GmbH"]),
        ),
        (
            json!({ "role": "JOINT_CONTROLLER" }),
            names(&["Research Together Ltd"]),
        ),
        (json!({ "search": "mailgun" }), names(&["Mailgun Inc."])),
        (
            json!({ "search": "PAYROLL" }),
            names(&["Payroll Partners GmbH"]),
        ),
        (json!({ "search": "hosting" }), names(&["Cloudhost B.V."])),
        (
            json!({ "search": "webhosting" }),
            names(&["Cloudhost B.V."]),
        ),
        (
            json!({ "country": "de" }),
            names(&["Payroll Partners GmbH"]),
        ),
        (json!({ "role": "PROCESSOR", "search": "mail" }), names(&[])),
        (
            json!({ "role": "SUB_PROCESSOR", "search": "mail" }),
            names(&["Mailgun Inc."]),
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(
            processor_names(filter.clone()).await,
            expected,
            "filter {filter}"
        );
    }
}
