//! The officer's dashboard against what the database holds after a scripted set of saves.

use crate::common::{
    PATIENCE, TestApp, eventually,
    fixtures::{Schedule, cycle_on, today},
    spawn_app, spawn_app_on,
};
use chrono::{Datelike, Duration, NaiveDate};
use sdp_tracker::{
    auth::User,
    db::{cycles, partnership, users},
    domain::{
        account::{Role, Side},
        assessment::{Draft, Evidence},
        cycle::CycleState,
    },
    tracking::{self, SaveRequest},
};

/// Opens the `year` cycle with its deadline `deadline_in_days` after [`today`], the day the
/// app's clock is stopped on (`spawn_app_on(today())`).
async fn open_cycle(app: &TestApp, year: i32, deadline_in_days: i64) -> i64 {
    let p = partnership::find_default(&app.db.pool)
        .await
        .unwrap()
        .unwrap();
    let today = today();
    let deadline = today + Duration::days(deadline_in_days);
    let id = cycles::insert(
        &app.db.pool,
        &cycles::NewCycle {
            partnership_id: p.id,
            year,
            title: &format!("{year} EU–Canada Security and Defence Dialogue"),
            title_fr: &format!("Dialogue UE–Canada sur la sécurité et la défense {year}"),
            // Twenty days after the deadline, in the cycle's year (where the Dialogue meets).
            meeting_date: (deadline.max(today) + Duration::days(20))
                .with_year(year)
                .unwrap(),
            place: "Ottawa",
            place_fr: Some("Ottawa"),
            opens_on: deadline - Duration::days(30),
            deadline,
        },
    )
    .await
    .unwrap();
    assert!(
        cycles::set_state(&app.db.pool, id, CycleState::Planned, CycleState::Open)
            .await
            .unwrap()
    );
    id
}

async fn lead(app: &TestApp, user_id: i64, side: Side, reference: &str) {
    sqlx::query("insert into commitment_lead (commitment_id, user_id, side) select id, $1, $2 from commitment where ref = $3")
        .bind(user_id)
        .bind(side.as_str())
        .bind(reference)
        .execute(&app.db.pool)
        .await
        .unwrap();
}

async fn save(
    app: &TestApp,
    user_id: i64,
    year: i32,
    reference: &str,
    status: &str,
    narrative: &str,
) -> i32 {
    let account = users::find(&app.db.pool, user_id).await.unwrap().unwrap();
    let side = account.side.unwrap();
    let user = User {
        account,
        login_id: uuid::Uuid::nil(),
    };
    let p = partnership::find_default(&app.db.pool)
        .await
        .unwrap()
        .unwrap();
    let based_on: i32 = sqlx::query_scalar(
        "select coalesce(max(a.version), 0) from assessment a join commitment c on c.id = a.commitment_id
         join review_cycle y on y.id = a.cycle_id where c.ref = $1 and a.side = $2 and y.year = $3",
    )
    .bind(reference)
    .bind(side.as_str())
    .bind(year)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let draft = Draft {
        status: status.into(),
        narrative: narrative.into(),
        evidence: vec![Evidence {
            url: "https://www.international.gc.ca/".into(),
            label: "GAC".into(),
        }],
    };
    let request = SaveRequest {
        year,
        reference,
        side,
        based_on,
        draft,
        request_id: None,
    };
    tracking::save(&app.db.pool, p.id, &user, request)
        .await
        .unwrap()
        .revision
        .version
}

#[tokio::test]
async fn dashboard_counts_equal_the_database_after_scripted_saves() {
    let app = spawn_app_on(today()).await;
    open_cycle(&app, 2026, 10).await;
    let (eu, eu_client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let (ca, _) = app.client_as(Role::Officer, Some(Side::Ca)).await;
    for reference in ["9(a)", "13", "24"] {
        lead(&app, eu.id, Side::Eu, reference).await;
    }
    lead(&app, ca.id, Side::Ca, "13").await;
    save(&app, eu.id, 2026, "9(a)", "on_track", "").await;
    save(
        &app,
        eu.id,
        2026,
        "13",
        "challenges",
        "Training mission funding is late.",
    )
    .await;
    assert_eq!(
        save(
            &app,
            eu.id,
            2026,
            "13",
            "challenges",
            "Funding now agreed, late start."
        )
        .await,
        2
    );
    save(&app, ca.id, 2026, "13", "on_track", "").await;

    let html = eu_client
        .get(app.url("/app"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    assert!(html.contains("10 days left"), "deadline countdown");
    // My commitments: two saved, one not yet reviewed.
    let mine = section(&html, "id=\"mine\"", "id=\"missing\"");
    assert_eq!(mine.matches("app-submission--saved").count(), 2, "{mine}");
    assert_eq!(mine.matches("app-submission--not-reviewed").count(), 1);
    for reference in ["9%28a%29", "/13\"", "/24\""] {
        assert!(
            mine.contains(reference),
            "{reference} missing from my commitments"
        );
    }
    // What my side still has to submit equals the database's count.
    let (total, eu_saved, ca_saved): (i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from commitment),
                (select count(distinct commitment_id) from assessment where side = 'eu'),
                (select count(distinct commitment_id) from assessment where side = 'ca')",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((total, eu_saved, ca_saved), (60, 2, 1));
    assert!(html.contains(&format!(
        "{} commitments have no assessment from your side yet",
        total - eu_saved
    )));
    assert!(
        html.contains(&format!("{eu_saved} / {total}"))
            && html.contains(&format!("{ca_saved} / {total}"))
    );
    // 13 is divergent (EU with challenges, Canada on track); 9(a) is not (Canada has not assessed).
    let divergent = section(&html, "id=\"divergent\"", "id=\"recent\"");
    assert!(divergent.contains("/app/commitments/13\""), "{divergent}");
    assert!(!divergent.contains("9%28a%29"));
    // Recent activity: the four revisions, newest first.
    let recent = section(&html, "id=\"recent\"", "</ul>");
    assert_eq!(recent.matches("<li>").count(), 4);
}

#[tokio::test]
async fn past_the_deadline_unsaved_commitments_are_overdue() {
    let app = spawn_app_on(today()).await;
    open_cycle(&app, 2027, -3).await;
    let (eu, client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    lead(&app, eu.id, Side::Eu, "30").await;

    let html = client
        .get(app.url("/app"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    assert!(html.contains("The deadline passed 3 days ago"));
    assert!(html.contains("app-submission--overdue"));
}

/// The countdown on the app's clock, for a cycle closing on 1 May 2026: what the dashboard says
/// on a given day does not depend on the day the test runs.
#[tokio::test]
async fn the_countdown_counts_from_the_apps_clock() {
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    for (today, says) in [
        (day(4, 24), "7 days left"),
        (day(4, 30), "1 day left"),
        (day(5, 1), "The deadline is today"),
        (day(5, 2), "The deadline passed 1 day ago"),
        (day(5, 11), "The deadline passed 10 days ago"),
    ] {
        let app = spawn_app_on(today).await;
        cycle_on(&app.db.pool, 2026, Schedule::of(2026), CycleState::Open).await;
        let (_, client) = app.client_as(Role::Viewer, None).await;

        let html = html(&client, &app.url("/app")).await;

        assert!(
            html.contains(says),
            "on {today}: {says:?} not on the dashboard"
        );
        assert!(html.contains("1 May 2026"), "the deadline's date");
    }
}

#[tokio::test]
async fn dashboard_in_french_and_without_a_cycle() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Viewer, None).await;

    let html = client
        .get(app.url("/app?lang=fr"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    assert!(html.contains("<html lang=\"fr\""));
    assert!(html.contains("Aucun cycle d’examen n’a encore été ouvert."));
}

fn section<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("{from} not found"));
    let rest = &html[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

/// Signs `email` in on `base` (an instance's `http://addr`) with a new client.
async fn login_at(base: &str, email: &str) -> reqwest::Client {
    let client = crate::common::new_client();
    let response = client
        .post(format!("{base}/login"))
        .form(&[("email", email), ("password", crate::common::PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::SEE_OTHER);
    client
}

async fn html(client: &reqwest::Client, url: &str) -> String {
    let response = client.get(url).send().await.unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK, "{url}");
    response.text().await.unwrap()
}

/// Fetches `url` until its page contains `what`: the change reaches this instance through a
/// database notification, whenever that is handled ([`PATIENCE`] at most).
async fn until_shown(client: &reqwest::Client, url: &str, what: &str) {
    eventually(PATIENCE, &format!("{url} to show {what:?}"), || async {
        if html(client, url).await.contains(what) {
            Ok(())
        } else {
            Err("it does not yet")
        }
    })
    .await;
}

#[tokio::test]
async fn a_change_through_one_instance_reaches_the_dashboard_of_another() {
    let app = spawn_app().await;
    open_cycle(&app, 2026, 10).await;
    let (other, _server) = app.second_instance().await;
    let other_base = format!("http://{other}");
    let other_app = format!("{other_base}/app");
    let eu = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let viewer = app.create_user(Role::Viewer, None).await;
    let here = app.login(&eu.email, crate::common::PASSWORD).await;
    let there = login_at(&other_base, &viewer.email).await;

    // Both instances have the dashboard in memory.
    assert!(html(&here, &app.url("/app")).await.contains(">0 / 60<"));
    assert!(html(&there, &other_app).await.contains(">0 / 60<"));

    // The officer saves through the first instance (the form): their own next page shows it at
    // once, the other instance's once the database's notification has reached it.
    let response = here
        .post(app.url("/app/commitments/13/assessments/eu"))
        .form(&[
            ("version", "0"),
            ("status", "challenges"),
            ("narrative", "Funding is late."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::SEE_OTHER);
    let mine = html(&here, &app.url("/app")).await;
    assert!(
        mine.contains(">1 / 60<"),
        "the writer sees their save at once"
    );
    until_shown(&there, &other_app, ">1 / 60<").await;

    // A change made outside any instance (as the command line would): a lead assigned.
    lead(&app, eu.id, Side::Eu, "24").await;
    until_shown(&here, &app.url("/app"), "/app/commitments/24\"").await;

    // A cycle moved on: the other instance's dashboard says so.
    let cycle = cycles::current(&app.db.pool, {
        partnership::find_default(&app.db.pool)
            .await
            .unwrap()
            .unwrap()
            .id
    })
    .await
    .unwrap()
    .unwrap();
    assert!(
        cycles::set_state(
            &app.db.pool,
            cycle.id,
            CycleState::Open,
            CycleState::Reconciliation
        )
        .await
        .unwrap()
    );
    until_shown(&there, &other_app, "</a> · Reconciliation</p>").await;
}

#[tokio::test]
async fn the_shared_dashboard_data_shows_each_reader_only_their_own_part() {
    let app = spawn_app_on(today()).await;
    open_cycle(&app, 2026, 10).await;
    let (eu, eu_client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let (ca, ca_client) = app.client_as(Role::Officer, Some(Side::Ca)).await;
    let (_, viewer_client) = app.client_as(Role::Viewer, None).await;
    lead(&app, eu.id, Side::Eu, "13").await;
    lead(&app, ca.id, Side::Ca, "24").await;
    save(&app, eu.id, 2026, "13", "on_track", "").await;
    for (id, name) in [(eu.id, "Eva Union"), (ca.id, "Carl Canada")] {
        sqlx::query("update app_user set display_name = $2 where id = $1")
            .bind(id)
            .bind(name)
            .execute(&app.db.pool)
            .await
            .unwrap();
    }
    // The notifications of the changes above are handled before the pages below are read, so
    // that the second round reads the dashboard from memory.
    app.notifications_handled().await;

    for _ in 0..2 {
        let eu_page = html(&eu_client, &app.url("/app")).await;
        let ca_page = html(&ca_client, &app.url("/app")).await;
        let viewer_page = html(&viewer_client, &app.url("/app")).await;

        let eu_mine = section(&eu_page, "id=\"mine\"", "id=\"missing\"");
        assert!(eu_mine.contains("/app/commitments/13\"") && !eu_mine.contains("/24\""));
        assert!(eu_page.contains("59 commitments have no assessment from your side yet"));
        let ca_mine = section(&ca_page, "id=\"mine\"", "id=\"missing\"");
        assert!(ca_mine.contains("/app/commitments/24\"") && !ca_mine.contains("/13\""));
        assert!(ca_page.contains("60 commitments have no assessment from your side yet"));
        assert!(
            !viewer_page.contains("id=\"mine\""),
            "a viewer leads nothing"
        );
        assert!(eu_page.contains("Signed in as Eva Union") && !eu_page.contains("Carl Canada"));
        assert!(ca_page.contains("Signed in as Carl Canada") && !ca_page.contains("Eva Union"));
        assert!(!viewer_page.contains("Eva Union") && !viewer_page.contains("Carl Canada"));
    }
}
