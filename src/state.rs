//! Shared application state, cloned into every handler.

use std::sync::Arc;

use axum::extract::FromRef;
use sqlx::PgPool;

use crate::{config::Config, public_cache::PublicCache};

#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    pub config: Arc<Config>,
    /// The default partnership's marking (e.g. LIMITE), shown on every internal page.
    pub marking: Option<String>,
    /// The rendered public summary, invalidated through PostgreSQL notifications.
    pub public_cache: Arc<PublicCache>,
}

impl FromRef<AppState> for PgPool {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}

impl AppState {
    /// Builds the state for a seeded database.
    pub async fn load(db: PgPool, config: Config) -> sqlx::Result<AppState> {
        let marking = crate::db::partnership::find_default(&db)
            .await?
            .and_then(|p| p.marking);
        let public_cache = Arc::new(PublicCache::default());
        public_cache.spawn_listener(db.clone());
        Ok(AppState {
            db,
            config: Arc::new(config),
            marking,
            public_cache,
        })
    }
}
