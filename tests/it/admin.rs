//! User administration, lead-officer assignments and the audit log, through the real app.

use crate::common::{TestApp, TestUser, new_client, spawn_app};
use reqwest::{Client, StatusCode};
use sdp_tracker::{
    auth::password,
    db::users,
    domain::account::{Role, Side},
};

async fn post(
    app: &TestApp,
    client: &Client,
    path: &str,
    form: &[(&str, &str)],
) -> (StatusCode, Option<String>, String) {
    let response = client.post(app.url(path)).form(form).send().await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (status, location, response.text().await.unwrap())
}

async fn get(app: &TestApp, client: &Client, path: &str) -> (StatusCode, Option<String>, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (status, location, response.text().await.unwrap())
}

/// Rows in a table the tests watch.
#[derive(Clone, Copy)]
enum Table {
    Users,
    Events,
    Leads,
}

async fn count(app: &TestApp, table: Table) -> i64 {
    let db = &app.db.pool;
    match table {
        Table::Users => {
            sqlx::query_scalar!(r#"select count(*) as "n!" from app_user"#)
                .fetch_one(db)
                .await
        }
        Table::Events => {
            sqlx::query_scalar!(r#"select count(*) as "n!" from audit_event"#)
                .fetch_one(db)
                .await
        }
        Table::Leads => {
            sqlx::query_scalar!(r#"select count(*) as "n!" from commitment_lead"#)
                .fetch_one(db)
                .await
        }
    }
    .unwrap()
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from audit_event where action = $1"#,
        action
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// The one-time password on the page shown after creating or resetting an account.
fn one_time_password(body: &str) -> String {
    let start = body
        .find("id=\"one-time-password\">")
        .expect("no one-time password on the page")
        + "id=\"one-time-password\">".len();
    body[start..].split('<').next().unwrap().to_owned()
}

#[tokio::test]
async fn admin_creates_an_account_whose_one_time_password_works_once_and_must_be_changed() {
    let app = spawn_app().await;
    let (_, admin) = app.client_as(Role::Admin, None).await;

    let (status, _, body) = post(
        &app,
        &admin,
        "/app/admin/users/new",
        &[
            ("email", " New.Officer@EEAS.europa.eu "),
            ("display_name", "New Officer"),
            ("role", "officer"),
            ("side", "eu"),
            ("organisation", "EEAS"),
        ],
    )
    .await;

    assert_eq!(status, StatusCode::OK, "{body}");
    let one_time = one_time_password(&body);
    assert_eq!(one_time.len(), password::ONE_TIME_PASSWORD_CHARS);
    let row = users::find_by_email(&app.db.pool, "new.officer@eeas.europa.eu")
        .await
        .unwrap()
        .expect("row");
    assert_eq!(
        (row.role, row.side, row.organisation.as_deref()),
        (Role::Officer, Some(Side::Eu), Some("EEAS"))
    );
    assert!(row.must_change_password && row.active);
    let event = sqlx::query!(
        "select actor, entity, entity_id, after from audit_event where action = 'user.create'"
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let after = event.after.expect("after JSON");
    assert_eq!(after["email"], "new.officer@eeas.europa.eu");
    assert_eq!(after["role"], "officer");
    assert_eq!(event.entity, "user");
    assert_eq!(event.entity_id, Some(row.id.to_string()));
    assert!(
        !after.to_string().contains("argon2"),
        "no password hash in the audit log"
    );

    // Shown once: neither the account page nor the list repeats it.
    for path in [
        "/app/admin/users".to_owned(),
        format!("/app/admin/users/{}", row.id),
    ] {
        let (status, _, page) = get(&app, &admin, &path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!page.contains(&one_time));
    }

    let newcomer = app.login("new.officer@eeas.europa.eu", &one_time).await;
    let (status, location, _) = get(&app, &newcomer, "/app").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/account/password"));
}

#[tokio::test]
async fn invalid_account_forms_are_refused_with_422_and_write_nothing() {
    let app = spawn_app().await;
    let (
        TestUser {
            email: admin_email, ..
        },
        admin,
    ) = app.client_as(Role::Admin, None).await;
    let cases: [(&str, [(&str, &str); 4]); 5] = [
        (
            "bad e-mail",
            [
                ("email", "not-an-address"),
                ("display_name", "A"),
                ("role", "viewer"),
                ("side", ""),
            ],
        ),
        (
            "officer without side",
            [
                ("email", "o@example.org"),
                ("display_name", "A"),
                ("role", "officer"),
                ("side", ""),
            ],
        ),
        (
            "duplicate e-mail",
            [
                ("email", &admin_email),
                ("display_name", "A"),
                ("role", "viewer"),
                ("side", ""),
            ],
        ),
        (
            "unknown role",
            [
                ("email", "r@example.org"),
                ("display_name", "A"),
                ("role", "root"),
                ("side", ""),
            ],
        ),
        (
            "empty name",
            [
                ("email", "n@example.org"),
                ("display_name", "  "),
                ("role", "viewer"),
                ("side", ""),
            ],
        ),
    ];
    for (what, form) in cases {
        let users_before = count(&app, Table::Users).await;
        let events_before = count(&app, Table::Events).await;

        let (status, _, body) = post(&app, &admin, "/app/admin/users/new", &form).await;

        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}");
        assert!(
            body.contains("govuk-error-summary"),
            "{what}: error summary"
        );
        assert!(body.contains("govuk-error-message"), "{what}: inline error");
        assert!(
            body.contains(&format!("value=\"{}\"", form[0].1)),
            "{what}: keeps what was typed"
        );
        assert_eq!(count(&app, Table::Users).await, users_before, "{what}");
        assert_eq!(count(&app, Table::Events).await, events_before, "{what}");
    }
}

#[tokio::test]
async fn only_admins_reach_the_admin_and_audit_pages() {
    let app = spawn_app().await;
    let (TestUser { id: officer_id, .. }, officer) =
        app.client_as(Role::Officer, Some(Side::Ca)).await;
    let user = format!("/app/admin/users/{officer_id}");
    let gets = [
        "/app/admin/users".to_owned(),
        "/app/admin/users/new".into(),
        user.clone(),
        "/app/admin/assignments".into(),
        "/app/audit".into(),
    ];
    let posts = [
        "/app/admin/users/new".to_owned(),
        user.clone(),
        format!("{user}/reset-password"),
        format!("{user}/deactivate"),
        "/app/admin/assignments".into(),
        "/app/admin/assignments/remove".into(),
    ];
    let anonymous = new_client();
    let form = [
        ("display_name", "X"),
        ("role", "admin"),
        ("side", ""),
        ("active", "yes"),
    ];
    let events_before = count(&app, Table::Events).await;

    for path in &gets {
        assert_eq!(
            get(&app, &officer, path).await.0,
            StatusCode::FORBIDDEN,
            "officer GET {path}"
        );
        let (status, location, _) = get(&app, &anonymous, path).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "anonymous GET {path}");
        assert!(
            location.unwrap().starts_with("/login"),
            "anonymous GET {path}"
        );
    }
    for path in &posts {
        assert_eq!(
            post(&app, &officer, path, &form).await.0,
            StatusCode::FORBIDDEN,
            "officer POST {path}"
        );
        let (status, location, _) = post(&app, &anonymous, path, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "anonymous POST {path}");
        assert!(
            location.unwrap().starts_with("/login"),
            "anonymous POST {path}"
        );
    }
    let officer_row = users::find(&app.db.pool, officer_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(officer_row.role, Role::Officer, "nothing changed");
    assert_eq!(count(&app, Table::Events).await, events_before);
}

#[tokio::test]
async fn deactivating_an_account_ends_its_sessions_and_is_audited() {
    let app = spawn_app().await;
    let (_, admin) = app.client_as(Role::Admin, None).await;
    let (TestUser { id: target_id, .. }, target) =
        app.client_as(Role::Officer, Some(Side::Eu)).await;
    assert_eq!(get(&app, &target, "/app").await.0, StatusCode::OK);

    let (status, location, _) = post(
        &app,
        &admin,
        &format!("/app/admin/users/{target_id}/deactivate"),
        &[],
    )
    .await;

    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = location.unwrap();
    assert_eq!(
        location,
        format!("/app/admin/users/{target_id}?done=deactivated")
    );
    let (_, _, page) = get(&app, &admin, &location).await;
    assert!(page.contains("govuk-notification-banner--success"));
    let (status, location, _) = get(&app, &target, "/app").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.unwrap().starts_with("/login"));
    assert!(
        !users::find(&app.db.pool, target_id)
            .await
            .unwrap()
            .unwrap()
            .active
    );
    let open = sqlx::query_scalar!(
        r#"select count(*) as "n!" from login_session where user_id = $1 and ended_at is null"#,
        target_id
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(open, 0);
    assert_eq!(audit_count(&app, "user.deactivate").await, 1);
}

#[tokio::test]
async fn an_admin_cannot_demote_or_deactivate_themselves() {
    let app = spawn_app().await;
    let (TestUser { id: admin_id, .. }, admin) = app.client_as(Role::Admin, None).await;
    let path = format!("/app/admin/users/{admin_id}");
    let events_before = count(&app, Table::Events).await;

    let demote = post(
        &app,
        &admin,
        &path,
        &[
            ("display_name", "Me"),
            ("role", "viewer"),
            ("side", ""),
            ("active", "yes"),
        ],
    )
    .await;
    let deactivate = post(
        &app,
        &admin,
        &path,
        &[("display_name", "Me"), ("role", "admin"), ("side", "")],
    )
    .await;
    let button = post(&app, &admin, &format!("{path}/deactivate"), &[]).await;

    for (status, _, body) in [demote, deactivate, button] {
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("govuk-error-summary"));
    }
    let me = users::find(&app.db.pool, admin_id).await.unwrap().unwrap();
    assert_eq!((me.role, me.active), (Role::Admin, true));
    assert_eq!(count(&app, Table::Events).await, events_before);
}

#[tokio::test]
async fn editing_and_resetting_an_account_are_audited() {
    let app = spawn_app().await;
    let (_, admin) = app.client_as(Role::Admin, None).await;
    let (
        TestUser {
            id: target_id,
            email: target_email,
            ..
        },
        target,
    ) = app.client_as(Role::Viewer, None).await;
    let path = format!("/app/admin/users/{target_id}");

    let (status, location, _) = post(
        &app,
        &admin,
        &path,
        &[
            ("display_name", "Renamed"),
            ("role", "officer"),
            ("side", "ca"),
            ("organisation", "GAC"),
            ("active", "yes"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.unwrap(), format!("{path}?done=updated"));
    let row = users::find(&app.db.pool, target_id).await.unwrap().unwrap();
    assert_eq!(
        (row.display_name.as_str(), row.role, row.side),
        ("Renamed", Role::Officer, Some(Side::Ca))
    );
    let event = sqlx::query!("select before, after from audit_event where action = 'user.update'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(event.before.unwrap()["role"], "viewer");
    assert_eq!(event.after.unwrap()["role"], "officer");

    let (status, _, body) = post(&app, &admin, &format!("{path}/reset-password"), &[]).await;
    assert_eq!(status, StatusCode::OK);
    let one_time = one_time_password(&body);
    assert!(
        users::find(&app.db.pool, target_id)
            .await
            .unwrap()
            .unwrap()
            .must_change_password
    );
    assert_eq!(
        get(&app, &target, "/app").await.0,
        StatusCode::SEE_OTHER,
        "old session ended"
    );
    let again = app.login(&target_email, &one_time).await;
    assert_eq!(
        get(&app, &again, "/app").await.1.as_deref(),
        Some("/account/password")
    );
    assert_eq!(audit_count(&app, "user.password_reset").await, 1);
    let all: Vec<String> = sqlx::query_scalar!(
        "select coalesce(before::text, '') || coalesce(after::text, '') as \"j!\" from audit_event"
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert!(
        all.iter().all(|j| !j.contains("argon2")),
        "no password hash in the audit log"
    );
}

#[tokio::test]
async fn lead_officers_are_assigned_and_removed_with_audit_and_only_officers_can_lead() {
    let app = spawn_app().await;
    let (_, admin) = app.client_as(Role::Admin, None).await;
    let TestUser {
        id: officer_id,
        email: officer_email,
        ..
    } = app.create_user(Role::Officer, Some(Side::Ca)).await;
    let TestUser { id: viewer_id, .. } = app.create_user(Role::Viewer, None).await;
    let officer = officer_id.to_string();

    let (status, location, _) = post(
        &app,
        &admin,
        "/app/admin/assignments",
        &[("commitment", "25(c)"), ("user_id", &officer)],
    )
    .await;

    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/app/admin/assignments?done=added")
    );
    let side = sqlx::query_scalar!(
        "select l.side from commitment_lead l join commitment c on c.id = l.commitment_id
         where c.ref = '25(c)' and l.user_id = $1",
        officer_id
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(side, "ca");
    assert_eq!(audit_count(&app, "assignment.add").await, 1);
    let (_, _, page) = get(&app, &admin, "/app/admin/assignments?done=added").await;
    assert!(page.contains(&officer_email));
    assert!(page.contains("govuk-notification-banner--success"));

    // A viewer cannot lead; nor can an unknown commitment be led.
    let viewer = viewer_id.to_string();
    for form in [
        [("commitment", "25(c)"), ("user_id", viewer.as_str())],
        [("commitment", "99(z)"), ("user_id", officer.as_str())],
    ] {
        let (status, _, body) = post(&app, &admin, "/app/admin/assignments", &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("govuk-error-summary"));
    }
    assert_eq!(count(&app, Table::Leads).await, 1);
    assert_eq!(audit_count(&app, "assignment.add").await, 1);

    let (status, location, _) = post(
        &app,
        &admin,
        "/app/admin/assignments/remove",
        &[("commitment", "25(c)"), ("user_id", &officer)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/app/admin/assignments?done=removed")
    );
    assert_eq!(count(&app, Table::Leads).await, 0);
    let removed = sqlx::query!(
        "select entity, before, after from audit_event where action = 'assignment.remove'"
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(removed.entity, "commitment_lead");
    assert_eq!(removed.before.unwrap()["side"], "ca");
    assert!(removed.after.is_none());
}

#[tokio::test]
async fn the_audit_log_filters_and_escapes_what_it_shows() {
    let app = spawn_app().await;
    let (
        TestUser {
            email: admin_email, ..
        },
        admin,
    ) = app.client_as(Role::Admin, None).await;
    let TestUser { id: officer_id, .. } = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let hostile = "<script>alert(1)</script>";
    let (status, _, _) = post(
        &app,
        &admin,
        "/app/admin/users/new",
        &[
            ("email", "x@example.org"),
            ("display_name", hostile),
            ("role", "viewer"),
            ("side", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let officer = officer_id.to_string();
    let (status, _, _) = post(
        &app,
        &admin,
        "/app/admin/assignments",
        &[("commitment", "9(a)"), ("user_id", &officer)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let (_, _, list) = get(&app, &admin, "/app/admin/users").await;
    assert!(!list.contains(hostile));
    assert!(list.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));

    let (status, _, all) = get(&app, &admin, "/app/audit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        all.contains("<code>user.create</code>") && all.contains("<code>assignment.add</code>")
    );
    assert!(!all.contains(hostile));
    assert!(all.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));

    let (_, _, filtered) = get(&app, &admin, "/app/audit?action=assignment").await;
    assert!(filtered.contains("<code>assignment.add</code>"));
    assert!(!filtered.contains("<code>user.create</code>"));

    let (_, _, by_entity) = get(&app, &admin, "/app/audit?entity=user").await;
    assert!(
        by_entity.contains("<code>user.create</code>")
            && !by_entity.contains("<code>assignment.add</code>")
    );

    let (_, _, by_actor) = get(&app, &admin, "/app/audit?actor=nobody-like-this").await;
    assert!(!by_actor.contains("<code>user.create</code>"));
    let (_, _, by_actor) = get(
        &app,
        &admin,
        &format!("/app/audit?actor={}", &admin_email[..10].to_uppercase()),
    )
    .await;
    assert!(by_actor.contains("<code>user.create</code>"));

    // The day (UTC) the last account was created, as the database recorded it: not the wall
    // clock, which may have passed midnight since.
    let today: chrono::NaiveDate = sqlx::query_scalar(
        "select max((at at time zone 'UTC')::date) from audit_event where action = 'user.create'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let tomorrow = today.succ_opt().unwrap();
    let (_, _, dated) = get(&app, &admin, &format!("/app/audit?from={today}&to={today}")).await;
    assert!(dated.contains("<code>user.create</code>"));
    let (_, _, future) = get(&app, &admin, &format!("/app/audit?from={tomorrow}")).await;
    assert!(!future.contains("<code>user.create</code>"));
    let (status, _, bad) = get(&app, &admin, "/app/audit?from=31/12/2026").await;
    assert_eq!(status, StatusCode::OK);
    assert!(bad.contains("govuk-error-summary"));
}

#[tokio::test]
async fn the_audit_log_pages_by_fifty() {
    let app = spawn_app().await;
    let (_, admin) = app.client_as(Role::Admin, None).await;
    sqlx::query!(
        "insert into audit_event (actor, action, entity, entity_id)
         select 'system', 'test.event', 'thing', n::text from generate_series(1, 120) n"
    )
    .execute(&app.db.pool)
    .await
    .unwrap();

    let (_, _, first) = get(&app, &admin, "/app/audit?action=test.").await;
    let (_, _, third) = get(&app, &admin, "/app/audit?action=test.&page=3").await;

    assert_eq!(first.matches("<code>test.event</code>").count(), 50);
    assert!(first.contains("/app/audit?action=test.&#38;page=2"));
    assert_eq!(third.matches("<code>test.event</code>").count(), 20);
}

#[tokio::test]
async fn the_application_cannot_rewrite_or_delete_audit_events() {
    let app = spawn_app().await;
    sqlx::query!(
        "insert into audit_event (actor, action, entity) values ('system', 'test.event', 'thing')"
    )
    .execute(&app.db.pool)
    .await
    .unwrap();

    let events_before = count(&app, Table::Events).await;

    let update = sqlx::query!("update audit_event set actor = 'x'")
        .execute(&app.db.pool)
        .await;
    let delete = sqlx::query!("delete from audit_event")
        .execute(&app.db.pool)
        .await;
    let truncate = sqlx::query!("truncate audit_event")
        .execute(&app.db.pool)
        .await;

    assert!(update.is_err(), "update must be refused");
    assert!(delete.is_err(), "delete must be refused");
    assert!(truncate.is_err(), "truncate must be refused");
    assert_eq!(count(&app, Table::Events).await, events_before);
    let actors =
        sqlx::query_scalar!(r#"select count(*) as "n!" from audit_event where actor = 'x'"#)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(actors, 0);
}
