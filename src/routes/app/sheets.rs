//! `/app/cycles/{year}/sheets`: a side's assessments (or the joint reviews) as a spreadsheet to
//! download, and the upload → preview → apply flow (see `sheets`). Officers use their side's
//! sheet; the secretariat and administrators download every sheet and upload the joint one.
//! Viewers change nothing and get 403.

use axum::{
    Router,
    extract::{DefaultBodyLimit, Multipart, Path, Query, RawQuery, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;
use uuid::Uuid;

use super::default_partnership;
use crate::{
    auth::User,
    error::AppError,
    extract::{Authorized, Form, Writers, parse_form},
    i18n::Lang,
    routes::account::{actor, request_id},
    sheets::{
        SheetKind,
        read::{FileError, Identity},
        service::{self, Applied, SheetError},
    },
    state::AppState,
    views::{
        Page,
        sheets::{PreviewView, SheetsView},
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/cycles/{year}/sheets", get(get_sheets))
        .route("/app/cycles/{year}/sheets/{file}", get(get_sheet_file))
        .route(
            "/app/cycles/{year}/sheets/uploads",
            post(post_upload).layer(DefaultBodyLimit::max(crate::routes::MAX_SHEET_BODY_BYTES)),
        )
        .route("/app/cycles/{year}/sheets/uploads/{id}", get(get_upload))
        .route(
            "/app/cycles/{year}/sheets/uploads/{id}/apply",
            post(post_apply),
        )
}

/// A year in a path; anything else is a page that does not exist.
fn parse_year(year: &str) -> Result<i32, AppError> {
    year.parse().map_err(|_| AppError::NotFound)
}

/// Errors that are the reader's to fix are shown on the page; the rest are error pages.
fn page_error(err: SheetError) -> Result<(StatusCode, SheetError), AppError> {
    let status = match &err {
        SheetError::NotFound => return Err(AppError::NotFound),
        SheetError::Database(_) | SheetError::Write(_) => {
            return Err(match err {
                SheetError::Database(e) => e.into(),
                other => AppError::Internal(anyhow::anyhow!("{other}")),
            });
        }
        SheetError::Forbidden(_) => StatusCode::FORBIDDEN,
        SheetError::File(FileError::TooLarge { .. }) => StatusCode::PAYLOAD_TOO_LARGE,
        SheetError::Expired => StatusCode::GONE,
        SheetError::WrongState { .. }
        | SheetError::AlreadyApplied
        | SheetError::Conflict { .. } => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Ok((status, err))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AppliedQuery {
    applied: Option<usize>,
    skipped: Option<usize>,
}

fn sheets_view(page: Page, year: i32, user: &User) -> SheetsView {
    let can_upload = SheetKind::ALL
        .into_iter()
        .any(|k| service::may_upload(user, k));
    SheetsView::new(page, year, &service::downloadable(user), can_upload)
}

async fn cycle_exists(state: &AppState, year: i32) -> Result<i64, AppError> {
    let partnership = default_partnership(state).await?;
    crate::db::cycles::find_by_year(&state.db, partnership.id, year)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(partnership.id)
}

async fn get_sheets(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Writers>,
    page: Page,
    Path(year): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<SheetsView, AppError> {
    let year = parse_year(&year)?;
    cycle_exists(&state, year).await?;
    let q: AppliedQuery = query
        .and_then(|q| parse_form(q.as_bytes()).ok())
        .unwrap_or_default();
    let mut view = sheets_view(page, year, &user);
    view.applied = q.applied.map(|changed| Applied {
        changed,
        skipped: q.skipped.unwrap_or(0),
    });
    Ok(view)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LangQuery {
    lang: String,
}

/// `eu.xlsx`, `ca.xlsx` or `joint.xlsx`, in `?lang=` or the reader's language.
async fn get_sheet_file(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Writers>,
    page: Page,
    headers: HeaderMap,
    Path((year, file)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let year = parse_year(&year)?;
    let kind = file
        .strip_suffix(".xlsx")
        .and_then(SheetKind::parse)
        .ok_or(AppError::NotFound)?;
    if !service::may_download(&user, kind) {
        return Err(AppError::Forbidden);
    }
    let lang = Lang::parse(&q.lang).unwrap_or(page.lang);
    let partnership_id = cycle_exists(&state, year).await?;
    let identity = Identity { kind, year, lang };
    let bytes = service::export(
        &state.db,
        partnership_id,
        identity,
        &actor(&user),
        request_id(&headers).as_deref(),
    )
    .await
    .map_err(|e| match e {
        SheetError::NotFound => AppError::NotFound,
        SheetError::Database(e) => e.into(),
        other => AppError::Internal(anyhow::anyhow!("{other}")),
    })?;
    let disposition = format!("attachment; filename=\"{}\"", service::file_name(identity));
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(anyhow::Error::from)?,
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response())
}

/// The upload form again, with `message` at the file field.
fn upload_refused(
    page: Page,
    year: i32,
    user: &User,
    status: StatusCode,
    message: String,
) -> Response {
    let mut view = sheets_view(page, year, user);
    view.errors = vec![("file", message)];
    (status, view).into_response()
}

/// The file of a multipart form (field `file`); `None` when there is none or it is empty.
async fn read_file(mut form: Multipart) -> Result<Option<(String, Vec<u8>)>, StatusCode> {
    let status = |e: axum::extract::multipart::MultipartError| e.status();
    while let Some(field) = form.next_field().await.map_err(status)? {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("sheet").to_owned();
        let bytes = field.bytes().await.map_err(status)?;
        return Ok((!bytes.is_empty()).then(|| (name, bytes.to_vec())));
    }
    Ok(None)
}

async fn post_upload(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Writers>,
    page: Page,
    headers: HeaderMap,
    Path(year): Path<String>,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let year = parse_year(&year)?;
    let partnership_id = cycle_exists(&state, year).await?;
    let lang = page.lang;
    let file = match form {
        Ok(form) => read_file(form).await,
        Err(_) => Err(StatusCode::BAD_REQUEST),
    };
    let (name, bytes) = match file {
        Ok(Some(file)) => file,
        Ok(None) => {
            let message = lang.t("sheets-upload-missing");
            return Ok(upload_refused(
                page,
                year,
                &user,
                StatusCode::UNPROCESSABLE_ENTITY,
                message,
            ));
        }
        Err(StatusCode::PAYLOAD_TOO_LARGE) => {
            let message = FileError::TooLarge {
                max: crate::sheets::MAX_FILE_BYTES,
            }
            .message(lang);
            return Ok(upload_refused(
                page,
                year,
                &user,
                StatusCode::PAYLOAD_TOO_LARGE,
                message,
            ));
        }
        Err(_) => {
            let message = lang.t("sheets-upload-unreadable");
            return Ok(upload_refused(
                page,
                year,
                &user,
                StatusCode::BAD_REQUEST,
                message,
            ));
        }
    };
    let stored = service::upload(
        &state.db,
        state.clock.now(),
        &user,
        partnership_id,
        year,
        &name,
        &bytes,
        request_id(&headers).as_deref(),
    )
    .await;
    match stored {
        Ok(id) => {
            Ok(Redirect::to(&format!("/app/cycles/{year}/sheets/uploads/{id}")).into_response())
        }
        Err(err) => {
            let (status, err) = page_error(err)?;
            Ok(upload_refused(page, year, &user, status, err.message(lang)))
        }
    }
}

fn parse_id(id: &str) -> Result<Uuid, AppError> {
    id.parse().map_err(|_| AppError::NotFound)
}

async fn get_upload(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Writers>,
    page: Page,
    Path((year, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let year = parse_year(&year)?;
    let id = parse_id(&id)?;
    let partnership_id = cycle_exists(&state, year).await?;
    match service::preview(
        &state.db,
        state.clock.now(),
        &user,
        partnership_id,
        year,
        id,
    )
    .await
    {
        Ok(previewed) => Ok(PreviewView::new(page, &previewed).into_response()),
        Err(err) => {
            let (status, err) = page_error(err)?;
            let message = err.message(page.lang);
            Ok(upload_refused(page, year, &user, status, message))
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ApplyForm {
    sha256: String,
    valid_only: String,
}

async fn post_apply(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Writers>,
    page: Page,
    headers: HeaderMap,
    Path((year, id)): Path<(String, String)>,
    Form(form): Form<ApplyForm>,
) -> Result<Response, AppError> {
    let year = parse_year(&year)?;
    let id = parse_id(&id)?;
    let partnership_id = cycle_exists(&state, year).await?;
    let now = state.clock.now();
    let applied = service::apply(
        &state.db,
        now,
        &user,
        partnership_id,
        year,
        id,
        &form.sha256,
        !form.valid_only.is_empty(),
        request_id(&headers).as_deref(),
    )
    .await;
    match applied {
        Ok(applied) => Ok(Redirect::to(&format!(
            "/app/cycles/{year}/sheets?applied={}&skipped={}",
            applied.changed, applied.skipped
        ))
        .into_response()),
        Err(err) => {
            let (status, err) = page_error(err)?;
            let message = err.message(page.lang);
            // The preview again, with the reason, when there is still one to show.
            match service::preview(&state.db, now, &user, partnership_id, year, id).await {
                Ok(previewed) => {
                    let mut view = PreviewView::new(page, &previewed);
                    view.errors = vec![("apply", message)];
                    Ok((status, view).into_response())
                }
                Err(_) => Ok(upload_refused(page, year, &user, status, message)),
            }
        }
    }
}
