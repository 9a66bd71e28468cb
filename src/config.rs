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
}
