//! The pre-meeting progress report: one model ([`model::Report`], built from the database by
//! [`build::build`]) and one renderer per format.

pub mod build;
pub mod csv;
pub mod docx;
pub mod html;
pub mod json;
pub mod limit;
pub mod model;
pub mod pdf;

use std::str::FromStr;

use serde_json::json;
use sqlx::PgExecutor;

pub use model::Report;

use crate::db::audit::{self, Actor, NewEvent};

/// A format the report is exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Docx,
    Pdf,
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Html,
        Format::Docx,
        Format::Pdf,
        Format::Csv,
        Format::Json,
    ];

    /// The file extension, also the key used in URLs and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Pdf => "application/pdf",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == s.trim())
            .ok_or_else(|| UnknownFormat(s.to_owned()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a report format (expected docx, pdf, csv, json or html)")]
pub struct UnknownFormat(pub String);

/// The download's file name, e.g. `sdp-progress-report-2026-en.csv`.
pub fn file_name(report: &Report, format: Format) -> String {
    format!(
        "sdp-progress-report-{}-{}.{}",
        report.year,
        report.lang.code(),
        format.as_str()
    )
}

/// Renders `report` as a file in `format` (HTML with its stylesheet embedded, so that it stands
/// alone).
pub fn render(report: &Report, format: Format) -> anyhow::Result<Vec<u8>> {
    match format {
        Format::Html => html::render(report),
        Format::Docx => docx::render(report),
        Format::Pdf => pdf::render(report),
        Format::Csv => csv::render(report),
        Format::Json => json::render(report),
    }
}

/// Records that `actor` exported the `year` report in `format` and `lang` (`report.export`).
pub async fn record_export(
    db: impl PgExecutor<'_>,
    actor: &Actor,
    report: &Report,
    format: Format,
    request_id: Option<&str>,
) -> sqlx::Result<()> {
    audit::record(
        db,
        NewEvent {
            actor,
            action: "report.export",
            entity: "report",
            entity_id: Some(file_name(report, format)),
            before: None,
            after: Some(json!({
                "cycle": report.year,
                "format": format.as_str(),
                "lang": report.lang.code(),
            })),
            request_id,
        },
    )
    .await
}
