//! Review cycles and their state changes.

use chrono::NaiveDate;
use sqlx::PgExecutor;

use crate::domain::{cycle::CycleState, lang::Bilingual};

#[derive(Debug, Clone)]
pub struct Cycle {
    pub id: i64,
    pub partnership_id: i64,
    pub year: i32,
    /// Always in both languages.
    pub title: Bilingual<String>,
    pub meeting_date: NaiveDate,
    /// Always in English; the French may be missing.
    pub place: Bilingual<String>,
    pub opens_on: NaiveDate,
    pub deadline: NaiveDate,
    pub state: CycleState,
}

/// A `review_cycle` row as stored: English in `title` and `place`, French beside them (also read
/// by [`super::joint`]).
pub(super) struct CycleRow {
    pub(super) id: i64,
    pub(super) partnership_id: i64,
    pub(super) year: i32,
    pub(super) title: String,
    pub(super) title_fr: String,
    pub(super) meeting_date: NaiveDate,
    pub(super) place: String,
    pub(super) place_fr: Option<String>,
    pub(super) opens_on: NaiveDate,
    pub(super) deadline: NaiveDate,
    pub(super) state: CycleState,
}

impl From<CycleRow> for Cycle {
    fn from(r: CycleRow) -> Cycle {
        Cycle {
            id: r.id,
            partnership_id: r.partnership_id,
            year: r.year,
            title: Bilingual::new(r.title, r.title_fr),
            meeting_date: r.meeting_date,
            place: Bilingual {
                en: Some(r.place),
                fr: r.place_fr,
            },
            opens_on: r.opens_on,
            deadline: r.deadline,
            state: r.state,
        }
    }
}

/// A cycle to create. `title` and `place` are the English ones.
#[derive(Debug)]
pub struct NewCycle<'a> {
    pub partnership_id: i64,
    pub year: i32,
    pub title: &'a str,
    pub title_fr: &'a str,
    pub meeting_date: NaiveDate,
    pub place: &'a str,
    /// `None`: not translated (French readers see the English place).
    pub place_fr: Option<&'a str>,
    pub opens_on: NaiveDate,
    pub deadline: NaiveDate,
}

pub async fn insert(db: impl PgExecutor<'_>, c: &NewCycle<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into review_cycle (partnership_id, year, title, title_fr, meeting_date, place, place_fr,
                                   opens_on, deadline)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
        c.partnership_id,
        c.year,
        c.title,
        c.title_fr,
        c.meeting_date as _,
        c.place,
        c.place_fr,
        c.opens_on as _,
        c.deadline as _,
    )
    .fetch_one(db)
    .await
}

pub async fn list(db: impl PgExecutor<'_>, partnership_id: i64) -> sqlx::Result<Vec<Cycle>> {
    sqlx::query_as!(
        CycleRow,
        r#"select id, partnership_id, year, title, title_fr, meeting_date as "meeting_date: NaiveDate",
                  place, place_fr,
                  opens_on as "opens_on: NaiveDate", deadline as "deadline: NaiveDate",
                  state as "state: CycleState"
           from review_cycle where partnership_id = $1 order by year desc"#,
        partnership_id
    )
    .fetch_all(db)
    .await
    .map(|rows| rows.into_iter().map(Cycle::from).collect())
}

pub async fn find_by_year(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    year: i32,
) -> sqlx::Result<Option<Cycle>> {
    sqlx::query_as!(
        CycleRow,
        r#"select id, partnership_id, year, title, title_fr, meeting_date as "meeting_date: NaiveDate",
                  place, place_fr,
                  opens_on as "opens_on: NaiveDate", deadline as "deadline: NaiveDate",
                  state as "state: CycleState"
           from review_cycle where partnership_id = $1 and year = $2"#,
        partnership_id,
        year
    )
    .fetch_optional(db)
    .await
    .map(|row| row.map(Cycle::from))
}

/// The cycle officers work in now: the open one, else the latest that is not yet frozen, else the
/// latest.
pub async fn current(db: impl PgExecutor<'_>, partnership_id: i64) -> sqlx::Result<Option<Cycle>> {
    sqlx::query_as!(
        CycleRow,
        r#"select id, partnership_id, year, title, title_fr, meeting_date as "meeting_date: NaiveDate",
                  place, place_fr,
                  opens_on as "opens_on: NaiveDate", deadline as "deadline: NaiveDate",
                  state as "state: CycleState"
           from review_cycle where partnership_id = $1
           order by (state = 'open') desc, (state in ('planned', 'reconciliation')) desc, year desc
           limit 1"#,
        partnership_id
    )
    .fetch_optional(db)
    .await
    .map(|row| row.map(Cycle::from))
}

/// The cycle before `year`, for carry-forward and comparison.
pub async fn previous(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    year: i32,
) -> sqlx::Result<Option<Cycle>> {
    sqlx::query_as!(
        CycleRow,
        r#"select id, partnership_id, year, title, title_fr, meeting_date as "meeting_date: NaiveDate",
                  place, place_fr,
                  opens_on as "opens_on: NaiveDate", deadline as "deadline: NaiveDate",
                  state as "state: CycleState"
           from review_cycle where partnership_id = $1 and year < $2
           order by year desc limit 1"#,
        partnership_id,
        year
    )
    .fetch_optional(db)
    .await
    .map(|row| row.map(Cycle::from))
}

/// Moves a cycle from `from` to `to`; false when it was no longer in `from` (someone else moved
/// it). The partial unique index refuses a second open cycle.
pub async fn set_state(
    db: impl PgExecutor<'_>,
    id: i64,
    from: CycleState,
    to: CycleState,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update review_cycle set state = $3 where id = $1 and state = $2",
        id,
        from as CycleState,
        to as CycleState,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn record_state_change(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
    from: CycleState,
    to: CycleState,
    actor_id: Option<i64>,
    actor: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into cycle_state_change (cycle_id, from_state, to_state, actor_id, actor) values ($1, $2, $3, $4, $5)",
        cycle_id,
        from as CycleState,
        to as CycleState,
        actor_id,
        actor,
    )
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct StateChange {
    pub from_state: CycleState,
    pub to_state: CycleState,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: String,
}

pub async fn state_changes(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
) -> sqlx::Result<Vec<StateChange>> {
    sqlx::query_as!(
        StateChange,
        r#"select from_state as "from_state: CycleState", to_state as "to_state: CycleState",
                  at as "at: chrono::DateTime<chrono::Utc>", actor
           from cycle_state_change where cycle_id = $1 order by at, id"#,
        cycle_id
    )
    .fetch_all(db)
    .await
}
