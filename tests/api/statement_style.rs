//! The style guides (`docs/style-guide.nl.md`, `docs/style-guide.en.md`)
//! as tests: every rule a test can decide, checked on every golden
//! statement in both languages. The golden tests keep those files equal to
//! what ropa renders for the golden organizations, so a rule broken by a
//! template or the builder fails here, naming the file and the sentence.

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

/// A colon announces only what belongs to it (rule 9): a list follows the
/// sentence that announces it, and that sentence, ending in the colon,
/// closes its paragraph, so no other sentence comes between the colon and
/// the list; and no paragraph ends in a colon that announces nothing.
#[test]
fn a_colon_announces_only_what_follows_it() {
    check("a list and the colon announcing it apart", |s| {
        let all = blocks(&s.markdown);
        let mut found = Vec::new();
        for (i, block) in all.iter().enumerate() {
            match block {
                Block::List(items) => {
                    let before = i.checked_sub(1).and_then(|i| all.get(i));
                    if !matches!(before, Some(Block::Prose(text)) if text.ends_with(':')) {
                        found.push(format!(
                            "a list its paragraph does not announce: {}",
                            items[0]
                        ));
                    }
                }
                Block::Prose(text)
                    if text.ends_with(':') && !matches!(all.get(i + 1), Some(Block::List(_))) =>
                {
                    found.push(format!("a colon announcing nothing: {text}"));
                }
                _ => {}
            }
        }
        found
    });
}

/// The ways to reach us, per language: each is an alternative to the others.
const CHANNELS: &[(bool, &[&str])] = &[
    (true, &["per e-mail", "per post", "telefonisch"]),
    (false, &["by e-mail", "by post", "by telephone", "by phone"]),
];

/// Alternatives are joined with "of" / "or" (rule 12): where a sentence
/// names more than one way to reach us, the last two are joined by "of" /
/// "or" and none by "en" / "and".
#[test]
fn the_ways_to_reach_us_are_alternatives() {
    check("ways to reach us joined as an enumeration", |s| {
        let (channels, or, and) = match CHANNELS.iter().find(|(dutch, _)| *dutch == s.dutch) {
            Some((true, channels)) => (*channels, " of ", " en "),
            Some((false, channels)) => (*channels, " or ", " and "),
            None => return Vec::new(),
        };
        let mut found = Vec::new();
        for sentence in texts(&s.markdown).into_iter().flat_map(sentences) {
            let lower = sentence.to_lowercase();
            let mut at: Vec<(usize, usize)> = channels
                .iter()
                .flat_map(|c| lower.match_indices(c).map(|(i, c)| (i, i + c.len())))
                .collect();
            at.sort_unstable();
            let gaps: Vec<&str> = at.windows(2).map(|w| &lower[w[0].1..w[1].0]).collect();
            let joined_by_or = gaps.last().is_none_or(|gap| gap.contains(or));
            if !joined_by_or || gaps.iter().any(|gap| gap.contains(and)) {
                found.push(sentence.to_string());
            }
        }
        found
    });
}

/// The length of a Dutch postcode ("7211 AB") at the start of `text`.
fn dutch_postcode(text: &[u8]) -> Option<usize> {
    let shape = text.get(..7)?;
    (shape[..4].iter().all(u8::is_ascii_digit)
        && shape[4] == b' '
        && shape[5..].iter().all(u8::is_ascii_uppercase)
        && !text.get(7).is_some_and(u8::is_ascii_alphanumeric))
    .then_some(7)
}

/// The length of a British postcode ("BS1 4RN", "SW1A 2AA") at the start
/// of `text`: an outward code of one or two letters, a digit and perhaps a
/// letter or digit; a space; a digit and two letters.
fn british_postcode(text: &[u8]) -> Option<usize> {
    let letters = text.iter().take_while(|b| b.is_ascii_uppercase()).count();
    if !(1..=2).contains(&letters) || !text.get(letters)?.is_ascii_digit() {
        return None;
    }
    let outward = letters
        + 1
        + usize::from(text.get(letters + 1)?.is_ascii_alphanumeric() && text[letters + 1] != b' ');
    let inward = text.get(outward..outward + 4)?;
    (inward[0] == b' '
        && inward[1].is_ascii_digit()
        && inward[2..].iter().all(u8::is_ascii_uppercase)
        && !text.get(outward + 4).is_some_and(u8::is_ascii_alphanumeric))
    .then_some(outward + 4)
}

/// Addresses as their country writes them (rule 24 / 23): a Dutch postcode
/// comes right after the street and before the town ("Dorpsstraat 4, 7211
/// AB Eefde"), a British one after the town ("12 Harbour Street, Bristol
/// BS1 4RN").
#[test]
fn addresses_are_written_as_their_country_writes_them() {
    check("an address not written as its country writes it", |s| {
        let text = s.markdown.as_bytes();
        let mut found = Vec::new();
        for at in 0..text.len() {
            if at > 0 && text[at - 1].is_ascii_alphanumeric() {
                continue;
            }
            let context = || {
                let start = (0..=at.saturating_sub(40))
                    .rev()
                    .find(|&i| s.markdown.is_char_boundary(i))
                    .unwrap_or(0);
                s.markdown[start..].chars().take(60).collect::<String>()
            };
            if let Some(len) = dutch_postcode(&text[at..]) {
                let town_follows = text.get(at + len) == Some(&b' ')
                    && text.get(at + len + 1).is_some_and(u8::is_ascii_uppercase);
                if !s.markdown[..at].ends_with(", ") || !town_follows {
                    found.push(format!("Dutch: {}", context()));
                }
            } else if let Some(len) = british_postcode(&text[at..]) {
                let town = s.markdown[..at]
                    .strip_suffix(' ')
                    .and_then(|before| before.rsplit_once(", "))
                    .map(|(_, town)| town);
                let town_before = town.is_some_and(|town| {
                    town.chars().next().is_some_and(char::is_uppercase)
                        && !town.chars().any(|c| c.is_ascii_digit())
                });
                let ends = matches!(text.get(at + len), Some(b',' | b'.' | b'\n') | None);
                if !town_before || !ends {
                    found.push(format!("British: {}", context()));
                }
            }
        }
        found
    });
}

/// The golden statements hold addresses of both kinds, so the rule above
/// is decided on each.
#[test]
fn the_golden_statements_hold_dutch_and_british_addresses() {
    let (mut dutch, mut british) = (0, 0);
    for s in statements() {
        let text = s.markdown.as_bytes();
        for at in (0..text.len()).filter(|&at| at == 0 || !text[at - 1].is_ascii_alphanumeric()) {
            dutch += usize::from(dutch_postcode(&text[at..]).is_some());
            british += usize::from(british_postcode(&text[at..]).is_some());
        }
    }
    assert!(dutch > 0 && british > 0, "{dutch} Dutch, {british} British");
}

#[test]
fn postcodes_are_told_by_their_shape() {
    assert_eq!(dutch_postcode(b"7211 AB Eefde"), Some(7));
    assert_eq!(dutch_postcode(b"7211 ABC"), None);
    assert_eq!(british_postcode(b"BS1 4RN, United Kingdom"), Some(7));
    assert_eq!(british_postcode(b"SW1A 2AA."), Some(8));
    assert_eq!(british_postcode(b"M1 1AE"), Some(6));
    assert_eq!(british_postcode(b"GDPR 6"), None);
    assert_eq!(british_postcode(b"EU 2016"), None);
}
