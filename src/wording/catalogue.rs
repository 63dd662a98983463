//! The wording files read into one catalogue per language: every text under
//! its dotted key, compiled once per process.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use entity::enums::Language;
use minijinja::{context, AutoEscape, Environment, Error, State, UndefinedBehavior};

use super::format::ucfirst;

/// Which language a wording file holds, and where its texts go.
enum Holds {
    /// One language, its keys at the top of the catalogue (the statement's
    /// words, which the other files build on: lists, dates, countries).
    One(Language),
    /// Both languages as top-level tables (`[nl]`, `[en]`), their keys put
    /// under a namespace so they cannot clash with the statement's.
    Both { namespace: &'static str },
}

struct File {
    name: &'static str,
    source: &'static str,
    holds: Holds,
}

const FILES: [File; 5] = [
    File {
        name: "nl.toml",
        source: include_str!("nl.toml"),
        holds: Holds::One(Language::Nl),
    },
    File {
        name: "en.toml",
        source: include_str!("en.toml"),
        holds: Holds::One(Language::En),
    },
    File {
        name: "changes.toml",
        source: include_str!("changes.toml"),
        holds: Holds::Both {
            namespace: "change",
        },
    },
    File {
        name: "findings.toml",
        source: include_str!("findings.toml"),
        holds: Holds::Both {
            namespace: "finding",
        },
    },
    File {
        name: "labels.toml",
        source: include_str!("labels.toml"),
        holds: Holds::Both { namespace: "label" },
    },
];

/// The template sources of each language by dotted key, in the order of
/// [`Language::ALL`].
static TEMPLATES: LazyLock<[BTreeMap<String, String>; 2]> =
    LazyLock::new(|| Language::ALL.map(texts_of));

/// The compiled templates of each language.
static ENVIRONMENTS: LazyLock<[Environment<'static>; 2]> = LazyLock::new(|| {
    let templates: &'static [BTreeMap<String, String>; 2] = &TEMPLATES;
    [environment(&templates[0]), environment(&templates[1])]
});

fn index(language: Language) -> usize {
    Language::ALL
        .iter()
        .position(|l| *l == language)
        .expect("every language is in Language::ALL")
}

/// The compiled texts of `language`.
pub(super) fn environment_of(language: Language) -> &'static Environment<'static> {
    &ENVIRONMENTS[index(language)]
}

/// Every key of a language, sorted.
pub fn keys(language: Language) -> impl Iterator<Item = &'static str> {
    TEMPLATES[index(language)].keys().map(String::as_str)
}

/// The texts every wording file holds for `language`, by their key in the
/// catalogue. Two files giving one key is a bug in the files.
fn texts_of(language: Language) -> BTreeMap<String, String> {
    let mut texts = BTreeMap::new();
    for file in &FILES {
        for (key, source) in file_texts(file, language) {
            if texts.insert(key.clone(), source).is_some() {
                panic!("wording {}: `{key}` is given twice", file.name);
            }
        }
    }
    texts
}

fn file_texts(file: &File, language: Language) -> BTreeMap<String, String> {
    let texts = parse(file.name, file.source);
    match file.holds {
        Holds::One(holds) if holds == language => texts,
        Holds::One(_) => BTreeMap::new(),
        Holds::Both { namespace } => {
            check_languages(file.name, &texts);
            let prefix = format!("{}.", language.code());
            texts
                .into_iter()
                .filter_map(|(key, source)| {
                    let key = key.strip_prefix(&prefix)?;
                    Some((format!("{namespace}.{key}"), source))
                })
                .collect()
        }
    }
}

/// A file of both languages has nothing but a table per language.
fn check_languages(file: &str, texts: &BTreeMap<String, String>) {
    for key in texts.keys() {
        let language = key.split('.').next().unwrap_or_default();
        if !Language::ALL.iter().any(|l| l.code() == language) {
            panic!("wording {file}: `{key}` is not under a language");
        }
    }
}

/// A wording file's texts by dotted key (`section.who`).
fn parse(file: &str, source: &str) -> BTreeMap<String, String> {
    let table: toml::Table = source
        .parse()
        .unwrap_or_else(|e| panic!("wording {file} is not valid TOML: {e}"));
    let mut templates = BTreeMap::new();
    flatten(file, "", &table, &mut templates);
    templates
}

fn flatten(file: &str, prefix: &str, table: &toml::Table, into: &mut BTreeMap<String, String>) {
    for (key, value) in table {
        let key = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::String(source) => {
                into.insert(key, source.clone());
            }
            toml::Value::Table(table) => flatten(file, &key, table, into),
            other => panic!(
                "wording {file}: `{key}` must be a string or a table, not {}",
                other.type_str()
            ),
        }
    }
}

/// The texts of a language compiled, each under its dotted key. A
/// placeholder a text uses but its caller does not give is a bug, so
/// rendering it fails; nothing is escaped, as whoever shows a text escapes
/// it for its format.
fn environment(templates: &'static BTreeMap<String, String>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    for (key, source) in templates {
        env.add_template(key, source)
            .unwrap_or_else(|e| panic!("wording: `{key}` does not compile: {e}"));
    }
    env.add_filter("and_list", and_list_filter);
    env.add_filter("ucfirst", ucfirst);
    env
}

/// `items | and_list`: the language's `list.and`.
fn and_list_filter(state: &State, items: Vec<String>) -> Result<String, Error> {
    state
        .env()
        .get_template("list.and")?
        .render(context! { items })
}
