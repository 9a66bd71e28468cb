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

use axum::{Router, extract::DefaultBodyLimit, middleware::from_fn};
use utoipa::OpenApi;
use utoipa_axum::{router::OpenApiRouter, routes};
use utoipa_swagger_ui::SwaggerUi;

pub use auth::{ApiUser, MaybeApiUser};
use error::{ApiError, Problem};
pub use error::{ErrorBody, ErrorObject};

use crate::{
    db::{cycles::Cycle, partnership::Partnership},
    page_data,
    state::AppState,
};

/// What API handlers return.
type ApiResult<T> = Result<T, ApiError>;

/// The API's routes, with the OpenAPI document built from the same handlers.
pub fn router() -> Router<AppState> {
    let (routes, doc) = routes_and_doc();
    routes
        .layer(DefaultBodyLimit::max(
            crate::routes::MAX_ASSESSMENT_BODY_BYTES,
        ))
        .layer(from_fn(error::render_problems))
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", doc))
}

fn routes_and_doc() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(read::get_partnership))
        .routes(routes!(read::list_commitments))
        .routes(routes!(read::get_commitment))
        .routes(routes!(read::list_cycles))
        .routes(routes!(read::get_cycle))
        .routes(routes!(read::list_assessments, write::post_assessment))
        .split_for_parts()
}

/// The partnership that commitments and cycles belong to, from the signed-in pages' cache
/// (`page_data`).
async fn default_partnership(state: &AppState) -> ApiResult<Partnership> {
    page_data::default_partnership(state)
        .await?
        .ok_or_else(|| Problem::not_found("api-error-no-partnership").into())
}

/// The cycle of `year` (as written in the path); anything else is a 404.
async fn cycle_by_year(state: &AppState, partnership_id: i64, year: &str) -> ApiResult<Cycle> {
    let not_found = || ApiError::from(Problem::not_found("api-error-no-cycle"));
    let year = year.parse::<i32>().map_err(|_| not_found())?;
    page_data::cycle_by_year(state, partnership_id, year)
        .await?
        .ok_or_else(not_found)
}
