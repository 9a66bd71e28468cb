//! `/app`: the dashboard — the deadline, my commitments, what my side still owes, recent
//! activity, divergences.

use askama::Template as _;
use axum::{
    Router,
    body::Bytes,
    extract::{Query, State},
    http::HeaderMap,
    response::Response,
    routing::get,
};
use serde::Deserialize;

use super::for_reader;
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

/// The dashboard, rendered once per reader, day and data (see `for_reader`).
async fn get_dashboard(
    State(state): State<AppState>,
    headers: HeaderMap,
    page: Page,
    Authorized(user, _): CurrentUser,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let user = user.account;
    let today = state.clock.today();
    let password_changed = q.done.as_deref() == Some("password");
    let key = for_reader::key(("dashboard", today, password_changed), &page, &user);
    let render = async {
        let data = crate::page_data::dashboard(&state)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut page = page;
        // The commitments listed carry their area's title.
        page.text_notice = data.board.as_ref().is_some_and(|b| {
            b.rows
                .iter()
                .any(|r| r.info.area_title.exact(page.lang).is_none())
        });
        let view = DashboardView {
            page,
            user,
            data,
            today,
            password_changed,
        };
        Ok::<_, AppError>(Bytes::from(view.render()?))
    };
    for_reader::html(&state, &headers, key, render).await
}
