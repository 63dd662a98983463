//! Rules 9 and 12 of the style guides: a colon announces the list that
//! follows it and nothing else; alternatives are joined with "of" / "or".

use super::{blocks, check, sentences, texts, Block};

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
