//! The cross-cutting layers: the reader's language, error pages, security headers, tracing.

use std::any::Any;

use askama::Template as _;
use axum::{
    body::Body,
    extract::Request,
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

use crate::{
    error::{AppError, ErrorPage},
    i18n::{LANG_COOKIE, Lang},
    views::{Page, errors::ErrorView},
};

/// How long the language cookie remembers a choice.
const LANG_COOKIE_MAX_AGE: time::Duration = time::Duration::days(365);

/// The policy every response carries; no inline script or style is ever needed.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; object-src 'none'; base-uri 'none'; \
     frame-ancestors 'none'; form-action 'self'";

/// Decides the reader's language — `?lang=`, then the cookie, then `Accept-Language` — puts it in
/// the request's extensions, and remembers an explicit choice in a cookie (`Secure` when the site
/// is served over HTTPS, like the session's).
pub async fn locale(https: bool, jar: CookieJar, mut req: Request, next: Next) -> Response {
    let chosen = req.uri().query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| Lang::parse(&v))
    });
    let lang = chosen
        .or_else(|| jar.get(LANG_COOKIE).and_then(|c| Lang::parse(c.value())))
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default();
    req.extensions_mut().insert(lang);
    let response = next.run(req).await;
    match chosen {
        Some(lang) => {
            let cookie = Cookie::build((LANG_COOKIE, lang.code()))
                .path("/")
                .max_age(LANG_COOKIE_MAX_AGE)
                .same_site(SameSite::Lax)
                .http_only(true)
                .secure(https)
                .build();
            (jar.add(cookie), response).into_response()
        }
        None => response,
    }
}

/// Renders every error response that has no body of its own — ours, marked with [`ErrorPage`],
/// and the framework's (unknown route, wrong method, body too large, timeout, panic) — as a page in
/// the reader's language with the request id, or as JSON under `/api/`.
///
/// A 500 from a request that found the database unreachable is a 503 (the session layers answer a
/// bare 500 whatever failed; see `error::note_unreachable`), and every 503 says when to retry.
pub async fn render_errors(req: Request, next: Next) -> Response {
    let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
    let page =
        Page::new(lang, req.uri().path(), req.uri().query()).answering(req.method(), req.headers());
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (mut response, unreachable) = crate::error::watch_unreachable(next.run(req)).await;
    if unreachable && response.status() == StatusCode::INTERNAL_SERVER_ERROR {
        tracing::warn!("database unreachable; answering 503");
        *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    }
    let status = response.status();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .entry(header::RETRY_AFTER)
            .or_insert_with(|| HeaderValue::from(crate::error::RETRY_AFTER.as_secs()));
    }
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let marker = response.extensions().get::<ErrorPage>().cloned();
    let rendered = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.starts_with("application/json"));
    if marker.is_none() && rendered {
        // A handler already rendered its own error body (e.g. a form shown again with its errors);
        // bare or plain-text bodies come from the framework's layers and are rendered here.
        return response;
    }
    let detail = marker.and_then(|m| m.detail);
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let (body, content_type) = if page.path.starts_with("/api/") {
        let (title, _) = crate::views::errors::messages(status);
        let body = crate::routes::api::ErrorBody {
            error: crate::routes::api::ErrorObject {
                status: status.as_u16(),
                title: lang.t(title),
                detail: detail.map(|d| d.to_string()),
                request_id: request_id.map(|r| r.to_string()),
                code: None,
                errors: Vec::new(),
                current_version: None,
            },
        };
        let json = serde_json::to_string(&body).expect("an error body serialises");
        (json, "application/json")
    } else {
        let view = ErrorView::new(page, status, detail, request_id);
        match view.render() {
            Ok(html) => (html, "text/html; charset=utf-8"),
            Err(err) => {
                tracing::error!(error = %err, "could not render the error page");
                (status.to_string(), "text/plain; charset=utf-8")
            }
        }
    };
    parts
        .headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    Response::from_parts(parts, Body::from(body))
}

/// Refuses with 400, before routing, a request whose path holds a control character (NUL among
/// them) or bytes that are not UTF-8 once percent-decoded, or whose query string holds a NUL:
/// no extractor, handler or query ever sees one (PostgreSQL refuses NUL in text, which made
/// `/api/v1/partnerships/%00` a 500).
pub async fn refuse_unreadable_targets(req: Request, next: Next) -> Response {
    if let Some(key) = unreadable_target(req.uri()) {
        let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
        return AppError::BadRequest(lang.t(key)).into_response();
    }
    next.run(req).await
}

/// The catalogue key of what is wrong with the request's target, if anything.
fn unreadable_target(uri: &axum::http::Uri) -> Option<&'static str> {
    let path = percent_decode(uri.path().as_bytes());
    if std::str::from_utf8(&path).map_or(true, |p| p.chars().any(char::is_control)) {
        return Some("request-error-path");
    }
    let nul = uri.query().is_some_and(|q| {
        form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k.contains('\0') || v.contains('\0'))
    });
    nul.then_some("request-error-query")
}

/// `%XX` escapes decoded; a `%` not followed by two hex digits is kept as it is.
fn percent_decode(input: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        if input[i] == b'%'
            && let (Some(h), Some(l)) = (
                input.get(i + 1).copied().and_then(hex),
                input.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(h << 4 | l);
            i += 3;
        } else {
            out.push(input[i]);
            i += 1;
        }
    }
    out
}

/// The longest file name the static directory can hold (`NAME_MAX` on Linux).
pub const STATIC_NAME_MAX_BYTES: usize = 255;

/// A static path with a longer name is no file of ours: answered 404 here, because the file
/// system answers ENAMETOOLONG, which `ServeDir` turns into a 500.
pub async fn refuse_impossible_file_names(req: Request, next: Next) -> Response {
    let path = percent_decode(req.uri().path().as_bytes());
    if path
        .split(|b| *b == b'/')
        .any(|name| name.len() > STATIC_NAME_MAX_BYTES)
    {
        return AppError::NotFound.into_response();
    }
    next.run(req).await
}

/// Counts requests and times them, by method, route template and status.
pub async fn record_metrics(req: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let method = req.method().as_str().to_owned();
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(req).await;
    let labels = [
        ("method", method),
        ("route", route),
        ("status", response.status().as_u16().to_string()),
    ];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    response
}

/// CSRF refusals are security events: logged with the request's origin, never its body.
pub async fn log_csrf_refusals(req: Request, next: Next) -> Response {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let path = req.uri().path().to_owned();
    let response = next.run(req).await;
    if let Some(err) = response
        .extensions()
        .get::<tower_http::csrf::ProtectionError>()
    {
        tracing::warn!(target: "security", kind = ?err.kind(), %origin, %path, "cross-site request refused");
    }
    response
}

/// A panic becomes a plain 500 (rendered by `render_errors`); its message is logged, never shown.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "handler panicked");
    let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
    response.extensions_mut().insert(ErrorPage::default());
    response
}

/// Paths whose responses are personal or restricted and must never be stored by a cache.
const PRIVATE_PREFIXES: [&str; 5] = ["/app", "/account", "/login", "/logout", "/api"];

/// Headers on every response, static files and errors included.
pub async fn security_headers(https: bool, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let private = PRIVATE_PREFIXES.iter().any(|p| path.starts_with(p))
        || req.headers().get_all(header::COOKIE).iter().any(|c| {
            c.to_str()
                .is_ok_and(|c| c.contains(crate::auth::SESSION_COOKIE))
        });
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    if private {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    // For the browsers that do not read CSP's `frame-ancestors`.
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    headers.remove(header::SERVER);
    response
}

/// The span each request's events are logged in, with its id.
pub fn request_span(req: &Request<Body>) -> tracing::Span {
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %req.method(),
        path = %req.uri().path(),
        request_id = %request_id,
    )
}

#[cfg(test)]
mod tests {
    use super::{percent_decode, unreadable_target};

    #[test]
    fn targets_with_control_characters_or_invalid_utf8_are_unreadable() {
        let key = |target: &str| unreadable_target(&target.parse().unwrap());
        assert_eq!(key("/api/v1/partnerships/eu-canada"), None);
        assert_eq!(key("/app/commitments/25%28c%29?q=%C3%A9t%C3%A9"), None);
        assert_eq!(key("/app/search?q=100%25+sure"), None);
        assert_eq!(key("/api/v1/partnerships/%00"), Some("request-error-path"));
        assert_eq!(key("/areas/a%0Ab"), Some("request-error-path"));
        assert_eq!(key("/areas/a%C2%85b"), Some("request-error-path"));
        assert_eq!(key("/areas/%FF%FE"), Some("request-error-path"));
        assert_eq!(key("/areas/%C0%80"), Some("request-error-path"));
        assert_eq!(key("/app/search?q=a%00b"), Some("request-error-query"));
        assert_eq!(key("/app/search?a%00=b"), Some("request-error-query"));
        assert_eq!(percent_decode(b"%41%zz%4"), b"A%zz%4");
    }
}
