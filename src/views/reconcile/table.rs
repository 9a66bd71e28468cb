//! `/app/cycles/{year}/reconcile`: every commitment in one table — both sides' statuses with an
//! excerpt of each narrative, divergence, and the joint review form of the row — filtered through
//! `?filter=`. A row saves in place with htmx ([`RowFragment`]) or, without JavaScript, by a full
//! page load back to the same filter and row.

use std::{collections::HashMap, sync::Arc};

use askama::Template;
use askama_web::WebTemplate;
use fluent_templates::fluent_bundle::FluentValue;

use super::{Filter, JointForm, Notice, item_href, ref_key};
use crate::{
    db::{cycles::Cycle, joint::JointRevision},
    domain::{cycle::CycleState, status::Status, trend::Trend},
    i18n::Lang,
    reconcile::{agreed, untouched},
    tracking::{Board, BoardRow, SideView},
    views::{Page, commitment_href, text::LangText, tracking::Badge, tracking::excerpt},
};

/// Characters of a narrative shown in the table before "Full narrative".
pub const NARRATIVE_EXCERPT_CHARS: usize = 120;

/// A side's narrative as the table shows it: an excerpt, and the whole text when it is longer.
#[derive(Debug, Clone)]
pub struct Narrative {
    pub excerpt: String,
    /// The whole narrative, when the excerpt leaves some out.
    pub more: Option<String>,
}

impl Narrative {
    fn of(side: &SideView) -> Option<Narrative> {
        let text = side.current.as_ref()?.narrative.trim();
        if text.is_empty() {
            return None;
        }
        let short = excerpt(text, NARRATIVE_EXCERPT_CHARS);
        let more = (short.chars().count() < text.chars().count()).then(|| text.to_owned());
        Some(Narrative {
            excerpt: short,
            more,
        })
    }
}

/// One commitment to reconcile.
#[derive(Debug, Clone)]
pub struct Item {
    pub reference: String,
    pub key: String,
    pub area_title: LangText,
    pub eu: SideView,
    pub ca: SideView,
    pub eu_narrative: Option<Narrative>,
    pub ca_narrative: Option<Narrative>,
    pub divergent: bool,
    /// The status both sides share, if they do.
    pub agreed: Option<Status>,
    pub challenges: bool,
    pub regressed: bool,
    pub joint: Option<JointRevision>,
    pub form: JointForm,
    /// The row was saved by the request that shows it.
    pub saved: bool,
}

impl Item {
    /// `previous` is the commitment's status in the previous cycle, for comparison.
    pub fn of(year: i32, row: &BoardRow, reader: Lang, previous: Option<Status>) -> Item {
        let joint = row.joint.as_ref().map(|j| j.status);
        let current = [row.eu.status(), row.ca.status(), joint];
        Item {
            reference: row.info.reference.clone(),
            key: ref_key(&row.info.reference),
            area_title: row.info.area_title.shown(reader),
            eu: row.eu.clone(),
            ca: row.ca.clone(),
            eu_narrative: Narrative::of(&row.eu),
            ca_narrative: Narrative::of(&row.ca),
            divergent: row.divergent(),
            agreed: agreed(row),
            challenges: current.contains(&Some(Status::Challenges)),
            regressed: previous.is_some()
                && current
                    .into_iter()
                    .any(|s| s.is_some() && Trend::between(previous, s) == Some(Trend::Regressed)),
            joint: row.joint.clone(),
            form: JointForm::prefilled(year, row),
            saved: false,
        }
    }

    pub fn joint_badge(&self) -> Badge {
        Badge {
            status: self.joint.as_ref().map(|j| j.status),
            carried: false,
        }
    }

    /// Both sides: catalogue key, CSS suffix, status badge, narrative.
    pub fn sides(&self) -> Vec<(&'static str, &'static str, Badge, Option<Narrative>)> {
        vec![
            (
                "side-eu",
                "eu",
                Badge::of(&self.eu),
                self.eu_narrative.clone(),
            ),
            (
                "side-ca",
                "ca",
                Badge::of(&self.ca),
                self.ca_narrative.clone(),
            ),
        ]
    }

    /// The status of the revision someone else saved meanwhile, when a save was refused for it.
    pub fn conflict_badge(&self) -> Badge {
        Badge {
            status: self.form.conflict.as_ref().map(|j| j.status),
            carried: false,
        }
    }

    pub fn item_href(&self, year: &i32) -> String {
        item_href(*year, &self.reference)
    }

    pub fn href(&self) -> String {
        commitment_href(&self.reference)
    }

    /// Are the summary and next-steps fields shown open (something to see or fix there)?
    pub fn texts_open(&self) -> bool {
        let f = &self.form;
        f.conflict.is_some()
            || ["summary_en", "summary_fr", "next_steps", "next_steps_fr"]
                .iter()
                .any(|field| f.error(field).is_some())
    }
}

/// The counts above the table: per filter and for the bulk actions.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub total: usize,
    pub divergent: usize,
    pub missing: usize,
    /// Commitments without a joint review where both sides agree.
    pub agreed_pending: usize,
    /// Commitments neither side assessed, without a joint review.
    pub untouched: usize,
    /// (filter, commitments it shows)
    pub filters: Vec<(Filter, usize)>,
}

impl Counts {
    fn of(items: &[Item], board: &Board) -> Counts {
        Counts {
            total: items.len(),
            divergent: items.iter().filter(|i| i.divergent).count(),
            missing: items.iter().filter(|i| i.joint.is_none()).count(),
            agreed_pending: items
                .iter()
                .filter(|i| i.joint.is_none() && i.agreed.is_some())
                .count(),
            untouched: untouched(board).len(),
            filters: Filter::ALL
                .into_iter()
                .map(|f| (f, items.iter().filter(|i| f.matches(i)).count()))
                .collect(),
        }
    }

    pub fn text(&self, page: &Page, key: &str, count: &usize) -> String {
        page.lang
            .t_args(key, &[("count", FluentValue::from(*count))])
    }
}

/// What the table page and a row fragment share.
struct Table {
    items: Vec<Item>,
    counts: Counts,
}

impl Table {
    /// Divergent commitments first, then the others, each in text order.
    fn of(page: &Page, board: &Board, previous: &HashMap<i64, Status>) -> Table {
        let year = board.cycle.year;
        let (mut items, rest): (Vec<Item>, Vec<Item>) = board
            .rows
            .iter()
            .map(|r| Item::of(year, r, page.lang, previous.get(&r.info.id).copied()))
            .partition(|i| i.divergent);
        items.extend(rest);
        let counts = Counts::of(&items, board);
        Table { items, counts }
    }
}

fn editable(cycle: &Cycle, can_edit: bool) -> bool {
    can_edit && cycle.state == CycleState::Reconciliation
}

/// `/app/cycles/{year}/reconcile`: the shell of every page around its [`ReconcileContent`].
#[derive(Template, WebTemplate)]
#[template(path = "reconcile/index.html")]
pub struct ReconcileView {
    pub page: Page,
    pub cycle: Cycle,
    pub content: Arc<RenderedContent>,
}

/// A page's body rendered once, for every reader it is the same for.
#[derive(Debug)]
pub struct RenderedContent {
    pub html: String,
    /// The body shows text that does not exist in the reader's language.
    pub text_notice: bool,
}

impl ReconcileView {
    pub fn new(mut page: Page, cycle: Cycle, content: Arc<RenderedContent>) -> ReconcileView {
        page.text_notice |= content.text_notice;
        ReconcileView {
            page,
            cycle,
            content,
        }
    }
}

/// The body of `/app/cycles/{year}/reconcile` (the table, its counts and filters): it depends on
/// the board, the reader's language and whether they may edit, not on who they are — over 250 KB
/// for 60 commitments, so the route renders it once and keeps it.
#[derive(Template)]
#[template(path = "reconcile/content.html")]
pub struct ReconcileContent {
    pub page: Page,
    pub cycle: Cycle,
    pub year: i32,
    pub filter: Filter,
    /// The commitments the filter shows.
    pub items: Vec<Item>,
    pub counts: Counts,
    /// Are the forms shown? Only to staff, and only while the cycle is in reconciliation.
    pub editable: bool,
    /// The reader may record joint reviews (secretariat, administrators).
    pub can_edit: bool,
    pub notice: Option<Notice>,
}

impl ReconcileContent {
    /// `previous`: each commitment's status in the previous cycle, by commitment id. The row
    /// just `saved` (without JavaScript) is marked and stays in the table even when it no longer
    /// matches the filter, as it does after an in-place save.
    pub fn new(
        mut page: Page,
        board: &Board,
        previous: &HashMap<i64, Status>,
        filter: Filter,
        saved: Option<&str>,
        can_edit: bool,
    ) -> ReconcileContent {
        let Table { items, counts } = Table::of(&page, board, previous);
        let items: Vec<Item> = items
            .into_iter()
            .filter_map(|mut i| {
                i.saved = saved == Some(i.reference.as_str());
                (i.saved || filter.matches(&i)).then_some(i)
            })
            .collect();
        page.text_notice |= items.iter().any(|i| i.area_title.foreign());
        ReconcileContent {
            page,
            cycle: board.cycle.clone(),
            year: board.cycle.year,
            filter,
            items,
            counts,
            editable: editable(&board.cycle, can_edit),
            can_edit,
            notice: None,
        }
    }

    pub fn reconciling(&self) -> bool {
        self.cycle.state == CycleState::Reconciliation
    }

    /// Renders it.
    pub fn rendered(&self) -> askama::Result<RenderedContent> {
        Ok(RenderedContent {
            html: self.render()?,
            text_notice: self.page.text_notice,
        })
    }

    pub fn showing(&self) -> String {
        self.page.lang.t_args(
            "reconcile-showing",
            &[
                ("shown", FluentValue::from(self.items.len())),
                ("total", FluentValue::from(self.counts.total)),
            ],
        )
    }
}

/// One row of the table after an in-place save (htmx): the row, the announcement for screen
/// readers and the counts above the table, swapped out of band.
#[derive(Template, WebTemplate)]
#[template(path = "reconcile/row-fragment.html")]
pub struct RowFragment {
    pub page: Page,
    pub year: i32,
    pub filter: Filter,
    pub item: Item,
    pub counts: Counts,
    pub editable: bool,
    /// What the live region announces.
    pub live: String,
}

impl RowFragment {
    /// The row of `reference` (whatever the filter), or `None` if the partnership has no such
    /// commitment.
    pub fn new(
        page: Page,
        board: &Board,
        previous: &HashMap<i64, Status>,
        filter: Filter,
        reference: &str,
        can_edit: bool,
    ) -> Option<RowFragment> {
        let Table { items, counts } = Table::of(&page, board, previous);
        let item = items.into_iter().find(|i| i.reference == reference)?;
        Some(RowFragment {
            year: board.cycle.year,
            filter,
            item,
            counts,
            editable: editable(&board.cycle, can_edit),
            live: String::new(),
            page,
        })
    }
}
