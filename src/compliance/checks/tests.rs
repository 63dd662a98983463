//! Each check against the test register with the one flaw it is about.

use std::collections::BTreeSet;

use entity::enums::{
    ActivityStatus, AgreementStatus, LegalBasisCode, SpecialCategoryCondition, TrackerCategory,
    TransferSafeguard,
};
use entity::processing_activity;
use entity::values::{ClauseList, ConditionList, Localized, Transfer};

use super::*;
use crate::register_snapshot::fixture::{
    self, date, english, localized, ACTIVITY_ID, CATEGORY_ID, ORGANIZATION_ID, PROCESSOR_ID,
};

const VERSION: Uuid = Uuid::from_u128(60);

pub(super) fn today() -> NaiveDate {
    date("2026-06-01")
}

/// A register without findings: the test register, its activity named in
/// English only, with its one statement published and up to date.
impl Register {
    /// The snapshot to edit: tests change the register they check.
    pub(super) fn snapshot_mut(&mut self) -> &mut RegisterSnapshot {
        Arc::make_mut(&mut self.snapshot)
    }
}

pub(super) fn register() -> Register {
    let mut snapshot = fixture::snapshot();
    snapshot.activities[0].activity.name = english("Webshop");
    Register {
        snapshot: Arc::new(snapshot),
        drafts: Vec::new(),
        archived_recipients: Vec::new(),
        statements: vec![PublishedStatement {
            language: Language::En,
            version_id: VERSION,
            version: 1,
            changed: false,
            unannounced_material_change: None,
        }],
        today: today(),
    }
}

/// A draft activity: the statement leaves it out.
fn draft_activity(id: Uuid, name: &str) -> processing_activity::Model {
    processing_activity::Model {
        status: ActivityStatus::Draft,
        ..fixture::activity(id, english(name))
    }
}

pub(super) fn with(edit: impl FnOnce(&mut Register)) -> Register {
    let mut register = register();
    edit(&mut register);
    register
}

pub(super) fn webshop_of(register: &mut Register) -> &mut ActivitySnapshot {
    &mut register.snapshot_mut().activities[0]
}

/// The entity ids of each finding with `code`.
pub(super) fn found(register: &Register, code: &str) -> Vec<Vec<Uuid>> {
    findings(register)
        .into_iter()
        .filter(|finding| finding.code == code)
        .map(|finding| finding.entity_ids)
        .collect()
}

pub(super) fn message(register: &Register, code: &str) -> String {
    let finding = findings(register)
        .into_iter()
        .find(|finding| finding.code == code)
        .unwrap_or_else(|| panic!("no {code}"));
    finding.message(Language::En, Language::En)
}

#[test]
fn a_complete_register_has_no_findings() {
    assert_eq!(findings(&register()), Vec::new());
}

#[test]
fn an_active_activity_needs_a_legal_basis() {
    let code = "ACTIVITY_WITHOUT_LEGAL_BASIS";
    let without = with(|r| webshop_of(r).legal_bases.clear());
    assert_eq!(found(&without, code), [vec![ACTIVITY_ID]]);
    assert!(message(&without, code).contains("‘Webshop’"));
    // A draft without one is only a draft.
    let draft = with(|r| {
        let mut webshop = r.snapshot_mut().activities.remove(0).activity;
        webshop.status = ActivityStatus::Draft;
        r.drafts.push(webshop);
    });
    assert_eq!(found(&draft, code), Vec::<Vec<Uuid>>::new());
}

#[test]
fn a_legitimate_interest_must_be_spelled_out() {
    let code = "LEGITIMATE_INTEREST_NOT_SPELLED_OUT";
    let blank = with(|r| {
        let interest = localized(&[("en", "  ")]);
        webshop_of(r).legal_bases = vec![fixture::basis(
            LegalBasisCode::LegitimateInterests,
            interest,
        )];
    });
    assert_eq!(found(&blank, code), [vec![ACTIVITY_ID]]);
    let spelled_out = with(|r| {
        let interest = english("Preventing fraud.");
        webshop_of(r).legal_bases = vec![fixture::basis(
            LegalBasisCode::LegitimateInterests,
            interest,
        )];
    });
    assert!(found(&spelled_out, code).is_empty());
}

#[test]
fn special_category_data_needs_an_art9_condition() {
    let code = "SPECIAL_CATEGORY_WITHOUT_CONDITION";
    let health = Uuid::from_u128(21);
    let special = |r: &mut Register| {
        let mut category = fixture::data_category(health, "health", english("Health"));
        category.special_category = true;
        r.snapshot_mut().data_categories.push(category);
        webshop_of(r).data_category_ids.push(health);
    };
    let without = with(special);
    assert_eq!(found(&without, code), [vec![ACTIVITY_ID, health]]);
    assert!(message(&without, code).contains("(‘Health’)"));
    let with_condition = with(|r| {
        special(r);
        webshop_of(r).activity.special_category_conditions =
            ConditionList(vec![SpecialCategoryCondition::ExplicitConsent]);
    });
    assert!(found(&with_condition, code).is_empty());
}

fn transfer(country: &str, safeguard: TransferSafeguard) -> Transfer {
    Transfer {
        country: country.into(),
        recipient_id: Some(PROCESSOR_ID),
        safeguard,
        description: Default::default(),
    }
}

#[test]
fn a_transfer_outside_the_eea_needs_a_safeguard() {
    let code = "TRANSFER_WITHOUT_SAFEGUARD";
    let unsafe_transfer = with(|r| {
        webshop_of(r).activity.transfers.0 = vec![transfer("US", TransferSafeguard::None)];
    });
    assert_eq!(
        found(&unsafe_transfer, code),
        [vec![ACTIVITY_ID, PROCESSOR_ID]]
    );
    assert!(message(&unsafe_transfer, code).contains("outside the EEA (United States)"));
    let safeguarded = with(|r| {
        let clauses = TransferSafeguard::StandardContractualClauses;
        webshop_of(r).activity.transfers.0 = vec![transfer("US", clauses)];
    });
    assert!(found(&safeguarded, code).is_empty());
    // Within the EEA data moves freely.
    let inside = with(|r| {
        webshop_of(r).activity.transfers.0 = vec![transfer("BE", TransferSafeguard::None)];
    });
    assert!(found(&inside, code).is_empty());
}

#[test]
fn the_organization_needs_an_email_address() {
    let code = "ORGANIZATION_WITHOUT_CONTACT";
    let none = with(|r| r.snapshot_mut().organization.privacy_email = Some(" ".into()));
    assert_eq!(found(&none, code), [vec![ORGANIZATION_ID]]);
    let contact = with(|r| {
        r.snapshot_mut().organization.privacy_email = None;
        r.snapshot_mut().organization.contact_email = Some("info@acme.test".into());
    });
    assert!(found(&contact, code).is_empty());
}

#[test]
fn a_rights_policy_must_be_saved() {
    let code = "NO_RIGHTS_POLICY";
    let none = with(|r| r.snapshot_mut().rights_policy = None);
    assert_eq!(found(&none, code), [vec![ORGANIZATION_ID]]);
    assert!(found(&register(), code).is_empty());
}

#[test]
fn an_active_activity_needs_retention() {
    let code = "ACTIVITY_WITHOUT_RETENTION";
    let none = with(|r| webshop_of(r).activity.retention = None);
    assert_eq!(found(&none, code), [vec![ACTIVITY_ID]]);
    assert!(found(&register(), code).is_empty());
}

#[test]
fn an_active_activity_names_its_data_and_data_subjects() {
    let no_data = with(|r| webshop_of(r).data_category_ids.clear());
    assert_eq!(
        found(&no_data, "ACTIVITY_WITHOUT_DATA_CATEGORIES"),
        [vec![ACTIVITY_ID]]
    );
    assert!(found(&no_data, "ACTIVITY_WITHOUT_DATA_SUBJECTS").is_empty());
    let no_subjects = with(|r| webshop_of(r).data_subject_category_ids.clear());
    assert_eq!(
        found(&no_subjects, "ACTIVITY_WITHOUT_DATA_SUBJECTS"),
        [vec![ACTIVITY_ID]]
    );
    assert!(found(&no_subjects, "ACTIVITY_WITHOUT_DATA_CATEGORIES").is_empty());
}

/// A flaw that sets off one check: the edit of the test register that
/// makes it, the entries the finding names and words of its message.
struct Flaw {
    code: &'static str,
    edit: fn(&mut Register),
    names: &'static [Uuid],
    says: &'static str,
}

const DRAFT_ID: Uuid = Uuid::from_u128(11);

#[test]
fn single_flaws_are_reported() {
    let flaws = [
        Flaw {
            code: "DPIA_REQUIRED",
            edit: |r| webshop_of(r).activity.dpia_required = true,
            names: &[ACTIVITY_ID],
            says: "DPIA must be on file",
        },
        Flaw {
            code: "NO_SUPERVISORY_AUTHORITY",
            edit: |r| r.snapshot_mut().organization.supervisory_authority = None,
            names: &[ORGANIZATION_ID],
            says: "",
        },
        Flaw {
            code: "CRIMINAL_DATA",
            edit: |r| r.snapshot_mut().data_categories[0].criminal_data = true,
            names: &[ACTIVITY_ID, CATEGORY_ID],
            says: "",
        },
        // A draft is left out of the statement.
        Flaw {
            code: "DRAFT_ACTIVITY",
            edit: |r| r.drafts.push(draft_activity(DRAFT_ID, "Loyalty programme")),
            names: &[DRAFT_ID],
            says: "‘Loyalty programme’ is a draft",
        },
    ];
    for Flaw {
        code,
        edit,
        names,
        says,
    } in flaws
    {
        let flawed = with(edit);
        assert_eq!(found(&flawed, code), [names.to_vec()], "{code}");
        assert!(message(&flawed, code).contains(says), "{code}");
        assert!(found(&register(), code).is_empty(), "{code}");
    }
}

#[test]
fn a_statement_changed_since_its_last_version_is_reported() {
    let code = "STATEMENT_CHANGED_SINCE_PUBLISHED";
    let changed = with(|r| r.statements[0].changed = true);
    assert_eq!(found(&changed, code), [vec![VERSION]]);
    assert!(message(&changed, code).contains("The English statement"));
    assert!(message(&changed, code).contains("published version 1"));
    assert!(found(&register(), code).is_empty());
}

#[test]
fn a_statement_never_published_is_reported() {
    let code = "STATEMENT_NOT_PUBLISHED";
    let never = with(|r| r.statements.clear());
    assert_eq!(found(&never, code), [vec![ORGANIZATION_ID]]);
    assert!(found(&register(), code).is_empty());
}

/// A register with every problem at once.
fn everything_wrong() -> Register {
    with(|r| {
        let health = Uuid::from_u128(21);
        let mut category = fixture::data_category(health, "health", english("Health"));
        category.special_category = true;
        category.criminal_data = true;
        r.snapshot_mut().data_categories.push(category);
        let webshop = webshop_of(r);
        webshop.legal_bases = vec![fixture::basis(
            LegalBasisCode::LegitimateInterests,
            Localized::default(),
        )];
        webshop.data_category_ids = vec![health];
        webshop.data_subject_category_ids.clear();
        webshop.activity.retention = None;
        webshop.activity.dpia_required = true;
        webshop.activity.transfers.0 = vec![transfer("US", TransferSafeguard::None)];
        let mut support = support();
        support.recipient_ids.push(Uuid::from_u128(42));
        r.snapshot_mut().activities.push(support);
        r.snapshot_mut().processors[0].country = "US".into();
        r.snapshot_mut().agreements[0].expires_on = Some(date("2026-05-01"));
        let mut draft = fixture::agreement(Uuid::from_u128(52), PROCESSOR_ID);
        draft.status = AgreementStatus::Draft;
        draft.clauses = ClauseList(Vec::new());
        r.snapshot_mut().agreements.push(draft);
        let mut soon = fixture::agreement(Uuid::from_u128(53), Uuid::from_u128(43));
        soon.expires_on = Some(date("2026-06-30"));
        r.snapshot_mut().agreements.push(soon);
        r.snapshot_mut()
            .processors
            .push(fixture::processor(Uuid::from_u128(43), "Printer", "NL"));
        let mut gone = fixture::processor(Uuid::from_u128(42), "Old mailer", "NL");
        gone.archived_at = Some(fixture::at());
        r.archived_recipients.push(gone);
        r.drafts
            .push(draft_activity(Uuid::from_u128(12), "Loyalty"));
        r.snapshot_mut().organization.privacy_email = None;
        r.snapshot_mut().organization.supervisory_authority = None;
        r.snapshot_mut().rights_policy = None;
        r.statements[0].changed = true;
        r.statements[0].unannounced_material_change = Some(date("2026-05-20"));
        let webshop = [ACTIVITY_ID];
        let trackers = [
            (61, TrackerCategory::Marketing, None, &webshop[..]),
            (
                62,
                TrackerCategory::Analytics,
                Some(PROCESSOR_ID),
                &webshop[..],
            ),
            (63, TrackerCategory::StrictlyNecessary, None, &[][..]),
            (
                64,
                TrackerCategory::Analytics,
                Some(Uuid::from_u128(44)),
                &webshop[..],
            ),
        ];
        r.snapshot_mut()
            .processors
            .push(fixture::processor(Uuid::from_u128(44), "Stats", "NL"));
        for (id, category, provider, activities) in trackers {
            r.snapshot_mut().trackers.push(fixture::tracker(
                Uuid::from_u128(id),
                "_cookie",
                category,
                provider,
                activities,
            ));
        }
        law_tests::break_the_law_fields(r);
    })
}

/// "Support": active, but without legal basis, data or recipients.
fn support() -> ActivitySnapshot {
    let mut activity = fixture::webshop();
    activity.activity.id = Uuid::from_u128(13);
    activity.activity.name = english("Support");
    activity.legal_bases.clear();
    activity.data_category_ids.clear();
    activity.recipient_ids.clear();
    activity
}

#[test]
fn every_check_has_a_message_in_both_languages() {
    let mut register = everything_wrong();
    let mut all = findings(&register);
    register.statements.clear();
    all.extend(findings(&register));
    let codes: BTreeSet<&str> = all.iter().map(|finding| finding.code).collect();
    let expected: BTreeSet<&str> = CHECKS.iter().map(|check| check.code).collect();
    assert_eq!(codes, expected, "every check fires on the broken register");
    for language in Language::ALL {
        assert_eq!(
            message::codes(language),
            expected.iter().map(|code| code.to_string()).collect(),
            "{language:?}: a text for each check, and only those"
        );
        for finding in &all {
            let text = finding.message(language, Language::En);
            assert!(
                !text.is_empty() && !text.contains("  ") && !text.contains("‘’"),
                "{text}"
            );
        }
    }
}

#[test]
fn findings_are_ordered_by_severity_then_code_then_register() {
    let all = findings(&everything_wrong());
    let keys: Vec<(Severity, &str)> = all.iter().map(|f| (f.severity, f.code)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(all[0].severity, Severity::Blocking);
    assert_eq!(all.last().map(|f| f.severity), Some(Severity::Info));
    let without_basis: Vec<&Finding> = all
        .iter()
        .filter(|f| f.code == "ACTIVITY_WITHOUT_LEGAL_BASIS")
        .collect();
    assert_eq!(without_basis.len(), 1);
    assert_eq!(all, findings(&everything_wrong()), "deterministic");
}

#[test]
fn messages_take_register_names_in_the_reader_language_else_the_default() {
    let register = with(|r| {
        let name = &mut webshop_of(r).activity.name;
        name.0.insert("nl".into(), "Webwinkel".into());
        webshop_of(r).activity.retention = None;
    });
    let finding = &findings(&register)[0];
    assert!(finding
        .message(Language::Nl, Language::En)
        .contains("‘Webwinkel’"));
    assert!(finding
        .message(Language::En, Language::Nl)
        .contains("‘Webshop’"));
    let english_only = with(|r| webshop_of(r).activity.retention = None);
    let dutch = findings(&english_only)[0].message(Language::Nl, Language::En);
    assert!(dutch.starts_with("De verwerking ‘Webshop’"), "{dutch}");
}

/// The publish gate runs the blocking checks without the published
/// statements: no finding about them may block.
#[test]
fn no_finding_about_the_published_statements_blocks() {
    let changed = with(|r| {
        r.statements[0].changed = true;
        r.statements[0].unannounced_material_change = Some(today());
    });
    let unpublished = with(|r| r.statements.clear());
    let settled = findings(&register());
    for register in [changed, unpublished] {
        let about_statements: Vec<Finding> = findings(&register)
            .into_iter()
            .filter(|finding| !settled.contains(finding))
            .collect();
        assert!(!about_statements.is_empty());
        assert!(about_statements
            .iter()
            .all(|finding| finding.severity != Severity::Blocking));
        assert!(blocking(&register).is_empty());
    }
}
