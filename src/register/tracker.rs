//! Cookies and similar technologies (Telecommunicatiewet art. 11.7a,
//! ePrivacy Directive art. 5(3)): what a website of the organization places
//! in or reads from a visitor's browser, who for, how long, and whether it
//! needs the visitor's consent first.
//!
//! Consent is required unless a tracker is exempt. Two kinds are:
//! - strictly necessary ones, without which the service the visitor asked
//!   for cannot be delivered (art. 11.7a lid 3 onder b);
//! - analytics with little or no impact on privacy (art. 11.7a lid 3 onder
//!   c). The register takes an analytics tracker to be such when the
//!   organization reads it itself (first party, no provider), or when its
//!   provider is the organization's processor: a processor may use the
//!   data only on the organization's instructions, so it shares it with no
//!   one and uses it for nothing of its own. A provider that is a
//!   controller of its own (independent or joint) does, so consent is
//!   required. Whether the processor's settings are privacy-friendly (IP
//!   addresses shortened, data sharing off) the register cannot see; the
//!   compliance report asks the organization to confirm it.
//!
//! Functional (preference), marketing and social-media trackers always need
//! consent.

use entity::enums::{ProcessorRole, TrackerCategory};
use entity::tracker::{ActiveModel, Column, Entity, Model};
use entity::values::IdList;
use entity::{processing_activity, processor};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Select, Set};
use uuid::Uuid;

use crate::audit::AuditAction;
use crate::db::{Scope, Tx};
use crate::error::{AppError, AppResult};
use crate::register::localized::{self, LocalizedTextInput};
use crate::register::{listed, validate, versioned, Listing};

/// The longest tracker name taken: a browser's cookie names are short.
const MAX_NAME_LENGTH: usize = 200;

#[derive(Clone, Debug)]
pub struct TrackerInput {
    /// As the browser sees it, e.g. `_ga`.
    pub name: String,
    pub category: TrackerCategory,
    pub purpose: Vec<LocalizedTextInput>,
    /// The processor or third party that places or reads it; absent: the
    /// organization itself.
    pub provider_id: Option<Uuid>,
    /// ISO 8601 duration; absent: until the browser session ends.
    pub duration: Option<String>,
    /// The processing activities it serves.
    pub activity_ids: Option<Vec<Uuid>>,
}

#[derive(Debug, Default)]
pub struct TrackerFilter {
    /// The search matches the name and the purpose.
    pub listing: Listing,
    pub category: Option<TrackerCategory>,
    pub provider_id: Option<Uuid>,
    /// Trackers that serve this activity.
    pub activity_id: Option<Uuid>,
}

/// Whether a tracker of `category` needs consent before it is placed or
/// read, given the role of its provider (`None`: first party). See the
/// module documentation for the rule.
pub fn consent_required(category: TrackerCategory, provider_role: Option<ProcessorRole>) -> bool {
    match category {
        TrackerCategory::StrictlyNecessary => false,
        TrackerCategory::Analytics => !analytics_exempt(provider_role),
        TrackerCategory::Functional | TrackerCategory::Marketing | TrackerCategory::SocialMedia => {
            true
        }
    }
}

/// Analytics read by the organization itself or by its processor.
fn analytics_exempt(provider_role: Option<ProcessorRole>) -> bool {
    matches!(
        provider_role,
        None | Some(ProcessorRole::Processor | ProcessorRole::SubProcessor)
    )
}

/// [`consent_required`] of a tracker whose provider (if any) is `provider`.
pub fn consent_required_of(tracker: &Model, provider: Option<&processor::Model>) -> bool {
    consent_required(tracker.category, provider.map(|p| p.role))
}

// ---- service ----

pub fn list(scope: &Scope, filter: &TrackerFilter) -> AppResult<Select<Entity>> {
    // The activity ids are a JSON list of UUID strings; a UUID's text
    // contains no LIKE wildcard.
    let serving = |activity| {
        let pattern = format!("%\"{activity}\"%");
        Expr::col(Column::ActivityIds).cast_as("text").like(pattern)
    };
    let conditions = [
        filter.listing.searching(Column::SearchText),
        filter.category.map(|c| Column::Category.eq(c)),
        filter.provider_id.map(|p| Column::ProviderId.eq(p)),
        filter.activity_id.map(serving),
    ];
    Ok(listed(scope, &filter.listing, conditions))
}

/// The checks that need no database.
fn validated(input: &TrackerInput) -> AppResult<ActiveModel> {
    let name = validate::required_text(&input.name, "input.name")?;
    if name.chars().count() > MAX_NAME_LENGTH {
        return Err(AppError::validation(
            "input.name",
            format!("is too long: at most {MAX_NAME_LENGTH} characters"),
        ));
    }
    let purpose = localized::to_required_localized(&input.purpose, "input.purpose")?;
    let duration = validate::optional_text(&input.duration, "input.duration")?
        .map(|d| validate::duration(&d, "input.duration"))
        .transpose()?;
    Ok(ActiveModel {
        search_text: Set(super::search_text(&[&name], &[&purpose])),
        name: Set(name),
        category: Set(input.category),
        purpose: Set(purpose),
        duration: Set(duration),
        ..Default::default()
    })
}

/// The references the tracker being changed already has (none for a new
/// one): they stay valid after their target is archived.
#[derive(Default)]
struct Kept {
    provider_id: Option<Uuid>,
    activity_ids: Vec<Uuid>,
}

impl Kept {
    fn of(tracker: &Model) -> Kept {
        Kept {
            provider_id: tracker.provider_id,
            activity_ids: tracker.activity_ids.0.clone(),
        }
    }
}

/// The provider and the activities must be this organization's, and not
/// archived unless already referred to.
async fn with_references(
    tx: &Tx<'_>,
    input: &TrackerInput,
    current: Option<&Model>,
    mut model: ActiveModel,
) -> AppResult<ActiveModel> {
    let kept = current.map(Kept::of).unwrap_or_default();
    if let Some(provider) = input.provider_id {
        tx.require::<processor::Entity>(provider, "input.providerId", kept.provider_id)
            .await?;
    }
    const ACTIVITIES: &str = "input.activityIds";
    let activity_ids = validate::distinct_ids(
        input.activity_ids.as_deref().unwrap_or_default(),
        ACTIVITIES,
    )?;
    tx.require_all::<processing_activity::Entity>(&activity_ids, ACTIVITIES, &kept.activity_ids)
        .await?;
    model.provider_id = Set(input.provider_id);
    model.activity_ids = Set(IdList(activity_ids));
    Ok(model)
}

entry_services!(TrackerInput, with_references);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_follows_the_category_and_the_analytics_exemption() {
        use TrackerCategory::*;
        assert!(!consent_required(StrictlyNecessary, None));
        assert!(!consent_required(
            StrictlyNecessary,
            Some(ProcessorRole::IndependentController)
        ));
        assert!(!consent_required(Analytics, None));
        assert!(!consent_required(Analytics, Some(ProcessorRole::Processor)));
        assert!(!consent_required(
            Analytics,
            Some(ProcessorRole::SubProcessor)
        ));
        assert!(consent_required(
            Analytics,
            Some(ProcessorRole::IndependentController)
        ));
        assert!(consent_required(
            Analytics,
            Some(ProcessorRole::JointController)
        ));
        for category in [Functional, Marketing, SocialMedia] {
            assert!(consent_required(category, None));
            assert!(consent_required(category, Some(ProcessorRole::Processor)));
        }
    }
}
