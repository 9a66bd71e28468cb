//! Where a sign-in may send the browser afterwards: only somewhere on this site.

/// Where to go after signing in when no acceptable `next` was given.
pub const DEFAULT_AFTER_LOGIN: &str = "/app";

/// How many layers of percent-encoding are peeled off before giving up on a `next`: a real one
/// has at most one (`%28` in `25%28c%29`), and each layer an attacker adds is one more decoding
/// a server or proxy on the way might do.
pub const MAX_DECODING_LAYERS: usize = 4;

/// Where to send the browser after signing in: `next` when it is a path on this site, otherwise
/// [`DEFAULT_AFTER_LOGIN`].
pub fn safe_next(next: Option<&str>) -> String {
    next.filter(|n| is_local_path(n))
        .unwrap_or(DEFAULT_AFTER_LOGIN)
        .to_owned()
}

/// Whether `next` is a path on this site: it starts with one `/` and holds no `//`, no backslash
/// and no control or space character, as written and after each layer of percent-decoding.
/// Browsers drop tabs and line breaks from URLs and read `\` as `/`, so `/\t/evil.example` and
/// `/\evil.example` are other sites to them; a line break would also split the `Location` header.
pub fn is_local_path(next: &str) -> bool {
    let mut layer = std::borrow::Cow::Borrowed(next);
    for _ in 0..=MAX_DECODING_LAYERS {
        if !is_plain_local_path(&layer) {
            return false;
        }
        let Ok(decoded) = percent_encoding::percent_decode_str(&layer).decode_utf8() else {
            return false;
        };
        if decoded == layer {
            return true;
        }
        layer = std::borrow::Cow::Owned(decoded.into_owned());
    }
    false
}

fn is_plain_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.contains("//")
        && !path.contains('\\')
        && !path.chars().any(|c| c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shapes of `next` known to send browsers to another site, or to break the `Location`
    /// header, in redirect filters that check too little.
    const REFUSED: &[&str] = &[
        "",
        "evil.example",
        "https://evil.example",
        "http:evil.example",
        "javascript:alert(1)",
        "@evil.example",
        "//evil.example",
        "///evil.example",
        "////evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/\\/evil.example",
        "/app//evil.example",
        // A tab or line break inside the scheme-relative slashes: browsers drop them.
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r/evil.example",
        " //evil.example",
        "\t//evil.example",
        "/ /evil.example",
        // Header injection.
        "/\r\nSet-Cookie: sdp_session=x",
        "/\r\nLocation: https://evil.example",
        // The same, percent-encoded once or twice.
        "/%09/evil.example",
        "/%2F/evil.example",
        "/%2f%2fevil.example",
        "/%5Cevil.example",
        "/%5c%5cevil.example",
        "/%0D%0ASet-Cookie:%20x=1",
        "/%00",
        "/%20/evil.example",
        "/%252F%252Fevil.example",
        "/%25252F%25252Fevil.example",
        "%2F%2Fevil.example",
        "%2F%09%2Fevil.example",
        // Control and space characters beyond ASCII.
        "/\u{7f}",
        "/\u{85}/evil.example",
        "/\u{a0}/evil.example",
        "/\u{3000}/evil.example",
        "/%E3%80%80/evil.example",
        "/%C2%85/evil.example",
        // Not UTF-8 once decoded (an overlong `/`).
        "/%C0%AF%C0%AFevil.example",
    ];

    const ACCEPTED: &[&str] = &[
        "/",
        "/app",
        "/app/commitments?area=3&sort=ref",
        "/app/commitments/25%28c%29",
        "/app/cycles/2026/report.html?lang=fr",
        "/app/search?q=d%C3%A9fense",
        "/account/password",
    ];

    #[test]
    fn only_a_path_on_this_site_is_followed() {
        // Every shape is tried before failing, so that one run lists them all.
        let followed: Vec<&str> = REFUSED
            .iter()
            .copied()
            .filter(|next| safe_next(Some(next)) != DEFAULT_AFTER_LOGIN)
            .collect();
        assert!(followed.is_empty(), "followed: {followed:?}");
        let refused: Vec<&str> = ACCEPTED
            .iter()
            .copied()
            .filter(|next| safe_next(Some(next)) != *next)
            .collect();
        assert!(refused.is_empty(), "refused: {refused:?}");
        assert_eq!(safe_next(None), DEFAULT_AFTER_LOGIN);
        assert!(REFUSED.len() >= 20);
    }

    #[test]
    fn a_next_encoded_more_often_than_any_real_one_is_refused() {
        // `/%61pp` is `/app` encoded once, `/%2561pp` twice, and so on.
        let encoded = |times: usize| format!("/%{}61pp", "25".repeat(times - 1));
        assert!(is_local_path(&encoded(MAX_DECODING_LAYERS)));
        assert!(!is_local_path(&encoded(MAX_DECODING_LAYERS + 1)));
        // A lone `%` is not an escape and decodes to itself.
        assert!(is_local_path("/app/search?q=100%2525"));
    }
}
