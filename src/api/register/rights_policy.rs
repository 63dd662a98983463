//! The GraphQL side of the rights and communication policy: its inputs
//! (converted to the service's), its objects, the query and the mutation.

use async_graphql::{Context, Object};
use entity::rights_policy::Model;
use entity::values::OfferedRight;

use super::write_input;
use crate::api::context::scope;
use crate::api::enums::{self, DataSubjectRight};
use crate::api::guard::RoleGuard;
use crate::api::localized::{self, LocalizedText, LocalizedTextInput};
use crate::auth::Role;
use crate::register::rights_policy::{self as service, get, save, unsaved};

mirror_input! {
    pub struct OfferedRightInput => service::OfferedRightInput {
        right: DataSubjectRight,
        /// How the right applies, e.g. which data is kept after erasure.
        note: Option<Vec<LocalizedTextInput>>,
    }
}

mirror_input! {
    pub struct RightsPolicyInput => service::RightsPolicyInput {
        /// ISO 8601 duration, e.g. `P4W`.
        response_period: String,
        /// How long an unsubscribe takes to process.
        opt_out_working_days: Option<i32>,
        /// ISO 8601 duration after the last purchase, e.g. `P2Y`.
        marketing_follow_up_period: Option<String>,
        /// How to reach the organization with a request.
        channels: Option<Vec<LocalizedTextInput>>,
        /// The rights offered, each at most once.
        rights: Option<Vec<OfferedRightInput>>,
        /// Why data may be shared with third parties beyond the processors.
        disclosure_purposes: Option<Vec<Vec<LocalizedTextInput>>>,
        /// How to unsubscribe from marketing.
        unsubscribe: Option<Vec<LocalizedTextInput>>,
    }
}

pub struct RightsPolicy(pub Model);

/// A data subject right the organization offers.
pub struct OfferedRightOutput(pub OfferedRight);

localized_object! {
    #[Object(name = "OfferedRight")]
    impl OfferedRightOutput {
        localized {
            note / note_translations: Option<String>,
        }
        async fn right(&self) -> enums::DataSubjectRight {
            self.0.right.into()
        }
    }
}

register_entry!(RightsPolicy {
    localized {
        channels / channels_translations: Option<String>,
        unsubscribe / unsubscribe_translations: Option<String>,
    }
    /// ISO 8601 duration, e.g. `P4W`.
    async fn response_period(&self) -> &str {
        &self.0.response_period
    }
    async fn opt_out_working_days(&self) -> Option<i32> {
        self.0.opt_out_working_days
    }
    /// ISO 8601 duration after the last purchase, e.g. `P2Y`.
    async fn marketing_follow_up_period(&self) -> Option<&str> {
        self.0.marketing_follow_up_period.as_deref()
    }
    async fn rights(&self) -> Vec<OfferedRightOutput> {
        self.0
            .rights
            .iter()
            .cloned()
            .map(OfferedRightOutput)
            .collect()
    }
    async fn disclosure_purposes(
        &self,
        ctx: &Context<'_>,
        language: Option<enums::Language>,
    ) -> Vec<String> {
        self.0
            .disclosure_purposes
            .iter()
            .filter_map(|purpose| localized::pick_in(ctx, purpose, language))
            .collect()
    }
    async fn disclosure_purposes_translations(&self) -> Vec<Vec<LocalizedText>> {
        self.0
            .disclosure_purposes
            .iter()
            .map(localized::translations)
            .collect()
    }
});

#[derive(Default)]
pub struct RightsPolicyQuery;

#[Object]
impl RightsPolicyQuery {
    #[graphql(guard = "RoleGuard(Role::Viewer)")]
    async fn rights_policy(&self, ctx: &Context<'_>) -> async_graphql::Result<RightsPolicy> {
        let scope = scope(ctx).await?;
        let policy = get(scope).await?.unwrap_or_else(|| unsaved(scope));
        Ok(RightsPolicy(policy))
    }
}

#[derive(Default)]
pub struct RightsPolicyMutation;

#[Object]
impl RightsPolicyMutation {
    /// Organization policy, so admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn update_rights_policy(
        &self,
        ctx: &Context<'_>,
        input: RightsPolicyInput,
        expected_revision: i32,
    ) -> async_graphql::Result<RightsPolicy> {
        let saved = write_input(ctx, input, async |tx, input| {
            save(tx, input, expected_revision).await
        })
        .await?;
        Ok(RightsPolicy(saved))
    }
}
