//! Reconciliation: the secretariat's joint review of each commitment while a cycle is in
//! reconciliation (one at a time, or every commitment both sides agree on at once), and errata to
//! a cycle once it is frozen. Each change is written with its audit event in one transaction; a
//! refused change writes nothing.

use serde_json::{Map, Value, json};
use sqlx::{Acquire as _, PgConnection, PgPool};

use crate::{
    db::{
        audit::{self, Actor, NewEvent},
        board,
        cycles::{self, Cycle},
        joint::{self, Accepted, JointSaveError, NewErratum, NewJoint},
    },
    domain::{cycle::CycleState, status::Status},
};

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
    let before = joint::history(&mut *tx, cycle.id, commitment_id)
        .await?
        .into_iter()
        .next();
    let (id, version) = joint::insert_revision(
        &mut tx,
        cycle.id,
        commitment_id,
        valid.based_on,
        &valid.as_new(),
        actor.user_id,
        &actor.name,
    )
    .await
    .map_err(|e| match e {
        JointSaveError::Stale { current } => ReconcileFailure::Stale { current },
        JointSaveError::NotReconciliation => ReconcileFailure::WrongState(cycle.state),
        JointSaveError::Database(e) => ReconcileFailure::Database(e),
    })?;
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
            after: Some(json!({
                "cycle": year, "ref": reference, "version": version, "status": valid.status,
                "summary_en": valid.summary_en, "summary_fr": valid.summary_fr,
                "next_steps": valid.next_steps, "next_steps_fr": valid.next_steps_fr,
            })),
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(version)
}

/// Gives every commitment where both sides' current assessments agree, and that has no joint
/// review yet, that common status as its joint status: one transaction, one audit event listing
/// the references. Returns what was accepted (possibly nothing).
pub async fn accept_agreed(
    pool: &PgPool,
    partnership_id: i64,
    year: i32,
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

/// An erratum as typed in the form, before checking. An empty status or text means "unchanged".
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct ErratumInput {
    /// The commitment corrected; empty for a correction to the cycle as a whole.
    pub reference: String,
    pub reason: String,
    pub status: String,
    pub summary_en: String,
    pub summary_fr: String,
    /// English.
    pub next_steps: String,
    pub next_steps_fr: String,
}

/// A checked erratum: the reference (if any), the reason and the changes as a JSON object.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidErratum {
    pub reference: Option<String>,
    pub reason: String,
    pub changes: Value,
}

impl ErratumInput {
    /// Checks every field; all the problems at once, in the form's order. Whether the reference
    /// exists is checked by [`record_erratum`].
    pub fn check(&self) -> Result<ValidErratum, Vec<Problem>> {
        let mut problems = Vec::new();
        let reference = Some(self.reference.trim()).filter(|r| !r.is_empty());
        let mut changes = Map::new();
        let status = self.status.trim();
        if !status.is_empty() {
            match status.parse::<Status>() {
                Ok(s) => {
                    changes.insert("status".into(), json!(s));
                }
                Err(_) => problems.push(Problem::Status),
            }
        }
        for (field, value, max, problem) in [
            (
                "summary_en",
                &self.summary_en,
                SUMMARY_MAX_CHARS,
                Problem::SummaryEn,
            ),
            (
                "summary_fr",
                &self.summary_fr,
                SUMMARY_MAX_CHARS,
                Problem::SummaryFr,
            ),
            (
                "next_steps",
                &self.next_steps,
                NEXT_STEPS_MAX_CHARS,
                Problem::NextSteps,
            ),
            (
                "next_steps_fr",
                &self.next_steps_fr,
                NEXT_STEPS_MAX_CHARS,
                Problem::NextStepsFr,
            ),
        ] {
            let value = value.trim();
            if too_long(value, max) {
                problems.push(problem);
            } else if !value.is_empty() {
                changes.insert(field.into(), json!(value));
            }
        }
        match reference {
            Some(_) if changes.is_empty() && problems.is_empty() => {
                problems.push(Problem::NoChange)
            }
            None if !changes.is_empty() => problems.insert(0, Problem::ReferenceNeeded),
            _ => {}
        }
        let reason = self.reason.trim();
        if reason.is_empty() || too_long(reason, REASON_MAX_CHARS) {
            problems.push(Problem::Reason);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ValidErratum {
            reference: reference.map(str::to_owned),
            reason: reason.to_owned(),
            changes: Value::Object(changes),
        })
    }
}

/// Why an erratum was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ErratumFailure {
    #[error("there is no cycle for {0}")]
    NotFound(i32),
    #[error("errata are recorded only for frozen or published cycles (this one is {0})")]
    NotFrozen(CycleState),
    #[error("{}", join(.0))]
    Invalid(Vec<Problem>),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Records an erratum to the frozen or published cycle of `year`, with its audit event; returns
/// its id.
pub async fn record_erratum(
    pool: &PgPool,
    partnership_id: i64,
    year: i32,
    input: &ErratumInput,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<i64, ErratumFailure> {
    let cycle = find_cycle(pool, partnership_id, year)
        .await?
        .ok_or(ErratumFailure::NotFound(year))?;
    if !matches!(cycle.state, CycleState::Frozen | CycleState::Published) {
        return Err(ErratumFailure::NotFrozen(cycle.state));
    }
    let valid = input.check().map_err(ErratumFailure::Invalid)?;
    let commitment_id = match &valid.reference {
        Some(reference) => Some(
            find_commitment(pool, partnership_id, reference)
                .await?
                .ok_or_else(|| ErratumFailure::Invalid(vec![Problem::Reference]))?,
        ),
        None => None,
    };
    let mut tx = pool.begin().await?;
    let id = joint::insert_erratum(
        &mut *tx,
        &NewErratum {
            cycle_id: cycle.id,
            commitment_id,
            author_id: actor.user_id,
            author: &actor.name,
            reason: &valid.reason,
            changes: &valid.changes,
        },
    )
    .await?;
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "erratum.record",
            entity: "erratum",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!({
                "cycle": year, "ref": valid.reference, "reason": valid.reason,
                "changes": valid.changes,
            })),
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
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

    #[test]
    fn an_erratum_needs_a_reason_and_a_change_for_a_commitment() {
        let input = ErratumInput {
            reference: "25(c)".into(),
            reason: "The EU side corrected its report.".into(),
            status: "completed".into(),
            summary_fr: "Réalisé.".into(),
            ..ErratumInput::default()
        };
        let ok = input.check().unwrap();
        assert_eq!(ok.reference.as_deref(), Some("25(c)"));
        assert_eq!(
            ok.changes,
            json!({"status": "completed", "summary_fr": "Réalisé."})
        );
        let cases = [
            (
                ErratumInput {
                    reason: " ".into(),
                    ..input.clone()
                },
                vec![Problem::Reason],
            ),
            (
                ErratumInput {
                    status: String::new(),
                    summary_fr: String::new(),
                    ..input.clone()
                },
                vec![Problem::NoChange],
            ),
            (
                ErratumInput {
                    reference: String::new(),
                    ..input.clone()
                },
                vec![Problem::ReferenceNeeded],
            ),
            (
                ErratumInput {
                    status: "done".into(),
                    ..input.clone()
                },
                vec![Problem::Status],
            ),
            (
                ErratumInput {
                    next_steps_fr: "é".repeat(5_001),
                    ..input.clone()
                },
                vec![Problem::NextStepsFr],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(input.check().unwrap_err(), want, "{input:?}");
        }
        // A note on the cycle as a whole changes no status.
        let general = ErratumInput {
            reason: "The Dialogue was held in Ottawa, not Brussels.".into(),
            ..ErratumInput::default()
        };
        assert_eq!(general.check().unwrap().changes, json!({}));
        let next_steps = ErratumInput {
            status: String::new(),
            summary_fr: String::new(),
            next_steps_fr: "Se réunir à l’automne.".into(),
            ..input.clone()
        };
        assert_eq!(
            next_steps.check().unwrap().changes,
            json!({"next_steps_fr": "Se réunir à l’automne."})
        );
    }
}
