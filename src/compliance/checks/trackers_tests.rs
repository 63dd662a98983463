//! The checks of trackers and of material changes against the test
//! register with the one flaw each is about.

use entity::enums::{LegalBasisCode, ProcessorRole, TrackerCategory, TransferSafeguard};
use uuid::Uuid;

use super::tests::{found, message, register, webshop_of, with};
use crate::register_snapshot::fixture::{self, date, english, ACTIVITY_ID, PROCESSOR_ID};

const TRACKER: Uuid = Uuid::from_u128(70);

fn with_tracker(
    category: TrackerCategory,
    provider: Option<Uuid>,
    activities: &[Uuid],
) -> super::Register {
    with(|r| {
        r.snapshot_mut().trackers.push(fixture::tracker(
            TRACKER, "_px", category, provider, activities,
        ));
    })
}

/// The findings `code` of the register with a tracker of the organization's
/// own.
fn found_own(category: TrackerCategory, activities: &[Uuid], code: &str) -> Vec<Vec<Uuid>> {
    found(&with_tracker(category, None, activities), code)
}

/// The processor's analytics tracker, serving the webshop.
fn analytics_by_the_processor() -> super::Register {
    with_tracker(
        TrackerCategory::Analytics,
        Some(PROCESSOR_ID),
        &[ACTIVITY_ID],
    )
}

#[test]
fn a_marketing_tracker_cannot_serve_a_legitimate_interest() {
    let code = "MARKETING_TRACKER_ON_LEGITIMATE_INTEREST";
    for category in [TrackerCategory::Marketing, TrackerCategory::SocialMedia] {
        let mut register = with_tracker(category, None, &[ACTIVITY_ID]);
        assert!(
            found(&register, code).is_empty(),
            "the webshop rests on a contract"
        );
        webshop_of(&mut register).legal_bases = vec![fixture::basis(
            LegalBasisCode::LegitimateInterests,
            english("Selling more."),
        )];
        assert_eq!(found(&register, code), [vec![TRACKER, ACTIVITY_ID]]);
        let text = message(&register, code);
        assert!(
            text.contains("‘_px’") && text.contains("‘Webshop’"),
            "{text}"
        );
    }
    let mut analytics = with_tracker(TrackerCategory::Analytics, None, &[ACTIVITY_ID]);
    webshop_of(&mut analytics).legal_bases = vec![fixture::basis(
        LegalBasisCode::LegitimateInterests,
        english("Measuring use."),
    )];
    assert!(found(&analytics, code).is_empty());
}

#[test]
fn a_provider_outside_the_eea_needs_a_safeguard() {
    let code = "TRACKER_PROVIDER_WITHOUT_SAFEGUARD";
    let mut register = analytics_by_the_processor();
    assert!(found(&register, code).is_empty(), "in the EEA");
    register.snapshot_mut().processors[0].country = "US".into();
    register.snapshot_mut().processors[0].transfer_safeguard = Some(TransferSafeguard::None);
    assert_eq!(found(&register, code), [vec![TRACKER, PROCESSOR_ID]]);
    assert!(message(&register, code).contains("United States"));
    register.snapshot_mut().processors[0].transfer_safeguard =
        Some(TransferSafeguard::StandardContractualClauses);
    assert!(found(&register, code).is_empty());
}

#[test]
fn a_processor_placing_a_tracker_needs_an_agreement() {
    let code = "TRACKER_PROVIDER_WITHOUT_AGREEMENT";
    let mut register = analytics_by_the_processor();
    assert!(
        found(&register, code).is_empty(),
        "the agreement is in force"
    );
    register.snapshot_mut().agreements.clear();
    assert!(
        found(&register, code).is_empty(),
        "the webshop sends it data: PROCESSOR_WITHOUT_AGREEMENT says it"
    );
    assert_eq!(found(&register, "PROCESSOR_WITHOUT_AGREEMENT").len(), 1);
    webshop_of(&mut register).recipient_ids.clear();
    assert_eq!(found(&register, code), [vec![TRACKER, PROCESSOR_ID]]);
    register.snapshot_mut().processors[0].role = ProcessorRole::IndependentController;
    assert!(
        found(&register, code).is_empty(),
        "a controller of its own signs none"
    );
}

#[test]
fn a_tracker_serves_an_active_activity() {
    let code = "TRACKER_WITHOUT_ACTIVITY";
    assert_eq!(
        found_own(TrackerCategory::StrictlyNecessary, &[], code),
        [vec![TRACKER]]
    );
    let retired = Uuid::from_u128(99);
    assert_eq!(
        found_own(TrackerCategory::Functional, &[retired], code),
        [vec![TRACKER]],
        "an activity the statement leaves out does not count"
    );
    assert!(found_own(TrackerCategory::Functional, &[ACTIVITY_ID], code).is_empty());
}

#[test]
fn analytics_by_a_processor_ask_to_confirm_their_settings() {
    let code = "ANALYTICS_EXEMPTION_TO_CONFIRM";
    let mut register = analytics_by_the_processor();
    assert_eq!(found(&register, code), [vec![TRACKER, PROCESSOR_ID]]);
    // A controller of its own needs consent: no exemption to confirm.
    register.snapshot_mut().processors[0].role = ProcessorRole::IndependentController;
    assert!(found(&register, code).is_empty());
    // First-party analytics have nothing to confirm with anyone.
    assert!(found_own(TrackerCategory::Analytics, &[ACTIVITY_ID], code).is_empty());
}

#[test]
fn a_material_change_effective_on_publication_is_a_warning() {
    let code = "MATERIAL_CHANGE_WITHOUT_NOTICE";
    assert!(found(&register(), code).is_empty());
    let sudden = with(|r| r.statements[0].unannounced_material_change = Some(date("2026-05-20")));
    assert_eq!(found(&sudden, code), [vec![Uuid::from_u128(60)]]);
    let text = message(&sudden, code);
    assert!(
        text.contains("Version 1") && text.contains("20 May 2026"),
        "{text}"
    );
}
