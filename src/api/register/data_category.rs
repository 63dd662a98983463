//! The GraphQL side of data categories: the input and filter (converted to
//! the service's), the object, and the queries and mutations.

use async_graphql::{Context, InputObject};
use entity::data_category::Model;

use crate::api::enums;
use crate::api::localized::LocalizedTextInput;
use crate::api::localized::{self, LocalizedText};
use crate::api::{all, each};
use crate::register::data_category as service;

#[derive(InputObject)]
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

impl From<DataCategoryInput> for service::DataCategoryInput {
    fn from(input: DataCategoryInput) -> Self {
        service::DataCategoryInput {
            key: input.key,
            name: all(input.name),
            description: each(input.description),
            special_category: input.special_category,
            criminal_data: input.criminal_data,
        }
    }
}

#[derive(Default, InputObject)]
pub struct DataCategoryFilter {
    /// Matches key and names.
    pub search: Option<String>,
    pub special_category: Option<bool>,
    pub include_archived: Option<bool>,
}

impl From<DataCategoryFilter> for service::DataCategoryFilter {
    fn from(filter: DataCategoryFilter) -> Self {
        service::DataCategoryFilter {
            search: filter.search,
            special_category: filter.special_category,
            include_archived: filter.include_archived,
        }
    }
}

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
    data_category,
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
