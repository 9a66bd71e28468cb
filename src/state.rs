//! Shared application state, cloned into every handler.

use std::sync::Arc;

use axum::extract::FromRef;
use sqlx::PgPool;

use crate::{
    auth::cache::AuthCache,
    board_cache::BoardCache,
    clock::Clock,
    config::Config,
    invalidation::{self, Caches},
    public_cache::PublicCache,
    report::limit::Renders,
};

#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    pub config: Arc<Config>,
    /// The default partnership's marking (e.g. LIMITE), shown on every internal page.
    pub marking: Option<String>,
    /// The rendered public summary, invalidated through PostgreSQL notifications.
    pub public_cache: Arc<PublicCache>,
    /// The signed-in dashboard's data, invalidated the same way.
    pub board_cache: Arc<BoardCache>,
    /// Sessions, logins and API tokens this instance has seen, invalidated the same way.
    pub auth_cache: Arc<AuthCache>,
    /// What "today" and "now" are: the system clock, except in tests (see [`Clock`]).
    pub clock: Clock,
    /// The report render slots (PDF and Word files rendered at once).
    pub renders: Renders,
}

impl FromRef<AppState> for PgPool {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}

impl AppState {
    /// Builds the state for a seeded database, on the system clock.
    pub async fn load(db: PgPool, config: Config) -> anyhow::Result<AppState> {
        AppState::load_on(db, config, Clock::system()).await
    }

    /// Builds the state with `clock` and starts the cache listener (`serve` starts the mail
    /// tasks beside it, see `startup::serve`).
    pub async fn load_on(db: PgPool, config: Config, clock: Clock) -> anyhow::Result<AppState> {
        let marking = crate::db::partnership::find_default(&db)
            .await?
            .and_then(|p| p.marking);
        let public_cache = Arc::new(PublicCache::default());
        let board_cache = Arc::new(BoardCache::default());
        let auth_cache = Arc::new(AuthCache::default());
        invalidation::spawn_listener(
            Caches {
                public: Arc::clone(&public_cache),
                board: Arc::clone(&board_cache),
                auth: Arc::clone(&auth_cache),
            },
            db.clone(),
        );
        Ok(AppState {
            db,
            renders: Renders::new(config.render),
            config: Arc::new(config),
            marking,
            public_cache,
            board_cache,
            auth_cache,
            clock,
        })
    }
}
