//! The HS256 shared secret. A short secret can be found by trying every
//! candidate offline against one captured token, and an empty one signs
//! tokens anybody can make, so a [`JwtSecret`] holds at least
//! [`MIN_SECRET_BYTES`]: it can only be built valid.

use rand::RngCore;

/// The least length of a secret: 256 bits, the output size of SHA-256
/// (RFC 7518, 3.2 requires a key at least as long as the hash).
pub const MIN_SECRET_BYTES: usize = 32;

/// How to make a good secret, for error messages.
const HOW_TO_GENERATE: &str = "generate one with `openssl rand -hex 32`";

#[derive(Clone, PartialEq, Eq)]
pub struct JwtSecret(Vec<u8>);

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error(
        "{origin} is empty: a secret needs at least {MIN_SECRET_BYTES} bytes; {HOW_TO_GENERATE}"
    )]
    Empty { origin: String },
    #[error(
        "{origin} holds {length} bytes, fewer than the {MIN_SECRET_BYTES} a secret needs; {HOW_TO_GENERATE}"
    )]
    TooShort { origin: String, length: usize },
}

impl JwtSecret {
    /// The secret in `text`, taken byte for byte; `origin` (the variable or
    /// file it came from) names it in the error.
    pub fn new(text: &str, origin: &str) -> Result<JwtSecret, SecretError> {
        let origin = origin.to_string();
        if text.trim().is_empty() {
            return Err(SecretError::Empty { origin });
        }
        if text.len() < MIN_SECRET_BYTES {
            return Err(SecretError::TooShort {
                origin,
                length: text.len(),
            });
        }
        Ok(JwtSecret(text.as_bytes().to_vec()))
    }

    /// A random secret: 32 random bytes, written as 64 hex digits so that it
    /// can be kept in a text file and pasted into a variable.
    pub fn generate() -> JwtSecret {
        let mut bytes = [0u8; MIN_SECRET_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        JwtSecret(hex::encode(bytes).into_bytes())
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// Never prints the secret, so that it cannot reach a log.
impl std::fmt::Debug for JwtSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtSecret(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_has_at_least_32_bytes() {
        let empty = JwtSecret::new("", "ROPA_JWT_SECRET").unwrap_err();
        assert!(matches!(empty, SecretError::Empty { .. }));
        assert!(
            empty.to_string().contains("openssl rand -hex 32"),
            "{empty}"
        );
        assert!(matches!(
            JwtSecret::new("  \n", "x"),
            Err(SecretError::Empty { .. })
        ));
        let short = JwtSecret::new("hunter2", "ROPA_JWT_SECRET").unwrap_err();
        assert_eq!(
            short,
            SecretError::TooShort {
                origin: "ROPA_JWT_SECRET".into(),
                length: 7
            }
        );
        assert!(!short.to_string().contains("hunter2"), "{short}");
        assert!(JwtSecret::new(&"s".repeat(31), "x").is_err());
        let kept = JwtSecret::new(&"s".repeat(32), "x").unwrap();
        assert_eq!(kept.as_bytes(), "s".repeat(32).as_bytes());
    }

    #[test]
    fn a_generated_secret_is_valid_hex_and_new_each_time() {
        let one = JwtSecret::generate();
        let text = std::str::from_utf8(one.as_bytes()).unwrap();
        assert_eq!(text.len(), 64);
        assert!(text.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(JwtSecret::new(text, "x").unwrap(), one);
        assert_ne!(JwtSecret::generate(), one);
        assert_eq!(format!("{one:?}"), "JwtSecret(<redacted>)");
    }
}
