use std::time::Duration;

use chrono::{DateTime, Utc};
use tower_sessions::session::{Id, Record};
use uuid::Uuid;

use super::*;
use crate::domain::account::Role;

fn account(id: i64) -> UserRow {
    UserRow {
        id,
        email: format!("u{id}@example.org"),
        display_name: "U".into(),
        role: Role::Viewer,
        side: None,
        organisation: None,
        active: true,
        must_change_password: false,
        password_hash: "$argon2id$x".into(),
    }
}

fn record(expires_in_secs: i64) -> Record {
    Record {
        id: Id::default(),
        data: Default::default(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::seconds(expires_in_secs),
    }
}

fn trusted() -> AuthCache {
    let cache = AuthCache::default();
    cache.trust();
    cache
}

fn ticket<T: std::fmt::Debug>(lookup: Lookup<T>) -> Ticket {
    match lookup {
        Lookup::Miss(t) => t,
        Lookup::Hit(v) => panic!("unexpected hit: {v:?}"),
    }
}

fn hit<T>(lookup: Lookup<T>) -> Option<T> {
    match lookup {
        Lookup::Hit(v) => Some(v),
        Lookup::Miss(_) => None,
    }
}

fn login(user: i64, started_at: DateTime<Utc>) -> CachedLogin {
    CachedLogin {
        account: account(user),
        started_at,
    }
}

#[test]
fn a_session_read_once_is_served_from_memory_until_it_expires() {
    let cache = trusted();
    let r = record(60);
    let id = r.id.to_string();
    let t = ticket(cache.session(&id, Utc::now()));
    cache.keep_session(t, &r);
    assert_eq!(hit(cache.session(&id, Utc::now())).unwrap().id, r.id);
    // Its idle expiry passes: the database is asked again.
    let later = Utc::now() + chrono::Duration::seconds(61);
    assert!(hit(cache.session(&id, later)).is_none());
}

#[test]
fn nothing_is_used_or_kept_until_trusted_nor_after_distrust() {
    let cache = AuthCache::default();
    let r = record(60);
    let id = r.id.to_string();
    let t = ticket(cache.session(&id, Utc::now()));
    cache.keep_session(t, &r);
    cache.wrote_session(&r);
    cache.trust();
    assert!(
        hit(cache.session(&id, Utc::now())).is_none(),
        "nothing kept"
    );
    let t = ticket(cache.session(&id, Utc::now()));
    cache.keep_session(t, &r);
    assert!(hit(cache.session(&id, Utc::now())).is_some());
    cache.distrust();
    assert!(!cache.is_trusted());
    assert!(hit(cache.session(&id, Utc::now())).is_none());
    cache.trust();
    assert!(
        hit(cache.session(&id, Utc::now())).is_none(),
        "cleared on trust"
    );
}

#[test]
fn a_read_that_overlapped_an_invalidation_is_not_kept() {
    let cache = trusted();
    let r = record(60);
    let id = r.id.to_string();
    let t = ticket(cache.session(&id, Utc::now()));
    cache.forget_session("someone-else");
    cache.keep_session(t, &r);
    assert!(hit(cache.session(&id, Utc::now())).is_none());
    // Nor one that started before the listener listened again.
    let t = ticket(cache.session(&id, Utc::now()));
    cache.distrust();
    cache.trust();
    cache.keep_session(t, &r);
    assert!(hit(cache.session(&id, Utc::now())).is_none());
}

#[test]
fn notifications_drop_what_they_name() {
    let cache = trusted();
    let r = record(60);
    let sid = r.id.to_string();
    let (l1, l2) = (Uuid::new_v4(), Uuid::new_v4());
    let digest = vec![7u8; 32];
    let keep_all = |cache: &AuthCache| {
        cache.clear();
        let t = ticket(cache.session(&sid, Utc::now()));
        cache.keep_session(t, &r);
        let t = ticket(cache.login(l1, Utc::now() - chrono::Duration::hours(8)));
        cache.keep_login(t, l1, login(1, Utc::now()));
        let t = ticket(cache.login(l2, Utc::now() - chrono::Duration::hours(8)));
        cache.keep_login(t, l2, login(2, Utc::now()));
        let t = ticket(cache.token(&digest));
        let token = CachedToken {
            token_id: 9,
            account: account(2),
            last_used_at: None,
        };
        cache.keep_token(t, digest.clone(), token);
    };
    let old = Utc::now() - chrono::Duration::hours(8);
    keep_all(&cache);
    cache.apply(&format!("session:{sid}"));
    assert!(hit(cache.session(&sid, Utc::now())).is_none());
    assert!(hit(cache.login(l1, old)).is_some());

    cache.apply(&format!("login:{l1}"));
    assert!(hit(cache.login(l1, old)).is_none());
    assert!(hit(cache.login(l2, old)).is_some());

    keep_all(&cache);
    cache.apply("user:2");
    assert!(hit(cache.session(&sid, Utc::now())).is_none());
    assert!(hit(cache.login(l1, old)).is_some());
    assert!(hit(cache.login(l2, old)).is_none());
    assert!(hit(cache.token(&digest)).is_none());

    keep_all(&cache);
    cache.apply("token:9");
    assert!(hit(cache.token(&digest)).is_none());
    assert!(hit(cache.login(l2, old)).is_some());

    for payload in ["*", "user:x", "nonsense"] {
        keep_all(&cache);
        cache.apply(payload);
        assert!(hit(cache.session(&sid, Utc::now())).is_none(), "{payload}");
        assert!(hit(cache.login(l1, old)).is_none(), "{payload}");
    }
}

#[test]
fn a_login_past_its_absolute_lifetime_is_not_served() {
    let cache = trusted();
    let id = Uuid::new_v4();
    let started = Utc::now() - chrono::Duration::hours(2);
    let t = ticket(cache.login(id, started - chrono::Duration::hours(8)));
    cache.keep_login(t, id, login(1, started));
    assert!(hit(cache.login(id, started - chrono::Duration::seconds(1))).is_some());
    assert!(hit(cache.login(id, started)).is_none());
}

#[test]
fn entries_expire_and_a_full_map_is_emptied() {
    let cache = AuthCache::with_limits(Duration::ZERO, 10);
    cache.trust();
    let r = record(60);
    let t = ticket(cache.session(&r.id.to_string(), Utc::now()));
    cache.keep_session(t, &r);
    assert!(
        hit(cache.session(&r.id.to_string(), Utc::now())).is_none(),
        "TTL"
    );

    let cache = AuthCache::with_limits(Duration::from_secs(60), 2);
    cache.trust();
    let records: Vec<Record> = (0..3).map(|_| record(60)).collect();
    for r in &records {
        cache.wrote_session(r);
    }
    let kept = records
        .iter()
        .filter(|r| hit(cache.session(&r.id.to_string(), Utc::now())).is_some())
        .count();
    assert_eq!(kept, 1, "emptied when full, then the newest kept");
}
