//! The rows of the login sessions' store (table `tower_session`), for `auth::store`: an id, the
//! encoded record and when it expires.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

/// Stores a new session; `false` when its id is taken (the caller draws another).
pub async fn insert(
    db: impl PgExecutor<'_>,
    id: &str,
    data: &[u8],
    expires: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "insert into tower_session (id, data, expiry_date) values ($1, $2, $3)
         on conflict (id) do nothing",
        id,
        data,
        expires
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores a session, replacing what was stored under its id.
pub async fn save(
    db: impl PgExecutor<'_>,
    id: &str,
    data: &[u8],
    expires: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into tower_session (id, data, expiry_date) values ($1, $2, $3)
         on conflict (id) do update set data = excluded.data, expiry_date = excluded.expiry_date",
        id,
        data,
        expires
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The stored record of a session that has not expired.
pub async fn load(db: impl PgExecutor<'_>, id: &str) -> sqlx::Result<Option<Vec<u8>>> {
    sqlx::query_scalar!(
        "select data from tower_session where id = $1 and expiry_date > now()",
        id
    )
    .fetch_optional(db)
    .await
}

pub async fn delete(db: impl PgExecutor<'_>, id: &str) -> sqlx::Result<()> {
    sqlx::query!("delete from tower_session where id = $1", id)
        .execute(db)
        .await?;
    Ok(())
}

/// Removes the expired sessions; returns how many.
pub async fn delete_expired(db: impl PgExecutor<'_>) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from tower_session where expiry_date < now()")
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}
