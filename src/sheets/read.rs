//! Reading an uploaded sheet: an XLSX (with calamine, after checking the zip for a bomb) or a
//! CSV (UTF-8 with or without a byte-order mark, `,` or `;`), into the rows of [`layout`].
//!
//! Cells are only ever read as values: a formula cell gives its cached value (never evaluated),
//! and text that starts with `=`, `+`, `-` or `@` stays text.

use std::io::{Cursor, Read as _};

use calamine::{Data, Reader as _, Xlsx};

use super::{
    MAX_FILE_BYTES, MAX_ROWS, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES, SheetKind,
    layout::{self, Column, HEADER_ROW, MARKER, column_letter},
};
use crate::i18n::Lang;

/// Why a file was refused as a whole; nothing was stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {max} bytes")]
    TooLarge { max: usize },
    #[error("the file is neither an XLSX workbook nor a CSV file")]
    NotSpreadsheet,
    #[error("the workbook unpacks to more than {max} bytes or has too many parts")]
    Bomb { max: u64 },
    #[error("the workbook cannot be read: {0}")]
    Unreadable(String),
    #[error("the workbook has no sheet named {expected:?} (it has: {found})")]
    NoDataSheet { expected: String, found: String },
    #[error("a CSV file must be UTF-8 text")]
    Encoding,
    #[error(
        "row 1 is not the line the download starts with (it says which cycle and side the sheet is for)"
    )]
    Identity,
    #[error("column {column}: the heading should be {expected:?}, not {found:?}")]
    Header {
        column: String,
        expected: String,
        found: String,
    },
    #[error("column {column} ({found:?}) is not a column of this sheet")]
    ExtraColumn { column: String, found: String },
    #[error("row {row}, column {column}: a value in a column with no heading")]
    StrayValue { row: usize, column: String },
    #[error("the sheet has more than {max} rows")]
    TooManyRows { max: usize },
}

impl FileError {
    /// The message in `lang`, naming the row or column where there is one.
    pub fn message(&self, lang: Lang) -> String {
        use fluent_templates::fluent_bundle::FluentValue as V;
        let s = |v: &str| V::from(v.to_owned());
        match self {
            FileError::Empty => lang.t("sheet-error-empty"),
            FileError::TooLarge { max } => {
                lang.t_args("sheet-error-too-large", &[("max", V::from(*max / 1024))])
            }
            FileError::NotSpreadsheet => lang.t("sheet-error-not-spreadsheet"),
            FileError::Bomb { .. } => lang.t("sheet-error-bomb"),
            FileError::Unreadable(_) => lang.t("sheet-error-unreadable"),
            FileError::NoDataSheet { expected, found } => lang.t_args(
                "sheet-error-no-data-sheet",
                &[("expected", s(expected)), ("found", s(found))],
            ),
            FileError::Encoding => lang.t("sheet-error-encoding"),
            FileError::Identity => lang.t("sheet-error-identity"),
            FileError::Header {
                column,
                expected,
                found,
            } => lang.t_args(
                "sheet-error-header",
                &[
                    ("column", s(column)),
                    ("expected", s(expected)),
                    ("found", s(found)),
                ],
            ),
            FileError::ExtraColumn { column, found } => lang.t_args(
                "sheet-error-extra-column",
                &[("column", s(column)), ("found", s(found))],
            ),
            FileError::StrayValue { row, column } => lang.t_args(
                "sheet-error-stray-value",
                &[("row", V::from(*row)), ("column", s(column))],
            ),
            FileError::TooManyRows { max } => {
                lang.t_args("sheet-error-too-many-rows", &[("max", V::from(*max))])
            }
        }
    }
}

/// What row 1 says the sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Identity {
    pub kind: SheetKind,
    pub year: i32,
    pub lang: Lang,
}

/// One data row as read: the editable values and the version, as text; checked in the preview.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RowInput {
    /// The spreadsheet row number (1-based), for messages.
    pub line: usize,
    pub reference: String,
    pub status: String,
    pub narrative: String,
    pub evidence: String,
    pub summary_en: String,
    pub summary_fr: String,
    pub next_steps: String,
    pub next_steps_fr: String,
    pub version: String,
}

/// A sheet as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub identity: Identity,
    pub rows: Vec<RowInput>,
}

/// Reads an XLSX or CSV file.
pub fn parse(bytes: &[u8]) -> Result<Parsed, FileError> {
    let grid = grid(bytes)?;
    parse_grid(&grid)
}

/// The cells of the data sheet, as text, row by row.
fn grid(bytes: &[u8]) -> Result<Vec<Vec<String>>, FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            max: MAX_FILE_BYTES,
        });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        check_zip(bytes)?;
        return xlsx_grid(bytes);
    }
    csv_grid(bytes)
}

/// Refuses a zip whose parts unpack to more than [`MAX_UNCOMPRESSED_BYTES`] in all, or that has
/// more than [`MAX_ZIP_ENTRIES`] parts. The sizes the central directory declares are checked
/// first; each part is then inflated, never past what is left of the limit, in case a declared
/// size lies.
fn check_zip(bytes: &[u8]) -> Result<(), FileError> {
    let bomb = FileError::Bomb {
        max: MAX_UNCOMPRESSED_BYTES,
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| FileError::Unreadable(e.to_string()))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(bomb);
    }
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| FileError::Unreadable(e.to_string()))?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_UNCOMPRESSED_BYTES {
        return Err(bomb);
    }
    let mut left = MAX_UNCOMPRESSED_BYTES;
    for i in 0..archive.len() {
        let entry = archive
            .by_index(i)
            .map_err(|e| FileError::Unreadable(e.to_string()))?;
        let read = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|e| FileError::Unreadable(e.to_string()))?;
        if read > left {
            return Err(bomb);
        }
        left -= read;
    }
    Ok(())
}

fn xlsx_grid(bytes: &[u8]) -> Result<Vec<Vec<String>>, FileError> {
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| FileError::Unreadable(e.to_string()))?;
    let names = workbook.sheet_names();
    let wanted = layout::data_sheet_names();
    let Some(name) = names.iter().find(|n| wanted.contains(n)).cloned() else {
        return Err(FileError::NoDataSheet {
            expected: wanted.join(" / "),
            found: names.join(", "),
        });
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| FileError::Unreadable(e.to_string()))?;
    let Some((row0, col0)) = range.start() else {
        return Ok(Vec::new());
    };
    let (row0, col0) = (row0 as usize, col0 as usize);
    if row0 + range.height() > MAX_ROWS + HEADER_ROW + 1 {
        return Err(FileError::TooManyRows { max: MAX_ROWS });
    }
    let mut grid = vec![Vec::new(); row0];
    for row in range.rows() {
        let mut cells = vec![String::new(); col0];
        cells.extend(row.iter().map(cell_text));
        grid.push(cells);
    }
    Ok(grid)
}

/// A cell's value as text: a formula's cached value, numbers without a needless `.0`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn csv_grid(bytes: &[u8]) -> Result<Vec<Vec<String>>, FileError> {
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::Encoding)?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Anything else that is binary (a PDF, a picture, an old .xls) is not a CSV file.
    if text.contains('\0') {
        return Err(FileError::NotSpreadsheet);
    }
    let first = text.lines().next().unwrap_or_default();
    if !first.trim_start_matches('"').starts_with(MARKER) {
        return Err(FileError::NotSpreadsheet);
    }
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| FileError::Unreadable(e.to_string()))?;
        grid.push(record.iter().map(str::to_owned).collect());
        if grid.len() > MAX_ROWS + HEADER_ROW {
            return Err(FileError::TooManyRows { max: MAX_ROWS });
        }
    }
    Ok(grid)
}

fn cell(row: &[String], index: usize) -> &str {
    row.get(index).map_or("", |s| s.as_str())
}

/// Checks rows 1 and 2 and reads the data rows.
pub fn parse_grid(grid: &[Vec<String>]) -> Result<Parsed, FileError> {
    let empty = Vec::new();
    let first = grid.first().unwrap_or(&empty);
    if cell(first, 0).trim() != MARKER {
        return Err(FileError::Identity);
    }
    let identity = Identity {
        kind: SheetKind::parse(cell(first, 1)).ok_or(FileError::Identity)?,
        year: cell(first, 2)
            .trim()
            .parse()
            .map_err(|_| FileError::Identity)?,
        lang: Lang::parse(cell(first, 3)).ok_or(FileError::Identity)?,
    };
    let columns = layout::columns(identity.kind);
    let headers = grid.get(HEADER_ROW - 1).unwrap_or(&empty);
    for (i, column) in columns.iter().enumerate() {
        let expected = column.header(identity.kind, identity.lang);
        let found = cell(headers, i).trim();
        if found != expected {
            return Err(FileError::Header {
                column: column_letter(i),
                expected,
                found: found.to_owned(),
            });
        }
    }
    if let Some((i, found)) = headers
        .iter()
        .enumerate()
        .skip(columns.len())
        .find(|(_, h)| !h.trim().is_empty())
    {
        return Err(FileError::ExtraColumn {
            column: column_letter(i),
            found: found.trim().to_owned(),
        });
    }
    let mut rows = Vec::new();
    for (index, row) in grid.iter().enumerate().skip(HEADER_ROW) {
        let line = index + 1;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if let Some(i) = (columns.len()..row.len()).find(|i| !row[*i].trim().is_empty()) {
            return Err(FileError::StrayValue {
                row: line,
                column: column_letter(i),
            });
        }
        let mut input = RowInput {
            line,
            ..RowInput::default()
        };
        for (i, column) in columns.iter().enumerate() {
            let value = cell(row, i).to_owned();
            match column {
                Column::Reference => input.reference = value.trim().to_owned(),
                Column::Status => input.status = value,
                Column::Narrative => input.narrative = value,
                Column::Evidence => input.evidence = value,
                Column::SummaryEn => input.summary_en = value,
                Column::SummaryFr => input.summary_fr = value,
                Column::NextStepsEn => input.next_steps = value,
                Column::NextStepsFr => input.next_steps_fr = value,
                Column::Version => input.version = value.trim().to_owned(),
                Column::Area | Column::Commitment | Column::EuStatus | Column::CaStatus => {}
            }
        }
        rows.push(input);
    }
    if rows.len() > MAX_ROWS {
        return Err(FileError::TooManyRows { max: MAX_ROWS });
    }
    Ok(Parsed { identity, rows })
}
