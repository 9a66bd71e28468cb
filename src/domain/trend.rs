//! The trend of a commitment between two cycles: improved, unchanged, regressed or new.
//!
//! Statuses are compared by their place on this scale of progress, lowest first:
//!
//! | rank | statuses |
//! | --- | --- |
//! | 0 | `discontinued` |
//! | 1 | `not_started` |
//! | 2 | `challenges` (underway – with challenges) |
//! | 3 | `on_track` (underway – on track) and `ongoing` (continuous work), equal |
//! | 4 | `completed_modified` |
//! | 5 | `completed` |
//!
//! `not_assessed` has no rank: it means the status is unknown. A commitment whose previous status
//! is missing or unknown is **new**; one whose current status is missing or unknown has no trend
//! yet (`None`). Otherwise a higher rank is **improved**, a lower one **regressed**, the same rank
//! **unchanged** (so `on_track` → `ongoing` is unchanged).

use super::status::Status;

/// How a commitment moved since the previous cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Improved,
    Unchanged,
    Regressed,
    New,
}

impl Trend {
    /// In the order reports list them.
    pub const ALL: [Trend; 4] = [
        Trend::Improved,
        Trend::Unchanged,
        Trend::Regressed,
        Trend::New,
    ];

    /// The trend from `previous` to `current`; `None` when the current status is unknown.
    pub fn between(previous: Option<Status>, current: Option<Status>) -> Option<Trend> {
        let current = rank(current?)?;
        let Some(previous) = previous.and_then(rank) else {
            return Some(Trend::New);
        };
        Some(match current.cmp(&previous) {
            std::cmp::Ordering::Greater => Trend::Improved,
            std::cmp::Ordering::Equal => Trend::Unchanged,
            std::cmp::Ordering::Less => Trend::Regressed,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Improved => "improved",
            Trend::Unchanged => "unchanged",
            Trend::Regressed => "regressed",
            Trend::New => "new",
        }
    }

    /// The catalogue key of the trend's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Trend::Improved => "trend-improved",
            Trend::Unchanged => "trend-unchanged",
            Trend::Regressed => "trend-regressed",
            Trend::New => "trend-new",
        }
    }

    /// A symbol shown with the name, so that the trend never relies on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Trend::Improved => "↑",
            Trend::Unchanged => "→",
            Trend::Regressed => "↓",
            Trend::New => "✦",
        }
    }
}

/// A status's place on the scale of progress (see the module doc); `None` for `not_assessed`.
pub fn rank(status: Status) -> Option<u8> {
    match status {
        Status::NotAssessed => None,
        Status::Discontinued => Some(0),
        Status::NotStarted => Some(1),
        Status::Challenges => Some(2),
        Status::OnTrack | Status::Ongoing => Some(3),
        Status::CompletedModified => Some(4),
        Status::Completed => Some(5),
    }
}

/// The status a cycle gives a commitment for comparison: the joint status when the secretariat
/// reviewed it; without a joint review, the two sides' status when both assessed it the same;
/// otherwise unknown.
pub fn effective(joint: Option<Status>, eu: Option<Status>, ca: Option<Status>) -> Option<Status> {
    match (joint, eu, ca) {
        (Some(j), _, _) => Some(j),
        (None, Some(a), Some(b)) if a == b => Some(a),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn trend_table() {
        let cases: &[(Option<Status>, Option<Status>, Option<Trend>)] = &[
            (None, Some(OnTrack), Some(Trend::New)),
            (Some(NotAssessed), Some(Challenges), Some(Trend::New)),
            (Some(OnTrack), None, None),
            (Some(OnTrack), Some(NotAssessed), None),
            (None, None, None),
            (Some(NotStarted), Some(OnTrack), Some(Trend::Improved)),
            (Some(Challenges), Some(OnTrack), Some(Trend::Improved)),
            (Some(OnTrack), Some(Completed), Some(Trend::Improved)),
            (
                Some(CompletedModified),
                Some(Completed),
                Some(Trend::Improved),
            ),
            (Some(Discontinued), Some(NotStarted), Some(Trend::Improved)),
            (Some(OnTrack), Some(Ongoing), Some(Trend::Unchanged)),
            (Some(Ongoing), Some(OnTrack), Some(Trend::Unchanged)),
            (Some(Challenges), Some(Challenges), Some(Trend::Unchanged)),
            (Some(OnTrack), Some(Challenges), Some(Trend::Regressed)),
            (
                Some(Completed),
                Some(CompletedModified),
                Some(Trend::Regressed),
            ),
            (Some(NotStarted), Some(Discontinued), Some(Trend::Regressed)),
            (Some(Ongoing), Some(NotStarted), Some(Trend::Regressed)),
        ];
        for (prev, cur, want) in cases {
            assert_eq!(Trend::between(*prev, *cur), *want, "{prev:?} → {cur:?}");
        }
    }

    #[test]
    fn every_status_but_not_assessed_has_a_rank() {
        for s in Status::ALL {
            assert_eq!(rank(s).is_none(), s == NotAssessed, "{s}");
        }
    }

    #[test]
    fn effective_status_falls_back_to_agreeing_sides() {
        assert_eq!(
            effective(Some(Completed), Some(OnTrack), None),
            Some(Completed)
        );
        assert_eq!(effective(None, Some(OnTrack), Some(OnTrack)), Some(OnTrack));
        assert_eq!(effective(None, Some(OnTrack), Some(Challenges)), None);
        assert_eq!(effective(None, Some(OnTrack), None), None);
    }
}
