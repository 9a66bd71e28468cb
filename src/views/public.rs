//! The public pages: the overview, the whole text, one area.

use askama::Template;
use askama_web::WebTemplate;
use chrono::NaiveDate;

use super::{
    Page,
    text::{LangText, Section},
};
use crate::{
    db::{partnership::Partnership, public::PublicCycle},
    domain::status::Status,
    i18n::{Lang, format_date},
};

/// One row of the table of areas.
#[derive(Debug, Clone)]
pub struct AreaSummary {
    pub slug: String,
    pub title: LangText,
    pub depth: u8,
    pub paragraphs: usize,
}

/// Statuses in the order the summary and charts show them.
pub const SUMMARY_ORDER: [Status; 8] = [
    Status::Completed,
    Status::CompletedModified,
    Status::OnTrack,
    Status::Ongoing,
    Status::Challenges,
    Status::NotStarted,
    Status::Discontinued,
    Status::NotAssessed,
];

/// Fill colours of the chart segments (SVG attributes, not styles: the CSP allows them). The
/// legend, symbols and the table carry the same information without colour.
pub fn status_fill(status: Status) -> &'static str {
    match status {
        // Dark and mid-tone steps alternate along SUMMARY_ORDER (see views::palette).
        Status::Completed => "#003d1f",
        Status::CompletedModified => "#5f9a3a",
        Status::OnTrack => "#00285f",
        Status::Ongoing => "#4c88cc",
        Status::Challenges => "#5a2a00",
        Status::NotStarted => "#9a7fb0",
        Status::Discontinued => "#5c0f0f",
        Status::NotAssessed => "#8a8a8a",
    }
}

/// One public line: a commitment, its joint status and summary in the reader's language.
#[derive(Debug, Clone)]
pub struct PublicLine {
    pub reference: String,
    /// Where its text is: `/text#p25c`.
    pub href: String,
    pub status: Option<Status>,
    pub summary: String,
    pub corrected: bool,
}

/// A segment of an area's bar: `x` and `width` in per cent of the bar.
#[derive(Debug, Clone)]
pub struct Segment {
    pub status: Status,
    pub count: usize,
    pub x: f64,
    pub width: f64,
}

/// An area with its public lines and the chart of their statuses.
#[derive(Debug, Clone)]
pub struct AreaBlock {
    pub slug: String,
    pub title: LangText,
    pub depth: u8,
    pub lines: Vec<PublicLine>,
}

impl AreaBlock {
    pub fn count(&self, status: Status) -> usize {
        self.lines
            .iter()
            .filter(|l| l.status.unwrap_or(Status::NotAssessed) == status)
            .count()
    }

    pub fn segments(&self) -> Vec<Segment> {
        let total = self.lines.len().max(1) as f64;
        let mut x = 0.0;
        SUMMARY_ORDER
            .iter()
            .filter_map(|s| {
                let count = self.count(*s);
                (count > 0).then(|| {
                    let width = 100.0 * count as f64 / total;
                    let segment = Segment {
                        status: *s,
                        count,
                        x,
                        width,
                    };
                    x += width;
                    segment
                })
            })
            .collect()
    }

    /// The counts under the chart, in words and symbols: "✔ 2 Completed – fully met · …", so
    /// that no status is told by colour alone.
    pub fn counts_text(&self, lang: &Lang) -> String {
        self.segments()
            .iter()
            .map(|s| {
                format!(
                    "{} {} {}",
                    s.status.symbol(),
                    s.count,
                    lang.t(s.status.label_key())
                )
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The chart's text alternative: "Support to Ukraine: 2 Completed – fully met, 1 …".
    pub fn description(&self, lang: &Lang) -> String {
        let lang = *lang;
        let parts: Vec<String> = self
            .segments()
            .iter()
            .map(|s| format!("{} {}", s.count, lang.t(s.status.label_key())))
            .collect();
        lang.labelled(&self.title.text, &parts.join(", "))
    }
}

/// The public summary page. Its fields hold only public data: the view types above have no
/// place for a narrative, next steps, evidence, a name or an e-mail.
#[derive(Template, WebTemplate)]
#[template(path = "public/home.html")]
pub struct HomeView {
    pub page: Page,
    pub partnership: Partnership,
    /// The partnership's title for this reader.
    pub title: LangText,
    /// The parties, joined, for this reader; `None` when none are recorded.
    pub parties: Option<LangText>,
    pub published: Option<PublicCycle>,
    pub next: Option<PublicCycle>,
    pub blocks: Vec<AreaBlock>,
    pub areas: Vec<AreaSummary>,
    pub paragraph_total: usize,
}

impl HomeView {
    pub fn date(&self, date: &Option<NaiveDate>) -> String {
        date.map(|d| format_date(d, self.page.lang))
            .unwrap_or_default()
    }

    pub fn day(&self, date: &NaiveDate) -> String {
        format_date(*date, self.page.lang)
    }

    /// Counts by joint status over every commitment, in summary order, without empty ones.
    pub fn counts(&self) -> Vec<(Status, usize)> {
        SUMMARY_ORDER
            .iter()
            .map(|s| (*s, self.blocks.iter().map(|b| b.count(*s)).sum::<usize>()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    pub fn total(&self) -> usize {
        self.blocks.iter().map(|b| b.lines.len()).sum()
    }

    pub fn fill(&self, status: &Status) -> &'static str {
        status_fill(*status)
    }

    pub fn order(&self) -> &'static [Status] {
        &SUMMARY_ORDER
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "public/text.html")]
pub struct TextView {
    pub page: Page,
    pub partnership: Partnership,
    /// The partnership's title for this reader.
    pub title: LangText,
    pub sections: Vec<Section>,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/area.html")]
pub struct AreaView {
    pub page: Page,
    pub partnership: Partnership,
    pub section: Section,
    /// The heading this one is nested under, as (slug, title).
    pub parent: Option<(String, LangText)>,
    /// Headings nested under this one.
    pub children: Vec<AreaSummary>,
}
