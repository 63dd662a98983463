//! The GraphQL side of processors: the input and filter (converted to the
//! service's), the object, and the queries and mutations.

use async_graphql::{Context, ID};

use super::organization::{ContactInput, ContactOutput};
use super::parties::ProcessingAgreement;
pub use super::parties::Processor;
use crate::api::enums::{self, ProcessorRole, TransferSafeguard};
use crate::api::loaders;
use crate::api::localized::LocalizedTextInput;
use crate::register::processor as service;
use crate::register::Listing;

mirror_input! {
    pub struct ProcessorInput => service::ProcessorInput {
        name: String,
        role: ProcessorRole,
        /// What the processor does for the organization.
        service: Option<Vec<LocalizedTextInput>>,
        /// The kind of recipient, e.g. "mailing house"; the statement names the
        /// recipient by it (GDPR Art. 13(1)(e) allows categories of recipients).
        category: Option<Vec<LocalizedTextInput>>,
        /// ISO 3166-1 alpha-2, or `ZZ` when it is not known where the recipient
        /// is established (the compliance report flags it).
        country: String,
        /// The processor a sub-processor works for: required for
        /// `SUB_PROCESSOR`, refused for every other role.
        parent_id: Option<ID>,
        /// Required when the country is outside the EEA (`NONE` records that
        /// there is none); refused inside it.
        transfer_safeguard: Option<TransferSafeguard>,
        contact: Option<ContactInput>,
        /// The essence of the arrangement between joint controllers (GDPR
        /// Art. 26(2)): required for `JOINT_CONTROLLER`, refused for every
        /// other role.
        joint_arrangement: Option<Vec<LocalizedTextInput>>,
    }
    + { imported: false }
}

mirror_input! {
    #[derive(Default)]
    pub struct ProcessorFilter => service::ProcessorFilter {
        role: Option<ProcessorRole>,
        /// ISO 3166-1 alpha-2.
        country: Option<String>,
    }
    + listing: Listing {
        /// Matches name, country and service description.
        search: Option<String>,
        include_archived: Option<bool>,
    }
}

register_entry!(archivable Processor {
    localized {
        service / service_translations: Option<String>,
        /// The kind of recipient, e.g. "mailing house".
        category / category_translations: Option<String>,
        /// For a joint controller: the essence of the arrangement (GDPR Art. 26(2)).
        joint_arrangement / joint_arrangement_translations: Option<String>,
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn role(&self) -> enums::ProcessorRole {
        self.0.role.into()
    }
    /// ISO 3166-1 alpha-2; `ZZ`: not known.
    async fn country(&self) -> &str {
        &self.0.country
    }
    async fn contact(&self) -> Option<ContactOutput> {
        self.0.contact.clone().map(ContactOutput)
    }
    /// The processor this sub-processor works for.
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Processor>> {
        let Some(parent_id) = self.0.parent_id else {
            return Ok(None);
        };
        Ok(loaders::processor_by_id(ctx, parent_id)
            .await?
            .map(Processor))
    }
    async fn transfer_safeguard(&self) -> Option<enums::TransferSafeguard> {
        self.0.transfer_safeguard.map(Into::into)
    }
    async fn agreements(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<ProcessingAgreement>> {
        Ok(loaders::nodes::<loaders::AgreementsOf, _>(ctx, self.0.id, ProcessingAgreement).await?)
    }
});

entity_resolvers!(
    processor,
    ProcessorQuery,
    ProcessorMutation,
    Processor,
    ProcessorInput,
    ProcessorFilter,
    list: processors,
    get: processor,
    create: create_processor,
    update: update_processor,
    archive: archive_processor,
);
