//! Two `ropa serve` processes on one database, as replicas behind a load
//! balancer: a version one publishes is on the other's pages within a
//! second, publishes racing on both number versions without a gap or a
//! duplicate, and an answer one replica keeps gives way to a change made
//! through the other at once.

use std::time::{Duration, Instant};

use ropa::auth::Role;
use serde_json::{json, Value};

use crate::cli::{remove_sqlite, serve, Server};
use crate::common::{error_code, fresh_database, graphql_ok, sign_token, try_graphql};

const SLUG: &str = "replicas";

const CREATE_ACTIVITY: &str = "mutation($input: ProcessingActivityInput!) {
    createProcessingActivity(input: $input) { id } }";

const PUBLISH: &str = "mutation($summary: String!) {
    publishStatement(language: NL, summary: $summary) { version } }";

fn activity(name: &str, category: &Value) -> Value {
    json!({
        "name": [{ "language": "NL", "text": name }],
        "purpose": [{ "language": "NL", "text": format!("Wij {name}.") }],
        "status": "ACTIVE",
        "legalBases": [{ "code": "CONTRACT" }],
        "dataCategoryIds": [category],
        "dataSubjectCategoryIds": [],
    })
}

async fn publish(
    client: &reqwest::Client,
    server: &Server,
    token: &str,
    round: usize,
) -> Option<Value> {
    let summary = format!("ronde {round} via {}", server.url);
    try_graphql(
        client,
        &server.url,
        token,
        PUBLISH,
        json!({ "summary": summary }),
    )
    .await
}

/// The version `server`'s page shows as in effect.
async fn shown_version(client: &reqwest::Client, server: &Server) -> Option<i64> {
    let url = format!("{}/statements/{SLUG}/nl.json", server.url);
    let response = client.get(url).send().await.ok()?;
    let page: Value = response.json().await.ok()?;
    page["version"].as_i64()
}

/// Waits up to a second and a half for `server`'s page to show `version`.
async fn shows_within_a_second(client: &reqwest::Client, server: &Server, version: i64) {
    let deadline = Instant::now() + Duration::from_millis(1500);
    loop {
        let shown = shown_version(client, server).await;
        if shown == Some(version) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{} still shows {shown:?}, not version {version}",
            server.url
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn two_replicas_on_one_database() {
    let (database_url, sqlite_file) = fresh_database().await;
    let replicas = [
        Server::start(&mut serve(&database_url)),
        Server::start(&mut serve(&database_url)),
    ];
    let client = reqwest::Client::new();
    let operator = sign_token("operator", None, Role::Operator);
    let create = "mutation { createOrganization(input: { slug: \"replicas\", legalName: \"Replicas B.V.\", defaultLanguage: NL, privacyEmail: \"privacy@replicas.example\" }) { id } }";
    graphql_ok(&replicas[0].url, &operator, create, json!({})).await;
    let admin = sign_token("admin", Some(SLUG), Role::Admin);
    let policy = "mutation { updateRightsPolicy(input: { responsePeriod: \"P1M\" }, expectedRevision: 0) { id } }";
    graphql_ok(&replicas[1].url, &admin, policy, json!({})).await;
    let categories = "{ dataCategories(first: 1) { nodes { id } } }";
    let category = graphql_ok(&replicas[1].url, &admin, categories, json!({})).await
        ["dataCategories"]["nodes"][0]["id"]
        .clone();

    let activities = "{ processingActivities(first: 100) { totalCount } }";
    let count = |data: Value| data["processingActivities"]["totalCount"].as_i64();
    for round in 1..=4 {
        let editor = &replicas[round % 2];
        let reader = &replicas[(round + 1) % 2];
        // Asked three times: the reader keeps the answer from the second.
        for _ in 0..3 {
            let before = graphql_ok(&reader.url, &admin, activities, json!({})).await;
            assert_eq!(count(before), Some(round as i64 - 1));
        }
        let input = activity(&format!("doel {round} uitvoeren"), &category);
        graphql_ok(
            &editor.url,
            &admin,
            CREATE_ACTIVITY,
            json!({ "input": input }),
        )
        .await;
        let after = graphql_ok(&reader.url, &admin, activities, json!({})).await;
        assert_eq!(
            count(after),
            Some(round as i64),
            "{} kept a stale answer",
            reader.url
        );
        // The same change published on both at once: one wins.
        let (a, b) = tokio::join!(
            publish(&client, &replicas[0], &admin, round),
            publish(&client, &replicas[1], &admin, round)
        );
        let answers = [a.expect("answered"), b.expect("answered")];
        let won: Vec<&Value> = answers
            .iter()
            .filter(|r| r.get("errors").is_none())
            .collect();
        assert_eq!(
            won.len(),
            1,
            "one of two identical publishes wins: {answers:?}"
        );
        assert_eq!(won[0]["data"]["publishStatement"]["version"], round as i64);
        let lost = answers.iter().find(|r| r.get("errors").is_some()).unwrap();
        assert_eq!(error_code(lost), "CONFLICT");

        for server in &replicas {
            shows_within_a_second(&client, server, round as i64).await;
        }
    }

    let versions = "{ statementVersions(language: NL, first: 100) { nodes { version } } }";
    for server in &replicas {
        let data = graphql_ok(&server.url, &admin, versions, json!({})).await;
        let numbers: Vec<i64> = data["statementVersions"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["version"].as_i64().unwrap())
            .collect();
        assert_eq!(numbers, vec![1, 2, 3, 4]);
    }
    for server in &replicas {
        let metrics = client
            .get(format!("{}/metrics", server.url))
            .send()
            .await
            .expect("metrics answer")
            .text()
            .await
            .expect("metrics are text");
        let reused = metrics.lines().find_map(|line| {
            let count = line.strip_prefix("ropa_graphql_answers_reused_total ")?;
            count.parse::<u64>().ok()
        });
        assert!(
            reused >= Some(2),
            "{} answered no question from what it kept",
            server.url
        );
    }
    drop(replicas);
    remove_sqlite(sqlite_file);
}
