//! State moves: confirmed before anything changes, and reconciliation reopened until the freeze.

use chrono::NaiveDate;
use reqwest::StatusCode;
use sdp_tracker::domain::{account::Role, cycle::CycleState};

use super::{cli, confirmed, get, post, section, snapshot, state_of};
use crate::common::{
    fixtures::{self, Schedule},
    spawn_app_on,
};

#[tokio::test]
async fn a_state_move_changes_nothing_until_it_is_confirmed_and_says_what_it_does() {
    // Seven days before the deadline, with 5 EU and 2 Canada assessments saved.
    let today = NaiveDate::from_ymd_opt(2026, 4, 24).unwrap();
    let app = spawn_app_on(today).await;
    let (_, client) = app.client_as(Role::Secretariat, None).await;
    let id = fixtures::cycle_on(
        &app.db.pool,
        2026,
        Schedule::around(today, 7),
        CycleState::Open,
    )
    .await;
    for reference in ["10", "11", "12", "13", "14"] {
        fixtures::assess(&app.db.pool, id, reference, "eu", "on_track", "").await;
    }
    for reference in ["10", "11"] {
        fixtures::assess(&app.db.pool, id, reference, "ca", "on_track", "").await;
    }

    // The cycle page leads to the confirmation, not to the move.
    let (_, page) = get(&app, &client, "/app/cycles/2026").await;
    assert!(page.contains(r#"href="/app/cycles/2026/state?to=reconciliation""#));
    assert!(!page.contains(r#"action="/app/cycles/2026/state""#));

    // A POST without the confirmation changes nothing and leads to it.
    let before = snapshot(&app.db.pool).await;
    let (status, _, location) = post(
        &app,
        &client,
        "/app/cycles/2026/state",
        &[("state", "reconciliation".into())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/app/cycles/2026/state?to=reconciliation")
    );
    for confirm in ["", "no", "YES "] {
        let (status, _, _) = post(
            &app,
            &client,
            "/app/cycles/2026/state",
            &[
                ("state", "reconciliation".into()),
                ("confirm", confirm.into()),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "confirm={confirm:?}");
    }
    assert_eq!(snapshot(&app.db.pool).await, before);
    assert_eq!(state_of(&app.db.pool, 2026).await, "open");

    // The confirmation says what the move does, in plain words.
    let (status, html) = get(&app, &client, "/app/cycles/2026/state?to=reconciliation").await;
    assert_eq!(status, StatusCode::OK);
    let said = section(&html, "consequences", "confirm");
    for sentence in [
        "Submissions close for both sides now",
        "55 of 60 commitments have no EU assessment.",
        "58 of 60 commitments have no Canada assessment.",
        "The deadline is in 7 days.",
    ] {
        assert!(said.contains(sentence), "no {sentence:?} in {said}");
    }
    assert!(html.contains(r#"name="confirm" value="yes""#));
    let (_, fr) = get(
        &app,
        &client,
        "/app/cycles/2026/state?to=reconciliation&lang=fr",
    )
    .await;
    assert!(
        fr.contains("55 engagements sur 60 n’ont pas d’évaluation de l’UE."),
        "{fr}"
    );
    assert!(fr.contains("La date limite est dans 7 jours."));
    // The language is remembered: back to English.
    get(&app, &client, "/app/cycles/2026?lang=en").await;
    assert_eq!(
        snapshot(&app.db.pool).await,
        before,
        "looking changes nothing"
    );

    // Moves the cycle cannot make are refused on the confirmation page already.
    for (to, status, message) in [
        ("planned", StatusCode::CONFLICT, "This move is not possible"),
        ("frozen", StatusCode::CONFLICT, "This move is not possible"),
        (
            "bogus",
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose the state to move the cycle to.",
        ),
        (
            "",
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose the state to move the cycle to.",
        ),
    ] {
        let (got, html) = get(&app, &client, &format!("/app/cycles/2026/state?to={to}")).await;
        assert_eq!(got, status, "to={to}");
        assert!(html.contains(message), "to={to}: {html}");
        assert!(!html.contains(r#"name="confirm""#), "to={to}");
    }

    // Confirmed, it moves.
    let (status, _, location) = post(
        &app,
        &client,
        "/app/cycles/2026/state",
        &confirmed("reconciliation"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/app/cycles/2026?done=state"));
    assert_eq!(state_of(&app.db.pool, 2026).await, "reconciliation");

    // Freezing with commitments not reconciled: refused before the button is shown.
    let (status, html) = get(&app, &client, "/app/cycles/2026/state?to=frozen").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("The cycle cannot be frozen yet"), "{html}");

    // Viewers and officers see no confirmation page.
    for (role, side) in [
        (Role::Viewer, None),
        (Role::Officer, Some(sdp_tracker::domain::account::Side::Eu)),
    ] {
        let (_, other) = app.client_as(role, side).await;
        let (status, _) = get(&app, &other, "/app/cycles/2026/state?to=open").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role:?}");
    }
}

#[tokio::test]
async fn a_cycle_in_reconciliation_can_be_reopened_until_it_is_frozen() {
    let today = NaiveDate::from_ymd_opt(2026, 4, 24).unwrap();
    let app = spawn_app_on(today).await;
    let (staff, client) = app.client_as(Role::Secretariat, None).await;
    let (_, officer) = app
        .client_as(Role::Officer, Some(sdp_tracker::domain::account::Side::Eu))
        .await;
    let id = fixtures::cycle_on(
        &app.db.pool,
        2026,
        Schedule::around(today, -2),
        CycleState::Reconciliation,
    )
    .await;

    let (_, page) = get(&app, &client, "/app/cycles/2026").await;
    assert!(page.contains(r#"href="/app/cycles/2026/state?to=open""#));
    assert!(page.contains("Reopen for submissions"));

    // The confirmation: until when, and that the deadline has passed.
    let (status, html) = get(&app, &client, "/app/cycles/2026/state?to=open").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Reopen the 2026 cycle for submissions?"));
    let said = section(&html, "consequences", "confirm");
    assert!(
        said.contains("Submissions reopen for both sides now"),
        "{said}"
    );
    assert!(said.contains("until the deadline, 22 April 2026"), "{said}");
    assert!(said.contains("The deadline passed 2 days ago."), "{said}");
    assert!(
        said.contains("Correct the cycle’s deadline first"),
        "{said}"
    );

    let before = snapshot(&app.db.pool).await;
    let (status, _, location) =
        post(&app, &client, "/app/cycles/2026/state", &confirmed("open")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/app/cycles/2026?done=reopened"));
    assert_eq!(state_of(&app.db.pool, 2026).await, "open");
    let after = snapshot(&app.db.pool).await;
    assert_eq!((after.1, after.2), (before.1 + 1, before.2 + 1));
    let (from, to, actor): (String, String, String) = sqlx::query_as(
        "select from_state, to_state, actor from cycle_state_change where cycle_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        (from.as_str(), to.as_str(), actor.as_str()),
        ("reconciliation", "open", staff.email.as_str())
    );
    let (_, page) = get(&app, &client, "/app/cycles/2026?done=reopened").await;
    assert!(page.contains("The cycle is open for submissions again."));
    let history = section(&page, "history", "main-content-end");
    assert!(
        history.contains("Reopened: Reconciliation → Open for submissions"),
        "{history}"
    );
    let (_, fr) = get(&app, &client, "/app/cycles/2026?lang=fr").await;
    assert!(
        section(&fr, "history", "main-content-end")
            .contains("Rouvert\u{a0}: Rapprochement → Ouvert aux contributions")
    );
    get(&app, &client, "/app/cycles/2026?lang=en").await;

    // Officers can save again.
    let (status, _, _) = post(
        &app,
        &officer,
        "/app/commitments/12/assessments/eu",
        &[
            ("status", "on_track".into()),
            ("narrative", String::new()),
            ("version", "0".into()),
        ],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "the officer's save after the reopen"
    );

    // The command line moves it to reconciliation and back, and says so.
    for (state, said) in [
        (
            "reconciliation",
            "the 2026 cycle is now reconciliation (was open)",
        ),
        (
            "open",
            "the 2026 cycle is now open (was reconciliation); submissions are open again for both sides until 2026-04-22",
        ),
    ] {
        let out = cli(&app.db, &["cycle", "set-state", "--year", "2026", state]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), said);
    }

    // Once frozen, there is no way back: web and command line refuse, nothing written.
    sqlx::query("update review_cycle set state = 'reconciliation' where id = $1")
        .bind(id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let refs: Vec<String> = sqlx::query_scalar("select ref from commitment order by position")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    for reference in &refs {
        fixtures::joint(&app.db.pool, id, reference, "on_track").await;
    }
    let (status, _, _) = post(
        &app,
        &client,
        "/app/cycles/2026/state",
        &confirmed("frozen"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let before = snapshot(&app.db.pool).await;
    let (status, html) = get(&app, &client, "/app/cycles/2026/state?to=open").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("This move is not possible"));
    let (status, _, _) = post(&app, &client, "/app/cycles/2026/state", &confirmed("open")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    for state in ["open", "reconciliation"] {
        let out = cli(&app.db, &["cycle", "set-state", "--year", "2026", state]);
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("cannot move from frozen"));
    }
    assert_eq!(snapshot(&app.db.pool).await, before);
    assert_eq!(state_of(&app.db.pool, 2026).await, "frozen");
}
