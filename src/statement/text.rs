//! The localized wording of the privacy statement.
//!
//! Every sentence lives in `templates/nl.toml` and `templates/en.toml`: flat
//! or sectioned keys whose values are minijinja templates. They are compiled
//! once per process and rendered by their dotted key (`rights.intro`) with a
//! context. A missing key or a template error is a bug in this crate, never a
//! consequence of register data, so it panics with a clear message; the unit
//! tests render every key of both languages and compare the key sets.
//!
//! Nothing is escaped here: register texts go into the output as they are,
//! and the renderers escape for their format.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use entity::enums::{
    Art28Clause, DataSourceKind, DataSubjectRight, Language, LegalBasisCode, ProcessorRole,
    TransferSafeguard,
};
use minijinja::{context, AutoEscape, Environment, Error, State, UndefinedBehavior};
use serde::Serialize;

/// `(language, file name, TOML source)`, in the order of [`index`].
const SOURCES: [(Language, &str, &str); 2] = [
    (Language::Nl, "nl.toml", include_str!("templates/nl.toml")),
    (Language::En, "en.toml", include_str!("templates/en.toml")),
];

/// The template sources of each language by dotted key.
static TEMPLATES: LazyLock<[BTreeMap<String, String>; 2]> =
    LazyLock::new(|| SOURCES.map(|(_, file, source)| parse(file, source)));

/// The compiled templates of each language.
static ENVIRONMENTS: LazyLock<[Environment<'static>; 2]> = LazyLock::new(|| {
    let templates: &'static [BTreeMap<String, String>; 2] = &TEMPLATES;
    [
        environment(SOURCES[0].1, &templates[0]),
        environment(SOURCES[1].1, &templates[1]),
    ]
});

fn index(language: Language) -> usize {
    match language {
        Language::Nl => 0,
        Language::En => 1,
    }
}

/// A wording file's texts by dotted key (`section.who`).
pub(crate) fn parse(file: &str, source: &str) -> BTreeMap<String, String> {
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

fn environment(file: &str, templates: &'static BTreeMap<String, String>) -> Environment<'static> {
    let mut env = compile(file, templates);
    env.add_filter("and_list", and_list_filter);
    env.add_filter("ucfirst", ucfirst);
    env
}

/// The texts of a wording file (see [`parse`]) compiled, each under its
/// dotted key. A placeholder a text uses but its caller does not give is a
/// bug, so rendering it fails; nothing is escaped, as whoever shows a text
/// escapes it for its format.
pub(crate) fn compile(
    file: &str,
    templates: &'static BTreeMap<String, String>,
) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    for (key, source) in templates {
        env.add_template(key, source)
            .unwrap_or_else(|e| panic!("wording {file}: `{key}` does not compile: {e}"));
    }
    env
}

/// `items | and_list`: the language's `list.and`.
fn and_list_filter(state: &State, items: Vec<String>) -> Result<String, Error> {
    state
        .env()
        .get_template("list.and")?
        .render(context! { items })
}

/// The text with its first letter in upper case.
pub(crate) fn ucfirst(value: String) -> String {
    let mut chars = value.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => value,
    }
}

/// Every key of a language, sorted.
pub fn keys(language: Language) -> impl Iterator<Item = &'static str> {
    TEMPLATES[index(language)].keys().map(String::as_str)
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
        env: &ENVIRONMENTS[index(language)],
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
        let language = self.language.code();
        let template = self
            .env
            .get_template(key)
            .unwrap_or_else(|e| panic!("statement wording {language}: no text `{key}`: {e}"));
        let text = template.render(context).unwrap_or_else(|e| {
            panic!("statement wording {language}: `{key}` fails to render: {e:#}")
        });
        text.trim().to_string()
    }

    /// The text of a key that takes no variables.
    pub fn get(&self, key: &str) -> String {
        self.render(key, context! {})
    }

    /// The text of a key that takes no variables, if the key exists.
    pub fn lookup(&self, key: &str) -> Option<String> {
        self.has(key).then(|| self.get(key))
    }

    /// "a, b en c" / "a, b and c".
    pub fn and_list<S: AsRef<str>>(&self, items: &[S]) -> String {
        let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
        self.render("list.and", context! { items })
    }

    /// A text between quotation marks, e.g. an activity name in a sentence.
    pub fn quoted(&self, text: &str) -> String {
        self.render("common.quoted", context! { text })
    }

    /// "2 februari 2026" / "2 February 2026".
    pub fn date(&self, date: NaiveDate) -> String {
        let month = self.get(&format!("month.{}", date.month()));
        self.render(
            "date.long",
            context! { day => date.day(), month, year => date.year() },
        )
    }

    /// A count in words up to twenty, otherwise in digits.
    pub fn number(&self, count: u64) -> String {
        self.lookup(&format!("number.{count}"))
            .unwrap_or_else(|| count.to_string())
    }

    /// An ISO 8601 duration in words: `P4W` -> "vier weken", `P1Y6M` -> "een
    /// jaar en zes maanden". A value that is not such a duration is returned
    /// as it is, so nothing the register says is lost.
    pub fn duration(&self, iso: &str) -> String {
        match duration_parts(iso) {
            Some(parts) => {
                let words: Vec<String> = parts
                    .into_iter()
                    .map(|(unit, count)| self.count(unit, count))
                    .collect();
                self.and_list(&words)
            }
            None => iso.trim().to_string(),
        }
    }

    /// "twintig werkdagen" / "twenty working days".
    pub fn working_days(&self, days: u64) -> String {
        self.count("working_days", days)
    }

    fn count(&self, unit: &str, count: u64) -> String {
        self.render(
            &format!("duration.{unit}"),
            context! { n => self.number(count), count },
        )
    }

    /// The name of a country by ISO 3166-1 alpha-2 code, or the code itself.
    pub fn country(&self, code: &str) -> String {
        let code = code.trim().to_ascii_uppercase();
        self.lookup(&format!("country.{code}")).unwrap_or(code)
    }

    pub fn role(&self, role: ProcessorRole) -> String {
        self.get(&format!("role.{}", role.as_str()))
    }

    /// The safeguard of a transfer, as a phrase following the country.
    pub fn safeguard(&self, safeguard: TransferSafeguard) -> String {
        self.get(&format!("safeguard.{}", safeguard.as_str()))
    }

    /// Where data comes from, as a phrase following "via" / "through".
    pub fn source_kind(&self, kind: DataSourceKind) -> String {
        self.get(&format!("source_kind.{}", kind.as_str()))
    }

    /// What a processing agreement lays down about the processor.
    pub fn clause(&self, clause: Art28Clause) -> String {
        self.get(&format!("clause.{}", clause.as_str()))
    }

    /// The name of a legal basis, for when its `legal_basis` row is missing.
    pub fn legal_basis(&self, code: LegalBasisCode) -> String {
        self.get(&format!("legal_basis.{}", code.as_str()))
    }

    /// The title of a data subject right.
    pub fn right(&self, right: DataSubjectRight) -> String {
        self.get(&format!("right.{}", right.as_str()))
    }

    /// The standard explanation of a data subject right; `authority` is the
    /// supervisory authority's name, which the right to complain refers to
    /// the contact section for (that section names it).
    pub fn right_explanation(&self, right: DataSubjectRight, authority: Option<&str>) -> String {
        self.render(
            &format!("right_explanation.{}", right.as_str()),
            context! { authority, contact => self.get("section.contact") },
        )
    }
}

/// The parts of an ISO 8601 duration as `(unit key, count)`, largest first;
/// `None` when the text is not a duration of years, months, weeks, days,
/// hours or minutes, or says nothing but zeros.
fn duration_parts(iso: &str) -> Option<Vec<(&'static str, u64)>> {
    let rest = iso.trim().strip_prefix(['P', 'p'])?;
    let (date, time) = match rest.split_once(['T', 't']) {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let mut parts = Vec::new();
    units(
        date,
        &[
            ('Y', "years"),
            ('M', "months"),
            ('W', "weeks"),
            ('D', "days"),
        ],
        &mut parts,
    )?;
    if let Some(time) = time {
        if time.is_empty() {
            return None;
        }
        units(time, &[('H', "hours"), ('M', "minutes")], &mut parts)?;
    }
    parts.retain(|&(_, count)| count > 0);
    (!parts.is_empty()).then_some(parts)
}

/// Reads `<digits><unit>...` with the units in the given order.
fn units(
    text: &str,
    allowed: &[(char, &'static str)],
    into: &mut Vec<(&'static str, u64)>,
) -> Option<()> {
    let mut digits = String::new();
    let mut next = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let offset = allowed[next..]
            .iter()
            .position(|&(unit, _)| unit == c.to_ascii_uppercase())?;
        let count = digits.parse().ok()?;
        into.push((allowed[next + offset].1, count));
        digits.clear();
        next += offset + 1;
    }
    digits.is_empty().then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::Value;

    /// A value for every variable any text uses.
    fn sample() -> Value {
        context! {
            organization => "Voorbeeld B.V.",
            legal_name => "Voorbeeld B.V.",
            trade_names => vec!["Voorbeeld"],
            street => "Straat 1",
            postal_code => "1234 AB",
            city => "Utrecht",
            country_code => "NL",
            country => "Nederland",
            address => "Straat 1, 1234 AB Utrecht",
            number => "12345678",
            email => "privacy@example.org",
            phone => "030 1234567",
            reach => "per e-mail",
            websites => vec!["https://example.org"],
            name => "Naam",
            names => vec!["a", "b", "c"],
            count => 2,
            n => "twee",
            bases => vec!["toestemming", "gerechtvaardigd belang"],
            subjects => vec!["klanten"],
            description => "Omschrijving.",
            special => true,
            criminal => true,
            article => "6(1)(a)",
            explanation => "Uitleg.",
            interest => "Belang.",
            kind => "sociale media",
            text => "Tekst.",
            purposes => "de doelen ‘a’ en ‘b’",
            period => "twee jaar",
            trigger => "uw laatste aankoop",
            until => "tot u uw toestemming intrekt",
            days => "twintig werkdagen",
            all => false,
            parent => "Moeder B.V.",
            service => "Hosting.",
            recipient => "Ontvanger",
            safeguard => "met waarborgen",
            authority => "Autoriteit Persoonsgegevens",
            contact => "Contact en klachten",
            url => "https://example.org/versions",
            link => "versiegeschiedenis",
            date => "2 februari 2026",
            day => 2,
            month => "februari",
            year => 2026,
            items => vec!["a", "b"],
            version => 3,
        }
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let nl: Vec<&str> = keys(Language::Nl).collect();
        let en: Vec<&str> = keys(Language::En).collect();
        let only_nl: Vec<&&str> = nl.iter().filter(|k| !en.contains(k)).collect();
        let only_en: Vec<&&str> = en.iter().filter(|k| !nl.contains(k)).collect();
        assert!(
            only_nl.is_empty() && only_en.is_empty(),
            "only in nl: {only_nl:?}; only in en: {only_en:?}"
        );
    }

    #[test]
    fn every_key_renders_in_both_languages() {
        let sample = sample();
        for language in Language::ALL {
            let wording = wording(language);
            for key in keys(language) {
                let text = wording.render(key, &sample);
                assert!(
                    !text.is_empty(),
                    "{}: `{key}` renders empty",
                    language.code()
                );
                assert!(
                    !text.contains("  "),
                    "{}: `{key}` has a double space: {text:?}",
                    language.code()
                );
            }
        }
    }

    #[test]
    fn every_enum_value_has_a_text() {
        for language in Language::ALL {
            let w = wording(language);
            use sea_orm::Iterable;
            let texts = ProcessorRole::iter()
                .map(|v| w.role(v))
                .chain(TransferSafeguard::iter().map(|v| w.safeguard(v)))
                .chain(DataSourceKind::iter().map(|v| w.source_kind(v)))
                .chain(Art28Clause::iter().map(|v| w.clause(v)))
                .chain(LegalBasisCode::iter().map(|v| w.legal_basis(v)))
                .chain(DataSubjectRight::iter().map(|v| w.right(v)))
                .chain(DataSubjectRight::iter().map(|v| w.right_explanation(v, None)));
            for text in texts {
                assert!(!text.is_empty());
            }
        }
    }

    #[test]
    fn lists_are_joined_per_language() {
        let nl = wording(Language::Nl);
        let en = wording(Language::En);
        assert_eq!(nl.and_list(&["a", "b", "c"]), "a, b en c");
        assert_eq!(en.and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(nl.and_list(&["a", "b"]), "a en b");
        assert_eq!(en.and_list(&["a"]), "a");
        assert_eq!(en.and_list::<&str>(&[]), "");
    }

    #[test]
    fn dates_are_written_out() {
        let date = NaiveDate::from_ymd_opt(2026, 2, 2).unwrap();
        assert_eq!(wording(Language::Nl).date(date), "2 februari 2026");
        assert_eq!(wording(Language::En).date(date), "2 February 2026");
    }

    #[test]
    fn durations_are_written_out() {
        let nl = wording(Language::Nl);
        let en = wording(Language::En);
        assert_eq!(nl.duration("P4W"), "vier weken");
        assert_eq!(en.duration("P4W"), "four weeks");
        assert_eq!(nl.duration("P2Y"), "twee jaar");
        assert_eq!(en.duration("P2Y"), "two years");
        assert_eq!(nl.duration("P1M"), "een maand");
        assert_eq!(en.duration("P1M"), "one month");
        assert_eq!(nl.duration("P1Y6M"), "een jaar en zes maanden");
        assert_eq!(en.duration("P30D"), "30 days");
        assert_eq!(en.duration("PT48H"), "48 hours");
        assert_eq!(en.duration("P0Y1D"), "one day");
        // Not a duration: kept as written.
        assert_eq!(en.duration("two years"), "two years");
        assert_eq!(en.duration("P2"), "P2");
        assert_eq!(en.duration("P"), "P");
        assert_eq!(en.duration("PT"), "PT");
        assert_eq!(en.duration("P2D1Y"), "P2D1Y");
        assert_eq!(nl.working_days(20), "twintig werkdagen");
        assert_eq!(en.working_days(1), "one working day");
        assert_eq!(en.working_days(21), "21 working days");
    }

    #[test]
    fn countries_fall_back_to_their_code() {
        assert_eq!(wording(Language::Nl).country("us"), "Verenigde Staten");
        assert_eq!(wording(Language::En).country("CH"), "Switzerland");
        assert_eq!(wording(Language::En).country("XK"), "XK");
    }

    #[test]
    fn nothing_is_escaped() {
        let text =
            wording(Language::En).render("purposes.requirement", context! { text => "<b>&</b>" });
        assert!(text.ends_with("<b>&</b>"), "{text}");
    }
}
