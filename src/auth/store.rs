//! The login sessions' store: tower-sessions' records in PostgreSQL (`db::sessions`), encoded as
//! MessagePack as tower-sessions-sqlx-store wrote them, so that sessions outlive the change.
//!
//! Ours rather than that crate's so that a database error keeps its type until it is classified:
//! tower-sessions and axum-login turn any store failure into a bare 500, and a store that could
//! not reach the database notes it for the request (`error::note_unreachable`), which is then
//! answered 503.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
    session_store::{self, Error},
};

use crate::{db::sessions, error::note_unreachable};

/// How many ids a new session draws before giving up; one is taken with a chance of 2⁻¹²⁸.
const ID_DRAWS: usize = 3;

#[derive(Debug, Clone)]
pub struct PgSessionStore {
    db: PgPool,
}

impl PgSessionStore {
    pub fn new(db: PgPool) -> PgSessionStore {
        PgSessionStore { db }
    }

    /// Removes the expired sessions; returns how many.
    pub async fn delete_expired(&self) -> sqlx::Result<u64> {
        sessions::delete_expired(&self.db).await
    }
}

/// A database error for tower-sessions, noted first if it means the database is unreachable.
fn backend(err: sqlx::Error) -> Error {
    note_unreachable(&err);
    Error::Backend(err.to_string())
}

fn encode(record: &Record) -> session_store::Result<Vec<u8>> {
    rmp_serde::to_vec(record).map_err(|e| Error::Encode(e.to_string()))
}

fn expires(record: &Record) -> DateTime<Utc> {
    let at = record.expiry_date;
    DateTime::from_timestamp(at.unix_timestamp(), at.nanosecond())
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[async_trait]
impl SessionStore for PgSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        for _ in 0..ID_DRAWS {
            let data = encode(record)?;
            let id = record.id.to_string();
            if sessions::insert(&self.db, &id, &data, expires(record))
                .await
                .map_err(backend)?
            {
                return Ok(());
            }
            record.id = Id::default();
        }
        Err(Error::Backend("no free session id".to_owned()))
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = encode(record)?;
        sessions::save(&self.db, &record.id.to_string(), &data, expires(record))
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let data = sessions::load(&self.db, &id.to_string())
            .await
            .map_err(backend)?;
        data.map(|data| rmp_serde::from_slice(&data).map_err(|e| Error::Decode(e.to_string())))
            .transpose()
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sessions::delete(&self.db, &id.to_string())
            .await
            .map_err(backend)
    }
}
