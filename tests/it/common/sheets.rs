//! Spreadsheets for the round-trip tests: read a downloaded sheet into a grid of text, change
//! cells, and write it back as XLSX (as a spreadsheet program would) or as CSV.

use std::io::Cursor;

use calamine::{Data, Reader as _, Xlsx};

use super::TestApp;

/// A sheet's cells as text, row by row, and the workbook's sheet names.
pub struct Grid {
    pub sheet: String,
    pub names: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}

impl Grid {
    /// The first sheet of an XLSX file.
    pub fn read(bytes: &[u8]) -> Grid {
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an XLSX file");
        let names = book.sheet_names();
        let sheet = names[0].clone();
        let range = book.worksheet_range(&sheet).unwrap();
        let rows = range.rows().map(|r| r.iter().map(text).collect()).collect();
        Grid { sheet, names, rows }
    }

    /// The row of commitment `reference`.
    pub fn row_of(&mut self, reference: &str) -> &mut Vec<String> {
        self.rows
            .iter_mut()
            .skip(2)
            .find(|r| r[0] == reference)
            .unwrap_or_else(|| panic!("no row {reference}"))
    }

    /// Sets column `col` (0-based) of the row of `reference`.
    pub fn set(&mut self, reference: &str, col: usize, value: &str) {
        let row = self.row_of(reference);
        if row.len() <= col {
            row.resize(col + 1, String::new());
        }
        row[col] = value.to_owned();
    }

    /// The grid as an XLSX workbook with one sheet named `name`; numbers stay numbers.
    pub fn xlsx_named(&self, name: &str) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        for (r, row) in self.rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                match value.parse::<i32>() {
                    Ok(n) if r >= 2 => sheet.write_number(r as u32, c as u16, n).unwrap(),
                    _ => sheet.write_string(r as u32, c as u16, value).unwrap(),
                };
            }
        }
        book.save_to_buffer().unwrap()
    }

    pub fn xlsx(&self) -> Vec<u8> {
        self.xlsx_named(&self.sheet.clone())
    }

    /// The grid as CSV with `delimiter`, with a byte-order mark when `bom`.
    pub fn csv(&self, delimiter: u8, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice("\u{FEFF}".as_bytes());
        }
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_writer(out);
        for row in &self.rows {
            writer.write_record(row).unwrap();
        }
        writer.into_inner().unwrap()
    }
}

impl TestApp {
    /// Uploads `bytes` as `name` to the sheets of `year`.
    pub async fn upload_sheet(
        &self,
        client: &reqwest::Client,
        year: i32,
        name: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
        let form = reqwest::multipart::Form::new().part("file", part);
        client
            .post(self.url(&format!("/app/cycles/{year}/sheets/uploads")))
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    /// Downloads a sheet (`eu`, `ca` or `joint`) of `year` in `lang`.
    pub async fn download_sheet(
        &self,
        client: &reqwest::Client,
        year: i32,
        kind: &str,
        lang: &str,
    ) -> Vec<u8> {
        let response = client
            .get(self.url(&format!(
                "/app/cycles/{year}/sheets/{kind}.xlsx?lang={lang}"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "download of {kind}.xlsx");
        response.bytes().await.unwrap().to_vec()
    }
}
