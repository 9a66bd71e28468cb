//! The sign-in throttle's policy: from what is known about the recent failed sign-ins that concern
//! an attempt, whether its password may be checked now or how long it must wait.
//!
//! Three keys, after OWASP's Authentication and Credential Stuffing cheat sheets:
//! - the account *and* the client: guessing one account's password from one address stops after
//!   a few tries; only that address waits, so an attacker elsewhere cannot lock the real user out;
//! - the client across accounts: one address trying many accounts (credential stuffing, password
//!   spraying) stops too;
//! - the account across clients: an attack on one account from many addresses meets delays that
//!   grow with each failure, up to a short cap, instead of a lock that the attacker could use to
//!   keep the real user out. A client that has signed in to the account before is spared them.
//!
//! Every failure counts under all three keys, whether or not the account exists, so the answers
//! never tell which e-mail addresses have an account. An attempt that is refused is not counted:
//! a flood of refused attempts does not lengthen anyone's wait.

use std::time::Duration;

/// How long a failed sign-in counts against its keys.
pub const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Failures allowed on one account from one client within [`FAILURE_WINDOW`]; the next attempt
/// waits until the oldest of them leaves the window. Five leaves room for a few typing mistakes
/// (and the caps-lock key) while giving whoever is guessing from one address 5 guesses per 15
/// minutes, 480 a day, against a password of at least 12 characters. Only that address waits.
pub const MAX_FAILURES_PER_ACCOUNT_AND_CLIENT: u32 = 5;

/// Failures allowed from one client across all accounts within [`FAILURE_WINDOW`]. Twenty bounds
/// credential stuffing from one address to 80 guesses an hour; a ministry's users behind one
/// address (NAT) rarely fail twenty times in a quarter of an hour. Its cost: someone failing on
/// purpose behind that shared address can make it wait up to 15 minutes; behind a load balancer
/// configure `SDP_TRUSTED_PROXIES`, or every user would share the balancer's address.
pub const MAX_FAILURES_PER_CLIENT: u32 = 20;

/// Failures on one account, from all clients together, within [`FAILURE_WINDOW`], before each
/// further attempt waits [`account_delay`]. Twice [`MAX_FAILURES_PER_ACCOUNT_AND_CLIENT`], so that
/// one address alone never holds up the account for others.
pub const ACCOUNT_FAILURES_BEFORE_DELAY: u32 = 2 * MAX_FAILURES_PER_ACCOUNT_AND_CLIENT;

// One address alone must never reach the account's delay nor its own limit across accounts
// before its limit on the account: otherwise an attacker at one address holds up the real user.
const _: () = assert!(ACCOUNT_FAILURES_BEFORE_DELAY > MAX_FAILURES_PER_ACCOUNT_AND_CLIENT);
const _: () = assert!(MAX_FAILURES_PER_CLIENT > MAX_FAILURES_PER_ACCOUNT_AND_CLIENT);

/// The wait after the [`ACCOUNT_FAILURES_BEFORE_DELAY`]-th failure on an account; it doubles with
/// each failure after that, up to [`ACCOUNT_MAX_DELAY`].
pub const ACCOUNT_FIRST_DELAY: Duration = Duration::from_secs(1);

/// The longest an account makes an attempt wait after its last failure. The trade-off: an
/// attacker with many addresses still gets about one guess a minute at one account (some 1,400 a
/// day, far too few for a 12-character password), and the real user, when signing in from an
/// address not used for that account before, waits at most a minute; a hard lock would stop the
/// guessing but hand the attacker a way to keep the user out for as long as the attack lasts.
pub const ACCOUNT_MAX_DELAY: Duration = Duration::from_secs(60);

/// A client that signed in to an account within this long is spared that account's delays: the
/// user at their usual desk is never held up by an attack from elsewhere. Long enough to span the
/// months between two Dialogues.
pub const KNOWN_CLIENT_MEMORY: Duration = Duration::from_secs(180 * 24 * 60 * 60);

/// The failures under one key within [`FAILURE_WINDOW`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyFailures {
    /// How many there are.
    pub count: u32,
    /// How long ago the most recent ones happened, newest first: [`retry_after`] looks at no more
    /// than the key's limit (the newest one only, for the account).
    pub ages: Vec<Duration>,
}

/// What is known about the recent failures that concern one attempt.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecentFailures {
    /// This account from this client.
    pub account_and_client: KeyFailures,
    /// This client, whatever the account.
    pub client: KeyFailures,
    /// This account (e-mail address, existing or not), whatever the client.
    pub account: KeyFailures,
    /// This client signed in to this account within [`KNOWN_CLIENT_MEMORY`].
    pub known_client: bool,
}

/// How long an account makes an attempt wait after its latest failure, once it has `failures`
/// within the window: nothing before [`ACCOUNT_FAILURES_BEFORE_DELAY`], then 1, 2, 4, … seconds,
/// at most [`ACCOUNT_MAX_DELAY`].
pub fn account_delay(failures: u32) -> Option<Duration> {
    let beyond = failures.checked_sub(ACCOUNT_FAILURES_BEFORE_DELAY)?;
    let factor = 2u32.saturating_pow(beyond);
    Some(
        ACCOUNT_FIRST_DELAY
            .saturating_mul(factor)
            .min(ACCOUNT_MAX_DELAY),
    )
}

/// Whole seconds to wait before this attempt may be checked (the `Retry-After`), or `None` when
/// its password may be checked now.
pub fn retry_after(recent: &RecentFailures) -> Option<u64> {
    let mut waits = vec![
        window_limit(
            &recent.account_and_client,
            MAX_FAILURES_PER_ACCOUNT_AND_CLIENT,
        ),
        window_limit(&recent.client, MAX_FAILURES_PER_CLIENT),
    ];
    if !recent.known_client {
        let newest = recent.account.ages.first().copied().unwrap_or_default();
        waits.push(account_delay(recent.account.count).map(|delay| delay.saturating_sub(newest)));
    }
    let wait = waits.into_iter().flatten().max()?;
    (!wait.is_zero()).then(|| wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
}

/// With `limit` or more failures, the wait until the `limit`-th newest leaves the window (leaving
/// fewer than `limit`).
fn window_limit(failures: &KeyFailures, limit: u32) -> Option<Duration> {
    if failures.count < limit {
        return None;
    }
    // Without its age (which the query always gives), the whole window: never less than needed.
    let age = failures
        .ages
        .get(limit as usize - 1)
        .copied()
        .unwrap_or_default();
    Some(FAILURE_WINDOW.saturating_sub(age))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    /// `count` failures, one every `every` seconds, the newest `newest` seconds ago.
    fn failures(count: u32, newest: u64, every: u64) -> KeyFailures {
        KeyFailures {
            count,
            ages: (0..u64::from(count))
                .map(|i| secs(newest + i * every))
                .collect(),
        }
    }

    #[test]
    fn no_failures_no_wait() {
        assert_eq!(retry_after(&RecentFailures::default()), None);
    }

    #[test]
    fn one_account_from_one_client_waits_until_its_oldest_failure_leaves_the_window() {
        let limit = MAX_FAILURES_PER_ACCOUNT_AND_CLIENT;
        let under = RecentFailures {
            account_and_client: failures(limit - 1, 0, 1),
            client: failures(limit - 1, 0, 1),
            account: failures(limit - 1, 0, 1),
            known_client: false,
        };
        assert_eq!(retry_after(&under), None);

        // Five failures 10, 20, … 50 seconds ago: the one 50 seconds ago leaves in 850.
        let at = RecentFailures {
            account_and_client: failures(limit, 10, 10),
            client: failures(limit, 10, 10),
            account: failures(limit, 10, 10),
            known_client: true,
        };
        assert_eq!(retry_after(&at), Some(15 * 60 - 50));
        let mut more_recent = at.clone();
        more_recent.account_and_client.ages[(limit - 1) as usize] = Duration::from_millis(900);
        assert_eq!(retry_after(&more_recent), Some(15 * 60), "rounded up");
    }

    #[test]
    fn one_client_across_accounts_waits_at_its_own_limit() {
        let limit = MAX_FAILURES_PER_CLIENT;
        let recent = RecentFailures {
            account_and_client: KeyFailures::default(),
            client: failures(limit, 3, 30),
            account: KeyFailures::default(),
            known_client: true,
        };
        assert_eq!(
            retry_after(&recent),
            Some(15 * 60 - (3 + 30 * u64::from(limit - 1)))
        );
        let mut under = recent;
        under.client = failures(limit - 1, 3, 30);
        assert_eq!(retry_after(&under), None);
    }

    #[test]
    fn an_account_attacked_from_many_clients_makes_new_clients_wait_a_little_more_each_time() {
        let before = ACCOUNT_FAILURES_BEFORE_DELAY;
        assert_eq!(account_delay(before - 1), None);
        let schedule: Vec<u64> = (0..10)
            .map(|n| account_delay(before + n).unwrap().as_secs())
            .collect();
        assert_eq!(schedule, [1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
        assert_eq!(account_delay(u32::MAX), Some(ACCOUNT_MAX_DELAY));

        let attacked = |count, newest| RecentFailures {
            account: failures(count, newest, 1),
            ..RecentFailures::default()
        };
        // 12 failures: 4 seconds after the newest.
        assert_eq!(retry_after(&attacked(before + 2, 1)), Some(3));
        assert_eq!(retry_after(&attacked(before + 2, 4)), None);
        // Never more than the cap, however long the attack.
        assert_eq!(retry_after(&attacked(500, 0)), Some(60));
        assert_eq!(retry_after(&attacked(500, 60)), None);
    }

    #[test]
    fn a_client_that_signed_in_to_the_account_before_is_not_held_up_by_its_delays() {
        let recent = RecentFailures {
            account: failures(500, 0, 1),
            known_client: true,
            ..RecentFailures::default()
        };
        assert_eq!(retry_after(&recent), None);
        // But its own failures still count.
        let own = RecentFailures {
            account_and_client: failures(MAX_FAILURES_PER_ACCOUNT_AND_CLIENT, 0, 1),
            ..recent
        };
        assert!(retry_after(&own).is_some());
    }

    #[test]
    fn the_longest_wait_wins() {
        let recent = RecentFailures {
            account_and_client: failures(MAX_FAILURES_PER_ACCOUNT_AND_CLIENT, 0, 100),
            client: failures(MAX_FAILURES_PER_CLIENT, 0, 1),
            account: failures(100, 0, 1),
            known_client: false,
        };
        let pair = 15 * 60 - 100 * u64::from(MAX_FAILURES_PER_ACCOUNT_AND_CLIENT - 1);
        let client = 15 * 60 - u64::from(MAX_FAILURES_PER_CLIENT - 1);
        assert_eq!(retry_after(&recent), Some(pair.max(client).max(60)));
    }
}
