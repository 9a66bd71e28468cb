//! The login sessions' store: tower-sessions' records in PostgreSQL (`db::sessions`), encoded as
//! MessagePack as tower-sessions-sqlx-store wrote them, so that sessions outlive the change.
//!
//! Ours rather than that crate's so that a database error keeps its type until it is classified:
//! tower-sessions and axum-login turn any store failure into a bare 500, and a store that could
//! not reach the database notes it for the request (`error::note_unreachable`), which is then
//! answered 503.
//!
//! With an [`AuthCache`] (the server's store), records are read from memory when this instance
//! has them, and what it writes or deletes replaces its copy at once (see `auth::cache`).

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
    session_store::{self, Error},
};

use super::cache::{AuthCache, Lookup};
use crate::{db::sessions, error::note_unreachable};

/// How many ids a new session draws before giving up; one is taken with a chance of 2⁻¹²⁸.
const ID_DRAWS: usize = 3;

#[derive(Debug, Clone)]
pub struct PgSessionStore {
    db: PgPool,
    cache: Option<Arc<AuthCache>>,
}

impl PgSessionStore {
    /// A store that always reads the database.
    pub fn new(db: PgPool) -> PgSessionStore {
        PgSessionStore { db, cache: None }
    }

    /// A store that keeps what it reads and writes in `cache`.
    pub fn with_cache(db: PgPool, cache: Arc<AuthCache>) -> PgSessionStore {
        PgSessionStore {
            db,
            cache: Some(cache),
        }
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
                if let Some(cache) = &self.cache {
                    cache.wrote_session(record);
                }
                return Ok(());
            }
            record.id = Id::default();
        }
        Err(Error::Backend("no free session id".to_owned()))
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = encode(record)?;
        let saved = sessions::save(&self.db, &record.id.to_string(), &data, expires(record)).await;
        if let Some(cache) = &self.cache {
            // Whatever the outcome: after a failure the database may hold either record.
            match saved {
                Ok(()) => cache.wrote_session(record),
                Err(_) => cache.forget_session(&record.id.to_string()),
            }
        }
        saved.map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let key = id.to_string();
        let ticket = match &self.cache {
            // The wall clock, as the query's `now()`.
            Some(cache) => match cache.session(&key, chrono::Utc::now()) {
                Lookup::Hit(record) => return Ok(Some(record)),
                Lookup::Miss(ticket) => Some(ticket),
            },
            None => None,
        };
        let data = sessions::load(&self.db, &key).await.map_err(backend)?;
        let record: Option<Record> = data
            .map(|data| rmp_serde::from_slice(&data).map_err(|e| Error::Decode(e.to_string())))
            .transpose()?;
        if let (Some(cache), Some(ticket), Some(record)) = (&self.cache, ticket, &record) {
            // Only under the id it was asked for (a record's own id is what it was stored under).
            if record.id == *id {
                cache.keep_session(ticket, record);
            }
        }
        Ok(record)
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let key = id.to_string();
        if let Some(cache) = &self.cache {
            cache.forget_session(&key);
        }
        let deleted = sessions::delete(&self.db, &key).await.map_err(backend);
        if let Some(cache) = &self.cache {
            // Again, in case a read that began before the delete kept the record meanwhile.
            cache.forget_session(&key);
        }
        deleted
    }
}
