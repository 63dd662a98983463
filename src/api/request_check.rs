//! Checks of a request before it runs: a [`RequestCheck`] reads the request
//! (its variables, its parsed document) and refuses it or lets it run;
//! [`Checked`] makes it a schema extension.

use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest,
};
use async_graphql::{Request, ServerResult};

/// A check of every request, before the engine runs it.
pub trait RequestCheck: Copy + Send + Sync + 'static {
    fn check(&self, request: &mut Request) -> ServerResult<()>;
}

/// The schema extension that applies a [`RequestCheck`] to every request.
#[derive(Clone, Copy)]
pub struct Checked<C>(pub C);

impl<C: RequestCheck> ExtensionFactory for Checked<C> {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

#[async_graphql::async_trait::async_trait]
impl<C: RequestCheck> Extension for Checked<C> {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        self.0.check(&mut request)?;
        next.run(ctx, request).await
    }
}
