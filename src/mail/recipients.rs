//! Who is reminded of what: plain rules over a cycle's commitments, without I/O.

use crate::domain::account::Side;

/// One commitment as a side's reminders see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideItem {
    pub reference: String,
    /// The side's lead officers of the commitment.
    pub leads: Vec<i64>,
    /// The side has not yet saved an assessment of it in this cycle.
    pub missing: bool,
}

/// The commitments `officer` is reminded of: the missing ones among those they lead; an officer
/// who leads none is reminded of the side's whole missing list. Empty: nothing to send (their
/// part is complete).
pub fn missing_for(officer: i64, items: &[SideItem]) -> Vec<&str> {
    let leads_any = items.iter().any(|i| i.leads.contains(&officer));
    items
        .iter()
        .filter(|i| i.missing && (!leads_any || i.leads.contains(&officer)))
        .map(|i| i.reference.as_str())
        .collect()
}

/// The reminder due on `today` for a deadline and the cycle's reminder days: the date it was
/// due and the days left then, for the latest reminder day that has come (so that a reminder is
/// not lost when no instance ran on its day), until the deadline itself.
pub fn reminder_due(
    deadline: chrono::NaiveDate,
    reminder_days: &[i32],
    today: chrono::NaiveDate,
) -> Option<(chrono::NaiveDate, i64)> {
    let left = (deadline - today).num_days();
    if left < 0 {
        return None;
    }
    reminder_days
        .iter()
        .map(|d| i64::from(*d))
        .filter(|d| *d >= left && *d > 0)
        .min()
        .map(|d| (deadline - chrono::Days::new(d as u64), d))
}

/// Most reminder days a cycle can have, and the furthest one from the deadline (as the schema
/// allows).
pub const REMINDER_DAYS_MAX: usize = 10;
pub const REMINDER_DAY_MAX: i32 = 365;

/// A cycle's reminder days as typed (`14, 3`): distinct whole days between 1 and 365, furthest
/// first; blank means none. For the cycle forms and `cycle add/edit --reminder-days`.
pub fn parse_reminder_days(input: &str) -> Result<Vec<i32>, String> {
    let mut days = input
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            d.parse::<i32>()
                .ok()
                .filter(|n| (1..=REMINDER_DAY_MAX).contains(n))
                .ok_or_else(|| format!("{d:?} is not a number of days between 1 and 365"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    if days.len() > REMINDER_DAYS_MAX {
        return Err(format!("at most {REMINDER_DAYS_MAX} reminder days"));
    }
    Ok(days)
}

/// The key that makes a scheduled mail unique: kind, cycle, day, recipient.
pub fn dedup_key(kind: &str, cycle_id: i64, day: chrono::NaiveDate, user_id: i64) -> String {
    format!("{kind}:{cycle_id}:{day}:{user_id}")
}

/// Which sides a request covers.
pub fn sides(side: Option<Side>) -> Vec<Side> {
    side.map_or_else(|| Side::ALL.to_vec(), |s| vec![s])
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn item(reference: &str, leads: &[i64], missing: bool) -> SideItem {
        SideItem {
            reference: reference.into(),
            leads: leads.to_vec(),
            missing,
        }
    }

    #[test]
    fn leads_hear_of_their_own_others_of_the_whole_list() {
        let items = [
            item("10", &[1], true),
            item("11", &[1], false),
            item("12", &[2], false),
            item("13", &[], true),
        ];
        assert_eq!(missing_for(1, &items), ["10"]);
        // Officer 2's part is complete: nothing.
        assert!(missing_for(2, &items).is_empty());
        // Officer 3 leads none: the side's whole missing list.
        assert_eq!(missing_for(3, &items), ["10", "13"]);
    }

    #[test]
    fn reminder_days_parse_as_typed() {
        assert_eq!(parse_reminder_days(" 3, 14,3 ").unwrap(), [14, 3]);
        assert_eq!(parse_reminder_days("").unwrap(), Vec::<i32>::new());
        for bad in ["0", "366", "two", "1;2", "-3"] {
            assert!(parse_reminder_days(bad).is_err(), "{bad}");
        }
        assert!(parse_reminder_days("1,2,3,4,5,6,7,8,9,10,11").is_err());
    }

    #[test]
    fn the_latest_reminder_day_that_has_come_is_due() {
        let deadline = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let day = |d| deadline - chrono::Days::new(d);
        let days = [14, 3];
        assert_eq!(reminder_due(deadline, &days, day(20)), None);
        assert_eq!(reminder_due(deadline, &days, day(14)), Some((day(14), 14)));
        assert_eq!(reminder_due(deadline, &days, day(10)), Some((day(14), 14)));
        assert_eq!(reminder_due(deadline, &days, day(3)), Some((day(3), 3)));
        assert_eq!(reminder_due(deadline, &days, day(0)), Some((day(3), 3)));
        assert_eq!(
            reminder_due(deadline, &days, deadline + chrono::Days::new(1)),
            None
        );
        assert_eq!(reminder_due(deadline, &[], day(3)), None);
    }
}
