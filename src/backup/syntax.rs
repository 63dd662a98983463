//! A backup as text, JSON or YAML: written as it is, read back as a
//! document of a known format and version. Every fault in reading is a
//! `VALIDATION_FAILED` naming its place in the document
//! (`activities.3.status`), or the file when it is unreadable as a whole.

use serde_json::Value;

use super::{Backup, FORMAT, VERSION};
use crate::error::{AppError, AppResult};

/// How a backup is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
}

/// The text of `backup` in `syntax`.
pub fn write(backup: &Backup, syntax: Syntax) -> AppResult<Vec<u8>> {
    match syntax {
        Syntax::Json => serde_json::to_vec_pretty(backup)
            .map_err(|e| AppError::Internal(format!("writing JSON: {e}"))),
        Syntax::Yaml => serde_norway::to_string(backup)
            .map(String::into_bytes)
            .map_err(|e| AppError::Internal(format!("writing YAML: {e}"))),
    }
}

/// The backup in `text`, written in `syntax`; `file` names the text as a
/// whole in errors (the argument that carried it, say).
pub fn read(syntax: Syntax, text: &str, file: &str) -> AppResult<Backup> {
    let value = parse(syntax, text, file)?;
    if let Some(place) = crate::text::control_character_in(&value, "") {
        return Err(AppError::validation(place, crate::text::CONTROL_CHARACTER));
    }
    check_header(&value, file)?;
    serde_path_to_error::deserialize(value).map_err(|error| {
        let field = path(error.path(), file);
        AppError::validation(field, error.into_inner().to_string())
    })
}

fn parse(syntax: Syntax, text: &str, file: &str) -> AppResult<Value> {
    match syntax {
        Syntax::Json => serde_json::from_str(text)
            .map_err(|e| AppError::validation(file, format!("not JSON: {e}"))),
        Syntax::Yaml => serde_norway::from_str(text)
            .map_err(|e| AppError::validation(file, format!("not YAML: {e}"))),
    }
}

/// The format and its version come first: a document of another version
/// would fail on some field further down, with a misleading message.
fn check_header(value: &Value, file: &str) -> AppResult<()> {
    if !value.is_object() {
        return Err(AppError::validation(
            file,
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
fn path(path: &serde_path_to_error::Path, file: &str) -> String {
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
        file.to_string()
    } else {
        segments.join(".")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::testing::{field, MINIMAL};

    const FILE: &str = "base64";

    #[test]
    fn a_minimal_backup_reads_in_both_syntaxes() {
        let json = read(Syntax::Json, MINIMAL, FILE).unwrap();
        assert_eq!(json.organization.legal_name, "Acme B.V.");
        assert!(json.activities.is_empty());
        // JSON is YAML too.
        assert_eq!(read(Syntax::Yaml, MINIMAL, FILE).unwrap(), json);
    }

    #[test]
    fn what_is_written_reads_back() {
        let backup = read(Syntax::Json, MINIMAL, FILE).unwrap();
        for syntax in [Syntax::Json, Syntax::Yaml] {
            let text = String::from_utf8(write(&backup, syntax).unwrap()).unwrap();
            assert_eq!(read(syntax, &text, FILE).unwrap(), backup);
        }
    }

    #[test]
    fn faults_name_their_place() {
        assert_eq!(field(read(Syntax::Json, "{", FILE)), FILE);
        assert_eq!(field(read(Syntax::Yaml, "a: [b", FILE)), FILE);
        assert_eq!(field(read(Syntax::Json, "[]", FILE)), FILE);
        let other_version = MINIMAL.replace("\"version\": 1", "\"version\": 2");
        assert_eq!(field(read(Syntax::Json, &other_version, FILE)), "version");
        let other_format = MINIMAL.replace("ropa-register-backup", "something");
        assert_eq!(field(read(Syntax::Json, &other_format, FILE)), "format");
        let bad_language = MINIMAL.replace("\"EN\"", "\"DE\"");
        assert_eq!(
            field(read(Syntax::Json, &bad_language, FILE)),
            "organization.defaultLanguage"
        );
        let bad_activity = MINIMAL.replace(
            "\"rightsPolicy\": null",
            r#""rightsPolicy": null, "activities": [{"id": "x"}]"#,
        );
        assert_eq!(
            field(read(Syntax::Json, &bad_activity, FILE)),
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
        assert_eq!(field(read(Syntax::Yaml, &bomb, FILE)), FILE);
    }
}
