//! `/app`: the dashboard — the deadline, my commitments, what my side still owes, recent
//! activity, divergences.

use axum::{
    Router,
    extract::{Query, State},
    routing::get,
};
use serde::Deserialize;

use crate::{
    error::AppError,
    extract::{Authorized, CurrentUser},
    state::AppState,
    views::{Page, dashboard::DashboardView},
};

pub fn router() -> Router<AppState> {
    Router::new().route("/app", get(get_dashboard))
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

async fn get_dashboard(
    State(state): State<AppState>,
    page: Page,
    Authorized(user, _): CurrentUser,
    Query(q): Query<Done>,
) -> Result<DashboardView, AppError> {
    let data = state
        .board_cache
        .dashboard(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(DashboardView {
        page,
        user: user.account,
        data,
        today: state.clock.today(),
        password_changed: q.done.as_deref() == Some("password"),
    })
}
