//! The rendered public pages (the summary and the text), held in memory per language and served
//! with an `ETag`.
//!
//! Any instance may publish a cycle or record an erratum, and any process may import a text; the
//! database then notifies every instance on `sdp_public_changed` (the `public_notify` migration's
//! triggers, and `db::partnership::notify_text_changed`) and each drops its copies.
//! No clustering of our own: PostgreSQL `LISTEN/NOTIFY` is the only channel between instances.

use std::{collections::HashMap, sync::Arc, time::Duration};

use axum::body::Bytes;
use sha2::{Digest, Sha256};
use sqlx::{PgPool, postgres::PgListener};
use tokio::sync::RwLock;

use crate::i18n::Lang;

/// The channel the database notifies on.
pub const CHANNEL: &str = "sdp_public_changed";

/// How long to wait before listening again after the connection to the database was lost.
pub const RELISTEN_DELAY: Duration = Duration::from_secs(1);

/// One rendered page.
#[derive(Debug, Clone)]
pub struct Cached {
    pub etag: String,
    pub body: Bytes,
}

impl Cached {
    pub fn new(body: String) -> Cached {
        let digest = Sha256::digest(body.as_bytes());
        Cached {
            etag: format!("\"{}\"", hex::encode(&digest[..12])),
            body: Bytes::from(body),
        }
    }
}

/// The pages every anonymous reader of a language sees the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CachedPage {
    /// `/`: changes when a cycle is published or corrected.
    Summary,
    /// `/text`: changes when a text is imported.
    Text,
}

#[derive(Debug, Default)]
pub struct PublicCache {
    /// The pages, and the generation they were rendered in.
    pages: RwLock<(u64, HashMap<(CachedPage, Lang), Cached>)>,
}

impl PublicCache {
    /// The cached page, or the generation to pass to [`PublicCache::put`] after rendering.
    pub async fn get(&self, which: CachedPage, lang: Lang) -> Result<Cached, u64> {
        let pages = self.pages.read().await;
        pages.1.get(&(which, lang)).cloned().ok_or(pages.0)
    }

    /// Keeps a page rendered in `generation`, unless the cache was cleared meanwhile (the page
    /// may then show what was just replaced).
    pub async fn put(&self, which: CachedPage, lang: Lang, generation: u64, page: Cached) {
        let mut pages = self.pages.write().await;
        if pages.0 == generation {
            pages.1.insert((which, lang), page);
        }
    }

    pub async fn clear(&self) {
        let mut pages = self.pages.write().await;
        pages.0 += 1;
        pages.1.clear();
    }

    /// Listens for changes until the pool is closed; a lost connection is re-established, and the
    /// cache is cleared then too, since a notification may have been missed meanwhile.
    pub fn spawn_listener(self: &Arc<Self>, pool: PgPool) {
        let cache = Arc::clone(self);
        tokio::spawn(async move {
            while !pool.is_closed() {
                match listen(&cache, &pool).await {
                    Ok(()) => return,
                    Err(err) => {
                        tracing::warn!(error = %err, "public cache listener lost its connection");
                        cache.clear().await;
                        tokio::time::sleep(RELISTEN_DELAY).await;
                    }
                }
            }
        });
    }
}

async fn listen(cache: &PublicCache, pool: &PgPool) -> sqlx::Result<()> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    // Anything published before we listened is not in a page rendered after this point.
    cache.clear().await;
    loop {
        match listener.try_recv().await? {
            Some(notification) => {
                tracing::info!(
                    cycle = notification.payload(),
                    "public summary changed; cache cleared"
                );
                cache.clear().await;
            }
            // The connection was lost and will be re-established by `try_recv`.
            None => cache.clear().await,
        }
        if pool.is_closed() {
            return Ok(());
        }
    }
}
