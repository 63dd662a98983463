//! A snapshot with its entries indexed by id. The snapshot's own lookups
//! walk a list, which is right for a few; whoever looks up an entry for
//! each of a thousand activities (the statement, the diff) reads through
//! [`Indexed`], which answers each at once.

use std::collections::HashMap;
use std::hash::Hash;
use std::ops::Deref;

use entity::{data_category, data_subject_category, legal_basis, processor, tracker};
use uuid::Uuid;

use super::RegisterSnapshot;
use crate::register::processing_activity::ActivitySnapshot;

/// `snapshot` and its index. It reads as the snapshot; the lookups below
/// take the place of the snapshot's own and give the same answers (the
/// first entry of an id).
pub struct Indexed<'a> {
    snapshot: &'a RegisterSnapshot,
    activities: HashMap<Uuid, &'a ActivitySnapshot>,
    data_categories: HashMap<Uuid, &'a data_category::Model>,
    data_subject_categories: HashMap<Uuid, &'a data_subject_category::Model>,
    processors: HashMap<Uuid, &'a processor::Model>,
    trackers: HashMap<Uuid, &'a tracker::Model>,
    legal_bases: HashMap<&'a str, &'a legal_basis::Model>,
}

impl<'a> Indexed<'a> {
    pub fn new(snapshot: &'a RegisterSnapshot) -> Self {
        Indexed {
            snapshot,
            activities: by(&snapshot.activities, |a| a.activity.id),
            data_categories: by(&snapshot.data_categories, |c| c.id),
            data_subject_categories: by(&snapshot.data_subject_categories, |c| c.id),
            processors: by(&snapshot.processors, |p| p.id),
            trackers: by(&snapshot.trackers, |t| t.id),
            legal_bases: by(&snapshot.legal_bases, |b| b.code.as_str()),
        }
    }

    pub fn activity(&self, id: Uuid) -> Option<&'a ActivitySnapshot> {
        self.activities.get(&id).copied()
    }

    pub fn data_category(&self, id: Uuid) -> Option<&'a data_category::Model> {
        self.data_categories.get(&id).copied()
    }

    pub fn data_subject_category(&self, id: Uuid) -> Option<&'a data_subject_category::Model> {
        self.data_subject_categories.get(&id).copied()
    }

    pub fn processor(&self, id: Uuid) -> Option<&'a processor::Model> {
        self.processors.get(&id).copied()
    }

    pub fn tracker(&self, id: Uuid) -> Option<&'a tracker::Model> {
        self.trackers.get(&id).copied()
    }

    /// A legal basis row by its stored code (`CONSENT`, `ART9_EXPLICIT_CONSENT`).
    pub fn legal_basis(&self, code: &str) -> Option<&'a legal_basis::Model> {
        self.legal_bases.get(code).copied()
    }
}

impl Deref for Indexed<'_> {
    type Target = RegisterSnapshot;

    fn deref(&self) -> &RegisterSnapshot {
        self.snapshot
    }
}

/// `items` by `key`, the first of a key kept, as a walk would find it.
fn by<'a, T, K: Eq + Hash>(items: &'a [T], key: impl Fn(&'a T) -> K) -> HashMap<K, &'a T> {
    let mut map = HashMap::with_capacity(items.len());
    for item in items {
        map.entry(key(item)).or_insert(item);
    }
    map
}

#[cfg(test)]
mod tests {
    use entity::enums::{LegalBasisCode, TrackerCategory};

    use super::super::fixture;
    use super::*;

    #[test]
    fn lookups_answer_as_the_snapshot_does_the_first_of_an_id_winning() {
        let mut snapshot = fixture::snapshot();
        let first = snapshot.processors[0].clone();
        let mut second = first.clone();
        second.name = "Second of the id".into();
        snapshot.processors.push(second);
        snapshot.trackers.push(fixture::tracker(
            Uuid::from_u128(77),
            "session",
            TrackerCategory::StrictlyNecessary,
            None,
            &[],
        ));
        let indexed = Indexed::new(&snapshot);

        assert_eq!(indexed.processor(first.id), snapshot.processor(first.id));
        assert_eq!(
            indexed.processor(first.id).map(|p| &p.name),
            Some(&first.name)
        );
        for a in &snapshot.activities {
            let id = a.activity.id;
            assert_eq!(indexed.activity(id), snapshot.activity(id));
        }
        for c in &snapshot.data_categories {
            assert_eq!(indexed.data_category(c.id), snapshot.data_category(c.id));
        }
        for c in &snapshot.data_subject_categories {
            let found = indexed.data_subject_category(c.id);
            assert_eq!(found, snapshot.data_subject_category(c.id));
        }
        let tracker = Uuid::from_u128(77);
        assert_eq!(indexed.tracker(tracker), snapshot.tracker(tracker));
        let consent = LegalBasisCode::Consent.as_str();
        assert_eq!(indexed.legal_basis(consent), snapshot.legal_basis(consent));
        assert!(indexed.processor(Uuid::nil()).is_none());
        assert!(indexed.legal_basis("NONE").is_none());
        // It reads as the snapshot.
        assert_eq!(indexed.organization, snapshot.organization);
    }
}
