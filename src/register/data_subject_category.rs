//! Data subject categories: whose personal data the register speaks of
//! (customers, newsletter subscribers, website visitors, ...).

use entity::data_subject_category::{ActiveModel, Column, Entity, Model};
use sea_orm::{ColumnTrait, QueryFilter, Select, Set};
use uuid::Uuid;

use crate::audit::AuditAction;
use crate::db::{Scope, Tx};
use crate::error::AppResult;
use crate::register::localized::{self, LocalizedTextInput};
use crate::register::{search_filter, validate, versioned};

#[derive(Clone, Debug)]
pub struct DataSubjectCategoryInput {
    /// Hierarchical, e.g. `customer.newsletter`.
    pub key: String,
    pub name: Vec<LocalizedTextInput>,
    pub description: Option<Vec<LocalizedTextInput>>,
}

#[derive(Debug, Default)]
pub struct DataSubjectCategoryFilter {
    /// Matches key and names.
    pub search: Option<String>,
    pub include_archived: Option<bool>,
}

// ---- service ----

pub fn list(scope: &Scope, filter: &DataSubjectCategoryFilter) -> AppResult<Select<Entity>> {
    let mut select = scope.find::<Entity>();
    if !filter.include_archived.unwrap_or(false) {
        select = select.filter(Column::ArchivedAt.is_null());
    }
    Ok(search_filter(select, Column::SearchText, &filter.search))
}

fn validated(input: &DataSubjectCategoryInput) -> AppResult<ActiveModel> {
    let name = localized::to_required_localized(&input.name, "input.name")?;
    let key = validate::key(&input.key, "input.key")?;
    Ok(ActiveModel {
        search_text: Set(super::search_text(&[&key], &[&name])),
        key: Set(key),
        name: Set(name),
        description: Set(localized::optional_localized(
            &input.description,
            "input.description",
        )?),
        ..Default::default()
    })
}

plain_entry_services!(DataSubjectCategoryInput);
