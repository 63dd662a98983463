//! Backup entries as the inputs of the register services, so an import
//! passes the same checks as the mutations do. Texts are checked here,
//! where the file's keys (`name.nl`) are still known; the services check
//! the rest.

use entity::enums::Language;
use entity::values::{Contact, Localized};

use crate::backup::{
    ActivityEntry, AgreementEntry, DataCategoryEntry, DataSubjectCategoryEntry, OrganizationEntry,
    ProcessorEntry, RightsPolicyEntry, TrackerEntry,
};
use crate::error::{AppError, AppResult};
use crate::register::data_category::DataCategoryInput;
use crate::register::data_subject_category::DataSubjectCategoryInput;
use crate::register::localized::LocalizedTextInput;
use crate::register::organization::{
    AddressInput, ContactInput, OrganizationDetails, SupervisoryAuthorityInput,
};
use crate::register::processing_activity::{
    DataSourceInput, LegalBasisInput, ProcessingActivityInput, RetentionInput, TransferInput,
};
use crate::register::processing_agreement::ProcessingAgreementInput;
use crate::register::processor::ProcessorInput;
use crate::register::rights_policy::{OfferedRightInput, RightsPolicyInput};
use crate::register::tracker::TrackerInput;

/// A text in the file (`{ "nl": "...", "en": "..." }` at `field`) as the
/// translations the services take.
fn texts(localized: &Localized, field: &str) -> AppResult<Vec<LocalizedTextInput>> {
    localized
        .0
        .iter()
        .map(|(code, text)| {
            let field = format!("{field}.{code}");
            let language = Language::from_code(code).ok_or_else(|| {
                AppError::validation(&field, "not a language of ropa: use `nl` or `en`")
            })?;
            if text.trim().is_empty() {
                return Err(AppError::validation(field, "must not be empty"));
            }
            Ok(LocalizedTextInput::new(language, text.clone()))
        })
        .collect()
}

/// An optional text: absent when the file has none.
fn optional_texts(
    localized: &Localized,
    field: &str,
) -> AppResult<Option<Vec<LocalizedTextInput>>> {
    (!localized.is_empty())
        .then(|| texts(localized, field))
        .transpose()
}

/// Every item of a list at `field` in the file, converted by `convert`,
/// which is given the item's own field (`field.index`).
fn each<T, U>(
    items: &[T],
    field: &str,
    convert: impl Fn(&T, &str) -> AppResult<U>,
) -> AppResult<Vec<U>> {
    let items = items.iter().enumerate();
    items
        .map(|(index, item)| convert(item, &format!("{field}.{index}")))
        .collect()
}

fn contact(contact: &Contact) -> ContactInput {
    ContactInput {
        name: contact.name.clone(),
        email: contact.email.clone(),
        phone: contact.phone.clone(),
    }
}

pub fn organization(o: &OrganizationEntry) -> OrganizationDetails {
    OrganizationDetails {
        legal_name: o.legal_name.clone(),
        trade_names: Some(o.trade_names.clone()),
        registration_number: o.registration_number.clone(),
        address: o.address.as_ref().map(|a| AddressInput {
            street: a.street.clone(),
            postal_code: a.postal_code.clone(),
            city: a.city.clone(),
            country: a.country.clone(),
        }),
        contact_email: o.contact_email.clone(),
        privacy_email: o.privacy_email.clone(),
        phone: o.phone.clone(),
        supervisory_authority: o.supervisory_authority.as_ref().map(|a| {
            SupervisoryAuthorityInput {
                name: a.name.clone(),
                url: a.url.clone(),
            }
        }),
        default_language: o.default_language,
        dpo: o.dpo.as_ref().map(contact),
        representative: o.representative.as_ref().map(contact),
        websites: Some(o.websites.clone()),
    }
}

pub fn rights_policy(p: &RightsPolicyEntry, field: &str) -> AppResult<RightsPolicyInput> {
    let rights = each(&p.rights, &format!("{field}.rights"), |offered, at| {
        Ok(OfferedRightInput {
            right: offered.right,
            note: optional_texts(&offered.note, &format!("{at}.note"))?,
        })
    })?;
    let disclosure_purposes = each(
        &p.disclosure_purposes,
        &format!("{field}.disclosurePurposes"),
        texts,
    )?;
    Ok(RightsPolicyInput {
        response_period: p.response_period.clone(),
        opt_out_working_days: p.opt_out_working_days,
        marketing_follow_up_period: p.marketing_follow_up_period.clone(),
        channels: optional_texts(&p.channels, &format!("{field}.channels"))?,
        rights: Some(rights),
        disclosure_purposes: Some(disclosure_purposes),
        unsubscribe: optional_texts(&p.unsubscribe, &format!("{field}.unsubscribe"))?,
    })
}

pub fn data_category(c: &DataCategoryEntry, field: &str) -> AppResult<DataCategoryInput> {
    Ok(DataCategoryInput {
        key: c.key.clone(),
        name: texts(&c.name, &format!("{field}.name"))?,
        description: optional_texts(&c.description, &format!("{field}.description"))?,
        special_category: Some(c.special_category),
        criminal_data: Some(c.criminal_data),
    })
}

pub fn data_subject_category(
    c: &DataSubjectCategoryEntry,
    field: &str,
) -> AppResult<DataSubjectCategoryInput> {
    Ok(DataSubjectCategoryInput {
        key: c.key.clone(),
        name: texts(&c.name, &format!("{field}.name"))?,
        description: optional_texts(&c.description, &format!("{field}.description"))?,
    })
}

pub fn processor(p: &ProcessorEntry, field: &str) -> AppResult<ProcessorInput> {
    Ok(ProcessorInput {
        name: p.name.clone(),
        role: p.role,
        service: optional_texts(&p.service, &format!("{field}.service"))?,
        category: match &p.category {
            Some(category) => optional_texts(category, &format!("{field}.category"))?,
            None => None,
        },
        country: p.country.clone(),
        parent_id: p.parent_id,
        transfer_safeguard: p.transfer_safeguard,
        contact: p.contact.as_ref().map(contact),
        joint_arrangement: match &p.joint_arrangement {
            Some(arrangement) => optional_texts(arrangement, &format!("{field}.jointArrangement"))?,
            None => None,
        },
        imported: true,
    })
}

pub fn agreement(a: &AgreementEntry) -> ProcessingAgreementInput {
    ProcessingAgreementInput {
        processor_id: a.processor_id,
        status: a.status,
        signed_on: a.signed_on,
        effective_on: a.effective_on,
        expires_on: a.expires_on,
        document_ref: a.document_ref.clone(),
        clauses: Some(a.clauses.clone()),
        sub_processor_authorisation: a.sub_processor_authorisation,
    }
}

pub fn tracker(t: &TrackerEntry, field: &str) -> AppResult<TrackerInput> {
    Ok(TrackerInput {
        name: t.name.clone(),
        category: t.category,
        purpose: texts(&t.purpose, &format!("{field}.purpose"))?,
        provider_id: t.provider_id,
        duration: t.duration.clone(),
        activity_ids: Some(t.activity_ids.clone()),
    })
}

pub fn activity(a: &ActivityEntry, field: &str) -> AppResult<ProcessingActivityInput> {
    let at = |name: &str| format!("{field}.{name}");
    let legal_bases = each(&a.legal_bases, &at("legalBases"), |basis, at| {
        Ok(LegalBasisInput {
            code: basis.code,
            legitimate_interest: optional_texts(
                &basis.legitimate_interest,
                &format!("{at}.legitimateInterest"),
            )?,
            applies_to: match &basis.applies_to {
                Some(part) => optional_texts(part, &format!("{at}.appliesTo"))?,
                None => None,
            },
        })
    })?;
    let retention = a
        .retention
        .as_ref()
        .map(|r| -> AppResult<RetentionInput> {
            Ok(RetentionInput {
                period: r.period.clone(),
                trigger: r.trigger.clone(),
                description: optional_texts(&r.description, &at("retention.description"))?,
            })
        })
        .transpose()?;
    let transfers = each(&a.transfers, &at("transfers"), |t, at| {
        Ok(TransferInput {
            country: t.country.clone(),
            recipient_id: t.recipient_id,
            safeguard: t.safeguard,
            description: optional_texts(&t.description, &format!("{at}.description"))?,
        })
    })?;
    let sources = each(&a.sources, &at("sources"), |s, at| {
        Ok(DataSourceInput {
            kind: s.kind,
            description: optional_texts(&s.description, &format!("{at}.description"))?,
        })
    })?;
    Ok(ProcessingActivityInput {
        name: texts(&a.name, &at("name"))?,
        purpose: texts(&a.purpose, &at("purpose"))?,
        purpose_category: a.purpose_category.clone(),
        status: a.status,
        owner: a.owner.clone(),
        legal_bases,
        data_category_ids: a.data_category_ids.clone(),
        data_subject_category_ids: a.data_subject_category_ids.clone(),
        recipient_ids: Some(a.recipient_ids.clone()),
        retention,
        special_category_conditions: Some(a.special_category_conditions.clone()),
        transfers: Some(transfers),
        sources: Some(sources),
        security_measures: optional_texts(&a.security_measures, &at("securityMeasures"))?,
        automated_decision_making: optional_texts(
            &a.automated_decision_making,
            &at("automatedDecisionMaking"),
        )?,
        profiling: match &a.profiling {
            Some(profiling) => optional_texts(profiling, &at("profiling"))?,
            None => None,
        },
        direct_marketing: Some(a.direct_marketing),
        requirement: optional_texts(&a.requirement, &at("requirement"))?,
        dpia_required: Some(a.dpia_required),
        position: Some(a.position),
    })
}

/// A service's error about its input (`input.country`) as an error about
/// the entry at `field` in the file (`processors.2.country`).
pub fn in_file(field: &str) -> impl Fn(AppError) -> AppError + '_ {
    move |error| match error {
        AppError::Validation {
            field: input,
            message,
        } => {
            let rest = input.strip_prefix("input").unwrap_or(&input);
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            let path = if rest.is_empty() {
                field.to_string()
            } else {
                format!("{field}.{rest}")
            };
            AppError::validation(path, message)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn localized(pairs: &[(&str, &str)]) -> Localized {
        Localized(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    fn field_of(error: AppError) -> String {
        match error {
            AppError::Validation { field, .. } => field,
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn texts_name_their_language_in_errors() {
        assert_eq!(
            texts(&localized(&[("nl", "a"), ("en", "b")]), "x")
                .unwrap()
                .len(),
            2
        );
        let unknown = texts(&localized(&[("de", "a")]), "activities.0.name").unwrap_err();
        assert_eq!(field_of(unknown), "activities.0.name.de");
        let blank = texts(&localized(&[("nl", " ")]), "activities.0.name").unwrap_err();
        assert_eq!(field_of(blank), "activities.0.name.nl");
        assert!(optional_texts(&Localized::default(), "x")
            .unwrap()
            .is_none());
    }

    #[test]
    fn service_errors_point_into_the_file() {
        let moved =
            |input: &str| field_of(in_file("processors.2")(AppError::validation(input, "bad")));
        assert_eq!(moved("input.country"), "processors.2.country");
        assert_eq!(moved("input"), "processors.2");
        assert_eq!(
            moved("input.legalBases.0.code"),
            "processors.2.legalBases.0.code"
        );
        assert_eq!(moved("summary"), "processors.2.summary");
    }
}
