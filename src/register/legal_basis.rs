//! The GDPR grounds (Art. 6(1) bases and Art. 9(2) conditions). Seeded by
//! the migrations and shared by all organizations, so read-only here.

use entity::legal_basis::{Column, Entity, Model};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::error::AppResult;

// ---- service ----

/// All grounds, in the order the statement lists them.
pub async fn all(conn: &impl ConnectionTrait) -> AppResult<Vec<Model>> {
    Ok(Entity::find()
        .order_by_asc(Column::Position)
        .order_by_asc(Column::Code)
        .all(conn)
        .await?)
}
