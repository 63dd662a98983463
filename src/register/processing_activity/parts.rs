//! Validating the parts of an activity's input that are stored with it:
//! legal bases, retention, third-country transfers and data sources.

use entity::enums::{ActivityStatus, LegalBasisCode};
use entity::processor;
use entity::values::{DataSource, DataSourceList, Retention, Transfer, TransferList};

use super::{
    DataSourceInput, Kept, ProcessingActivityInput, RetentionInput, TransferInput, ValidBasis,
};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::register::localized;
use crate::register::{eea, validate};

pub(super) fn legal_bases(input: &ProcessingActivityInput) -> AppResult<Vec<ValidBasis>> {
    if input.legal_bases.is_empty() && input.status == ActivityStatus::Active {
        return Err(AppError::validation(
            "input.legalBases",
            "an active activity needs at least one legal basis",
        ));
    }
    let mut bases: Vec<ValidBasis> = Vec::new();
    for (index, basis) in input.legal_bases.iter().enumerate() {
        let field = format!("input.legalBases.{index}");
        if bases.iter().any(|valid| valid.code == basis.code) {
            return Err(AppError::validation(
                format!("{field}.code"),
                "each legal basis may appear only once",
            ));
        }
        let interest = localized::optional_localized(
            &basis.legitimate_interest,
            &format!("{field}.legitimateInterest"),
        )?;
        match (
            basis.code == LegalBasisCode::LegitimateInterests,
            interest.is_empty(),
        ) {
            (true, true) => {
                return Err(AppError::validation(
                    format!("{field}.legitimateInterest"),
                    "spell out the legitimate interest",
                ))
            }
            (false, false) => {
                return Err(AppError::validation(
                    format!("{field}.legitimateInterest"),
                    "only a legitimate interests basis has a legitimate interest",
                ))
            }
            _ => bases.push(ValidBasis {
                code: basis.code,
                legitimate_interest: interest,
                applies_to: Some(localized::optional_localized(
                    &basis.applies_to,
                    &format!("{field}.appliesTo"),
                )?)
                .filter(|text| !text.is_empty()),
            }),
        }
    }
    Ok(bases)
}

pub(super) fn retention(input: &Option<RetentionInput>) -> AppResult<Option<Retention>> {
    let Some(retention) = input else {
        return Ok(None);
    };
    let period = retention
        .period
        .as_deref()
        .map(|p| validate::duration(p, "input.retention.period"))
        .transpose()?;
    let trigger = validate::optional_text(&retention.trigger, "input.retention.trigger")?;
    let description =
        localized::optional_localized(&retention.description, "input.retention.description")?;
    if period.is_none() && trigger.is_none() && description.is_empty() {
        return Err(AppError::validation(
            "input.retention",
            "give a period, a trigger or a description",
        ));
    }
    Ok(Some(Retention {
        period,
        trigger,
        description,
    }))
}

pub(super) async fn transfers(
    tx: &Tx<'_>,
    input: &Option<Vec<TransferInput>>,
    kept: &Kept,
) -> AppResult<TransferList> {
    let mut transfers = Vec::new();
    for (index, transfer) in input.iter().flatten().enumerate() {
        let field = format!("input.transfers.{index}");
        transfers.push(validated_transfer(tx, transfer, &field, kept).await?);
    }
    Ok(TransferList(transfers))
}

/// A transfer is to a third country: one inside the EEA is no transfer
/// (its recipient belongs under `recipientIds`).
async fn validated_transfer(
    tx: &Tx<'_>,
    transfer: &TransferInput,
    field: &str,
    kept: &Kept,
) -> AppResult<Transfer> {
    let country_field = format!("{field}.country");
    let country = validate::country(&transfer.country, &country_field)?;
    if eea::in_eea(&country) {
        return Err(AppError::validation(
            country_field,
            "a country in the EEA receives no third-country transfer",
        ));
    }
    let recipient_id = match transfer.recipient_id {
        Some(id) => {
            let recipient_field = format!("{field}.recipientId");
            tx.require::<processor::Entity>(id, &recipient_field, kept.transfer_recipient(id))
                .await?;
            Some(id)
        }
        None => None,
    };
    Ok(Transfer {
        country,
        recipient_id,
        safeguard: transfer.safeguard,
        description: localized::optional_localized(
            &transfer.description,
            &format!("{field}.description"),
        )?,
    })
}

pub(super) fn sources(input: &Option<Vec<DataSourceInput>>) -> AppResult<DataSourceList> {
    let sources = input
        .iter()
        .flatten()
        .enumerate()
        .map(|(index, source)| {
            Ok(DataSource {
                kind: source.kind,
                description: localized::optional_localized(
                    &source.description,
                    &format!("input.sources.{index}.description"),
                )?,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(DataSourceList(sources))
}
