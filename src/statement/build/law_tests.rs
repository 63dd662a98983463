//! The statement says what the law asks of it, computed from the register:
//! automated decisions and profiling, the rights that apply to which
//! purposes, joint controllers, transfers and unknown locations, and which
//! part of a purpose rests on which basis.

use entity::enums::{ProcessorRole, TransferSafeguard};

use super::tests::says;
use super::*;
use crate::register_snapshot::fixture::{self, localized, PROCESSOR_ID};

/// The shared register in the statement tests' form: one activity,
/// ‘Orders’, on a contract, with no processors.
fn snapshot() -> RegisterSnapshot {
    let mut snapshot = fixture::snapshot();
    snapshot.rights_policy = None;
    snapshot.processors.clear();
    snapshot.agreements.clear();
    let orders = &mut snapshot.activities[0];
    orders.recipient_ids.clear();
    orders.activity.name = localized(&[("en", "Orders")]);
    snapshot
}

fn section<'d>(document: &'d StatementDocument, id: &str) -> Option<&'d Section> {
    document.sections.iter().find(|s| s.id == id)
}

fn text_of(document: &StatementDocument, id: &str) -> String {
    fn collect(section: &Section, out: &mut Vec<String>) {
        for p in &section.paragraphs {
            out.push(p.text.clone());
            out.extend(p.items.iter().cloned());
        }
        for s in &section.subsections {
            collect(s, out);
        }
    }
    let mut out = Vec::new();
    collect(section(document, id).expect("the section"), &mut out);
    out.join("\n")
}

/// The text of a section of the English statement of `snapshot`.
fn english_text(snapshot: &RegisterSnapshot, id: &str) -> String {
    text_of(&build(snapshot, Language::En, &BuildContext::default()), id)
}

#[test]
fn automated_decisions_are_told_as_the_register_says_them() {
    let mut snapshot = snapshot();
    snapshot.activities[0].activity.automated_decision_making = localized(&[
        (
            "en",
            "We refuse an order when our fraud score exceeds a limit.",
        ),
        (
            "nl",
            "Wij weigeren een bestelling als onze fraudescore een grens overschrijdt.",
        ),
    ]);
    for (language, expected) in [
        (
            Language::En,
            "For this purpose we take decisions based solely on automated processing that have legal effects \
             for you or similarly significantly affect you (Article 22 GDPR). We refuse an order when our fraud \
             score exceeds a limit.",
        ),
        (
            Language::Nl,
            "Bij dit doel nemen wij besluiten die alleen op geautomatiseerde verwerking berusten en die \
             rechtsgevolgen voor u hebben of u op een vergelijkbare manier aanmerkelijk treffen (artikel 22 AVG). \
             Wij weigeren een bestelling als onze fraudescore een grens overschrijdt.",
        ),
    ] {
        let document = build(&snapshot, language, &BuildContext::default());
        let activity = &section(&document, "purposes").unwrap().subsections[0];
        assert!(
            activity.paragraphs.iter().any(|p| p.text == expected),
            "{activity:#?}"
        );
        // The rights say that such decisions are taken, and for which purpose.
        let decisions = right_text(&document, "automated-decisions");
        assert!(decisions.contains("‘Orders’"), "{decisions}");
        assert!(!decisions.starts_with("We do not") && !decisions.starts_with("Wij nemen geen"));
    }
}

#[test]
fn profiling_is_called_profiling_and_no_decision_is_claimed() {
    let mut snapshot = snapshot();
    snapshot.activities[0].activity.profiling = Some(localized(&[
        ("en", "We tailor offers to your orders."),
        ("nl", "Wij stemmen aanbiedingen af op uw bestellingen."),
    ]));
    let document = build(&snapshot, Language::En, &BuildContext::default());
    let activity = &section(&document, "purposes").unwrap().subsections[0];
    assert!(activity
        .paragraphs
        .iter()
        .any(|p| p.text == "For this purpose we use profiling. We tailor offers to your orders."));
    assert!(!activity
        .paragraphs
        .iter()
        .any(|p| p.text.contains("Article 22")));
    let decisions = right_text(&document, "automated-decisions");
    assert!(
        decisions.starts_with("We do not take decisions based solely on automated processing")
            && decisions.contains(
                "The profiling we use for the purpose ‘Orders’ does not lead to such decisions."
            ),
        "{decisions}"
    );
}

#[test]
fn without_profiling_the_statement_still_says_no_automated_decisions_are_taken() {
    let document = build(&snapshot(), Language::Nl, &BuildContext::default());
    let decisions = right_text(&document, "automated-decisions");
    assert!(
        decisions.starts_with("Wij nemen geen besluiten"),
        "{decisions}"
    );
    assert!(!decisions.contains("profilering"), "{decisions}");
}

/// The first paragraph of a right's part of the rights section.
fn right_text(document: &StatementDocument, right: &str) -> String {
    section(document, "rights")
        .expect("a rights section")
        .subsections
        .iter()
        .find(|s| s.id == format!("right-{right}"))
        .unwrap_or_else(|| panic!("no right {right}"))
        .paragraphs[0]
        .text
        .clone()
}

/// A processor of the shared register moved to `country`, in `role`.
fn recipient(country: &str, role: ProcessorRole) -> processor::Model {
    let mut party = fixture::processor(PROCESSOR_ID, "Mailhouse", country);
    party.role = role;
    party
}

#[test]
fn nothing_is_said_to_stay_in_the_eea_unless_every_location_is_known() {
    let mut snapshot = snapshot();
    snapshot.processors = vec![recipient("NL", ProcessorRole::Processor)];
    let inside = english_text(&snapshot, "sharing");
    says(&inside, "We do not transfer your data to countries outside");

    snapshot.processors = vec![recipient("ZZ", ProcessorRole::Processor)];
    let unknown = english_text(&snapshot, "sharing");
    assert!(
        !unknown.contains("outside the European Economic Area"),
        "{unknown}"
    );
    assert!(
        !unknown.contains("ZZ") && !unknown.contains("unknown"),
        "{unknown}"
    );
}

#[test]
fn a_sub_processor_outside_the_eea_is_a_transfer_with_its_safeguard() {
    let mut snapshot = snapshot();
    let host = recipient("NL", ProcessorRole::Processor);
    let mut mailer = fixture::processor(Uuid::from_u128(41), "Mailer Inc.", "US");
    mailer.role = ProcessorRole::SubProcessor;
    mailer.parent_id = Some(host.id);
    mailer.transfer_safeguard = Some(TransferSafeguard::StandardContractualClauses);
    snapshot.processors = vec![host, mailer];
    let sharing = english_text(&snapshot, "sharing");
    // The offer of a copy follows the transfers it is about.
    says(
        &sharing,
        "Mailer Inc., United States, under the standard contractual clauses of the European \
         Commission.\nYou can ask us for a copy of these safeguards at privacy@acme.test.",
    );
}

#[test]
fn a_joint_controller_comes_with_the_essence_of_the_arrangement() {
    let mut snapshot = snapshot();
    let mut page = recipient("IE", ProcessorRole::JointController);
    page.name = "Social Network Ltd".into();
    page.joint_arrangement = Some(localized(&[(
        "en",
        "The network answers requests about the page statistics; we answer all others.",
    )]));
    snapshot.processors = vec![page];
    let sharing = english_text(&snapshot, "sharing");
    assert!(
        sharing.contains(
            "For part of the processing we are joint controllers with Social Network Ltd (Ireland). You can \
             exercise your rights with each of us (Article 26 GDPR). The network answers requests about the \
             page statistics; we answer all others."
        ),
        "{sharing}"
    );
}

#[test]
fn each_basis_says_which_part_of_the_purpose_rests_on_it() {
    let mut snapshot = snapshot();
    let orders = &mut snapshot.activities[0];
    orders.legal_bases = vec![
        fixture::basis(LegalBasisCode::Contract, Localized::default()),
        fixture::basis(
            LegalBasisCode::LegitimateInterests,
            localized(&[("en", "We want to prevent fraud.")]),
        ),
    ];
    orders.legal_bases[0].applies_to = Some(localized(&[("en", "delivering your order")]));
    orders.legal_bases[1].applies_to = Some(localized(&[("en", "checking orders for fraud")]));
    let purposes = english_text(&snapshot, "purposes");
    // Each part stands with its own basis.
    says(
        &purposes,
        "Performance of a contract (Article 6(1)(b) GDPR), for delivering your order.",
    );
    says(
        &purposes,
        "\nLegitimate interests, for checking orders for fraud. We want to prevent fraud.",
    );
}

#[test]
fn objection_to_direct_marketing_follows_the_register_not_the_purpose_term() {
    let mut snapshot = snapshot();
    snapshot.activities[0].activity.purpose_category = Some("dpv:DirectMarketing".into());
    let document = build(&snapshot, Language::En, &BuildContext::default());
    assert!(!text_of(&document, "rights").contains("direct marketing"));

    snapshot.activities[0].activity.purpose_category = None;
    snapshot.activities[0].activity.direct_marketing = true;
    let document = build(&snapshot, Language::En, &BuildContext::default());
    let rights = text_of(&document, "rights");
    assert!(
        rights.contains(
            "You can object at any time to the use of your personal data for direct marketing, \
             including profiling for that purpose."
        ),
        "{rights}"
    );
}

#[test]
fn portability_names_the_purposes_on_consent_or_a_contract() {
    let mut snapshot = snapshot();
    let document = build(&snapshot, Language::En, &BuildContext::default());
    assert!(right_text(&document, "portability").contains("This concerns the purpose ‘Orders’."));

    snapshot.activities[0].legal_bases = vec![fixture::basis(
        LegalBasisCode::LegitimateInterests,
        localized(&[("en", "We want to know our customers.")]),
    )];
    let document = build(&snapshot, Language::En, &BuildContext::default());
    assert!(!right_text(&document, "portability").contains("‘Orders’"));
}

#[test]
fn objection_covers_a_public_task_too() {
    let mut snapshot = snapshot();
    let document = build(&snapshot, Language::En, &BuildContext::default());
    assert!(!text_of(&document, "rights").contains("public interest"));

    snapshot.activities[0].legal_bases =
        vec![fixture::basis(LegalBasisCode::PublicTask, localized(&[]))];
    for (language, public_task) in [
        (Language::En, "as a task in the public interest"),
        (Language::Nl, "als taak van algemeen belang"),
    ] {
        let document = build(&snapshot, language, &BuildContext::default());
        let objection = right_text(&document, "objection");
        assert!(objection.contains(public_task), "{objection}");
        assert!(objection.contains("‘Orders’"), "{objection}");
    }
}
