//! Processing agreements: created, read, updated and archived, and filtered
//! by status, processor and text.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::{
    archive_and_check, assert_stale_update_conflicts, create, get, list, list_ids, names, setup,
    update, AGREEMENT, PROCESSOR,
};
use crate::common::{id_of, time};

const AGREEMENT_FIELDS: &str = "id processorId processor { id name } status signedOn
    effectiveOn expiresOn documentRef clauses missingClauses subProcessorAuthorisation
    revision createdAt updatedAt archivedAt";

#[tokio::test]
async fn processing_agreements_are_created_read_updated_and_archived() {
    let (app, _admin, editor) = setup().await;
    let processor = create(
        &app,
        &editor,
        &PROCESSOR,
        json!({ "name": "Mailer B.V.", "role": "PROCESSOR", "country": "NL" }),
        "id",
    )
    .await;
    let processor_id = id_of(&processor);

    let created = create(
        &app,
        &editor,
        &AGREEMENT,
        json!({
            "processorId": processor_id,
            "status": "SIGNED",
            "signedOn": "2024-01-15",
            "effectiveOn": "2024-02-01",
            "expiresOn": "2026-12-31",
            "documentRef": "dms://contracts/42",
            "clauses": ["INSTRUCTIONS", "CONFIDENTIALITY", "SECURITY", "AUDITS"],
            "subProcessorAuthorisation": "GENERAL",
        }),
        AGREEMENT_FIELDS,
    )
    .await;
    let id = id_of(&created);
    assert_eq!(created["processorId"], processor_id);
    assert_eq!(
        created["processor"],
        json!({ "id": processor_id, "name": "Mailer B.V." })
    );
    assert_eq!(created["status"], "SIGNED");
    assert_eq!(created["signedOn"], "2024-01-15");
    assert_eq!(created["effectiveOn"], "2024-02-01");
    assert_eq!(created["expiresOn"], "2026-12-31");
    assert_eq!(created["documentRef"], "dms://contracts/42");
    assert_eq!(
        created["clauses"],
        json!(["INSTRUCTIONS", "CONFIDENTIALITY", "SECURITY", "AUDITS"])
    );
    assert_eq!(
        created["missingClauses"],
        json!([
            "SUB_PROCESSORS",
            "DATA_SUBJECT_RIGHTS",
            "ASSISTANCE",
            "DELETION_OR_RETURN"
        ]),
        "the Art. 28(3) clauses not covered, in article order"
    );
    assert_eq!(created["subProcessorAuthorisation"], "GENERAL");
    assert_eq!(created["revision"], 1);

    assert_eq!(
        get(&app, &editor, &AGREEMENT, &id, AGREEMENT_FIELDS).await,
        created
    );
    assert_eq!(
        list_ids(&app, &editor, &AGREEMENT, json!(null)).await,
        BTreeSet::from([id.clone()])
    );
    let agreements = get(
        &app,
        &editor,
        &PROCESSOR,
        &processor_id,
        "agreements { id status }",
    )
    .await;
    assert_eq!(
        agreements["agreements"],
        json!([{ "id": id, "status": "SIGNED" }])
    );

    let all_clauses = json!([
        "INSTRUCTIONS",
        "CONFIDENTIALITY",
        "SECURITY",
        "SUB_PROCESSORS",
        "DATA_SUBJECT_RIGHTS",
        "ASSISTANCE",
        "DELETION_OR_RETURN",
        "AUDITS"
    ]);
    let updated = update(
        &app,
        &editor,
        &AGREEMENT,
        &id,
        json!({
            "processorId": processor_id,
            "status": "EXPIRED",
            "signedOn": "2024-01-15",
            "expiresOn": "2025-01-14",
            "clauses": all_clauses,
            "subProcessorAuthorisation": "SPECIFIC",
        }),
        1,
        AGREEMENT_FIELDS,
    )
    .await;
    assert_eq!(updated["status"], "EXPIRED");
    assert_eq!(updated["expiresOn"], "2025-01-14");
    assert!(updated["effectiveOn"].is_null());
    assert!(updated["documentRef"].is_null());
    assert_eq!(updated["clauses"], all_clauses);
    assert_eq!(updated["missingClauses"], json!([]));
    assert_eq!(updated["subProcessorAuthorisation"], "SPECIFIC");
    assert_eq!(updated["revision"], 2);
    assert_eq!(updated["createdAt"], created["createdAt"]);
    assert!(time(&updated["updatedAt"]) > time(&created["updatedAt"]));

    assert_stale_update_conflicts(
        &app,
        &editor,
        &AGREEMENT,
        &id,
        json!({ "processorId": processor_id, "status": "DRAFT" }),
        1,
        AGREEMENT_FIELDS,
    )
    .await;
    archive_and_check(&app, &editor, &AGREEMENT, &id, 2).await;
    let agreements = get(
        &app,
        &editor,
        &PROCESSOR,
        &processor_id,
        "agreements { id }",
    )
    .await;
    assert_eq!(
        agreements["agreements"],
        json!([]),
        "an archived agreement leaves the processor's agreements"
    );
}

#[tokio::test]
async fn agreements_filter_by_status_processor_and_text() {
    let (app, _admin, editor) = setup().await;
    let mut processors = Vec::new();
    for name in ["Mailer", "Hosting 100%"] {
        processors.push(id_of(
            &create(
                &app,
                &editor,
                &PROCESSOR,
                json!({ "name": name, "role": "PROCESSOR", "country": "NL" }),
                "id",
            )
            .await,
        ));
    }
    let (mailer, hosting) = (&processors[0], &processors[1]);
    for (processor, status, reference) in [
        (mailer, "SIGNED", "mailer-signed"),
        (mailer, "DRAFT", "mailer-draft"),
        (hosting, "SIGNED", "hosting-signed"),
        (hosting, "TERMINATED", "hosting-terminated"),
    ] {
        let signed_on = (status != "DRAFT").then_some("2024-03-01");
        create(
            &app,
            &editor,
            &AGREEMENT,
            json!({ "processorId": processor, "status": status, "signedOn": signed_on, "documentRef": reference }),
            "id",
        )
        .await;
    }
    let references = |filter: Value| {
        let app = &app;
        let editor = &editor;
        async move {
            list(app, editor, &AGREEMENT, filter, "documentRef")
                .await
                .iter()
                .map(|n| n["documentRef"].as_str().unwrap().to_string())
                .collect::<BTreeSet<_>>()
        }
    };
    let cases = [
        (
            json!({ "status": "SIGNED" }),
            names(&["mailer-signed", "hosting-signed"]),
        ),
        (json!({ "status": "DRAFT" }), names(&["mailer-draft"])),
        (
            json!({ "status": "TERMINATED" }),
            names(&["hosting-terminated"]),
        ),
        (json!({ "status": "EXPIRED" }), names(&[])),
        (
            json!({ "processorId": mailer }),
            names(&["mailer-signed", "mailer-draft"]),
        ),
        (
            json!({ "processorId": hosting, "status": "SIGNED" }),
            names(&["hosting-signed"]),
        ),
        (
            json!({ "processorId": hosting, "status": "DRAFT" }),
            names(&[]),
        ),
        // The text search: document reference or processor name, any case.
        (
            json!({ "search": "SIGNED" }),
            names(&["mailer-signed", "hosting-signed"]),
        ),
        (
            json!({ "search": "mailer" }),
            names(&["mailer-signed", "mailer-draft"]),
        ),
        (
            json!({ "search": "  hosting-t " }),
            names(&["hosting-terminated"]),
        ),
        (
            json!({ "search": "100%" }),
            names(&["hosting-signed", "hosting-terminated"]),
        ),
        (
            json!({ "search": "0%" }),
            names(&["hosting-signed", "hosting-terminated"]),
        ),
        (
            json!({ "search": "%" }),
            names(&["hosting-signed", "hosting-terminated"]),
        ),
        (json!({ "search": "_" }), names(&[])),
        (
            json!({ "search": "" }),
            names(&[
                "mailer-signed",
                "mailer-draft",
                "hosting-signed",
                "hosting-terminated",
            ]),
        ),
        (
            json!({ "search": "draft", "processorId": hosting }),
            names(&[]),
        ),
        (
            json!({ "search": "signed", "status": "SIGNED", "processorId": mailer }),
            names(&["mailer-signed"]),
        ),
        (json!({ "search": "nothing like it" }), names(&[])),
    ];
    for (filter, expected) in cases {
        assert_eq!(
            references(filter.clone()).await,
            expected,
            "filter {filter}"
        );
    }
}
