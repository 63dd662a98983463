//! The statement in short, before its sections (WP260 §35-38): a row per
//! purpose with its data, legal bases, retention and recipients, each row
//! leading to the purpose's section for the details.

use minijinja::context;

use super::{non_blank, referred, source, Builder, ACTIVITY};
use crate::register::processing_activity::ActivitySnapshot;
use crate::statement::document::{Summary, SummaryRow};
use crate::wording::{self, ucfirst};

/// What a cell says when the register says nothing for it.
const NOTHING: &str = "–";

/// Items in a cell: separated by commas only, since an item may itself
/// hold an "and" ("preferences and interests").
fn cell(items: &[String]) -> String {
    if items.is_empty() {
        NOTHING.to_string()
    } else {
        items.join(", ")
    }
}

impl Builder<'_> {
    pub(super) fn summary(&self) -> Option<Summary> {
        let activities = &self.snapshot.activities;
        if activities.is_empty() {
            return None;
        }
        let columns = ["purpose", "data", "bases", "retention", "recipients"]
            .iter()
            .map(|column| self.t.get(&format!("summary.{column}")))
            .collect();
        Some(Summary {
            title: self.t.get("summary.title"),
            columns,
            rows: activities.iter().map(|a| self.summary_row(a)).collect(),
            sources: activities
                .iter()
                .map(|a| source(ACTIVITY, a.activity.id))
                .collect(),
        })
    }

    fn summary_row(&self, a: &ActivitySnapshot) -> SummaryRow {
        let data: Vec<String> =
            referred(&a.data_category_ids, |id| self.snapshot.data_category(id))
                .into_iter()
                .map(|c| wording::common_noun(self.pick(&c.name).unwrap_or(&c.key)))
                .collect();
        let bases = self.basis_names([a]);
        let recipients: Vec<String> = referred(&a.recipient_ids, |id| self.snapshot.processor(id))
            .into_iter()
            .map(|p| self.party_name(p))
            .collect();
        let recipients = if recipients.is_empty() {
            self.t.get("summary.no_recipients")
        } else {
            cell(&recipients)
        };
        let cells = [
            self.activity_name(a),
            cell(&data),
            cell(&bases),
            self.retention_cell(a),
            recipients,
        ];
        SummaryRow {
            section_id: format!("purpose-{}", a.activity.id),
            cells: cells.into_iter().map(ucfirst).collect(),
        }
    }

    /// How long, in a few words: a period and what it counts from, the
    /// event it lasts until, or where the retention section describes it.
    fn retention_cell(&self, a: &ActivitySnapshot) -> String {
        let Some(retention) = &a.activity.retention else {
            return NOTHING.to_string();
        };
        let period = non_blank(&retention.period).map(|p| self.t.duration(p));
        match (period, non_blank(&retention.trigger)) {
            (Some(period), Some(trigger)) => self.t.render(
                "summary.retention_period_trigger",
                context! { period, trigger => self.t.event_after(trigger) },
            ),
            (Some(period), None) => period,
            (None, Some(trigger)) => self.t.event_until(trigger),
            (None, None) if self.pick(&retention.description).is_some() => self.t.render(
                "summary.retention_described",
                context! { section => self.t.quoted(&self.t.get("section.retention")) },
            ),
            (None, None) => NOTHING.to_string(),
        }
    }
}
