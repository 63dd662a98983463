//! The wording of the pages around the statement (the `page.*` and
//! `page_notice.*` texts of the wording), and dates as the pages write them.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use entity::enums::Language;
use serde::{Deserialize, Serialize};

use crate::wording::wording;

/// The `page.*` texts, for the page templates.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Words {
    pub(super) privacy_statement: String,
    pub(super) version_history: String,
    pub(super) last_changed: String,
    pub(super) version: String,
    pub(super) published: String,
    pub(super) effective: String,
    pub(super) material: String,
    pub(super) what_changed: String,
    pub(super) text_changes: String,
    pub(super) first_version: String,
    pub(super) to_current: String,
    pub(super) feed: String,
    pub(super) status_in_effect: String,
    pub(super) status_announced: String,
    pub(super) read_new_version: String,
    pub(super) read_current_version: String,
    pub(super) not_found_heading: String,
    pub(super) not_found_text: String,
    pub(super) error_heading: String,
    pub(super) error_text: String,
}

static WORDS: LazyLock<[Words; 2]> = LazyLock::new(|| Language::ALL.map(page_words));

fn page_words(language: Language) -> Words {
    let page = wording(language).section("page");
    let texts: serde_json::Map<String, serde_json::Value> = page
        .keys()
        .map(|name| (name.to_string(), serde_json::Value::from(page.get(name))))
        .collect();
    serde_json::from_value(serde_json::Value::Object(texts))
        .expect("the wording has every `page.*` text")
}

pub(super) fn words(language: Language) -> &'static Words {
    &WORDS[Language::ALL
        .iter()
        .position(|l| *l == language)
        .unwrap_or(0)]
}

/// A notice sentence (`page_notice.*`) about another version.
pub(super) fn notice_text(language: Language, key: &str, context: impl Serialize) -> String {
    wording(language)
        .section("page_notice")
        .render(key, context)
}

/// `1 maart 2026`, `1 March 2026`.
pub(super) fn long_date(date: NaiveDate, language: Language) -> String {
    wording(language).date(date)
}

/// `2026-03-01T09:30:00Z`, as the feed and the JSON write a moment.
pub(super) fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}
