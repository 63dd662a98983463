//! The first layer of the statement (WP260 §35-38) over GraphQL: the
//! summary table of a statement document, a row per purpose leading to the
//! purpose's section, the same in the preview and in the published
//! version; none for a register without purposes.

use ropa::auth::Role;
use serde_json::{json, Value};

use crate::common::TestApp;

const SUMMARY: &str =
    "summary { title columns rows { sectionId cells } sources { entityType entityId } }";

/// The ids of every section and subsection of a document.
fn section_ids(sections: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    for section in sections.as_array().expect("sections") {
        ids.push(section["id"].as_str().expect("an id").to_string());
        ids.extend(section_ids(&section["subsections"]));
    }
    ids
}

#[tokio::test]
async fn the_document_opens_with_a_summary_leading_to_every_purpose() {
    let app = TestApp::start().await;
    ropa::demo::load(&app.app.db).await.expect("the demo loads");
    ropa::demo::publish_statements(&app.app.db)
        .await
        .expect("the demo statement is published");
    let viewer = app.token(ropa::demo::SLUG, Role::Viewer);
    let query = format!(
        "{{ statementPreview(language: EN) {{ {SUMMARY}
              sections {{ id subsections {{ id title subsections {{ id }} }} }} }}
            processingActivities(first: 100) {{ nodes {{ id name(language: EN) position }} }} }}"
    );
    let data = app.gql_ok(&viewer, &query, json!({})).await;
    let preview = &data["statementPreview"];
    let summary = &preview["summary"];
    assert_eq!(summary["title"], "At a glance");
    assert_eq!(
        summary["columns"],
        json!(["Purpose", "Data", "Legal basis", "How long", "Recipients"])
    );

    // The statement's order of purposes.
    let mut activities = data["processingActivities"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    activities.sort_by_key(|a| a["position"].as_i64());
    let rows = summary["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), activities.len(), "a row per purpose");
    let sections = section_ids(&preview["sections"]);
    for (row, activity) in rows.iter().zip(&activities) {
        let section = row["sectionId"].as_str().unwrap();
        assert!(
            sections.iter().any(|id| id == section),
            "{section} is a section"
        );
        let cells = row["cells"].as_array().unwrap();
        assert_eq!(cells.len(), 5, "{row}");
        assert!(
            cells.iter().all(|c| !c.as_str().unwrap().is_empty()),
            "{row}"
        );
        assert_eq!(
            section,
            format!("purpose-{}", activity["id"].as_str().unwrap())
        );
        assert_eq!(cells[0], activity["name"]);
    }
    let sources = summary["sources"].as_array().unwrap();
    assert_eq!(sources.len(), activities.len());
    assert!(sources
        .iter()
        .all(|s| s["entityType"] == "ProcessingActivity"));

    // The published version, read by anyone, has the same first layer.
    let public = app
        .gql(
            None,
            &format!(
                "{{ publishedStatement(organization: \"rezulto\", language: EN) {{ document {{ {SUMMARY} }} }} }}"
            ),
            json!({}),
        )
        .await;
    assert_eq!(
        public["data"]["publishedStatement"]["document"]["summary"], *summary,
        "{public:#}"
    );
}

#[tokio::test]
async fn a_register_without_purposes_has_no_summary() {
    let app = TestApp::start().await;
    let admin = app.organization("empty").await;
    let data = app
        .gql_ok(
            &admin,
            &format!("{{ statementPreview(language: NL) {{ {SUMMARY} }} }}"),
            json!({}),
        )
        .await;
    assert!(data["statementPreview"]["summary"].is_null(), "{data:#}");
}
