//! The reads that are not one caller's organization: finding a page's
//! organization by its slug, the published versions of an organization's
//! statement, and the legal-basis vocabulary every organization shares.

use entity::{legal_basis, organization, statement_version};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select};
use uuid::Uuid;

use crate::error::AppResult;

/// The organization with this slug (already checked to be a slug).
pub async fn organization_by_slug(
    conn: &impl ConnectionTrait,
    slug: &str,
) -> AppResult<Option<organization::Model>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Slug.eq(slug))
        .one(conn)
        .await?)
}

/// The statement versions of one organization: published, so readable by
/// anyone who names the organization (the private fields are left out by
/// the API, not here).
pub fn statement_versions(organization_id: Uuid) -> Select<statement_version::Entity> {
    statement_version::Entity::find()
        .filter(statement_version::Column::OrganizationId.eq(organization_id))
}

/// All GDPR grounds, in the order the statement lists them.
pub async fn legal_bases(conn: &impl ConnectionTrait) -> AppResult<Vec<legal_basis::Model>> {
    Ok(legal_basis::Entity::find()
        .order_by_asc(legal_basis::Column::Position)
        .order_by_asc(legal_basis::Column::Code)
        .all(conn)
        .await?)
}
