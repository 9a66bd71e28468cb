//! Signing a side's submission off as complete for a cycle. Only that side's officers may, only
//! while the cycle is open; when commitments still lack the side's assessment, the officer must
//! confirm having seen how many. The sign-off and its audit event are written in one
//! transaction; a later save by that side reopens it (see [`crate::tracking::save`]).

use serde_json::json;
use sqlx::PgPool;

use crate::{
    auth::User,
    db::{
        audit::{self, Actor, NewEvent},
        cycles, signoff,
    },
    domain::{account::Side, cycle::CycleState},
    tracking::{self, Board, may_write},
};

/// What a sign-off request came to.
#[derive(Debug)]
pub enum SignOffOutcome {
    /// Recorded now.
    Signed { year: i32, side: Side },
    /// The side's submission was signed off already; nothing was written.
    AlreadySigned { year: i32, side: Side },
    /// Commitments still lack the side's assessment and the officer has not confirmed that
    /// number: nothing was written; the board says what is missing.
    Unconfirmed { board: Box<Board>, side: Side },
}

/// Why a sign-off was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum SignOffFailure {
    #[error("only an officer of a side may sign its submission off")]
    Forbidden,
    #[error("no such cycle")]
    NotFound,
    #[error("the cycle is not open")]
    CycleClosed(Box<crate::db::cycles::Cycle>),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Signs `user`'s side's submission for the cycle of `year` off. `confirmed` is the number of
/// commitments without an assessment the officer was shown and accepted; the sign-off is
/// recorded when nothing is missing or when that number is still the number missing.
pub async fn sign_off(
    pool: &PgPool,
    partnership_id: i64,
    user: &User,
    year: i32,
    confirmed: Option<usize>,
    request_id: Option<&str>,
) -> Result<SignOffOutcome, SignOffFailure> {
    let side = user
        .side()
        .filter(|s| may_write(user, *s))
        .ok_or(SignOffFailure::Forbidden)?;
    let cycle = cycles::find_by_year(pool, partnership_id, year)
        .await?
        .ok_or(SignOffFailure::NotFound)?;
    if cycle.state != CycleState::Open {
        return Err(SignOffFailure::CycleClosed(Box::new(cycle)));
    }
    let board = tracking::board(pool, cycle).await?;
    if board.signoff(side).is_some() {
        return Ok(SignOffOutcome::AlreadySigned { year, side });
    }
    let missing: Vec<String> = board
        .missing(side)
        .map(|r| r.info.reference.clone())
        .collect();
    if !missing.is_empty() && confirmed != Some(missing.len()) {
        return Ok(SignOffOutcome::Unconfirmed {
            board: Box::new(board),
            side,
        });
    }
    let cycle = board.cycle;
    let mut tx = pool.begin().await?;
    let Some(at) = signoff::insert(&mut *tx, cycle.id, side, user.id()).await? else {
        // Between the checks and the write, the cycle moved on or the side was signed off.
        drop(tx);
        return match signoff::is_signed_off(pool, cycle.id, side).await? {
            true => Ok(SignOffOutcome::AlreadySigned { year, side }),
            false => Err(SignOffFailure::CycleClosed(Box::new(cycle))),
        };
    };
    audit::record(
        &mut *tx,
        NewEvent {
            actor: &Actor {
                user_id: Some(user.id()),
                name: user.email().to_owned(),
            },
            action: "signoff.record",
            entity: "submission_signoff",
            entity_id: Some(format!("{year}/{}", side.as_str())),
            before: None,
            after: Some(json!({
                "cycle": year, "side": side, "signed_at": at, "missing": missing,
            })),
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(SignOffOutcome::Signed { year, side })
}
