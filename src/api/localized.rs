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

/// A stored localized text: a column that is always there, or one that may
/// be absent (reading as no text in any language).
pub trait Texts {
    fn texts(&self) -> Option<&Localized>;
}

impl Texts for Localized {
    fn texts(&self) -> Option<&Localized> {
        Some(self)
    }
}

impl Texts for Option<Localized> {
    fn texts(&self) -> Option<&Localized> {
        self.as_ref()
    }
}

/// What a localized field answers with the text it picked: a required
/// field (`String!`) is empty where there is no text, an optional one null.
pub trait Picked {
    fn picked(text: Option<String>) -> Self;
}

impl Picked for String {
    fn picked(text: Option<String>) -> Self {
        text.unwrap_or_default()
    }
}

impl Picked for Option<String> {
    fn picked(text: Option<String>) -> Self {
        text
    }
}

pub fn translations(localized: &impl Texts) -> Vec<LocalizedText> {
    let Some(localized) = localized.texts() else {
        return Vec::new();
    };
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
    localized: &impl Texts,
    language: Option<enums::Language>,
) -> Option<String> {
    let default = RequestContext::of(ctx).default_language();
    pick(localized.texts()?, language.map(Language::from), default)
}

/// The fields of an object's localized texts, declared before its other
/// fields in a `localized { .. }` block: `name / name_translations: String`
/// gives `name(language)`, the text in the language asked for (else in the
/// organization's default language, else in any), and `nameTranslations`,
/// every language's text, both read from the column `self.0.name`. The type
/// is `String` for a required text, `Option<String>` for an optional one.
/// The `#[Object]` attribute is passed on token for token, so that the object
/// expands where its fields were written (a field's `complexity` expression
/// then sees the `child_complexity` async-graphql gives it).
macro_rules! localized_object {
    (
        $hash:tt $object:tt
        impl $node:ident {
            localized {
                $( $(#[doc = $doc:literal])* $field:ident / $translations:ident : $text:ty ),* $(,)?
            }
            $($fields:tt)*
        }
    ) => {
        $hash $object
        impl $node {
            $(
                $(#[doc = $doc])*
                async fn $field(
                    &self,
                    ctx: &async_graphql::Context<'_>,
                    language: Option<crate::api::enums::Language>,
                ) -> $text {
                    let text = crate::api::localized::pick_in(ctx, &self.0.$field, language);
                    crate::api::localized::Picked::picked(text)
                }
                async fn $translations(&self) -> Vec<crate::api::localized::LocalizedText> {
                    crate::api::localized::translations(&self.0.$field)
                }
            )*
            $($fields)*
        }
    };
}
