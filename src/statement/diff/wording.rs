//! The localized sentences of a diff: the texts of `templates/changes.toml`
//! and the values they mention.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use entity::enums::Language;
use minijinja::{context, Environment};
use serde::Serialize;

use crate::statement::text;

/// The texts of changes.toml by dotted key, language first (`nl.value.added`).
pub(super) static SOURCES: LazyLock<BTreeMap<String, String>> =
    LazyLock::new(|| text::parse("changes.toml", include_str!("../templates/changes.toml")));

/// The texts of changes.toml, compiled once.
static TEMPLATES: LazyLock<Environment<'static>> =
    LazyLock::new(|| text::compile("changes.toml", &SOURCES));

/// The change texts of one language.
#[derive(Clone, Copy)]
pub(super) struct Words(pub(super) Language);

impl Words {
    /// The text of `key` rendered with `context`. A missing key or a text
    /// that fails to render is a bug in changes.toml, never a consequence of
    /// register data; the unit tests render every key of both languages.
    pub(super) fn render(self, key: &str, context: impl Serialize) -> String {
        let name = format!("{}.{key}", self.0.code());
        TEMPLATES
            .get_template(&name)
            .and_then(|template| template.render(context))
            .unwrap_or_else(|e| panic!("changes.toml `{name}`: {e:#}"))
    }

    pub(super) fn get(self, key: &str) -> String {
        self.render(key, context! {})
    }
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
