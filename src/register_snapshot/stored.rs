//! The register snapshot as a published version stores it: its fields and
//! the number of their shape, so that a later ropa reads what an earlier one
//! wrote, or says clearly that it cannot.

use serde_json::{Map, Value};

use super::RegisterSnapshot;
use crate::error::{AppError, AppResult};

/// The shape of the stored snapshot this ropa writes and reads. A change
/// that older readers would misread raises it.
pub const VERSION: u64 = 1;

/// A snapshot stored before the shape had a number has the shape of
/// version 1.
const UNNUMBERED: u64 = 1;

/// The stored form of `register`: its fields beside `version`.
pub fn write(register: &RegisterSnapshot) -> AppResult<Value> {
    let mut stored = serde_json::to_value(register).map_err(|e| failed(e.to_string()))?;
    stored["version"] = VERSION.into();
    Ok(stored)
}

/// Reads a stored snapshot of any version this ropa knows.
pub fn read(stored: &Value) -> AppResult<RegisterSnapshot> {
    let mut fields: Map<String, Value> = match stored {
        Value::Object(fields) => fields.clone(),
        _ => return Err(failed("not an object".to_string())),
    };
    let version = match fields.remove("version") {
        None => UNNUMBERED,
        Some(version) => version
            .as_u64()
            .ok_or_else(|| failed(format!("version {version} is not a number")))?,
    };
    if version != VERSION {
        return Err(failed(format!(
            "unknown version {version}: this ropa reads version {VERSION}"
        )));
    }
    serde_json::from_value(Value::Object(fields)).map_err(|e| failed(e.to_string()))
}

fn failed(why: String) -> AppError {
    AppError::Internal(format!("stored snapshot: {why}"))
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn a_snapshot_reads_as_it_was_written() {
        let register = fixture::snapshot();
        let stored = write(&register).expect("a snapshot is written");
        assert_eq!(stored["version"], VERSION);
        assert_eq!(read(&stored).expect("it reads"), register);
    }

    #[test]
    fn a_snapshot_stored_without_a_version_still_reads() {
        let register = fixture::snapshot();
        let unnumbered = serde_json::to_value(&register).expect("serializes");
        assert_eq!(read(&unnumbered).expect("it reads"), register);
    }

    #[test]
    fn an_unknown_version_is_refused_by_name() {
        let mut stored = write(&fixture::snapshot()).expect("a snapshot is written");
        stored["version"] = 2.into();
        let Err(AppError::Internal(error)) = read(&stored) else {
            panic!("version 2 is unknown");
        };
        assert!(error.contains("unknown version 2"), "{error}");
    }
}
