//! The register as a file: the record of processing activities as a
//! regulator's table (CSV, XLSX), in the W3C Data Privacy Vocabulary
//! (JSON-LD), or as a backup of every entry (JSON, YAML) that
//! `importRegister` reads back.

mod csv;
pub mod dpv;
mod labels;
pub mod table;
mod trackers;
mod xlsx;

use base64::Engine;
use chrono::Utc;
use serde::Serialize;

use crate::backup::{self, Backup, Syntax};
use crate::db::Scope;
use crate::error::{AppError, AppResult};
use crate::register_snapshot::{self as snapshot, RegisterSnapshot};
use table::Words;

/// The files the register is exported as, listed once for the enums made of
/// them: `export_formats! { #[derive(..)] pub enum Name }` declares one,
/// [`ExportFormat`] here and the GraphQL enum in `api/export.rs`.
macro_rules! export_formats {
    ($($head:tt)*) => {
        crate::declare_enum! {
            { $($head)* }
            /// The record of processing activities (GDPR Art. 30(1)) as CSV, one
            /// row per activity, in the organization's default language.
            RopaCsv,
            /// The same record as an Excel workbook, with sheets for the processors,
            /// their agreements and the controller.
            RopaXlsx,
            /// The register in the W3C Data Privacy Vocabulary, as JSON-LD.
            DpvJsonld,
            /// Every entry of the register, archived ones and drafts included, with
            /// its id: a backup `importRegister` reads back.
            BackupJson,
            /// The backup as YAML.
            BackupYaml,
        }
    };
}
pub(crate) use export_formats;

export_formats! {
    /// The files the register is exported as: its table as CSV or XLSX, the
    /// W3C Data Privacy Vocabulary as JSON-LD, and the backup as JSON or YAML.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ExportFormat
}

impl ExportFormat {
    fn file(self) -> (&'static str, &'static str, &'static str) {
        match self {
            ExportFormat::RopaCsv => ("register", "csv", "text/csv; charset=utf-8"),
            ExportFormat::RopaXlsx => (
                "register",
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            ExportFormat::DpvJsonld => ("register", "jsonld", "application/ld+json"),
            ExportFormat::BackupJson => ("backup", "json", "application/json"),
            ExportFormat::BackupYaml => ("backup", "yaml", "application/yaml"),
        }
    }
}

/// A file to save: its suggested name, its media type and its bytes.
#[derive(Clone, Debug)]
pub struct ExportFile {
    /// e.g. `rezulto-register-2026-11-25.csv`.
    pub filename: String,
    pub content_type: String,
    /// The file's bytes, base64-encoded (RFC 4648, with padding).
    pub base64: String,
}

/// The register of the scope's organization in `format`.
pub async fn export(scope: &Scope, format: ExportFormat) -> AppResult<ExportFile> {
    let register = scope
        .read_consistent(async |tx| snapshot::load_all(tx).await)
        .await?;
    let bytes = render(&register, format)?;
    let (stem, extension, content_type) = format.file();
    Ok(ExportFile {
        filename: format!(
            "{}-{stem}-{}.{extension}",
            register.organization.slug,
            Utc::now().date_naive()
        ),
        content_type: content_type.to_string(),
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

/// The bytes of the file: pure, given the register.
pub fn render(register: &RegisterSnapshot, format: ExportFormat) -> AppResult<Vec<u8>> {
    let words = Words::new(register);
    match format {
        ExportFormat::RopaCsv => csv::write(&words.register_table()),
        ExportFormat::RopaXlsx => xlsx::write(&[
            words.register_table(),
            words.processor_table(),
            words.agreement_table(),
            words.tracker_table(),
            words.controller_table(),
        ]),
        ExportFormat::DpvJsonld => json(&dpv::document(register)),
        ExportFormat::BackupJson => backup::write(&Backup::of(register, Utc::now()), Syntax::Json),
        ExportFormat::BackupYaml => backup::write(&Backup::of(register, Utc::now()), Syntax::Yaml),
    }
}

fn json(value: &impl Serialize) -> AppResult<Vec<u8>> {
    serde_json::to_vec_pretty(value).map_err(|e| AppError::Internal(format!("writing JSON: {e}")))
}
