//! The register snapshot as a published version stores it: its fields and
//! the number of their shape, so that a later ropa reads what an earlier one
//! wrote, or says clearly that it cannot.

use entity::values::Packed;
use serde::{Deserialize, Serialize};

use super::RegisterSnapshot;
use crate::error::{AppError, AppResult};

/// The shape of the stored snapshot this ropa writes and reads. A change
/// that older readers would misread raises it.
pub const VERSION: u64 = 1;

/// A snapshot stored before the shape had a number has the shape of
/// version 1.
const UNNUMBERED: u64 = 1;

#[derive(Serialize)]
struct Stored<'a> {
    version: u64,
    #[serde(flatten)]
    register: &'a RegisterSnapshot,
}

/// What is read first of a stored snapshot: its shape's number.
#[derive(Deserialize)]
struct Shape {
    version: Option<u64>,
}

/// Reads a stored snapshot of any version this ropa knows.
pub fn read(stored: &str) -> AppResult<RegisterSnapshot> {
    let shape: Shape = serde_json::from_str(stored).map_err(|e| failed(e.to_string()))?;
    let version = shape.version.unwrap_or(UNNUMBERED);
    if version != VERSION {
        return Err(failed(format!(
            "unknown version {version}: this ropa reads version {VERSION}"
        )));
    }
    // The register's fields ignore `version` beside them.
    serde_json::from_str(stored).map_err(|e| failed(e.to_string()))
}

/// The stored form of `register`, its fields beside `version`, as packed
/// JSON as a version row holds it; and the length of that JSON.
pub fn pack(register: &RegisterSnapshot) -> AppResult<(Packed, usize)> {
    Packed::pack_json_counted(&stored(register)).map_err(|e| failed(e.to_string()))
}

fn stored(register: &RegisterSnapshot) -> Stored<'_> {
    Stored {
        version: VERSION,
        register,
    }
}

/// [`read()`] of a packed snapshot.
pub fn unpack(packed: &Packed) -> AppResult<RegisterSnapshot> {
    read(&packed.unpack().map_err(|e| failed(e.to_string()))?)
}

fn failed(why: String) -> AppError {
    AppError::Internal(format!("stored snapshot: {why}"))
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    fn write(register: &RegisterSnapshot) -> AppResult<String> {
        serde_json::to_string(&stored(register)).map_err(|e| failed(e.to_string()))
    }

    #[test]
    fn a_snapshot_reads_as_it_was_written() {
        let register = fixture::snapshot();
        let stored = write(&register).expect("a snapshot is written");
        let fields: serde_json::Value = serde_json::from_str(&stored).expect("JSON");
        assert_eq!(fields["version"], VERSION);
        assert_eq!(read(&stored).expect("it reads"), register);
        let (packed, _) = pack(&register).expect("a snapshot is packed");
        assert_eq!(unpack(&packed).expect("it reads"), register);
    }

    #[test]
    fn a_snapshot_stored_without_a_version_still_reads() {
        let register = fixture::snapshot();
        let unnumbered = serde_json::to_string(&register).expect("serializes");
        assert_eq!(read(&unnumbered).expect("it reads"), register);
    }

    #[test]
    fn an_unknown_version_is_refused_by_name() {
        let stored = write(&fixture::snapshot())
            .expect("a snapshot is written")
            .replacen("\"version\":1", "\"version\":2", 1);
        let Err(AppError::Internal(error)) = read(&stored) else {
            panic!("version 2 is unknown");
        };
        assert!(error.contains("unknown version 2"), "{error}");
    }
}
