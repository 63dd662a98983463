//! Whether a request's operation began to run. One that did not was
//! refused before (a document that does not parse or validate, variables
//! of the wrong type, a document too costly, no operation by that name):
//! its answer has no `data`, and GraphQL over HTTP answers it with 400
//! when the client accepts `application/graphql-response+json`.
//!
//! The engine runs an extension's `execute` hook only once everything
//! before it passed, so that hook is the one reliable sign
//! ([`super::request_check::RequestChecks`] marks it).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Put into a request's data; tells afterwards whether it ran.
#[derive(Clone, Default)]
pub struct Started(Arc<AtomicBool>);

impl Started {
    pub fn get(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }

    pub(super) fn mark(&self) {
        self.0.store(true, Ordering::Release);
    }
}
