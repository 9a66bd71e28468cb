//! An assessment save in one statement (`save_assessment`, issue 16) keeps every guarantee of the
//! transaction it replaced: one winner among concurrent saves of a version and gapless versions,
//! no save into a cycle that is not open, the exact audit event, the sign-off reopened, the
//! dashboards told.

use std::time::Duration;

use chrono::{DateTime, TimeZone as _, Utc};
use reqwest::StatusCode;
use sdp_tracker::{
    auth::User,
    db::{assessments, signoff, users},
    domain::{
        account::{Role, Side},
        assessment::{Draft, Evidence},
        cycle::CycleState,
    },
    tracking::{self, SaveFailure, SaveRequest, Saved},
};
use serde_json::{Value, json};
use sqlx::{PgPool, postgres::PgListener};
use tokio::task::JoinSet;

use crate::common::{
    PATIENCE, TestApp,
    fixtures::{commitment_id, cycle, partnership_id},
    spawn_app,
};

const REF: &str = "25(c)";

async fn officer(app: &TestApp, side: Side) -> User {
    let user = app.create_user(Role::Officer, Some(side)).await;
    User {
        account: users::find(&app.db.pool, user.id).await.unwrap().unwrap(),
        login_id: uuid::Uuid::nil(),
    }
}

fn request<'a>(
    side: Side,
    based_on: i32,
    status: &str,
    evidence: &[(&str, &str)],
) -> SaveRequest<'a> {
    SaveRequest {
        year: 2026,
        reference: REF,
        side,
        based_on,
        draft: Draft {
            status: status.into(),
            narrative: format!("Narrative based on {based_on}."),
            evidence: evidence
                .iter()
                .map(|(url, label)| Evidence {
                    url: (*url).into(),
                    label: (*label).into(),
                })
                .collect(),
        },
        request_id: Some("req-save-statement"),
    }
}

/// Saves through the one-statement path (`tracking::save`), or through `save_in` inside a
/// transaction of the caller's, as the spreadsheet import does.
async fn save(
    pool: PgPool,
    user: User,
    in_transaction: bool,
    req: SaveRequest<'static>,
) -> Result<Saved, SaveFailure> {
    let pid = partnership_id(&pool).await;
    if !in_transaction {
        return tracking::save(&pool, pid, &user, req).await;
    }
    let mut tx = pool.begin().await?;
    let saved = tracking::save_in(&mut tx, pid, &user, req).await?;
    tx.commit().await?;
    Ok(saved)
}

async fn versions(pool: &PgPool, side: &str) -> Vec<i32> {
    sqlx::query_scalar(
        "select a.version from assessment a join commitment c on c.id = a.commitment_id
         where c.ref = $1 and a.side = $2 order by a.version",
    )
    .bind(REF)
    .bind(side)
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn of_concurrent_saves_of_one_version_exactly_one_wins_and_versions_stay_gapless() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    cycle(pool, 2026, CycleState::Open).await;
    let eu = officer(&app, Side::Eu).await;

    const ROUNDS: i32 = 4;
    const WRITERS: usize = 6;
    for round in 0..ROUNDS {
        let mut saves = JoinSet::new();
        for writer in 0..WRITERS {
            // Half through the one statement, half through a transaction of their own.
            saves.spawn(save(
                pool.clone(),
                eu.clone(),
                writer % 2 == 1,
                request(Side::Eu, round, "on_track", &[("https://a.example/x", "X")]),
            ));
        }
        let (mut won, mut stale) = (Vec::new(), 0);
        while let Some(result) = saves.join_next().await {
            match result.unwrap() {
                Ok(saved) => won.push(saved.revision.version),
                Err(SaveFailure::Stale { current }) => {
                    assert_eq!(current, round + 1, "round {round}");
                    stale += 1;
                }
                Err(other) => panic!("round {round}: {other:?}"),
            }
        }
        assert_eq!(won, [round + 1], "round {round}");
        assert_eq!(stale, WRITERS - 1, "round {round}");
    }

    assert_eq!(versions(pool, "eu").await, (1..=ROUNDS).collect::<Vec<_>>());
    // One audit event per revision, each naming its revision.
    let audited: Vec<(String, i32)> = sqlx::query_as(
        "select e.entity_id, (e.after ->> 'version')::int from audit_event e
         where e.action = 'assessment.save' order by e.id",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let revisions: Vec<(String, i32)> =
        sqlx::query_as("select id::text, version from assessment order by version")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(audited, revisions);
    assert_eq!(
        count(pool, "select count(*) from assessment_evidence").await,
        i64::from(ROUNDS)
    );
}

#[tokio::test]
async fn a_save_of_a_version_being_saved_waits_for_that_save_and_is_answered_stale() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    cycle(pool, 2026, CycleState::Open).await;
    let eu = officer(&app, Side::Eu).await;
    let pid = partnership_id(pool).await;

    // The first save's transaction is open (its revision written, not committed) …
    let mut first = pool.begin().await.unwrap();
    tracking::save_in(&mut first, pid, &eu, request(Side::Eu, 0, "on_track", &[]))
        .await
        .unwrap();
    // … when the second, based on the same version, arrives: it waits.
    let second = tokio::spawn(save(
        pool.clone(),
        eu.clone(),
        false,
        request(Side::Eu, 0, "challenges", &[]),
    ));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!second.is_finished(), "the second save did not wait");
    first.commit().await.unwrap();
    match second.await.unwrap() {
        Err(SaveFailure::Stale { current: 1 }) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(versions(pool, "eu").await, [1]);
    assert_eq!(
        count(
            pool,
            "select count(*) from audit_event where action = 'assessment.save'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_save_into_a_cycle_that_is_not_open_is_refused_and_writes_nothing() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    cycle(pool, 2026, CycleState::Planned).await;
    cycle(pool, 2025, CycleState::Reconciliation).await;
    let eu = officer(&app, Side::Eu).await;
    let pid = partnership_id(pool).await;

    for year in [2026, 2025] {
        for in_transaction in [false, true] {
            let req = SaveRequest {
                year,
                ..request(Side::Eu, 0, "on_track", &[])
            };
            let result = save(pool.clone(), eu.clone(), in_transaction, req).await;
            assert!(
                matches!(result, Err(SaveFailure::CycleClosed)),
                "{year}: {result:?}"
            );
        }
        // An invalid draft is answered the same way: the cycle's state is said first.
        let req = SaveRequest {
            year,
            ..request(Side::Eu, 0, "no_such_status", &[])
        };
        let result = tracking::save(pool, pid, &eu, req).await;
        assert!(
            matches!(result, Err(SaveFailure::CycleClosed)),
            "{year}: {result:?}"
        );
    }
    // Through the API: 409.
    let (_, token) = crate::api::with_token(&app, Role::Officer, Some(Side::Eu)).await;
    let response = app
        .client
        .post(app.url("/api/v1/cycles/2026/assessments"))
        .bearer_auth(&token)
        .header(reqwest::header::IF_MATCH, "\"0\"")
        .json(&json!({"ref": REF, "side": "eu", "status": "on_track"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "cycle_not_open");

    assert_eq!(count(pool, "select count(*) from assessment").await, 0);
    assert_eq!(
        count(
            pool,
            "select count(*) from audit_event where action like 'assessment.%'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn the_audit_event_of_a_save_holds_exactly_what_was_before_and_what_is_after() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    cycle(pool, 2026, CycleState::Open).await;
    let eu = officer(&app, Side::Eu).await;
    let links = [
        ("https://www.eeas.europa.eu/first", "Press release"),
        ("https://www.international.gc.ca/second", ""),
    ];

    let event = |id: i64| async move {
        sqlx::query_as::<
            _,
            (
                Option<i64>,
                String,
                String,
                Option<String>,
                Option<Value>,
                Value,
                Option<String>,
            ),
        >(
            "select actor_id, actor, entity, entity_id, before, after, request_id from audit_event
             where action = 'assessment.save' and entity_id = $1::text",
        )
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
    };
    // Version 1 through the one statement, version 2 through a transaction, version 3 through
    // the one statement again: every event is the same shape.
    let mut previous: Option<(i32, &str, Value)> = None;
    for (version, in_transaction, status, evidence) in [
        (1, false, "on_track", &links[..]),
        (2, true, "challenges", &links[1..]),
        (3, false, "completed", &[][..]),
    ] {
        let saved = save(
            pool.clone(),
            eu.clone(),
            in_transaction,
            request(Side::Eu, version - 1, status, evidence),
        )
        .await
        .unwrap();
        assert_eq!(saved.revision.version, version);
        let links_json: Value = evidence
            .iter()
            .map(|(url, label)| json!({"url": url, "label": label}))
            .collect();
        let (actor_id, actor, entity, entity_id, before, after, request_id) =
            event(saved.revision.id).await;
        assert_eq!(actor_id, Some(eu.id()));
        assert_eq!(actor, eu.email());
        assert_eq!(entity, "assessment");
        assert_eq!(entity_id, Some(saved.revision.id.to_string()));
        assert_eq!(request_id.as_deref(), Some("req-save-statement"));
        let expected_before = previous.take().map(|(v, s, links)| {
            json!({
                "version": v, "status": s, "narrative": format!("Narrative based on {}.", v - 1),
                "evidence": links,
            })
        });
        assert_eq!(before, expected_before, "version {version}");
        assert_eq!(
            after,
            json!({
                "cycle": 2026, "ref": REF, "side": "eu", "version": version, "status": status,
                "narrative": format!("Narrative based on {}.", version - 1), "evidence": links_json,
            }),
            "version {version}"
        );
        previous = Some((version, status, links_json));
    }
}

#[tokio::test]
async fn a_save_reopens_its_sides_sign_off_with_the_audit_event_it_always_had() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    let cycle_id = cycle(pool, 2026, CycleState::Open).await;
    let eu = officer(&app, Side::Eu).await;
    let ca = officer(&app, Side::Ca).await;
    let eu_signed = signoff::insert(pool, cycle_id, Side::Eu, eu.id())
        .await
        .unwrap()
        .unwrap();
    let ca_signed = signoff::insert(pool, cycle_id, Side::Ca, ca.id())
        .await
        .unwrap()
        .unwrap();
    let reopenings = || {
        count(
            pool,
            "select count(*) from audit_event where action = 'signoff.reopen'",
        )
    };

    // A stale save reopens nothing.
    let stale = save(
        pool.clone(),
        ca.clone(),
        false,
        request(Side::Ca, 3, "on_track", &[]),
    )
    .await;
    assert!(
        matches!(stale, Err(SaveFailure::Stale { current: 0 })),
        "{stale:?}"
    );
    assert_eq!(reopenings().await, 0);

    // The one statement reopens the EU's, the general path Canada's; each side's only.
    for (user, side, signed_at, in_transaction) in
        [(&eu, "eu", eu_signed, false), (&ca, "ca", ca_signed, true)]
    {
        save(
            pool.clone(),
            user.clone(),
            in_transaction,
            request(user.side().unwrap(), 0, "on_track", &[]),
        )
        .await
        .unwrap();
        let standing = signoff::for_cycle(pool, cycle_id).await.unwrap();
        assert!(
            standing.iter().all(|s| s.side.as_str() != side),
            "{side}: {standing:?}"
        );
        let (entity, entity_id, before, after, request_id): (
            String,
            String,
            Value,
            Value,
            Option<String>,
        ) = sqlx::query_as(
            "select entity, entity_id, before, after, request_id from audit_event
                 where action = 'signoff.reopen' and actor_id = $1",
        )
        .bind(user.id())
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(entity, "submission_signoff");
        assert_eq!(entity_id, format!("2026/{side}"));
        assert_eq!(request_id.as_deref(), Some("req-save-statement"));
        // The same JSON as Rust's `json!` with the chrono time wrote.
        assert_eq!(
            before,
            json!({"cycle": 2026, "side": side, "signed_by": user.id(), "signed_at": signed_at})
        );
        assert_eq!(
            after,
            json!({"cycle": 2026, "side": side, "reason": "sign-off reopened by save of 25(c)", "ref": REF})
        );
        // The reopening comes after the save's own event, in its transaction.
        let order: Vec<String> =
            sqlx::query_scalar("select action from audit_event where actor_id = $1 order by id")
                .bind(user.id())
                .fetch_all(pool)
                .await
                .unwrap();
        assert_eq!(order, ["assessment.save", "signoff.reopen"]);
    }
    assert!(signoff::for_cycle(pool, cycle_id).await.unwrap().is_empty());
    // A save when nothing is signed off writes no reopening.
    save(
        pool.clone(),
        eu.clone(),
        false,
        request(Side::Eu, 1, "on_track", &[]),
    )
    .await
    .unwrap();
    assert_eq!(reopenings().await, 2);
}

#[tokio::test]
async fn timestamps_in_the_functions_audit_json_read_as_serde_writes_them() {
    let app = spawn_app().await;
    let base = Utc.with_ymd_and_hms(2026, 11, 30, 23, 59, 58).unwrap();
    for micros in [0, 120_000, 123_000, 123_456, 100, 999_999] {
        let t: DateTime<Utc> = base + chrono::Duration::microseconds(micros);
        let text: String = sqlx::query_scalar("select utc_rfc3339($1)")
            .bind(t)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(json!(text), json!(t), "{micros}");
    }
}

#[tokio::test]
async fn a_save_tells_the_dashboards_once_it_is_committed() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    let cycle_id = cycle(pool, 2026, CycleState::Open).await;
    let eu = officer(&app, Side::Eu).await;
    let mut listener = PgListener::connect_with(pool).await.unwrap();
    listener
        .listen(sdp_tracker::board_cache::CHANNEL)
        .await
        .unwrap();
    let cid = commitment_id(pool, REF).await;

    tracking::save(
        pool,
        partnership_id(pool).await,
        &eu,
        request(Side::Eu, 0, "on_track", &[]),
    )
    .await
    .unwrap();
    let notification = tokio::time::timeout(PATIENCE, listener.recv())
        .await
        .expect("no notification")
        .unwrap();
    assert_eq!(notification.payload(), "assessment");
    // When it arrives, the revision is there to be read.
    let current = assessments::current_version(pool, cycle_id, cid, Side::Eu)
        .await
        .unwrap();
    assert_eq!(current, 1);
}

/// A save with evidence links tells the dashboards once, after its commit, and nothing from
/// inside its transaction: a notification sent from a transaction holds a database-wide lock
/// through its commit's flush, and every save then waited for the one before it (the evidence
/// table's own trigger did so, at a third of the saves a second).
#[tokio::test]
async fn a_save_with_evidence_sends_nothing_from_inside_its_transaction() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    cycle(pool, 2026, CycleState::Open).await;
    let eu = officer(&app, Side::Eu).await;
    let mut listener = PgListener::connect_with(pool).await.unwrap();
    listener
        .listen(sdp_tracker::board_cache::CHANNEL)
        .await
        .unwrap();

    tracking::save(
        pool,
        partnership_id(pool).await,
        &eu,
        request(
            Side::Eu,
            0,
            "on_track",
            &[
                ("https://www.eeas.europa.eu/", "EEAS"),
                ("https://www.canada.ca/", "Canada"),
            ],
        ),
    )
    .await
    .unwrap();
    let mut payloads = Vec::new();
    while let Ok(Ok(n)) =
        tokio::time::timeout(std::time::Duration::from_millis(500), listener.recv()).await
    {
        payloads.push(n.payload().to_owned());
    }
    assert_eq!(payloads, ["assessment"]);
}
