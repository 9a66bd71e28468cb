//! Mail, delivered exactly once: the outbox (rows written in the transaction of the change that
//! causes them, `db::mail`), the sender and scheduler tasks that every instance runs, the
//! letters in the recipient's language, and the SMTP transport.

pub mod compose;
pub mod kind;
pub mod letter;
pub mod queue;
pub mod recipients;
pub mod sender;
pub mod transport;

use std::sync::Arc;

use lettre::message::Mailbox;
use sqlx::PgPool;

pub use queue::{assessment_saved, cycle_moved};

use crate::{clock::Clock, config::MailConfig};

/// The From of mails when `SDP_MAIL_FROM` is not set.
pub const DEFAULT_FROM: &str = "EU-Canada SDP tracker <sdp-tracker@localhost>";

/// Parses `SDP_MAIL_FROM`.
pub fn parse_from(from: &str) -> Result<Mailbox, String> {
    from.trim()
        .parse()
        .map_err(|e| format!("SDP_MAIL_FROM is not an address ({e})"))
}

/// Starts this instance's mail tasks (`serve`): records the base of links, runs the scheduler,
/// and — with a mail server configured — the sender; without one, mails wait in the outbox.
pub async fn start(pool: &PgPool, config: &MailConfig, clock: Clock) -> anyhow::Result<()> {
    record_public_url(pool, config).await?;
    sender::spawn_scheduler(pool.clone(), clock);
    if !start_sender(pool, config)? {
        tracing::warn!("mail: no SDP_SMTP_URL; mails wait in the outbox");
    }
    Ok(())
}

/// Records `SDP_PUBLIC_URL` for every process that queues mail (a page, the command line).
pub async fn record_public_url(pool: &PgPool, config: &MailConfig) -> anyhow::Result<()> {
    if let Some(url) = &config.public_url {
        crate::db::mail::set_public_url(pool, url).await?;
    }
    Ok(())
}

/// Starts the sender (and the listener that wakes it) when a mail server is configured; false
/// when none is.
pub fn start_sender(pool: &PgPool, config: &MailConfig) -> anyhow::Result<bool> {
    let Some(smtp) = &config.smtp else {
        return Ok(false);
    };
    let from =
        parse_from(config.from.as_deref().unwrap_or(DEFAULT_FROM)).map_err(anyhow::Error::msg)?;
    let transport = smtp.transport().map_err(anyhow::Error::msg)?;
    tracing::info!(server = %smtp, "mail: sending through the mail server");
    let wake = Arc::new(tokio::sync::Notify::new());
    sender::spawn_listener(pool.clone(), Arc::clone(&wake));
    let sender = sender::Sender {
        pool: pool.clone(),
        transport,
        from,
        wake,
    };
    tokio::spawn(sender.run());
    Ok(true)
}
