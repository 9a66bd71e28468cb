//! Review cycles: creating one and moving it through its states, for the pages and the command
//! line. Each change is written with its audit event (and, for a move, its `cycle_state_change`
//! row) in one transaction; a refused change writes nothing.

use chrono::NaiveDate;
use serde_json::json;
use sqlx::PgPool;

use crate::{
    db::{
        audit::{self, Actor, NewEvent},
        cycles::{self, Cycle, NewCycle},
        joint, partnership,
    },
    domain::{
        cycle::{CycleError, CycleState, check_dates, check_meeting_year, default_title},
        lang::Lang,
    },
};

pub mod edit;

/// Earliest and latest year of a cycle, as the schema allows.
pub const YEAR_MIN: i32 = 2000;
pub const YEAR_MAX: i32 = 2100;
/// Longest title and place, as the schema allows.
pub const TITLE_MAX_CHARS: usize = 300;
pub const PLACE_MAX_CHARS: usize = 200;

/// The unique key on `(partnership_id, year)`: one cycle per Dialogue.
const YEAR_CONSTRAINT: &str = "review_cycle_partnership_id_year_key";
/// The partial unique index that allows one open cycle per partnership.
const ONE_OPEN_CONSTRAINT: &str = "review_cycle_one_open";

/// A cycle's details as typed in the form or on the command line, before checking. Dates are
/// `YYYY-MM-DD`; an empty title means the usual one in that language; an empty French place
/// means not translated (French readers see the English one, marked as English).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct CycleInput {
    pub year: String,
    pub title_en: String,
    pub title_fr: String,
    pub meeting_date: String,
    pub place_en: String,
    pub place_fr: String,
    pub opens_on: String,
    pub deadline: String,
}

/// Checked details of a new cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleSpec {
    pub year: i32,
    pub title_en: String,
    pub title_fr: String,
    pub meeting_date: NaiveDate,
    pub place_en: String,
    /// `None`: not translated.
    pub place_fr: Option<String>,
    pub opens_on: NaiveDate,
    pub deadline: NaiveDate,
}

/// What is wrong with a new cycle's details, field by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the year must be a number between 2000 and 2100")]
    Year,
    #[error("the English title must have at most 300 characters")]
    TitleEn,
    #[error("the French title must have at most 300 characters")]
    TitleFr,
    #[error("the English place must be given, in at most 200 characters")]
    PlaceEn,
    #[error("the French place must have at most 200 characters")]
    PlaceFr,
    #[error("the meeting date must be a date written YYYY-MM-DD, for example 2026-03-31")]
    MeetingDate,
    #[error("the Dialogue date must fall in the cycle's year")]
    MeetingYear,
    #[error("the opening date must be a date written YYYY-MM-DD, for example 2026-01-15")]
    OpensOn,
    #[error("the deadline must be a date written YYYY-MM-DD, for example 2026-03-01")]
    Deadline,
    #[error(
        "submissions must open on or before the deadline, and the deadline fall on or before the meeting"
    )]
    DateOrder,
    #[error("there is already a cycle for that year")]
    DuplicateYear,
}

impl Problem {
    /// The form field the problem belongs to.
    pub fn field(self) -> &'static str {
        match self {
            Problem::Year | Problem::DuplicateYear => "year",
            Problem::TitleEn => "title_en",
            Problem::TitleFr => "title_fr",
            Problem::PlaceEn => "place_en",
            Problem::PlaceFr => "place_fr",
            Problem::MeetingDate | Problem::MeetingYear => "meeting_date",
            Problem::OpensOn | Problem::DateOrder => "opens_on",
            Problem::Deadline => "deadline",
        }
    }

    pub fn message_key(self) -> &'static str {
        match self {
            Problem::Year => "cycle-error-year",
            Problem::TitleEn => "cycle-error-title-en",
            Problem::TitleFr => "cycle-error-title-fr",
            Problem::PlaceEn => "cycle-error-place-en",
            Problem::PlaceFr => "cycle-error-place-fr",
            Problem::MeetingDate | Problem::OpensOn | Problem::Deadline => "cycle-error-date",
            Problem::DateOrder => "cycle-error-date-order",
            Problem::MeetingYear => "lifecycle-error-meeting-year",
            Problem::DuplicateYear => "cycle-error-duplicate-year",
        }
    }
}

fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

impl CycleInput {
    /// Checks every field; all the problems at once, in the form's order.
    pub fn check(&self) -> Result<CycleSpec, Vec<Problem>> {
        let mut problems = Vec::new();
        let year = self
            .year
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (YEAR_MIN..=YEAR_MAX).contains(y));
        if year.is_none() {
            problems.push(Problem::Year);
        }
        let (title_en, title_fr) = (self.title_en.trim(), self.title_fr.trim());
        if title_en.chars().count() > TITLE_MAX_CHARS {
            problems.push(Problem::TitleEn);
        }
        if title_fr.chars().count() > TITLE_MAX_CHARS {
            problems.push(Problem::TitleFr);
        }
        let meeting_date = parse_date(&self.meeting_date);
        match (year, meeting_date) {
            (_, None) => problems.push(Problem::MeetingDate),
            (Some(year), Some(meeting)) if check_meeting_year(year, meeting).is_err() => {
                problems.push(Problem::MeetingYear)
            }
            _ => {}
        }
        let (place_en, place_fr) = (self.place_en.trim(), self.place_fr.trim());
        if place_en.is_empty() || place_en.chars().count() > PLACE_MAX_CHARS {
            problems.push(Problem::PlaceEn);
        }
        if place_fr.chars().count() > PLACE_MAX_CHARS {
            problems.push(Problem::PlaceFr);
        }
        let opens_on = parse_date(&self.opens_on);
        if opens_on.is_none() {
            problems.push(Problem::OpensOn);
        }
        let deadline = parse_date(&self.deadline);
        if deadline.is_none() {
            problems.push(Problem::Deadline);
        }
        if let (Some(o), Some(d), Some(m)) = (opens_on, deadline, meeting_date)
            && check_dates(o, d, m).is_err()
        {
            problems.push(Problem::DateOrder);
        }
        match (year, meeting_date, opens_on, deadline) {
            (Some(year), Some(meeting_date), Some(opens_on), Some(deadline))
                if problems.is_empty() =>
            {
                let title = |given: &str, lang| {
                    if given.is_empty() {
                        default_title(year, lang)
                    } else {
                        given.to_owned()
                    }
                };
                Ok(CycleSpec {
                    year,
                    title_en: title(title_en, Lang::En),
                    title_fr: title(title_fr, Lang::Fr),
                    meeting_date,
                    place_en: place_en.to_owned(),
                    place_fr: Some(place_fr.to_owned()).filter(|p| !p.is_empty()),
                    opens_on,
                    deadline,
                })
            }
            _ => Err(problems),
        }
    }
}

/// Why a change was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum CycleFailure {
    #[error("no partnership has been imported yet (run `sdp-tracker import FILE` or `serve`)")]
    NoPartnership,
    #[error("{}", join(.0))]
    Invalid(Vec<Problem>),
    #[error("there is no cycle for {0}")]
    NotFound(i32),
    #[error(transparent)]
    Move(CycleError),
    #[error("{} already open: only one cycle can be open at a time; move it to reconciliation first", open_year(.0))]
    AlreadyOpen(Option<i32>),
    #[error("the cycle was moved by someone else in the meantime; it is now {0}")]
    Moved(CycleState),
    /// Freezing needs a joint review of every commitment; these have none.
    #[error("{} commitment(s) have no joint review yet: {}; reconcile them before freezing", .0.len(), .0.join(", "))]
    MissingJointReviews(Vec<String>),
    /// A frozen or published cycle's details do not change (record an erratum instead).
    #[error("the {0} cycle is {1}: its dates, titles and place can no longer change")]
    Immutable(i32, CycleState),
    /// Only a cycle that was never opened can be deleted.
    #[error("the {0} cycle has been open for submissions: it cannot be deleted")]
    WasOpened(i32),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

fn join(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

fn open_year(year: &Option<i32>) -> String {
    match year {
        Some(year) => format!("the {year} cycle is"),
        None => "another cycle is".into(),
    }
}

pub(crate) fn is_constraint(err: &sqlx::Error, name: &str) -> bool {
    err.as_database_error().and_then(|e| e.constraint()) == Some(name)
}

/// The default partnership's id, which cycles belong to.
pub async fn default_partnership_id(pool: &PgPool) -> Result<i64, CycleFailure> {
    partnership::find_default(pool)
        .await?
        .map(|p| p.id)
        .ok_or(CycleFailure::NoPartnership)
}

/// Creates a cycle (planned) with its audit event; a year that already has a cycle is refused.
pub async fn create(
    pool: &PgPool,
    partnership_id: i64,
    spec: &CycleSpec,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<Cycle, CycleFailure> {
    let mut tx = pool.begin().await?;
    if cycles::find_by_year(&mut *tx, partnership_id, spec.year)
        .await?
        .is_some()
    {
        return Err(CycleFailure::Invalid(vec![Problem::DuplicateYear]));
    }
    let inserted = cycles::insert(
        &mut *tx,
        &NewCycle {
            partnership_id,
            year: spec.year,
            title: &spec.title_en,
            title_fr: &spec.title_fr,
            meeting_date: spec.meeting_date,
            place: &spec.place_en,
            place_fr: spec.place_fr.as_deref(),
            opens_on: spec.opens_on,
            deadline: spec.deadline,
        },
    )
    .await;
    let id = match inserted {
        Ok(id) => id,
        // Someone created the same year between the check and the insert.
        Err(err) if is_constraint(&err, YEAR_CONSTRAINT) => {
            return Err(CycleFailure::Invalid(vec![Problem::DuplicateYear]));
        }
        Err(err) => return Err(err.into()),
    };
    let cycle = cycles::find_by_year(&mut *tx, partnership_id, spec.year)
        .await?
        .ok_or(CycleFailure::NotFound(spec.year))?;
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "cycle.create",
            entity: "review_cycle",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!({
                "year": cycle.year, "title": cycle.title, "meeting_date": cycle.meeting_date,
                "place": cycle.place, "opens_on": cycle.opens_on, "deadline": cycle.deadline,
                "state": cycle.state,
            })),
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(cycle)
}

/// Moves the cycle of `year` one step forward to `to`, or from reconciliation back to open, with
/// its state-change row and audit event; returns the cycle as it was before. Any other move, a
/// second open cycle, or a cycle someone else has just moved is refused.
pub async fn move_state(
    pool: &PgPool,
    partnership_id: i64,
    year: i32,
    to: CycleState,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<Cycle, CycleFailure> {
    let mut tx = pool.begin().await?;
    let cycle = cycles::find_by_year(&mut *tx, partnership_id, year)
        .await?
        .ok_or(CycleFailure::NotFound(year))?;
    cycle.state.check_move(to).map_err(CycleFailure::Move)?;
    // A cycle is frozen only once every commitment has a joint review (joint reviews are never
    // removed, so the list cannot grow back before the move commits).
    if to == CycleState::Frozen {
        let missing = joint::missing(&mut *tx, cycle.id).await?;
        if !missing.is_empty() {
            return Err(CycleFailure::MissingJointReviews(missing));
        }
    }
    if to == CycleState::Open
        && let Some(open) = cycles::list(&mut *tx, partnership_id)
            .await?
            .into_iter()
            .find(|c| c.state == CycleState::Open)
    {
        return Err(CycleFailure::AlreadyOpen(Some(open.year)));
    }
    let moved = match cycles::set_state(&mut *tx, cycle.id, cycle.state, to).await {
        Ok(moved) => moved,
        // Another cycle was opened between the check and the update.
        Err(err) if is_constraint(&err, ONE_OPEN_CONSTRAINT) => {
            drop(tx);
            let open = cycles::list(pool, partnership_id)
                .await?
                .into_iter()
                .find(|c| c.state == CycleState::Open)
                .map(|c| c.year);
            return Err(CycleFailure::AlreadyOpen(open));
        }
        Err(err) => return Err(err.into()),
    };
    if !moved {
        drop(tx);
        let now = cycles::find_by_year(pool, partnership_id, year)
            .await?
            .ok_or(CycleFailure::NotFound(year))?;
        return Err(CycleFailure::Moved(now.state));
    }
    cycles::record_state_change(
        &mut *tx,
        cycle.id,
        cycle.state,
        to,
        actor.user_id,
        &actor.name,
    )
    .await?;
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "cycle.state_change",
            entity: "review_cycle",
            entity_id: Some(cycle.id.to_string()),
            before: Some(json!({ "year": year, "state": cycle.state })),
            after: Some(json!({ "year": year, "state": to })),
            request_id,
        },
    )
    .await?;
    crate::mail::cycle_moved(&mut tx, &cycle, to).await?;
    tx.commit().await?;
    Ok(cycle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CycleInput {
        CycleInput {
            year: "2026".into(),
            meeting_date: "2026-03-20".into(),
            place_en: "Brussels".into(),
            place_fr: "Bruxelles".into(),
            opens_on: "2026-01-10".into(),
            deadline: "2026-03-01".into(),
            ..CycleInput::default()
        }
    }

    #[test]
    fn a_blank_title_is_the_usual_one_in_its_language() {
        let spec = input().check().unwrap();
        assert_eq!(
            spec.title_en,
            "2026 EU–Canada Security and Defence Dialogue"
        );
        assert_eq!(
            spec.title_fr,
            "Dialogue UE–Canada sur la sécurité et la défense 2026"
        );
        assert_eq!(spec.place_en, "Brussels");
        assert_eq!(spec.place_fr.as_deref(), Some("Bruxelles"));
        let only_fr = CycleInput {
            title_fr: " Dialogue extraordinaire 2026 ".into(),
            place_fr: "  ".into(),
            ..input()
        }
        .check()
        .unwrap();
        assert_eq!(
            only_fr.title_en,
            "2026 EU–Canada Security and Defence Dialogue"
        );
        assert_eq!(only_fr.title_fr, "Dialogue extraordinaire 2026");
        // A blank French place is not translated: French readers see the English one.
        assert_eq!(only_fr.place_fr, None);
    }

    #[test]
    fn every_problem_is_reported() {
        let cases: Vec<(CycleInput, Vec<Problem>)> = vec![
            (
                CycleInput {
                    year: "26x".into(),
                    ..input()
                },
                vec![Problem::Year],
            ),
            (
                CycleInput {
                    year: "1999".into(),
                    ..input()
                },
                vec![Problem::Year],
            ),
            (
                CycleInput {
                    title_en: "t".repeat(301),
                    ..input()
                },
                vec![Problem::TitleEn],
            ),
            (
                CycleInput {
                    title_fr: "t".repeat(301),
                    ..input()
                },
                vec![Problem::TitleFr],
            ),
            (
                CycleInput {
                    place_en: "  ".into(),
                    ..input()
                },
                vec![Problem::PlaceEn],
            ),
            (
                CycleInput {
                    place_fr: "p".repeat(201),
                    ..input()
                },
                vec![Problem::PlaceFr],
            ),
            (
                CycleInput {
                    meeting_date: "20/03/2026".into(),
                    ..input()
                },
                vec![Problem::MeetingDate],
            ),
            (
                // The stray cycle of the issue: typed as 2025, meeting in December 2026.
                CycleInput {
                    year: "2025".into(),
                    meeting_date: "2026-12-03".into(),
                    ..input()
                },
                vec![Problem::MeetingYear],
            ),
            (
                CycleInput {
                    opens_on: "2026-02-30".into(),
                    ..input()
                },
                vec![Problem::OpensOn],
            ),
            (
                CycleInput {
                    deadline: "".into(),
                    ..input()
                },
                vec![Problem::Deadline],
            ),
            (
                CycleInput {
                    deadline: "2026-03-21".into(),
                    ..input()
                },
                vec![Problem::DateOrder],
            ),
            (
                CycleInput {
                    opens_on: "2026-03-02".into(),
                    ..input()
                },
                vec![Problem::DateOrder],
            ),
            (
                CycleInput::default(),
                vec![
                    Problem::Year,
                    Problem::MeetingDate,
                    Problem::PlaceEn,
                    Problem::OpensOn,
                    Problem::Deadline,
                ],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(input.check().unwrap_err(), want, "{input:?}");
        }
    }

    #[test]
    fn refusals_read_as_one_line() {
        let failure = CycleFailure::Invalid(vec![Problem::Year, Problem::PlaceEn]);
        assert!(!failure.to_string().contains('\n'));
        assert_eq!(
            CycleFailure::AlreadyOpen(Some(2026)).to_string(),
            "the 2026 cycle is already open: only one cycle can be open at a time; move it to reconciliation first"
        );
    }
}
