//! The GraphQL side of data categories: the input and filter (converted to
//! the service's), the object, and the queries and mutations.

use entity::data_category::Model;

use crate::api::localized::LocalizedTextInput;
use crate::register::data_category as service;
use crate::register::Listing;

mirror_input! {
    pub struct DataCategoryInput => service::DataCategoryInput {
        /// Hierarchical, e.g. `contact.email`.
        key: String,
        name: Vec<LocalizedTextInput>,
        description: Option<Vec<LocalizedTextInput>>,
        /// GDPR Art. 9.
        special_category: Option<bool>,
        /// GDPR Art. 10.
        criminal_data: Option<bool>,
    }
}

mirror_input! {
    #[derive(Default)]
    pub struct DataCategoryFilter => service::DataCategoryFilter {
        special_category: Option<bool>,
    }
    + listing: Listing {
        /// Matches key and names.
        search: Option<String>,
        include_archived: Option<bool>,
    }
}

pub struct DataCategory(pub Model);

register_entry!(vocabulary DataCategory {
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
