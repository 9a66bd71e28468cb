//! `/app/cycles/{year}/errata`: the errata of a frozen cycle, and recording one.

use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};

use super::{cycle, is_staff};
use crate::{
    auth::User,
    db,
    error::AppError,
    extract::{Authorized, CurrentUser, Form, Staff},
    reconcile::{self, ErratumFailure, ErratumInput},
    routes::account::{actor, request_id},
    state::AppState,
    views::{
        Page,
        reconcile::{ErrataView, ErratumRow, FieldErrors},
    },
};

async fn errata_view(
    state: &AppState,
    page: Page,
    user: &User,
    year: &str,
    form: ErratumInput,
    errors: FieldErrors,
) -> Result<ErrataView, AppError> {
    let cycle = cycle(state, year).await?;
    let errata = db::joint::errata(&state.db, cycle.id)
        .await?
        .iter()
        .map(|e| ErratumRow::of(page.lang, e))
        .collect();
    let refs = crate::views::tracking::CommitmentChoice::all(
        &db::board::commitments(&state.db, cycle.partnership_id).await?,
        page.lang,
    );
    Ok(ErrataView {
        page,
        cycle,
        errata,
        refs,
        form,
        errors,
        can_edit: is_staff(user),
    })
}

pub(super) async fn get_errata(
    State(state): State<AppState>,
    Authorized(user, _): CurrentUser,
    page: Page,
    Path(year): Path<String>,
) -> Result<ErrataView, AppError> {
    errata_view(
        &state,
        page,
        &user,
        &year,
        ErratumInput::default(),
        Vec::new(),
    )
    .await
}

pub(super) async fn post_erratum(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Staff>,
    page: Page,
    headers: HeaderMap,
    Path(year): Path<String>,
    Form(input): Form<ErratumInput>,
) -> Result<Response, AppError> {
    let cycle = cycle(&state, &year).await?;
    let recorded = reconcile::record_erratum(
        &state.db,
        cycle.partnership_id,
        cycle.year,
        &input,
        &actor(&user),
        request_id(&headers).as_deref(),
    )
    .await;
    match recorded {
        Ok(_) => Ok(
            Redirect::to(&format!("/app/cycles/{}?done=erratum#errata", cycle.year))
                .into_response(),
        ),
        Err(ErratumFailure::Invalid(problems)) => {
            let errors = problems
                .iter()
                .map(|p| (p.field().to_owned(), page.t(p.message_key())))
                .collect();
            let view = errata_view(&state, page, &user, &year, input, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(ErratumFailure::NotFrozen(_)) => {
            let errors = vec![("errata-not-frozen".to_owned(), page.t("errata-not-frozen"))];
            let view = errata_view(&state, page, &user, &year, input, errors).await?;
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(ErratumFailure::NotFound(_)) => Err(AppError::NotFound),
        Err(ErratumFailure::Database(e)) => Err(e.into()),
    }
}
