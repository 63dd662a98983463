//! Rule 24 (English) / 23 (Dutch) of the style guides: addresses as their
//! country writes them, told by the shape of their postcodes.

use super::{check, statements};

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
