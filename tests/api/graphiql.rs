//! GraphiQL as a setting: off unless `ROPA_GRAPHIQL` (or `serve --demo`,
//! see `cli.rs`) turns it on, and then served from ropa itself, every file
//! from its own origin under a policy that allows no other.

use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use serde_json::Value;

use crate::common::{error_code, TestApp};

async fn with_graphiql() -> TestApp {
    TestApp::start_with(|config| config.graphiql = Some(true)).await
}

/// The `src` and `href` values of a page.
fn references(html: &str) -> Vec<&str> {
    ["src=\"", "href=\""]
        .iter()
        .flat_map(|attribute| html.split(attribute).skip(1))
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[tokio::test]
async fn graphiql_is_off_unless_turned_on() {
    let app = TestApp::start().await;
    let response = app
        .client
        .get(format!("{}/graphql", app.url))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(error_code(&answer), "NOT_FOUND");
    let message = answer["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("ROPA_GRAPHIQL"), "{message}");

    // Its files are not there either.
    let on = with_graphiql().await;
    let page = on.page("/graphql").await;
    for reference in references(&page) {
        let response = app
            .client
            .get(format!("{}{reference}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "{reference}");
    }
}

#[tokio::test]
async fn graphiql_is_served_from_ropa_itself() {
    let app = with_graphiql().await;
    let response = app
        .client
        .get(format!("{}/graphql", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let policy = response.headers()[CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    for directive in [
        "default-src 'none'",
        "script-src 'self';",
        "connect-src 'self';",
        "frame-ancestors 'none'",
    ] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    let page = response.text().await.unwrap();
    assert!(page.contains("<div id=\"graphiql\">"), "{page}");
    let files = references(&page);
    assert_eq!(files.len(), 6, "{files:?}");
    for file in &files {
        assert!(file.starts_with("/graphiql/"), "from this origin: {file}");
        let response = app
            .client
            .get(format!("{}{file}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{file}");
        let headers = response.headers().clone();
        assert!(
            headers[CACHE_CONTROL]
                .to_str()
                .unwrap()
                .contains("immutable"),
            "{file}"
        );
        let expected = if file.ends_with(".js") {
            "text/javascript"
        } else {
            "text/css"
        };
        assert!(
            headers[CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with(expected),
            "{file}"
        );
        let body = response.bytes().await.unwrap();
        assert!(!body.is_empty(), "{file}");
    }
    // A file of another build is not served as this one's.
    let stale = files[0].replacen("/graphiql/", "/graphiql/0", 1);
    let response = app
        .client
        .get(format!("{}{stale}", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
}
