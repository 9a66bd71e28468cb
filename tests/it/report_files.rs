//! The progress report as files: the Word document (`report::docx`) and the PDF
//! (`report::pdf`), rendered from a report built from a real database (seeded text, a cycle
//! with assessments from both sides, a joint review, an erratum) and checked from the outside:
//! the DOCX unzipped, the PDF through poppler's `pdftotext` and `pdffonts`.

use std::{io::Read, path::PathBuf, process::Command, time::Instant};

use crate::common::TestDb;
use chrono::NaiveDate;
use sdp_tracker::{
    auth::User,
    clock::Clock,
    db::{
        self,
        audit::Actor,
        cycles::{self, NewCycle},
        partnership,
        users::NewUser,
    },
    domain::{
        account::{Role, Side},
        assessment::{Draft, Evidence},
        cycle::CycleState,
    },
    i18n::Lang,
    reconcile::{self, ErratumInput, JointInput},
    report::{self, Report},
    tracking::{self, SaveRequest},
};

const YEAR: i32 = 2026;
/// Typst and Word markup in database text: must come out as the same characters, inert.
const TRICKY: &str = "Progress *not bold* #panic(\"injected\") $x^2$ <tag> & ] [ \\ `code` @ref";

async fn officer(db: &TestDb, side: Side) -> User {
    let email = format!(
        "{}-{}@example.org",
        side.as_str(),
        uuid::Uuid::new_v4().simple()
    );
    let hash = sdp_tracker::auth::password::hash("correct horse battery staple".into())
        .await
        .unwrap();
    let id = db::users::insert(
        &db.pool,
        &NewUser {
            email: &email,
            display_name: "Report Tester",
            role: Role::Officer,
            side: Some(side),
            organisation: Some("EEAS"),
            password_hash: &hash,
            must_change_password: false,
        },
    )
    .await
    .unwrap();
    let account = db::users::find(&db.pool, id).await.unwrap().unwrap();
    User {
        account,
        login_id: uuid::Uuid::new_v4(),
    }
}

/// Saves `user`'s assessment for their side, as the form does.
async fn assess(
    db: &TestDb,
    pid: i64,
    user: &User,
    reference: &str,
    status: &str,
    narrative: &str,
    evidence: Vec<Evidence>,
) {
    tracking::save(
        &db.pool,
        pid,
        user,
        SaveRequest {
            year: YEAR,
            reference,
            side: user.side().expect("an officer has a side"),
            based_on: 0,
            draft: Draft {
                status: status.into(),
                narrative: narrative.into(),
                evidence,
            },
            request_id: None,
        },
    )
    .await
    .unwrap_or_else(|e| panic!("saving {reference} for {}: {e}", user.email()));
}

/// A seeded database with a 2026 cycle, frozen, with assessments on 10 and 25(c), a joint
/// review of 10 and an erratum on 25(c).
async fn scenario() -> TestDb {
    let db = TestDb::seeded().await;
    let pid = partnership::find_default(&db.pool)
        .await
        .unwrap()
        .unwrap()
        .id;
    let d = |m, day| NaiveDate::from_ymd_opt(YEAR, m, day).unwrap();
    let cycle = cycles::insert(
        &db.pool,
        &NewCycle {
            partnership_id: pid,
            year: YEAR,
            title: "2026 EU–Canada Security and Defence Dialogue",
            title_fr: "Dialogue UE–Canada sur la sécurité et la défense 2026",
            meeting_date: d(6, 1),
            place: "Brussels",
            place_fr: Some("Bruxelles"),
            opens_on: d(1, 15),
            deadline: d(5, 1),
        },
    )
    .await
    .unwrap();
    let step = |from, to| {
        let pool = db.pool.clone();
        async move { assert!(cycles::set_state(&pool, cycle, from, to).await.unwrap()) }
    };
    step(CycleState::Planned, CycleState::Open).await;

    let eu = officer(&db, Side::Eu).await;
    let ca = officer(&db, Side::Ca).await;
    let tricky = format!("{TRICKY}\nSecond line of the narrative.");
    let link = Evidence {
        url: "https://example.org/report?a=1&b=2".into(),
        label: "Annual report & annex".into(),
    };
    assess(&db, pid, &eu, "10", "on_track", &tricky, vec![link]).await;
    assess(
        &db,
        pid,
        &ca,
        "10",
        "challenges",
        "Procurement delays.",
        vec![],
    )
    .await;
    assess(&db, pid, &eu, "25(c)", "completed", "Done in 2025.", vec![]).await;
    assess(&db, pid, &ca, "25(c)", "completed", "Done.", vec![]).await;

    step(CycleState::Open, CycleState::Reconciliation).await;
    reconcile::save(
        &db.pool,
        pid,
        YEAR,
        "10",
        &JointInput {
            status: "challenges".into(),
            summary_en: format!("Joint summary: {TRICKY}"),
            summary_fr: "Résumé commun : retards.".into(),
            next_steps: "Meet again in autumn.".into(),
            next_steps_fr: String::new(),
            version: "0".into(),
        },
        &Actor::cli(),
        None,
    )
    .await
    .unwrap();
    step(CycleState::Reconciliation, CycleState::Frozen).await;
    reconcile::record_erratum(
        &db.pool,
        pid,
        YEAR,
        &ErratumInput {
            reference: "25(c)".into(),
            reason: "Completion date corrected.".into(),
            status: "completed".into(),
            summary_en: "Completed in 2025.".into(),
            summary_fr: "Achevé en 2025.".into(),
            next_steps: String::new(),
            next_steps_fr: String::new(),
        },
        &Actor::cli(),
        None,
    )
    .await
    .unwrap();
    db
}

fn references(report: &Report) -> Vec<String> {
    report
        .areas
        .iter()
        .flat_map(|a| a.commitments.iter().map(|c| c.reference.clone()))
        .collect()
}

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report_files");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn unzip(docx: &[u8], part: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip archive");
    let mut file = archive
        .by_name(part)
        .unwrap_or_else(|_| panic!("{part} in the docx"));
    let mut s = String::new();
    file.read_to_string(&mut s).unwrap();
    s
}

fn part_names(docx: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    archive.file_names().map(str::to_owned).collect()
}

/// XML-escapes like the document does, to look text up in `word/document.xml`.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[tokio::test]
async fn docx_has_real_headings_a_toc_tables_every_commitment_and_the_marking() {
    let db = scenario().await;
    let report = report::build::build(&db.pool, YEAR, Lang::En, &Clock::system())
        .await
        .unwrap();
    let refs = references(&report);
    assert_eq!(refs.len(), 60);

    let started = Instant::now();
    let docx = report::docx::render(&report).unwrap();
    eprintln!(
        "docx render: {:?} ({} bytes)",
        started.elapsed(),
        docx.len()
    );
    std::fs::write(out_dir().join("report-en.docx"), &docx).unwrap();

    let document = unzip(&docx, "word/document.xml");
    let styles = unzip(&docx, "word/styles.xml");
    for level in 1..=4 {
        assert!(
            document.contains(&format!(r#"<w:pStyle w:val="Heading{level}" />"#))
                || document.contains(&format!(r#"<w:pStyle w:val="Heading{level}"/>"#)),
            "no Heading{level} paragraph"
        );
        assert!(
            styles.contains(&format!(r#"w:styleId="Heading{level}""#))
                && styles.contains(&format!(r#"<w:name w:val="heading {level}""#)),
            "no Heading{level} style definition"
        );
    }
    assert!(document.contains("<w:tbl>"), "no table");
    assert!(document.contains("TOC \\o &quot;1-3&quot; \\h"));
    assert!(unzip(&docx, "word/settings.xml").contains(r#"<w:updateFields w:val="true" />"#));
    // Until Word rebuilds it, the contents list every area with a PAGEREF to its bookmark.
    assert!(document.matches("PAGEREF _Toc").count() > report.areas.len());
    assert!(
        document.contains("w:fldCharType=\"begin\" w:dirty=\"true\""),
        "TOC not dirty"
    );
    for r in &refs {
        assert!(document.contains(&xml(r)), "{r} missing from the docx");
    }
    for area in &report.areas {
        assert!(
            document.contains(&xml(&area.title)),
            "{} missing",
            area.title
        );
    }
    // Database text is text: the markup characters are there, escaped, not interpreted.
    assert!(
        document.contains(&xml(TRICKY)),
        "narrative not printed verbatim"
    );
    assert!(document.contains("Second line of the narrative."));
    // The marking is in a header part, and a PAGE field in a footer part.
    let names = part_names(&docx);
    let headers: Vec<String> = names
        .iter()
        .filter(|n| n.starts_with("word/header"))
        .map(|n| unzip(&docx, n))
        .collect();
    assert!(!headers.is_empty(), "no header part in {names:?}");
    assert!(
        headers.iter().all(|h| h.contains("LIMITE")),
        "marking not in the header"
    );
    let footers: Vec<String> = names
        .iter()
        .filter(|n| n.starts_with("word/footer"))
        .map(|n| unzip(&docx, n))
        .collect();
    assert!(
        footers.iter().any(|f| f.contains(">PAGE<")),
        "no PAGE field"
    );
    // The evidence link is a real hyperlink.
    let rels = unzip(&docx, "word/_rels/document.xml.rels");
    assert!(
        rels.contains("https://example.org/report?a=1&amp;b=2"),
        "{rels}"
    );

    // LibreOffice opens it: a word processor other than the library that wrote it.
    assert!(
        have("soffice"),
        "soffice not found: install Debian's libreoffice-writer-nogui (see .ci/run)"
    );
    let dir = out_dir().join("libreoffice");
    std::fs::create_dir_all(&dir).unwrap();
    // A conversion that fails can still exit 0: no earlier run's PDF may stand in for it.
    let _ = std::fs::remove_file(dir.join("report-en.pdf"));
    let status = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(out_dir().join("report-en.docx"))
        .env("HOME", &dir)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let text = pdftotext(&dir.join("report-en.pdf"));
    assert!(text.contains(&report.cover.report_title));
    assert!(text.contains("LIMITE"));
}

#[tokio::test]
async fn docx_in_french() {
    let db = scenario().await;
    let report = report::build::build(&db.pool, YEAR, Lang::Fr, &Clock::system())
        .await
        .unwrap();
    let docx = report::docx::render(&report).unwrap();
    let document = unzip(&docx, "word/document.xml");
    assert!(document.contains(&xml(&report.labels.progress_by_area)));
    assert!(document.contains("Table des matières"));
    // The French labels are there and the English ones are not.
    let english = report::build::build(&db.pool, YEAR, Lang::En, &Clock::system())
        .await
        .unwrap();
    for (fr, en) in [
        (
            &report.labels.progress_by_area,
            &english.labels.progress_by_area,
        ),
        (&report.labels.joint_status, &english.labels.joint_status),
        (&report.cover.report_title, &english.cover.report_title),
    ] {
        assert_ne!(fr, en, "the French label is the English one");
        assert!(document.contains(&xml(fr)), "{fr} missing");
        assert!(
            !document.contains(&xml(en)),
            "English {en:?} in the French docx"
        );
    }
    assert!(document.contains("En cours – avec des difficultés"));
    assert!(!document.contains("Underway – with challenges"));
    // "Page" is the same word in French: the footer is checked for its fields.
    let footer = part_names(&docx)
        .iter()
        .filter(|n| n.starts_with("word/footer"))
        .map(|n| unzip(&docx, n))
        .collect::<String>();
    assert!(footer.contains(">PAGE<"), "no PAGE field: {footer}");
    assert!(footer.contains("NUMPAGES"), "no NUMPAGES field: {footer}");
}

fn pdftotext(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn pdf_is_tagged_has_embedded_fonts_and_every_commitment() {
    let db = scenario().await;
    let report = report::build::build(&db.pool, YEAR, Lang::En, &Clock::system())
        .await
        .unwrap();
    let refs = references(&report);

    let started = Instant::now();
    let pdf = report::pdf::render(&report).unwrap();
    eprintln!(
        "pdf render (first, with font loading): {:?} ({} bytes)",
        started.elapsed(),
        pdf.len()
    );
    let started = Instant::now();
    let again = report::pdf::render(&report).unwrap();
    eprintln!("pdf render (second): {:?}", started.elapsed());
    assert_eq!(&pdf[..5], b"%PDF-");
    assert!(pdf == again, "rendering is not repeatable");

    let path = out_dir().join("report-en.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = pdftotext(&path);
    // Text extraction joins hyphenated or wrapped words differently; compare without spaces.
    let squeezed: String = text.split_whitespace().collect();
    let has = |s: &str| squeezed.contains(&s.split_whitespace().collect::<String>());
    assert!(has(&report.cover.report_title), "title missing");
    assert!(has(&report.cover.dialogue_title), "dialogue title missing");
    assert!(has("LIMITE"));
    for area in &report.areas {
        assert!(has(&area.title), "area {} missing", area.title);
    }
    for r in &refs {
        assert!(
            has(&format!("{} {r}", report.labels.paragraph)),
            "{r} missing"
        );
    }
    // Database text is printed as is, never evaluated as typst markup: the narrative and the
    // joint summary, which reach the template by different fields.
    assert!(has(TRICKY), "narrative not printed verbatim:\n{text}");
    assert!(
        has(&format!("Joint summary: {TRICKY}")),
        "joint summary not printed verbatim:\n{text}"
    );

    let fonts = Command::new("pdffonts").arg(&path).output().unwrap();
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts: {fonts}");
    for row in rows {
        // Columns: name type encoding emb sub uni object ID; emb is the 4th from the end.
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
    }

    // PDF/UA-1 and tagging are declared.
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/StructTreeRoot"), "not tagged");
    assert!(raw.contains("pdfuaid"), "no PDF/UA identification");
}

#[tokio::test]
async fn pdf_in_french() {
    let db = scenario().await;
    let report = report::build::build(&db.pool, YEAR, Lang::Fr, &Clock::system())
        .await
        .unwrap();
    let pdf = report::pdf::render(&report).unwrap();
    let path = out_dir().join("report-fr.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text: String = pdftotext(&path).split_whitespace().collect();
    assert!(
        text.contains(
            &report
                .cover
                .report_title
                .split_whitespace()
                .collect::<String>()
        )
    );
    assert!(text.contains("Tabledesmatières"));
}

/// The whole partnership fully written up (every commitment assessed by both sides with a
/// long narrative and reviewed jointly): how long each file takes. Printed, not asserted
/// (debug builds on a shared machine); run with `--release --nocapture` to benchmark.
#[tokio::test]
async fn render_times_for_a_full_report() {
    use sdp_tracker::report::model::{EvidenceLink, JointEntry};
    let db = scenario().await;
    let mut report = report::build::build(&db.pool, YEAR, Lang::En, &Clock::system())
        .await
        .unwrap();
    let statuses: Vec<_> = report
        .summary
        .by_joint_status
        .iter()
        .map(|c| c.status.clone())
        .collect();
    let narrative = "The working group met three times and agreed its terms of reference. \
                     Exercises are planned for the spring; funding is secured for two years. "
        .repeat(6);
    let mut i = 0;
    for area in &mut report.areas {
        for c in &mut area.commitments {
            i += 1;
            for side in [&mut c.eu, &mut c.ca] {
                side.status = Some(statuses[1 + i % (statuses.len() - 1)].clone());
                side.narrative = format!("{narrative}\n{narrative}");
                side.evidence = vec![EvidenceLink {
                    url: format!("https://example.org/evidence/{i}"),
                    label: format!("Evidence {i}"),
                }];
            }
            c.joint = Some(JointEntry {
                status: statuses[1 + (i + 1) % (statuses.len() - 1)].clone(),
                summary: narrative.clone(),
                summary_lang: report.lang,
                next_steps: "Report back at the next Dialogue.".into(),
                next_steps_lang: report.lang,
                version: 1,
                author: "Secretariat".into(),
                at: report.cover.generated_at,
                corrected_by: vec![1],
                corrected: Some("corrected (erratum 1)".into()),
            });
        }
    }
    let refs = references(&report);

    report::pdf::render(&report).unwrap(); // warm the font book
    let started = Instant::now();
    let docx = report::docx::render(&report).unwrap();
    let docx_time = started.elapsed();
    let started = Instant::now();
    let pdf = report::pdf::render(&report).unwrap();
    let pdf_time = started.elapsed();
    eprintln!(
        "full report ({} commitments): docx {docx_time:?} ({} bytes), pdf {pdf_time:?} ({} bytes)",
        refs.len(),
        docx.len(),
        pdf.len()
    );
    let path = out_dir().join("full-en.pdf");
    std::fs::write(&path, &pdf).unwrap();
    std::fs::write(out_dir().join("full-en.docx"), &docx).unwrap();
    std::fs::write(
        out_dir().join("full-en.json"),
        serde_json::to_vec(&report).unwrap(),
    )
    .unwrap();
    let text: String = pdftotext(&path).split_whitespace().collect();
    for r in &refs {
        assert!(
            text.contains(&format!("{}{r}", report.labels.paragraph)),
            "{r}"
        );
    }
}

/// A corrected joint review carries "corrected (erratum N)" wherever it appears, in every
/// format and in both languages; the corrected status is the one shown.
#[tokio::test]
async fn the_corrected_marker_is_in_every_format() {
    // Arrange: the scenario's one erratum corrects 25(c) to completed
    let db = scenario().await;
    for (lang, mark, completed) in [
        (Lang::En, "corrected (erratum 1)", "Completed – fully met"),
        (Lang::Fr, "corrigé (erratum 1)", "Réalisé – entièrement"),
    ] {
        let report = report::build::build(&db.pool, YEAR, lang, &Clock::system())
            .await
            .unwrap();

        // Act
        let html = String::from_utf8(report::html::render(&report).unwrap()).unwrap();
        let csv = report::csv::render(&report).unwrap();
        let json: serde_json::Value =
            serde_json::from_slice(&report::json::render(&report).unwrap()).unwrap();
        let docx = report::docx::render(&report).unwrap();
        let pdf = report::pdf::render(&report).unwrap();

        // Assert: JSON
        let entry = json["areas"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|a| a["commitments"].as_array().unwrap())
            .find(|c| c["reference"] == "25(c)")
            .unwrap();
        assert_eq!(entry["joint"]["status"]["key"], "completed", "{lang:?}");
        assert_eq!(entry["joint"]["corrected"], mark, "{lang:?}");
        assert_eq!(entry["joint"]["corrected_by"], serde_json::json!([1]));
        let marked = json["areas"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|a| a["commitments"].as_array().unwrap())
            .filter(|c| !c["joint"]["corrected"].is_null())
            .count();
        assert_eq!(marked, 1, "only the corrected item is marked");
        // HTML: beside 25(c)'s joint status
        assert!(
            html.contains(&format!("data-corrected=\"25(c)\">{mark}</em>")),
            "{lang:?} HTML"
        );
        // CSV: its own column on 25(c)'s row
        let mut rows = csv::ReaderBuilder::new().from_reader(&csv[..]);
        let header = rows.headers().unwrap().clone();
        let column = header.iter().position(|h| h == "Correction").unwrap();
        let status_column = column - 1;
        let row = rows
            .records()
            .map(Result::unwrap)
            .find(|r| &r[0] == "25(c)")
            .unwrap();
        assert_eq!(&row[column], mark, "{lang:?} CSV");
        assert_eq!(&row[status_column], completed, "{lang:?} CSV");
        // DOCX
        let document = unzip(&docx, "word/document.xml");
        assert!(
            document.contains(&xml(&format!(" {mark}"))),
            "{lang:?} DOCX"
        );
        // PDF
        let path = out_dir().join(format!("corrected-{lang:?}.pdf"));
        std::fs::write(&path, &pdf).unwrap();
        let text: String = pdftotext(&path).split_whitespace().collect();
        let want: String = mark.split_whitespace().collect();
        assert!(text.contains(&want), "{lang:?} PDF");
    }
}
