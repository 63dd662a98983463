//! What the unit tests of reading a backup share: the smallest backup, and
//! the place a validation error names.

use super::Backup;
use crate::error::{AppError, AppResult};

/// The smallest backup there is: an organization without a register.
pub const MINIMAL: &str = r#"{
    "format": "ropa-register-backup", "version": 1,
    "organization": {
        "id": "0190b6a0-0000-7000-8000-000000000001", "slug": "acme",
        "legalName": "Acme B.V.", "defaultLanguage": "EN"
    },
    "rightsPolicy": null
}"#;

/// The `field` of the validation error `result` must be.
pub fn field(result: AppResult<Backup>) -> String {
    match result {
        Err(AppError::Validation { field, .. }) => field,
        other => panic!("expected a validation error, got {other:?}"),
    }
}
