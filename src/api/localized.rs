//! Localized texts in the API: written as a list of `{language, text}`
//! (validated by `crate::register::localized`), read either in one language
//! (falling back to the organization's default) or as all translations.

use async_graphql::{Context, InputObject, SimpleObject};
use entity::enums::Language;
use entity::values::Localized;

use crate::api::context::RequestContext;
use crate::api::enums;
use crate::register::localized;

// The API form of `register::localized::LocalizedTextInput`.
#[derive(InputObject)]
pub struct LocalizedTextInput {
    pub language: enums::Language,
    pub text: String,
}

impl From<LocalizedTextInput> for localized::LocalizedTextInput {
    fn from(input: LocalizedTextInput) -> Self {
        localized::LocalizedTextInput::new(input.language.into(), input.text)
    }
}

#[derive(Clone, Debug, SimpleObject)]
pub struct LocalizedText {
    pub language: enums::Language,
    pub text: String,
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
