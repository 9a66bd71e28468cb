//! One error type for the whole application.
//!
//! Handlers return `Result<_, AppError>`. `IntoResponse` only sets the status and attaches an
//! [`ErrorPage`] marker; the `render_errors` middleware in `routes` then renders every error
//! response — these and the ones the framework makes itself (404, 405, 413, timeouts) — as a page in
//! the reader's language with the request id, or as JSON under `/api`.
//!
//! A database that cannot be reached is an outage, not a bug: [`database_unreachable`] is the one
//! place that decides which database errors are, and they become a 503 with `Retry-After`.

use std::{cell::Cell, future::Future, time::Duration};

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

/// What a 503 asks the client to wait before trying again (`Retry-After`). PostgreSQL restarting
/// after a crash replays its log and accepts connections again in a few seconds, and the pool
/// reconnects on the next request; a client that retries at once only adds load meanwhile.
pub const RETRY_AFTER: Duration = Duration::from_secs(5);

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
    /// The database could not be reached ([`database_unreachable`]).
    #[error("database unreachable: {0}")]
    Unavailable(sqlx::Error),
    /// Too much of one kind of work is under way (e.g. every report render slot is taken); a 503
    /// with `Retry-After`. The message is shown to the user and must already be in their language.
    #[error("busy: {0}")]
    Busy(String),
    #[error(transparent)]
    Database(sqlx::Error),
    #[error(transparent)]
    Template(#[from] askama::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        if database_unreachable(&err) {
            AppError::Unavailable(err)
        } else {
            AppError::Database(err)
        }
    }
}

/// Whether `err` means that the database could not be reached — no connection to be had, the
/// connection lost, or the server shutting down or starting — rather than that a query is wrong.
/// The request may succeed later; nothing it did was committed unless the commit returned.
pub fn database_unreachable(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_) => true,
        sqlx::Error::Database(e) => e.code().is_some_and(|code| unreachable_sqlstate(&code)),
        _ => false,
    }
}

/// SQLSTATEs of an unreachable server: class 08 (connection exception), 57P01–57P03 (shut down
/// by an administrator or a crash, cannot connect now) and 53300 (too many connections).
fn unreachable_sqlstate(code: &str) -> bool {
    code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03" | "53300")
}

tokio::task_local! {
    /// Whether something in this request found the database unreachable.
    static UNREACHABLE: Cell<bool>;
}

/// Notes for the request being served that the database was unreachable, when `err` says so.
///
/// For code whose errors lose their type on the way out: the session store and the login
/// backend, whose failures tower-sessions and axum-login turn into a bare 500 by themselves.
/// `render_errors` (see [`watch_unreachable`]) then answers 503 instead.
pub fn note_unreachable(err: &sqlx::Error) {
    if database_unreachable(err) {
        // Outside a request (the session clean-up task) there is nobody to tell.
        let _ = UNREACHABLE.try_with(|seen| seen.set(true));
    }
}

/// Runs a request, returning its outcome and whether [`note_unreachable`] was called meanwhile.
pub async fn watch_unreachable<F: Future>(request: F) -> (F::Output, bool) {
    UNREACHABLE
        .scope(Cell::new(false), async move {
            let output = request.await;
            (output, UNREACHABLE.with(Cell::get))
        })
        .await
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable(_) | AppError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
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
            AppError::BadRequest(message) | AppError::Busy(message) => Some(message.clone()),
            _ => None,
        };
        // Logged once, here, inside the request's span (which carries the request id). An
        // outage is not a bug: a warning per request, the cause in one line.
        if let AppError::Unavailable(err) = &self {
            tracing::warn!(error = %err, "database unreachable");
        } else if let AppError::Busy(_) = &self {
            tracing::warn!(error = %self, "refused: busy");
        } else if status.is_server_error() {
            tracing::error!(error = ?self, "request failed");
        }
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorPage { detail });
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreachable_means_no_connection_not_a_wrong_query() {
        for unreachable in [
            sqlx::Error::PoolTimedOut,
            sqlx::Error::PoolClosed,
            sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionReset)),
            sqlx::Error::Tls("handshake failed".into()),
        ] {
            assert!(database_unreachable(&unreachable), "{unreachable:?}");
            assert_eq!(
                AppError::from(unreachable).status(),
                StatusCode::SERVICE_UNAVAILABLE
            );
        }
        for bug in [
            sqlx::Error::RowNotFound,
            sqlx::Error::ColumnNotFound("x".into()),
            sqlx::Error::Protocol("unexpected message".into()),
        ] {
            assert!(!database_unreachable(&bug), "{bug:?}");
            assert_eq!(
                AppError::from(bug).status(),
                StatusCode::INTERNAL_SERVER_ERROR
            );
        }
    }

    #[test]
    fn connection_sqlstates_are_unreachable_others_are_not() {
        for code in [
            "08000", "08003", "08006", "08P01", "57P01", "57P02", "57P03", "53300",
        ] {
            assert!(unreachable_sqlstate(code), "{code}");
        }
        // Serialization failure, unique violation, syntax error, query cancelled, disk full.
        for code in ["40001", "23505", "42601", "57014", "53100"] {
            assert!(!unreachable_sqlstate(code), "{code}");
        }
    }

    #[tokio::test]
    async fn an_unreachable_database_noted_in_a_request_is_seen_by_its_watcher_only() {
        let (_, seen) = watch_unreachable(async {
            note_unreachable(&sqlx::Error::RowNotFound);
        })
        .await;
        assert!(!seen);
        let (_, seen) = watch_unreachable(async {
            note_unreachable(&sqlx::Error::PoolTimedOut);
        })
        .await;
        assert!(seen);
        // Outside a watched request it is a no-op, not a panic.
        note_unreachable(&sqlx::Error::PoolTimedOut);
    }
}
