//! The error page, rendered by the `render_errors` middleware for every error response.

use askama::Template;
use axum::http::StatusCode;

use super::Page;

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorView {
    pub page: Page,
    pub status: u16,
    pub title: String,
    pub body: String,
    pub detail: Option<String>,
    pub request_id: Option<String>,
}

impl ErrorView {
    pub fn new(
        page: Page,
        status: StatusCode,
        detail: Option<String>,
        request_id: Option<String>,
    ) -> ErrorView {
        let (title, body) = messages(status);
        ErrorView {
            title: page.t(title),
            body: page.t(body),
            page,
            status: status.as_u16(),
            detail,
            request_id,
        }
    }
}

/// Catalogue keys of the title and explanation for a status.
pub fn messages(status: StatusCode) -> (&'static str, &'static str) {
    match status {
        StatusCode::NOT_FOUND => ("error-not-found-title", "error-not-found-body"),
        StatusCode::FORBIDDEN => ("error-forbidden-title", "error-forbidden-body"),
        StatusCode::METHOD_NOT_ALLOWED => ("error-method-title", "error-method-body"),
        StatusCode::PAYLOAD_TOO_LARGE => ("error-too-large-title", "error-too-large-body"),
        StatusCode::TOO_MANY_REQUESTS => ("error-too-many-title", "error-too-many-body"),
        StatusCode::SERVICE_UNAVAILABLE
        | StatusCode::REQUEST_TIMEOUT
        | StatusCode::GATEWAY_TIMEOUT => ("error-unavailable-title", "error-unavailable-body"),
        s if s.is_client_error() => ("error-bad-request-title", "error-bad-request-body"),
        _ => ("error-server-title", "error-server-body"),
    }
}
