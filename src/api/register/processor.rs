//! The GraphQL side of processors.

use async_graphql::{InputObject, ID};

use crate::api::enums::{ProcessorRole, TransferSafeguard};
use crate::api::localized::LocalizedTextInput;
use crate::register::organization::ContactInput;
use crate::register::processor as service;

#[derive(InputObject)]
pub struct ProcessorInput {
    pub name: String,
    pub role: ProcessorRole,
    /// What the processor does for the organization.
    pub service: Option<Vec<LocalizedTextInput>>,
    /// The kind of recipient, e.g. "mailing house"; the statement names the
    /// recipient by it (GDPR Art. 13(1)(e) allows categories of recipients).
    pub category: Option<Vec<LocalizedTextInput>>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The processor a sub-processor works for: required for
    /// `SUB_PROCESSOR`, refused for every other role.
    pub parent_id: Option<ID>,
    /// Required when the country is outside the EEA (`NONE` records that
    /// there is none); refused inside it.
    pub transfer_safeguard: Option<TransferSafeguard>,
    pub contact: Option<ContactInput>,
}

impl From<ProcessorInput> for service::ProcessorInput {
    fn from(input: ProcessorInput) -> Self {
        service::ProcessorInput {
            name: input.name,
            role: input.role.into(),
            service: input.service,
            category: input.category,
            country: input.country,
            parent_id: input.parent_id,
            transfer_safeguard: input.transfer_safeguard.map(Into::into),
            contact: input.contact,
        }
    }
}

#[derive(Default, InputObject)]
pub struct ProcessorFilter {
    /// Matches name, country and service description.
    pub search: Option<String>,
    pub role: Option<ProcessorRole>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub include_archived: Option<bool>,
}

impl From<ProcessorFilter> for service::ProcessorFilter {
    fn from(filter: ProcessorFilter) -> Self {
        service::ProcessorFilter {
            search: filter.search,
            role: filter.role.map(Into::into),
            country: filter.country,
            include_archived: filter.include_archived,
        }
    }
}
