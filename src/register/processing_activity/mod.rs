//! Processing activities: the entries of the record of processing
//! (GDPR Art. 30(1)), each with its purpose, legal bases, data, data
//! subjects, recipients, transfers, sources and retention.

mod links;
mod parts;

use entity::enums::{
    ActivityStatus, DataSourceKind, LegalBasisCode, SpecialCategoryCondition, TransferSafeguard,
};
use entity::processing_activity::{ActiveModel, Column, Entity, Model};
use entity::values::{ConditionList, Localized};
use entity::{
    activity_data_category, activity_data_subject_category, activity_legal_basis,
    activity_recipient, data_category, data_subject_category, processor,
};
use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm::{ColumnTrait, Select, Set, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::{self, AuditAction};
use crate::db::links::ActivityLink;
use crate::db::{Scope, TenantOwned, Tx};
use crate::error::{AppError, AppResult};
use crate::register::localized::{self, LocalizedTextInput};
use crate::register::{listed, search_text, validate, versioned, Listing};

use self::links::write_links;
pub use self::links::{snapshot, with_all_links, with_links};
use self::parts::{legal_bases, retention, sources, transfers};

#[derive(Clone, Debug)]
pub struct LegalBasisInput {
    pub code: LegalBasisCode,
    /// Required when the basis is legitimate interests: whose interest, and what it is.
    pub legitimate_interest: Option<Vec<LocalizedTextInput>>,
    /// Which part of the processing rests on this basis, where the activity
    /// has several.
    pub applies_to: Option<Vec<LocalizedTextInput>>,
}

#[derive(Clone, Debug)]
pub struct RetentionInput {
    /// ISO 8601 duration, e.g. `P2Y`; absent when the keeping ends with an event.
    pub period: Option<String>,
    /// The event the period counts from or the keeping ends with, e.g. `CONSENT_WITHDRAWN`.
    pub trigger: Option<String>,
    pub description: Option<Vec<LocalizedTextInput>>,
}

#[derive(Clone, Debug)]
pub struct TransferInput {
    /// ISO 3166-1 alpha-2 of the country outside the EEA (an EEA country is
    /// refused: data moving within the EEA is no third-country transfer).
    pub country: String,
    pub recipient_id: Option<Uuid>,
    pub safeguard: TransferSafeguard,
    pub description: Option<Vec<LocalizedTextInput>>,
}

#[derive(Clone, Debug)]
pub struct DataSourceInput {
    pub kind: DataSourceKind,
    pub description: Option<Vec<LocalizedTextInput>>,
}

#[derive(Clone, Debug)]
pub struct ProcessingActivityInput {
    pub name: Vec<LocalizedTextInput>,
    pub purpose: Vec<LocalizedTextInput>,
    /// A purpose term, e.g. the W3C DPV `dpv:CustomerCare`.
    pub purpose_category: Option<String>,
    pub status: ActivityStatus,
    /// The department or person responsible.
    pub owner: Option<String>,
    pub legal_bases: Vec<LegalBasisInput>,
    pub data_category_ids: Vec<Uuid>,
    pub data_subject_category_ids: Vec<Uuid>,
    /// Processors and other third parties that receive the data.
    pub recipient_ids: Option<Vec<Uuid>>,
    pub retention: Option<RetentionInput>,
    /// GDPR Art. 9(2) conditions; required when special category data is processed.
    pub special_category_conditions: Option<Vec<SpecialCategoryCondition>>,
    pub transfers: Option<Vec<TransferInput>>,
    pub sources: Option<Vec<DataSourceInput>>,
    pub security_measures: Option<Vec<LocalizedTextInput>>,
    /// Only decisions under GDPR Art. 22 (based solely on automated
    /// processing, with legal or similarly significant effects): the logic,
    /// significance and consequences. Absent: no such decisions.
    pub automated_decision_making: Option<Vec<LocalizedTextInput>>,
    /// Profiling that is not a decision under Art. 22. Absent: none.
    pub profiling: Option<Vec<LocalizedTextInput>>,
    /// The purpose is direct marketing (GDPR Art. 21(2)-(3)).
    pub direct_marketing: Option<bool>,
    /// Whether providing the data is a statutory or contractual requirement, and the consequences of not providing it.
    pub requirement: Option<Vec<LocalizedTextInput>>,
    pub dpia_required: Option<bool>,
    /// Order in the statement; lower comes first.
    pub position: Option<i32>,
}

#[derive(Debug, Default)]
pub struct ProcessingActivityFilter {
    /// The search matches names and purposes.
    pub listing: Listing,
    pub status: Option<ActivityStatus>,
    pub legal_basis: Option<LegalBasisCode>,
    pub data_category_id: Option<Uuid>,
    pub data_subject_category_id: Option<Uuid>,
    /// Activities that share data with this processor.
    pub processor_id: Option<Uuid>,
}

// ---- service ----

/// An activity with its links, as the audit trail and statement snapshots
/// record it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivitySnapshot {
    #[serde(flatten)]
    pub activity: Model,
    pub legal_bases: Vec<activity_legal_basis::Model>,
    pub data_category_ids: Vec<Uuid>,
    pub data_subject_category_ids: Vec<Uuid>,
    pub recipient_ids: Vec<Uuid>,
}

impl ActivitySnapshot {
    /// Whether the activity rests (in part) on `code`.
    pub fn has_basis(&self, code: LegalBasisCode) -> bool {
        self.legal_bases.iter().any(|basis| basis.code == code)
    }

    /// Whether the activity rests on consent: as its legal basis, or as the
    /// explicit consent of Art. 9(2)(a) for special category data.
    pub fn has_consent(&self) -> bool {
        self.has_basis(LegalBasisCode::Consent)
            || self
                .activity
                .special_category_conditions
                .contains(&SpecialCategoryCondition::ExplicitConsent)
    }
}

/// The links of an activity, validated.
/// A legal basis as validated, ready to be written.
#[derive(Clone, Debug)]
struct ValidBasis {
    code: LegalBasisCode,
    legitimate_interest: Localized,
    applies_to: Option<Localized>,
}

struct Links {
    legal_bases: Vec<ValidBasis>,
    data_category_ids: Vec<Uuid>,
    data_subject_category_ids: Vec<Uuid>,
    recipient_ids: Vec<Uuid>,
}

pub fn list(scope: &Scope, filter: &ProcessingActivityFilter) -> AppResult<Select<Entity>> {
    let conditions = [
        filter.listing.searching(Column::SearchText),
        filter.status.map(|status| Column::Status.eq(status)),
        linked(activity_legal_basis::Column::Code, filter.legal_basis),
        linked(
            activity_data_category::Column::DataCategoryId,
            filter.data_category_id,
        ),
        linked(
            activity_data_subject_category::Column::DataSubjectCategoryId,
            filter.data_subject_category_id,
        ),
        linked(activity_recipient::Column::ProcessorId, filter.processor_id),
    ];
    Ok(listed(scope, &filter.listing, conditions))
}

/// The activities with a link row whose `column` is `value`; `None`
/// without a value.
fn linked<C, V>(column: C, value: Option<V>) -> Option<SimpleExpr>
where
    C: ColumnTrait,
    C::EntityName: ActivityLink,
    V: Into<Value>,
{
    let links = Query::select()
        .column(C::EntityName::activity_column())
        .from(C::EntityName::default())
        .and_where(column.eq(value?))
        .to_owned();
    Some(Column::Id.in_subquery(links))
}

/// The references an activity already has (none for a new one): they stay
/// valid after their target is archived, where a new reference would not.
#[derive(Default)]
struct Kept {
    data_category_ids: Vec<Uuid>,
    data_subject_category_ids: Vec<Uuid>,
    recipient_ids: Vec<Uuid>,
    transfer_recipient_ids: Vec<Uuid>,
}

impl Kept {
    fn of(activity: &ActivitySnapshot) -> Kept {
        Kept {
            data_category_ids: activity.data_category_ids.clone(),
            data_subject_category_ids: activity.data_subject_category_ids.clone(),
            recipient_ids: activity.recipient_ids.clone(),
            transfer_recipient_ids: activity
                .activity
                .transfers
                .iter()
                .filter_map(|transfer| transfer.recipient_id)
                .collect(),
        }
    }

    fn transfer_recipient(&self, id: Uuid) -> Option<Uuid> {
        self.transfer_recipient_ids.contains(&id).then_some(id)
    }
}

/// Validates the input against the register (references must be this
/// organization's, and new ones not archived) and returns the row's
/// columns and the links.
async fn validated(
    tx: &Tx<'_>,
    input: &ProcessingActivityInput,
    kept: &Kept,
) -> AppResult<(ActiveModel, Links)> {
    let name = localized::to_required_localized(&input.name, "input.name")?;
    let purpose = localized::to_required_localized(&input.purpose, "input.purpose")?;
    let legal_bases = legal_bases(input)?;
    let data_category_ids =
        validate::distinct_ids(&input.data_category_ids, "input.dataCategoryIds")?;
    let data_subject_category_ids = validate::distinct_ids(
        &input.data_subject_category_ids,
        "input.dataSubjectCategoryIds",
    )?;
    let recipient_ids = validate::distinct_ids(
        input.recipient_ids.as_deref().unwrap_or_default(),
        "input.recipientIds",
    )?;
    let categories = tx
        .require_all::<data_category::Entity>(
            &data_category_ids,
            "input.dataCategoryIds",
            &kept.data_category_ids,
        )
        .await?;
    tx.require_all::<data_subject_category::Entity>(
        &data_subject_category_ids,
        "input.dataSubjectCategoryIds",
        &kept.data_subject_category_ids,
    )
    .await?;
    tx.require_all::<processor::Entity>(&recipient_ids, "input.recipientIds", &kept.recipient_ids)
        .await?;

    let mut conditions = input
        .special_category_conditions
        .clone()
        .unwrap_or_default();
    conditions.sort();
    conditions.dedup();
    if categories.iter().any(|c| c.special_category) && conditions.is_empty() {
        return Err(AppError::validation(
            "input.specialCategoryConditions",
            "special category data needs an Art. 9(2) condition",
        ));
    }
    let model = ActiveModel {
        search_text: Set(search_text(&[], &[&name, &purpose])),
        name: Set(name),
        purpose: Set(purpose),
        purpose_category: Set(validate::optional_text(
            &input.purpose_category,
            "input.purposeCategory",
        )?),
        status: Set(input.status),
        owner: Set(validate::optional_text(&input.owner, "input.owner")?),
        retention: Set(retention(&input.retention)?),
        special_category_conditions: Set(ConditionList(conditions)),
        transfers: Set(transfers(tx, &input.transfers, kept).await?),
        sources: Set(sources(&input.sources)?),
        security_measures: Set(localized::optional_localized(
            &input.security_measures,
            "input.securityMeasures",
        )?),
        automated_decision_making: Set(localized::optional_localized(
            &input.automated_decision_making,
            "input.automatedDecisionMaking",
        )?),
        requirement: Set(localized::optional_localized(
            &input.requirement,
            "input.requirement",
        )?),
        profiling: Set(Some(localized::optional_localized(
            &input.profiling,
            "input.profiling",
        )?)
        .filter(|text| !text.is_empty())),
        direct_marketing: Set(input.direct_marketing.unwrap_or(false)),
        dpia_required: Set(input.dpia_required.unwrap_or(false)),
        position: Set(input.position.unwrap_or(0)),
        ..Default::default()
    };
    Ok((
        model,
        Links {
            legal_bases,
            data_category_ids,
            data_subject_category_ids,
            recipient_ids,
        },
    ))
}

/// Creates the activity with id `id`.
pub async fn create(tx: &Tx<'_>, id: Uuid, input: &ProcessingActivityInput) -> AppResult<Model> {
    let (mut model, links) = validated(tx, input, &Kept::default()).await?;
    model.id = Set(id);
    let created = versioned::insert_quietly::<Entity, _>(tx, model).await?;
    write_links(tx, created.id, &links).await?;
    let after = snapshot(tx, created.clone()).await?;
    audit::record(
        tx,
        Entity::TYPE,
        created.id,
        AuditAction::Create,
        None,
        Some(&after),
    )
    .await?;
    Ok(created)
}

/// A change of an existing activity.
enum Change<'a> {
    Update(&'a ProcessingActivityInput),
    Archive,
}

pub async fn update(
    tx: &Tx<'_>,
    id: Uuid,
    input: &ProcessingActivityInput,
    expected: i32,
) -> AppResult<Model> {
    change(tx, id, expected, Change::Update(input)).await
}

pub async fn archive(tx: &Tx<'_>, id: Uuid, expected: i32) -> AppResult<Model> {
    change(tx, id, expected, Change::Archive).await
}

/// Like the generic update and archive, but the audit event records the
/// activity with its links, as its creation event does.
async fn change(tx: &Tx<'_>, id: Uuid, expected: i32, change: Change<'_>) -> AppResult<Model> {
    let action = match change {
        Change::Update(_) => AuditAction::Update,
        Change::Archive => AuditAction::Archive,
    };
    let current = versioned::current::<Entity>(tx, id, expected, action).await?;
    let before = snapshot(tx, current).await?;
    let changed = match change {
        Change::Update(input) => {
            let (changes, links) = validated(tx, input, &Kept::of(&before)).await?;
            let updated = versioned::save::<Entity, _>(tx, id, expected, changes).await?;
            write_links(tx, id, &links).await?;
            updated
        }
        Change::Archive => {
            let changes = versioned::archived::<Entity, ActiveModel>();
            versioned::save::<Entity, _>(tx, id, expected, changes).await?
        }
    };
    let after = snapshot(tx, changed.clone()).await?;
    audit::record(tx, Entity::TYPE, id, action, Some(&before), Some(&after)).await?;
    Ok(changed)
}
