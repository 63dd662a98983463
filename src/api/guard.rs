//! Role guards for resolvers. A field names the role it needs in
//! `#[graphql(guard = "RoleGuard(Role::Editor)")]`; an object whose fields
//! all need one role names it once, in `#[Object(guard = ...)]`, which
//! async-graphql applies to each of its fields.

use async_graphql::{Context, Guard};

use crate::api::context::RequestContext;
use crate::auth::Role;

/// Lets a field through when the caller holds `role` or a higher one.
pub struct RoleGuard(pub Role);

impl Guard for RoleGuard {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        RequestContext::of(ctx).require_role(self.0)?;
        Ok(())
    }
}
