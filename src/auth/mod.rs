//! Who is calling: JWT validation ([`jwt`]) with its shared secret
//! ([`secret`]) and the axum extractor that puts the caller into the request
//! ([`caller`]). The role guards of the GraphQL API live in `crate::api::guard`.

pub mod caller;
pub mod jwt;
pub mod secret;

use serde::{Deserialize, Serialize};

pub use caller::{Caller, CallerState};
pub use jwt::{Claims, JwtKeys, TokenError};
pub use secret::JwtSecret;

/// Roles, each allowed what the one before it may do plus more. `Operator`
/// is the platform role: it creates organizations and needs no `org` claim;
/// with one, it may do in that organization all an admin may.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads the register.
    Viewer,
    /// Also writes the register.
    Editor,
    /// Also publishes statements and updates the organization.
    Admin,
    /// Creates organizations; administers the one its `org` claim names.
    Operator,
}
