//! Every localized text of ropa in one catalogue: the privacy statement
//! (`nl.toml`, `en.toml`), how the version history describes a change
//! (`changes.toml`, under `change.`), the compliance findings
//! (`findings.toml`, under `finding.`) and the words of the register as a
//! table (`labels.toml`, under `label.`). The public pages take theirs from
//! the statement's `page.*` texts.
//!
//! Every text is a minijinja template, compiled once per process and
//! rendered by its dotted key (`rights.intro`) with a context. A missing key
//! or a template error is a bug in the wording, never a consequence of
//! register data, so it panics with a clear message; the unit tests render
//! every key of both languages and compare the key sets.
//!
//! Nothing is escaped here: register texts go into the output as they are,
//! and whoever shows a text escapes it for its format. This module sits
//! below the domain services and imports none of them.

mod catalogue;
mod format;
mod names;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::BTreeSet;

use entity::enums::Language;
use minijinja::{context, Environment};
use serde::Serialize;

pub use catalogue::keys;
pub use format::{common_noun, ucfirst};

thread_local! {
    /// The keys rendered on this thread while [`traced`] runs.
    static TRACE: RefCell<Option<BTreeSet<String>>> = const { RefCell::new(None) };
}

/// What `f` gives, with every key rendered on this thread meanwhile: which
/// texts a statement reaches (the builder is synchronous and pure, so one
/// thread sees all of it).
pub fn traced<R>(f: impl FnOnce() -> R) -> (R, BTreeSet<String>) {
    TRACE.with(|trace| *trace.borrow_mut() = Some(BTreeSet::new()));
    let result = f();
    let keys = TRACE.with(|trace| trace.borrow_mut().take());
    (result, keys.unwrap_or_default())
}

/// Whether [`traced`] runs on this thread: work it traces must stay on the
/// thread.
pub fn tracing() -> bool {
    TRACE.with(|trace| trace.borrow().is_some())
}

/// The wording of one language.
#[derive(Clone, Copy)]
pub struct Wording {
    language: Language,
    env: &'static Environment<'static>,
}

/// The wording of `language`.
pub fn wording(language: Language) -> Wording {
    Wording {
        language,
        env: catalogue::environment_of(language),
    }
}

impl Wording {
    pub fn language(&self) -> Language {
        self.language
    }

    /// Whether `key` exists, e.g. a country code in `country.*`.
    pub fn has(&self, key: &str) -> bool {
        self.env.get_template(key).is_ok()
    }

    /// The text of `key` rendered with `context`; panics on a missing key or
    /// a template error (a bug in the wording, not in the register).
    pub fn render(&self, key: &str, context: impl Serialize) -> String {
        TRACE.with(|trace| {
            if let Some(keys) = trace.borrow_mut().as_mut() {
                keys.insert(key.to_string());
            }
        });
        let language = self.language.code();
        let template = self
            .env
            .get_template(key)
            .unwrap_or_else(|e| panic!("wording {language}: no text `{key}`: {e}"));
        let text = template
            .render(context)
            .unwrap_or_else(|e| panic!("wording {language}: `{key}` fails to render: {e:#}"));
        format::single_full_stops(text.trim().to_string())
    }

    /// The text of a key that takes no variables.
    pub fn get(&self, key: &str) -> String {
        self.render(key, context! {})
    }

    /// The text of a key that takes no variables, if the key exists.
    pub fn lookup(&self, key: &str) -> Option<String> {
        self.has(key).then(|| self.get(key))
    }

    /// The texts under `namespace` (`change`, `finding`, `label`), looked up
    /// by their key within it.
    pub fn section(self, namespace: &'static str) -> Section {
        Section {
            wording: self,
            namespace,
        }
    }
}

/// The texts of one namespace of a language's wording.
#[derive(Clone, Copy)]
pub struct Section {
    wording: Wording,
    namespace: &'static str,
}

impl Section {
    /// The language's wording as a whole, for what every text shares
    /// (lists, dates, countries).
    pub fn wording(&self) -> Wording {
        self.wording
    }

    pub fn render(&self, key: &str, context: impl Serialize) -> String {
        self.wording.render(&self.key(key), context)
    }

    pub fn get(&self, key: &str) -> String {
        self.wording.get(&self.key(key))
    }

    pub fn lookup(&self, key: &str) -> Option<String> {
        self.wording.lookup(&self.key(key))
    }

    /// Every key of the namespace, without it, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> {
        let prefix = format!("{}.", self.namespace);
        keys(self.wording.language).filter_map(move |key| key.strip_prefix(prefix.as_str()))
    }

    fn key(&self, key: &str) -> String {
        format!("{}.{key}", self.namespace)
    }
}
