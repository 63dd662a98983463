//! The GraphQL side of processing agreements: the input and filter
//! (converted to the service's), the object, and the queries and mutations.

use async_graphql::{Context, InputObject, ID};

pub use super::parties::ProcessingAgreement;
use super::parties::Processor;
use crate::api::enums::{self, AgreementStatus, Art28Clause, SubProcessorAuthorisation};
use crate::api::scalars::Date;
use crate::api::{all, each};
use crate::api::{ids, loaders};
use crate::error::{AppError, AppResult};
use crate::register::processing_agreement::{self as service, missing_clauses};

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

impl TryFrom<ProcessingAgreementInput> for service::ProcessingAgreementInput {
    type Error = AppError;

    fn try_from(input: ProcessingAgreementInput) -> AppResult<Self> {
        Ok(service::ProcessingAgreementInput {
            processor_id: ids::parse(&input.processor_id, "input.processorId")?,
            status: input.status.into(),
            signed_on: input.signed_on.map(|date| date.0),
            effective_on: input.effective_on.map(|date| date.0),
            expires_on: input.expires_on.map(|date| date.0),
            document_ref: input.document_ref,
            clauses: each(input.clauses),
            sub_processor_authorisation: input.sub_processor_authorisation.map(Into::into),
        })
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

impl TryFrom<ProcessingAgreementFilter> for service::ProcessingAgreementFilter {
    type Error = AppError;

    fn try_from(filter: ProcessingAgreementFilter) -> AppResult<Self> {
        Ok(service::ProcessingAgreementFilter {
            search: filter.search,
            status: filter.status.map(Into::into),
            processor_id: ids::parse_optional(filter.processor_id.as_ref(), "filter.processorId")?,
            include_archived: filter.include_archived,
        })
    }
}

register_entry!(archivable ProcessingAgreement {
    async fn processor_id(&self) -> ID {
        ids::to_id(self.0.processor_id)
    }
    async fn processor(&self, ctx: &Context<'_>) -> async_graphql::Result<Processor> {
        let processor = loaders::processor_by_id(ctx, self.0.processor_id).await?;
        // The foreign key keeps the processor; its absence is a broken database.
        let processor = processor.ok_or_else(|| {
            AppError::Internal(format!(
                "processor {} of agreement {} is missing",
                self.0.processor_id, self.0.id
            ))
        })?;
        Ok(Processor(processor))
    }
    async fn status(&self) -> enums::AgreementStatus {
        self.0.status.into()
    }
    async fn signed_on(&self) -> Option<Date> {
        self.0.signed_on.map(Date)
    }
    async fn effective_on(&self) -> Option<Date> {
        self.0.effective_on.map(Date)
    }
    async fn expires_on(&self) -> Option<Date> {
        self.0.expires_on.map(Date)
    }
    async fn document_ref(&self) -> Option<&str> {
        self.0.document_ref.as_deref()
    }
    /// The Art. 28(3)(a)-(h) clauses the agreement covers.
    async fn clauses(&self) -> Vec<enums::Art28Clause> {
        all(self.0.clauses.0.iter().copied())
    }
    /// The Art. 28(3)(a)-(h) clauses the agreement does not cover.
    async fn missing_clauses(&self) -> Vec<enums::Art28Clause> {
        all(missing_clauses(&self.0.clauses.0))
    }
    async fn sub_processor_authorisation(&self) -> Option<enums::SubProcessorAuthorisation> {
        self.0.sub_processor_authorisation.map(Into::into)
    }
});

entity_resolvers!(
    processing_agreement,
    ProcessingAgreementQuery,
    ProcessingAgreementMutation,
    ProcessingAgreement,
    ProcessingAgreementInput,
    ProcessingAgreementFilter,
    list: processing_agreements,
    get: processing_agreement,
    create: create_processing_agreement,
    update: update_processing_agreement,
    archive: archive_processing_agreement,
);
