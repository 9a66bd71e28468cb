//! Review cycles: one per Dialogue, moving forward through fixed states (reconciliation may go
//! back to open until the cycle is frozen).

use std::{fmt, str::FromStr};

use super::lang::{Bilingual, Lang};

/// Where a cycle stands. Moves go forward one step at a time; the one way back is reopening a
/// cycle in reconciliation for submissions. Freezing and publishing are one-way.
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

    /// Checks a requested move: forward by exactly one step, or reconciliation back to open.
    pub fn check_move(self, to: CycleState) -> Result<(), CycleError> {
        if self.moves().contains(&to) {
            Ok(())
        } else {
            Err(CycleError::BadTransition { from: self, to })
        }
    }

    /// Every state this one may move to: the next, and open again from reconciliation.
    pub fn moves(self) -> Vec<CycleState> {
        let mut moves: Vec<CycleState> = self.next().into_iter().collect();
        if self == CycleState::Reconciliation {
            moves.push(CycleState::Open);
        }
        moves
    }

    /// Is `self → to` the way back, reconciliation to open?
    pub fn is_reopen(self, to: CycleState) -> bool {
        self == CycleState::Reconciliation && to == CycleState::Open
    }

    /// Can the cycle's dates, titles and place still be corrected? Until it is frozen.
    pub fn is_editable(self) -> bool {
        self < CycleState::Frozen
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
        "a cycle cannot move from {from} to {to}: states only move forward, one step at a time (or from reconciliation back to open)"
    )]
    BadTransition { from: CycleState, to: CycleState },
    #[error(
        "the submission window must open on or before the deadline, and the deadline fall on or before the meeting"
    )]
    BadDates,
    #[error("the title and place must be given (at most 300 and 200 characters)")]
    BadText,
    #[error("the Dialogue date must fall in the cycle's year")]
    MeetingOutsideYear,
}

/// The Dialogue a cycle prepares meets in the cycle's year.
pub fn check_meeting_year(year: i32, meeting: chrono::NaiveDate) -> Result<(), CycleError> {
    use chrono::Datelike;
    if meeting.year() == year {
        Ok(())
    } else {
        Err(CycleError::MeetingOutsideYear)
    }
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
    fn states_move_forward_one_step_at_a_time_or_reopen() {
        use CycleState::*;
        assert!(Planned.check_move(Open).is_ok());
        assert!(Open.check_move(Reconciliation).is_ok());
        assert!(Reconciliation.check_move(Open).is_ok());
        assert!(Reconciliation.is_reopen(Open));
        assert!(!Planned.is_reopen(Open));
        assert!(Frozen.check_move(Published).is_ok());
        for (from, to) in [
            (Open, Planned),
            (Planned, Reconciliation),
            (Published, Published),
            (Open, Open),
            (Frozen, Reconciliation),
            (Frozen, Open),
            (Published, Frozen),
            (Published, Open),
            (Reconciliation, Planned),
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

    #[test]
    fn the_dialogue_meets_in_the_cycles_year() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(check_meeting_year(2026, d(2026, 1, 1)).is_ok());
        assert!(check_meeting_year(2026, d(2026, 12, 31)).is_ok());
        assert!(check_meeting_year(2025, d(2026, 12, 3)).is_err());
        assert!(check_meeting_year(2026, d(2025, 12, 31)).is_err());
    }

    #[test]
    fn only_unfrozen_cycles_can_be_corrected() {
        use CycleState::*;
        assert!(Planned.is_editable() && Open.is_editable() && Reconciliation.is_editable());
        assert!(!Frozen.is_editable() && !Published.is_editable());
    }
}
