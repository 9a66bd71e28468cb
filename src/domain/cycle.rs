//! Review cycles: one per Dialogue, moving forward through fixed states.

use std::{fmt, str::FromStr};

use super::lang::{Bilingual, Lang};

/// Where a cycle stands. Only forward moves are allowed, one step at a time.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    sqlx::Type,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
#[sqlx(type_name = "text", rename_all = "lowercase")]
pub enum CycleState {
    Planned,
    Open,
    Reconciliation,
    Frozen,
    Published,
}

impl CycleState {
    pub const ALL: [CycleState; 5] = [
        CycleState::Planned,
        CycleState::Open,
        CycleState::Reconciliation,
        CycleState::Frozen,
        CycleState::Published,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CycleState::Planned => "planned",
            CycleState::Open => "open",
            CycleState::Reconciliation => "reconciliation",
            CycleState::Frozen => "frozen",
            CycleState::Published => "published",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            CycleState::Planned => "cycle-state-planned",
            CycleState::Open => "cycle-state-open",
            CycleState::Reconciliation => "cycle-state-reconciliation",
            CycleState::Frozen => "cycle-state-frozen",
            CycleState::Published => "cycle-state-published",
        }
    }

    /// The state after this one, if any.
    pub fn next(self) -> Option<CycleState> {
        let i = CycleState::ALL.iter().position(|s| *s == self)?;
        CycleState::ALL.get(i + 1).copied()
    }

    /// Checks a requested move: forward by exactly one step.
    pub fn check_move(self, to: CycleState) -> Result<(), CycleError> {
        if self.next() == Some(to) {
            Ok(())
        } else {
            Err(CycleError::BadTransition { from: self, to })
        }
    }
}

impl FromStr for CycleState {
    type Err = CycleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CycleState::ALL
            .into_iter()
            .find(|st| st.as_str() == s.trim())
            .ok_or_else(|| CycleError::UnknownState(s.to_owned()))
    }
}

impl fmt::Display for CycleState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CycleError {
    #[error(
        "{0:?} is not a cycle state (expected planned, open, reconciliation, frozen or published)"
    )]
    UnknownState(String),
    #[error(
        "a cycle cannot move from {from} to {to}: states only move forward, one step at a time"
    )]
    BadTransition { from: CycleState, to: CycleState },
    #[error(
        "the submission window must open on or before the deadline, and the deadline fall on or before the meeting"
    )]
    BadDates,
    #[error("the title and place must be given (at most 300 and 200 characters)")]
    BadText,
}

/// The dates of a cycle, checked together.
pub fn check_dates(
    opens_on: chrono::NaiveDate,
    deadline: chrono::NaiveDate,
    meeting: chrono::NaiveDate,
) -> Result<(), CycleError> {
    if opens_on <= deadline && deadline <= meeting {
        Ok(())
    } else {
        Err(CycleError::BadDates)
    }
}

/// The usual title of a cycle in `lang`: "2026 EU–Canada Security and Defence Dialogue",
/// "Dialogue UE–Canada sur la sécurité et la défense 2026".
pub fn default_title(year: i32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{year} EU–Canada Security and Defence Dialogue"),
        Lang::Fr => format!("Dialogue UE–Canada sur la sécurité et la défense {year}"),
    }
}

/// The usual title of a cycle in both languages.
pub fn default_titles(year: i32) -> Bilingual<String> {
    Bilingual::new(default_title(year, Lang::En), default_title(year, Lang::Fr))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_move_forward_one_step_at_a_time() {
        use CycleState::*;
        assert!(Planned.check_move(Open).is_ok());
        assert!(Open.check_move(Reconciliation).is_ok());
        assert!(Frozen.check_move(Published).is_ok());
        for (from, to) in [
            (Open, Planned),
            (Planned, Reconciliation),
            (Published, Published),
            (Open, Open),
        ] {
            assert!(from.check_move(to).is_err(), "{from} → {to}");
        }
        assert_eq!(Published.next(), None);
    }

    #[test]
    fn the_usual_title_in_both_languages() {
        let titles = default_titles(2026);
        assert_eq!(
            titles.exact(Lang::En).unwrap(),
            "2026 EU–Canada Security and Defence Dialogue"
        );
        assert_eq!(
            titles.exact(Lang::Fr).unwrap(),
            "Dialogue UE–Canada sur la sécurité et la défense 2026"
        );
        assert_eq!(
            default_title(2031, Lang::Fr),
            "Dialogue UE–Canada sur la sécurité et la défense 2031"
        );
    }

    #[test]
    fn dates_are_ordered() {
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert!(check_dates(d(1, 10), d(3, 1), d(3, 20)).is_ok());
        assert!(check_dates(d(3, 2), d(3, 1), d(3, 20)).is_err());
        assert!(check_dates(d(1, 10), d(3, 21), d(3, 20)).is_err());
    }
}
