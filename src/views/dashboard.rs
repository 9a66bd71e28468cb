//! The dashboard's view logic: what to show whom, computed from the board.

use askama::Template;
use askama_web::WebTemplate;
use chrono::NaiveDate;

use std::sync::Arc;

use super::{Page, text::LangText, tracking::excerpt};
use crate::{
    board_cache::Dashboard,
    db::{assessments::Revision, users::UserRow},
    domain::{
        account::{Role, Side},
        cycle::CycleState,
        progress::{SubmissionState, days_left},
    },
    tracking::{Board, BoardRow, SideView},
};

/// Characters of a commitment's text shown beside its reference in the list of what is due.
pub const DUE_TITLE_CHARS: usize = 70;

/// A group of commitments my side still has to assess: those I lead, or one area's.
pub struct DueGroup<'a> {
    /// The area's title; none for the group of commitments I lead.
    pub area: Option<LangText>,
    pub rows: Vec<DueItem<'a>>,
}

/// One commitment in [`DueGroup`].
pub struct DueItem<'a> {
    pub row: &'a BoardRow,
    pub title: LangText,
}

#[derive(Template, WebTemplate)]
#[template(path = "app/home.html")]
pub struct DashboardView {
    pub page: Page,
    pub user: UserRow,
    /// What every reader sees alike (shared, from the board cache); the methods below pick this
    /// reader's part of it.
    pub data: Arc<Dashboard>,
    pub today: NaiveDate,
    pub password_changed: bool,
}

/// A commitment on the officer's list with their side's state.
pub struct MyItem<'a> {
    pub row: &'a BoardRow,
    /// My side's position on it.
    pub view: &'a SideView,
    pub state: SubmissionState,
}

impl DashboardView {
    /// The current cycle's board, when there is a cycle.
    pub fn board(&self) -> Option<&Board> {
        self.data.board.as_deref()
    }

    /// The cycle's most recent revisions.
    pub fn recent(&self) -> &[Revision] {
        &self.data.recent
    }

    pub fn is_admin(&self) -> bool {
        self.user.role == Role::Admin
    }

    /// The officer's side, if they are an officer.
    pub fn my_side(&self) -> Option<Side> {
        (self.user.role == Role::Officer)
            .then_some(self.user.side)
            .flatten()
    }

    /// The state of the current cycle, when there is one.
    pub fn state(&self) -> Option<CycleState> {
        self.board().map(|b| b.cycle.state)
    }

    pub fn is_state(&self, state: &str) -> bool {
        self.state().is_some_and(|s| s.as_str() == state)
    }

    /// The day submissions open, in the reader's language.
    pub fn opens_on(&self) -> String {
        self.board()
            .map(|b| crate::i18n::format_date(b.cycle.opens_on, self.page.lang))
            .unwrap_or_default()
    }

    /// The day the cycle entered its state, when that move was recorded.
    pub fn since(&self) -> Option<String> {
        self.data
            .since
            .map(|at| crate::i18n::format_date(at.date_naive(), self.page.lang))
    }

    /// What the reader is told about the cycle's state: one sentence, with its dates.
    pub fn state_text(&self) -> String {
        let Some(board) = self.board() else {
            return String::new();
        };
        let lang = self.page.lang;
        let date = |d| crate::i18n::format_date(d, lang);
        let since = self.since();
        match board.cycle.state {
            CycleState::Planned => lang.t_args(
                "dashboard-planned",
                &[
                    ("opens", date(board.cycle.opens_on).into()),
                    ("deadline", date(board.cycle.deadline).into()),
                ],
            ),
            CycleState::Open => String::new(),
            CycleState::Reconciliation => match since {
                Some(since) => {
                    lang.t_args("dashboard-reconciliation-since", &[("date", since.into())])
                }
                None => lang.t_args(
                    "dashboard-reconciliation",
                    &[("deadline", date(board.cycle.deadline).into())],
                ),
            },
            CycleState::Frozen => match since {
                Some(since) => lang.t_args("dashboard-frozen-since", &[("date", since.into())]),
                None => lang.t("dashboard-frozen"),
            },
            CycleState::Published => match since {
                Some(since) => lang.t_args("dashboard-published-since", &[("date", since.into())]),
                None => lang.t("dashboard-published"),
            },
        }
    }

    /// The progress report of the cycle.
    pub fn report_href(&self) -> String {
        self.board()
            .map(|b| format!("/app/cycles/{}/report.html", b.cycle.year))
            .unwrap_or_default()
    }

    /// (saved, total) for the reader's side.
    pub fn my_progress(&self) -> Option<(usize, usize)> {
        let (board, side) = (self.board()?, self.my_side()?);
        Some((board.saved_count(side), board.rows.len()))
    }

    /// What my side still has to assess: first those I lead, then by area, in the text's order.
    pub fn due(&self) -> Vec<DueGroup<'_>> {
        let lang = self.page.lang;
        fn item(row: &BoardRow, lang: crate::i18n::Lang) -> DueItem<'_> {
            let body = row.info.body.shown(lang);
            DueItem {
                title: LangText {
                    text: excerpt(&body.text, DUE_TITLE_CHARS),
                    ..body
                },
                row,
            }
        }
        let missing = self.side_missing();
        let mut groups = Vec::new();
        let mine: Vec<DueItem<'_>> = missing
            .iter()
            .filter(|r| r.is_lead(self.user.id))
            .map(|r| item(r, lang))
            .collect();
        if !mine.is_empty() {
            groups.push(DueGroup {
                area: None,
                rows: mine,
            });
        }
        for row in missing.iter().filter(|r| !r.is_lead(self.user.id)) {
            match groups.last_mut() {
                Some(DueGroup {
                    area: Some(_),
                    rows,
                }) if rows
                    .last()
                    .is_some_and(|last| last.row.info.area_slug == row.info.area_slug) =>
                {
                    rows.push(item(row, lang))
                }
                _ => groups.push(DueGroup {
                    area: Some(row.info.area_title.shown(lang)),
                    rows: vec![item(row, lang)],
                }),
            }
        }
        groups
    }

    pub fn days_left(&self) -> Option<i64> {
        self.board()
            .map(|b| days_left(b.cycle.deadline, self.today))
    }

    /// "12 days left", "due today", "3 days overdue".
    pub fn deadline_text(&self) -> String {
        match self.days_left() {
            Some(0) => self.page.t("dashboard-due-today"),
            Some(n) if n > 0 => self
                .page
                .lang
                .t_args("dashboard-days-left", &[("count", n.into())]),
            Some(n) => self
                .page
                .lang
                .t_args("dashboard-days-overdue", &[("count", (-n).into())]),
            None => String::new(),
        }
    }

    pub fn deadline(&self) -> String {
        self.board()
            .map(|b| crate::i18n::format_date(b.cycle.deadline, self.page.lang))
            .unwrap_or_default()
    }

    /// Commitments I lead, with my side's state this cycle.
    pub fn mine(&self) -> Vec<MyItem<'_>> {
        let (Some(board), Some(side)) = (self.board(), self.my_side()) else {
            return Vec::new();
        };
        board
            .rows
            .iter()
            .filter(|r| r.is_lead(self.user.id))
            .map(|row| MyItem {
                row,
                view: row.side(side),
                state: row.side(side).submission(board.cycle.deadline, self.today),
            })
            .collect()
    }

    /// Commitments my side has not saved in this cycle.
    pub fn side_missing(&self) -> Vec<&BoardRow> {
        match (self.board(), self.my_side()) {
            (Some(board), Some(side)) => board
                .rows
                .iter()
                .filter(|r| r.side(side).current.is_none())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// (side, saved, total) for both sides.
    pub fn progress(&self) -> Vec<(Side, usize, usize)> {
        match self.board() {
            Some(b) => Side::ALL
                .iter()
                .map(|s| (*s, b.saved_count(*s), b.rows.len()))
                .collect(),
            None => Vec::new(),
        }
    }

    pub fn divergent(&self) -> Vec<&BoardRow> {
        self.board()
            .map(|b| b.divergent_rows().collect())
            .unwrap_or_default()
    }

    pub fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        crate::i18n::format_moment(*at, self.page.lang)
    }
}
