//! JWT validation through the API: the tokens that are accepted, issuer
//! and audience checks, a JWKS key file and the `ropa token` command; the
//! many ways a token is refused in [`attacks`], the key configurations
//! `ropa` refuses to start with in [`startup`].

mod attacks;
mod startup;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use ropa::auth::Role;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::common::{error_code, fixtures, TestApp, SECRET};

const ISSUER: &str = "https://id.example.test";
const AUDIENCE: &str = "ropa-api";

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Valid claims for a viewer of `acme`, with `extra` merged in (a `null`
/// removes a claim).
fn claims(extra: Value) -> Value {
    let mut claims = json!({ "sub": "jwt-test", "org": "acme", "role": "viewer", "iat": now(), "exp": now() + 600 });
    for (name, value) in extra.as_object().expect("an object") {
        if value.is_null() {
            claims.as_object_mut().unwrap().remove(name);
        } else {
            claims[name] = value.clone();
        }
    }
    claims
}

fn private_pem(kid: &str) -> Vec<u8> {
    std::fs::read(fixtures().join("private").join(format!("{kid}.pem"))).expect("fixture key")
}

fn public_pem(kid: &str) -> Vec<u8> {
    std::fs::read(fixtures().join("keys").join(format!("{kid}.pem"))).expect("fixture key")
}

fn secret() -> EncodingKey {
    EncodingKey::from_secret(SECRET.as_bytes())
}

fn rsa() -> EncodingKey {
    EncodingKey::from_rsa_pem(&private_pem("rsa-2026")).expect("RSA key")
}

fn ec() -> EncodingKey {
    EncodingKey::from_ec_pem(&private_pem("ec-2026")).expect("EC key")
}

fn ed() -> EncodingKey {
    EncodingKey::from_ed_pem(&private_pem("ed-2026")).expect("Ed25519 key")
}

fn sign(algorithm: Algorithm, kid: Option<&str>, claims: &Value, key: &EncodingKey) -> String {
    let mut header = Header::new(algorithm);
    header.kid = kid.map(str::to_string);
    jsonwebtoken::encode(&header, claims, key).expect("token is signed")
}

fn b64(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

/// The claims of a token, read without checking it.
fn payload(token: &str) -> Value {
    let part = token.split('.').nth(1).expect("a JWT");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("base64url")).expect("JSON")
}

async fn assert_accepted(app: &TestApp, what: &str, token: &str) {
    let response = app
        .gql(Some(token), "{ organization { slug } }", json!({}))
        .await;
    assert_eq!(
        response["data"]["organization"]["slug"], "acme",
        "{what} should be accepted: {response}"
    );
}

async fn assert_refused(app: &TestApp, what: &str, token: &str) {
    assert_refused_as(&app.url, what, token, "UNAUTHENTICATED", &[]).await;
}

/// What a refusal may never show: words of database errors.
const DATABASE_WORDS: [&str; 4] = ["sqlx", "SQL", "database", "byte sequence"];

/// Sends `token` to the server at `url` with a read and with a write of
/// the register. Each is answered with HTTP 200, the error `code` and no
/// data, runs no SQL statement (so nothing is read or written) and shows
/// none of `hidden`, the hostile parts of the token, nor database text.
/// Returns the error of the read.
async fn assert_refused_as(
    url: &str,
    what: &str,
    token: &str,
    code: &str,
    hidden: &[&str],
) -> Value {
    let read = "{ organization { slug } dataCategories { totalCount } }";
    let write = "mutation { createDataCategory(input: { key: \"refused.token\", name: [{ language: EN, text: \"x\" }] }) { id } }";
    let client = reqwest::Client::new();
    let mut errors = Vec::new();
    for query in [read, write] {
        let before = statements(&client, url).await;
        let response = client
            .post(format!("{url}/graphql"))
            .bearer_auth(token)
            .json(&json!({ "query": query }))
            .send()
            .await
            .expect("request is sent");
        assert_eq!(response.status(), 200, "{what}");
        let body = response.text().await.expect("body is text");
        let response: Value = serde_json::from_str(&body).expect("JSON");
        assert_eq!(
            error_code(&response),
            code,
            "{what} should be refused: {body}"
        );
        assert!(response["data"].is_null(), "{what}: {body}");
        assert_eq!(
            statements(&client, url).await,
            before,
            "{what} reached the database"
        );
        for word in hidden.iter().chain(&DATABASE_WORDS) {
            let escaped = serde_json::to_string(word).expect("JSON string");
            assert!(
                !body.contains(word) && !body.contains(escaped.trim_matches('"')),
                "{what} shows `{word}`: {body}"
            );
        }
        errors.push(response["errors"][0].clone());
    }
    errors.swap_remove(0)
}

/// The SQL statements the server at `url` ran so far, from its metrics.
async fn statements(client: &reqwest::Client, url: &str) -> u64 {
    let metrics = client
        .get(format!("{url}/metrics"))
        .send()
        .await
        .expect("metrics are served")
        .text()
        .await
        .expect("metrics are text");
    metrics
        .lines()
        .find_map(|line| line.strip_prefix("ropa_db_statements_total "))
        .and_then(|count| count.trim().parse().ok())
        .unwrap_or_else(|| panic!("no statement count in {metrics}"))
}

async fn audit_count(app: &TestApp) -> i64 {
    let admin = app.token("acme", Role::Admin);
    app.gql_ok(
        &admin,
        "{ auditEvents(first: 1) { totalCount } }",
        json!({}),
    )
    .await["auditEvents"]["totalCount"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn tokens_of_every_configured_key_are_accepted() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let c = claims(json!({}));
    let accepted = [
        (
            "HS256 without kid",
            sign(Algorithm::HS256, None, &c, &secret()),
        ),
        (
            "RS256 with kid",
            sign(Algorithm::RS256, Some("rsa-2026"), &c, &rsa()),
        ),
        (
            "RS512 with kid",
            sign(Algorithm::RS512, Some("rsa-2026"), &c, &rsa()),
        ),
        (
            "ES256 with kid",
            sign(Algorithm::ES256, Some("ec-2026"), &c, &ec()),
        ),
        (
            "EdDSA with kid",
            sign(Algorithm::EdDSA, Some("ed-2026"), &c, &ed()),
        ),
        (
            "exp just past, within the leeway",
            sign(
                Algorithm::HS256,
                None,
                &claims(json!({ "exp": now() - 1 })),
                &secret(),
            ),
        ),
    ];
    for (what, token) in &accepted {
        assert_accepted(&app, what, token).await;
    }

    // The subject of a public-key token is the actor in the audit trail.
    let editor = claims(json!({ "sub": "integration-42", "role": "editor" }));
    let token = sign(Algorithm::EdDSA, Some("ed-2026"), &editor, &ed());
    app.gql_ok(
        &token,
        "mutation { createDataCategory(input: { key: \"jwt.test\", name: [{ language: EN, text: \"JWT\" }] }) { id } }",
        json!({}),
    )
    .await;
    let data = app
        .gql_ok(
            &token,
            "{ auditEvents(filter: { actor: \"integration-42\" }) { totalCount nodes { entityType action } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data["auditEvents"]["nodes"],
        json!([{ "entityType": "DataCategory", "action": "create" }])
    );
}

#[tokio::test]
async fn issuer_and_audience_are_checked_when_configured() {
    let app = TestApp::start_with(|config| {
        config.jwt_issuer = Some(ISSUER.into());
        config.jwt_audience = Some(AUDIENCE.into());
    })
    .await;
    app.organization("acme").await;
    let right = json!({ "iss": ISSUER, "aud": AUDIENCE });
    assert_accepted(
        &app,
        "HS256 with iss and aud",
        &sign(Algorithm::HS256, None, &claims(right.clone()), &secret()),
    )
    .await;
    assert_accepted(
        &app,
        "RS256 with iss and aud",
        &sign(Algorithm::RS256, Some("rsa-2026"), &claims(right), &rsa()),
    )
    .await;
    // `aud` may be a list (RFC 7519, 4.1.3) that holds the audience.
    let listed = json!({ "iss": ISSUER, "aud": ["another-api", AUDIENCE] });
    assert_accepted(
        &app,
        "aud as a list",
        &sign(Algorithm::HS256, None, &claims(listed), &secret()),
    )
    .await;
    // Tokens issued by the app itself carry the configured iss and aud.
    let issued = app.token("acme", Role::Viewer);
    assert_eq!(payload(&issued)["iss"], ISSUER);
    assert_accepted(&app, "a token of the app", &issued).await;

    let refused = [
        (
            "another issuer",
            json!({ "iss": "https://evil.example.test", "aud": AUDIENCE }),
        ),
        (
            "another audience",
            json!({ "iss": ISSUER, "aud": "another-api" }),
        ),
        (
            "a list of other audiences",
            json!({ "iss": ISSUER, "aud": ["another-api", "a-third-api"] }),
        ),
        (
            "an empty audience list",
            json!({ "iss": ISSUER, "aud": [] }),
        ),
        ("no issuer", json!({ "aud": AUDIENCE })),
        ("no audience", json!({ "iss": ISSUER })),
        ("neither", json!({})),
    ];
    for (what, extra) in refused {
        for (algorithm, kid, key) in [
            (Algorithm::HS256, None, secret()),
            (Algorithm::ES256, Some("ec-2026"), ec()),
        ] {
            let token = sign(algorithm, kid, &claims(extra.clone()), &key);
            assert_refused(&app, &format!("{algorithm:?} with {what}"), &token).await;
        }
    }
}

#[tokio::test]
async fn without_issuer_and_audience_configured_any_are_accepted() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let token = sign(
        Algorithm::HS256,
        None,
        &claims(json!({ "iss": "https://anyone.example.test", "aud": "anything" })),
        &secret(),
    );
    assert_accepted(&app, "iss and aud not configured", &token).await;
}

#[tokio::test]
async fn keys_are_read_from_a_jwks_file() {
    let mut rsa_jwk = Jwk::from_encoding_key(&rsa(), Algorithm::RS256).expect("RSA JWK");
    rsa_jwk.common.key_id = Some("jwks-rsa".into());
    let mut ec_jwk = Jwk::from_encoding_key(&ec(), Algorithm::ES256).expect("EC JWK");
    ec_jwk.common.key_id = Some("jwks-ec".into());
    let set = JwkSet {
        keys: vec![rsa_jwk, ec_jwk],
    };
    let path = std::env::temp_dir().join(format!("ropa-jwks-{}.json", Uuid::now_v7().simple()));
    std::fs::write(&path, serde_json::to_string_pretty(&set).unwrap()).expect("JWKS is written");
    let jwks = path.clone();
    let app = TestApp::start_with(move |config| config.jwt_public_keys = Some(jwks)).await;
    std::fs::remove_file(&path).ok();
    app.organization("acme").await;
    let c = claims(json!({}));
    assert_accepted(
        &app,
        "RS256 with a JWKS kid",
        &sign(Algorithm::RS256, Some("jwks-rsa"), &c, &rsa()),
    )
    .await;
    assert_accepted(
        &app,
        "ES256 with a JWKS kid",
        &sign(Algorithm::ES256, Some("jwks-ec"), &c, &ec()),
    )
    .await;
    assert_accepted(
        &app,
        "HS256 (the secret stays)",
        &sign(Algorithm::HS256, None, &c, &secret()),
    )
    .await;
    // Only the keys of the JWKS, each with the algorithm it declares.
    assert_refused(
        &app,
        "a kid of the PEM folder",
        &sign(Algorithm::RS256, Some("rsa-2026"), &c, &rsa()),
    )
    .await;
    assert_refused(
        &app,
        "RS512 for an RS256 JWK",
        &sign(Algorithm::RS512, Some("jwks-rsa"), &c, &rsa()),
    )
    .await;
    assert_refused(
        &app,
        "ES256 under the RSA kid",
        &sign(Algorithm::ES256, Some("jwks-rsa"), &c, &ec()),
    )
    .await;
}

#[tokio::test]
async fn ropa_token_prints_a_working_token() {
    let mut database_url = String::new();
    let app = TestApp::start_with(|config| database_url = config.database_url.clone()).await;
    app.organization("acme").await;
    // Away from the repository, so no `.env` is read.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
        .current_dir(std::env::temp_dir())
        .env_remove("ROPA_JWT_PUBLIC_KEYS")
        .env_remove("ROPA_JWT_ISSUER")
        .env_remove("ROPA_JWT_AUDIENCE")
        .env("ROPA_JWT_SECRET", SECRET)
        .env("ROPA_DATABASE_URL", &database_url)
        .env("RUST_LOG", "error")
        .args([
            "token", "--org", "acme", "--role", "editor", "--ttl", "10m", "--sub", "cli-test",
        ])
        .output()
        .expect("ropa runs");
    assert!(
        output.status.success(),
        "ropa token failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let token = stdout.trim();
    assert_eq!(token.lines().count(), 1, "one line: {stdout}");
    let claims = payload(token);
    assert_eq!(claims["sub"], "cli-test");
    assert_eq!(claims["org"], "acme");
    assert_eq!(claims["role"], "editor");
    let ttl = claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap();
    assert_eq!(ttl, 600, "--ttl 10m");

    let created = app
        .gql_ok(
            token,
            "mutation { createProcessor(input: { name: \"CLI\", role: PROCESSOR, country: \"NL\" }) { id } }",
            json!({}),
        )
        .await;
    let data = app
        .gql_ok(
            token,
            "query($id: ID!) { auditEvents(filter: { entityId: $id }) { nodes { actor action } } }",
            json!({ "id": created["createProcessor"]["id"] }),
        )
        .await;
    assert_eq!(
        data["auditEvents"]["nodes"],
        json!([{ "actor": "cli-test", "action": "create" }])
    );
    // The editor token may not do what an admin does.
    let response = app
        .gql(
            Some(token),
            "mutation { updateRightsPolicy(input: { responsePeriod: \"P4W\" }, expectedRevision: 0) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&response), "FORBIDDEN");

    // Roles other than operator need an organization.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
        .current_dir(std::env::temp_dir())
        .env("ROPA_JWT_SECRET", SECRET)
        .env("ROPA_DATABASE_URL", &database_url)
        .args(["token", "--role", "editor"])
        .output()
        .expect("ropa runs");
    assert!(
        !output.status.success(),
        "a token without --org for an editor"
    );
}
