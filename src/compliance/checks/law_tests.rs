//! The checks of what the statement must say under Art. 13, 22 and 26:
//! each against the test register with the one flaw it is about.

use entity::enums::{DataSourceKind, LegalBasisCode, ProcessorRole};
use entity::values::{DataSource, DataSourceList, Localized, Retention};

use super::*;
use crate::register_snapshot::fixture::{self, english, localized, ACTIVITY_ID, PROCESSOR_ID};

/// The register of the other checks' tests, with no statement published yet.
fn register() -> Register {
    let mut register = super::tests::register();
    register.statements.clear();
    register
}

fn with(edit: impl FnOnce(&mut Register)) -> Register {
    let mut register = register();
    edit(&mut register);
    register
}

fn webshop(register: &mut Register) -> &mut ActivitySnapshot {
    &mut register.snapshot_mut().activities[0]
}

/// The entity ids of each finding with `code`.
fn found(register: &Register, code: &str) -> Vec<Vec<Uuid>> {
    findings(register)
        .into_iter()
        .filter(|f| f.code == code)
        .map(|f| f.entity_ids)
        .collect()
}

fn message(register: &Register, code: &str, language: Language) -> String {
    findings(register)
        .into_iter()
        .find(|f| f.code == code)
        .map(|f| f.message(language, Language::En))
        .unwrap_or_else(|| panic!("no {code}"))
}

fn from_the_person() -> DataSourceList {
    DataSourceList(vec![DataSource {
        kind: DataSourceKind::DataSubject,
        description: Localized::default(),
    }])
}

fn consent_and_interest() -> Vec<entity::activity_legal_basis::Model> {
    vec![
        fixture::basis(LegalBasisCode::Consent, Localized::default()),
        fixture::basis(
            LegalBasisCode::LegitimateInterests,
            english("We want to know what sells."),
        ),
    ]
}

/// Adds a flaw for each of these checks to the register with every
/// problem at once.
pub(super) fn break_the_law_fields(r: &mut Register) {
    let webshop = webshop(r);
    webshop.activity.automated_decision_making =
        english("We refuse orders with a high fraud score.");
    webshop.activity.profiling = Some(english("We score orders for fraud."));
    let mut newsletter = fixture::webshop();
    newsletter.activity.id = Uuid::from_u128(14);
    newsletter.activity.name = english("Newsletter");
    newsletter.legal_bases = consent_and_interest();
    newsletter.activity.sources = from_the_person();
    newsletter.activity.retention = Some(Retention {
        period: None,
        trigger: None,
        description: english("No longer than necessary."),
    });
    newsletter.recipient_ids = vec![Uuid::from_u128(43)];
    r.snapshot_mut().activities.push(newsletter);
    if let Some(printer) = r
        .snapshot_mut()
        .processors
        .iter_mut()
        .find(|p| p.name == "Printer")
    {
        printer.country = "ZZ".into();
    }
    let mut page = fixture::processor(Uuid::from_u128(44), "Social Network", "IE");
    page.role = ProcessorRole::JointController;
    r.snapshot_mut().processors.push(page);
    if let Some(support) = r
        .snapshot_mut()
        .activities
        .iter_mut()
        .find(|a| a.activity.id == Uuid::from_u128(13))
    {
        support.activity.retention = Some(Retention {
            period: None,
            trigger: Some("CONSENT_WITHDRAWN".into()),
            description: Localized::default(),
        });
    }
}

/// The register with `edit` made, the webshop resting on the legitimate
/// interest of preventing fraud alone.
fn on_fraud_prevention(edit: impl Fn(&mut Register)) -> Register {
    with(|r| {
        edit(r);
        webshop(r).legal_bases = vec![fixture::basis(
            LegalBasisCode::LegitimateInterests,
            english("We prevent fraud."),
        )];
    })
}

#[test]
fn the_test_register_breaks_none_of_these_rules() {
    let all = findings(&register());
    assert!(
        all.is_empty() || all.iter().all(|f| f.code == "STATEMENT_NOT_PUBLISHED"),
        "{all:?}"
    );
}

#[test]
fn a_joint_controller_without_arrangement_is_blocking() {
    let code = "JOINT_CONTROLLER_WITHOUT_ARRANGEMENT";
    let without = with(|r| r.snapshot_mut().processors[0].role = ProcessorRole::JointController);
    assert_eq!(found(&without, code), [vec![PROCESSOR_ID]]);
    assert!(message(&without, code, Language::Nl).contains("art. 26 lid 2 AVG"));
    let with_one = with(|r| {
        let party = &mut r.snapshot_mut().processors[0];
        party.role = ProcessorRole::JointController;
        party.joint_arrangement = Some(english("Each answers requests about its own data."));
    });
    assert!(found(&with_one, code).is_empty());
}

#[test]
fn a_recipient_of_unknown_location_is_reported_with_its_activities() {
    let code = "RECIPIENT_LOCATION_UNKNOWN";
    let unknown = with(|r| r.snapshot_mut().processors[0].country = "ZZ".into());
    assert_eq!(found(&unknown, code), [vec![PROCESSOR_ID, ACTIVITY_ID]]);
    assert!(found(&unknown, "RECIPIENT_OUTSIDE_EEA_WITHOUT_SAFEGUARD").is_empty());
    assert!(message(&unknown, code, Language::En).contains("‘Webshop’"));
}

#[test]
fn data_from_the_person_needs_a_requirement_statement() {
    let code = "REQUIREMENT_NOT_STATED";
    let silent = with(|r| webshop(r).activity.sources = from_the_person());
    assert_eq!(found(&silent, code), [vec![ACTIVITY_ID]]);
    let stated = with(|r| {
        webshop(r).activity.sources = from_the_person();
        webshop(r).activity.requirement = english("Without an address we cannot deliver.");
    });
    assert!(found(&stated, code).is_empty());
}

#[test]
fn a_retention_in_words_only_is_reported() {
    let code = "RETENTION_WITHOUT_PERIOD_OR_CRITERIA";
    let vague = with(|r| {
        webshop(r).activity.retention = Some(Retention {
            period: None,
            trigger: None,
            description: english("As long as necessary."),
        })
    });
    assert_eq!(found(&vague, code), [vec![ACTIVITY_ID]]);
    assert!(
        found(&register(), code).is_empty(),
        "a period counted from an event"
    );
}

#[test]
fn keeping_until_consent_is_withdrawn_needs_consent() {
    let code = "RETENTION_ENDS_WITH_CONSENT_NOT_ASKED";
    let until_withdrawn = |r: &mut Register| {
        webshop(r).activity.retention = Some(Retention {
            period: None,
            trigger: Some("CONSENT_WITHDRAWN".into()),
            description: Localized::default(),
        })
    };
    assert_eq!(found(&with(until_withdrawn), code), [vec![ACTIVITY_ID]]);
    let on_consent = with(|r| {
        until_withdrawn(r);
        webshop(r).legal_bases = consent_and_interest();
    });
    assert!(found(&on_consent, code).is_empty());
}

#[test]
fn several_bases_say_which_part_rests_on_which() {
    let code = "BASES_WITHOUT_APPLIES_TO";
    let unsaid = with(|r| webshop(r).legal_bases = consent_and_interest());
    assert_eq!(found(&unsaid, code), [vec![ACTIVITY_ID]]);
    let said = with(|r| {
        let bases = &mut webshop(r).legal_bases;
        *bases = consent_and_interest();
        bases[0].applies_to = Some(localized(&[("en", "the newsletter")]));
        bases[1].applies_to = Some(localized(&[("en", "sales figures")]));
    });
    assert!(found(&said, code).is_empty());
}

#[test]
fn an_automated_decision_needs_a_contract_the_law_or_consent() {
    let code = "AUTOMATED_DECISION_WITHOUT_GROUND";
    let decide = |r: &mut Register| {
        webshop(r).activity.automated_decision_making = english("We refuse risky orders.")
    };
    assert!(found(&with(decide), code).is_empty(), "on a contract");
    let on_interest = on_fraud_prevention(decide);
    assert_eq!(found(&on_interest, code), [vec![ACTIVITY_ID]]);
    assert!(message(&on_interest, code, Language::Nl).contains("art. 22 lid 2 AVG"));
}

#[test]
fn profiling_on_legitimate_interest_alone_is_worth_knowing() {
    let code = "PROFILING_ON_LEGITIMATE_INTEREST";
    let profiled =
        |r: &mut Register| webshop(r).activity.profiling = Some(english("We score orders."));
    assert!(found(&with(profiled), code).is_empty(), "on a contract");
    let on_interest = on_fraud_prevention(profiled);
    assert_eq!(found(&on_interest, code), [vec![ACTIVITY_ID]]);
    let finding = findings(&on_interest)
        .into_iter()
        .find(|f| f.code == code)
        .unwrap();
    assert_eq!(finding.severity, Severity::Info);
}
