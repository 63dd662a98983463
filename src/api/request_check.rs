//! Checks of a request before it runs: a [`RequestCheck`] reads the request
//! (its variables, its parsed document) and refuses it or lets it run.
//! [`RequestChecks`] is the schema's one extension: it runs the checks, and
//! marks that a request began to run ([`Started`]).
//!
//! One extension for all of it: the engine wraps every field's resolution
//! in each extension there is, a boxed future per field and extension, and
//! in a list of thousands of fields that is a good part of its cost.

use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextPrepareRequest,
};
use async_graphql::{Request, Response, ServerResult};

use crate::api::started::Started;

/// A check of every request, before the engine runs it.
pub trait RequestCheck: Send + Sync {
    fn check(&self, request: &mut Request) -> ServerResult<()>;
}

/// The schema extension that applies its checks, in order, to every request.
#[derive(Clone, Copy)]
pub struct RequestChecks(pub &'static [&'static dyn RequestCheck]);

impl ExtensionFactory for RequestChecks {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for RequestChecks {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        for check in self.0 {
            check.check(&mut request)?;
        }
        next.run(ctx, request).await
    }

    /// The engine runs this hook only once everything before it passed.
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        if let Some(started) = ctx.data_opt::<Started>() {
            started.mark();
        }
        next.run(ctx, operation_name).await
    }
}
