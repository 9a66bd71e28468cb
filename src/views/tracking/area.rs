//! The area page: an area's commitments with both sides' statuses, and its filters.

use askama::Template;
use askama_web::WebTemplate;

use super::{Badge, EXCERPT_CHARS, commitment_href, encode, excerpt};
use crate::{
    db::cycles::Cycle,
    domain::{account::Side, lang::Lang, status::Status},
    tracking::BoardRow,
    views::{Page, text::LangText},
};

/// The filters of an area's table, as the GET form submits them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct Filters {
    /// A status key, `none` (nothing saved this cycle) or empty for any.
    #[serde(default)]
    pub status: String,
    /// `eu`, `ca` or empty: with a status, only that side's status counts.
    #[serde(default)]
    pub side: String,
    /// An area's slug or `all`; when it differs from the page's area the form navigates there.
    #[serde(default)]
    pub area: Option<String>,
    /// Only commitments the reader leads.
    #[serde(default)]
    pub mine: Option<String>,
}

/// What the `status` filter asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StatusFilter {
    Any,
    Is(Status),
    Unassessed,
}

impl Filters {
    fn status_filter(&self) -> StatusFilter {
        match self.status.trim() {
            "none" => StatusFilter::Unassessed,
            s => s.parse().map_or(StatusFilter::Any, StatusFilter::Is),
        }
    }

    pub fn side(&self) -> Option<Side> {
        self.side.trim().parse().ok()
    }

    pub fn mine(&self) -> bool {
        self.mine
            .as_deref()
            .is_some_and(|m| !m.is_empty() && m != "0" && m != "false")
    }

    /// Does `row` pass the filters for the reader `user_id`?
    pub fn matches(&self, row: &BoardRow, user_id: i64) -> bool {
        if self.mine() && !row.is_lead(user_id) {
            return false;
        }
        let sides: &[Side] = match self.side() {
            Some(Side::Eu) => &[Side::Eu],
            Some(Side::Ca) => &[Side::Ca],
            None => &[Side::Eu, Side::Ca],
        };
        match self.status_filter() {
            StatusFilter::Any => true,
            StatusFilter::Is(s) => sides.iter().any(|side| row.side(*side).status() == Some(s)),
            StatusFilter::Unassessed => sides.iter().any(|side| row.side(*side).current.is_none()),
        }
    }

    /// The query string of these filters for `area`, for links and redirects.
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if self.status_filter() != StatusFilter::Any {
            pairs.push(("status", self.status.trim()));
        }
        if let Some(side) = self.side() {
            pairs.push(("side", side.as_str()));
        }
        if self.mine() {
            pairs.push(("mine", "1"));
        }
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }

    pub fn status_selected(&self, value: &str) -> bool {
        self.status.trim() == value
    }

    pub fn side_selected(&self, value: &str) -> bool {
        self.side.trim() == value
    }
}

/// The URL of an area's page with filters.
pub fn area_href(slug: &str, filters: &Filters) -> String {
    let query = filters.query();
    if query.is_empty() {
        format!("/app/areas/{}", encode(slug))
    } else {
        format!("/app/areas/{}?{query}", encode(slug))
    }
}

/// One area in the area select.
#[derive(Debug, Clone)]
pub struct AreaOption {
    pub slug: String,
    pub title: LangText,
    pub nested: bool,
}

/// One row of an area's table.
#[derive(Debug, Clone)]
pub struct AreaRow {
    pub reference: String,
    pub href: String,
    pub area_title: LangText,
    /// The beginning of the text, in the language the reader gets it in.
    pub excerpt: LangText,
    pub eu: Badge,
    pub ca: Badge,
    pub divergent: bool,
}

impl AreaRow {
    pub fn of(row: &BoardRow, reader: Lang) -> AreaRow {
        let body = row.info.body.shown(reader);
        AreaRow {
            reference: row.info.reference.clone(),
            href: commitment_href(&row.info.reference),
            area_title: row.info.area_title.shown(reader),
            excerpt: LangText {
                text: excerpt(&body.text, EXCERPT_CHARS),
                ..body
            },
            eu: Badge::of(&row.eu),
            ca: Badge::of(&row.ca),
            divergent: row.divergent(),
        }
    }
}

/// What the area page and its table fragment show.
#[derive(Debug, Clone)]
pub struct AreaBoard {
    /// The area's slug, or `all`.
    pub slug: String,
    /// The area's title; none for all areas.
    pub title: Option<LangText>,
    pub areas: Vec<AreaOption>,
    pub filters: Filters,
    pub rows: Vec<AreaRow>,
    /// Commitments in the area before filtering.
    pub total: usize,
    pub cycle: Option<Cycle>,
}

impl AreaBoard {
    pub fn action(&self) -> String {
        format!("/app/areas/{}", encode(&self.slug))
    }

    pub fn statuses(&self) -> Vec<(&'static str, &'static str)> {
        Status::ALL
            .iter()
            .map(|s| (s.as_str(), s.label_key()))
            .collect()
    }

    pub fn all(&self) -> bool {
        self.title.is_none()
    }

    /// Whether it shows any partnership text in the other language than the reader's.
    pub fn foreign(&self) -> bool {
        self.title.as_ref().is_some_and(LangText::foreign)
            || self.areas.iter().any(|a| a.title.foreign())
            || self
                .rows
                .iter()
                .any(|r| r.excerpt.foreign() || r.area_title.foreign())
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "tracking/area.html")]
pub struct AreaView {
    pub page: Page,
    pub b: AreaBoard,
}

#[derive(Template, WebTemplate)]
#[template(path = "tracking/area-fragment.html")]
pub struct AreaTableView {
    pub page: Page,
    pub b: AreaBoard,
}
