//! `/app/cycles/{year}/compare?with=YEAR`: each commitment's trend between two cycles (see
//! [`crate::domain::trend`] for the order of the scale and the fallback when a cycle has no joint
//! review), the counts per trend and per area, and a stacked bar chart of those counts drawn as
//! SVG on the server, with the same figures in a table next to it.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use fluent_templates::fluent_bundle::FluentValue;

use super::Page;
use crate::{
    db::{board::CommitmentInfo, cycles::Cycle},
    domain::{status::Status, trend::Trend},
    views::text::LangText,
};

pub use super::commitment_href;

/// A trend bucket of the chart and tables: one of the four trends, or no status to compare yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    Trend(Trend),
    Unknown,
}

impl Bucket {
    /// The order of the tables, the chart's stacks and its legend: what moved (up, down, new
    /// to the comparison), then what did not, then what cannot be compared yet. Improved and
    /// regressed sit side by side so that their colours must contrast (see views::palette).
    pub const ALL: [Bucket; 5] = [
        Bucket::Trend(Trend::Improved),
        Bucket::Trend(Trend::Regressed),
        Bucket::Trend(Trend::New),
        Bucket::Trend(Trend::Unchanged),
        Bucket::Unknown,
    ];

    pub fn of(trend: Option<Trend>) -> Bucket {
        trend.map_or(Bucket::Unknown, Bucket::Trend)
    }

    pub fn key(self) -> &'static str {
        match self {
            Bucket::Trend(t) => t.as_str(),
            Bucket::Unknown => "unknown",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Bucket::Trend(t) => t.label_key(),
            Bucket::Unknown => "trend-unknown",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Bucket::Trend(t) => t.symbol(),
            Bucket::Unknown => "○",
        }
    }

    /// The chart's fill for the bucket (an SVG attribute; the legend, counts and table carry
    /// the words). Mid-tone and dark steps alternate along [`Bucket::ALL`] (see views::palette).
    pub fn fill(self) -> &'static str {
        match self {
            Bucket::Trend(Trend::Improved) => "#3b8a3e",
            Bucket::Trend(Trend::Regressed) => "#5c1010",
            Bucket::Trend(Trend::New) => "#3d7fc2",
            Bucket::Trend(Trend::Unchanged) => "#2b2b2b",
            Bucket::Unknown => "#8a8a8a",
        }
    }
}

/// One commitment compared.
#[derive(Debug, Clone)]
pub struct CompareRow {
    pub reference: String,
    pub area_title: LangText,
    pub before: Option<Status>,
    pub after: Option<Status>,
    pub trend: Option<Trend>,
}

impl CompareRow {
    pub fn bucket(&self) -> Bucket {
        Bucket::of(self.trend)
    }
}

/// The counts of one area, in [`Bucket::ALL`] order.
#[derive(Debug, Clone)]
pub struct AreaTrends {
    pub slug: String,
    pub title: LangText,
    pub counts: [usize; 5],
}

impl AreaTrends {
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// One stacked segment of a bar, placed in percent of the bar area's width.
#[derive(Debug, Clone)]
pub struct Segment {
    /// Left edge, e.g. `12.50%`.
    pub x: String,
    /// Width, e.g. `25.00%`.
    pub width: String,
    pub fill: &'static str,
    pub title: String,
}

/// One bar of the chart: its label and counts are HTML above and below the bar, so that they
/// wrap at any width and never run under it.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: LangText,
    pub segments: Vec<Segment>,
    pub total: usize,
    /// The counts in words, e.g. "▲ Improved 2 · ▼ Regressed 1": the bar's text alternative and
    /// its visible caption, so that no count is told by colour alone.
    pub counts: String,
    /// The bar's text alternative: "Support to Ukraine: ▲ Improved 2 · …".
    pub alt: String,
}

/// The chart: a bar per area, scaled to the largest area, and a legend.
#[derive(Debug, Clone)]
pub struct Chart {
    pub bars: Vec<Bar>,
    /// Legend entries: (fill, words).
    pub legend: Vec<(&'static str, String)>,
}

impl Chart {
    fn new(page: &Page, areas: &[AreaTrends]) -> Chart {
        let max = areas
            .iter()
            .map(AreaTrends::total)
            .max()
            .unwrap_or(0)
            .max(1) as f64;
        let bars = areas
            .iter()
            .map(|a| {
                let mut x = 0.0;
                let mut segments = Vec::new();
                let mut words = Vec::new();
                for (bucket, &count) in Bucket::ALL.iter().zip(&a.counts) {
                    if count == 0 {
                        continue;
                    }
                    let width = 100.0 * count as f64 / max;
                    let label = format!("{} {count}", page.t(bucket.label_key()));
                    segments.push(Segment {
                        x: format!("{x:.2}%"),
                        width: format!("{width:.2}%"),
                        fill: bucket.fill(),
                        title: page.lang.labelled(&a.title.text, &label),
                    });
                    words.push(format!("{} {label}", bucket.symbol()));
                    x += width;
                }
                let counts = words.join(" · ");
                Bar {
                    label: a.title.clone(),
                    segments,
                    total: a.total(),
                    alt: page.lang.labelled(&a.title.text, &counts),
                    counts,
                }
            })
            .collect();
        let legend = Bucket::ALL
            .iter()
            .map(|b| {
                (
                    b.fill(),
                    format!("{} {}", b.symbol(), page.t(b.label_key())),
                )
            })
            .collect();
        Chart { bars, legend }
    }
}

/// The comparison page.
#[derive(Template, WebTemplate)]
#[template(path = "compare/show.html")]
pub struct CompareView {
    pub page: Page,
    pub cycle: Cycle,
    /// The cycle compared with; none when there is no other cycle.
    pub other: Option<Cycle>,
    /// Every other cycle's year, for the chooser.
    pub years: Vec<i32>,
    pub rows: Vec<CompareRow>,
    pub areas: Vec<AreaTrends>,
    /// Totals in [`Bucket::ALL`] order.
    pub totals: [usize; 5],
    pub chart: Chart,
}

impl CompareView {
    /// Compares `statuses_after` (this cycle) with `statuses_before` (the other), by commitment id.
    pub fn new(
        page: Page,
        cycle: Cycle,
        other: Option<Cycle>,
        years: Vec<i32>,
        commitments: &[CommitmentInfo],
        before: &HashMap<i64, Status>,
        after: &HashMap<i64, Status>,
    ) -> CompareView {
        let rows: Vec<CompareRow> = if other.is_some() {
            commitments
                .iter()
                .map(|c| {
                    let b = before.get(&c.id).copied();
                    let a = after.get(&c.id).copied();
                    CompareRow {
                        reference: c.reference.clone(),
                        area_title: c.area_title.shown(page.lang),
                        before: b,
                        after: a,
                        trend: Trend::between(b, a),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        // Areas in text order (commitments are).
        let mut areas: Vec<AreaTrends> = Vec::new();
        for (c, row) in commitments.iter().zip(&rows) {
            let i = match areas.iter().position(|a| a.slug == c.area_slug) {
                Some(i) => i,
                None => {
                    areas.push(AreaTrends {
                        slug: c.area_slug.clone(),
                        title: c.area_title.shown(page.lang),
                        counts: [0; 5],
                    });
                    areas.len() - 1
                }
            };
            let b = Bucket::ALL
                .iter()
                .position(|b| *b == row.bucket())
                .unwrap_or(4);
            areas[i].counts[b] += 1;
        }
        let mut totals = [0; 5];
        for a in &areas {
            for (t, c) in totals.iter_mut().zip(a.counts) {
                *t += c;
            }
        }
        let chart = Chart::new(&page, &areas);
        let mut page = page;
        page.text_notice |= areas.iter().any(|a| a.title.foreign());
        CompareView {
            page,
            cycle,
            other,
            years,
            rows,
            areas,
            totals,
            chart,
        }
    }

    pub fn buckets(&self) -> [Bucket; 5] {
        Bucket::ALL
    }

    fn years_args(&self, key: &str) -> String {
        let with = self.other.as_ref().map_or(0, |o| o.year);
        self.page.lang.t_args(
            key,
            &[
                ("year", FluentValue::from(self.cycle.year.to_string())),
                ("with", FluentValue::from(with.to_string())),
            ],
        )
    }

    pub fn heading(&self) -> String {
        self.years_args("compare-heading")
    }

    pub fn counts_caption(&self) -> String {
        self.years_args("compare-counts-caption")
    }

    pub fn chart_title(&self) -> String {
        self.years_args("compare-chart-title")
    }

    pub fn areas_caption(&self) -> String {
        self.years_args("compare-areas-caption")
    }

    pub fn commitments_caption(&self) -> String {
        self.years_args("compare-commitments-caption")
    }

    pub fn status_in(&self, year: &i32) -> String {
        self.page.lang.t_args(
            "compare-status-in",
            &[("year", FluentValue::from(year.to_string()))],
        )
    }

    pub fn href(&self, reference: &str) -> String {
        commitment_href(reference)
    }

    pub fn is_other(&self, year: &i32) -> bool {
        self.other.as_ref().is_some_and(|o| o.year == *year)
    }
}
