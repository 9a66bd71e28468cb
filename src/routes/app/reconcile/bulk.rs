//! The bulk actions of reconciliation, each confirmed on a page that names how many commitments
//! change: accepting the statuses both sides agree on, and recording "Not yet assessed" with one
//! reason for every commitment neither side assessed (the reason's form, then the check).
//! A confirmed number that no longer holds is refused with a 409 and the page shown again.

use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::board;
use crate::{
    error::AppError,
    extract::{Authorized, Form, Staff},
    reconcile::{self, ReconcileFailure, UntouchedInput},
    routes::account::{actor, request_id},
    state::AppState,
    views::{
        Page,
        reconcile::{BulkAction, BulkView, Notice},
    },
};

/// The page again after a refusal, with what changed.
async fn refused(
    state: &AppState,
    page: Page,
    year: &str,
    action: BulkAction,
    failure: ReconcileFailure,
    confirmed: usize,
    form: UntouchedInput,
) -> Result<Response, AppError> {
    let board = board(state, year).await?;
    let mut view = BulkView::new(page, &board, action);
    view.form = form;
    view.confirming = true;
    match failure {
        ReconcileFailure::WrongState(now) => {
            view.wrong_state = Some(Notice::WrongState(now).text(&view.page.lang));
        }
        ReconcileFailure::Changed { .. } | ReconcileFailure::Stale { .. } => {
            view.changed_from = Some(confirmed);
        }
        ReconcileFailure::NotFound | ReconcileFailure::Invalid(_) => {
            return Err(AppError::NotFound);
        }
        ReconcileFailure::Database(e) => return Err(e.into()),
    }
    Ok((StatusCode::CONFLICT, view).into_response())
}

pub(super) async fn get_accept_agreed(
    State(state): State<AppState>,
    Authorized(_, _): Authorized<Staff>,
    page: Page,
    Path(year): Path<String>,
) -> Result<BulkView, AppError> {
    let board = board(&state, &year).await?;
    Ok(BulkView::new(page, &board, BulkAction::AcceptAgreed))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Confirmed {
    /// How many commitments the confirmation page named (absent: accept whatever agrees now).
    count: String,
}

pub(super) async fn post_accept_agreed(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Staff>,
    page: Page,
    headers: HeaderMap,
    Path(year): Path<String>,
    Form(form): Form<Confirmed>,
) -> Result<Response, AppError> {
    let expected = match form.count.trim() {
        "" => None,
        n => Some(
            n.parse::<usize>()
                .map_err(|_| AppError::BadRequest(page.t("form-error-invalid")))?,
        ),
    };
    let cycle = super::cycle(&state, &year).await?;
    let accepted = reconcile::accept_agreed(
        &state.db,
        cycle.partnership_id,
        cycle.year,
        expected,
        &actor(&user),
        request_id(&headers).as_deref(),
    )
    .await;
    match accepted {
        Ok(accepted) => Ok(Redirect::to(&format!(
            "/app/cycles/{}/reconcile?accepted={}",
            cycle.year,
            accepted.len()
        ))
        .into_response()),
        Err(failure) => {
            let view_form = UntouchedInput::default();
            refused(
                &state,
                page,
                &year,
                BulkAction::AcceptAgreed,
                failure,
                expected.unwrap_or_default(),
                view_form,
            )
            .await
        }
    }
}

pub(super) async fn get_not_assessed(
    State(state): State<AppState>,
    Authorized(_, _): Authorized<Staff>,
    page: Page,
    Path(year): Path<String>,
) -> Result<BulkView, AppError> {
    let board = board(&state, &year).await?;
    Ok(BulkView::new(page, &board, BulkAction::NotAssessed))
}

/// The reason's form posts here twice: without `count` it is checked and the confirmation shown;
/// with the confirmed `count` it is recorded.
pub(super) async fn post_not_assessed(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Staff>,
    page: Page,
    headers: HeaderMap,
    Path(year): Path<String>,
    Form(form): Form<UntouchedInput>,
) -> Result<Response, AppError> {
    let confirmed = form
        .confirmed()
        .map_err(|p| AppError::BadRequest(page.t(p.message_key())))?;
    let reason = match form.check() {
        Ok(reason) => reason,
        Err(problems) => {
            let board = board(&state, &year).await?;
            let mut view = BulkView::new(page, &board, BulkAction::NotAssessed);
            view.errors = problems
                .iter()
                .map(|p| (p.field().to_owned(), view.page.t(p.message_key())))
                .collect();
            view.form = form;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    let Some(expected) = confirmed else {
        let board = board(&state, &year).await?;
        let mut view = BulkView::new(page, &board, BulkAction::NotAssessed);
        view.form = form;
        view.confirming = true;
        return Ok(view.into_response());
    };
    let cycle = super::cycle(&state, &year).await?;
    let recorded = reconcile::record_not_assessed(
        &state.db,
        cycle.partnership_id,
        cycle.year,
        &reason,
        expected,
        &actor(&user),
        request_id(&headers).as_deref(),
    )
    .await;
    match recorded {
        Ok(refs) => Ok(Redirect::to(&format!(
            "/app/cycles/{}/reconcile?recorded={}",
            cycle.year,
            refs.len()
        ))
        .into_response()),
        Err(failure) => {
            refused(
                &state,
                page,
                &year,
                BulkAction::NotAssessed,
                failure,
                expected,
                form,
            )
            .await
        }
    }
}
