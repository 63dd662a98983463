//! From the uploaded text to a typed backup: base64, then JSON or YAML,
//! then the backup document of a known version. Every fault is a
//! `VALIDATION_FAILED` naming its place in the file (`activities.3.status`),
//! or the argument when the file as a whole is unreadable.

use base64::Engine;
use serde_json::Value;

use crate::error::{AppError, AppResult};
use crate::http::graphql::MAX_BODY_BYTES;
use crate::register_export::backup::{Backup, FORMAT, VERSION};
use crate::register_export::ExportFormat;

/// A backup arrives in the body of a request, so it can be no larger; the
/// check keeps callers other than the HTTP endpoint to the same bound.
pub const MAX_BACKUP_BYTES: usize = MAX_BODY_BYTES;

/// The argument that holds the file.
const FILE: &str = "base64";

/// How the file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
}

impl Syntax {
    /// The formats a backup is written in; the others cannot be read back.
    pub fn of(format: ExportFormat) -> AppResult<Syntax> {
        match format {
            ExportFormat::BackupJson => Ok(Syntax::Json),
            ExportFormat::BackupYaml => Ok(Syntax::Yaml),
            _ => Err(AppError::validation(
                "format",
                "only a backup imports: use BACKUP_JSON or BACKUP_YAML",
            )),
        }
    }
}

/// The backup in `base64`, written in `syntax`.
pub fn decode(syntax: Syntax, base64: &str) -> AppResult<Backup> {
    let text = text(base64)?;
    let value = parse(syntax, &text)?;
    if let Some(place) = crate::text::control_character_in(&value, "") {
        return Err(AppError::validation(place, crate::text::CONTROL_CHARACTER));
    }
    check_header(&value)?;
    serde_path_to_error::deserialize(value).map_err(|error| {
        let field = path(error.path());
        AppError::validation(field, error.into_inner().to_string())
    })
}

/// The file's text. Line breaks and spaces are allowed in the base64, as
/// tools that wrap it put them there.
fn text(base64: &str) -> AppResult<String> {
    let compact: String = base64
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if compact.len() / 4 * 3 > MAX_BACKUP_BYTES {
        return Err(AppError::validation(
            FILE,
            format!("the file is larger than {MAX_BACKUP_BYTES} bytes"),
        ));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|e| AppError::validation(FILE, format!("not base64: {e}")))?;
    String::from_utf8(bytes).map_err(|_| AppError::validation(FILE, "the file is not UTF-8 text"))
}

fn parse(syntax: Syntax, text: &str) -> AppResult<Value> {
    match syntax {
        Syntax::Json => serde_json::from_str(text)
            .map_err(|e| AppError::validation(FILE, format!("not JSON: {e}"))),
        Syntax::Yaml => serde_norway::from_str(text)
            .map_err(|e| AppError::validation(FILE, format!("not YAML: {e}"))),
    }
}

/// The format and its version come first: a document of another version
/// would fail on some field further down, with a misleading message.
fn check_header(value: &Value) -> AppResult<()> {
    if !value.is_object() {
        return Err(AppError::validation(
            FILE,
            "the file holds no backup: expected an object with `format`, `version` and the register",
        ));
    }
    if value["format"] != FORMAT {
        return Err(AppError::validation(
            "format",
            format!("not a ropa backup: `format` must be `{FORMAT}`"),
        ));
    }
    if value["version"] != VERSION {
        return Err(AppError::validation(
            "version",
            format!(
                "unknown format version {}: this ropa reads version {VERSION}",
                value["version"]
            ),
        ));
    }
    Ok(())
}

/// `activities[3].status` as `activities.3.status`, the way input paths
/// are written.
fn path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let segments: Vec<String> = path
        .iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect();
    if segments.is_empty() {
        FILE.to_string()
    } else {
        segments.join(".")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(text: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(text)
    }

    fn field(result: AppResult<Backup>) -> String {
        match result {
            Err(AppError::Validation { field, .. }) => field,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    const MINIMAL: &str = r#"{
        "format": "ropa-register-backup", "version": 1,
        "organization": {
            "id": "0190b6a0-0000-7000-8000-000000000001", "slug": "acme",
            "legalName": "Acme B.V.", "defaultLanguage": "EN"
        },
        "rightsPolicy": null
    }"#;

    #[test]
    fn a_minimal_backup_reads_in_both_syntaxes() {
        let json = decode(Syntax::Json, &encoded(MINIMAL)).unwrap();
        assert_eq!(json.organization.legal_name, "Acme B.V.");
        assert!(json.activities.is_empty());
        // JSON is YAML too.
        assert_eq!(decode(Syntax::Yaml, &encoded(MINIMAL)).unwrap(), json);
    }

    #[test]
    fn wrapped_base64_reads() {
        let wrapped: String = encoded(MINIMAL)
            .as_bytes()
            .chunks(76)
            .map(|line| format!("{}\n", std::str::from_utf8(line).unwrap()))
            .collect();
        assert!(decode(Syntax::Json, &wrapped).is_ok());
    }

    #[test]
    fn faults_name_their_place() {
        assert_eq!(field(decode(Syntax::Json, "not base64!")), "base64");
        assert_eq!(field(decode(Syntax::Json, &encoded("{"))), "base64");
        assert_eq!(field(decode(Syntax::Yaml, &encoded("a: [b"))), "base64");
        assert_eq!(field(decode(Syntax::Json, &encoded("[]"))), "base64");
        let other_version = MINIMAL.replace("\"version\": 1", "\"version\": 2");
        assert_eq!(
            field(decode(Syntax::Json, &encoded(&other_version))),
            "version"
        );
        let other_format = MINIMAL.replace("ropa-register-backup", "something");
        assert_eq!(
            field(decode(Syntax::Json, &encoded(&other_format))),
            "format"
        );
        let bad_language = MINIMAL.replace("\"EN\"", "\"DE\"");
        assert_eq!(
            field(decode(Syntax::Json, &encoded(&bad_language))),
            "organization.defaultLanguage"
        );
        let bad_activity = MINIMAL.replace(
            "\"rightsPolicy\": null",
            r#""rightsPolicy": null, "activities": [{"id": "x"}]"#,
        );
        assert_eq!(
            field(decode(Syntax::Json, &encoded(&bad_activity))),
            "activities.0.id"
        );
    }

    #[test]
    fn a_yaml_alias_bomb_is_refused() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (name, previous) in ('b'..='j').zip('a'..='i') {
            let list = vec![format!("*{previous}"); 10].join(", ");
            bomb.push_str(&format!("{name}: &{name} [{list}]\n"));
        }
        assert_eq!(field(decode(Syntax::Yaml, &encoded(&bomb))), "base64");
    }

    #[test]
    fn only_backups_import() {
        assert!(Syntax::of(ExportFormat::RopaCsv).is_err());
        assert_eq!(Syntax::of(ExportFormat::BackupYaml).unwrap(), Syntax::Yaml);
    }
}
