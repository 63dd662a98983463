//! The GraphQL side of data subject categories: the input and filter
//! (converted to the service's), the object, and the queries and mutations.

use async_graphql::{Context, InputObject};
use entity::data_subject_category::Model;

use crate::api::enums;
use crate::api::localized::LocalizedTextInput;
use crate::api::localized::{self, LocalizedText};
use crate::api::{all, each};
use crate::register::data_subject_category as service;

#[derive(InputObject)]
pub struct DataSubjectCategoryInput {
    /// Hierarchical, e.g. `customer.newsletter`.
    pub key: String,
    pub name: Vec<LocalizedTextInput>,
    pub description: Option<Vec<LocalizedTextInput>>,
}

impl From<DataSubjectCategoryInput> for service::DataSubjectCategoryInput {
    fn from(input: DataSubjectCategoryInput) -> Self {
        service::DataSubjectCategoryInput {
            key: input.key,
            name: all(input.name),
            description: each(input.description),
        }
    }
}

#[derive(Default, InputObject)]
pub struct DataSubjectCategoryFilter {
    /// Matches key and names.
    pub search: Option<String>,
    pub include_archived: Option<bool>,
}

impl From<DataSubjectCategoryFilter> for service::DataSubjectCategoryFilter {
    fn from(filter: DataSubjectCategoryFilter) -> Self {
        service::DataSubjectCategoryFilter {
            search: filter.search,
            include_archived: filter.include_archived,
        }
    }
}

pub struct DataSubjectCategory(pub Model);

register_entry!(archivable DataSubjectCategory {
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
});

entity_resolvers!(
    data_subject_category,
    DataSubjectCategoryQuery,
    DataSubjectCategoryMutation,
    DataSubjectCategory,
    DataSubjectCategoryInput,
    DataSubjectCategoryFilter,
    list: data_subject_categories,
    get: data_subject_category,
    create: create_data_subject_category,
    update: update_data_subject_category,
    archive: archive_data_subject_category,
);
