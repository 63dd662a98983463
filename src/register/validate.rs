//! Checks on register input. Each returns a `VALIDATION_FAILED` error that
//! names the input field.

use uuid::Uuid;

use crate::error::{AppError, AppResult};

/// `value` when it is `valid`, else the error `problem` at `field`.
fn accepted(valid: bool, value: &str, field: &str, problem: &str) -> AppResult<String> {
    if valid {
        Ok(value.to_string())
    } else {
        Err(AppError::validation(field, problem))
    }
}

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
    accepted(
        valid,
        value,
        field,
        "use lowercase words joined by dots, e.g. `contact.email`",
    )
}

/// An organization slug: lowercase letters, digits and dashes.
pub fn slug(value: &str, field: &str) -> AppResult<String> {
    accepted(
        crate::text::is_slug(value),
        value,
        field,
        "use 2 to 63 lowercase letters, digits and dashes",
    )
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
    accepted(
        valid,
        trimmed,
        field,
        "not an ISO 8601 duration such as `P4W` or `P2Y`",
    )
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
    accepted(valid, trimmed, field, "not an e-mail address")
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
    accepted(valid, trimmed, field, "not an http(s) URL")
}

/// Every text of an optional list, checked by `check`; a fault is reported
/// at its index.
pub fn each(
    values: &Option<Vec<String>>,
    field: &str,
    check: fn(&str, &str) -> AppResult<String>,
) -> AppResult<Vec<String>> {
    let values = values.iter().flatten().enumerate();
    values
        .map(|(index, value)| check(value, &format!("{field}.{index}")))
        .collect()
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

    /// Per check, values it accepts and values it refuses.
    #[test]
    fn checks_accept_and_refuse() {
        type Check = fn(&str, &str) -> AppResult<String>;
        let cases: [(Check, &[&str], &[&str]); 4] = [
            (
                key,
                &["contact.email"],
                &["Contact.email", "contact..email", ""],
            ),
            (country, &["nl"], &["XX", "NLD"]),
            (duration, &["P4W", "P2Y"], &["four weeks", "P"]),
            (email, &["privacy@rezulto.nl"], &["privacy@", "a b@c.nl"]),
        ];
        for (check, valid, invalid) in cases {
            for value in valid {
                assert!(check(value, "f").is_ok(), "{value}");
            }
            for value in invalid {
                assert!(check(value, "f").is_err(), "{value}");
            }
        }
    }

    #[test]
    fn countries_are_upper_case() {
        assert_eq!(country("nl", "c").unwrap(), "NL");
    }
}
