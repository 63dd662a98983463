//! The GraphQL side of processing activities: the inputs (converted to the
//! service's), the objects, and the queries and mutations.

use async_graphql::{Context, InputObject, Object, ID};
use entity::activity_legal_basis;
use entity::processing_activity::Model;
use entity::values::{DataSource, Retention, Transfer};

use super::data_category::DataCategory;
use super::data_subject_category::DataSubjectCategory;
use super::parties::Processor;
use crate::api::enums::{
    self, ActivityStatus, DataSourceKind, LegalBasisCode, SpecialCategoryCondition,
    TransferSafeguard,
};
use crate::api::localized::{self, LocalizedText, LocalizedTextInput};
use crate::api::{all, each};
use crate::api::{ids, loaders};
use crate::error::{AppError, AppResult};
use crate::register::processing_activity as service;

#[derive(InputObject)]
pub struct LegalBasisInput {
    pub code: LegalBasisCode,
    /// Required when the basis is legitimate interests: whose interest, and what it is.
    pub legitimate_interest: Option<Vec<LocalizedTextInput>>,
    /// Which part of the processing rests on this basis, where the activity
    /// has several.
    pub applies_to: Option<Vec<LocalizedTextInput>>,
}

impl From<LegalBasisInput> for service::LegalBasisInput {
    fn from(input: LegalBasisInput) -> Self {
        service::LegalBasisInput {
            code: input.code.into(),
            legitimate_interest: each(input.legitimate_interest),
            applies_to: each(input.applies_to),
        }
    }
}

#[derive(InputObject)]
pub struct RetentionInput {
    /// ISO 8601 duration, e.g. `P2Y`; absent when the keeping ends with an event.
    pub period: Option<String>,
    /// The event the period counts from or the keeping ends with, e.g. `CONSENT_WITHDRAWN`.
    pub trigger: Option<String>,
    pub description: Option<Vec<LocalizedTextInput>>,
}

impl From<RetentionInput> for service::RetentionInput {
    fn from(input: RetentionInput) -> Self {
        service::RetentionInput {
            period: input.period,
            trigger: input.trigger,
            description: each(input.description),
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

impl TransferInput {
    /// The service's transfer; `field` is the transfer's input path.
    fn into_service(self, field: &str) -> AppResult<service::TransferInput> {
        Ok(service::TransferInput {
            country: self.country,
            recipient_id: ids::parse_optional(
                self.recipient_id.as_ref(),
                &format!("{field}.recipientId"),
            )?,
            safeguard: self.safeguard.into(),
            description: each(self.description),
        })
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
            description: each(input.description),
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
    pub retention: Option<RetentionInput>,
    /// GDPR Art. 9(2) conditions; required when special category data is processed.
    pub special_category_conditions: Option<Vec<SpecialCategoryCondition>>,
    pub transfers: Option<Vec<TransferInput>>,
    pub sources: Option<Vec<DataSourceInput>>,
    pub security_measures: Option<Vec<LocalizedTextInput>>,
    /// Only decisions under GDPR Art. 22 (based solely on automated
    /// processing, with legal or similarly significant effects): the logic,
    /// significance and consequences. Absent: no such decisions.
    pub automated_decision_making: Option<Vec<LocalizedTextInput>>,
    /// Profiling that is not a decision under Art. 22. Absent: none.
    pub profiling: Option<Vec<LocalizedTextInput>>,
    /// The purpose is direct marketing (GDPR Art. 21(2)-(3)); absent: false.
    pub direct_marketing: Option<bool>,
    /// Whether providing the data is a statutory or contractual requirement, and the consequences of not providing it.
    pub requirement: Option<Vec<LocalizedTextInput>>,
    pub dpia_required: Option<bool>,
    /// Order in the statement; lower comes first.
    pub position: Option<i32>,
}

impl TryFrom<ProcessingActivityInput> for service::ProcessingActivityInput {
    type Error = AppError;

    fn try_from(input: ProcessingActivityInput) -> AppResult<Self> {
        let transfers = input
            .transfers
            .map(|transfers| {
                transfers
                    .into_iter()
                    .enumerate()
                    .map(|(index, transfer)| {
                        transfer.into_service(&format!("input.transfers.{index}"))
                    })
                    .collect::<AppResult<_>>()
            })
            .transpose()?;
        Ok(service::ProcessingActivityInput {
            name: all(input.name),
            purpose: all(input.purpose),
            purpose_category: input.purpose_category,
            status: input.status.into(),
            owner: input.owner,
            legal_bases: all(input.legal_bases),
            data_category_ids: ids::parse_all(&input.data_category_ids, "input.dataCategoryIds")?,
            data_subject_category_ids: ids::parse_all(
                &input.data_subject_category_ids,
                "input.dataSubjectCategoryIds",
            )?,
            recipient_ids: input
                .recipient_ids
                .map(|recipients| ids::parse_all(&recipients, "input.recipientIds"))
                .transpose()?,
            retention: input.retention.map(Into::into),
            special_category_conditions: each(input.special_category_conditions),
            transfers,
            sources: each(input.sources),
            security_measures: each(input.security_measures),
            automated_decision_making: each(input.automated_decision_making),
            profiling: each(input.profiling),
            direct_marketing: input.direct_marketing,
            requirement: each(input.requirement),
            dpia_required: input.dpia_required,
            position: input.position,
        })
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

impl TryFrom<ProcessingActivityFilter> for service::ProcessingActivityFilter {
    type Error = AppError;

    fn try_from(filter: ProcessingActivityFilter) -> AppResult<Self> {
        Ok(service::ProcessingActivityFilter {
            status: filter.status.map(Into::into),
            search: filter.search,
            legal_basis: filter.legal_basis.map(Into::into),
            data_category_id: ids::parse_optional(
                filter.data_category_id.as_ref(),
                "filter.dataCategoryId",
            )?,
            data_subject_category_id: ids::parse_optional(
                filter.data_subject_category_id.as_ref(),
                "filter.dataSubjectCategoryId",
            )?,
            processor_id: ids::parse_optional(filter.processor_id.as_ref(), "filter.processorId")?,
            include_archived: filter.include_archived,
        })
    }
}

pub struct ProcessingActivity(pub Model);

/// A legal basis of an activity.
pub struct ActivityLegalBasis(pub activity_legal_basis::Model);

#[Object]
impl ActivityLegalBasis {
    async fn code(&self) -> enums::LegalBasisCode {
        self.0.code.into()
    }
    /// Set when the basis is legitimate interests.
    async fn legitimate_interest(
        &self,
        ctx: &Context<'_>,
        language: Option<enums::Language>,
    ) -> Option<String> {
        localized::pick_in(ctx, &self.0.legitimate_interest, language)
    }
    async fn legitimate_interest_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.legitimate_interest)
    }
    /// Which part of the processing rests on this basis; absent: all of it.
    async fn applies_to(
        &self,
        ctx: &Context<'_>,
        language: Option<enums::Language>,
    ) -> Option<String> {
        self.0
            .applies_to
            .as_ref()
            .and_then(|text| localized::pick_in(ctx, text, language))
    }
    async fn applies_to_translations(&self) -> Vec<LocalizedText> {
        self.0
            .applies_to
            .as_ref()
            .map(localized::translations)
            .unwrap_or_default()
    }
}

pub struct RetentionOutput(Retention);

#[Object(name = "Retention")]
impl RetentionOutput {
    /// ISO 8601 duration; absent when the keeping ends with an event.
    async fn period(&self) -> Option<&str> {
        self.0.period.as_deref()
    }
    async fn trigger(&self) -> Option<&str> {
        self.0.trigger.as_deref()
    }
    async fn description(
        &self,
        ctx: &Context<'_>,
        language: Option<enums::Language>,
    ) -> Option<String> {
        localized::pick_in(ctx, &self.0.description, language)
    }
    async fn description_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.description)
    }
}

pub struct TransferOutput(Transfer);

#[Object(name = "Transfer")]
impl TransferOutput {
    async fn country(&self) -> &str {
        &self.0.country
    }
    async fn recipient(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Processor>> {
        let Some(id) = self.0.recipient_id else {
            return Ok(None);
        };
        Ok(loaders::processor_by_id(ctx, id).await?.map(Processor))
    }
    async fn safeguard(&self) -> enums::TransferSafeguard {
        self.0.safeguard.into()
    }
    async fn description(
        &self,
        ctx: &Context<'_>,
        language: Option<enums::Language>,
    ) -> Option<String> {
        localized::pick_in(ctx, &self.0.description, language)
    }
    async fn description_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.description)
    }
}

pub struct DataSourceOutput(DataSource);

#[Object(name = "DataSource")]
impl DataSourceOutput {
    async fn kind(&self) -> enums::DataSourceKind {
        self.0.kind.into()
    }
    async fn description(
        &self,
        ctx: &Context<'_>,
        language: Option<enums::Language>,
    ) -> Option<String> {
        localized::pick_in(ctx, &self.0.description, language)
    }
    async fn description_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.description)
    }
}

register_entry!(archivable ProcessingActivity {
    async fn name(&self, ctx: &Context<'_>, language: Option<enums::Language>) -> String {
        localized::pick_in(ctx, &self.0.name, language).unwrap_or_default()
    }
    async fn name_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.name)
    }
    async fn purpose(&self, ctx: &Context<'_>, language: Option<enums::Language>) -> String {
        localized::pick_in(ctx, &self.0.purpose, language).unwrap_or_default()
    }
    async fn purpose_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.purpose)
    }
    async fn purpose_category(&self) -> Option<&str> {
        self.0.purpose_category.as_deref()
    }
    async fn status(&self) -> enums::ActivityStatus {
        self.0.status.into()
    }
    async fn owner(&self) -> Option<&str> {
        self.0.owner.as_deref()
    }
    async fn legal_bases(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<ActivityLegalBasis>> {
        Ok(loaders::legal_bases_of(ctx, self.0.id)
            .await?
            .into_iter()
            .map(ActivityLegalBasis)
            .collect())
    }
    async fn data_categories(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DataCategory>> {
        Ok(loaders::data_categories_of(ctx, self.0.id)
            .await?
            .into_iter()
            .map(DataCategory)
            .collect())
    }
    async fn data_subject_categories(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<DataSubjectCategory>> {
        Ok(loaders::data_subject_categories_of(ctx, self.0.id)
            .await?
            .into_iter()
            .map(DataSubjectCategory)
            .collect())
    }
    async fn recipients(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Processor>> {
        Ok(loaders::recipients_of(ctx, self.0.id)
            .await?
            .into_iter()
            .map(Processor)
            .collect())
    }
    async fn retention(&self) -> Option<RetentionOutput> {
        self.0.retention.clone().map(RetentionOutput)
    }
    async fn special_category_conditions(&self) -> Vec<enums::SpecialCategoryCondition> {
        all(self.0.special_category_conditions.0.iter().copied())
    }
    async fn transfers(&self) -> Vec<TransferOutput> {
        self.0
            .transfers
            .0
            .iter()
            .cloned()
            .map(TransferOutput)
            .collect()
    }
    async fn sources(&self) -> Vec<DataSourceOutput> {
        self.0
            .sources
            .0
            .iter()
            .cloned()
            .map(DataSourceOutput)
            .collect()
    }
    async fn security_measures(
        &self,
        ctx: &Context<'_>,
        language: Option<enums::Language>,
    ) -> Option<String> {
        localized::pick_in(ctx, &self.0.security_measures, language)
    }
    async fn security_measures_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.security_measures)
    }
    /// Decisions under GDPR Art. 22 only; absent: no such decisions.
    async fn automated_decision_making(
        &self,
        ctx: &Context<'_>,
        language: Option<enums::Language>,
    ) -> Option<String> {
        localized::pick_in(ctx, &self.0.automated_decision_making, language)
    }
    async fn automated_decision_making_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.automated_decision_making)
    }
    /// Profiling that is not a decision under Art. 22; absent: none.
    async fn profiling(&self, ctx: &Context<'_>, language: Option<enums::Language>) -> Option<String> {
        self.0
            .profiling
            .as_ref()
            .and_then(|text| localized::pick_in(ctx, text, language))
    }
    async fn profiling_translations(&self) -> Vec<LocalizedText> {
        self.0
            .profiling
            .as_ref()
            .map(localized::translations)
            .unwrap_or_default()
    }
    /// The purpose is direct marketing (GDPR Art. 21(2)-(3)).
    async fn direct_marketing(&self) -> bool {
        self.0.direct_marketing
    }
    async fn requirement(&self, ctx: &Context<'_>, language: Option<enums::Language>) -> Option<String> {
        localized::pick_in(ctx, &self.0.requirement, language)
    }
    async fn requirement_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.requirement)
    }
    async fn dpia_required(&self) -> bool {
        self.0.dpia_required
    }
    async fn position(&self) -> i32 {
        self.0.position
    }
});

entity_resolvers!(
    processing_activity,
    ProcessingActivityQuery,
    ProcessingActivityMutation,
    ProcessingActivity,
    ProcessingActivityInput,
    ProcessingActivityFilter,
    list: processing_activities,
    get: processing_activity,
    create: create_processing_activity,
    update: update_processing_activity,
    archive: archive_processing_activity,
);
