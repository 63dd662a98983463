//! Values written out in a language: lists, quotations, dates, counts,
//! durations and countries, as the statement writes them and everything else
//! repeats.

use chrono::{Datelike, NaiveDate};
use minijinja::context;

use super::Wording;

impl Wording {
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

    /// A GDPR article as the register stores it (`6(1)(b)`, `9(2)(a)`, `49`)
    /// cited as the language does: "Article 6(1)(b) GDPR", "artikel 6 lid 1
    /// onder b AVG". A text of another shape is cited as it is.
    pub fn article(&self, article: &str) -> String {
        let article = article.trim();
        let mut parts = article.split('(').map(|p| p.trim_end_matches(')'));
        let number = parts.next().unwrap_or(article);
        let (paragraph, point) = (parts.next(), parts.next());
        self.render("common.article", context! { number, paragraph, point })
    }

    /// A name with the definite article: "the Information Commissioner's
    /// Office", "de Autoriteit Persoonsgegevens".
    pub fn definite(&self, name: &str) -> String {
        self.render("common.definite", context! { name })
    }

    /// A supervisory authority with its article, as the language names it:
    /// the English statement gives the Dutch authority its English name with
    /// the Dutch one in brackets. Others by the name the register gives.
    pub fn authority(&self, name: &str) -> String {
        let slug: String = name
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        self.lookup(&format!("authority.{slug}"))
            .unwrap_or_else(|| self.definite(name))
    }

    /// A telephone number of an organization in `country` (ISO code) as the
    /// language writes it: as stored, or in international form.
    pub fn phone(&self, number: &str, country: &str) -> String {
        let national = number.trim();
        let international = international_phone(national, country);
        self.render("common.phone", context! { national, international })
    }

    /// The name of a country by ISO 3166-1 alpha-2 code, or the code itself.
    pub fn country(&self, code: &str) -> String {
        let code = code.trim().to_ascii_uppercase();
        self.lookup(&format!("country.{code}")).unwrap_or(code)
    }
}

/// The text with its first letter in upper case.
pub fn ucfirst(value: String) -> String {
    let mut chars = value.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => value,
    }
}

/// A category name as it reads mid-sentence: a common noun starts in lower
/// case ("data about learners"). A proper name keeps its capitals: more than
/// one capitalised word ("Information Commissioner's Office") or a capital
/// after the first letter ("ICT staff", "iOS users").
pub fn common_noun(name: &str) -> String {
    let capitalised = |word: &&&str| word.chars().next().is_some_and(char::is_uppercase);
    let words: Vec<&str> = name.split_whitespace().collect();
    let inner_capital = words
        .first()
        .is_some_and(|w| w.chars().skip(1).any(char::is_uppercase));
    if inner_capital || words.iter().filter(capitalised).count() > 1 {
        return name.to_string();
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Calling codes of the countries whose numbers drop a leading trunk `0`.
const CALLING_CODES: &[(&str, &str)] = &[
    ("AT", "43"),
    ("BE", "32"),
    ("CH", "41"),
    ("DE", "49"),
    ("DK", "45"),
    ("ES", "34"),
    ("FI", "358"),
    ("FR", "33"),
    ("GB", "44"),
    ("IE", "353"),
    ("LU", "352"),
    ("NL", "31"),
    ("NO", "47"),
    ("PL", "48"),
    ("PT", "351"),
    ("SE", "46"),
];

/// A national number (`085 9024886`) in international form (`+31 85
/// 9024886`), its grouping kept; a number already international, or of a
/// country without a known calling code, as it is.
pub(super) fn international_phone(number: &str, country: &str) -> String {
    if let Some(rest) = number.strip_prefix("00") {
        return format!("+{rest}");
    }
    let code = CALLING_CODES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(country.trim()))
        .map(|(_, code)| code);
    match (code, number.strip_prefix('0')) {
        (Some(code), Some(rest)) => format!("+{code} {}", rest.trim_start_matches([' ', '-'])),
        _ => number.to_string(),
    }
}

/// A text with the full stop a template puts after a name ending in one
/// ("Cloudline Inc..") said once; an ellipsis ("...") is left alone.
pub(super) fn single_full_stops(text: String) -> String {
    if !text.contains("..") {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            let doubled = c == '.' && i > 0 && chars[i - 1] == '.';
            let ellipsis = (i > 1 && chars[i - 2] == '.') || chars.get(i + 1) == Some(&'.');
            !doubled || ellipsis
        })
        .map(|(_, &c)| c)
        .collect()
}

/// The parts of an ISO 8601 duration as `(unit key, count)`, largest first;
/// `None` when the text is not a duration of years, months, weeks, days,
/// hours or minutes, or says nothing but zeros.
///
/// Hand-written rather than the `iso8601` crate's parser: that one reads
/// weeks only on their own (`P2W`), so `P1Y2W` would be left unwritten.
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
