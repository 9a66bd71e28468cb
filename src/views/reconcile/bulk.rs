//! The confirmations of the bulk actions, each naming how many commitments change:
//! `/app/cycles/{year}/reconcile/accept-agreed` (the statuses both sides agree on) and
//! `/app/cycles/{year}/reconcile/not-assessed` ("Not yet assessed", with one reason, for every
//! commitment neither side assessed: the reason, then the check before recording).

use askama::Template;
use askama_web::WebTemplate;
use fluent_templates::fluent_bundle::FluentValue;

use super::{FieldErrors, Notice};
use crate::{
    db::cycles::Cycle,
    domain::{cycle::CycleState, status::Status},
    reconcile::{SUMMARY_MAX_CHARS, UntouchedInput, agreed, untouched},
    tracking::Board,
    views::{Page, text::LangText, tracking::Badge},
};

/// A commitment a bulk action changes.
#[derive(Debug, Clone)]
pub struct BulkRow {
    pub reference: String,
    pub area_title: LangText,
    /// The joint status it gets.
    pub status: Status,
}

impl BulkRow {
    pub fn badge(&self) -> Badge {
        Badge::status(self.status)
    }
}

/// Which bulk action a page confirms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkAction {
    AcceptAgreed,
    NotAssessed,
}

/// The confirmation of a bulk action (and, for "Not yet assessed", the reason's form).
#[derive(Template, WebTemplate)]
#[template(path = "reconcile/bulk.html")]
pub struct BulkView {
    pub page: Page,
    pub cycle: Cycle,
    pub action: BulkAction,
    pub rows: Vec<BulkRow>,
    /// The reason as typed ("Not yet assessed" only).
    pub form: UntouchedInput,
    pub errors: FieldErrors,
    /// The reason is checked: the page asks to confirm it.
    pub confirming: bool,
    /// The number confirmed earlier no longer holds (a 409): it was this.
    pub changed_from: Option<usize>,
    /// The cycle is not in reconciliation any more (a 409).
    pub wrong_state: Option<String>,
}

impl BulkView {
    pub fn new(mut page: Page, board: &Board, action: BulkAction) -> BulkView {
        let rows: Vec<BulkRow> = match action {
            BulkAction::AcceptAgreed => board
                .rows
                .iter()
                .filter(|r| r.joint.is_none())
                .filter_map(|r| agreed(r).map(|s| (r, s)))
                .map(|(r, status)| BulkRow {
                    reference: r.info.reference.clone(),
                    area_title: r.info.area_title.shown(page.lang),
                    status,
                })
                .collect(),
            BulkAction::NotAssessed => untouched(board)
                .into_iter()
                .map(|r| BulkRow {
                    reference: r.info.reference.clone(),
                    area_title: r.info.area_title.shown(page.lang),
                    status: Status::NotAssessed,
                })
                .collect(),
        };
        page.text_notice |= rows.iter().any(|r| r.area_title.foreign());
        let state = board.cycle.state;
        let wrong_state = (state != CycleState::Reconciliation)
            .then(|| Notice::WrongState(state).text(&page.lang));
        BulkView {
            page,
            cycle: board.cycle.clone(),
            action,
            rows,
            form: UntouchedInput::default(),
            errors: Vec::new(),
            confirming: action == BulkAction::AcceptAgreed,
            changed_from: None,
            wrong_state,
        }
    }

    pub fn accept(&self) -> bool {
        self.action == BulkAction::AcceptAgreed
    }

    pub fn count(&self) -> usize {
        self.rows.len()
    }

    /// A catalogue message with this page's count.
    pub fn counted(&self, key: &str) -> String {
        self.page
            .lang
            .t_args(key, &[("count", FluentValue::from(self.rows.len()))])
    }

    /// The page's title: what confirming does, with the count.
    pub fn title(&self) -> String {
        match (self.action, self.confirming) {
            (BulkAction::AcceptAgreed, _) => self.counted("reconcile-accept-confirm"),
            (BulkAction::NotAssessed, true) => self.counted("reconcile-untouched-confirm"),
            (BulkAction::NotAssessed, false) => self.page.t("reconcile-untouched-title"),
        }
    }

    pub fn post_href(&self) -> String {
        let step = if self.accept() {
            "accept-agreed"
        } else {
            "not-assessed"
        };
        format!("/app/cycles/{}/reconcile/{step}", self.cycle.year)
    }

    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// The reason's two text areas: (name, label key, value, language, error).
    pub fn reasons(
        &self,
    ) -> Vec<(
        &'static str,
        &'static str,
        String,
        &'static str,
        Option<String>,
    )> {
        [
            (
                "reason_en",
                "reconcile-reason-en",
                &self.form.reason_en,
                "en",
            ),
            (
                "reason_fr",
                "reconcile-reason-fr",
                &self.form.reason_fr,
                "fr",
            ),
        ]
        .into_iter()
        .map(|(name, key, value, lang)| {
            (
                name,
                key,
                value.clone(),
                lang,
                self.error_for(name).map(str::to_owned),
            )
        })
        .collect()
    }

    pub fn max(&self) -> usize {
        SUMMARY_MAX_CHARS
    }

    pub fn changed_text(&self) -> String {
        self.counted("reconcile-changed")
    }
}
