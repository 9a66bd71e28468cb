//! The read endpoints: the partnership, its commitments, the review cycles and their assessments.

use axum::{
    Json,
    extract::{Path, Query, State, rejection::QueryRejection},
    http::{HeaderMap, HeaderValue, header},
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    ApiResult, ApiUser, MaybeApiUser, cycle_by_year, default_partnership,
    error::{BadQuery, CallerErrors, Detail, NotFound, Problem, Unavailable},
    model::{
        AssessmentOut, CommitmentDetail, CommitmentOut, CycleAssessments, CycleDetail, CycleOut,
        JointOut, LangQuery, Paged, Pagination, PartnershipOut,
    },
};
use crate::{
    db::{assessments, board, cycles, partnership, public},
    domain::{account::Side, commitment_ref::CommitmentRef, cycle::CycleState, lang::Lang},
    page_data,
    state::AppState,
    tracking::{self, BoardRow},
};

/// A query string that does not parse (`?page=abc`) is a 400 that says why.
fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, Problem> {
    q.map(|Query(q)| q)
        .map_err(|e| Problem::bad_request("bad_query", Detail::Text(e.body_text())))
}

/// The language a caller reads the partnership text in: `?lang=`, else the preferred of English
/// and French in `Accept-Language`, else English.
fn reader_lang(
    q: Result<Query<LangQuery>, QueryRejection>,
    headers: &HeaderMap,
) -> Result<Lang, Problem> {
    let asked = query(q)?.lang;
    Ok(asked
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default())
}

/// An answer whose text depends on `Accept-Language`.
type LangJson<T> = ([(header::HeaderName, HeaderValue); 1], Json<T>);

fn lang_json<T>(body: T) -> LangJson<T> {
    (
        [(header::VARY, HeaderValue::from_static("Accept-Language"))],
        Json(body),
    )
}

/// A partnership: its text's metadata and headings (the default one is `eu-canada`), in the
/// language asked for with `?lang=` or `Accept-Language`. Public.
#[utoipa::path(get, path = "/api/v1/partnerships/{slug}", tag = "partnership",
    params(("slug" = String, Path, example = "eu-canada"), LangQuery,
        ("Accept-Language" = Option<String>, Header,
            description = "Used when `lang` is not given: the preferred of `en` and `fr`", example = "fr-CA,fr;q=0.9,en;q=0.8")),
    security((), ("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "OK", body = PartnershipOut),
        BadQuery,
        CallerErrors,
        Unavailable,
        NotFound,
    ))]
pub async fn get_partnership(
    State(state): State<AppState>,
    MaybeApiUser(_caller): MaybeApiUser,
    Path(slug): Path<String>,
    lq: Result<Query<LangQuery>, QueryRejection>,
    headers: HeaderMap,
) -> ApiResult<LangJson<PartnershipOut>> {
    let lang = reader_lang(lq, &headers)?;
    let p = partnership::find_by_slug(&state.db, &slug)
        .await?
        .ok_or_else(|| Problem::not_found("api-error-no-partnership"))?;
    let areas = partnership::areas(&state.db, p.id).await?;
    let paragraphs = partnership::paragraphs(&state.db, p.id).await?.len();
    let commitments = partnership::commitment_refs(&state.db, p.id).await?.len();
    Ok(lang_json(PartnershipOut::new(
        p,
        areas,
        paragraphs,
        commitments,
        lang,
    )))
}

/// The commitments of the default partnership, in text order, in the language asked for with
/// `?lang=` or `Accept-Language`. Public.
#[utoipa::path(get, path = "/api/v1/commitments", tag = "partnership",
    params(Pagination, LangQuery,
        ("Accept-Language" = Option<String>, Header,
            description = "Used when `lang` is not given: the preferred of `en` and `fr`", example = "fr-CA,fr;q=0.9,en;q=0.8")),
    security((), ("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "OK", body = Paged<CommitmentOut>),
        BadQuery,
        CallerErrors,
        Unavailable,
    ))]
pub async fn list_commitments(
    State(state): State<AppState>,
    MaybeApiUser(_caller): MaybeApiUser,
    q: Result<Query<Pagination>, QueryRejection>,
    lq: Result<Query<LangQuery>, QueryRejection>,
    headers: HeaderMap,
) -> ApiResult<LangJson<Paged<CommitmentOut>>> {
    let q = query(q)?;
    let lang = reader_lang(lq, &headers)?;
    let p = default_partnership(&state).await?;
    let all = board::commitments(&state.db, p.id).await?;
    Ok(lang_json(
        q.apply(
            all.into_iter()
                .map(|c| CommitmentOut::new(c, lang))
                .collect(),
        ),
    ))
}

/// One commitment, its text in the language asked for with `?lang=` or `Accept-Language`, with
/// its joint status in the last published Dialogue (public) and, for signed-in callers, both
/// sides' assessments in the cycle officers work in now.
#[utoipa::path(get, path = "/api/v1/commitments/{ref}", tag = "partnership",
    params(("ref" = String, Path, description = "URL-encoded: `25%28c%29` for 25(c)", example = "13"),
        LangQuery,
        ("Accept-Language" = Option<String>, Header,
            description = "Used when `lang` is not given: the preferred of `en` and `fr`", example = "fr-CA,fr;q=0.9,en;q=0.8")),
    security((), ("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "OK", body = CommitmentDetail),
        BadQuery,
        CallerErrors,
        Unavailable,
        NotFound,
    ))]
pub async fn get_commitment(
    State(state): State<AppState>,
    MaybeApiUser(user): MaybeApiUser,
    Path(reference): Path<String>,
    lq: Result<Query<LangQuery>, QueryRejection>,
    headers: HeaderMap,
) -> ApiResult<LangJson<CommitmentDetail>> {
    let lang = reader_lang(lq, &headers)?;
    let not_found = || Problem::not_found("api-error-no-commitment");
    // One spelling per commitment: "25(c)", whatever the URL encoding.
    let reference = reference
        .parse::<CommitmentRef>()
        .map_err(|_| not_found())?
        .to_string();
    let p = default_partnership(&state).await?;
    let info = board::commitment_by_ref(&state.db, p.id, &reference)
        .await?
        .ok_or_else(not_found)?;
    let published = match public::last_published(&state.db, p.id).await? {
        Some(cycle) => public::items(&state.db, p.id, cycle.id)
            .await?
            .into_iter()
            .find(|item| item.reference == reference)
            .map(|item| JointOut::new(cycle.year, item)),
        None => None,
    };
    let current_cycle = match (&user, cycles::current(&state.db, p.id).await?) {
        (Some(_), Some(cycle)) => {
            let board = tracking::board(&state.db, cycle).await?;
            let row = board.row(&reference).ok_or_else(not_found)?;
            Some(cycle_assessments(&state.db, board.cycle.year, board.cycle.state, row).await?)
        }
        _ => None,
    };
    Ok(lang_json(CommitmentDetail {
        commitment: CommitmentOut::new(info, lang),
        published,
        current_cycle,
    }))
}

async fn cycle_assessments(
    db: &sqlx::PgPool,
    year: i32,
    state: crate::domain::cycle::CycleState,
    row: &BoardRow,
) -> sqlx::Result<CycleAssessments> {
    let ids: Vec<i64> = [&row.eu, &row.ca]
        .iter()
        .filter_map(|s| s.current.as_ref().map(|r| r.id))
        .collect();
    let evidence = assessments::evidence(db, &ids).await?;
    let side = |s: Side| {
        row.side(s)
            .current
            .clone()
            .map(|r| AssessmentOut::new(r, &evidence))
    };
    Ok(CycleAssessments {
        cycle: year,
        state,
        eu: side(Side::Eu),
        ca: side(Side::Ca),
        divergent: row.divergent(),
    })
}

/// The review cycles, latest first. Anonymous callers see the published ones only.
#[utoipa::path(get, path = "/api/v1/cycles", tag = "cycles",
    params(Pagination),
    security((), ("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "OK", body = Paged<CycleOut>),
        BadQuery,
        CallerErrors,
        Unavailable,
    ))]
pub async fn list_cycles(
    State(state): State<AppState>,
    MaybeApiUser(user): MaybeApiUser,
    q: Result<Query<Pagination>, QueryRejection>,
) -> ApiResult<Json<Paged<CycleOut>>> {
    let q = query(q)?;
    let p = default_partnership(&state).await?;
    let all = cycles::list(&state.db, p.id)
        .await?
        .into_iter()
        .filter(|c| user.is_some() || c.state == CycleState::Published)
        .map(Into::into)
        .collect();
    Ok(Json(q.apply(all)))
}

/// A review cycle. Published cycles carry every commitment's joint status (public); signed-in
/// callers also get the submission counts. Anonymous callers get a 404 for a cycle that is not
/// published.
#[utoipa::path(get, path = "/api/v1/cycles/{year}", tag = "cycles",
    params(("year" = i32, Path, example = 2025)),
    security((), ("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "OK", body = CycleDetail),
        BadQuery,
        CallerErrors,
        Unavailable,
        NotFound,
    ))]
pub async fn get_cycle(
    State(state): State<AppState>,
    MaybeApiUser(user): MaybeApiUser,
    Path(year): Path<String>,
) -> ApiResult<Json<CycleDetail>> {
    let p = default_partnership(&state).await?;
    let cycle = cycle_by_year(&state, p.id, &year).await?;
    let published = cycle.state == CycleState::Published;
    let joint = if published {
        let items = public::items(&state.db, p.id, cycle.id).await?;
        Some(
            items
                .into_iter()
                .map(|i| JointOut::new(cycle.year, i))
                .collect(),
        )
    } else {
        None
    };
    let detail = match user {
        Some(_) => {
            let mut detail = CycleDetail::from(tracking::board(&state.db, cycle).await?);
            detail.joint = joint;
            detail
        }
        None if published => {
            let previous = cycles::list(&state.db, p.id)
                .await?
                .into_iter()
                .filter(|c| c.state == CycleState::Published && c.year < cycle.year)
                .map(|c| c.year)
                .max();
            CycleDetail::public(cycle, previous, joint)
        }
        None => return Err(Problem::not_found("api-error-no-cycle").into()),
    };
    Ok(Json(detail))
}

/// `?ref=&side=` narrow the list; `?page=&per_page=` page it.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssessmentQuery {
    /// Only this commitment, e.g. `25(c)`.
    #[serde(rename = "ref")]
    #[param(rename = "ref")]
    reference: Option<String>,
    /// Only this side.
    side: Option<Side>,
    /// The page, from 1.
    #[param(minimum = 1, default = 1)]
    page: Option<u32>,
    /// Items per page; more than the maximum is lowered to it.
    #[param(minimum = 1, maximum = 500, default = 100)]
    per_page: Option<u32>,
}

/// The current assessment of each commitment by each side that has saved one, in text order.
/// Signed-in callers only.
#[utoipa::path(get, path = "/api/v1/cycles/{year}/assessments", tag = "assessments",
    params(("year" = i32, Path, example = 2026), AssessmentQuery),
    responses(
        (status = 200, description = "OK", body = Paged<AssessmentOut>),
        BadQuery,
        CallerErrors,
        Unavailable,
        NotFound,
    ))]
pub async fn list_assessments(
    State(state): State<AppState>,
    ApiUser(_caller): ApiUser,
    Path(year): Path<String>,
    q: Result<Query<AssessmentQuery>, QueryRejection>,
) -> ApiResult<Json<Paged<AssessmentOut>>> {
    let q = query(q)?;
    let reference = match &q.reference {
        Some(r) => Some(
            r.parse::<CommitmentRef>()
                .map_err(|e| Problem::bad_request("bad_query", Detail::Text(e.to_string())))?
                .to_string(),
        ),
        None => None,
    };
    let p = default_partnership(&state).await?;
    let cycle = cycle_by_year(&state, p.id, &year).await?;
    let board = page_data::board(&state, &cycle).await?;
    let current: Vec<_> = board
        .rows
        .iter()
        .filter(|row| reference.as_ref().is_none_or(|r| *r == row.info.reference))
        .flat_map(|row| [&row.eu, &row.ca])
        .filter_map(|s| s.current.clone())
        .filter(|r| q.side.is_none_or(|s| s == r.side))
        .collect();
    let page = Pagination {
        page: q.page,
        per_page: q.per_page,
    }
    .apply(current);
    let ids: Vec<i64> = page.items.iter().map(|r| r.id).collect();
    let evidence = page_data::evidence(&state, ids).await?;
    Ok(Json(Paged {
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        items: page
            .items
            .into_iter()
            .map(|r| AssessmentOut::new(r, &evidence))
            .collect(),
    }))
}
