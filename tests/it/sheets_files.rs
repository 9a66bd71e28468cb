//! The spreadsheet round-trip through real programs: the `sheet export|import` commands,
//! LibreOffice re-saving the workbook, and a scripted edit with openpyxl (issue 14).

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};

use crate::common::{BIN, TestApp, fixtures, spawn_app};

/// Where .ci/run installs openpyxl.
const OPENPYXL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/target/tools/openpyxl/bin/python"
);

fn out_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("sheets_files")
        .join(format!("{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn cli(app: &TestApp, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", &app.db.url)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A refusal: non-zero, one line on stderr that contains `says`.
fn refused(out: &Output, says: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(says), "{says:?} not in {stderr}");
}

/// LibreOffice opens `file` headless, recalculates and saves it again as XLSX into `dir`.
fn libreoffice_resave(file: &Path, dir: &Path) -> PathBuf {
    let profile = out_dir("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--calc",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
        ])
        .arg(dir)
        .arg(file)
        .env("HOME", &profile)
        .output()
        .expect("soffice not found: install Debian's libreoffice-calc-nogui (see .ci/run)");
    let saved = dir.join(file.file_name().unwrap());
    assert!(out.status.success() && saved.exists(), "{out:?}");
    saved
}

/// openpyxl sets the status and narrative of commitment `reference` in the first sheet.
fn openpyxl_edit(file: &Path, out: &Path, reference: &str, status: &str, narrative: &str) {
    let script = r#"
import sys, openpyxl
src, dst, ref, status, narrative = sys.argv[1:]
book = openpyxl.load_workbook(src)
sheet = book.worksheets[0]
for row in sheet.iter_rows(min_row=3):
    if str(row[0].value) == ref:
        row[3].value = status
        row[4].value = narrative
        break
else:
    sys.exit("no row " + ref)
book.save(dst)
"#;
    let done = Command::new(OPENPYXL)
        .args(["-c", script])
        .arg(file)
        .arg(out)
        .args([reference, status, narrative])
        .output()
        .expect("openpyxl not found: .ci/run installs it into target/tools/openpyxl");
    assert!(done.status.success(), "{done:?}");
}

async fn eu_revisions(app: &TestApp) -> Vec<(String, i32, String, String)> {
    sqlx::query_as(
        "select c.ref, a.version, a.status, a.narrative from assessment a
         join commitment c on c.id = a.commitment_id where a.side = 'eu' order by c.position, a.version",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn libreoffice_and_openpyxl_round_trips_through_the_commands() {
    let app = spawn_app().await;
    let cycle = fixtures::cycle(&app.db.pool, 2026, CycleState::Open).await;
    fixtures::assess(&app.db.pool, cycle, "10", "eu", "on_track", "").await;
    fixtures::assess(
        &app.db.pool,
        cycle,
        "13",
        "eu",
        "challenges",
        "Funding late.\nSecond line.",
    )
    .await;
    let officer = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let dir = out_dir("round-trip");
    let exported = dir.join("sdp-2026-eu-fr.xlsx");
    let said = ok(&cli(
        &app,
        &[
            "sheet",
            "export",
            "--cycle",
            "2026",
            "--side",
            "eu",
            "--lang",
            "fr",
            "-o",
            exported.to_str().unwrap(),
        ],
    ));
    assert!(said.starts_with("wrote the 2026 eu sheet (fr)"), "{said}");
    let before = eu_revisions(&app).await;

    // LibreOffice re-saves it: importing that file changes nothing.
    let resaved_dir = dir.join("libreoffice");
    std::fs::create_dir_all(&resaved_dir).unwrap();
    let resaved = libreoffice_resave(&exported, &resaved_dir);
    assert_ne!(
        std::fs::read(&resaved).unwrap(),
        std::fs::read(&exported).unwrap()
    );
    let said = ok(&cli(
        &app,
        &[
            "sheet",
            "import",
            "--cycle",
            "2026",
            "--as",
            &officer.email,
            resaved.to_str().unwrap(),
        ],
    ));
    assert!(
        said.contains("0 changes, 60 unchanged, 0 with errors"),
        "{said}"
    );
    assert_eq!(eu_revisions(&app).await, before);

    // openpyxl edits one row of LibreOffice's file: a dry run shows it and writes nothing, the
    // import saves it as the officer.
    let edited = dir.join("edited.xlsx");
    openpyxl_edit(&resaved, &edited, "12", "Continu", "Exercices annuels.");
    let said = ok(&cli(
        &app,
        &[
            "sheet",
            "import",
            "--cycle",
            "2026",
            "--as",
            &officer.email,
            "--dry-run",
            edited.to_str().unwrap(),
        ],
    ));
    assert!(
        said.contains("row 7 12: change: (none) → Ongoing"),
        "{said}"
    );
    assert!(
        said.contains("1 changes, 59 unchanged, 0 with errors"),
        "{said}"
    );
    assert_eq!(eu_revisions(&app).await, before);
    let said = ok(&cli(
        &app,
        &[
            "sheet",
            "import",
            "--cycle",
            "2026",
            "--as",
            &officer.email,
            edited.to_str().unwrap(),
        ],
    ));
    assert!(said.contains("applied 1 changes"), "{said}");
    let after = eu_revisions(&app).await;
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.contains(&(
        "12".into(),
        1,
        "ongoing".into(),
        "Exercices annuels.".into()
    )));
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where action = 'assessment.save' and actor = $1",
    )
    .bind(&officer.email)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);

    // The same file again: the row is now stale-free and unchanged (its values are saved).
    let said = ok(&cli(
        &app,
        &[
            "sheet",
            "import",
            "--cycle",
            "2026",
            "--as",
            &officer.email,
            edited.to_str().unwrap(),
        ],
    ));
    assert!(said.contains("0 changes, 60 unchanged"), "{said}");
}

#[tokio::test]
async fn the_sheet_commands_refuse_bad_input_in_one_line_and_write_nothing() {
    let app = spawn_app().await;
    fixtures::cycle(&app.db.pool, 2026, CycleState::Open).await;
    let officer = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let viewer = app.create_user(Role::Viewer, None).await;
    let dir = out_dir("bad");
    let file = dir.join("eu.xlsx");
    let f = file.to_str().unwrap();
    refused(
        &cli(
            &app,
            &[
                "sheet", "export", "--cycle", "2026", "--side", "us", "-o", f,
            ],
        ),
        "is not a side",
    );
    refused(
        &cli(
            &app,
            &[
                "sheet", "export", "--cycle", "20x6", "--side", "eu", "-o", f,
            ],
        ),
        "is not a year",
    );
    refused(
        &cli(
            &app,
            &[
                "sheet", "export", "--cycle", "1999", "--side", "eu", "-o", f,
            ],
        ),
        "there is no 1999 cycle",
    );
    refused(
        &cli(
            &app,
            &[
                "sheet", "export", "--cycle", "2026", "--side", "eu", "--lang", "de", "-o", f,
            ],
        ),
        "is not a sheet language",
    );
    ok(&cli(
        &app,
        &[
            "sheet", "export", "--cycle", "2026", "--side", "eu", "-o", f,
        ],
    ));
    let joint = dir.join("joint.xlsx");
    ok(&cli(
        &app,
        &[
            "sheet",
            "export",
            "--cycle",
            "2026",
            "--joint",
            "-o",
            joint.to_str().unwrap(),
        ],
    ));
    let pdf = dir.join("not-a-sheet.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").unwrap();
    let before: i64 = sqlx::query_scalar("select count(*) from assessment")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    refused(
        &cli(
            &app,
            &[
                "sheet",
                "import",
                "--cycle",
                "2026",
                "--as",
                "nobody@example.org",
                f,
            ],
        ),
        "no account with the e-mail nobody@example.org",
    );
    refused(
        &cli(
            &app,
            &[
                "sheet",
                "import",
                "--cycle",
                "2026",
                "--as",
                &viewer.email,
                f,
            ],
        ),
        "only that side’s officers may upload it",
    );
    refused(
        &cli(
            &app,
            &[
                "sheet",
                "import",
                "--cycle",
                "2026",
                "--as",
                &officer.email,
                joint.to_str().unwrap(),
            ],
        ),
        "Only the secretariat may upload the joint reviews.",
    );
    refused(
        &cli(
            &app,
            &[
                "sheet",
                "import",
                "--cycle",
                "2026",
                "--as",
                &officer.email,
                pdf.to_str().unwrap(),
            ],
        ),
        "neither an XLSX workbook nor a CSV file",
    );
    refused(
        &cli(
            &app,
            &[
                "sheet",
                "import",
                "--cycle",
                "2027",
                "--as",
                &officer.email,
                f,
            ],
        ),
        "there is no 2027 cycle",
    );
    let after: i64 = sqlx::query_scalar("select count(*) from assessment")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(after, before);
    let uploads: i64 = sqlx::query_scalar("select count(*) from sheet_upload")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(uploads, 0);
}
