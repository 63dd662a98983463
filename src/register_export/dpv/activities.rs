//! Processing activities in DPV: each a `dpv:Process` with its purpose,
//! legal bases, data, data subjects, recipients, transfers, sources,
//! retention, measures and context.

use entity::enums::{ActivityStatus, DataSourceKind, LegalBasisCode, SpecialCategoryCondition};
use entity::values::Retention;
use serde_json::{json, Value};
use uuid::Uuid;

use super::{country, iri, is_processor, node, reference, string, term, texts, transfer_basis};
use crate::register::processing_activity::ActivitySnapshot;
use crate::register_snapshot::RegisterSnapshot;

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
            .iter()
            .map(|c| term(&condition(*c))),
    );
    bases.extend(
        a.transfers
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

pub(super) fn activity(register: &RegisterSnapshot, snapshot: &ActivitySnapshot) -> Value {
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
            a.transfers.iter().map(|t| country(&t.country)).collect(),
        ),
        (
            "dpv:hasDataSource",
            a.sources
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
