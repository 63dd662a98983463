//! The words of the register as a table, from `labels.toml`. A missing
//! word is a bug in that file, never a consequence of register data, so it
//! panics with a clear message; the unit tests look up every word of both
//! languages.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use entity::enums::Language;

use crate::statement::text;

/// The texts of labels.toml by dotted key, language first (`nl.column.name`).
static LABELS: LazyLock<BTreeMap<String, String>> =
    LazyLock::new(|| text::parse("labels.toml", include_str!("labels.toml")));

/// The table words of one language.
#[derive(Clone, Copy)]
pub struct Labels {
    language: Language,
}

impl Labels {
    pub fn new(language: Language) -> Self {
        Labels { language }
    }

    /// The word at `key` (`column.name`).
    pub fn get(&self, key: &str) -> &'static str {
        let code = self.language.code();
        LABELS
            .get(&format!("{code}.{key}"))
            .map(String::as_str)
            .unwrap_or_else(|| panic!("export labels: no `{code}.{key}` in labels.toml"))
    }

    /// The name of a closed value, e.g. `of("status", "ACTIVE")`.
    pub fn of(&self, table: &str, value: &str) -> &'static str {
        self.get(&format!("{table}.{value}"))
    }

    /// The name of a value of an open set (a retention trigger), or the
    /// value itself when the file has no name for it.
    pub fn of_open(&self, table: &str, value: &str) -> String {
        let key = format!("{}.{table}.{value}", self.language.code());
        LABELS
            .get(&key)
            .cloned()
            .unwrap_or_else(|| value.to_string())
    }

    pub fn yes_no(&self, value: bool) -> &'static str {
        self.get(if value { "word.yes" } else { "word.no" })
    }

    /// `6(1)(a)` as this language cites it: "Art. 6(1)(a) GDPR".
    pub fn article(&self, article: &str) -> String {
        self.get("word.article").replace("{article}", article)
    }
}

#[cfg(test)]
mod tests {
    use entity::enums::{
        ActivityStatus, AgreementStatus, DataSourceKind, SubProcessorAuthorisation,
        TransferSafeguard,
    };
    use sea_orm::Iterable;

    use super::*;

    fn keys(language: Language) -> Vec<String> {
        let prefix = format!("{}.", language.code());
        LABELS
            .keys()
            .filter_map(|key| key.strip_prefix(&prefix).map(str::to_string))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_words() {
        assert_eq!(keys(Language::Nl), keys(Language::En));
        assert_eq!(LABELS.len(), 2 * keys(Language::En).len());
    }

    #[test]
    fn every_closed_value_has_a_word() {
        for language in Language::ALL {
            let labels = Labels::new(language);
            let words = ActivityStatus::iter()
                .map(|v| labels.of("status", v.as_str()))
                .chain(AgreementStatus::iter().map(|v| labels.of("agreement_status", v.as_str())))
                .chain(
                    SubProcessorAuthorisation::iter()
                        .map(|v| labels.of("authorisation", v.as_str())),
                )
                .chain(TransferSafeguard::iter().map(|v| labels.of("safeguard", v.as_str())))
                .chain(DataSourceKind::iter().map(|v| labels.of("source", v.as_str())));
            for word in words {
                assert!(!word.trim().is_empty());
            }
        }
    }

    #[test]
    fn articles_are_cited_per_language() {
        assert_eq!(
            Labels::new(Language::En).article("6(1)(a)"),
            "Art. 6(1)(a) GDPR"
        );
        assert_eq!(
            Labels::new(Language::Nl).article("6(1)(a)"),
            "art. 6(1)(a) AVG"
        );
    }

    #[test]
    fn an_unknown_trigger_is_shown_as_it_is() {
        let labels = Labels::new(Language::En);
        assert_eq!(labels.of_open("trigger", "CONTRACT_END"), "CONTRACT_END");
        assert_eq!(
            labels.of_open("trigger", "CONSENT_WITHDRAWN"),
            "the withdrawal of consent"
        );
    }
}
