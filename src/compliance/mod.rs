//! The compliance report: what the register lacks for GDPR Art. 13/14, 28
//! and 30, as findings to act on. The checks are pure functions of the
//! register ([`checks`]), which `load` reads in a fixed number of
//! queries whatever its size; their messages are worded in
//! `wording/findings.toml`, in the reader's language (`message`).

pub mod checks;
mod message;

use std::collections::BTreeSet;

use chrono::{NaiveDate, Utc};
use entity::enums::{ActivityStatus, Language};
use entity::{processing_activity, processor, statement_version};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

pub use checks::{Finding, PublishedStatement, Register, Severity};

use crate::db::{Scope, Tx};
use crate::error::AppResult;
use crate::register_snapshot::{self as snapshot, RegisterSnapshot};
use crate::statement::publish::content_hash;

/// The findings about one organization's register.
#[derive(Clone, Debug)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// The language messages fall back to.
    pub default_language: Language,
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
    let drafts = tx
        .find::<processing_activity::Entity>()
        .filter(processing_activity::Column::ArchivedAt.is_null())
        .filter(processing_activity::Column::Status.eq(ActivityStatus::Draft))
        .order_by_asc(processing_activity::Column::Position)
        .order_by_asc(processing_activity::Column::Id)
        .all(tx)
        .await?;
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
        let latest: Option<(Uuid, i32, String)> = tx
            .find::<statement_version::Entity>()
            .filter(Column::Language.eq(language))
            .order_by_desc(Column::Version)
            .select_only()
            .columns([Column::Id, Column::Version, Column::ContentHash])
            .into_tuple()
            .one(tx)
            .await?;
        if let Some((version_id, version, hash)) = latest {
            statements.push(PublishedStatement {
                language,
                version_id,
                version,
                changed: content_hash(snapshot, language)? != hash,
            });
        }
    }
    Ok(statements)
}
