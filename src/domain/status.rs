//! The status scale of DESIGN.md, and the order used to compare cycles.

use std::{fmt, str::FromStr};

/// One side's (or the joint) assessment of a commitment.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    sqlx::Type,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Status {
    NotAssessed,
    NotStarted,
    OnTrack,
    Challenges,
    Completed,
    CompletedModified,
    Ongoing,
    Discontinued,
}

impl Status {
    /// In the order of DESIGN.md's table.
    pub const ALL: [Status; 8] = [
        Status::NotAssessed,
        Status::NotStarted,
        Status::OnTrack,
        Status::Challenges,
        Status::Completed,
        Status::CompletedModified,
        Status::Ongoing,
        Status::Discontinued,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotAssessed => "not_assessed",
            Status::NotStarted => "not_started",
            Status::OnTrack => "on_track",
            Status::Challenges => "challenges",
            Status::Completed => "completed",
            Status::CompletedModified => "completed_modified",
            Status::Ongoing => "ongoing",
            Status::Discontinued => "discontinued",
        }
    }

    /// The catalogue key of the status's name ("Underway – on track", "En cours – …").
    pub fn label_key(self) -> &'static str {
        match self {
            Status::NotAssessed => "status-not-assessed",
            Status::NotStarted => "status-not-started",
            Status::OnTrack => "status-on-track",
            Status::Challenges => "status-challenges",
            Status::Completed => "status-completed",
            Status::CompletedModified => "status-completed-modified",
            Status::Ongoing => "status-ongoing",
            Status::Discontinued => "status-discontinued",
        }
    }

    /// Statuses that must be explained.
    pub fn needs_narrative(self) -> bool {
        matches!(
            self,
            Status::Challenges | Status::CompletedModified | Status::Discontinued
        )
    }

    /// A short symbol shown with the name, so that a badge never relies on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::NotAssessed => "○",
            Status::NotStarted => "◇",
            Status::OnTrack => "▶",
            Status::Challenges => "▲",
            Status::Completed => "●",
            Status::CompletedModified => "◐",
            Status::Ongoing => "↻",
            Status::Discontinued => "✕",
        }
    }

    /// The CSS modifier of the status badge.
    pub fn css(self) -> &'static str {
        self.as_str()
    }
}

impl FromStr for Status {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s.trim())
            .ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a status (expected one of: not_assessed, not_started, on_track, challenges, completed, completed_modified, ongoing, discontinued)"
)]
pub struct UnknownStatus(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_three_need_a_narrative() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>().unwrap(), status);
        }
        let needing: Vec<_> = Status::ALL
            .into_iter()
            .filter(|s| s.needs_narrative())
            .collect();
        assert_eq!(
            needing,
            [
                Status::Challenges,
                Status::CompletedModified,
                Status::Discontinued
            ]
        );
        assert!("done".parse::<Status>().is_err());
    }
}
