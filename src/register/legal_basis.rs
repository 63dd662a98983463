//! The GDPR grounds (Art. 6(1) bases and Art. 9(2) conditions). Seeded by
//! the migrations and shared by all organizations, so read-only here.

use entity::legal_basis::Model;
use sea_orm::ConnectionTrait;

use crate::db::public;

use crate::error::AppResult;

// ---- service ----

/// All grounds, in the order the statement lists them.
pub async fn all(conn: &impl ConnectionTrait) -> AppResult<Vec<Model>> {
    public::legal_bases(conn).await
}
