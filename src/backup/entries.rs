//! The entries of a backup, one type per kind of register entry, as the
//! document holds them.

use chrono::{DateTime, Utc};
use entity::enums::{
    ActivityStatus, AgreementStatus, Art28Clause, Language, LegalBasisCode, ProcessorRole,
    SpecialCategoryCondition, SubProcessorAuthorisation, TrackerCategory, TransferSafeguard,
};
use entity::values::{
    Address, Contact, DataSource, Localized, OfferedRight, Retention, SupervisoryAuthority,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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
    /// Absent in backups written before the register held it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joint_arrangement: Option<Localized>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profiling: Option<Localized>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub direct_marketing: bool,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<Localized>,
}

fn is_false(value: &bool) -> bool {
    !*value
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

/// A cookie or similar technology.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrackerEntry {
    pub id: Uuid,
    pub name: String,
    pub category: TrackerCategory,
    pub purpose: Localized,
    pub provider_id: Option<Uuid>,
    pub duration: Option<String>,
    #[serde(default)]
    pub activity_ids: Vec<Uuid>,
    pub archived_at: Option<DateTime<Utc>>,
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
    ActivityEntry,
    TrackerEntry
);
