//! The axum extractor that turns the `Authorization` header into the caller
//! of a request. A bad token does not fail the request by itself: public
//! queries still work, and guarded fields answer `UNAUTHENTICATED`.

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::{JwtKeys, Role, TokenError};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Caller {
    /// The token subject, recorded in the audit trail.
    pub subject: String,
    /// The organization slug the token is for.
    pub organization: Option<String>,
    pub role: Role,
}

#[derive(Clone, Debug)]
pub enum CallerState {
    Anonymous,
    Authenticated(Caller),
    /// A token was sent but refused; the reason is safe to show.
    Rejected(TokenError),
}

impl<S> FromRequestParts<S> for CallerState
where
    Arc<JwtKeys>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Some(header) = parts.headers.get(AUTHORIZATION) else {
            return Ok(CallerState::Anonymous);
        };
        let token = header.to_str().ok().and_then(|value| {
            value
                .strip_prefix("Bearer ")
                .or_else(|| value.strip_prefix("bearer "))
        });
        let Some(token) = token else {
            return Ok(CallerState::Rejected(TokenError::NotBearer));
        };
        let keys = Arc::<JwtKeys>::from_ref(state);
        Ok(match keys.verify(token.trim()) {
            Ok(claims) => CallerState::Authenticated(claims.into_caller()),
            Err(reason) => CallerState::Rejected(reason),
        })
    }
}
