//! Corrections of a review cycle before it is frozen: its details changed, a never-opened cycle
//! deleted, and the corrections read back for the cycle page's history.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use sqlx::PgExecutor;

use super::cycles::{Cycle, CycleRow, NewCycle};
use crate::domain::cycle::CycleState;

/// The audit action of a correction, which the cycle page's history reads back.
pub const EDIT_ACTION: &str = "cycle.edit";

/// The cycle of `year`, locked until the transaction ends: no one moves, corrects or deletes it
/// meanwhile.
pub async fn lock_by_year(
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
           from review_cycle where partnership_id = $1 and year = $2
           for update"#,
        partnership_id,
        year
    )
    .fetch_optional(db)
    .await
    .map(|row| row.map(Cycle::from))
}

/// Writes a cycle's corrected details (the year and partnership stay); false when the cycle is
/// frozen or published (the database refuses those too).
pub async fn update_details(
    db: impl PgExecutor<'_>,
    id: i64,
    c: &NewCycle<'_>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update review_cycle
            set title = $2, title_fr = $3, meeting_date = $4, place = $5, place_fr = $6,
                opens_on = $7, deadline = $8
          where id = $1 and state not in ('frozen', 'published')",
        id,
        c.title,
        c.title_fr,
        c.meeting_date as _,
        c.place,
        c.place_fr,
        c.opens_on as _,
        c.deadline as _,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Has the cycle ever been opened for submissions? Its state changes say so, whatever its state
/// is now.
pub async fn was_ever_opened(db: impl PgExecutor<'_>, cycle_id: i64) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from cycle_state_change where cycle_id = $1) as "opened!""#,
        cycle_id
    )
    .fetch_one(db)
    .await
}

/// Deletes a cycle that is planned and has never changed state; false when it is not (any more).
pub async fn delete_never_opened(db: impl PgExecutor<'_>, cycle_id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "delete from review_cycle
          where id = $1 and state = 'planned'
            and not exists (select 1 from cycle_state_change where cycle_id = $1)",
        cycle_id
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One correction of a cycle's details, as its audit event recorded it.
#[derive(Debug, Clone)]
pub struct Edit {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub before: Value,
    pub after: Value,
}

/// Every correction of the cycle, oldest first.
pub async fn edits(db: impl PgExecutor<'_>, cycle_id: i64) -> sqlx::Result<Vec<Edit>> {
    sqlx::query_as!(
        Edit,
        r#"select at as "at: DateTime<Utc>", actor,
                  before as "before!: Value", after as "after!: Value"
           from audit_event
           where entity = 'review_cycle' and entity_id = $1::bigint::text and action = $2
             and before is not null and after is not null
           order by at, id"#,
        cycle_id,
        EDIT_ACTION
    )
    .fetch_all(db)
    .await
}
