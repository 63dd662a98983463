//! What a GraphQL request knows about its caller. The caller's [`Scope`] is
//! resolved once per request, on first use.

use crate::db::public;
use async_graphql::Context;
use entity::enums::Language;
use sea_orm::DatabaseConnection;
use std::sync::{Arc, OnceLock};
use tokio::sync::OnceCell;

use crate::auth::{Caller, CallerState, Role};
use crate::db::Scope;
use crate::error::{AppError, AppResult};

pub struct RequestContext {
    db: DatabaseConnection,
    caller: CallerState,
    /// Read once: a refusal (or an unreachable database) is given to every
    /// field that asks, not looked up again.
    scope: OnceCell<AppResult<Scope>>,
    /// The organization's register revision when the scope was read.
    register_revision: OnceLock<i64>,
}

impl RequestContext {
    pub fn new(db: DatabaseConnection, caller: CallerState) -> Self {
        RequestContext {
            db,
            caller,
            scope: OnceCell::new(),
            register_revision: OnceLock::new(),
        }
    }

    pub fn of<'a>(ctx: &Context<'a>) -> &'a RequestContext {
        ctx.data_unchecked::<Arc<RequestContext>>()
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    pub fn caller(&self) -> AppResult<&Caller> {
        match &self.caller {
            CallerState::Authenticated(caller) => Ok(caller),
            CallerState::Anonymous => Err(AppError::Unauthenticated(
                "a bearer token is required".into(),
            )),
            CallerState::Rejected(reason) => Err(reason.clone().into()),
        }
    }

    pub fn require_role(&self, role: Role) -> AppResult<&Caller> {
        let caller = self.caller()?;
        if caller.role >= role {
            Ok(caller)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The caller's organization; every register read and write goes through it.
    pub async fn scope(&self) -> AppResult<&Scope> {
        let scope = self.scope.get_or_init(|| self.resolve_scope()).await;
        scope.as_ref().map_err(AppError::clone)
    }

    async fn resolve_scope(&self) -> AppResult<Scope> {
        let caller = self.require_role(Role::Viewer)?;
        let slug = caller.organization.as_deref().ok_or(AppError::Forbidden)?;
        let organization = public::organization_by_slug(&self.db, slug)
            .await?
            .ok_or(AppError::NotFound("organization"))?;
        let _ = self.register_revision.set(organization.register_revision);
        Ok(Scope::new(
            self.db.clone(),
            organization.id,
            organization.default_language,
            caller.subject.clone(),
        ))
    }

    /// The caller's organization and its register revision, read now if
    /// this request has not read them yet; `None` when the caller has no
    /// organization to read.
    pub async fn register_revision(&self) -> Option<(uuid::Uuid, i64)> {
        self.scope().await.ok()?;
        self.register_revision_read()
    }

    /// [`register_revision`](Self::register_revision) if this request read
    /// them already, without reading.
    pub fn register_revision_read(&self) -> Option<(uuid::Uuid, i64)> {
        match self.scope.get() {
            Some(Ok(scope)) => Some((scope.organization_id, *self.register_revision.get()?)),
            _ => None,
        }
    }

    /// Whether the caller belongs to `organization_id` (no token, another
    /// organization's token or none at all: no).
    pub async fn is_member_of(&self, organization_id: uuid::Uuid) -> bool {
        self.scope()
            .await
            .is_ok_and(|scope| scope.organization_id == organization_id)
    }

    /// The language texts fall back to when a requested one is missing.
    pub fn default_language(&self) -> Language {
        match self.scope.get() {
            Some(Ok(scope)) => scope.default_language,
            _ => Language::En,
        }
    }
}

/// Shorthand for resolvers: the caller's scope.
pub async fn scope<'a>(ctx: &Context<'a>) -> AppResult<&'a Scope> {
    RequestContext::of(ctx).scope().await
}
