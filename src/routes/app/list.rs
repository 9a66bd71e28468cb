//! `/app/commitments` (every commitment, filtered and sorted by the URL), the same list as
//! `/app/commitments.csv`, and `/app/areas` (the areas, each linking to its page). The board comes
//! from the board cache, so the list costs one query for the areas.

use std::sync::Arc;

use askama::Template as _;
use axum::{
    Router,
    body::Bytes,
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get,
};

use super::{commitments::rows, default_partnership, for_reader};
use crate::{
    auth::User,
    commitment_list::{ListQuery, RawQuery},
    db::cycles::Cycle,
    error::AppError,
    extract::{Authorized, CurrentUser},
    page_data,
    state::AppState,
    tracking::{Board, BoardRow},
    views::{
        Page,
        tracking::{AreaEntry, AreasView, CommitmentList, CommitmentListView, ListRow, list_csv},
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/commitments", get(get_list))
        .route("/app/commitments.csv", get(get_list_csv))
        .route("/app/areas", get(get_areas))
}

/// The current cycle's board (from the cache), or every commitment without statuses when there
/// is no cycle yet.
async fn board_rows(state: &AppState) -> Result<(i64, Option<Cycle>, Rows), AppError> {
    let data = page_data::dashboard(state)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(match &data.board {
        Some(board) => (
            data.partnership_id,
            Some(board.cycle.clone()),
            Rows::Board(Arc::clone(board)),
        ),
        None => {
            let partnership = default_partnership(state).await?;
            (
                partnership.id,
                None,
                Rows::Owned(rows(state, partnership.id, None).await?),
            )
        }
    })
}

/// The rows of the list: the dashboard's board as it is in memory, or read for this request.
enum Rows {
    Board(Arc<Board>),
    Owned(Vec<BoardRow>),
}

impl std::ops::Deref for Rows {
    type Target = [BoardRow];

    fn deref(&self) -> &[BoardRow] {
        match self {
            Rows::Board(board) => &board.rows,
            Rows::Owned(rows) => rows,
        }
    }
}

async fn list(
    state: &AppState,
    page: &Page,
    user: &User,
    raw: &RawQuery,
) -> Result<CommitmentList, AppError> {
    let (partnership_id, cycle, rows) = board_rows(state).await?;
    let areas = page_data::areas(state, partnership_id).await?;
    let query =
        ListQuery::parse(raw, &areas).map_err(|e| AppError::BadRequest(page.t(e.message_key())))?;
    let side = user
        .side()
        .filter(|_| user.role() == crate::domain::account::Role::Officer);
    let shown = query
        .apply(&rows, &areas, user.id(), side)
        .into_iter()
        .map(|r| ListRow::of(r, page.lang))
        .collect();
    Ok(CommitmentList {
        query,
        rows: shown,
        total: rows.len(),
        areas: areas
            .iter()
            .map(|a| {
                (
                    a.slug.clone(),
                    a.title.shown(page.lang),
                    a.parent_id.is_some(),
                )
            })
            .collect(),
        cycle,
        side,
    })
}

/// The list, rendered once per reader, filters and data (see `for_reader`): a refused filter is
/// not kept.
async fn get_list(
    State(state): State<AppState>,
    headers: HeaderMap,
    page: Page,
    Authorized(user, _): CurrentUser,
    Query(raw): Query<RawQuery>,
) -> Result<Response, AppError> {
    let key = for_reader::key(("commitments", &raw), &page, &user.account);
    let render = async {
        let l = list(&state, &page, &user, &raw).await?;
        let mut page = page.clone();
        page.text_notice = l.foreign();
        Ok::<_, AppError>(Bytes::from(CommitmentListView { page, l }.render()?))
    };
    for_reader::html(&state, &headers, key, render).await
}

async fn get_list_csv(
    State(state): State<AppState>,
    page: Page,
    Authorized(user, _): CurrentUser,
    Query(raw): Query<RawQuery>,
) -> Result<Response, AppError> {
    let l = list(&state, &page, &user, &raw).await?;
    let body = list_csv(&l, page.lang)?;
    let name = match &l.cycle {
        Some(c) => format!("commitments-{}-{}.csv", c.year, page.lang.code()),
        None => format!("commitments-{}.csv", page.lang.code()),
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                    .map_err(anyhow::Error::from)?,
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response())
}

async fn get_areas(
    State(state): State<AppState>,
    mut page: Page,
    _: CurrentUser,
) -> Result<AreasView, AppError> {
    let (partnership_id, _, rows) = board_rows(&state).await?;
    let areas = page_data::areas(&state, partnership_id).await?;
    let areas = AreaEntry::list(&areas, &rows, page.lang);
    page.text_notice = areas.iter().any(|a| a.title.foreign());
    Ok(AreasView { page, areas })
}
