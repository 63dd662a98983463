//! Typed JSON values stored inside register rows.

use std::collections::BTreeMap;

use sea_orm::FromJsonQueryResult;

use crate::enums::{
    Art28Clause, DataSourceKind, DataSubjectRight, Language, SpecialCategoryCondition,
    TransferSafeguard,
};
use serde::{Deserialize, Serialize};

/// One text in several languages, keyed by lowercase language code (`nl`, `en`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<String, String>);

impl Localized {
    pub fn get(&self, language: &str) -> Option<&str> {
        self.0.get(language).map(String::as_str)
    }

    /// The text in `language`, else in `fallback`, else in any language;
    /// blank texts count as absent.
    pub fn pick(&self, language: Language, fallback: Language) -> Option<&str> {
        fn usable(text: &str) -> Option<&str> {
            Some(text.trim()).filter(|t| !t.is_empty())
        }
        [language, fallback]
            .into_iter()
            .find_map(|l| self.get(l.code()).and_then(usable))
            .or_else(|| self.0.values().map(String::as_str).find_map(usable))
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct LocalizedList(pub Vec<Localized>);

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct StringList(pub Vec<String>);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct SupervisoryAuthority {
    pub name: String,
    pub url: Option<String>,
}

/// How long the data of an activity is kept: a period counted from an event,
/// or only an event ("until consent is withdrawn"), plus a human sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct Retention {
    /// ISO 8601 duration, e.g. `P2Y`.
    pub period: Option<String>,
    /// The event the period counts from or the keeping ends with.
    pub trigger: Option<String>,
    pub description: Localized,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transfer {
    pub country: String,
    pub recipient_id: Option<uuid::Uuid>,
    pub safeguard: TransferSafeguard,
    pub description: Localized,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct TransferList(pub Vec<Transfer>);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataSource {
    pub kind: DataSourceKind,
    pub description: Localized,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct DataSourceList(pub Vec<DataSource>);

/// A data subject right the organization offers, with an optional note on
/// how it applies (e.g. which data is kept after an erasure request).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferedRight {
    pub right: DataSubjectRight,
    pub note: Localized,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct OfferedRightList(pub Vec<OfferedRight>);

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct ClauseList(pub Vec<Art28Clause>);

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct ConditionList(pub Vec<SpecialCategoryCondition>);

/// The ids of other register entries a row refers to, in their order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct IdList(pub Vec<uuid::Uuid>);
