//! The security headers: on every answer, once; and who may show a page in
//! a frame: the organization's own websites for its statement pages,
//! nobody for anything else.

use entity::enums::Language;
use reqwest::header::{CONTENT_SECURITY_POLICY, ETAG, IF_NONE_MATCH, REFERRER_POLICY};
use reqwest::{RequestBuilder, Response};
use ropa::auth::Role;
use serde_json::json;

use crate::common::TestApp;
use crate::statement_pages::{insert_version, NewVersion};

/// The one value of header `name`.
fn single<'a>(response: &'a Response, name: &str) -> &'a str {
    let values: Vec<_> = response.headers().get_all(name).iter().collect();
    assert_eq!(values.len(), 1, "{name} once on {}", response.url());
    values[0].to_str().unwrap()
}

fn frame_ancestors(response: &Response) -> String {
    let policy = single(response, CONTENT_SECURITY_POLICY.as_str());
    let directives: Vec<&str> = policy.split(';').map(str::trim).collect();
    let framing: Vec<&&str> = directives
        .iter()
        .filter(|d| d.starts_with("frame-ancestors"))
        .collect();
    assert_eq!(framing.len(), 1, "{policy}");
    framing[0].to_string()
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = TestApp::start_with(|config| config.graphiql = Some(true)).await;
    let url = |path: &str| format!("{}{path}", app.url);
    let client = &app.client;
    let requests: Vec<(&str, RequestBuilder)> = vec![
        ("health", client.get(url("/healthz"))),
        ("readiness", client.get(url("/readyz"))),
        ("metrics", client.get(url("/metrics"))),
        ("GraphiQL", client.get(url("/graphql"))),
        (
            "no such file",
            client.get(url("/graphiql/0/graphiql.min.js")),
        ),
        ("no such route", client.get(url("/nowhere"))),
        (
            "no such statement",
            client.get(url("/statements/nobody/nl")),
        ),
        (
            "a query",
            client
                .post(url("/graphql"))
                .json(&json!({ "query": "{ __typename }" })),
        ),
        (
            "not JSON",
            client.post(url("/graphql")).body("{ __typename }"),
        ),
        (
            "too large",
            client
                .post(url("/graphql"))
                .header("Content-Type", "application/json")
                .body(vec![b' '; 300 * 1024]),
        ),
        ("a wrong method", client.delete(url("/graphql"))),
    ];
    for (what, request) in requests {
        let response = request.send().await.expect("request is sent");
        assert_eq!(
            single(&response, REFERRER_POLICY.as_str()),
            "no-referrer",
            "{what}"
        );
        assert_eq!(
            single(&response, "x-content-type-options"),
            "nosniff",
            "{what}"
        );
        assert_eq!(
            frame_ancestors(&response),
            "frame-ancestors 'none'",
            "{what}"
        );
    }
}

#[tokio::test]
async fn only_the_organizations_own_websites_may_frame_its_statement() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    insert_version(&app, "acme", NewVersion::new(Language::Nl, 1, "one")).await;
    let page = |etag: Option<String>| {
        let mut request = app.client.get(format!("{}/statements/acme/nl", app.url));
        if let Some(etag) = etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        request.send()
    };
    let before = page(None).await.unwrap();
    assert_eq!(frame_ancestors(&before), "frame-ancestors 'none'");
    let etag = single(&before, ETAG.as_str()).to_string();

    let websites = [
        "https://www.acme.example/privacy",
        "http://Shop.Acme.Example:8080",
        "https://www.acme.example",
        // Each of these would add a directive or widen the list.
        "https://evil.example;script-src-elem:*",
        "https://evil.example';'unsafe-inline'",
        "https://*.example",
        "https://user@evil.example",
    ];
    app.gql_ok(
        &admin,
        "mutation($websites: [String!]) { updateOrganization(expectedRevision: 1, input: { legalName: \"acme B.V.\", defaultLanguage: NL, websites: $websites }) { revision } }",
        json!({ "websites": websites }),
    )
    .await;

    let after = page(Some(etag)).await.unwrap();
    assert_eq!(after.status(), 200, "a cached copy is not fresh any more");
    let allowed = "frame-ancestors http://shop.acme.example:8080 https://www.acme.example";
    assert_eq!(frame_ancestors(&after), allowed);
    // Nothing else than the page's own directives and the clean origins.
    assert_eq!(
        single(&after, CONTENT_SECURITY_POLICY.as_str()),
        format!("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; {allowed}")
    );
    for path in [
        "/nl.json",
        "/nl.md",
        "/nl/versions",
        "/nl/versions/1",
        "/nl/feed.atom",
    ] {
        let response = app
            .client
            .get(format!("{}/statements/acme{path}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(frame_ancestors(&response), allowed, "{path}");
    }
    // Pages that are not its statement: nobody.
    let missing = app
        .client
        .get(format!("{}/statements/acme/nl/versions/9", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(frame_ancestors(&missing), "frame-ancestors 'none'");
    let viewer = app.token("acme", Role::Viewer);
    let api = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(viewer)
        .json(&json!({ "query": "{ organization { websites } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(frame_ancestors(&api), "frame-ancestors 'none'");
}
