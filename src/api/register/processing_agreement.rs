//! The GraphQL side of processing agreements.

use async_graphql::{InputObject, ID};

use super::each;
use crate::api::enums::{AgreementStatus, Art28Clause, SubProcessorAuthorisation};
use crate::api::scalars::Date;
use crate::register::processing_agreement as service;

#[derive(InputObject)]
pub struct ProcessingAgreementInput {
    pub processor_id: ID,
    pub status: AgreementStatus,
    /// Required when the status is `SIGNED`.
    pub signed_on: Option<Date>,
    pub effective_on: Option<Date>,
    pub expires_on: Option<Date>,
    /// Where the signed document is kept.
    pub document_ref: Option<String>,
    /// The Art. 28(3)(a)-(h) clauses the agreement covers.
    pub clauses: Option<Vec<Art28Clause>>,
    pub sub_processor_authorisation: Option<SubProcessorAuthorisation>,
}

impl From<ProcessingAgreementInput> for service::ProcessingAgreementInput {
    fn from(input: ProcessingAgreementInput) -> Self {
        service::ProcessingAgreementInput {
            processor_id: input.processor_id,
            status: input.status.into(),
            signed_on: input.signed_on,
            effective_on: input.effective_on,
            expires_on: input.expires_on,
            document_ref: input.document_ref,
            clauses: each(input.clauses),
            sub_processor_authorisation: input.sub_processor_authorisation.map(Into::into),
        }
    }
}

#[derive(Default, InputObject)]
pub struct ProcessingAgreementFilter {
    /// Matches the document reference and the processor's name.
    pub search: Option<String>,
    pub status: Option<AgreementStatus>,
    pub processor_id: Option<ID>,
    pub include_archived: Option<bool>,
}

impl From<ProcessingAgreementFilter> for service::ProcessingAgreementFilter {
    fn from(filter: ProcessingAgreementFilter) -> Self {
        service::ProcessingAgreementFilter {
            search: filter.search,
            status: filter.status.map(Into::into),
            processor_id: filter.processor_id,
            include_archived: filter.include_archived,
        }
    }
}
