//! `/app/areas/{slug}`: an area's commitments (with the areas nested under it) and both sides'
//! statuses in the current cycle, filtered by status, side, area and "assigned to me". With htmx
//! the filters update the table in place; without JavaScript they reload the page.

use axum::{
    Router,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};

use super::{commitments::rows, default_partnership, vary_on_htmx, wants_fragment};
use crate::{
    db::{cycles, partnership},
    error::AppError,
    extract::{Authorized, CurrentUser},
    state::AppState,
    tracking::BoardRow,
    views::{
        Page,
        tracking::{AreaBoard, AreaOption, AreaRow, AreaTableView, AreaView, Filters, area_href},
    },
};

/// The pseudo-area that lists every commitment.
const ALL_AREAS: &str = "all";

pub fn router() -> Router<AppState> {
    Router::new().route("/app/areas/{slug}", get(get_area))
}

async fn get_area(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Authorized(user, _): CurrentUser,
    Path(slug): Path<String>,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    let partnership = default_partnership(&state).await?;
    let areas = partnership::areas(&state.db, partnership.id).await?;
    let area = areas.iter().find(|a| a.slug == slug);
    if area.is_none() && slug != ALL_AREAS {
        return Err(AppError::NotFound);
    }
    // The area select navigates: a different area is another page.
    if let Some(chosen) = filters
        .area
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty() && *a != slug)
    {
        if chosen != ALL_AREAS && !areas.iter().any(|a| a.slug == chosen) {
            return Err(AppError::NotFound);
        }
        let to = area_href(chosen, &filters);
        return Ok(if wants_fragment(&headers) {
            let mut response = StatusCode::OK.into_response();
            response.headers_mut().insert(
                "hx-redirect",
                HeaderValue::from_str(&to).map_err(anyhow::Error::from)?,
            );
            response
        } else {
            Redirect::to(&to).into_response()
        });
    }
    // An area's page includes the areas nested under it.
    let slugs: Vec<&str> = match area {
        Some(a) => std::iter::once(a.slug.as_str())
            .chain(
                areas
                    .iter()
                    .filter(|c| c.parent_id == Some(a.id))
                    .map(|c| c.slug.as_str()),
            )
            .collect(),
        None => areas.iter().map(|a| a.slug.as_str()).collect(),
    };
    let cycle = cycles::current(&state.db, partnership.id).await?;
    let in_area: Vec<BoardRow> = rows(&state, partnership.id, cycle.clone())
        .await?
        .into_iter()
        .filter(|r| slugs.contains(&r.info.area_slug.as_str()))
        .collect();
    let board = AreaBoard {
        slug: slug.clone(),
        title: area.map(|a| a.title.shown(page.lang)),
        areas: areas
            .iter()
            .map(|a| AreaOption {
                slug: a.slug.clone(),
                title: a.title.shown(page.lang),
                nested: a.parent_id.is_some(),
            })
            .collect(),
        total: in_area.len(),
        rows: in_area
            .iter()
            .filter(|r| filters.matches(r, user.id()))
            .map(|r| AreaRow::of(r, page.lang))
            .collect(),
        filters,
        cycle,
    };
    let mut page = page;
    page.text_notice = board.foreign();
    let response = if wants_fragment(&headers) {
        AreaTableView { page, b: board }.into_response()
    } else {
        AreaView { page, b: board }.into_response()
    };
    Ok(vary_on_htmx(response))
}
