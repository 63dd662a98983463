//! The GraphQL side of the rights and communication policy.

use async_graphql::InputObject;

use super::each;
use crate::api::enums::DataSubjectRight;
use crate::api::localized::LocalizedTextInput;
use crate::register::rights_policy as service;

#[derive(InputObject)]
pub struct OfferedRightInput {
    pub right: DataSubjectRight,
    /// How the right applies, e.g. which data is kept after erasure.
    pub note: Option<Vec<LocalizedTextInput>>,
}

impl From<OfferedRightInput> for service::OfferedRightInput {
    fn from(input: OfferedRightInput) -> Self {
        service::OfferedRightInput {
            right: input.right.into(),
            note: input.note,
        }
    }
}

#[derive(InputObject)]
pub struct RightsPolicyInput {
    /// ISO 8601 duration, e.g. `P4W`.
    pub response_period: String,
    /// How long an unsubscribe takes to process.
    pub opt_out_working_days: Option<i32>,
    /// ISO 8601 duration after the last purchase, e.g. `P2Y`.
    pub marketing_follow_up_period: Option<String>,
    /// How to reach the organization with a request.
    pub channels: Option<Vec<LocalizedTextInput>>,
    /// The rights offered, each at most once.
    pub rights: Option<Vec<OfferedRightInput>>,
    /// Why data may be shared with third parties beyond the processors.
    pub disclosure_purposes: Option<Vec<Vec<LocalizedTextInput>>>,
    /// How to unsubscribe from marketing.
    pub unsubscribe: Option<Vec<LocalizedTextInput>>,
}

impl From<RightsPolicyInput> for service::RightsPolicyInput {
    fn from(input: RightsPolicyInput) -> Self {
        service::RightsPolicyInput {
            response_period: input.response_period,
            opt_out_working_days: input.opt_out_working_days,
            marketing_follow_up_period: input.marketing_follow_up_period,
            channels: input.channels,
            rights: each(input.rights),
            disclosure_purposes: input.disclosure_purposes,
            unsubscribe: input.unsubscribe,
        }
    }
}
