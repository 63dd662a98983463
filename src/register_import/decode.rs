//! From the uploaded text to a typed backup: base64 of no more than the
//! configured size, then the backup document (`crate::backup::read`). Every
//! fault is a `VALIDATION_FAILED` naming its place in the file
//! (`activities.3.status`), or the argument when the file as a whole is
//! unreadable.

use base64::Engine;

use crate::backup::{self, Backup, Syntax};
use crate::error::{AppError, AppResult};
use crate::register_export::ExportFormat;

/// The argument that holds the file.
const FILE: &str = "base64";

/// The syntax of a backup `format`; the other formats cannot be read back.
pub fn syntax(format: ExportFormat) -> AppResult<Syntax> {
    match format {
        ExportFormat::BackupJson => Ok(Syntax::Json),
        ExportFormat::BackupYaml => Ok(Syntax::Yaml),
        _ => Err(AppError::validation(
            "format",
            "only a backup imports: use BACKUP_JSON or BACKUP_YAML",
        )),
    }
}

/// The backup in `base64`, written in `syntax`, of at most `max_bytes`.
pub fn decode(syntax: Syntax, base64: &str, max_bytes: usize) -> AppResult<Backup> {
    backup::read(syntax, &text(base64, max_bytes)?, FILE)
}

/// The file's text. Line breaks and spaces are allowed in the base64, as
/// tools that wrap it put them there.
fn text(base64: &str, max_bytes: usize) -> AppResult<String> {
    let compact: String = base64
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if compact.len() / 4 * 3 > max_bytes {
        return Err(AppError::validation(
            FILE,
            format!("the file is larger than {max_bytes} bytes"),
        ));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|e| AppError::validation(FILE, format!("not base64: {e}")))?;
    String::from_utf8(bytes).map_err(|_| AppError::validation(FILE, "the file is not UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::testing::{field, MINIMAL};

    const MAX: usize = 1024;

    fn encoded(text: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(text)
    }

    #[test]
    fn wrapped_base64_reads() {
        let wrapped: String = encoded(MINIMAL)
            .as_bytes()
            .chunks(76)
            .map(|line| format!("{}\n", std::str::from_utf8(line).unwrap()))
            .collect();
        assert!(decode(Syntax::Json, &wrapped, MAX).is_ok());
    }

    #[test]
    fn faults_of_the_file_as_a_whole_name_the_argument() {
        assert_eq!(field(decode(Syntax::Json, "not base64!", MAX)), FILE);
        assert_eq!(field(decode(Syntax::Json, &encoded("{"), MAX)), FILE);
        let too_large = decode(Syntax::Json, &encoded(MINIMAL), MINIMAL.len() / 2);
        assert_eq!(field(too_large), FILE);
    }

    #[test]
    fn only_backups_import() {
        assert!(syntax(ExportFormat::RopaCsv).is_err());
        assert_eq!(syntax(ExportFormat::BackupYaml).unwrap(), Syntax::Yaml);
    }
}
