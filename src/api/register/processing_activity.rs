//! The GraphQL side of processing activities.

use async_graphql::{InputObject, ID};

use super::{all, each};
use crate::api::enums::{
    ActivityStatus, DataSourceKind, LegalBasisCode, SpecialCategoryCondition, TransferSafeguard,
};
use crate::api::localized::LocalizedTextInput;
use crate::register::processing_activity as service;

#[derive(InputObject)]
pub struct LegalBasisInput {
    pub code: LegalBasisCode,
    /// Required when the basis is legitimate interests: whose interest, and what it is.
    pub legitimate_interest: Option<Vec<LocalizedTextInput>>,
}

impl From<LegalBasisInput> for service::LegalBasisInput {
    fn from(input: LegalBasisInput) -> Self {
        service::LegalBasisInput {
            code: input.code.into(),
            legitimate_interest: input.legitimate_interest,
        }
    }
}

#[derive(InputObject)]
pub struct TransferInput {
    /// ISO 3166-1 alpha-2 of the country outside the EEA (an EEA country is
    /// refused: data moving within the EEA is no third-country transfer).
    pub country: String,
    pub recipient_id: Option<ID>,
    pub safeguard: TransferSafeguard,
    pub description: Option<Vec<LocalizedTextInput>>,
}

impl From<TransferInput> for service::TransferInput {
    fn from(input: TransferInput) -> Self {
        service::TransferInput {
            country: input.country,
            recipient_id: input.recipient_id,
            safeguard: input.safeguard.into(),
            description: input.description,
        }
    }
}

#[derive(InputObject)]
pub struct DataSourceInput {
    pub kind: DataSourceKind,
    pub description: Option<Vec<LocalizedTextInput>>,
}

impl From<DataSourceInput> for service::DataSourceInput {
    fn from(input: DataSourceInput) -> Self {
        service::DataSourceInput {
            kind: input.kind.into(),
            description: input.description,
        }
    }
}

#[derive(InputObject)]
pub struct ProcessingActivityInput {
    pub name: Vec<LocalizedTextInput>,
    pub purpose: Vec<LocalizedTextInput>,
    /// A purpose term, e.g. the W3C DPV `dpv:CustomerCare`.
    pub purpose_category: Option<String>,
    pub status: ActivityStatus,
    /// The department or person responsible.
    pub owner: Option<String>,
    pub legal_bases: Vec<LegalBasisInput>,
    pub data_category_ids: Vec<ID>,
    pub data_subject_category_ids: Vec<ID>,
    /// Processors and other third parties that receive the data.
    pub recipient_ids: Option<Vec<ID>>,
    pub retention: Option<service::RetentionInput>,
    /// GDPR Art. 9(2) conditions; required when special category data is processed.
    pub special_category_conditions: Option<Vec<SpecialCategoryCondition>>,
    pub transfers: Option<Vec<TransferInput>>,
    pub sources: Option<Vec<DataSourceInput>>,
    pub security_measures: Option<Vec<LocalizedTextInput>>,
    /// Absent: no automated decision-making or profiling.
    pub automated_decision_making: Option<Vec<LocalizedTextInput>>,
    /// Whether providing the data is a statutory or contractual requirement, and the consequences of not providing it.
    pub requirement: Option<Vec<LocalizedTextInput>>,
    pub dpia_required: Option<bool>,
    /// Order in the statement; lower comes first.
    pub position: Option<i32>,
}

impl From<ProcessingActivityInput> for service::ProcessingActivityInput {
    fn from(input: ProcessingActivityInput) -> Self {
        service::ProcessingActivityInput {
            name: input.name,
            purpose: input.purpose,
            purpose_category: input.purpose_category,
            status: input.status.into(),
            owner: input.owner,
            legal_bases: all(input.legal_bases),
            data_category_ids: input.data_category_ids,
            data_subject_category_ids: input.data_subject_category_ids,
            recipient_ids: input.recipient_ids,
            retention: input.retention,
            special_category_conditions: each(input.special_category_conditions),
            transfers: each(input.transfers),
            sources: each(input.sources),
            security_measures: input.security_measures,
            automated_decision_making: input.automated_decision_making,
            requirement: input.requirement,
            dpia_required: input.dpia_required,
            position: input.position,
        }
    }
}

#[derive(Default, InputObject)]
pub struct ProcessingActivityFilter {
    pub status: Option<ActivityStatus>,
    /// Matches names and purposes.
    pub search: Option<String>,
    pub legal_basis: Option<LegalBasisCode>,
    pub data_category_id: Option<ID>,
    pub data_subject_category_id: Option<ID>,
    /// Activities that share data with this processor.
    pub processor_id: Option<ID>,
    pub include_archived: Option<bool>,
}

impl From<ProcessingActivityFilter> for service::ProcessingActivityFilter {
    fn from(filter: ProcessingActivityFilter) -> Self {
        service::ProcessingActivityFilter {
            status: filter.status.map(Into::into),
            search: filter.search,
            legal_basis: filter.legal_basis.map(Into::into),
            data_category_id: filter.data_category_id,
            data_subject_category_id: filter.data_subject_category_id,
            processor_id: filter.processor_id,
            include_archived: filter.include_archived,
        }
    }
}
