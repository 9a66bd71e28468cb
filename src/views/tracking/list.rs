//! The list of every commitment (`/app/commitments`, and as CSV) and the list of areas
//! (`/app/areas`).

use askama::Template;
use askama_web::WebTemplate;

use super::{Badge, commitment_href, encode, excerpt};
use crate::{
    commitment_list::{ListQuery, SortKey},
    db::{board::CommitmentInfo, cycles::Cycle, partnership::Area},
    domain::{account::Side, lang::Lang, status::Status},
    report::csv::{BOM, neutralise},
    tracking::BoardRow,
    views::{Page, text::LangText},
};

/// Characters of a commitment's text that serve as its title in lists.
pub const TITLE_CHARS: usize = 90;

/// Characters of a commitment's text beside its reference in a select.
pub const CHOICE_CHARS: usize = 70;

/// A commitment's title where it is one of many choices (a select): "25(c) — Its text…".
pub fn labelled_reference(reference: &str, body: &str) -> String {
    format!("{reference} — {}", excerpt(body, CHOICE_CHARS))
}

/// A commitment as one option of a select: its reference and the start of its text.
#[derive(Debug, Clone)]
pub struct CommitmentChoice {
    pub reference: String,
    pub label: String,
    /// ` lang="…"` when the text is not in the page's language.
    pub lang_attr: &'static str,
}

impl CommitmentChoice {
    pub fn all(infos: &[CommitmentInfo], reader: Lang) -> Vec<CommitmentChoice> {
        infos
            .iter()
            .map(|c| {
                let body = c.body.shown(reader);
                CommitmentChoice {
                    reference: c.reference.clone(),
                    label: labelled_reference(&c.reference, &body.text),
                    lang_attr: body.lang_attr(),
                }
            })
            .collect()
    }
}

/// One row of the list.
#[derive(Debug, Clone)]
pub struct ListRow {
    pub reference: String,
    pub href: String,
    pub title: LangText,
    pub area_title: LangText,
    pub eu: Badge,
    pub ca: Badge,
    pub joint: Option<Status>,
    pub divergent: bool,
    pub leads_eu: Vec<String>,
    pub leads_ca: Vec<String>,
}

impl ListRow {
    pub fn of(row: &BoardRow, reader: Lang) -> ListRow {
        let body = row.info.body.shown(reader);
        let names = |side: Side| row.leads_of(side).map(|l| l.display_name.clone()).collect();
        ListRow {
            reference: row.info.reference.clone(),
            href: commitment_href(&row.info.reference),
            title: LangText {
                text: excerpt(&body.text, TITLE_CHARS),
                ..body
            },
            area_title: row.info.area_title.shown(reader),
            eu: Badge::of(&row.eu),
            ca: Badge::of(&row.ca),
            joint: row.joint.as_ref().map(|j| j.status),
            divergent: row.divergent(),
            leads_eu: names(Side::Eu),
            leads_ca: names(Side::Ca),
        }
    }

    pub fn joint_badge(&self) -> Badge {
        Badge {
            status: self.joint,
            carried: false,
        }
    }
}

/// A column heading that sorts the list.
#[derive(Debug, Clone)]
pub struct SortHeading {
    pub label_key: &'static str,
    pub href: String,
    /// `ascending`, `descending` or `none`, for `aria-sort`.
    pub aria_sort: &'static str,
}

/// What the list page shows.
#[derive(Debug, Clone)]
pub struct CommitmentList {
    pub query: ListQuery,
    pub rows: Vec<ListRow>,
    /// Commitments before filtering.
    pub total: usize,
    pub areas: Vec<(String, LangText, bool)>,
    pub cycle: Option<Cycle>,
    /// The reader's side, when they are an officer (the "my side missing" filter needs one).
    pub side: Option<Side>,
}

impl CommitmentList {
    pub fn statuses(&self) -> Vec<(&'static str, &'static str)> {
        Status::ALL
            .iter()
            .map(|s| (s.as_str(), s.label_key()))
            .collect()
    }

    pub fn status_selected(&self, value: &str) -> bool {
        self.query.status.map_or("", |s| s.as_str()) == value
    }

    pub fn area_selected(&self, slug: &str) -> bool {
        self.query.area.as_deref() == Some(slug)
    }

    fn href(query: &ListQuery, base: &str) -> String {
        let q = query.query_string();
        if q.is_empty() {
            base.to_owned()
        } else {
            format!("{base}?{q}")
        }
    }

    /// This list as CSV, same filters and order.
    pub fn csv_href(&self) -> String {
        Self::href(&self.query, "/app/commitments.csv")
    }

    pub fn headings(&self) -> Vec<SortHeading> {
        SortKey::ALL
            .into_iter()
            .map(|key| SortHeading {
                label_key: match key {
                    SortKey::Reference => "board-ref",
                    SortKey::Area => "list-commitment",
                    SortKey::Eu => "side-eu",
                    SortKey::Ca => "side-ca",
                    SortKey::Joint => "list-joint",
                },
                href: Self::href(&self.query.sorted_by(key), "/app/commitments"),
                aria_sort: match (self.query.sort == key, self.query.descending) {
                    (false, _) => "none",
                    (true, false) => "ascending",
                    (true, true) => "descending",
                },
            })
            .collect()
    }

    /// Whether it shows any partnership text in the other language than the reader's.
    pub fn foreign(&self) -> bool {
        self.areas.iter().any(|a| a.1.foreign())
            || self
                .rows
                .iter()
                .any(|r| r.title.foreign() || r.area_title.foreign())
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "tracking/list.html")]
pub struct CommitmentListView {
    pub page: Page,
    pub l: CommitmentList,
}

/// The list as CSV bytes: a byte-order mark, headings in the reader's language, cells that a
/// spreadsheet would take for a formula neutralised (as the report's CSV).
pub fn list_csv(l: &CommitmentList, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(BOM.to_vec());
    let t = |key: &str| lang.t(key);
    out.write_record([
        t("board-ref"),
        t("list-title"),
        t("list-text-lang"),
        t("list-area"),
        t("side-eu"),
        t("side-ca"),
        t("list-joint"),
        t("divergent"),
        format!("{} – {}", t("list-leads"), t("side-eu")),
        format!("{} – {}", t("list-leads"), t("side-ca")),
    ])?;
    let status = |s: Option<Status>| t(s.map_or("status-none", Status::label_key));
    for r in &l.rows {
        let record = [
            r.reference.clone(),
            r.title.text.clone(),
            r.title.lang.code().to_owned(),
            r.area_title.text.clone(),
            status(r.eu.status.filter(|_| !r.eu.carried)),
            status(r.ca.status.filter(|_| !r.ca.carried)),
            status(r.joint),
            t(if r.divergent {
                "report-yes"
            } else {
                "report-no"
            }),
            r.leads_eu.join("; "),
            r.leads_ca.join("; "),
        ];
        out.write_record(record.iter().map(|c| neutralise(c)))?;
    }
    Ok(out.into_inner().map_err(|e| e.into_error())?)
}

/// One area on `/app/areas`.
#[derive(Debug, Clone)]
pub struct AreaEntry {
    pub href: String,
    pub title: LangText,
    pub nested: bool,
    /// Commitments in it (its nested areas' included).
    pub count: usize,
}

impl AreaEntry {
    pub fn list(areas: &[Area], rows: &[BoardRow], reader: Lang) -> Vec<AreaEntry> {
        areas
            .iter()
            .map(|a| {
                let children: Vec<&str> = areas
                    .iter()
                    .filter(|c| c.slug == a.slug || c.parent_id == Some(a.id))
                    .map(|c| c.slug.as_str())
                    .collect();
                AreaEntry {
                    href: format!("/app/areas/{}", encode(&a.slug)),
                    title: a.title.shown(reader),
                    nested: a.parent_id.is_some(),
                    count: rows
                        .iter()
                        .filter(|r| children.contains(&r.info.area_slug.as_str()))
                        .count(),
                }
            })
            .collect()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "tracking/areas.html")]
pub struct AreasView {
    pub page: Page,
    pub areas: Vec<AreaEntry>,
}
