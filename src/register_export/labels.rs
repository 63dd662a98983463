//! The words of the register as a table: the `label.*` texts of the
//! wording (`wording/labels.toml`).

use entity::enums::Language;
use minijinja::context;

use crate::wording::{wording, Section};

/// The table words of one language.
#[derive(Clone, Copy)]
pub struct Labels(Section);

impl Labels {
    pub fn new(language: Language) -> Self {
        Labels(wording(language).section("label"))
    }

    /// The word at `key` (`column.name`).
    pub fn get(&self, key: &str) -> String {
        self.0.get(key)
    }

    /// The name of a closed value, e.g. `of("status", "ACTIVE")`.
    pub fn of(&self, table: &str, value: &str) -> String {
        self.0.name(table, value)
    }

    /// The name of a value of an open set (a retention trigger), or the
    /// value itself when the file has no name for it.
    pub fn of_open(&self, table: &str, value: &str) -> String {
        self.0
            .lookup(&format!("{table}.{value}"))
            .unwrap_or_else(|| value.to_string())
    }

    pub fn yes_no(&self, value: bool) -> String {
        self.get(if value { "word.yes" } else { "word.no" })
    }

    /// `6(1)(a)` as this language cites it: "Art. 6(1)(a) GDPR".
    pub fn article(&self, article: &str) -> String {
        self.0.render("word.article", context! { article })
    }
}

#[cfg(test)]
mod tests {
    use entity::enums::{
        ActivityStatus, AgreementStatus, DataSourceKind, SubProcessorAuthorisation,
        TrackerCategory, TransferSafeguard,
    };
    use sea_orm::Iterable;

    use super::*;

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
                .chain(DataSourceKind::iter().map(|v| labels.of("source", v.as_str())))
                .chain(TrackerCategory::iter().map(|v| labels.of("tracker_category", v.as_str())));
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
