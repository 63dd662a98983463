//! The cookie section built from the test register with trackers.

use entity::enums::{Language, ProcessorRole, TrackerCategory};
use uuid::Uuid;

use super::{build, BuildContext};
use crate::register_snapshot::fixture::{self, ACTIVITY_ID, PROCESSOR_ID};
use crate::register_snapshot::RegisterSnapshot;
use crate::statement::document::{Section, StatementDocument};

fn cookies(document: &StatementDocument) -> Option<&Section> {
    document.sections.iter().find(|s| s.id == "cookies")
}

/// A tracker to add: id, name, kind, provider, duration.
type NewTracker<'a> = (
    u128,
    &'a str,
    TrackerCategory,
    Option<Uuid>,
    Option<&'a str>,
);

fn with_trackers(trackers: &[NewTracker]) -> RegisterSnapshot {
    let mut snapshot = fixture::snapshot();
    for &(id, name, category, provider, duration) in trackers {
        let mut tracker = fixture::tracker(
            Uuid::from_u128(id),
            name,
            category,
            provider,
            &[ACTIVITY_ID],
        );
        tracker.duration = duration.map(str::to_string);
        snapshot.trackers.push(tracker);
    }
    snapshot
}

fn english(snapshot: &RegisterSnapshot) -> StatementDocument {
    build(snapshot, Language::En, &BuildContext::default())
}

#[test]
fn no_trackers_no_section() {
    assert!(cookies(&english(&fixture::snapshot())).is_none());
}

#[test]
fn exempt_trackers_say_why_and_ask_nothing_to_withdraw() {
    let snapshot = with_trackers(&[
        (1, "session", TrackerCategory::StrictlyNecessary, None, None),
        (
            2,
            "_pk_id",
            TrackerCategory::Analytics,
            Some(PROCESSOR_ID),
            Some("P13M"),
        ),
        (
            3,
            "_pk_ses",
            TrackerCategory::Analytics,
            None,
            Some("PT30M"),
        ),
    ]);
    let section = english(&snapshot);
    let section = cookies(&section).expect("a cookie section");
    let necessary = &section.paragraphs[1];
    assert!(
        necessary.items.is_empty(),
        "one tracker is a sentence, not a list"
    );
    assert!(necessary
        .text
        .contains("without these cookies the website does not work"));
    assert!(necessary
        .text
        .contains("‘session’ (our own, deleted when you close your browser)"));
    let analytics = &section.paragraphs[2];
    assert!(analytics
        .text
        .contains("little or no impact on your privacy"));
    assert_eq!(
        analytics.items,
        [
            "‘_pk_id’ (placed by Verzendhuizen, kept for thirteen months) – Counting visits",
            "‘_pk_ses’ (our own, kept for 30 minutes) – Counting visits",
        ]
    );
    let sources: Vec<&str> = analytics
        .sources
        .iter()
        .map(|s| s.entity_type.as_str())
        .collect();
    assert_eq!(sources, ["Tracker", "Tracker", "Processor"]);
    assert_eq!(
        section.paragraphs.len(),
        3,
        "no consent, nothing to withdraw"
    );
}

#[test]
fn consent_trackers_are_apart_and_can_be_withdrawn() {
    let mut snapshot = with_trackers(&[
        (
            1,
            "_ga",
            TrackerCategory::Analytics,
            Some(PROCESSOR_ID),
            Some("P2Y"),
        ),
        (2, "_fbp", TrackerCategory::Marketing, None, Some("P90D")),
    ]);
    snapshot.processors[0].role = ProcessorRole::IndependentController;
    let dutch = build(&snapshot, Language::Nl, &BuildContext::default());
    let section = cookies(&dutch).expect("a cookie section");
    let texts: Vec<&str> = section.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert!(texts[1].starts_with("Met analytische cookies"), "{texts:?}");
    assert!(
        texts[1].contains("alleen als u daar vooraf toestemming voor geeft"),
        "{texts:?}"
    );
    assert!(texts[2].starts_with("Marketingcookies"), "{texts:?}");
    assert!(texts[3].starts_with("U kunt uw toestemming voor cookies altijd intrekken"));
}
