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
        metrics.contains(r#"ropa_graphql_requests_total{operation="Org",outcome="ok"} 1"#),
        "{metrics}"
    );
}

#[tokio::test]
async fn graphiql_is_served_on_get() {
    let app = TestApp::start().await;
    let page = app
        .client
        .get(format!("{}/graphql", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("graphiql"));
}
