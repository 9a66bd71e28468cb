//! The one listener through which the database tells this instance that its in-memory copies are
//! out of date: the public pages ([`PublicCache`], channel `sdp_public_changed`), the dashboard's
//! data ([`BoardCache`], channel `sdp_board_changed`) and who is signed in ([`AuthCache`], channel
//! `sdp_auth_changed`). One connection per instance.
//!
//! The auth cache is trusted only while this connection listens: it is distrusted (bypassed) as
//! soon as the connection is found lost, and trusted again, emptied, once a new connection
//! listens. A connection that died silently (no error, no notifications) is found out by a ping
//! after [`HEARTBEAT`] of silence; until then, each auth entry still lives at most
//! `auth::cache::ENTRY_TTL`.

use std::{sync::Arc, time::Duration};

use sqlx::{PgPool, postgres::PgListener};

use crate::{auth::cache::AuthCache, board_cache::BoardCache, public_cache::PublicCache};

/// How long to wait before listening again after the connection could not be (re)established.
pub const RELISTEN_DELAY: Duration = Duration::from_secs(1);

/// After this long without a notification, the listening connection is pinged.
pub const HEARTBEAT: Duration = Duration::from_secs(15);

/// How long the ping may take before the connection is taken for lost.
pub const PING_TIMEOUT: Duration = Duration::from_secs(5);

/// The caches one listener keeps up to date.
#[derive(Clone)]
pub struct Caches {
    pub public: Arc<PublicCache>,
    pub board: Arc<BoardCache>,
    pub auth: Arc<AuthCache>,
}

impl Caches {
    /// Listening (again): whatever was kept before may have missed a notification.
    async fn listening(&self) {
        self.public.clear().await;
        self.board.clear();
        self.auth.trust();
    }

    /// Not listening: notifications may be missed from now on.
    async fn deaf(&self) {
        self.auth.distrust();
        self.public.clear().await;
        self.board.clear();
    }
}

/// Why [`listen`] stopped.
enum Stopped {
    /// The pool was closed: the instance is shutting down.
    Closed,
    /// The connection was lost; listen again at once.
    Lost,
}

/// Listens for changes until the pool is closed; a lost connection is re-established, and the
/// caches are cleared then too, since a notification may have been missed meanwhile.
pub fn spawn_listener(caches: Caches, pool: PgPool) {
    tokio::spawn(async move {
        while !pool.is_closed() {
            let result = listen(&caches, &pool).await;
            caches.deaf().await;
            match result {
                Ok(Stopped::Closed) => return,
                Ok(Stopped::Lost) => tracing::warn!("cache listener lost its connection"),
                Err(err) => {
                    tracing::warn!(error = %err, "cache listener lost its connection");
                    tokio::time::sleep(RELISTEN_DELAY).await;
                }
            }
        }
    });
}

async fn listen(caches: &Caches, pool: &PgPool) -> sqlx::Result<Stopped> {
    let mut listener = PgListener::connect_with(pool).await?;
    // A lost connection is reported (`try_recv` answers `None`) rather than silently replaced,
    // so that the auth cache is distrusted until a new connection listens.
    listener.eager_reconnect(false);
    listener
        .listen_all([
            crate::public_cache::CHANNEL,
            crate::board_cache::CHANNEL,
            crate::auth::cache::CHANNEL,
        ])
        .await?;
    // Anything changed before we listened is not in a copy made after this point.
    caches.listening().await;
    loop {
        let received = match tokio::time::timeout(HEARTBEAT, listener.try_recv()).await {
            Ok(received) => received?,
            Err(_silence) => {
                ping(&mut listener).await?;
                continue;
            }
        };
        let Some(notification) = received else {
            return Ok(Stopped::Lost);
        };
        match notification.channel() {
            crate::auth::cache::CHANNEL => {
                tracing::debug!(row = notification.payload(), "auth row changed");
                caches.auth.apply(notification.payload());
            }
            crate::board_cache::CHANNEL => {
                tracing::debug!(
                    table = notification.payload(),
                    "dashboard data changed; cache cleared"
                );
                caches.board.clear();
            }
            _ => {
                tracing::info!(
                    cycle = notification.payload(),
                    "public summary changed; cache cleared"
                );
                caches.public.clear().await;
            }
        }
        if pool.is_closed() {
            return Ok(Stopped::Closed);
        }
    }
}

/// Checks that the listening connection still answers.
async fn ping(listener: &mut PgListener) -> sqlx::Result<()> {
    match tokio::time::timeout(
        PING_TIMEOUT,
        sqlx::query_scalar!(r#"select 1 as "one!""#).fetch_one(&mut *listener),
    )
    .await
    {
        Ok(answer) => answer.map(|_| ()),
        Err(_) => Err(sqlx::Error::Io(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "the listening connection did not answer a ping",
        ))),
    }
}
