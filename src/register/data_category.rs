//! Data categories: what kinds of personal data the register speaks of.

use entity::data_category::{ActiveModel, Column, Entity, Model};
use sea_orm::{ColumnTrait, Select, Set};
use uuid::Uuid;

use crate::audit::AuditAction;
use crate::db::{Scope, Tx};
use crate::error::AppResult;
use crate::register::localized::LocalizedTextInput;
use crate::register::vocabulary::Vocabulary;
use crate::register::{listed, searching, versioned};

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
    /// Matches key and names.
    pub search: Option<String>,
    pub special_category: Option<bool>,
    pub include_archived: Option<bool>,
}

// ---- service ----

pub fn list(scope: &Scope, filter: &DataCategoryFilter) -> AppResult<Select<Entity>> {
    let conditions = [
        searching(Column::SearchText, &filter.search),
        filter
            .special_category
            .map(|s| Column::SpecialCategory.eq(s)),
    ];
    Ok(listed(scope, filter.include_archived, conditions))
}

fn validated(input: &DataCategoryInput) -> AppResult<ActiveModel> {
    let mut model: ActiveModel =
        Vocabulary::validated(&input.key, &input.name, &input.description)?.into();
    model.special_category = Set(input.special_category.unwrap_or(false));
    model.criminal_data = Set(input.criminal_data.unwrap_or(false));
    Ok(model)
}

entry_services!(DataCategoryInput);
