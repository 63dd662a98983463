//! Whether a request's operation began to run. One that did not was
//! refused before (a document that does not parse or validate, variables
//! of the wrong type, a document too costly, no operation by that name):
//! its answer has no `data`, and GraphQL over HTTP answers it with 400
//! when the client accepts `application/graphql-response+json`.
//!
//! The engine runs an extension's `execute` hook only once everything
//! before it passed, so that hook is the one reliable sign.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute};
use async_graphql::Response;

/// Put into a request's data; tells afterwards whether it ran.
#[derive(Clone, Default)]
pub struct Started(Arc<AtomicBool>);

impl Started {
    pub fn get(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// The schema extension that sets [`Started`].
pub struct MarkStarted;

impl ExtensionFactory for MarkStarted {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(MarkStarted)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for MarkStarted {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        if let Some(started) = ctx.data_opt::<Started>() {
            started.0.store(true, Ordering::Release);
        }
        next.run(ctx, operation_name).await
    }
}
