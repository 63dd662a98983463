//! The GraphQL side of trackers (cookies and similar technologies): the
//! input and filter (converted to the service's), the object, and the
//! queries and mutations.

use async_graphql::{Context, ID};

use super::processing_activity::ProcessingActivity;
use super::processor::Processor;
use crate::api::enums::{self, TrackerCategory};
use crate::api::loaders;
use crate::api::localized::LocalizedTextInput;
use crate::error::AppResult;
use crate::register::tracker::{self as service, consent_required_of};
use crate::register::Listing;

mirror_input! {
    pub struct TrackerInput => service::TrackerInput {
        /// As the browser sees it, e.g. `_ga`.
        name: String,
        category: TrackerCategory,
        purpose: Vec<LocalizedTextInput>,
        /// A processor entry; absent: our own (first party).
        provider_id: Option<ID>,
        /// ISO 8601 duration; absent: until the browser session ends.
        duration: Option<String>,
        /// The processing activities it serves.
        activity_ids: Option<Vec<ID>>,
    }
}

mirror_input! {
    #[derive(Default)]
    pub struct TrackerFilter => service::TrackerFilter {
        category: Option<TrackerCategory>,
        provider_id: Option<ID>,
        /// Trackers that serve this activity.
        activity_id: Option<ID>,
    }
    + listing: Listing {
        /// Matches the name and the purpose.
        search: Option<String>,
        include_archived: Option<bool>,
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
    localized {
        purpose / purpose_translations: String,
    }
    /// As the browser sees it, e.g. `_ga`.
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn category(&self) -> enums::TrackerCategory {
        self.0.category.into()
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
