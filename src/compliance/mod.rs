//! The compliance report: what the register lacks for GDPR Art. 13/14, 28
//! and 30, as findings to act on. The checks are pure functions of the
//! register ([`checks`]), which `load` reads in a fixed number of
//! queries whatever its size; their messages are worded in
//! `wording/findings.toml`, in the reader's language (`message`).

pub mod checks;
mod message;

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{ActivityStatus, Language};
use entity::{processing_activity, processor, statement_version};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

pub use checks::{Finding, PublishedStatement, Register, Severity};

use crate::db::{Scope, Tx};
use crate::error::{AppResult, BlockingFinding};
use crate::register_snapshot::{self as snapshot, RegisterSnapshot};
use crate::statement::gate::{Gate, GateFuture};
use crate::statement::publish::content_hash;
use crate::statement::versions;

/// The findings about one organization's register.
#[derive(Clone, Debug)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// The language messages fall back to.
    pub default_language: Language,
}

/// The publish gate: the blocking findings about the register being
/// published, read in the publishing transaction.
pub struct ComplianceGate;

impl Gate for ComplianceGate {
    fn blocking<'a>(
        &'a self,
        tx: &'a Tx<'a>,
        snapshot: &'a Arc<RegisterSnapshot>,
    ) -> GateFuture<'a> {
        Box::pin(async move {
            // No check of the published statements blocks, so the gate
            // leaves them out, and their content hashes: a build of the
            // statement in every language.
            let register = Register {
                snapshot: Arc::clone(snapshot),
                drafts: drafts(tx).await?,
                archived_recipients: archived_recipients(tx, snapshot).await?,
                statements: Vec::new(),
                today: Utc::now().date_naive(),
            };
            Ok(checks::blocking(&register)
                .into_iter()
                .map(|finding| BlockingFinding {
                    code: finding.code.to_string(),
                    key: finding.key(),
                    entity_ids: finding.entity_ids,
                })
                .collect())
        })
    }
}

/// The report on the scope's organization as its register is now.
pub async fn report(scope: &Scope) -> AppResult<Report> {
    let today = Utc::now().date_naive();
    let register = scope
        .read_consistent(async |tx| load(tx, today).await)
        .await?;
    Ok(Report {
        findings: checks::findings(&register),
        default_language: register.snapshot.organization.default_language,
    })
}

/// Everything the checks look at: the statement's snapshot and a query
/// each for drafts, archived recipients and the latest version per language.
async fn load(tx: &Tx<'_>, today: NaiveDate) -> AppResult<Register> {
    let snapshot = snapshot::load(tx).await?;
    load_around(tx, Arc::new(snapshot), today).await
}

/// [`load`] around a snapshot already read in `tx`.
async fn load_around(
    tx: &Tx<'_>,
    snapshot: Arc<RegisterSnapshot>,
    today: NaiveDate,
) -> AppResult<Register> {
    let drafts = drafts(tx).await?;
    let archived_recipients = archived_recipients(tx, &snapshot).await?;
    let statements = published(tx, &snapshot).await?;
    Ok(Register {
        snapshot,
        drafts,
        archived_recipients,
        statements,
        today,
    })
}

/// The activities still in draft, which the snapshot leaves out.
async fn drafts(tx: &Tx<'_>) -> AppResult<Vec<processing_activity::Model>> {
    Ok(tx
        .find::<processing_activity::Entity>()
        .filter(processing_activity::Column::ArchivedAt.is_null())
        .filter(processing_activity::Column::Status.eq(ActivityStatus::Draft))
        .order_by_asc(processing_activity::Column::Position)
        .order_by_asc(processing_activity::Column::Id)
        .all(tx)
        .await?)
}

/// The processors active activities name that the snapshot leaves out:
/// every reference is to this organization's processors, so those are the
/// archived ones.
async fn archived_recipients(
    tx: &Tx<'_>,
    snapshot: &RegisterSnapshot,
) -> AppResult<Vec<processor::Model>> {
    let missing: BTreeSet<Uuid> = snapshot
        .activities
        .iter()
        .flat_map(checks::recipients_of)
        .filter(|id| snapshot.processor(*id).is_none())
        .collect();
    Ok(tx
        .find::<processor::Entity>()
        .filter(processor::Column::ArchivedAt.is_not_null())
        .filter(processor::Column::Id.is_in(missing))
        .order_by_asc(processor::Column::Id)
        .all(tx)
        .await?)
}

/// The latest version of each language, read without its (large) content,
/// and whether the register would now give another statement.
async fn published(tx: &Tx<'_>, snapshot: &RegisterSnapshot) -> AppResult<Vec<PublishedStatement>> {
    use statement_version::Column;
    let mut statements = Vec::new();
    for language in Language::ALL {
        type Latest = (Uuid, i32, String, bool, Option<NaiveDate>, DateTime<Utc>);
        let columns = [
            Column::Id,
            Column::Version,
            Column::ContentHash,
            Column::Material,
            Column::EffectiveFrom,
            Column::PublishedAt,
        ];
        let latest: Option<Latest> = versions::newest(tx, language, columns).await?;
        if let Some((version_id, version, hash, material, effective_from, published_at)) = latest {
            let published = published_at.date_naive();
            let unannounced = material && effective_from.is_none_or(|from| from <= published);
            statements.push(PublishedStatement {
                language,
                version_id,
                version,
                changed: content_hash(snapshot, language)? != hash,
                unannounced_material_change: unannounced.then_some(published),
            });
        }
    }
    Ok(statements)
}
