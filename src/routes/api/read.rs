//! The read endpoints: the partnership, its commitments, the review cycles and their assessments.

use axum::{
    Json,
    extract::{Path, Query, State, rejection::QueryRejection},
};
use serde::Deserialize;

use super::{
    ApiResult, ApiUser, cycle_by_year, default_partnership,
    error::{Detail, Problem},
    model::{
        AssessmentOut, CommitmentDetail, CommitmentOut, CycleAssessments, CycleDetail, CycleOut,
        Paged, Pagination, PartnershipOut,
    },
};
use crate::{
    db::{assessments, board, cycles, partnership},
    domain::{account::Side, commitment_ref::CommitmentRef},
    state::AppState,
    tracking::{self, BoardRow},
};

/// A query string that does not parse (`?page=abc`) is a 400 that says why.
fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, Problem> {
    q.map(|Query(q)| q)
        .map_err(|e| Problem::bad_request("bad_query", Detail::Text(e.body_text())))
}

pub async fn get_partnership(
    State(state): State<AppState>,
    ApiUser(_): ApiUser,
    Path(slug): Path<String>,
) -> ApiResult<Json<PartnershipOut>> {
    let p = partnership::find_by_slug(&state.db, &slug)
        .await?
        .ok_or_else(|| Problem::not_found("api-error-no-partnership"))?;
    let areas = partnership::areas(&state.db, p.id).await?;
    let paragraphs = partnership::paragraphs(&state.db, p.id).await?.len();
    let commitments = partnership::commitment_refs(&state.db, p.id).await?.len();
    Ok(Json(PartnershipOut::new(p, areas, paragraphs, commitments)))
}

pub async fn list_commitments(
    State(state): State<AppState>,
    ApiUser(_): ApiUser,
    q: Result<Query<Pagination>, QueryRejection>,
) -> ApiResult<Json<Paged<CommitmentOut>>> {
    let q = query(q)?;
    let p = default_partnership(&state.db).await?;
    let all = board::commitments(&state.db, p.id).await?;
    Ok(Json(q.apply(all.into_iter().map(Into::into).collect())))
}

pub async fn get_commitment(
    State(state): State<AppState>,
    ApiUser(_): ApiUser,
    Path(reference): Path<String>,
) -> ApiResult<Json<CommitmentDetail>> {
    let not_found = || Problem::not_found("api-error-no-commitment");
    // One spelling per commitment: "25(c)", whatever the URL encoding.
    let reference = reference
        .parse::<CommitmentRef>()
        .map_err(|_| not_found())?
        .to_string();
    let p = default_partnership(&state.db).await?;
    let current_cycle = match cycles::current(&state.db, p.id).await? {
        Some(cycle) => {
            let board = tracking::board(&state.db, cycle).await?;
            let row = board.row(&reference).ok_or_else(not_found)?;
            Some(cycle_assessments(&state.db, board.cycle.year, board.cycle.state, row).await?)
        }
        None => None,
    };
    let info = board::commitments(&state.db, p.id)
        .await?
        .into_iter()
        .find(|c| c.reference == reference)
        .ok_or_else(not_found)?;
    Ok(Json(CommitmentDetail {
        commitment: info.into(),
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

pub async fn list_cycles(
    State(state): State<AppState>,
    ApiUser(_): ApiUser,
    q: Result<Query<Pagination>, QueryRejection>,
) -> ApiResult<Json<Paged<CycleOut>>> {
    let q = query(q)?;
    let p = default_partnership(&state.db).await?;
    let all = cycles::list(&state.db, p.id).await?;
    Ok(Json(q.apply(all.into_iter().map(Into::into).collect())))
}

pub async fn get_cycle(
    State(state): State<AppState>,
    ApiUser(_): ApiUser,
    Path(year): Path<String>,
) -> ApiResult<Json<CycleDetail>> {
    let p = default_partnership(&state.db).await?;
    let cycle = cycle_by_year(&state.db, p.id, &year).await?;
    let board = tracking::board(&state.db, cycle).await?;
    Ok(Json(board.into()))
}

/// `?ref=&side=` narrow the list; `?page=&per_page=` page it.
#[derive(Debug, Deserialize)]
pub struct AssessmentQuery {
    #[serde(rename = "ref")]
    reference: Option<String>,
    side: Option<Side>,
    page: Option<u32>,
    per_page: Option<u32>,
}

/// The current assessment of each commitment by each side that has saved one, in text order.
pub async fn list_assessments(
    State(state): State<AppState>,
    ApiUser(_): ApiUser,
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
    let p = default_partnership(&state.db).await?;
    let cycle = cycle_by_year(&state.db, p.id, &year).await?;
    let board = tracking::board(&state.db, cycle).await?;
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
    let evidence = assessments::evidence(&state.db, &ids).await?;
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
