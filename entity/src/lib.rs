//! Database entities of the ropa register. Value objects that live inside a
//! row (localized texts, addresses, retention rules, ...) are typed JSON
//! columns, defined in [`values`].

pub mod activity_data_category;
pub mod activity_data_subject_category;
pub mod activity_legal_basis;
pub mod activity_recipient;
pub mod audit_event;
pub mod data_category;
pub mod data_subject_category;
pub mod enums;
pub mod legal_basis;
pub mod organization;
pub mod processing_activity;
pub mod processing_agreement;
pub mod processor;
pub mod rights_policy;
pub mod statement_version;
pub mod tracker;
pub mod values;
