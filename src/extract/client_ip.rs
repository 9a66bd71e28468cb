//! The client's address, from the connection or, behind trusted proxies, from what they forwarded.

use std::net::IpAddr;

use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, header, request::Parts},
};

use crate::{config::TrustedProxies, state::AppState};

/// The client's address: the connection's peer, or, when the peer is one of the trusted proxies,
/// the address the proxies forwarded (see [`forwarded_client`]). `None` only without connection
/// information (a router driven without a socket).
pub fn client_ip(parts: &Parts, trusted: &TrustedProxies) -> Option<IpAddr> {
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()?
        .0
        .ip();
    Some(forwarded_client(peer, &parts.headers, trusted))
}

/// Who the client is when `peer` sent these headers. Only a trusted peer's forwarding headers are
/// read: `X-Forwarded-For` (or, when there is none, `Forwarded: for=`) is walked from the right,
/// the end the proxies append to, passing over trusted proxies; the first other address is the
/// client. Everything left of it was written by the client and may be false, so it is not read.
/// A hop on the way that cannot be read (`garbage`, an obfuscated `for=_hidden`, a header that is
/// not ASCII) tells nothing: the answer is then the peer. When every hop is a trusted proxy, the
/// left-most is the client.
///
/// A proxy that sets only `Forwarded` must drop an incoming `X-Forwarded-For`, which is preferred
/// because it is what nearly every load balancer appends to.
pub fn forwarded_client(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted.contains(peer) {
        return peer;
    }
    let hops = if headers.contains_key("x-forwarded-for") {
        x_forwarded_for(headers)
    } else if headers.contains_key(header::FORWARDED) {
        forwarded_for(headers)
    } else {
        return peer;
    };
    let Some(hops) = hops else {
        return peer;
    };
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        let Some(address) = hop.and_then(hop_address) else {
            return peer;
        };
        client = address.to_canonical();
        if !trusted.contains(client) {
            break;
        }
    }
    client
}

/// The hops of every `X-Forwarded-For` header, in order; `None` when a header is not ASCII.
fn x_forwarded_for(headers: &HeaderMap) -> Option<Vec<Option<&str>>> {
    let mut hops = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        hops.extend(value.to_str().ok()?.split(',').map(|hop| Some(hop.trim())));
    }
    Some(hops)
}

/// The `for=` node of each element of every `Forwarded` header (RFC 7239), unquoted, in order
/// (`None` for an element without one); `None` when a header is not ASCII.
fn forwarded_for(headers: &HeaderMap) -> Option<Vec<Option<&str>>> {
    let mut hops = Vec::new();
    for value in headers.get_all(header::FORWARDED) {
        for element in value.to_str().ok()?.split(',') {
            let node = element.split(';').find_map(|pair| {
                let (name, value) = pair.trim().split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("for")
                    .then_some(value.trim())
            });
            hops.push(node.map(|node| {
                node.strip_prefix('"')
                    .and_then(|n| n.strip_suffix('"'))
                    .unwrap_or(node)
            }));
        }
    }
    Some(hops)
}

/// An address as proxies write it: `192.0.2.1`, `2001:db8::1`, or with a port `192.0.2.1:4711`,
/// `[2001:db8::1]:4711`, or bracketed `[2001:db8::1]`.
fn hop_address(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = text.parse::<std::net::SocketAddr>() {
        return Some(socket.ip());
    }
    text.strip_prefix('[')?
        .strip_suffix(']')?
        .parse::<std::net::Ipv6Addr>()
        .ok()
        .map(IpAddr::V6)
}

/// The client's address (see [`client_ip`]), for throttling and the security log.
pub struct ClientIp(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts, &state.config.trusted_proxies)))
    }
}

#[cfg(test)]
mod tests {
    use super::{HeaderMap, IpAddr, forwarded_client};

    #[test]
    fn the_client_is_the_first_untrusted_address_from_the_right_and_only_behind_a_trusted_peer() {
        let trusted = "10.0.0.0/8, 192.0.2.10, 2001:db8:ffff::/48"
            .parse()
            .unwrap();
        let lb = "10.0.0.2";
        // (peer, headers, client)
        type Case = (
            &'static str,
            &'static [(&'static str, &'static str)],
            &'static str,
        );
        let cases: &[Case] = &[
            // An untrusted peer's headers are never read.
            ("203.0.113.5", &[], "203.0.113.5"),
            (
                "203.0.113.5",
                &[("x-forwarded-for", "198.51.100.1")],
                "203.0.113.5",
            ),
            (
                "203.0.113.5",
                &[("forwarded", "for=198.51.100.1")],
                "203.0.113.5",
            ),
            (
                "::ffff:203.0.113.5",
                &[("x-forwarded-for", "198.51.100.1")],
                "203.0.113.5",
            ),
            // A trusted peer without headers is the client itself.
            (lb, &[], lb),
            (lb, &[("x-forwarded-for", "198.51.100.1")], "198.51.100.1"),
            (
                "::ffff:10.0.0.2",
                &[("x-forwarded-for", "198.51.100.1")],
                "198.51.100.1",
            ),
            // The left of the chain is the client's word; the right-most untrusted hop is believed.
            (
                lb,
                &[("x-forwarded-for", "1.1.1.1, 198.51.100.1")],
                "198.51.100.1",
            ),
            (
                lb,
                &[("x-forwarded-for", "1.1.1.1, 198.51.100.1, 10.0.0.9")],
                "198.51.100.1",
            ),
            (
                lb,
                &[("x-forwarded-for", "198.51.100.1,192.0.2.10")],
                "198.51.100.1",
            ),
            (
                lb,
                &[
                    ("x-forwarded-for", "1.1.1.1"),
                    ("x-forwarded-for", "198.51.100.1"),
                ],
                "198.51.100.1",
            ),
            (
                lb,
                &[("x-forwarded-for", "198.51.100.1:4711")],
                "198.51.100.1",
            ),
            (lb, &[("x-forwarded-for", "2001:db8::1")], "2001:db8::1"),
            (
                lb,
                &[("x-forwarded-for", "[2001:db8::1]:4711")],
                "2001:db8::1",
            ),
            (
                lb,
                &[("x-forwarded-for", "2001:db8::1, 2001:db8:ffff::1")],
                "2001:db8::1",
            ),
            (
                lb,
                &[("x-forwarded-for", "::ffff:198.51.100.1")],
                "198.51.100.1",
            ),
            // Every hop a proxy: the left-most.
            (lb, &[("x-forwarded-for", "10.1.1.1, 10.2.2.2")], "10.1.1.1"),
            // Unreadable: the peer.
            (lb, &[("x-forwarded-for", "")], lb),
            (lb, &[("x-forwarded-for", "198.51.100.1, ")], lb),
            (lb, &[("x-forwarded-for", "1.1.1.1, garbage")], lb),
            (
                lb,
                &[("x-forwarded-for", "garbage, 198.51.100.1")],
                "198.51.100.1",
            ),
            (lb, &[("x-forwarded-for", "garbage, 10.0.0.9")], lb),
            (lb, &[("x-forwarded-for", "198.51.100.1 198.51.100.2")], lb),
            (lb, &[("x-forwarded-for", "unknown")], lb),
            (lb, &[("x-forwarded-for", "198.51.100.1\u{e9}")], lb),
            (lb, &[("x-forwarded-for", "198.51.100.300")], lb),
            // RFC 7239.
            (lb, &[("forwarded", "for=198.51.100.1")], "198.51.100.1"),
            (
                lb,
                &[("forwarded", "For=\"198.51.100.1:80\";proto=https")],
                "198.51.100.1",
            ),
            (
                lb,
                &[("forwarded", "for=1.1.1.1, for=\"[2001:db8::7]:4711\"")],
                "2001:db8::7",
            ),
            (
                lb,
                &[("forwarded", "proto=https;for=198.51.100.1;by=10.0.0.2")],
                "198.51.100.1",
            ),
            (
                lb,
                &[("forwarded", "for=198.51.100.1, for=10.0.0.3")],
                "198.51.100.1",
            ),
            (
                lb,
                &[
                    ("forwarded", "for=1.1.1.1"),
                    ("forwarded", "for=198.51.100.1"),
                ],
                "198.51.100.1",
            ),
            (lb, &[("forwarded", "for=unknown")], lb),
            (
                lb,
                &[("forwarded", "for=_hidden, for=198.51.100.1")],
                "198.51.100.1",
            ),
            (lb, &[("forwarded", "for=198.51.100.1, for=_hidden")], lb),
            (lb, &[("forwarded", "proto=https")], lb),
            (lb, &[("forwarded", "for=198.51.100.1, proto=https")], lb),
            (lb, &[("forwarded", "for=\"[2001:db8::7\"")], lb),
            // X-Forwarded-For is preferred when both are sent.
            (
                lb,
                &[
                    ("forwarded", "for=1.1.1.1"),
                    ("x-forwarded-for", "198.51.100.1"),
                ],
                "198.51.100.1",
            ),
        ];
        for (peer, headers, expected) in cases {
            let mut map = HeaderMap::new();
            for (name, value) in *headers {
                map.append(*name, value.parse().unwrap());
            }
            let peer: IpAddr = peer.parse().unwrap();
            let expected: IpAddr = expected.parse().unwrap();
            assert_eq!(
                forwarded_client(peer, &map, &trusted),
                expected,
                "{peer} {headers:?}"
            );
        }
        // With no proxy trusted (the default) nothing is ever read.
        let mut map = HeaderMap::new();
        map.insert("x-forwarded-for", "198.51.100.1".parse().unwrap());
        let none = Default::default();
        let peer: IpAddr = "10.0.0.2".parse().unwrap();
        assert_eq!(forwarded_client(peer, &map, &none), peer);
    }
}
