//! `sdp-tracker cycle …`: review cycles of the default partnership from the command line.

use clap::{Args, Subcommand};

use crate::{
    cycles,
    db::{audit::Actor, cycles::Cycle},
    domain::cycle::CycleState,
    i18n::Lang,
};

#[derive(Debug, Subcommand)]
pub enum CycleCommand {
    /// Create a review cycle, planned; dates are YYYY-MM-DD.
    Add {
        #[arg(long)]
        year: String,
        #[command(flatten)]
        fields: CycleFields,
    },
    /// Correct a cycle before it is frozen: only the options given change.
    Edit {
        #[arg(long)]
        year: String,
        #[command(flatten)]
        fields: CycleFields,
    },
    /// Delete a cycle that was never opened for submissions.
    Delete {
        #[arg(long)]
        year: String,
    },
    /// Move a cycle one step forward (planned, open, reconciliation, frozen, published), or from
    /// reconciliation back to open.
    SetState {
        #[arg(long)]
        year: String,
        state: String,
    },
}

/// A cycle's details as options, shared by the commands that create or correct a cycle. Each is
/// optional here; [`cycles::CycleInput::check`] says which a new cycle needs, in one line.
#[derive(Debug, Default, Args)]
pub struct CycleFields {
    /// The day of the Dialogue.
    #[arg(long)]
    pub meeting_date: Option<String>,
    /// Where the Dialogue meets, spelled the same in English and French (e.g. Ottawa); short for
    /// --place-en P --place-fr P.
    #[arg(long)]
    pub place: Option<String>,
    /// Where the Dialogue meets, in English (e.g. Brussels).
    #[arg(long)]
    pub place_en: Option<String>,
    /// Where the Dialogue meets, in French (e.g. Bruxelles); without it, French readers see the
    /// English place.
    #[arg(long)]
    pub place_fr: Option<String>,
    /// The day submissions open.
    #[arg(long)]
    pub opens: Option<String>,
    /// The submission deadline.
    #[arg(long)]
    pub deadline: Option<String>,
    /// Defaults to "YEAR EU–Canada Security and Defence Dialogue".
    #[arg(long, alias = "title")]
    pub title_en: Option<String>,
    /// Defaults to "Dialogue UE–Canada sur la sécurité et la défense YEAR".
    #[arg(long)]
    pub title_fr: Option<String>,
}

/// Options that contradict each other.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "--place gives the place in both languages; give either --place or --place-en/--place-fr, not both"
)]
pub struct PlaceConflict;

impl CycleFields {
    /// The place in each language: `--place` for both, or `--place-en`/`--place-fr`.
    fn places(&self) -> Result<(Option<String>, Option<String>), PlaceConflict> {
        match (&self.place, &self.place_en, &self.place_fr) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => Err(PlaceConflict),
            (Some(both), None, None) => Ok((Some(both.clone()), Some(both.clone()))),
            (None, en, fr) => Ok((en.clone(), fr.clone())),
        }
    }

    /// A cycle's `current` details with the options given put over them.
    pub fn apply(self, current: cycles::CycleInput) -> Result<cycles::CycleInput, PlaceConflict> {
        let (place_en, place_fr) = self.places()?;
        Ok(cycles::CycleInput {
            title_en: self.title_en.unwrap_or(current.title_en),
            title_fr: self.title_fr.unwrap_or(current.title_fr),
            meeting_date: self.meeting_date.unwrap_or(current.meeting_date),
            place_en: place_en.unwrap_or(current.place_en),
            place_fr: place_fr.unwrap_or(current.place_fr),
            opens_on: self.opens.unwrap_or(current.opens_on),
            deadline: self.deadline.unwrap_or(current.deadline),
            ..current
        })
    }

    /// Was any option given?
    fn is_empty(&self) -> bool {
        [
            &self.meeting_date,
            &self.place,
            &self.place_en,
            &self.place_fr,
            &self.opens,
            &self.deadline,
            &self.title_en,
            &self.title_fr,
        ]
        .iter()
        .all(|o| o.is_none())
    }

    /// The details of a new cycle of `year`, as the form would send them.
    pub fn into_input(self, year: String) -> Result<cycles::CycleInput, PlaceConflict> {
        let (place_en, place_fr) = self.places()?;
        Ok(cycles::CycleInput {
            year,
            title_en: self.title_en.unwrap_or_default(),
            title_fr: self.title_fr.unwrap_or_default(),
            meeting_date: self.meeting_date.unwrap_or_default(),
            place_en: place_en.unwrap_or_default(),
            place_fr: place_fr.unwrap_or_default(),
            opens_on: self.opens.unwrap_or_default(),
            deadline: self.deadline.unwrap_or_default(),
        })
    }
}

pub async fn run(pool: sqlx::PgPool, command: CycleCommand) -> anyhow::Result<()> {
    let actor = Actor::cli();
    match command {
        CycleCommand::Add { year, fields } => {
            let spec = fields
                .into_input(year)?
                .check()
                .map_err(cycles::CycleFailure::Invalid)?;
            let partnership_id = cycles::default_partnership_id(&pool).await?;
            let created = cycles::create(&pool, partnership_id, &spec, &actor, None).await?;
            let shown = |lang| {
                created
                    .place
                    .get(lang)
                    .map(|(place, _)| place.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            println!(
                "created the {} cycle \"{}\" / \"{}\" in {} / {} ({})",
                created.year,
                created.title.exact(Lang::En).map_or("", String::as_str),
                created.title.exact(Lang::Fr).map_or("", String::as_str),
                shown(Lang::En),
                shown(Lang::Fr),
                created.state
            );
        }
        CycleCommand::Edit { year, fields } => {
            let year = parse_year(&year)?;
            if fields.is_empty() {
                anyhow::bail!(
                    "nothing to change: give at least one of --meeting-date, --opens, --deadline, --title-en, --title-fr, --place, --place-en, --place-fr"
                );
            }
            // Refuse contradicting options before looking at the database.
            fields.places()?;
            let partnership_id = cycles::default_partnership_id(&pool).await?;
            let edited = cycles::edit::edit(
                &pool,
                partnership_id,
                year,
                |current| {
                    fields
                        .apply(cycles::edit::input_of(current))
                        .expect("the places were checked above")
                },
                &actor,
                None,
            )
            .await?;
            if edited.changed() {
                println!(
                    "corrected the {year} cycle: {}",
                    changes(&edited.before, &edited.after)
                );
            } else {
                println!("the {year} cycle already had these details: nothing changed");
            }
        }
        CycleCommand::Delete { year } => {
            let year = parse_year(&year)?;
            let partnership_id = cycles::default_partnership_id(&pool).await?;
            let deleted = cycles::edit::delete(&pool, partnership_id, year, &actor, None).await?;
            println!(
                "deleted the {year} cycle \"{}\" (it was never opened)",
                deleted.title.exact(Lang::En).map_or("", String::as_str)
            );
        }
        CycleCommand::SetState { year, state } => {
            let year = parse_year(&year)?;
            let to: CycleState = state.parse()?;
            let partnership_id = cycles::default_partnership_id(&pool).await?;
            let before = cycles::move_state(&pool, partnership_id, year, to, &actor, None).await?;
            let what = if before.state.is_reopen(to) {
                format!(
                    "; submissions are open again for both sides until {}",
                    before.deadline
                )
            } else {
                String::new()
            };
            println!("the {year} cycle is now {to} (was {}){what}", before.state);
        }
    }
    Ok(())
}

fn parse_year(year: &str) -> anyhow::Result<i32> {
    year.trim()
        .parse()
        .map_err(|_| anyhow::anyhow!("{:?} is not a year", year))
}

/// "deadline 2026-03-01 → 2026-03-15; place (French) Ottawa → Bruxelles": what a correction
/// changed, field by field, on one line.
fn changes(before: &Cycle, after: &Cycle) -> String {
    let (before, after) = (cycles::edit::details(before), cycles::edit::details(after));
    let shown = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "(none)".into(),
        other => other.to_string(),
    };
    cycles::edit::FIELDS
        .iter()
        .filter(|(key, _)| before[key] != after[key])
        .map(|(key, name)| format!("{name} {} → {}", shown(&before[key]), shown(&after[key])))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> CycleFields {
        CycleFields {
            meeting_date: Some("2026-06-01".into()),
            opens: Some("2026-01-15".into()),
            deadline: Some("2026-05-01".into()),
            ..CycleFields::default()
        }
    }

    #[test]
    fn place_is_short_for_both_languages() {
        let input = CycleFields {
            place: Some("Ottawa".into()),
            ..fields()
        }
        .into_input("2026".into())
        .unwrap();
        assert_eq!(
            (input.place_en.as_str(), input.place_fr.as_str()),
            ("Ottawa", "Ottawa")
        );
        let input = CycleFields {
            place_en: Some("Brussels".into()),
            place_fr: Some("Bruxelles".into()),
            ..fields()
        }
        .into_input("2026".into())
        .unwrap();
        assert_eq!(
            (input.place_en.as_str(), input.place_fr.as_str()),
            ("Brussels", "Bruxelles")
        );
    }

    #[test]
    fn place_with_place_en_or_fr_is_refused() {
        for (en, fr) in [(Some("Brussels"), None), (None, Some("Bruxelles"))] {
            let refused = CycleFields {
                place: Some("Brussels".into()),
                place_en: en.map(Into::into),
                place_fr: fr.map(Into::into),
                ..fields()
            }
            .into_input("2026".into());
            assert_eq!(refused.unwrap_err(), PlaceConflict);
        }
        assert!(!PlaceConflict.to_string().contains('\n'));
    }
}
