//! Cookies and similar technologies between two versions: added, dropped,
//! or changed in what the statement says of them (kind, purpose, who places
//! them, how long they stay).

use entity::tracker;

use super::comparing::Changes;
use super::reading::Side;
use super::wording::Facts;
use super::{ChangeKind, TRACKER};

/// What the statement says of a tracker, as the reader of a side reads it.
fn reading(side: &Side, t: &tracker::Model) -> impl PartialEq {
    let provider = t
        .provider_id
        .and_then(|id| side.snapshot.processor(id))
        .map(|p| p.name.clone());
    (
        t.category,
        side.text(&t.purpose).map(str::to_string),
        provider,
        t.duration.clone(),
    )
}

fn facts(t: &tracker::Model) -> Facts {
    Facts {
        subject: t.name.clone(),
        ..Facts::default()
    }
}

impl Changes<'_> {
    pub(super) fn compare_trackers(&mut self) {
        let (old, new) = (self.old, self.new);
        let find = |trackers: &[tracker::Model], id| trackers.iter().find(|t| t.id == id).cloned();
        for after in &new.snapshot.trackers {
            let kind = match find(&old.snapshot.trackers, after.id) {
                None => ChangeKind::TrackerAdded,
                Some(before) if before.name != after.name => ChangeKind::TrackerChanged,
                Some(before) if reading(&old, &before) != reading(&new, after) => {
                    ChangeKind::TrackerChanged
                }
                Some(_) => continue,
            };
            self.push(kind, (TRACKER, after.id), facts(after));
        }
        for before in &old.snapshot.trackers {
            if find(&new.snapshot.trackers, before.id).is_none() {
                self.push(
                    ChangeKind::TrackerRemoved,
                    (TRACKER, before.id),
                    facts(before),
                );
            }
        }
    }
}
