//! The secretariat's chase from the cycle page: each chosen officer of a side gets their missing
//! list by mail (queued in the outbox, with an audit event).

use axum::{
    Router,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::post,
};

use super::cycles::{cycle_view, parse_year, partnership_id};
use crate::{
    db,
    domain::{account::Role, account::Side, cycle::CycleState},
    error::AppError,
    extract::{Authorized, Staff},
    mail::queue,
    routes::account::{actor, request_id},
    state::AppState,
    views::Page,
};

pub fn router() -> Router<AppState> {
    Router::new().route("/app/cycles/{year}/chase", post(post_chase))
}

/// The form: `side=eu|ca` and any number of `officer=EMAIL` (none: every officer of the side).
#[derive(Debug, Default)]
struct ChaseForm {
    side: Option<Side>,
    officers: Vec<String>,
}

/// Reads the form (repeated `officer` fields, which serde_urlencoded cannot); `Err` is the field
/// in error.
fn parse(body: &[u8]) -> Result<ChaseForm, &'static str> {
    let mut form = ChaseForm::default();
    for (key, value) in form_urlencoded::parse(body) {
        if value.contains(['\u{FFFD}', '\0']) {
            return Err("chase-side");
        }
        match key.as_ref() {
            "side" => form.side = Some(value.parse().map_err(|_| "chase-side")?),
            "officer" => form.officers.push(value.trim().to_lowercase()),
            _ => {}
        }
    }
    if form.side.is_none() {
        return Err("chase-side");
    }
    Ok(form)
}

async fn post_chase(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Staff>,
    page: Page,
    headers: HeaderMap,
    Path(year): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let year = parse_year(&year)?;
    let cycle = db::cycles::find_by_year(&state.db, partnership_id(&state).await?, year)
        .await?
        .ok_or(AppError::NotFound)?;
    let refuse = |field: &'static str, key: &'static str| (field, key);
    let checked = parse(&body)
        .map_err(|field| {
            refuse(
                field,
                if field == "chase-side" {
                    "chase-error-side"
                } else {
                    "chase-error-officers"
                },
            )
        })
        .and_then(|form| {
            if cycle.state == CycleState::Open {
                Ok(form)
            } else {
                Err(refuse("chase-side", "cycle-error-transition"))
            }
        });
    let officers = db::mail::recipients(&state.db, Role::Officer).await?;
    let checked = checked.and_then(|form| {
        let ids: Option<Vec<i64>> = form
            .officers
            .iter()
            .map(|email| {
                officers
                    .iter()
                    .find(|o| &o.email == email && o.side == form.side)
                    .map(|o| o.id)
            })
            .collect();
        ids.map(|ids| (form.side, ids))
            .ok_or(refuse("chase-officers", "chase-error-officers"))
    });
    let (side, ids) = match checked {
        Ok(ok) => ok,
        Err((field, key)) => {
            let errors = vec![(field, page.t(key))];
            let view = cycle_view(&state, page, &user, year, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    let request = queue::ChaseRequest {
        side,
        only: &ids,
        today: state.clock.today(),
        dry_run: false,
    };
    queue::chase(
        &state.db,
        cycle,
        request,
        &actor(&user),
        request_id(&headers).as_deref(),
    )
    .await?;
    Ok(Redirect::to(&format!("/app/cycles/{year}?done=chased#chase-heading")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_needs_a_side_and_takes_many_officers() {
        let form = parse(b"side=eu&officer=A%40x.org&officer=b%40x.org").unwrap();
        assert_eq!(form.side, Some(Side::Eu));
        assert_eq!(form.officers, ["a@x.org", "b@x.org"]);
        assert_eq!(parse(b"officer=a%40x.org").unwrap_err(), "chase-side");
        assert_eq!(parse(b"side=xx").unwrap_err(), "chase-side");
        assert_eq!(parse(b"side=eu%00").unwrap_err(), "chase-side");
    }
}
