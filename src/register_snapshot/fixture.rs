//! A register for unit tests: the builders of its entries and one complete
//! register ([`snapshot`]) that each test edits into the case it is about.
//!
//! The register: Acme B.V., writing in Dutch by default, with a rights
//! policy and one activity, "Webshop" ("Web shop" in English), on a
//! contract, keeping its data two years after the last purchase, about one
//! data category (naam) and one group of data subjects (klanten), sending
//! data to one processor (Verzendhuizen, in the Netherlands) under a signed
//! agreement in force that covers every Art. 28(3) clause.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use entity::enums::{
    ActivityStatus, AgreementStatus, Art28Clause, Language, LegalBasisCode, LegalBasisKind,
    ProcessorRole, TrackerCategory,
};
use entity::values::{ClauseList, IdList, Localized, Retention, SupervisoryAuthority};
use entity::{
    activity_legal_basis, data_category, data_subject_category, legal_basis, organization,
    processing_activity, processing_agreement, processor, rights_policy, tracker,
};
use sea_orm::Iterable;
use uuid::Uuid;

use super::RegisterSnapshot;
use crate::register::processing_activity::ActivitySnapshot;

pub const ORGANIZATION_ID: Uuid = Uuid::from_u128(1);
pub const POLICY_ID: Uuid = Uuid::from_u128(2);
pub const ACTIVITY_ID: Uuid = Uuid::from_u128(10);
pub const CATEGORY_ID: Uuid = Uuid::from_u128(20);
pub const SUBJECTS_ID: Uuid = Uuid::from_u128(30);
pub const PROCESSOR_ID: Uuid = Uuid::from_u128(40);
pub const AGREEMENT_ID: Uuid = Uuid::from_u128(50);

/// When every entry was created and last updated.
pub fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

/// A register text from `(language, text)` pairs.
pub fn localized(pairs: &[(&str, &str)]) -> Localized {
    Localized(
        pairs
            .iter()
            .map(|(language, text)| (language.to_string(), text.to_string()))
            .collect(),
    )
}

pub fn english(text: &str) -> Localized {
    localized(&[("en", text)])
}

pub fn date(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// The complete register described above.
pub fn snapshot() -> RegisterSnapshot {
    let mut contract = legal_basis(
        LegalBasisCode::Contract,
        "6(1)(b)",
        localized(&[
            ("nl", "uitvoering van een overeenkomst"),
            ("en", "performance of a contract"),
        ]),
    );
    contract.explanation = localized(&[
        ("nl", "Nodig voor de overeenkomst."),
        ("en", "Needed for the contract."),
    ]);
    let consent = legal_basis(
        LegalBasisCode::Consent,
        "6(1)(a)",
        localized(&[("nl", "toestemming"), ("en", "consent")]),
    );
    RegisterSnapshot {
        organization: organization(),
        rights_policy: Some(rights_policy()),
        activities: vec![webshop()],
        data_categories: vec![data_category(
            CATEGORY_ID,
            "identity.name",
            localized(&[("nl", "naam"), ("en", "name")]),
        )],
        data_subject_categories: vec![data_subject_category(
            SUBJECTS_ID,
            "customers",
            localized(&[("nl", "klanten")]),
        )],
        processors: vec![processor(PROCESSOR_ID, "Verzendhuizen", "NL")],
        agreements: vec![agreement(AGREEMENT_ID, PROCESSOR_ID)],
        legal_bases: vec![consent, contract],
        trackers: Vec::new(),
    }
}

/// Reachable by a privacy e-mail address, under the Dutch authority.
pub fn organization() -> organization::Model {
    organization::Model {
        id: ORGANIZATION_ID,
        slug: "acme".into(),
        legal_name: "Acme B.V.".into(),
        trade_names: Default::default(),
        registration_number: None,
        address: None,
        contact_email: None,
        privacy_email: Some("privacy@acme.test".into()),
        phone: None,
        dpo: None,
        representative: None,
        supervisory_authority: Some(SupervisoryAuthority {
            name: "Autoriteit Persoonsgegevens".into(),
            url: None,
        }),
        default_language: Language::Nl,
        websites: Default::default(),
        revision: 1,
        register_revision: 0,
        created_at: at(),
        updated_at: at(),
    }
}

/// Answering within four weeks, and saying nothing more.
pub fn rights_policy() -> rights_policy::Model {
    rights_policy::Model {
        id: POLICY_ID,
        organization_id: ORGANIZATION_ID,
        response_period: "P4W".into(),
        opt_out_working_days: None,
        marketing_follow_up_period: None,
        channels: Default::default(),
        rights: Default::default(),
        disclosure_purposes: Default::default(),
        unsubscribe: Default::default(),
        revision: 1,
        created_at: at(),
        updated_at: at(),
    }
}

/// The "Webshop" activity with its legal basis and links.
pub fn webshop() -> ActivitySnapshot {
    let mut activity = activity(
        ACTIVITY_ID,
        localized(&[("nl", "Webshop"), ("en", "Web shop")]),
    );
    activity.purpose = localized(&[
        ("nl", "Bestellingen leveren."),
        ("en", "Delivering orders."),
    ]);
    activity.retention = Some(Retention {
        period: Some("P2Y".into()),
        trigger: Some("LAST_PURCHASE_OR_SUBSCRIPTION_END".into()),
        description: Default::default(),
    });
    ActivitySnapshot {
        activity,
        legal_bases: vec![basis(LegalBasisCode::Contract, Localized::default())],
        data_category_ids: vec![CATEGORY_ID],
        data_subject_category_ids: vec![SUBJECTS_ID],
        recipient_ids: vec![PROCESSOR_ID],
    }
}

/// An active activity with a name and nothing else.
pub fn activity(id: Uuid, name: Localized) -> processing_activity::Model {
    processing_activity::Model {
        id,
        organization_id: ORGANIZATION_ID,
        name,
        purpose: Default::default(),
        purpose_category: None,
        status: ActivityStatus::Active,
        owner: None,
        retention: None,
        special_category_conditions: Default::default(),
        transfers: Default::default(),
        sources: Default::default(),
        security_measures: Default::default(),
        automated_decision_making: Default::default(),
        profiling: None,
        direct_marketing: false,
        requirement: Default::default(),
        dpia_required: false,
        position: 1,
        search_text: String::new(),
        archived_at: None,
        revision: 1,
        created_at: at(),
        updated_at: at(),
    }
}

/// A legal basis of the webshop.
pub fn basis(code: LegalBasisCode, interest: Localized) -> activity_legal_basis::Model {
    activity_legal_basis::Model {
        activity_id: ACTIVITY_ID,
        code,
        legitimate_interest: interest,
        applies_to: None,
        position: 0,
    }
}

/// The row that names a legal basis, without an explanation.
pub fn legal_basis(code: LegalBasisCode, article: &str, name: Localized) -> legal_basis::Model {
    legal_basis::Model {
        code: code.as_str().into(),
        kind: LegalBasisKind::Art6,
        article: article.into(),
        name,
        explanation: Default::default(),
        position: 1,
    }
}

/// Neither special nor criminal.
pub fn data_category(id: Uuid, key: &str, name: Localized) -> data_category::Model {
    data_category::Model {
        id,
        organization_id: ORGANIZATION_ID,
        key: key.into(),
        name,
        description: Default::default(),
        special_category: false,
        criminal_data: false,
        search_text: String::new(),
        archived_at: None,
        revision: 1,
        created_at: at(),
        updated_at: at(),
    }
}

pub fn data_subject_category(id: Uuid, key: &str, name: Localized) -> data_subject_category::Model {
    data_subject_category::Model {
        id,
        organization_id: ORGANIZATION_ID,
        key: key.into(),
        name,
        description: Default::default(),
        search_text: String::new(),
        archived_at: None,
        revision: 1,
        created_at: at(),
        updated_at: at(),
    }
}

/// A processor without a service, category, parent or safeguard.
pub fn processor(id: Uuid, name: &str, country: &str) -> processor::Model {
    processor::Model {
        id,
        organization_id: ORGANIZATION_ID,
        name: name.into(),
        role: ProcessorRole::Processor,
        service: Default::default(),
        category: None,
        country: country.into(),
        contact: None,
        parent_id: None,
        transfer_safeguard: None,
        joint_arrangement: None,
        search_text: String::new(),
        archived_at: None,
        revision: 1,
        created_at: at(),
        updated_at: at(),
    }
}

/// Signed and in force since 2025 without an end, covering every clause.
pub fn agreement(id: Uuid, processor_id: Uuid) -> processing_agreement::Model {
    processing_agreement::Model {
        id,
        organization_id: ORGANIZATION_ID,
        processor_id,
        status: AgreementStatus::Signed,
        signed_on: Some(date("2025-01-01")),
        effective_on: Some(date("2025-01-01")),
        expires_on: None,
        document_ref: None,
        clauses: ClauseList(Art28Clause::iter().collect()),
        sub_processor_authorisation: None,
        archived_at: None,
        revision: 1,
        created_at: at(),
        updated_at: at(),
    }
}

/// A tracker of the organization, serving `activities`, kept a year;
/// `provider` absent: the organization's own.
pub fn tracker(
    id: Uuid,
    name: &str,
    category: TrackerCategory,
    provider: Option<Uuid>,
    activities: &[Uuid],
) -> tracker::Model {
    tracker::Model {
        id,
        organization_id: ORGANIZATION_ID,
        name: name.into(),
        category,
        purpose: localized(&[("nl", "Bezoek tellen"), ("en", "Counting visits")]),
        provider_id: provider,
        duration: Some("P1Y".into()),
        activity_ids: IdList(activities.to_vec()),
        search_text: String::new(),
        archived_at: None,
        revision: 1,
        created_at: at(),
        updated_at: at(),
    }
}
