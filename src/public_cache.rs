//! The rendered public pages (the summary and the text), held in memory per language and served
//! with an `ETag`.
//!
//! Any instance may publish a cycle or record an erratum, and any process may import a text; the
//! database then notifies every instance on `sdp_public_changed` (the `public_notify` migration's
//! triggers, and `db::partnership::notify_text_changed`) and each drops its copies (see
//! `crate::invalidation`).
//! No clustering of our own: PostgreSQL `LISTEN/NOTIFY` is the only channel between instances.

use std::collections::HashMap;

use axum::body::Bytes;
use sha2::{Digest, Sha256};
use tokio::sync::RwLock;

use crate::i18n::Lang;

/// The channel the database notifies on.
pub const CHANNEL: &str = "sdp_public_changed";

/// One rendered page, as is and gzipped (compressed once, not per request).
#[derive(Debug, Clone)]
pub struct Cached {
    pub etag: String,
    pub body: Bytes,
    /// The gzipped body's own `ETag`: another representation, another tag.
    pub gzip_etag: String,
    pub gzip: Bytes,
}

impl Cached {
    pub fn new(body: String) -> Cached {
        let digest = Sha256::digest(body.as_bytes());
        let tag = hex::encode(&digest[..12]);
        let gzip = crate::gzip::compress(body.as_bytes(), 9);
        Cached {
            etag: format!("\"{tag}\""),
            body: Bytes::from(body),
            gzip_etag: format!("\"{tag}-gzip\""),
            gzip: Bytes::from(gzip),
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

/// The pages held, by page and language.
type Pages = HashMap<(CachedPage, Lang), Cached>;

#[derive(Debug, Default)]
pub struct PublicCache {
    /// The pages, and the generation they were rendered in.
    pages: RwLock<(u64, Pages)>,
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
}
