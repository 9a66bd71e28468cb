//! `/app`: the dashboard — the deadline, my commitments, what my side still owes, recent
//! activity, divergences.

use axum::{
    Router,
    extract::{Query, State},
    routing::get,
};
use serde::Deserialize;

use crate::{
    db::{assessments, cycles, partnership},
    error::AppError,
    extract::{Authorized, CurrentUser},
    state::AppState,
    tracking,
    views::{Page, dashboard::DashboardView},
};

/// How many recent revisions the dashboard lists.
pub const RECENT_ACTIVITY: i64 = 10;

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
    let partnership = partnership::find_default(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let cycle = cycles::current(&state.db, partnership.id).await?;
    let (board, recent) = match cycle {
        Some(cycle) => {
            let recent = assessments::recent(&state.db, cycle.id, RECENT_ACTIVITY).await?;
            (Some(tracking::board(&state.db, cycle).await?), recent)
        }
        None => (None, Vec::new()),
    };
    Ok(DashboardView {
        page,
        user: user.account,
        board,
        recent,
        today: chrono::Utc::now().date_naive(),
        password_changed: q.done.as_deref() == Some("password"),
    })
}
