//! The report as one standalone HTML document that prints cleanly on A4 (static/css/report.css):
//! the cover, the summary tables, what is up for discussion, a section per area (each starting a
//! new printed page) and the errata, with the marking on every page.

use askama::Template;

use super::model::{AreaSection, Report, SideCounts, SideEntry, StatusValue};
use crate::domain::{lang::Lang, status::Status};

/// The print stylesheet, embedded in exported files so that they stand alone.
pub const CSS: &str = include_str!("../../static/css/report.css");

/// A link to the report in another format or language (shown on screen only).
#[derive(Debug, Clone)]
pub struct Download {
    pub href: String,
    pub label: String,
    pub lang: &'static str,
}

/// The report page.
#[derive(Template)]
#[template(path = "report/report.html")]
pub struct ReportHtml<'a> {
    pub report: &'a Report,
    /// The stylesheet to embed; `None` links `/static/css/report.css` (served pages, whose CSP
    /// allows no inline style).
    pub css: Option<&'static str>,
    pub downloads: Vec<Download>,
    pub download_heading: String,
    pub contents_heading: String,
}

impl<'a> ReportHtml<'a> {
    pub fn new(report: &'a Report, css: Option<&'static str>, downloads: Vec<Download>) -> Self {
        ReportHtml {
            report,
            css,
            downloads,
            download_heading: report.lang.t("report-download"),
            contents_heading: report.lang.t("report-contents"),
        }
    }

    /// Every status of the scale, printed in the report's language.
    fn statuses(&self) -> Vec<StatusValue> {
        Status::ALL
            .into_iter()
            .map(|s| super::build::status_value(self.report.lang, s))
            .collect()
    }

    fn side_count(&self, side: &SideCounts, status: &StatusValue) -> usize {
        side.by_status
            .iter()
            .find(|c| c.status.key == status.key)
            .map_or(0, |c| c.count)
    }

    fn sides<'b>(&self, c: &'b super::model::CommitmentEntry) -> [&'b SideEntry; 2] {
        [&c.eu, &c.ca]
    }

    /// ` lang="…"` for partnership text in `lang` when the report is in the other language.
    fn lang_attr(&self, lang: &Lang) -> &'static str {
        crate::views::text::lang_attr(*lang, self.report.lang)
    }

    /// The code of `lang` when content is in it rather than in the report's language, for its
    /// `lang` attribute.
    fn other(&self, lang: &Lang) -> Option<&'static str> {
        (*lang != self.report.lang).then(|| lang.code())
    }

    /// An id-safe form of a reference: `25(c)` → `25c`.
    fn anchor(&self, reference: &str) -> String {
        reference
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect()
    }

    /// A nested area right after its (empty) parent heading stays on the heading's page.
    fn follows_heading(&self, index: &usize) -> bool {
        let index = *index;
        let areas: &[AreaSection] = &self.report.areas;
        index > 0
            && areas[index - 1].commitments.is_empty()
            && areas[index].depth > areas[index - 1].depth
    }
}

/// The standalone file (stylesheet embedded), as written by the command line and downloaded.
pub fn render(report: &Report) -> anyhow::Result<Vec<u8>> {
    Ok(ReportHtml::new(report, Some(CSS), Vec::new())
        .render()?
        .into_bytes())
}
