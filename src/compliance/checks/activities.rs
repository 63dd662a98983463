//! The checks of the activities: a legal basis, retention, data and data
//! subjects, Art. 9 conditions and transfer safeguards; and the drafts.

use entity::enums::{DataSourceKind, LegalBasisCode, TransferSafeguard};
use entity::values::Localized;
use entity::{data_category, processing_activity};

use super::{Hit, Register};
use crate::compliance::message::Fact;
use crate::register::eea::in_eea;
use crate::register::processing_activity::ActivitySnapshot;

impl Register {
    /// The data categories of `activity` that `flag` marks. Archived
    /// categories count: the activity still names them, and so does the
    /// statement.
    fn categories_of<'a>(
        &'a self,
        activity: &'a ActivitySnapshot,
        flag: fn(&data_category::Model) -> bool,
    ) -> Vec<&'a data_category::Model> {
        activity
            .data_category_ids
            .iter()
            .filter_map(|id| self.snapshot.data_category(*id))
            .filter(|category| flag(category))
            .collect()
    }
}

/// Whether a register text says anything in any language.
fn says_something(text: &Localized) -> bool {
    text.0.values().any(|t| !t.trim().is_empty())
}

fn activity_hit(activity: &processing_activity::Model) -> Hit {
    Hit::about([activity.id]).with("activity", Fact::Name(activity.name.clone()))
}

/// A hit for each active activity for which `problem` holds.
fn activities_where(register: &Register, problem: impl Fn(&ActivitySnapshot) -> bool) -> Vec<Hit> {
    register
        .activities()
        .iter()
        .filter(|activity| problem(activity))
        .map(|activity| activity_hit(&activity.activity))
        .collect()
}

/// A hit for each active activity with data categories that `flag` marks,
/// when `problem` holds for it: about the activity and those categories.
fn activities_with_categories(
    register: &Register,
    flag: fn(&data_category::Model) -> bool,
    problem: impl Fn(&ActivitySnapshot) -> bool,
) -> Vec<Hit> {
    register
        .activities()
        .iter()
        .filter(|activity| problem(activity))
        .filter_map(|activity| {
            let categories = register.categories_of(activity, flag);
            (!categories.is_empty()).then(|| {
                let names = categories.iter().map(|c| Fact::Name(c.name.clone()));
                Hit::about(
                    std::iter::once(activity.activity.id).chain(categories.iter().map(|c| c.id)),
                )
                .with("activity", Fact::Name(activity.activity.name.clone()))
                .with("categories", Fact::List(names.collect()))
            })
        })
        .collect()
}

pub(super) fn without_legal_basis(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| activity.legal_bases.is_empty())
}

pub(super) fn interest_not_spelled_out(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| {
        activity.legal_bases.iter().any(|basis| {
            basis.code == LegalBasisCode::LegitimateInterests
                && !says_something(&basis.legitimate_interest)
        })
    })
}

pub(super) fn special_without_condition(register: &Register) -> Vec<Hit> {
    activities_with_categories(
        register,
        |category| category.special_category,
        |activity| activity.activity.special_category_conditions.is_empty(),
    )
}

pub(super) fn transfer_without_safeguard(register: &Register) -> Vec<Hit> {
    let mut hits = Vec::new();
    for activity in register.activities() {
        for transfer in &activity.activity.transfers.0 {
            if !in_eea(&transfer.country) && transfer.safeguard == TransferSafeguard::None {
                let ids = std::iter::once(activity.activity.id).chain(transfer.recipient_id);
                hits.push(
                    Hit::about(ids)
                        .with("activity", Fact::Name(activity.activity.name.clone()))
                        .with("country", Fact::Country(transfer.country.clone())),
                );
            }
        }
    }
    hits
}

pub(super) fn without_retention(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| activity.activity.retention.is_none())
}

pub(super) fn without_data_categories(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| activity.data_category_ids.is_empty())
}

pub(super) fn without_data_subjects(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| {
        activity.data_subject_category_ids.is_empty()
    })
}

/// The register records that a DPIA is needed, not that it was done: the
/// finding reminds that it must be on file.
pub(super) fn dpia_required(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| activity.activity.dpia_required)
}

pub(super) fn criminal_data(register: &Register) -> Vec<Hit> {
    activities_with_categories(register, |category| category.criminal_data, |_| true)
}

pub(super) fn draft_activity(register: &Register) -> Vec<Hit> {
    register.drafts.iter().map(activity_hit).collect()
}

/// Data the person provides needs a word on whether they must provide it,
/// and what happens if they do not (Art. 13(2)(e)).
pub(super) fn requirement_not_stated(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| {
        let a = &activity.activity;
        a.sources
            .iter()
            .any(|source| source.kind == DataSourceKind::DataSubject)
            && !says_something(&a.requirement)
    })
}

/// A retention told only in words, with no period and no event that ends
/// it: "as long as necessary" alone does not tell how long (Art. 13(2)(a)).
pub(super) fn retention_without_period_or_criteria(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| {
        activity.activity.retention.as_ref().is_some_and(|r| {
            r.period.as_deref().is_none_or(|p| p.trim().is_empty())
                && r.trigger.as_deref().is_none_or(|t| t.trim().is_empty())
        })
    })
}

/// Keeping data "until you withdraw your consent" is honest only where
/// the processing rests on consent.
pub(super) fn retention_ends_with_consent_not_asked(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| {
        let trigger = activity
            .activity
            .retention
            .as_ref()
            .and_then(|r| r.trigger.as_deref());
        trigger == Some("CONSENT_WITHDRAWN") && !activity.has_consent()
    })
}

/// Where one purpose rests on several bases, the statement says which part
/// rests on which (Art. 13(1)(c)).
pub(super) fn bases_without_applies_to(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| {
        activity.legal_bases.len() > 1
            && activity.legal_bases.iter().any(|basis| {
                basis
                    .applies_to
                    .as_ref()
                    .is_none_or(|part| !says_something(part))
            })
    })
}

/// A decision based solely on automated processing is allowed only when it
/// is necessary for a contract, authorised by law, or based on explicit
/// consent (Art. 22(2)); on other bases it is not.
pub(super) fn automated_decision_without_ground(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| {
        says_something(&activity.activity.automated_decision_making)
            && !activity.has_consent()
            && !activity.has_basis(LegalBasisCode::Contract)
            && !activity.has_basis(LegalBasisCode::LegalObligation)
    })
}

/// Profiling on legitimate interests alone: lawful, but the balancing must
/// weigh it and an objection stops it (Art. 21; WP251).
pub(super) fn profiling_on_legitimate_interest(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| {
        activity
            .activity
            .profiling
            .as_ref()
            .is_some_and(says_something)
            && activity.has_basis(LegalBasisCode::LegitimateInterests)
            && !activity.has_consent()
    })
}
