//! Ids on the wire are the UUIDs of the rows, as strings.

use async_graphql::ID;
use uuid::Uuid;

use crate::error::{AppError, AppResult};

/// Parses a client id; `field` is the input path reported when it is malformed.
pub fn parse(id: &ID, field: &str) -> AppResult<Uuid> {
    Uuid::parse_str(id.as_str()).map_err(|_| AppError::validation(field, "malformed id"))
}

/// [`parse`] of an id that may be absent.
pub fn parse_optional(id: Option<&ID>, field: &str) -> AppResult<Option<Uuid>> {
    id.map(|id| parse(id, field)).transpose()
}

/// [`parse`] of every id of a list; a malformed one is reported at its index.
pub fn parse_all(ids: &[ID], field: &str) -> AppResult<Vec<Uuid>> {
    ids.iter()
        .enumerate()
        .map(|(index, id)| parse(id, &format!("{field}.{index}")))
        .collect()
}

pub fn to_id(uuid: Uuid) -> ID {
    ID(uuid.to_string())
}
