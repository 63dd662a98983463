//! No acknowledged write is lost when the server dies. Writers run against
//! the real `ropa serve`; it is killed (SIGKILL: no shutdown, no flush)
//! among their requests and started again on the same database. Every write
//! that was answered is there with its audit event, and no entry is there
//! without its event: the writes in flight at the kill were kept whole or
//! not at all. So a write is answered only after its transaction, audit
//! event included, committed. A killed process leaves the operating
//! system's cache behind; that commits are also on disk against a power cut
//! is the database's part (`synchronous=FULL` for SQLite, see
//! `src/db/connect.rs`; `synchronous_commit`, on by default, for
//! PostgreSQL), which no test of a process can show.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use ropa::auth::Role;
use serde_json::{json, Value};
use tokio::sync::Notify;

use crate::cli::{remove_sqlite, serve, Server};
use crate::common::{fresh_database, graphql_ok, sign_token, try_graphql};

const WRITERS: usize = 4;
/// Acknowledged writes awaited before the kill; the writers go on meanwhile.
const BEFORE_KILL: usize = 40;
/// The token subject of the writers, the actor of their audit events.
const ACTOR: &str = "crash-writer";

#[derive(Clone, Copy, Debug)]
enum Kind {
    DataCategory,
    Processor,
}

/// A write the server answered with data: what was created, and its id.
#[derive(Debug)]
struct Ack {
    kind: Kind,
    id: String,
    label: String,
}

impl Kind {
    /// The mutation that creates an entry labelled `label`, and its field.
    fn create(self, label: &str) -> (&'static str, Value, &'static str) {
        match self {
            Kind::DataCategory => (
                "mutation($input: DataCategoryInput!) { createDataCategory(input: $input) { id } }",
                json!({ "input": { "key": label, "name": [{ "language": "EN", "text": label }] } }),
                "createDataCategory",
            ),
            Kind::Processor => (
                "mutation($input: ProcessorInput!) { createProcessor(input: $input) { id } }",
                json!({ "input": { "name": label, "role": "PROCESSOR", "country": "NL" } }),
                "createProcessor",
            ),
        }
    }

    /// A query for the entry `$id` as `entry { label }` and its audit events.
    fn read(self) -> &'static str {
        match self {
            Kind::DataCategory => "query($id: ID!) { entry: dataCategory(id: $id) { label: key } auditEvents(filter: { entityId: $id }) { nodes { action actor } } }",
            Kind::Processor => "query($id: ID!) { entry: processor(id: $id) { label: name } auditEvents(filter: { entityId: $id }) { nodes { action actor } } }",
        }
    }
}

/// Writes data categories and processors by turns until the server stops
/// answering; returns the writes it acknowledged. `acknowledged` counts
/// those of all writers; `enough` is told when it reaches [`BEFORE_KILL`].
async fn writer(
    url: String,
    number: usize,
    acknowledged: Arc<AtomicUsize>,
    enough: Arc<Notify>,
) -> Vec<Ack> {
    let client = reqwest::Client::new();
    let token = sign_token(ACTOR, Some("crash"), Role::Editor);
    let mut acks = Vec::new();
    for kind in [Kind::DataCategory, Kind::Processor].into_iter().cycle() {
        let label = format!("crash.{number}-{}", acks.len());
        let (mutation, variables, field) = kind.create(&label);
        let Some(response) = try_graphql(&client, &url, &token, mutation, variables).await else {
            break;
        };
        // Until the kill every write succeeds: an error is a failure.
        assert!(response.get("errors").is_none(), "{response:#}");
        let id = response["data"][field]["id"].as_str().expect("an id");
        acks.push(Ack {
            kind,
            id: id.to_string(),
            label,
        });
        if acknowledged.fetch_add(1, Ordering::SeqCst) + 1 == BEFORE_KILL {
            enough.notify_one();
        }
    }
    acks
}

/// Data categories and processors in the register, the catalogue included.
async fn entries(url: &str, token: &str) -> u64 {
    let query = "{ dataCategories { totalCount } processors { totalCount } }";
    let data = graphql_ok(url, token, query, json!({})).await;
    ["dataCategories", "processors"]
        .iter()
        .map(|field| data[field]["totalCount"].as_u64().expect("a count"))
        .sum()
}

async fn events_of_writers(url: &str, token: &str) -> u64 {
    let query = "query($actor: String!) { auditEvents(filter: { actor: $actor }) { totalCount } }";
    let data = graphql_ok(url, token, query, json!({ "actor": ACTOR })).await;
    data["auditEvents"]["totalCount"].as_u64().expect("a count")
}

#[tokio::test]
async fn acknowledged_writes_survive_a_kill() {
    let (database_url, sqlite_file) = fresh_database().await;
    let server = Server::start(&mut serve(&database_url));
    let operator = sign_token("operator", None, Role::Operator);
    let create = "mutation { createOrganization(input: { slug: \"crash\", legalName: \"Crash B.V.\", defaultLanguage: EN }) { id } }";
    graphql_ok(&server.url, &operator, create, json!({})).await;
    let reader = sign_token("crash-reader", Some("crash"), Role::Viewer);
    let catalogue = entries(&server.url, &reader).await;

    let acknowledged = Arc::new(AtomicUsize::new(0));
    let enough = Arc::new(Notify::new());
    let writers: Vec<_> = (0..WRITERS)
        .map(|number| {
            let url = server.url.clone();
            tokio::spawn(writer(url, number, acknowledged.clone(), enough.clone()))
        })
        .collect();
    enough.notified().await;
    server.kill();
    let mut acks = Vec::new();
    for writer in writers {
        acks.extend(writer.await.expect("a writer failed"));
    }
    assert!(acks.len() >= BEFORE_KILL, "{} acknowledged", acks.len());

    let server = Server::start(&mut serve(&database_url));
    for ack in &acks {
        let data = graphql_ok(
            &server.url,
            &reader,
            ack.kind.read(),
            json!({ "id": ack.id }),
        )
        .await;
        assert_eq!(
            data["entry"]["label"],
            ack.label.as_str(),
            "{ack:?} is lost"
        );
        assert_eq!(
            data["auditEvents"]["nodes"],
            json!([{ "action": "create", "actor": ACTOR }]),
            "the audit event of {ack:?}"
        );
    }
    let written = entries(&server.url, &reader).await - catalogue;
    assert!(written >= acks.len() as u64, "{written} written");
    assert_eq!(
        events_of_writers(&server.url, &reader).await,
        written,
        "an entry without its audit event, or an event without its entry"
    );
    drop(server);
    remove_sqlite(sqlite_file);
}
