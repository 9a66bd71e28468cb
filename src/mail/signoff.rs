//! Whether a side has signed its submission off as complete.
//!
//! Sign-off (issue 11.5) is not built on this branch: both predicates answer "no" until it is.
//! PLUG-IN POINT for the lead: replace the bodies below with the real query (same signatures);
//! reminders then skip a side that signed off, and the scheduler tells the secretariat when both
//! have (`schedule::run_once`, kind `signed_off`, already wired).

use sqlx::PgConnection;

use crate::domain::account::Side;

/// Has `side` signed its submission to the cycle off as complete?
pub async fn side_signed_off(
    _db: &mut PgConnection,
    _cycle_id: i64,
    _side: Side,
) -> sqlx::Result<bool> {
    Ok(false)
}

/// Have both sides signed off?
pub async fn both_sides_signed_off(db: &mut PgConnection, cycle_id: i64) -> sqlx::Result<bool> {
    Ok(side_signed_off(db, cycle_id, Side::Eu).await?
        && side_signed_off(db, cycle_id, Side::Ca).await?)
}
