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

/// One page of matching events, newest first.
pub async fn search(
    db: impl PgExecutor<'_>,
    filter: &AuditFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<AuditRow>> {
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
           order by at desc, id desc
           limit $6 offset $7"#,
        filter.action,
        filter.actor,
        filter.entity,
        // sqlx's macros map `date` to the `time` crate when both are enabled; bind chrono's.
        filter.from as _,
        filter.to as _,
        limit,
        offset,
    )
    .fetch_all(db)
    .await
}

/// How many events match.
pub async fn count(db: impl PgExecutor<'_>, filter: &AuditFilter) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!"
           from audit_event
           where ($1::text is null or starts_with(action, $1))
             and ($2::text is null or strpos(lower(actor), lower($2)) > 0)
             and ($3::text is null or entity = $3)
             and ($4::date is null or at >= $4::date::timestamp at time zone 'UTC')
             and ($5::date is null or at < ($5::date + 1)::timestamp at time zone 'UTC')"#,
        filter.action,
        filter.actor,
        filter.entity,
        filter.from as _,
        filter.to as _,
    )
    .fetch_one(db)
    .await
}
