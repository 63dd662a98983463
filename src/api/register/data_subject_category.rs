//! The GraphQL side of data subject categories: the input and filter
//! (converted to the service's), the object, and the queries and mutations.

use entity::data_subject_category::Model;

use crate::api::localized::LocalizedTextInput;
use crate::register::data_subject_category as service;
use crate::register::Listing;

mirror_input! {
    pub struct DataSubjectCategoryInput => service::DataSubjectCategoryInput {
        /// Hierarchical, e.g. `customer.newsletter`.
        key: String,
        name: Vec<LocalizedTextInput>,
        description: Option<Vec<LocalizedTextInput>>,
    }
}

mirror_input! {
    #[derive(Default)]
    pub struct DataSubjectCategoryFilter => service::DataSubjectCategoryFilter {}
    + listing: Listing {
        /// Matches key and names.
        search: Option<String>,
        include_archived: Option<bool>,
    }
}

pub struct DataSubjectCategory(pub Model);

register_entry!(vocabulary DataSubjectCategory {});

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
