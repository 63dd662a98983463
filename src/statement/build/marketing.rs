//! Communication and direct marketing (section 3): the activities that market,
//! and how long and how to unsubscribe.

use minijinja::context;

use super::{is_direct_marketing, non_blank, sentences, source, Builder, RIGHTS_POLICY};
use crate::register::processing_activity::ActivitySnapshot;
use crate::statement::document::{Paragraph, Section};

impl Builder<'_> {
    pub(super) fn marketing(&self) -> Option<Section> {
        let mut paragraphs = Vec::new();
        let marketing: Vec<&ActivitySnapshot> = self
            .snapshot
            .activities
            .iter()
            .filter(|a| is_direct_marketing(a))
            .collect();
        if !marketing.is_empty() {
            let bases = self.basis_names(marketing.iter().copied());
            paragraphs.push(Paragraph::plain(
                sentences([
                    self.t.render(
                        "marketing.activities",
                        context! { purposes => self.purposes_phrase(&marketing) },
                    ),
                    if bases.is_empty() {
                        String::new()
                    } else {
                        self.t.render("marketing.bases", context! { bases })
                    },
                ]),
                self.activity_refs(marketing.iter().copied()),
            ));
        }
        if let Some(policy) = &self.snapshot.rights_policy {
            let refs = || vec![source(RIGHTS_POLICY, policy.id)];
            if let Some(period) = non_blank(&policy.marketing_follow_up_period) {
                paragraphs.push(Paragraph::plain(
                    self.t.render(
                        "marketing.follow_up",
                        context! { period => self.t.duration(period) },
                    ),
                    refs(),
                ));
            }
            let unsubscribe = self.pick(&policy.unsubscribe).unwrap_or_default();
            // The opt-out time, unless the unsubscribe text already gives it.
            let opt_out = policy
                .opt_out_working_days
                .and_then(|days| u64::try_from(days).ok())
                .map(|days| self.t.working_days(days))
                .filter(|days| !unsubscribe.contains(days.as_str()))
                .map(|days| self.t.render("marketing.opt_out", context! { days }))
                .unwrap_or_default();
            let unsubscribe = sentences([unsubscribe.to_string(), opt_out]);
            if !unsubscribe.is_empty() {
                paragraphs.push(Paragraph::plain(unsubscribe, refs()));
            }
        }
        self.top_section("marketing", paragraphs, Vec::new())
    }
}
