//! Authentication: accounts with argon2id passwords, login sessions in PostgreSQL (axum-login +
//! tower-sessions), personal API tokens.

pub mod cache;
pub mod password;
pub mod store;
pub mod throttle;
pub mod token;

use std::{sync::Arc, time::Duration};

use axum_login::{AuthUser, AuthnBackend, UserId};
use sqlx::PgPool;
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};
use uuid::Uuid;

use crate::{
    db::users::{self, UserRow},
    domain::account::{Role, Side},
    error::note_unreachable,
};
use cache::{AuthCache, CachedLogin, CachedToken, Lookup};
use store::PgSessionStore;

/// A session idle for this long is over.
pub const SESSION_IDLE_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// A login lasts at most this long, however active.
pub const SESSION_ABSOLUTE_LIFETIME: Duration = Duration::from_secs(8 * 60 * 60);
/// An active session's expiry is moved along (one write to the store) at most this often, rather
/// than on every request: idle means idle for between `SESSION_IDLE_TIMEOUT - SESSION_REFRESH_INTERVAL`
/// and `SESSION_IDLE_TIMEOUT`.
pub const SESSION_REFRESH_INTERVAL: Duration = Duration::from_secs(60);
/// The session key holding when the session was last saved (Unix seconds), for
/// [`refresh_session`].
pub const SESSION_REFRESHED_AT: &str = "sdp.refreshed_at";
/// How often expired sessions are removed from the store.
pub const SESSION_CLEANUP_INTERVAL: Duration = Duration::from_secs(10 * 60);

/// Session cookie name over plain HTTP (development, tests) and over HTTPS (`__Host-` binds it to
/// the exact origin: Secure, Path=/, no Domain).
pub const SESSION_COOKIE: &str = "sdp_session";
pub const SESSION_COOKIE_HTTPS: &str = "__Host-sdp_session";

/// A logged-in person: their account and the login (session) they are using.
#[derive(Clone, Debug)]
pub struct User {
    pub account: UserRow,
    pub login_id: Uuid,
}

impl User {
    pub fn id(&self) -> i64 {
        self.account.id
    }
    pub fn role(&self) -> Role {
        self.account.role
    }
    pub fn side(&self) -> Option<Side> {
        self.account.side
    }
    pub fn email(&self) -> &str {
        &self.account.email
    }
}

impl AuthUser for User {
    /// The login, not the account: ending a login ends exactly that session.
    type Id = Uuid;

    fn id(&self) -> Uuid {
        self.login_id
    }

    /// A password change invalidates the account's other sessions.
    fn session_auth_hash(&self) -> &[u8] {
        self.account.password_hash.as_bytes()
    }
}

/// E-mail and password from the login form.
#[derive(Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Hashing(#[from] anyhow::Error),
}

#[derive(Clone)]
pub struct Backend {
    db: PgPool,
    cache: Arc<AuthCache>,
}

impl Backend {
    pub fn new(db: PgPool, cache: Arc<AuthCache>) -> Backend {
        Backend { db, cache }
    }
}

impl AuthnBackend for Backend {
    type User = User;
    type Credentials = Credentials;
    type Error = BackendError;

    /// The account when the password matches; the returned user has no login yet (nil id):
    /// the login handler starts one.
    async fn authenticate(&self, creds: Credentials) -> Result<Option<User>, BackendError> {
        let account = users::find_by_email(&self.db, &creds.email)
            .await
            .inspect_err(note_unreachable)?;
        let stored = account
            .as_ref()
            .filter(|a| a.active)
            .map(|a| a.password_hash.clone());
        let known = stored.is_some();
        let ok = password::verify(creds.password, stored).await?;
        Ok(match account {
            Some(account) if ok && known => Some(User {
                account,
                login_id: Uuid::nil(),
            }),
            _ => None,
        })
    }

    async fn get_user(&self, login_id: &UserId<Self>) -> Result<Option<User>, BackendError> {
        let lifetime = SESSION_ABSOLUTE_LIFETIME.as_secs_f64();
        // The wall clock, as the query's `now()`: a login started before this is over.
        let started_after = chrono::Utc::now() - SESSION_ABSOLUTE_LIFETIME;
        let ticket = match self.cache.login(*login_id, started_after) {
            Lookup::Hit(login) => {
                return Ok(Some(User {
                    account: login.account,
                    login_id: *login_id,
                }));
            }
            Lookup::Miss(ticket) => ticket,
        };
        // axum-login answers a bare 500 when this fails; the note makes it a 503 if the database
        // was unreachable.
        let found = users::find_by_login(&self.db, *login_id, lifetime)
            .await
            .inspect_err(note_unreachable)?;
        Ok(found.map(|(account, started_at)| {
            let login = CachedLogin {
                account: account.clone(),
                started_at,
            };
            self.cache.keep_login(ticket, *login_id, login);
            User {
                account,
                login_id: *login_id,
            }
        }))
    }
}

/// The active account owning the live API token `secret` (from memory when this instance has seen
/// it), marking the token used at most once a minute
/// ([`users::TOKEN_LAST_USED_PRECISION_SECS`]): a request finding the mark older than that writes
/// it again, one statement, as the lookup in the database does.
pub async fn find_by_token(
    db: &PgPool,
    cache: &AuthCache,
    secret: &str,
) -> sqlx::Result<Option<users::UserRow>> {
    let digest = token::digest(secret);
    let ticket = match cache.token(&digest) {
        Lookup::Hit(found) => {
            let now = chrono::Utc::now();
            let precision = chrono::Duration::seconds(users::TOKEN_LAST_USED_PRECISION_SECS as i64);
            if found.last_used_at.is_none_or(|at| at < now - precision) {
                users::mark_token_used(db, found.token_id).await?;
                cache.token_marked(&digest, now);
            }
            return Ok(Some(found.account));
        }
        Lookup::Miss(ticket) => ticket,
    };
    let Some(found) = users::find_by_token(db, &digest).await? else {
        return Ok(None);
    };
    let kept = CachedToken {
        token_id: found.id,
        account: found.account.clone(),
        last_used_at: found.last_used_at,
    };
    cache.keep_token(ticket, digest, kept);
    Ok(Some(found.account))
}

pub type AuthSession = axum_login::AuthSession<Backend>;

/// The session store and cookie settings.
pub fn session_layer(
    db: PgPool,
    cache: Arc<AuthCache>,
    https: bool,
) -> SessionManagerLayer<PgSessionStore> {
    SessionManagerLayer::new(PgSessionStore::with_cache(db, cache))
        .with_name(if https {
            SESSION_COOKIE_HTTPS
        } else {
            SESSION_COOKIE
        })
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(https)
        .with_path("/")
        // Not saved on every request: `refresh_session` moves the expiry along now and then.
        .with_expiry(Expiry::OnInactivity(
            time::Duration::try_from(SESSION_IDLE_TIMEOUT).expect("idle timeout fits"),
        ))
}

/// Keeps an active session alive without writing to the store on every request: a session with
/// data (a login) is saved — which moves its server-side expiry and the cookie's `Max-Age` to
/// `SESSION_IDLE_TIMEOUT` from now — when the request changed it anyway, or when it was last saved
/// more than [`SESSION_REFRESH_INTERVAL`] ago. Runs inside the session layer, after the handler,
/// so that a logout (which empties the session) is never undone.
pub async fn refresh_session(
    session: tower_sessions::Session,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let response = next.run(req).await;
    if response.status().is_server_error() || session.is_empty().await {
        return response;
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let refreshed_at = session
        .get::<i64>(SESSION_REFRESHED_AT)
        .await
        .ok()
        .flatten();
    if session.is_modified() || needs_refresh(refreshed_at, now) {
        // Marks the session modified: tower-sessions saves it once the response is on its way.
        if let Err(err) = session.insert(SESSION_REFRESHED_AT, now).await {
            tracing::warn!(error = %err, "could not refresh the session");
        }
    }
    response
}

/// Whether a session last saved at `refreshed_at` (Unix seconds; `None`: before this rule) must be
/// saved again at `now`.
pub fn needs_refresh(refreshed_at: Option<i64>, now: i64) -> bool {
    let interval = SESSION_REFRESH_INTERVAL.as_secs() as i64;
    refreshed_at.is_none_or(|at| now - at >= interval || at > now)
}

/// Removes expired sessions from the store now and then; a failure (the database unreachable,
/// say) is logged and the next round tried all the same.
pub fn spawn_session_cleanup(db: PgPool) {
    let store = PgSessionStore::new(db);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(SESSION_CLEANUP_INTERVAL);
        loop {
            every.tick().await;
            match store.delete_expired().await {
                Ok(removed) => tracing::debug!(removed, "expired sessions removed"),
                Err(err) => tracing::warn!(error = %err, "could not remove expired sessions"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_saved_again_once_a_refresh_interval_has_passed() {
        let interval = SESSION_REFRESH_INTERVAL.as_secs() as i64;
        let now = 1_800_000_000;
        assert!(needs_refresh(None, now));
        assert!(!needs_refresh(Some(now), now));
        assert!(!needs_refresh(Some(now - interval + 1), now));
        assert!(needs_refresh(Some(now - interval), now));
        // A clock that went backwards does not keep a session from being refreshed.
        assert!(needs_refresh(Some(now + 5), now));
    }
}
