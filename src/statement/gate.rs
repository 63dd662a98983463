//! The publish gate: while blocking compliance findings stand, a publish is
//! refused unless the publisher accepts each of them, with a reason. A
//! finding is accepted by its code (every finding of that code) or by its
//! key, `CODE:entity-id` (that one finding), as the compliance report gives
//! both.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::db::Tx;
use crate::error::{AppError, AppResult, BlockingFinding};
use crate::register::validate;
use crate::register_snapshot::RegisterSnapshot;

/// A boxed future that a generic caller can name as `Send`.
pub type GateFuture<'a> =
    Pin<Box<dyn Future<Output = AppResult<Vec<BlockingFinding>>> + Send + 'a>>;

/// What stands in the way of publishing: the blocking findings about the
/// register read in `tx` as `snapshot`. The compliance report implements
/// it; this layer only knows that findings can block.
pub trait Gate: Sync {
    fn blocking<'a>(
        &'a self,
        tx: &'a Tx<'a>,
        snapshot: &'a Arc<RegisterSnapshot>,
    ) -> GateFuture<'a>;
}

/// The accepted findings and the reason, checked: each named once, none
/// blank, and a justification exactly when something is accepted.
pub(super) fn acceptance(
    accept_findings: &[String],
    justification: &Option<String>,
) -> AppResult<(Vec<String>, Option<String>)> {
    let mut accepted: Vec<String> = Vec::new();
    for (index, item) in accept_findings.iter().enumerate() {
        let item = validate::required_text(item, &format!("acceptFindings.{index}"))?;
        if !accepted.contains(&item) {
            accepted.push(item);
        }
    }
    let justification = validate::optional_text(justification, "justification")?;
    match (accepted.is_empty(), &justification) {
        (false, None) => Err(AppError::validation(
            "justification",
            "say why the accepted findings may stand",
        )),
        (true, Some(_)) => Err(AppError::validation(
            "justification",
            "justifies accepted findings: name them in acceptFindings",
        )),
        _ => Ok((accepted, justification)),
    }
}

/// Refuses the publish unless every blocking finding is accepted; an
/// acceptance that matches no blocking finding is a mistake of its own.
/// Answers the keys of the findings accepted.
pub(super) fn pass_gate(
    blocking: Vec<BlockingFinding>,
    accepted: &[String],
) -> AppResult<Vec<String>> {
    let matches =
        |item: &str, finding: &BlockingFinding| item == finding.code || item == finding.key;
    for (index, item) in accepted.iter().enumerate() {
        if !blocking.iter().any(|finding| matches(item, finding)) {
            return Err(AppError::validation(
                format!("acceptFindings.{index}"),
                format!("no blocking finding `{item}` stands: accept only findings the compliance report lists as BLOCKING"),
            ));
        }
    }
    let (passed, standing): (Vec<BlockingFinding>, Vec<BlockingFinding>) = blocking
        .into_iter()
        .partition(|finding| accepted.iter().any(|item| matches(item, finding)));
    if !standing.is_empty() {
        return Err(AppError::BlockingFindings(standing));
    }
    Ok(passed.into_iter().map(|finding| finding.key).collect())
}
