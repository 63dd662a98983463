//! The rights and communication policy: how the organization handles data
//! subject requests and marketing. One per organization; until it is first
//! saved, a default (revision 0) stands in for it.

use chrono::Utc;
use entity::enums::DataSubjectRight;
use entity::rights_policy::{ActiveModel, Entity, Model};
use entity::values::{Localized, LocalizedList, OfferedRight, OfferedRightList};
use sea_orm::Set;
use uuid::Uuid;

use crate::audit::AuditAction;
use crate::db::{Scope, Tx};
use crate::error::{AppError, AppResult};
use crate::register::localized::{self, LocalizedTextInput};
use crate::register::{validate, versioned};

/// The response period GDPR Art. 12(3) allows without extension.
pub const DEFAULT_RESPONSE_PERIOD: &str = "P1M";

#[derive(Clone, Debug)]
pub struct OfferedRightInput {
    pub right: DataSubjectRight,
    /// How the right applies, e.g. which data is kept after erasure.
    pub note: Option<Vec<LocalizedTextInput>>,
}

#[derive(Clone, Debug)]
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

// ---- service ----

/// The organization's policy, if it was ever saved.
pub async fn get(scope: &Scope) -> AppResult<Option<Model>> {
    Ok(scope.find::<Entity>().one(scope).await?)
}

/// What an organization without a saved policy sees. Not persisted.
pub fn unsaved(scope: &Scope) -> Model {
    let now = Utc::now();
    Model {
        id: Uuid::nil(),
        organization_id: scope.organization_id,
        response_period: DEFAULT_RESPONSE_PERIOD.to_string(),
        opt_out_working_days: None,
        marketing_follow_up_period: None,
        channels: Localized::default(),
        rights: OfferedRightList::default(),
        disclosure_purposes: LocalizedList::default(),
        unsubscribe: Localized::default(),
        revision: 0,
        created_at: now,
        updated_at: now,
    }
}

fn validated(input: &RightsPolicyInput) -> AppResult<ActiveModel> {
    let response_period = validate::duration(&input.response_period, "input.responsePeriod")?;
    if let Some(days) = input.opt_out_working_days {
        if !(0..=365).contains(&days) {
            return Err(AppError::validation(
                "input.optOutWorkingDays",
                "must be between 0 and 365",
            ));
        }
    }
    let marketing_follow_up_period = validate::optional_text(
        &input.marketing_follow_up_period,
        "input.marketingFollowUpPeriod",
    )?
    .map(|period| validate::duration(&period, "input.marketingFollowUpPeriod"))
    .transpose()?;
    let mut rights = Vec::new();
    for (index, offered) in input.rights.iter().flatten().enumerate() {
        if rights
            .iter()
            .any(|r: &OfferedRight| r.right == offered.right)
        {
            return Err(AppError::validation(
                format!("input.rights.{index}.right"),
                "a right may appear only once",
            ));
        }
        rights.push(OfferedRight {
            right: offered.right,
            note: localized::optional_localized(
                &offered.note,
                &format!("input.rights.{index}.note"),
            )?,
        });
    }
    let mut disclosure_purposes = Vec::new();
    for (index, purpose) in input.disclosure_purposes.iter().flatten().enumerate() {
        let field = format!("input.disclosurePurposes.{index}");
        disclosure_purposes.push(localized::to_required_localized(purpose, &field)?);
    }
    Ok(ActiveModel {
        response_period: Set(response_period),
        opt_out_working_days: Set(input.opt_out_working_days),
        marketing_follow_up_period: Set(marketing_follow_up_period),
        channels: Set(localized::optional_localized(
            &input.channels,
            "input.channels",
        )?),
        rights: Set(OfferedRightList(rights)),
        disclosure_purposes: Set(LocalizedList(disclosure_purposes)),
        unsubscribe: Set(localized::optional_localized(
            &input.unsubscribe,
            "input.unsubscribe",
        )?),
        ..Default::default()
    })
}

/// Saves the policy. `expected` 0 creates it (the revision of the unsaved
/// default); any other revision updates the saved one. `CONFLICT` when the
/// policy is not at `expected`, also when two first saves race.
pub async fn save(tx: &Tx<'_>, input: &RightsPolicyInput, expected: i32) -> AppResult<Model> {
    let changes = validated(input)?;
    let existing = tx.find::<Entity>().one(tx).await?;
    match existing {
        None if expected == 0 => versioned::insert::<Entity, _>(tx, changes)
            .await
            .map_err(|err| match err {
                // The unique organization id: another first save came first.
                AppError::Conflict(_) => AppError::stale_revision(),
                other => other,
            }),
        Some(policy) if expected != 0 => {
            versioned::update::<Entity, _>(tx, policy.id, expected, AuditAction::Update, changes)
                .await
        }
        _ => Err(AppError::stale_revision()),
    }
}
