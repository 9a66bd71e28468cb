//! The cycle's lifecycle pages: correcting a cycle (`/app/cycles/{year}/edit`), deleting one never
//! opened (`…/delete`), confirming a state move (`…/state?to=`) with what it does in plain words.
//! The cycle page's history of moves and corrections is in [`super::cycle_history`].

use askama::Template;
use askama_web::WebTemplate;
use chrono::NaiveDate;
use fluent_templates::fluent_bundle::FluentValue;

use super::{
    Page,
    cycles::{FieldErrors, FormField, form_fields},
};
use crate::{
    cycles::CycleInput,
    db::cycles::Cycle,
    domain::{account::Side, cycle::CycleState},
    i18n::{Lang, format_date},
    tracking::Board,
};

/// `/app/cycles/{year}/edit`: the form to correct a cycle that is not frozen.
#[derive(Template, WebTemplate)]
#[template(path = "cycles/edit.html")]
pub struct CycleEditView {
    pub page: Page,
    pub cycle: Cycle,
    pub form: CycleInput,
    pub errors: FieldErrors,
    /// The cycle is frozen or published: the page says so and shows no form.
    pub frozen: bool,
    /// The cycle was never opened: it may be deleted instead.
    pub can_delete: bool,
}

impl CycleEditView {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    /// The form's fields, without the year (which a correction does not change).
    pub fn fields(&self) -> Vec<FormField<'_>> {
        form_fields(&self.form, self.cycle.year)
            .into_iter()
            .filter(|f| f.name != "year")
            .collect()
    }

    pub fn heading(&self) -> String {
        self.page.lang.t_args(
            "lifecycle-edit-title",
            &[("year", FluentValue::from(self.cycle.year.to_string()))],
        )
    }
}

/// `/app/cycles/{year}/delete`: the confirmation before a never-opened cycle is deleted.
#[derive(Template, WebTemplate)]
#[template(path = "cycles/delete.html")]
pub struct CycleDeleteView {
    pub page: Page,
    pub cycle: Cycle,
    /// A refusal (the cycle was opened): no button then.
    pub errors: FieldErrors,
}

impl CycleDeleteView {
    pub fn heading(&self) -> String {
        self.page.lang.t_args(
            "lifecycle-delete-title",
            &[("year", FluentValue::from(self.cycle.year.to_string()))],
        )
    }
}

/// What a move would meet, counted when the confirmation is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoveFacts {
    pub total: usize,
    pub missing_eu: usize,
    pub missing_ca: usize,
    pub missing_joint: usize,
    /// Days from today to the deadline: negative once it has passed.
    pub days_to_deadline: i64,
}

impl MoveFacts {
    pub fn of(board: &Board, today: NaiveDate) -> MoveFacts {
        let total = board.rows.len();
        MoveFacts {
            total,
            missing_eu: total - board.saved_count(Side::Eu),
            missing_ca: total - board.saved_count(Side::Ca),
            missing_joint: board.rows.iter().filter(|r| r.joint.is_none()).count(),
            days_to_deadline: (board.cycle.deadline - today).num_days(),
        }
    }
}

/// The consequences of moving `cycle` to `to`, sentence by sentence, in plain words.
pub fn consequences(lang: Lang, cycle: &Cycle, to: CycleState, facts: &MoveFacts) -> Vec<String> {
    let deadline = || FluentValue::from(format_date(cycle.deadline, lang));
    let n = |v: usize| FluentValue::from(v);
    let deadline_sentence = || {
        let days = facts.days_to_deadline;
        if days >= 0 {
            lang.t_args(
                "lifecycle-deadline-in",
                &[("days", FluentValue::from(days))],
            )
        } else {
            lang.t_args(
                "lifecycle-deadline-passed",
                &[("days", FluentValue::from(-days))],
            )
        }
    };
    let mut said = Vec::new();
    match to {
        CycleState::Open if cycle.state.is_reopen(to) => {
            said.push(lang.t_args("lifecycle-reopen-now", &[("deadline", deadline())]));
            said.push(deadline_sentence());
            if facts.days_to_deadline < 0 {
                said.push(lang.t("lifecycle-reopen-extend"));
            }
            said.push(lang.t("lifecycle-reopen-joint"));
        }
        CycleState::Open => {
            said.push(lang.t_args("lifecycle-open-now", &[("deadline", deadline())]));
            said.push(deadline_sentence());
        }
        CycleState::Reconciliation => {
            said.push(lang.t("lifecycle-close-now"));
            said.push(lang.t_args(
                "lifecycle-missing-eu",
                &[("missing", n(facts.missing_eu)), ("total", n(facts.total))],
            ));
            said.push(lang.t_args(
                "lifecycle-missing-ca",
                &[("missing", n(facts.missing_ca)), ("total", n(facts.total))],
            ));
            said.push(deadline_sentence());
            said.push(lang.t("lifecycle-close-reopen"));
        }
        CycleState::Frozen => {
            said.push(lang.t("lifecycle-freeze-now"));
            said.push(lang.t_args(
                "lifecycle-missing-joint",
                &[
                    ("missing", n(facts.missing_joint)),
                    ("total", n(facts.total)),
                ],
            ));
        }
        CycleState::Published => said.push(lang.t("lifecycle-publish-now")),
        CycleState::Planned => {}
    }
    said
}

/// `/app/cycles/{year}/state?to=…`: what a move does, and the button that makes it.
#[derive(Template, WebTemplate)]
#[template(path = "cycles/move.html")]
pub struct MoveView {
    pub page: Page,
    pub cycle: Cycle,
    /// The state asked for; `None` when it was not one.
    pub to: Option<CycleState>,
    pub consequences: Vec<String>,
    /// A refusal: no button then.
    pub errors: FieldErrors,
}

impl MoveView {
    pub fn heading(&self) -> String {
        match self.to {
            Some(to) if self.cycle.state.is_reopen(to) => self.page.lang.t_args(
                "lifecycle-reopen-title",
                &[("year", FluentValue::from(self.cycle.year.to_string()))],
            ),
            Some(to) => self.page.lang.t_args(
                "lifecycle-confirm-title",
                &[
                    ("year", FluentValue::from(self.cycle.year.to_string())),
                    ("state", FluentValue::from(self.page.t(to.label_key()))),
                ],
            ),
            None => self.page.t("cycle-error-state"),
        }
    }

    pub fn tag(&self) -> &'static str {
        super::cycles::state_tag(self.cycle.state)
    }

    /// Freezing and publishing cannot be undone.
    pub fn one_way(&self) -> bool {
        self.to.is_some_and(|to| to >= CycleState::Frozen)
    }

    pub fn button(&self) -> String {
        match self.to {
            Some(to) if self.cycle.state.is_reopen(to) => self.page.t("lifecycle-reopen-button"),
            Some(to) => self.page.lang.t_args(
                "lifecycle-confirm-button",
                &[("state", FluentValue::from(self.page.t(to.label_key())))],
            ),
            None => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Bilingual;

    fn cycle(state: CycleState) -> Cycle {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        Cycle {
            id: 1,
            partnership_id: 1,
            year: 2026,
            title: Bilingual::new("t".into(), "t".into()),
            meeting_date: d(3, 20),
            place: Bilingual::new("Ottawa".into(), "Ottawa".into()),
            opens_on: d(1, 10),
            deadline: d(3, 1),
            state,
        }
    }

    fn facts(days: i64) -> MoveFacts {
        MoveFacts {
            total: 60,
            missing_eu: 55,
            missing_ca: 58,
            missing_joint: 60,
            days_to_deadline: days,
        }
    }

    #[test]
    fn closing_submissions_says_what_is_missing_and_when_the_deadline_is() {
        let said = consequences(
            Lang::En,
            &cycle(CycleState::Open),
            CycleState::Reconciliation,
            &facts(7),
        )
        .join(" ");
        assert!(
            said.starts_with("Submissions close for both sides now"),
            "{said}"
        );
        assert!(
            said.contains("55 of 60 commitments have no EU assessment."),
            "{said}"
        );
        assert!(
            said.contains("58 of 60 commitments have no Canada assessment."),
            "{said}"
        );
        assert!(said.contains("The deadline is in 7 days."), "{said}");
        let late = consequences(
            Lang::En,
            &cycle(CycleState::Open),
            CycleState::Reconciliation,
            &facts(-3),
        )
        .join(" ");
        assert!(late.contains("The deadline passed 3 days ago."), "{late}");
        let fr = consequences(
            Lang::Fr,
            &cycle(CycleState::Open),
            CycleState::Reconciliation,
            &facts(1),
        )
        .join(" ");
        assert!(fr.contains("55 engagements sur 60"), "{fr}");
    }

    #[test]
    fn reopening_says_until_when_and_asks_for_a_later_deadline_once_it_passed() {
        let said = consequences(
            Lang::En,
            &cycle(CycleState::Reconciliation),
            CycleState::Open,
            &facts(-2),
        )
        .join(" ");
        assert!(said.contains("Submissions reopen for both sides"), "{said}");
        assert!(said.contains("1 March 2026"), "{said}");
        assert!(
            said.contains("Correct the cycle’s deadline first"),
            "{said}"
        );
        let opening = consequences(
            Lang::En,
            &cycle(CycleState::Planned),
            CycleState::Open,
            &facts(0),
        )
        .join(" ");
        assert!(
            opening.contains("Submissions open for both sides now"),
            "{opening}"
        );
        assert!(opening.contains("The deadline is today."), "{opening}");
    }
}
