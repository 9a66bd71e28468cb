//! The account commands: one line of output, non-zero exit and a one-line reason on bad input.

use std::{
    io::Write,
    process::{Command, Output, Stdio},
};

use sdp_tracker::auth::password;

use crate::common::{BIN, TestDb};

fn run(db: &TestDb, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", &db.url)
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

async fn counts(db: &TestDb) -> (i64, i64) {
    sqlx::query_as("select (select count(*) from app_user), (select count(*) from audit_event where entity <> 'partnership')")
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn user_add_prints_a_one_time_password_or_reads_one_from_stdin() {
    let db = TestDb::seeded().await;

    let out = run(
        &db,
        &[
            "user",
            "add",
            "--email",
            "Officer@EEAS.europa.eu",
            "--role",
            "officer",
            "--side",
            "eu",
            "--org",
            "EEAS",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let secret = String::from_utf8(out.stdout).unwrap();
    assert_eq!(secret.trim().chars().count(), 20);
    let (email, must_change): (String, bool) =
        sqlx::query_as("select email, must_change_password from app_user")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(
        (email.as_str(), must_change),
        ("officer@eeas.europa.eu", true)
    );

    let out = run(
        &db,
        &[
            "user",
            "add",
            "--email",
            "viewer@example.org",
            "--role",
            "viewer",
            "--password-stdin",
        ],
        Some("a chosen passphrase\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let must_change: bool = sqlx::query_scalar(
        "select must_change_password from app_user where email = 'viewer@example.org'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert!(!must_change);

    // The token printed is the one stored (as its SHA-256), for that account.
    let out = run(
        &db,
        &["token", "add", "--email", "viewer@example.org"],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap();
    assert_eq!(token.lines().count(), 1, "{token:?}");
    let token = token.trim();
    assert!(token.starts_with("sdp_"), "{token}");
    let owner: String = sqlx::query_scalar(
        "select u.email from api_token t join app_user u on u.id = t.user_id
         where t.token_hash = sha256(convert_to($1, 'UTF8')) and t.revoked_at is null",
    )
    .bind(token)
    .fetch_one(&db.pool)
    .await
    .expect("the printed token is not the stored one");
    assert_eq!(owner, "viewer@example.org");

    // The one-time password printed replaces the chosen one, and must be changed.
    let out = run(
        &db,
        &["user", "reset-password", "--email", "viewer@example.org"],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let secret = String::from_utf8(out.stdout).unwrap();
    assert_eq!(secret.lines().count(), 1, "{secret:?}");
    let secret = secret.trim();
    assert_eq!(secret.chars().count(), 20, "{secret:?}");
    let (hash, must_change): (String, bool) = sqlx::query_as(
        "select password_hash, must_change_password from app_user where email = 'viewer@example.org'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert!(must_change);
    assert!(
        password::verify(secret.into(), Some(hash.clone()))
            .await
            .unwrap()
    );
    assert!(
        !password::verify("a chosen passphrase".into(), Some(hash))
            .await
            .unwrap()
    );

    let out = run(
        &db,
        &["user", "deactivate", "--email", "viewer@example.org"],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "deactivated viewer@example.org\n"
    );
    let active: bool =
        sqlx::query_scalar("select active from app_user where email = 'viewer@example.org'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert!(!active);
    let actions: Vec<String> = sqlx::query_scalar(
        "select action from audit_event where entity <> 'partnership' order by id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(
        actions,
        [
            "user.create",
            "user.create",
            "token.create",
            "user.password_reset",
            "user.deactivate"
        ]
    );
}

#[tokio::test]
async fn bad_input_exits_non_zero_with_one_line_and_writes_nothing() {
    let db = TestDb::seeded().await;
    let taken = run(
        &db,
        &[
            "user",
            "add",
            "--email",
            "taken@example.org",
            "--role",
            "viewer",
        ],
        None,
    );
    assert!(
        taken.status.success(),
        "{}",
        String::from_utf8_lossy(&taken.stderr)
    );
    let before = counts(&db).await;
    let cases: [(&[&str], Option<&str>, &str); 7] = [
        (
            &["user", "add", "--email", "not-an-email", "--role", "viewer"],
            None,
            "e-mail",
        ),
        (
            &["user", "add", "--email", "a@example.org", "--role", "root"],
            None,
            "role",
        ),
        (
            &[
                "user",
                "add",
                "--email",
                "a@example.org",
                "--role",
                "officer",
            ],
            None,
            "side",
        ),
        (
            &[
                "user",
                "add",
                "--email",
                "a@example.org",
                "--role",
                "officer",
                "--side",
                "us",
            ],
            None,
            "side",
        ),
        (
            &[
                "user",
                "add",
                "--email",
                "taken@example.org",
                "--role",
                "viewer",
            ],
            None,
            "already exists",
        ),
        (
            &[
                "user",
                "add",
                "--email",
                "b@example.org",
                "--role",
                "viewer",
                "--password-stdin",
            ],
            Some("short\n"),
            "12 characters",
        ),
        (
            &["token", "add", "--email", "nobody@example.org"],
            None,
            "no account",
        ),
    ];
    for (args, stdin, message) in cases {
        let out = run(&db, args, stdin);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(
            out.stdout.is_empty(),
            "{args:?} printed {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    assert_eq!(
        counts(&db).await,
        before,
        "a refused command wrote something"
    );
}
