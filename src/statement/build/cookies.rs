//! Cookies and similar technologies (Telecommunicatiewet art. 11.7a,
//! ePrivacy art. 5(3)): the trackers by kind, each with who places it, how
//! long it stays and whether consent is asked; why the exempt ones need
//! none; and how consent is withdrawn. Absent without trackers.

use entity::enums::TrackerCategory;
use entity::tracker;
use minijinja::context;
use sea_orm::Iterable;

use super::{sentences, source, unique, Builder, PROCESSOR, TRACKER};
use crate::register::tracker::consent_required_of;
use crate::statement::document::{Paragraph, Section, SourceRef};

/// Trackers said together: one kind, and consent asked or not.
struct Group<'a> {
    category: TrackerCategory,
    consent: bool,
    trackers: Vec<&'a tracker::Model>,
}

impl Builder<'_> {
    pub(super) fn cookies(&self) -> Option<Section> {
        let groups = self.tracker_groups();
        if groups.is_empty() {
            return None;
        }
        let all_refs = self.tracker_refs(groups.iter().flat_map(|g| g.trackers.iter().copied()));
        let mut paragraphs = vec![Paragraph::plain(
            self.t.get("cookies.intro"),
            all_refs.clone(),
        )];
        paragraphs.extend(groups.iter().map(|group| self.group_paragraph(group)));
        if groups.iter().any(|group| group.consent) {
            paragraphs.push(Paragraph::plain(self.t.get("cookies.withdraw"), all_refs));
        }
        self.top_section("cookies", paragraphs, Vec::new())
    }

    /// The trackers by kind in the order of the kinds, those that need
    /// consent apart from those that do not.
    fn tracker_groups(&self) -> Vec<Group<'_>> {
        let mut groups = Vec::new();
        for category in TrackerCategory::iter() {
            for consent in [false, true] {
                let trackers: Vec<&tracker::Model> = self
                    .snapshot
                    .trackers
                    .iter()
                    .filter(|t| t.category == category && self.consent_required(t) == consent)
                    .collect();
                if !trackers.is_empty() {
                    groups.push(Group {
                        category,
                        consent,
                        trackers,
                    });
                }
            }
        }
        groups
    }

    fn consent_required(&self, tracker: &tracker::Model) -> bool {
        let provider = tracker
            .provider_id
            .and_then(|id| self.snapshot.processor(id));
        consent_required_of(tracker, provider)
    }

    /// What the kind is for and why consent is or is not asked, then the
    /// trackers: one in a sentence, more in a list the paragraph announces.
    fn group_paragraph(&self, group: &Group) -> Paragraph {
        let consent = match (group.consent, group.category) {
            (true, _) => "cookies.consent",
            (false, TrackerCategory::StrictlyNecessary) => "cookies.exempt_necessary",
            (false, _) => "cookies.exempt_analytics",
        };
        let kind = self
            .t
            .get(&format!("cookies.kind.{}", group.category.as_str()));
        let text = sentences([kind, self.t.get(consent)]);
        let refs = self.tracker_refs(group.trackers.iter().copied());
        match group.trackers.as_slice() {
            [only] => Paragraph::plain(
                sentences([
                    text,
                    self.t.render("cookies.single", self.tracker_context(only)),
                ]),
                refs,
            ),
            trackers => {
                let items = trackers
                    .iter()
                    .map(|t| self.t.render("cookies.item", self.tracker_context(t)))
                    .collect();
                Paragraph::list(
                    sentences([text, self.t.get("cookies.several")]),
                    items,
                    refs,
                )
            }
        }
    }

    fn tracker_context(&self, tracker: &tracker::Model) -> minijinja::Value {
        let provider = tracker
            .provider_id
            .and_then(|id| self.snapshot.processor(id))
            .map(|p| p.name.clone());
        let placed_by = match provider {
            Some(provider) => self.t.render("cookies.provider", context! { provider }),
            None => self.t.get("cookies.own"),
        };
        let kept = match tracker.duration.as_deref() {
            Some(duration) => self.t.render(
                "cookies.kept",
                context! { duration => self.t.duration(duration) },
            ),
            None => self.t.get("cookies.session"),
        };
        context! {
            name => self.t.quoted(&tracker.name),
            placed_by,
            kept,
            purpose => self.pick(&tracker.purpose).unwrap_or_default(),
        }
    }

    /// The trackers, then the providers they name.
    fn tracker_refs<'b>(
        &self,
        trackers: impl IntoIterator<Item = &'b tracker::Model> + Clone,
    ) -> Vec<SourceRef> {
        let own = trackers.clone().into_iter().map(|t| source(TRACKER, t.id));
        let providers = trackers
            .into_iter()
            .filter_map(|t| t.provider_id)
            .map(|id| source(PROCESSOR, id));
        unique(own.chain(providers))
    }
}
