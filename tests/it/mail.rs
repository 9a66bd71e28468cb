//! Mail, delivered exactly once, against a real SMTP server (aiosmtpd): the cycle-open mail and
//! the reminders reach the right people once each, in their language, with working links; a
//! server that is down, refuses or is shared by two instances loses and doubles nothing.

use std::{process::Command, time::Duration};

use chrono::NaiveDate;
use reqwest::StatusCode;
use sdp_tracker::{
    config::{Config, MailConfig, Secret},
    cycles,
    db::{self, audit::Actor},
    domain::{account::Role, account::Side, cycle::CycleState},
    mail::{self, queue, transport::SmtpUrl},
};

use crate::common::{
    BIN, PASSWORD, PATIENCE, TestApp, eventually,
    fixtures::{self, Schedule},
    smtp::{SmtpSink, free_port},
    spawn_app_on_with, test_config,
};

/// The day the app's clock says it is.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

fn mail_config(url: &str) -> Config {
    Config {
        mail: MailConfig {
            smtp: Some(SmtpUrl::parse(&Secret::new(url)).unwrap()),
            from: Some("SDP tracker <tracker@example.org>".into()),
            public_url: None,
        },
        ..test_config()
    }
}

/// An officer of `side` whose mails are in `lang`, named `name`.
async fn officer(app: &TestApp, side: Side, lang: &str, name: &str) -> (i64, String) {
    let user = app.create_user(Role::Officer, Some(side)).await;
    sqlx::query("update app_user set lang = $2, display_name = $3 where id = $1")
        .bind(user.id)
        .bind(lang)
        .bind(name)
        .execute(&app.db.pool)
        .await
        .unwrap();
    (user.id, user.email)
}

async fn lead(app: &TestApp, reference: &str, user: i64, side: Side) {
    let commitment = fixtures::commitment_id(&app.db.pool, reference).await;
    db::assignments::add(&app.db.pool, commitment, user, side)
        .await
        .unwrap();
}

/// A planned 2026 cycle whose deadline is `days` after today, opened as the cycle page does.
async fn open_cycle(app: &TestApp, days: i64) {
    let pool = &app.db.pool;
    fixtures::cycle_on(
        pool,
        2026,
        Schedule::around(today(), days),
        CycleState::Planned,
    )
    .await;
    let partnership = fixtures::partnership_id(pool).await;
    cycles::move_state(
        pool,
        partnership,
        2026,
        CycleState::Open,
        &Actor::cli(),
        None,
    )
    .await
    .unwrap();
}

async fn outbox(app: &TestApp) -> Vec<(String, String, i32, Option<String>)> {
    sqlx::query_as("select address, state, attempts, last_error from mail_outbox order by id")
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn cycle_open_and_reminders_arrive_once_each_in_their_language_with_working_links() {
    let sink = SmtpSink::start().await;
    let app = spawn_app_on_with(today(), mail_config(&sink.url())).await;
    let (eu, eu_email) = officer(&app, Side::Eu, "en", "Anna Lead").await;
    // A name that tries to add a header: it stays a name.
    let (ca, ca_email) = officer(&app, Side::Ca, "fr", "Zoé\r\nBcc: evil@example.org").await;
    let (_, other_email) = officer(&app, Side::Ca, "en", "Carl Nolead").await;
    lead(&app, "25(c)", eu, Side::Eu).await;
    lead(&app, "10", ca, Side::Ca).await;

    open_cycle(&app, 14).await;
    let opened = sink.wait_for(3).await;
    assert_eq!(opened.len(), 3, "one cycle-open mail per officer");
    let to = |email: &str, list: &[sdp_received::Received]| {
        list.iter()
            .filter(|m| m.rcpt_tos == [email.to_owned()])
            .cloned()
            .collect::<Vec<_>>()
    };
    let fr = to(&ca_email, &opened);
    assert_eq!(fr.len(), 1);
    assert!(
        fr[0].subject.contains("les contributions sont ouvertes"),
        "{}",
        fr[0].subject
    );
    assert!(
        fr[0].text().contains("Bonjour Zoé Bcc: evil@example.org,"),
        "{}",
        fr[0].text()
    );
    assert!(
        !fr[0].raw_headers.to_lowercase().contains("\nbcc:"),
        "{}",
        fr[0].raw_headers
    );
    assert_eq!(fr[0].header("Content-Language"), None);
    let en = to(&eu_email, &opened);
    assert!(
        en[0]
            .subject
            .contains("submissions are open until 16 March 2026"),
        "{}",
        en[0].subject
    );
    assert!(en[0].html.as_deref().unwrap().contains("lang=\"en\""));

    // The reminder day (14 days before the deadline); the scheduler runs twice.
    let first = queue::schedule(&app.db.pool, today()).await.unwrap();
    let second = queue::schedule(&app.db.pool, today()).await.unwrap();
    assert_eq!(
        (first, second),
        (3, 0),
        "the scheduler run twice queues once"
    );
    let all = sink.wait_for(6).await;
    assert_eq!(
        all.len(),
        6,
        "{:#?}",
        all.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    let ids: std::collections::HashSet<_> = all.iter().map(|m| &m.message_id).collect();
    assert_eq!(ids.len(), 6, "six different messages");

    // The lead hears of their own commitment only, in English.
    let reminder = &to(&eu_email, &all)[1];
    assert_eq!(
        reminder.subject,
        "Reminder: 1 assessment is due by 16 March 2026"
    );
    assert!(reminder.text().contains("- 25(c): "));
    // The French lead, in French; the officer who leads none gets the side's whole list.
    let rappel = &to(&ca_email, &all)[1];
    assert!(
        rappel.subject.starts_with("Rappel")
            && rappel.subject.contains(": 1 évaluation est attendue"),
        "{}",
        rappel.subject
    );
    assert!(rappel.text().contains("Bonjour Zoé Bcc: evil@example.org,"));
    let whole = &to(&other_email, &all)[1];
    assert!(
        whole.subject.starts_with("Reminder: 60 assessments"),
        "{}",
        whole.subject
    );

    // The link in the mail works for its reader once signed in.
    let link = reminder
        .link(&app.url("/app/commitments/"))
        .expect("a commitment link");
    assert!(link.ends_with("/app/commitments/25%28c%29"), "{link}");
    let client = app.login(&eu_email, PASSWORD).await;
    let page = client.get(&link).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let cycle_link = reminder.link(&app.url("/app/cycles/")).unwrap();
    assert_eq!(
        client.get(&cycle_link).send().await.unwrap().status(),
        StatusCode::OK
    );

    // An officer whose part is complete hears nothing on the next reminder day.
    fixtures::assess(
        &app.db.pool,
        cycle_id(&app).await,
        "25(c)",
        "eu",
        "on_track",
        "",
    )
    .await;
    let day3 = today() + chrono::Days::new(11);
    queue::schedule(&app.db.pool, day3).await.unwrap();
    let rows = outbox(&app).await;
    let to_eu = rows.iter().filter(|r| r.0 == eu_email).count();
    assert_eq!(to_eu, 2, "no reminder to an officer whose part is complete");
    assert_eq!(rows.len(), 8, "the two CA officers are reminded again");
}

mod sdp_received {
    pub use crate::common::smtp::Received;
}

async fn cycle_id(app: &TestApp) -> i64 {
    sqlx::query_scalar("select id from review_cycle where year = 2026")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_server_that_is_down_delays_mail_and_it_is_delivered_exactly_once_when_back() {
    let port = free_port();
    let app = spawn_app_on_with(
        today(),
        mail_config(&format!("smtp://127.0.0.1:{port}?tls=none")),
    )
    .await;
    let (_, email) = officer(&app, Side::Eu, "en", "Anna").await;
    open_cycle(&app, 14).await;
    // The first attempt fails: the row waits, with the error.
    let rows = eventually(PATIENCE, "a failed attempt", || async {
        let rows = outbox(&app).await;
        match rows.first() {
            Some(r) if r.2 >= 1 && r.1 == "queued" => Ok(rows),
            other => Err(format!("{other:?}")),
        }
    })
    .await;
    assert!(
        rows[0].3.as_deref().unwrap().contains("onnect"),
        "{:?}",
        rows[0].3
    );

    let sink = SmtpSink::start_on(port).await;
    let got = sink.wait_for(1).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rcpt_tos, [email]);
    eventually(PATIENCE, "the row to be sent", || async {
        let rows = outbox(&app).await;
        if rows[0].1 == "sent" {
            Ok(())
        } else {
            Err(format!("{rows:?}"))
        }
    })
    .await;
    // Past the next poll and retry interval: still once.
    tokio::time::sleep(mail::sender::POLL_INTERVAL + Duration::from_secs(1)).await;
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn two_instances_on_one_database_send_each_mail_once() {
    let sink = SmtpSink::start().await;
    let config = mail_config(&sink.url());
    let app = spawn_app_on_with(today(), config.clone()).await;
    // A second instance's mail tasks, on their own pool.
    let pool = sdp_tracker::db::connect(&app.db.url).await.unwrap();
    mail::start(&pool, &config.mail, app.state.clock)
        .await
        .unwrap();
    let mut emails = Vec::new();
    for i in 0..12 {
        let side = if i % 2 == 0 { Side::Eu } else { Side::Ca };
        emails.push(officer(&app, side, "en", &format!("Officer {i}")).await.1);
    }
    open_cycle(&app, 14).await;
    let got = sink.wait_for(12).await;
    let mut to: Vec<_> = got.iter().map(|m| m.rcpt_tos[0].clone()).collect();
    to.sort();
    emails.sort();
    assert_eq!(to, emails, "each mail once");
    let rows = outbox(&app).await;
    assert!(rows.iter().all(|r| r.1 == "sent" && r.2 == 1), "{rows:?}");
}

#[tokio::test]
async fn a_permanent_refusal_is_failed_shown_in_the_outbox_and_not_retried() {
    let sink = SmtpSink::start().await;
    let app = spawn_app_on_with(today(), mail_config(&sink.url())).await;
    let user = app.create_user(Role::Officer, Some(Side::Eu)).await;
    sqlx::query("update app_user set email = 'refuse-me@example.org' where id = $1")
        .bind(user.id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    open_cycle(&app, 14).await;
    eventually(PATIENCE, "the refusal", || async {
        let rows = outbox(&app).await;
        if rows[0].1 == "failed" {
            Ok(())
        } else {
            Err(format!("{rows:?}"))
        }
    })
    .await;
    tokio::time::sleep(mail::sender::POLL_INTERVAL + Duration::from_secs(1)).await;
    let rows = outbox(&app).await;
    assert_eq!(
        (rows[0].1.as_str(), rows[0].2),
        ("failed", 1),
        "not retried"
    );
    assert!(rows[0].3.as_deref().unwrap().contains("550"), "{rows:?}");
    assert!(sink.messages().is_empty());

    let (_, admin) = app.client_as(Role::Admin, None).await;
    let page = admin
        .get(app.url("/app/admin/outbox?state=failed"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let body = page.text().await.unwrap();
    assert!(
        body.contains("refuse-me@example.org") && body.contains("550"),
        "{body}"
    );
    // Retry: queued again with an audit event, refused again.
    let id: i64 = sqlx::query_scalar("select id from mail_outbox")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let retried = admin
        .post(app.url(&format!("/app/admin/outbox/{id}/retry")))
        .header("origin", app.url(""))
        .send()
        .await
        .unwrap();
    assert_eq!(retried.status(), StatusCode::SEE_OTHER);
    eventually(PATIENCE, "the second refusal", || async {
        let rows = outbox(&app).await;
        if rows[0].1 == "failed" && rows[0].2 == 2 {
            Ok(())
        } else {
            Err(format!("{rows:?}"))
        }
    })
    .await;
    let audited: i64 =
        sqlx::query_scalar("select count(*) from audit_event where action = 'mail.retry'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn remind_queues_what_the_chase_does_and_its_dry_run_writes_nothing() {
    let app = spawn_app_on_with(today(), test_config()).await;
    let (eu, eu_email) = officer(&app, Side::Eu, "en", "Anna").await;
    officer(&app, Side::Ca, "fr", "Zoé").await;
    lead(&app, "25(c)", eu, Side::Eu).await;
    open_cycle(&app, 14).await;
    let count = || async {
        sqlx::query_scalar::<_, i64>(
            "select (select count(*) from mail_outbox) + (select count(*) from audit_event)",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
    };
    let before = count().await;
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("DATABASE_URL", &app.db.url)
            .env_remove("RUST_LOG")
            .output()
            .unwrap()
    };
    let dry = run(&["remind", "--cycle", "2026", "--side", "eu", "--dry-run"]);
    let out = String::from_utf8_lossy(&dry.stdout);
    assert!(dry.status.success(), "{out}");
    assert!(
        out.contains(&format!(
            "would queue chase to {eu_email} (eu): 1 missing: 25(c)"
        )),
        "{out}"
    );
    assert_eq!(count().await, before, "a dry run writes nothing");

    let real = run(&["remind", "--cycle", "2026"]);
    let out = String::from_utf8_lossy(&real.stdout);
    assert!(
        real.status.success() && out.contains("queued 2 mail(s)"),
        "{out}"
    );
    assert_eq!(count().await, before + 3, "two mails and one audit event");

    for bad in [
        &["remind", "--cycle", "20x6"][..],
        &["remind", "--cycle", "2026", "--side", "us"],
        &["remind", "--cycle", "2031"],
    ] {
        let out = run(bad);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success() && err.trim().lines().count() == 1,
            "{bad:?}: {err}"
        );
    }
}

#[tokio::test]
async fn the_secretariat_chases_a_side_from_the_cycle_page() {
    let app = spawn_app_on_with(today(), test_config()).await;
    let (eu, eu_email) = officer(&app, Side::Eu, "en", "Anna").await;
    let (_, other_eu) = officer(&app, Side::Eu, "en", "Ben").await;
    officer(&app, Side::Ca, "en", "Carl").await;
    lead(&app, "25(c)", eu, Side::Eu).await;
    open_cycle(&app, 14).await;
    let (_, staff) = app.client_as(Role::Secretariat, None).await;
    let page = staff
        .get(app.url("/app/cycles/2026"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("id=\"chase-form\""),
        "the chase form is on the cycle page"
    );
    let post = |body: String| {
        staff
            .post(app.url("/app/cycles/2026/chase"))
            .header("origin", app.url(""))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let before = outbox(&app).await.len();
    // No side, an officer of the other side: refused, nothing written.
    assert_eq!(
        post(String::new()).await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let wrong = format!("side=ca&officer={}", eu_email.replace('@', "%40"));
    assert_eq!(
        post(wrong).await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(outbox(&app).await.len(), before);
    // One chosen officer of the EU side.
    let chosen = format!("side=eu&officer={}", eu_email.replace('@', "%40"));
    assert_eq!(post(chosen).await.unwrap().status(), StatusCode::SEE_OTHER);
    let rows = outbox(&app).await;
    assert_eq!(rows.len(), before + 1);
    assert_eq!(rows.last().unwrap().0, eu_email);
    // The whole side: both EU officers.
    assert_eq!(
        post("side=eu".into()).await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
    let rows = outbox(&app).await;
    assert_eq!(rows.len(), before + 3);
    assert!(rows.iter().any(|r| r.0 == other_eu));
}

#[tokio::test]
async fn a_commitment_that_becomes_divergent_is_mailed_to_both_leads() {
    let app = spawn_app_on_with(today(), test_config()).await;
    let (eu_user, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let (ca_user, ca) = app.client_as(Role::Officer, Some(Side::Ca)).await;
    lead(&app, "25(c)", eu_user.id, Side::Eu).await;
    lead(&app, "25(c)", ca_user.id, Side::Ca).await;
    open_cycle(&app, 14).await;
    let start = outbox(&app).await.len();
    let save = |client: &reqwest::Client, side: &str, status: &str, version: &str| {
        client
            .post(app.url(&format!("/app/commitments/25%28c%29/assessments/{side}")))
            .header("origin", app.url(""))
            .form(&[("status", status), ("narrative", ""), ("version", version)])
            .send()
    };
    assert!(
        save(&eu, "eu", "on_track", "0")
            .await
            .unwrap()
            .status()
            .is_redirection()
    );
    assert!(
        save(&ca, "ca", "on_track", "0")
            .await
            .unwrap()
            .status()
            .is_redirection()
    );
    assert_eq!(
        outbox(&app).await.len(),
        start,
        "the same status: not divergent"
    );
    assert!(
        save(&ca, "ca", "completed", "1")
            .await
            .unwrap()
            .status()
            .is_redirection()
    );
    let rows = outbox(&app).await;
    assert_eq!(rows.len(), start + 2, "both leads told");
    // Still divergent after another save: no new mail.
    assert!(
        save(&ca, "ca", "ongoing", "2")
            .await
            .unwrap()
            .status()
            .is_redirection()
    );
    assert_eq!(outbox(&app).await.len(), start + 2);
    let subject: String =
        sqlx::query_scalar("select subject from mail_outbox order by id desc limit 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(subject, "Commitment 25(c): the two sides’ statuses differ");
}

#[tokio::test]
async fn without_a_mail_server_mails_wait_and_the_deadline_is_reported_to_the_secretariat() {
    let app = spawn_app_on_with(today(), test_config()).await;
    officer(&app, Side::Eu, "en", "Anna").await;
    let staff = app.create_user(Role::Secretariat, None).await;
    open_cycle(&app, 14).await;
    let after_deadline = today() + chrono::Days::new(15);
    let queued = queue::schedule(&app.db.pool, after_deadline).await.unwrap();
    assert_eq!(
        queued, 2,
        "the overdue notice and the secretariat's deadline notice"
    );
    assert_eq!(
        queue::schedule(&app.db.pool, after_deadline + chrono::Days::new(1))
            .await
            .unwrap(),
        0
    );
    let rows = outbox(&app).await;
    assert!(
        rows.iter().all(|r| r.1 == "queued" && r.2 == 0),
        "nothing is sent: {rows:?}"
    );
    assert!(rows.iter().any(|r| r.0 == staff.email));
}

#[tokio::test]
async fn user_add_takes_the_mail_language_and_refuses_an_address_mail_cannot_reach() {
    let db = crate::common::TestDb::seeded().await;
    let run = |args: &[&str]| {
        use std::io::Write;
        let mut child = Command::new(BIN)
            .args(args)
            .env("DATABASE_URL", &db.url)
            .env_remove("RUST_LOG")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(PASSWORD.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let add = |email: &'static str, lang: &'static str| {
        [
            "user",
            "add",
            "--email",
            email,
            "--role",
            "officer",
            "--side",
            "ca",
            "--lang",
            lang,
            "--password-stdin",
        ]
    };
    assert!(run(&add("zoe@international.gc.ca", "fr")).status.success());
    let lang: String =
        sqlx::query_scalar("select lang from app_user where email = 'zoe@international.gc.ca'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(lang, "fr");
    for (email, lang) in [
        ("a,b@international.gc.ca", "en"),
        ("bob@international.gc.ca", "de"),
    ] {
        let out = run(&add(email, lang));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success() && err.trim().lines().count() == 1,
            "{email}: {err}"
        );
    }
    let n: i64 = sqlx::query_scalar("select count(*) from app_user")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(n, 1, "nothing written for the refused ones");
}

#[test]
fn a_bad_mail_setting_stops_the_server_with_one_line_that_keeps_the_password() {
    for (var, value, says) in [
        (
            "SDP_SMTP_URL",
            "http://user:hunter2@mail.example.org",
            "smtp://",
        ),
        (
            "SDP_SMTP_URL",
            "smtp://user:hunter2@mail.example.org?tls=maybe",
            "tls=",
        ),
        ("SDP_MAIL_FROM", "not an address", "SDP_MAIL_FROM"),
        ("SDP_PUBLIC_URL", "ftp://example.org", "SDP_PUBLIC_URL"),
    ] {
        let out = Command::new(BIN)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
            .env(var, value)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!out.status.success(), "{var}={value}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(says) && !stderr.contains("hunter2"),
            "{stderr}"
        );
    }
}

#[tokio::test]
async fn without_a_mail_server_the_start_up_log_says_mails_wait() {
    let db = crate::common::TestDb::seeded().await;
    let log = std::env::temp_dir().join(format!("serve-{}.log", uuid::Uuid::new_v4().simple()));
    let file = std::fs::File::create(&log).unwrap();
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("DATABASE_URL", &db.url)
        .env_remove("SDP_SMTP_URL")
        .env_remove("RUST_LOG")
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .spawn()
        .unwrap();
    let text = eventually(PATIENCE, "the server to listen", || async {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("is listening on") {
            Ok(text)
        } else {
            Err(text)
        }
    })
    .await;
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_file(&log);
    assert!(
        text.contains("mail: no SDP_SMTP_URL; mails wait in the outbox"),
        "{text}"
    );
}

#[tokio::test]
async fn reminders_skip_a_side_that_signed_off_and_the_secretariat_hears_when_both_have() {
    // Arrange: an open cycle with one officer per side and nothing assessed.
    let app = spawn_app_on_with(today(), test_config()).await;
    let pool = &app.db.pool;
    let (eu, eu_email) = officer(&app, Side::Eu, "en", "Anna").await;
    let (ca, ca_email) = officer(&app, Side::Ca, "fr", "Zoé").await;
    let staff = app.create_user(Role::Secretariat, None).await;
    open_cycle(&app, 14).await;
    let cycle = cycle_id(&app).await;
    let kinds = |rows: Vec<(String, String)>, address: &str| -> Vec<String> {
        rows.into_iter()
            .filter(|(a, _)| a == address)
            .map(|(_, k)| k)
            .collect()
    };
    let mails = || async {
        sqlx::query_as::<_, (String, String)>("select address, kind from mail_outbox order by id")
            .fetch_all(pool)
            .await
            .unwrap()
    };

    // Act: the EU signs off (with its part still missing), then the 3-day reminder is due.
    db::signoff::insert(pool, cycle, Side::Eu, eu)
        .await
        .unwrap()
        .unwrap();
    let reminder_day = today() + chrono::Days::new(11);
    queue::schedule(pool, reminder_day).await.unwrap();

    // Assert: only the side that has not signed off is reminded; no sign-off notice yet.
    let rows = mails().await;
    assert!(
        !kinds(rows.clone(), &eu_email).contains(&"reminder".to_owned()),
        "a signed-off side gets no reminder: {rows:?}"
    );
    assert!(kinds(rows.clone(), &ca_email).contains(&"reminder".to_owned()));
    assert!(!kinds(rows, &staff.email).contains(&"signed_off".to_owned()));

    // Act: Canada signs off too; the scheduler runs twice.
    db::signoff::insert(pool, cycle, Side::Ca, ca)
        .await
        .unwrap()
        .unwrap();
    queue::schedule(pool, reminder_day).await.unwrap();
    queue::schedule(pool, reminder_day).await.unwrap();

    // Assert: the secretariat is told once that both sides have signed off.
    let to_staff = kinds(mails().await, &staff.email);
    assert_eq!(
        to_staff.iter().filter(|k| *k == "signed_off").count(),
        1,
        "{to_staff:?}"
    );
}
