//! Checks on register input. Each returns a `VALIDATION_FAILED` error that
//! names the input field.

use uuid::Uuid;

use crate::error::{AppError, AppResult};

/// A non-empty, trimmed, plain text.
pub fn required_text(value: &str, field: &str) -> AppResult<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(AppError::validation(field, "must not be empty"));
    }
    crate::text::plain(trimmed, field)?;
    if trimmed.len() > 10_000 {
        return Err(AppError::validation(field, "is too long"));
    }
    Ok(trimmed.to_string())
}

/// An optional text; blank counts as absent.
pub fn optional_text(value: &Option<String>, field: &str) -> AppResult<Option<String>> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => required_text(text, field).map(Some),
    }
}

/// A hierarchical key such as `contact.email`: lowercase words joined by dots.
pub fn key(value: &str, field: &str) -> AppResult<String> {
    let valid = !value.is_empty()
        && value.len() <= 100
        && value.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        });
    if valid {
        Ok(value.to_string())
    } else {
        Err(AppError::validation(
            field,
            "use lowercase words joined by dots, e.g. `contact.email`",
        ))
    }
}

/// An organization slug: lowercase letters, digits and dashes.
pub fn slug(value: &str, field: &str) -> AppResult<String> {
    if crate::text::is_slug(value) {
        Ok(value.to_string())
    } else {
        Err(AppError::validation(
            field,
            "use 2 to 63 lowercase letters, digits and dashes",
        ))
    }
}

/// An ISO 3166-1 alpha-2 country code, returned in upper case.
pub fn country(value: &str, field: &str) -> AppResult<String> {
    let upper = value.trim().to_ascii_uppercase();
    isocountry::CountryCode::for_alpha2(&upper)
        .map(|_| upper)
        .map_err(|_| AppError::validation(field, "not an ISO 3166-1 alpha-2 country code"))
}

/// An ISO 8601 duration such as `P4W` or `P2Y`.
pub fn duration(value: &str, field: &str) -> AppResult<String> {
    let trimmed = value.trim();
    let valid = trimmed.starts_with('P') && trimmed.len() > 1 && iso8601::duration(trimmed).is_ok();
    if valid {
        Ok(trimmed.to_string())
    } else {
        Err(AppError::validation(
            field,
            "not an ISO 8601 duration such as `P4W` or `P2Y`",
        ))
    }
}

pub fn email(value: &str, field: &str) -> AppResult<String> {
    let trimmed = value.trim();
    let valid = trimmed.len() <= 254
        && !trimmed.contains(char::is_whitespace)
        && trimmed.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if valid {
        Ok(trimmed.to_string())
    } else {
        Err(AppError::validation(field, "not an e-mail address"))
    }
}

pub fn optional_email(value: &Option<String>, field: &str) -> AppResult<Option<String>> {
    optional_text(value, field)?
        .map(|v| email(&v, field))
        .transpose()
}

pub fn url(value: &str, field: &str) -> AppResult<String> {
    let trimmed = value.trim();
    let valid = (trimmed.starts_with("https://") || trimmed.starts_with("http://"))
        && trimmed.len() > "https://".len()
        && !trimmed.contains(char::is_whitespace);
    if valid {
        Ok(trimmed.to_string())
    } else {
        Err(AppError::validation(field, "not an http(s) URL"))
    }
}

/// A list of ids with no id twice; a repeat is reported at its index.
pub fn distinct_ids(ids: &[Uuid], field: &str) -> AppResult<Vec<Uuid>> {
    for (index, id) in ids.iter().enumerate() {
        if ids[..index].contains(id) {
            return Err(AppError::validation(
                format!("{field}.{index}"),
                "duplicate id",
            ));
        }
    }
    Ok(ids.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_dotted_lowercase_words() {
        assert!(key("contact.email", "k").is_ok());
        assert!(key("Contact.email", "k").is_err());
        assert!(key("contact..email", "k").is_err());
        assert!(key("", "k").is_err());
    }

    #[test]
    fn countries_are_iso_codes() {
        assert_eq!(country("nl", "c").unwrap(), "NL");
        assert!(country("XX", "c").is_err());
        assert!(country("NLD", "c").is_err());
    }

    #[test]
    fn durations_are_iso_8601() {
        assert!(duration("P4W", "d").is_ok());
        assert!(duration("P2Y", "d").is_ok());
        assert!(duration("four weeks", "d").is_err());
        assert!(duration("P", "d").is_err());
    }

    #[test]
    fn emails_need_a_domain() {
        assert!(email("privacy@rezulto.nl", "e").is_ok());
        assert!(email("privacy@", "e").is_err());
        assert!(email("a b@c.nl", "e").is_err());
    }
}
