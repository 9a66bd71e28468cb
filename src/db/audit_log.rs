//! Reading the audit log (writing is `db::audit::record`).

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use sqlx::PgExecutor;

/// Which events to show; every part is optional and they combine with "and".
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// The action starts with this, e.g. `user.` or `user.create`.
    pub action: Option<String>,
    /// The actor's name (an e-mail, `cli`, `system`) contains this, ignoring case.
    pub actor: Option<String>,
    /// The entity is exactly this, e.g. `user`.
    pub entity: Option<String>,
    /// On or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// On or before this day (UTC).
    pub to: Option<NaiveDate>,
}

/// One event as the audit page shows it.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub request_id: Option<String>,
}

/// Where a page of the log starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Skip this many events from the newest (only for the first pages: an offset is read).
    Offset(i64),
    /// The events just older than this one (a "next page" link): a range of the index on
    /// (at, id), however deep the page.
    OlderThan(i64),
    /// The events just newer than this one (a "previous page" link).
    NewerThan(i64),
}

/// Up to `limit` matching events from `start`, newest first. A keyset whose event does not exist
/// (a hand-edited link) reads from the newest event, or for [`Start::NewerThan`] the oldest.
pub async fn search(
    db: impl PgExecutor<'_>,
    filter: &AuditFilter,
    start: Start,
    limit: i64,
) -> sqlx::Result<Vec<AuditRow>> {
    let (offset, older) = match start {
        Start::Offset(n) => (n, None),
        Start::OlderThan(id) => (0, Some(id)),
        Start::NewerThan(id) => return newer(db, filter, id, limit).await,
    };
    // The keyset's (at, id) is looked up by primary key; without one the bound is +infinity, so
    // the range is always a condition on the index (at, id), never an `or` beside it.
    sqlx::query_as!(
        AuditRow,
        r#"select id, at as "at: DateTime<Utc>", actor, action, entity, entity_id, before, after,
                  request_id
           from audit_event
           where ($1::text is null or starts_with(action, $1))
             and ($2::text is null or strpos(lower(actor), lower($2)) > 0)
             and ($3::text is null or entity = $3)
             and ($4::date is null or at >= $4::date::timestamp at time zone 'UTC')
             and ($5::date is null or at < ($5::date + 1)::timestamp at time zone 'UTC')
             and (at, id) < (coalesce((select k.at from audit_event k where k.id = $6), 'infinity'),
                             coalesce((select k.id from audit_event k where k.id = $6), 9223372036854775807))
           order by at desc, id desc
           limit $7 offset $8"#,
        filter.action,
        filter.actor,
        filter.entity,
        // sqlx's macros map `date` to the `time` crate when both are enabled; bind chrono's.
        filter.from as _,
        filter.to as _,
        older,
        limit,
        offset,
    )
    .fetch_all(db)
    .await
}

/// The `limit` matching events just newer than event `id` (read upwards from it), newest first.
async fn newer(
    db: impl PgExecutor<'_>,
    filter: &AuditFilter,
    id: i64,
    limit: i64,
) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as!(
        AuditRow,
        r#"select id as "id!", at as "at!: DateTime<Utc>", actor as "actor!", action as "action!",
                  entity as "entity!", entity_id, before, after, request_id
           from (select * from audit_event
                 where ($1::text is null or starts_with(action, $1))
                   and ($2::text is null or strpos(lower(actor), lower($2)) > 0)
                   and ($3::text is null or entity = $3)
                   and ($4::date is null or at >= $4::date::timestamp at time zone 'UTC')
                   and ($5::date is null or at < ($5::date + 1)::timestamp at time zone 'UTC')
                   and (at, id) > (coalesce((select k.at from audit_event k where k.id = $6), '-infinity'),
                                   coalesce((select k.id from audit_event k where k.id = $6), 0))
                 order by at, id
                 limit $7) page
           order by at desc, id desc"#,
        filter.action,
        filter.actor,
        filter.entity,
        filter.from as _,
        filter.to as _,
        id,
        limit,
    )
    .fetch_all(db)
    .await
}

/// How many events match, counting no further than `cap`: the log grows without end, and a page
/// needs the number only while it is small enough to read.
pub async fn count_upto(
    db: impl PgExecutor<'_>,
    filter: &AuditFilter,
    cap: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from (
               select 1 from audit_event
               where ($1::text is null or starts_with(action, $1))
                 and ($2::text is null or strpos(lower(actor), lower($2)) > 0)
                 and ($3::text is null or entity = $3)
                 and ($4::date is null or at >= $4::date::timestamp at time zone 'UTC')
                 and ($5::date is null or at < ($5::date + 1)::timestamp at time zone 'UTC')
               -- the newest ones, along the index (at, id), as the pages read them
               order by at desc, id desc
               limit $6) s"#,
        filter.action,
        filter.actor,
        filter.entity,
        filter.from as _,
        filter.to as _,
        cap,
    )
    .fetch_one(db)
    .await
}
