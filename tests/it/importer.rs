//! `sdp-tracker import`: counts, PDF-shaped input, refusals that write nothing, idempotence.

use std::process::{Command, Output};

use crate::common::{BIN, SEED, TestDb};
use sdp_tracker::domain::text::pdf_shape;

fn run_import(db: Option<&TestDb>, args: &[&str]) -> Output {
    let mut command = Command::new(BIN);
    command.arg("import").args(args).env_remove("RUST_LOG");
    match db {
        Some(db) => command.env("DATABASE_URL", &db.url),
        // --check must not need a database at all: point at one that cannot exist.
        None => command.env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none"),
    };
    command.output().expect("cannot run the binary")
}

fn seed_text() -> String {
    std::fs::read_to_string(SEED).unwrap()
}

/// Writes `text` to a temporary file that lives as long as the returned guard.
fn temp_file(name: &str, text: &str) -> (tempdir::Dir, String) {
    let dir = tempdir::Dir::new();
    let path = dir.0.join(name);
    std::fs::write(&path, text).unwrap();
    let path = path.display().to_string();
    (dir, path)
}

mod tempdir {
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new() -> Dir {
            let path =
                std::env::temp_dir().join(format!("sdp-import-{}", uuid::Uuid::new_v4().simple()));
            std::fs::create_dir_all(&path).unwrap();
            Dir(path)
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "exit {:?}, stderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    assert_eq!(
        stdout.trim().lines().count(),
        1,
        "one JSON object on one line: {stdout}"
    );
    serde_json::from_str(stdout.trim()).unwrap()
}

#[test]
fn check_prints_the_counts_of_the_seed() {
    let out = json(&run_import(None, &[SEED, "--check"]));

    assert_eq!(out["paragraphs"], 63);
    assert_eq!(out["areas"], 24);
    assert_eq!(out["items"], 7);
    assert_eq!(out["commitments"], 60);
    assert_eq!(out["document_number"], "9783/25");
}

#[test]
fn check_gives_the_same_result_for_a_pdf_shaped_export() {
    let seed = seed_text();
    let lines = seed.lines().count();
    let footers: Vec<usize> = (40..lines * 2).step_by(37).collect();
    let shaped = pdf_shape::render(&seed, 90, &footers, true, true);
    assert!(
        shaped.starts_with('\u{feff}') && shaped.contains("\r\n") && shaped.contains("RELEX.5")
    );
    let (_dir, path) = temp_file("export.txt", &shaped);

    let from_seed = json(&run_import(None, &[SEED, "--check"]));
    let from_pdf = json(&run_import(None, &[&path, "--check"]));

    for key in [
        "paragraphs",
        "areas",
        "items",
        "commitments",
        "content_hash",
        "title",
    ] {
        assert_eq!(from_seed[key], from_pdf[key], "{key}");
    }
}

/// The seed with one change to its numbering, and the message the import must give.
fn broken_numbering() -> Vec<(&'static str, String, &'static str)> {
    let seed = seed_text();
    let p17 = seed
        .lines()
        .find(|l| l.starts_with("17. "))
        .unwrap()
        .to_owned();
    let p18 = seed
        .lines()
        .find(|l| l.starts_with("18. "))
        .unwrap()
        .to_owned();
    vec![
        (
            "gap",
            seed.replace(&format!("{p17}\n"), ""),
            "paragraph 17 is missing: 16 is followed by 18",
        ),
        (
            "duplicate",
            seed.replace(&p17, &format!("{p17}\n{p17}")),
            "paragraph 17 appears twice",
        ),
        (
            "out of order",
            seed.replace(&format!("{p17}\n{p18}"), &format!("{p18}\n{p17}")),
            "paragraph 17 is out of order: it comes after 18",
        ),
    ]
}

#[tokio::test]
async fn broken_numbering_is_refused_naming_the_paragraph_and_nothing_is_written() {
    let db = TestDb::new().await;

    for (case, text, message) in broken_numbering() {
        let (_dir, path) = temp_file("broken.txt", &text);
        for args in [vec![path.as_str(), "--check"], vec![path.as_str()]] {
            let output = run_import(Some(&db), &args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!output.status.success(), "{case} {args:?}: accepted");
            assert!(stderr.contains(message), "{case} {args:?}: {stderr}");
            assert_eq!(
                stderr.trim().lines().count(),
                1,
                "{case}: one line: {stderr}"
            );
            assert!(
                output.stdout.is_empty(),
                "{case}: printed {:?}",
                String::from_utf8_lossy(&output.stdout)
            );
        }
    }

    let (partnerships, audit): (i64, i64) = sqlx::query_as(
        "select (select count(*) from partnership), (select count(*) from audit_event)",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(
        (partnerships, audit),
        (0, 0),
        "a refused import wrote something"
    );
}

#[tokio::test]
async fn import_writes_the_text_and_reimport_changes_no_row() {
    let db = TestDb::new().await;

    let first = json(&run_import(Some(&db), &[SEED]));
    assert_eq!(first["created"], true);
    assert_eq!(first["commitments"], 60);
    let before = snapshot(&db).await;

    let second = json(&run_import(Some(&db), &[SEED]));

    assert_eq!(second["changed"], false);
    assert_eq!(snapshot(&db).await, before, "a re-import touched rows");
    let counts: (i64, i64, i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from area), (select count(*) from paragraph),
                (select count(*) from paragraph_item), (select count(*) from commitment),
                (select count(*) from audit_event where action = 'partnership.import')",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(counts, (24, 63, 7, 60, 1));
}

#[tokio::test]
async fn pdf_shaped_reimport_of_the_same_text_changes_nothing() {
    let db = TestDb::new().await;
    json(&run_import(Some(&db), &[SEED]));
    let before = snapshot(&db).await;
    let shaped = pdf_shape::render(&seed_text(), 72, &[55, 120, 301], true, true);
    let (_dir, path) = temp_file("export.txt", &shaped);

    let out = json(&run_import(Some(&db), &[&path]));

    assert_eq!(out["changed"], false);
    assert_eq!(snapshot(&db).await, before);
}

#[tokio::test]
async fn stored_texts_match_the_source() {
    let db = TestDb::new().await;
    json(&run_import(Some(&db), &[SEED]));

    let rows: Vec<(i16, String, String, String)> = sqlx::query_as(
        "select p.number, p.body, p.kind, a.title from paragraph p join area a on a.id = p.area_id order by number",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();

    assert_eq!(rows.len(), 63);
    let p = |n: i16| rows.iter().find(|r| r.0 == n).unwrap();
    assert!(
        p(4).1
            .contains("missions and operations, including Operation EUFOR Althea")
    );
    assert!(p(40).1.ends_with("the responsible use of Artificial intelligence (AI) in the military domain and on lethal autonomous weapons systems."));
    assert!(
        p(54)
            .1
            .contains("infrastructure, equipment, training and readiness")
    );
    assert!(
        rows.iter()
            .all(|r| !r.1.contains('\n') && !r.1.contains("  "))
    );
    assert_eq!(p(1).2, "context");
    assert_eq!(p(8).2, "context");
    assert_eq!(p(9).2, "commitment");
    assert_eq!(p(13).3, "Support to Ukraine");
    assert_eq!(p(12).3, "Areas of Cooperation");
    assert_eq!(p(63).3, "Way Forward");
}

/// Every row of the text tables with its `xmin`, which changes when a row is updated.
async fn snapshot(db: &TestDb) -> Vec<String> {
    sqlx::query_scalar(
        "select 'partnership:' || id || ':' || xmin::text || ':' || content_hash from partnership
         union all select 'area:' || id || ':' || xmin::text from area
         union all select 'paragraph:' || id || ':' || xmin::text from paragraph
         union all select 'item:' || id || ':' || xmin::text from paragraph_item
         union all select 'commitment:' || id || ':' || xmin::text from commitment
         union all select 'audit:' || id from audit_event
         order by 1",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap()
}

/// Runs `import FILE --check` with its address space capped and a deadline, so that a reader
/// without a size cap fails the test instead of filling the machine's memory.
fn import_bounded(file: &str, deadline: std::time::Duration) -> Output {
    let mut child = Command::new("sh")
        .arg("-c")
        // 2 GiB of address space: plenty for a capped read, far less than /dev/zero offers.
        .arg("ulimit -v 2097152 && exec \"$0\" import \"$1\" --check")
        .arg(crate::common::BIN)
        .arg(file)
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .env_remove("RUST_LOG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("import {file} still running after {deadline:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn one_line_refusal(output: &Output) -> String {
    assert!(!output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    stderr
}

#[test]
fn an_endless_input_is_refused_quickly_with_one_line() {
    let output = import_bounded("/dev/zero", std::time::Duration::from_secs(20));
    let stderr = one_line_refusal(&output);
    assert!(stderr.contains("larger than 4 MiB"), "{stderr}");
}

#[test]
fn a_text_one_byte_over_the_cap_is_refused_and_one_at_the_cap_is_read() {
    let cap = sdp_tracker::import::MAX_TEXT_BYTES;
    let at_cap = "x".repeat(cap as usize);
    let (_dir, path) = temp_file("at-cap.txt", &at_cap);
    let stderr = one_line_refusal(&import_bounded(&path, std::time::Duration::from_secs(20)));
    assert!(
        !stderr.contains("larger than"),
        "read, then refused as not a partnership text: {stderr}"
    );

    let (_dir, path) = temp_file("over-cap.txt", &format!("{at_cap}x"));
    let stderr = one_line_refusal(&import_bounded(&path, std::time::Duration::from_secs(20)));
    assert!(stderr.contains("larger than 4 MiB"), "{stderr}");
}
