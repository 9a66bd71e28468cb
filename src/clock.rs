//! The one place the product learns what time it is.
//!
//! Whatever the application decides by "today" or "now" — the dashboard's countdown to the
//! deadline, which unsaved commitments are overdue, the date a report was generated — reads it
//! from the [`Clock`] in [`crate::state::AppState`]. The server runs on [`Clock::system`]; tests
//! set [`Clock::fixed`], so what they assert does not depend on the day they run, nor on midnight
//! passing while they run. Timestamps the database writes itself (`now()` in SQL: audit events,
//! sessions, revisions) are not "today" decisions and stay with the database.

use chrono::{DateTime, NaiveDate, Utc};

/// The wall clock, or a fixed instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// `None` reads the system clock; `Some` is a moment that never moves.
    fixed: Option<DateTime<Utc>>,
}

impl Clock {
    /// The machine's clock: what `serve` and the command line use.
    pub fn system() -> Clock {
        Clock { fixed: None }
    }

    /// A clock stopped at `at`.
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock { fixed: Some(at) }
    }

    /// A clock stopped at noon (UTC) on `day`: noon, so that the day is the same in every time
    /// zone a reader of the test might think in.
    pub fn fixed_on(day: NaiveDate) -> Clock {
        let noon = day.and_hms_opt(12, 0, 0).expect("noon exists on every day");
        Clock::fixed(noon.and_utc())
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.fixed.unwrap_or_else(Utc::now)
    }

    /// The current date in UTC, the time zone every date rule of the product is written in.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_does_not_move() {
        let day = NaiveDate::from_ymd_opt(2026, 4, 24).unwrap();
        let clock = Clock::fixed_on(day);
        let first = clock.now();
        assert_eq!(clock.today(), day);
        assert_eq!(clock.now(), first);
        assert_eq!(first.to_rfc3339(), "2026-04-24T12:00:00+00:00");
    }

    #[test]
    fn the_system_clock_reads_the_time() {
        let before = Utc::now();
        let read = Clock::system().now();
        let after = Utc::now();
        assert!(before <= read && read <= after);
    }
}
