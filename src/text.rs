//! What text from outside may hold. Names, descriptions, searches and slugs
//! are plain text: no control characters but tab and line breaks. A NUL is
//! refused by PostgreSQL as text and ignored by SQLite's `LIKE`, and none of
//! them means anything in a register. Token claims are one-line names: no
//! control character at all.

use serde_json::Value;

use crate::error::{AppError, AppResult};

/// Why a text with a control character is refused.
pub const CONTROL_CHARACTER: &str =
    "must not contain control characters (only tab and line breaks)";

/// Whether `text` holds a control character other than tab, line feed and
/// carriage return (Unicode category Cc: C0, DEL and C1).
pub fn has_control_character(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Whether `text` holds any control character, tab and line breaks
/// included: for one-line values such as token claims.
pub fn has_any_control_character(text: &str) -> bool {
    text.chars().any(char::is_control)
}

/// Whether `text` is an organization slug: 2 to 63 lowercase letters,
/// digits and dashes, neither starting nor ending with a dash.
pub fn is_slug(text: &str) -> bool {
    (2..=63).contains(&text.len())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

/// `VALIDATION_FAILED` on `field` when `text` holds a control character.
pub fn plain(text: &str, field: &str) -> AppResult<()> {
    if has_control_character(text) {
        return Err(AppError::validation(field, CONTROL_CHARACTER));
    }
    Ok(())
}

/// The place (`name.0.text`, below `root`) of the first string in `value`,
/// an object key included, that holds a control character. A key is named
/// with its control characters as `?`, so that the place can be shown.
pub fn control_character_in(value: &Value, root: &str) -> Option<String> {
    match value {
        Value::String(text) => has_control_character(text).then(|| root.to_string()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(index, item)| control_character_in(item, &join(root, &index.to_string()))),
        Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            if has_control_character(key) {
                Some(join(root, &key.replace(|c: char| c.is_control(), "?")))
            } else {
                control_character_in(item, &join(root, key))
            }
        }),
        Value::Null | Value::Bool(_) | Value::Number(_) => None,
    }
}

fn join(root: &str, part: &str) -> String {
    if root.is_empty() {
        part.to_string()
    } else {
        format!("{root}.{part}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn control_characters_but_tab_and_line_breaks_are_found() {
        assert!(!has_control_character(
            "Naam\tOmschrijving\r\nregel twee é €"
        ));
        for bad in ["a\0b", "\u{1}", "\u{1b}[31m", "\u{7f}", "\u{85}", "\u{9f}"] {
            assert!(has_control_character(bad), "{bad:?}");
        }
    }

    #[test]
    fn claims_allow_no_control_character_at_all() {
        assert!(!has_any_control_character("integration-42 é €"));
        for bad in ["a\tb", "a\nb", "\r", "a\0b", "\u{7f}", "\u{85}"] {
            assert!(has_any_control_character(bad), "{bad:?}");
        }
    }

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        for good in ["ab", "acme", "rezulto-2", &"a".repeat(63)] {
            assert!(is_slug(good), "{good:?}");
        }
        for bad in [
            "",
            "a",
            "-acme",
            "acme-",
            "Acme",
            "ac me",
            "ac\0me",
            "../x",
            &"a".repeat(64),
        ] {
            assert!(!is_slug(bad), "{bad:?}");
        }
    }

    #[test]
    fn the_place_of_a_control_character_is_named() {
        let value = json!({ "input": { "name": [{ "language": "NL", "text": "ok" }, { "text": "x\u{0}" }] } });
        assert_eq!(
            control_character_in(&value, "").as_deref(),
            Some("input.name.1.text")
        );
        let key = json!({ "input": { "a\u{0}": 1 } });
        assert_eq!(control_character_in(&key, "").as_deref(), Some("input.a?"));
        assert_eq!(
            control_character_in(&json!({ "a": [1, true, null, "line\nbreak"] }), "file"),
            None
        );
    }
}
