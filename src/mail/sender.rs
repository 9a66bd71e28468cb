//! The sender task (one in every instance) and the scheduler task.
//!
//! What "exactly once" means here. A mail is a row; a sender claims it in one short transaction
//! (`FOR UPDATE SKIP LOCKED`, state `sending`, a lease in `claimed_until`), talks to the mail
//! server with no transaction open, then records the result. No other instance claims a leased
//! row, and a row is claimed again only when its lease has run out, so a row is handed to one
//! sender at a time, across instances and restarts. SMTP has no idempotency key, so one window
//! remains: the server answered 250 and this instance died (or lost the database for longer than
//! the lease) before recording it; the row is then sent again after the lease. The window is
//! kept as small as it can be (the result is recorded right after the 250, retried while the
//! lease lasts), and every attempt of a row carries the same Message-ID, so that a duplicate is
//! recognisable (and dropped by servers and clients that deduplicate on it).

use std::{sync::Arc, time::Duration};

use lettre::{AsyncSmtpTransport, Tokio1Executor, message::Mailbox};
use sqlx::{PgPool, postgres::PgListener};
use tokio::sync::Notify;

use super::{
    letter::build_message,
    transport::{self, Outcome, SMTP_TIMEOUT},
};
use crate::{clock::Clock, db};

/// The channel the outbox's insert trigger notifies.
pub const CHANNEL: &str = "sdp_mail_queued";
/// How often a sender looks for due mails without being woken (retries, a missed notification).
pub const POLL_INTERVAL: Duration = Duration::from_secs(5);
/// How long a claimed row is this sender's: a whole SMTP conversation and then some.
pub const LEASE: Duration = Duration::from_secs(SMTP_TIMEOUT.as_secs() * 2 + 30);
/// The first retry waits this long, each later one twice as long as the one before ...
pub const RETRY_FIRST: Duration = Duration::from_secs(5);
/// ... up to this.
pub const RETRY_MAX: Duration = Duration::from_secs(600);
/// How often the scheduler queues what is due (reminders, overdue notices).
pub const SCHEDULE_INTERVAL: Duration = Duration::from_secs(60);
/// The pause after the database could not be reached.
const DATABASE_PAUSE: Duration = Duration::from_secs(1);

/// The wait before attempt `attempts + 1`: 5 s, 10 s, 20 s, … at most 10 minutes.
pub fn retry_delay(attempts: i32) -> Duration {
    let doublings = attempts.saturating_sub(1).clamp(0, 16) as u32;
    RETRY_FIRST
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(RETRY_MAX)
}

/// What a sender needs.
pub struct Sender {
    pub pool: PgPool,
    pub transport: AsyncSmtpTransport<Tokio1Executor>,
    pub from: Mailbox,
    pub wake: Arc<Notify>,
}

impl Sender {
    /// The Message-ID of every attempt of the row with `uuid`.
    fn message_id(&self, uuid: uuid::Uuid) -> String {
        format!("<{uuid}@{}>", self.from.email.domain())
    }

    /// Sends every due mail, one at a time; returns how many were handled.
    pub async fn drain(&self) -> sqlx::Result<usize> {
        let mut handled = 0;
        while let Some(row) = db::mail::claim(&self.pool, LEASE.as_secs_f64()).await? {
            let message = build_message(
                &self.from,
                &row.address,
                &row.recipient_name,
                &row.subject,
                &row.body_text,
                &row.body_html,
                &self.message_id(row.message_id),
            );
            let outcome = match message {
                Ok(message) => transport::send(&self.transport, message).await,
                Err(reason) => Outcome::Refused(reason),
            };
            self.record(row.id, row.attempts, &outcome).await;
            handled += 1;
        }
        Ok(handled)
    }

    /// Records an outcome, trying again while the lease lasts if the database is away.
    async fn record(&self, id: i64, attempts: i32, outcome: &Outcome) {
        let give_up = tokio::time::Instant::now() + LEASE;
        loop {
            let recorded = match outcome {
                Outcome::Sent => db::mail::mark_sent(&self.pool, id).await,
                Outcome::Retry(error) => {
                    tracing::warn!(mail = id, attempts, %error, "mail not sent; will retry");
                    db::mail::mark_retry(&self.pool, id, error, retry_delay(attempts).as_secs_f64())
                        .await
                }
                Outcome::Refused(error) => {
                    tracing::warn!(mail = id, %error, "mail refused; not retried");
                    db::mail::mark_failed(&self.pool, id, error).await
                }
            };
            match recorded {
                Ok(()) => return,
                Err(err) if tokio::time::Instant::now() < give_up && !self.pool.is_closed() => {
                    tracing::warn!(mail = id, error = %err, "cannot record a mail's outcome yet");
                    tokio::time::sleep(DATABASE_PAUSE).await;
                }
                Err(err) => {
                    tracing::error!(mail = id, error = %err, "lost a mail's outcome; its lease will expire");
                    return;
                }
            }
        }
    }

    /// Drains the outbox whenever woken, and every [`POLL_INTERVAL`], until the pool closes.
    pub async fn run(self) {
        while !self.pool.is_closed() {
            if let Err(err) = self.drain().await {
                tracing::warn!(error = %err, "mail sender cannot read the outbox");
            }
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(POLL_INTERVAL) => {}
            }
        }
    }
}

/// Wakes `wake` whenever a mail is queued, on any instance; polling covers a lost connection.
pub fn spawn_listener(pool: PgPool, wake: Arc<Notify>) {
    tokio::spawn(async move {
        while !pool.is_closed() {
            let listened = async {
                let mut listener = PgListener::connect_with(&pool).await?;
                listener.listen(CHANNEL).await?;
                loop {
                    listener.recv().await?;
                    wake.notify_one();
                }
                #[allow(unreachable_code)]
                Ok::<(), sqlx::Error>(())
            };
            if let Err(err) = listened.await {
                tracing::debug!(error = %err, "mail listener lost its connection");
                tokio::time::sleep(DATABASE_PAUSE).await;
            }
        }
    });
}

/// Queues what is due every [`SCHEDULE_INTERVAL`], by `clock`'s day, until the pool closes.
pub fn spawn_scheduler(pool: PgPool, clock: Clock) {
    tokio::spawn(async move {
        while !pool.is_closed() {
            match super::queue::schedule(&pool, clock.today()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(queued = n, "scheduled mails queued"),
                Err(err) => tracing::warn!(error = %err, "mail scheduler failed; will run again"),
            }
            tokio::time::sleep(SCHEDULE_INTERVAL).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_from_seconds_to_ten_minutes() {
        assert_eq!(retry_delay(1), Duration::from_secs(5));
        assert!(retry_delay(1) <= Duration::from_secs(15));
        assert_eq!(retry_delay(2), Duration::from_secs(10));
        assert_eq!(retry_delay(3), Duration::from_secs(20));
        assert_eq!(retry_delay(8), Duration::from_secs(600));
        assert_eq!(retry_delay(1000), Duration::from_secs(600));
        assert_eq!(retry_delay(0), Duration::from_secs(5));
    }
}
