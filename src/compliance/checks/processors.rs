//! The checks of the processors and their agreements: an agreement in
//! force with every processor that is sent data, its Art. 28(3) clauses,
//! its end, safeguards outside the EEA, and archived recipients.

use chrono::{Days, NaiveDate};
use entity::enums::{AgreementStatus, ProcessorRole, TransferSafeguard};
use entity::{processing_agreement, processor};
use uuid::Uuid;

use super::{recipients_of, Hit, Register, EXPIRY_NOTICE_DAYS};
use crate::compliance::message::Fact;
use crate::register::eea::{is_unknown, outside_eea};
use crate::register::processing_activity::ActivitySnapshot;
use crate::register::processing_agreement::missing_clauses;

impl Register {
    /// The active activities that send data to processor `id` directly.
    pub(super) fn sending_to(&self, id: Uuid) -> Vec<&ActivitySnapshot> {
        self.sending_to_any(&[id])
    }

    fn sending_to_any(&self, ids: &[Uuid]) -> Vec<&ActivitySnapshot> {
        self.activities()
            .iter()
            .filter(|activity| recipients_of(activity).any(|r| ids.contains(&r)))
            .collect()
    }

    /// The active activities whose data reaches `processor`: those sending
    /// to it, and for a sub-processor those sending to the processors it
    /// works for, who pass the data on.
    fn reaching(&self, processor: &processor::Model) -> Vec<&ActivitySnapshot> {
        let mut chain = vec![processor.id];
        let mut parent = processor.parent_id;
        // The register refuses cycles; the bound keeps a bad row harmless.
        while let Some(id) = parent.filter(|_| chain.len() <= self.snapshot.processors.len()) {
            chain.push(id);
            parent = self.snapshot.processor(id).and_then(|p| p.parent_id);
        }
        self.sending_to_any(&chain)
    }

    /// A signed agreement with the processor that is in force today.
    pub(super) fn agreement_in_force(
        &self,
        processor_id: Uuid,
    ) -> Option<&processing_agreement::Model> {
        self.snapshot
            .agreements_of(processor_id)
            .filter(|agreement| in_force(agreement, self.today))
            // The one that lasts longest; no end date lasts longest of all.
            .max_by_key(|agreement| (agreement.expires_on.is_none(), agreement.expires_on))
    }
}

/// Signed, in effect, and not past its last day.
fn in_force(agreement: &processing_agreement::Model, today: NaiveDate) -> bool {
    agreement.status == AgreementStatus::Signed
        && agreement.effective_on.is_none_or(|from| from <= today)
        && agreement.expires_on.is_none_or(|until| today <= until)
}

/// Marked expired, or signed with an end date gone by.
fn has_expired(agreement: &processing_agreement::Model, today: NaiveDate) -> bool {
    match agreement.status {
        AgreementStatus::Expired => true,
        AgreementStatus::Signed => agreement.expires_on.is_some_and(|until| until < today),
        AgreementStatus::Draft | AgreementStatus::Terminated => false,
    }
}

/// A hit about a processor and the activities that make it matter, or none
/// when no activity does.
fn processor_hit(processor: &processor::Model, activities: &[&ActivitySnapshot]) -> Option<Hit> {
    if activities.is_empty() {
        return None;
    }
    let ids = activities.iter().map(|a| a.activity.id);
    let names = activities
        .iter()
        .map(|a| Fact::Name(a.activity.name.clone()));
    Some(
        Hit::about(std::iter::once(processor.id).chain(ids))
            .with("processor", Fact::Plain(processor.name.clone()))
            .with("activities", Fact::List(names.collect())),
    )
}

/// Processors (and sub-processors) the organization sends data to itself
/// need an Art. 28(3) agreement with it; a sub-processor engaged by a
/// processor is bound by that processor (Art. 28(4)), so only direct
/// recipients count.
pub(super) fn processor_without_agreement(register: &Register) -> Vec<Hit> {
    register
        .snapshot
        .processors
        .iter()
        .filter(|p| {
            matches!(
                p.role,
                ProcessorRole::Processor | ProcessorRole::SubProcessor
            )
        })
        .filter(|p| register.agreement_in_force(p.id).is_none())
        .filter_map(|p| processor_hit(p, &register.sending_to(p.id)))
        .collect()
}

/// Wherever the data goes, a third country needs a safeguard: so a
/// sub-processor counts through the processors it works for.
pub(super) fn recipient_without_safeguard(register: &Register) -> Vec<Hit> {
    register
        .snapshot
        .processors
        .iter()
        .filter(|p| outside_eea(&p.country))
        .filter(|p| {
            p.transfer_safeguard
                .is_none_or(|s| s == TransferSafeguard::None)
        })
        .filter_map(|p| {
            let hit = processor_hit(p, &register.reaching(p))?;
            Some(hit.with("country", Fact::Country(p.country.clone())))
        })
        .collect()
}

/// A recipient whose country the register does not know: the statement
/// cannot say whether its data leaves the EEA (Art. 13(1)(f)). A
/// sub-processor counts through the processors it works for.
pub(super) fn recipient_location_unknown(register: &Register) -> Vec<Hit> {
    register
        .snapshot
        .processors
        .iter()
        .filter(|p| is_unknown(&p.country))
        .filter_map(|p| processor_hit(p, &register.reaching(p)))
        .collect()
}

/// A joint controller states the essence of the arrangement (Art. 26(2));
/// the API asks for it, so only rows recorded before it did lack one.
pub(super) fn joint_controller_without_arrangement(register: &Register) -> Vec<Hit> {
    register
        .snapshot
        .processors
        .iter()
        .filter(|p| p.role == ProcessorRole::JointController)
        .filter(|p| {
            p.joint_arrangement
                .as_ref()
                .is_none_or(|a| a.0.values().all(|t| t.trim().is_empty()))
        })
        .map(|p| Hit::about([p.id]).with("processor", Fact::Plain(p.name.clone())))
        .collect()
}

/// The agreement a processor relies on, when it ends soon. An older
/// agreement that a longer one has replaced is no concern.
pub(super) fn agreement_expiring(register: &Register) -> Vec<Hit> {
    let horizon = register.today + Days::new(EXPIRY_NOTICE_DAYS);
    register
        .snapshot
        .processors
        .iter()
        .filter_map(|p| {
            let agreement = register.agreement_in_force(p.id)?;
            let until = agreement.expires_on.filter(|until| *until <= horizon)?;
            Some(
                Hit::about([agreement.id, p.id])
                    .with("processor", Fact::Plain(p.name.clone()))
                    .with("date", Fact::Date(until)),
            )
        })
        .collect()
}

/// A processor still sent data whose agreement expired and was not
/// replaced: the latest expired agreement, the processor, the activities.
pub(super) fn agreement_expired(register: &Register) -> Vec<Hit> {
    let today = register.today;
    register
        .snapshot
        .processors
        .iter()
        .filter(|p| register.agreement_in_force(p.id).is_none())
        .filter_map(|p| {
            let expired = register
                .snapshot
                .agreements_of(p.id)
                .filter(|agreement| has_expired(agreement, today))
                .max_by_key(|agreement| (agreement.expires_on, agreement.signed_on))?;
            let mut hit = processor_hit(p, &register.sending_to(p.id))?;
            hit.entity_ids.insert(0, expired.id);
            let date = expired.expires_on.map_or(Fact::Absent, Fact::Date);
            Some(hit.with("date", date))
        })
        .collect()
}

/// Agreements that are or will be relied on: drafts and signed ones that
/// have not expired.
pub(super) fn agreement_missing_clauses(register: &Register) -> Vec<Hit> {
    let today = register.today;
    register
        .snapshot
        .agreements
        .iter()
        .filter(|a| matches!(a.status, AgreementStatus::Draft | AgreementStatus::Signed))
        .filter(|a| !has_expired(a, today))
        .filter_map(|agreement| {
            let processor = register.snapshot.processor(agreement.processor_id)?;
            let missing = missing_clauses(&agreement.clauses.0);
            (!missing.is_empty()).then(|| {
                Hit::about([agreement.id, processor.id])
                    .with("processor", Fact::Plain(processor.name.clone()))
                    .with(
                        "clauses",
                        Fact::List(missing.into_iter().map(Fact::Clause).collect()),
                    )
            })
        })
        .collect()
}

/// The statement names only unarchived recipients, so a link to an
/// archived one says something the statement no longer does.
pub(super) fn archived_recipient(register: &Register) -> Vec<Hit> {
    register
        .archived_recipients
        .iter()
        .filter_map(|p| processor_hit(p, &register.sending_to(p.id)))
        .collect()
}
