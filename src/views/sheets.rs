//! The spreadsheet pages: `/app/cycles/{year}/sheets` (downloads and the upload form) and the
//! preview of an upload.

use askama::Template;
use askama_web::WebTemplate;
use fluent_templates::fluent_bundle::FluentValue as V;

use super::{Page, commitment_href};
use crate::{
    domain::status::Status,
    i18n::{Lang, format_moment},
    sheets::{
        MAX_FILE_BYTES, SheetKind,
        preview::{Outcome, RowPreview, RowProblem, Values},
        service::{Applied, Previewed, kind_label_key},
    },
};

/// A form error: the field it belongs to and the message.
pub type FieldErrors = Vec<(&'static str, String)>;

/// A download link: whose sheet, in which language (named in that language).
pub struct DownloadLink {
    pub href: String,
    pub what: String,
    pub lang_name: &'static str,
    pub lang: &'static str,
}

/// `/app/cycles/{year}/sheets`.
#[derive(Template, WebTemplate)]
#[template(path = "sheets/index.html")]
pub struct SheetsView {
    pub page: Page,
    pub year: i32,
    pub downloads: Vec<DownloadLink>,
    pub can_upload: bool,
    pub errors: FieldErrors,
    /// What the last apply did, shown as a success banner.
    pub applied: Option<Applied>,
}

impl SheetsView {
    pub fn new(page: Page, year: i32, kinds: &[SheetKind], can_upload: bool) -> SheetsView {
        let mut downloads = Vec::new();
        for kind in kinds {
            for lang in [page.lang, page.lang.other()] {
                downloads.push(DownloadLink {
                    href: format!(
                        "/app/cycles/{year}/sheets/{}.xlsx?lang={}",
                        kind.code(),
                        lang.code()
                    ),
                    what: page.t(kind_label_key(*kind)),
                    lang_name: lang.native_name(),
                    lang: lang.code(),
                });
            }
        }
        SheetsView {
            page,
            year,
            downloads,
            can_upload,
            errors: Vec::new(),
            applied: None,
        }
    }

    pub fn hint(&self) -> String {
        self.page.lang.t_args(
            "sheets-upload-hint",
            &[("max", V::from(MAX_FILE_BYTES / 1024))],
        )
    }

    pub fn error(&self) -> Option<&str> {
        self.errors.first().map(|(_, m)| m.as_str())
    }

    pub fn applied_text(&self, applied: &Applied) -> String {
        self.page
            .lang
            .t_args("sheets-applied", &[("count", V::from(applied.changed))])
    }

    pub fn skipped_text(&self, applied: &Applied) -> String {
        self.page.lang.t_args(
            "sheets-applied-skipped",
            &[("count", V::from(applied.skipped))],
        )
    }
}

/// One row of the preview table.
pub struct PreviewRow {
    pub line: usize,
    pub reference: String,
    pub href: Option<String>,
    /// Catalogue key of the outcome and the GOV.UK tag colour.
    pub outcome_key: &'static str,
    pub tag: &'static str,
    pub details: Vec<String>,
}

/// `/app/cycles/{year}/sheets/uploads/{id}`.
#[derive(Template, WebTemplate)]
#[template(path = "sheets/preview.html")]
pub struct PreviewView {
    pub page: Page,
    pub year: i32,
    pub id: String,
    pub sha256: String,
    pub file_name: String,
    pub caption: String,
    pub rows: Vec<PreviewRow>,
    pub changes: usize,
    pub unchanged: usize,
    pub error_rows: usize,
    pub applied: bool,
    pub expires: String,
    /// A refused apply.
    pub errors: FieldErrors,
}

fn status_text(lang: Lang, status: Option<Status>) -> String {
    status.map_or_else(|| lang.t("preview-nothing"), |s| lang.t(s.label_key()))
}

fn problem_text(lang: Lang, problem: &RowProblem, yours: &Values) -> Vec<String> {
    match problem {
        RowProblem::UnknownReference => vec![lang.t("sheet-row-unknown-reference")],
        RowProblem::Duplicate { first_line } => {
            vec![lang.t_args("sheet-row-duplicate", &[("line", V::from(*first_line))])]
        }
        RowProblem::Version => vec![lang.t("sheet-row-version")],
        RowProblem::Status(text) if text.trim().is_empty() => {
            vec![lang.t("assessment-error-status")]
        }
        RowProblem::Status(text) => {
            vec![lang.t_args("sheet-row-status", &[("text", V::from(text.clone()))])]
        }
        RowProblem::Assessment(invalid) => vec![lang.t(invalid.message_key())],
        RowProblem::Joint(problem) => vec![lang.t(problem.message_key())],
        RowProblem::Stale {
            current_version,
            theirs,
        } => vec![
            lang.t_args("sheet-row-stale", &[("version", V::from(*current_version))]),
            lang.t_args(
                "preview-stale-yours",
                &[("status", V::from(status_text(lang, yours.status)))],
            ),
            lang.t_args(
                "preview-stale-theirs",
                &[
                    ("version", V::from(*current_version)),
                    ("status", V::from(status_text(lang, theirs.status))),
                ],
            ),
        ],
    }
}

/// What a row does or why it cannot, in `lang`: old → new status, or each problem.
pub fn row_details(lang: Lang, row: &RowPreview) -> Vec<String> {
    match &row.outcome {
        Outcome::Change { from, .. } => vec![lang.t_args(
            "preview-from-to",
            &[
                ("from", V::from(status_text(lang, *from))),
                ("to", V::from(status_text(lang, row.values.status))),
            ],
        )],
        Outcome::Unchanged => Vec::new(),
        Outcome::Error(problems) => problems
            .iter()
            .flat_map(|p| problem_text(lang, p, &row.values))
            .collect(),
    }
}

impl PreviewView {
    pub fn new(page: Page, previewed: &Previewed) -> PreviewView {
        let lang = page.lang;
        // Unchanged rows are only counted: the list shows what happens and what is wrong.
        let rows = previewed
            .rows
            .iter()
            .filter(|row| row.outcome != Outcome::Unchanged)
            .map(|row| {
                let (outcome_key, tag) = match &row.outcome {
                    Outcome::Change { .. } => ("preview-outcome-change", "govuk-tag--blue"),
                    Outcome::Unchanged => ("preview-outcome-unchanged", "govuk-tag--grey"),
                    Outcome::Error(_) => ("preview-outcome-error", "govuk-tag--red"),
                };
                let details = row_details(lang, row);
                let known = !matches!(&row.outcome, Outcome::Error(p) if p.contains(&RowProblem::UnknownReference));
                PreviewRow {
                    line: row.line,
                    reference: row.reference.clone(),
                    href: known.then(|| commitment_href(&row.reference)),
                    outcome_key,
                    tag,
                    details,
                }
            })
            .collect();
        let caption = lang.t_args(
            "preview-caption",
            &[
                (
                    "what",
                    V::from(lang.t(kind_label_key(previewed.identity.kind))),
                ),
                ("year", V::from(previewed.identity.year.to_string())),
            ],
        );
        PreviewView {
            year: previewed.cycle.year,
            id: previewed.upload.id.to_string(),
            sha256: previewed.upload.sha256.clone(),
            file_name: previewed.upload.file_name.clone(),
            caption,
            rows,
            changes: previewed.changes(),
            unchanged: previewed.unchanged(),
            error_rows: previewed.errors(),
            applied: previewed.upload.applied_at.is_some(),
            expires: format_moment(previewed.upload.expires_at, lang),
            errors: Vec::new(),
            page,
        }
    }

    pub fn title(&self) -> String {
        self.page.lang.t_args(
            "preview-title",
            &[("file", V::from(self.file_name.clone()))],
        )
    }

    pub fn count(&self, key: &str, count: &usize) -> String {
        self.page.lang.t_args(key, &[("count", V::from(*count))])
    }

    pub fn line_text(&self, line: &usize) -> String {
        self.page
            .lang
            .t_args("preview-row-line", &[("line", V::from(*line))])
    }

    pub fn expires_text(&self) -> String {
        self.page.lang.t_args(
            "preview-expires",
            &[("time", V::from(self.expires.clone()))],
        )
    }
}
