//! Text input is plain text (see [`crate::text`]): every string a request
//! carries, in its variables or written into its document, is checked once
//! before the request runs, so that no resolver can forget it. A control
//! character is `VALIDATION_FAILED` naming its place, and nothing runs.

use std::convert::Infallible;

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Pos, Request, ServerError, ServerResult, Value};

use crate::api::request_check::RequestCheck;
use crate::error::AppError;
use crate::text::{control_character_in, CONTROL_CHARACTER};

/// The check that refuses control characters in text input.
#[derive(Clone, Copy)]
pub struct PlainTextInput;

impl RequestCheck for PlainTextInput {
    fn check(&self, request: &mut Request) -> ServerResult<()> {
        if let Ok(variables) = serde_json::to_value(&request.variables) {
            if let Some(field) = control_character_in(&variables, "") {
                return Err(refused(field, None));
            }
        }
        check_document(request.parsed_query()?)
    }
}

fn refused(field: String, at: Option<Pos>) -> ServerError {
    AppError::validation(field, CONTROL_CHARACTER).at(at)
}

/// The literal arguments of every field of every operation and fragment.
fn check_document(document: &ExecutableDocument) -> ServerResult<()> {
    let operations = document
        .operations
        .iter()
        .map(|(_, operation)| &operation.node.selection_set.node);
    let fragments = document
        .fragments
        .values()
        .map(|fragment| &fragment.node.selection_set.node);
    operations
        .chain(fragments)
        .try_for_each(check_selection_set)
}

fn check_selection_set(set: &SelectionSet) -> ServerResult<()> {
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                for (name, value) in &field.node.arguments {
                    // Variables in the value were checked with the variables.
                    let literal = value
                        .node
                        .clone()
                        .into_const_with(|_| Ok::<_, Infallible>(Value::Null))
                        .ok()
                        .and_then(|literal| literal.into_json().ok());
                    let place =
                        literal.and_then(|literal| control_character_in(&literal, &name.node));
                    if let Some(place) = place {
                        return Err(refused(place, Some(value.pos)));
                    }
                }
                check_selection_set(&field.node.selection_set.node)?;
            }
            Selection::InlineFragment(inline) => {
                check_selection_set(&inline.node.selection_set.node)?
            }
            // A named fragment is checked once, as a fragment of the document.
            Selection::FragmentSpread(_) => {}
        }
    }
    Ok(())
}
