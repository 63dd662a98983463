//! The GraphQL side of processing activities: the inputs (converted to the
//! service's), the objects, and the queries and mutations.

use async_graphql::{Context, Object, ID};
use entity::activity_legal_basis;
use entity::processing_activity::Model;
use entity::values::{DataSource, Retention, Transfer};

use super::data_category::DataCategory;
use super::data_subject_category::DataSubjectCategory;
use super::parties::Processor;
use crate::api::all;
use crate::api::enums::{
    self, ActivityStatus, DataSourceKind, LegalBasisCode, SpecialCategoryCondition,
    TransferSafeguard,
};
use crate::api::loaders;
use crate::api::localized::LocalizedTextInput;
use crate::register::processing_activity as service;
use crate::register::Listing;

mirror_input! {
    pub struct LegalBasisInput => service::LegalBasisInput {
        code: LegalBasisCode,
        /// Required when the basis is legitimate interests: whose interest, and what it is.
        legitimate_interest: Option<Vec<LocalizedTextInput>>,
        /// Which part of the processing rests on this basis, where the activity
        /// has several.
        applies_to: Option<Vec<LocalizedTextInput>>,
    }
}

mirror_input! {
    pub struct RetentionInput => service::RetentionInput {
        /// ISO 8601 duration, e.g. `P2Y`; absent when the keeping ends with an event.
        period: Option<String>,
        /// The event the period counts from or the keeping ends with, e.g. `CONSENT_WITHDRAWN`.
        trigger: Option<String>,
        description: Option<Vec<LocalizedTextInput>>,
    }
}

mirror_input! {
    pub struct TransferInput => service::TransferInput {
        /// ISO 3166-1 alpha-2 of the country outside the EEA (an EEA country is
        /// refused: data moving within the EEA is no third-country transfer).
        country: String,
        recipient_id: Option<ID>,
        safeguard: TransferSafeguard,
        description: Option<Vec<LocalizedTextInput>>,
    }
}

mirror_input! {
    pub struct DataSourceInput => service::DataSourceInput {
        kind: DataSourceKind,
        description: Option<Vec<LocalizedTextInput>>,
    }
}

mirror_input! {
    pub struct ProcessingActivityInput => service::ProcessingActivityInput {
        name: Vec<LocalizedTextInput>,
        purpose: Vec<LocalizedTextInput>,
        /// A purpose term, e.g. the W3C DPV `dpv:CustomerCare`.
        purpose_category: Option<String>,
        status: ActivityStatus,
        /// The department or person responsible.
        owner: Option<String>,
        legal_bases: Vec<LegalBasisInput>,
        data_category_ids: Vec<ID>,
        data_subject_category_ids: Vec<ID>,
        /// Processors and other third parties that receive the data.
        recipient_ids: Option<Vec<ID>>,
        retention: Option<RetentionInput>,
        /// GDPR Art. 9(2) conditions; required when special category data is processed.
        special_category_conditions: Option<Vec<SpecialCategoryCondition>>,
        transfers: Option<Vec<TransferInput>>,
        sources: Option<Vec<DataSourceInput>>,
        security_measures: Option<Vec<LocalizedTextInput>>,
        /// Only decisions under GDPR Art. 22 (based solely on automated
        /// processing, with legal or similarly significant effects): the logic,
        /// significance and consequences. Absent: no such decisions.
        automated_decision_making: Option<Vec<LocalizedTextInput>>,
        /// Profiling that is not a decision under Art. 22. Absent: none.
        profiling: Option<Vec<LocalizedTextInput>>,
        /// The purpose is direct marketing (GDPR Art. 21(2)-(3)); absent: false.
        direct_marketing: Option<bool>,
        /// Whether providing the data is a statutory or contractual requirement, and the consequences of not providing it.
        requirement: Option<Vec<LocalizedTextInput>>,
        dpia_required: Option<bool>,
        /// Order in the statement; lower comes first.
        position: Option<i32>,
    }
}

mirror_input! {
    #[derive(Default)]
    pub struct ProcessingActivityFilter => service::ProcessingActivityFilter {
        status: Option<ActivityStatus>,
        legal_basis: Option<LegalBasisCode>,
        data_category_id: Option<ID>,
        data_subject_category_id: Option<ID>,
        /// Activities that share data with this processor.
        processor_id: Option<ID>,
    }
    + listing: Listing {
        /// Matches names and purposes.
        search: Option<String>,
        include_archived: Option<bool>,
    }
}

pub struct ProcessingActivity(pub Model);

/// A legal basis of an activity.
pub struct ActivityLegalBasis(pub activity_legal_basis::Model);

localized_object! {
    #[Object]
    impl ActivityLegalBasis {
        localized {
            /// Set when the basis is legitimate interests.
            legitimate_interest / legitimate_interest_translations: Option<String>,
            /// Which part of the processing rests on this basis; absent: all of it.
            applies_to / applies_to_translations: Option<String>,
        }
        async fn code(&self) -> enums::LegalBasisCode {
            self.0.code.into()
        }
    }
}

pub struct RetentionOutput(Retention);

localized_object! {
    #[Object(name = "Retention")]
    impl RetentionOutput {
        localized {
            description / description_translations: Option<String>,
        }
        /// ISO 8601 duration; absent when the keeping ends with an event.
        async fn period(&self) -> Option<&str> {
            self.0.period.as_deref()
        }
        async fn trigger(&self) -> Option<&str> {
            self.0.trigger.as_deref()
        }
    }
}

pub struct TransferOutput(Transfer);

localized_object! {
    #[Object(name = "Transfer")]
    impl TransferOutput {
        localized {
            description / description_translations: Option<String>,
        }
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
    }
}

pub struct DataSourceOutput(DataSource);

localized_object! {
    #[Object(name = "DataSource")]
    impl DataSourceOutput {
        localized {
            description / description_translations: Option<String>,
        }
        async fn kind(&self) -> enums::DataSourceKind {
            self.0.kind.into()
        }
    }
}

register_entry!(archivable ProcessingActivity {
    localized {
        name / name_translations: String,
        purpose / purpose_translations: String,
        security_measures / security_measures_translations: Option<String>,
        /// Decisions under GDPR Art. 22 only; absent: no such decisions.
        automated_decision_making / automated_decision_making_translations: Option<String>,
        /// Profiling that is not a decision under Art. 22; absent: none.
        profiling / profiling_translations: Option<String>,
        requirement / requirement_translations: Option<String>,
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
        Ok(loaders::nodes::<loaders::LegalBasesOf, _>(ctx, self.0.id, ActivityLegalBasis).await?)
    }
    async fn data_categories(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DataCategory>> {
        Ok(loaders::nodes::<loaders::DataCategoriesOf, _>(ctx, self.0.id, DataCategory).await?)
    }
    async fn data_subject_categories(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<DataSubjectCategory>> {
        Ok(
            loaders::nodes::<loaders::DataSubjectCategoriesOf, _>(
                ctx,
                self.0.id,
                DataSubjectCategory,
            )
            .await?,
        )
    }
    async fn recipients(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Processor>> {
        Ok(loaders::nodes::<loaders::RecipientsOf, _>(ctx, self.0.id, Processor).await?)
    }
    async fn retention(&self) -> Option<RetentionOutput> {
        self.0.retention.clone().map(RetentionOutput)
    }
    async fn special_category_conditions(&self) -> Vec<enums::SpecialCategoryCondition> {
        all(self.0.special_category_conditions.iter().copied())
    }
    async fn transfers(&self) -> Vec<TransferOutput> {
        self.0
            .transfers
            .iter()
            .cloned()
            .map(TransferOutput)
            .collect()
    }
    async fn sources(&self) -> Vec<DataSourceOutput> {
        self.0
            .sources
            .iter()
            .cloned()
            .map(DataSourceOutput)
            .collect()
    }
    /// The purpose is direct marketing (GDPR Art. 21(2)-(3)).
    async fn direct_marketing(&self) -> bool {
        self.0.direct_marketing
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
