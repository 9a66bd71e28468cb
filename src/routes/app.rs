//! The internal application under `/app`: every route needs a login (see `extract::Authorized`).

use axum::Router;

use crate::state::AppState;

mod admin;
mod audit;
mod commitments;
mod cycles;
mod home;
mod reconcile;
mod report;
mod search;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(home::router())
        .merge(admin::router())
        .merge(audit::router())
        .merge(commitments::router())
        .merge(cycles::router())
        .merge(reconcile::router())
        .merge(report::router())
        .merge(search::router())
}
