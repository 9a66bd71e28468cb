//! The French progress report in every format (issue 10): French headings and labels
//! throughout (JSON keeps English keys), the document's own language, title and creator, Word
//! table header rows, and content that is only in English marked as English.

use std::{collections::BTreeMap, io::Read, process::Command};

use crate::common::{TestDb, fixtures::joint};
use sdp_tracker::{
    clock::Clock,
    db::{cycles, partnership},
    domain::cycle::CycleState,
    i18n::Lang,
    report::{self, Report},
};

const YEAR: i32 = 2026;
const TITLE_FR: &str = "Dialogue UE–Canada sur la sécurité et la défense 2026";
const DOCUMENT_TITLE_FR: &str =
    "Rapport d’étape – Dialogue UE–Canada sur la sécurité et la défense 2026";
const CREATOR_FR: &str = "Suivi du partenariat de sécurité et de défense";

/// A cycle in reconciliation whose place has no French name, with a joint review of 10 whose
/// next steps are only in English.
async fn scenario() -> TestDb {
    let db = TestDb::seeded().await;
    let pid = partnership::find_default(&db.pool)
        .await
        .unwrap()
        .unwrap()
        .id;
    let d = |m, day| chrono::NaiveDate::from_ymd_opt(YEAR, m, day).unwrap();
    let id = cycles::insert(
        &db.pool,
        &cycles::NewCycle {
            partnership_id: pid,
            year: YEAR,
            title: "2026 EU–Canada Security and Defence Dialogue",
            title_fr: TITLE_FR,
            meeting_date: d(6, 1),
            place: "Brussels",
            place_fr: None,
            opens_on: d(1, 15),
            deadline: d(5, 1),
        },
    )
    .await
    .unwrap();
    crate::common::fixtures::move_to(
        &db.pool,
        id,
        CycleState::Planned,
        CycleState::Reconciliation,
    )
    .await;
    joint(&db.pool, id, "10", "on_track").await;
    db
}

async fn both(db: &TestDb) -> (Report, Report) {
    let en = report::build::build(&db.pool, YEAR, Lang::En, &Clock::system())
        .await
        .unwrap();
    let fr = report::build::build(&db.pool, YEAR, Lang::Fr, &Clock::system())
        .await
        .unwrap();
    (en, fr)
}

/// Labels whose English differs from the French ("Canada", "Document", "Errata" … are the same
/// word in both), as (field, English, French).
fn translated_labels(en: &Report, fr: &Report) -> Vec<(String, String, String)> {
    let as_map = |r: &Report| -> BTreeMap<String, String> {
        serde_json::from_value(serde_json::to_value(&r.labels).unwrap()).unwrap()
    };
    let (en, fr) = (as_map(en), as_map(fr));
    let differ: Vec<_> = en
        .into_iter()
        .filter_map(|(k, e)| {
            let f = fr[&k].clone();
            (e != f).then_some((k, e, f))
        })
        .collect();
    assert!(differ.len() > 30, "{differ:?}");
    differ
}

fn unzip(docx: &[u8], part: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut file = archive.by_name(part).unwrap();
    let mut s = String::new();
    file.read_to_string(&mut s).unwrap();
    s
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The text of every element of an HTML or XML document, trimmed (tags and attributes left out).
fn texts(markup: &str, text_tag: Option<&str>) -> Vec<String> {
    let pattern = match text_tag {
        // Word: the runs' text.
        Some(tag) => format!(r"<{tag}(?: [^>]*)?>([^<]*)</{tag}>"),
        None => r">([^<]+)<".to_owned(),
    };
    regex::Regex::new(&pattern)
        .unwrap()
        .captures_iter(markup)
        .map(|c| c[1].trim().replace("&amp;", "&").replace("&#39;", "'"))
        .filter(|t| !t.is_empty())
        .collect()
}

#[tokio::test]
async fn the_french_html_report_is_french_and_declares_it() {
    let db = scenario().await;
    let (en, fr) = both(&db).await;
    let html = String::from_utf8(report::render(&fr, report::Format::Html).unwrap()).unwrap();
    assert!(html.contains(r#"<html lang="fr">"#));
    assert!(html.contains(&format!("<title>{DOCUMENT_TITLE_FR}</title>")));
    assert!(html.contains(&format!(
        r#"<p class="report-cover__dialogue">{TITLE_FR}</p>"#
    )));
    // The place has no French name: shown in English, marked as English.
    assert!(html.contains(r#"<dd lang="en">Brussels</dd>"#), "place");
    // So are the next steps written only in English; the French summary is not marked.
    assert!(html.contains(r#"<div class="report-prose" lang="en">Meet again.</div>"#));
    assert!(html.contains("<span>Résumé en français</span>"));
    // French typography: the colon after a label.
    assert!(html.contains("Marquage\u{a0}:"));

    let shown = texts(&html, None);
    for (field, english, _) in translated_labels(&en, &fr) {
        assert!(
            !shown
                .iter()
                .any(|t| *t == english || *t == format!("{english}:")),
            "{field}: English {english:?} in the French report"
        );
    }
    for french in [
        &fr.labels.summary,
        &fr.labels.for_discussion,
        &fr.labels.progress_by_area,
        &fr.labels.joint_status,
        &fr.labels.no_previous_cycle,
    ] {
        assert!(shown.contains(french), "{french}");
    }
}

#[tokio::test]
async fn the_french_docx_is_french_and_declares_its_language_title_and_creator() {
    let db = scenario().await;
    let (en, fr) = both(&db).await;
    let docx = report::render(&fr, report::Format::Docx).unwrap();

    let core = unzip(&docx, "docProps/core.xml");
    assert!(
        core.contains(&format!("<dc:title>{DOCUMENT_TITLE_FR}</dc:title>")),
        "{core}"
    );
    assert!(
        core.contains(&format!("<dc:creator>{CREATOR_FR}</dc:creator>")),
        "{core}"
    );
    assert!(core.contains("<dc:language>fr-CA</dc:language>"), "{core}");
    let created = fr
        .cover
        .generated_at
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    assert!(
        core.contains(&format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>"#
        )),
        "{core}"
    );
    assert!(
        !core.contains("1970") && !core.contains("unknown"),
        "{core}"
    );

    // Every run is French unless it says otherwise; English content says so.
    let styles = unzip(&docx, "word/styles.xml");
    let defaults = &styles[styles.find("<w:rPrDefault>").unwrap()..];
    let defaults = &defaults[..defaults.find("</w:rPrDefault>").unwrap()];
    assert!(defaults.contains(r#"<w:lang w:val="fr-CA""#), "{defaults}");
    let english = &styles[styles.find(r#"w:styleId="ContentEn""#).expect("ContentEn")..];
    let english = &english[..english.find("</w:style>").unwrap()];
    assert!(english.contains(r#"<w:lang w:val="en-GB""#), "{english}");
    let document = unzip(&docx, "word/document.xml");
    for content in ["Brussels", "Meet again."] {
        assert!(
            document.contains(&format!(
                r#"<w:rStyle w:val="ContentEn" /></w:rPr><w:t xml:space="preserve">{content}</w:t>"#
            )),
            "{content} not marked English"
        );
    }
    assert!(document.contains(&xml(TITLE_FR)));

    // Each data table's first row is its header row, and only that row.
    let tables: Vec<&str> = document.split("<w:tbl>").skip(1).collect();
    assert!(tables.len() > 10);
    for (i, table) in tables.iter().enumerate() {
        let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
        let headers = rows
            .iter()
            .filter(|r| r.contains("<w:tblHeader />"))
            .count();
        if i == 0 {
            // The title page's details: a layout table without a header.
            assert_eq!(headers, 0);
        } else {
            assert_eq!(headers, 1, "table {i}");
            assert!(rows[0].contains("<w:tblHeader />"), "table {i}");
        }
    }

    let shown = texts(&document, Some("w:t"));
    for (field, english, _) in translated_labels(&en, &fr) {
        assert!(
            !shown.contains(&english),
            "{field}: English {english:?} in the French document"
        );
    }
    for french in [
        &fr.labels.summary,
        &fr.labels.for_discussion,
        &fr.labels.progress_by_area,
        &fr.labels.joint_status,
        &fr.labels.next_steps,
    ] {
        assert!(shown.contains(french), "{french}");
    }
}

#[tokio::test]
async fn the_french_pdf_is_french_and_declares_its_language_title_and_creator() {
    let db = scenario().await;
    let (en, fr) = both(&db).await;
    let pdf = report::render(&fr, report::Format::Pdf).unwrap();
    let path = std::env::temp_dir().join(format!("report-lang-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, &pdf).unwrap();

    let info = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8(info.stdout).unwrap();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(field("Title"), DOCUMENT_TITLE_FR, "{info}");
    assert_eq!(field("Author"), CREATOR_FR, "{info}");
    assert_eq!(field("Subject"), fr.cover.partnership_title, "{info}");
    // The document catalogue's language.
    let raw = String::from_utf8_lossy(&pdf);
    let catalog: String = raw[raw.find("/Type/Catalog").expect("a catalogue")..]
        .chars()
        .take_while(|c| *c != '\n')
        .collect();
    assert!(catalog.contains("/Lang(fr-CA)"), "{catalog}");
    // English content is tagged English.
    assert!(raw.contains("/Lang(en)"));

    let text = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8(text.stdout).unwrap();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    // The section headings, the contents' title and the running header are French.
    for heading in [
        &fr.labels.summary,
        &fr.labels.for_discussion,
        &fr.labels.progress_by_area,
        &fr.lang.t("report-file-contents"),
    ] {
        assert!(lines.contains(&heading.as_str()), "{heading} missing");
    }
    for heading in [
        &en.labels.summary,
        &en.labels.for_discussion,
        &en.labels.progress_by_area,
        &en.lang.t("report-file-contents"),
    ] {
        assert!(!lines.contains(&heading.as_str()), "English {heading}");
    }
    assert!(text.contains(&format!("{TITLE_FR} – {}", fr.cover.report_title)));
}

#[tokio::test]
async fn the_french_csv_and_json_are_french_for_people_and_english_for_programs() {
    let db = scenario().await;
    let (en, fr) = both(&db).await;

    let csv = report::render(&fr, report::Format::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let l = &fr.labels;
    assert_eq!(headers[0], l.reference);
    // The columns' order also has the text's language after the text (see french_report.rs).
    let position = |h: &str| headers.iter().position(|x| x == h);
    let eu_status = position(&format!("{} – {}", l.side_eu, l.status)).expect("EU status column");
    let next_steps = position(&l.next_steps).expect("next steps column");
    assert!(eu_status < next_steps, "{headers:?}");
    for (field, english, _) in translated_labels(&en, &fr) {
        assert!(
            !headers
                .iter()
                .any(|h| h.split(" – ").any(|part| part == english)),
            "{field}: English {english:?} in {headers:?}"
        );
    }
    let ten = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "10")
        .unwrap();
    assert_eq!(&ten[next_steps - 1], "Résumé en français");
    assert_eq!(&ten[next_steps], "Meet again.");

    let json: serde_json::Value =
        serde_json::from_slice(&report::render(&fr, report::Format::Json).unwrap()).unwrap();
    assert_eq!(json["lang"], "fr");
    assert_eq!(json["labels"]["summary"], fr.labels.summary);
    assert_eq!(json["cover"]["dialogue_title"], TITLE_FR);
    assert_eq!(json["cover"]["dialogue_title_lang"], "fr");
    assert_eq!(json["cover"]["place"], "Brussels");
    assert_eq!(json["cover"]["place_lang"], "en");
    assert_eq!(json["cover"]["locale"], "fr-CA");
    assert_eq!(json["cover"]["document_title"], DOCUMENT_TITLE_FR);
}
