//! The localized sentences of a diff: the `change.*` texts of the wording
//! (`wording/changes.toml`) and the values they mention.

use entity::enums::Language;
use serde::Serialize;

use crate::wording::{wording, Section};

/// The change texts of one language.
pub(super) fn words(language: Language) -> Section {
    wording(language).section("change")
}

/// The values a change description mentions.
#[derive(Clone, Default, Serialize)]
pub(super) struct Facts {
    /// What changed, e.g. a recipient's name.
    pub(super) subject: String,
    /// The purpose the change belongs to.
    pub(super) activity: String,
    /// The field or fields of a register entry that changed, in words.
    pub(super) field: String,
    pub(super) from: String,
    pub(super) to: String,
    /// How a value changed: "gewijzigd van X naar Y".
    pub(super) change: String,
}
