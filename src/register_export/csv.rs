//! The record of processing activities as CSV (RFC 4180, UTF-8).

use std::borrow::Cow;

use super::table::Table;
use crate::error::{AppError, AppResult};

/// Spreadsheet programs read a UTF-8 file as such only when it starts with
/// a byte order mark; CSV readers skip it.
const BOM: &[u8] = "\u{feff}".as_bytes();

pub fn write(table: &Table) -> AppResult<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(BOM.to_vec());
    let failed = |e: csv::Error| AppError::Internal(format!("writing CSV: {e}"));
    writer.write_record(&table.header).map_err(failed)?;
    for row in &table.rows {
        writer
            .write_record(row.iter().map(|cell| inert(cell).into_owned()))
            .map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|e| AppError::Internal(format!("writing CSV: {e}")))
}

/// A spreadsheet program runs a cell that starts with one of these as a
/// formula (CSV injection); a leading apostrophe makes it text.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as text that no spreadsheet program runs.
fn inert(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text() {
        for cell in ["=1+1", "+31 85 902 4886", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(inert(cell), format!("'{cell}"));
        }
        assert_eq!(inert("a=b"), "a=b");
        assert_eq!(inert(""), "");
    }

    #[test]
    fn the_file_reads_back_as_the_table() {
        let table = Table {
            name: "t".into(),
            header: vec!["a".into(), "b".into()],
            rows: vec![vec!["x, \"y\"\nz".into(), "=cmd".into()]],
        };
        let bytes = write(&table).unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        assert_eq!(reader.headers().unwrap(), vec!["a", "b"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows[0], vec!["x, \"y\"\nz", "'=cmd"]);
    }
}
