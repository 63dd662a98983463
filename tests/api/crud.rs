//! Create, read, update and archive every register entry through the API,
//! the organization and its rights policy, the seeded legal bases and
//! catalogue, localized fields, and the list filters an admin screen needs.

use std::collections::BTreeSet;

use ropa::auth::Role;
use serde_json::{json, Value};

use crate::common::{error_code, id_of, time, TestApp};

/// The GraphQL names of one kind of register entry.
struct Kind {
    /// The type, e.g. `DataCategory` (also `createDataCategory`, `DataCategoryInput`, ...).
    entity: &'static str,
    /// The list query, e.g. `dataCategories`.
    list: &'static str,
    /// The query by id, e.g. `dataCategory`.
    single: &'static str,
}

const DATA_CATEGORY: Kind = Kind {
    entity: "DataCategory",
    list: "dataCategories",
    single: "dataCategory",
};
const DATA_SUBJECT_CATEGORY: Kind = Kind {
    entity: "DataSubjectCategory",
    list: "dataSubjectCategories",
    single: "dataSubjectCategory",
};
const PROCESSOR: Kind = Kind {
    entity: "Processor",
    list: "processors",
    single: "processor",
};
const AGREEMENT: Kind = Kind {
    entity: "ProcessingAgreement",
    list: "processingAgreements",
    single: "processingAgreement",
};
const ACTIVITY: Kind = Kind {
    entity: "ProcessingActivity",
    list: "processingActivities",
    single: "processingActivity",
};

/// A localized text input in Dutch and English.
fn nl_en(nl: &str, en: &str) -> Value {
    json!([{ "language": "NL", "text": nl }, { "language": "EN", "text": en }])
}

fn only(language: &str, text: &str) -> Value {
    json!([{ "language": language, "text": text }])
}

/// An organization `acme` with its admin and an editor token.
async fn setup() -> (TestApp, String, String) {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let editor = app.token("acme", Role::Editor);
    (app, admin, editor)
}

fn create_query(kind: &Kind, selection: &str) -> String {
    format!(
        "mutation($input: {e}Input!) {{ create{e}(input: $input) {{ {selection} }} }}",
        e = kind.entity
    )
}

fn update_query(kind: &Kind, selection: &str) -> String {
    format!(
        "mutation($id: ID!, $input: {e}Input!, $rev: Int!) {{ update{e}(id: $id, input: $input, expectedRevision: $rev) {{ {selection} }} }}",
        e = kind.entity
    )
}

fn archive_query(kind: &Kind, selection: &str) -> String {
    format!(
        "mutation($id: ID!, $rev: Int!) {{ archive{e}(id: $id, expectedRevision: $rev) {{ {selection} }} }}",
        e = kind.entity
    )
}

async fn create(app: &TestApp, token: &str, kind: &Kind, input: Value, selection: &str) -> Value {
    let data = app
        .gql_ok(
            token,
            &create_query(kind, selection),
            json!({ "input": input }),
        )
        .await;
    data[format!("create{}", kind.entity)].clone()
}

async fn update(
    app: &TestApp,
    token: &str,
    kind: &Kind,
    id: &str,
    input: Value,
    revision: i64,
    selection: &str,
) -> Value {
    let data = app
        .gql_ok(
            token,
            &update_query(kind, selection),
            json!({ "id": id, "input": input, "rev": revision }),
        )
        .await;
    data[format!("update{}", kind.entity)].clone()
}

async fn get(app: &TestApp, token: &str, kind: &Kind, id: &str, selection: &str) -> Value {
    let query = format!(
        "query($id: ID!) {{ {}(id: $id) {{ {selection} }} }}",
        kind.single
    );
    app.gql_ok(token, &query, json!({ "id": id })).await[kind.single].clone()
}

/// The nodes of the first page of 100 of a list, after checking that
/// `totalCount` counts exactly them.
async fn list(
    app: &TestApp,
    token: &str,
    kind: &Kind,
    filter: Value,
    selection: &str,
) -> Vec<Value> {
    let query = format!(
        "query($filter: {e}Filter) {{ {l}(first: 100, filter: $filter) {{ totalCount pageInfo {{ hasNextPage }} nodes {{ {selection} }} }} }}",
        e = kind.entity,
        l = kind.list
    );
    let data = app.gql_ok(token, &query, json!({ "filter": filter })).await;
    let connection = &data[kind.list];
    assert_eq!(
        connection["pageInfo"]["hasNextPage"], false,
        "test lists fit one page"
    );
    let nodes = connection["nodes"].as_array().expect("nodes").clone();
    assert_eq!(
        connection["totalCount"].as_u64(),
        Some(nodes.len() as u64),
        "totalCount of {} with {filter}",
        kind.list
    );
    nodes
}

async fn list_ids(app: &TestApp, token: &str, kind: &Kind, filter: Value) -> BTreeSet<String> {
    list(app, token, kind, filter, "id")
        .await
        .iter()
        .map(id_of)
        .collect()
}

/// Archives `id` (at `revision`): it leaves the default list, comes back with
/// `includeArchived`, stays readable by id, and a stale archive is a conflict.
async fn archive_and_check(app: &TestApp, token: &str, kind: &Kind, id: &str, revision: i64) {
    let listed = list_ids(app, token, kind, json!(null)).await;
    assert!(listed.contains(id), "{id} is listed before archiving");
    let everything = list_ids(app, token, kind, json!({ "includeArchived": true })).await;

    let data = app
        .gql_ok(
            token,
            &archive_query(kind, "id revision archivedAt createdAt updatedAt"),
            json!({ "id": id, "rev": revision }),
        )
        .await;
    let archived = &data[format!("archive{}", kind.entity)];
    assert_eq!(archived["id"], id);
    assert_eq!(archived["revision"], revision + 1);
    let archived_at = time(&archived["archivedAt"]);
    assert!(archived_at >= time(&archived["createdAt"]));
    assert!(time(&archived["updatedAt"]) > time(&archived["createdAt"]));

    let remaining = list_ids(app, token, kind, json!(null)).await;
    assert!(
        !remaining.contains(id),
        "archived {id} left the default list"
    );
    assert_eq!(remaining.len(), listed.len() - 1);
    let explicit = list_ids(app, token, kind, json!({ "includeArchived": false })).await;
    assert_eq!(explicit, remaining);
    let all = list_ids(app, token, kind, json!({ "includeArchived": true })).await;
    assert!(
        all.contains(id),
        "includeArchived brings the archived entry back"
    );
    assert_eq!(all, everything);

    let read = get(app, token, kind, id, "id revision archivedAt").await;
    assert_eq!(read["revision"], revision + 1);
    assert_eq!(time(&read["archivedAt"]), archived_at);

    let stale = app
        .gql(
            Some(token),
            &archive_query(kind, "id"),
            json!({ "id": id, "rev": revision }),
        )
        .await;
    assert_eq!(error_code(&stale), "CONFLICT");
}

/// `update` with a stale revision is a conflict and changes nothing.
async fn assert_stale_update_conflicts(
    app: &TestApp,
    token: &str,
    kind: &Kind,
    id: &str,
    input: Value,
    stale: i64,
    selection: &str,
) {
    let before = get(app, token, kind, id, selection).await;
    let response = app
        .gql(
            Some(token),
            &update_query(kind, "id"),
            json!({ "id": id, "input": input, "rev": stale }),
        )
        .await;
    assert_eq!(error_code(&response), "CONFLICT", "{response:#}");
    assert_eq!(get(app, token, kind, id, selection).await, before);
}

/// The id of the catalogue entry with `key`.
async fn key_id(app: &TestApp, token: &str, kind: &Kind, key: &str) -> String {
    list(app, token, kind, json!(null), "id key")
        .await
        .iter()
        .find(|node| node["key"] == key)
        .map(id_of)
        .unwrap_or_else(|| panic!("{} has no {key}", kind.list))
}

const DATA_CATEGORY_FIELDS: &str = "id key name nl: name(language: NL) en: name(language: EN)
    nameTranslations { language text } description(language: EN)
    descriptionTranslations { language text } specialCategory criminalData
    revision createdAt updatedAt archivedAt";

#[tokio::test]
async fn data_categories_are_created_read_updated_and_archived() {
    let (app, _admin, editor) = setup().await;
    let catalogue = list_ids(&app, &editor, &DATA_CATEGORY, json!(null)).await;

    let created = create(
        &app,
        &editor,
        &DATA_CATEGORY,
        json!({
            "key": "health.allergies",
            "name": nl_en("allergieën", "allergies"),
            "description": nl_en("Allergieën die u ons meldt", "Allergies you tell us about"),
            "specialCategory": true,
            "criminalData": false,
        }),
        DATA_CATEGORY_FIELDS,
    )
    .await;
    assert_eq!(created["key"], "health.allergies");
    assert_eq!(created["name"], "allergieën", "NL is the default language");
    assert_eq!(created["nl"], "allergieën");
    assert_eq!(created["en"], "allergies");
    assert_eq!(
        created["nameTranslations"],
        json!([{ "language": "NL", "text": "allergieën" }, { "language": "EN", "text": "allergies" }])
    );
    assert_eq!(created["description"], "Allergies you tell us about");
    assert_eq!(
        created["descriptionTranslations"].as_array().unwrap().len(),
        2
    );
    assert_eq!(created["specialCategory"], true);
    assert_eq!(created["criminalData"], false);
    assert_eq!(created["revision"], 1);
    assert!(created["archivedAt"].is_null());
    assert_eq!(time(&created["createdAt"]), time(&created["updatedAt"]));
    let id = id_of(&created);

    // Read back by id and in the list.
    let read = get(&app, &editor, &DATA_CATEGORY, &id, DATA_CATEGORY_FIELDS).await;
    assert_eq!(read, created);
    let listed = list_ids(&app, &editor, &DATA_CATEGORY, json!(null)).await;
    assert_eq!(listed.len(), catalogue.len() + 1);
    assert!(listed.contains(&id));
    let unknown = get(
        &app,
        &editor,
        &DATA_CATEGORY,
        "0190b6a4-0000-7000-8000-000000000000",
        "id",
    )
    .await;
    assert!(unknown.is_null(), "an unknown id reads as null");

    // Update: the input replaces the entry; the revision rises by one.
    let input = json!({
        "key": "health.food_allergies",
        "name": nl_en("voedselallergieën", "food allergies"),
        "criminalData": true,
    });
    let updated = update(
        &app,
        &editor,
        &DATA_CATEGORY,
        &id,
        input.clone(),
        1,
        DATA_CATEGORY_FIELDS,
    )
    .await;
    assert_eq!(updated["id"], id);
    assert_eq!(updated["key"], "health.food_allergies");
    assert_eq!(updated["nl"], "voedselallergieën");
    assert_eq!(updated["en"], "food allergies");
    assert!(updated["description"].is_null());
    assert_eq!(updated["descriptionTranslations"], json!([]));
    assert_eq!(updated["specialCategory"], false);
    assert_eq!(updated["criminalData"], true);
    assert_eq!(updated["revision"], 2);
    assert_eq!(updated["createdAt"], created["createdAt"]);
    assert!(time(&updated["updatedAt"]) > time(&created["updatedAt"]));
    assert_eq!(
        get(&app, &editor, &DATA_CATEGORY, &id, DATA_CATEGORY_FIELDS).await,
        updated
    );

    assert_stale_update_conflicts(
        &app,
        &editor,
        &DATA_CATEGORY,
        &id,
        json!({ "key": "health.other", "name": only("EN", "other") }),
        1,
        DATA_CATEGORY_FIELDS,
    )
    .await;

    archive_and_check(&app, &editor, &DATA_CATEGORY, &id, 2).await;
}

const SUBJECT_FIELDS: &str = "id key name(language: EN) nl: name(language: NL)
    nameTranslations { language text } description(language: NL)
    revision createdAt updatedAt archivedAt";

#[tokio::test]
async fn data_subject_categories_are_created_read_updated_and_archived() {
    let (app, _admin, editor) = setup().await;
    let created = create(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        json!({
            "key": "customer.alumni",
            "name": nl_en("oud-cursisten", "alumni"),
            "description": nl_en("Wie eerder een cursus volgde", "Former course participants"),
        }),
        SUBJECT_FIELDS,
    )
    .await;
    assert_eq!(created["key"], "customer.alumni");
    assert_eq!(created["name"], "alumni");
    assert_eq!(created["nl"], "oud-cursisten");
    assert_eq!(created["description"], "Wie eerder een cursus volgde");
    assert_eq!(created["revision"], 1);
    assert!(created["archivedAt"].is_null());
    let id = id_of(&created);

    assert_eq!(
        get(&app, &editor, &DATA_SUBJECT_CATEGORY, &id, SUBJECT_FIELDS).await,
        created
    );
    let listed = list(&app, &editor, &DATA_SUBJECT_CATEGORY, json!(null), "id key").await;
    assert!(listed
        .iter()
        .any(|n| n["id"] == id && n["key"] == "customer.alumni"));

    let updated = update(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        &id,
        json!({ "key": "customer.former", "name": nl_en("oud-klanten", "former customers") }),
        1,
        SUBJECT_FIELDS,
    )
    .await;
    assert_eq!(updated["key"], "customer.former");
    assert_eq!(updated["name"], "former customers");
    assert_eq!(updated["nl"], "oud-klanten");
    assert!(updated["description"].is_null());
    assert_eq!(updated["revision"], 2);
    assert_eq!(updated["createdAt"], created["createdAt"]);
    assert!(time(&updated["updatedAt"]) > time(&created["updatedAt"]));

    let second = update(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        &id,
        json!({ "key": "customer.former", "name": only("NL", "voormalige klanten") }),
        2,
        SUBJECT_FIELDS,
    )
    .await;
    assert_eq!(second["revision"], 3);
    assert_eq!(
        second["nameTranslations"],
        json!([{ "language": "NL", "text": "voormalige klanten" }])
    );
    assert!(time(&second["updatedAt"]) > time(&updated["updatedAt"]));

    assert_stale_update_conflicts(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        &id,
        json!({ "key": "customer.stale", "name": only("EN", "stale") }),
        2,
        SUBJECT_FIELDS,
    )
    .await;
    archive_and_check(&app, &editor, &DATA_SUBJECT_CATEGORY, &id, 3).await;
}

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

const ACTIVITY_FIELDS: &str = "id revision createdAt updatedAt archivedAt
    name(language: EN) nl: name(language: NL) nameTranslations { language text }
    purpose(language: EN) purposeTranslations { language text }
    purposeCategory status owner position dpiaRequired
    legalBases { code legitimateInterest(language: EN) nlInterest: legitimateInterest(language: NL) }
    dataCategories { id key specialCategory } dataSubjectCategories { id key }
    recipients { id name }
    retention { period trigger description(language: EN) }
    specialCategoryConditions
    transfers { country safeguard recipient { id name } description(language: EN) }
    sources { kind description(language: EN) nl: description(language: NL) descriptionTranslations { language text } }
    securityMeasures(language: EN) automatedDecisionMaking(language: EN)
    automatedDecisionMakingTranslations { language text } requirement(language: EN)";

#[tokio::test]
async fn processing_activities_keep_every_field() {
    let (app, _admin, editor) = setup().await;
    let email = key_id(&app, &editor, &DATA_CATEGORY, "contact.email").await;
    let health = key_id(&app, &editor, &DATA_CATEGORY, "special.health").await;
    let customers = key_id(&app, &editor, &DATA_SUBJECT_CATEGORY, "customers").await;
    let subscribers = key_id(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        "newsletter_subscribers",
    )
    .await;
    let mailer = id_of(
        &create(
            &app,
            &editor,
            &PROCESSOR,
            json!({ "name": "Mailer B.V.", "role": "PROCESSOR", "country": "NL" }),
            "id",
        )
        .await,
    );
    let analytics = id_of(
        &create(
            &app,
            &editor,
            &PROCESSOR,
            json!({ "name": "Analytics Inc.", "role": "PROCESSOR", "country": "US", "transferSafeguard": "STANDARD_CONTRACTUAL_CLAUSES" }),
            "id",
        )
        .await,
    );

    let mut input = json!({
        "name": nl_en("Nieuwsbrief", "Newsletter"),
        "purpose": nl_en("Het versturen van onze nieuwsbrief", "Sending our newsletter"),
        "purposeCategory": "dpv:DirectMarketing",
        "status": "ACTIVE",
        "owner": "Marketing",
        "legalBases": [
            { "code": "CONSENT" },
            {
                "code": "LEGITIMATE_INTERESTS",
                "legitimateInterest": nl_en(
                    "Klanten informeren over vergelijkbare producten",
                    "Informing customers about similar products"
                )
            }
        ],
        "dataCategoryIds": [email, health],
        "dataSubjectCategoryIds": [customers, subscribers],
        "recipientIds": [mailer, analytics],
        "retention": {
            "period": "P2Y",
            "trigger": "LAST_PURCHASE",
            "description": nl_en("Twee jaar na de laatste aankoop", "Two years after the last purchase")
        },
        "specialCategoryConditions": ["EXPLICIT_CONSENT"],
        "transfers": [{
            "country": "us",
            "recipientId": analytics,
            "safeguard": "STANDARD_CONTRACTUAL_CLAUSES",
            "description": only("EN", "EU standard contractual clauses of 2021")
        }],
        "sources": [
            { "kind": "DATA_SUBJECT" },
            { "kind": "SOCIAL_MEDIA", "description": nl_en("LinkedIn-profiel", "LinkedIn profile") }
        ],
        "securityMeasures": nl_en("Versleuteling en toegangsbeheer", "Encryption and access control"),
        "automatedDecisionMaking": nl_en("Segmentatie op klikgedrag", "Segmentation by click behaviour"),
        "requirement": nl_en(
            "Niet verplicht; zonder e-mailadres geen nieuwsbrief",
            "Not required; without an e-mail address there is no newsletter"
        ),
        "dpiaRequired": true,
        "position": 3,
    });

    // Special category data needs an Art. 9(2) condition, and a legitimate
    // interests basis needs its interest spelled out.
    let mut without_condition = input.clone();
    without_condition["specialCategoryConditions"] = json!([]);
    let response = app
        .gql(
            Some(&editor),
            &create_query(&ACTIVITY, "id"),
            json!({ "input": without_condition }),
        )
        .await;
    assert_eq!(error_code(&response), "VALIDATION_FAILED");
    assert_eq!(
        response["errors"][0]["extensions"]["field"],
        "input.specialCategoryConditions"
    );
    let mut without_interest = input.clone();
    without_interest["legalBases"][1]
        .as_object_mut()
        .unwrap()
        .remove("legitimateInterest");
    let response = app
        .gql(
            Some(&editor),
            &create_query(&ACTIVITY, "id"),
            json!({ "input": without_interest }),
        )
        .await;
    assert_eq!(error_code(&response), "VALIDATION_FAILED");
    assert_eq!(
        response["errors"][0]["extensions"]["field"],
        "input.legalBases.1.legitimateInterest"
    );
    assert!(
        list_ids(&app, &editor, &ACTIVITY, json!({ "includeArchived": true }))
            .await
            .is_empty()
    );

    let created = create(&app, &editor, &ACTIVITY, input.clone(), ACTIVITY_FIELDS).await;
    let id = id_of(&created);
    assert_eq!(created["revision"], 1);
    assert!(created["archivedAt"].is_null());
    assert_eq!(created["name"], "Newsletter");
    assert_eq!(created["nl"], "Nieuwsbrief");
    assert_eq!(created["nameTranslations"].as_array().unwrap().len(), 2);
    assert_eq!(created["purpose"], "Sending our newsletter");
    assert_eq!(created["purposeCategory"], "dpv:DirectMarketing");
    assert_eq!(created["status"], "ACTIVE");
    assert_eq!(created["owner"], "Marketing");
    assert_eq!(created["position"], 3);
    assert_eq!(created["dpiaRequired"], true);
    assert_eq!(
        created["legalBases"],
        json!([
            { "code": "CONSENT", "legitimateInterest": null, "nlInterest": null },
            {
                "code": "LEGITIMATE_INTERESTS",
                "legitimateInterest": "Informing customers about similar products",
                "nlInterest": "Klanten informeren over vergelijkbare producten"
            }
        ])
    );
    assert_eq!(
        created["dataCategories"],
        json!([
            { "id": email, "key": "contact.email", "specialCategory": false },
            { "id": health, "key": "special.health", "specialCategory": true }
        ])
    );
    assert_eq!(
        created["dataSubjectCategories"],
        json!([
            { "id": customers, "key": "customers" },
            { "id": subscribers, "key": "newsletter_subscribers" }
        ])
    );
    assert_eq!(
        created["recipients"],
        json!([
            { "id": mailer, "name": "Mailer B.V." },
            { "id": analytics, "name": "Analytics Inc." }
        ])
    );
    assert_eq!(
        created["retention"],
        json!({ "period": "P2Y", "trigger": "LAST_PURCHASE", "description": "Two years after the last purchase" })
    );
    assert_eq!(
        created["specialCategoryConditions"],
        json!(["EXPLICIT_CONSENT"])
    );
    assert_eq!(
        created["transfers"],
        json!([{
            "country": "US",
            "safeguard": "STANDARD_CONTRACTUAL_CLAUSES",
            "recipient": { "id": analytics, "name": "Analytics Inc." },
            "description": "EU standard contractual clauses of 2021"
        }])
    );
    assert_eq!(
        created["sources"],
        json!([
            { "kind": "DATA_SUBJECT", "description": null, "nl": null, "descriptionTranslations": [] },
            { "kind": "SOCIAL_MEDIA", "description": "LinkedIn profile", "nl": "LinkedIn-profiel", "descriptionTranslations": [
                { "language": "NL", "text": "LinkedIn-profiel" },
                { "language": "EN", "text": "LinkedIn profile" }
            ] }
        ])
    );
    assert_eq!(created["securityMeasures"], "Encryption and access control");
    assert_eq!(
        created["automatedDecisionMaking"],
        "Segmentation by click behaviour"
    );
    assert_eq!(
        created["requirement"],
        "Not required; without an e-mail address there is no newsletter"
    );

    assert_eq!(
        get(&app, &editor, &ACTIVITY, &id, ACTIVITY_FIELDS).await,
        created
    );
    assert_eq!(
        list_ids(&app, &editor, &ACTIVITY, json!(null)).await,
        BTreeSet::from([id.clone()])
    );

    // The update replaces fields and links; absent optional fields are cleared.
    input = json!({
        "name": nl_en("Nieuwsbrief (oud)", "Newsletter (old)"),
        "purpose": only("NL", "Het versturen van onze nieuwsbrief"),
        "status": "RETIRED",
        "legalBases": [{ "code": "CONTRACT" }],
        "dataCategoryIds": [email],
        "dataSubjectCategoryIds": [subscribers],
        "recipientIds": [mailer],
        "retention": { "trigger": "CONSENT_WITHDRAWN" },
    });
    let updated = update(
        &app,
        &editor,
        &ACTIVITY,
        &id,
        input.clone(),
        1,
        ACTIVITY_FIELDS,
    )
    .await;
    assert_eq!(updated["revision"], 2);
    assert_eq!(updated["createdAt"], created["createdAt"]);
    assert!(time(&updated["updatedAt"]) > time(&created["updatedAt"]));
    assert_eq!(updated["name"], "Newsletter (old)");
    assert_eq!(
        updated["purpose"], "Het versturen van onze nieuwsbrief",
        "a missing translation falls back to the default language"
    );
    assert_eq!(updated["status"], "RETIRED");
    assert!(updated["owner"].is_null());
    assert!(updated["purposeCategory"].is_null());
    assert_eq!(updated["position"], 0);
    assert_eq!(updated["dpiaRequired"], false);
    assert_eq!(
        updated["legalBases"],
        json!([{ "code": "CONTRACT", "legitimateInterest": null, "nlInterest": null }])
    );
    assert_eq!(
        updated["dataCategories"],
        json!([{ "id": email, "key": "contact.email", "specialCategory": false }])
    );
    assert_eq!(
        updated["dataSubjectCategories"],
        json!([{ "id": subscribers, "key": "newsletter_subscribers" }])
    );
    assert_eq!(
        updated["recipients"],
        json!([{ "id": mailer, "name": "Mailer B.V." }])
    );
    assert_eq!(
        updated["retention"],
        json!({ "period": null, "trigger": "CONSENT_WITHDRAWN", "description": null })
    );
    assert_eq!(updated["specialCategoryConditions"], json!([]));
    assert_eq!(updated["transfers"], json!([]));
    assert_eq!(updated["sources"], json!([]));
    assert!(updated["securityMeasures"].is_null());
    assert!(updated["automatedDecisionMaking"].is_null());
    assert_eq!(updated["automatedDecisionMakingTranslations"], json!([]));
    assert!(updated["requirement"].is_null());
    assert_eq!(
        get(&app, &editor, &ACTIVITY, &id, ACTIVITY_FIELDS).await,
        updated
    );

    assert_stale_update_conflicts(&app, &editor, &ACTIVITY, &id, input, 1, ACTIVITY_FIELDS).await;
    archive_and_check(&app, &editor, &ACTIVITY, &id, 2).await;
}

const ORGANIZATION_FIELDS: &str = "id slug legalName tradeNames registrationNumber
    address { street postalCode city country } contactEmail privacyEmail phone
    supervisoryAuthority { name url } defaultLanguage dpo { name email phone }
    representative { name email phone } websites revision createdAt updatedAt";

const UPDATE_ORGANIZATION: &str = "mutation($input: UpdateOrganizationInput!, $rev: Int!) {
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

#[tokio::test]
async fn legal_bases_are_seeded_with_dutch_and_english_explanations() {
    let (app, _admin, editor) = setup().await;
    let data = app
        .gql_ok(
            &editor,
            "{ legalBases { code kind article name nameEn: name(language: EN)
                explanation nl: explanation(language: NL) en: explanation(language: EN)
                explanationTranslations { language text } } }",
            json!({}),
        )
        .await;
    let bases = data["legalBases"].as_array().unwrap();
    let of_kind =
        |kind: &str| -> Vec<&Value> { bases.iter().filter(|b| b["kind"] == kind).collect() };

    let art6 = of_kind("ART6");
    let codes: Vec<&str> = art6.iter().map(|b| b["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        [
            "CONSENT",
            "CONTRACT",
            "LEGAL_OBLIGATION",
            "VITAL_INTERESTS",
            "PUBLIC_TASK",
            "LEGITIMATE_INTERESTS"
        ]
    );
    let articles: Vec<&str> = art6
        .iter()
        .map(|b| b["article"].as_str().unwrap())
        .collect();
    assert_eq!(
        articles,
        ["6(1)(a)", "6(1)(b)", "6(1)(c)", "6(1)(d)", "6(1)(e)", "6(1)(f)"]
    );
    let consent = art6[0];
    assert_eq!(consent["name"], "toestemming");
    assert_eq!(consent["nameEn"], "consent");

    // The Art. 9(2) conditions carry the `SpecialCategoryCondition` names an
    // activity's `specialCategoryConditions` uses.
    let art9 = of_kind("ART9");
    let codes: BTreeSet<&str> = art9.iter().map(|b| b["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        BTreeSet::from([
            "EXPLICIT_CONSENT",
            "EMPLOYMENT_SOCIAL_SECURITY",
            "VITAL_INTERESTS",
            "NOT_FOR_PROFIT",
            "MADE_PUBLIC",
            "LEGAL_CLAIMS",
            "SUBSTANTIAL_PUBLIC_INTEREST",
            "HEALTH_CARE",
            "PUBLIC_HEALTH",
            "ARCHIVING_RESEARCH"
        ])
    );
    assert!(art9
        .iter()
        .all(|b| b["article"].as_str().unwrap().starts_with("9(2)(")));
    assert_eq!(bases.len(), 16);

    for basis in bases {
        let nl = basis["nl"].as_str().unwrap();
        let en = basis["en"].as_str().unwrap();
        assert!(!nl.is_empty() && !en.is_empty(), "{basis}");
        assert_ne!(nl, en, "{basis} has a Dutch and an English explanation");
        assert_eq!(basis["explanation"], nl, "NL is the default language");
        assert_eq!(
            basis["explanationTranslations"],
            json!([{ "language": "NL", "text": nl }, { "language": "EN", "text": en }])
        );
    }
}

#[tokio::test]
async fn a_new_organization_starts_with_the_default_catalogue() {
    let (app, _admin, editor) = setup().await;
    for kind in [&DATA_CATEGORY, &DATA_SUBJECT_CATEGORY] {
        let nodes = list(
            &app,
            &editor,
            kind,
            json!(null),
            "key nl: name(language: NL) en: name(language: EN) revision archivedAt",
        )
        .await;
        assert!(nodes.len() >= 5, "{} has a catalogue", kind.list);
        for node in &nodes {
            let nl = node["nl"].as_str().unwrap();
            let en = node["en"].as_str().unwrap();
            assert!(!nl.is_empty() && !en.is_empty(), "{node}");
            assert_eq!(node["revision"], 1);
            assert!(node["archivedAt"].is_null());
        }
        let keys: BTreeSet<&str> = nodes.iter().map(|n| n["key"].as_str().unwrap()).collect();
        assert_eq!(keys.len(), nodes.len(), "catalogue keys are unique");
    }
    let categories = list(
        &app,
        &editor,
        &DATA_CATEGORY,
        json!(null),
        "key nl: name(language: NL) en: name(language: EN) specialCategory",
    )
    .await;
    let email = categories
        .iter()
        .find(|c| c["key"] == "contact.email")
        .expect("contact.email is in the catalogue");
    assert_eq!(email["nl"], "e-mailadres");
    assert_eq!(email["en"], "e-mail address");
    assert_eq!(email["specialCategory"], false);
    assert!(
        categories.iter().any(|c| c["specialCategory"] == true),
        "the catalogue has a special category"
    );
    let subjects = list(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        json!(null),
        "key nl: name(language: NL) en: name(language: EN)",
    )
    .await;
    let customers = subjects
        .iter()
        .find(|s| s["key"] == "customers")
        .expect("customers are in the catalogue");
    assert_eq!(customers["nl"], "klanten");
    assert_eq!(customers["en"], "customers");
}

#[tokio::test]
async fn localized_fields_fall_back_to_the_default_language() {
    let (app, admin, editor) = setup().await;
    let fields = "default: name nl: name(language: NL) en: name(language: EN)
        nameTranslations { language text } description(language: EN) descriptionTranslations { language text }";
    let both = id_of(
        &create(
            &app,
            &editor,
            &DATA_SUBJECT_CATEGORY,
            json!({ "key": "alumni", "name": nl_en("oud-cursisten", "alumni") }),
            "id",
        )
        .await,
    );
    let dutch = id_of(
        &create(
            &app,
            &editor,
            &DATA_SUBJECT_CATEGORY,
            json!({ "key": "volunteers", "name": only("NL", "vrijwilligers") }),
            "id",
        )
        .await,
    );
    let english = id_of(
        &create(
            &app,
            &editor,
            &DATA_SUBJECT_CATEGORY,
            json!({ "key": "partners", "name": only("EN", "partners") }),
            "id",
        )
        .await,
    );

    let read = get(&app, &editor, &DATA_SUBJECT_CATEGORY, &both, fields).await;
    assert_eq!(read["default"], "oud-cursisten");
    assert_eq!(read["nl"], "oud-cursisten");
    assert_eq!(read["en"], "alumni");
    assert_eq!(
        read["nameTranslations"],
        json!([{ "language": "NL", "text": "oud-cursisten" }, { "language": "EN", "text": "alumni" }])
    );
    assert!(read["description"].is_null(), "no text, no fallback");
    assert_eq!(read["descriptionTranslations"], json!([]));

    let read = get(&app, &editor, &DATA_SUBJECT_CATEGORY, &dutch, fields).await;
    assert_eq!(
        read["en"], "vrijwilligers",
        "EN falls back to NL, the default"
    );
    assert_eq!(read["default"], "vrijwilligers");
    assert_eq!(
        read["nameTranslations"],
        json!([{ "language": "NL", "text": "vrijwilligers" }])
    );

    let read = get(&app, &editor, &DATA_SUBJECT_CATEGORY, &english, fields).await;
    assert_eq!(
        read["nl"], "partners",
        "without the default language, any translation"
    );
    assert_eq!(read["default"], "partners");

    // The fallback follows the organization's default language.
    app.gql_ok(
        &admin,
        UPDATE_ORGANIZATION,
        json!({ "input": { "legalName": "acme B.V.", "defaultLanguage": "EN" }, "rev": 1 }),
    )
    .await;
    let read = get(&app, &editor, &DATA_SUBJECT_CATEGORY, &both, fields).await;
    assert_eq!(read["default"], "alumni");
    assert_eq!(read["nl"], "oud-cursisten");
    let listed = list(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        json!({ "search": "alumni" }),
        "name",
    )
    .await;
    assert_eq!(listed, vec![json!({ "name": "alumni" })]);
    let read = get(&app, &editor, &DATA_SUBJECT_CATEGORY, &dutch, fields).await;
    assert_eq!(read["en"], "vrijwilligers");
    assert_eq!(read["default"], "vrijwilligers");
}

/// DESIGN: every localized field `x` is readable as `x(language: Language)`
/// and as `xTranslations: [LocalizedText!]!`. Checked on the schema itself,
/// so a new type cannot offer only one of the two.
#[tokio::test]
async fn every_localized_field_is_readable_in_one_language_and_as_translations() {
    let (app, _admin, editor) = setup().await;
    let schema = app
        .gql_ok(
            &editor,
            "{ __schema { types { name kind fields { name args { name type { name kind ofType { name } } } } } } }",
            json!({}),
        )
        .await;
    let mut checked = 0;
    let mut gaps = Vec::new();
    for ty in schema["__schema"]["types"].as_array().unwrap() {
        if ty["kind"] != "OBJECT" || ty["name"].as_str().unwrap().starts_with("__") {
            continue;
        }
        let fields = ty["fields"].as_array().unwrap();
        for field in fields {
            let name = field["name"].as_str().unwrap();
            let Some(base) = name.strip_suffix("Translations") else {
                continue;
            };
            checked += 1;
            let takes_language =
                fields.iter().any(|f| {
                    f["name"] == base
                        && f["args"].as_array().unwrap().iter().any(|arg| {
                            arg["name"] == "language" && arg["type"]["name"] == "Language"
                        })
                });
            if !takes_language {
                gaps.push(format!("{}.{base}(language: Language)", ty["name"]));
            }
        }
    }
    assert!(gaps.is_empty(), "missing: {}", gaps.join(", "));
    assert!(checked >= 20, "only {checked} localized fields found");
}

/// English names of the activities a filter lets through.
async fn activity_names(app: &TestApp, token: &str, filter: Value) -> BTreeSet<String> {
    list(app, token, &ACTIVITY, filter, "name(language: EN)")
        .await
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_string())
        .collect()
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn activities_filter_by_status_text_legal_basis_data_subjects_and_processor() {
    let (app, _admin, editor) = setup().await;
    let email = key_id(&app, &editor, &DATA_CATEGORY, "contact.email").await;
    let name = key_id(&app, &editor, &DATA_CATEGORY, "identity.name").await;
    let device = key_id(&app, &editor, &DATA_CATEGORY, "online.device").await;
    let subscribers = key_id(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        "newsletter_subscribers",
    )
    .await;
    let employees = key_id(&app, &editor, &DATA_SUBJECT_CATEGORY, "employees").await;
    let visitors = key_id(&app, &editor, &DATA_SUBJECT_CATEGORY, "website_visitors").await;
    let mut processors = Vec::new();
    for name in ["Mailer", "Payroll Partners", "Analytics"] {
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
    let [mailer, payroll, analytics] = <[String; 3]>::try_from(processors).unwrap();

    let activity = |nl: &str,
                    en: &str,
                    purpose: &str,
                    status: &str,
                    bases: Value,
                    categories: Value,
                    subjects: Value,
                    recipients: Value| {
        json!({
            "name": nl_en(nl, en),
            "purpose": only("EN", purpose),
            "status": status,
            "legalBases": bases,
            "dataCategoryIds": categories,
            "dataSubjectCategoryIds": subjects,
            "recipientIds": recipients,
        })
    };
    let inputs = [
        activity(
            "Nieuwsbrief",
            "Newsletter",
            "Sending the monthly newsletter",
            "ACTIVE",
            json!([{ "code": "CONSENT" }]),
            json!([email]),
            json!([subscribers]),
            json!([mailer]),
        ),
        activity(
            "Salarisadministratie",
            "Payroll",
            "Paying salaries",
            "DRAFT",
            json!([{ "code": "LEGAL_OBLIGATION" }, { "code": "CONTRACT" }]),
            json!([name]),
            json!([employees]),
            json!([payroll]),
        ),
        activity(
            "Webstatistieken",
            "Website analytics",
            "Measuring how the website is used",
            "ACTIVE",
            json!([{ "code": "LEGITIMATE_INTERESTS", "legitimateInterest": only("EN", "Improving the site") }]),
            json!([device, email]),
            json!([visitors, subscribers]),
            json!([analytics, mailer]),
        ),
        activity(
            "Prijsvraag 2020",
            "Contest 2020",
            "Running the 2020 contest",
            "RETIRED",
            json!([{ "code": "CONSENT" }]),
            json!([name]),
            json!([]),
            json!([]),
        ),
    ];
    let mut ids = Vec::new();
    for input in inputs {
        ids.push(id_of(&create(&app, &editor, &ACTIVITY, input, "id").await));
    }
    archive_and_check(&app, &editor, &ACTIVITY, &ids[3], 1).await;

    let cases = [
        (
            json!(null),
            names(&["Newsletter", "Payroll", "Website analytics"]),
        ),
        (
            json!({ "includeArchived": true }),
            names(&["Newsletter", "Payroll", "Website analytics", "Contest 2020"]),
        ),
        (
            json!({ "status": "ACTIVE" }),
            names(&["Newsletter", "Website analytics"]),
        ),
        (json!({ "status": "DRAFT" }), names(&["Payroll"])),
        (json!({ "status": "RETIRED" }), names(&[])),
        (
            json!({ "status": "RETIRED", "includeArchived": true }),
            names(&["Contest 2020"]),
        ),
        (json!({ "search": "newsletter" }), names(&["Newsletter"])),
        (json!({ "search": "NIEUWSBRIEF" }), names(&["Newsletter"])),
        (json!({ "search": "salar" }), names(&["Payroll"])),
        (
            json!({ "search": "website" }),
            names(&["Website analytics"]),
        ),
        (json!({ "search": "  monthly " }), names(&["Newsletter"])),
        (json!({ "search": "%" }), names(&[])),
        (json!({ "search": "_" }), names(&[])),
        (json!({ "search": "contest" }), names(&[])),
        (
            json!({ "search": "" }),
            names(&["Newsletter", "Payroll", "Website analytics"]),
        ),
        (json!({ "legalBasis": "CONSENT" }), names(&["Newsletter"])),
        (json!({ "legalBasis": "CONTRACT" }), names(&["Payroll"])),
        (
            json!({ "legalBasis": "LEGAL_OBLIGATION" }),
            names(&["Payroll"]),
        ),
        (
            json!({ "legalBasis": "LEGITIMATE_INTERESTS" }),
            names(&["Website analytics"]),
        ),
        (json!({ "legalBasis": "PUBLIC_TASK" }), names(&[])),
        (
            json!({ "dataCategoryId": email }),
            names(&["Newsletter", "Website analytics"]),
        ),
        (json!({ "dataCategoryId": name }), names(&["Payroll"])),
        (
            json!({ "dataSubjectCategoryId": subscribers }),
            names(&["Newsletter", "Website analytics"]),
        ),
        (
            json!({ "dataSubjectCategoryId": employees }),
            names(&["Payroll"]),
        ),
        (
            json!({ "processorId": mailer }),
            names(&["Newsletter", "Website analytics"]),
        ),
        (json!({ "processorId": payroll }), names(&["Payroll"])),
        (
            json!({ "processorId": analytics }),
            names(&["Website analytics"]),
        ),
        (
            json!({ "status": "ACTIVE", "legalBasis": "CONSENT", "processorId": mailer }),
            names(&["Newsletter"]),
        ),
        (
            json!({ "dataCategoryId": email, "search": "analytics" }),
            names(&["Website analytics"]),
        ),
        (
            json!({ "status": "DRAFT", "processorId": mailer }),
            names(&[]),
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(
            activity_names(&app, &editor, filter.clone()).await,
            expected,
            "filter {filter}"
        );
    }

    let response = app
        .gql(
            Some(&editor),
            "{ processingActivities(filter: { processorId: \"nope\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&response), "VALIDATION_FAILED");
    assert_eq!(
        response["errors"][0]["extensions"]["field"],
        "filter.processorId"
    );
}

/// Keys of the data categories a filter lets through.
async fn category_keys(app: &TestApp, token: &str, filter: Value) -> BTreeSet<String> {
    list(app, token, &DATA_CATEGORY, filter, "key")
        .await
        .iter()
        .map(|n| n["key"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn data_categories_filter_by_text_and_special_category() {
    let (app, _admin, editor) = setup().await;
    let all = category_keys(&app, &editor, json!(null)).await;
    let catalogue_special = category_keys(&app, &editor, json!({ "specialCategory": true })).await;
    assert!(catalogue_special.contains("special.health"));

    create(
        &app,
        &editor,
        &DATA_CATEGORY,
        json!({ "key": "health.allergies", "name": nl_en("allergieën", "allergies"), "specialCategory": true }),
        "id",
    )
    .await;
    let fax = create(
        &app,
        &editor,
        &DATA_CATEGORY,
        json!({ "key": "contact.fax", "name": nl_en("faxnummer", "fax number") }),
        "id revision",
    )
    .await;

    let special = category_keys(&app, &editor, json!({ "specialCategory": true })).await;
    let mut expected = catalogue_special.clone();
    expected.insert("health.allergies".into());
    assert_eq!(special, expected);
    let ordinary = category_keys(&app, &editor, json!({ "specialCategory": false })).await;
    assert!(ordinary.contains("contact.fax") && ordinary.contains("contact.email"));
    assert!(ordinary.is_disjoint(&special));
    assert_eq!(ordinary.len() + special.len(), all.len() + 2);

    assert_eq!(
        category_keys(&app, &editor, json!({ "search": "fax" })).await,
        names(&["contact.fax"])
    );
    assert_eq!(
        category_keys(&app, &editor, json!({ "search": "FAXNUMMER" })).await,
        names(&["contact.fax"]),
        "Dutch names match, case-insensitively"
    );
    assert_eq!(
        category_keys(&app, &editor, json!({ "search": "ALLERGIES" })).await,
        names(&["health.allergies"])
    );
    let contact = category_keys(&app, &editor, json!({ "search": "contact." })).await;
    assert!(contact.contains("contact.fax") && contact.contains("contact.email"));
    assert!(
        contact.iter().all(|k| k.starts_with("contact.")),
        "{contact:?}"
    );
    assert_eq!(
        category_keys(
            &app,
            &editor,
            json!({ "search": "allerg", "specialCategory": true })
        )
        .await,
        names(&["health.allergies"])
    );
    assert_eq!(
        category_keys(
            &app,
            &editor,
            json!({ "search": "allerg", "specialCategory": false })
        )
        .await,
        names(&[])
    );
    assert_eq!(
        category_keys(&app, &editor, json!({ "search": "no such category" })).await,
        names(&[])
    );

    // Archived entries leave the search too, unless asked for.
    archive_and_check(&app, &editor, &DATA_CATEGORY, &id_of(&fax), 1).await;
    assert_eq!(
        category_keys(&app, &editor, json!({ "search": "fax" })).await,
        names(&[])
    );
    assert_eq!(
        category_keys(
            &app,
            &editor,
            json!({ "search": "fax", "includeArchived": true })
        )
        .await,
        names(&["contact.fax"])
    );
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
        json!({ "name": "Research Together Ltd", "role": "JOINT_CONTROLLER", "country": "GB", "transferSafeguard": "ADEQUACY_DECISION" }),
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
