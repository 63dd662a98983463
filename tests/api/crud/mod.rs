//! Create, read, update and archive every register entry through the API,
//! the organization and its rights policy, the seeded legal bases and
//! catalogue, localized fields, and the list filters an admin screen needs.
//!
//! This module holds what the entries' tests share: the GraphQL names of
//! each kind of entry, and creating, reading, updating, listing and
//! archiving one through the API; a file per entry holds its tests.

mod activities;
mod agreements;
mod catalogue;
mod data_categories;
mod data_subject_categories;
mod law_fields;
mod localized_fields;
mod organization;
mod processors;
mod rights_policy;
mod trackers;

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
const TRACKER: Kind = Kind {
    entity: "Tracker",
    list: "trackers",
    single: "tracker",
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

/// Names as a set, to compare with what a filtered list gives.
fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}
