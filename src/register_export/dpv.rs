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

mod trackers;

use entity::enums::{
    ActivityStatus, AgreementStatus, DataSourceKind, LegalBasisCode, ProcessorRole,
    SpecialCategoryCondition, TransferSafeguard,
};
use entity::values::{Localized, Retention};
use entity::{data_category, data_subject_category, processing_agreement, processor};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::register::processing_activity::ActivitySnapshot;
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
            .map(|a| activity(register, a)),
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
                    .0
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

/// The generic DPV basis and the GDPR article it is.
fn legal_basis(code: LegalBasisCode) -> [&'static str; 2] {
    match code {
        LegalBasisCode::Consent => ["dpv:Consent", "eu-gdpr:A6-1-a"],
        LegalBasisCode::Contract => ["dpv:Contract", "eu-gdpr:A6-1-b"],
        LegalBasisCode::LegalObligation => ["dpv:LegalObligation", "eu-gdpr:A6-1-c"],
        LegalBasisCode::VitalInterests => ["dpv:VitalInterest", "eu-gdpr:A6-1-d"],
        LegalBasisCode::PublicTask => ["dpv:PublicTask", "eu-gdpr:A6-1-e"],
        LegalBasisCode::LegitimateInterests => ["dpv:LegitimateInterest", "eu-gdpr:A6-1-f"],
    }
}

/// The Art. 9(2) exception, `eu-gdpr:A9-2-a` to `-j`.
fn condition(condition: SpecialCategoryCondition) -> String {
    let letter = match condition {
        SpecialCategoryCondition::ExplicitConsent => 'a',
        SpecialCategoryCondition::EmploymentSocialSecurity => 'b',
        SpecialCategoryCondition::VitalInterests => 'c',
        SpecialCategoryCondition::NotForProfit => 'd',
        SpecialCategoryCondition::MadePublic => 'e',
        SpecialCategoryCondition::LegalClaims => 'f',
        SpecialCategoryCondition::SubstantialPublicInterest => 'g',
        SpecialCategoryCondition::HealthCare => 'h',
        SpecialCategoryCondition::PublicHealth => 'i',
        SpecialCategoryCondition::ArchivingResearch => 'j',
    };
    format!("eu-gdpr:A9-2-{letter}")
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

fn activity_status(status: ActivityStatus) -> &'static str {
    match status {
        ActivityStatus::Draft => "dpv:ActivityProposed",
        ActivityStatus::Active => "dpv:ActivityOngoing",
        ActivityStatus::Retired => "dpv:ActivityCompleted",
    }
}

fn source(kind: DataSourceKind) -> &'static str {
    match kind {
        DataSourceKind::DataSubject => "dpv:DataSubjectDataSource",
        DataSourceKind::ThirdParty => "dpv:ThirdPartyDataSource",
        DataSourceKind::PublicSource => "dpv:PublicDataSource",
        DataSourceKind::SocialMedia | DataSourceKind::Other => "dpv:DataSource",
    }
}

/// The purpose: typed with the activity's purpose term (e.g.
/// `dpv:CustomerCare`) when it has one, described in its own words.
fn purpose(a: &entity::processing_activity::Model) -> Value {
    let mut types = vec![Value::String("dpv:Purpose".into())];
    types.extend(
        a.purpose_category
            .as_deref()
            .filter(|c| c.contains(':'))
            .map(|c| Value::String(c.to_string())),
    );
    let marketing = Value::String("dpv:DirectMarketing".into());
    if a.direct_marketing && !types.contains(&marketing) {
        types.push(marketing);
    }
    node([
        ("@type", Value::Array(types)),
        ("dct:description", texts(&a.purpose)),
    ])
}

fn retention(r: &Retention) -> Value {
    let duration = match (&r.period, &r.trigger) {
        (Some(period), _) => node([
            ("@type", Value::String("dpv:TemporalDuration".into())),
            (
                "rdf:value",
                json!({ "@value": period, "@type": "xsd:duration" }),
            ),
            ("dct:description", string(r.trigger.as_deref())),
        ]),
        (None, Some(trigger)) => json!({
            "@type": "dpv:UntilEventDuration",
            "dct:description": trigger,
        }),
        (None, None) => json!({ "@type": "dpv:IndeterminateDuration" }),
    };
    node([
        ("@type", Value::String("dpv:StorageDuration".into())),
        ("dpv:hasDuration", duration),
        ("dct:description", texts(&r.description)),
    ])
}

/// The legal bases of an activity: for each the GDPR article and the DPV
/// basis, the latter with the legitimate interest spelled out; then the
/// Art. 9(2) exceptions and the bases of its transfers.
fn legal_bases(snapshot: &ActivitySnapshot) -> Value {
    let a = &snapshot.activity;
    let mut bases = Vec::new();
    for basis in &snapshot.legal_bases {
        let [generic, article] = legal_basis(basis.code);
        bases.push(term(article));
        bases.push(
            if basis.legitimate_interest.is_empty() && basis.applies_to.is_none() {
                term(generic)
            } else {
                node([
                    ("@type", Value::String(generic.to_string())),
                    ("dct:description", texts(&basis.legitimate_interest)),
                    // Which part of the processing rests on this basis.
                    (
                        "dct:coverage",
                        basis.applies_to.as_ref().map_or(Value::Null, texts),
                    ),
                ])
            },
        );
    }
    bases.extend(
        a.special_category_conditions
            .0
            .iter()
            .map(|c| term(&condition(*c))),
    );
    bases.extend(
        a.transfers
            .0
            .iter()
            .map(|t| transfer_basis(Some(t.safeguard)))
            .filter(|basis| !basis.is_null()),
    );
    Value::Array(bases)
}

fn measures(a: &entity::processing_activity::Model) -> Value {
    let mut measures = Vec::new();
    if !a.security_measures.is_empty() {
        measures.push(json!({
            "@type": "dpv:TechnicalOrganisationalMeasure",
            "dct:description": texts(&a.security_measures),
        }));
    }
    if a.dpia_required {
        measures.push(json!({ "@type": "dpv:DPIA" }));
    }
    Value::Array(measures)
}

/// One value as itself, several as a list, none as nothing.
fn single_or_list(mut values: Vec<Value>) -> Value {
    match values.len() {
        0 => Value::Null,
        1 => values.remove(0),
        _ => Value::Array(values),
    }
}

fn references(ids: &[Uuid]) -> Value {
    ids.iter().copied().map(reference).collect()
}

fn activity(register: &RegisterSnapshot, snapshot: &ActivitySnapshot) -> Value {
    let a = &snapshot.activity;
    let processors: Vec<Uuid> = snapshot
        .recipient_ids
        .iter()
        .copied()
        .filter(|id| {
            register
                .processor(*id)
                .is_some_and(|p| is_processor(p.role))
        })
        .collect();
    let automated = (!a.automated_decision_making.is_empty()).then(|| {
        json!({
            "@type": "dpv:AutomatedDecisionMaking",
            "dct:description": texts(&a.automated_decision_making),
        })
    });
    let profiling = a
        .profiling
        .as_ref()
        .map(|profiling| json!({ "@type": "dpv:Profiling", "dct:description": texts(profiling) }));
    let context: Vec<Value> = automated.into_iter().chain(profiling).collect();
    node([
        ("@id", Value::String(iri(a.id))),
        // `dpv:Process` is the DPV 2 class; `dpv:PersonalDataHandling`, its
        // DPV 1 name, is kept so that tools written for DPV 1 find it.
        ("@type", json!(["dpv:Process", "dpv:PersonalDataHandling"])),
        ("dct:title", texts(&a.name)),
        ("dpv:hasActivityStatus", term(activity_status(a.status))),
        ("dpv:hasDataController", reference(register.organization.id)),
        ("dpv:hasPurpose", purpose(a)),
        ("dpv:hasLegalBasis", legal_bases(snapshot)),
        (
            "dpv:hasPersonalData",
            references(&snapshot.data_category_ids),
        ),
        (
            "dpv:hasDataSubject",
            references(&snapshot.data_subject_category_ids),
        ),
        ("dpv:hasRecipient", references(&snapshot.recipient_ids)),
        ("dpv:hasDataProcessor", references(&processors)),
        (
            "dpv:hasThirdCountry",
            a.transfers.0.iter().map(|t| country(&t.country)).collect(),
        ),
        (
            "dpv:hasDataSource",
            a.sources
                .0
                .iter()
                .map(|s| {
                    node([
                        ("@type", Value::String(source(s.kind).into())),
                        ("dct:description", texts(&s.description)),
                    ])
                })
                .collect(),
        ),
        (
            "dpv:hasStorageCondition",
            a.retention.as_ref().map_or(Value::Null, retention),
        ),
        ("dpv:hasTechnicalOrganisationalMeasure", measures(a)),
        ("dpv:hasContext", single_or_list(context)),
        (
            "dpv:hasResponsibleEntity",
            a.owner
                .as_deref()
                .map_or(Value::Null, |owner| json!({ "dpv:hasName": owner })),
        ),
    ])
}
