//! Bulk joint reviews: accept every status both sides agree on, and record "Not yet assessed",
//! with one reason as the public summary line, for every commitment neither side assessed. The
//! secretariat confirms how many commitments change; when that number is no longer right (someone
//! saved one of them in the meantime) nothing is written. Each is one transaction.

use serde_json::{Map, Value, json};
use sqlx::PgPool;

use super::{
    Problem, ReconcileFailure, SUMMARY_MAX_CHARS, Target, ValidJoint, find_cycle, too_long,
    write_revision,
};
use crate::{
    db::{
        audit::{self, Actor, NewEvent},
        joint::{self, Accepted},
    },
    domain::{cycle::CycleState, status::Status},
    tracking::{self, Board, BoardRow},
};

/// The status both sides' current assessments share, if they do.
pub fn agreed(row: &BoardRow) -> Option<Status> {
    match (row.eu.status(), row.ca.status()) {
        (Some(eu), Some(ca)) if eu == ca => Some(eu),
        _ => None,
    }
}

/// Commitments that neither side assessed in the cycle and that have no joint review yet, in
/// text order. (A status carried forward from the previous cycle is not an assessment.)
pub fn untouched(board: &Board) -> Vec<&BoardRow> {
    board
        .rows
        .iter()
        .filter(|r| r.eu.current.is_none() && r.ca.current.is_none() && r.joint.is_none())
        .collect()
}

/// Gives every commitment where both sides' current assessments agree, and that has no joint
/// review yet, that common status as its joint status: one transaction, one audit event listing
/// the references. With `expected`, the number the secretariat confirmed, a different number
/// writes nothing ([`ReconcileFailure::Changed`]). Returns what was accepted (possibly nothing).
pub async fn accept_agreed(
    pool: &PgPool,
    partnership_id: i64,
    year: i32,
    expected: Option<usize>,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<Vec<Accepted>, ReconcileFailure> {
    let cycle = find_cycle(pool, partnership_id, year)
        .await?
        .ok_or(ReconcileFailure::NotFound)?;
    if cycle.state != CycleState::Reconciliation {
        return Err(ReconcileFailure::WrongState(cycle.state));
    }
    let mut tx = pool.begin().await?;
    let accepted = match joint::insert_agreed(&mut *tx, cycle.id, actor.user_id, &actor.name).await
    {
        Ok(accepted) => accepted,
        // Someone saved a joint review of one of them in the meantime.
        Err(sqlx::Error::Database(e))
            if e.constraint() == Some("joint_review_cycle_id_commitment_id_version_key") =>
        {
            return Err(ReconcileFailure::Stale { current: 1 });
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(expected) = expected
        && expected != accepted.len()
    {
        // Dropping the transaction rolls the inserts back.
        return Err(ReconcileFailure::Changed {
            now: accepted.len(),
        });
    }
    if accepted.is_empty() {
        // Nothing written; if the cycle moved on in the meantime, say so.
        let now = find_cycle(pool, partnership_id, year)
            .await?
            .ok_or(ReconcileFailure::NotFound)?;
        if now.state != CycleState::Reconciliation {
            return Err(ReconcileFailure::WrongState(now.state));
        }
        return Ok(accepted);
    }
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "joint_review.accept_agreed",
            entity: "review_cycle",
            entity_id: Some(cycle.id.to_string()),
            before: None,
            after: Some(json!({
                "cycle": year,
                "count": accepted.len(),
                "refs": accepted.iter().map(|a| a.reference.as_str()).collect::<Vec<_>>(),
                "statuses": accepted
                    .iter()
                    .map(|a| (a.reference.clone(), json!(a.status)))
                    .collect::<Map<String, Value>>(),
            })),
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(accepted)
}

/// The reason for recording "Not yet assessed" in bulk, as typed, with the number of commitments
/// the secretariat confirmed (empty before the confirmation).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct UntouchedInput {
    /// Becomes the English public summary line of each commitment.
    pub reason_en: String,
    /// Becomes the French public summary line of each commitment.
    pub reason_fr: String,
    pub count: String,
}

/// A checked reason in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UntouchedReason {
    pub en: String,
    pub fr: String,
}

impl UntouchedInput {
    /// Checks the reason: both languages (it is public, and the public page is bilingual), each
    /// one summary line long. All the problems at once, in the form's order.
    pub fn check(&self) -> Result<UntouchedReason, Vec<Problem>> {
        let (en, fr) = (self.reason_en.trim(), self.reason_fr.trim());
        let mut problems = Vec::new();
        if en.is_empty() || too_long(en, SUMMARY_MAX_CHARS) {
            problems.push(Problem::ReasonEn);
        }
        if fr.is_empty() || too_long(fr, SUMMARY_MAX_CHARS) {
            problems.push(Problem::ReasonFr);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(UntouchedReason {
            en: en.to_owned(),
            fr: fr.to_owned(),
        })
    }

    /// The confirmed number of commitments; `None` before the confirmation.
    pub fn confirmed(&self) -> Result<Option<usize>, Problem> {
        match self.count.trim() {
            "" => Ok(None),
            n => n.parse().map(Some).map_err(|_| Problem::Count),
        }
    }
}

/// Gives every commitment that neither side assessed (see [`untouched`]) the joint status "Not
/// yet assessed" with `reason` as its public summary line, in one transaction with one audit event
/// per joint review (as single saves write). `expected` is the number the secretariat confirmed:
/// any other number, or a joint review saved by someone else meanwhile, writes nothing. Returns
/// the references written, in text order.
pub async fn record_not_assessed(
    pool: &PgPool,
    partnership_id: i64,
    year: i32,
    reason: &UntouchedReason,
    expected: usize,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<Vec<String>, ReconcileFailure> {
    let cycle = find_cycle(pool, partnership_id, year)
        .await?
        .ok_or(ReconcileFailure::NotFound)?;
    if cycle.state != CycleState::Reconciliation {
        return Err(ReconcileFailure::WrongState(cycle.state));
    }
    // Assessments cannot change during reconciliation; joint reviews can, and each insert below
    // is refused when one was saved since this board was read.
    let board = tracking::board(pool, cycle.clone()).await?;
    let rows = untouched(&board);
    if rows.len() != expected {
        return Err(ReconcileFailure::Changed { now: rows.len() });
    }
    let valid = ValidJoint {
        based_on: 0,
        status: Status::NotAssessed,
        summary_en: reason.en.clone(),
        summary_fr: reason.fr.clone(),
        next_steps: String::new(),
        next_steps_fr: String::new(),
    };
    let mut tx = pool.begin().await?;
    for row in &rows {
        let written = write_revision(
            &mut tx,
            Target {
                cycle_id: cycle.id,
                state: cycle.state,
                year,
                commitment_id: row.info.id,
                reference: &row.info.reference,
            },
            &valid,
            actor,
            request_id,
            Some("not_assessed"),
        )
        .await;
        match written {
            Ok(_) => {}
            Err(ReconcileFailure::Stale { .. }) => {
                drop(tx);
                let board = tracking::board(pool, cycle.clone()).await?;
                return Err(ReconcileFailure::Changed {
                    now: untouched(&board).len(),
                });
            }
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    Ok(rows.iter().map(|r| r.info.reference.clone()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reason_is_needed_in_both_languages_and_fits_a_summary_line() {
        let input = UntouchedInput {
            reason_en: " Not reported before the Dialogue. ".into(),
            reason_fr: "Non communiqué avant le Dialogue.".into(),
            count: "55".into(),
        };
        assert_eq!(
            input.check().unwrap(),
            UntouchedReason {
                en: "Not reported before the Dialogue.".into(),
                fr: "Non communiqué avant le Dialogue.".into(),
            }
        );
        assert_eq!(input.confirmed(), Ok(Some(55)));
        let cases = [
            (
                UntouchedInput {
                    reason_fr: " ".into(),
                    ..input.clone()
                },
                vec![Problem::ReasonFr],
            ),
            (
                UntouchedInput {
                    reason_en: "é".repeat(501),
                    reason_fr: String::new(),
                    ..input.clone()
                },
                vec![Problem::ReasonEn, Problem::ReasonFr],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(input.check().unwrap_err(), want, "{input:?}");
        }
        let fits = UntouchedInput {
            reason_en: "é".repeat(500),
            ..input.clone()
        };
        assert!(fits.check().is_ok());
        for (count, want) in [
            ("", Ok(None)),
            (" 3 ", Ok(Some(3))),
            ("-1", Err(Problem::Count)),
        ] {
            let input = UntouchedInput {
                count: count.into(),
                ..input.clone()
            };
            assert_eq!(input.confirmed(), want, "{count:?}");
        }
    }
}
