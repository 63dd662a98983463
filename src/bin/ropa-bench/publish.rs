//! Where the time of a publish goes: `statement::publish::rehearse` runs the
//! publish itself, timing each step, and rolls it back (nothing is
//! published).

use entity::enums::Language;
use ropa::compliance::ComplianceGate;
use ropa::db::Scope;
use ropa::error::AppResult;
use ropa::statement::publish::{self, PublishRequest};

/// The milliseconds of each step of publishing the Dutch statement of
/// `scope`'s organization, as `(step, ms)`. The register must differ from
/// the latest version's, or there is nothing to publish.
pub async fn profile(scope: &Scope) -> AppResult<Vec<(&'static str, f64)>> {
    let request = PublishRequest {
        language: Language::Nl,
        summary: "profile".into(),
        material: false,
        effective_from: None,
        accept_findings: Vec::new(),
        justification: None,
    };
    let steps = publish::rehearse(scope, &request, &ComplianceGate).await?;
    Ok(steps
        .taken
        .into_iter()
        .map(|(step, took)| (step, took.as_secs_f64() * 1000.0))
        .collect())
}
