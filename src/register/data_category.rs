//! Data categories: what kinds of personal data the register speaks of.

use entity::data_category::{ActiveModel, Column, Entity, Model};
use sea_orm::{ColumnTrait, Select, Set};
use uuid::Uuid;

use crate::audit::AuditAction;
use crate::db::{Scope, Tx};
use crate::error::AppResult;
use crate::register::localized::LocalizedTextInput;
use crate::register::vocabulary::Vocabulary;
use crate::register::{listed, versioned, Listing};

#[derive(Clone, Debug)]
pub struct DataCategoryInput {
    /// Hierarchical, e.g. `contact.email`.
    pub key: String,
    pub name: Vec<LocalizedTextInput>,
    pub description: Option<Vec<LocalizedTextInput>>,
    /// GDPR Art. 9.
    pub special_category: Option<bool>,
    /// GDPR Art. 10.
    pub criminal_data: Option<bool>,
}

#[derive(Debug, Default)]
pub struct DataCategoryFilter {
    /// The search matches key and names.
    pub listing: Listing,
    pub special_category: Option<bool>,
}

// ---- service ----

pub fn list(scope: &Scope, filter: &DataCategoryFilter) -> AppResult<Select<Entity>> {
    let conditions = [
        filter.listing.searching(Column::SearchText),
        filter
            .special_category
            .map(|s| Column::SpecialCategory.eq(s)),
    ];
    Ok(listed(scope, &filter.listing, conditions))
}

fn validated(input: &DataCategoryInput) -> AppResult<ActiveModel> {
    let mut model: ActiveModel =
        Vocabulary::validated(&input.key, &input.name, &input.description)?.into();
    model.special_category = Set(input.special_category.unwrap_or(false));
    model.criminal_data = Set(input.criminal_data.unwrap_or(false));
    Ok(model)
}

entry_services!(DataCategoryInput);
