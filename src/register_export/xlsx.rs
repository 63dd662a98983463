//! The register as an Excel workbook: one sheet per table, the header row
//! bold and frozen, columns wide enough to read and long texts wrapped.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::table::Table;
use crate::error::{AppError, AppResult};

/// Column widths in characters: a column is as wide as its widest cell,
/// within these bounds; longer texts wrap.
const MIN_WIDTH: usize = 10;
const MAX_WIDTH: usize = 60;

pub fn write(tables: &[Table]) -> AppResult<Vec<u8>> {
    let failed = |e: XlsxError| AppError::Internal(format!("writing XLSX: {e}"));
    let mut workbook = Workbook::new();
    for table in tables {
        sheet(workbook.add_worksheet(), table).map_err(failed)?;
    }
    workbook.save_to_buffer().map_err(failed)
}

fn sheet(sheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let cell = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_name(&table.name)?;
    for (column, title) in (0u16..).zip(&table.header) {
        sheet.write_string_with_format(0, column, title, &header)?;
        let widest = table
            .rows
            .iter()
            .filter_map(|row| row.get(usize::from(column)))
            .chain([title])
            .map(|text| text.lines().map(|l| l.chars().count()).max().unwrap_or(0))
            .max()
            .unwrap_or(0);
        let width = widest.clamp(MIN_WIDTH, MAX_WIDTH) as u16;
        sheet.set_column_width(column, width)?;
    }
    for (row, cells) in (1u32..).zip(&table.rows) {
        for (column, text) in (0u16..).zip(cells) {
            // Written as strings, so a cell starting with `=` stays text.
            sheet.write_string_with_format(row, column, text, &cell)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
    let last_column = u16::try_from(table.header.len().saturating_sub(1)).unwrap_or(u16::MAX);
    sheet.autofilter(0, 0, last_row, last_column)?;
    Ok(())
}
