//! Attacks with tokens: forged, confused, stale, incomplete and hostile
//! ones. Each is refused over HTTP with its code, before any SQL statement
//! runs, without showing the hostile part back; the audit trail stays as it
//! was.

use ropa::auth::jwt::MAX_TOKEN_BYTES;

use super::*;

/// An editor's claims with `extra` merged in, signed with the secret.
fn hs256(extra: Value) -> String {
    let mut editor = json!({ "role": "editor" });
    for (name, value) in extra.as_object().expect("an object") {
        editor[name] = value.clone();
    }
    sign(Algorithm::HS256, None, &claims(editor), &secret())
}

/// HS256 with a public key's PEM bytes as its secret: a server that took
/// the algorithm from the token would check it against that key.
fn confused(public_key: &str, kid: Option<&str>) -> String {
    let claims = claims(json!({ "role": "editor" }));
    let key = EncodingKey::from_secret(&public_pem(public_key));
    sign(Algorithm::HS256, kid, &claims, &key)
}

#[tokio::test]
async fn bad_tokens_are_refused() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let valid = claims(json!({ "role": "editor" }));
    let good = sign(Algorithm::HS256, None, &valid, &secret());
    let good_parts: Vec<&str> = good.split('.').collect();
    let other_secret = EncodingKey::from_secret(b"another-secret-that-is-long-enough-too");
    let refused = [
        (
            "expired 2 minutes ago",
            hs256(json!({ "exp": now() - 120 })),
        ),
        (
            "valid only in 2 minutes",
            hs256(json!({ "nbf": now() + 120 })),
        ),
        (
            "signed with another secret",
            sign(Algorithm::HS256, None, &valid, &other_secret),
        ),
        (
            "alg none",
            format!(
                "{}.{}.",
                b64(&json!({ "alg": "none", "typ": "JWT" })),
                b64(&valid)
            ),
        ),
        (
            "alg none with a kid",
            format!(
                "{}.{}.",
                b64(&json!({ "alg": "none", "typ": "JWT", "kid": "rsa-2026" })),
                b64(&valid)
            ),
        ),
        (
            "HS256 with the RSA public key, its kid",
            confused("rsa-2026", Some("rsa-2026")),
        ),
        (
            "HS256 with the RSA public key, no kid",
            confused("rsa-2026", None),
        ),
        (
            "HS256 with the EC public key, its kid",
            confused("ec-2026", Some("ec-2026")),
        ),
        (
            "HS256 with the EC public key, no kid",
            confused("ec-2026", None),
        ),
        (
            "HS256 with the Ed25519 public key, its kid",
            confused("ed-2026", Some("ed-2026")),
        ),
        (
            "RS256 without kid",
            sign(Algorithm::RS256, None, &valid, &rsa()),
        ),
        (
            "RS256 with an unknown kid",
            sign(Algorithm::RS256, Some("rsa-2025"), &valid, &rsa()),
        ),
        (
            "ES256 under the kid of the RSA key",
            sign(Algorithm::ES256, Some("rsa-2026"), &valid, &ec()),
        ),
        (
            "EdDSA under the kid of the EC key",
            sign(Algorithm::EdDSA, Some("ec-2026"), &valid, &ed()),
        ),
        ("without exp", hs256(json!({ "exp": null }))),
        ("without sub", hs256(json!({ "sub": null }))),
        ("without role", hs256(json!({ "role": null }))),
        ("exp as text", hs256(json!({ "exp": "tomorrow" }))),
        (
            "with a changed payload",
            format!(
                "{}.{}.{}",
                good_parts[0],
                b64(&claims(json!({ "role": "admin" }))),
                good_parts[2]
            ),
        ),
        ("garbage", "garbage".to_string()),
        ("three garbage parts", "a.b.c".to_string()),
        ("empty", String::new()),
    ];
    let before = audit_count(&app).await;
    for (what, token) in &refused {
        assert_refused(&app, what, token).await;
    }
    assert_eq!(audit_count(&app).await, before, "a refused token wrote");
    // The valid token the tampered one was made from works.
    assert_accepted(&app, "the untampered token", &good).await;

    // Only bearer tokens are read.
    for header in [
        "Basic dGVzdGVyOnNlY3JldA==".to_string(),
        format!("Token {good}"),
        good.clone(),
    ] {
        let response: Value = app
            .client
            .post(format!("{}/graphql", app.url))
            .header("Authorization", &header)
            .json(&json!({ "query": "{ organization { slug } }" }))
            .send()
            .await
            .expect("request is sent")
            .json()
            .await
            .expect("JSON");
        assert_eq!(
            error_code(&response),
            "UNAUTHENTICATED",
            "{header}: {response}"
        );
        assert!(response["data"].is_null());
    }
}

#[tokio::test]
async fn roles_that_do_not_exist_are_refused() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let before = audit_count(&app).await;
    for role in [
        json!("superuser"),
        json!("Admin"),
        json!("operator "),
        json!(""),
        json!(3),
        json!(["admin"]),
        json!({ "admin": true }),
    ] {
        let token = hs256(json!({ "role": role }));
        let hidden = ["superuser", "Admin", "operator "];
        let error = assert_refused_as(
            &app.url,
            &format!("role {role}"),
            &token,
            "UNAUTHENTICATED",
            &hidden,
        )
        .await;
        assert_eq!(
            error["message"],
            "token claims are invalid: unexpected claim values"
        );
    }
    assert_eq!(audit_count(&app).await, before);
}

#[tokio::test]
async fn unknown_and_hostile_key_ids_are_refused_without_being_shown() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let absolute = fixtures().join("keys/rsa-2026.pem").display().to_string();
    let long = "k".repeat(10 * 1024);
    let kids = [
        "rsa-2025",
        "../../etc/passwd",
        "../keys/rsa-2026",
        "rsa-2026.pem",
        absolute.as_str(),
        long.as_str(),
        "rsa-2026\0",
        "\0",
        "rsa-\u{1b}[31m2026",
        "",
    ];
    let before = audit_count(&app).await;
    for kid in kids {
        // Signed with the right key: only the `kid` is wrong.
        let token = sign(Algorithm::RS256, Some(kid), &claims(json!({})), &rsa());
        let hidden: Vec<&str> = [kid, "etc/passwd", "kkkkkkkk", "2026"]
            .into_iter()
            .filter(|hostile| hostile.len() > 3)
            .collect();
        let what = format!("kid {:?}", kid.chars().take(40).collect::<String>());
        let error = assert_refused_as(&app.url, &what, &token, "UNAUTHENTICATED", &hidden).await;
        assert_eq!(
            error["message"], "token key id (`kid`) is unknown",
            "{what}"
        );
    }
    assert_eq!(audit_count(&app).await, before);
}

#[tokio::test]
async fn control_characters_in_claims_are_validation_errors() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    // Each hostile text holds `evil`, which must not come back.
    let cases = [
        ("NUL in sub", json!({ "sub": "evil\u{0}sub" }), "token.sub"),
        ("tab in sub", json!({ "sub": "evil\tsub" }), "token.sub"),
        (
            "line break in sub",
            json!({ "sub": "evil\nsub" }),
            "token.sub",
        ),
        ("NUL in org", json!({ "org": "acme\u{0}evil" }), "token.org"),
        (
            "escape in role",
            json!({ "role": "admin\u{1b}[0mevil" }),
            "token.role",
        ),
        (
            "carriage return in iss",
            json!({ "iss": "evil\rissuer" }),
            "token.iss",
        ),
        (
            "DEL in an aud list",
            json!({ "aud": ["ropa", "evil\u{7f}"] }),
            "token.aud",
        ),
        (
            "C1 in a claim ropa does not read",
            json!({ "note": "evil\u{85}" }),
            "token",
        ),
        (
            "NUL in the name of a claim",
            json!({ "evil\u{0}": 1 }),
            "token",
        ),
        (
            "NUL deep in a claim",
            json!({ "ext": { "evil": ["\u{0}"] } }),
            "token",
        ),
    ];
    let before = audit_count(&app).await;
    for (what, extra, field) in cases {
        let claims = claims(extra);
        for (algorithm, kid, key) in [
            (Algorithm::HS256, None, secret()),
            (Algorithm::ES256, Some("ec-2026"), ec()),
        ] {
            let token = sign(algorithm, kid, &claims, &key);
            let what = format!("{what}, {algorithm:?}");
            let error =
                assert_refused_as(&app.url, &what, &token, "VALIDATION_FAILED", &["evil"]).await;
            assert_eq!(error["extensions"]["field"], field, "{what}: {error}");
        }
    }
    assert_eq!(audit_count(&app).await, before);
}

#[tokio::test]
async fn an_org_claim_that_is_not_a_slug_is_refused() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let too_long = "evil".repeat(16);
    let orgs = [
        "EVIL",
        "../evil",
        "evil' OR '1'='1",
        "evil/../../etc",
        "ｅｖｉｌ",
        "-evil",
        too_long.as_str(),
        "e",
        "",
    ];
    let before = audit_count(&app).await;
    for org in orgs {
        let token = hs256(json!({ "org": org }));
        let hidden: Vec<&str> = [org, "evil", "EVIL", "ｅｖｉｌ"]
            .into_iter()
            .filter(|hostile| hostile.len() > 1)
            .collect();
        let what = format!("org {org:?}");
        let error = assert_refused_as(&app.url, &what, &token, "UNAUTHENTICATED", &hidden).await;
        assert_eq!(
            error["message"], "token claims are invalid: `org` is not an organization slug",
            "{what}"
        );
    }
    assert_eq!(audit_count(&app).await, before);
}

#[tokio::test]
async fn oversized_tokens_are_refused_before_they_are_decoded() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let padded = |length: usize| {
        let claims = claims(json!({ "pad": "p".repeat(length) }));
        sign(Algorithm::HS256, None, &claims, &secret())
    };
    let before = audit_count(&app).await;
    for token in [padded(MAX_TOKEN_BYTES), padded(100 * 1024)] {
        let what = format!("a token of {} bytes", token.len());
        let error = assert_refused_as(&app.url, &what, &token, "UNAUTHENTICATED", &["ppppp"]).await;
        assert_eq!(
            error["message"],
            format!("token is larger than {MAX_TOKEN_BYTES} bytes")
        );
    }
    assert_eq!(audit_count(&app).await, before);

    // A token just within the limit is read.
    let mut length = MAX_TOKEN_BYTES * 3 / 4;
    let largest = loop {
        let token = padded(length);
        if token.len() <= MAX_TOKEN_BYTES {
            break token;
        }
        length -= (token.len() - MAX_TOKEN_BYTES) * 3 / 4 + 1;
    };
    assert!(largest.len() > MAX_TOKEN_BYTES - 8, "{}", largest.len());
    assert_accepted(&app, "a token at the limit", &largest).await;
}
