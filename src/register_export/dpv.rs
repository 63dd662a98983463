//! The register in the W3C Data Privacy Vocabulary (DPV 2.x), as JSON-LD:
//! the controller, the data and data subject categories, the processors
//! with their agreements, one node per processing activity, and the
//! cookies and similar technologies. DPV has no
//! official `@context` for instance data, so the document declares its
//! prefixes and writes every term as a compact IRI (`dpv:hasPurpose`).
//!
//! Register entries are named `urn:uuid:<id>`; texts carry every language
//! the register holds them in. Archived entries are left out, as they left
//! the register.

mod activities;
mod trackers;

use entity::enums::{AgreementStatus, ProcessorRole, TransferSafeguard};
use entity::values::Localized;
use entity::{data_category, data_subject_category, processing_agreement, processor};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::register_snapshot::RegisterSnapshot;

/// The release whose terms are used; `dpv:` itself always names the newest.
pub const DPV_RELEASE: &str = "https://w3id.org/dpv/2.3";

fn context() -> Value {
    json!({
        "dpv": "https://w3id.org/dpv#",
        "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
        "pd": "https://w3id.org/dpv/pd#",
        "loc": "https://w3id.org/dpv/loc#",
        "tech": "https://w3id.org/dpv/tech#",
        "dct": "http://purl.org/dc/terms/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "foaf": "http://xmlns.com/foaf/0.1/",
    })
}

/// The JSON-LD document of a register.
pub fn document(register: &RegisterSnapshot) -> Value {
    let mut graph = vec![controller(register)];
    graph.extend(
        register
            .data_categories
            .iter()
            .filter(|c| c.archived_at.is_none())
            .map(personal_data),
    );
    graph.extend(
        register
            .data_subject_categories
            .iter()
            .filter(|c| c.archived_at.is_none())
            .map(data_subject),
    );
    graph.extend(
        register
            .processors
            .iter()
            .filter(|p| p.archived_at.is_none())
            .map(|p| recipient(register, p)),
    );
    graph.extend(
        register
            .activities
            .iter()
            .filter(|a| a.activity.archived_at.is_none())
            .map(|a| activities::activity(register, a)),
    );
    graph.extend(
        register
            .trackers
            .iter()
            .filter(|t| t.archived_at.is_none())
            .map(|t| trackers::tracker(register, t)),
    );
    json!({
        "@context": context(),
        "@id": format!("{}#register", iri(register.organization.id)),
        "dct:conformsTo": { "@id": DPV_RELEASE },
        "@graph": graph,
    })
}

fn iri(id: Uuid) -> String {
    format!("urn:uuid:{id}")
}

fn reference(id: Uuid) -> Value {
    json!({ "@id": iri(id) })
}

fn term(name: &str) -> Value {
    json!({ "@id": name })
}

/// A text in every language it has, as language-tagged strings.
fn texts(localized: &Localized) -> Value {
    Value::Array(
        localized
            .0
            .iter()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(language, text)| json!({ "@value": text, "@language": language }))
            .collect(),
    )
}

/// A node of `fields`, leaving out those without a value.
fn node(fields: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    let map: Map<String, Value> = fields
        .into_iter()
        .filter(|(_, value)| !is_empty(value))
        .map(|(key, value)| (key.to_string(), value))
        .collect();
    Value::Object(map)
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

fn string(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |v| Value::String(v.to_string()))
}

/// A country as a DPV location; nothing where the register does not know it.
fn country(code: &str) -> Value {
    if crate::register::eea::is_unknown(code) {
        return Value::Null;
    }
    term(&format!("loc:{}", code.trim().to_ascii_uppercase()))
}

fn controller(register: &RegisterSnapshot) -> Value {
    let o = &register.organization;
    node([
        ("@id", Value::String(iri(o.id))),
        ("@type", json!(["dpv:DataController", "eu-gdpr:Controller"])),
        ("dpv:hasName", Value::String(o.legal_name.clone())),
        ("skos:altLabel", json!(o.trade_names.0)),
        (
            "dpv:hasIdentifier",
            string(o.registration_number.as_deref()),
        ),
        (
            "dpv:hasAddress",
            o.address.as_ref().map_or(Value::Null, |a| {
                Value::String(format!(
                    "{}, {} {}, {}",
                    a.street, a.postal_code, a.city, a.country
                ))
            }),
        ),
        (
            "dpv:hasLocation",
            o.address
                .as_ref()
                .map_or(Value::Null, |a| country(&a.country)),
        ),
        (
            "dpv:hasContact",
            contacts([&o.privacy_email, &o.contact_email], &o.phone),
        ),
        ("foaf:homepage", json!(o.websites.0)),
        (
            "dpv:hasDataProtectionOfficer",
            o.dpo
                .as_ref()
                .map_or(Value::Null, |c| person("dpv:DataProtectionOfficer", c)),
        ),
        (
            "dpv:hasRepresentative",
            o.representative
                .as_ref()
                .map_or(Value::Null, |c| person("dpv:Representative", c)),
        ),
        (
            "dpv:hasAuthority",
            o.supervisory_authority.as_ref().map_or(Value::Null, |a| {
                node([
                    ("@type", Value::String("dpv:DataProtectionAuthority".into())),
                    ("dpv:hasName", Value::String(a.name.clone())),
                    ("foaf:homepage", string(a.url.as_deref())),
                ])
            }),
        ),
    ])
}

fn person(kind: &str, contact: &entity::values::Contact) -> Value {
    node([
        ("@type", Value::String(kind.to_string())),
        ("dpv:hasName", Value::String(contact.name.clone())),
        ("dpv:hasContact", contacts([&contact.email], &contact.phone)),
    ])
}

/// E-mail addresses as `mailto:` IRIs, then the telephone number as written.
fn contacts<const N: usize>(emails: [&Option<String>; N], phone: &Option<String>) -> Value {
    emails
        .into_iter()
        .flatten()
        .map(|email| Value::String(format!("mailto:{email}")))
        .chain(phone.iter().map(|phone| Value::String(phone.clone())))
        .collect()
}

/// DPV's personal data terms for the keys of ropa's default catalogue.
const PERSONAL_DATA_TERMS: &[(&str, &str)] = &[
    ("identity.name", "pd:Name"),
    ("identity.birth_date", "pd:BirthDate"),
    ("contact.address", "pd:PhysicalAddress"),
    ("contact.email", "pd:EmailAddress"),
    ("contact.phone", "pd:TelephoneNumber"),
    ("commerce.orders", "pd:Purchase"),
    ("online.click_behaviour", "pd:BrowsingBehaviour"),
    ("online.device", "pd:IPAddress"),
    ("marketing.preferences", "pd:Preference"),
    ("research.answers", "pd:Opinion"),
    ("special.health", "eu-gdpr:HealthData"),
];

/// DPV's data subject terms for the keys of ropa's default catalogue.
const DATA_SUBJECT_TERMS: &[(&str, &str)] = &[
    ("customers", "dpv:Customer"),
    ("newsletter_subscribers", "dpv:Subscriber"),
    ("website_visitors", "dpv:Visitor"),
    ("account_holders", "dpv:User"),
    ("contest_participants", "dpv:Participant"),
    ("research_participants", "dpv:Participant"),
    ("training_participants", "dpv:Participant"),
    ("education_staff", "dpv:Employee"),
];

fn term_of(terms: &[(&str, &'static str)], key: &str) -> Option<&'static str> {
    terms.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

fn personal_data(c: &data_category::Model) -> Value {
    let mut types = vec![if c.special_category {
        "dpv:SpecialCategoryPersonalData"
    } else {
        "dpv:PersonalData"
    }];
    types.extend(term_of(PERSONAL_DATA_TERMS, &c.key));
    vocabulary_node(c.id, types, &c.key, &c.name, &c.description)
}

fn data_subject(c: &data_subject_category::Model) -> Value {
    let mut types = vec!["dpv:DataSubject"];
    types.extend(term_of(DATA_SUBJECT_TERMS, &c.key));
    vocabulary_node(c.id, types, &c.key, &c.name, &c.description)
}

/// A data category or data subject category: its types, its key as the
/// notation, its name as the label.
fn vocabulary_node(
    id: Uuid,
    types: Vec<&str>,
    key: &str,
    name: &Localized,
    description: &Localized,
) -> Value {
    node([
        ("@id", Value::String(iri(id))),
        ("@type", json!(types)),
        ("skos:notation", Value::String(key.to_string())),
        ("skos:prefLabel", texts(name)),
        ("dct:description", texts(description)),
    ])
}

fn is_processor(role: ProcessorRole) -> bool {
    matches!(role, ProcessorRole::Processor | ProcessorRole::SubProcessor)
}

fn recipient(register: &RegisterSnapshot, p: &processor::Model) -> Value {
    let kind = match p.role {
        ProcessorRole::Processor => "dpv:DataProcessor",
        ProcessorRole::SubProcessor => "dpv:DataSubProcessor",
        ProcessorRole::IndependentController | ProcessorRole::JointController => {
            "dpv:DataController"
        }
    };
    let mut agreements: Vec<Value> = register
        .agreements_of(p.id)
        .filter(|a| a.archived_at.is_none())
        .map(agreement)
        .collect();
    agreements.extend(p.joint_arrangement.as_ref().map(|arrangement| {
        json!({ "@type": "dpv:JointDataControllersAgreement", "dct:description": texts(arrangement) })
    }));
    node([
        ("@id", Value::String(iri(p.id))),
        ("@type", json!(["dpv:Recipient", kind])),
        ("dpv:hasName", Value::String(p.name.clone())),
        (
            "skos:prefLabel",
            p.category.as_ref().map_or(Value::Null, texts),
        ),
        ("dct:description", texts(&p.service)),
        ("dpv:hasLocation", country(&p.country)),
        ("dpv:hasLegalBasis", transfer_basis(p.transfer_safeguard)),
        ("dpv:hasLegalMeasure", Value::Array(agreements)),
    ])
}

fn agreement(a: &processing_agreement::Model) -> Value {
    let status = match a.status {
        AgreementStatus::Draft => None,
        AgreementStatus::Signed => Some("dpv:ContractFullySigned"),
        AgreementStatus::Expired => Some("dpv:ContractExpired"),
        AgreementStatus::Terminated => Some("dpv:ContractTerminated"),
    };
    let signed = a.signed_on.map_or(
        Value::Null,
        |d| json!({ "@value": d.to_string(), "@type": "xsd:date" }),
    );
    node([
        ("@id", Value::String(iri(a.id))),
        ("@type", Value::String("dpv:DataProcessingAgreement".into())),
        ("dct:identifier", string(a.document_ref.as_deref())),
        ("dpv:hasContractStatus", status.map_or(Value::Null, term)),
        ("dct:dateAccepted", signed),
        ("dct:valid", validity(a.effective_on, a.expires_on)),
        (
            "dpv:hasContractualClause",
            Value::Array(
                a.clauses
                    .iter()
                    .map(|c| {
                        json!({ "@type": "dpv:ContractualClause", "skos:notation": c.as_str() })
                    })
                    .collect(),
            ),
        ),
    ])
}

/// When an agreement applies, as an ISO 8601 interval; `..` stands for an
/// open end.
fn validity(from: Option<chrono::NaiveDate>, until: Option<chrono::NaiveDate>) -> Value {
    let day = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "..".to_string(), |d| d.to_string());
    match (from, until) {
        (None, None) => Value::Null,
        (from, until) => Value::String(format!("{}/{}", day(from), day(until))),
    }
}

/// The legal basis of a transfer to a third country; none for `NONE`.
fn transfer_basis(safeguard: Option<TransferSafeguard>) -> Value {
    match safeguard {
        Some(TransferSafeguard::AdequacyDecision) => term("eu-gdpr:A45-3"),
        Some(TransferSafeguard::StandardContractualClauses) => term("eu-gdpr:A46-2-c"),
        Some(TransferSafeguard::BindingCorporateRules) => term("eu-gdpr:BindingCorporateRules"),
        // The register does not say which of Art. 49(1)(a)-(g) applies,
        // and each has a term of its own.
        Some(TransferSafeguard::DerogationArt49) => json!({
            "@type": "dpv:DataTransferLegalBasis",
            "dct:description": "GDPR Art. 49(1)",
        }),
        Some(TransferSafeguard::None) | None => Value::Null,
    }
}
