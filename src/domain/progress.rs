//! Where a side stands on a commitment in a cycle, and when the two sides diverge.

use chrono::NaiveDate;

use super::status::Status;

/// A side's submission for one commitment in the current cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmissionState {
    /// Nothing saved in this cycle yet, before the deadline.
    NotReviewed,
    /// Saved at least once in this cycle.
    Saved,
    /// Nothing saved and the deadline has passed.
    Overdue,
}

impl SubmissionState {
    pub fn of(saved: bool, deadline: NaiveDate, today: NaiveDate) -> SubmissionState {
        match (saved, today > deadline) {
            (true, _) => SubmissionState::Saved,
            (false, true) => SubmissionState::Overdue,
            (false, false) => SubmissionState::NotReviewed,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            SubmissionState::NotReviewed => "submission-not-reviewed",
            SubmissionState::Saved => "submission-saved",
            SubmissionState::Overdue => "submission-overdue",
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            SubmissionState::NotReviewed => "not-reviewed",
            SubmissionState::Saved => "saved",
            SubmissionState::Overdue => "overdue",
        }
    }
}

/// The two sides disagree: both have assessed the commitment in this cycle, differently.
pub fn divergent(eu: Option<Status>, ca: Option<Status>) -> bool {
    matches!((eu, ca), (Some(a), Some(b)) if a != b)
}

/// Does a save make a commitment divergent that was not? `before`: the saving side's status
/// before the save; `other`: the other side's current status. (The divergence mail.)
pub fn becomes_divergent(before: Option<Status>, other: Option<Status>, after: Status) -> bool {
    !divergent(before, other) && divergent(Some(after), other)
}

/// Whole days from `today` to `deadline`; negative once it has passed.
pub fn days_left(deadline: NaiveDate, today: NaiveDate) -> i64 {
    (deadline - today).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submission_states() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        assert_eq!(
            SubmissionState::of(false, d(10), d(9)),
            SubmissionState::NotReviewed
        );
        assert_eq!(
            SubmissionState::of(false, d(10), d(10)),
            SubmissionState::NotReviewed
        );
        assert_eq!(
            SubmissionState::of(false, d(10), d(11)),
            SubmissionState::Overdue
        );
        assert_eq!(
            SubmissionState::of(true, d(10), d(11)),
            SubmissionState::Saved
        );
        assert_eq!(days_left(d(10), d(1)), 9);
        assert_eq!(days_left(d(1), d(3)), -2);
    }

    #[test]
    fn divergence_needs_both_sides() {
        assert!(divergent(Some(Status::OnTrack), Some(Status::Challenges)));
        assert!(!divergent(Some(Status::OnTrack), Some(Status::OnTrack)));
        assert!(!divergent(Some(Status::OnTrack), None));
    }

    #[test]
    fn a_save_makes_a_commitment_divergent_only_once() {
        use Status::{Challenges as C, OnTrack as T};
        // The other side has not assessed: nothing to diverge from.
        assert!(!becomes_divergent(None, None, T));
        // First save, or a save from agreement, that differs from the other side.
        assert!(becomes_divergent(None, Some(C), T));
        assert!(becomes_divergent(Some(C), Some(C), T));
        // Already divergent, or agreeing now.
        assert!(!becomes_divergent(Some(T), Some(C), T));
        assert!(!becomes_divergent(Some(T), Some(C), C));
        assert!(!becomes_divergent(None, Some(T), T));
    }
}
