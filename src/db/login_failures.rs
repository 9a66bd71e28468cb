//! Failed sign-ins, counted for the throttle (policy in `domain::throttle`). Counting is atomic:
//! [`lock`] serialises the attempts that share an account or a client, so that reading the counts
//! and recording the attempt cannot interleave with another attempt's.

use std::{net::IpAddr, time::Duration};

use sqlx::{PgExecutor, types::ipnetwork::IpNetwork};

use crate::domain::throttle::{
    FAILURE_WINDOW, KNOWN_CLIENT_MEMORY, KeyFailures, MAX_FAILURES_PER_ACCOUNT_AND_CLIENT,
    MAX_FAILURES_PER_CLIENT, RecentFailures,
};

/// The first key of the throttle's transaction-scoped advisory locks on an account (e-mail)...
const ACCOUNT_LOCK_SPACE: i32 = 0x5344_5001;
/// ... and on a client address. Two-key locks do not overlap the one-key lock of imports.
const CLIENT_LOCK_SPACE: i32 = 0x5344_5002;

/// Takes, until the end of the transaction, the locks of the account and of the client, always
/// in that order (so that two attempts cannot wait on each other). Hash collisions only make
/// unrelated attempts wait their turn.
pub async fn lock(
    conn: &mut sqlx::PgConnection,
    email: &str,
    client: Option<IpAddr>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "select pg_advisory_xact_lock($1, hashtext($2))",
        ACCOUNT_LOCK_SPACE,
        email
    )
    .execute(&mut *conn)
    .await?;
    let client = client.map_or_else(String::new, |ip| ip.to_string());
    sqlx::query!(
        "select pg_advisory_xact_lock($1, hashtext($2))",
        CLIENT_LOCK_SPACE,
        client
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The failures within the window that concern an attempt on `email` from `client`, and whether
/// that client signed in to that account lately. A missing client address counts as one client.
pub async fn recent(
    db: impl PgExecutor<'_>,
    email: &str,
    client: Option<IpAddr>,
) -> sqlx::Result<RecentFailures> {
    let ip = client.map(IpNetwork::from);
    let row = sqlx::query!(
        r#"with c as (select clock_timestamp() as now,
                             clock_timestamp() - make_interval(secs => $3) as since)
           select
             (select count(*) from login_failure
              where email = $1 and client_ip is not distinct from $2 and at > c.since) as "pair_count!",
             array(select extract(epoch from c.now - at)::float8 from login_failure
                   where email = $1 and client_ip is not distinct from $2 and at > c.since
                   order by at desc limit $4) as "pair_ages!",
             (select count(*) from login_failure
              where client_ip is not distinct from $2 and at > c.since) as "client_count!",
             array(select extract(epoch from c.now - at)::float8 from login_failure
                   where client_ip is not distinct from $2 and at > c.since
                   order by at desc limit $5) as "client_ages!",
             (select count(*) from login_failure where email = $1 and at > c.since) as "account_count!",
             array(select extract(epoch from c.now - at)::float8 from login_failure
                   where email = $1 and at > c.since
                   order by at desc limit 1) as "account_ages!",
             exists(select from login_session s join app_user u on u.id = s.user_id
                    where u.email = $1 and s.client_ip = $2
                      and s.started_at > c.now - make_interval(secs => $6)) as "known_client!"
           from c"#,
        email,
        ip as _,
        FAILURE_WINDOW.as_secs_f64(),
        i64::from(MAX_FAILURES_PER_ACCOUNT_AND_CLIENT),
        i64::from(MAX_FAILURES_PER_CLIENT),
        KNOWN_CLIENT_MEMORY.as_secs_f64(),
    )
    .fetch_one(db)
    .await?;
    let key = |count: i64, ages: Vec<f64>| KeyFailures {
        count: u32::try_from(count).unwrap_or(u32::MAX),
        // A clock that went backwards gives a negative age: as good as just now.
        ages: ages
            .into_iter()
            .map(|age| Duration::try_from_secs_f64(age).unwrap_or_default())
            .collect(),
    };
    Ok(RecentFailures {
        account_and_client: key(row.pair_count, row.pair_ages),
        client: key(row.client_count, row.client_ages),
        account: key(row.account_count, row.account_ages),
        known_client: row.known_client,
    })
}

/// Counts an attempt as failed, before its password is checked (so that attempts running at the
/// same time see each other), and deletes every failure that has left the window. A success takes
/// it back with [`clear`].
pub async fn record(
    db: impl PgExecutor<'_>,
    email: &str,
    client: Option<IpAddr>,
) -> sqlx::Result<()> {
    let ip = client.map(IpNetwork::from);
    sqlx::query!(
        r#"with expired as (
               delete from login_failure where at <= clock_timestamp() - make_interval(secs => $3))
           insert into login_failure (email, client_ip, at) values ($1, $2, clock_timestamp())"#,
        email,
        ip as _,
        FAILURE_WINDOW.as_secs_f64(),
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A success forgets the failures of that account from that client only: neither the account's
/// failures from elsewhere nor the client's on other accounts.
pub async fn clear(
    db: impl PgExecutor<'_>,
    email: &str,
    client: Option<IpAddr>,
) -> sqlx::Result<()> {
    let ip = client.map(IpNetwork::from);
    sqlx::query!(
        "delete from login_failure where email = $1 and client_ip is not distinct from $2",
        email,
        ip as _,
    )
    .execute(db)
    .await?;
    Ok(())
}
