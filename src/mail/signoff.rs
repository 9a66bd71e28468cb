//! Whether a side has signed its submission off as complete, as the mail rules ask it:
//! reminders skip a side that signed off, and the scheduler tells the secretariat when both
//! have (`queue::schedule`, kind `signed_off`).

use sqlx::PgConnection;

use crate::{db, domain::account::Side};

/// Has `side` signed its submission to the cycle off as complete?
pub async fn side_signed_off(
    db: &mut PgConnection,
    cycle_id: i64,
    side: Side,
) -> sqlx::Result<bool> {
    db::signoff::is_signed_off(db, cycle_id, side).await
}

/// Have both sides signed off?
pub async fn both_sides_signed_off(db: &mut PgConnection, cycle_id: i64) -> sqlx::Result<bool> {
    Ok(db::signoff::for_cycle(db, cycle_id).await?.len() == 2)
}
