//! The cookies and similar technologies as a sheet of the register table:
//! one row per tracker, with who places it, how long it stays, whether it
//! needs consent and the activities it serves; and, in the record itself,
//! each activity's trackers by name and kind.

use entity::tracker;
use uuid::Uuid;

use super::table::{join, Table, Words};
use crate::register::tracker::consent_required_of;

const TRACKER_COLUMNS: [&str; 7] = [
    "name",
    "category",
    "purpose",
    "provider",
    "duration",
    "consent",
    "activities",
];

impl Words<'_> {
    pub fn tracker_table(&self) -> Table {
        let rows = self.trackers().map(|t| self.tracker_row(t)).collect();
        self.table("trackers", "tracker", &TRACKER_COLUMNS, rows)
    }

    /// The trackers that serve an activity, in one cell: "_ga (analytics);
    /// _fbp (social media)".
    pub(super) fn trackers_of(&self, activity: Uuid) -> String {
        join(
            self.trackers()
                .filter(|t| t.activity_ids.contains(&activity))
                .map(|t| {
                    let kind = self.labels.of("tracker_category", t.category.as_str());
                    format!("{} ({kind})", t.name)
                }),
        )
    }

    fn trackers(&self) -> impl Iterator<Item = &tracker::Model> {
        self.register
            .trackers
            .iter()
            .filter(|t| t.archived_at.is_none())
    }

    fn tracker_row(&self, t: &tracker::Model) -> Vec<String> {
        let provider = t.provider_id.and_then(|id| self.processor(id));
        let activities = t.activity_ids.iter().filter_map(|id| {
            self.register
                .activity(*id)
                .map(|a| self.text(&a.activity.name))
        });
        vec![
            t.name.clone(),
            self.labels.of("tracker_category", t.category.as_str()),
            self.text(&t.purpose),
            provider.map(|p| p.name.clone()).unwrap_or_default(),
            t.duration
                .as_deref()
                .map(|d| self.statement.duration(d))
                .unwrap_or_default(),
            self.labels.yes_no(consent_required_of(t, provider)),
            join(activities),
        ]
    }
}
