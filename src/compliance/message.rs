//! How a finding is worded. A check records the facts of a finding in no
//! language (a name as the register holds it, a date, a country code); they
//! are put into words when a reader asks for the message, in the reader's
//! language, by the `finding.*` texts of the wording
//! (`wording/findings.toml`). Names, lists, dates and countries read as the
//! statement writes them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use entity::enums::{Art28Clause, Language};
use entity::values::Localized;

use crate::wording::{wording, Section};

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
        texts: texts(language),
        default,
    };
    let values: BTreeMap<&str, String> = facts
        .0
        .iter()
        .map(|(placeholder, fact)| (*placeholder, reader.words(fact)))
        .collect();
    reader.texts.render(code, values)
}

/// The finding texts of one language.
fn texts(language: Language) -> Section {
    wording(language).section("finding")
}

/// Puts facts into the words of one language.
struct Reader {
    texts: Section,
    default: Language,
}

impl Reader {
    fn words(&self, fact: &Fact) -> String {
        let wording = self.texts.wording();
        match fact {
            Fact::Name(name) => wording.quoted(
                name.pick(wording.language(), self.default)
                    .unwrap_or_default(),
            ),
            Fact::Plain(name) => wording.quoted(name),
            Fact::List(items) => {
                let words: Vec<String> = items.iter().map(|item| self.words(item)).collect();
                wording.and_list(&words)
            }
            Fact::Date(date) => wording.date(*date),
            Fact::Absent => String::new(),
            Fact::Country(code) => wording.country(code),
            Fact::Clause(clause) => self.texts.name("clause", clause.as_str()),
            Fact::Language(language) => self.texts.name("language", language.as_str()),
            Fact::Number(number) => number.to_string(),
        }
    }
}

/// Every message key of `language` (the finding codes), without the
/// helper tables.
#[cfg(test)]
pub fn codes(language: Language) -> std::collections::BTreeSet<String> {
    texts(language)
        .keys()
        .filter(|key| !key.contains('.'))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use sea_orm::Iterable;

    use super::*;

    /// Every text renders in both languages by the wording's own tests;
    /// here: the names a message puts in.
    #[test]
    fn clauses_and_languages_have_names() {
        for language in Language::ALL {
            let reader = Reader {
                texts: texts(language),
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
            texts: texts(Language::En),
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
