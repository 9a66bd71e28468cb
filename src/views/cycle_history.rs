//! The history on a cycle's page: its state moves and the corrections of its details, oldest
//! first, each correction field by field with before and after.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use super::cycles::CycleView;
use crate::{
    cycles::edit::FIELDS,
    db::{cycle_edits::Edit, cycles::StateChange},
    domain::cycle::CycleState,
    i18n::{Lang, format_date},
};

/// One value of a correction, in the language it is written in when that is not the page's.
pub struct Shown {
    pub text: String,
    pub lang: Option<&'static str>,
}

/// One field a correction changed: its label, before and after.
pub struct Changed {
    pub label_key: &'static str,
    pub before: Shown,
    pub after: Shown,
}

/// One line of a cycle's history: a move or a correction.
pub struct HistoryRow {
    pub at: DateTime<Utc>,
    pub actor: String,
    /// A move: "Reconciliation → Open for submissions".
    pub moved: Option<(CycleState, CycleState)>,
    /// A correction: the fields it changed.
    pub changed: Vec<Changed>,
}

impl HistoryRow {
    pub fn is_reopen(&self) -> bool {
        self.moved.is_some_and(|(from, to)| from.is_reopen(to))
    }
}

/// The label of a corrected field, by its key in the audit event.
fn label_key(field: &str) -> &'static str {
    match field {
        "title_en" => "cycle-title-en",
        "title_fr" => "cycle-title-fr",
        "meeting_date" => "cycle-meeting-date",
        "place_en" => "cycle-place-en",
        "place_fr" => "cycle-place-fr",
        "opens_on" => "cycle-opens-on",
        _ => "cycle-deadline",
    }
}

fn shown(lang: Lang, field: &str, value: &Value) -> Shown {
    let text = match value {
        Value::String(s) => s.clone(),
        _ => String::new(),
    };
    if text.is_empty() {
        return Shown {
            text: lang.t("lifecycle-history-none"),
            lang: None,
        };
    }
    let written_in = match field {
        "title_en" | "place_en" => Some(Lang::En),
        "title_fr" | "place_fr" => Some(Lang::Fr),
        _ => None,
    };
    match (written_in, NaiveDate::parse_from_str(&text, "%Y-%m-%d")) {
        (None, Ok(date)) => Shown {
            text: format_date(date, lang),
            lang: None,
        },
        (written_in, _) => Shown {
            text,
            lang: written_in.filter(|l| *l != lang).map(Lang::code),
        },
    }
}

/// The moves and corrections of a cycle, oldest first.
pub fn history(lang: Lang, moves: &[StateChange], edits: &[Edit]) -> Vec<HistoryRow> {
    let mut rows: Vec<HistoryRow> = moves
        .iter()
        .map(|m| HistoryRow {
            at: m.at,
            actor: m.actor.clone(),
            moved: Some((m.from_state, m.to_state)),
            changed: Vec::new(),
        })
        .collect();
    rows.extend(edits.iter().map(|e| {
        HistoryRow {
            at: e.at,
            actor: e.actor.clone(),
            moved: None,
            changed: FIELDS
                .iter()
                .filter(|(key, _)| e.before[key] != e.after[key])
                .map(|(key, _)| Changed {
                    label_key: label_key(key),
                    before: shown(lang, key, &e.before[key]),
                    after: shown(lang, key, &e.after[key]),
                })
                .collect(),
        }
    }));
    rows.sort_by_key(|r| r.at);
    rows
}

impl CycleView {
    /// The moves and corrections of the cycle, oldest first.
    pub fn history_rows(&self) -> Vec<HistoryRow> {
        history(self.page.lang, &self.history, &self.edits)
    }

    /// Can the secretariat still correct the cycle (it is not frozen)?
    pub fn editable(&self) -> bool {
        self.cycle.state.is_editable()
    }

    /// Was the cycle never opened, so that it may be deleted?
    pub fn deletable(&self) -> bool {
        self.cycle.state == CycleState::Planned && self.history.is_empty()
    }

    /// The button that leads to the confirmation of a move.
    pub fn move_label(&self, to: &CycleState) -> String {
        if self.cycle.state.is_reopen(*to) {
            self.page.t("lifecycle-reopen-button")
        } else {
            format!(
                "{} {}",
                self.page.t("cycle-move-to"),
                self.page.t(to.label_key())
            )
        }
    }
}
