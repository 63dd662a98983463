//! Data categories: what kinds of personal data the register speaks of.

use async_graphql::{Context, InputObject};
use entity::data_category::{ActiveModel, Column, Entity, Model};
use sea_orm::{ColumnTrait, DatabaseTransaction, QueryFilter, Select, Set};
use uuid::Uuid;

use crate::api::enums;
use crate::api::localized::{self, LocalizedText, LocalizedTextInput};
use crate::audit::AuditAction;
use crate::db::Scope;
use crate::error::AppResult;
use crate::register::{search_filter, validate, versioned};

#[derive(Clone, Debug, InputObject)]
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

#[derive(Debug, Default, InputObject)]
pub struct DataCategoryFilter {
    /// Matches key and names.
    pub search: Option<String>,
    pub special_category: Option<bool>,
    pub include_archived: Option<bool>,
}

// ---- service ----

pub fn list(scope: &Scope, filter: &DataCategoryFilter) -> AppResult<Select<Entity>> {
    let mut select = scope.find::<Entity>();
    if !filter.include_archived.unwrap_or(false) {
        select = select.filter(Column::ArchivedAt.is_null());
    }
    if let Some(special) = filter.special_category {
        select = select.filter(Column::SpecialCategory.eq(special));
    }
    Ok(search_filter(select, Column::SearchText, &filter.search))
}

fn validated(input: &DataCategoryInput) -> AppResult<ActiveModel> {
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
        special_category: Set(input.special_category.unwrap_or(false)),
        criminal_data: Set(input.criminal_data.unwrap_or(false)),
        ..Default::default()
    })
}

plain_entry_services!(DataCategoryInput);

// ---- GraphQL ----

pub struct DataCategory(pub Model);

register_entry!(archivable DataCategory {
    async fn key(&self) -> &str {
        &self.0.key
    }
    async fn name(&self, ctx: &Context<'_>, language: Option<enums::Language>) -> String {
        localized::pick_in(ctx, &self.0.name, language).unwrap_or_default()
    }
    async fn name_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.name)
    }
    async fn description(&self, ctx: &Context<'_>, language: Option<enums::Language>) -> Option<String> {
        localized::pick_in(ctx, &self.0.description, language)
    }
    async fn description_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.description)
    }
    /// GDPR Art. 9.
    async fn special_category(&self) -> bool {
        self.0.special_category
    }
    /// GDPR Art. 10.
    async fn criminal_data(&self) -> bool {
        self.0.criminal_data
    }
});

entity_resolvers!(
    DataCategoryQuery,
    DataCategoryMutation,
    DataCategory,
    DataCategoryInput,
    DataCategoryFilter,
    list: data_categories,
    get: data_category,
    create: create_data_category,
    update: update_data_category,
    archive: archive_data_category,
);
