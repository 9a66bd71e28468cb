//! The progress report: every commitment in every format, counts equal to the database's, French
//! labels in the French report, CSV that round-trips and neutralises formulas, an audit event per
//! export, and the `export` command.

use std::process::Command;

use crate::common::{
    BIN, TestApp,
    fixtures::{assess, cycle, joint, move_to},
    spawn_app,
};
use reqwest::StatusCode;
use sdp_tracker::domain::{account::Role, cycle::CycleState};
use sqlx::PgPool;

/// The narrative a spreadsheet would run as a formula.
const FORMULA: &str = "=HYPERLINK(\"http://example.org/x\",\"click\")";

/// 2025 (frozen) and 2026 (frozen, with an erratum): joint reviews, divergences, challenges, a
/// regression, and a narrative that looks like a formula.
async fn history(app: &TestApp) -> i64 {
    let pool = &app.db.pool;
    let y2025 = cycle(pool, 2025, CycleState::Open).await;
    joint(pool, y2025, "10", "completed").await;
    joint(pool, y2025, "11", "not_started").await;
    move_to(pool, y2025, CycleState::Open, CycleState::Frozen).await;

    let y2026 = cycle(pool, 2026, CycleState::Open).await;
    assess(pool, y2026, "10", "eu", "on_track", "").await;
    assess(pool, y2026, "10", "ca", "challenges", "Delays.").await; // divergent
    assess(pool, y2026, "25(c)", "eu", "on_track", FORMULA).await;
    assess(pool, y2026, "25(c)", "ca", "on_track", "Fine.").await;
    assess(pool, y2026, "12", "eu", "completed", "").await;
    joint(pool, y2026, "10", "completed").await;
    joint(pool, y2026, "10", "challenges").await; // the current one: regressed since 2025
    joint(pool, y2026, "11", "on_track").await; // improved
    joint(pool, y2026, "25(c)", "on_track").await;
    move_to(pool, y2026, CycleState::Open, CycleState::Frozen).await;
    sqlx::query(
        "insert into erratum (cycle_id, commitment_id, author, reason, changes)
         select $1, id, 'secretariat@example.org', 'A typo in the summary.', '{\"status\": \"completed\"}'
         from commitment where ref = '11'",
    )
    .bind(y2026)
    .execute(pool)
    .await
    .unwrap();
    y2026
}

async fn refs(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar("select ref from commitment order by position")
        .fetch_all(pool)
        .await
        .unwrap()
}

async fn fetch(client: &reqwest::Client, url: String) -> reqwest::Response {
    let response = client.get(url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response
}

async fn exports(pool: &PgPool) -> Vec<(String, serde_json::Value)> {
    sqlx::query_as(
        "select actor, after from audit_event where action = 'report.export' order by id",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn every_commitment_appears_in_every_format_and_the_counts_match_the_database() {
    // Arrange
    let app = spawn_app().await;
    let cycle = history(&app).await;
    let (user, client) = app.client_as(Role::Secretariat, None).await;
    let all = refs(&app.db.pool).await;

    // Act
    let html_response = fetch(&client, app.url("/app/cycles/2026/report.html?lang=en")).await;
    let html = html_response.text().await.unwrap();
    let csv_response = fetch(&client, app.url("/app/cycles/2026/report.csv?lang=en")).await;
    let disposition = csv_response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    let csv_bytes = csv_response.bytes().await.unwrap();
    let json: serde_json::Value = fetch(&client, app.url("/app/cycles/2026/report.json?lang=en"))
        .await
        .json()
        .await
        .unwrap();

    // Assert: every reference, in every format
    let csv_text = std::str::from_utf8(&csv_bytes).unwrap();
    let json_refs: Vec<&str> = json["areas"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["commitments"].as_array().unwrap())
        .map(|c| c["reference"].as_str().unwrap())
        .collect();
    assert_eq!(
        json_refs, all,
        "the JSON lists the commitments in text order"
    );
    for r in &all {
        assert!(html.contains(&format!("data-ref=\"{r}\"")), "{r} in HTML");
        assert!(csv_text.contains(&format!("\n{r},")), "{r} in CSV");
    }
    assert!(disposition.starts_with("attachment"));
    assert!(disposition.contains("sdp-progress-report-2026-en.csv"));

    // the summary counts are the database's, after errata: each commitment's status from the
    // latest erratum that sets one, else from its latest joint review
    let joint_counts: Vec<(String, i64)> = sqlx::query_as(
        "select status, count(*) from (
             select coalesce(
                 (select e.changes ->> 'status' from erratum e
                  where e.cycle_id = $1 and e.commitment_id = c.id and e.changes ? 'status'
                  order by e.at desc, e.id desc limit 1),
                 (select j.status from joint_review j
                  where j.cycle_id = $1 and j.commitment_id = c.id
                  order by j.version desc limit 1)) as status
             from commitment c) j
         where status is not null
         group by status",
    )
    .bind(cycle)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let reviewed: i64 = joint_counts.iter().map(|(_, n)| n).sum();
    let summary = &json["summary"];
    assert_eq!(summary["total"], all.len());
    assert_eq!(summary["reviewed"], reviewed);
    for entry in summary["by_joint_status"].as_array().unwrap() {
        let key = entry["status"]["key"].as_str().unwrap();
        let mut want = joint_counts
            .iter()
            .find(|(s, _)| s == key)
            .map_or(0, |(_, n)| *n);
        if key == "not_assessed" {
            want += all.len() as i64 - reviewed;
        }
        assert_eq!(entry["count"], want, "{key}");
        // 11 was on track; its erratum says completed
        let by_hand = match key {
            "completed" | "on_track" | "challenges" => 1,
            _ => entry["count"].as_i64().unwrap(),
        };
        assert_eq!(want, by_hand, "{key} after the erratum");
        assert!(
            html.contains(&format!("data-status=\"{key}\" data-count=\"{want}\"")),
            "{key} in HTML"
        );
    }
    let divergent: i64 = sqlx::query_scalar(
        "select count(*) from (
             select commitment_id from (
                 select distinct on (commitment_id, side) commitment_id, side, status from assessment
                 where cycle_id = $1 order by commitment_id, side, version desc) a
             group by commitment_id having count(*) = 2 and count(distinct status) = 2) d",
    )
    .bind(cycle)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(summary["divergent"], divergent);
    let eu_on_track = summary["by_side"][0]["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"]["key"] == "on_track")
        .unwrap()["count"]
        .clone();
    assert_eq!(eu_on_track, 2);
    assert!(html.contains("data-side=\"eu\" data-status=\"on_track\">2<"));
    assert!(html.contains("data-side=\"ca\" data-status=\"challenges\">1<"));
    assert_eq!(summary["by_side"][1]["not_submitted"], all.len() - 2);

    // trends, discussion items and errata
    let trend_of = |r: &str| {
        json["areas"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|a| a["commitments"].as_array().unwrap())
            .find(|c| c["reference"] == r)
            .unwrap()["trend"]["key"]
            .clone()
    };
    assert_eq!(trend_of("10"), "regressed");
    assert_eq!(trend_of("11"), "improved");
    assert_eq!(trend_of("25(c)"), "new");
    let discussion: Vec<&str> = json["for_discussion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["reference"].as_str().unwrap())
        .collect();
    assert_eq!(discussion, ["10"]);
    assert_eq!(
        json["for_discussion"][0]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["key"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["divergent", "challenges", "regressed"]
    );
    assert_eq!(json["errata"][0]["reference"], "11");
    assert_eq!(
        json["errata"][0]["changes"][0]["value"],
        "Completed – fully met"
    );
    assert!(html.contains("A typo in the summary."));
    assert!(html.contains("Summary in English"));

    // the HTML prints: the marking and the print stylesheet
    assert!(html.contains("LIMITE"));
    assert!(html.contains("/static/css/report.css"));
    assert!(!html.contains("style="), "no style attribute (CSP)");
    let css = fetch(&client, app.url("/static/css/report.css"))
        .await
        .text()
        .await
        .unwrap();
    assert!(css.contains("@page") && css.contains("A4") && css.contains("break-before: page"));

    // one audit event per export, with who, format and language
    let events = exports(&app.db.pool).await;
    assert_eq!(events.len(), 3);
    for ((actor, after), format) in events.iter().zip(["html", "csv", "json"]) {
        assert_eq!(actor, &user.email);
        assert_eq!(after["format"], format);
        assert_eq!(after["lang"], "en");
        assert_eq!(after["cycle"], 2026);
    }
}

#[tokio::test]
async fn the_french_report_uses_french_labels() {
    let app = spawn_app().await;
    history(&app).await;
    let (_, client) = app.client_as(Role::Viewer, None).await;

    let html = fetch(&client, app.url("/app/cycles/2026/report.html?lang=fr"))
        .await
        .text()
        .await
        .unwrap();
    let json: serde_json::Value = fetch(&client, app.url("/app/cycles/2026/report.json?lang=fr"))
        .await
        .json()
        .await
        .unwrap();
    let csv = fetch(&client, app.url("/app/cycles/2026/report.csv?lang=fr"))
        .await
        .text()
        .await
        .unwrap();

    for french in [
        "lang=\"fr\"",
        "Synthèse",
        "Statut conjoint",
        "Points à examiner",
        "En cours – sur la bonne voie",
        "En cours – avec des difficultés",
        "Pas encore évalué",
        "Résumé en français",
        "Errata",
    ] {
        assert!(html.contains(french), "{french} in the French HTML");
    }
    for english in [
        "Joint status",
        "For discussion",
        "Underway – on track",
        "Summary in English",
        "Not yet assessed",
    ] {
        assert!(
            !html.contains(english),
            "{english} leaks into the French HTML"
        );
    }
    // No catalogue key shows instead of its French message (tags and class names aside).
    let keys: Vec<String> = include_str!("../../locales/en/main.ftl")
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '.', '\t']) && l.contains('='))
        .filter_map(|l| l.split('=').next())
        .map(|k| k.trim().to_owned())
        .filter(|k| {
            ["report-", "trend-", "status-", "side-", "cycle-state-"]
                .iter()
                .any(|p| k.starts_with(p))
        })
        .collect();
    assert!(keys.len() > 50);
    let text = visible_text(&html);
    for body in [&text, &csv, &json.to_string()] {
        for key in &keys {
            assert!(!body.contains(key.as_str()), "the key {key} leaks");
        }
    }
    assert_eq!(json["lang"], "fr");
    assert_eq!(json["labels"]["joint_status"], "Statut conjoint");
    assert_eq!(json["cover"]["meeting_date_text"], "1er juin 2026");
    assert!(csv.contains("Statut conjoint"));
    assert!(csv.contains("En recul"));
}

#[tokio::test]
async fn the_csv_round_trips_and_neutralises_formulas() {
    let app = spawn_app().await;
    history(&app).await;
    let (_, client) = app
        .client_as(Role::Officer, Some(sdp_tracker::domain::account::Side::Ca))
        .await;
    let bytes = fetch(&client, app.url("/app/cycles/2026/report.csv"))
        .await
        .bytes()
        .await
        .unwrap();

    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(body);
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), refs(&app.db.pool).await.len());
    assert!(rows.iter().all(|r| r.len() == headers.len()));
    let row = rows.iter().find(|r| &r[0] == "25(c)").unwrap();
    let narrative = headers
        .iter()
        .position(|h| h.ends_with("Narrative"))
        .unwrap();
    assert_eq!(&row[narrative], format!("'{FORMULA}"));
    for record in &rows {
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

#[tokio::test]
async fn the_pdf_download_is_a_pdf() {
    let app = spawn_app().await;
    history(&app).await;
    let (_, client) = app.client_as(Role::Viewer, None).await;
    let response = fetch(&client, app.url("/app/cycles/2026/report.pdf?lang=en")).await;
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("sdp-progress-report-2026-en.pdf")
    );
    assert!(response.bytes().await.unwrap().starts_with(b"%PDF-"));
    assert_eq!(exports(&app.db.pool).await[0].1["format"], "pdf");
}

#[tokio::test]
async fn the_docx_download_is_a_word_file() {
    let app = spawn_app().await;
    history(&app).await;
    let (_, client) = app.client_as(Role::Admin, None).await;
    let response = fetch(&client, app.url("/app/cycles/2026/report.docx?lang=fr")).await;
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("sdp-progress-report-2026-fr.docx")
    );
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip container");
}

#[tokio::test]
async fn unknown_cycles_are_not_found_and_anonymous_readers_sign_in() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Viewer, None).await;
    for path in [
        "/app/cycles/1999/report.csv",
        "/app/cycles/nope/report.json",
    ] {
        assert_eq!(
            client.get(app.url(path)).send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );
    }
    let anonymous = crate::common::new_client();
    let status = anonymous
        .get(app.url("/app/cycles/2026/report.csv"))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(exports(&app.db.pool).await.is_empty());
}

/// The text of an HTML document without its tags.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn cli(app: &TestApp, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", &app.db.url)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

#[tokio::test]
async fn the_export_command_writes_the_file_and_refuses_bad_input() {
    let app = spawn_app().await;
    history(&app).await;
    let dir = std::env::temp_dir().join(format!("sdp-export-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();

    for (format, lang, check) in [
        ("csv", "fr", b"\xEF\xBB\xBF".as_slice()),
        ("json", "en", b"{".as_slice()),
        ("html", "en", b"<!DOCTYPE html>".as_slice()),
        ("docx", "en", b"PK".as_slice()),
        ("pdf", "fr", b"%PDF-".as_slice()),
    ] {
        let file = dir.join(format!("report.{format}"));
        let out = cli(
            &app,
            &[
                "export",
                "--cycle",
                "2026",
                "--format",
                format,
                "--lang",
                lang,
                "-o",
                file.to_str().unwrap(),
            ],
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(stdout.lines().count(), 1, "{stdout}");
        let written = std::fs::read(&file).unwrap();
        assert!(written.starts_with(check), "{format}");
        if format == "html" {
            let html = String::from_utf8(written).unwrap();
            assert!(
                html.contains("<style>") && html.contains("@page"),
                "the file stands alone"
            );
        }
    }
    let events = exports(&app.db.pool).await;
    assert_eq!(events.len(), 5);
    assert!(events.iter().all(|(actor, _)| actor == "cli"));
    assert_eq!(events[0].1["format"], "csv");
    assert_eq!(events[0].1["lang"], "fr");

    let file = dir.join("x.csv");
    let file = file.to_str().unwrap();
    for (args, reason) in [
        (
            vec!["export", "--cycle", "1999", "--format", "csv", "-o", file],
            "1999",
        ),
        (
            vec!["export", "--cycle", "2026", "--format", "xls", "-o", file],
            "xls",
        ),
        (
            vec![
                "export", "--cycle", "2026", "--format", "csv", "--lang", "de", "-o", file,
            ],
            "de",
        ),
        (
            vec!["export", "--cycle", "soon", "--format", "csv", "-o", file],
            "soon",
        ),
        (
            vec![
                "export",
                "--cycle",
                "2026",
                "--format",
                "csv",
                "-o",
                "/nonexistent-dir/sdp/x.csv",
            ],
            "cannot write",
        ),
    ] {
        let out = cli(&app, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(reason), "{args:?}: {stderr}");
    }
    assert!(!std::path::Path::new(file).exists());
    assert_eq!(
        exports(&app.db.pool).await.len(),
        5,
        "refused exports are not recorded"
    );
    std::fs::remove_dir_all(&dir).ok();
}
