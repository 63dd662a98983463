//! Ids on the wire are the UUIDs of the rows, as strings.

use async_graphql::ID;
use uuid::Uuid;

use crate::error::{AppError, AppResult};

/// Parses a client id; `field` is the input path reported when it is malformed.
pub fn parse(id: &ID, field: &str) -> AppResult<Uuid> {
    Uuid::parse_str(id.as_str()).map_err(|_| AppError::validation(field, "malformed id"))
}

pub fn to_id(uuid: Uuid) -> ID {
    ID(uuid.to_string())
}
