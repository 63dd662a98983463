//! The test harness: one server per test, on its own database.

use std::path::PathBuf;

use ropa::auth::{JwtKeys, JwtSecret, Role};
use ropa::config::Config;
use ropa::http::server::{self, Limits};
use ropa::http::App;
use sea_orm::{ConnectionTrait, Database};
use serde_json::{json, Value};
use uuid::Uuid;

pub const SECRET: &str = "test-secret-that-is-long-enough-for-hs256";

pub struct TestApp {
    pub url: String,
    pub app: App,
    pub client: reqwest::Client,
    sqlite_file: Option<PathBuf>,
}

/// A fresh, empty database URL for one test.
pub async fn fresh_database() -> (String, Option<PathBuf>) {
    let configured = std::env::var("ROPA_TEST_DATABASE_URL").unwrap_or_default();
    if configured.starts_with("postgres") {
        let name = format!("ropa_test_{}", Uuid::now_v7().simple());
        let admin = Database::connect(&configured)
            .await
            .expect("PostgreSQL for tests is reachable");
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("test database is created");
        admin.close().await.ok();
        let base = configured
            .rsplit_once('/')
            .map_or(configured.as_str(), |(base, _)| base);
        (format!("{base}/{name}"), None)
    } else {
        let (url, file) = sqlite_database();
        (url, Some(file))
    }
}

/// A fresh SQLite file (not created yet) and its URL, whatever database the
/// tests are configured with: for what only SQLite has.
pub fn sqlite_database() -> (String, PathBuf) {
    let file = std::env::temp_dir().join(format!("ropa-test-{}.db", Uuid::now_v7().simple()));
    (format!("sqlite://{}?mode=rwc", file.display()), file)
}

pub fn config(database_url: String) -> Config {
    Config {
        database_url,
        jwt_secret: Some(SECRET.into()),
        jwt_public_keys: Some(fixtures().join("keys")),
        jwt_issuer: None,
        jwt_audience: None,
        graphiql: None,
        import_max_bytes: ropa::config::DEFAULT_IMPORT_MAX_BYTES,
        answer_cache_bytes: ropa::config::DEFAULT_ANSWER_CACHE_BYTES,
    }
}

/// A token valid for an hour, signed with [`SECRET`]: what any server
/// started with it accepts, the `ropa` binary too.
pub fn sign_token(subject: &str, org: Option<&str>, role: Role) -> String {
    let secret = JwtSecret::new(SECRET, "SECRET").expect("the test secret is long enough");
    JwtKeys::new(Some(secret), None, None)
        .issue(subject, org, role, chrono::Duration::hours(1))
        .expect("token is signed")
}

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

impl TestApp {
    pub async fn start() -> TestApp {
        TestApp::start_with(|_| {}).await
    }

    /// Starts a server whose configuration `adjust` may change.
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        TestApp::start_serving(adjust, Limits::default()).await
    }

    /// Starts a server with the connection limits `limits`.
    pub async fn start_limited(limits: Limits) -> TestApp {
        TestApp::start_serving(|_| {}, limits).await
    }

    async fn start_serving(adjust: impl FnOnce(&mut Config), limits: Limits) -> TestApp {
        let (database_url, sqlite_file) = fresh_database().await;
        let mut config = config(database_url);
        adjust(&mut config);
        let app = App::start(&config).await.expect("app starts");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("port is free");
        let url = format!("http://{}", listener.local_addr().expect("bound"));
        let router = app.router();
        // The server ropa runs, with its limits; it lives as long as the test.
        tokio::spawn(server::serve(
            listener,
            router,
            limits,
            std::future::pending(),
        ));
        TestApp {
            url,
            app,
            client: reqwest::Client::new(),
            sqlite_file,
        }
    }

    pub fn token(&self, org: &str, role: Role) -> String {
        self.token_for("tester", Some(org), role)
    }

    pub fn token_for(&self, subject: &str, org: Option<&str>, role: Role) -> String {
        self.app
            .keys
            .issue(subject, org, role, chrono::Duration::hours(1))
            .expect("token is signed")
    }

    /// Posts a GraphQL request and returns the JSON response.
    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.url))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request is sent");
        assert!(response.status().is_success(), "HTTP {}", response.status());
        response.json().await.expect("response is JSON")
    }

    /// Like [`gql`](Self::gql), but fails the test on any GraphQL error.
    pub async fn gql_ok(&self, token: &str, query: &str, variables: Value) -> Value {
        let response = self.gql(Some(token), query, variables).await;
        assert!(
            response.get("errors").is_none(),
            "unexpected errors: {response:#}"
        );
        response["data"].clone()
    }

    /// Creates an organization through the API and returns an admin token for it.
    pub async fn organization(&self, slug: &str) -> String {
        let operator = self.token_for("operator", None, Role::Operator);
        self.gql_ok(
            &operator,
            "mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }",
            json!({ "input": { "slug": slug, "legalName": format!("{slug} B.V."), "defaultLanguage": "NL" } }),
        )
        .await;
        self.token(slug, Role::Admin)
    }

    /// An organization (with its admin's token) whose register stands no
    /// blocking compliance finding, so that it may publish: it can be
    /// reached and has a rights policy.
    pub async fn publishing_organization(&self, slug: &str) -> String {
        let operator = self.token_for("operator", None, Role::Operator);
        self.gql_ok(
            &operator,
            "mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }",
            json!({ "input": { "slug": slug, "legalName": format!("{slug} B.V."), "defaultLanguage": "NL",
                               "privacyEmail": format!("privacy@{slug}.example") } }),
        )
        .await;
        let admin = self.token(slug, Role::Admin);
        self.gql_ok(
            &admin,
            "mutation { updateRightsPolicy(input: { responsePeriod: \"P1M\" }, expectedRevision: 0) { id } }",
            json!({}),
        )
        .await;
        admin
    }

    /// `GET path` (e.g. `/metrics`): the body of a 200 answer.
    pub async fn page(&self, path: &str) -> String {
        let response = self
            .client
            .get(format!("{}{path}", self.url))
            .send()
            .await
            .expect("request is sent");
        assert_eq!(response.status(), 200, "GET {path}");
        response.text().await.expect("body is text")
    }

    /// SQL statements the server ran so far.
    pub fn statements(&self) -> u64 {
        self.app.metrics.db_statements.get()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(file) = &self.sqlite_file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
            let _ = std::fs::remove_file(file.with_extension("jwt-secret"));
        }
    }
}

/// Posts a GraphQL request to the server at `url` (the `ropa` binary too):
/// the JSON of an HTTP 200 answer, `None` when none came back.
pub async fn try_graphql(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    query: &str,
    variables: Value,
) -> Option<Value> {
    let response = client
        .post(format!("{url}/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .ok()?;
    if response.status() != 200 {
        return None;
    }
    response.json().await.ok()
}

/// Like [`try_graphql`], but fails the test on anything but data.
pub async fn graphql_ok(url: &str, token: &str, query: &str, variables: Value) -> Value {
    let response = try_graphql(&reqwest::Client::new(), url, token, query, variables)
        .await
        .expect("an HTTP 200 answer");
    assert!(
        response.get("errors").is_none(),
        "unexpected errors: {response:#}"
    );
    response["data"].clone()
}

/// The `extensions.code` of the first error.
pub fn error_code(response: &Value) -> &str {
    response["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code in {response:#}"))
}

/// A `DateTime` field of a response.
pub fn time(value: &Value) -> chrono::DateTime<chrono::Utc> {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("not a DateTime: {value}"));
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("{text} is not RFC 3339: {e}"))
        .with_timezone(&chrono::Utc)
}

/// The `id` of a returned entry.
pub fn id_of(entry: &Value) -> String {
    entry["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {entry}"))
        .to_string()
}
