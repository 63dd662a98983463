//! The GraphQL side of processing agreements: the input and filter
//! (converted to the service's), the object, and the queries and mutations.

use async_graphql::{Context, ID};

pub use super::parties::ProcessingAgreement;
use super::parties::Processor;
use crate::api::all;
use crate::api::enums::{self, AgreementStatus, Art28Clause, SubProcessorAuthorisation};
use crate::api::scalars::Date;
use crate::api::{ids, loaders};
use crate::error::AppError;
use crate::register::processing_agreement::{self as service, missing_clauses};
use crate::register::Listing;

mirror_input! {
    pub struct ProcessingAgreementInput => service::ProcessingAgreementInput {
        processor_id: ID,
        status: AgreementStatus,
        /// Required when the status is `SIGNED`.
        signed_on: Option<Date>,
        effective_on: Option<Date>,
        expires_on: Option<Date>,
        /// Where the signed document is kept.
        document_ref: Option<String>,
        /// The Art. 28(3)(a)-(h) clauses the agreement covers.
        clauses: Option<Vec<Art28Clause>>,
        sub_processor_authorisation: Option<SubProcessorAuthorisation>,
    }
}

mirror_input! {
    #[derive(Default)]
    pub struct ProcessingAgreementFilter => service::ProcessingAgreementFilter {
        status: Option<AgreementStatus>,
        processor_id: Option<ID>,
    }
    + listing: Listing {
        /// Matches the document reference and the processor's name.
        search: Option<String>,
        include_archived: Option<bool>,
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
        all(self.0.clauses.iter().copied())
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
