//! The internal application under `/app`: every route needs a login (see `extract::Authorized`).

use axum::{
    Router,
    http::{HeaderMap, HeaderValue, header},
    response::Response,
};

use crate::{db::partnership::Partnership, error::AppError, state::AppState};

mod admin;
mod areas;
mod audit;
mod chase;
mod commitments;
mod cycle_lifecycle;
mod cycles;
mod for_reader;
mod home;
mod list;
mod outbox;
mod reconcile;
mod report;
mod search;
mod sheets;
mod submissions;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(home::router())
        .merge(outbox::router())
        .merge(list::router())
        .merge(admin::router())
        .merge(areas::router())
        .merge(audit::router())
        .merge(chase::router())
        .merge(commitments::router())
        .merge(cycles::router())
        .merge(cycle_lifecycle::router())
        .merge(reconcile::router())
        .merge(report::router())
        .merge(search::router())
        .merge(submissions::router())
        .merge(sheets::router())
}

/// Is this an htmx request for a fragment (not a history restore, which wants the whole page)?
fn wants_fragment(headers: &HeaderMap) -> bool {
    let is = |name: &str| headers.get(name).is_some_and(|v| v.as_bytes() == b"true");
    is("hx-request") && !is("hx-history-restore-request")
}

/// Fragments and pages share a URL: caches must tell them apart.
fn vary_on_htmx(mut response: Response) -> Response {
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("HX-Request"));
    response
}

async fn default_partnership(state: &AppState) -> Result<Partnership, AppError> {
    crate::page_data::default_partnership(state)
        .await?
        .ok_or(AppError::NotFound)
}
