//! The spreadsheet round-trip over HTTP: download, upload, preview, apply (issue 14).

use reqwest::StatusCode;
use sdp_tracker::{
    domain::{
        account::{Role, Side},
        cycle::CycleState,
    },
    sheets::sha256_hex,
};

use crate::common::{TestApp, fixtures, sheets::Grid, spawn_app};

/// Columns of a side's sheet.
const STATUS: usize = 3;
const NARRATIVE: usize = 4;
const EVIDENCE: usize = 5;
const VERSION: usize = 6;

/// The preview's counts: (new revisions, unchanged, errors).
fn counts(html: &str) -> (usize, usize, usize) {
    let count = |id: &str| -> usize {
        let re = regex::Regex::new(&format!(r#"id="{id}" data-count="(\d+)""#)).unwrap();
        re.captures(html)
            .unwrap_or_else(|| panic!("no {id} in the preview:\n{html}"))[1]
            .parse()
            .unwrap()
    };
    (
        count("count-changes"),
        count("count-unchanged"),
        count("count-errors"),
    )
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn assessments(app: &TestApp) -> i64 {
    count(app, "select count(*) from assessment").await
}

/// Uploads and follows the redirect to the preview: (its path, its HTML).
async fn preview(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    bytes: Vec<u8>,
) -> (String, String) {
    let response = app.upload_sheet(client, 2026, name, bytes).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{}",
        response.text().await.unwrap()
    );
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/app/cycles/2026/sheets/uploads/"));
    let page = client.get(app.url(&location)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    (location, page.text().await.unwrap())
}

async fn apply(
    app: &TestApp,
    client: &reqwest::Client,
    location: &str,
    bytes: &[u8],
    valid_only: bool,
) -> reqwest::Response {
    let mut form = vec![("sha256", sha256_hex(bytes))];
    if valid_only {
        form.push(("valid_only", "1".into()));
    }
    client
        .post(app.url(&format!("{location}/apply")))
        .form(&form)
        .send()
        .await
        .unwrap()
}

/// An open 2026 cycle where the EU has assessed 10 (on track) and 13 (with challenges).
async fn open_cycle(app: &TestApp) -> i64 {
    let cycle = fixtures::cycle(&app.db.pool, 2026, CycleState::Open).await;
    fixtures::assess(&app.db.pool, cycle, "10", "eu", "on_track", "").await;
    fixtures::assess(
        &app.db.pool,
        cycle,
        "13",
        "eu",
        "challenges",
        "Funding late.",
    )
    .await;
    cycle
}

#[tokio::test]
async fn a_round_trip_without_edits_changes_nothing_in_either_language_or_format() {
    let app = spawn_app().await;
    open_cycle(&app).await;
    let (_, client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let before = assessments(&app).await;
    for lang in ["en", "fr"] {
        let bytes = app.download_sheet(&client, 2026, "eu", lang).await;
        let mut grid = Grid::read(&bytes);
        assert_eq!(grid.rows.len(), 2 + 60, "60 commitments");
        assert_eq!(grid.row_of("13")[VERSION], "1");
        assert_eq!(grid.row_of("13")[NARRATIVE], "Funding late.");
        let (_, html) = preview(&app, &client, "eu.xlsx", bytes).await;
        assert_eq!(counts(&html), (0, 60, 0), "{lang} XLSX");
        let (_, html) = preview(&app, &client, "eu.csv", grid.csv(b';', true)).await;
        assert_eq!(counts(&html), (0, 60, 0), "{lang} CSV with ; and a BOM");
        let (_, html) = preview(&app, &client, "eu.csv", grid.csv(b',', false)).await;
        assert_eq!(counts(&html), (0, 60, 0), "{lang} CSV with ,");
    }
    assert_eq!(assessments(&app).await, before);
}

#[tokio::test]
async fn edits_become_revisions_with_audit_events_and_a_stale_row_is_refused() {
    let app = spawn_app().await;
    let cycle = open_cycle(&app).await;
    let (officer, client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let mut grid = Grid::read(&app.download_sheet(&client, 2026, "eu", "en").await);
    // Someone saves 13 after the download.
    fixtures::assess(&app.db.pool, cycle, "13", "eu", "completed", "").await;

    grid.set("10", STATUS, "Completed – modified");
    grid.set("10", NARRATIVE, "Narrowed to maritime exercises.");
    grid.set("10", EVIDENCE, "https://example.org/report Final report");
    grid.set("11", STATUS, "Not started");
    grid.set("13", STATUS, "Discontinued");
    grid.set("13", NARRATIVE, "Stopped.");
    grid.set("14", STATUS, "Finished");
    grid.set("15", STATUS, "Ongoing");
    grid.set("15", EVIDENCE, "javascript:alert(1)");
    let bytes = grid.xlsx();
    let (location, html) = preview(&app, &client, "eu.xlsx", bytes.clone()).await;
    assert_eq!(counts(&html), (2, 55, 3));
    assert!(
        html.contains("Underway – on track → Completed – modified"),
        "{html}"
    );
    assert!(html.contains("(none) → Not started"), "{html}");
    assert!(html.contains("Someone saved version 2 of this commitment after your download"));
    assert!(html.contains("In your sheet: Discontinued"));
    assert!(html.contains("Saved now (version 2): Completed – fully met"));
    assert!(html.contains("“Finished” is not a status of the scale."));
    assert!(html.contains("Evidence links must start with http:// or https://."));

    // Not while errors remain, unless the valid rows are applied on their own.
    let before = assessments(&app).await;
    let refused = apply(&app, &client, &location, &bytes, false).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("3 rows have errors: nothing was applied.")
    );
    assert_eq!(assessments(&app).await, before);

    let applied = apply(&app, &client, &location, &bytes, true).await;
    assert_eq!(applied.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        applied.headers()["location"],
        "/app/cycles/2026/sheets?applied=2&skipped=3"
    );
    assert_eq!(assessments(&app).await, before + 2);
    let saved: Vec<(String, i32, String, String, Option<String>)> = sqlx::query_as(
        "select c.ref, a.version, a.status, a.narrative, a.author
         from assessment a join commitment c on c.id = a.commitment_id
         where a.side = 'eu' and a.author_id is not null order by c.position",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        saved,
        vec![
            (
                "10".into(),
                2,
                "completed_modified".into(),
                "Narrowed to maritime exercises.".into(),
                Some(officer.email.clone())
            ),
            (
                "11".into(),
                1,
                "not_started".into(),
                String::new(),
                Some(officer.email.clone())
            ),
        ]
    );
    let links: Vec<(String, String)> = sqlx::query_as(
        "select e.url, e.label from assessment_evidence e join assessment a on a.id = e.assessment_id
         where a.author_id is not null",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        links,
        vec![("https://example.org/report".into(), "Final report".into())]
    );
    // One audit event per revision, as a web save writes, and one for the apply.
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where action = 'assessment.save'"
        )
        .await,
        2
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where action = 'sheet.apply'"
        )
        .await,
        1
    );
    // 13 keeps what was saved after the download.
    assert_eq!(
        count(&app, "select count(*) from assessment a join commitment c on c.id = a.commitment_id where c.ref = '13' and a.status = 'completed' and a.version = 2").await,
        1
    );
    // The success banner, and an upload cannot be applied twice.
    let page = client
        .get(app.url("/app/cycles/2026/sheets?applied=2&skipped=3"))
        .send()
        .await
        .unwrap();
    let page = page.text().await.unwrap();
    assert!(page.contains("2 changes were saved."), "{page}");
    assert!(page.contains("3 rows with errors were left out."));
    let again = apply(&app, &client, &location, &bytes, true).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(assessments(&app).await, before + 2);
}

#[tokio::test]
async fn apply_needs_the_previewed_file_the_same_user_and_an_unexpired_upload() {
    let app = spawn_app().await;
    open_cycle(&app).await;
    let (_, client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let (_, other) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let mut grid = Grid::read(&app.download_sheet(&client, 2026, "eu", "en").await);
    grid.set("12", STATUS, "Ongoing");
    let bytes = grid.xlsx();
    let (location, _) = preview(&app, &client, "eu.xlsx", bytes.clone()).await;
    let before = assessments(&app).await;

    // Another user's upload does not exist for them.
    let response = other.get(app.url(&location)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = apply(&app, &other, &location, &bytes, false).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // Another file's hash.
    let response = apply(&app, &client, &location, b"another file", false).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("The file does not match the one previewed")
    );
    // Expired.
    sqlx::query("update sheet_upload set created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let response = client.get(app.url(&location)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::GONE);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("This upload has expired")
    );
    let response = apply(&app, &client, &location, &bytes, false).await;
    assert_eq!(response.status(), StatusCode::GONE);
    assert_eq!(assessments(&app).await, before);
}

/// A zip holding one part of `size` zero bytes (it compresses to almost nothing).
fn zip_bomb(size: usize) -> Vec<u8> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..size / chunk.len() {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[tokio::test]
async fn bad_files_are_refused_with_a_message_naming_the_row_or_column_and_nothing_is_stored() {
    let app = spawn_app().await;
    open_cycle(&app).await;
    fixtures::cycle(&app.db.pool, 2027, CycleState::Planned).await;
    let (_, client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let grid = Grid::read(&app.download_sheet(&client, 2026, "eu", "en").await);
    let other_side = Grid::read(
        &app.download_sheet(
            &app.client_as(Role::Secretariat, None).await.1,
            2026,
            "ca",
            "en",
        )
        .await,
    );
    let other_cycle = Grid::read(&app.download_sheet(&client, 2027, "eu", "en").await);
    let edited = |f: &dyn Fn(&mut Grid)| {
        let mut g = Grid {
            sheet: grid.sheet.clone(),
            names: grid.names.clone(),
            rows: grid.rows.clone(),
        };
        f(&mut g);
        g
    };
    let missing = edited(&|g| {
        g.rows.iter_mut().skip(1).for_each(|r| {
            r.remove(NARRATIVE);
        })
    });
    let extra = edited(&|g| {
        g.rows[1].push("Comments".into());
    });
    let reordered = edited(&|g| {
        g.rows
            .iter_mut()
            .skip(1)
            .for_each(|r| r.swap(STATUS, NARRATIVE))
    });
    let stray = edited(&|g| g.set("20", 9, "a note"));
    let no_identity = edited(&|g| g.rows[0] = vec!["Anything".into()]);
    let latin1: Vec<u8> = grid
        .csv(b',', false)
        .into_iter()
        .chain("12,x,y,Ongoing,d\u{e9}j\u{e0}".bytes())
        .map(|b| if b == 0xC3 { 0xE9 } else { b })
        .collect();
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        (
            "a PDF",
            b"%PDF-1.7\n1 0 obj\n".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "neither an XLSX workbook nor a CSV file",
        ),
        (
            "empty",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose a file to upload.",
        ),
        (
            "over the size cap",
            vec![b'a'; 2 * 1024 * 1024 + 1],
            StatusCode::PAYLOAD_TOO_LARGE,
            "The file is too large: at most 2,048 KB.",
        ),
        (
            "a zip bomb",
            zip_bomb(40 << 20),
            StatusCode::UNPROCESSABLE_ENTITY,
            "The workbook unpacks to far more than a spreadsheet",
        ),
        (
            "a broken zip",
            b"PK\x03\x04 not really a zip".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "The workbook cannot be read",
        ),
        (
            "a renamed sheet",
            grid.xlsx_named("My edits"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "no sheet named Assessments / Joint reviews / Évaluations / Revues conjointes (it has: My edits)",
        ),
        (
            "a missing column",
            missing.xlsx(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Column E: the heading should be “Narrative”, not “Evidence links (one a line)”.",
        ),
        (
            "an extra column",
            extra.xlsx(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Column H (“Comments”) is not a column of this sheet.",
        ),
        (
            "reordered columns",
            reordered.csv(b',', false),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Column D: the heading should be “Status”, not “Narrative”.",
        ),
        (
            "a value outside the columns",
            stray.xlsx(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Row 15, column J: a value in a column that has no heading.",
        ),
        (
            "no identity line",
            no_identity.csv(b',', false),
            StatusCode::UNPROCESSABLE_ENTITY,
            "neither an XLSX workbook nor a CSV file",
        ),
        (
            "no identity line (XLSX)",
            no_identity.xlsx(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Row 1 is not the line the download starts with",
        ),
        (
            "another cycle's sheet",
            other_cycle.xlsx(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "This sheet is for the 2027 cycle, not the 2026 cycle.",
        ),
        (
            "the other side's sheet",
            other_side.xlsx(),
            StatusCode::FORBIDDEN,
            "only that side’s officers may upload it",
        ),
        (
            "a CSV that is not UTF-8",
            latin1,
            StatusCode::UNPROCESSABLE_ENTITY,
            "A CSV file must be saved as UTF-8 text.",
        ),
    ];
    let before = assessments(&app).await;
    for (case, bytes, status, message) in cases {
        let response = app.upload_sheet(&client, 2026, "upload", bytes).await;
        assert_eq!(response.status(), status, "{case}");
        let html = response.text().await.unwrap();
        assert!(html.contains(message), "{case}: {message:?} not in\n{html}");
        assert!(html.contains("govuk-error-summary"), "{case}");
    }
    // A body that is not multipart at all.
    let response = client
        .post(app.url("/app/cycles/2026/sheets/uploads"))
        .form(&[("file", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(count(&app, "select count(*) from sheet_upload").await, 0);
    assert_eq!(assessments(&app).await, before);
}

#[tokio::test]
async fn formulas_are_never_evaluated_and_text_that_looks_like_one_stays_text() {
    let app = spawn_app().await;
    let cycle = open_cycle(&app).await;
    fixtures::assess(
        &app.db.pool,
        cycle,
        "12",
        "eu",
        "on_track",
        "=HYPERLINK(\"https://evil.example\")",
    )
    .await;
    let (_, client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let bytes = app.download_sheet(&client, 2026, "eu", "en").await;
    // Written as a string cell: the workbook holds no formula at all.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(!xml.contains("<f>"), "a formula was written");
    let mut grid = Grid::read(&bytes);
    assert_eq!(
        grid.row_of("12")[NARRATIVE],
        "=HYPERLINK(\"https://evil.example\")"
    );

    // A formula typed in the sheet gives its cached value; text starting with + - @ stays text.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(&grid.sheet).unwrap();
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, value).unwrap();
        }
    }
    let r = grid.rows.iter().position(|row| row[0] == "11").unwrap() as u32;
    sheet
        .write_formula(
            r,
            STATUS as u16,
            rust_xlsxwriter::Formula::new("=\"Ong\"&\"oing\"").set_result("Ongoing"),
        )
        .unwrap();
    sheet
        .write_formula(
            r,
            NARRATIVE as u16,
            rust_xlsxwriter::Formula::new("=1+1").set_result("2"),
        )
        .unwrap();
    let r = grid.rows.iter().position(|row| row[0] == "14").unwrap() as u32;
    sheet.write_string(r, STATUS as u16, "Ongoing").unwrap();
    sheet
        .write_string(r, NARRATIVE as u16, "+33 1 23 45 67 89 -- @desk")
        .unwrap();
    let upload = book.save_to_buffer().unwrap();
    let (location, html) = preview(&app, &client, "formulas.xlsx", upload.clone()).await;
    assert_eq!(counts(&html), (2, 58, 0), "{html}");
    let response = apply(&app, &client, &location, &upload, false).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let saved: Vec<(String, String, String)> = sqlx::query_as(
        "select c.ref, a.status, a.narrative from assessment a join commitment c on c.id = a.commitment_id
         where a.author_id is not null order by c.position",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        saved,
        vec![
            ("11".into(), "ongoing".into(), "2".into()),
            (
                "14".into(),
                "ongoing".into(),
                "+33 1 23 45 67 89 -- @desk".into()
            ),
        ]
    );
}

#[tokio::test]
async fn the_secretariat_round_trips_the_joint_sheet() {
    let app = spawn_app().await;
    let cycle = fixtures::cycle(&app.db.pool, 2026, CycleState::Reconciliation).await;
    fixtures::assess(&app.db.pool, cycle, "10", "eu", "on_track", "").await;
    fixtures::assess(&app.db.pool, cycle, "10", "ca", "challenges", "Late.").await;
    fixtures::joint(&app.db.pool, cycle, "11", "completed").await;
    let (secretariat, client) = app.client_as(Role::Secretariat, None).await;
    let (_, officer) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let (_, viewer) = app.client_as(Role::Viewer, None).await;
    for (who, c) in [("officer", &officer), ("viewer", &viewer)] {
        let response = c
            .get(app.url("/app/cycles/2026/sheets/joint.xlsx"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{who}");
    }

    let bytes = app.download_sheet(&client, 2026, "joint", "fr").await;
    let mut grid = Grid::read(&bytes);
    assert_eq!(grid.sheet, "Revues conjointes");
    assert_eq!(grid.rows[0][..4], ["sdp-tracker", "joint", "2026", "fr"]);
    assert_eq!(
        grid.row_of("10")[3..5],
        [
            "En cours – sur la bonne voie",
            "En cours – avec des difficultés"
        ]
    );
    assert_eq!(grid.row_of("11")[5], "Réalisé – entièrement");
    assert_eq!(grid.row_of("11")[6], "Summary in English");
    assert_eq!(grid.row_of("11")[10], "1");
    let (_, html) = preview(&app, &client, "joint.xlsx", bytes).await;
    assert_eq!(counts(&html), (0, 60, 0));

    grid.set("10", 5, "En cours – avec des difficultés");
    grid.set("10", 6, "Training delayed.");
    grid.set("10", 7, "Formation retardée.");
    grid.set("11", 9, "Rencontre en juin.");
    let upload = grid.xlsx();
    let (location, html) = preview(&app, &client, "joint.xlsx", upload.clone()).await;
    assert_eq!(counts(&html), (2, 58, 0), "{html}");
    // An officer may not upload the joint sheet.
    let response = app
        .upload_sheet(&officer, 2026, "joint.xlsx", upload.clone())
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = apply(&app, &client, &location, &upload, false).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let joint: Vec<(String, i32, String, String, String, String)> = sqlx::query_as(
        "select c.ref, j.version, j.status, j.summary_fr, j.next_steps_fr, j.author
         from joint_review j join commitment c on c.id = j.commitment_id
         where j.author_id is not null order by c.position",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        joint,
        vec![
            (
                "10".into(),
                1,
                "challenges".into(),
                "Formation retardée.".into(),
                String::new(),
                secretariat.email.clone()
            ),
            (
                "11".into(),
                2,
                "completed".into(),
                "Résumé en français".into(),
                "Rencontre en juin.".into(),
                secretariat.email.clone()
            ),
        ]
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where action = 'joint_review.save'"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn the_sheets_page_offers_each_role_its_sheets() {
    let app = spawn_app().await;
    open_cycle(&app).await;
    let (_, officer) = app.client_as(Role::Officer, Some(Side::Ca)).await;
    let html = officer
        .get(app.url("/app/cycles/2026/sheets"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("/app/cycles/2026/sheets/ca.xlsx?lang=en"));
    assert!(!html.contains("/app/cycles/2026/sheets/eu.xlsx"));
    assert!(!html.contains("joint.xlsx"));
    assert!(html.contains(r#"enctype="multipart/form-data""#));
    let response = officer
        .get(app.url("/app/cycles/2026/sheets/eu.xlsx"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (_, secretariat) = app.client_as(Role::Secretariat, None).await;
    let html = secretariat
        .get(app.url("/app/cycles/2026/sheets?lang=fr"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for kind in ["eu", "ca", "joint"] {
        assert!(
            html.contains(&format!("/app/cycles/2026/sheets/{kind}.xlsx?lang=fr")),
            "{kind}"
        );
    }
    assert!(html.contains("Tableurs"));
    // The cycle page links to it.
    let html = secretariat
        .get(app.url("/app/cycles/2026"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"href="/app/cycles/2026/sheets""#));
}
