//! Errata: corrections to a cycle once it is frozen or published, each with its reason and its
//! audit event in one transaction.

use serde_json::{Map, Value, json};
use sqlx::PgPool;

use super::{
    NEXT_STEPS_MAX_CHARS, Problem, REASON_MAX_CHARS, SUMMARY_MAX_CHARS, find_commitment,
    find_cycle, join, too_long,
};
use crate::{
    db::{
        audit::{self, Actor, NewEvent},
        joint::{self, NewErratum},
    },
    domain::{cycle::CycleState, status::Status},
};

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
