//! Review cycles: created and moved through the pages and the command line, refusals that write
//! nothing, and a cycle page whose numbers are what the database holds.

use std::process::{Command, Output};

use crate::common::{BIN, TestApp, TestDb, spawn_app};
use reqwest::StatusCode;
use sdp_tracker::{
    auth::User,
    cycles::{self, CycleInput},
    db::{self, audit::Actor},
    domain::{
        account::{Role, Side},
        assessment::Draft,
        cycle::CycleState,
    },
    tracking::{self, SaveRequest},
};
use sqlx::PgPool;
use uuid::Uuid;

/// Rows of the three tables a cycle change writes to.
async fn counts(pool: &PgPool) -> (i64, i64, i64) {
    sqlx::query_as(
        "select (select count(*) from review_cycle), (select count(*) from cycle_state_change),
                (select count(*) from audit_event)",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn state_of(pool: &PgPool, year: i32) -> String {
    sqlx::query_scalar("select state from review_cycle where year = $1")
        .bind(year)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A form body: (field, value) pairs.
type Fields = Vec<(&'static str, String)>;

fn form(year: &str) -> Fields {
    vec![
        ("year", year.to_owned()),
        ("title_en", String::new()),
        ("title_fr", String::new()),
        ("meeting_date", format!("{year}-03-20")),
        ("place_en", "Ottawa".into()),
        ("place_fr", "Ottawa".into()),
        ("opens_on", format!("{year}-01-10")),
        ("deadline", format!("{year}-03-01")),
    ]
}

fn with(
    mut fields: Vec<(&'static str, String)>,
    key: &str,
    value: &str,
) -> Vec<(&'static str, String)> {
    for (k, v) in fields.iter_mut() {
        if *k == key {
            *v = value.to_owned();
        }
    }
    fields
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    body: &[(&str, String)],
) -> (StatusCode, String, Option<String>) {
    let response = client.post(app.url(path)).form(body).send().await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (status, response.text().await.unwrap(), location)
}

async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

/// A confirmed move (tests/it/cycle_lifecycle.rs has the unconfirmed one).
fn state(to: &str) -> Vec<(&'static str, String)> {
    vec![("state", to.to_owned()), ("confirm", "yes".to_owned())]
}

/// The part of a page between two element ids.
fn section<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(&format!("id=\"{from}\"")).expect(from);
    let end = html[start..]
        .find(&format!("id=\"{to}\""))
        .map_or(html.len(), |i| start + i);
    &html[start..end]
}

#[tokio::test]
async fn the_secretariat_creates_a_cycle_and_moves_it_forward() {
    let app = spawn_app().await;
    let (staff, client) = app.client_as(Role::Secretariat, None).await;

    let (status, body) = get(&app, &client, "/app/cycles").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("No review cycle has been created yet."));
    assert!(
        body.contains(r#"action="/app/cycles""#),
        "staff see the form"
    );

    let (status, _, location) = post(&app, &client, "/app/cycles", &form("2026")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/app/cycles/2026?done=created"));
    let (title, place, initial): (String, String, String) =
        sqlx::query_as("select title, place, state from review_cycle where year = 2026")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (title.as_str(), place.as_str(), initial.as_str()),
        (
            "2026 EU–Canada Security and Defence Dialogue",
            "Ottawa",
            "planned"
        )
    );
    let (actor, after): (String, serde_json::Value) =
        sqlx::query_as("select actor, after from audit_event where action = 'cycle.create'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(actor, staff.email);
    assert_eq!(after["year"], 2026);
    assert_eq!(after["deadline"], "2026-03-01");

    let (status, body) = get(&app, &client, "/app/cycles/2026?done=created").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("2026 EU–Canada Security and Defence Dialogue"));
    assert!(body.contains("20 March 2026, Ottawa"));
    assert!(body.contains("1 March 2026"));
    assert!(body.contains("The review cycle has been created."));
    assert!(body.contains(r#"href="/app/cycles/2026/state?to=open""#));

    for (to, from) in [("open", "planned"), ("reconciliation", "open")] {
        let before = counts(&app.db.pool).await;
        let (status, _, location) = post(&app, &client, "/app/cycles/2026/state", &state(to)).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "→ {to}");
        assert_eq!(location.as_deref(), Some("/app/cycles/2026?done=state"));
        assert_eq!(state_of(&app.db.pool, 2026).await, to);
        let after = counts(&app.db.pool).await;
        assert_eq!(after, (before.0, before.1 + 1, before.2 + 1), "→ {to}");
        let (from_state, actor_id, actor): (String, Option<i64>, String) = sqlx::query_as(
            "select from_state, actor_id, actor from cycle_state_change where to_state = $1",
        )
        .bind(to)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            (from_state.as_str(), actor_id, actor.as_str()),
            (from, Some(staff.id), staff.email.as_str())
        );
        let (event_before, event_after): (serde_json::Value, serde_json::Value) = sqlx::query_as(
            "select before, after from audit_event where action = 'cycle.state_change'
             order by id desc limit 1",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(event_before["state"], from);
        assert_eq!(event_after["state"], to);
    }

    let (_, body) = get(&app, &client, "/app/cycles/2026").await;
    let history = section(&body, "history", "main-content-end");
    assert!(history.contains("Planned → Open for submissions"));
    assert!(history.contains("Open for submissions → Reconciliation"));
    assert!(history.contains(&staff.email));
    assert!(body.contains(r#"href="/app/cycles/2026/state?to=frozen""#));
    assert!(
        body.contains(r#"href="/app/cycles/2026/state?to=open""#),
        "reopen"
    );

    let (_, list) = get(&app, &client, "/app/cycles").await;
    assert!(list.contains(r#"href="/app/cycles/2026""#));
    assert!(list.contains("govuk-tag--yellow\">Reconciliation"));

    // In French too.
    let (_, body) = get(&app, &client, "/app/cycles/2026?lang=fr").await;
    assert!(body.contains("20 mars 2026"));
    assert!(body.contains("Ouvert aux contributions → Rapprochement"));
}

#[tokio::test]
async fn refused_forms_and_moves_write_nothing() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Admin, None).await;
    for year in ["2026", "2027"] {
        let (status, _, _) = post(&app, &client, "/app/cycles", &form(year)).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let (status, _, _) = post(&app, &client, "/app/cycles/2026/state", &state("open")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let long_title = "t".repeat(301);
    let cases: Vec<(&str, Fields, StatusCode, &str)> = vec![
        (
            "/app/cycles",
            with(form("2028"), "year", "20x8"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Enter a year between 2000 and 2100.",
        ),
        (
            "/app/cycles",
            with(form("2028"), "year", "1999"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Enter a year between 2000 and 2100.",
        ),
        (
            "/app/cycles",
            with(form("2028"), "deadline", "2028-02-30"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Enter a date as YYYY-MM-DD",
        ),
        (
            "/app/cycles",
            with(form("2028"), "opens_on", "10/01/2028"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Enter a date as YYYY-MM-DD",
        ),
        (
            "/app/cycles",
            with(form("2028"), "deadline", "2028-03-21"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "the deadline must fall on or before the Dialogue",
        ),
        (
            "/app/cycles",
            with(form("2028"), "opens_on", "2028-03-02"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "the deadline must fall on or before the Dialogue",
        ),
        (
            "/app/cycles",
            with(form("2028"), "place_en", "  "),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Enter the place of the Dialogue",
        ),
        (
            "/app/cycles",
            with(form("2028"), "place_fr", &"p".repeat(201)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "The French place must have at most 200 characters.",
        ),
        (
            "/app/cycles",
            with(form("2028"), "title_en", &long_title),
            StatusCode::UNPROCESSABLE_ENTITY,
            "The English title must have at most 300 characters.",
        ),
        (
            "/app/cycles",
            with(form("2028"), "title_fr", &long_title),
            StatusCode::UNPROCESSABLE_ENTITY,
            "The French title must have at most 300 characters.",
        ),
        (
            "/app/cycles",
            form("2026"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "There is already a review cycle for that year.",
        ),
        (
            "/app/cycles/2027/state",
            state("bogus"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose the state to move the cycle to.",
        ),
        (
            "/app/cycles/2027/state",
            state("reconciliation"),
            StatusCode::CONFLICT,
            "This move is not possible: a cycle moves forward one step at a time",
        ),
        (
            "/app/cycles/2026/state",
            state("planned"),
            StatusCode::CONFLICT,
            "This move is not possible: a cycle moves forward one step at a time",
        ),
        (
            "/app/cycles/2026/state",
            state("open"),
            StatusCode::CONFLICT,
            "This move is not possible: a cycle moves forward one step at a time",
        ),
        (
            "/app/cycles/2026/state",
            state("frozen"),
            StatusCode::CONFLICT,
            "This move is not possible: a cycle moves forward one step at a time",
        ),
        (
            "/app/cycles/2027/state",
            state("open"),
            StatusCode::CONFLICT,
            "The 2026 cycle is still open for submissions: only one cycle can be open at a time.",
        ),
        (
            "/app/cycles/1999/state",
            state("open"),
            StatusCode::NOT_FOUND,
            "Page not found",
        ),
        (
            "/app/cycles/next/state",
            state("open"),
            StatusCode::NOT_FOUND,
            "Page not found",
        ),
    ];
    let before = counts(&app.db.pool).await;
    for (path, body, want, message) in cases {
        let (status, html, _) = post(&app, &client, path, &body).await;
        assert_eq!(status, want, "{path} {body:?}");
        assert!(
            html.contains(message),
            "{path} {body:?}: no {message:?} in\n{html}"
        );
        if status != StatusCode::NOT_FOUND {
            assert!(html.contains("govuk-error-summary"), "{path} {body:?}");
        }
        assert_eq!(
            counts(&app.db.pool).await,
            before,
            "{path} {body:?} wrote something"
        );
    }
    assert_eq!(state_of(&app.db.pool, 2026).await, "open");
    assert_eq!(state_of(&app.db.pool, 2027).await, "planned");

    // A refused form keeps what was typed.
    let (_, html, _) = post(
        &app,
        &client,
        "/app/cycles",
        &with(
            with(form("2028"), "place_en", "Bruxelles & Ottawa"),
            "deadline",
            "soon",
        ),
    )
    .await;
    assert!(html.contains(r#"value="soon""#));
    assert!(
        html.contains(r#"value="Bruxelles &amp; Ottawa""#)
            || html.contains(r#"value="Bruxelles &#38; Ottawa""#)
    );
}

#[tokio::test]
async fn only_one_cycle_can_be_open_even_when_two_open_at_once() {
    let db = TestDb::seeded().await;
    let partnership_id = cycles::default_partnership_id(&db.pool).await.unwrap();
    for year in ["2026", "2027"] {
        let spec = CycleInput {
            year: year.into(),
            meeting_date: format!("{year}-03-20"),
            place_en: "Ottawa".into(),
            opens_on: format!("{year}-01-10"),
            deadline: format!("{year}-03-01"),
            ..CycleInput::default()
        }
        .check()
        .unwrap();
        cycles::create(&db.pool, partnership_id, &spec, &Actor::system(), None)
            .await
            .unwrap();
    }
    let before = counts(&db.pool).await;
    let system = Actor::system();
    let (a, b) = tokio::join!(
        cycles::move_state(
            &db.pool,
            partnership_id,
            2026,
            CycleState::Open,
            &system,
            None
        ),
        cycles::move_state(
            &db.pool,
            partnership_id,
            2027,
            CycleState::Open,
            &system,
            None
        ),
    );
    assert_eq!(a.is_ok() as u8 + b.is_ok() as u8, 1, "{a:?} {b:?}");
    let refused = if a.is_err() { a } else { b }.unwrap_err();
    assert!(
        matches!(refused, cycles::CycleFailure::AlreadyOpen(_)),
        "{refused:?}"
    );
    assert_eq!(
        counts(&db.pool).await,
        (before.0, before.1 + 1, before.2 + 1)
    );
    let open: i64 = sqlx::query_scalar("select count(*) from review_cycle where state = 'open'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(open, 1);
}

fn cli(db: &TestDb, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", &db.url)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

#[tokio::test]
async fn the_command_line_creates_and_moves_cycles_and_refuses_bad_input() {
    let db = TestDb::seeded().await;
    let add = |year: &'static str, opens: &'static str, deadline: &'static str| {
        vec![
            "cycle",
            "add",
            "--year",
            year,
            "--meeting-date",
            // The Dialogue meets in the cycle's year.
            if year == "2027" {
                "2027-03-20"
            } else {
                "2026-03-20"
            },
            "--place",
            "Ottawa",
            "--opens",
            opens,
            "--deadline",
            deadline,
        ]
    };

    let out = cli(&db, &add("2026", "2026-01-10", "2026-03-01"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("2026 EU–Canada Security and Defence Dialogue"),
        "{stdout}"
    );

    let mut titled = add("2027", "2026-01-10", "2026-03-01");
    titled.extend(["--title", "2027 Dialogue, Brussels"]);
    let out = cli(&db, &titled);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let title: String = sqlx::query_scalar("select title from review_cycle where year = 2027")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(title, "2027 Dialogue, Brussels");

    let out = cli(&db, &["cycle", "set-state", "--year", "2026", "open"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.trim(), "the 2026 cycle is now open (was planned)");
    assert_eq!(state_of(&db.pool, 2026).await, "open");
    let (actor_id, actor): (Option<i64>, String) =
        sqlx::query_as("select actor_id, actor from cycle_state_change")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!((actor_id, actor.as_str()), (None, "cli"));
    let actors: Vec<(String, String)> = sqlx::query_as(
        "select action, actor from audit_event where entity = 'review_cycle' order by id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let want = [
        ("cycle.create", "cli"),
        ("cycle.create", "cli"),
        ("cycle.state_change", "cli"),
    ];
    assert_eq!(
        actors
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect::<Vec<_>>(),
        want
    );

    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            add("2028", "2026-1-10x", "2026-03-01"),
            "the opening date must be a date written YYYY-MM-DD",
        ),
        (
            add("2028", "2026-01-10", "1 March 2026"),
            "the deadline must be a date written YYYY-MM-DD",
        ),
        (
            add("2028", "2026-03-02", "2026-03-01"),
            "submissions must open on or before the deadline",
        ),
        (
            add("2028", "2026-01-10", "2026-03-21"),
            "the deadline fall on or before the meeting",
        ),
        (
            add("2025", "2025-01-10", "2025-03-01"),
            "the Dialogue date must fall in the cycle's year",
        ),
        (
            add("20x8", "2026-01-10", "2026-03-01"),
            "the year must be a number between 2000 and 2100",
        ),
        (
            add("2026", "2026-01-10", "2026-03-01"),
            "there is already a cycle for that year",
        ),
        (
            vec!["cycle", "set-state", "--year", "2027", "closed"],
            "is not a cycle state",
        ),
        (
            vec!["cycle", "set-state", "--year", "2026", "planned"],
            "cannot move from open to planned",
        ),
        (
            vec!["cycle", "set-state", "--year", "2027", "reconciliation"],
            "cannot move from planned to reconciliation",
        ),
        (
            vec!["cycle", "set-state", "--year", "2027", "open"],
            "the 2026 cycle is already open",
        ),
        (
            vec!["cycle", "set-state", "--year", "2031", "open"],
            "there is no cycle for 2031",
        ),
        (
            vec!["cycle", "set-state", "--year", "next", "open"],
            "is not a year",
        ),
    ];
    let before = counts(&db.pool).await;
    for (args, message) in cases {
        let out = cli(&db, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(
            out.stdout.is_empty(),
            "{args:?} printed {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(counts(&db.pool).await, before, "{args:?} wrote something");
    }
}

/// The `User` a signed-in officer would be, for the one save path.
async fn user(pool: &PgPool, id: i64) -> User {
    User {
        account: db::users::find(pool, id).await.unwrap().unwrap(),
        login_id: Uuid::nil(),
    }
}

async fn lead(pool: &PgPool, reference: &str, user_id: i64, side: &str) {
    sqlx::query(
        "insert into commitment_lead (commitment_id, user_id, side)
         select id, $2, $3 from commitment where ref = $1",
    )
    .bind(reference)
    .bind(user_id)
    .bind(side)
    .execute(pool)
    .await
    .unwrap();
}

async fn save(
    pool: &PgPool,
    partnership_id: i64,
    who: &User,
    reference: &str,
    based_on: i32,
    status: &str,
) {
    let side = who.side().unwrap();
    tracking::save(
        pool,
        partnership_id,
        who,
        SaveRequest {
            year: 2026,
            reference,
            side,
            based_on,
            draft: Draft {
                status: status.into(),
                narrative: "Progress as reported to the Dialogue.".into(),
                evidence: Vec::new(),
            },
            request_id: None,
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn the_cycle_page_shows_what_the_database_holds() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    let partnership_id = cycles::default_partnership_id(pool).await.unwrap();
    let spec = CycleInput {
        year: "2026".into(),
        meeting_date: "2026-03-20".into(),
        place_en: "Ottawa".into(),
        opens_on: "2026-01-10".into(),
        deadline: "2026-03-01".into(),
        ..CycleInput::default()
    }
    .check()
    .unwrap();
    let cycle = cycles::create(pool, partnership_id, &spec, &Actor::system(), None)
        .await
        .unwrap();
    cycles::move_state(
        pool,
        partnership_id,
        2026,
        CycleState::Open,
        &Actor::system(),
        None,
    )
    .await
    .unwrap();

    let eu1 = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let eu2 = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let ca1 = app.create_user(Role::Officer, Some(Side::Ca)).await;
    for reference in ["9(a)", "10", "25(c)"] {
        lead(pool, reference, eu1.id, "eu").await;
    }
    lead(pool, "11", eu2.id, "eu").await;
    for reference in ["10", "25(c)"] {
        lead(pool, reference, ca1.id, "ca").await;
    }
    let (u_eu1, u_eu2, u_ca1) = (
        user(pool, eu1.id).await,
        user(pool, eu2.id).await,
        user(pool, ca1.id).await,
    );
    save(pool, partnership_id, &u_eu1, "9(a)", 0, "on_track").await;
    save(pool, partnership_id, &u_eu1, "10", 0, "challenges").await;
    save(pool, partnership_id, &u_eu1, "10", 1, "on_track").await;
    save(pool, partnership_id, &u_eu2, "11", 0, "completed").await;
    save(pool, partnership_id, &u_ca1, "10", 0, "challenges").await;
    save(pool, partnership_id, &u_ca1, "11", 0, "completed").await;
    save(pool, partnership_id, &u_ca1, "12", 0, "on_track").await;

    let total: i64 =
        sqlx::query_scalar("select count(*) from commitment where partnership_id = $1")
            .bind(partnership_id)
            .fetch_one(pool)
            .await
            .unwrap();
    let saved = |side: &'static str| async move {
        sqlx::query_scalar::<_, i64>(
            "select count(distinct commitment_id) from assessment where cycle_id = $1 and side = $2",
        )
        .bind(cycle.id)
        .bind(side)
        .fetch_one(pool)
        .await
        .unwrap()
    };
    let (eu_saved, ca_saved) = (saved("eu").await, saved("ca").await);
    assert_eq!((total, eu_saved, ca_saved), (60, 3, 3));

    let (_, viewer) = app.client_as(Role::Viewer, None).await;
    let (status, body) = get(&app, &viewer, "/app/cycles/2026").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !body.contains("/app/cycles/2026/state"),
        "a viewer cannot move the cycle"
    );
    for (side, n) in [("eu", eu_saved), ("ca", ca_saved)] {
        let block = section(&body, &format!("progress-{side}"), "missing");
        assert!(
            block.contains(&format!(r#"max="{total}" value="{n}""#)),
            "{block}"
        );
        assert!(
            block.contains(&format!(
                "{n} of {total} commitments saved ({}%)",
                n * 100 / total
            )),
            "{block}"
        );
    }

    let missing_eu = section(&body, "missing-eu", "missing-ca");
    assert!(
        missing_eu.contains(&format!(r#"data-email="{}" data-count="1""#, eu1.email)),
        "{missing_eu}"
    );
    assert!(
        missing_eu.contains(r#"href="/app/commitments/25%28c%29">25(c)</a>"#),
        "{missing_eu}"
    );
    assert!(
        !missing_eu.contains(&format!(r#"data-email="{}""#, eu2.email)),
        "eu2 has saved all theirs"
    );
    let missing_ca = section(&body, "missing-ca", "divergences");
    assert!(
        missing_ca.contains(&format!(r#"data-email="{}" data-count="1""#, ca1.email)),
        "{missing_ca}"
    );
    // 60 commitments, 3 saved by Canada, 1 of the rest led by ca1.
    assert!(
        missing_ca.contains(r#"data-email="" data-count="56""#),
        "{missing_ca}"
    );
    assert!(missing_ca.contains("No lead officer"), "{missing_ca}");

    let divergences = section(&body, "divergences", "history");
    assert_eq!(
        divergences.matches("app-divergence").count(),
        1,
        "{divergences}"
    );
    assert!(divergences.contains(r#"href="/app/commitments/10">10</a>"#));
    assert!(divergences.contains("Underway – on track"));
    assert!(divergences.contains("Underway – with challenges"));
    assert!(!divergences.contains(r#"href="/app/commitments/11""#));

    let history = section(&body, "history", "main-content-end");
    assert!(history.contains("Planned → Open for submissions"));
    assert!(history.contains("system"));
}

#[tokio::test]
async fn viewers_and_officers_cannot_create_or_move_cycles() {
    let app = spawn_app().await;
    let (_, staff) = app.client_as(Role::Secretariat, None).await;
    let (status, _, _) = post(&app, &staff, "/app/cycles", &form("2026")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    for (role, side) in [
        (Role::Viewer, None),
        (Role::Officer, Some(Side::Eu)),
        (Role::Officer, Some(Side::Ca)),
    ] {
        let (_, client) = app.client_as(role, side).await;
        let before = counts(&app.db.pool).await;
        let (status, _, _) = post(&app, &client, "/app/cycles", &form("2027")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} create");
        let (status, _, _) = post(&app, &client, "/app/cycles/2026/state", &state("open")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} move");
        assert_eq!(
            counts(&app.db.pool).await,
            before,
            "{role:?} wrote something"
        );

        let (status, list) = get(&app, &client, "/app/cycles").await;
        assert_eq!(status, StatusCode::OK);
        assert!(list.contains(r#"href="/app/cycles/2026""#));
        assert!(
            !list.contains(r#"action="/app/cycles""#),
            "{role:?} sees the create form"
        );
        let (status, page) = get(&app, &client, "/app/cycles/2026").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            !page.contains("/app/cycles/2026/state"),
            "{role:?} sees the move form"
        );
    }
    assert_eq!(state_of(&app.db.pool, 2026).await, "planned");

    // Anonymous visitors are sent to log in, and write nothing either.
    let anonymous = crate::common::new_client();
    let (status, _, location) =
        post(&app, &anonymous, "/app/cycles/2026/state", &state("open")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.unwrap().starts_with("/login"));
    assert_eq!(state_of(&app.db.pool, 2026).await, "planned");
}
