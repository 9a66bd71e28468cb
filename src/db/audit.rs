//! The append-only audit log: every change writes one event in the same transaction.

use serde_json::Value;
use sqlx::PgExecutor;

/// Who made a change.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub name: String,
}

impl Actor {
    /// The command line, run by whoever holds the server's configuration.
    pub fn cli() -> Actor {
        Actor {
            user_id: None,
            name: "cli".into(),
        }
    }

    /// The server itself, e.g. the first-run seed import.
    pub fn system() -> Actor {
        Actor {
            user_id: None,
            name: "system".into(),
        }
    }
}

/// One event to record.
#[derive(Debug)]
pub struct NewEvent<'a> {
    pub actor: &'a Actor,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub request_id: Option<&'a str>,
}

pub async fn record(db: impl PgExecutor<'_>, event: NewEvent<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into audit_event (actor_id, actor, action, entity, entity_id, before, after, request_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        event.actor.user_id,
        event.actor.name,
        event.action,
        event.entity,
        event.entity_id,
        event.before,
        event.after,
        event.request_id,
    )
    .execute(db)
    .await?;
    Ok(())
}
