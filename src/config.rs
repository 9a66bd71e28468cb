//! Runtime configuration, from flags and the environment (see `cli`).

use std::{fmt, net::SocketAddr, path::PathBuf};

/// A secret string whose `Debug` never shows its value.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(\"[redacted]\")")
    }
}

/// Where the database is.
#[derive(Debug, Clone)]
pub enum DatabaseConfig {
    /// A server someone else runs (`DATABASE_URL`); it may hold credentials. For full protection
    /// of the audit log, `url` is a role that owns nothing (a member of `sdp_app`) and `owner_url`
    /// (`SDP_OWNER_DATABASE_URL`) the owner that applies the migrations; with `url` alone, the
    /// application applies them and then works as `sdp_app` through `SET ROLE`.
    Url {
        url: Secret,
        owner_url: Option<Secret>,
    },
    /// A private cluster this program runs from the machine's PostgreSQL binaries.
    Private { data_dir: PathBuf },
}

/// Everything the web server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    /// Set when the site is served over HTTPS (by a proxy in front): secure cookies, HSTS.
    pub https: bool,
    /// The partnership text imported when the database holds none.
    pub seed: PathBuf,
    /// Who may read `/metrics`.
    pub metrics: MetricsAccess,
}

/// Shortest `/metrics` bearer token accepted: a guessable one would make the metrics public.
pub const METRICS_TOKEN_MIN_CHARS: usize = 16;

/// Who may read `/metrics` (`SDP_METRICS_ALLOW`, `SDP_METRICS_TOKEN`), besides a monitoring agent
/// on the machine itself (a loopback connection that no proxy relayed); everyone else gets a 404.
#[derive(Debug, Clone, Default)]
pub struct MetricsAccess {
    /// Networks whose connections may read the metrics, judged by the socket's peer address,
    /// never by a forwarding header.
    pub allow: Vec<sqlx::types::ipnetwork::IpNetwork>,
    /// A token that lets whoever sends it as `Authorization: Bearer …` read the metrics.
    pub token: Option<Secret>,
}
