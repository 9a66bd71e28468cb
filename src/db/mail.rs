//! The mail outbox, the users' mail settings, and the base of links in mails.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::domain::account::{Role, Side};

/// A mail to queue; `dedup_key` makes a scheduled mail unique (queued at most once).
#[derive(Debug, Clone)]
pub struct NewMail {
    pub kind: &'static str,
    pub cycle_id: Option<i64>,
    pub recipient_id: Option<i64>,
    pub address: String,
    pub recipient_name: String,
    pub lang: &'static str,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub dedup_key: Option<String>,
}

/// Queues a mail; `None` when a mail with the same dedup key is already queued (or sent).
pub async fn insert(db: impl PgExecutor<'_>, m: &NewMail) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "insert into mail_outbox (kind, cycle_id, recipient_id, address, recipient_name, lang,
                                  subject, body_text, body_html, dedup_key)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         on conflict (dedup_key) do nothing
         returning id",
        m.kind,
        m.cycle_id,
        m.recipient_id,
        m.address,
        m.recipient_name,
        m.lang,
        m.subject,
        m.body_text,
        m.body_html,
        m.dedup_key,
    )
    .fetch_optional(db)
    .await
}

/// A row the sender has claimed.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub address: String,
    pub recipient_name: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub message_id: Uuid,
    pub attempts: i32,
}

/// Claims the next due mail for `lease_secs` seconds: a queued row whose time has come, or a row
/// whose sender's lease ran out (that instance died mid-send). One statement, so one short
/// transaction: `SKIP LOCKED` lets other instances claim other rows meanwhile, and the lease
/// keeps them off this one after the commit.
pub async fn claim(db: impl PgExecutor<'_>, lease_secs: f64) -> sqlx::Result<Option<Claimed>> {
    sqlx::query_as!(
        Claimed,
        "update mail_outbox
            set state = 'sending', attempts = attempts + 1,
                claimed_until = now() + make_interval(secs => $1)
          where id = (select id from mail_outbox
                       where (state = 'queued' and next_attempt_at <= now())
                          or (state = 'sending' and claimed_until < now())
                       order by next_attempt_at, id
                       limit 1
                       for update skip locked)
         returning id, address, recipient_name, subject, body_text, body_html, message_id, attempts",
        lease_secs
    )
    .fetch_optional(db)
    .await
}

/// Records that the server accepted the mail.
pub async fn mark_sent(db: impl PgExecutor<'_>, id: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "update mail_outbox set state = 'sent', sent_at = now(), claimed_until = null,
                last_error = null
          where id = $1 and state = 'sending'",
        id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Puts the mail back in the queue, to be tried again in `delay_secs`.
pub async fn mark_retry(
    db: impl PgExecutor<'_>,
    id: i64,
    error: &str,
    delay_secs: f64,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update mail_outbox set state = 'queued', claimed_until = null, last_error = $2,
                next_attempt_at = now() + make_interval(secs => $3)
          where id = $1 and state = 'sending'",
        id,
        error,
        delay_secs
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Records a permanent refusal: the mail is not tried again unless an administrator says so.
pub async fn mark_failed(db: impl PgExecutor<'_>, id: i64, error: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update mail_outbox set state = 'failed', claimed_until = null, last_error = $2
          where id = $1 and state = 'sending'",
        id,
        error
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A row as the outbox page shows it.
#[derive(Debug, Clone)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub address: String,
    pub lang: String,
    pub subject: String,
    pub body_text: String,
    pub state: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub next_attempt_at: DateTime<Utc>,
}

/// The latest `limit` mails, newest first, optionally of one state.
pub async fn list(
    db: impl PgExecutor<'_>,
    state: Option<&str>,
    limit: i64,
) -> sqlx::Result<Vec<OutboxRow>> {
    sqlx::query_as!(
        OutboxRow,
        "select id, kind, address, lang, subject, body_text, state, attempts, last_error,
                created_at, sent_at, next_attempt_at
           from mail_outbox where $1::text is null or state = $1
          order by id desc limit $2",
        state,
        limit
    )
    .fetch_all(db)
    .await
}

/// How many mails are in each state.
pub async fn counts(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<(String, i64)>> {
    let rows = sqlx::query!(
        r#"select state, count(*) as "n!" from mail_outbox group by state order by state"#
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.state, r.n)).collect())
}

/// Puts a failed (or waiting) mail back to be sent now; false when there is no such mail or it
/// was sent or is being sent.
pub async fn retry(db: impl PgExecutor<'_>, id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "update mail_outbox set state = 'queued', next_attempt_at = now()
          where id = $1 and state in ('failed', 'queued')
         returning address",
        id
    )
    .fetch_optional(db)
    .await
}

/// The base of links in mails, as the serving instances set it.
pub async fn public_url(db: impl PgExecutor<'_>) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!("select public_url from mail_setting")
        .fetch_optional(db)
        .await
}

pub async fn set_public_url(db: impl PgExecutor<'_>, url: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into mail_setting (id, public_url) values (true, $1)
         on conflict (id) do update set public_url = excluded.public_url
         where mail_setting.public_url is distinct from excluded.public_url",
        url
    )
    .execute(db)
    .await?;
    Ok(())
}

/// An active account that may receive mail.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub side: Option<Side>,
    pub lang: String,
    pub mail_muted: Vec<String>,
}

/// Every active account of `role`.
pub async fn recipients(db: impl PgExecutor<'_>, role: Role) -> sqlx::Result<Vec<Recipient>> {
    sqlx::query_as!(
        Recipient,
        r#"select id, email, display_name, role as "role: Role", side as "side: Side", lang,
                  mail_muted
           from app_user where active and role = $1 order by id"#,
        role.as_str()
    )
    .fetch_all(db)
    .await
}

/// Active accounts by id.
pub async fn recipients_by_id(
    db: impl PgExecutor<'_>,
    ids: &[i64],
) -> sqlx::Result<Vec<Recipient>> {
    sqlx::query_as!(
        Recipient,
        r#"select id, email, display_name, role as "role: Role", side as "side: Side", lang,
                  mail_muted
           from app_user where active and id = any($1) order by id"#,
        ids
    )
    .fetch_all(db)
    .await
}

/// A user's mail settings.
pub async fn settings(
    db: impl PgExecutor<'_>,
    user_id: i64,
) -> sqlx::Result<(String, Vec<String>)> {
    let row = sqlx::query!(
        "select lang, mail_muted from app_user where id = $1",
        user_id
    )
    .fetch_one(db)
    .await?;
    Ok((row.lang, row.mail_muted))
}

pub async fn set_settings(
    db: impl PgExecutor<'_>,
    user_id: i64,
    lang: &str,
    muted: &[String],
) -> sqlx::Result<()> {
    sqlx::query!(
        "update app_user set lang = $2, mail_muted = $3, updated_at = now() where id = $1",
        user_id,
        lang,
        muted
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The cycle's reminder days (days before the deadline).
pub async fn reminder_days(db: impl PgExecutor<'_>, cycle_id: i64) -> sqlx::Result<Vec<i32>> {
    sqlx::query_scalar!(
        "select reminder_days from review_cycle where id = $1",
        cycle_id
    )
    .fetch_one(db)
    .await
}

/// Sets the cycle's reminder days (checked by `mail::recipients::parse_reminder_days`).
pub async fn set_reminder_days(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
    days: &[i32],
) -> sqlx::Result<()> {
    sqlx::query!(
        "update review_cycle set reminder_days = $2 where id = $1",
        cycle_id,
        days
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Open cycles, every partnership: (partnership, year).
pub async fn open_cycles(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<(i64, i32)>> {
    let rows = sqlx::query!(
        "select partnership_id, year from review_cycle where state = 'open' order by id"
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.partnership_id, r.year))
        .collect())
}
