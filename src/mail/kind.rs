//! The kinds of mail the tracker sends, and which of them a user may turn off.

use std::{fmt, str::FromStr};

/// What a mail is about. Stored as its key in `mail_outbox.kind` and `app_user.mail_muted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MailKind {
    /// A cycle opened: what is asked and the deadline (every officer).
    CycleOpen,
    /// A reminder on one of the cycle's reminder days.
    Reminder,
    /// The day after the deadline, to officers whose side still misses assessments.
    Overdue,
    /// The secretariat chased a side from the cycle page or the command line.
    Chase,
    /// To the secretariat: the deadline has passed.
    DeadlinePassed,
    /// To the secretariat: both sides have signed off.
    SignedOff,
    /// To both lead officers: the two sides' statuses of a commitment now differ.
    Divergent,
}

impl MailKind {
    pub const ALL: [MailKind; 7] = [
        MailKind::CycleOpen,
        MailKind::Reminder,
        MailKind::Overdue,
        MailKind::Chase,
        MailKind::DeadlinePassed,
        MailKind::SignedOff,
        MailKind::Divergent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::CycleOpen => "cycle_open",
            MailKind::Reminder => "reminder",
            MailKind::Overdue => "overdue",
            MailKind::Chase => "chase",
            MailKind::DeadlinePassed => "deadline_passed",
            MailKind::SignedOff => "signed_off",
            MailKind::Divergent => "divergent",
        }
    }

    /// Essential mails cannot be turned off: an officer must learn that a cycle opened, that
    /// their side is late and that the secretariat is asking; the rest are conveniences.
    pub fn essential(self) -> bool {
        matches!(
            self,
            MailKind::CycleOpen | MailKind::Overdue | MailKind::Chase
        )
    }

    /// The kinds a user may turn off, in the profile's order.
    pub fn optional() -> impl Iterator<Item = MailKind> {
        MailKind::ALL.into_iter().filter(|k| !k.essential())
    }

    /// The catalogue key of the kind's name.
    pub fn label_key(self) -> &'static str {
        match self {
            MailKind::CycleOpen => "mail-kind-cycle-open",
            MailKind::Reminder => "mail-kind-reminder",
            MailKind::Overdue => "mail-kind-overdue",
            MailKind::Chase => "mail-kind-chase",
            MailKind::DeadlinePassed => "mail-kind-deadline-passed",
            MailKind::SignedOff => "mail-kind-signed-off",
            MailKind::Divergent => "mail-kind-divergent",
        }
    }
}

impl fmt::Display for MailKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MailKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MailKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("{s:?} is not a kind of mail"))
    }
}

/// Whether a user who turned off `muted` receives a mail of `kind`: essential kinds always.
pub fn wanted(kind: MailKind, muted: &[String]) -> bool {
    kind.essential() || !muted.iter().any(|m| m == kind.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_essential_ones_cannot_be_muted() {
        for kind in MailKind::ALL {
            assert_eq!(kind.as_str().parse::<MailKind>().unwrap(), kind);
        }
        assert!("spam".parse::<MailKind>().is_err());
        let muted = vec!["reminder".to_owned(), "overdue".to_owned()];
        assert!(!wanted(MailKind::Reminder, &muted));
        assert!(wanted(MailKind::Overdue, &muted), "essential");
        assert!(wanted(MailKind::Divergent, &muted));
        assert_eq!(
            MailKind::optional().collect::<Vec<_>>(),
            [
                MailKind::Reminder,
                MailKind::DeadlinePassed,
                MailKind::SignedOff,
                MailKind::Divergent
            ]
        );
    }
}
