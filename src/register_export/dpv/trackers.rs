//! Cookies and similar technologies in DPV: each a `tech:Cookie` (DPV-TECH),
//! with its provider (the organization itself when first party), how long
//! it stays, and the activities it serves.

use entity::tracker;
use serde_json::{json, Value};

use super::{iri, node, reference, texts};
use crate::register_snapshot::RegisterSnapshot;

pub(super) fn tracker(register: &RegisterSnapshot, t: &tracker::Model) -> Value {
    let provider = t.provider_id.unwrap_or(register.organization.id);
    let duration = match &t.duration {
        Some(period) => json!({
            "@type": "dpv:TemporalDuration",
            "rdf:value": { "@value": period, "@type": "xsd:duration" },
        }),
        None => json!({
            "@type": "dpv:UntilEventDuration",
            "dct:description": "the end of the browser session",
        }),
    };
    node([
        ("@id", Value::String(iri(t.id))),
        ("@type", Value::String("tech:Cookie".into())),
        ("dpv:hasName", Value::String(t.name.clone())),
        ("dct:description", texts(&t.purpose)),
        ("tech:hasProvider", reference(provider)),
        ("dpv:hasDuration", duration),
        (
            "dct:relation",
            t.activity_ids.iter().copied().map(reference).collect(),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use entity::enums::TrackerCategory;
    use uuid::Uuid;

    use crate::register_export::dpv::document;
    use crate::register_snapshot::fixture::{self, ACTIVITY_ID, ORGANIZATION_ID, PROCESSOR_ID};

    #[test]
    fn a_tracker_is_a_cookie_with_its_provider_and_duration() {
        let mut register = fixture::snapshot();
        let (own, placed) = (Uuid::from_u128(80), Uuid::from_u128(81));
        let mut session = fixture::tracker(
            own,
            "session",
            TrackerCategory::StrictlyNecessary,
            None,
            &[],
        );
        session.duration = None;
        register.trackers.push(session);
        register.trackers.push(fixture::tracker(
            placed,
            "_pk_id",
            TrackerCategory::Analytics,
            Some(PROCESSOR_ID),
            &[ACTIVITY_ID],
        ));
        let document = document(&register);
        let node = |id: Uuid| {
            document["@graph"]
                .as_array()
                .unwrap()
                .iter()
                .find(|n| n["@id"] == format!("urn:uuid:{id}"))
                .cloned()
                .unwrap()
        };
        let session = node(own);
        assert_eq!(session["@type"], "tech:Cookie");
        assert_eq!(
            session["tech:hasProvider"]["@id"],
            format!("urn:uuid:{ORGANIZATION_ID}")
        );
        assert_eq!(
            session["dpv:hasDuration"]["@type"],
            "dpv:UntilEventDuration"
        );
        let analytics = node(placed);
        assert_eq!(
            analytics["tech:hasProvider"]["@id"],
            format!("urn:uuid:{PROCESSOR_ID}")
        );
        assert_eq!(analytics["dpv:hasDuration"]["rdf:value"]["@value"], "P1Y");
        assert_eq!(
            analytics["dct:relation"][0]["@id"],
            format!("urn:uuid:{ACTIVITY_ID}")
        );
        assert_eq!(document["@context"]["tech"], "https://w3id.org/dpv/tech#");
    }
}
