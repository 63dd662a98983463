//! The checks of cookies and similar technologies: consent where the law
//! asks for it, safeguards for a provider outside the EEA, a purpose in the
//! register for each, and the analytics exemption's conditions.

use entity::enums::{LegalBasisCode, ProcessorRole, TrackerCategory, TransferSafeguard};
use entity::{processor, tracker};

use super::{Hit, Register};
use crate::compliance::message::Fact;
use crate::register::eea::in_eea;
use crate::register::processing_activity::ActivitySnapshot;
use crate::register::tracker::consent_required_of;

impl Register {
    fn trackers(&self) -> &[tracker::Model] {
        &self.snapshot.trackers
    }

    /// The active activities a tracker serves.
    fn served_by(&self, tracker: &tracker::Model) -> Vec<&ActivitySnapshot> {
        tracker
            .activity_ids
            .iter()
            .filter_map(|id| self.snapshot.activity(*id))
            .collect()
    }

    fn provider_of(&self, tracker: &tracker::Model) -> Option<&processor::Model> {
        tracker
            .provider_id
            .and_then(|id| self.snapshot.processor(id))
    }
}

fn tracker_hit(tracker: &tracker::Model) -> Hit {
    Hit::about([tracker.id]).with("tracker", Fact::Plain(tracker.name.clone()))
}

fn rests_on_legitimate_interest(activity: &ActivitySnapshot) -> bool {
    activity
        .legal_bases
        .iter()
        .any(|basis| basis.code == LegalBasisCode::LegitimateInterests)
}

/// A marketing or social-media tracker needs the visitor's consent before
/// it is placed (Telecommunicatiewet art. 11.7a): the processing it feeds
/// cannot rest on a legitimate interest instead (EDPB Guidelines 8/2020).
pub(super) fn marketing_on_legitimate_interest(register: &Register) -> Vec<Hit> {
    let marketing = [TrackerCategory::Marketing, TrackerCategory::SocialMedia];
    register
        .trackers()
        .iter()
        .filter(|tracker| marketing.contains(&tracker.category))
        .filter_map(|tracker| {
            let activities: Vec<&ActivitySnapshot> = register
                .served_by(tracker)
                .into_iter()
                .filter(|activity| rests_on_legitimate_interest(activity))
                .collect();
            if activities.is_empty() {
                return None;
            }
            let names = activities
                .iter()
                .map(|a| Fact::Name(a.activity.name.clone()));
            let ids = activities.iter().map(|a| a.activity.id);
            let mut hit = tracker_hit(tracker).with("activities", Fact::List(names.collect()));
            hit.entity_ids.extend(ids);
            Some(hit)
        })
        .collect()
}

/// A provider outside the EEA receives what the tracker reads: a transfer
/// that needs a safeguard (Art. 44-49 GDPR).
pub(super) fn provider_without_safeguard(register: &Register) -> Vec<Hit> {
    register
        .trackers()
        .iter()
        .filter_map(|tracker| {
            let provider = register.provider_of(tracker)?;
            let unsafe_transfer = !in_eea(&provider.country)
                && matches!(
                    provider.transfer_safeguard,
                    None | Some(TransferSafeguard::None)
                );
            unsafe_transfer.then(|| {
                let mut hit = tracker_hit(tracker)
                    .with("processor", Fact::Plain(provider.name.clone()))
                    .with("country", Fact::Country(provider.country.clone()));
                hit.entity_ids.push(provider.id);
                hit
            })
        })
        .collect()
}

/// A processor that reads a tracker for the organization needs a processing
/// agreement in force (Art. 28(3) GDPR), as the analytics exemption
/// assumes. A processor that activities send data to is reported by
/// `PROCESSOR_WITHOUT_AGREEMENT` already.
pub(super) fn provider_without_agreement(register: &Register) -> Vec<Hit> {
    register
        .trackers()
        .iter()
        .filter_map(|tracker| {
            let provider = register.provider_of(tracker)?;
            let processor = matches!(
                provider.role,
                ProcessorRole::Processor | ProcessorRole::SubProcessor
            );
            let unreported = register.sending_to(provider.id).is_empty();
            let missing = register.agreement_in_force(provider.id).is_none();
            (processor && unreported && missing).then(|| {
                let mut hit =
                    tracker_hit(tracker).with("processor", Fact::Plain(provider.name.clone()));
                hit.entity_ids.push(provider.id);
                hit
            })
        })
        .collect()
}

/// A tracker that serves no active activity: the register does not say for
/// which purpose, on which basis, what it reads is processed (Art. 30).
pub(super) fn without_activity(register: &Register) -> Vec<Hit> {
    register
        .trackers()
        .iter()
        .filter(|tracker| register.served_by(tracker).is_empty())
        .map(tracker_hit)
        .collect()
}

/// Analytics read by a processor go without consent only with
/// privacy-friendly settings, which the register cannot see: the
/// organization confirms them.
pub(super) fn analytics_exemption_to_confirm(register: &Register) -> Vec<Hit> {
    register
        .trackers()
        .iter()
        .filter(|tracker| tracker.category == TrackerCategory::Analytics)
        .filter_map(|tracker| {
            let provider = register.provider_of(tracker)?;
            (!consent_required_of(tracker, Some(provider))).then(|| {
                let mut hit =
                    tracker_hit(tracker).with("processor", Fact::Plain(provider.name.clone()));
                hit.entity_ids.push(provider.id);
                hit
            })
        })
        .collect()
}
