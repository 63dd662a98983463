//! Cookies and similar technologies between two versions: added, dropped,
//! or changed in what the statement says of them (name, kind, purpose, who
//! places them, how long they stay, whether consent is asked), each change
//! from what to what.

use entity::tracker;

use super::comparing::Changes;
use super::reading::{Field, Side};
use super::wording::Facts;
use super::{ChangeKind, TRACKER};
use crate::register::tracker::consent_required_of;

impl Side<'_> {
    /// What the statement says of a tracker, as the reader of a side reads
    /// it. Whether consent is asked follows from the kind and from the role
    /// of the provider, so it changes with a provider's role too.
    fn tracker_fields(&self, t: &tracker::Model) -> Vec<Field> {
        let provider = t.provider_id.and_then(|id| self.snapshot.processor(id));
        let placed_by = match provider {
            Some(p) => self.quoted(Some(&p.name)),
            None => Some(self.words.get("tracker.own")),
        };
        let kept = match t.duration.as_deref() {
            Some(iso) => self.duration(Some(iso)),
            None => Some(self.words.get("tracker.session")),
        };
        let consent = if consent_required_of(t, provider) {
            "tracker.consent_asked"
        } else {
            "tracker.consent_not_asked"
        };
        vec![
            Field::words("name", self.quoted(Some(&t.name))),
            Field::words(
                "tracker_category",
                Some(self.words.name("tracker_category", t.category.as_str())),
            ),
            Field::words("tracker_purpose", self.quoted(self.text(&t.purpose))),
            Field::words("provider", placed_by),
            Field::words("duration", kept),
            Field::words("consent", Some(self.words.get(consent))),
        ]
    }
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
        for after in &new.snapshot.trackers {
            let entry = (TRACKER, after.id);
            match old.snapshot.tracker(after.id) {
                None => self.push(ChangeKind::TrackerAdded, entry, facts(after)),
                Some(before) => {
                    let fields = (old.tracker_fields(before), new.tracker_fields(after));
                    let kind = ChangeKind::TrackerChanged;
                    self.compare_fields(kind, entry, &facts(after), &fields.0, &fields.1);
                }
            }
        }
        for before in &old.snapshot.trackers {
            if new.snapshot.tracker(before.id).is_none() {
                self.push(
                    ChangeKind::TrackerRemoved,
                    (TRACKER, before.id),
                    facts(before),
                );
            }
        }
    }
}
