//! `/app`: the dashboard — the deadline, my commitments, what my side still owes, recent
//! activity, divergences.

use askama::Template as _;
use axum::{
    Router,
    body::Bytes,
    extract::{Query, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get,
};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::{
    db::users::UserRow,
    error::AppError,
    extract::{Authorized, CurrentUser},
    page_cache::Key,
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

/// The dashboard, rendered once per reader and data: it is the page every signed-in request
/// starts from, and between two changes of the board it is the same for the same reader.
async fn get_dashboard(
    State(state): State<AppState>,
    page: Page,
    Authorized(user, _): CurrentUser,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let user = user.account;
    let today = state.clock.today();
    let password_changed = q.done.as_deref() == Some("password");
    let key = Key::ForReader(reader_key(&page, &user, today, password_changed));
    // The data is read inside the render, so that the body kept belongs to the same generation
    // of the cache as the data it shows (a body rendered from data older than a clear is not
    // kept).
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
    let body = state.board_cache.pages.get_or_load(key, render).await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        Bytes::clone(&body),
    )
        .into_response())
}

/// Everything the dashboard shows besides the shared data: the reader's account, the request
/// (language, address, query) and the day. Two requests with the same key get the same page.
fn reader_key(page: &Page, user: &UserRow, today: NaiveDate, password_changed: bool) -> String {
    let UserRow {
        id,
        email,
        display_name,
        role,
        side,
        organisation,
        active,
        must_change_password,
        password_hash: _,
    } = user;
    format!(
        "dashboard {page:?} {id} {email:?} {display_name:?} {role:?} {side:?} {organisation:?} \
         {active} {must_change_password} {today} {password_changed}"
    )
}
