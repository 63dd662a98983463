//! Data subject categories: whose personal data the register speaks of
//! (customers, newsletter subscribers, website visitors, ...).

use entity::data_subject_category::{ActiveModel, Column, Entity, Model};
use sea_orm::{Select, Set};
use uuid::Uuid;

use crate::audit::AuditAction;
use crate::db::{Scope, Tx};
use crate::error::AppResult;
use crate::register::localized::LocalizedTextInput;
use crate::register::vocabulary::Vocabulary;
use crate::register::{listed, versioned, Listing};

#[derive(Clone, Debug)]
pub struct DataSubjectCategoryInput {
    /// Hierarchical, e.g. `customer.newsletter`.
    pub key: String,
    pub name: Vec<LocalizedTextInput>,
    pub description: Option<Vec<LocalizedTextInput>>,
}

#[derive(Debug, Default)]
pub struct DataSubjectCategoryFilter {
    /// The search matches key and names.
    pub listing: Listing,
}

// ---- service ----

pub fn list(scope: &Scope, filter: &DataSubjectCategoryFilter) -> AppResult<Select<Entity>> {
    let search = filter.listing.searching(Column::SearchText);
    Ok(listed(scope, &filter.listing, [search]))
}

fn validated(input: &DataSubjectCategoryInput) -> AppResult<ActiveModel> {
    Ok(Vocabulary::validated(&input.key, &input.name, &input.description)?.into())
}

entry_services!(DataSubjectCategoryInput);
