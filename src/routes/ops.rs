//! Operations endpoints for load balancers and monitoring.

use axum::{Router, extract::State, http::StatusCode, routing::get};
use sqlx::PgPool;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(get_healthz))
        .route("/readyz", get(get_readyz))
        .route("/metrics", get(get_metrics))
}

/// Prometheus text format: request counts and latencies by route and status, pool connections.
/// Labels are route templates and status codes only, never data.
async fn get_metrics(State(db): State<PgPool>) -> impl axum::response::IntoResponse {
    let size = db.size() as f64;
    let idle = db.num_idle() as f64;
    metrics::gauge!("db_pool_connections", "state" => "in_use").set(size - idle);
    metrics::gauge!("db_pool_connections", "state" => "idle").set(idle);
    metrics::gauge!("db_pool_max_connections").set(f64::from(crate::db::POOL_MAX_CONNECTIONS));
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        crate::telemetry::metrics().render(),
    )
}

/// The process is up; says nothing about its dependencies.
async fn get_healthz() -> &'static str {
    "ok"
}

/// The database answers.
async fn get_readyz(State(db): State<PgPool>) -> (StatusCode, &'static str) {
    match sqlx::query_scalar!("select 1 as one").fetch_one(&db).await {
        Ok(_) => (StatusCode::OK, "ready"),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
