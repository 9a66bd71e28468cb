//! Writing a sheet as XLSX with rust_xlsxwriter: the data sheet (identity line, headings, one row
//! a commitment; only the editable columns unlocked; a drop-down of the status scale in the
//! sheet's language) and an instructions sheet in the same language.
//!
//! Every text is written as a string cell, never as a formula, whatever it starts with.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, ProtectionOptions,
    Workbook, Worksheet, XlsxError,
};

use super::{
    SheetKind,
    layout::{self, Column, HEADER_ROW, MARKER},
    read::Identity,
};
use crate::i18n::Lang;

/// A commitment's row, as text in the sheet's language.
#[derive(Debug, Clone, Default)]
pub struct OutRow {
    pub reference: String,
    pub area: String,
    pub commitment: String,
    pub eu_status: String,
    pub ca_status: String,
    pub status: String,
    pub narrative: String,
    pub evidence: String,
    pub summary_en: String,
    pub summary_fr: String,
    pub next_steps: String,
    pub next_steps_fr: String,
    pub version: i32,
}

impl OutRow {
    fn text(&self, column: Column) -> &str {
        match column {
            Column::Reference => &self.reference,
            Column::Area => &self.area,
            Column::Commitment => &self.commitment,
            Column::EuStatus => &self.eu_status,
            Column::CaStatus => &self.ca_status,
            Column::Status => &self.status,
            Column::Narrative => &self.narrative,
            Column::Evidence => &self.evidence,
            Column::SummaryEn => &self.summary_en,
            Column::SummaryFr => &self.summary_fr,
            Column::NextStepsEn => &self.next_steps,
            Column::NextStepsFr => &self.next_steps_fr,
            Column::Version => "",
        }
    }
}

fn width(column: Column) -> f64 {
    match column {
        Column::Reference | Column::Version => 12.0,
        Column::Area | Column::EuStatus | Column::CaStatus | Column::Status => 26.0,
        Column::Commitment | Column::Narrative => 60.0,
        _ => 40.0,
    }
}

/// Height of a line of text in a row, in points.
const ROW_LINE_POINTS: f64 = 15.0;
/// Most lines a row is made tall enough for; a longer text scrolls in its cell.
const MAX_ROW_LINES: usize = 12;

/// About how many lines `text` takes in a column `width` characters wide.
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width as usize).saturating_sub(2).max(1);
    text.lines()
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum::<usize>()
        .max(1)
}

/// The XLSX file of `rows`.
pub fn xlsx(identity: Identity, rows: &[OutRow]) -> Result<Vec<u8>, XlsxError> {
    let lang = identity.lang;
    let kind = identity.kind;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    data_sheet(sheet, identity, rows)?;
    let instructions = workbook.add_worksheet();
    instructions_sheet(instructions, kind, lang)?;
    workbook.save_to_buffer()
}

fn data_sheet(sheet: &mut Worksheet, identity: Identity, rows: &[OutRow]) -> Result<(), XlsxError> {
    let Identity { kind, year, lang } = identity;
    let columns = layout::columns(kind);
    sheet.set_name(layout::data_sheet_name(kind, lang))?;
    let locked = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("#F3F2F1");
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border_bottom(FormatBorder::Medium)
        .set_background_color("#DEE0E2");
    let editable = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_unlocked();
    let identity_format = Format::new().set_italic().set_background_color("#F3F2F1");

    let id_cells = [
        MARKER.to_owned(),
        kind.code().to_owned(),
        year.to_string(),
        lang.code().to_owned(),
        lang.t("sheet-identity-note"),
    ];
    for (i, text) in id_cells.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, text, &identity_format)?;
    }
    let header_row = (HEADER_ROW - 1) as u32;
    for (i, column) in columns.iter().enumerate() {
        let col = i as u16;
        sheet.write_string_with_format(header_row, col, column.header(kind, lang), &header)?;
        sheet.set_column_width(col, width(*column))?;
    }
    for (r, row) in rows.iter().enumerate() {
        let line = header_row + 1 + r as u32;
        // Spreadsheet programs do not all grow a row to its wrapped text: say how tall it is.
        let lines = columns
            .iter()
            .map(|c| wrapped_lines(row.text(*c), width(*c)))
            .max()
            .unwrap_or(1);
        sheet.set_row_height(line, ROW_LINE_POINTS * lines.min(MAX_ROW_LINES) as f64)?;
        for (i, column) in columns.iter().enumerate() {
            let col = i as u16;
            if *column == Column::Version {
                sheet.write_number_with_format(line, col, row.version, &locked)?;
            } else if column.editable() {
                sheet.write_string_with_format(line, col, row.text(*column), &editable)?;
            } else {
                sheet.write_string_with_format(line, col, row.text(*column), &locked)?;
            }
        }
    }
    if let Some(status_col) = columns.iter().position(|c| *c == Column::Status)
        && !rows.is_empty()
    {
        let labels = layout::status_labels(lang);
        let validation = DataValidation::new()
            .allow_list_strings(&labels)?
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title(lang.t("sheet-validation-title"))?
            .set_error_message(lang.t("sheet-validation-message"))?;
        let first = header_row + 1;
        let last = header_row + rows.len() as u32;
        let col = status_col as u16;
        sheet.add_data_validation(first, col, last, col, &validation)?;
    }
    sheet.set_freeze_panes(header_row + 1, 1)?;
    sheet.protect_with_options(&ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        format_columns: true,
        format_rows: true,
        sort: false,
        ..ProtectionOptions::default()
    });
    sheet.set_active(true);
    Ok(())
}

fn instructions_sheet(sheet: &mut Worksheet, kind: SheetKind, lang: Lang) -> Result<(), XlsxError> {
    sheet.set_name(layout::instructions_sheet_name(lang))?;
    sheet.set_column_width(0, 110.0)?;
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap();
    let keys: &[&str] = match kind {
        SheetKind::Side(_) => &[
            "sheet-help-1",
            "sheet-help-side-2",
            "sheet-help-side-3",
            "sheet-help-side-4",
            "sheet-help-5",
            "sheet-help-6",
            "sheet-help-7",
        ],
        SheetKind::Joint => &[
            "sheet-help-1",
            "sheet-help-joint-2",
            "sheet-help-joint-3",
            "sheet-help-5",
            "sheet-help-6",
            "sheet-help-7",
        ],
    };
    sheet.write_string_with_format(0, 0, lang.t("sheet-help-title"), &title)?;
    for (i, key) in keys.iter().enumerate() {
        sheet.write_string_with_format(2 + i as u32, 0, lang.t(key), &wrap)?;
    }
    let start = 3 + keys.len() as u32;
    sheet.write_string_with_format(start, 0, lang.t("sheet-help-scale"), &title)?;
    for (i, status) in crate::domain::status::Status::ALL.iter().enumerate() {
        let mut line = lang.t(status.label_key());
        if status.needs_narrative() {
            line = format!("{line} – {}", lang.t("sheet-help-needs-narrative"));
        }
        sheet.write_string(start + 1 + i as u32, 0, line)?;
    }
    Ok(())
}
