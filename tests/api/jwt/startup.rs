//! Key configurations tried on the real binary: `ropa serve` and `ropa
//! token` refuse a secret that is empty or short, from the environment or
//! kept beside the SQLite file, with a message that says what to do, before
//! the database is touched; with public keys only, no secret exists and
//! HS256 tokens are refused.

use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait, Statement};

use super::*;
use crate::cli::{refused, remove_sqlite, ropa, Server};
use crate::common::{fresh_database, graphql_ok, sqlite_database};

const SERVE: [&str; 3] = ["serve", "--listen", "127.0.0.1:0"];
const TOKEN: [&str; 3] = ["token", "--role", "operator"];
const HOW_TO: &str = "openssl rand -hex 32";

fn kept_secret(database: &Path) -> PathBuf {
    database.with_extension("jwt-secret")
}

/// Nothing was created for the database: no SQLite file nor kept secret,
/// no table in the PostgreSQL database.
async fn assert_untouched(database_url: &str, sqlite_file: Option<&Path>) {
    if let Some(file) = sqlite_file {
        assert!(!file.exists(), "the database was created");
        assert!(!kept_secret(file).exists(), "a secret was kept");
        return;
    }
    let db = sea_orm::Database::connect(database_url)
        .await
        .expect("the test database is reachable");
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
        ))
        .await
        .expect("tables are counted")
        .expect("a row");
    let tables: i64 = row.try_get("", "n").expect("a count");
    assert_eq!(tables, 0, "the database was migrated");
    db.close().await.ok();
}

/// `ropa serve` and `ropa token` with the variables `env` refuse with
/// `message` and the way to make a secret, and show no `secret`.
async fn assert_both_refuse(database_url: &str, env: &[(&str, &str)], message: &str, secret: &str) {
    for args in [SERVE, TOKEN] {
        let stderr = refused(ropa(database_url, &args).envs(env.iter().copied())).await;
        assert!(
            stderr.contains(message) && stderr.contains(HOW_TO),
            "{args:?}: {stderr}"
        );
        assert!(
            secret.trim().is_empty() || !stderr.contains(secret),
            "{args:?} shows the secret: {stderr}"
        );
    }
}

#[tokio::test]
async fn empty_and_short_secrets_are_refused_before_the_database_is_touched() {
    let (database_url, sqlite_file) = fresh_database().await;
    let thirty_one = "s".repeat(31);
    let keys = fixtures().join("keys").display().to_string();
    let cases = [
        ("", "ROPA_JWT_SECRET is empty"),
        (" \t", "ROPA_JWT_SECRET is empty"),
        ("hunter2", "ROPA_JWT_SECRET holds 7 bytes"),
        (thirty_one.as_str(), "ROPA_JWT_SECRET holds 31 bytes"),
    ];
    for (secret, message) in cases {
        let env = [("ROPA_JWT_SECRET", secret)];
        assert_both_refuse(&database_url, &env, message, secret).await;
        // Public keys beside it do not excuse a bad secret.
        let env = [("ROPA_JWT_SECRET", secret), ("ROPA_JWT_PUBLIC_KEYS", &keys)];
        assert_both_refuse(&database_url, &env, message, secret).await;
        assert_untouched(&database_url, sqlite_file.as_deref()).await;
    }

    // 32 bytes are enough.
    let output = ropa(&database_url, &TOKEN)
        .env("ROPA_JWT_SECRET", "s".repeat(32))
        .output()
        .expect("ropa runs");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).split('.').count(),
        3
    );
    remove_sqlite(sqlite_file);
}

/// Only SQLite keeps a secret beside its file, so this test runs on SQLite
/// whatever database the others use.
#[tokio::test]
async fn a_short_kept_secret_is_refused_and_a_blank_one_replaced() {
    let (database_url, file) = sqlite_database();
    let kept = kept_secret(&file);
    std::fs::write(&kept, "hunter2\n").expect("the secret file is written");
    let message = format!("{} holds 7 bytes", kept.display());
    assert_both_refuse(&database_url, &[], &message, "hunter2").await;
    assert_eq!(
        std::fs::read_to_string(&kept).expect("the secret file stays"),
        "hunter2\n",
        "a refused secret is left for its owner to replace"
    );
    assert!(!file.exists(), "the database was created");

    std::fs::write(&kept, "\n").expect("the secret file is blanked");
    let output = ropa(&database_url, &TOKEN).output().expect("ropa runs");
    assert!(output.status.success(), "{output:?}");
    let generated = std::fs::read_to_string(&kept).expect("a secret is kept");
    assert_eq!(generated.len(), 64, "{generated:?}");
    assert!(generated.chars().all(|c| c.is_ascii_hexdigit()));
    remove_sqlite(Some(file));
}

#[tokio::test]
async fn with_public_keys_only_hs256_is_refused_and_no_secret_is_kept() {
    let (database_url, sqlite_file) = fresh_database().await;
    let keys = fixtures().join("keys");
    let server = Server::start(ropa(&database_url, &SERVE).env("ROPA_JWT_PUBLIC_KEYS", &keys));
    let rs256 = |role: &str| {
        let claims = claims(json!({ "role": role }));
        sign(Algorithm::RS256, Some("rsa-2026"), &claims, &rsa())
    };
    let create = "mutation { createOrganization(input: { slug: \"acme\", legalName: \"Acme B.V.\", defaultLanguage: NL }) { id } }";
    graphql_ok(&server.url, &rs256("operator"), create, json!({})).await;
    let admin = rs256("admin");
    let audit = "{ auditEvents(first: 1) { totalCount } }";
    let before = graphql_ok(&server.url, &admin, audit, json!({})).await;

    let admin_claims = claims(json!({ "role": "admin" }));
    let hs256_keys = [
        ("the test secret", secret()),
        ("an empty secret", EncodingKey::from_secret(b"")),
        (
            "the RSA public key",
            EncodingKey::from_secret(&public_pem("rsa-2026")),
        ),
    ];
    for (what, key) in hs256_keys {
        let token = sign(Algorithm::HS256, None, &admin_claims, &key);
        let what = format!("HS256 signed with {what}");
        let error = assert_refused_as(&server.url, &what, &token, "UNAUTHENTICATED", &[]).await;
        assert_eq!(
            error["message"], "token needs a `kid` header: no shared secret is configured",
            "{what}"
        );
    }
    assert_eq!(
        graphql_ok(&server.url, &admin, audit, json!({})).await,
        before
    );

    let stderr = refused(ropa(&database_url, &TOKEN).env("ROPA_JWT_PUBLIC_KEYS", &keys)).await;
    assert!(
        stderr.contains("no shared secret is configured"),
        "{stderr}"
    );
    if let Some(file) = &sqlite_file {
        assert!(file.exists(), "the server ran on this database");
        assert!(!kept_secret(file).exists(), "a secret was generated");
    }
    drop(server);
    remove_sqlite(sqlite_file);
}
