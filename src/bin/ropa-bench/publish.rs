//! Where the time of a publish goes: the steps of `statement::publish`, each
//! timed, in a transaction that is rolled back (nothing is published).

use std::time::Instant;

use chrono::Utc;
use entity::enums::Language;
use entity::statement_version::ActiveModel;
use ropa::db::Scope;
use ropa::error::{AppError, AppResult};
use ropa::register_snapshot::{self as snapshot, stored};
use ropa::statement::build::{build, BuildContext};
use ropa::statement::diff::diff;
use ropa::statement::publish::history_url;
use ropa::statement::{render, versions};
use sea_orm::{ActiveModelTrait, Set};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The milliseconds of each step of publishing the Dutch statement of
/// `scope`'s organization, as `(step, ms)`.
pub async fn profile(scope: &Scope) -> AppResult<Vec<(&'static str, f64)>> {
    scope
        .rehearse(async |tx| {
            let mut steps = Vec::new();
            let mut at = Instant::now();
            let mut step = |name: &'static str| {
                steps.push((name, at.elapsed().as_secs_f64() * 1000.0));
                at = Instant::now();
            };
            let language = Language::Nl;
            let register = snapshot::load(tx).await?;
            step("read the register (snapshot)");
            let unpublished = BuildContext {
                last_changed: None,
                history_url: Some(history_url(&register.organization.slug, language)),
            };
            let document = build(&register, language, &unpublished);
            let json = serde_json::to_vec(&document).map_err(internal)?;
            let hash = hex::encode(Sha256::digest(json));
            step("content hash (a build, its JSON, SHA-256)");
            let previous = versions::latest(tx, tx.organization_id(), language).await?;
            step("read the previous version");
            let context = BuildContext {
                last_changed: Some(Utc::now().date_naive()),
                ..unpublished
            };
            let document = build(&register, language, &context);
            step("build");
            let markdown = render::markdown(&document);
            step("render Markdown");
            let html = render::html(&document);
            step("render HTML");
            let number = previous.as_ref().map_or(1, |p| p.version + 1);
            let changes = match &previous {
                Some(previous) => {
                    let old = versions::snapshot_of(previous)?;
                    step("read the previous snapshot (JSON)");
                    let changes = diff(
                        &old,
                        &register,
                        &previous.markdown,
                        &markdown,
                        language,
                        (previous.version, number),
                    );
                    step("diff against the previous version");
                    Some(changes)
                }
                None => None,
            };
            let document = serde_json::to_value(&document).map_err(internal)?;
            let stored = stored::write(&register)?;
            let changes = changes
                .map(|c| serde_json::to_value(&c).map_err(internal))
                .transpose()?;
            step("document, snapshot and diff as JSON values");
            ActiveModel {
                id: Set(Uuid::now_v7()),
                organization_id: Set(tx.organization_id()),
                language: Set(language),
                version: Set(number),
                published_at: Set(Utc::now()),
                published_by: Set("bench".into()),
                summary: Set("profile".into()),
                material: Set(false),
                effective_from: Set(None),
                html: Set(html),
                document: Set(document),
                markdown: Set(markdown),
                snapshot: Set(stored),
                content_hash: Set(hash),
                diff: Set(changes),
                accepted_findings: Set(Default::default()),
                justification: Set(None),
            }
            .insert(tx)
            .await?;
            step("write the version row");
            Ok(steps)
        })
        .await
}

fn internal(e: serde_json::Error) -> AppError {
    AppError::Internal(e.to_string())
}
