//! The audit trail: every change writes one event with its actor, action,
//! entry and the entry before and after; failed changes write none; each
//! organization sees only its own events.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use ropa::auth::Role;
use serde_json::{json, Value};

use sea_orm::EntityTrait;

use crate::auth::{archive_mutation, update_mutation, Entries, KINDS};
use crate::common::{error_code, id_of, time, TestApp};

const EVENT_FIELDS: &str = "id actor action entityType entityId at before after";

fn en(text: &str) -> Value {
    json!([{ "language": "EN", "text": text }])
}

/// Every audit event `filter` selects, walking all pages, oldest first.
async fn events(app: &TestApp, token: &str, filter: Value) -> Vec<Value> {
    let query = format!(
        "query($filter: AuditEventFilter, $after: String) {{ auditEvents(first: 100, after: $after, filter: $filter) {{
            totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ {EVENT_FIELDS} }} }} }}"
    );
    let mut all = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let data = app
            .gql_ok(token, &query, json!({ "filter": filter, "after": after }))
            .await;
        let connection = &data["auditEvents"];
        all.extend(connection["nodes"].as_array().unwrap().iter().cloned());
        if connection["pageInfo"]["hasNextPage"] == false {
            assert_eq!(connection["totalCount"].as_u64(), Some(all.len() as u64));
            return all;
        }
        after = connection["pageInfo"]["endCursor"]
            .as_str()
            .map(str::to_string);
    }
}

async fn event_count(app: &TestApp, token: &str, filter: Value) -> u64 {
    let data = app
        .gql_ok(
            token,
            "query($filter: AuditEventFilter) { auditEvents(first: 1, filter: $filter) { totalCount } }",
            json!({ "filter": filter }),
        )
        .await;
    data["auditEvents"]["totalCount"].as_u64().unwrap()
}

/// The `history` of entry `id`, read through the query `single` (e.g. `processor`).
async fn history(app: &TestApp, token: &str, single: &str, id: &str) -> Vec<Value> {
    let query = format!(
        "query($id: ID!) {{ {single}(id: $id) {{ history(first: 100) {{ totalCount nodes {{ {EVENT_FIELDS} }} }} }} }}"
    );
    let data = app.gql_ok(token, &query, json!({ "id": id })).await;
    let history = &data[single]["history"];
    let nodes = history["nodes"].as_array().unwrap().clone();
    assert_eq!(history["totalCount"].as_u64(), Some(nodes.len() as u64));
    nodes
}

/// Checks the trail of one entry: `history` and `auditEvents` filtered by
/// the entry both give exactly `expected` (action, actor) in order, with
/// `before` absent only on creation and each `before` equal to the previous
/// `after`. Returns the events.
async fn check_trail(
    app: &TestApp,
    token: &str,
    entity_type: &str,
    single: Option<&str>,
    id: &str,
    expected: &[(&str, &str)],
) -> Vec<Value> {
    let trail = events(app, token, json!({ "entityId": id })).await;
    let actions: Vec<(&str, &str)> = trail
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["actor"].as_str().unwrap()))
        .collect();
    assert_eq!(actions, expected, "the trail of {entity_type} {id}");
    let mut previous: Option<&Value> = None;
    for event in &trail {
        assert_eq!(event["entityType"], entity_type);
        assert_eq!(event["entityId"], id);
        assert!(event["after"].is_object(), "{event:#}");
        assert_eq!(event["after"]["id"], id, "after is the entry itself");
        match previous {
            None => assert!(event["before"].is_null(), "before is null on create"),
            Some(previous) => {
                assert_eq!(
                    event["before"], previous["after"],
                    "an event starts where the one before it ended"
                );
                assert!(time(&event["at"]) >= time(&previous["at"]));
            }
        }
        previous = Some(event);
    }
    if let Some(single) = single {
        assert_eq!(
            history(app, token, single, id).await,
            trail,
            "history of {entity_type} {id}"
        );
    }
    trail
}

async fn mutate(app: &TestApp, token: &str, query: &str, variables: Value) -> Value {
    let data = app.gql_ok(token, query, variables).await;
    data.as_object()
        .and_then(|fields| fields.values().next())
        .cloned()
        .expect("one mutation field")
}

#[tokio::test]
async fn every_mutation_records_actor_action_and_the_entry_before_and_after() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let alice = app.token_for("alice", Some("acme"), Role::Editor);
    let bob = app.token_for("bob", Some("acme"), Role::Admin);

    // Data category.
    let category = mutate(
        &app,
        &alice,
        "mutation { createDataCategory(input: { key: \"health.allergies\", specialCategory: true,
            name: [{ language: NL, text: \"allergieën\" }, { language: EN, text: \"allergies\" }] }) { id } }",
        json!({}),
    )
    .await;
    let category = id_of(&category);
    mutate(
        &app,
        &alice,
        "mutation($id: ID!) { updateDataCategory(id: $id, expectedRevision: 1,
            input: { key: \"health.food_allergies\", name: [{ language: EN, text: \"food allergies\" }] }) { id } }",
        json!({ "id": category }),
    )
    .await;
    mutate(
        &app,
        &alice,
        "mutation($id: ID!) { archiveDataCategory(id: $id, expectedRevision: 2) { id } }",
        json!({ "id": category }),
    )
    .await;
    let trail = check_trail(
        &app,
        &alice,
        "DataCategory",
        Some("dataCategory"),
        &category,
        &[
            ("create", "alice"),
            ("update", "alice"),
            ("archive", "alice"),
        ],
    )
    .await;
    let (created, updated, archived) = (&trail[0]["after"], &trail[1]["after"], &trail[2]["after"]);
    assert_eq!(created["key"], "health.allergies");
    assert_eq!(
        created["name"],
        json!({ "nl": "allergieën", "en": "allergies" })
    );
    assert_eq!(created["specialCategory"], true);
    assert_eq!(created["revision"], 1);
    assert!(created["archivedAt"].is_null());
    assert_eq!(updated["key"], "health.food_allergies");
    assert_eq!(updated["name"], json!({ "en": "food allergies" }));
    assert_eq!(updated["specialCategory"], false);
    assert_eq!(updated["revision"], 2);
    assert_ne!(updated["updatedAt"], created["updatedAt"]);
    assert!(archived["archivedAt"].is_string());
    assert_eq!(archived["key"], "health.food_allergies");
    assert_eq!(archived["revision"], 3);

    // Data subject category.
    let subjects = id_of(
        &mutate(
            &app,
            &alice,
            "mutation { createDataSubjectCategory(input: { key: \"alumni\", name: [{ language: EN, text: \"alumni\" }] }) { id } }",
            json!({}),
        )
        .await,
    );
    mutate(
        &app,
        &alice,
        "mutation($id: ID!) { updateDataSubjectCategory(id: $id, expectedRevision: 1,
            input: { key: \"alumni\", name: [{ language: EN, text: \"former students\" }] }) { id } }",
        json!({ "id": subjects }),
    )
    .await;
    let trail = check_trail(
        &app,
        &alice,
        "DataSubjectCategory",
        Some("dataSubjectCategory"),
        &subjects,
        &[("create", "alice"), ("update", "alice")],
    )
    .await;
    assert_eq!(trail[0]["after"]["name"], json!({ "en": "alumni" }));
    assert_eq!(trail[1]["before"]["name"], json!({ "en": "alumni" }));
    assert_eq!(
        trail[1]["after"]["name"],
        json!({ "en": "former students" })
    );

    // Processor and its agreement.
    let processor = id_of(
        &mutate(
            &app,
            &alice,
            "mutation { createProcessor(input: { name: \"Mailer\", role: PROCESSOR, country: \"NL\" }) { id } }",
            json!({}),
        )
        .await,
    );
    mutate(
        &app,
        &alice,
        "mutation($id: ID!) { updateProcessor(id: $id, expectedRevision: 1,
            input: { name: \"Mailer\", role: PROCESSOR, country: \"US\", transferSafeguard: STANDARD_CONTRACTUAL_CLAUSES }) { id } }",
        json!({ "id": processor }),
    )
    .await;
    let trail = check_trail(
        &app,
        &alice,
        "Processor",
        Some("processor"),
        &processor,
        &[("create", "alice"), ("update", "alice")],
    )
    .await;
    assert_eq!(trail[0]["after"]["country"], "NL");
    assert!(trail[0]["after"]["transferSafeguard"].is_null());
    assert_eq!(trail[1]["after"]["country"], "US");
    assert!(trail[1]["after"]["transferSafeguard"].is_string());

    let agreement = id_of(
        &mutate(
            &app,
            &alice,
            "mutation($p: ID!) { createProcessingAgreement(input: { processorId: $p, status: DRAFT, clauses: [INSTRUCTIONS] }) { id } }",
            json!({ "p": processor }),
        )
        .await,
    );
    mutate(
        &app,
        &alice,
        "mutation($id: ID!, $p: ID!) { updateProcessingAgreement(id: $id, expectedRevision: 1,
            input: { processorId: $p, status: SIGNED, signedOn: \"2024-05-01\", clauses: [INSTRUCTIONS, AUDITS] }) { id } }",
        json!({ "id": agreement, "p": processor }),
    )
    .await;
    mutate(
        &app,
        &alice,
        "mutation($id: ID!) { archiveProcessingAgreement(id: $id, expectedRevision: 2) { id } }",
        json!({ "id": agreement }),
    )
    .await;
    let trail = check_trail(
        &app,
        &alice,
        "ProcessingAgreement",
        Some("processingAgreement"),
        &agreement,
        &[
            ("create", "alice"),
            ("update", "alice"),
            ("archive", "alice"),
        ],
    )
    .await;
    assert_eq!(trail[0]["after"]["status"], "DRAFT");
    assert_eq!(trail[0]["after"]["processorId"], processor);
    assert_eq!(trail[1]["after"]["status"], "SIGNED");
    assert_eq!(trail[1]["after"]["signedOn"], "2024-05-01");
    assert_eq!(
        trail[1]["after"]["clauses"],
        json!(["INSTRUCTIONS", "AUDITS"])
    );
    assert!(trail[2]["after"]["archivedAt"].is_string());

    // Processing activity: the trail holds its links too.
    let activity_input = |basis: Value| {
        json!({
            "name": en("Newsletter"),
            "purpose": en("Sending the newsletter"),
            "status": "ACTIVE",
            "legalBases": [basis],
            "dataCategoryIds": [],
            "dataSubjectCategoryIds": [subjects],
            "recipientIds": [processor],
        })
    };
    let activity = id_of(
        &mutate(
            &app,
            &alice,
            "mutation($input: ProcessingActivityInput!) { createProcessingActivity(input: $input) { id } }",
            json!({ "input": activity_input(json!({ "code": "CONSENT" })) }),
        )
        .await,
    );
    mutate(
        &app,
        &alice,
        "mutation($id: ID!, $input: ProcessingActivityInput!) { updateProcessingActivity(id: $id, input: $input, expectedRevision: 1) { id } }",
        json!({ "id": activity, "input": activity_input(json!({ "code": "LEGITIMATE_INTERESTS", "legitimateInterest": en("Keeping customers informed") })) }),
    )
    .await;
    mutate(
        &app,
        &alice,
        "mutation($id: ID!) { archiveProcessingActivity(id: $id, expectedRevision: 2) { id } }",
        json!({ "id": activity }),
    )
    .await;
    let trail = check_trail(
        &app,
        &alice,
        "ProcessingActivity",
        Some("processingActivity"),
        &activity,
        &[
            ("create", "alice"),
            ("update", "alice"),
            ("archive", "alice"),
        ],
    )
    .await;
    let created = &trail[0]["after"];
    assert_eq!(created["name"], json!({ "en": "Newsletter" }));
    assert_eq!(created["status"], "ACTIVE");
    assert_eq!(created["legalBases"].as_array().unwrap().len(), 1);
    assert_eq!(created["legalBases"][0]["code"], "CONSENT");
    assert_eq!(created["dataSubjectCategoryIds"], json!([subjects]));
    assert_eq!(created["recipientIds"], json!([processor]));
    assert_eq!(created["dataCategoryIds"], json!([]));
    let updated = &trail[1]["after"];
    assert_eq!(updated["legalBases"][0]["code"], "LEGITIMATE_INTERESTS");
    assert_eq!(
        updated["legalBases"][0]["legitimateInterest"],
        json!({ "en": "Keeping customers informed" })
    );
    assert_eq!(updated["revision"], 2);
    assert!(trail[2]["after"]["archivedAt"].is_string());
    assert_eq!(
        trail[2]["after"]["legalBases"], updated["legalBases"],
        "archiving keeps the links"
    );

    // Organization: created by the operator, updated by bob.
    let organization = app
        .gql_ok(&bob, "{ organization { id revision } }", json!({}))
        .await["organization"]
        .clone();
    mutate(
        &app,
        &bob,
        "mutation { updateOrganization(expectedRevision: 1, input: { legalName: \"Acme Learning B.V.\", defaultLanguage: NL,
            websites: [\"https://acme.example\"] }) { id } }",
        json!({}),
    )
    .await;
    let organization_id = id_of(&organization);
    let trail = check_trail(
        &app,
        &bob,
        "Organization",
        None,
        &organization_id,
        &[("create", "operator"), ("update", "bob")],
    )
    .await;
    assert_eq!(trail[0]["after"]["slug"], "acme");
    assert_eq!(trail[1]["before"]["legalName"], "acme B.V.");
    assert_eq!(trail[1]["after"]["legalName"], "Acme Learning B.V.");
    assert_eq!(
        trail[1]["after"]["websites"],
        json!(["https://acme.example"])
    );
    let organization_history = app
        .gql_ok(
            &bob,
            &format!(
                "{{ organization {{ history {{ totalCount nodes {{ {EVENT_FIELDS} }} }} }} }}"
            ),
            json!({}),
        )
        .await;
    assert_eq!(
        organization_history["organization"]["history"]["nodes"],
        json!(trail)
    );

    // Rights policy: the first save creates it.
    let saved = mutate(
        &app,
        &bob,
        "mutation { updateRightsPolicy(expectedRevision: 0, input: { responsePeriod: \"P4W\", optOutWorkingDays: 20 }) { id } }",
        json!({}),
    )
    .await;
    mutate(
        &app,
        &bob,
        "mutation { updateRightsPolicy(expectedRevision: 1, input: { responsePeriod: \"P1M\" }) { id } }",
        json!({}),
    )
    .await;
    let policy = id_of(&saved);
    let trail = check_trail(
        &app,
        &bob,
        "RightsPolicy",
        None,
        &policy,
        &[("create", "bob"), ("update", "bob")],
    )
    .await;
    assert_eq!(trail[0]["after"]["responsePeriod"], "P4W");
    assert_eq!(trail[0]["after"]["optOutWorkingDays"], 20);
    assert_eq!(trail[1]["after"]["responsePeriod"], "P1M");
    assert!(trail[1]["after"]["optOutWorkingDays"].is_null());
    let policy_history = app
        .gql_ok(
            &bob,
            &format!("{{ rightsPolicy {{ history {{ nodes {{ {EVENT_FIELDS} }} }} }} }}"),
            json!({}),
        )
        .await;
    assert_eq!(
        policy_history["rightsPolicy"]["history"]["nodes"],
        json!(trail)
    );
}

/// The names of every object key anywhere in `value`.
fn keys_in(value: &Value, names: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (name, field) in fields {
                names.insert(name.clone());
                keys_in(field, names);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| keys_in(item, names)),
        _ => {}
    }
}

/// Events show the register entries, not ropa's internal columns (the
/// text-search index, the tenant id): neither through the API nor as stored.
#[tokio::test]
async fn events_leave_out_internal_columns() {
    const INTERNAL: [&str; 2] = ["searchText", "organizationId"];
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let e = Entries::create(&app, &admin, "trail").await;
    for kind in KINDS {
        let input = e.input(kind, "trail.again");
        mutate(
            &app,
            &admin,
            &update_mutation(kind),
            json!({ "id": e.id(kind), "input": input, "rev": 1 }),
        )
        .await;
    }
    for kind in KINDS {
        mutate(
            &app,
            &admin,
            &archive_mutation(kind),
            json!({ "id": e.id(kind), "rev": 2 }),
        )
        .await;
    }
    mutate(
        &app,
        &admin,
        "mutation { updateOrganization(input: { legalName: \"Acme\", defaultLanguage: EN }, expectedRevision: 1) { id } }",
        json!({}),
    )
    .await;
    mutate(
        &app,
        &admin,
        "mutation { updateRightsPolicy(input: { responsePeriod: \"P4W\" }, expectedRevision: 0) { id } }",
        json!({}),
    )
    .await;

    let trail = events(&app, &admin, json!(null)).await;
    let types: BTreeSet<&str> = trail
        .iter()
        .map(|e| e["entityType"].as_str().unwrap())
        .collect();
    assert_eq!(types.len(), 8, "every kind of entry: {types:?}");
    let mut shown = BTreeSet::new();
    for event in &trail {
        keys_in(&event["before"], &mut shown);
        keys_in(&event["after"], &mut shown);
    }
    let mut stored = BTreeSet::new();
    for event in entity::audit_event::Entity::find()
        .all(&app.app.db)
        .await
        .unwrap()
    {
        for side in [event.before, event.after].into_iter().flatten() {
            keys_in(&side, &mut stored);
        }
    }
    for keys in [&shown, &stored] {
        assert!(
            keys.contains("revision") && keys.contains("name"),
            "{keys:?}"
        );
        for internal in INTERNAL {
            assert!(!keys.contains(internal), "{internal} in {keys:?}");
        }
    }
}

#[tokio::test]
async fn history_holds_exactly_the_events_of_its_entry_in_order() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let alice = app.token_for("alice", Some("acme"), Role::Editor);
    let create = "mutation($key: String!) { createDataSubjectCategory(input: { key: $key, name: [{ language: EN, text: $key }] }) { id } }";
    let update = "mutation($id: ID!, $rev: Int!, $key: String!, $name: String!) { updateDataSubjectCategory(id: $id, expectedRevision: $rev,
        input: { key: $key, name: [{ language: EN, text: $name }] }) { id } }";
    let archive = "mutation($id: ID!, $rev: Int!) { archiveDataSubjectCategory(id: $id, expectedRevision: $rev) { id } }";

    let first = id_of(&mutate(&app, &alice, create, json!({ "key": "first" })).await);
    let second = id_of(&mutate(&app, &alice, create, json!({ "key": "second" })).await);
    let before_updates = events(&app, &alice, json!(null)).await.len();
    mutate(
        &app,
        &alice,
        update,
        json!({ "id": first, "rev": 1, "key": "first", "name": "first v2" }),
    )
    .await;
    mutate(
        &app,
        &alice,
        update,
        json!({ "id": second, "rev": 1, "key": "second", "name": "second v2" }),
    )
    .await;
    mutate(
        &app,
        &alice,
        update,
        json!({ "id": first, "rev": 2, "key": "first", "name": "first v3" }),
    )
    .await;
    mutate(&app, &alice, archive, json!({ "id": second, "rev": 2 })).await;

    let first_trail = check_trail(
        &app,
        &alice,
        "DataSubjectCategory",
        Some("dataSubjectCategory"),
        &first,
        &[
            ("create", "alice"),
            ("update", "alice"),
            ("update", "alice"),
        ],
    )
    .await;
    let names: Vec<&Value> = first_trail
        .iter()
        .map(|e| &e["after"]["name"]["en"])
        .collect();
    assert_eq!(
        names,
        [&json!("first"), &json!("first v2"), &json!("first v3")]
    );
    let revisions: Vec<&Value> = first_trail
        .iter()
        .map(|e| &e["after"]["revision"])
        .collect();
    assert_eq!(revisions, [&json!(1), &json!(2), &json!(3)]);

    let second_trail = check_trail(
        &app,
        &alice,
        "DataSubjectCategory",
        Some("dataSubjectCategory"),
        &second,
        &[
            ("create", "alice"),
            ("update", "alice"),
            ("archive", "alice"),
        ],
    )
    .await;
    let first_ids: BTreeSet<&str> = first_trail
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(second_trail
        .iter()
        .all(|e| !first_ids.contains(e["id"].as_str().unwrap())));

    // The whole trail lists events oldest first, interleaved as they happened.
    let all = events(&app, &alice, json!(null)).await;
    assert_eq!(all.len(), before_updates + 4);
    let latest: Vec<(&str, &str)> = all[before_updates..]
        .iter()
        .map(|e| {
            (
                e["entityId"].as_str().unwrap(),
                e["action"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        latest,
        [
            (first.as_str(), "update"),
            (second.as_str(), "update"),
            (first.as_str(), "update"),
            (second.as_str(), "archive"),
        ]
    );
    let times: Vec<DateTime<Utc>> = all.iter().map(|e| time(&e["at"])).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "oldest first");
}

#[tokio::test]
async fn audit_events_filter_by_entity_actor_and_action() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let alice = app.token_for("alice", Some("acme"), Role::Editor);
    let bob = app.token_for("bob", Some("acme"), Role::Editor);
    let viewer = app.token_for("victor", Some("acme"), Role::Viewer);

    let catalogue = events(&app, &viewer, json!(null)).await;
    assert!(catalogue.iter().all(|e| e["actor"] == "operator"));
    assert!(catalogue.iter().all(|e| e["action"] == "create"));
    let catalogue_categories = catalogue
        .iter()
        .filter(|e| e["entityType"] == "DataCategory")
        .count();
    assert!(catalogue_categories > 0, "the catalogue is in the trail");
    assert_eq!(
        catalogue
            .iter()
            .filter(|e| e["entityType"] == "Organization")
            .count(),
        1
    );

    let create_processor = "mutation($name: String!) { createProcessor(input: { name: $name, role: PROCESSOR, country: \"NL\" }) { id } }";
    let update_processor =
        "mutation($id: ID!, $rev: Int!) { updateProcessor(id: $id, expectedRevision: $rev,
        input: { name: \"Renamed\", role: PROCESSOR, country: \"BE\" }) { id } }";
    let archive_processor =
        "mutation($id: ID!, $rev: Int!) { archiveProcessor(id: $id, expectedRevision: $rev) { id } }";
    let alices = id_of(&mutate(&app, &alice, create_processor, json!({ "name": "Alice's" })).await);
    let bobs = id_of(&mutate(&app, &bob, create_processor, json!({ "name": "Bob's" })).await);
    mutate(
        &app,
        &bob,
        update_processor,
        json!({ "id": alices, "rev": 1 }),
    )
    .await;
    mutate(
        &app,
        &alice,
        archive_processor,
        json!({ "id": alices, "rev": 2 }),
    )
    .await;
    let category = id_of(
        &mutate(
            &app,
            &alice,
            "mutation { createDataCategory(input: { key: \"contact.fax\", name: [{ language: EN, text: \"fax\" }] }) { id } }",
            json!({}),
        )
        .await,
    );

    let summary = |events: &[Value]| -> Vec<(String, String, String)> {
        events
            .iter()
            .map(|e| {
                (
                    e["entityId"].as_str().unwrap().to_string(),
                    e["action"].as_str().unwrap().to_string(),
                    e["actor"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let entry = |id: &str, action: &str, actor: &str| {
        (id.to_string(), action.to_string(), actor.to_string())
    };

    assert_eq!(
        summary(&events(&app, &viewer, json!({ "actor": "alice" })).await),
        [
            entry(&alices, "create", "alice"),
            entry(&alices, "archive", "alice"),
            entry(&category, "create", "alice"),
        ]
    );
    assert_eq!(
        summary(&events(&app, &viewer, json!({ "actor": "bob" })).await),
        [
            entry(&bobs, "create", "bob"),
            entry(&alices, "update", "bob")
        ]
    );
    assert_eq!(
        event_count(&app, &viewer, json!({ "actor": "operator" })).await,
        catalogue.len() as u64
    );
    assert_eq!(
        event_count(&app, &viewer, json!({ "actor": "nobody" })).await,
        0
    );
    assert_eq!(
        summary(&events(&app, &viewer, json!({ "entityType": "Processor" })).await),
        [
            entry(&alices, "create", "alice"),
            entry(&bobs, "create", "bob"),
            entry(&alices, "update", "bob"),
            entry(&alices, "archive", "alice"),
        ]
    );
    assert_eq!(
        event_count(&app, &viewer, json!({ "entityType": "DataCategory" })).await,
        catalogue_categories as u64 + 1
    );
    assert_eq!(
        summary(&events(&app, &viewer, json!({ "entityId": alices })).await),
        [
            entry(&alices, "create", "alice"),
            entry(&alices, "update", "bob"),
            entry(&alices, "archive", "alice"),
        ]
    );
    assert_eq!(
        summary(&events(&app, &viewer, json!({ "action": "UPDATE" })).await),
        [entry(&alices, "update", "bob")]
    );
    assert_eq!(
        summary(&events(&app, &viewer, json!({ "action": "ARCHIVE" })).await),
        [entry(&alices, "archive", "alice")]
    );
    assert_eq!(
        event_count(&app, &viewer, json!({ "action": "CREATE" })).await,
        catalogue.len() as u64 + 3
    );
    assert_eq!(
        summary(
            &events(
                &app,
                &viewer,
                json!({ "entityType": "Processor", "actor": "alice", "action": "CREATE" })
            )
            .await
        ),
        [entry(&alices, "create", "alice")]
    );
    assert_eq!(
        event_count(&app, &viewer, json!({ "entityId": bobs, "actor": "alice" })).await,
        0
    );
    assert_eq!(
        event_count(&app, &viewer, json!({ "entityType": "processor" })).await,
        0,
        "entity types are the GraphQL type names"
    );

    // `since` is inclusive, `until` exclusive.
    let alice_events = events(&app, &viewer, json!({ "actor": "alice" })).await;
    let since = alice_events[0]["at"].clone();
    let recent = summary(&events(&app, &viewer, json!({ "since": since })).await);
    assert_eq!(recent.len(), 5, "{recent:?}");
    assert_eq!(recent[0], entry(&alices, "create", "alice"));
    assert_eq!(
        event_count(&app, &viewer, json!({ "until": since })).await,
        catalogue.len() as u64
    );

    let response = app
        .gql(
            Some(&viewer),
            "{ auditEvents(filter: { entityId: \"not-an-id\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&response), "VALIDATION_FAILED");
    assert_eq!(
        response["errors"][0]["extensions"]["field"],
        "filter.entityId"
    );
}

#[tokio::test]
async fn failed_mutations_write_no_event() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let alice = app.token_for("alice", Some("acme"), Role::Editor);
    let admin = app.token_for("bob", Some("acme"), Role::Admin);
    let viewer = app.token_for("victor", Some("acme"), Role::Viewer);

    let category = id_of(
        &mutate(
            &app,
            &alice,
            "mutation { createDataCategory(input: { key: \"contact.fax\", name: [{ language: EN, text: \"fax\" }] }) { id } }",
            json!({}),
        )
        .await,
    );
    let processor = id_of(
        &mutate(
            &app,
            &alice,
            "mutation { createProcessor(input: { name: \"Mailer\", role: PROCESSOR, country: \"NL\" }) { id } }",
            json!({}),
        )
        .await,
    );
    let activity_input = json!({
        "name": en("Newsletter"),
        "purpose": en("Sending the newsletter"),
        "status": "ACTIVE",
        "legalBases": [{ "code": "CONSENT" }],
        "dataCategoryIds": [category],
        "dataSubjectCategoryIds": [],
        "recipientIds": [processor],
    });
    let activity = id_of(
        &mutate(
            &app,
            &alice,
            "mutation($input: ProcessingActivityInput!) { createProcessingActivity(input: $input) { id } }",
            json!({ "input": activity_input }),
        )
        .await,
    );
    let total = event_count(&app, &viewer, json!(null)).await;
    let activity_fields = "{ processingActivity(id: $id) { revision updatedAt legalBases { code } recipients { id } dataCategories { id } retention { period } } }";
    let activity_before = app
        .gql_ok(
            &alice,
            &format!("query($id: ID!) {activity_fields}"),
            json!({ "id": activity }),
        )
        .await;

    let mut bad_retention = activity_input.clone();
    bad_retention["retention"] = json!({ "period": "two years" });
    bad_retention["recipientIds"] = json!([]);
    let mut unknown_category = activity_input.clone();
    unknown_category["dataCategoryIds"] = json!(["0190b6a4-0000-7000-8000-000000000000"]);

    let failures = [
        (
            &alice,
            "mutation { createDataCategory(input: { key: \"Not A Key\", name: [{ language: EN, text: \"x\" }] }) { id } }",
            json!({}),
            "VALIDATION_FAILED",
        ),
        (
            &alice,
            "mutation { createDataCategory(input: { key: \"contact.email\", name: [{ language: EN, text: \"again\" }] }) { id } }",
            json!({}),
            "CONFLICT",
        ),
        (
            &alice,
            "mutation($id: ID!) { updateDataCategory(id: $id, expectedRevision: 7, input: { key: \"contact.fax\", name: [{ language: EN, text: \"telefax\" }] }) { id } }",
            json!({ "id": category }),
            "CONFLICT",
        ),
        (
            &alice,
            "mutation($id: ID!) { updateDataCategory(id: $id, expectedRevision: 1, input: { key: \"contact.fax\", name: [] }) { id } }",
            json!({ "id": category }),
            "VALIDATION_FAILED",
        ),
        (
            &alice,
            "mutation($id: ID!) { archiveDataCategory(id: $id, expectedRevision: 0) { id } }",
            json!({ "id": category }),
            "CONFLICT",
        ),
        (
            &alice,
            "mutation($id: ID!) { updateProcessor(id: $id, expectedRevision: 1, input: { name: \"Mailer\", role: PROCESSOR, country: \"XX\" }) { id } }",
            json!({ "id": processor }),
            "VALIDATION_FAILED",
        ),
        (
            &alice,
            "mutation($id: ID!) { updateProcessor(id: $id, expectedRevision: 1, input: { name: \"Mailer\", role: PROCESSOR, country: \"NL\", parentId: $id }) { id } }",
            json!({ "id": processor }),
            "VALIDATION_FAILED",
        ),
        (
            &alice,
            "mutation($p: ID!) { createProcessingAgreement(input: { processorId: $p, status: SIGNED }) { id } }",
            json!({ "p": processor }),
            "VALIDATION_FAILED",
        ),
        (
            &alice,
            "mutation($input: ProcessingActivityInput!) { createProcessingActivity(input: $input) { id } }",
            json!({ "input": unknown_category }),
            "VALIDATION_FAILED",
        ),
        (
            &alice,
            "mutation($id: ID!, $input: ProcessingActivityInput!) { updateProcessingActivity(id: $id, input: $input, expectedRevision: 1) { id } }",
            json!({ "id": activity, "input": bad_retention }),
            "VALIDATION_FAILED",
        ),
        (
            &alice,
            "mutation($id: ID!, $input: ProcessingActivityInput!) { updateProcessingActivity(id: $id, input: $input, expectedRevision: 2) { id } }",
            json!({ "id": activity, "input": activity_input }),
            "CONFLICT",
        ),
        (
            &alice,
            "mutation($id: ID!) { archiveProcessingActivity(id: $id, expectedRevision: 5) { id } }",
            json!({ "id": activity }),
            "CONFLICT",
        ),
        (
            &admin,
            "mutation { updateRightsPolicy(expectedRevision: 1, input: { responsePeriod: \"P4W\" }) { id } }",
            json!({}),
            "CONFLICT",
        ),
        (
            &admin,
            "mutation { updateRightsPolicy(expectedRevision: 0, input: { responsePeriod: \"four weeks\" }) { id } }",
            json!({}),
            "VALIDATION_FAILED",
        ),
        (
            &admin,
            "mutation { updateOrganization(expectedRevision: 9, input: { legalName: \"Stale\", defaultLanguage: NL }) { id } }",
            json!({}),
            "CONFLICT",
        ),
        (
            &admin,
            "mutation { updateOrganization(expectedRevision: 1, input: { legalName: \"Acme\", defaultLanguage: NL, privacyEmail: \"not-an-address\" }) { id } }",
            json!({}),
            "VALIDATION_FAILED",
        ),
        (
            &viewer,
            "mutation { createDataCategory(input: { key: \"contact.telex\", name: [{ language: EN, text: \"telex\" }] }) { id } }",
            json!({}),
            "FORBIDDEN",
        ),
        (
            &alice,
            "mutation { updateRightsPolicy(expectedRevision: 0, input: { responsePeriod: \"P4W\" }) { id } }",
            json!({}),
            "FORBIDDEN",
        ),
    ];
    for (token, query, variables, code) in failures {
        let response = app.gql(Some(token), query, variables).await;
        assert_eq!(error_code(&response), code, "{query}: {response:#}");
        assert_eq!(
            event_count(&app, &viewer, json!(null)).await,
            total,
            "no event after the failed {query}"
        );
    }

    // The entries are as they were.
    assert_eq!(
        app.gql_ok(
            &alice,
            &format!("query($id: ID!) {activity_fields}"),
            json!({ "id": activity }),
        )
        .await,
        activity_before
    );
    for (single, id) in [("dataCategory", &category), ("processor", &processor)] {
        let data = app
            .gql_ok(
                &alice,
                &format!("query($id: ID!) {{ {single}(id: $id) {{ revision history {{ totalCount }} }} }}"),
                json!({ "id": id }),
            )
            .await;
        assert_eq!(data[single]["revision"], 1, "{single}");
        assert_eq!(data[single]["history"]["totalCount"], 1, "{single}");
    }
    let policy = app
        .gql_ok(
            &viewer,
            "{ rightsPolicy { revision } organization { revision } }",
            json!({}),
        )
        .await;
    assert_eq!(policy["rightsPolicy"]["revision"], 0);
    assert_eq!(policy["organization"]["revision"], 1);
}

#[tokio::test]
async fn another_organizations_events_are_invisible() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    app.organization("globex").await;
    let acme = app.token_for("alice", Some("acme"), Role::Editor);
    let globex = app.token_for("alice", Some("globex"), Role::Editor);
    let acme_before = events(&app, &acme, json!(null)).await;
    let acme_org = app
        .gql_ok(&acme, "{ organization { id } }", json!({}))
        .await["organization"]["id"]
        .clone();
    let globex_org = app
        .gql_ok(&globex, "{ organization { id } }", json!({}))
        .await["organization"]["id"]
        .clone();

    let create = "mutation($name: String!) { createProcessor(input: { name: $name, role: PROCESSOR, country: \"NL\" }) { id } }";
    let ours = id_of(&mutate(&app, &acme, create, json!({ "name": "Acme mailer" })).await);
    let theirs = id_of(&mutate(&app, &globex, create, json!({ "name": "Globex mailer" })).await);
    mutate(
        &app,
        &globex,
        "mutation($id: ID!) { archiveProcessor(id: $id, expectedRevision: 1) { id } }",
        json!({ "id": theirs }),
    )
    .await;

    let acme_events = events(&app, &acme, json!(null)).await;
    assert_eq!(acme_events.len(), acme_before.len() + 1);
    assert_eq!(acme_events.last().unwrap()["entityId"], ours);
    let globex_entities: BTreeSet<String> = summary_ids(&events(&app, &globex, json!(null)).await)
        .into_iter()
        .collect();
    assert!(globex_entities.contains(&theirs));
    assert!(globex_entities.contains(globex_org.as_str().unwrap()));
    assert!(!globex_entities.contains(&ours));
    assert!(!globex_entities.contains(acme_org.as_str().unwrap()));
    for event in &acme_events {
        assert!(
            !globex_entities.contains(event["entityId"].as_str().unwrap()),
            "acme sees a globex event: {event}"
        );
    }

    // Not by id, actor or type either.
    assert_eq!(
        event_count(&app, &acme, json!({ "entityId": theirs })).await,
        0
    );
    assert_eq!(
        event_count(&app, &acme, json!({ "entityId": globex_org })).await,
        0
    );
    assert_eq!(
        summary_ids(&events(&app, &acme, json!({ "actor": "alice" })).await),
        [ours.as_str()]
    );
    assert_eq!(
        summary_ids(&events(&app, &acme, json!({ "entityType": "Processor" })).await),
        [ours.as_str()]
    );
    assert_eq!(
        summary_ids(&events(&app, &globex, json!({ "actor": "alice" })).await),
        [theirs.as_str(), theirs.as_str()]
    );
    let hidden = app
        .gql(
            Some(&acme),
            "query($id: ID!) { processor(id: $id) { history { totalCount } } }",
            json!({ "id": theirs }),
        )
        .await;
    assert!(hidden.get("errors").is_none(), "{hidden:#}");
    assert!(
        hidden["data"]["processor"].is_null(),
        "another organization's entry is not found"
    );
    let own = app
        .gql_ok(
            &acme,
            "{ organization { history { nodes { entityId } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        own["organization"]["history"]["nodes"],
        json!([{ "entityId": acme_org }])
    );
}

fn summary_ids(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| e["entityId"].as_str().unwrap().to_string())
        .collect()
}
