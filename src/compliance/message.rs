//! How a finding is worded. A check records the facts of a finding in no
//! language (a name as the register holds it, a date, a country code); they
//! are put into words when a reader asks for the message, in the reader's
//! language, by the texts of `findings.toml`. Names, lists, dates and
//! countries read as the statement writes them.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use entity::enums::{Art28Clause, Language};
use entity::values::Localized;
use minijinja::{context, Environment};
use serde::Serialize;

use crate::statement::text::{self, Wording};

/// The texts of findings.toml by dotted key, language first
/// (`nl.NO_RIGHTS_POLICY`).
static SOURCES: LazyLock<BTreeMap<String, String>> =
    LazyLock::new(|| text::parse("findings.toml", include_str!("findings.toml")));

static TEMPLATES: LazyLock<Environment<'static>> =
    LazyLock::new(|| text::compile("findings.toml", &SOURCES));

/// One value a message mentions.
#[derive(Clone, Debug, PartialEq)]
pub enum Fact {
    /// A name the register holds per language (an activity, a data category).
    Name(Localized),
    /// A name that reads the same in every language (a processor).
    Plain(String),
    /// Several values, joined as a list.
    List(Vec<Fact>),
    Date(NaiveDate),
    /// Nothing to say: a message leaves out what it would have said.
    Absent,
    /// ISO 3166-1 alpha-2.
    Country(String),
    Clause(Art28Clause),
    /// A language as an adjective ("the English statement").
    Language(Language),
    Number(i32),
}

/// The facts of a finding, by the placeholder its message uses.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts(Vec<(&'static str, Fact)>);

impl Facts {
    pub fn with(mut self, placeholder: &'static str, fact: Fact) -> Self {
        self.0.push((placeholder, fact));
        self
    }
}

/// The message of finding `code` in `language`; register texts missing in
/// it are taken in `default` (the organization's language), else in any.
pub fn render(code: &str, facts: &Facts, language: Language, default: Language) -> String {
    let reader = Reader {
        wording: text::wording(language),
        default,
    };
    let values: BTreeMap<&str, String> = facts
        .0
        .iter()
        .map(|(placeholder, fact)| (*placeholder, reader.words(fact)))
        .collect();
    Texts(language).render(code, values)
}

/// The texts of findings.toml in one language.
#[derive(Clone, Copy)]
struct Texts(Language);

impl Texts {
    /// A missing key or a text that fails to render is a bug in
    /// findings.toml, never a consequence of register data; the unit tests
    /// render every message of both languages.
    fn render(self, key: &str, context: impl Serialize) -> String {
        let name = format!("{}.{key}", self.0.code());
        TEMPLATES
            .get_template(&name)
            .and_then(|template| template.render(context))
            .unwrap_or_else(|e| panic!("findings.toml `{name}`: {e:#}"))
    }

    fn get(self, key: &str) -> String {
        self.render(key, context! {})
    }
}

/// Puts facts into the words of one language.
struct Reader {
    wording: Wording,
    default: Language,
}

impl Reader {
    fn words(&self, fact: &Fact) -> String {
        let texts = Texts(self.wording.language());
        match fact {
            Fact::Name(name) => self.wording.quoted(
                name.pick(self.wording.language(), self.default)
                    .unwrap_or_default(),
            ),
            Fact::Plain(name) => self.wording.quoted(name),
            Fact::List(items) => {
                let words: Vec<String> = items.iter().map(|item| self.words(item)).collect();
                self.wording.and_list(&words)
            }
            Fact::Date(date) => self.wording.date(*date),
            Fact::Absent => String::new(),
            Fact::Country(code) => self.wording.country(code),
            Fact::Clause(clause) => texts.get(&format!("clause.{}", clause.as_str())),
            Fact::Language(language) => texts.get(&format!("language.{}", language.as_str())),
            Fact::Number(number) => number.to_string(),
        }
    }
}

/// Every message key of `language` (the finding codes), without the
/// helper tables.
#[cfg(test)]
pub fn codes(language: Language) -> std::collections::BTreeSet<String> {
    let prefix = format!("{}.", language.code());
    SOURCES
        .keys()
        .filter_map(|key| key.strip_prefix(&prefix))
        .filter(|key| !key.contains('.'))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use sea_orm::Iterable;

    use super::*;

    fn keys(language: Language) -> BTreeSet<String> {
        let prefix = format!("{}.", language.code());
        SOURCES
            .keys()
            .filter_map(|key| key.strip_prefix(&prefix).map(str::to_string))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_texts() {
        assert_eq!(keys(Language::Nl), keys(Language::En));
        assert_eq!(
            SOURCES.len(),
            2 * keys(Language::Nl).len(),
            "only nl and en"
        );
    }

    #[test]
    fn clauses_and_languages_have_names() {
        for language in Language::ALL {
            let reader = Reader {
                wording: text::wording(language),
                default: Language::Nl,
            };
            for clause in Art28Clause::iter() {
                assert!(!reader.words(&Fact::Clause(clause)).is_empty());
            }
            for named in Language::ALL {
                assert!(!reader.words(&Fact::Language(named)).is_empty());
            }
        }
    }

    #[test]
    fn facts_read_as_the_statement_writes_them() {
        let name = Localized([("nl".to_string(), "Webshop".to_string())].into());
        let list = Fact::List(vec![Fact::Name(name.clone()), Fact::Plain("Mailer".into())]);
        let english = Reader {
            wording: text::wording(Language::En),
            default: Language::Nl,
        };
        // Missing in English: the organization's Dutch name.
        assert_eq!(english.words(&Fact::Name(name)), "‘Webshop’");
        assert_eq!(english.words(&list), "‘Webshop’ and ‘Mailer’");
        assert_eq!(english.words(&Fact::Country("us".into())), "United States");
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).expect("a date");
        assert_eq!(english.words(&Fact::Date(date)), "1 March 2026");
        assert_eq!(english.words(&Fact::Absent), "");
    }
}
