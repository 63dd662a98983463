//! Prometheus metrics: requests and latency by GraphQL operation, and the
//! SQL statements the database pool executed.
//!
//! An operation is labelled by the schema's name for it (the first field it
//! selects: `processingActivities`, `publishStatement`), never by words of
//! the client's: a client-chosen label would let anyone grow `/metrics`
//! without bound.

use std::collections::HashSet;

use super::transport::selected_operation;
use async_graphql::parser::types::{
    ExecutableDocument, Selection, SelectionSet, TypeKind, TypeSystemDefinition,
};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, Opts, Registry, TextEncoder,
};

pub struct Metrics {
    registry: Registry,
    pub requests: IntCounterVec,
    pub latency: HistogramVec,
    pub db_statements: IntCounter,
    /// GraphQL answers sent from the kept answers (`http::answers`).
    pub answers_reused: IntCounter,
    /// The fields of `Query` and `Mutation`: the only operation labels.
    root_fields: HashSet<String>,
}

impl Metrics {
    pub fn new() -> Metrics {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "ropa_graphql_requests_total",
                "GraphQL requests by operation and outcome",
            ),
            &["operation", "outcome"],
        )
        .expect("metric definition is valid");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "ropa_graphql_request_duration_seconds",
                "GraphQL request latency by operation",
            ),
            &["operation"],
        )
        .expect("metric definition is valid");
        let db_statements = IntCounter::new("ropa_db_statements_total", "SQL statements executed")
            .expect("metric definition is valid");
        let answers_reused = IntCounter::new(
            "ropa_graphql_answers_reused_total",
            "GraphQL answers sent again, computed at the same register revision",
        )
        .expect("metric definition is valid");
        for collector in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(db_statements.clone()),
            Box::new(answers_reused.clone()),
        ] {
            registry
                .register(collector)
                .expect("each metric is registered once");
        }
        Metrics {
            registry,
            requests,
            latency,
            db_statements,
            answers_reused,
            root_fields: root_fields(&crate::api::schema::sdl()),
        }
    }

    /// The label of the operation `request` runs: its first field when the
    /// schema has that field, `introspection` for `__schema` and `__type`,
    /// `other` for anything else (an unparsable document included).
    pub fn operation_label(&self, request: &mut async_graphql::Request) -> &str {
        let name = request.operation_name.clone();
        let Ok(document) = request.parsed_query() else {
            return "other";
        };
        match first_field(document, name.as_deref()) {
            Some("__schema" | "__type") => "introspection",
            Some(field) => self.root_fields.get(field).map_or("other", String::as_str),
            None => "other",
        }
    }

    /// The Prometheus text format.
    pub fn render(&self) -> String {
        let mut buffer = Vec::new();
        // Encoding into a Vec cannot fail for well-formed metrics.
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut buffer);
        String::from_utf8_lossy(&buffer).into_owned()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

/// The field names of `Query` and `Mutation` in `sdl`.
fn root_fields(sdl: &str) -> HashSet<String> {
    let Ok(document) = async_graphql::parser::parse_schema(sdl) else {
        return HashSet::new();
    };
    document
        .definitions
        .iter()
        .filter_map(|definition| match definition {
            TypeSystemDefinition::Type(ty)
                if matches!(ty.node.name.node.as_str(), "Query" | "Mutation") =>
            {
                match &ty.node.kind {
                    TypeKind::Object(object) => Some(&object.fields),
                    _ => None,
                }
            }
            _ => None,
        })
        .flatten()
        .map(|field| field.node.name.node.to_string())
        .collect()
}

/// The first field the operation named `name` (or the only one) selects,
/// looking into fragments a few levels deep.
fn first_field<'a>(document: &'a ExecutableDocument, name: Option<&str>) -> Option<&'a str> {
    let operation = selected_operation(document, name)?;
    first_field_of(document, &operation.selection_set.node, 4)
}

fn first_field_of<'a>(
    document: &'a ExecutableDocument,
    set: &'a SelectionSet,
    levels: u8,
) -> Option<&'a str> {
    let selection = &set.items.first()?.node;
    let inner = match selection {
        Selection::Field(field) => return Some(field.node.name.node.as_str()),
        Selection::InlineFragment(inline) => &inline.node.selection_set.node,
        Selection::FragmentSpread(spread) => {
            &document
                .fragments
                .get(&spread.node.fragment_name.node)?
                .node
                .selection_set
                .node
        }
    };
    first_field_of(document, inner, levels.checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(query: &str, operation: Option<&str>) -> String {
        let metrics = Metrics::new();
        let mut request = async_graphql::Request::new(query);
        request.operation_name = operation.map(str::to_string);
        metrics.operation_label(&mut request).to_string()
    }

    #[test]
    fn operations_are_labelled_by_the_schema_only() {
        assert_eq!(
            label("query Org { organization { slug } }", None),
            "organization"
        );
        assert_eq!(
            label(
                "mutation { publishStatement(language: NL, summary: \"x\") { id } }",
                None
            ),
            "publishStatement"
        );
        assert_eq!(
            label(
                "query A { rightsPolicy { revision } } query B { legalBases { code } }",
                Some("B")
            ),
            "legalBases"
        );
        assert_eq!(
            label(
                "{ ...F } fragment F on Query { ... { processors { totalCount } } }",
                None
            ),
            "processors"
        );
        assert_eq!(
            label("{ __schema { types { name } } }", None),
            "introspection"
        );
        assert_eq!(label("query Mine { noSuchField }", None), "other");
        assert_eq!(label("{ x: __typename }", None), "other");
        assert_eq!(label("query A { a } query B { b }", None), "other");
        assert_eq!(
            label("{ ...F } fragment F on Query { ...F }", None),
            "other"
        );
        assert_eq!(label("not graphql", Some(&"x".repeat(10_000))), "other");
    }
}
