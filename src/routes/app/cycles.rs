//! Review cycles: every signed-in user reads them; the secretariat and administrators create them
//! and move them through their states.

use axum::{
    Router,
    extract::{Path, RawQuery, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use serde::Deserialize;

use crate::{
    auth::User,
    cycles::{self, CycleFailure, CycleInput},
    error::AppError,
    extract::{Authorized, CurrentUser, Form, Policy, Staff, parse_form},
    page_data,
    routes::account::{actor, request_id},
    state::AppState,
    views::{
        Page,
        cycles::{CycleView, CyclesView, FieldErrors, done_key},
        reconcile::ErratumRow,
        submissions::Submissions,
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/cycles", get(get_cycles).post(post_cycle))
        .route("/app/cycles/{year}", get(get_cycle))
}

/// May this user create and move cycles?
fn is_staff(user: &User) -> bool {
    Staff::ROLES.contains(&user.role())
}

/// A year in a path; anything else is a page that does not exist.
pub(super) fn parse_year(year: &str) -> Result<i32, AppError> {
    year.parse().map_err(|_| AppError::NotFound)
}

pub(super) async fn partnership_id(state: &AppState) -> Result<i64, AppError> {
    page_data::default_partnership(state)
        .await?
        .map(|p| p.id)
        .ok_or(AppError::NotFound)
}

async fn list_view(
    state: &AppState,
    page: Page,
    user: &User,
    form: CycleInput,
    errors: FieldErrors,
) -> Result<CyclesView, AppError> {
    let cycles = Vec::clone(&*page_data::cycles(state, partnership_id(state).await?).await?);
    Ok(CyclesView {
        page,
        cycles,
        can_edit: is_staff(user),
        form,
        errors,
        done: None,
    })
}

async fn get_cycles(
    State(state): State<AppState>,
    Authorized(user, _): CurrentUser,
    page: Page,
    RawQuery(query): RawQuery,
) -> Result<CyclesView, AppError> {
    let mut view = list_view(&state, page, &user, CycleInput::default(), Vec::new()).await?;
    view.done = done_key(&done_of(query));
    Ok(view)
}

/// The `?done=` of a page's query: which success banner to show.
fn done_of(query: Option<String>) -> String {
    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Done {
        done: String,
    }
    query
        .and_then(|q| parse_form::<Done>(q.as_bytes()).ok())
        .unwrap_or_default()
        .done
}

async fn post_cycle(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Staff>,
    page: Page,
    headers: HeaderMap,
    Form(form): Form<CycleInput>,
) -> Result<Response, AppError> {
    let partnership_id = partnership_id(&state).await?;
    let result = match form.check() {
        Ok(spec) => {
            cycles::create(
                &state.db,
                partnership_id,
                &spec,
                &actor(&user),
                request_id(&headers).as_deref(),
            )
            .await
        }
        Err(problems) => Err(CycleFailure::Invalid(problems)),
    };
    match result {
        Ok(cycle) => {
            Ok(Redirect::to(&format!("/app/cycles/{}?done=created", cycle.year)).into_response())
        }
        Err(CycleFailure::Invalid(problems)) => {
            let errors = problems
                .iter()
                .map(|p| (p.field(), page.t(p.message_key())))
                .collect();
            let view = list_view(&state, page, &user, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(CycleFailure::Database(err)) => Err(err.into()),
        Err(_) => Err(AppError::NotFound),
    }
}

/// The cycle page of `year`, with a refused move shown at the state form.
pub(super) async fn cycle_view(
    state: &AppState,
    page: Page,
    user: &User,
    year: i32,
    errors: FieldErrors,
) -> Result<CycleView, AppError> {
    let cycle = page_data::cycle_by_year(state, partnership_id(state).await?, year)
        .await?
        .ok_or(AppError::NotFound)?;
    let history = Vec::clone(&*page_data::state_changes(state, cycle.id).await?);
    let edits = Vec::clone(&*page_data::edits(state, cycle.id).await?);
    let errata = page_data::errata(state, cycle.id)
        .await?
        .iter()
        .map(|e| ErratumRow::of(page.lang, e))
        .collect();
    let public = page_data::last_published(state, cycle.partnership_id)
        .await?
        .is_some_and(|p| p.id == cycle.id);
    let board = page_data::board(state, &cycle).await?;
    let submissions = Submissions::of(&board, page.lang, user);
    let mut view = CycleView::new(page, &board, history, is_staff(user));
    view.page.text_notice |= submissions.foreign();
    view.submissions = submissions;
    view.errors = errors;
    view.edits = edits;
    view.errata = errata;
    view.public = public;
    Ok(view)
}

async fn get_cycle(
    State(state): State<AppState>,
    Authorized(user, _): CurrentUser,
    page: Page,
    Path(year): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<CycleView, AppError> {
    let mut view = cycle_view(&state, page, &user, parse_year(&year)?, Vec::new()).await?;
    view.done = done_key(&done_of(query));
    Ok(view)
}
