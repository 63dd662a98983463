//! The privacy statement: built from the register ([`build`]), rendered
//! ([`render`]), published as immutable versions ([`publish`], [`versions`])
//! with their differences ([`diff`]); the public pages (`http/pages`) show
//! them.

pub mod build;
pub mod diff;
pub mod document;
pub mod gate;
mod previous_register;
pub mod publish;
pub mod published;
pub mod render;
pub mod versions;

/// The GraphQL type names of the register entries a paragraph or a change
/// comes from, as the audit trail records them.
mod entry_types {
    use crate::db::TenantOwned;
    use entity::{
        data_category, data_subject_category, organization, processing_activity,
        processing_agreement, processor, rights_policy, tracker,
    };

    pub const ORGANIZATION: &str = organization::Entity::TYPE;
    pub const ACTIVITY: &str = processing_activity::Entity::TYPE;
    pub const DATA_CATEGORY: &str = data_category::Entity::TYPE;
    pub const DATA_SUBJECT_CATEGORY: &str = data_subject_category::Entity::TYPE;
    pub const PROCESSOR: &str = processor::Entity::TYPE;
    pub const AGREEMENT: &str = processing_agreement::Entity::TYPE;
    pub const RIGHTS_POLICY: &str = rights_policy::Entity::TYPE;
    pub const TRACKER: &str = tracker::Entity::TYPE;
}
