use crate::common::TestApp;

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = TestApp::start().await;
    let health = app
        .client
        .get(format!("{}/healthz", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let ready = app
        .client
        .get(format!("{}/readyz", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 200);
    let token = app.organization("acme").await;
    app.gql_ok(
        &token,
        "query Org { organization { slug } }",
        serde_json::json!({}),
    )
    .await;
    let metrics = app.page("/metrics").await;
    let statements = metrics
        .lines()
        .find_map(|line| line.strip_prefix("ropa_db_statements_total "))
        .expect("statement counter is exported");
    assert!(statements.parse::<u64>().unwrap() > 0);
    assert!(
        metrics.contains(r#"ropa_graphql_requests_total{operation="organization",outcome="ok"} 1"#),
        "{metrics}"
    );
}

/// Operation names are the client's words: they must not become metric
/// labels, or anyone could grow `/metrics` without bound.
#[tokio::test]
async fn metric_labels_are_the_schemas_names_only() {
    let app = TestApp::start().await;
    for i in 0..200 {
        let name = format!("Op{i}_{}", "x".repeat(200));
        let query = format!("query {name} {{ publishedStatement(organization: \"acme\", language: NL) {{ version }} }}");
        let response = app
            .client
            .post(format!("{}/graphql", app.url))
            .json(&serde_json::json!({ "query": query, "operationName": name }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let unknown = format!("query {name} {{ noSuchField{i} }}");
        app.gql(None, &unknown, serde_json::json!({})).await;
    }
    let metrics = app.page("/metrics").await;
    let labels: std::collections::HashSet<&str> = metrics
        .lines()
        .filter(|line| line.starts_with("ropa_graphql_requests_total{"))
        .collect();
    assert_eq!(
        labels,
        [
            r#"ropa_graphql_requests_total{operation="other",outcome="error"} 200"#,
            r#"ropa_graphql_requests_total{operation="publishedStatement",outcome="ok"} 200"#,
        ]
        .into_iter()
        .collect(),
        "{metrics}"
    );
    assert!(metrics.len() < 20_000, "{} bytes of metrics", metrics.len());
}
