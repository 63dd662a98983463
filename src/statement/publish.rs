//! Previewing and publishing the statement. A published version is
//! immutable and numbered 1, 2, ... per organization and language without
//! gaps, also when publishes race: the number is the previous one plus one,
//! a unique index refuses a number taken twice, and the loser retries.
//! Each attempt reads the register and the previous version at one moment,
//! so a higher number never holds an older register.
//!
//! A publish is gated (see [`super::gate`]): the blocking findings about the
//! register that is published are computed in the publishing transaction.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use entity::enums::Language;
use entity::statement_version::{self, ActiveModel};
use entity::values::{Packed, StringList};
use sea_orm::{DbErr, EntityTrait, SqlErr};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::build::{self, build, BuildContext};
use super::diff::{diff, StatementDiff};
use super::document::StatementDocument;
use super::gate::{acceptance, pass_gate, Gate};
use super::previous_register::{self, drop_aside, PreviousRegister};
use super::render;
use super::versions::{self, Head, PreviousVersion};
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
    /// Blocking findings published over: codes or `CODE:entity-id` keys.
    pub accept_findings: Vec<String>,
    /// Why the accepted findings may stand; required with them.
    pub justification: Option<String>,
}

/// The code of the warning a material change gets when it takes effect the
/// day it is published, without notice in advance (Art. 13(3), WP260 §29-32).
pub const MATERIAL_CHANGE_WITHOUT_NOTICE: &str = "MATERIAL_CHANGE_WITHOUT_NOTICE";

/// The warnings a publish gets: a material change that takes effect the
/// day it is published was not announced in advance.
fn warnings(request: &PublishRequest, today: NaiveDate) -> Vec<&'static str> {
    let same_day = request.effective_from.is_none_or(|from| from <= today);
    if request.material && same_day {
        vec![MATERIAL_CHANGE_WITHOUT_NOTICE]
    } else {
        Vec::new()
    }
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
    hash_of(&build(
        snapshot,
        language,
        &context(snapshot, language, None),
    ))
}

/// The content hash of a document built without its publication date:
/// SHA-256 of its JSON, hashed as it is written.
fn hash_of(undated: &StatementDocument) -> AppResult<String> {
    let mut hasher = HashWriter(Sha256::new());
    serde_json::to_writer(&mut hasher, undated).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(hex::encode(hasher.0.finalize()))
}

struct HashWriter(Sha256);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub async fn publish(scope: &Scope, request: &PublishRequest, gate: &dyn Gate) -> AppResult<Head> {
    let summary = validate::required_text(&request.summary, "summary")?;
    let acceptance = acceptance(&request.accept_findings, &request.justification)?;
    let today = Utc::now().date_naive();
    if request.effective_from.is_some_and(|from| from < today) {
        return Err(AppError::validation(
            "effectiveFrom",
            "must not be in the past",
        ));
    }
    let attempt = Checked {
        request,
        summary: &summary,
        acceptance: &acceptance,
        today,
    };
    for _ in 0..ATTEMPTS {
        let result = scope
            .write_consistent(async |tx| {
                publish_attempt(tx, &attempt, gate, &mut Steps::default()).await
            })
            .await;
        match result {
            Err(Attempt::NumberTaken) => continue,
            Err(Attempt::Failed(err)) => return Err(err),
            Ok(written) => {
                let Written {
                    head,
                    register,
                    previous,
                } = written;
                previous_register::keep(head.id, previous, register.0, register.1);
                return Ok(head);
            }
        }
    }
    Err(AppError::Conflict(
        "other publishes kept taking the next version number; retry".into(),
    ))
}

/// Publishes as [`publish`] would and rolls it back, timing each step: where
/// a publish spends its time (`ropa-bench publish-profile`).
pub async fn rehearse(
    scope: &Scope,
    request: &PublishRequest,
    gate: &dyn Gate,
) -> AppResult<Steps> {
    let summary = validate::required_text(&request.summary, "summary")?;
    let acceptance = acceptance(&request.accept_findings, &request.justification)?;
    let attempt = Checked {
        request,
        summary: &summary,
        acceptance: &acceptance,
        today: Utc::now().date_naive(),
    };
    scope
        .rehearse(async |tx| {
            let mut steps = Steps::default();
            match publish_attempt(tx, &attempt, gate, &mut steps).await {
                Ok(written) => {
                    drop_aside(written);
                    Ok(steps)
                }
                Err(Attempt::Failed(err)) => Err(err),
                Err(Attempt::NumberTaken) => Err(AppError::Conflict("number taken".into())),
            }
        })
        .await
}

/// The steps of one publish and the time each took, in order.
#[derive(Debug, Default)]
pub struct Steps {
    pub taken: Vec<(&'static str, Duration)>,
    since: Option<Instant>,
}

impl Steps {
    fn start(&mut self) {
        self.since = Some(Instant::now());
    }

    /// Ends the step `name`, begun when the last one ended.
    fn done(&mut self, name: &'static str) {
        let now = Instant::now();
        let since = self.since.replace(now).unwrap_or(now);
        self.taken.push((name, now - since));
    }
}

/// One publish request, checked, as each attempt uses it.
#[derive(Clone, Copy)]
struct Checked<'a> {
    request: &'a PublishRequest,
    summary: &'a str,
    acceptance: &'a (Vec<String>, Option<String>),
    today: NaiveDate,
}

/// A version written, the register it stored with the length of its JSON,
/// and the version before it.
struct Written {
    head: Head,
    register: (Arc<RegisterSnapshot>, usize),
    previous: Option<Uuid>,
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
    attempt: &Checked<'_>,
    gate: &dyn Gate,
    steps: &mut Steps,
) -> Result<Written, Attempt> {
    let Checked {
        request,
        summary,
        acceptance: (accepted, justification),
        today,
    } = *attempt;
    let language = request.language;
    steps.start();
    let previous = versions::latest_for_diff(tx, language).await?;
    // Only the diff, at the end, needs the register the previous version
    // stored: unless it is kept, it is unpacked beside the reading and
    // building.
    let previous_register = previous.as_ref().map(PreviousRegister::of);
    // Shared with the compliance gate, which reads it as it is.
    let snapshot = Arc::new(snapshot::load(tx).await?);
    steps.done("read the register and the previous version");
    let Built {
        mut document,
        hash,
        packed_register: (packed_register, register_bytes),
    } = built(&snapshot, language)?;
    steps.done("build and hash the statement, pack the register (two threads)");
    if let Some(previous) = previous.as_ref().filter(|p| p.content_hash == hash) {
        return Err(AppError::Conflict(format!(
            "nothing changed since version {}: there is nothing to publish",
            previous.version
        ))
        .into());
    }
    let accepted_keys = pass_gate(gate.blocking(tx, &snapshot).await?, accepted)?;
    steps.done("compliance gate");
    let effective = request.effective_from.unwrap_or(today);
    build::date(
        &mut document,
        &snapshot,
        &context(&snapshot, language, Some(effective)),
    );
    let number = previous.as_ref().map_or(1, |p| p.version + 1);
    let previous_register = match previous_register {
        Some(coming) => Some(coming.ready().await?),
        None => None,
    };
    let before = previous.as_ref().zip(previous_register.as_ref());
    let texts = texts(
        &document,
        &snapshot,
        before.map(|(version, register)| (version, register.as_ref())),
        (language, number),
    )?;
    // Large, and needed no more: freed off the answer's path.
    drop_aside((document, previous_register));
    steps.done("render, diff and pack (two threads)");
    let version = statement_version::Model {
        id: Uuid::now_v7(),
        organization_id: tx.organization_id(),
        language,
        version: number,
        published_at: Utc::now(),
        published_by: tx.scope().actor.clone(),
        summary: summary.to_string(),
        material: request.material,
        effective_from: request.effective_from,
        html: texts.html,
        document: texts.document,
        markdown: texts.markdown,
        snapshot: packed_register,
        content_hash: hash,
        diff: texts.diff,
        accepted_findings: StringList(accepted.clone()),
        justification: justification.clone(),
    };
    let head = Head::from(&version);
    // Written without reading the row back: it is the model above.
    statement_version::Entity::insert(ActiveModel::from(version))
        .exec_without_returning(tx)
        .await
        .map_err(number_taken)?;
    steps.done("write the version row");
    let entry = serde_json::json!({
        "language": language,
        "version": number,
        "summary": summary,
        "material": request.material,
        "effectiveFrom": request.effective_from,
        "acceptedFindings": accepted,
        "acceptedFindingKeys": accepted_keys,
        "justification": justification,
        "warnings": warnings(request, today),
    });
    audit::record(
        tx,
        statement_version::Entity::TYPE,
        head.id,
        AuditAction::Publish,
        None,
        Some(&entry),
    )
    .await?;
    steps.done("audit trail");
    Ok(Written {
        head,
        register: (snapshot, register_bytes),
        previous: previous.map(|p| p.id),
    })
}

/// The statement built from the register, and the register packed.
struct Built {
    /// Undated: [`build::date`] dates it once the publish passed its gate.
    document: StatementDocument,
    hash: String,
    /// With the length of its JSON.
    packed_register: (Packed, usize),
}

/// Builds and hashes the statement while another thread packs the register
/// it is built from.
fn built(snapshot: &RegisterSnapshot, language: Language) -> AppResult<Built> {
    let (statement, packed_register) = rayon::join(
        || -> AppResult<_> {
            let document = build(snapshot, language, &context(snapshot, language, None));
            let hash = hash_of(&document)?;
            Ok((document, hash))
        },
        || stored::pack(snapshot),
    );
    let ((document, hash), packed_register) = (statement?, packed_register?);
    Ok(Built {
        document,
        hash,
        packed_register,
    })
}

/// What a version stores beside its head, packed.
struct Texts {
    markdown: Packed,
    html: Packed,
    document: Packed,
    diff: Option<Packed>,
}

/// Renders the dated `document` and diffs it against the previous version
/// (with the register that version stored), on two threads: the HTML and
/// the packed document on one, the Markdown and the diff (which reads the
/// Markdown) on the other.
fn texts(
    document: &StatementDocument,
    snapshot: &RegisterSnapshot,
    previous: Option<(&PreviousVersion, &RegisterSnapshot)>,
    version: (Language, i32),
) -> AppResult<Texts> {
    let (page, changes) = rayon::join(
        || -> AppResult<_> {
            let html = versions::packed_text(&render::html(document))?;
            Ok((html, versions::packed(document)?))
        },
        || -> AppResult<_> {
            let markdown = render::markdown(document);
            let diff = previous
                .map(|(previous, register)| {
                    let changes = changes_since(previous, register, snapshot, &markdown, version)?;
                    versions::packed(&changes)
                })
                .transpose()?;
            Ok((versions::packed_text(&markdown)?, diff))
        },
    );
    let ((html, document), (markdown, diff)) = (page?, changes?);
    Ok(Texts {
        markdown,
        html,
        document,
        diff,
    })
}

fn number_taken(err: DbErr) -> Attempt {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => Attempt::NumberTaken,
        _ => Attempt::Failed(err.into()),
    }
}

/// The diff of a new version against the one before it.
fn changes_since(
    previous: &PreviousVersion,
    previous_register: &RegisterSnapshot,
    snapshot: &RegisterSnapshot,
    markdown: &str,
    (language, number): (Language, i32),
) -> AppResult<StatementDiff> {
    Ok(diff(
        previous_register,
        snapshot,
        &versions::unpacked(&previous.markdown)?,
        markdown,
        language,
        (previous.version, number),
    ))
}
