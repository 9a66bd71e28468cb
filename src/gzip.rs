//! Pages kept in memory are kept gzipped too, compressed once rather than on every request: the
//! public pages (`public_cache`) and the signed-in pages kept per reader (`routes::app::for_reader`).
//! Every browser takes gzip; a client that does not gets the page inflated again.
//!
//! No page compressed here holds a secret of the session: CSRF is checked on the request's
//! `Origin` and `Sec-Fetch-Site` headers, not with a token written into pages, and the session
//! cookie is never in a body. So a compressed page's length tells nothing of a credential.

use std::io::{Read as _, Write as _};

use axum::http::{HeaderMap, header};
use flate2::{Compression, read::GzDecoder, write::GzEncoder};

/// `body` gzipped at `level` (0–9: 1 is fastest, 9 smallest).
pub fn compress(body: &[u8], level: u32) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::with_capacity(body.len() / 4), Compression::new(level));
    gz.write_all(body).expect("writing to memory cannot fail");
    gz.finish().expect("writing to memory cannot fail")
}

/// What [`compress`] compressed.
pub fn decompress(gzipped: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::with_capacity(gzipped.len() * 6);
    GzDecoder::new(gzipped).read_to_end(&mut body)?;
    Ok(body)
}

/// Whether `Accept-Encoding` takes gzip (`gzip` or `*`, with a non-zero quality).
pub fn accepted(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q == 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn gzip_is_served_when_accepted() {
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(v));
            accepted(&h)
        };
        assert!(with("gzip, deflate, br, zstd"));
        assert!(with("br;q=1.0, GZIP;q=0.5"));
        assert!(with("*"));
        assert!(!with("gzip;q=0"));
        assert!(!with("br, deflate"));
        assert!(!with("identity"));
        assert!(!accepted(&HeaderMap::new()));
    }

    #[test]
    fn what_is_compressed_comes_back_the_same() {
        let page = "<p>Sécurité et défense</p>".repeat(500);
        let gzipped = compress(page.as_bytes(), 1);
        assert!(gzipped.len() < page.len() / 10, "{}", gzipped.len());
        assert_eq!(decompress(&gzipped).unwrap(), page.as_bytes());
        assert!(decompress(b"not gzip").is_err());
    }
}
