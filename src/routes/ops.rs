//! Operations endpoints for load balancers and monitoring.

use std::net::{IpAddr, SocketAddr};

use axum::{
    Router,
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use sha2::{Digest, Sha256};
use sqlx::PgPool;

use crate::{config::MetricsAccess, error::AppError, state::AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(get_healthz))
        .route("/readyz", get(get_readyz))
        .route("/metrics", get(get_metrics))
}

/// Prometheus text format: request counts and latencies by route and status, pool connections.
/// Labels are route templates and status codes only, never data. Served only to whom
/// [`may_read_metrics`] allows; anyone else gets a 404, as if there were nothing here.
async fn get_metrics(State(state): State<AppState>, req: Request) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if !may_read_metrics(&state.config.metrics, peer, req.headers()) {
        tracing::warn!(target: "security", ?peer, "metrics refused");
        return AppError::NotFound.into_response();
    }
    let db = &state.db;
    let size = db.size() as f64;
    let idle = db.num_idle() as f64;
    metrics::gauge!("db_pool_connections", "state" => "in_use").set(size - idle);
    metrics::gauge!("db_pool_connections", "state" => "idle").set(idle);
    metrics::gauge!("db_pool_max_connections").set(f64::from(crate::db::POOL_MAX_CONNECTIONS));
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        crate::telemetry::metrics().render(),
    )
        .into_response()
}

/// Headers a proxy adds to a request it relays: such a request comes from somewhere else, even
/// when the proxy connects from this machine.
const FORWARDING_HEADERS: [&str; 3] = ["forwarded", "x-forwarded-for", "x-real-ip"];

/// May a request from `peer` (the socket's, never a header's) with these headers read the
/// metrics? With the configured token (compared in constant time), from any peer; without it,
/// from a configured network, or from loopback when no proxy relayed the request.
fn may_read_metrics(access: &MetricsAccess, peer: Option<IpAddr>, headers: &HeaderMap) -> bool {
    if let Some(token) = &access.token {
        let sent = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if sent.is_some_and(|sent| same_secret(sent.trim(), token.expose())) {
            return true;
        }
    }
    // An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d.
    let Some(peer) = peer.map(|p| p.to_canonical()) else {
        return false;
    };
    if access.allow.iter().any(|net| net.contains(peer)) {
        return true;
    }
    peer.is_loopback() && !FORWARDING_HEADERS.iter().any(|h| headers.contains_key(*h))
}

/// Compares two secrets in time that does not depend on where they differ (nor on their
/// lengths: their digests are compared).
fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
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

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue, header};

    use super::{may_read_metrics, same_secret};
    use crate::config::{MetricsAccess, Secret};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn metrics_go_to_loopback_allowed_networks_and_the_token() {
        let none = MetricsAccess::default();
        let configured = MetricsAccess {
            allow: vec![
                "10.1.0.0/16".parse().unwrap(),
                "2001:db8::/32".parse().unwrap(),
            ],
            token: Some(Secret::new("a-long-enough-metrics-token")),
        };
        let ip = |s: &str| Some(s.parse().unwrap());
        let plain = headers(&[]);
        let relayed = headers(&[("x-forwarded-for", "198.51.100.1")]);
        let bearer = headers(&[(
            header::AUTHORIZATION.as_str(),
            "Bearer a-long-enough-metrics-token",
        )]);
        let wrong = headers(&[(
            header::AUTHORIZATION.as_str(),
            "Bearer a-long-enough-metrics-tokeN",
        )]);

        assert!(may_read_metrics(&none, ip("127.0.0.1"), &plain));
        assert!(may_read_metrics(&none, ip("127.3.4.5"), &plain));
        assert!(may_read_metrics(&none, ip("::1"), &plain));
        assert!(may_read_metrics(&none, ip("::ffff:127.0.0.1"), &plain));
        assert!(!may_read_metrics(&none, ip("127.0.0.1"), &relayed));
        assert!(!may_read_metrics(&none, ip("203.0.113.7"), &plain));
        assert!(!may_read_metrics(&none, None, &plain));
        assert!(
            !may_read_metrics(&none, ip("203.0.113.7"), &bearer),
            "no token configured"
        );

        assert!(may_read_metrics(&configured, ip("10.1.200.3"), &plain));
        assert!(may_read_metrics(
            &configured,
            ip("::ffff:10.1.200.3"),
            &relayed
        ));
        assert!(may_read_metrics(&configured, ip("2001:db8::5"), &plain));
        assert!(!may_read_metrics(&configured, ip("10.2.0.1"), &plain));
        assert!(may_read_metrics(&configured, ip("203.0.113.7"), &bearer));
        assert!(!may_read_metrics(&configured, ip("203.0.113.7"), &wrong));
        assert!(
            may_read_metrics(&configured, ip("127.0.0.1"), &wrong),
            "loopback"
        );
    }

    #[test]
    fn secrets_are_compared_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
        assert!(!same_secret("", "a"));
    }
}
