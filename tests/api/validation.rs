//! Bad input gets a clear, typed error (`VALIDATION_FAILED` with the input
//! path in `extensions.field`, `CONFLICT`, or an HTTP 4xx for a bad
//! request), changes nothing, and never causes an HTTP 500.

use ropa::auth::Role;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use crate::auth::{
    activity_input, agreement_input, archive_mutation, category_input, create_mutation,
    processor_input, register_state, sub_processor_input, subject_input, text, unknown_id,
    update_mutation, Entries, KINDS,
};
use crate::common::{error_code, TestApp};

/// Sends `query` and checks that it failed with `code` (and, when given,
/// on input path `field`), without data.
async fn assert_fails(
    app: &TestApp,
    token: &str,
    what: &str,
    query: &str,
    variables: Value,
    code: &str,
    field: Option<&str>,
) -> Value {
    let response = app.gql(Some(token), query, variables).await;
    assert_eq!(
        response["errors"][0]["extensions"]["code"], code,
        "{what}: {response:#}"
    );
    if let Some(field) = field {
        assert_eq!(
            response["errors"][0]["extensions"]["field"], field,
            "{what}: {response:#}"
        );
    }
    let message = response["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(!message.is_empty(), "{what}: an error message");
    for leak in ["sqlx", "SQLSTATE", "constraint", "sqlite", "postgres"] {
        assert!(
            !message.to_lowercase().contains(&leak.to_lowercase()),
            "{what}: database text in {message}"
        );
    }
    assert!(
        response["data"].is_null()
            || response["data"]
                .as_object()
                .is_some_and(|data| data.values().all(Value::is_null)),
        "{what}: no data: {response:#}"
    );
    response
}

/// One bad request and the error it must get.
struct Case {
    what: String,
    query: String,
    variables: Value,
    code: &'static str,
    field: Option<&'static str>,
}

fn case(what: impl Into<String>, query: String, variables: Value, field: &'static str) -> Case {
    Case {
        what: what.into(),
        query,
        variables,
        code: "VALIDATION_FAILED",
        field: Some(field),
    }
}

/// Runs each case and checks afterwards that the register and `entries`
/// are as they were.
async fn run_cases(app: &TestApp, token: &str, entries: &Entries, cases: Vec<Case>) {
    let admin = app.token("acme", Role::Admin);
    let register = register_state(app, &admin).await;
    let state = entries.state(app, &admin).await;
    for case in cases {
        assert_fails(
            app,
            token,
            &case.what,
            &case.query,
            case.variables,
            case.code,
            case.field,
        )
        .await;
        assert_eq!(
            register_state(app, &admin).await,
            register,
            "{}: the register changed",
            case.what
        );
        assert_eq!(
            entries.state(app, &admin).await,
            state,
            "{}: an entry changed",
            case.what
        );
    }
}

async fn setup() -> (TestApp, String, Entries) {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let entries = Entries::create(&app, &admin, "base").await;
    (app, admin, entries)
}

fn with(mut input: Value, name: &str, value: Value) -> Value {
    input[name] = value;
    input
}

/// `base` with the fields of `patch` set.
fn merged(mut base: Value, patch: Value) -> Value {
    for (name, value) in patch.as_object().expect("an object") {
        base[name] = value.clone();
    }
    base
}

#[tokio::test]
async fn malformed_and_unknown_ids_are_refused() {
    let (app, admin, e) = setup().await;
    let editor = app.token("acme", Role::Editor);
    let activity = |categories: Value, subjects: Value, recipients: Value| {
        let mut input = activity_input("Bad references", &[], &[], &[]);
        input["dataCategoryIds"] = categories;
        input["dataSubjectCategoryIds"] = subjects;
        input["recipientIds"] = recipients;
        json!({ "input": input })
    };
    let c = &e.data_category;
    let s = &e.data_subject_category;
    let cases = vec![
        case(
            "update with a malformed id",
            update_mutation("DataCategory"),
            json!({ "id": "not-a-uuid", "input": category_input("x.y"), "rev": 1 }),
            "id",
        ),
        case(
            "archive with a malformed id",
            archive_mutation("Processor"),
            json!({ "id": "not-a-uuid", "rev": 1 }),
            "id",
        ),
        case(
            "lookup with a malformed id",
            "{ processingActivity(id: \"not-a-uuid\") { id } }".into(),
            json!({}),
            "id",
        ),
        case(
            "a malformed data category id",
            create_mutation("ProcessingActivity"),
            activity(json!([c, "not-a-uuid"]), json!([s]), json!([])),
            "input.dataCategoryIds.1",
        ),
        case(
            "an unknown data category id",
            create_mutation("ProcessingActivity"),
            activity(json!([c, unknown_id()]), json!([s]), json!([])),
            "input.dataCategoryIds.1",
        ),
        case(
            "a data category id twice",
            create_mutation("ProcessingActivity"),
            activity(json!([c, c]), json!([s]), json!([])),
            "input.dataCategoryIds.1",
        ),
        case(
            "an unknown data subject category id",
            create_mutation("ProcessingActivity"),
            activity(json!([c]), json!([unknown_id()]), json!([])),
            "input.dataSubjectCategoryIds.0",
        ),
        case(
            "an unknown recipient id",
            create_mutation("ProcessingActivity"),
            activity(json!([c]), json!([s]), json!([e.processor, unknown_id()])),
            "input.recipientIds.1",
        ),
        case(
            "a data subject category id as data category id",
            create_mutation("ProcessingActivity"),
            activity(json!([s]), json!([s]), json!([])),
            "input.dataCategoryIds.0",
        ),
        case(
            "an unknown processor id",
            create_mutation("ProcessingAgreement"),
            json!({ "input": agreement_input(&unknown_id()) }),
            "input.processorId",
        ),
        case(
            "a malformed processor id",
            create_mutation("ProcessingAgreement"),
            json!({ "input": agreement_input(&json!("42")) }),
            "input.processorId",
        ),
        case(
            "an unknown parent processor",
            create_mutation("Processor"),
            json!({ "input": sub_processor_input("Sub", &unknown_id()) }),
            "input.parentId",
        ),
        case(
            "a processor as its own parent",
            update_mutation("Processor"),
            json!({ "id": e.processor, "input": sub_processor_input("Self", &e.processor), "rev": 1 }),
            "input.parentId",
        ),
        case(
            "an update of an activity with an unknown recipient",
            update_mutation("ProcessingActivity"),
            json!({
                "id": e.activity,
                "input": activity_input("Changed", &[c], &[s], &[&unknown_id()]),
                "rev": 1,
            }),
            "input.recipientIds.0",
        ),
        case(
            "a malformed id in a filter",
            "{ processingActivities(filter: { processorId: \"nope\" }) { totalCount } }".into(),
            json!({}),
            "filter.processorId",
        ),
    ];
    run_cases(&app, &editor, &e, cases).await;
    // A sub-processor of its own sub-processor.
    let child = crate::auth::create(
        &app,
        &admin,
        "Processor",
        sub_processor_input("Child", &e.processor),
    )
    .await;
    let cycle = vec![case(
        "a cycle of parents",
        update_mutation("Processor"),
        json!({ "id": e.processor, "input": sub_processor_input("Parent", &child), "rev": 1 }),
        "input.parentId",
    )];
    run_cases(&app, &editor, &e, cycle).await;
    // An unknown, well-formed id is NOT_FOUND on update and `null` on lookup.
    let response = assert_fails(
        &app,
        &editor,
        "update of an unknown id",
        &update_mutation("Processor"),
        json!({ "id": unknown_id(), "input": processor_input("Ghost"), "rev": 1 }),
        "NOT_FOUND",
        None,
    )
    .await;
    assert!(response["errors"][0]["extensions"]["field"].is_null());
    let data = app
        .gql_ok(
            &admin,
            "query($id: ID!) { processor(id: $id) { id } }",
            json!({ "id": unknown_id() }),
        )
        .await;
    assert!(data["processor"].is_null());
}

#[tokio::test]
async fn countries_dates_and_texts_are_checked() {
    let (app, admin, e) = setup().await;
    let org_update = "mutation($input: UpdateOrganizationInput!) {
        updateOrganization(input: $input, expectedRevision: 1) { id } }";
    let org = |patch: Value| {
        let input = json!({ "legalName": "Acme B.V.", "defaultLanguage": "NL" });
        json!({ "input": merged(input, patch) })
    };
    let address = |country: &str| {
        json!({ "address": {
            "street": "Dam 1", "postalCode": "1012 JS", "city": "Amsterdam", "country": country,
        } })
    };
    let agreement = |patch: Value| json!({ "input": merged(agreement_input(&e.processor), patch) });
    let activity = |patch: Value| {
        let input = activity_input(
            "Checked",
            &[&e.data_category],
            &[&e.data_subject_category],
            &[],
        );
        json!({ "input": merged(input, patch) })
    };
    let special = crate::auth::create(
        &app,
        &admin,
        "DataCategory",
        with(
            category_input("health.data"),
            "specialCategory",
            json!(true),
        ),
    )
    .await;
    let processor = create_mutation("Processor");
    let country =
        |code: &str| json!({ "input": with(processor_input("P"), "country", json!(code)) });
    let cases = vec![
        case("country XX", processor.clone(), country("XX"), "input.country"),
        case("country NLD", processor.clone(), country("NLD"), "input.country"),
        case("empty country", processor.clone(), country(""), "input.country"),
        case(
            "an update to country XX",
            update_mutation("Processor"),
            json!({ "id": e.processor, "input": with(processor_input("P"), "country", json!("XX")), "rev": 1 }),
            "input.country",
        ),
        case("address country NLD", org_update.into(), org(address("NLD")), "input.address.country"),
        case(
            "transfer country XX",
            create_mutation("ProcessingActivity"),
            activity(json!({ "transfers": [{ "country": "XX", "safeguard": "NONE" }] })),
            "input.transfers.0.country",
        ),
        case(
            "expiresOn before signedOn",
            create_mutation("ProcessingAgreement"),
            agreement(json!({ "status": "SIGNED", "signedOn": "2025-06-01", "expiresOn": "2025-05-31" })),
            "input.expiresOn",
        ),
        case(
            "SIGNED without signedOn",
            create_mutation("ProcessingAgreement"),
            agreement(json!({ "status": "SIGNED" })),
            "input.signedOn",
        ),
        case("empty processor name", processor.clone(), json!({ "input": processor_input("") }), "input.name"),
        case("blank processor name", processor.clone(), json!({ "input": processor_input(" \t\n ") }), "input.name"),
        case("blank legal name", org_update.into(), org(json!({ "legalName": "   " })), "input.legalName"),
        case(
            "no name translations",
            create_mutation("DataCategory"),
            json!({ "input": with(category_input("new.key"), "name", json!([])) }),
            "input.name",
        ),
        case(
            "a blank translation",
            create_mutation("DataSubjectCategory"),
            json!({ "input": with(subject_input("new.key"), "name", json!([{ "language": "NL", "text": "  " }])) }),
            "input.name.0.text",
        ),
        case(
            "a language twice",
            create_mutation("DataCategory"),
            json!({ "input": with(category_input("new.key"), "name", json!([
                { "language": "EN", "text": "Name" }, { "language": "NL", "text": "Naam" }, { "language": "EN", "text": "Other" }
            ])) }),
            "input.name.2.language",
        ),
        case(
            "a language twice in a purpose",
            create_mutation("ProcessingActivity"),
            activity(json!({ "purpose": [{ "language": "NL", "text": "a" }, { "language": "NL", "text": "b" }] })),
            "input.purpose.1.language",
        ),
        case(
            "an empty purpose",
            create_mutation("ProcessingActivity"),
            activity(json!({ "purpose": [] })),
            "input.purpose",
        ),
        case(
            "legitimate interests without the interest",
            create_mutation("ProcessingActivity"),
            activity(json!({ "legalBases": [{ "code": "CONSENT" }, { "code": "LEGITIMATE_INTERESTS" }] })),
            "input.legalBases.1.legitimateInterest",
        ),
        case(
            "legitimate interests with a blank interest",
            create_mutation("ProcessingActivity"),
            activity(json!({ "legalBases": [{ "code": "LEGITIMATE_INTERESTS", "legitimateInterest": text(" ") }] })),
            "input.legalBases.0.legitimateInterest.0.text",
        ),
        case(
            "an active activity without legal basis",
            create_mutation("ProcessingActivity"),
            activity(json!({ "legalBases": [] })),
            "input.legalBases",
        ),
        case(
            "retention period `two years`",
            create_mutation("ProcessingActivity"),
            activity(json!({ "retention": { "period": "two years" } })),
            "input.retention.period",
        ),
        case(
            "retention period `P`",
            create_mutation("ProcessingActivity"),
            activity(json!({ "retention": { "period": "P" } })),
            "input.retention.period",
        ),
        case(
            "an empty retention",
            create_mutation("ProcessingActivity"),
            activity(json!({ "retention": {} })),
            "input.retention",
        ),
        case(
            "an update with a bad retention",
            update_mutation("ProcessingActivity"),
            json!({
                "id": e.activity,
                "input": with(activity_input("Changed", &[&e.data_category], &[&e.data_subject_category], &[]), "retention", json!({ "period": "2Y" })),
                "rev": 1,
            }),
            "input.retention.period",
        ),
        case(
            "response period `4 weeks`",
            "mutation { updateRightsPolicy(input: { responsePeriod: \"4 weeks\" }, expectedRevision: 0) { id } }".into(),
            json!({}),
            "input.responsePeriod",
        ),
        case(
            "marketing follow-up `forever`",
            "mutation { updateRightsPolicy(input: { responsePeriod: \"P4W\", marketingFollowUpPeriod: \"forever\" }, expectedRevision: 0) { id } }".into(),
            json!({}),
            "input.marketingFollowUpPeriod",
        ),
        case("contact e-mail without domain", org_update.into(), org(json!({ "contactEmail": "privacy@" })), "input.contactEmail"),
        case("privacy e-mail with a space", org_update.into(), org(json!({ "privacyEmail": "a b@acme.nl" })), "input.privacyEmail"),
        case(
            "DPO e-mail without @",
            org_update.into(),
            org(json!({ "dpo": { "name": "Dee Pee", "email": "dpo.acme.nl" } })),
            "input.dpo.email",
        ),
        case(
            "processor contact e-mail",
            processor.clone(),
            json!({ "input": with(processor_input("P"), "contact", json!({ "name": "Desk", "email": "desk@localhost" })) }),
            "input.contact.email",
        ),
        case("a website that is no URL", org_update.into(), org(json!({ "websites": ["acme.nl"] })), "input.websites.0"),
        case(
            "a bad data category key",
            create_mutation("DataCategory"),
            json!({ "input": category_input("Contact Email") }),
            "input.key",
        ),
        case(
            "opt-out after 400 working days",
            "mutation { updateRightsPolicy(input: { responsePeriod: \"P4W\", optOutWorkingDays: 400 }, expectedRevision: 0) { id } }".into(),
            json!({}),
            "input.optOutWorkingDays",
        ),
        case(
            "a right twice",
            "mutation { updateRightsPolicy(input: { responsePeriod: \"P4W\", rights: [{ right: ACCESS }, { right: ERASURE }, { right: ACCESS }] }, expectedRevision: 0) { id } }".into(),
            json!({}),
            "input.rights.2.right",
        ),
        case(
            "a legal basis twice",
            create_mutation("ProcessingActivity"),
            activity(json!({ "legalBases": [{ "code": "CONSENT" }, { "code": "CONSENT" }] })),
            "input.legalBases.1.code",
        ),
        case(
            "a legitimate interest on consent",
            create_mutation("ProcessingActivity"),
            activity(json!({ "legalBases": [{ "code": "CONSENT", "legitimateInterest": text("Ours") }] })),
            "input.legalBases.0.legitimateInterest",
        ),
        case(
            "special category data without an Art. 9(2) condition",
            create_mutation("ProcessingActivity"),
            activity(json!({ "dataCategoryIds": [special] })),
            "input.specialCategoryConditions",
        ),
        case(
            "a supervisory authority URL without scheme",
            org_update.into(),
            org(json!({ "supervisoryAuthority": { "name": "AP", "url": "autoriteitpersoonsgegevens.nl" } })),
            "input.supervisoryAuthority.url",
        ),
        case(
            "a malformed transfer recipient",
            create_mutation("ProcessingActivity"),
            activity(json!({ "transfers": [{ "country": "US", "recipientId": "x", "safeguard": "NONE" }] })),
            "input.transfers.0.recipientId",
        ),
        case(
            "a name over 10000 characters",
            processor.clone(),
            json!({ "input": processor_input(&"x".repeat(10_001)) }),
            "input.name",
        ),
    ];
    run_cases(&app, &admin, &e, cases).await;
}

/// A sub-processor names the processor it works for, and only it has a
/// parent. A processor outside the EEA receives a third-country transfer,
/// which needs a safeguard; inside it there is none, and an activity's
/// transfers are to third countries only.
#[tokio::test]
async fn processor_roles_parents_and_transfers_follow_the_eea() {
    let (app, admin, e) = setup().await;
    let processor = |patch: Value| json!({ "input": merged(processor_input("P"), patch) });
    let activity = |transfer: Value| {
        let input = activity_input(
            "Transfers",
            &[&e.data_category],
            &[&e.data_subject_category],
            &[],
        );
        json!({ "input": with(input, "transfers", json!([transfer])) })
    };
    let create = create_mutation("Processor");
    let cases = vec![
        case(
            "a sub-processor without parent",
            create.clone(),
            processor(json!({ "role": "SUB_PROCESSOR" })),
            "input.parentId",
        ),
        case(
            "a processor with a parent",
            create.clone(),
            processor(json!({ "parentId": e.processor })),
            "input.parentId",
        ),
        case(
            "a joint controller with a parent",
            create.clone(),
            processor(json!({ "role": "JOINT_CONTROLLER", "parentId": e.processor })),
            "input.parentId",
        ),
        case(
            "a processor in the US without safeguard",
            create.clone(),
            processor(json!({ "country": "US" })),
            "input.transferSafeguard",
        ),
        case(
            "a processor in Switzerland (lower case) without safeguard",
            create.clone(),
            processor(json!({ "country": "ch" })),
            "input.transferSafeguard",
        ),
        case(
            "an update moving a processor to the US without safeguard",
            update_mutation("Processor"),
            json!({ "id": e.processor, "input": with(processor_input("P"), "country", json!("US")), "rev": 1 }),
            "input.transferSafeguard",
        ),
        case(
            "a processor in Norway with a safeguard",
            create.clone(),
            processor(
                json!({ "country": "NO", "transferSafeguard": "STANDARD_CONTRACTUAL_CLAUSES" }),
            ),
            "input.transferSafeguard",
        ),
        case(
            "a transfer to the Netherlands",
            create_mutation("ProcessingActivity"),
            activity(json!({ "country": "NL", "safeguard": "STANDARD_CONTRACTUAL_CLAUSES" })),
            "input.transfers.0.country",
        ),
        case(
            "a transfer to Liechtenstein (lower case)",
            create_mutation("ProcessingActivity"),
            activity(json!({ "country": "li", "safeguard": "NONE" })),
            "input.transfers.0.country",
        ),
    ];
    run_cases(&app, &admin, &e, cases).await;

    // Outside the EEA with a safeguard, or with `NONE` to record that there
    // is none; transfers to third countries.
    for (country, safeguard) in [("CH", "ADEQUACY_DECISION"), ("us", "NONE")] {
        let data = app
            .gql_ok(
                &admin,
                "mutation($input: ProcessorInput!) { createProcessor(input: $input) { transferSafeguard } }",
                processor(json!({ "country": country, "transferSafeguard": safeguard })),
            )
            .await;
        assert_eq!(data["createProcessor"]["transferSafeguard"], safeguard);
    }
    let data = app
        .gql_ok(
            &admin,
            "mutation($input: ProcessingActivityInput!) { createProcessingActivity(input: $input) { transfers { country safeguard } } }",
            activity(json!({ "country": "ch", "safeguard": "ADEQUACY_DECISION" })),
        )
        .await;
    assert_eq!(
        data["createProcessingActivity"]["transfers"],
        json!([{ "country": "CH", "safeguard": "ADEQUACY_DECISION" }])
    );
}

/// Archiving is final: an archived entry is neither archived again nor
/// changed (`CONFLICT`, nothing written), and takes no new references
/// (`VALIDATION_FAILED` on the field naming it). Links made before it was
/// archived stay valid.
#[tokio::test]
async fn archived_entries_take_no_changes_and_no_new_references() {
    let (app, admin, e) = setup().await;
    let gone = Entries::create(&app, &admin, "gone").await;
    for kind in KINDS {
        app.gql_ok(
            &admin,
            &archive_mutation(kind),
            json!({ "id": gone.id(kind), "rev": 1 }),
        )
        .await;
    }
    let mut final_cases = Vec::new();
    for kind in KINDS {
        let conflict = |what: &str, query: String, variables: Value| Case {
            what: format!("{what} {kind}"),
            query,
            variables,
            code: "CONFLICT",
            field: None,
        };
        let id = gone.id(kind);
        final_cases.extend([
            conflict(
                "archive the archived",
                archive_mutation(kind),
                json!({ "id": id, "rev": 2 }),
            ),
            conflict(
                "update the archived",
                update_mutation(kind),
                json!({ "id": id, "input": e.input(kind, "gone.again"), "rev": 2 }),
            ),
        ]);
    }
    run_cases(&app, &admin, &gone, final_cases).await;
    let again = assert_fails(
        &app,
        &admin,
        "archive twice",
        &archive_mutation("DataCategory"),
        json!({ "id": gone.data_category, "rev": 2 }),
        "CONFLICT",
        None,
    )
    .await;
    assert!(
        again["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("already archived"),
        "{again}"
    );

    let (c, s, p) = (&e.data_category, &e.data_subject_category, &e.processor);
    let activity = |input: Value| json!({ "input": input });
    let with_transfer = with(
        activity_input("Abroad", &[c], &[s], &[]),
        "transfers",
        json!([{ "country": "US", "recipientId": gone.processor, "safeguard": "NONE" }]),
    );
    let reference_cases = vec![
        case(
            "an archived data category",
            create_mutation("ProcessingActivity"),
            activity(activity_input("New", &[c, &gone.data_category], &[s], &[])),
            "input.dataCategoryIds.1",
        ),
        case(
            "an archived data subject category",
            create_mutation("ProcessingActivity"),
            activity(activity_input(
                "New",
                &[c],
                &[&gone.data_subject_category],
                &[],
            )),
            "input.dataSubjectCategoryIds.0",
        ),
        case(
            "an archived recipient",
            create_mutation("ProcessingActivity"),
            activity(activity_input("New", &[c], &[s], &[p, &gone.processor])),
            "input.recipientIds.1",
        ),
        case(
            "an archived transfer recipient",
            create_mutation("ProcessingActivity"),
            activity(with_transfer),
            "input.transfers.0.recipientId",
        ),
        case(
            "an agreement with an archived processor",
            create_mutation("ProcessingAgreement"),
            json!({ "input": agreement_input(&gone.processor) }),
            "input.processorId",
        ),
        case(
            "an archived parent processor",
            create_mutation("Processor"),
            json!({ "input": sub_processor_input("Sub", &gone.processor) }),
            "input.parentId",
        ),
        case(
            "an update linking an archived data category",
            update_mutation("ProcessingActivity"),
            json!({ "id": e.activity, "input": activity_input("Changed", &[c, &gone.data_category], &[s], &[p]), "rev": 1 }),
            "input.dataCategoryIds.1",
        ),
        case(
            "an update moving an agreement to an archived processor",
            update_mutation("ProcessingAgreement"),
            json!({ "id": e.agreement, "input": agreement_input(&gone.processor), "rev": 1 }),
            "input.processorId",
        ),
        case(
            "an update putting a processor under an archived one",
            update_mutation("Processor"),
            json!({ "id": e.processor, "input": sub_processor_input("Sub", &gone.processor), "rev": 1 }),
            "input.parentId",
        ),
    ];
    run_cases(&app, &admin, &e, reference_cases).await;

    // Links made before the archiving stay valid: the entries that hold
    // them can still be saved with them.
    let kept = Entries::create(&app, &admin, "kept").await;
    let sub = crate::auth::create(
        &app,
        &admin,
        "Processor",
        sub_processor_input("Kept sub", &kept.processor),
    )
    .await;
    let linked = with(
        kept.input("ProcessingActivity", "kept"),
        "transfers",
        json!([{ "country": "US", "recipientId": kept.processor, "safeguard": "NONE" }]),
    );
    app.gql_ok(
        &admin,
        &update_mutation("ProcessingActivity"),
        json!({ "id": kept.activity, "input": linked, "rev": 1 }),
    )
    .await;
    for kind in ["DataCategory", "DataSubjectCategory", "Processor"] {
        app.gql_ok(
            &admin,
            &archive_mutation(kind),
            json!({ "id": kept.id(kind), "rev": 1 }),
        )
        .await;
    }
    for (kind, id, input, rev) in [
        ("ProcessingActivity", &kept.activity, linked, 2),
        (
            "ProcessingAgreement",
            &kept.agreement,
            kept.input("ProcessingAgreement", "kept"),
            1,
        ),
        (
            "Processor",
            &sub,
            sub_processor_input("Kept sub", &kept.processor),
            1,
        ),
    ] {
        let data = app
            .gql_ok(
                &admin,
                &update_mutation(kind),
                json!({ "id": id, "input": input, "rev": rev }),
            )
            .await;
        assert_eq!(data[format!("update{kind}")]["revision"], rev + 1, "{kind}");
    }
    let data = app
        .gql_ok(
            &admin,
            "query($id: ID!) { processingActivity(id: $id) {
               dataCategories { id archivedAt } recipients { id archivedAt } transfers { recipient { id } } } }",
            json!({ "id": kept.activity }),
        )
        .await;
    let activity = &data["processingActivity"];
    assert_eq!(activity["dataCategories"][0]["id"], kept.data_category);
    assert!(activity["dataCategories"][0]["archivedAt"].is_string());
    assert_eq!(activity["recipients"][0]["id"], kept.processor);
    assert_eq!(activity["transfers"][0]["recipient"]["id"], kept.processor);
}

/// Two concurrent changes that would each close half of a cycle of parent
/// processors: one is applied, the other sees it and is refused.
#[tokio::test]
async fn concurrent_parent_changes_never_close_a_cycle() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let root = crate::auth::create(&app, &admin, "Processor", processor_input("Root")).await;
    let editors = [
        app.token_for("alice", Some("acme"), Role::Editor),
        app.token_for("bob", Some("acme"), Role::Editor),
    ];
    for round in 0..10 {
        let mut subs = Vec::new();
        for name in ["A", "B"] {
            let input = sub_processor_input(&format!("{name}{round}"), &root);
            subs.push(crate::auth::create(&app, &admin, "Processor", input).await);
        }
        let under = |child: usize| json!({ "id": subs[child], "input": sub_processor_input("Moved", &subs[1 - child]), "rev": 1 });
        let update = update_mutation("Processor");
        let (first, second) = tokio::join!(
            app.gql(Some(&editors[0]), &update, under(0)),
            app.gql(Some(&editors[1]), &update, under(1)),
        );
        let refused: Vec<&Value> = [&first, &second]
            .into_iter()
            .filter(|response| !response["errors"].is_null())
            .collect();
        assert_eq!(refused.len(), 1, "round {round}: one of\n{first}\n{second}");
        assert_eq!(
            error_code(refused[0]),
            "VALIDATION_FAILED",
            "{}",
            refused[0]
        );
        assert_eq!(
            refused[0]["errors"][0]["extensions"]["field"],
            "input.parentId"
        );
    }
}

/// Values the GraphQL layer refuses before a resolver runs: still
/// `VALIDATION_FAILED`, still nothing changed.
#[tokio::test]
async fn values_of_the_wrong_shape_are_refused() {
    let (app, admin, e) = setup().await;
    let agreement = |signed_on: &str| {
        let input = with(agreement_input(&e.processor), "status", json!("SIGNED"));
        json!({ "input": with(input, "signedOn", json!(signed_on)) })
    };
    let shapes = [
        ("month 13 (variable)", create_mutation("ProcessingAgreement"), agreement("2025-13-45")),
        ("day 30 of February", create_mutation("ProcessingAgreement"), agreement("2025-02-30")),
        ("a date with a time", create_mutation("ProcessingAgreement"), agreement("2025-01-01T00:00:00Z")),
        (
            "month 13 (literal)",
            format!(
                "mutation {{ createProcessingAgreement(input: {{ processorId: {}, status: SIGNED, signedOn: \"2025-13-45\" }}) {{ id }} }}",
                e.processor
            ),
            json!({}),
        ),
        ("an unknown enum value", create_mutation("Processor"), json!({ "input": with(processor_input("P"), "role", json!("BOSS")) })),
        ("a missing required field", create_mutation("Processor"), json!({ "input": { "name": "P", "role": "PROCESSOR" } })),
        ("an unknown input field", create_mutation("DataCategory"), json!({ "input": with(category_input("new.key"), "colour", json!("red")) })),
        (
            "an Int out of range",
            update_mutation("Processor"),
            json!({ "id": e.processor, "input": processor_input("P"), "rev": 9_999_999_999_i64 }),
        ),
        ("a string for an Int", update_mutation("Processor"), json!({ "id": e.processor, "input": processor_input("P"), "rev": "one" })),
        ("an unknown field", "{ organization { slug shoeSize } }".into(), json!({})),
        ("an unknown argument", "{ processors(sortBy: NAME) { totalCount } }".into(), json!({})),
        ("a syntax error", "{ organization { slug ".into(), json!({})),
        ("an unknown operation", "mutation { dropRegister }".into(), json!({})),
    ];
    let register = register_state(&app, &admin).await;
    for (what, query, variables) in shapes {
        assert_fails(
            &app,
            &admin,
            what,
            &query,
            variables,
            "VALIDATION_FAILED",
            None,
        )
        .await;
    }
    assert_eq!(register_state(&app, &admin).await, register);
}

#[tokio::test]
async fn duplicate_keys_are_a_conflict() {
    let (app, admin, e) = setup().await;
    let register = register_state(&app, &admin).await;
    let state = e.state(&app, &admin).await;
    // `contact.email` is in the catalogue every organization starts with.
    for (kind, input) in [
        ("DataCategory", category_input("contact.email")),
        ("DataCategory", category_input("base.data")),
        ("DataSubjectCategory", subject_input("customers")),
        ("DataSubjectCategory", subject_input("base.subjects")),
    ] {
        assert_fails(
            &app,
            &admin,
            &format!("create {kind} {}", input["key"]),
            &create_mutation(kind),
            json!({ "input": input }),
            "CONFLICT",
            None,
        )
        .await;
    }
    // Renaming to a key in use is a conflict too, and the revision stays.
    assert_fails(
        &app,
        &admin,
        "rename to a key in use",
        &update_mutation("DataCategory"),
        json!({ "id": e.data_category, "input": category_input("contact.email"), "rev": 1 }),
        "CONFLICT",
        None,
    )
    .await;
    assert_eq!(register_state(&app, &admin).await, register);
    assert_eq!(e.state(&app, &admin).await, state);
    // A second organization may use the same keys.
    let other = app.organization("beta").await;
    app.gql_ok(
        &other,
        &create_mutation("DataCategory"),
        json!({ "input": category_input("base.data") }),
    )
    .await;
    // Slugs are unique and well-formed.
    let operator = app.token_for("operator", None, Role::Operator);
    let create_org =
        "mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }";
    assert_fails(
        &app,
        &operator,
        "an existing slug",
        create_org,
        json!({ "input": { "slug": "acme", "legalName": "Acme 2", "defaultLanguage": "EN" } }),
        "CONFLICT",
        None,
    )
    .await;
    let organizations = || entity::organization::Entity::find().count(&app.app.db);
    let before = organizations().await.expect("organizations are counted");
    for slug in ["Acme Corp", "-acme", "acme-", "a", "acme_corp", ""] {
        assert_fails(
            &app,
            &operator,
            &format!("slug `{slug}`"),
            create_org,
            json!({ "input": { "slug": slug, "legalName": "Bad slug", "defaultLanguage": "EN" } }),
            "VALIDATION_FAILED",
            Some("input.slug"),
        )
        .await;
    }
    assert_eq!(
        organizations().await.expect("organizations are counted"),
        before,
        "an organization with a bad slug was created"
    );
    assert_eq!(register_state(&app, &admin).await, register);
}

#[tokio::test]
async fn page_sizes_are_limited() {
    let (app, admin, _) = setup().await;
    for (args, field) in [
        ("first: 0", "first"),
        ("first: 1000", "first"),
        ("first: 101", "first"),
        ("first: -1", "first"),
        ("last: 0", "last"),
        ("last: 1000", "last"),
        ("first: 1, last: 1", "last"),
        ("after: \"not-a-cursor\"", "after"),
    ] {
        for list in ["dataCategories", "processors", "processingActivities"] {
            assert_fails(
                &app,
                &admin,
                &format!("{list}({args})"),
                &format!("{{ {list}({args}) {{ totalCount }} }}"),
                json!({}),
                "VALIDATION_FAILED",
                Some(field),
            )
            .await;
        }
    }
    for query in [
        "{ auditEvents(first: 0) { totalCount } }",
        "{ auditEvents(first: 1000) { totalCount } }",
        "{ organization { history(first: 0) { totalCount } } }",
    ] {
        assert_fails(
            &app,
            &admin,
            query,
            query,
            json!({}),
            "VALIDATION_FAILED",
            Some("first"),
        )
        .await;
    }
    // Nested, the error is on the one field (its parent list item is null).
    let response = app
        .gql(
            Some(&admin),
            "{ processors { nodes { history(first: 101) { totalCount } } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&response), "VALIDATION_FAILED", "{response}");
    assert_eq!(response["errors"][0]["extensions"]["field"], "first");
    assert_eq!(
        response["errors"][0]["path"],
        json!(["processors", "nodes", 0, "history"])
    );
    // The bounds themselves are fine.
    let data = app
        .gql_ok(
            &admin,
            "{ a: dataCategories(first: 1) { nodes { id } } b: dataCategories(first: 100) { totalCount nodes { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(data["a"]["nodes"].as_array().unwrap().len(), 1);
    let total = data["b"]["totalCount"].as_u64().unwrap().min(100) as usize;
    assert_eq!(data["b"]["nodes"].as_array().unwrap().len(), total);
}

#[tokio::test]
async fn deeply_nested_queries_are_refused() {
    let (app, admin, _) = setup().await;
    // processors -> nodes -> agreements -> processor -> agreements -> ...
    let mut selection = "id".to_string();
    for level in 0..12 {
        selection = if level % 2 == 0 {
            format!("processor {{ {selection} }}")
        } else {
            format!("agreements {{ {selection} }}")
        };
    }
    let deep = format!("{{ processors {{ nodes {{ agreements {{ {selection} }} }} }} }}");
    let before = app.statements();
    let response = assert_fails(
        &app,
        &admin,
        "a 16-deep query",
        &deep,
        json!({}),
        "VALIDATION_FAILED",
        None,
    )
    .await;
    assert!(
        response["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("deep"),
        "{response}"
    );
    assert_eq!(app.statements(), before, "the deep query was not run");
    // Depth through fragments counts the same.
    let fragments = "query { processors { nodes { ...P } } }
        fragment P on Processor { agreements { processor { agreements { processor { agreements { processor { agreements {
          processor { agreements { processor { agreements { processor { agreements { id } } } } } } } } } } } } } }";
    let response = assert_fails(
        &app,
        &admin,
        "depth via fragments",
        fragments,
        json!({}),
        "VALIDATION_FAILED",
        None,
    )
    .await;
    assert!(
        response["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("deep"),
        "{response}"
    );
    // A sensible depth works.
    app.gql_ok(
        &admin,
        "{ processors { nodes { agreements { processor { agreements { id } } } } } }",
        json!({}),
    )
    .await;
    // Many aliases of a page: each costs its size times its fields.
    let wide: String = (0..60)
        .map(|i| format!("a{i}: processors(first: 100) {{ nodes {{ id name country }} }} "))
        .collect();
    let response = assert_fails(
        &app,
        &admin,
        "a too complex query",
        &format!("{{ {wide} }}"),
        json!({}),
        "VALIDATION_FAILED",
        None,
    )
    .await;
    assert!(
        response["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("complex"),
        "{response}"
    );
}

/// Posts a raw body to `/graphql`.
async fn post_raw(app: &TestApp, token: &str, body: Vec<u8>) -> (u16, Value) {
    let response = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(token)
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .await
        .expect("request is sent");
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

#[tokio::test]
async fn bad_request_bodies_get_4xx() {
    let (app, admin, _) = setup().await;
    let register = register_state(&app, &admin).await;

    // Over 256 KiB: 413, even when it is a valid request.
    let big = json!({
        "query": "mutation($input: DataCategoryInput!) { createDataCategory(input: $input) { id } }",
        "variables": { "input": with(category_input("big.one"), "description", text(&"x".repeat(300 * 1024))) },
    });
    let (status, body) = post_raw(&app, &admin, big.to_string().into_bytes()).await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(error_code(&body), "PAYLOAD_TOO_LARGE");
    // Just under the limit is served.
    let padding = " ".repeat(250 * 1024);
    let near = format!("{{\"query\": \"{{ organization {{ slug }} }}\"{padding}}}");
    let (status, body) = post_raw(&app, &admin, near.into_bytes()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["organization"]["slug"], "acme");

    for (what, raw) in [
        ("not JSON", b"{ organization { slug } }".to_vec()),
        ("truncated JSON", b"{\"query\": \"{ organization".to_vec()),
        ("a JSON string", b"\"{ organization { slug } }\"".to_vec()),
        ("empty", Vec::new()),
        ("not UTF-8", vec![0xff, 0xfe, 0x00, 0x7b]),
    ] {
        let (status, body) = post_raw(&app, &admin, raw).await;
        assert_eq!(status, 400, "{what}: {body}");
        assert_eq!(error_code(&body), "BAD_REQUEST", "{what}");
    }
    // A JSON object without `query` is no GraphQL request.
    let (status, body) = post_raw(&app, &admin, b"{\"variables\": {}}".to_vec()).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_code(&body), "BAD_REQUEST");
    assert!(body.get("data").is_none());
    assert_eq!(register_state(&app, &admin).await, register);
}
