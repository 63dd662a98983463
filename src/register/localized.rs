//! Localized texts as the services take them: a list of `{language, text}`,
//! validated into the stored map.

use entity::enums::Language;
use entity::values::Localized;

use crate::error::{AppError, AppResult};

#[derive(Clone, Debug)]
pub struct LocalizedTextInput {
    pub language: Language,
    pub text: String,
}

impl LocalizedTextInput {
    pub fn new(language: Language, text: impl Into<String>) -> Self {
        LocalizedTextInput {
            language,
            text: text.into(),
        }
    }
}

/// Validates translations: each language once, no empty text. `field` is the
/// input path of the list.
pub fn to_localized(texts: &[LocalizedTextInput], field: &str) -> AppResult<Localized> {
    let mut localized = Localized::default();
    for (index, item) in texts.iter().enumerate() {
        let text = item.text.trim();
        let place = format!("{field}.{index}.text");
        if text.is_empty() {
            return Err(AppError::validation(place, "must not be empty"));
        }
        crate::text::plain(text, &place)?;
        if localized
            .0
            .insert(item.language.code().to_string(), text.to_string())
            .is_some()
        {
            return Err(AppError::validation(
                format!("{field}.{index}.language"),
                "a language may appear only once",
            ));
        }
    }
    Ok(localized)
}

/// Like [`to_localized`], but at least one translation is required.
pub fn to_required_localized(texts: &[LocalizedTextInput], field: &str) -> AppResult<Localized> {
    let localized = to_localized(texts, field)?;
    if localized.is_empty() {
        return Err(AppError::validation(
            field,
            "give the text in at least one language",
        ));
    }
    Ok(localized)
}

pub fn optional_localized(
    texts: &Option<Vec<LocalizedTextInput>>,
    field: &str,
) -> AppResult<Localized> {
    texts
        .as_deref()
        .map_or(Ok(Localized::default()), |t| to_localized(t, field))
}
