//! The checks of processors and their agreements against the test
//! register with the one flaw each is about.

use entity::enums::{AgreementStatus, Art28Clause, ProcessorRole, TransferSafeguard};
use entity::values::ClauseList;
use uuid::Uuid;

use super::tests::{found, message, today, webshop_of, with};
use crate::register_snapshot::fixture::{self, date, ACTIVITY_ID, AGREEMENT_ID, PROCESSOR_ID};

#[test]
fn a_processor_needs_a_signed_agreement_in_force() {
    let code = "PROCESSOR_WITHOUT_AGREEMENT";
    let none = with(|r| r.snapshot_mut().agreements.clear());
    assert_eq!(found(&none, code), [vec![PROCESSOR_ID, ACTIVITY_ID]]);
    assert!(message(&none, code).contains("‘Verzendhuizen’ receives data for ‘Webshop’"));
    let unsigned = [
        AgreementStatus::Draft,
        AgreementStatus::Expired,
        AgreementStatus::Terminated,
    ];
    for status in unsigned {
        let register = with(|r| r.snapshot_mut().agreements[0].status = status);
        assert_eq!(found(&register, code).len(), 1, "{status:?}");
    }
    let past = with(|r| r.snapshot_mut().agreements[0].expires_on = Some(date("2026-05-31")));
    assert_eq!(found(&past, code).len(), 1, "expired yesterday");
    let future = with(|r| r.snapshot_mut().agreements[0].effective_on = Some(date("2026-07-01")));
    assert_eq!(found(&future, code).len(), 1, "not yet in effect");
    let last_day = with(|r| r.snapshot_mut().agreements[0].expires_on = Some(today()));
    assert!(
        found(&last_day, code).is_empty(),
        "in force on its last day"
    );
    // Another controller needs no Art. 28 agreement, and a processor
    // no active activity sends data to is no concern.
    let controller = with(|r| {
        r.snapshot_mut().agreements.clear();
        r.snapshot_mut().processors[0].role = ProcessorRole::IndependentController;
    });
    assert!(found(&controller, code).is_empty());
    let unused = with(|r| {
        r.snapshot_mut().agreements.clear();
        webshop_of(r).recipient_ids.clear();
    });
    assert!(found(&unused, code).is_empty());
}

#[test]
fn a_recipient_outside_the_eea_needs_a_safeguard() {
    let code = "RECIPIENT_OUTSIDE_EEA_WITHOUT_SAFEGUARD";
    for safeguard in [None, Some(TransferSafeguard::None)] {
        let register = with(|r| {
            r.snapshot_mut().processors[0].country = "US".into();
            r.snapshot_mut().processors[0].transfer_safeguard = safeguard;
        });
        assert_eq!(
            found(&register, code),
            [vec![PROCESSOR_ID, ACTIVITY_ID]],
            "{safeguard:?}"
        );
    }
    let adequate = with(|r| {
        r.snapshot_mut().processors[0].country = "CH".into();
        r.snapshot_mut().processors[0].transfer_safeguard =
            Some(TransferSafeguard::AdequacyDecision);
    });
    assert!(found(&adequate, code).is_empty());
    // A sub-processor receives what its processor passes on.
    let sub = Uuid::from_u128(41);
    let sub_processor = with(|r| {
        let mut hosting = fixture::processor(sub, "Hosting", "US");
        hosting.role = ProcessorRole::SubProcessor;
        hosting.parent_id = Some(PROCESSOR_ID);
        r.snapshot_mut().processors.push(hosting);
    });
    assert_eq!(found(&sub_processor, code), [vec![sub, ACTIVITY_ID]]);
    // One nobody sends data to receives nothing.
    let unused = with(|r| {
        r.snapshot_mut()
            .processors
            .push(fixture::processor(sub, "Hosting", "US"));
    });
    assert!(found(&unused, code).is_empty());
}

#[test]
fn an_agreement_ending_within_sixty_days_is_reported() {
    let code = "AGREEMENT_EXPIRING";
    let ending =
        |until: &str| with(|r| r.snapshot_mut().agreements[0].expires_on = Some(date(until)));
    let soon = ending("2026-07-31");
    assert_eq!(found(&soon, code), [vec![AGREEMENT_ID, PROCESSOR_ID]]);
    assert!(message(&soon, code).contains("ends on 31 July 2026"));
    assert!(
        found(&ending("2026-08-01"), code).is_empty(),
        "61 days ahead"
    );
    // Renewed: the new agreement is the one relied on.
    let renewed = with(|r| {
        r.snapshot_mut().agreements[0].expires_on = Some(date("2026-07-31"));
        let mut next = fixture::agreement(Uuid::from_u128(51), PROCESSOR_ID);
        next.expires_on = Some(date("2028-07-31"));
        r.snapshot_mut().agreements.push(next);
    });
    assert!(found(&renewed, code).is_empty());
}

#[test]
fn an_expired_agreement_of_a_processor_still_used_is_reported() {
    let code = "AGREEMENT_EXPIRED";
    let expired = with(|r| r.snapshot_mut().agreements[0].expires_on = Some(date("2026-05-01")));
    assert_eq!(
        found(&expired, code),
        [vec![AGREEMENT_ID, PROCESSOR_ID, ACTIVITY_ID]]
    );
    assert!(message(&expired, code).contains("expired on 1 May 2026"));
    let marked = with(|r| r.snapshot_mut().agreements[0].status = AgreementStatus::Expired);
    assert!(message(&marked, code).contains("expired, while"));
    let unused = with(|r| {
        r.snapshot_mut().agreements[0].expires_on = Some(date("2026-05-01"));
        webshop_of(r).recipient_ids.clear();
    });
    assert!(found(&unused, code).is_empty());
    let replaced = with(|r| {
        r.snapshot_mut().agreements[0].expires_on = Some(date("2026-05-01"));
        r.snapshot_mut()
            .agreements
            .push(fixture::agreement(Uuid::from_u128(51), PROCESSOR_ID));
    });
    assert!(found(&replaced, code).is_empty());
}

#[test]
fn an_agreement_must_cover_every_art28_clause() {
    let code = "AGREEMENT_MISSING_CLAUSES";
    let partial = with(|r| {
        r.snapshot_mut().agreements[0].clauses = ClauseList(vec![
            Art28Clause::Instructions,
            Art28Clause::Confidentiality,
            Art28Clause::Security,
            Art28Clause::SubProcessors,
            Art28Clause::DataSubjectRights,
            Art28Clause::Assistance,
        ]);
    });
    assert_eq!(found(&partial, code), [vec![AGREEMENT_ID, PROCESSOR_ID]]);
    assert!(
        message(&partial, code).contains(
            "missing: deletion or return of the data (g) and audits and inspections (h)."
        ),
        "{}",
        message(&partial, code)
    );
    let terminated = with(|r| {
        r.snapshot_mut().agreements[0].clauses = ClauseList(Vec::new());
        r.snapshot_mut().agreements[0].status = AgreementStatus::Terminated;
    });
    assert!(found(&terminated, code).is_empty());
}

#[test]
fn archived_recipients_still_linked_are_reported() {
    let code = "ARCHIVED_RECIPIENT";
    let archived = with(|r| {
        let mut mailer = r.snapshot_mut().processors.remove(0);
        mailer.archived_at = Some(fixture::at());
        r.archived_recipients.push(mailer);
    });
    assert_eq!(found(&archived, code), [vec![PROCESSOR_ID, ACTIVITY_ID]]);
    // Archived processors no activity names any more are history.
    let unlinked = with(|r| {
        let mut mailer = r.snapshot_mut().processors.remove(0);
        mailer.archived_at = Some(fixture::at());
        r.archived_recipients.push(mailer);
        webshop_of(r).recipient_ids.clear();
    });
    assert!(found(&unlinked, code).is_empty());
}
