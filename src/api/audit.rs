//! The GraphQL side of the audit trail: its events and the query over them.

use async_graphql::{Context, Json, Object, ID};
use chrono::{DateTime, Utc};
use entity::audit_event;

use crate::api::context::scope;
use crate::api::guard::RoleGuard;
use crate::api::mirror::ToService;
use crate::api::pagination::{page_cost, paginate, Page, PageArgs};
use crate::audit::{self, events, without_internal_fields};
use crate::auth::Role;

#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "audit::AuditAction")]
pub enum AuditAction {
    Create,
    Update,
    Archive,
    Publish,
}

converts!(AuditAction => audit::AuditAction);

mirror_input! {
    pub struct AuditEventFilter => audit::AuditEventFilter {
        entity_type: Option<String>,
        entity_id: Option<ID>,
        actor: Option<String>,
        action: Option<AuditAction>,
        /// Events at or after this moment.
        since: Option<DateTime<Utc>>,
        /// Events before this moment.
        until: Option<DateTime<Utc>>,
    }
}

pub struct AuditEvent(pub audit_event::Model);

#[Object]
impl AuditEvent {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// The token subject that made the change.
    async fn actor(&self) -> &str {
        &self.0.actor
    }
    async fn action(&self) -> &str {
        &self.0.action
    }
    async fn entity_type(&self) -> &str {
        &self.0.entity_type
    }
    async fn entity_id(&self) -> ID {
        ID(self.0.entity_id.to_string())
    }
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    // Events recorded before internal fields were left out show without
    // them too.
    async fn before(&self) -> Option<Json<serde_json::Value>> {
        self.0
            .before
            .clone()
            .map(|entry| Json(without_internal_fields(entry)))
    }
    async fn after(&self) -> Option<Json<serde_json::Value>> {
        self.0
            .after
            .clone()
            .map(|entry| Json(without_internal_fields(entry)))
    }
}

#[derive(Default)]
pub struct AuditQuery;

#[Object(guard = "RoleGuard(Role::Viewer)")]
impl AuditQuery {
    /// The change history of the whole register, newest last.
    #[graphql(complexity = "page_cost(first, None, child_complexity)")]
    async fn audit_events(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        filter: Option<AuditEventFilter>,
    ) -> async_graphql::Result<Page<AuditEvent>> {
        let scope = scope(ctx).await?;
        let filter = filter.to_service("filter")?.unwrap_or_default();
        Ok(paginate(
            scope,
            events(scope, &filter),
            AuditEvent,
            PageArgs::forward(first, after),
        )
        .await?)
    }
}
