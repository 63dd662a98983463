//! Comparing two versions' registers entry by entry, field by field, into
//! the changes a reader of the language notices.

use std::collections::BTreeSet;

use entity::{data_category, processor};
use minijinja::context;
use uuid::Uuid;

use super::reading::{absent, countries, Field, Lookup, Reading, Side};
use super::wording::Facts;
use super::{
    ChangeKind, Entry, SemanticChange, ACTIVITY, DATA_CATEGORY, DATA_SUBJECT_CATEGORY,
    ORGANIZATION, PROCESSOR, RIGHTS_POLICY,
};
use crate::register::processing_activity::ActivitySnapshot;
use crate::register_snapshot::RegisterSnapshot;
use crate::wording::Section;

/// The categories linked to some activity in both versions: the ones whose
/// own changes (a new name) a reader of both statements notices.
fn linked_in_both(
    old: &RegisterSnapshot,
    new: &RegisterSnapshot,
    links: fn(&ActivitySnapshot) -> &[Uuid],
) -> BTreeSet<Uuid> {
    let linked = |snapshot: &RegisterSnapshot| -> BTreeSet<Uuid> {
        snapshot
            .activities
            .iter()
            .flat_map(|a| links(a).iter().copied())
            .collect()
    };
    linked(old).intersection(&linked(new)).copied().collect()
}

/// A change of `entry` told by the text of its kind in `words`, or by one
/// of the kind's texts (`variant`).
pub(super) fn described(
    words: &Section,
    (kind, variant): (ChangeKind, Option<&str>),
    entry: Entry,
    facts: &Facts,
) -> SemanticChange {
    let key = match variant {
        Some(variant) => format!("{}.{variant}", kind.key()),
        None => kind.key(),
    };
    SemanticChange {
        kind,
        entity_type: entry.0.to_string(),
        entity_id: entry.1.to_string(),
        description: words.render(&key, facts),
    }
}

pub(super) struct Changes<'a> {
    pub(super) old: Side<'a>,
    pub(super) new: Side<'a>,
    pub(super) changes: Vec<SemanticChange>,
}

impl<'a> Changes<'a> {
    pub(super) fn push(&mut self, kind: ChangeKind, entry: Entry, facts: Facts) {
        self.push_as(kind, None, entry, facts);
    }

    /// Records a change described by the text of its kind, or by one of the
    /// kind's texts (`variant`) when it is said in more than one way.
    fn push_as(&mut self, kind: ChangeKind, variant: Option<&str>, entry: Entry, facts: Facts) {
        let change = described(&self.new.words, (kind, variant), entry, &facts);
        self.changes.push(change);
    }

    /// "gewijzigd van X naar Y", "toegevoegd: Y" or "verwijderd (was X)".
    fn change(&self, from: Option<&str>, to: Option<&str>) -> String {
        let key = match (from, to) {
            (None, Some(_)) => "value.added",
            (Some(_), None) => "value.removed",
            _ => "value.changed",
        };
        self.new.words.render(key, context! { from, to })
    }

    /// Reports the fields of a register entry that differ: each one said in
    /// words as a change of its own, from what to what; the others together,
    /// by name. `facts` says which entry it is.
    pub(super) fn compare_fields(
        &mut self,
        kind: ChangeKind,
        entry: Entry,
        facts: &Facts,
        before: &[Field],
        after: &[Field],
    ) {
        let mut named = Vec::new();
        for (was, is) in before.iter().zip(after) {
            if was.value == is.value {
                continue;
            }
            let field = self.new.words.get(&format!("field.{}", is.key));
            match (&was.value, &is.value) {
                (Reading::Words(from), Reading::Words(to)) => {
                    let change = self.change(from.as_deref(), to.as_deref());
                    let facts = Facts {
                        field,
                        change,
                        ..facts.clone()
                    };
                    self.push_as(kind, Some("value"), entry, facts);
                }
                _ => named.push(field),
            }
        }
        if !named.is_empty() {
            let field = self.new.statement.and_list(&named);
            let facts = Facts {
                field,
                ..facts.clone()
            };
            self.push_as(kind, Some("fields"), entry, facts);
        }
    }

    pub(super) fn compare(&mut self) {
        let entry = (ORGANIZATION, self.new.snapshot.organization.id);
        let (before, after) = (
            self.old.organization_fields(),
            self.new.organization_fields(),
        );
        let kind = ChangeKind::OrganizationChanged;
        self.compare_fields(kind, entry, &Facts::default(), &before, &after);
        self.compare_activities();
        self.compare_categories();
        self.compare_processors();
        self.compare_trackers();
        self.compare_rights_policy();
    }

    fn compare_activities(&mut self) {
        let (old, new) = (self.old, self.new);
        for activity in &new.snapshot.activities {
            let id = activity.activity.id;
            match old.snapshot.activity(id) {
                None => {
                    let subject = new.name(&activity.activity.name);
                    let facts = Facts {
                        subject,
                        ..Facts::default()
                    };
                    self.push(ChangeKind::ActivityAdded, (ACTIVITY, id), facts);
                }
                Some(before) => self.compare_activity(before, activity),
            }
        }
        for activity in &old.snapshot.activities {
            let id = activity.activity.id;
            if new.snapshot.activity(id).is_none() {
                let subject = old.name(&activity.activity.name);
                let facts = Facts {
                    subject,
                    ..Facts::default()
                };
                self.push(ChangeKind::ActivityRemoved, (ACTIVITY, id), facts);
            }
        }
    }

    fn compare_activity(&mut self, before: &ActivitySnapshot, after: &ActivitySnapshot) {
        let (old, new) = (self.old, self.new);
        let entry = (ACTIVITY, after.activity.id);
        let (was, is) = (
            old.name(&before.activity.name),
            new.name(&after.activity.name),
        );
        let on = Facts {
            activity: is.clone(),
            ..Facts::default()
        };
        if was != is {
            let facts = Facts {
                from: was,
                to: is,
                ..Facts::default()
            };
            self.push(ChangeKind::ActivityRenamed, entry, facts);
        }
        if old.text(&before.activity.purpose) != new.text(&after.activity.purpose) {
            self.push(ChangeKind::PurposeChanged, entry, on.clone());
        }
        self.compare_legal_bases(entry, &on, before, after);
        self.compare_links(entry, &on, before, after);
        self.compare_retention(entry, &on, before, after);
        let both = self.compare_transfers(entry, &on, before, after);
        let details = (
            old.activity_details(before, &both),
            new.activity_details(after, &both),
        );
        let kind = ChangeKind::ActivityDetailsChanged;
        self.compare_fields(kind, entry, &on, &details.0, &details.1);
    }

    fn compare_legal_bases(
        &mut self,
        entry: Entry,
        on: &Facts,
        before: &ActivitySnapshot,
        after: &ActivitySnapshot,
    ) {
        let codes = |a: &ActivitySnapshot| a.legal_bases.iter().map(|b| b.code).collect::<Vec<_>>();
        if codes(before) != codes(after) {
            let facts = Facts {
                from: self.old.basis_names(before),
                to: self.new.basis_names(after),
                ..on.clone()
            };
            self.push(ChangeKind::LegalBasisChanged, entry, facts);
            return;
        }
        let interests = |side: &Side, a: &ActivitySnapshot| -> Vec<Option<String>> {
            a.legal_bases
                .iter()
                .map(|b| side.text(&b.legitimate_interest).map(str::to_string))
                .collect()
        };
        if interests(&self.old, before) != interests(&self.new, after) {
            self.push(ChangeKind::LegitimateInterestChanged, entry, on.clone());
        }
    }

    /// Reports the data, data subjects and recipients linked to an activity
    /// or unlinked from it.
    fn compare_links(
        &mut self,
        entry: Entry,
        on: &Facts,
        before: &ActivitySnapshot,
        after: &ActivitySnapshot,
    ) {
        use ChangeKind::*;
        for (was, is, lookup, added, removed) in [
            (
                &before.data_category_ids,
                &after.data_category_ids,
                Lookup::DataCategory,
                DataCategoryAdded,
                DataCategoryRemoved,
            ),
            (
                &before.data_subject_category_ids,
                &after.data_subject_category_ids,
                Lookup::DataSubject,
                DataSubjectAdded,
                DataSubjectRemoved,
            ),
            (
                &before.recipient_ids,
                &after.recipient_ids,
                Lookup::Processor,
                RecipientAdded,
                RecipientRemoved,
            ),
        ] {
            // Added ids are named as the new version has them, removed ones
            // as the old one had them.
            for (kind, from, to, side) in [(added, was, is, self.new), (removed, is, was, self.old)]
            {
                for id in to.iter().filter(|id| !from.contains(id)) {
                    let subject = side.name_of(lookup, *id);
                    self.push(
                        kind,
                        entry,
                        Facts {
                            subject,
                            ..on.clone()
                        },
                    );
                }
            }
        }
    }

    fn compare_retention(
        &mut self,
        entry: Entry,
        on: &Facts,
        before: &ActivitySnapshot,
        after: &ActivitySnapshot,
    ) {
        let (was, is) = (self.old.retention(before), self.new.retention(after));
        // The rule is what a reader goes by; its explanation is what the
        // statement says when there is no rule, and is worth mentioning on
        // its own only when the rule stays.
        let (variant, from, to) = if was.rule != is.rule {
            (
                "rule",
                was.rule.or(was.explanation),
                is.rule.or(is.explanation),
            )
        } else if was.explanation != is.explanation {
            ("description", was.explanation, is.explanation)
        } else {
            return;
        };
        let change = self.change(
            self.old.quoted(from.as_deref()).as_deref(),
            self.new.quoted(to.as_deref()).as_deref(),
        );
        let facts = Facts {
            change,
            ..on.clone()
        };
        self.push_as(ChangeKind::RetentionChanged, Some(variant), entry, facts);
    }

    /// Reports the countries outside the EEA an activity's data now goes to
    /// or no longer goes to; gives the countries of both versions.
    fn compare_transfers(
        &mut self,
        entry: Entry,
        on: &Facts,
        before: &ActivitySnapshot,
        after: &ActivitySnapshot,
    ) -> BTreeSet<String> {
        let (was, is) = (countries(before), countries(after));
        for code in is.difference(&was) {
            let facts = Facts {
                subject: self.new.country(code),
                to: self.new.safeguards(after, code),
                ..on.clone()
            };
            self.push(ChangeKind::TransferAdded, entry, facts);
        }
        for code in was.difference(&is) {
            let facts = Facts {
                subject: self.old.country(code),
                ..on.clone()
            };
            self.push(ChangeKind::TransferRemoved, entry, facts);
        }
        was.intersection(&is).cloned().collect()
    }

    /// Reports changes of the categories themselves; one linked to or
    /// unlinked from an activity is reported with the activity.
    fn compare_categories(&mut self) {
        let (old, new) = (self.old, self.new);
        for id in linked_in_both(old.snapshot, new.snapshot, |a| &a.data_category_ids) {
            if let (Some(was), Some(is)) = (
                old.snapshot.data_category(id),
                new.snapshot.data_category(id),
            ) {
                self.compare_data_category(was, is);
            }
        }
        for id in linked_in_both(old.snapshot, new.snapshot, |a| &a.data_subject_category_ids) {
            if let (Some(was), Some(is)) = (
                old.snapshot.data_subject_category(id),
                new.snapshot.data_subject_category(id),
            ) {
                let names = (
                    old.category_name(&was.name, &was.key),
                    new.category_name(&is.name, &is.key),
                );
                let entry = (DATA_SUBJECT_CATEGORY, id);
                self.compare_names(ChangeKind::DataSubjectRenamed, entry, names);
            }
        }
    }

    fn compare_data_category(&mut self, was: &data_category::Model, is: &data_category::Model) {
        let (old, new) = (self.old, self.new);
        let entry = (DATA_CATEGORY, is.id);
        let names = (
            old.category_name(&was.name, &was.key),
            new.category_name(&is.name, &is.key),
        );
        let facts = Facts {
            subject: names.1.clone(),
            ..Facts::default()
        };
        self.compare_names(ChangeKind::DataCategoryRenamed, entry, names);
        if was.special_category != is.special_category {
            let variant = if is.special_category {
                "set"
            } else {
                "cleared"
            };
            let kind = ChangeKind::SpecialCategoryChanged;
            self.push_as(kind, Some(variant), entry, facts.clone());
        }
        let (before, after) = (old.data_category_fields(was), new.data_category_fields(is));
        let kind = ChangeKind::DataCategoryChanged;
        self.compare_fields(kind, entry, &facts, &before, &after);
    }

    fn compare_names(&mut self, kind: ChangeKind, entry: Entry, (from, to): (String, String)) {
        if from != to {
            let facts = Facts {
                from,
                to,
                ..Facts::default()
            };
            self.push(kind, entry, facts);
        }
    }

    fn compare_processors(&mut self) {
        let (old, new) = (self.old, self.new);
        for processor in &new.snapshot.processors {
            match old.snapshot.processor(processor.id) {
                None => {
                    let facts = Facts {
                        subject: processor.name.clone(),
                        ..Facts::default()
                    };
                    self.push(ChangeKind::ProcessorAdded, (PROCESSOR, processor.id), facts);
                }
                Some(before) => self.compare_processor(before, processor),
            }
        }
        for processor in &old.snapshot.processors {
            if new.snapshot.processor(processor.id).is_none() {
                let facts = Facts {
                    subject: processor.name.clone(),
                    ..Facts::default()
                };
                self.push(
                    ChangeKind::ProcessorRemoved,
                    (PROCESSOR, processor.id),
                    facts,
                );
            }
        }
    }

    fn compare_processor(&mut self, before: &processor::Model, after: &processor::Model) {
        let (old, new) = (self.old, self.new);
        let entry = (PROCESSOR, after.id);
        let facts = Facts {
            subject: after.name.clone(),
            ..Facts::default()
        };
        let fields = (old.processor_fields(before), new.processor_fields(after));
        let kind = ChangeKind::ProcessorChanged;
        self.compare_fields(kind, entry, &facts, &fields.0, &fields.1);
        let (from, to) = (
            old.agreement_statuses(after.id),
            new.agreement_statuses(after.id),
        );
        if from != to {
            let change = self.change(from.as_deref(), to.as_deref());
            let facts = Facts { change, ..facts };
            self.push(ChangeKind::AgreementChanged, entry, facts);
        }
    }

    fn compare_rights_policy(&mut self) {
        let (old, new) = (self.old, self.new);
        let (was, is) = (
            old.snapshot.rights_policy.as_ref(),
            new.snapshot.rights_policy.as_ref(),
        );
        // A policy in one version only is compared with one that says nothing.
        let (id, before, after) = match (was, is) {
            (Some(was), Some(is)) => (is.id, old.policy_fields(was), new.policy_fields(is)),
            (None, Some(is)) => {
                let after = new.policy_fields(is);
                (is.id, absent(&after), after)
            }
            (Some(was), None) => {
                let before = old.policy_fields(was);
                let after = absent(&before);
                (was.id, before, after)
            }
            (None, None) => return,
        };
        let kind = ChangeKind::RightsPolicyChanged;
        self.compare_fields(
            kind,
            (RIGHTS_POLICY, id),
            &Facts::default(),
            &before,
            &after,
        );
    }
}
