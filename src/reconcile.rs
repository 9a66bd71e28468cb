//! Reconciliation: the secretariat's joint review of each commitment while a cycle is in
//! reconciliation (one at a time, or in bulk), and errata to
//! a cycle once it is frozen. Each change is written with its audit event in one transaction; a
//! refused change writes nothing.

use serde_json::json;
use sqlx::{Acquire as _, PgConnection, PgPool};

use crate::{
    db::{
        audit::{self, Actor, NewEvent},
        board,
        cycles::{self, Cycle},
        joint::{self, JointSaveError, NewJoint},
    },
    domain::{cycle::CycleState, status::Status},
};

mod bulk;
mod errata;

pub use bulk::{UntouchedInput, accept_agreed, agreed, record_not_assessed, untouched};
pub use errata::{ErratumFailure, ErratumInput, ValidErratum, record_erratum};

/// Longest public summary line, in each language, as the schema allows.
pub const SUMMARY_MAX_CHARS: usize = 500;
/// Longest agreed next steps, in each language, as the schema allows.
pub const NEXT_STEPS_MAX_CHARS: usize = 5_000;
/// Longest reason of an erratum, as the schema allows.
pub const REASON_MAX_CHARS: usize = 2_000;

/// What is wrong with a joint review or an erratum, field by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("choose a joint status")]
    Status,
    #[error("the English summary must have at most 500 characters")]
    SummaryEn,
    #[error("the French summary must have at most 500 characters")]
    SummaryFr,
    #[error("the English next steps must have at most 5,000 characters")]
    NextSteps,
    #[error("the French next steps must have at most 5,000 characters")]
    NextStepsFr,
    #[error("the version is not a number")]
    Version,
    #[error("say why the correction is made, in at most 2,000 characters")]
    Reason,
    #[error("there is no such commitment")]
    Reference,
    #[error("a corrected status or summary needs the commitment it belongs to")]
    ReferenceNeeded,
    #[error("give the corrected status, summary or next steps")]
    NoChange,
    #[error("give the reason in English, in at most 500 characters")]
    ReasonEn,
    #[error("give the reason in French, in at most 500 characters")]
    ReasonFr,
    #[error("the number of commitments is not a number")]
    Count,
}

impl Problem {
    /// The form field the problem belongs to.
    pub fn field(self) -> &'static str {
        match self {
            Problem::Status | Problem::NoChange => "status",
            Problem::SummaryEn => "summary_en",
            Problem::SummaryFr => "summary_fr",
            Problem::NextSteps => "next_steps",
            Problem::NextStepsFr => "next_steps_fr",
            Problem::Version => "version",
            Problem::Reason => "reason",
            Problem::Reference | Problem::ReferenceNeeded => "reference",
            Problem::ReasonEn => "reason_en",
            Problem::ReasonFr => "reason_fr",
            Problem::Count => "count",
        }
    }

    pub fn message_key(self) -> &'static str {
        match self {
            Problem::Status => "joint-error-status",
            Problem::SummaryEn => "joint-error-summary-en",
            Problem::SummaryFr => "joint-error-summary-fr",
            Problem::NextSteps => "joint-error-next-steps",
            Problem::NextStepsFr => "joint-error-next-steps-fr",
            Problem::Version => "form-error-invalid",
            Problem::Reason => "erratum-error-reason",
            Problem::Reference => "erratum-error-reference",
            Problem::ReferenceNeeded => "erratum-error-reference-needed",
            Problem::NoChange => "erratum-error-no-change",
            Problem::ReasonEn => "reconcile-reason-error-en",
            Problem::ReasonFr => "reconcile-reason-error-fr",
            Problem::Count => "form-error-invalid",
        }
    }
}

fn too_long(text: &str, max: usize) -> bool {
    text.chars().count() > max
}

/// A joint review as typed in the form, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct JointInput {
    pub status: String,
    pub summary_en: String,
    pub summary_fr: String,
    /// The agreed next steps in English (empty: not written in English).
    pub next_steps: String,
    /// The agreed next steps in French (empty: not written in French).
    pub next_steps_fr: String,
    /// The version the writer saw (0 before the first joint review).
    pub version: String,
}

/// A checked joint review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidJoint {
    pub based_on: i32,
    pub status: Status,
    pub summary_en: String,
    pub summary_fr: String,
    pub next_steps: String,
    pub next_steps_fr: String,
}

impl ValidJoint {
    fn as_new(&self) -> NewJoint<'_> {
        NewJoint {
            status: self.status,
            summary_en: &self.summary_en,
            summary_fr: &self.summary_fr,
            next_steps: &self.next_steps,
            next_steps_fr: &self.next_steps_fr,
        }
    }
}

impl JointInput {
    /// Checks every field; all the problems at once, in the form's order.
    pub fn check(&self) -> Result<ValidJoint, Vec<Problem>> {
        let mut problems = Vec::new();
        let based_on = self.version.trim().parse::<i32>().ok().filter(|v| *v >= 0);
        if based_on.is_none() {
            problems.push(Problem::Version);
        }
        let status = self.status.parse::<Status>().ok();
        if status.is_none() {
            problems.push(Problem::Status);
        }
        let (en, fr, next, next_fr) = (
            self.summary_en.trim(),
            self.summary_fr.trim(),
            self.next_steps.trim(),
            self.next_steps_fr.trim(),
        );
        if too_long(en, SUMMARY_MAX_CHARS) {
            problems.push(Problem::SummaryEn);
        }
        if too_long(fr, SUMMARY_MAX_CHARS) {
            problems.push(Problem::SummaryFr);
        }
        if too_long(next, NEXT_STEPS_MAX_CHARS) {
            problems.push(Problem::NextSteps);
        }
        if too_long(next_fr, NEXT_STEPS_MAX_CHARS) {
            problems.push(Problem::NextStepsFr);
        }
        match (based_on, status) {
            (Some(based_on), Some(status)) if problems.is_empty() => Ok(ValidJoint {
                based_on,
                status,
                summary_en: en.to_owned(),
                summary_fr: fr.to_owned(),
                next_steps: next.to_owned(),
                next_steps_fr: next_fr.to_owned(),
            }),
            _ => Err(problems),
        }
    }
}

/// Why a reconciliation change was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ReconcileFailure {
    #[error("no such cycle or commitment")]
    NotFound,
    #[error("joint reviews are recorded only while the cycle is in reconciliation (it is {0})")]
    WrongState(CycleState),
    #[error("{}", join(.0))]
    Invalid(Vec<Problem>),
    #[error("the joint review was changed by someone else (now version {current})")]
    Stale { current: i32 },
    /// A bulk action was confirmed for a number of commitments that is no longer right.
    #[error(
        "the number of commitments changed in the meantime (it is now {now}); nothing was written"
    )]
    Changed { now: usize },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

fn join(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

async fn find_cycle(
    pool: &PgPool,
    partnership_id: i64,
    year: i32,
) -> Result<Option<Cycle>, sqlx::Error> {
    cycles::find_by_year(pool, partnership_id, year).await
}

async fn find_commitment(
    pool: &PgPool,
    partnership_id: i64,
    reference: &str,
) -> Result<Option<i64>, sqlx::Error> {
    Ok(board::commitment_by_ref(pool, partnership_id, reference)
        .await?
        .map(|c| c.id))
}

/// Saves a new joint review revision of `reference` in the cycle of `year`, with its audit event,
/// if the writer saw the current version; returns the new version.
pub async fn save(
    pool: &PgPool,
    partnership_id: i64,
    year: i32,
    reference: &str,
    input: &JointInput,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<i32, ReconcileFailure> {
    let mut conn = pool.acquire().await?;
    save_in(
        &mut conn,
        partnership_id,
        year,
        reference,
        input,
        actor,
        request_id,
    )
    .await
}

/// [`save`] on a connection the caller holds: its own transaction, or a savepoint inside the
/// caller's (the spreadsheet import applies many joint reviews in one transaction).
pub async fn save_in(
    conn: &mut PgConnection,
    partnership_id: i64,
    year: i32,
    reference: &str,
    input: &JointInput,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<i32, ReconcileFailure> {
    let cycle = cycles::find_by_year(&mut *conn, partnership_id, year)
        .await?
        .ok_or(ReconcileFailure::NotFound)?;
    let commitment_id = board::commitment_by_ref(&mut *conn, partnership_id, reference)
        .await?
        .map(|c| c.id)
        .ok_or(ReconcileFailure::NotFound)?;
    if cycle.state != CycleState::Reconciliation {
        return Err(ReconcileFailure::WrongState(cycle.state));
    }
    let valid = input.check().map_err(ReconcileFailure::Invalid)?;
    let mut tx = conn.begin().await?;
    let version = write_revision(
        &mut tx,
        Target {
            cycle_id: cycle.id,
            state: cycle.state,
            year,
            commitment_id,
            reference,
        },
        &valid,
        actor,
        request_id,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(version)
}

/// The commitment of a cycle a joint review revision is written for.
struct Target<'a> {
    cycle_id: i64,
    /// The cycle's state as read before the transaction.
    state: CycleState,
    year: i32,
    commitment_id: i64,
    reference: &'a str,
}

/// Writes a joint review revision based on the version the writer saw, and its audit event
/// (`bulk` names the bulk action that wrote it, if one did), inside the caller's transaction.
async fn write_revision(
    tx: &mut sqlx::PgConnection,
    t: Target<'_>,
    valid: &ValidJoint,
    actor: &Actor,
    request_id: Option<&str>,
    bulk: Option<&str>,
) -> Result<i32, ReconcileFailure> {
    let before = joint::history(&mut *tx, t.cycle_id, t.commitment_id)
        .await?
        .into_iter()
        .next();
    let (id, version) = joint::insert_revision(
        &mut *tx,
        t.cycle_id,
        t.commitment_id,
        valid.based_on,
        &valid.as_new(),
        actor.user_id,
        &actor.name,
    )
    .await
    .map_err(|e| match e {
        JointSaveError::Stale { current } => ReconcileFailure::Stale { current },
        JointSaveError::NotReconciliation => ReconcileFailure::WrongState(t.state),
        JointSaveError::Database(e) => ReconcileFailure::Database(e),
    })?;
    let mut after = json!({
        "cycle": t.year, "ref": t.reference, "version": version, "status": valid.status,
        "summary_en": valid.summary_en, "summary_fr": valid.summary_fr,
        "next_steps": valid.next_steps, "next_steps_fr": valid.next_steps_fr,
    });
    if let (Some(bulk), Some(after)) = (bulk, after.as_object_mut()) {
        after.insert("bulk".into(), json!(bulk));
    }
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "joint_review.save",
            entity: "joint_review",
            entity_id: Some(id.to_string()),
            before: before.map(|r| {
                json!({
                    "version": r.version, "status": r.status, "summary_en": r.summary_en,
                    "summary_fr": r.summary_fr, "next_steps": r.next_steps.en.unwrap_or_default(),
                    "next_steps_fr": r.next_steps.fr.unwrap_or_default(),
                })
            }),
            after: Some(after),
            request_id,
        },
    )
    .await?;
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joint(status: &str, version: &str) -> JointInput {
        JointInput {
            status: status.into(),
            version: version.into(),
            summary_en: " Done. ".into(),
            ..JointInput::default()
        }
    }

    #[test]
    fn a_joint_review_needs_a_status_and_short_summaries() {
        let ok = joint("completed", "2").check().unwrap();
        assert_eq!(ok.based_on, 2);
        assert_eq!(ok.status, Status::Completed);
        assert_eq!(ok.summary_en, "Done.");
        assert_eq!(joint("", "0").check().unwrap_err(), vec![Problem::Status]);
        assert_eq!(
            joint("on_track", "x").check().unwrap_err(),
            vec![Problem::Version]
        );
        let long = JointInput {
            summary_en: "é".repeat(501),
            summary_fr: "é".repeat(500),
            next_steps: "n".repeat(5_001),
            next_steps_fr: "é".repeat(5_001),
            ..joint("on_track", "0")
        };
        assert_eq!(
            long.check().unwrap_err(),
            vec![Problem::SummaryEn, Problem::NextSteps, Problem::NextStepsFr]
        );
        let both = JointInput {
            next_steps: " Meet in autumn. ".into(),
            next_steps_fr: " Se réunir à l’automne. ".into(),
            ..joint("on_track", "0")
        }
        .check()
        .unwrap();
        assert_eq!(
            (both.next_steps.as_str(), both.next_steps_fr.as_str()),
            ("Meet in autumn.", "Se réunir à l’automne.")
        );
    }
}
