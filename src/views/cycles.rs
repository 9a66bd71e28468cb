//! `/app/cycles` (every cycle and the form to create one) and `/app/cycles/{year}` (one cycle:
//! its dates, state history, submission progress per side, who has not submitted, divergences).

use askama::Template;
use askama_web::WebTemplate;
use chrono::{DateTime, NaiveDate, Utc};
use fluent_templates::fluent_bundle::FluentValue;

use super::Page;
use crate::{
    cycles::{CycleFailure, CycleInput},
    db::cycles::{Cycle, StateChange},
    domain::{
        account::Side,
        cycle::{CycleState, default_title},
    },
    i18n::{Lang, format_date, format_moment},
    tracking::{Board, SideView},
    views::{reconcile::ErratumRow, submissions::Submissions, text::LangText},
};

/// (field id, message) pairs shown in the error summary and next to each field.
pub type FieldErrors = Vec<(&'static str, String)>;

pub use super::commitment_href;

/// The catalogue key of the success banner for a `?done=` value; unknown values show nothing.
pub fn done_key(done: &str) -> Option<&'static str> {
    match done {
        "created" => Some("cycle-done-created"),
        "state" => Some("cycle-done-state"),
        "erratum" => Some("cycle-done-erratum"),
        "signoff" => Some("submissions-done-signoff"),
        "chased" => Some("chase-done"),
        "edited" => Some("lifecycle-done-edited"),
        "unchanged" => Some("lifecycle-done-unchanged"),
        "reopened" => Some("lifecycle-done-reopened"),
        "deleted" => Some("lifecycle-done-deleted"),
        _ => None,
    }
}

/// The GOV.UK tag colour of a state (the tag always carries the state's name).
pub fn state_tag(state: CycleState) -> &'static str {
    match state {
        CycleState::Planned => "govuk-tag--grey",
        CycleState::Open => "govuk-tag--green",
        CycleState::Reconciliation => "govuk-tag--yellow",
        CycleState::Frozen => "govuk-tag--blue",
        CycleState::Published => "govuk-tag--purple",
    }
}

/// A refusal in the reader's language.
pub fn failure_message(lang: Lang, failure: &CycleFailure) -> String {
    match failure {
        CycleFailure::NoPartnership => lang.t("cycle-error-no-partnership"),
        CycleFailure::Invalid(problems) => problems
            .iter()
            .map(|p| lang.t(p.message_key()))
            .collect::<Vec<_>>()
            .join(" "),
        CycleFailure::NotFound(_) => lang.t("cycle-error-not-found"),
        CycleFailure::Move(_) => lang.t("lifecycle-error-transition"),
        CycleFailure::AlreadyOpen(Some(year)) => lang.t_args(
            "cycle-error-already-open",
            &[("year", FluentValue::from(year.to_string()))],
        ),
        CycleFailure::AlreadyOpen(None) => lang.t("cycle-error-another-open"),
        CycleFailure::Moved(state) => lang.t_args(
            "cycle-error-moved",
            &[("state", FluentValue::from(lang.t(state.label_key())))],
        ),
        CycleFailure::MissingJointReviews(refs) => lang.t_args(
            "cycle-error-missing-joint",
            &[
                ("count", FluentValue::from(refs.len())),
                ("refs", FluentValue::from(refs.join(", "))),
            ],
        ),
        CycleFailure::Immutable(_, state) => lang.t_args(
            "lifecycle-error-immutable",
            &[("state", FluentValue::from(lang.t(state.label_key())))],
        ),
        CycleFailure::WasOpened(_) => lang.t("lifecycle-error-was-opened"),
        CycleFailure::Database(_) => lang.t("cycle-error-unexpected"),
    }
}

fn error_for<'a>(errors: &'a FieldErrors, field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, m)| m.as_str())
}

/// `/app/cycles`: every cycle of the partnership, newest first, and for the secretariat the form to
/// add one.
#[derive(Template, WebTemplate)]
#[template(path = "cycles/index.html")]
pub struct CyclesView {
    pub page: Page,
    pub cycles: Vec<Cycle>,
    /// The reader may create cycles (secretariat, administrators).
    pub can_edit: bool,
    pub form: CycleInput,
    pub errors: FieldErrors,
    /// Catalogue key of a success banner (a cycle deleted).
    pub done: Option<&'static str>,
}

/// One text field of the form to create a cycle.
pub struct FormField<'a> {
    /// The input's name and id, as [`CycleInput`] reads it.
    pub name: &'static str,
    pub label_key: &'static str,
    pub hint_key: &'static str,
    /// A value to show after the hint, in its language (the usual title).
    pub example: Option<(String, &'static str)>,
    /// The language the field is typed in, for the input's `lang`.
    pub lang: Option<&'static str>,
    pub width: &'static str,
    pub value: &'a str,
}

/// The fields of the form that creates or corrects a cycle, filled with `f`, in order: titles and
/// places in both languages, each marked with the language it is typed in; the usual titles are
/// those of `year`.
pub fn form_fields(f: &CycleInput, year: i32) -> Vec<FormField<'_>> {
    let field = |name, label_key, hint_key, width, value| FormField {
        name,
        label_key,
        hint_key,
        example: None,
        lang: None,
        width,
        value,
    };
    let title = |lang: Lang, name, label_key, value| FormField {
        example: Some((default_title(year, lang), lang.code())),
        lang: Some(lang.code()),
        ..field(
            name,
            label_key,
            "cycle-title-hint",
            "govuk-!-width-three-quarters",
            value,
        )
    };
    let place = |lang: Lang, name, label_key, hint_key, value| FormField {
        lang: Some(lang.code()),
        ..field(name, label_key, hint_key, "govuk-!-width-one-half", value)
    };
    const DATE: &str = "govuk-input--width-10";
    vec![
        field(
            "year",
            "cycle-year",
            "cycle-year-hint",
            "govuk-input--width-4",
            &f.year,
        ),
        title(Lang::En, "title_en", "cycle-title-en", &f.title_en),
        title(Lang::Fr, "title_fr", "cycle-title-fr", &f.title_fr),
        field(
            "meeting_date",
            "cycle-meeting-date",
            "cycle-date-hint",
            DATE,
            &f.meeting_date,
        ),
        place(
            Lang::En,
            "place_en",
            "cycle-place-en",
            "cycle-place-en-hint",
            &f.place_en,
        ),
        place(
            Lang::Fr,
            "place_fr",
            "cycle-place-fr",
            "cycle-place-fr-hint",
            &f.place_fr,
        ),
        field(
            "opens_on",
            "cycle-opens-on",
            "cycle-date-hint",
            DATE,
            &f.opens_on,
        ),
        field(
            "deadline",
            "cycle-deadline",
            "cycle-date-hint",
            DATE,
            &f.deadline,
        ),
    ]
}

impl CyclesView {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        error_for(&self.errors, field)
    }

    /// The form's fields in order: titles and places in both languages, each marked with the
    /// language it is typed in.
    pub fn fields(&self) -> Vec<FormField<'_>> {
        // The usual title of the year typed, else of next year.
        let year = self.form.year.trim().parse().ok().unwrap_or_else(|| {
            use chrono::Datelike;
            Utc::now().year() + 1
        });
        form_fields(&self.form, year)
    }

    pub fn date(&self, date: &NaiveDate) -> String {
        format_date(*date, self.page.lang)
    }

    pub fn tag(&self, state: &CycleState) -> &'static str {
        state_tag(*state)
    }
}

/// One side's submissions in a cycle.
#[derive(Debug, Clone)]
pub struct SideProgress {
    pub side: Side,
    /// Commitments the side has saved in this cycle.
    pub saved: usize,
    pub total: usize,
}

impl SideProgress {
    pub fn of(board: &Board, side: Side) -> SideProgress {
        SideProgress {
            side,
            saved: board.saved_count(side),
            total: board.rows.len(),
        }
    }

    /// Whole per cent saved, for the text next to the bar.
    pub fn percent(&self) -> usize {
        (self.saved * 100).checked_div(self.total).unwrap_or(0)
    }
}

/// A commitment whose two sides' statuses differ.
#[derive(Debug, Clone)]
pub struct Divergence {
    pub reference: String,
    pub area_title: LangText,
    pub eu: SideView,
    pub ca: SideView,
}

/// `/app/cycles/{year}`: one cycle.
#[derive(Template, WebTemplate)]
#[template(path = "cycles/show.html")]
pub struct CycleView {
    pub page: Page,
    pub cycle: Cycle,
    pub history: Vec<StateChange>,
    /// Corrections of the cycle's details, shown in the history with the moves.
    pub edits: Vec<crate::db::cycle_edits::Edit>,
    pub sides: Vec<SideProgress>,
    pub divergences: Vec<Divergence>,
    /// The reader may move the cycle (secretariat, administrators).
    pub can_edit: bool,
    /// A refused move, shown at the state form.
    pub errors: FieldErrors,
    /// Catalogue key of a success banner.
    pub done: Option<&'static str>,
    /// Commitments without a joint review yet, in text order.
    pub missing_joint: Vec<String>,
    /// Corrections recorded since the cycle was frozen.
    pub errata: Vec<ErratumRow>,
    /// This is the last published cycle, the one the public summary shows.
    pub public: bool,
    /// Who has not submitted, and each side's sign-off (`cycles/submissions.html`).
    pub submissions: Submissions,
}

impl CycleView {
    pub fn new(page: Page, board: &Board, history: Vec<StateChange>, can_edit: bool) -> CycleView {
        let sides = Side::ALL
            .into_iter()
            .map(|side| SideProgress::of(board, side))
            .collect();
        let missing_joint = board
            .rows
            .iter()
            .filter(|r| r.joint.is_none())
            .map(|r| r.info.reference.clone())
            .collect();
        let divergences = board
            .divergent_rows()
            .map(|r| Divergence {
                reference: r.info.reference.clone(),
                area_title: r.info.area_title.shown(page.lang),
                eu: r.eu.clone(),
                ca: r.ca.clone(),
            })
            .collect();
        CycleView {
            page,
            cycle: board.cycle.clone(),
            history,
            edits: Vec::new(),
            sides,
            divergences,
            can_edit,
            errors: Vec::new(),
            done: None,
            missing_joint,
            errata: Vec::new(),
            public: false,
            submissions: Submissions::default(),
        }
    }

    /// Has the cycle reached reconciliation (so that joint reviews exist or can)?
    pub fn reconciled(&self) -> bool {
        self.cycle.state >= CycleState::Reconciliation
    }

    pub fn frozen(&self) -> bool {
        self.cycle.state >= CycleState::Frozen
    }

    /// "3 commitments have no joint review yet".
    pub fn missing_joint_text(&self) -> String {
        self.page.lang.t_args(
            "cycle-joint-missing",
            &[("count", FluentValue::from(self.missing_joint.len()))],
        )
    }

    pub fn error_for(&self, field: &str) -> Option<&str> {
        error_for(&self.errors, field)
    }

    pub fn date(&self, date: &NaiveDate) -> String {
        format_date(*date, self.page.lang)
    }

    /// A moment of the history: the long date and the time in UTC.
    pub fn when(&self, at: &DateTime<Utc>) -> String {
        format_moment(*at, self.page.lang)
    }

    pub fn tag(&self, state: &CycleState) -> &'static str {
        state_tag(*state)
    }

    /// The state the cycle can move to next, if any.
    pub fn next_state(&self) -> Option<CycleState> {
        self.cycle.state.next()
    }

    pub fn href(&self, reference: &str) -> String {
        commitment_href(reference)
    }

    /// "12 of 60 commitments saved (20%)".
    pub fn progress_text(&self, side: &SideProgress) -> String {
        self.page.lang.t_args(
            "cycle-progress-text",
            &[
                ("saved", FluentValue::from(side.saved)),
                ("total", FluentValue::from(side.total)),
                ("percent", FluentValue::from(side.percent())),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_are_url_encoded_in_links() {
        assert_eq!(commitment_href("25(c)"), "/app/commitments/25%28c%29");
        assert_eq!(commitment_href("12"), "/app/commitments/12");
    }

    #[test]
    fn every_refusal_has_a_message_in_both_languages() {
        use crate::cycles::Problem;
        let problems = [
            Problem::Year,
            Problem::TitleEn,
            Problem::TitleFr,
            Problem::PlaceEn,
            Problem::PlaceFr,
            Problem::MeetingDate,
            Problem::OpensOn,
            Problem::Deadline,
            Problem::DateOrder,
            Problem::MeetingYear,
            Problem::DuplicateYear,
        ];
        let failures = [
            CycleFailure::NoPartnership,
            CycleFailure::NotFound(2026),
            CycleFailure::Move(crate::domain::cycle::CycleError::BadTransition {
                from: CycleState::Open,
                to: CycleState::Planned,
            }),
            CycleFailure::AlreadyOpen(Some(2026)),
            CycleFailure::AlreadyOpen(None),
            CycleFailure::Moved(CycleState::Frozen),
            CycleFailure::MissingJointReviews(vec!["9(a)".into(), "63".into()]),
            CycleFailure::Immutable(2026, CycleState::Frozen),
            CycleFailure::WasOpened(2026),
            CycleFailure::Database(sqlx::Error::RowNotFound),
        ];
        for lang in [Lang::En, Lang::Fr] {
            for problem in problems {
                let key = problem.message_key();
                assert_ne!(lang.t(key), key, "{lang:?}");
            }
            for failure in &failures {
                let message = failure_message(lang, failure);
                assert!(!message.starts_with("cycle-"), "{lang:?}: {message}");
            }
        }
        assert!(failure_message(Lang::Fr, &CycleFailure::AlreadyOpen(Some(2026))).contains("2026"));
        assert!(
            failure_message(
                Lang::Fr,
                &CycleFailure::MissingJointReviews(vec!["9(a)".into(), "63".into()])
            )
            .contains("9(a), 63")
        );
        assert!(
            failure_message(Lang::En, &CycleFailure::Moved(CycleState::Frozen)).contains("Frozen")
        );
    }
}
