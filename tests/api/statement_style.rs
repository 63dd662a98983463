//! The style guides (`docs/style-guide.nl.md`, `docs/style-guide.en.md`)
//! as tests: every rule a test can decide, checked on every golden
//! statement in both languages. The golden tests keep those files equal to
//! what ropa renders for the golden organizations, so a rule broken by a
//! template or the builder fails here, naming the file and the sentence.

mod addresses;
mod lists;

use std::path::PathBuf;

/// The longest sentence a statement may have, in words.
const MAX_SENTENCE_WORDS: usize = 35;
/// The longest paragraph, in sentences.
const MAX_PARAGRAPH_SENTENCES: usize = 6;

struct Statement {
    file: String,
    dutch: bool,
    markdown: String,
}

/// Every golden statement, its language from its name (`x.nl.md`).
fn statements() -> Vec<Statement> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the golden folder")
        .map(|entry| entry.expect("a golden file").path())
        .filter(|path| path.to_string_lossy().ends_with(".md"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "three organizations in two languages");
    files
        .into_iter()
        .map(|path| Statement {
            file: path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into(),
            dutch: path.to_string_lossy().ends_with(".nl.md"),
            markdown: std::fs::read_to_string(&path).expect("a readable golden file"),
        })
        .collect()
}

/// A block of the Markdown: what lies between blank lines.
enum Block<'m> {
    Heading,
    List(Vec<&'m str>),
    Table(Vec<&'m str>),
    Prose(&'m str),
}

fn blocks(markdown: &str) -> Vec<Block<'_>> {
    markdown
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|block| {
            if block.starts_with('#') {
                Block::Heading
            } else if block.starts_with("- ") {
                Block::List(block.lines().map(|l| &l[2..]).collect())
            } else if block.starts_with('|') {
                Block::Table(block.lines().collect())
            } else {
                Block::Prose(block)
            }
        })
        .collect()
}

/// The running text: prose paragraphs and list items, each a text.
fn texts(markdown: &str) -> Vec<&str> {
    blocks(markdown)
        .into_iter()
        .flat_map(|block| match block {
            Block::Prose(text) => vec![text],
            Block::List(items) => items,
            _ => Vec::new(),
        })
        .collect()
}

/// A text cut into sentences: after `.`, `?` or `!` and a space, where the
/// next word starts with a capital (so "B.V. is" stays one sentence).
fn sentences(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for window in chars.windows(3) {
        let [(_, end), (space_at, space), (_, next)] = window else {
            continue;
        };
        if matches!(end, '.' | '?' | '!') && *space == ' ' && next.is_uppercase() {
            out.push(text[start..*space_at].trim());
            start = space_at + 1;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

fn words(sentence: &str) -> usize {
    sentence
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Each statement's breaches of `rule`, one line each; the test fails
/// listing them all.
fn check(rule: &str, find: impl Fn(&Statement) -> Vec<String>) {
    let breaches: Vec<String> = statements()
        .iter()
        .flat_map(|s| find(s).into_iter().map(|b| format!("{}: {b}", s.file)))
        .collect();
    assert!(breaches.is_empty(), "{rule}:\n{}", breaches.join("\n"));
}

#[test]
fn sentences_have_at_most_35_words() {
    check("a sentence over 35 words", |s| {
        texts(&s.markdown)
            .into_iter()
            .flat_map(sentences)
            .filter(|sentence| words(sentence) > MAX_SENTENCE_WORDS)
            .map(|sentence| format!("{} words: {sentence}", words(sentence)))
            .collect()
    });
}

#[test]
fn paragraphs_are_short() {
    check("a paragraph over six sentences", |s| {
        blocks(&s.markdown)
            .into_iter()
            .filter_map(|b| match b {
                Block::Prose(text) => Some(text),
                _ => None,
            })
            .filter(|text| sentences(text).len() > MAX_PARAGRAPH_SENTENCES)
            .map(str::to_string)
            .collect()
    });
}

/// A capital after a colon is a breach unless the word is a name: a word
/// the statement never writes in lower case ("Facebook", "Cloudline").
#[test]
fn no_capital_after_a_colon() {
    check("a capital after a colon", |s| {
        let lower = s.markdown.to_string();
        texts(&s.markdown)
            .into_iter()
            .flat_map(|text| text.match_indices(": ").map(move |(i, _)| &text[i + 2..]))
            .filter_map(|rest| rest.split([' ', ',', '.']).next())
            .filter(|word| word.chars().next().is_some_and(char::is_uppercase))
            .filter(|word| {
                let common = word.to_lowercase();
                lower
                    .split(|c: char| !c.is_alphanumeric() && c != '-')
                    .any(|w| w == common)
            })
            .map(|word| format!("`: {word}`"))
            .collect()
    });
}

#[test]
fn no_list_of_one_item() {
    check("a list of one item", |s| {
        blocks(&s.markdown)
            .into_iter()
            .filter_map(|b| match b {
                Block::List(items) if items.len() == 1 => Some(items[0].to_string()),
                _ => None,
            })
            .collect()
    });
}

/// Whether `text` has brackets within brackets. A citation's own brackets,
/// written against the number ("6(1)(b)"), are part of the citation.
fn nested(text: &str) -> bool {
    // Open brackets, each marked whether it belongs to a citation.
    let mut open: Vec<bool> = Vec::new();
    let mut previous = ' ';
    for c in text.chars() {
        match c {
            '(' => open.push(previous.is_alphanumeric() || previous == ')'),
            ')' => {
                open.pop();
            }
            _ => {}
        }
        if open.iter().filter(|citation| !**citation).count() > 1 {
            return true;
        }
        previous = c;
    }
    false
}

#[test]
fn no_nested_parentheses() {
    check("brackets within brackets", |s| {
        texts(&s.markdown)
            .into_iter()
            .filter(|text| nested(text))
            .map(str::to_string)
            .collect()
    });
}

#[test]
fn no_doubled_full_stop() {
    check("a doubled full stop", |s| {
        texts(&s.markdown)
            .into_iter()
            .filter(|text| text.replace("...", "").contains(".."))
            .map(str::to_string)
            .collect()
    });
}

/// Phrases a statement never uses, per language, and why.
const NEVER: &[(bool, &str, &str)] = &[
    (true, "direct mail", "per post"),
    (false, "direct mail", "by post"),
    (true, "informatieberichten", "servicemails"),
    (
        true,
        "hieronder leest u",
        "no words about the statement's own structure",
    ),
    (
        false,
        "below you can read",
        "no words about the statement's own structure",
    ),
    (
        true,
        "zwaarder weegt dan uw privacybelang",
        "state the interest, not a boilerplate balancing",
    ),
    (
        false,
        "outweighs your privacy interest",
        "state the interest, not a boilerplate balancing",
    ),
    (
        false,
        "processor agreement",
        "one term: data processing agreement",
    ),
    (
        true,
        "verwerkingsovereenkomst",
        "one term: verwerkersovereenkomst",
    ),
    (
        true,
        "bewerkersovereenkomst",
        "one term: verwerkersovereenkomst",
    ),
    (
        true,
        "artikel 6(",
        "Dutch citation: artikel 6 lid 1 onder b AVG",
    ),
    (
        true,
        "artikel 9(",
        "Dutch citation: artikel 9 lid 2 onder a AVG",
    ),
    (false, "organization", "British spelling: organisation"),
    (false, "behavior", "British spelling: behaviour"),
    (false, "analyze", "British spelling: analyse"),
    (false, "authorization", "British spelling: authorisation"),
    (false, "personaliz", "British spelling: personalise"),
    (false, "recogniz", "British spelling: recognise"),
];

#[test]
fn words_the_guides_rule_out_are_not_used() {
    check("a phrase the style guide rules out", |s| {
        let lower = s.markdown.to_lowercase();
        NEVER
            .iter()
            .filter(|(dutch, phrase, _)| *dutch == s.dutch && lower.contains(phrase))
            .map(|(_, phrase, instead)| format!("`{phrase}` ({instead})"))
            .collect()
    });
}

/// The Dutch authority is named with its article in Dutch, and by its
/// English name with the Dutch one in brackets in English.
#[test]
fn the_dutch_authority_is_named_consistently() {
    const NAME: &str = "Autoriteit Persoonsgegevens";
    check(
        "the authority named without its article or English name",
        |s| {
            let before = if s.dutch {
                "de "
            } else {
                "Dutch Data Protection Authority ("
            };
            s.markdown
                .match_indices(NAME)
                .filter(|(i, _)| !s.markdown[..*i].ends_with(before))
                .map(|(i, _)| s.markdown[i.saturating_sub(40)..i + NAME.len()].to_string())
                .collect()
        },
    );
}

/// English phone numbers carry their calling code: no national number
/// starting with a trunk 0 ("085 9024886").
#[test]
fn english_phone_numbers_are_international() {
    check("a national phone number in English", |s| {
        if s.dutch {
            return Vec::new();
        }
        let bytes = s.markdown.as_bytes();
        s.markdown
            .match_indices('0')
            .map(|(i, _)| i)
            .filter(|&i| i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'+'))
            .filter_map(|i| {
                let number: String = s.markdown[i..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == ' ')
                    .collect();
                let digits = number.chars().filter(char::is_ascii_digit).count();
                (digits >= 9).then(|| number.trim().to_string())
            })
            .collect()
    });
}

/// "deze gegevens" / "this data" only after the data was named: never in
/// the first sentence under a heading.
#[test]
fn no_reference_to_data_not_yet_named() {
    check("`deze gegevens` before saying which", |s| {
        let this = if s.dutch {
            "deze gegevens"
        } else {
            "this data"
        };
        let mut after_heading = false;
        let mut found = Vec::new();
        for block in blocks(&s.markdown) {
            match block {
                Block::Heading => after_heading = true,
                Block::Prose(text) if after_heading => {
                    let first = sentences(text).first().copied().unwrap_or_default();
                    if first.to_lowercase().contains(this) {
                        found.push(first.to_string());
                    }
                    after_heading = false;
                }
                _ => after_heading = false,
            }
        }
        found
    });
}

/// The layered notice: a summary table right after the introduction, a
/// row per purpose, each linking to a heading of the statement.
#[test]
fn the_statement_opens_with_a_summary_of_every_purpose() {
    check("no summary table leading to every purpose", |s| {
        let all = blocks(&s.markdown);
        let Some(table) = all.iter().find_map(|b| match b {
            Block::Table(rows) => Some(rows),
            _ => None,
        }) else {
            return vec!["no summary table".into()];
        };
        let rows = &table[2..];
        let mut breaches = Vec::new();
        if rows.is_empty() {
            breaches.push("a summary without rows".into());
        }
        for row in rows {
            let link = row
                .strip_prefix("| [")
                .and_then(|rest| rest.split_once("](#"))
                .and_then(|(name, rest)| Some((name, rest.split_once(')')?.0)));
            match link {
                Some((name, id))
                    if id.starts_with("purpose-")
                        && s.markdown.contains(&format!("\n### {name}\n")) => {}
                _ => breaches.push(format!("a row not leading to its purpose: {row}")),
            }
        }
        breaches
    });
}

#[test]
fn sentences_are_cut_where_they_end() {
    assert_eq!(
        sentences("Rezulto B.V. is hier. Wij ook! En u? ja."),
        ["Rezulto B.V. is hier.", "Wij ook!", "En u? ja."]
    );
    assert_eq!(words("Wij – en u, 12 keer."), 5);
    assert!(!nested("Uitvoering (artikel 6(1)(b) AVG)."));
    assert!(nested("Verenigde Staten (Mailchimp (Intuit Inc.))"));
}

/// The sections where the organization names itself: where it introduces
/// itself and where its address is given.
const NAMED_IN: &[&str] = &[
    "## Wie wij zijn",
    "## Who we are",
    "## Contact en klachten",
    "## Contact and complaints",
];

/// "Wij" throughout: the organization's name (without its legal form)
/// only in the title, the introduction and the sections of `NAMED_IN`.
#[test]
fn the_organization_says_we_outside_its_introduction() {
    check("the organization's name where `wij` / `we` belongs", |s| {
        let title = s.markdown.lines().next().unwrap_or_default();
        let name = title
            .rsplit_once(" van ")
            .or_else(|| title.rsplit_once(" of "))
            .map_or("", |(_, name)| name);
        let name = ["B.V.", "N.V.", "Ltd.", "GmbH", "Inc."]
            .iter()
            .fold(name, |name, form| name.trim_end_matches(form).trim_end());
        assert!(!name.is_empty(), "{}: no name in the title", s.file);
        let mut section = "";
        let mut found = Vec::new();
        for line in s.markdown.lines() {
            if line.starts_with("## ") {
                section = line;
            }
            let allowed = section.is_empty() || NAMED_IN.contains(&section);
            if !allowed && line.contains(name) {
                found.push(format!("{section}: {line}"));
            }
        }
        found
    });
}

/// The headings of the section with a part per purpose.
const PURPOSES: &[&str] = &[
    "## Welke gegevens wij verwerken en waarom",
    "## What data we process and why",
];

/// Full sentences with "wij" / "we" as the subject: every purpose opens
/// with what we do ("Wij leggen vast …"), never with a verbless phrase
/// ("Vastleggen waarop …").
#[test]
fn every_purpose_opens_with_what_we_do() {
    check("a purpose that does not open with `Wij` / `We`", |s| {
        let we = if s.dutch { "Wij " } else { "We " };
        let (mut in_purposes, mut purpose) = (false, None);
        let mut found = Vec::new();
        for block in s.markdown.split("\n\n").map(str::trim) {
            if block.starts_with("## ") {
                in_purposes = PURPOSES.contains(&block);
            } else if let Some(heading) = block.strip_prefix("### ") {
                purpose = in_purposes.then_some(heading);
            } else if let Some(heading) = purpose.take() {
                if !block.starts_with(we) {
                    found.push(format!("{heading}: {block}"));
                }
            }
        }
        found
    });
}
