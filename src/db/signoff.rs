//! Each side's sign-off of its submission for a cycle ("our submission is complete"). A row
//! exists while the sign-off stands; a later save by that side removes it (the `save_assessment`
//! function of the migrations, called by `tracking::save`). The history is in the audit log.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::domain::account::Side;

/// A standing sign-off: who signed which side's submission off, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    pub cycle_id: i64,
    pub side: Side,
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub at: DateTime<Utc>,
}

/// The sign-off of `side` for the cycle, if it stands. Reminders skip a signed-off side.
pub async fn find(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
    side: Side,
) -> sqlx::Result<Option<SignOff>> {
    sqlx::query_as!(
        SignOff,
        r#"select s.cycle_id, s.side as "side: Side", s.signed_by as user_id, u.display_name,
                  u.email, s.signed_at as at
           from submission_signoff s
           join app_user u on u.id = s.signed_by
           where s.cycle_id = $1 and s.side = $2"#,
        cycle_id,
        side as Side,
    )
    .fetch_optional(db)
    .await
}

/// Is `side`'s submission for the cycle signed off?
pub async fn is_signed_off(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
    side: Side,
) -> sqlx::Result<bool> {
    Ok(find(db, cycle_id, side).await?.is_some())
}

/// Every standing sign-off of the cycle (none, one or both sides), EU first.
pub async fn for_cycle(db: impl PgExecutor<'_>, cycle_id: i64) -> sqlx::Result<Vec<SignOff>> {
    sqlx::query_as!(
        SignOff,
        r#"select s.cycle_id, s.side as "side: Side", s.signed_by as user_id, u.display_name,
                  u.email, s.signed_at as at
           from submission_signoff s
           join app_user u on u.id = s.signed_by
           where s.cycle_id = $1
           order by s.side desc"#,
        cycle_id,
    )
    .fetch_all(db)
    .await
}

/// Records the sign-off of `side` by `user_id`, only while the cycle is open and the side is not
/// signed off already; the time it was recorded, or `None` when nothing was written.
pub async fn insert(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
    side: Side,
    user_id: i64,
) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        "insert into submission_signoff (cycle_id, side, signed_by)
         select id, $2, $3 from review_cycle where id = $1 and state = 'open'
         on conflict (cycle_id, side) do nothing
         returning signed_at",
        cycle_id,
        side as Side,
        user_id,
    )
    .fetch_optional(db)
    .await
}
