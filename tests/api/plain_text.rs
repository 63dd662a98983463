//! Text input is plain text: a control character (NUL, ESC, DEL, C1) in
//! any string a request carries is `VALIDATION_FAILED` naming its place, on
//! both databases, and changes nothing; in a page path it is a 404.

use serde_json::{json, Value};

use crate::auth::{category_input, create_mutation, Entries};
use crate::common::{error_code, TestApp};

const HOSTILE: [&str; 5] = ["\u{0}", "a\u{0}b", "\u{1b}[2J", "\u{7f}", "x\u{85}"];

async fn assert_refused(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
    field: &str,
) {
    let before = app.statements();
    let response = app.gql(token, query, variables.clone()).await;
    assert_eq!(
        error_code(&response),
        "VALIDATION_FAILED",
        "{query} {variables}: {response}"
    );
    assert_eq!(
        response["errors"][0]["extensions"]["field"], field,
        "{response}"
    );
    assert!(response["data"].is_null(), "{response}");
    assert_eq!(
        app.statements(),
        before,
        "{query}: SQL ran for refused input"
    );
}

#[tokio::test]
async fn control_characters_in_arguments_and_variables_are_refused() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let entries = Entries::create(&app, &admin, "base").await;
    let state = entries.state(&app, &admin).await;
    for bad in HOSTILE {
        let search = "query($filter: ProcessingActivityFilter) { processingActivities(filter: $filter) { totalCount } }";
        assert_refused(
            &app,
            Some(&admin),
            search,
            json!({ "filter": { "search": bad } }),
            "filter.search",
        )
        .await;
        let literal = format!(
            "{{ processors(filter: {{ search: {} }}) {{ totalCount }} }}",
            serde_json::to_string(bad).unwrap()
        );
        assert_refused(&app, Some(&admin), &literal, json!({}), "filter.search").await;
        let mut input = category_input("bad.text");
        input["name"][0]["text"] = json!(format!("Naam {bad}"));
        assert_refused(
            &app,
            Some(&admin),
            &create_mutation("DataCategory"),
            json!({ "input": input }),
            "input.name.0.text",
        )
        .await;
        let published = "query($org: String!) { publishedStatement(organization: $org, language: NL) { version } }";
        assert_refused(
            &app,
            None,
            published,
            json!({ "org": format!("acme{bad}") }),
            "org",
        )
        .await;
    }
    assert_eq!(entries.state(&app, &admin).await, state, "nothing changed");
}

#[tokio::test]
async fn tabs_and_line_breaks_are_text() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let mut input = category_input("multi.line");
    input["name"][0]["text"] = json!("Naam\tmet tab");
    input["description"] = json!([{ "language": "NL", "text": "regel een\r\nregel twee" }]);
    let data = app
        .gql_ok(
            &admin,
            &create_mutation("DataCategory"),
            json!({ "input": input }),
        )
        .await;
    assert_eq!(data["createDataCategory"]["revision"], 1, "{data}");
    let read = app
        .gql_ok(
            &admin,
            "{ dataCategories(filter: { search: \"multi\" }) { nodes { name(language: NL) description(language: NL) } } }",
            json!({}),
        )
        .await;
    let node = &read["dataCategories"]["nodes"][0];
    assert_eq!(node["name"], "Naam\tmet tab", "{read}");
    assert_eq!(node["description"], "regel een\r\nregel twee", "{read}");
}

#[tokio::test]
async fn a_page_path_with_a_control_character_is_not_found() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    for path in [
        "/statements/%00/nl",
        "/statements/acme%00/nl",
        "/statements/acme%1B/en/versions",
        "/statements/acme/nl%00",
        "/statements/acme/en/versions/1%00",
        "/statements/%7F/en/feed.atom",
        "/statements/acme%C2%85/nl.json",
    ] {
        let response = app
            .client
            .get(format!("{}{path}", app.url))
            .send()
            .await
            .expect("the page answers");
        assert_eq!(response.status(), 404, "{path}");
        let body = response.text().await.unwrap_or_default();
        assert!(body.contains("<html"), "{path}: {body:.200}");
    }
}
