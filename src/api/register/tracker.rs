//! The GraphQL side of trackers (cookies and similar technologies): the
//! input and filter (converted to the service's), the object, and the
//! queries and mutations.

use async_graphql::{Context, InputObject, ID};

use super::processing_activity::ProcessingActivity;
use super::processor::Processor;
use crate::api::enums::{self, TrackerCategory};
use crate::api::localized::{self, LocalizedText, LocalizedTextInput};
use crate::api::{ids, loaders};
use crate::error::{AppError, AppResult};
use crate::register::tracker::{self as service, consent_required_of};

#[derive(InputObject)]
pub struct TrackerInput {
    /// As the browser sees it, e.g. `_ga`.
    pub name: String,
    pub category: TrackerCategory,
    pub purpose: Vec<LocalizedTextInput>,
    /// A processor entry; absent: our own (first party).
    pub provider_id: Option<ID>,
    /// ISO 8601 duration; absent: until the browser session ends.
    pub duration: Option<String>,
    /// The processing activities it serves.
    pub activity_ids: Option<Vec<ID>>,
}

impl TryFrom<TrackerInput> for service::TrackerInput {
    type Error = AppError;

    fn try_from(input: TrackerInput) -> AppResult<Self> {
        Ok(service::TrackerInput {
            name: input.name,
            category: input.category.into(),
            purpose: input.purpose.into_iter().map(Into::into).collect(),
            provider_id: ids::parse_optional(input.provider_id.as_ref(), "input.providerId")?,
            duration: input.duration,
            activity_ids: input
                .activity_ids
                .as_deref()
                .map(|ids| ids::parse_all(ids, "input.activityIds"))
                .transpose()?,
        })
    }
}

#[derive(Default, InputObject)]
pub struct TrackerFilter {
    /// Matches the name and the purpose.
    pub search: Option<String>,
    pub category: Option<TrackerCategory>,
    pub provider_id: Option<ID>,
    /// Trackers that serve this activity.
    pub activity_id: Option<ID>,
    pub include_archived: Option<bool>,
}

impl TryFrom<TrackerFilter> for service::TrackerFilter {
    type Error = AppError;

    fn try_from(filter: TrackerFilter) -> AppResult<Self> {
        Ok(service::TrackerFilter {
            search: filter.search,
            category: filter.category.map(Into::into),
            provider_id: ids::parse_optional(filter.provider_id.as_ref(), "filter.providerId")?,
            activity_id: ids::parse_optional(filter.activity_id.as_ref(), "filter.activityId")?,
            include_archived: filter.include_archived,
        })
    }
}

pub struct Tracker(pub entity::tracker::Model);

impl Tracker {
    async fn provider_model(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Option<entity::processor::Model>> {
        match self.0.provider_id {
            None => Ok(None),
            Some(id) => loaders::processor_by_id(ctx, id).await,
        }
    }
}

register_entry!(archivable Tracker {
    /// As the browser sees it, e.g. `_ga`.
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn category(&self) -> enums::TrackerCategory {
        self.0.category.into()
    }
    async fn purpose(&self, ctx: &Context<'_>, language: Option<enums::Language>) -> String {
        localized::pick_in(ctx, &self.0.purpose, language).unwrap_or_default()
    }
    async fn purpose_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.purpose)
    }
    /// Who places or reads it; absent: the organization itself.
    async fn provider(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Processor>> {
        Ok(self.provider_model(ctx).await?.map(Processor))
    }
    /// ISO 8601; absent: until the browser session ends.
    async fn duration(&self) -> Option<&str> {
        self.0.duration.as_deref()
    }
    /// Whether the visitor's consent is asked before it is placed or read:
    /// not for strictly necessary trackers, nor for analytics read by the
    /// organization itself or by its processor.
    async fn consent_required(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let provider = self.provider_model(ctx).await?;
        Ok(consent_required_of(&self.0, provider.as_ref()))
    }
    /// The processing activities it serves.
    async fn activities(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<ProcessingActivity>> {
        let activities = loaders::activities_by_id(ctx, &self.0.activity_ids.0).await?;
        Ok(activities.into_iter().map(ProcessingActivity).collect())
    }
});

entity_resolvers!(
    tracker,
    TrackerQuery,
    TrackerMutation,
    Tracker,
    TrackerInput,
    TrackerFilter,
    list: trackers,
    get: tracker,
    create: create_tracker,
    update: update_tracker,
    archive: archive_tracker,
);
