//! What data categories and data subject categories share: each is a
//! vocabulary entry, a hierarchical key with a name and a description.

use entity::values::Localized;
use sea_orm::Set;

use crate::error::AppResult;
use crate::register::localized::{self, LocalizedTextInput};
use crate::register::{search_text, validate};

/// The key, name and description of an entry; `.into()` makes the row to
/// write of it, with the text a search matches.
pub struct Vocabulary {
    pub key: String,
    pub name: Localized,
    pub description: Localized,
}

impl Vocabulary {
    /// The entry of an input, validated.
    pub fn validated(
        key: &str,
        name: &[LocalizedTextInput],
        description: &Option<Vec<LocalizedTextInput>>,
    ) -> AppResult<Self> {
        let name = localized::to_required_localized(name, "input.name")?;
        let key = validate::key(key, "input.key")?;
        let description = localized::optional_localized(description, "input.description")?;
        Ok(Vocabulary {
            key,
            name,
            description,
        })
    }
}

macro_rules! vocabulary_rows {
    ($($module:ident),+) => {$(
        impl From<Vocabulary> for entity::$module::ActiveModel {
            fn from(entry: Vocabulary) -> Self {
                entity::$module::ActiveModel {
                    search_text: Set(search_text(&[&entry.key], &[&entry.name])),
                    key: Set(entry.key),
                    name: Set(entry.name),
                    description: Set(entry.description),
                    ..Default::default()
                }
            }
        }
    )+};
}

vocabulary_rows!(data_category, data_subject_category);
