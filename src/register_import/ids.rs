//! Which register entry each entry of a backup becomes.
//!
//! An entry whose id is one of this organization's entries (of the same
//! kind) is that entry. A data (subject) category whose id is not is the
//! organization's category with the same key, if there is one: every
//! organization starts with the same catalogue. Any other entry is new, and
//! gets an id derived from its id in the backup and this organization's id.
//!
//! So a backup never names a row of another organization: the ids of a
//! backup taken elsewhere are never used as they are, and whether they
//! exist elsewhere is never looked up. Deriving, rather than drawing, the
//! new ids makes a second import of the same backup find the entries the
//! first one made.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::sections::{
    Activities, Agreements, DataCategories, DataSubjectCategories, Processors, Section, Trackers,
};
use crate::backup::{Backup, Entry};
use crate::error::{AppError, AppResult};
use crate::register_snapshot::RegisterSnapshot;

/// The register id of each backup id, per kind of entry.
#[derive(Debug, Default)]
pub struct IdMap {
    data_categories: HashMap<Uuid, Uuid>,
    data_subject_categories: HashMap<Uuid, Uuid>,
    processors: HashMap<Uuid, Uuid>,
    agreements: HashMap<Uuid, Uuid>,
    activities: HashMap<Uuid, Uuid>,
    trackers: HashMap<Uuid, Uuid>,
}

impl IdMap {
    pub fn new(
        organization: Uuid,
        register: &RegisterSnapshot,
        backup: &Backup,
    ) -> AppResult<Self> {
        Ok(IdMap {
            data_categories: targets_of::<DataCategories>(organization, register, backup)?,
            data_subject_categories: targets_of::<DataSubjectCategories>(
                organization,
                register,
                backup,
            )?,
            processors: targets_of::<Processors>(organization, register, backup)?,
            agreements: targets_of::<Agreements>(organization, register, backup)?,
            activities: targets_of::<Activities>(organization, register, backup)?,
            trackers: targets_of::<Trackers>(organization, register, backup)?,
        })
    }

    /// The backup with every id and reference as it is in the register.
    pub fn remap(&self, mut backup: Backup) -> Backup {
        let to = |map: &HashMap<Uuid, Uuid>, id: &mut Uuid| {
            // Every id of the backup is in its map; `check` made sure that
            // every reference is one of them.
            *id = map.get(id).copied().unwrap_or(*id);
        };
        for c in &mut backup.data_categories {
            to(&self.data_categories, &mut c.id);
        }
        for c in &mut backup.data_subject_categories {
            to(&self.data_subject_categories, &mut c.id);
        }
        for p in &mut backup.processors {
            to(&self.processors, &mut p.id);
            if let Some(parent) = &mut p.parent_id {
                to(&self.processors, parent);
            }
        }
        for a in &mut backup.agreements {
            to(&self.agreements, &mut a.id);
            to(&self.processors, &mut a.processor_id);
        }
        for a in &mut backup.activities {
            to(&self.activities, &mut a.id);
            for id in &mut a.data_category_ids {
                to(&self.data_categories, id);
            }
            for id in &mut a.data_subject_category_ids {
                to(&self.data_subject_categories, id);
            }
            for id in a.recipient_ids.iter_mut().chain(
                a.transfers
                    .iter_mut()
                    .filter_map(|t| t.recipient_id.as_mut()),
            ) {
                to(&self.processors, id);
            }
        }
        for t in &mut backup.trackers {
            to(&self.trackers, &mut t.id);
            if let Some(provider) = &mut t.provider_id {
                to(&self.processors, provider);
            }
            for id in &mut t.activity_ids {
                to(&self.activities, id);
            }
        }
        backup
    }
}

/// The register id of each entry of the backup's list `S`.
fn targets_of<S: Section>(
    organization: Uuid,
    register: &RegisterSnapshot,
    backup: &Backup,
) -> AppResult<HashMap<Uuid, Uuid>> {
    let entries = S::entries(backup).iter();
    targets(
        organization,
        S::LIST,
        entries.map(|entry| (entry.id(), S::key(entry))),
        S::existing(register),
    )
}

/// The register id of each entry of one list (`list` names it in errors);
/// the entries and `existing`, the organization's entries, are given as
/// `(id, key)`.
fn targets<'a>(
    organization: Uuid,
    list: &str,
    entries: impl Iterator<Item = (Uuid, Option<&'a str>)>,
    existing: impl Iterator<Item = (Uuid, Option<&'a str>)>,
) -> AppResult<HashMap<Uuid, Uuid>> {
    let existing: Vec<_> = existing.collect();
    let ours: HashSet<Uuid> = existing.iter().map(|(id, _)| *id).collect();
    let by_key: HashMap<&str, Uuid> = existing
        .iter()
        .filter_map(|(id, key)| key.map(|key| (key, *id)))
        .collect();
    let mut map = HashMap::new();
    // Which backup entry became each register entry, and by which field.
    let mut claimed: HashMap<Uuid, usize> = HashMap::new();
    for (index, (id, key)) in entries.enumerate() {
        let (target, by) = if ours.contains(&id) {
            (id, "id")
        } else if let Some(target) = key.and_then(|key| by_key.get(key)) {
            (*target, "key")
        } else {
            (derived(organization, id), "id")
        };
        if let Some(earlier) = claimed.insert(target, index) {
            return Err(AppError::validation(
                format!("{list}.{index}.{by}"),
                format!("names the same register entry as {list}.{earlier}"),
            ));
        }
        if let Some(key) = key {
            // A key matched by id may still be held by another entry that
            // the backup leaves alone: the register can hold it once only.
            if by_key.get(key).is_some_and(|holder| *holder != target) {
                return Err(AppError::validation(
                    format!("{list}.{index}.key"),
                    "another entry of the register has this key",
                ));
            }
        }
        map.insert(id, target);
    }
    Ok(map)
}

/// The id an entry of another organization's backup gets here: a UUIDv7
/// with the time of the original id, so lists (ordered by id, that is by
/// creation) keep the original order, and the rest from a hash of both ids.
pub fn derived(organization: Uuid, id: Uuid) -> Uuid {
    let hash = Sha256::new()
        .chain_update(organization.as_bytes())
        .chain_update(id.as_bytes())
        .finalize();
    let mut random = [0u8; 10];
    random.copy_from_slice(&hash[..10]);
    let millis = id.get_timestamp().map_or(0, |timestamp| {
        let (seconds, nanos) = timestamp.to_unix();
        seconds * 1000 + u64::from(nanos) / 1_000_000
    });
    uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_stable_per_organization_and_keep_the_time() {
        let original = Uuid::now_v7();
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        assert_eq!(derived(a, original), derived(a, original));
        assert_ne!(derived(a, original), derived(b, original));
        assert_ne!(derived(a, original), original);
        assert_eq!(derived(a, original).get_version_num(), 7);
        assert_eq!(
            derived(a, original).get_timestamp().map(|t| t.to_unix().0),
            original.get_timestamp().map(|t| t.to_unix().0)
        );
    }

    #[test]
    fn entries_become_ours_by_id_then_by_key_else_new() {
        let organization = Uuid::now_v7();
        let (ours, other, foreign) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let existing = || {
            [
                (ours, Some("contact.email")),
                (other, Some("identity.name")),
            ]
            .into_iter()
        };
        let map = targets(
            organization,
            "dataCategories",
            [
                (ours, Some("contact.email")),
                (foreign, Some("identity.name")),
            ]
            .into_iter(),
            existing(),
        )
        .unwrap();
        assert_eq!(map[&ours], ours);
        assert_eq!(map[&foreign], other);

        let map = targets(
            organization,
            "dataCategories",
            [(foreign, Some("new.key"))].into_iter(),
            existing(),
        )
        .unwrap();
        assert_eq!(map[&foreign], derived(organization, foreign));

        // Our `ours` renamed to the key `other` holds, which stays.
        let clash = targets(
            organization,
            "dataCategories",
            [(ours, Some("identity.name"))].into_iter(),
            existing(),
        );
        assert!(clash.is_err());
    }
}
