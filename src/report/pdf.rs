//! The progress report as PDF, typeset by typst (through `typst-as-lib`) from the template
//! `pdf/report.typ`.
//!
//! The report goes into typst as a value (`sys.inputs.report`, the model converted field by
//! field), never as markup, so no text from the database can inject typst code. The fonts are
//! the ones `typst-assets` embeds in the binary (Libertinus Serif, DejaVu Sans Mono for the status
//! symbols), loaded once into a static engine, at the first PDF; nothing is read from disk or the
//! network. The PDF is tagged and conforms to PDF/UA-1 (typst checks it while exporting).

use std::sync::LazyLock;

use anyhow::{Context, anyhow};
use chrono::{Datelike, Timelike};
use typst::foundations::{Array, Bytes, Datetime, Dict, Smart, Str, Value};
use typst_as_lib::{TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::report::model::Report;

const TEMPLATE: &str = include_str!("pdf/report.typ");

/// The typst engine: the template and the parsed font book, built once per process.
///
/// The fonts are read where they lie in the binary: typst-as-lib copies a font given as a byte
/// slice onto the heap (10 MiB for typst-assets' fonts), not one given as `Bytes`.
static ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> = LazyLock::new(|| {
    TypstEngine::builder()
        .main_file(("report.typ", TEMPLATE))
        .fonts(typst_assets::fonts().map(Bytes::new))
        .build()
});

/// Renders the report as a tagged PDF/UA-1 document.
pub fn render(report: &Report) -> anyhow::Result<Vec<u8>> {
    let document = compile(report)?;
    let standards = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|e| anyhow!("PDF standard: {}", e.message()))?;
    let g = report.cover.generated_at;
    let timestamp = Datetime::from_ymd_hms(
        g.year(),
        g.month() as u8,
        g.day() as u8,
        g.hour() as u8,
        g.minute() as u8,
        g.second() as u8,
    )
    .map(Timestamp::new_utc);
    let options = PdfOptions {
        ident: Smart::Custom(format!(
            "sdp-progress-report-{}-{}",
            report.year,
            report.lang.code()
        )),
        timestamp,
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options);
    // The engine empties typst's memo caches after laying out; the export (font subsets among
    // them) filled them again, and nothing else would empty them before the next PDF.
    drop(document);
    typst::comemo::evict(0);
    pdf.map_err(|diags| {
        anyhow!(
            "PDF export failed: {}",
            diags
                .iter()
                .map(|d| d.message.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        )
    })
}

/// Lays the report out (the step `render` then exports as PDF).
pub fn compile(report: &Report) -> anyhow::Result<PagedDocument> {
    let json = serde_json::to_value(report).context("serialising the report")?;
    let mut extra = Dict::new();
    extra.insert("lang".into(), Value::Str(report.lang.code().into()));
    // The region of the locale the numbers and dates follow (`GB`, `CA`).
    let region = report.lang.locale().rsplit('-').next().unwrap_or_default();
    extra.insert("region".into(), Value::Str(region.into()));
    extra.insert("colon".into(), Value::Str(report.lang.colon().into()));
    extra.insert(
        "page".into(),
        Value::Str(report.lang.t("report-file-page").into()),
    );
    extra.insert(
        "contents".into(),
        Value::Str(report.lang.t("report-file-contents").into()),
    );
    let mut inputs = Dict::new();
    inputs.insert("report".into(), to_value(json));
    inputs.insert("extra".into(), Value::Dict(extra));
    ENGINE
        .compile_with_input(inputs)
        .output
        .map_err(|e| anyhow!("typesetting the report: {e}"))
}

/// A JSON value as a typst value: objects become dictionaries, arrays arrays, strings strings
/// (data, not markup).
fn to_value(v: serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::None,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(s) => Value::Str(Str::from(clean(&s))),
        serde_json::Value::Array(items) => {
            Value::Array(items.into_iter().map(to_value).collect::<Array>())
        }
        serde_json::Value::Object(map) => {
            let mut dict = Dict::new();
            for (k, v) in map {
                dict.insert(k.into(), to_value(v));
            }
            Value::Dict(dict)
        }
    }
}

/// Drops control characters other than tab and newline (they have no glyph and no meaning in
/// print).
fn clean(text: &str) -> String {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return text.to_owned();
    }
    text.chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect()
}
