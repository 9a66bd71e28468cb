//! The dashboard's view logic: what to show whom, computed from the board.

use askama::Template;
use askama_web::WebTemplate;
use chrono::NaiveDate;

use std::sync::Arc;

use super::Page;
use crate::{
    board_cache::Dashboard,
    db::{assessments::Revision, users::UserRow},
    domain::{
        account::{Role, Side},
        progress::{SubmissionState, days_left},
    },
    tracking::{Board, BoardRow, SideView},
};

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
        self.data.board.as_ref()
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
