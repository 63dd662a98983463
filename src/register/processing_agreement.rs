//! Processing agreements (GDPR Art. 28(3)) with processors.

use chrono::NaiveDate;
use entity::enums::{AgreementStatus, Art28Clause, SubProcessorAuthorisation};
use entity::processing_agreement::{ActiveModel, Column, Entity, Model};
use entity::processor;
use entity::values::ClauseList;
use sea_orm::sea_query::{Expr, ExprTrait, Func, IntoColumnRef, LikeExpr, Query, SimpleExpr};
use sea_orm::{ColumnTrait, Iterable, Select, Set};
use uuid::Uuid;

use crate::audit::AuditAction;
use crate::db::{Scope, Tx};
use crate::error::{AppError, AppResult};
use crate::register::{listed, validate, versioned, Listing};

#[derive(Clone, Debug)]
pub struct ProcessingAgreementInput {
    pub processor_id: Uuid,
    pub status: AgreementStatus,
    /// Required when the status is `SIGNED`.
    pub signed_on: Option<NaiveDate>,
    pub effective_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    /// Where the signed document is kept.
    pub document_ref: Option<String>,
    /// The Art. 28(3)(a)-(h) clauses the agreement covers.
    pub clauses: Option<Vec<Art28Clause>>,
    pub sub_processor_authorisation: Option<SubProcessorAuthorisation>,
}

#[derive(Debug, Default)]
pub struct ProcessingAgreementFilter {
    /// The search matches the document reference and the processor's name.
    pub listing: Listing,
    pub status: Option<AgreementStatus>,
    pub processor_id: Option<Uuid>,
}

// ---- service ----

pub fn list(scope: &Scope, filter: &ProcessingAgreementFilter) -> AppResult<Select<Entity>> {
    let conditions = [
        filter.listing.search_pattern().map(matching),
        filter.status.map(|status| Column::Status.eq(status)),
        filter.processor_id.map(|id| Column::ProcessorId.eq(id)),
    ];
    Ok(listed(scope, &filter.listing, conditions))
}

/// Agreements whose document reference or processor name contains the
/// search term, in any case. (Agreements keep no search text column of
/// their own; on SQLite, `LOWER` folds ASCII letters only.)
fn matching(pattern: LikeExpr) -> SimpleExpr {
    fn lower(column: impl IntoColumnRef) -> Expr {
        Expr::expr(Func::lower(Expr::col(column)))
    }
    let processors = Query::select()
        .column(processor::Column::Id)
        .from(processor::Entity)
        .and_where(lower((processor::Entity, processor::Column::Name)).like(pattern.clone()))
        .to_owned();
    lower((Entity, Column::DocumentRef))
        .like(pattern)
        .or(Column::ProcessorId.in_subquery(processors))
}

/// The Art. 28(3) clauses an agreement covering `clauses` lacks.
pub fn missing_clauses(clauses: &[Art28Clause]) -> Vec<Art28Clause> {
    Art28Clause::iter()
        .filter(|clause| !clauses.contains(clause))
        .collect()
}

/// The clauses in the order given, each once.
fn distinct_clauses(clauses: &Option<Vec<Art28Clause>>) -> Vec<Art28Clause> {
    let mut distinct = Vec::new();
    for clause in clauses.iter().flatten() {
        if !distinct.contains(clause) {
            distinct.push(*clause);
        }
    }
    distinct
}

/// The checks that need no database.
fn validated(input: &ProcessingAgreementInput) -> AppResult<ActiveModel> {
    let ProcessingAgreementInput {
        signed_on,
        effective_on,
        expires_on,
        ..
    } = *input;
    if input.status == AgreementStatus::Signed && signed_on.is_none() {
        return Err(AppError::validation(
            "input.signedOn",
            "a signed agreement needs its signing date",
        ));
    }
    if let Some(expires_on) = expires_on {
        if signed_on.is_some_and(|signed| expires_on < signed) {
            return Err(AppError::validation(
                "input.expiresOn",
                "must not be before signedOn",
            ));
        }
        if effective_on.is_some_and(|effective| expires_on < effective) {
            return Err(AppError::validation(
                "input.expiresOn",
                "must not be before effectiveOn",
            ));
        }
    }
    Ok(ActiveModel {
        status: Set(input.status),
        signed_on: Set(signed_on),
        effective_on: Set(effective_on),
        expires_on: Set(expires_on),
        document_ref: Set(validate::optional_text(
            &input.document_ref,
            "input.documentRef",
        )?),
        clauses: Set(ClauseList(distinct_clauses(&input.clauses))),
        sub_processor_authorisation: Set(input.sub_processor_authorisation),
        ..Default::default()
    })
}

/// Sets the processor, which must be one of this organization, and not
/// archived unless the agreement (`current`, when changed) already was with
/// it.
async fn with_processor(
    tx: &Tx<'_>,
    input: &ProcessingAgreementInput,
    current: Option<&Model>,
    mut model: ActiveModel,
) -> AppResult<ActiveModel> {
    let kept = current.map(|agreement| agreement.processor_id);
    tx.require::<processor::Entity>(input.processor_id, "input.processorId", kept)
        .await?;
    model.processor_id = Set(input.processor_id);
    Ok(model)
}

entry_services!(ProcessingAgreementInput, with_processor);
