//! The tables whose rows belong to one organization, and how the scope
//! finds their id, tenant and archived columns.

use uuid::Uuid;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};

/// A table whose rows belong to one organization.
pub trait TenantOwned: EntityTrait {
    /// How the entity is called in a `NOT_FOUND` message.
    const NAME: &'static str;
    /// Its GraphQL type name, as recorded in the audit trail.
    const TYPE: &'static str;
    fn id_column() -> Self::Column;
    fn organization_column() -> Self::Column;
    fn id_of(model: &Self::Model) -> Uuid;
    /// Whether the row was archived; always false for tables without archiving.
    fn is_archived(model: &Self::Model) -> bool;
}

macro_rules! tenant_owned {
    ($($module:ident => $name:literal, $type:literal, $organization:ident $($archivable:ident)?;)+) => {$(
        impl TenantOwned for entity::$module::Entity {
            const NAME: &'static str = $name;
            const TYPE: &'static str = $type;
            fn id_column() -> Self::Column {
                entity::$module::Column::Id
            }
            fn organization_column() -> Self::Column {
                entity::$module::Column::$organization
            }
            fn id_of(model: &Self::Model) -> Uuid {
                model.id
            }
            fn is_archived(model: &Self::Model) -> bool {
                tenant_owned!(@archived model $($archivable)?)
            }
        }
    )+};
    (@archived $model:ident) => {{
        let _ = $model;
        false
    }};
    (@archived $model:ident archivable) => {
        $model.archived_at.is_some()
    };
}

tenant_owned!(
    // The organization owns itself: its "organization id" is its id.
    organization => "organization", "Organization", Id;
    data_category => "data category", "DataCategory", OrganizationId archivable;
    data_subject_category => "data subject category", "DataSubjectCategory", OrganizationId archivable;
    processor => "processor", "Processor", OrganizationId archivable;
    processing_agreement => "processing agreement", "ProcessingAgreement", OrganizationId archivable;
    processing_activity => "processing activity", "ProcessingActivity", OrganizationId archivable;
    audit_event => "audit event", "AuditEvent", OrganizationId;
    rights_policy => "rights policy", "RightsPolicy", OrganizationId;
    statement_version => "statement version", "StatementVersion", OrganizationId;
);

/// The rows of `E` that belong to `organization`: the tenant filter of a
/// [`Scope`](super::Scope), for batch reads keyed by organization (the API's
/// loaders) that hold no scope.
pub fn owned_by<E: TenantOwned>(organization: Uuid) -> Select<E> {
    E::find().filter(E::organization_column().eq(organization))
}
