//! Previewing and publishing the statement. A published version is
//! immutable and numbered 1, 2, ... per organization and language without
//! gaps, also when publishes race: the number is the previous one plus one,
//! a unique index refuses a number taken twice, and the loser retries.
//! Each attempt reads the register and the previous version at one moment,
//! so a higher number never holds an older register.

use chrono::{NaiveDate, Utc};
use entity::enums::Language;
use entity::statement_version::{self, ActiveModel};
use sea_orm::{ActiveModelTrait, DbErr, Set, SqlErr};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::build::{build, BuildContext};
use super::diff::{diff, StatementDiff};
use super::document::StatementDocument;
use super::render;
use super::versions;
use crate::audit::{self, AuditAction};
use crate::db::{Scope, TenantOwned, Tx};
use crate::error::{AppError, AppResult};
use crate::register::validate;
use crate::register_snapshot::{self as snapshot, stored, RegisterSnapshot};

/// How often a publish is retried when a concurrent one took its number.
const ATTEMPTS: usize = 5;

pub struct PublishRequest {
    pub language: Language,
    pub summary: String,
    /// A change that needs announcing ahead (new purpose, recipients, transfer).
    pub material: bool,
    pub effective_from: Option<NaiveDate>,
}

/// Where a statement's version history is published.
pub fn history_url(slug: &str, language: Language) -> String {
    format!("/statements/{slug}/{}/versions", language.code())
}

fn context(
    snapshot: &RegisterSnapshot,
    language: Language,
    last_changed: Option<NaiveDate>,
) -> BuildContext {
    BuildContext {
        last_changed,
        history_url: Some(history_url(&snapshot.organization.slug, language)),
    }
}

/// The statement the register would give now, unpublished.
pub async fn preview(scope: &Scope, language: Language) -> AppResult<StatementDocument> {
    let snapshot = scope
        .read_consistent(async |tx| snapshot::load(tx).await)
        .await?;
    Ok(build(
        &snapshot,
        language,
        &context(&snapshot, language, None),
    ))
}

/// Identifies the content of a statement, whatever its publication date.
/// The compliance report compares it with the latest version's.
pub(crate) fn content_hash(snapshot: &RegisterSnapshot, language: Language) -> AppResult<String> {
    let document = build(snapshot, language, &context(snapshot, language, None));
    let json = serde_json::to_vec(&document).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(hex::encode(Sha256::digest(json)))
}

pub async fn publish(
    scope: &Scope,
    request: &PublishRequest,
) -> AppResult<statement_version::Model> {
    let summary = validate::required_text(&request.summary, "summary")?;
    let today = Utc::now().date_naive();
    if request.effective_from.is_some_and(|from| from < today) {
        return Err(AppError::validation(
            "effectiveFrom",
            "must not be in the past",
        ));
    }
    for _ in 0..ATTEMPTS {
        let attempt = scope
            .write_consistent(async |tx| publish_attempt(tx, request, &summary, today).await)
            .await;
        match attempt {
            Err(Attempt::NumberTaken) => continue,
            Err(Attempt::Failed(err)) => return Err(err),
            Ok(version) => return Ok(version),
        }
    }
    Err(AppError::Conflict(
        "other publishes kept taking the next version number; retry".into(),
    ))
}

enum Attempt {
    NumberTaken,
    Failed(AppError),
}

impl<E: Into<AppError>> From<E> for Attempt {
    fn from(err: E) -> Self {
        Attempt::Failed(err.into())
    }
}

async fn publish_attempt(
    tx: &Tx<'_>,
    request: &PublishRequest,
    summary: &str,
    today: NaiveDate,
) -> Result<statement_version::Model, Attempt> {
    let language = request.language;
    let snapshot = snapshot::load(tx).await?;
    let hash = content_hash(&snapshot, language)?;
    let previous = versions::latest(tx, tx.organization_id(), language).await?;
    if let Some(previous) = previous.as_ref().filter(|p| p.content_hash == hash) {
        return Err(AppError::Conflict(format!(
            "nothing changed since version {}: there is nothing to publish",
            previous.version
        ))
        .into());
    }
    let effective = request.effective_from.unwrap_or(today);
    let document = build(
        &snapshot,
        language,
        &context(&snapshot, language, Some(effective)),
    );
    let markdown = render::markdown(&document);
    let number = previous.as_ref().map_or(1, |p| p.version + 1);
    let changes = previous
        .as_ref()
        .map(|p| changes_since(p, &snapshot, &markdown, number))
        .transpose()?;
    let version = ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(tx.organization_id()),
        language: Set(language),
        version: Set(number),
        published_at: Set(Utc::now()),
        published_by: Set(tx.scope().actor.clone()),
        summary: Set(summary.to_string()),
        material: Set(request.material),
        effective_from: Set(request.effective_from),
        html: Set(render::html(&document)),
        document: Set(to_json(&document)?),
        markdown: Set(markdown),
        snapshot: Set(stored::write(&snapshot)?),
        content_hash: Set(hash),
        diff: Set(changes.map(|d| to_json(&d)).transpose()?),
    }
    .insert(tx)
    .await
    .map_err(number_taken)?;
    let entry = serde_json::json!({ "language": language, "version": number, "summary": summary });
    audit::record(
        tx,
        statement_version::Entity::TYPE,
        version.id,
        AuditAction::Publish,
        None,
        Some(&entry),
    )
    .await?;
    Ok(version)
}

fn number_taken(err: DbErr) -> Attempt {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => Attempt::NumberTaken,
        _ => Attempt::Failed(err.into()),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> AppResult<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| AppError::Internal(e.to_string()))
}

/// The diff of a new version against the one before it.
fn changes_since(
    previous: &statement_version::Model,
    snapshot: &RegisterSnapshot,
    markdown: &str,
    number: i32,
) -> AppResult<StatementDiff> {
    let old = versions::snapshot_of(previous)?;
    Ok(diff(
        &old,
        snapshot,
        &previous.markdown,
        markdown,
        previous.language,
        (previous.version, number),
    ))
}
