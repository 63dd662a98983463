//! Relay connections: `first/after` forwards, `last/before` backwards, page
//! size limits, cursors, `pageInfo` and `totalCount`.

use std::collections::BTreeSet;

use ropa::auth::Role;
use serde_json::{json, Value};

use crate::common::{error_code, TestApp};

/// One page of a connection, checked for consistency.
#[derive(Debug)]
struct Page {
    ids: Vec<String>,
    total: u64,
    has_next: bool,
    has_previous: bool,
    end_cursor: Option<String>,
    start_cursor: Option<String>,
}

fn page_query(list: &str, filter_type: &str) -> String {
    format!(
        "query($first: Int, $after: String, $last: Int, $before: String, $filter: {filter_type}) {{
            {list}(first: $first, after: $after, last: $last, before: $before, filter: $filter) {{
                totalCount
                pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
                edges {{ cursor node {{ id }} }}
                nodes {{ id }}
            }} }}"
    )
}

fn filter_type(list: &str) -> &'static str {
    match list {
        "processors" => "ProcessorFilter",
        "dataSubjectCategories" => "DataSubjectCategoryFilter",
        "dataCategories" => "DataCategoryFilter",
        other => panic!("no filter type for {other}"),
    }
}

/// The raw response for one page request; `args` holds `first`, `after`, ...
async fn request(app: &TestApp, token: &str, list: &str, args: Value) -> Value {
    app.gql(Some(token), &page_query(list, filter_type(list)), args)
        .await
}

async fn page(app: &TestApp, token: &str, list: &str, args: Value) -> Page {
    let response = request(app, token, list, args.clone()).await;
    assert!(
        response.get("errors").is_none(),
        "{list} with {args}: {response:#}"
    );
    let connection = &response["data"][list];
    let ids: Vec<String> = connection["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    let edges = connection["edges"].as_array().unwrap();
    let edge_ids: Vec<&str> = edges
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(edge_ids, ids, "edges and nodes agree");
    let cursors: Vec<&str> = edges
        .iter()
        .map(|e| e["cursor"].as_str().unwrap())
        .collect();
    let info = &connection["pageInfo"];
    let cursor = |name: &str| info[name].as_str().map(str::to_string);
    let page = Page {
        ids,
        total: connection["totalCount"].as_u64().unwrap(),
        has_next: info["hasNextPage"].as_bool().unwrap(),
        has_previous: info["hasPreviousPage"].as_bool().unwrap(),
        start_cursor: cursor("startCursor"),
        end_cursor: cursor("endCursor"),
    };
    assert_eq!(
        page.start_cursor.as_deref(),
        cursors.first().copied(),
        "startCursor is the first edge's cursor"
    );
    assert_eq!(
        page.end_cursor.as_deref(),
        cursors.last().copied(),
        "endCursor is the last edge's cursor"
    );
    page
}

/// An organization with `count` processors; returns their ids in creation order.
async fn with_processors(count: usize) -> (TestApp, String, Vec<String>) {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let editor = app.token("acme", Role::Editor);
    let mut ids = Vec::new();
    for n in 1..=count {
        let data = app
            .gql_ok(
                &editor,
                "mutation($input: ProcessorInput!) { createProcessor(input: $input) { id } }",
                json!({ "input": { "name": format!("Processor {n:02}"), "role": "PROCESSOR", "country": "NL" } }),
            )
            .await;
        ids.push(data["createProcessor"]["id"].as_str().unwrap().to_string());
    }
    (app, editor, ids)
}

/// Walks a list forwards `size` at a time and checks every page.
async fn walk_forward(
    app: &TestApp,
    token: &str,
    list: &str,
    size: usize,
    filter: Value,
) -> Vec<String> {
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = page(
            app,
            token,
            list,
            json!({ "first": size, "after": after, "filter": filter }),
        )
        .await;
        pages += 1;
        assert!(pages <= 100, "the walk ends");
        assert_eq!(page.has_previous, after.is_some(), "page {pages}");
        seen.extend(page.ids.iter().cloned());
        assert_eq!(
            page.has_next,
            (seen.len() as u64) < page.total,
            "page {pages}"
        );
        if page.has_next {
            assert_eq!(page.ids.len(), size, "a full page before the last");
            after = page.end_cursor;
        } else {
            assert!(!page.ids.is_empty() || seen.is_empty());
            assert_eq!(seen.len() as u64, page.total, "totalCount counts the walk");
            break;
        }
    }
    let distinct: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(distinct.len(), seen.len(), "no entry twice");
    seen
}

#[tokio::test]
async fn first_and_after_walk_every_processor_once() {
    let (app, editor, ids) = with_processors(25).await;

    let first = page(&app, &editor, "processors", json!({ "first": 10 })).await;
    assert_eq!(first.ids, ids[0..10]);
    assert_eq!(first.total, 25);
    assert!(first.has_next);
    assert!(!first.has_previous);

    let second = page(
        &app,
        &editor,
        "processors",
        json!({ "first": 10, "after": first.end_cursor }),
    )
    .await;
    assert_eq!(second.ids, ids[10..20]);
    assert_eq!(second.total, 25);
    assert!(second.has_next);
    assert!(second.has_previous);

    let third = page(
        &app,
        &editor,
        "processors",
        json!({ "first": 10, "after": second.end_cursor }),
    )
    .await;
    assert_eq!(third.ids, ids[20..25]);
    assert_eq!(third.total, 25);
    assert!(!third.has_next);
    assert!(third.has_previous);

    // After the last entry there is an empty page.
    let beyond = page(
        &app,
        &editor,
        "processors",
        json!({ "first": 10, "after": third.end_cursor }),
    )
    .await;
    assert!(beyond.ids.is_empty());
    assert_eq!(beyond.total, 25);
    assert!(!beyond.has_next);
    assert!(beyond.end_cursor.is_none() && beyond.start_cursor.is_none());

    for size in [1, 3, 7, 24, 25, 26] {
        assert_eq!(
            walk_forward(&app, &editor, "processors", size, json!(null)).await,
            ids,
            "page size {size}"
        );
    }
}

#[tokio::test]
async fn data_subject_categories_page_like_processors() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let editor = app.token("acme", Role::Editor);
    let catalogue = page(
        &app,
        &editor,
        "dataSubjectCategories",
        json!({ "first": 100 }),
    )
    .await;
    let mut created = Vec::new();
    for n in catalogue.ids.len()..25 {
        let data = app
            .gql_ok(
                &editor,
                "mutation($input: DataSubjectCategoryInput!) { createDataSubjectCategory(input: $input) { id } }",
                json!({ "input": { "key": format!("group.g{n:02}"), "name": [{ "language": "EN", "text": format!("Group {n}") }] } }),
            )
            .await;
        created.push(
            data["createDataSubjectCategory"]["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let all = page(
        &app,
        &editor,
        "dataSubjectCategories",
        json!({ "first": 100 }),
    )
    .await;
    assert_eq!(all.total, 25);
    assert!(!all.has_next);
    assert_eq!(all.ids[..catalogue.ids.len()], catalogue.ids);
    assert_eq!(
        all.ids[catalogue.ids.len()..],
        created,
        "new entries come last, in creation order"
    );
    for size in [4, 10, 20] {
        assert_eq!(
            walk_forward(&app, &editor, "dataSubjectCategories", size, json!(null)).await,
            all.ids
        );
    }

    // totalCount and the walk follow the filter.
    let groups = walk_forward(
        &app,
        &editor,
        "dataSubjectCategories",
        4,
        json!({ "search": "group." }),
    )
    .await;
    assert_eq!(groups, created);
}

#[tokio::test]
async fn last_and_before_walk_backwards() {
    let (app, editor, ids) = with_processors(25).await;

    let last = page(&app, &editor, "processors", json!({ "last": 10 })).await;
    assert_eq!(last.ids, ids[15..25], "the tail, in list order");
    assert_eq!(last.total, 25);
    assert!(last.has_previous);
    assert!(!last.has_next);

    let middle = page(
        &app,
        &editor,
        "processors",
        json!({ "last": 10, "before": last.start_cursor }),
    )
    .await;
    assert_eq!(middle.ids, ids[5..15]);
    assert_eq!(middle.total, 25);
    assert!(middle.has_previous);
    assert!(middle.has_next);

    let head = page(
        &app,
        &editor,
        "processors",
        json!({ "last": 10, "before": middle.start_cursor }),
    )
    .await;
    assert_eq!(head.ids, ids[0..5]);
    assert_eq!(head.total, 25);
    assert!(!head.has_previous);
    assert!(head.has_next);

    let before_first = page(
        &app,
        &editor,
        "processors",
        json!({ "last": 10, "before": head.start_cursor }),
    )
    .await;
    assert!(before_first.ids.is_empty());
    assert!(!before_first.has_previous);

    // A full backward walk at another page size sees every entry once.
    let mut seen: Vec<String> = Vec::new();
    let mut before: Option<String> = None;
    loop {
        let page = page(
            &app,
            &editor,
            "processors",
            json!({ "last": 6, "before": before }),
        )
        .await;
        assert_eq!(page.total, 25);
        let mut ids = page.ids.clone();
        ids.extend(seen);
        seen = ids;
        if !page.has_previous {
            break;
        }
        assert_eq!(page.ids.len(), 6);
        before = page.start_cursor;
    }
    assert_eq!(seen, ids);

    // Forwards and backwards meet: the page before a forward cursor.
    let forward = page(&app, &editor, "processors", json!({ "first": 12 })).await;
    let back = page(
        &app,
        &editor,
        "processors",
        json!({ "last": 3, "before": forward.end_cursor }),
    )
    .await;
    assert_eq!(back.ids, ids[8..11]);
}

#[tokio::test]
async fn last_alone_gives_the_end_of_the_list() {
    let (app, editor, ids) = with_processors(5).await;
    let tail = page(&app, &editor, "processors", json!({ "last": 3 })).await;
    assert_eq!(tail.ids, ids[2..5]);
    assert!(tail.has_previous);
    assert!(!tail.has_next);
    assert_eq!(tail.total, 5);

    let everything = page(&app, &editor, "processors", json!({ "last": 5 })).await;
    assert_eq!(everything.ids, ids);
    assert!(!everything.has_previous);

    let more_than_all = page(&app, &editor, "processors", json!({ "last": 100 })).await;
    assert_eq!(more_than_all.ids, ids);
    assert!(!more_than_all.has_previous);
    assert!(!more_than_all.has_next);
}

fn assert_invalid(response: &Value, field: &str, context: &str) {
    assert_eq!(error_code(response), "VALIDATION_FAILED", "{context}");
    assert_eq!(
        response["errors"][0]["extensions"]["field"], field,
        "{context}: {response:#}"
    );
    assert!(response["data"].is_null(), "{context}: no data on an error");
}

#[tokio::test]
async fn first_and_last_together_are_refused() {
    let (app, editor, _) = with_processors(3).await;
    let response = request(
        &app,
        &editor,
        "processors",
        json!({ "first": 2, "last": 2 }),
    )
    .await;
    assert_eq!(error_code(&response), "VALIDATION_FAILED");
    let field = response["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or_else(|| panic!("no extensions.field: {response:#}"));
    assert!(["first", "last"].contains(&field), "field {field}");
    assert!(response["data"].is_null());
}

#[tokio::test]
async fn page_sizes_outside_1_to_100_are_refused() {
    let (app, editor, ids) = with_processors(3).await;
    for size in [0, 101, 1000, -1] {
        for argument in ["first", "last"] {
            let response = request(&app, &editor, "processors", json!({ argument: size })).await;
            assert_invalid(&response, argument, &format!("{argument}: {size}"));
        }
    }
    // Also on the other lists, and on nested history connections.
    let response = app
        .gql(
            Some(&editor),
            "{ dataCategories(first: 101) { totalCount } }",
            json!({}),
        )
        .await;
    assert_invalid(&response, "first", "dataCategories(first: 101)");
    let response = app
        .gql(
            Some(&editor),
            "{ auditEvents(first: 0) { totalCount } }",
            json!({}),
        )
        .await;
    assert_invalid(&response, "first", "auditEvents(first: 0)");
    let response = app
        .gql(
            Some(&editor),
            "query($id: ID!) { processor(id: $id) { history(first: 101) { totalCount } } }",
            json!({ "id": ids[0] }),
        )
        .await;
    assert_eq!(error_code(&response), "VALIDATION_FAILED");
    assert_eq!(response["errors"][0]["extensions"]["field"], "first");

    let one = page(&app, &editor, "processors", json!({ "first": 1 })).await;
    assert_eq!(one.ids, ids[0..1]);
    assert!(one.has_next);
    let one = page(&app, &editor, "processors", json!({ "last": 1 })).await;
    assert_eq!(one.ids, ids[2..3]);
    let hundred = page(&app, &editor, "processors", json!({ "first": 100 })).await;
    assert_eq!(hundred.ids, ids);
    assert!(!hundred.has_next);
    let hundred = page(&app, &editor, "dataCategories", json!({ "last": 100 })).await;
    assert_eq!(hundred.ids.len() as u64, hundred.total);
}

#[tokio::test]
async fn malformed_cursors_are_refused() {
    let (app, editor, _) = with_processors(3).await;
    for cursor in [
        "not a cursor",
        "",
        "aGVsbG8",
        "%%%",
        "0190b6a4-0000-7000-8000-000000000000",
    ] {
        let response = request(
            &app,
            &editor,
            "processors",
            json!({ "first": 2, "after": cursor }),
        )
        .await;
        assert_invalid(&response, "after", &format!("after: {cursor:?}"));
        let response = request(
            &app,
            &editor,
            "processors",
            json!({ "last": 2, "before": cursor }),
        )
        .await;
        assert_invalid(&response, "before", &format!("before: {cursor:?}"));
    }
    let response = app
        .gql(
            Some(&editor),
            "{ auditEvents(first: 2, after: \"garbage\") { totalCount } }",
            json!({}),
        )
        .await;
    assert_invalid(&response, "after", "auditEvents after garbage");
}

#[tokio::test]
async fn the_default_page_size_is_20() {
    let (app, editor, ids) = with_processors(25).await;
    let default = page(&app, &editor, "processors", json!({})).await;
    assert_eq!(default.ids, ids[0..20]);
    assert!(default.has_next);
    assert!(!default.has_previous);
    assert_eq!(default.total, 25);

    let rest = page(
        &app,
        &editor,
        "processors",
        json!({ "after": default.end_cursor }),
    )
    .await;
    assert_eq!(rest.ids, ids[20..25]);
    assert!(!rest.has_next);

    // `before` alone pages backwards, 20 at a time.
    let before_last = page(
        &app,
        &editor,
        "processors",
        json!({ "before": rest.end_cursor }),
    )
    .await;
    assert_eq!(before_last.ids, ids[4..24]);
    assert!(before_last.has_previous);
    assert!(before_last.has_next);
}

#[tokio::test]
async fn cursors_stay_valid_while_the_list_changes() {
    let (app, editor, ids) = with_processors(25).await;
    let first = page(&app, &editor, "processors", json!({ "first": 10 })).await;
    assert_eq!(first.ids, ids[0..10]);

    // An entry of the first page is archived and a new one is added: the
    // next page neither skips nor repeats an entry.
    let archived = app
        .gql_ok(
            &editor,
            "mutation($id: ID!) { archiveProcessor(id: $id, expectedRevision: 1) { archivedAt } }",
            json!({ "id": ids[3] }),
        )
        .await;
    assert!(archived["archiveProcessor"]["archivedAt"].is_string());
    let added = app
        .gql_ok(
            &editor,
            "mutation { createProcessor(input: { name: \"Processor 26\", role: PROCESSOR, country: \"NL\" }) { id } }",
            json!({}),
        )
        .await["createProcessor"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let second = page(
        &app,
        &editor,
        "processors",
        json!({ "first": 10, "after": first.end_cursor }),
    )
    .await;
    assert_eq!(second.ids, ids[10..20]);
    assert_eq!(second.total, 25, "24 left of the 25, plus one new");
    let third = page(
        &app,
        &editor,
        "processors",
        json!({ "first": 10, "after": second.end_cursor }),
    )
    .await;
    let mut expected = ids[20..25].to_vec();
    expected.push(added);
    assert_eq!(third.ids, expected);
    assert!(!third.has_next);

    // A cursor of the archived entry itself still marks its place.
    let cursor_list = app
        .gql_ok(
            &editor,
            "{ processors(first: 5, filter: { includeArchived: true }) { edges { cursor node { id } } } }",
            json!({}),
        )
        .await;
    let archived_cursor = cursor_list["processors"]["edges"][3]["cursor"].clone();
    assert_eq!(cursor_list["processors"]["edges"][3]["node"]["id"], ids[3]);
    let after_archived = page(
        &app,
        &editor,
        "processors",
        json!({ "first": 2, "after": archived_cursor }),
    )
    .await;
    assert_eq!(after_archived.ids, ids[4..6]);
}

#[tokio::test]
async fn audit_events_and_history_page_forwards() {
    let (app, editor, ids) = with_processors(3).await;
    for revision in 1..=4 {
        app.gql_ok(
            &editor,
            "mutation($id: ID!, $rev: Int!, $name: String!) { updateProcessor(id: $id, expectedRevision: $rev,
                input: { name: $name, role: PROCESSOR, country: \"NL\" }) { revision } }",
            json!({ "id": ids[0], "rev": revision, "name": format!("Renamed {revision}") }),
        )
        .await;
    }
    let query = "query($first: Int, $after: String) { auditEvents(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }";
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    let total = loop {
        let data = app
            .gql_ok(&editor, query, json!({ "first": 7, "after": after }))
            .await;
        let connection = &data["auditEvents"];
        assert_eq!(connection["pageInfo"]["hasPreviousPage"], after.is_some());
        seen.extend(
            connection["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["id"].as_str().unwrap().to_string()),
        );
        if connection["pageInfo"]["hasNextPage"] == false {
            break connection["totalCount"].as_u64().unwrap();
        }
        after = connection["pageInfo"]["endCursor"]
            .as_str()
            .map(str::to_string);
    };
    assert_eq!(seen.len() as u64, total);
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), seen.len());
    assert!(total > 7 + 7, "the organization's catalogue and processors");

    let history =
        "query($id: ID!, $after: String) { processor(id: $id) { history(first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { action after } } } }";
    let mut actions = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let data = app
            .gql_ok(&editor, history, json!({ "id": ids[0], "after": after }))
            .await;
        let connection = &data["processor"]["history"];
        assert_eq!(connection["totalCount"], 5);
        for node in connection["nodes"].as_array().unwrap() {
            actions.push((
                node["action"].as_str().unwrap().to_string(),
                node["after"]["revision"].as_i64().unwrap(),
            ));
        }
        if connection["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = connection["pageInfo"]["endCursor"]
            .as_str()
            .map(str::to_string);
    }
    let expected: Vec<(String, i64)> = [
        ("create", 1),
        ("update", 2),
        ("update", 3),
        ("update", 4),
        ("update", 5),
    ]
    .into_iter()
    .map(|(a, r)| (a.to_string(), r))
    .collect();
    assert_eq!(actions, expected);
}
