//! Localized texts: written as a list of `{language, text}`, stored as a
//! map, read either in one language (falling back to the organization's
//! default) or as all translations.

use async_graphql::{Context, InputObject, SimpleObject};
use entity::enums::Language;
use entity::values::Localized;

use crate::api::context::RequestContext;
use crate::api::enums;
use crate::error::{AppError, AppResult};

#[derive(Clone, Debug, InputObject)]
pub struct LocalizedTextInput {
    pub language: enums::Language,
    pub text: String,
}

impl LocalizedTextInput {
    pub fn new(language: Language, text: impl Into<String>) -> Self {
        LocalizedTextInput {
            language: language.into(),
            text: text.into(),
        }
    }
}

#[derive(Clone, Debug, SimpleObject)]
pub struct LocalizedText {
    pub language: enums::Language,
    pub text: String,
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
            .insert(
                Language::from(item.language).code().to_string(),
                text.to_string(),
            )
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

pub fn translations(localized: &Localized) -> Vec<LocalizedText> {
    Language::ALL
        .into_iter()
        .filter_map(|language| {
            localized.get(language.code()).map(|text| LocalizedText {
                language: language.into(),
                text: text.to_string(),
            })
        })
        .collect()
}

/// The text in `language`, else in the default language, else any.
pub fn pick(
    localized: &Localized,
    language: Option<Language>,
    default: Language,
) -> Option<String> {
    language
        .and_then(|l| localized.get(l.code()))
        .or_else(|| localized.get(default.code()))
        .or_else(|| localized.0.values().next().map(String::as_str))
        .map(str::to_string)
}

/// [`pick`] with the default language of the caller's organization.
pub fn pick_in(
    ctx: &Context<'_>,
    localized: &Localized,
    language: Option<enums::Language>,
) -> Option<String> {
    pick(
        localized,
        language.map(Language::from),
        RequestContext::of(ctx).default_language(),
    )
}
