//! The backup of an organization's register: every entry, drafts, retired
//! and archived ones included, with its id and its links, in a document
//! that `importRegister` reads back. The same document is written as JSON
//! and as YAML.
//!
//! Field names follow the GraphQL inputs, so an import error such as
//! `activities.3.dataCategoryIds.0` names the place in the file the same way
//! a mutation error names the place in its input. Revisions and timestamps
//! are not part of it: they describe the database, not the register, and an
//! import is a change of its own.

use chrono::{DateTime, Utc};
use entity::enums::{
    ActivityStatus, AgreementStatus, Art28Clause, Language, LegalBasisCode, ProcessorRole,
    SpecialCategoryCondition, SubProcessorAuthorisation, TransferSafeguard,
};
use entity::values::{
    Address, Contact, DataSource, Localized, OfferedRight, Retention, SupervisoryAuthority,
};
use entity::{
    data_category, data_subject_category, organization, processing_agreement, processor,
    rights_policy,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::register::processing_activity::ActivitySnapshot;
use crate::statement::snapshot::RegisterSnapshot;

/// The `format` every backup names.
pub const FORMAT: &str = "ropa-register-backup";
/// The version of the backup document this ropa writes and reads. A change
/// that older readers would misread raises it.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Backup {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`] when written by this ropa.
    pub version: u32,
    /// When the backup was taken; for the reader, not imported.
    pub exported_at: Option<DateTime<Utc>>,
    pub organization: OrganizationEntry,
    pub rights_policy: Option<RightsPolicyEntry>,
    #[serde(default)]
    pub data_categories: Vec<DataCategoryEntry>,
    #[serde(default)]
    pub data_subject_categories: Vec<DataSubjectCategoryEntry>,
    #[serde(default)]
    pub processors: Vec<ProcessorEntry>,
    #[serde(default)]
    pub agreements: Vec<AgreementEntry>,
    #[serde(default)]
    pub activities: Vec<ActivityEntry>,
}

/// The organization; `id` and `slug` say where the backup was taken and are
/// not imported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrganizationEntry {
    pub id: Uuid,
    pub slug: String,
    pub legal_name: String,
    #[serde(default)]
    pub trade_names: Vec<String>,
    pub registration_number: Option<String>,
    pub address: Option<Address>,
    pub contact_email: Option<String>,
    pub privacy_email: Option<String>,
    pub phone: Option<String>,
    pub supervisory_authority: Option<SupervisoryAuthority>,
    pub default_language: Language,
    pub dpo: Option<Contact>,
    pub representative: Option<Contact>,
    #[serde(default)]
    pub websites: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RightsPolicyEntry {
    pub response_period: String,
    pub opt_out_working_days: Option<i32>,
    pub marketing_follow_up_period: Option<String>,
    #[serde(default)]
    pub channels: Localized,
    #[serde(default)]
    pub rights: Vec<OfferedRight>,
    #[serde(default)]
    pub disclosure_purposes: Vec<Localized>,
    #[serde(default)]
    pub unsubscribe: Localized,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataCategoryEntry {
    pub id: Uuid,
    pub key: String,
    pub name: Localized,
    #[serde(default)]
    pub description: Localized,
    #[serde(default)]
    pub special_category: bool,
    #[serde(default)]
    pub criminal_data: bool,
    pub archived_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataSubjectCategoryEntry {
    pub id: Uuid,
    pub key: String,
    pub name: Localized,
    #[serde(default)]
    pub description: Localized,
    pub archived_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProcessorEntry {
    pub id: Uuid,
    pub name: String,
    pub role: ProcessorRole,
    #[serde(default)]
    pub service: Localized,
    pub category: Option<Localized>,
    pub country: String,
    pub contact: Option<Contact>,
    pub parent_id: Option<Uuid>,
    pub transfer_safeguard: Option<TransferSafeguard>,
    pub archived_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgreementEntry {
    pub id: Uuid,
    pub processor_id: Uuid,
    pub status: AgreementStatus,
    pub signed_on: Option<chrono::NaiveDate>,
    pub effective_on: Option<chrono::NaiveDate>,
    pub expires_on: Option<chrono::NaiveDate>,
    pub document_ref: Option<String>,
    #[serde(default)]
    pub clauses: Vec<Art28Clause>,
    pub sub_processor_authorisation: Option<SubProcessorAuthorisation>,
    pub archived_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActivityEntry {
    pub id: Uuid,
    pub name: Localized,
    pub purpose: Localized,
    pub purpose_category: Option<String>,
    pub status: ActivityStatus,
    pub owner: Option<String>,
    #[serde(default)]
    pub position: i32,
    #[serde(default)]
    pub legal_bases: Vec<LegalBasisEntry>,
    #[serde(default)]
    pub data_category_ids: Vec<Uuid>,
    #[serde(default)]
    pub data_subject_category_ids: Vec<Uuid>,
    #[serde(default)]
    pub recipient_ids: Vec<Uuid>,
    pub retention: Option<Retention>,
    #[serde(default)]
    pub special_category_conditions: Vec<SpecialCategoryCondition>,
    #[serde(default)]
    pub transfers: Vec<TransferEntry>,
    #[serde(default)]
    pub sources: Vec<DataSource>,
    #[serde(default)]
    pub security_measures: Localized,
    #[serde(default)]
    pub automated_decision_making: Localized,
    #[serde(default)]
    pub requirement: Localized,
    #[serde(default)]
    pub dpia_required: bool,
    pub archived_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LegalBasisEntry {
    pub code: LegalBasisCode,
    #[serde(default)]
    pub legitimate_interest: Localized,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransferEntry {
    pub country: String,
    pub recipient_id: Option<Uuid>,
    pub safeguard: TransferSafeguard,
    #[serde(default)]
    pub description: Localized,
}

/// An entry of a backup list: it has an id and may be archived.
pub trait Entry: Clone + PartialEq {
    fn id(&self) -> Uuid;
    fn archived_at(&self) -> Option<DateTime<Utc>>;
    fn set_archived_at(&mut self, at: Option<DateTime<Utc>>);

    /// Whether `other` holds the same register entry, whenever either was
    /// archived: an import archives at its own time.
    fn same_as(&self, other: &Self) -> bool {
        self.archived_at().is_some() == other.archived_at().is_some() && {
            let mut other = other.clone();
            other.set_archived_at(self.archived_at());
            *self == other
        }
    }
}

macro_rules! entry {
    ($($entry:ident),+) => {$(
        impl Entry for $entry {
            fn id(&self) -> Uuid {
                self.id
            }
            fn archived_at(&self) -> Option<DateTime<Utc>> {
                self.archived_at
            }
            fn set_archived_at(&mut self, at: Option<DateTime<Utc>>) {
                self.archived_at = at;
            }
        }
    )+};
}

entry!(
    DataCategoryEntry,
    DataSubjectCategoryEntry,
    ProcessorEntry,
    AgreementEntry,
    ActivityEntry
);

impl Backup {
    /// The backup of a register read with `snapshot::load_all`.
    pub fn of(register: &RegisterSnapshot, exported_at: DateTime<Utc>) -> Backup {
        Backup {
            format: FORMAT.to_string(),
            version: VERSION,
            exported_at: Some(exported_at),
            organization: OrganizationEntry::from(&register.organization),
            rights_policy: register.rights_policy.as_ref().map(RightsPolicyEntry::from),
            data_categories: register.data_categories.iter().map(Into::into).collect(),
            data_subject_categories: register
                .data_subject_categories
                .iter()
                .map(Into::into)
                .collect(),
            processors: register.processors.iter().map(Into::into).collect(),
            agreements: register.agreements.iter().map(Into::into).collect(),
            activities: register.activities.iter().map(Into::into).collect(),
        }
    }
}

impl From<&organization::Model> for OrganizationEntry {
    fn from(o: &organization::Model) -> Self {
        OrganizationEntry {
            id: o.id,
            slug: o.slug.clone(),
            legal_name: o.legal_name.clone(),
            trade_names: o.trade_names.0.clone(),
            registration_number: o.registration_number.clone(),
            address: o.address.clone(),
            contact_email: o.contact_email.clone(),
            privacy_email: o.privacy_email.clone(),
            phone: o.phone.clone(),
            supervisory_authority: o.supervisory_authority.clone(),
            default_language: o.default_language,
            dpo: o.dpo.clone(),
            representative: o.representative.clone(),
            websites: o.websites.0.clone(),
        }
    }
}

impl From<&rights_policy::Model> for RightsPolicyEntry {
    fn from(p: &rights_policy::Model) -> Self {
        RightsPolicyEntry {
            response_period: p.response_period.clone(),
            opt_out_working_days: p.opt_out_working_days,
            marketing_follow_up_period: p.marketing_follow_up_period.clone(),
            channels: p.channels.clone(),
            rights: p.rights.0.clone(),
            disclosure_purposes: p.disclosure_purposes.0.clone(),
            unsubscribe: p.unsubscribe.clone(),
        }
    }
}

impl From<&data_category::Model> for DataCategoryEntry {
    fn from(c: &data_category::Model) -> Self {
        DataCategoryEntry {
            id: c.id,
            key: c.key.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            special_category: c.special_category,
            criminal_data: c.criminal_data,
            archived_at: c.archived_at,
        }
    }
}

impl From<&data_subject_category::Model> for DataSubjectCategoryEntry {
    fn from(c: &data_subject_category::Model) -> Self {
        DataSubjectCategoryEntry {
            id: c.id,
            key: c.key.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            archived_at: c.archived_at,
        }
    }
}

impl From<&processor::Model> for ProcessorEntry {
    fn from(p: &processor::Model) -> Self {
        ProcessorEntry {
            id: p.id,
            name: p.name.clone(),
            role: p.role,
            service: p.service.clone(),
            category: p.category.clone(),
            country: p.country.clone(),
            contact: p.contact.clone(),
            parent_id: p.parent_id,
            transfer_safeguard: p.transfer_safeguard,
            archived_at: p.archived_at,
        }
    }
}

impl From<&processing_agreement::Model> for AgreementEntry {
    fn from(a: &processing_agreement::Model) -> Self {
        AgreementEntry {
            id: a.id,
            processor_id: a.processor_id,
            status: a.status,
            signed_on: a.signed_on,
            effective_on: a.effective_on,
            expires_on: a.expires_on,
            document_ref: a.document_ref.clone(),
            clauses: a.clauses.0.clone(),
            sub_processor_authorisation: a.sub_processor_authorisation,
            archived_at: a.archived_at,
        }
    }
}

impl From<&ActivitySnapshot> for ActivityEntry {
    fn from(s: &ActivitySnapshot) -> Self {
        let a = &s.activity;
        ActivityEntry {
            id: a.id,
            name: a.name.clone(),
            purpose: a.purpose.clone(),
            purpose_category: a.purpose_category.clone(),
            status: a.status,
            owner: a.owner.clone(),
            position: a.position,
            legal_bases: s
                .legal_bases
                .iter()
                .map(|basis| LegalBasisEntry {
                    code: basis.code,
                    legitimate_interest: basis.legitimate_interest.clone(),
                })
                .collect(),
            data_category_ids: s.data_category_ids.clone(),
            data_subject_category_ids: s.data_subject_category_ids.clone(),
            recipient_ids: s.recipient_ids.clone(),
            retention: a.retention.clone(),
            special_category_conditions: a.special_category_conditions.0.clone(),
            transfers: a
                .transfers
                .0
                .iter()
                .map(|t| TransferEntry {
                    country: t.country.clone(),
                    recipient_id: t.recipient_id,
                    safeguard: t.safeguard,
                    description: t.description.clone(),
                })
                .collect(),
            sources: a.sources.0.clone(),
            security_measures: a.security_measures.clone(),
            automated_decision_making: a.automated_decision_making.clone(),
            requirement: a.requirement.clone(),
            dpia_required: a.dpia_required,
            archived_at: a.archived_at,
        }
    }
}
