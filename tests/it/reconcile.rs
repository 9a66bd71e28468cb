//! Reconciliation, freezing and errata: who may record joint reviews and when, the 409 that loses
//! nothing, the bulk accept of agreeing commitments, the freeze that needs every joint status,
//! the database refusing changes to a frozen cycle, errata, publishing, and their audit events.

use crate::common::{
    TestApp,
    fixtures::{cycle, move_to},
    spawn_app,
};
use reqwest::{Client, StatusCode};
use sdp_tracker::{
    auth::User,
    db::{self, audit::Actor, cycles},
    domain::{
        account::{Role, Side},
        assessment::Draft,
        cycle::CycleState,
    },
    reconcile::{self, JointInput, ReconcileFailure},
    tracking::{self, SaveFailure, SaveRequest},
};
use sqlx::PgPool;

const YEAR: i32 = 2026;

async fn partnership_id(app: &TestApp) -> i64 {
    db::partnership::find_default(&app.db.pool)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// An officer of `side`, as the service layer sees them.
async fn officer(app: &TestApp, side: Side) -> User {
    let user = app.create_user(Role::Officer, Some(side)).await;
    User {
        account: db::users::find(&app.db.pool, user.id)
            .await
            .unwrap()
            .unwrap(),
        login_id: uuid::Uuid::nil(),
    }
}

async fn assess(app: &TestApp, user: &User, reference: &str, status: &str) {
    let side = user.side().unwrap();
    let pid = partnership_id(app).await;
    let cycle = cycles::find_by_year(&app.db.pool, pid, YEAR)
        .await
        .unwrap()
        .unwrap();
    let cid = commitment_id(app, reference).await;
    let based_on = db::assessments::current_version(&app.db.pool, cycle.id, cid, side)
        .await
        .unwrap();
    tracking::save(
        &app.db.pool,
        pid,
        user,
        SaveRequest {
            year: YEAR,
            reference,
            side,
            based_on,
            draft: Draft {
                status: status.into(),
                narrative: "Explained.".into(),
                evidence: Vec::new(),
            },
            request_id: None,
        },
    )
    .await
    .unwrap();
}

async fn commitment_id(app: &TestApp, reference: &str) -> i64 {
    sqlx::query_scalar("select id from commitment where ref = $1")
        .bind(reference)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

fn path(reference: &str) -> String {
    format!(
        "/app/cycles/{YEAR}/reconcile/{}",
        form_urlencoded::byte_serialize(reference.as_bytes()).collect::<String>()
    )
}

async fn post(
    app: &TestApp,
    client: &Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, Option<String>) {
    let response = client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (status, response.text().await.unwrap(), location)
}

async fn get(app: &TestApp, client: &Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

async fn events(pool: &PgPool, action: &str) -> i64 {
    sqlx::query_scalar("select count(*) from audit_event where action = $1")
        .bind(action)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Gives every commitment without one a joint review, straight in the database.
async fn complete_joint_reviews(pool: &PgPool, cycle_id: i64) {
    sqlx::query(
        "insert into joint_review (cycle_id, commitment_id, version, status, author)
         select $1, c.id, 1, 'on_track', 'test' from commitment c
         where not exists (select 1 from joint_review j where j.cycle_id = $1 and j.commitment_id = c.id)",
    )
    .bind(cycle_id)
    .execute(pool)
    .await
    .unwrap();
}

fn joint(status: &str, version: &str, summary: &str) -> Vec<(&'static str, String)> {
    vec![
        ("status", status.into()),
        ("summary_en", summary.into()),
        ("summary_fr", String::new()),
        ("next_steps", String::new()),
        ("version", version.into()),
    ]
}

fn fields<'a>(f: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    f.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn only_staff_record_joint_reviews_and_only_in_reconciliation() {
    let app = spawn_app().await;
    let cycle_id = cycle(&app.db.pool, YEAR, CycleState::Open).await;
    let eu = officer(&app, Side::Eu).await;
    assess(&app, &eu, "13", "on_track").await;
    let (_, secretariat) = app.client_as(Role::Secretariat, None).await;
    let (_, admin) = app.client_as(Role::Admin, None).await;
    let (_, viewer) = app.client_as(Role::Viewer, None).await;
    let (_, eu_client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let body = joint("on_track", "0", "On track.");

    // While the cycle is open: refused with a 409, nothing written.
    let (status, page, _) = post(&app, &secretariat, &path("13"), &fields(&body)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("only be recorded while the cycle is in reconciliation"));
    let (status, _, _) = post(
        &app,
        &secretariat,
        &format!("/app/cycles/{YEAR}/reconcile/accept-agreed"),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        count(&app.db.pool, "select count(*) from joint_review").await,
        0
    );

    move_to(
        &app.db.pool,
        cycle_id,
        CycleState::Open,
        CycleState::Reconciliation,
    )
    .await;

    // Officers and viewers may not; the secretariat and administrators may.
    for client in [&eu_client, &viewer] {
        let (status, _, _) = post(&app, client, &path("13"), &fields(&body)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _, _) = post(
            &app,
            client,
            &format!("/app/cycles/{YEAR}/reconcile/accept-agreed"),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    assert_eq!(
        count(&app.db.pool, "select count(*) from joint_review").await,
        0
    );
    let (status, _, location) = post(&app, &secretariat, &path("13"), &fields(&body)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/app/cycles/2026/reconcile?saved=13#row-13")
    );
    let (status, _, _) = post(
        &app,
        &admin,
        &path("13"),
        &fields(&joint("challenges", "1", "Delayed.")),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(&app.db.pool, "select count(*) from joint_review").await,
        2
    );
    assert_eq!(events(&app.db.pool, "joint_review.save").await, 2);

    // Everyone signed in reads; only staff see the forms.
    let (status, page) = get(&app, &viewer, &format!("/app/cycles/{YEAR}/reconcile")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Delayed."));
    assert!(!page.contains(r#"id="reconcile-bulk""#));
    assert!(!page.contains(r#"id="save-13""#));
    let (_, page) = get(
        &app,
        &secretariat,
        &format!("/app/cycles/{YEAR}/reconcile?saved=13"),
    )
    .await;
    assert!(page.contains(r#"id="reconcile-bulk""#));
    assert!(page.contains(r#"id="save-13""#));
    assert!(page.contains("The joint review of 13 has been saved."));

    // Invalid input: 422 with the messages, nothing written.
    let long = "x".repeat(501);
    for (body, message) in [
        (joint("", "2", ""), "Choose the joint status."),
        (
            joint("on_track", "2", &long),
            "The English summary must have at most 500 characters.",
        ),
    ] {
        let (status, page, _) = post(&app, &secretariat, &path("13"), &fields(&body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains(message), "{message}");
    }
    let (status, _, _) = post(
        &app,
        &secretariat,
        &path("13"),
        &fields(&joint("on_track", "x", "")),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = post(&app, &secretariat, &path("99(z)"), &fields(&body)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        count(&app.db.pool, "select count(*) from joint_review").await,
        2
    );

    // Officers cannot change their assessments any more.
    let refused = tracking::save(
        &app.db.pool,
        partnership_id(&app).await,
        &eu,
        SaveRequest {
            year: YEAR,
            reference: "13",
            side: Side::Eu,
            based_on: 1,
            draft: Draft {
                status: "completed".into(),
                narrative: String::new(),
                evidence: Vec::new(),
            },
            request_id: None,
        },
    )
    .await;
    assert!(matches!(refused, Err(SaveFailure::CycleClosed)));
}

#[tokio::test]
async fn a_stale_joint_review_is_refused_with_both_versions() {
    let app = spawn_app().await;
    cycle(&app.db.pool, YEAR, CycleState::Reconciliation).await;
    let (_, first) = app.client_as(Role::Secretariat, None).await;
    let (_, second) = app.client_as(Role::Secretariat, None).await;

    // Both opened the page at version 0; the first saves.
    let (status, _, _) = post(
        &app,
        &first,
        &path("25(c)"),
        &fields(&joint("completed", "0", "Their summary line.")),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, page, _) = post(
        &app,
        &second,
        &path("25(c)"),
        &fields(&joint("challenges", "0", "My own summary line.")),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("Saved by someone else in the meantime"));
    assert!(
        page.contains("Their summary line."),
        "the other revision is shown"
    );
    assert!(
        page.contains("My own summary line."),
        "the typed text is kept"
    );
    assert!(page.contains(r#"name="version" value="1""#));
    assert_eq!(
        count(&app.db.pool, "select count(*) from joint_review").await,
        1
    );

    // Saving again, knowingly, replaces it.
    let (status, _, _) = post(
        &app,
        &second,
        &path("25(c)"),
        &fields(&joint("challenges", "1", "My own summary line.")),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let current = db::joint::current_for_cycle(
        &app.db.pool,
        cycles::find_by_year(&app.db.pool, partnership_id(&app).await, YEAR)
            .await
            .unwrap()
            .unwrap()
            .id,
    )
    .await
    .unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].version, 2);
    assert_eq!(current[0].summary_en, "My own summary line.");
    assert_eq!(events(&app.db.pool, "joint_review.save").await, 2);
}

#[tokio::test]
async fn bulk_accept_touches_only_commitments_both_sides_agree_on() {
    let app = spawn_app().await;
    let cycle_id = cycle(&app.db.pool, YEAR, CycleState::Open).await;
    let eu = officer(&app, Side::Eu).await;
    let ca = officer(&app, Side::Ca).await;
    // 10, 11: agree; 12: diverge; 13: one side only; 14: agree but already reviewed;
    // 15: agreed at first, then the EU changed its mind.
    for (reference, eu_status, ca_status) in [
        ("10", Some("on_track"), Some("on_track")),
        ("11", Some("completed"), Some("completed")),
        ("12", Some("on_track"), Some("challenges")),
        ("13", Some("on_track"), None),
        ("14", Some("ongoing"), Some("ongoing")),
        ("15", Some("on_track"), Some("on_track")),
    ] {
        if let Some(s) = eu_status {
            assess(&app, &eu, reference, s).await;
        }
        if let Some(s) = ca_status {
            assess(&app, &ca, reference, s).await;
        }
    }
    assess(&app, &eu, "15", "not_started").await;
    move_to(
        &app.db.pool,
        cycle_id,
        CycleState::Open,
        CycleState::Reconciliation,
    )
    .await;
    let (_, secretariat) = app.client_as(Role::Secretariat, None).await;
    let (status, _, _) = post(
        &app,
        &secretariat,
        &path("14"),
        &fields(&joint("not_started", "0", "Agreed otherwise.")),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // The page offers exactly the two agreeing commitments, divergent ones first.
    let (_, page) = get(&app, &secretariat, &format!("/app/cycles/{YEAR}/reconcile")).await;
    assert!(page.contains("2 commitments without a joint status have the same status"));
    let divergent = page.find(r#"data-ref="12""#).unwrap();
    assert!(divergent < page.find(r#"data-ref="9(a)""#).unwrap());
    assert!(divergent < page.find(r#"data-ref="15""#).unwrap());

    let (status, _, location) = post(
        &app,
        &secretariat,
        &format!("/app/cycles/{YEAR}/reconcile/accept-agreed"),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/app/cycles/2026/reconcile?accepted=2")
    );
    let rows: Vec<(String, String, i32)> = sqlx::query_as(
        "select c.ref, j.status, j.version from joint_review j join commitment c on c.id = j.commitment_id
         order by c.position, j.version",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        rows,
        vec![
            ("10".into(), "on_track".into(), 1),
            ("11".into(), "completed".into(), 1),
            ("14".into(), "not_started".into(), 1),
        ]
    );
    let after: serde_json::Value = sqlx::query_scalar(
        "select after from audit_event where action = 'joint_review.accept_agreed'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(after["refs"], serde_json::json!(["10", "11"]));
    assert_eq!(after["count"], 2);
    let (_, page) = get(
        &app,
        &secretariat,
        &format!("/app/cycles/{YEAR}/reconcile?accepted=2"),
    )
    .await;
    assert!(page.contains("2 commitments were given the status both sides agree on."));

    // Again: nothing left to accept, nothing written, no event.
    let accepted = reconcile::accept_agreed(
        &app.db.pool,
        partnership_id(&app).await,
        YEAR,
        None,
        &Actor::cli(),
        None,
    )
    .await
    .unwrap();
    assert!(accepted.is_empty());
    assert_eq!(
        count(&app.db.pool, "select count(*) from joint_review").await,
        3
    );
    assert_eq!(events(&app.db.pool, "joint_review.accept_agreed").await, 1);
}

#[tokio::test]
async fn freezing_needs_every_joint_status_and_then_the_database_refuses_changes() {
    let app = spawn_app().await;
    let cycle_id = cycle(&app.db.pool, YEAR, CycleState::Open).await;
    let eu = officer(&app, Side::Eu).await;
    assess(&app, &eu, "12", "on_track").await;
    move_to(
        &app.db.pool,
        cycle_id,
        CycleState::Open,
        CycleState::Reconciliation,
    )
    .await;
    let (_, secretariat) = app.client_as(Role::Secretariat, None).await;
    for reference in ["9(a)", "12"] {
        let (status, _, _) = post(
            &app,
            &secretariat,
            &path(reference),
            &fields(&joint("on_track", "0", "")),
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let changes = count(&app.db.pool, "select count(*) from cycle_state_change").await;

    // 58 commitments have no joint status: refused, listing them, nothing changed.
    let state_path = format!("/app/cycles/{YEAR}/state");
    let (status, page, _) = post(
        &app,
        &secretariat,
        &state_path,
        &[("state", "frozen"), ("confirm", "yes")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("58 commitments have"), "{page}");
    assert!(page.contains("9(b), 10, 11, 13,"));
    assert!(page.contains("63)"));
    assert!(!page.contains("(9(a),"));
    let (_, page) = get(&app, &secretariat, &format!("/app/cycles/{YEAR}")).await;
    assert!(page.contains("58 commitments have no joint status yet."));
    let refused = sdp_tracker::cycles::move_state(
        &app.db.pool,
        partnership_id(&app).await,
        YEAR,
        CycleState::Frozen,
        &Actor::cli(),
        None,
    )
    .await
    .unwrap_err();
    assert!(
        refused
            .to_string()
            .starts_with("58 commitment(s) have no joint review yet: 9(b), 10,")
    );
    let state: String = sqlx::query_scalar("select state from review_cycle where id = $1")
        .bind(cycle_id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(state, "reconciliation");
    assert_eq!(
        count(&app.db.pool, "select count(*) from cycle_state_change").await,
        changes
    );

    // Complete: the cycle freezes.
    complete_joint_reviews(&app.db.pool, cycle_id).await;
    let (status, _, _) = post(
        &app,
        &secretariat,
        &state_path,
        &[("state", "frozen"), ("confirm", "yes")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = get(&app, &secretariat, &format!("/app/cycles/{YEAR}")).await;
    assert!(page.contains(r#"id="cycle-state">Frozen"#));

    // The database itself refuses any new assessment or joint review for it.
    let commitment = commitment_id(&app, "12").await;
    let assessment = sqlx::query(
        "insert into assessment (cycle_id, commitment_id, side, version, status, author)
         values ($1, $2, 'eu', 2, 'completed', 'sql')",
    )
    .bind(cycle_id)
    .bind(commitment)
    .execute(&app.db.pool)
    .await
    .unwrap_err();
    assert!(
        assessment.to_string().contains("the cycle is frozen"),
        "{assessment}"
    );
    let joint_review = sqlx::query(
        "insert into joint_review (cycle_id, commitment_id, version, status, author)
         values ($1, $2, 2, 'completed', 'sql')",
    )
    .bind(cycle_id)
    .bind(commitment)
    .execute(&app.db.pool)
    .await
    .unwrap_err();
    assert!(
        joint_review.to_string().contains("the cycle is frozen"),
        "{joint_review}"
    );
    // … and so do the services.
    let refused = tracking::save(
        &app.db.pool,
        partnership_id(&app).await,
        &eu,
        SaveRequest {
            year: YEAR,
            reference: "12",
            side: Side::Eu,
            based_on: 1,
            draft: Draft {
                status: "completed".into(),
                narrative: String::new(),
                evidence: Vec::new(),
            },
            request_id: None,
        },
    )
    .await;
    assert!(matches!(refused, Err(SaveFailure::CycleClosed)));
    let refused = reconcile::save(
        &app.db.pool,
        partnership_id(&app).await,
        YEAR,
        "12",
        &JointInput {
            status: "completed".into(),
            version: "1".into(),
            ..JointInput::default()
        },
        &Actor::cli(),
        None,
    )
    .await;
    assert!(matches!(
        refused,
        Err(ReconcileFailure::WrongState(CycleState::Frozen))
    ));
    let (status, _, _) = post(
        &app,
        &secretariat,
        &path("12"),
        &fields(&joint("completed", "1", "")),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(events(&app.db.pool, "cycle.state_change").await, 1);
}

#[tokio::test]
async fn errata_are_recorded_for_frozen_cycles_and_publishing_shows_which_cycle_is_public() {
    let app = spawn_app().await;
    let cycle_id = cycle(&app.db.pool, YEAR, CycleState::Reconciliation).await;
    let (_, secretariat) = app.client_as(Role::Secretariat, None).await;
    let (_, eu_client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let errata = format!("/app/cycles/{YEAR}/errata");
    let erratum = [
        ("reference", "12"),
        ("reason", "Canada corrected its report after the Dialogue."),
        ("status", "completed"),
        ("summary_en", "Completed in May."),
        ("summary_fr", ""),
        ("next_steps", ""),
    ];

    // Not frozen yet: refused, by the service and by the database.
    let (status, page, _) = post(&app, &secretariat, &errata, &erratum).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("Errata are recorded only once the cycle is frozen."));
    let direct = sqlx::query(
        "insert into erratum (cycle_id, author, reason, changes) values ($1, 'sql', 'why', '{}')",
    )
    .bind(cycle_id)
    .execute(&app.db.pool)
    .await;
    assert!(direct.is_err());
    assert_eq!(count(&app.db.pool, "select count(*) from erratum").await, 0);

    complete_joint_reviews(&app.db.pool, cycle_id).await;
    let (status, _, _) = post(
        &app,
        &secretariat,
        &format!("/app/cycles/{YEAR}/state"),
        &[("state", "frozen"), ("confirm", "yes")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // Officers may not; invalid input is a 422 that writes nothing.
    let (status, _, _) = post(&app, &eu_client, &errata, &erratum).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    for (field, value, message) in [
        ("reason", "  ", "Say why the correction is made"),
        ("reference", "99(z)", "Choose a commitment from the list."),
        ("status", "done", "Choose the joint status."),
        ("reference", "", "Choose the commitment a corrected status"),
    ] {
        let body: Vec<(&str, &str)> = erratum
            .iter()
            .map(|(k, v)| (*k, if *k == field { value } else { *v }))
            .collect();
        let (status, page, _) = post(&app, &secretariat, &errata, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(page.contains(message), "{field}: {message}");
    }
    assert_eq!(count(&app.db.pool, "select count(*) from erratum").await, 0);

    // Recorded, with its audit event; shown on the cycle page and the commitment's history.
    let (status, _, location) = post(&app, &secretariat, &errata, &erratum).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/app/cycles/2026?done=erratum#errata")
    );
    let recorded = db::joint::errata(&app.db.pool, cycle_id).await.unwrap();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].reference.as_deref(), Some("12"));
    assert_eq!(
        recorded[0].changes,
        serde_json::json!({"status": "completed", "summary_en": "Completed in May."})
    );
    assert_eq!(events(&app.db.pool, "erratum.record").await, 1);
    let (_, page) = get(&app, &eu_client, &format!("/app/cycles/{YEAR}")).await;
    assert!(page.contains("Canada corrected its report after the Dialogue."));
    assert!(page.contains("Completed in May."));
    let (_, page) = get(&app, &eu_client, "/app/commitments/12").await;
    assert!(page.contains("app-timeline__item--erratum"));
    assert!(page.contains("Canada corrected its report after the Dialogue."));
    // The frozen joint review itself is unchanged.
    let current = db::joint::current_for_cycle(&app.db.pool, cycle_id)
        .await
        .unwrap();
    assert!(
        current
            .iter()
            .all(|j| j.version == 1 && j.summary_en.is_empty())
    );

    // Publish: the cycle page says it is the public one.
    assert!(
        db::joint::last_published(&app.db.pool, partnership_id(&app).await)
            .await
            .unwrap()
            .is_none()
    );
    let (status, _, _) = post(
        &app,
        &secretariat,
        &format!("/app/cycles/{YEAR}/state"),
        &[("state", "published"), ("confirm", "yes")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let published = db::joint::last_published(&app.db.pool, partnership_id(&app).await)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(published.year, YEAR);
    let (_, page) = get(&app, &eu_client, &format!("/app/cycles/{YEAR}")).await;
    assert!(page.contains("This is the published cycle the public summary shows."));
    // Errata are still recorded once published; a note on the whole cycle needs no change.
    let (status, _, _) = post(
        &app,
        &secretariat,
        &errata,
        &[
            ("reference", ""),
            ("reason", "The Dialogue was held in Brussels."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, page) = get(&app, &eu_client, &errata).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("The Dialogue was held in Brussels."));
    assert!(!page.contains("record-erratum"), "officers get no form");
    assert_eq!(events(&app.db.pool, "erratum.record").await, 2);
}
