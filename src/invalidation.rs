//! The one listener through which the database tells this instance that its in-memory copies are
//! out of date: the public pages ([`PublicCache`], channel `sdp_public_changed`) and the
//! dashboard's data ([`BoardCache`], channel `sdp_board_changed`). One connection per instance.

use std::{sync::Arc, time::Duration};

use sqlx::{PgPool, postgres::PgListener};

use crate::{board_cache::BoardCache, public_cache::PublicCache};

/// How long to wait before listening again after the connection to the database was lost.
pub const RELISTEN_DELAY: Duration = Duration::from_secs(1);

/// The caches one listener keeps up to date.
#[derive(Clone)]
pub struct Caches {
    pub public: Arc<PublicCache>,
    pub board: Arc<BoardCache>,
}

impl Caches {
    async fn clear_all(&self) {
        self.public.clear().await;
        self.board.clear();
    }
}

/// Listens for changes until the pool is closed; a lost connection is re-established, and the
/// caches are cleared then too, since a notification may have been missed meanwhile.
pub fn spawn_listener(caches: Caches, pool: PgPool) {
    tokio::spawn(async move {
        while !pool.is_closed() {
            match listen(&caches, &pool).await {
                Ok(()) => return,
                Err(err) => {
                    tracing::warn!(error = %err, "cache listener lost its connection");
                    caches.clear_all().await;
                    tokio::time::sleep(RELISTEN_DELAY).await;
                }
            }
        }
    });
}

async fn listen(caches: &Caches, pool: &PgPool) -> sqlx::Result<()> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener
        .listen_all([crate::public_cache::CHANNEL, crate::board_cache::CHANNEL])
        .await?;
    // Anything changed before we listened is not in a copy made after this point.
    caches.clear_all().await;
    loop {
        match listener.try_recv().await? {
            Some(notification) if notification.channel() == crate::board_cache::CHANNEL => {
                tracing::debug!(
                    table = notification.payload(),
                    "dashboard data changed; cache cleared"
                );
                caches.board.clear();
            }
            Some(notification) => {
                tracing::info!(
                    cycle = notification.payload(),
                    "public summary changed; cache cleared"
                );
                caches.public.clear().await;
            }
            // The connection was lost and will be re-established by `try_recv`.
            None => caches.clear_all().await,
        }
        if pool.is_closed() {
            return Ok(());
        }
    }
}
