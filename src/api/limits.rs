//! The shape of a GraphQL document, bounded right after parsing, before
//! anything else walks it.
//!
//! A document is small on the wire but may be huge once its fragments are
//! expanded: each fragment spreading the next one twice makes 2^N fields
//! from N lines. Everything after parsing walks the expanded document (the
//! engine's own recursion check, validation, the complexity count,
//! execution), so the bound is computed first, with every fragment measured
//! once and reused at each spread. Field
//! costs and page sizes are counted afterwards by the engine's complexity
//! limit (see `schema.rs`), which then walks a document of bounded size.
//!
//! Introspection gets its own rules: the standard query that client
//! libraries send (graphql-js `getIntrospectionQuery`) must pass, while
//! nesting it deeper or repeating it is refused.

use std::collections::HashMap;

use async_graphql::parser::types::{
    ExecutableDocument, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Pos, Positioned, Request, ServerError, ServerResult};

use crate::api::request_check::RequestCheck;
use crate::error::AppError;

/// Fields of all operations of a document, fragments expanded and aliases
/// counted one by one.
pub const MAX_SELECTIONS: u64 = 2_000;
/// Fields nested in fields. The standard introspection query is 15 deep.
pub const MAX_DEPTH: u32 = 15;
/// Fragments spreading fragments, one inside the other.
pub const MAX_FRAGMENT_NESTING: usize = 32;
/// Introspection lists nested on one path: the standard query's deepest is
/// `types { fields { args } }`. Each such list multiplies the answer by the
/// size of the schema.
pub const MAX_INTROSPECTION_LISTS: u32 = 3;
/// `ofType` on one path: the standard query unwraps nine type wrappers.
pub const MAX_OF_TYPE: u32 = 9;
/// `__schema` fields in one operation: one is the whole schema.
pub const MAX_SCHEMA_FIELDS: u64 = 1;
/// `__type` fields in one operation.
pub const MAX_TYPE_FIELDS: u64 = 5;

/// What one request may cost, in the engine's complexity count
/// (`Schema::limit_complexity`): every field costs 1, a page costs its size
/// times what each of its entries selects (see `pagination::page_cost`),
/// and the fields below cost what their work or their answer weighs.
pub const MAX_COST: usize = 10_000;
/// A stored rendering or snapshot of a statement version: hundreds of
/// kilobytes for a large register.
pub const COST_STORED_TEXT: usize = 1_000;
/// Work over the whole register: an export, an import, a preview, the
/// compliance report, a diff, a publish.
pub const COST_WHOLE_REGISTER: usize = 2_500;

/// The complexity of a field that reads a stored text: its own cost and,
/// where it is an object, what is selected of it.
pub fn stored_text(child_complexity: usize) -> usize {
    COST_STORED_TEXT + child_complexity
}

/// The complexity of a field that works over the whole register: its own
/// cost and what is selected of its answer.
pub fn whole_register(child_complexity: usize) -> usize {
    COST_WHOLE_REGISTER + child_complexity
}

/// The introspection fields whose value is a list.
const INTROSPECTION_LISTS: [&str; 8] = [
    "types",
    "directives",
    "fields",
    "args",
    "inputFields",
    "interfaces",
    "enumValues",
    "possibleTypes",
];

/// The measures of a selection set, fragments expanded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Shape {
    selections: u64,
    depth: u32,
    introspection_lists: u32,
    of_types: u32,
    schema_fields: u64,
    type_fields: u64,
}

impl Shape {
    /// Two parts of one selection set together.
    fn beside(self, other: Shape) -> Shape {
        Shape {
            selections: self.selections.saturating_add(other.selections),
            depth: self.depth.max(other.depth),
            introspection_lists: self.introspection_lists.max(other.introspection_lists),
            of_types: self.of_types.max(other.of_types),
            schema_fields: self.schema_fields.saturating_add(other.schema_fields),
            type_fields: self.type_fields.saturating_add(other.type_fields),
        }
    }

    /// A field whose own selection set has this shape.
    fn under(self, field: &str, introspection: bool) -> Shape {
        let counts = |yes: bool| u32::from(yes);
        Shape {
            selections: self.selections.saturating_add(1),
            depth: self.depth.saturating_add(1),
            introspection_lists: self.introspection_lists
                + counts(introspection && INTROSPECTION_LISTS.contains(&field)),
            of_types: self.of_types + counts(introspection && field == "ofType"),
            schema_fields: self.schema_fields + u64::from(field == "__schema"),
            type_fields: self.type_fields + u64::from(field == "__type"),
        }
    }
}

/// Measures selection sets, each named fragment once.
struct Measure<'a> {
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    measured: HashMap<&'a str, Shape>,
    /// The fragments being measured, outermost first: a spread of one of
    /// them is a cycle.
    open: Vec<&'a str>,
}

impl<'a> Measure<'a> {
    fn new(document: &'a ExecutableDocument) -> Self {
        Measure {
            fragments: &document.fragments,
            measured: HashMap::new(),
            open: Vec::new(),
        }
    }

    /// `introspection`: the set selects from an introspection type.
    fn set(&mut self, set: &'a SelectionSet, introspection: bool) -> ServerResult<Shape> {
        let mut shape = Shape::default();
        for item in &set.items {
            let part = match &item.node {
                Selection::Field(field) => {
                    let name = field.node.name.node.as_str();
                    let inside = introspection || name == "__schema" || name == "__type";
                    self.set(&field.node.selection_set.node, inside)?
                        .under(name, introspection)
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(&spread.node.fragment_name.node, spread.pos)?
                }
                Selection::InlineFragment(inline) => {
                    let on_introspection = inline
                        .node
                        .type_condition
                        .as_ref()
                        .is_some_and(|condition| condition.node.on.node.starts_with("__"));
                    self.set(
                        &inline.node.selection_set.node,
                        introspection || on_introspection,
                    )?
                }
            };
            shape = shape.beside(part);
        }
        Ok(shape)
    }

    fn fragment(&mut self, name: &'a Name, at: Pos) -> ServerResult<Shape> {
        if let Some(shape) = self.measured.get(name.as_str()) {
            return Ok(*shape);
        }
        // An unknown fragment is for validation to report.
        let Some(definition) = self.fragments.get(name) else {
            return Ok(Shape::default());
        };
        if self.open.contains(&name.as_str()) {
            return Err(refused(at, format!("fragment `{name}` spreads itself")));
        }
        if self.open.len() >= MAX_FRAGMENT_NESTING {
            return Err(refused(
                at,
                format!("fragments are nested more than {MAX_FRAGMENT_NESTING} deep"),
            ));
        }
        self.open.push(name.as_str());
        let introspection = definition
            .node
            .type_condition
            .node
            .on
            .node
            .starts_with("__");
        let shape = self.set(&definition.node.selection_set.node, introspection);
        self.open.pop();
        let shape = shape?;
        self.measured.insert(name.as_str(), shape);
        Ok(shape)
    }
}

/// Checks every operation of `document` against the limits above.
pub fn check(document: &ExecutableDocument) -> ServerResult<()> {
    let mut measure = Measure::new(document);
    let mut selections = 0u64;
    for (_, operation) in document.operations.iter() {
        let shape = measure.set(&operation.node.selection_set.node, false)?;
        let at = operation.pos;
        selections = selections.saturating_add(shape.selections);
        let exceeded = [
            (selections > MAX_SELECTIONS).then(|| {
                format!("the document selects more than {MAX_SELECTIONS} fields once its fragments are expanded")
            }),
            (shape.depth > MAX_DEPTH)
                .then(|| format!("fields are nested more than {MAX_DEPTH} deep")),
            (shape.introspection_lists > MAX_INTROSPECTION_LISTS).then(|| {
                format!("introspection lists are nested more than {MAX_INTROSPECTION_LISTS} deep")
            }),
            (shape.of_types > MAX_OF_TYPE)
                .then(|| format!("`ofType` is nested more than {MAX_OF_TYPE} deep")),
            (shape.schema_fields > MAX_SCHEMA_FIELDS)
                .then(|| format!("an operation may select `__schema` at most {MAX_SCHEMA_FIELDS} time")),
            (shape.type_fields > MAX_TYPE_FIELDS)
                .then(|| format!("an operation may select `__type` at most {MAX_TYPE_FIELDS} times")),
        ];
        if let Some(message) = exceeded.into_iter().flatten().next() {
            return Err(refused(at, message));
        }
    }
    Ok(())
}

fn refused(at: Pos, message: String) -> ServerError {
    AppError::QueryRefused(message).at(Some(at))
}

/// The check of [`check`] on every document. It parses the document itself,
/// before the engine does: the engine's first walk after parsing (its
/// recursion depth check) already expands fragments.
#[derive(Clone, Copy)]
pub struct DocumentLimits;

impl RequestCheck for DocumentLimits {
    fn check(&self, request: &mut Request) -> ServerResult<()> {
        check(request.parsed_query()?)
    }
}

#[cfg(test)]
mod tests;
