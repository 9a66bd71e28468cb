//! `app(state)` builds the whole application: every feature router and the tower layers.

mod account;
mod account_mail;
mod api;
mod app;
mod help;
mod middleware;
mod ops;
mod public;
mod unread_body;

use std::time::Duration;

use axum::{
    Router,
    http::HeaderValue,
    middleware::{from_fn, from_fn_with_state},
};
use tower_http::{
    catch_panic::CatchPanicLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

use axum_login::AuthManagerLayerBuilder;
use tower_http::csrf::CsrfLayer;

use crate::{auth, state::AppState};

/// Largest body a form or API request may have, unless its route says otherwise.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Largest body of an assessment (form or API): a 20,000-character narrative in a language with
/// accents takes up to 9 bytes a character once URL-encoded, plus ten evidence links.
pub const MAX_ASSESSMENT_BODY_BYTES: usize = 256 * 1024;

/// Largest body of a spreadsheet upload (multipart): the file and the form's few fields.
pub const MAX_SHEET_BODY_BYTES: usize = crate::sheets::MAX_FILE_BYTES + 64 * 1024;

/// Largest body of any request: no route accepts more (the spreadsheet upload is the largest).
pub const MAX_REQUEST_BODY_BYTES: usize = MAX_SHEET_BODY_BYTES;

/// A request that takes longer than this is answered 503 rather than left hanging.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Where a user with a one-time password is sent before anything else.
pub const CHANGE_PASSWORD_PATH: &str = "/account/password";

/// How long browsers may keep a static file.
pub const STATIC_MAX_AGE: &str = "public, max-age=86400";

pub fn app(state: AppState) -> Router {
    // The process-wide metrics recorder must exist before the first request is counted.
    crate::telemetry::metrics();
    let https = state.config.https;
    let static_files = Router::new()
        .fallback_service(ServeDir::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/static"
        )))
        .layer(SetResponseHeaderLayer::overriding(
            axum::http::header::CACHE_CONTROL,
            HeaderValue::from_static(STATIC_MAX_AGE),
        ))
        .layer(from_fn(middleware::refuse_impossible_file_names));

    // Sessions are looked up only for pages; static files and probes never touch the store.
    let auth_layer = AuthManagerLayerBuilder::new(
        auth::Backend::new(state.db.clone(), state.auth_cache.clone()),
        auth::session_layer(state.db.clone(), state.auth_cache.clone(), https),
    )
    .build();
    let pages = Router::new()
        .merge(public::router())
        .merge(help::router())
        .merge(account::router())
        .merge(account_mail::router())
        .merge(app::router())
        .merge(api::router())
        .layer(from_fn(auth::refresh_session))
        .layer(auth_layer);

    Router::new()
        .merge(pages)
        .merge(ops::router())
        .nest("/static", static_files)
        .layer(from_fn(middleware::record_metrics))
        // A change through this instance is on its next dashboard, before any notification.
        .layer(from_fn_with_state(
            state.board_cache.clone(),
            crate::board_cache::invalidate_after_writes,
        ))
        .with_state(state)
        // The last layer added is the outermost. Errors made by the inner layers (CSRF refusal,
        // body too large, timeout, panic) pass through `render_errors`, which runs inside `locale`.
        .layer(CsrfLayer::new())
        .layer(from_fn(middleware::log_csrf_refusals))
        // Extractors read at most MAX_BODY_BYTES unless a route raises it; nothing reads more
        // than the largest per-route limit.
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_REQUEST_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        .layer(from_fn(middleware::refuse_unreadable_targets))
        .layer(from_fn(middleware::render_errors))
        .layer(from_fn(move |jar, req, next| {
            middleware::locale(https, jar, req, next)
        }))
        .layer(from_fn(move |req, next| {
            middleware::security_headers(https, req, next)
        }))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(middleware::request_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(from_fn(unread_body::close_when_unread))
}
