//! The GraphQL side of processors: the input and filter (converted to the
//! service's), the object, and the queries and mutations.

use async_graphql::{Context, InputObject, ID};

use super::organization::{ContactInput, ContactOutput};
use super::parties::ProcessingAgreement;
pub use super::parties::Processor;
use crate::api::each;
use crate::api::enums::{self, ProcessorRole, TransferSafeguard};
use crate::api::localized::{self, LocalizedText, LocalizedTextInput};
use crate::api::{ids, loaders};
use crate::error::{AppError, AppResult};
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
    /// ISO 3166-1 alpha-2, or `ZZ` when it is not known where the recipient
    /// is established (the compliance report flags it).
    pub country: String,
    /// The processor a sub-processor works for: required for
    /// `SUB_PROCESSOR`, refused for every other role.
    pub parent_id: Option<ID>,
    /// Required when the country is outside the EEA (`NONE` records that
    /// there is none); refused inside it.
    pub transfer_safeguard: Option<TransferSafeguard>,
    pub contact: Option<ContactInput>,
    /// The essence of the arrangement between joint controllers (GDPR
    /// Art. 26(2)): required for `JOINT_CONTROLLER`, refused for every
    /// other role.
    pub joint_arrangement: Option<Vec<LocalizedTextInput>>,
}

impl TryFrom<ProcessorInput> for service::ProcessorInput {
    type Error = AppError;

    fn try_from(input: ProcessorInput) -> AppResult<Self> {
        Ok(service::ProcessorInput {
            name: input.name,
            role: input.role.into(),
            service: each(input.service),
            category: each(input.category),
            country: input.country,
            parent_id: ids::parse_optional(input.parent_id.as_ref(), "input.parentId")?,
            transfer_safeguard: input.transfer_safeguard.map(Into::into),
            contact: input.contact.map(Into::into),
            joint_arrangement: each(input.joint_arrangement),
            imported: false,
        })
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

register_entry!(archivable Processor {
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn role(&self) -> enums::ProcessorRole {
        self.0.role.into()
    }
    async fn service(&self, ctx: &Context<'_>, language: Option<enums::Language>) -> Option<String> {
        localized::pick_in(ctx, &self.0.service, language)
    }
    async fn service_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.service)
    }
    /// The kind of recipient, e.g. "mailing house".
    async fn category(&self, ctx: &Context<'_>, language: Option<enums::Language>) -> Option<String> {
        self.0
            .category
            .as_ref()
            .and_then(|c| localized::pick_in(ctx, c, language))
    }
    async fn category_translations(&self) -> Vec<LocalizedText> {
        self.0
            .category
            .as_ref()
            .map(localized::translations)
            .unwrap_or_default()
    }
    /// ISO 3166-1 alpha-2; `ZZ`: not known.
    async fn country(&self) -> &str {
        &self.0.country
    }
    /// For a joint controller: the essence of the arrangement (GDPR Art. 26(2)).
    async fn joint_arrangement(
        &self,
        ctx: &Context<'_>,
        language: Option<enums::Language>,
    ) -> Option<String> {
        self.0
            .joint_arrangement
            .as_ref()
            .and_then(|text| localized::pick_in(ctx, text, language))
    }
    async fn joint_arrangement_translations(&self) -> Vec<LocalizedText> {
        self.0
            .joint_arrangement
            .as_ref()
            .map(localized::translations)
            .unwrap_or_default()
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
        let agreements = loaders::agreements_of(ctx, self.0.id).await?;
        Ok(agreements.into_iter().map(ProcessingAgreement).collect())
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
