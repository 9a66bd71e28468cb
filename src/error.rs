//! One error type for the whole application.
//!
//! Handlers return `Result<_, AppError>`. `IntoResponse` only sets the status and attaches an
//! [`ErrorPage`] marker; the `render_errors` middleware in `routes` then renders every error
//! response — these and the ones the framework makes itself (404, 405, 413, timeouts) — as a page in
//! the reader's language with the request id, or as JSON under `/api`.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Bad input; the message is shown to the user and must already be in their language.
    #[error("{0}")]
    BadRequest(String),
    #[error("forbidden")]
    Forbidden,
    #[error("request body too large")]
    PayloadTooLarge,
    /// Too many attempts; the message is shown to the user.
    #[error("{0}")]
    TooManyRequests(String),
    #[error("database unavailable")]
    Unavailable,
    #[error(transparent)]
    Database(sqlx::Error),
    #[error(transparent)]
    Template(#[from] askama::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            // An outage is a 503, not a bug.
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                AppError::Unavailable
            }
            other => AppError::Database(other),
        }
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(_) | AppError::Template(_) | AppError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

/// Marks a response as an error to be rendered; carries the only detail a user may see.
#[derive(Debug, Clone, Default)]
pub struct ErrorPage {
    pub detail: Option<String>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let detail = match &self {
            AppError::BadRequest(message) | AppError::TooManyRequests(message) => {
                Some(message.clone())
            }
            _ => None,
        };
        if status.is_server_error() {
            // Logged once, here, inside the request's span (which carries the request id).
            tracing::error!(error = ?self, "request failed");
        }
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorPage { detail });
        response
    }
}
