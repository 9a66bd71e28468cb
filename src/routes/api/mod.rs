//! The JSON API under `/api/v1` (DESIGN.md, "Interfaces that must not drift"): read the
//! partnership, its commitments and the review cycles; write one side's assessment with an
//! optimistic version check. Callers authenticate with a personal token or the login session
//! ([`ApiUser`]); every error is JSON ([`error`]).

mod auth;
mod error;
mod model;
mod openapi;
mod read;
mod write;

use axum::{Router, extract::DefaultBodyLimit, middleware::from_fn, routing::get};
use sqlx::PgPool;

pub use auth::ApiUser;
use error::{ApiError, Problem};

use crate::{
    db::{
        cycles::{self, Cycle},
        partnership::{self, Partnership},
    },
    state::AppState,
};

/// What API handlers return.
type ApiResult<T> = Result<T, ApiError>;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/partnerships/{slug}", get(read::get_partnership))
        .route("/api/v1/commitments", get(read::list_commitments))
        .route("/api/v1/commitments/{reference}", get(read::get_commitment))
        .route("/api/v1/cycles", get(read::list_cycles))
        .route("/api/v1/cycles/{year}", get(read::get_cycle))
        .route(
            "/api/v1/cycles/{year}/assessments",
            get(read::list_assessments)
                .post(write::post_assessment)
                .layer(DefaultBodyLimit::max(
                    crate::routes::MAX_ASSESSMENT_BODY_BYTES,
                )),
        )
        .layer(from_fn(error::render_problems))
        .route("/api/openapi.json", get(openapi::get_openapi))
}

/// The partnership that commitments and cycles belong to.
async fn default_partnership(db: &PgPool) -> ApiResult<Partnership> {
    partnership::find_default(db)
        .await?
        .ok_or_else(|| Problem::not_found("api-error-no-partnership").into())
}

/// The cycle of `year` (as written in the path); anything else is a 404.
async fn cycle_by_year(db: &PgPool, partnership_id: i64, year: &str) -> ApiResult<Cycle> {
    let not_found = || ApiError::from(Problem::not_found("api-error-no-cycle"));
    let year = year.parse::<i32>().map_err(|_| not_found())?;
    cycles::find_by_year(db, partnership_id, year)
        .await?
        .ok_or_else(not_found)
}
