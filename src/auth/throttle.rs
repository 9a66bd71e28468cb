//! The sign-in throttle: whether an attempt's password may be checked, decided atomically with
//! every other attempt on the same account or from the same client (policy in `domain::throttle`).

use std::net::IpAddr;

use sqlx::PgPool;

use crate::{db::login_failures, domain::throttle};

/// Whether an attempt may go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Check the password; the attempt already counts as failed until [`succeeded`].
    Admitted,
    /// Do not check it; try again in this many seconds.
    Refused { retry_after: u64 },
}

/// Decides whether an attempt on `email` from `client` may have its password checked. When it may,
/// it is counted as failed at once, inside the same locks as the decision: any number of attempts
/// at the same time get no more checks than the limits allow.
pub async fn admit(db: &PgPool, email: &str, client: Option<IpAddr>) -> sqlx::Result<Admission> {
    let mut tx = db.begin().await?;
    login_failures::lock(&mut tx, email, client).await?;
    let recent = login_failures::recent(&mut *tx, email, client).await?;
    if let Some(retry_after) = throttle::retry_after(&recent) {
        // Refused attempts are not counted: a flood of them does not lengthen anyone's wait.
        tx.rollback().await?;
        return Ok(Admission::Refused { retry_after });
    }
    login_failures::record(&mut *tx, email, client).await?;
    tx.commit().await?;
    Ok(Admission::Admitted)
}

/// The password was right: that account's failures from that client are forgotten (and only
/// those). Runs in the caller's transaction, with the start of the login.
pub async fn succeeded(
    db: impl sqlx::PgExecutor<'_>,
    email: &str,
    client: Option<IpAddr>,
) -> sqlx::Result<()> {
    login_failures::clear(db, email, client).await
}
