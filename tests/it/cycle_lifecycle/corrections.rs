//! Corrections of a cycle and deletion of a never-opened one, and the rules they keep.

use chrono::NaiveDate;
use reqwest::StatusCode;
use sdp_tracker::domain::{account::Role, cycle::CycleState};

use super::{cli, confirmed, form, get, post, section, snapshot, with};
use crate::common::{fixtures, spawn_app};

/// One rule broken, on the web (create and correct) and on the command line (add and edit): each
/// refused with its reason, nothing written.
#[tokio::test]
async fn the_date_rules_and_one_cycle_a_year_hold_on_the_web_and_the_command_line() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Secretariat, None).await;
    for year in ["2026", "2027"] {
        let (status, _, _) = post(&app, &client, "/app/cycles", &form(year)).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }

    // (what is broken, field, value, the web's message, the command line's)
    let out_of_year = (
        "meeting_date",
        "2026-12-03",
        "The date of the Dialogue must fall in the cycle’s year.",
        "the Dialogue date must fall in the cycle's year",
    );
    let cases = [
        out_of_year,
        (
            "opens_on",
            "2027-03-02",
            "Submissions must open on or before the deadline",
            "submissions must open on or before the deadline",
        ),
        (
            "deadline",
            "2027-03-21",
            "the deadline must fall on or before the Dialogue",
            "the deadline fall on or before the meeting",
        ),
        (
            "meeting_date",
            "2027-02-28",
            "the deadline must fall on or before the Dialogue",
            "the deadline fall on or before the meeting",
        ),
    ];
    let flag = |field: &str| match field {
        "meeting_date" => "--meeting-date",
        "opens_on" => "--opens",
        _ => "--deadline",
    };
    let before = snapshot(&app.db.pool).await;
    for (field, value, web, line) in cases {
        // A new cycle: 2028, with the rule broken in 2028's terms.
        let value_2028 = value
            .replacen("2027", "2028", 1)
            .replacen("2026", "2027", 1);
        let (status, html, _) = post(
            &app,
            &client,
            "/app/cycles",
            &with(form("2028"), field, &value_2028),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "create {field}={value_2028}"
        );
        assert!(
            html.contains(web),
            "create {field}={value_2028}: no {web:?}"
        );

        // A correction of 2027.
        let (status, html, _) = post(
            &app,
            &client,
            "/app/cycles/2027/edit",
            &with(form("2027"), field, value),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "edit {field}={value}"
        );
        assert!(html.contains(web), "edit {field}={value}: no {web:?}");
        assert!(html.contains("govuk-error-summary"));

        // The command line, both ways.
        let mut add = vec![
            "cycle",
            "add",
            "--year",
            "2028",
            "--meeting-date",
            "2028-03-20",
            "--place",
            "Ottawa",
            "--opens",
            "2028-01-10",
            "--deadline",
            "2028-03-01",
        ];
        let i = add.iter().position(|a| *a == flag(field)).unwrap();
        add[i + 1] = &value_2028;
        for args in [
            add,
            vec!["cycle", "edit", "--year", "2027", flag(field), value],
        ] {
            let out = cli(&app.db, &args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{args:?} succeeded");
            assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
            assert!(stderr.contains(line), "{args:?}: {stderr}");
        }
        assert_eq!(
            snapshot(&app.db.pool).await,
            before,
            "{field}={value} wrote something"
        );
    }

    // The stray cycle of the issue: typed as 2025, meeting in December 2026.
    let stray = with(
        with(
            with(
                with(form("2025"), "meeting_date", "2026-12-03"),
                "opens_on",
                "2025-01-10",
            ),
            "deadline",
            "2025-03-01",
        ),
        "place_fr",
        "",
    );
    let (status, html, _) = post(&app, &client, "/app/cycles", &stray).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(out_of_year.2));

    // One cycle a year, on the web and the command line.
    let (status, html, _) = post(&app, &client, "/app/cycles", &form("2026")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("There is already a review cycle for that year."));
    let out = cli(
        &app.db,
        &[
            "cycle",
            "add",
            "--year",
            "2026",
            "--meeting-date",
            "2026-03-20",
            "--place",
            "Ottawa",
            "--opens",
            "2026-01-10",
            "--deadline",
            "2026-03-01",
        ],
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("there is already a cycle for that year")
    );
    // The database refuses a second one too, and a Dialogue outside the year.
    let pid = fixtures::partnership_id(&app.db.pool).await;
    let duplicate = sqlx::query(
        "insert into review_cycle (partnership_id, year, title, title_fr, meeting_date, place, opens_on, deadline)
         values ($1, 2026, 't', 't', '2026-03-20', 'p', '2026-01-01', '2026-02-01')",
    )
    .bind(pid)
    .execute(&app.db.pool)
    .await
    .unwrap_err();
    assert_eq!(
        duplicate.as_database_error().unwrap().constraint(),
        Some("review_cycle_partnership_id_year_key")
    );
    let outside =
        sqlx::query("update review_cycle set meeting_date = '2027-03-20' where year = 2026")
            .execute(&app.db.pool)
            .await
            .unwrap_err();
    assert_eq!(
        outside.as_database_error().unwrap().constraint(),
        Some("review_cycle_meeting_in_year")
    );
    assert_eq!(snapshot(&app.db.pool).await, before);
}

#[tokio::test]
async fn the_secretariat_corrects_a_cycle_and_its_history_says_what_changed() {
    let app = spawn_app().await;
    let (staff, client) = app.client_as(Role::Secretariat, None).await;
    let (status, _, _) = post(&app, &client, "/app/cycles", &form("2026")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = get(&app, &client, "/app/cycles/2026").await;
    assert!(page.contains(r#"href="/app/cycles/2026/edit""#));

    // The form shows the cycle as it is.
    let (status, html) = get(&app, &client, "/app/cycles/2026/edit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"value="2026-03-01""#), "the deadline");
    assert!(html.contains(r#"value="2026 EU–Canada Security and Defence Dialogue""#));
    assert!(!html.contains(r#"name="year""#), "the year does not change");

    // Extend the deadline and give the French place.
    let corrected = with(
        with(form("2026"), "deadline", "2026-03-15"),
        "place_fr",
        "Ottawa (Canada)",
    );
    let before = snapshot(&app.db.pool).await;
    let (status, _, location) = post(&app, &client, "/app/cycles/2026/edit", &corrected).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/app/cycles/2026?done=edited"));
    let after = snapshot(&app.db.pool).await;
    assert_eq!(
        (after.1, after.2),
        (before.1, before.2 + 1),
        "one audit event, no move"
    );
    let (deadline, place_fr): (NaiveDate, Option<String>) =
        sqlx::query_as("select deadline, place_fr from review_cycle where year = 2026")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(deadline, NaiveDate::from_ymd_opt(2026, 3, 15).unwrap());
    assert_eq!(place_fr.as_deref(), Some("Ottawa (Canada)"));
    let (actor, before_json, after_json): (String, serde_json::Value, serde_json::Value) =
        sqlx::query_as("select actor, before, after from audit_event where action = 'cycle.edit'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(actor, staff.email);
    assert_eq!(
        (
            before_json["deadline"].as_str(),
            after_json["deadline"].as_str()
        ),
        (Some("2026-03-01"), Some("2026-03-15"))
    );
    assert_eq!(
        (
            before_json["place_fr"].as_str(),
            after_json["place_fr"].as_str()
        ),
        (Some("Ottawa"), Some("Ottawa (Canada)"))
    );
    assert_eq!(before_json["title_en"], after_json["title_en"]);

    let (_, page) = get(&app, &client, "/app/cycles/2026?done=edited").await;
    assert!(page.contains("The cycle’s details have been corrected."));
    assert!(page.contains("15 March 2026"));
    let history = section(&page, "history", "main-content-end");
    assert!(history.contains("Details corrected"), "{history}");
    assert!(
        history.contains(
            "Submission deadline: <span>1 March 2026</span> → <span>15 March 2026</span>"
        ),
        "{history}"
    );
    assert!(
        history.contains(r#"<span lang="fr">Ottawa (Canada)</span>"#),
        "{history}"
    );
    assert!(history.contains(&staff.email));
    let (_, page) = get(&app, &client, "/app/cycles/2026?lang=fr").await;
    assert!(
        section(&page, "history", "main-content-end")
            .contains("1er mars 2026</span> → <span>15 mars 2026")
    );
    get(&app, &client, "/app/cycles/2026?lang=en").await;

    // The same details again: nothing written.
    let (status, _, location) = post(&app, &client, "/app/cycles/2026/edit", &corrected).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/app/cycles/2026?done=unchanged"));
    assert_eq!(snapshot(&app.db.pool).await, after);

    // The command line corrects only what it is given, and says what changed.
    let out = cli(
        &app.db,
        &[
            "cycle",
            "edit",
            "--year",
            "2026",
            "--deadline",
            "2026-03-18",
            "--title-fr",
            "Dialogue d’Ottawa",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("deadline 2026-03-15 → 2026-03-18"),
        "{stdout}"
    );
    assert!(stdout.contains("title (French) Dialogue UE–Canada sur la sécurité et la défense 2026 → Dialogue d’Ottawa"), "{stdout}");
    let (place_fr, title_en): (Option<String>, String) =
        sqlx::query_as("select place_fr, title from review_cycle where year = 2026")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (place_fr.as_deref(), title_en.as_str()),
        (
            Some("Ottawa (Canada)"),
            "2026 EU–Canada Security and Defence Dialogue"
        )
    );
    let cli_actor: String = sqlx::query_scalar(
        "select actor from audit_event where action = 'cycle.edit' order by id desc limit 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(cli_actor, "cli");

    // An open cycle is corrected too; a frozen one is not, on the web or the command line.
    let frozen = fixtures::cycle(&app.db.pool, 2025, CycleState::Frozen).await;
    assert!(frozen > 0);
    let before = snapshot(&app.db.pool).await;
    let (status, html) = get(&app, &client, "/app/cycles/2025/edit").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        html.contains("its dates, titles and place can no longer change"),
        "{html}"
    );
    assert!(!html.contains(r#"action="/app/cycles/2025/edit""#));
    let (status, html, _) = post(
        &app,
        &client,
        "/app/cycles/2025/edit",
        &with(form("2025"), "deadline", "2025-03-10"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("its dates, titles and place can no longer change"));
    let out = cli(
        &app.db,
        &[
            "cycle",
            "edit",
            "--year",
            "2025",
            "--deadline",
            "2025-03-10",
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("the 2025 cycle is frozen"), "{stderr}");
    let out = cli(&app.db, &["cycle", "edit", "--year", "2026"]);
    assert!(!out.status.success(), "no option: nothing to change");
    let (_, page) = get(&app, &client, "/app/cycles/2025").await;
    assert!(!page.contains(r#"href="/app/cycles/2025/edit""#));
    assert_eq!(snapshot(&app.db.pool).await, before);
}

#[tokio::test]
async fn a_never_opened_cycle_can_be_deleted_an_opened_one_cannot() {
    let app = spawn_app().await;
    let (staff, client) = app.client_as(Role::Secretariat, None).await;
    for year in ["2026", "2027", "2028"] {
        let (status, _, _) = post(&app, &client, "/app/cycles", &form(year)).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let (status, _, _) = post(&app, &client, "/app/cycles/2026/state", &confirmed("open")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // The confirmation page; the POST without the confirmation leads there and deletes nothing.
    let (status, html) = get(&app, &client, "/app/cycles/2027/delete").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Delete the 2027 cycle?"));
    assert!(html.contains(r#"name="confirm" value="yes""#));
    let before = snapshot(&app.db.pool).await;
    let (status, _, location) = post(&app, &client, "/app/cycles/2027/delete", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/app/cycles/2027/delete"));
    assert_eq!(snapshot(&app.db.pool).await, before);

    let (status, _, location) = post(
        &app,
        &client,
        "/app/cycles/2027/delete",
        &[("confirm", "yes".into())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/app/cycles?done=deleted"));
    let years: Vec<i32> = sqlx::query_scalar("select year from review_cycle order by year")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(years, [2026, 2028]);
    let (actor, gone, after): (String, serde_json::Value, Option<serde_json::Value>) =
        sqlx::query_as(
            "select actor, before, after from audit_event where action = 'cycle.delete'",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(actor, staff.email);
    assert_eq!(
        (gone["year"].as_i64(), gone["state"].as_str(), after),
        (Some(2027), Some("planned"), None)
    );
    let (_, list) = get(&app, &client, "/app/cycles?done=deleted").await;
    assert!(list.contains("The cycle has been deleted."));
    assert!(!list.contains(r#"href="/app/cycles/2027""#));

    // An opened cycle stays: web and command line refuse, nothing written.
    let before = snapshot(&app.db.pool).await;
    let (_, page) = get(&app, &client, "/app/cycles/2026").await;
    assert!(!page.contains("/app/cycles/2026/delete"));
    let (status, html) = get(&app, &client, "/app/cycles/2026/delete").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("This cycle has been open for submissions, so it cannot be deleted."));
    assert!(!html.contains(r#"name="confirm""#));
    let (status, html, _) = post(
        &app,
        &client,
        "/app/cycles/2026/delete",
        &[("confirm", "yes".into())],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("cannot be deleted"));
    let out = cli(&app.db, &["cycle", "delete", "--year", "2026"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("the 2026 cycle has been open for submissions: it cannot be deleted"),
        "{stderr}"
    );
    let out = cli(&app.db, &["cycle", "delete", "--year", "2031"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no cycle for 2031"));
    assert_eq!(snapshot(&app.db.pool).await, before);

    // The command line deletes a never-opened one.
    let out = cli(&app.db, &["cycle", "delete", "--year", "2028"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("deleted the 2028 cycle"));
    let after = snapshot(&app.db.pool).await;
    assert_eq!((after.0.len(), after.2), (1, before.2 + 1));
}

#[tokio::test]
async fn the_public_page_shows_the_next_dialogue_as_corrected() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Secretariat, None).await;
    let anonymous = crate::common::new_client();
    let home = || async {
        anonymous
            .get(app.url("/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    // The public page is cached before the cycle exists.
    assert!(!home().await.contains("20 March 2026"));
    let (status, _, _) = post(&app, &client, "/app/cycles", &form("2026")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    crate::common::eventually(
        crate::common::PATIENCE,
        "the new cycle on the public page",
        || async {
            if home().await.contains("20 March 2026") {
                Ok(())
            } else {
                Err("not yet")
            }
        },
    )
    .await;
    let (status, _, _) = post(
        &app,
        &client,
        "/app/cycles/2026/edit",
        &with(form("2026"), "meeting_date", "2026-03-27"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    crate::common::eventually(
        crate::common::PATIENCE,
        "the corrected date on the public page",
        || async {
            if home().await.contains("27 March 2026") {
                Ok(())
            } else {
                Err("not yet")
            }
        },
    )
    .await;
    let (status, _, _) = post(
        &app,
        &client,
        "/app/cycles/2026/delete",
        &[("confirm", "yes".into())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    crate::common::eventually(
        crate::common::PATIENCE,
        "the deleted cycle gone from the public page",
        || async {
            if home().await.contains("27 March 2026") {
                Err("not yet")
            } else {
                Ok(())
            }
        },
    )
    .await;
}
