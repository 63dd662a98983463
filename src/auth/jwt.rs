//! JWT keys and validation. Two kinds of key: one HS256 shared secret for
//! simple set-ups (tokens without `kid`), and public keys (RSA, EC, Ed25519)
//! selected by `kid`, so integrations can rotate keys. A token is checked
//! against the algorithms its key allows, never against the algorithm it
//! claims for itself: `alg: none`, an unknown `kid` and HS/RS confusion are
//! all refused. The claims of a well-signed token are still outside input:
//! they go into the audit trail and database queries, so they hold no
//! control character and `org` is a slug.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

use chrono::Utc;
use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Caller, JwtSecret, Role};
use crate::error::AppError;
use crate::text::{has_any_control_character, is_slug};

/// Clock skew tolerated on `exp` and `nbf`, in seconds.
const LEEWAY_SECONDS: u64 = 5;

/// Largest token read. Real tokens are a few hundred bytes; a larger one is
/// refused before any of it is decoded.
pub const MAX_TOKEN_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    pub role: Role,
    pub exp: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<Audience>,
}

/// The `aud` claim: one audience or a list of them (RFC 7519, 4.1.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Claims {
    pub fn into_caller(self) -> Caller {
        Caller {
            subject: self.sub,
            organization: self.org,
            role: self.role,
        }
    }
}

/// Why a token is refused. No variant holds text of the token itself: a
/// refused token may be hostile, and the message goes back to the client.
#[derive(Clone, Debug, thiserror::Error)]
pub enum TokenError {
    #[error("expected `Authorization: Bearer <token>`")]
    NotBearer,
    #[error("token is larger than {MAX_TOKEN_BYTES} bytes")]
    TooLarge,
    #[error("malformed token")]
    Malformed,
    #[error("token key id (`kid`) is unknown")]
    UnknownKey,
    #[error("token needs a `kid` header: no shared secret is configured")]
    NoSharedSecret,
    #[error("token algorithm does not match its key")]
    AlgorithmMismatch,
    #[error("token expired")]
    Expired,
    #[error("token not valid yet")]
    NotYetValid,
    #[error("token issuer is not accepted")]
    WrongIssuer,
    #[error("token audience is not accepted")]
    WrongAudience,
    #[error("token signature is invalid")]
    BadSignature,
    #[error("token claims are invalid: {0}")]
    BadClaims(String),
    /// The one refusal of a well-signed token that is bad input rather than
    /// a bad credential; names the claim when it is one ropa knows.
    #[error("{}", control_character_message(*.0))]
    ControlCharacter(Option<&'static str>),
}

/// A refused token is `UNAUTHENTICATED`, but for control characters in the
/// claims of a well-signed token: that is input the sender must fix, like a
/// control character in any other text (`VALIDATION_FAILED`).
impl From<TokenError> for AppError {
    fn from(err: TokenError) -> Self {
        match err {
            TokenError::ControlCharacter(claim) => AppError::Validation {
                field: claim.map_or("token".into(), |claim| format!("token.{claim}")),
                message: err.to_string(),
            },
            _ => AppError::Unauthenticated(err.to_string()),
        }
    }
}

fn control_character_message(claim: Option<&str>) -> String {
    match claim {
        Some(claim) => format!("token claim `{claim}` must not contain control characters"),
        None => "token claims must not contain control characters".into(),
    }
}

/// The claims ropa reads or checks; an error may name these, never others.
const KNOWN_CLAIMS: [&str; 8] = ["sub", "org", "role", "exp", "iat", "nbf", "iss", "aud"];

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{0} holds no RSA, EC or Ed25519 public key")]
    NotAKey(String),
    #[error("JWKS {path}: {reason}")]
    Jwks { path: String, reason: String },
}

struct PublicKey {
    key: DecodingKey,
    algorithms: Vec<Algorithm>,
}

pub struct JwtKeys {
    secret: Option<JwtSecret>,
    public: HashMap<String, PublicKey>,
    issuer: Option<String>,
    audience: Option<String>,
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtKeys")
            .field("secret", &self.secret)
            .field("public_kids", &self.public.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl JwtKeys {
    pub fn new(
        secret: Option<JwtSecret>,
        issuer: Option<String>,
        audience: Option<String>,
    ) -> Self {
        JwtKeys {
            secret,
            public: HashMap::new(),
            issuer,
            audience,
        }
    }

    pub fn has_secret(&self) -> bool {
        self.secret.is_some()
    }

    pub fn has_public_keys(&self) -> bool {
        !self.public.is_empty()
    }

    /// Loads public keys from a PEM file (its stem is the `kid`), a folder
    /// of PEM files, or a JWKS file (`.json`, each key with its `kid`).
    pub fn load_public_keys(&mut self, path: &Path) -> Result<(), KeyError> {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|source| read_error(path, source))?;
            let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for file in files
                .iter()
                .filter(|f| f.extension().is_some_and(|e| e == "pem"))
            {
                self.load_pem(file)?;
            }
            Ok(())
        } else if path.extension().is_some_and(|e| e == "json") {
            self.load_jwks(path)
        } else {
            self.load_pem(path)
        }
    }

    fn load_pem(&mut self, path: &Path) -> Result<(), KeyError> {
        let pem = std::fs::read(path).map_err(|source| read_error(path, source))?;
        let kid = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let key = if let Ok(key) = DecodingKey::from_rsa_pem(&pem) {
            PublicKey {
                key,
                algorithms: vec![Algorithm::RS256, Algorithm::RS384, Algorithm::RS512],
            }
        } else if let Ok(key) = DecodingKey::from_ec_pem(&pem) {
            PublicKey {
                key,
                algorithms: vec![Algorithm::ES256, Algorithm::ES384],
            }
        } else if let Ok(key) = DecodingKey::from_ed_pem(&pem) {
            PublicKey {
                key,
                algorithms: vec![Algorithm::EdDSA],
            }
        } else {
            return Err(KeyError::NotAKey(path.display().to_string()));
        };
        self.public.insert(kid, key);
        Ok(())
    }

    fn load_jwks(&mut self, path: &Path) -> Result<(), KeyError> {
        let jwks_error = |reason: String| KeyError::Jwks {
            path: path.display().to_string(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|source| read_error(path, source))?;
        let set: JwkSet = serde_json::from_str(&text).map_err(|e| jwks_error(e.to_string()))?;
        for jwk in set.keys {
            let kid = jwk
                .common
                .key_id
                .clone()
                .ok_or_else(|| jwks_error("a key has no kid".into()))?;
            let declared = jwk
                .common
                .key_algorithm
                .and_then(|a| Algorithm::from_str(&a.to_string()).ok());
            let algorithms = match (&jwk.algorithm, declared) {
                (AlgorithmParameters::OctetKey(_), _) => {
                    return Err(jwks_error(format!(
                        "key {kid} is a shared secret, not a public key"
                    )))
                }
                (_, Some(algorithm)) => vec![algorithm],
                (AlgorithmParameters::RSA(_), None) => vec![Algorithm::RS256],
                (AlgorithmParameters::EllipticCurve(_), None) => {
                    vec![Algorithm::ES256, Algorithm::ES384]
                }
                (AlgorithmParameters::OctetKeyPair(_), None) => vec![Algorithm::EdDSA],
            };
            let key =
                DecodingKey::from_jwk(&jwk).map_err(|e| jwks_error(format!("key {kid}: {e}")))?;
            self.public.insert(kid, PublicKey { key, algorithms });
        }
        Ok(())
    }

    /// Validates a token and returns its claims.
    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        if token.len() > MAX_TOKEN_BYTES {
            return Err(TokenError::TooLarge);
        }
        let header = jsonwebtoken::decode_header(token).map_err(|_| TokenError::Malformed)?;
        let (key, allowed): (DecodingKey, &[Algorithm]) = match &header.kid {
            Some(kid) => {
                let public = self.public.get(kid).ok_or(TokenError::UnknownKey)?;
                (public.key.clone(), &public.algorithms)
            }
            None => {
                let secret = self.secret.as_ref().ok_or(TokenError::NoSharedSecret)?;
                (
                    DecodingKey::from_secret(secret.as_bytes()),
                    &[Algorithm::HS256],
                )
            }
        };
        if !allowed.contains(&header.alg) {
            return Err(TokenError::AlgorithmMismatch);
        }
        let validation = self.validation(header.alg);
        // Read as plain JSON first, so that a control character is found in
        // any claim, `role` and unknown claims included, before it is typed.
        let claims = jsonwebtoken::decode::<Value>(token, &key, &validation)
            .map_err(token_error)?
            .claims;
        check_claims(claims)
    }

    fn validation(&self, algorithm: Algorithm) -> Validation {
        let mut validation = Validation::new(algorithm);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_nbf = true;
        // A configured issuer or audience must be present in the token:
        // jsonwebtoken checks them only when the token carries them.
        let mut required = vec!["exp", "sub"];
        if let Some(issuer) = &self.issuer {
            validation.set_issuer(&[issuer]);
            required.push("iss");
        }
        match &self.audience {
            Some(audience) => {
                validation.set_audience(&[audience]);
                required.push("aud");
            }
            None => validation.validate_aud = false,
        }
        validation.set_required_spec_claims(&required);
        validation
    }

    /// Signs a token with the shared secret (for `ropa token` and tests).
    pub fn issue(
        &self,
        subject: &str,
        organization: Option<&str>,
        role: Role,
        ttl: chrono::Duration,
    ) -> Result<String, String> {
        let secret = self
            .secret
            .as_ref()
            .ok_or("no shared secret is configured")?
            .as_bytes();
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: subject.to_string(),
            org: organization.map(str::to_string),
            role,
            exp: now + ttl.num_seconds(),
            iat: Some(now),
            nbf: None,
            iss: self.issuer.clone(),
            aud: self.audience.clone().map(Audience::One),
        };
        jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(secret),
        )
        .map_err(|e| e.to_string())
    }
}

fn read_error(path: &Path, source: std::io::Error) -> KeyError {
    KeyError::Read {
        path: path.display().to_string(),
        source,
    }
}

/// The typed claims of a well-signed token, once they hold nothing hostile.
fn check_claims(claims: Value) -> Result<Claims, TokenError> {
    if let Some(claim) = claim_with_control_character(&claims) {
        return Err(TokenError::ControlCharacter(claim));
    }
    let claims: Claims = serde_json::from_value(claims)
        .map_err(|_| TokenError::BadClaims("unexpected claim values".into()))?;
    if claims.org.as_deref().is_some_and(|org| !is_slug(org)) {
        return Err(TokenError::BadClaims(
            "`org` is not an organization slug".into(),
        ));
    }
    Ok(claims)
}

/// `Some` when a claim's name or value holds a control character: the
/// claim, when ropa knows it (a name sent by a client is not shown back).
fn claim_with_control_character(claims: &Value) -> Option<Option<&'static str>> {
    let Value::Object(claims) = claims else {
        return None;
    };
    claims
        .iter()
        .find(|(name, value)| has_any_control_character(name) || holds_control_character(value))
        .map(|(name, _)| KNOWN_CLAIMS.into_iter().find(|known| known == name))
}

fn holds_control_character(value: &Value) -> bool {
    match value {
        Value::String(text) => has_any_control_character(text),
        Value::Array(items) => items.iter().any(holds_control_character),
        Value::Object(fields) => fields
            .iter()
            .any(|(name, item)| has_any_control_character(name) || holds_control_character(item)),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

fn token_error(err: jsonwebtoken::errors::Error) -> TokenError {
    use jsonwebtoken::errors::ErrorKind;
    match err.kind() {
        ErrorKind::ExpiredSignature => TokenError::Expired,
        ErrorKind::ImmatureSignature => TokenError::NotYetValid,
        ErrorKind::InvalidIssuer => TokenError::WrongIssuer,
        ErrorKind::InvalidAudience => TokenError::WrongAudience,
        ErrorKind::InvalidSignature => TokenError::BadSignature,
        // jsonwebtoken names only the claims it was asked to require.
        ErrorKind::MissingRequiredClaim(claim) => {
            TokenError::BadClaims(format!("`{claim}` is missing"))
        }
        ErrorKind::Json(_) => TokenError::BadClaims("unexpected claim values".into()),
        _ => TokenError::Malformed,
    }
}
