//! Submissions the secretariat can chase: `GET /app/cycles/{year}/missing.csv[?side=eu|ca]`, the
//! cycle page's missing list as a spreadsheet, for every signed-in role (as the cycle page); and
//! `POST /app/cycles/{year}/signoff`, an officer signing their side's submission off as complete.

use axum::{
    Router,
    extract::{Path, RawQuery, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;

use crate::{
    db,
    domain::account::Side,
    error::AppError,
    extract::{Authorized, CurrentUser, Form, Writers, parse_form},
    routes::account::request_id,
    state::AppState,
    submissions::{SignOffFailure, SignOffOutcome, sign_off},
    tracking,
    views::{
        Page,
        signoff::SignOffView,
        submissions::{missing_csv, missing_csv_name},
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/cycles/{year}/missing.csv", get(get_missing_csv))
        .route("/app/cycles/{year}/signoff", post(post_signoff))
}

/// A year in a path; anything else is a page that does not exist.
fn parse_year(year: &str) -> Result<i32, AppError> {
    year.parse().map_err(|_| AppError::NotFound)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MissingQuery {
    side: String,
}

async fn get_missing_csv(
    State(state): State<AppState>,
    Authorized(_user, _): CurrentUser,
    page: Page,
    Path(year): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let year = parse_year(&year)?;
    let q: MissingQuery = match query {
        Some(q) => parse_form(q.as_bytes()).map_err(|key| AppError::BadRequest(page.t(key)))?,
        None => MissingQuery::default(),
    };
    let side = match q.side.as_str() {
        "" => None,
        s => Some(
            s.parse::<Side>()
                .map_err(|_| AppError::BadRequest(page.t("submissions-csv-bad-side")))?,
        ),
    };
    let partnership_id = super::default_partnership(&state).await?.id;
    let cycle = db::cycles::find_by_year(&state.db, partnership_id, year)
        .await?
        .ok_or(AppError::NotFound)?;
    let board = tracking::board(&state.db, cycle).await?;
    let body = missing_csv(&board, side, page.lang)?;
    let disposition = format!("attachment; filename=\"{}\"", missing_csv_name(year, side));
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(anyhow::Error::from)?,
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SignOffForm {
    /// The number of commitments without an assessment the officer was shown and accepted.
    confirm: String,
}

async fn post_signoff(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Writers>,
    page: Page,
    headers: HeaderMap,
    Path(year): Path<String>,
    Form(form): Form<SignOffForm>,
) -> Result<Response, AppError> {
    // Only officers sign their own side off; the secretariat chases, it does not sign for a side.
    let Some(side) = user.side().filter(|s| tracking::may_write(&user, *s)) else {
        return Err(AppError::Forbidden);
    };
    let year = parse_year(&year)?;
    let confirmed = form.confirm.trim().parse::<usize>().ok();
    let partnership_id = super::default_partnership(&state).await?.id;
    let outcome = sign_off(
        &state.db,
        partnership_id,
        &user,
        year,
        confirmed,
        request_id(&headers).as_deref(),
    )
    .await;
    match outcome {
        Ok(
            SignOffOutcome::Signed { year, side } | SignOffOutcome::AlreadySigned { year, side },
        ) => Ok(Redirect::to(&format!(
            "/app/cycles/{year}?done=signoff#missing-{}",
            side.as_str()
        ))
        .into_response()),
        Ok(SignOffOutcome::Unconfirmed { board, side }) => {
            Ok(SignOffView::confirm(page, &board, side).into_response())
        }
        Err(SignOffFailure::Forbidden) => Err(AppError::Forbidden),
        Err(SignOffFailure::NotFound) => Err(AppError::NotFound),
        Err(SignOffFailure::CycleClosed(cycle)) => {
            let refusal = page.t("submissions-refused-closed");
            let view = SignOffView::refused(page, *cycle, side, refusal);
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(SignOffFailure::Database(err)) => Err(err.into()),
    }
}
