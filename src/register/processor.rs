//! Processors and other third parties that receive personal data.

use std::collections::HashSet;

use entity::enums::{ProcessorRole, TransferSafeguard};
use entity::processor::{ActiveModel, Column, Entity, Model};
use entity::values::Localized;
use sea_orm::{ColumnTrait, Select, Set};
use uuid::Uuid;

use super::organization::ContactInput;
use crate::audit::AuditAction;
use crate::db::{Scope, Tx};
use crate::error::{AppError, AppResult};
use crate::register::localized::{self, LocalizedTextInput};
use crate::register::{eea, listed, validate, versioned, Listing};

#[derive(Clone, Debug)]
pub struct ProcessorInput {
    pub name: String,
    pub role: ProcessorRole,
    /// What the processor does for the organization.
    pub service: Option<Vec<LocalizedTextInput>>,
    /// The kind of recipient, e.g. "mailing house"; the statement names the
    /// recipient by it (GDPR Art. 13(1)(e) allows categories of recipients).
    pub category: Option<Vec<LocalizedTextInput>>,
    /// ISO 3166-1 alpha-2, or `ZZ` when where the recipient is established
    /// is not known.
    pub country: String,
    /// The processor a sub-processor works for: required for
    /// `SUB_PROCESSOR`, refused for every other role.
    pub parent_id: Option<Uuid>,
    /// Required when the country is outside the EEA (`NONE` records that
    /// there is none); refused inside it.
    pub transfer_safeguard: Option<TransferSafeguard>,
    pub contact: Option<ContactInput>,
    /// The essence of the arrangement between joint controllers (GDPR
    /// Art. 26(2)): required for `JOINT_CONTROLLER`, refused for every
    /// other role.
    pub joint_arrangement: Option<Vec<LocalizedTextInput>>,
    /// Read from a backup: a joint controller recorded before the register
    /// held arrangements may lack one (the compliance report flags it).
    pub imported: bool,
}

#[derive(Debug, Default)]
pub struct ProcessorFilter {
    /// The search matches name, country and service description.
    pub listing: Listing,
    pub role: Option<ProcessorRole>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
}

// ---- service ----

pub fn list(scope: &Scope, filter: &ProcessorFilter) -> AppResult<Select<Entity>> {
    // Countries are stored upper case (see `validate::country`).
    let country = filter.country.as_deref().map(str::trim);
    let conditions = [
        filter.listing.searching(Column::SearchText),
        filter.role.map(|role| Column::Role.eq(role)),
        country.map(|c| Column::Country.eq(c.to_ascii_uppercase())),
    ];
    Ok(listed(scope, &filter.listing, conditions))
}

/// The checks that need no database.
fn validated(input: &ProcessorInput) -> AppResult<ActiveModel> {
    let name = validate::required_text(&input.name, "input.name")?;
    let country = if eea::is_unknown(&input.country) {
        eea::UNKNOWN_COUNTRY.to_string()
    } else {
        validate::country(&input.country, "input.country")?
    };
    let service = localized::optional_localized(&input.service, "input.service")?;
    let category = localized::optional_localized(&input.category, "input.category")?;
    let contact = input
        .contact
        .as_ref()
        .map(|contact| contact.to_contact("input.contact"))
        .transpose()?;
    check_role_and_parent(input)?;
    let joint_arrangement = joint_arrangement(input)?;
    let transfer_safeguard = transfer_safeguard(&country, input.transfer_safeguard)?;
    Ok(ActiveModel {
        search_text: Set(super::search_text(
            &[&name, &country],
            &[&service, &category],
        )),
        category: Set((!category.is_empty()).then_some(category)),
        name: Set(name),
        role: Set(input.role),
        service: Set(service),
        country: Set(country),
        contact: Set(contact),
        transfer_safeguard: Set(transfer_safeguard),
        joint_arrangement: Set(joint_arrangement),
        ..Default::default()
    })
}

const PARENT_FIELD: &str = "input.parentId";

/// A sub-processor works for a processor, named as its parent; no other
/// role has one.
fn check_role_and_parent(input: &ProcessorInput) -> AppResult<()> {
    present_when(
        input.role == ProcessorRole::SubProcessor,
        input.parent_id.is_some(),
        PARENT_FIELD,
        "a sub-processor needs the processor it works for",
        "only a sub-processor has a parent processor",
    )
}

/// Something at `field` is `present`, which it must be when `required` and
/// must not be otherwise: `missing` and `unexpected` say what is wrong.
fn present_when(
    required: bool,
    present: bool,
    field: &str,
    missing: &str,
    unexpected: &str,
) -> AppResult<()> {
    match (required, present) {
        (true, false) => Err(AppError::validation(field, missing)),
        (false, true) => Err(AppError::validation(field, unexpected)),
        _ => Ok(()),
    }
}

/// A joint controller states the essence of the arrangement (GDPR
/// Art. 26(2)); no other role has one.
fn joint_arrangement(input: &ProcessorInput) -> AppResult<Option<Localized>> {
    const FIELD: &str = "input.jointArrangement";
    let arrangement = localized::optional_localized(&input.joint_arrangement, FIELD)?;
    match (
        input.role == ProcessorRole::JointController,
        arrangement.is_empty(),
    ) {
        (true, true) if !input.imported => Err(AppError::validation(
            FIELD,
            "a joint controller needs the essence of the arrangement",
        )),
        (false, false) => Err(AppError::validation(
            FIELD,
            "only a joint controller has a joint arrangement",
        )),
        (true, false) => Ok(Some(arrangement)),
        _ => Ok(None),
    }
}

/// Data sent to a processor outside the EEA is a third-country transfer,
/// which needs a safeguard (`NONE` records that there is none); inside the
/// EEA there is no transfer to safeguard.
fn transfer_safeguard(
    country: &str,
    safeguard: Option<TransferSafeguard>,
) -> AppResult<Option<TransferSafeguard>> {
    const FIELD: &str = "input.transferSafeguard";
    if eea::is_unknown(country) {
        // Whether there is a transfer is not known; a safeguard already
        // agreed may be recorded.
        return Ok(safeguard);
    }
    present_when(
        !eea::in_eea(country),
        safeguard.is_some(),
        FIELD,
        "a processor outside the EEA needs a transfer safeguard",
        "a processor in the EEA receives no third-country transfer to safeguard",
    )?;
    Ok(safeguard)
}

/// The parent must be a processor of this organization (not archived,
/// unless it already was the parent of `current`, the processor being
/// changed), and following parents from it must never lead back to
/// `current` (no cycles).
async fn validated_parent(
    tx: &Tx<'_>,
    current: Option<&Model>,
    parent: Option<Uuid>,
) -> AppResult<Option<Uuid>> {
    let Some(parent) = parent else {
        return Ok(None);
    };
    let Some(current) = current else {
        // A new processor has no sub-processors, so no cycle to close.
        tx.require::<Entity>(parent, PARENT_FIELD, None).await?;
        return Ok(Some(parent));
    };
    if parent == current.id {
        return Err(AppError::validation(
            PARENT_FIELD,
            "a processor cannot be its own parent",
        ));
    }
    // Two concurrent changes could each close half of a cycle; they do not
    // run side by side: every change takes its organization's row first
    // (`Scope::write`).
    let parent_row = tx
        .require::<Entity>(parent, PARENT_FIELD, current.parent_id)
        .await?;
    check_no_cycle(tx, current.id, parent_row).await?;
    Ok(Some(parent))
}

/// Following parents up from `parent` must not reach `id`.
async fn check_no_cycle(tx: &Tx<'_>, id: Uuid, parent: Model) -> AppResult<()> {
    let mut seen = HashSet::from([parent.id]);
    let mut ancestor = parent.parent_id;
    while let Some(current) = ancestor.filter(|a| seen.insert(*a)) {
        if current == id {
            return Err(AppError::validation(
                PARENT_FIELD,
                "a processor cannot be a sub-processor of its own sub-processor",
            ));
        }
        ancestor = super::found(tx.get::<Entity>(current).await)?.and_then(|p| p.parent_id);
    }
    Ok(())
}

/// Sets the checked parent (see `validated_parent`).
async fn with_parent(
    tx: &Tx<'_>,
    input: &ProcessorInput,
    current: Option<&Model>,
    mut model: ActiveModel,
) -> AppResult<ActiveModel> {
    model.parent_id = Set(validated_parent(tx, current, input.parent_id).await?);
    Ok(model)
}

entry_services!(ProcessorInput, with_parent);
