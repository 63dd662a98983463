//! The statement built from small registers, section by section.

use entity::enums::{DataSourceKind, DataSubjectRight};
use entity::values::{
    DataSource, DataSourceList, OfferedRight, OfferedRightList, Retention, StringList,
};
use entity::{activity_legal_basis, rights_policy};

use super::retention::split_sentences;
use super::*;
use crate::register_snapshot::fixture::{self, localized, ACTIVITY_ID, CATEGORY_ID, SUBJECTS_ID};
use crate::statement::document::TextLink;

/// The shared register with an organization that is registered and has an
/// address, and an activity whose name exists only in English and whose
/// purpose exists in both; no rights policy, processors or agreements.
fn snapshot() -> RegisterSnapshot {
    let mut snapshot = fixture::snapshot();
    let organization = &mut snapshot.organization;
    organization.registration_number = Some("12345678".into());
    organization.address = Some(Address {
        street: "Straat 1".into(),
        postal_code: "1234 AB".into(),
        city: "Utrecht".into(),
        country: "NL".into(),
    });
    snapshot.rights_policy = None;
    snapshot.processors.clear();
    snapshot.agreements.clear();
    let orders = &mut snapshot.activities[0];
    orders.recipient_ids.clear();
    let activity = &mut orders.activity;
    activity.name = localized(&[("en", "Orders")]);
    activity.purpose = localized(&[
        ("nl", "Bestellingen <b>afhandelen</b> & *leveren*."),
        ("en", "Handling <b>orders</b>."),
    ]);
    activity.purpose_category = Some("dpv:ServiceProvision".into());
    activity.sources = DataSourceList(vec![DataSource {
        kind: DataSourceKind::DataSubject,
        description: Localized::default(),
    }]);
    activity.requirement = localized(&[("nl", "   ")]);
    snapshot
}

fn section<'d>(document: &'d StatementDocument, id: &str) -> Option<&'d Section> {
    document.sections.iter().find(|s| s.id == id)
}

fn all_paragraphs(section: &Section) -> Vec<&Paragraph> {
    section
        .paragraphs
        .iter()
        .chain(section.subsections.iter().flat_map(all_paragraphs))
        .collect()
}

/// The texts of a section's own paragraphs.
fn paragraph_texts(section: &Section) -> Vec<&str> {
    section.paragraphs.iter().map(|p| p.text.as_str()).collect()
}

/// Fails unless `text` says `expected`.
pub(super) fn says(text: &str, expected: &str) {
    assert!(text.contains(expected), "`{expected}` is not in: {text}");
}

fn all_text(document: &StatementDocument) -> String {
    document
        .sections
        .iter()
        .flat_map(all_paragraphs)
        .flat_map(|p| std::iter::once(&p.text).chain(&p.items))
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn register_texts_fall_back_to_the_default_language_then_any() {
    let snapshot = snapshot();
    // Requested Dutch, default Dutch, only English: any language.
    let nl = build(&snapshot, Language::Nl, &BuildContext::default());
    let purposes = section(&nl, "purposes").expect("purposes");
    assert_eq!(purposes.subsections[0].title, "Orders");
    assert_eq!(
        purposes.subsections[0].paragraphs[0].text,
        "Bestellingen <b>afhandelen</b> & *leveren*."
    );
    // Requested English, only Dutch: the default language.
    let en = build(&snapshot, Language::En, &BuildContext::default());
    let activity = &section(&en, "purposes").unwrap().subsections[0];
    assert_eq!(activity.paragraphs[0].text, "Handling <b>orders</b>.");
    assert!(
        activity
            .paragraphs
            .iter()
            .any(|p| p.text == "This concerns data about klanten."),
        "{activity:#?}"
    );
    // A single data category is a sentence, not a list of one.
    assert!(activity
        .paragraphs
        .iter()
        .any(|p| p.text == "For this we process your name."));
}

#[test]
fn the_controller_sentence_reads_with_and_without_trade_names() {
    let controller = |trade_names: &[&str], language: Language| {
        let mut snapshot = snapshot();
        snapshot.organization.trade_names =
            StringList(trade_names.iter().map(|n| n.to_string()).collect());
        let document = build(&snapshot, language, &BuildContext::default());
        let who = section(&document, "who-we-are").expect("who we are");
        who.paragraphs[0].text.clone()
    };
    assert!(
        controller(&[], Language::Nl).starts_with("Acme B.V. is de verwerkingsverantwoordelijke:"),
        "{}",
        controller(&[], Language::Nl)
    );
    assert!(
        controller(&[], Language::En).starts_with("Acme B.V. is the controller:"),
        "{}",
        controller(&[], Language::En)
    );
    assert!(controller(&["Acme"], Language::Nl).starts_with(
        "Acme B.V., handelend onder de naam Acme, is de verwerkingsverantwoordelijke:"
    ));
    assert!(controller(&["Acme", "Acme Shop"], Language::Nl).starts_with(
        "Acme B.V., handelend onder de namen Acme en Acme Shop, is de verwerkingsverantwoordelijke:"
    ));
    assert!(controller(&["Acme"], Language::En)
        .starts_with("Acme B.V., trading as Acme, is the controller:"));
    // The legal name itself is no trade name.
    assert!(controller(&["Acme B.V."], Language::En).starts_with("Acme B.V. is the controller:"));
}

#[test]
fn list_items_give_their_explanation_after_a_dash() {
    let mut snapshot = snapshot();
    snapshot.activities[0]
        .legal_bases
        .push(activity_legal_basis::Model {
            position: 1,
            ..fixture::basis(
                LegalBasisCode::LegitimateInterests,
                localized(&[("en", "Acme wants to prevent fraud.")]),
            )
        });
    let document = build(&snapshot, Language::En, &BuildContext::default());
    let activity = &section(&document, "purposes").unwrap().subsections[0];
    let bases = activity
        .paragraphs
        .iter()
        .find(|p| p.items.len() == 2)
        .expect("the legal bases");
    assert_eq!(
        bases.items,
        [
            "Performance of a contract (Article 6(1)(b) GDPR) – Needed for the contract.",
            // No legal basis row: the name from the wording, the interest as the register says it.
            "Legitimate interests – Acme wants to prevent fraud.",
        ]
    );
}

#[test]
fn the_right_to_complain_refers_to_the_contact_section() {
    let mut snapshot = snapshot();
    snapshot.rights_policy = Some(rights_policy::Model {
        rights: OfferedRightList(vec![OfferedRight {
            right: DataSubjectRight::Complaint,
            note: Localized::default(),
        }]),
        ..fixture::rights_policy()
    });
    let document = build(&snapshot, Language::En, &BuildContext::default());
    let rights = section(&document, "rights").unwrap();
    assert_eq!(
        rights.subsections[0].paragraphs[0].text,
        "You have the right to lodge a complaint with a supervisory authority, in particular in the country where you \
         live or work or where you believe the infringement took place (see ‘Contact and complaints’)."
    );
    let contact = section(&document, "contact").unwrap();
    assert_eq!(contact.title, "Contact and complaints");
    assert!(all_paragraphs(contact)
        .iter()
        .any(|p| p.text.contains("Autoriteit Persoonsgegevens")));
    assert_eq!(
        all_text(&document)
            .matches("Autoriteit Persoonsgegevens")
            .count(),
        1,
        "the authority is named once"
    );
}

#[test]
fn items_without_data_are_left_out() {
    let document = build(&snapshot(), Language::En, &BuildContext::default());
    let ids: Vec<&str> = document.sections.iter().map(|s| s.id.as_str()).collect();
    // No processors, no marketing, no security measures, no publication
    // date: those sections are omitted. The rights are there without a
    // rights policy: the law gives them.
    assert_eq!(
        ids,
        ["who-we-are", "purposes", "retention", "rights", "contact"]
    );
    let text = all_text(&document);
    // A blank requirement, no automated decisions, no DPO, no phone.
    for absent in [
        "Do you have to provide",
        "Profiling",
        "data protection officer",
        "telephone",
        "website",
    ] {
        assert!(!text.contains(absent), "`{absent}` in {text}");
    }
    // A data source without a description still says where data comes from.
    assert!(text.contains("You provide this data to us yourself."));
    says(
        &text,
        "until two years after your last purchase or the end of your subscription",
    );
    says(&text, "Chamber of Commerce (KvK) under number 12345678");
}

#[test]
fn empty_register_gives_only_the_identity() {
    let mut snapshot = snapshot();
    snapshot.activities.clear();
    snapshot.organization.supervisory_authority = None;
    snapshot.organization.privacy_email = None;
    snapshot.organization.address = None;
    snapshot.organization.registration_number = None;
    let document = build(&snapshot, Language::Nl, &BuildContext::default());
    let ids: Vec<&str> = document.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["who-we-are"]);
    assert_eq!(document.sections[0].paragraphs.len(), 1);
}

#[test]
fn every_paragraph_names_its_sources() {
    let mut snapshot = snapshot();
    snapshot.rights_policy = Some(rights_policy::Model {
        opt_out_working_days: Some(20),
        rights: OfferedRightList(vec![OfferedRight {
            right: DataSubjectRight::Access,
            note: localized(&[("nl", "Vraag het ons.")]),
        }]),
        ..fixture::rights_policy()
    });
    let context = BuildContext {
        last_changed: NaiveDate::from_ymd_opt(2026, 2, 2),
        history_url: Some("/h".into()),
    };
    let document = build(&snapshot, Language::Nl, &context);
    for section in &document.sections {
        for paragraph in all_paragraphs(section) {
            assert!(
                !paragraph.sources.is_empty(),
                "no sources in {}: {}",
                section.id,
                paragraph.text
            );
        }
    }
    let activity = &section(&document, "purposes").unwrap().subsections[0];
    assert_eq!(activity.id, format!("purpose-{}", ACTIVITY_ID));
    let data = activity
        .paragraphs
        .iter()
        .find(|p| p.text == "Hiervoor verwerken wij uw naam.")
        .expect("data paragraph");
    assert_eq!(
        data.sources,
        [
            SourceRef::new(ACTIVITY, ACTIVITY_ID),
            SourceRef::new(DATA_CATEGORY, CATEGORY_ID)
        ]
    );
    let subjects = activity
        .paragraphs
        .iter()
        .find(|p| p.text.contains("klanten"))
        .unwrap();
    assert!(subjects
        .sources
        .contains(&SourceRef::new(DATA_SUBJECT_CATEGORY, SUBJECTS_ID)));
    let rights = section(&document, "rights").unwrap();
    assert_eq!(rights.subsections[0].id, "right-access");
    assert!(rights.paragraphs[0].text.contains("vier weken"));
    assert_eq!(
        rights.subsections[0].paragraphs[1].sources,
        [SourceRef::new(RIGHTS_POLICY, fixture::POLICY_ID)]
    );
    // The opt-out time without an unsubscribe text still says the time.
    let marketing = section(&document, "marketing").unwrap();
    assert_eq!(
        marketing.paragraphs[0].text,
        "Uw afmelding verwerken wij binnen twintig werkdagen."
    );
}

#[test]
fn register_texts_are_not_escaped() {
    let document = build(&snapshot(), Language::Nl, &BuildContext::default());
    let text = all_text(&document);
    says(&text, "Bestellingen <b>afhandelen</b> & *leveren*.");
    assert!(!text.contains("&lt;") && !text.contains("&amp;"));
}

#[test]
fn dating_a_document_equals_building_it_dated() {
    let snapshot = snapshot();
    let history_url = Some("/statements/acme/nl/versions".to_string());
    for (language, history_url) in [(Language::Nl, history_url), (Language::En, None)] {
        let undated = BuildContext {
            last_changed: None,
            history_url,
        };
        let dated = BuildContext {
            last_changed: NaiveDate::from_ymd_opt(2026, 2, 2),
            ..undated.clone()
        };
        let mut document = build(&snapshot, language, &undated);
        date(&mut document, &snapshot, &dated);
        assert_eq!(document, build(&snapshot, language, &dated));
    }
}

#[test]
fn last_changed_only_when_given() {
    let snapshot = snapshot();
    let preview = build(&snapshot, Language::Nl, &BuildContext::default());
    assert!(section(&preview, "changes").is_none());

    let dated = BuildContext {
        last_changed: NaiveDate::from_ymd_opt(2026, 2, 2),
        history_url: None,
    };
    let document = build(&snapshot, Language::Nl, &dated);
    let changes = section(&document, "changes").expect("changes");
    assert!(
        changes.paragraphs[0]
            .text
            .starts_with("Wij kunnen deze privacyverklaring wijzigen"),
        "{changes:#?}"
    );
    assert_eq!(
        changes.paragraphs[1].text,
        "Deze privacyverklaring is voor het laatst bijgewerkt op 2 februari 2026."
    );
    let document = build(&snapshot, Language::En, &dated);
    assert!(section(&document, "changes").unwrap().paragraphs[1]
        .text
        .ends_with("2 February 2026."));

    let history = BuildContext {
        last_changed: None,
        history_url: Some("/statements/acme/nl/versions".into()),
    };
    let document = build(&snapshot, Language::Nl, &history);
    let paragraph = &section(&document, "changes").unwrap().paragraphs[1];
    assert!(!paragraph.text.contains("bijgewerkt op"), "{paragraph:?}");
    assert!(
        paragraph.text.contains("versiegeschiedenis"),
        "{paragraph:?}"
    );
    assert_eq!(
        paragraph.links,
        [
            TextLink {
                text: "versiegeschiedenis".into(),
                href: "/statements/acme/nl/versions".into()
            },
            TextLink {
                text: "Atom-feed".into(),
                href: "/statements/acme/nl/feed.atom".into()
            }
        ]
    );
    let markdown = crate::statement::render::markdown(&document);
    says(
        &markdown,
        "[versiegeschiedenis](/statements/acme/nl/versions)",
    );
    let html = crate::statement::render::html(&document);
    says(
        &html,
        "<a href=\"/statements/acme/nl/versions\">versiegeschiedenis</a>",
    );
}

#[test]
fn a_sentence_every_retention_text_repeats_is_said_once() {
    let mut snapshot = snapshot();
    let mut second = snapshot.activities[0].clone();
    second.activity.id = Uuid::from_u128(11);
    second.activity.name = localized(&[("en", "Support")]);
    second.activity.retention = Some(Retention {
        period: None,
        trigger: None,
        description: localized(&[("en", "Until answered. We follow the law.")]),
    });
    snapshot.activities[0]
        .activity
        .retention
        .as_mut()
        .unwrap()
        .description = localized(&[("en", "Two years. We follow the law.")]);
    snapshot.activities.push(second);
    let document = build(&snapshot, Language::En, &BuildContext::default());
    let retention = section(&document, "retention").unwrap();
    let texts = paragraph_texts(retention);
    assert_eq!(
        texts,
        [
            "We keep the data for the purpose ‘Orders’ until two years after your last purchase or the end of \
             your subscription. Two years.",
            "For the purpose ‘Support’, the following applies. Until answered.",
            "We follow the law.",
        ]
    );
    assert_eq!(retention.paragraphs[2].sources.len(), 2);
}

#[test]
fn a_retention_period_keeps_an_event_the_wording_does_not_know() {
    let mut snapshot = snapshot();
    let retention = snapshot.activities[0].activity.retention.as_mut().unwrap();
    retention.trigger = Some("END_OF_TERM".into());
    let document = build(&snapshot, Language::En, &BuildContext::default());
    let text = &section(&document, "retention").unwrap().paragraphs[0].text;
    assert_eq!(
        text,
        "We keep the data for the purpose ‘Orders’ until two years after end of term."
    );
}

#[test]
fn sentences_are_split_after_their_end_mark() {
    assert_eq!(split_sentences("A b. C? D! E"), ["A b.", "C?", "D!", "E"]);
    assert_eq!(
        split_sentences("Rezulto B.V. keeps it.  "),
        ["Rezulto B.V.", "keeps it."]
    );
    assert!(split_sentences(" ").is_empty());
}

#[test]
fn the_opt_out_time_is_not_repeated() {
    let mut snapshot = snapshot();
    snapshot.rights_policy = Some(rights_policy::Model {
        response_period: "P1M".into(),
        opt_out_working_days: Some(20),
        marketing_follow_up_period: Some("P2Y".into()),
        unsubscribe: localized(&[("en", "Use the link; it takes twenty working days.")]),
        ..fixture::rights_policy()
    });
    let document = build(&snapshot, Language::En, &BuildContext::default());
    let marketing = section(&document, "marketing").unwrap();
    let texts = paragraph_texts(marketing);
    assert_eq!(
        texts,
        [
            "If you have bought something from us or taken out a subscription, we may keep you informed for up \
             to two years after your last purchase or the end of your subscription.",
            "Use the link; it takes twenty working days.",
        ]
    );
}

#[test]
fn output_is_deterministic() {
    let snapshot = snapshot();
    let context = BuildContext {
        last_changed: NaiveDate::from_ymd_opt(2026, 2, 2),
        history_url: None,
    };
    assert_eq!(
        build(&snapshot, Language::Nl, &context),
        build(&snapshot, Language::Nl, &context)
    );
}

/// A list of one reads as a sentence: one clause of a processing agreement,
/// one disclosure purpose, one independent and one joint controller.
#[test]
fn a_single_item_is_said_in_a_sentence() {
    use entity::enums::{Art28Clause, ProcessorRole};
    use entity::values::ClauseList;

    let mut snapshot = fixture::snapshot();
    snapshot.agreements[0].clauses = ClauseList(vec![Art28Clause::Confidentiality]);
    if let Some(policy) = snapshot.rights_policy.as_mut() {
        policy.disclosure_purposes = entity::values::LocalizedList(vec![localized(&[(
            "en",
            "complying with legal obligations",
        )])]);
    }
    let mut independent = fixture::processor(Uuid::from_u128(71), "Tax Office", "NL");
    independent.role = ProcessorRole::IndependentController;
    let mut joint = fixture::processor(Uuid::from_u128(72), "Social Network Ltd.", "IE");
    joint.role = ProcessorRole::JointController;
    snapshot.processors.extend([independent, joint]);

    let document = build(&snapshot, Language::En, &BuildContext::default());
    let sharing = section(&document, "sharing").unwrap();
    let texts: Vec<&str> = sharing.paragraphs.iter().map(|p| p.text.as_str()).collect();
    for expected in [
        "We have concluded a data processing agreement with this party. That agreement lays down, among \
         other things, that the processor binds the people processing the data to confidentiality.",
        "We also provide data to a party that is itself responsible for what it does with it: Tax Office (the Netherlands).",
        "For part of the processing we are joint controllers with Social Network Ltd. (Ireland). You can \
         exercise your rights with each of us (Article 26 GDPR).",
        "We may share personal data with the recipients above for complying with legal obligations.",
    ] {
        assert!(texts.contains(&expected), "no `{expected}` in {texts:#?}");
    }
    assert!(
        sharing.paragraphs.iter().all(|p| p.items.len() != 1),
        "{sharing:#?}"
    );
}
