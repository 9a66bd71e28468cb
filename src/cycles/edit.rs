//! Correcting a cycle before it is frozen, and deleting one that was never opened. The same
//! checks as for a new cycle ([`CycleInput::check`]); each change is written with its audit event
//! (before and after) in one transaction, and a refused one writes nothing.

use serde_json::{Value, json};
use sqlx::PgPool;

use super::{CycleFailure, CycleInput, CycleSpec, Problem, YEAR_CONSTRAINT, is_constraint};
use crate::db::{
    audit::{self, Actor, NewEvent},
    cycle_edits::{self, EDIT_ACTION},
    cycles::{Cycle, NewCycle},
};
use crate::domain::lang::Lang;

/// The details a correction may change, by their key in the audit event, with a name for the
/// command line.
pub const FIELDS: [(&str, &str); 7] = [
    ("title_en", "title (English)"),
    ("title_fr", "title (French)"),
    ("meeting_date", "Dialogue date"),
    ("place_en", "place (English)"),
    ("place_fr", "place (French)"),
    ("opens_on", "opening date"),
    ("deadline", "deadline"),
];

/// A cycle's details as the form shows them, to be corrected.
pub fn input_of(cycle: &Cycle) -> CycleInput {
    let exact = |text: &crate::domain::lang::Bilingual<String>, lang| {
        text.exact(lang).cloned().unwrap_or_default()
    };
    CycleInput {
        year: cycle.year.to_string(),
        title_en: exact(&cycle.title, Lang::En),
        title_fr: exact(&cycle.title, Lang::Fr),
        meeting_date: cycle.meeting_date.to_string(),
        place_en: exact(&cycle.place, Lang::En),
        place_fr: exact(&cycle.place, Lang::Fr),
        opens_on: cycle.opens_on.to_string(),
        deadline: cycle.deadline.to_string(),
    }
}

/// A cycle's details as its audit events record them.
pub fn details(cycle: &Cycle) -> Value {
    let input = input_of(cycle);
    json!({
        "year": cycle.year,
        "title_en": input.title_en, "title_fr": input.title_fr,
        "meeting_date": input.meeting_date,
        "place_en": input.place_en,
        "place_fr": cycle.place.exact(Lang::Fr),
        "opens_on": input.opens_on, "deadline": input.deadline,
        "state": cycle.state,
    })
}

/// A correction that was made (or found to change nothing).
#[derive(Debug, Clone)]
pub struct Edited {
    pub before: Cycle,
    pub after: Cycle,
}

impl Edited {
    /// Did the correction change anything?
    pub fn changed(&self) -> bool {
        details(&self.before) != details(&self.after)
    }
}

/// Corrects the cycle of `year`: `correct` gets its current details (locked) and returns the
/// corrected ones, which are checked as a new cycle's are. The year cannot change: a cycle typed
/// under the wrong year is deleted (if never opened) and created again. A frozen or published
/// cycle is refused; a correction that changes nothing writes nothing.
pub async fn edit(
    pool: &PgPool,
    partnership_id: i64,
    year: i32,
    correct: impl FnOnce(&Cycle) -> CycleInput,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<Edited, CycleFailure> {
    let mut tx = pool.begin().await?;
    let before = cycle_edits::lock_by_year(&mut *tx, partnership_id, year)
        .await?
        .ok_or(CycleFailure::NotFound(year))?;
    if !before.state.is_editable() {
        return Err(CycleFailure::Immutable(year, before.state));
    }
    let mut input = correct(&before);
    input.year = year.to_string();
    let spec: CycleSpec = input.check().map_err(CycleFailure::Invalid)?;
    let after = Cycle {
        title: crate::domain::lang::Bilingual::new(spec.title_en.clone(), spec.title_fr.clone()),
        meeting_date: spec.meeting_date,
        place: crate::domain::lang::Bilingual {
            en: Some(spec.place_en.clone()),
            fr: spec.place_fr.clone(),
        },
        opens_on: spec.opens_on,
        deadline: spec.deadline,
        ..before.clone()
    };
    let edited = Edited { before, after };
    if !edited.changed() {
        return Ok(edited);
    }
    let updated = cycle_edits::update_details(
        &mut *tx,
        edited.before.id,
        &NewCycle {
            partnership_id,
            year,
            title: &spec.title_en,
            title_fr: &spec.title_fr,
            meeting_date: spec.meeting_date,
            place: &spec.place_en,
            place_fr: spec.place_fr.as_deref(),
            opens_on: spec.opens_on,
            deadline: spec.deadline,
        },
    )
    .await;
    match updated {
        Ok(true) => {}
        // The row is locked and was editable: only the database's own checks can refuse it now.
        Ok(false) => return Err(CycleFailure::Immutable(year, edited.before.state)),
        Err(err) if is_constraint(&err, YEAR_CONSTRAINT) => {
            return Err(CycleFailure::Invalid(vec![Problem::DuplicateYear]));
        }
        Err(err) => return Err(err.into()),
    }
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: EDIT_ACTION,
            entity: "review_cycle",
            entity_id: Some(edited.before.id.to_string()),
            before: Some(details(&edited.before)),
            after: Some(details(&edited.after)),
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(edited)
}

/// Deletes the cycle of `year` with its audit event, if it was never opened (whatever its state
/// now, its state changes say whether it was). Returns the deleted cycle.
pub async fn delete(
    pool: &PgPool,
    partnership_id: i64,
    year: i32,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<Cycle, CycleFailure> {
    let mut tx = pool.begin().await?;
    let cycle = cycle_edits::lock_by_year(&mut *tx, partnership_id, year)
        .await?
        .ok_or(CycleFailure::NotFound(year))?;
    // A cycle never opened has no assessment, joint review or erratum: nothing is lost with it.
    if cycle_edits::was_ever_opened(&mut *tx, cycle.id).await?
        || !cycle_edits::delete_never_opened(&mut *tx, cycle.id).await?
    {
        return Err(CycleFailure::WasOpened(year));
    }
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "cycle.delete",
            entity: "review_cycle",
            entity_id: Some(cycle.id.to_string()),
            before: Some(details(&cycle)),
            after: None,
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(cycle)
}
