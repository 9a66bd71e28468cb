//! Who is signed in, held in memory per instance: session records by id, logins with their
//! account, API tokens with their account. A signed-in request that finds its session and login
//! here needs no query to know who asks.
//!
//! Any instance or command may end a login, change an account or revoke a token; the database
//! then notifies every instance on [`CHANNEL`] (the `auth_notify` migration's triggers) and each
//! drops the entries named (see `crate::invalidation`). A write through this instance also
//! updates or drops its own entries at once, so that it never serves what it has just changed.
//!
//! The copies are trusted only while the listener is listening: until it first listens, and from
//! the moment it loses its connection until it listens again, every lookup goes to the database
//! and nothing is kept ([`AuthCache::trust`], [`AuthCache::distrust`]). A read from the database
//! is kept only if nothing was invalidated while it ran (the generation, as in the board cache),
//! so a copy made just before a change cannot outlive the change's notification.
//!
//! Expiry is still checked on every lookup against the wall clock, which is what the database's
//! `now()` reads: a session record's idle expiry, a login's absolute lifetime. Each entry is also
//! dropped [`ENTRY_TTL`] after it was read, whatever happens, and each map holds at most
//! [`MAX_ENTRIES`] (it is emptied when full).

use std::{
    collections::HashMap,
    sync::RwLock,
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};
use tower_sessions::session::Record;
use uuid::Uuid;

use crate::db::users::UserRow;

/// The channel the database notifies on.
pub const CHANNEL: &str = "sdp_auth_changed";

/// How long an entry is used at most after it was read from the database, notified or not: a
/// second line behind the notifications.
pub const ENTRY_TTL: Duration = Duration::from_secs(60);

/// Entries per map (sessions, logins, tokens); a full map is emptied rather than grown. Far more
/// than the people one instance serves at once.
pub const MAX_ENTRIES: usize = 10_000;

/// A login and its account, as `db::users::find_by_login` read them.
#[derive(Debug, Clone)]
pub struct CachedLogin {
    pub account: UserRow,
    /// When the login started: it ends `SESSION_ABSOLUTE_LIFETIME` later.
    pub started_at: DateTime<Utc>,
}

/// A live API token and its account, as `db::users::find_by_token` read them.
#[derive(Debug, Clone)]
pub struct CachedToken {
    pub token_id: i64,
    pub account: UserRow,
    /// When the token was last marked used, as far as this instance knows.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// What to hand back to [`AuthCache`] with what was read from the database after a miss: the
/// generation the read started in, or nothing when the cache was not trusted then.
#[derive(Debug, Clone, Copy)]
#[must_use]
pub struct Ticket(Option<u64>);

/// The answer of a lookup: the entry, or a ticket to keep what the database says.
#[derive(Debug)]
pub enum Lookup<T> {
    Hit(T),
    Miss(Ticket),
}

#[derive(Debug)]
struct Entry<T> {
    value: T,
    read_at: Instant,
}

#[derive(Debug, Default)]
struct Inner {
    /// Whether the listener is listening: otherwise nothing is read from or kept in memory.
    trusted: bool,
    /// Bumped by every invalidation and every write-through.
    generation: u64,
    sessions: HashMap<String, Entry<Record>>,
    logins: HashMap<Uuid, Entry<CachedLogin>>,
    tokens: HashMap<Vec<u8>, Entry<CachedToken>>,
}

impl Inner {
    fn clear(&mut self) {
        self.generation += 1;
        self.sessions.clear();
        self.logins.clear();
        self.tokens.clear();
    }

    fn accepts(&self, ticket: Ticket) -> bool {
        self.trusted && ticket.0 == Some(self.generation)
    }
}

/// The per-instance copies; see the module documentation.
#[derive(Debug)]
pub struct AuthCache {
    inner: RwLock<Inner>,
    ttl: Duration,
    max_entries: usize,
}

impl Default for AuthCache {
    fn default() -> Self {
        AuthCache::with_limits(ENTRY_TTL, MAX_ENTRIES)
    }
}

/// Keeps `value` under `key`, emptying the map first when it is full.
fn keep<K: std::hash::Hash + Eq, T>(map: &mut HashMap<K, Entry<T>>, max: usize, key: K, value: T) {
    if map.len() >= max && !map.contains_key(&key) {
        map.clear();
    }
    let read_at = Instant::now();
    map.insert(key, Entry { value, read_at });
}

impl AuthCache {
    /// A cache with other limits than [`ENTRY_TTL`] and [`MAX_ENTRIES`] (tests).
    pub fn with_limits(ttl: Duration, max_entries: usize) -> AuthCache {
        AuthCache {
            inner: RwLock::new(Inner::default()),
            ttl,
            max_entries,
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }

    /// A lookup in `map`: the entry when trusted, fresh and `live`, else a ticket.
    fn lookup<K, T, Q>(
        &self,
        pick: impl FnOnce(&Inner) -> &HashMap<K, Entry<T>>,
        key: &Q,
        live: impl FnOnce(&T) -> bool,
    ) -> Lookup<T>
    where
        K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
        Q: std::hash::Hash + Eq + ?Sized,
        T: Clone,
    {
        let inner = self.read();
        if !inner.trusted {
            return Lookup::Miss(Ticket(None));
        }
        match pick(&inner).get(key) {
            Some(e) if e.read_at.elapsed() < self.ttl && live(&e.value) => {
                Lookup::Hit(e.value.clone())
            }
            _ => Lookup::Miss(Ticket(Some(inner.generation))),
        }
    }

    /// The stored record of session `id` if it has not expired at `now`.
    pub fn session(&self, id: &str, now: DateTime<Utc>) -> Lookup<Record> {
        let now = now.timestamp();
        self.lookup(
            |i| &i.sessions,
            id,
            |r| r.expiry_date.unix_timestamp() > now,
        )
    }

    /// Keeps a record read from the database.
    pub fn keep_session(&self, ticket: Ticket, record: &Record) {
        let mut inner = self.write();
        if inner.accepts(ticket) {
            self.put_session(&mut inner, record);
        }
    }

    /// A record this instance has just written: it replaces the copy at once.
    pub fn wrote_session(&self, record: &Record) {
        let mut inner = self.write();
        inner.generation += 1;
        if inner.trusted {
            self.put_session(&mut inner, record);
        }
    }

    fn put_session(&self, inner: &mut Inner, record: &Record) {
        let id = record.id.to_string();
        keep(&mut inner.sessions, self.max_entries, id, record.clone());
    }

    pub fn forget_session(&self, id: &str) {
        let mut inner = self.write();
        inner.generation += 1;
        inner.sessions.remove(id);
    }

    /// Login `id` and its account if it started after `started_after` (its absolute lifetime
    /// before now).
    pub fn login(&self, id: Uuid, started_after: DateTime<Utc>) -> Lookup<CachedLogin> {
        self.lookup(|i| &i.logins, &id, |l| l.started_at > started_after)
    }

    pub fn keep_login(&self, ticket: Ticket, id: Uuid, login: CachedLogin) {
        let mut inner = self.write();
        if inner.accepts(ticket) {
            keep(&mut inner.logins, self.max_entries, id, login);
        }
    }

    pub fn forget_login(&self, id: Uuid) {
        let mut inner = self.write();
        inner.generation += 1;
        inner.logins.remove(&id);
    }

    /// The live token with this digest and its account.
    pub fn token(&self, digest: &[u8]) -> Lookup<CachedToken> {
        self.lookup(|i| &i.tokens, digest, |_| true)
    }

    pub fn keep_token(&self, ticket: Ticket, digest: Vec<u8>, token: CachedToken) {
        let mut inner = self.write();
        if inner.accepts(ticket) {
            keep(&mut inner.tokens, self.max_entries, digest, token);
        }
    }

    /// Notes that this instance marked the token used at `at` (no generation bump: the token's
    /// owner and validity did not change).
    pub fn token_marked(&self, digest: &[u8], at: DateTime<Utc>) {
        let mut inner = self.write();
        if let Some(e) = inner.tokens.get_mut(digest) {
            e.value.last_used_at = Some(at);
        }
    }

    pub fn forget_token(&self, token_id: i64) {
        let mut inner = self.write();
        inner.generation += 1;
        inner.tokens.retain(|_, e| e.value.token_id != token_id);
    }

    /// Drops the logins and tokens of account `user_id`: it was changed (role, password,
    /// deactivation, …). And every session record: after a password change, the session that
    /// made it is saved again with the new password's hash (after the change's notification),
    /// and a copy of its old record would no longer match the account, which ends the session
    /// (axum-login's `session_auth_hash`). Accounts change seldom; each session is read once
    /// more.
    pub fn forget_user(&self, user_id: i64) {
        let mut inner = self.write();
        inner.generation += 1;
        inner.logins.retain(|_, e| e.value.account.id != user_id);
        inner.tokens.retain(|_, e| e.value.account.id != user_id);
        inner.sessions.clear();
    }

    pub fn clear(&self) {
        self.write().clear();
    }

    /// The listener listens (again): what was kept before may have missed a notification, so it
    /// is dropped, and what is read from now on may be kept.
    pub fn trust(&self) {
        let mut inner = self.write();
        inner.clear();
        inner.trusted = true;
    }

    /// The listener lost its connection: notifications may be missed from now on, so nothing is
    /// used or kept until [`AuthCache::trust`].
    pub fn distrust(&self) {
        let mut inner = self.write();
        inner.clear();
        inner.trusted = false;
    }

    pub fn is_trusted(&self) -> bool {
        self.read().trusted
    }

    /// Applies a notification's payload (see the `auth_notify` migration); one not understood
    /// drops everything.
    pub fn apply(&self, payload: &str) {
        let parsed = payload.split_once(':');
        match parsed {
            Some(("session", id)) => self.forget_session(id),
            Some(("login", id)) => match id.parse() {
                Ok(id) => self.forget_login(id),
                Err(_) => self.clear(),
            },
            Some(("user", id)) => match id.parse() {
                Ok(id) => self.forget_user(id),
                Err(_) => self.clear(),
            },
            Some(("token", id)) => match id.parse() {
                Ok(id) => self.forget_token(id),
                Err(_) => self.clear(),
            },
            _ => self.clear(),
        }
    }
}

#[cfg(test)]
mod tests;
