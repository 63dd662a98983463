//! The audit trail: every change to the register is recorded, with its
//! actor and the entry before and after, in the transaction of the change.

use chrono::{DateTime, Utc};
use entity::audit_event;
use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, Set};
use serde::Serialize;
use uuid::Uuid;

use crate::db::{Scope, Tx};
use crate::error::{AppError, AppResult};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    Create,
    Update,
    Archive,
    Publish,
}

impl AuditAction {
    fn as_str(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Archive => "archive",
            AuditAction::Publish => "publish",
        }
    }
}

/// Columns that serve ropa, not the register: the text-search index and
/// the tenant (every event already belongs to one organization).
const INTERNAL_FIELDS: [&str; 2] = ["searchText", "organizationId"];

/// An entry as the trail shows it: its fields without the internal ones.
pub fn without_internal_fields(mut entry: serde_json::Value) -> serde_json::Value {
    if let Some(fields) = entry.as_object_mut() {
        for name in INTERNAL_FIELDS {
            fields.remove(name);
        }
    }
    entry
}

/// Records one change, made in `tx`. `before` is absent for a creation.
pub async fn record<T: Serialize>(
    tx: &Tx<'_>,
    entity_type: &str,
    entity_id: Uuid,
    action: AuditAction,
    before: Option<&T>,
    after: Option<&T>,
) -> AppResult<()> {
    let to_json = |value: Option<&T>| {
        value
            .map(|entry| serde_json::to_value(entry).map(without_internal_fields))
            .transpose()
            .map_err(|e| AppError::Internal(e.to_string()))
    };
    audit_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(tx.organization_id()),
        actor: Set(tx.scope().actor.clone()),
        entity_type: Set(entity_type.to_string()),
        entity_id: Set(entity_id),
        action: Set(action.as_str().to_string()),
        before: Set(to_json(before)?),
        after: Set(to_json(after)?),
        at: Set(Utc::now()),
    }
    .insert(tx)
    .await?;
    Ok(())
}

#[derive(Debug, Default)]
pub struct AuditEventFilter {
    pub entity_type: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor: Option<String>,
    pub action: Option<AuditAction>,
    /// Events at or after this moment.
    pub since: Option<DateTime<Utc>>,
    /// Events before this moment.
    pub until: Option<DateTime<Utc>>,
}

/// The audit events of this organization, filtered.
pub fn events(scope: &Scope, filter: &AuditEventFilter) -> sea_orm::Select<audit_event::Entity> {
    let mut select = scope.find::<audit_event::Entity>();
    if let Some(entity_type) = &filter.entity_type {
        select = select.filter(audit_event::Column::EntityType.eq(entity_type.as_str()));
    }
    if let Some(id) = filter.entity_id {
        select = select.filter(audit_event::Column::EntityId.eq(id));
    }
    if let Some(actor) = &filter.actor {
        select = select.filter(audit_event::Column::Actor.eq(actor.as_str()));
    }
    if let Some(action) = filter.action {
        select = select.filter(audit_event::Column::Action.eq(action.as_str()));
    }
    if let Some(since) = filter.since {
        select = select.filter(audit_event::Column::At.gte(since));
    }
    if let Some(until) = filter.until {
        select = select.filter(audit_event::Column::At.lt(until));
    }
    select
}

/// The history of one register entry.
pub fn history(scope: &Scope, entity_id: Uuid) -> sea_orm::Select<audit_event::Entity> {
    scope
        .find::<audit_event::Entity>()
        .filter(audit_event::Column::EntityId.eq(entity_id))
}
