//! The checks a backup must pass on its own, before the register is read:
//! each id once per list, each key once, every reference to an entry of the
//! file, and processors whose parents form no cycle.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use crate::backup::{Backup, Entry, ProcessorEntry};
use crate::error::{AppError, AppResult};

pub fn check(backup: &Backup) -> AppResult<()> {
    let data_categories = ids(&backup.data_categories, "dataCategories")?;
    let data_subject_categories = ids(&backup.data_subject_categories, "dataSubjectCategories")?;
    let processors = ids(&backup.processors, "processors")?;
    ids(&backup.agreements, "agreements")?;
    let activities = ids(&backup.activities, "activities")?;
    ids(&backup.trackers, "trackers")?;
    unique_keys(
        backup.data_categories.iter().map(|c| c.key.as_str()),
        "dataCategories",
    )?;
    unique_keys(
        backup
            .data_subject_categories
            .iter()
            .map(|c| c.key.as_str()),
        "dataSubjectCategories",
    )?;

    for (index, processor) in backup.processors.iter().enumerate() {
        let field = format!("processors.{index}.parentId");
        known(processor.parent_id, &processors, &field, "processor")?;
    }
    for (index, agreement) in backup.agreements.iter().enumerate() {
        let field = format!("agreements.{index}.processorId");
        known(
            Some(agreement.processor_id),
            &processors,
            &field,
            "processor",
        )?;
    }
    for (index, activity) in backup.activities.iter().enumerate() {
        let at = |list: &str, position: usize| format!("activities.{index}.{list}.{position}");
        for (position, id) in activity.data_category_ids.iter().enumerate() {
            let field = at("dataCategoryIds", position);
            known(Some(*id), &data_categories, &field, "data category")?;
        }
        for (position, id) in activity.data_subject_category_ids.iter().enumerate() {
            let field = at("dataSubjectCategoryIds", position);
            known(
                Some(*id),
                &data_subject_categories,
                &field,
                "data subject category",
            )?;
        }
        for (position, id) in activity.recipient_ids.iter().enumerate() {
            known(
                Some(*id),
                &processors,
                &at("recipientIds", position),
                "processor",
            )?;
        }
        for (position, transfer) in activity.transfers.iter().enumerate() {
            let field = format!("{}.recipientId", at("transfers", position));
            known(transfer.recipient_id, &processors, &field, "processor")?;
        }
    }
    for (index, tracker) in backup.trackers.iter().enumerate() {
        let field = format!("trackers.{index}.providerId");
        known(tracker.provider_id, &processors, &field, "processor")?;
        for (position, id) in tracker.activity_ids.iter().enumerate() {
            let field = format!("trackers.{index}.activityIds.{position}");
            known(Some(*id), &activities, &field, "activity")?;
        }
    }
    parents_first(&backup.processors)?;
    Ok(())
}

/// The ids of a list, each once.
fn ids<E: Entry>(entries: &[E], list: &str) -> AppResult<HashSet<Uuid>> {
    let mut ids = HashSet::new();
    for (index, entry) in entries.iter().enumerate() {
        if !ids.insert(entry.id()) {
            return Err(AppError::validation(
                format!("{list}.{index}.id"),
                "an earlier entry of the list has this id",
            ));
        }
    }
    Ok(ids)
}

fn unique_keys<'a>(keys: impl Iterator<Item = &'a str>, list: &str) -> AppResult<()> {
    let mut seen = HashSet::new();
    for (index, key) in keys.enumerate() {
        if !seen.insert(key) {
            return Err(AppError::validation(
                format!("{list}.{index}.key"),
                "an earlier entry of the list has this key",
            ));
        }
    }
    Ok(())
}

/// A reference must name an entry of the file: the backup is the whole
/// register, so an entry it does not hold is not there to link to.
fn known(id: Option<Uuid>, ids: &HashSet<Uuid>, field: &str, what: &str) -> AppResult<()> {
    match id {
        Some(id) if !ids.contains(&id) => Err(AppError::validation(
            field,
            format!("no {what} of the backup has this id"),
        )),
        _ => Ok(()),
    }
}

/// The indexes of the processors, each after its parent, so a parent is
/// written before the processors that name it. Parents must form no cycle.
pub fn parents_first(processors: &[ProcessorEntry]) -> AppResult<Vec<usize>> {
    let index_of: HashMap<Uuid, usize> = processors
        .iter()
        .enumerate()
        .map(|(index, p)| (p.id, index))
        .collect();
    let mut order = Vec::with_capacity(processors.len());
    let mut placed = vec![false; processors.len()];
    for start in 0..processors.len() {
        // The chain of parents up from `start` that is not placed yet.
        let mut chain = Vec::new();
        let mut next = Some(start);
        while let Some(index) = next.filter(|i| !placed[*i]) {
            if chain.contains(&index) {
                return Err(AppError::validation(
                    format!("processors.{index}.parentId"),
                    "the processor is its own parent, through its parents",
                ));
            }
            chain.push(index);
            next = processors[index]
                .parent_id
                .and_then(|parent| index_of.get(&parent).copied());
        }
        for index in chain.into_iter().rev() {
            placed[index] = true;
            order.push(index);
        }
    }
    Ok(order)
}

#[cfg(test)]
mod tests {
    use entity::enums::ProcessorRole;

    use super::*;

    fn processor(id: u128, parent: Option<u128>) -> ProcessorEntry {
        ProcessorEntry {
            id: Uuid::from_u128(id),
            name: format!("p{id}"),
            role: ProcessorRole::Processor,
            service: Default::default(),
            category: None,
            country: "NL".into(),
            contact: None,
            parent_id: parent.map(Uuid::from_u128),
            transfer_safeguard: None,
            joint_arrangement: None,
            archived_at: None,
        }
    }

    #[test]
    fn parents_come_first() {
        let processors = [
            processor(1, Some(2)),
            processor(2, Some(3)),
            processor(3, None),
            processor(4, Some(3)),
        ];
        assert_eq!(parents_first(&processors).unwrap(), [2, 1, 0, 3]);
    }

    #[test]
    fn a_cycle_is_refused() {
        let processors = [processor(1, Some(2)), processor(2, Some(1))];
        assert!(parents_first(&processors).is_err());
        assert!(parents_first(&[processor(1, Some(1))]).is_err());
    }
}
