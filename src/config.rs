//! Runtime configuration, from flags and the environment (see `cli`).

use std::{
    fmt,
    net::{IpAddr, SocketAddr},
    path::PathBuf,
    str::FromStr,
};

use sqlx::types::ipnetwork::IpNetwork;

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
    /// The proxies (load balancers) whose forwarding headers tell the client's address.
    pub trusted_proxies: TrustedProxies,
    /// Who may read `/metrics`.
    pub metrics: MetricsAccess,
    /// The mail server, the sender's address and the base of links in mails.
    pub mail: MailConfig,
    /// How many report files (PDF, Word) are rendered at once, and how long a request waits for
    /// its turn.
    pub render: RenderLimits,
}

/// Report files rendered at once (`SDP_RENDER_SLOTS`) and the wait for a turn
/// (`SDP_RENDER_WAIT_SECS`); see `report::limit`.
///
/// Typesetting the PDF of a fully written-up cycle holds 80–90 MiB until it ends (typst keeps
/// every frame it laid out, and copies them as it nests them) and keeps the cores busy (typst
/// lays pages out in parallel): renders beyond the cores finish no sooner, they only hold more
/// memory. A request that finds every slot taken waits its turn; past the wait it gets a 503 with
/// `Retry-After`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderLimits {
    /// Renders at once, at least 1.
    pub slots: usize,
    /// How long a request waits for a slot; below the request timeout (`routes::REQUEST_TIMEOUT`,
    /// 30 s), so the wait and the render fit in it.
    pub wait: std::time::Duration,
}

/// Renders at once by default: one, so that however many downloads come at once only one
/// render's working set is live (two would need some 90 MiB more). A machine with memory to
/// spare may allow one per core (`SDP_RENDER_SLOTS`).
pub const RENDER_SLOTS: usize = 1;

/// The default wait for a render slot: sixteen PDF renders ahead of a request (well under a
/// second each, optimised) fit in it, and the render after it in the request timeout.
pub const RENDER_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

impl Default for RenderLimits {
    fn default() -> Self {
        RenderLimits {
            slots: RENDER_SLOTS,
            wait: RENDER_WAIT,
        }
    }
}

/// Mail (`SDP_SMTP_URL`, `SDP_MAIL_FROM`, `SDP_PUBLIC_URL`). Without a mail server, mails wait in
/// the outbox.
#[derive(Debug, Clone, Default)]
pub struct MailConfig {
    /// The mail server; its password is redacted in `Debug`.
    pub smtp: Option<crate::mail::transport::SmtpUrl>,
    /// The From of every mail, e.g. `SDP tracker <noreply@example.org>`.
    pub from: Option<String>,
    /// The base of links in mails, e.g. `https://sdp.example.org`.
    pub public_url: Option<String>,
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

/// The peers whose `X-Forwarded-For` and `Forwarded` headers are believed (`SDP_TRUSTED_PROXIES`):
/// comma-separated CIDRs or single addresses, none by default. From any other peer those headers
/// are ignored, since anyone can send them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNetwork>);

impl TrustedProxies {
    pub fn new(networks: Vec<IpNetwork>) -> TrustedProxies {
        TrustedProxies(networks)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `ip` is one of the trusted proxies; an IPv4 address seen as IPv6 (`::ffff:a.b.c.d`,
    /// on a dual-stack socket) is the IPv4 address.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(ip))
    }
}

impl FromStr for TrustedProxies {
    type Err = String;

    /// `10.0.0.0/8, 192.0.2.7,2001:db8::/32`; blank means none.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| {
                IpNetwork::from_str(item)
                    .map_err(|_| format!("{item:?} is not an IP address or CIDR range"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trusted_proxies_are_comma_separated_cidrs_or_addresses() {
        let parsed: TrustedProxies = " 10.0.0.0/8, 192.0.2.7 ,2001:db8::/32,".parse().unwrap();
        assert!(parsed.contains("10.1.2.3".parse().unwrap()));
        assert!(parsed.contains("192.0.2.7".parse().unwrap()));
        assert!(!parsed.contains("192.0.2.8".parse().unwrap()));
        assert!(parsed.contains("2001:db8::1".parse().unwrap()));
        assert!(parsed.contains("::ffff:10.9.9.9".parse().unwrap()));
        assert!(!parsed.contains("11.0.0.1".parse().unwrap()));
        assert_eq!(
            "".parse::<TrustedProxies>().unwrap(),
            TrustedProxies::default()
        );
        assert_eq!(
            " , ".parse::<TrustedProxies>().unwrap(),
            TrustedProxies::default()
        );
        for bad in [
            "10.0.0.0/33",
            "10.0.0",
            "proxy.internal",
            "10.0.0.0/8;10.1.0.0/16",
            "::1/129",
        ] {
            let err = bad.parse::<TrustedProxies>().unwrap_err();
            assert!(
                !err.contains('\n') && err.contains("is not"),
                "{bad}: {err}"
            );
        }
    }
}
