//! Where a sign-in may send the browser afterwards: only somewhere on this site.

/// Where to go after signing in when no acceptable `next` was given.
pub const DEFAULT_AFTER_LOGIN: &str = "/app";

/// Only a local path may be a redirect target (no open redirects).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => DEFAULT_AFTER_LOGIN.to_owned(),
    }
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
    }
}
