//! The progress report in French, in all five formats: the English text marked as English (HTML
//! `lang`, DOCX `w:lang` on the run, PDF `/Lang` on the structure element, a language column in
//! the CSV, `*_lang` in the JSON) with a note on the cover until the French text is imported;
//! the French text, unmarked, after. The French text is the tests' fixture, not the official one.

use std::io::Read;

use reqwest::{Client, StatusCode};
use sdp_tracker::domain::{account::Role, cycle::CycleState};
use serde_json::Value;

use crate::{
    common::{
        TestApp,
        fixtures::{assess, cycle, joint},
        french::{self, TITLE_FR},
        spawn_app,
    },
    french_pages::import_french,
};

const YEAR: i32 = 2026;

async fn download(app: &TestApp, client: &Client, format: &str, lang: &str) -> Vec<u8> {
    let response = client
        .get(app.url(&format!("/app/cycles/{YEAR}/report.{format}?lang={lang}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{format} {lang}");
    response.bytes().await.unwrap().to_vec()
}

fn unzip(docx: &[u8], part: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    archive
        .by_name(part)
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The PDF with every Flate-compressed stream inflated, as text: the structure tree and its
/// attributes live in compressed object streams.
fn pdf_inflated(pdf: &[u8]) -> String {
    let mut out = String::from_utf8_lossy(pdf).into_owned();
    let mut at = 0;
    while let Some(start) = find(pdf, b"stream", at) {
        let mut body = start + b"stream".len();
        if pdf.get(body) == Some(&b'\r') {
            body += 1;
        }
        if pdf.get(body) == Some(&b'\n') {
            body += 1;
        }
        let Some(end) = find(pdf, b"endstream", body) else {
            break;
        };
        let mut inflated = Vec::new();
        if flate2::read::ZlibDecoder::new(&pdf[body..end])
            .read_to_end(&mut inflated)
            .is_ok()
        {
            out.push_str(&String::from_utf8_lossy(&inflated));
        }
        at = end + b"endstream".len();
    }
    out
}

/// How many structure elements (`<</Type/StructElem … /Lang(code) …>>`) carry the language `code`.
fn struct_elems(inflated: &str, code: &str) -> usize {
    let lang = format!("/Lang({code})");
    inflated
        .split("<<")
        .filter_map(|d| d.split(">>").next())
        .filter(|d| d.contains("/Type/StructElem") && d.contains(&lang))
        .count()
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The JSON report's commitment `reference`.
fn commitment<'a>(json: &'a Value, reference: &str) -> &'a Value {
    json["areas"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["commitments"].as_array().unwrap())
        .find(|c| c["reference"] == reference)
        .unwrap()
}

fn csv_rows(bytes: &[u8]) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap();
    let mut reader = csv::Reader::from_reader(body);
    let headers = reader.headers().unwrap().clone();
    (headers, reader.records().map(Result::unwrap).collect())
}

#[tokio::test]
async fn a_french_report_marks_the_english_text_then_carries_the_french() {
    let app = spawn_app().await;
    let id = cycle(&app.db.pool, YEAR, CycleState::Open).await;
    assess(&app.db.pool, id, "13", "eu", "on_track", "").await;
    joint(&app.db.pool, id, "13", "on_track").await;
    let (_, client) = app.client_as(Role::Viewer, None).await;

    // ---- Before the French text is imported ----
    let json: Value = serde_json::from_slice(&download(&app, &client, "json", "fr").await).unwrap();
    assert_eq!(json["lang"], "fr");
    assert!(
        json["text_notice"]
            .as_str()
            .unwrap()
            .contains("cité en anglais")
    );
    assert_eq!(json["cover"]["partnership_title_lang"], "en");
    let c13 = commitment(&json, "13");
    assert_eq!(
        (c13["text_lang"].as_str(), c13["area_title_lang"].as_str()),
        (Some("en"), Some("en"))
    );
    assert!(
        c13["text"]
            .as_str()
            .unwrap()
            .starts_with("The EU and Canada will strengthen")
    );

    let html = String::from_utf8(download(&app, &client, "html", "fr").await).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">")
            || html.contains("<html lang=\"fr\">")
    );
    assert!(html.contains(r#"id="text-lang-notice""#));
    assert!(html.contains(
        r#"<p class="report-commitment__text" lang="en">The EU and Canada will strengthen"#
    ));
    assert!(html.contains(r#"<h2 id="area-support-to-ukraine-title" class="report-area__title--nested" lang="en">Support to Ukraine</h2>"#));
    assert!(html.contains(r#"<p class="report-cover__partnership" lang="en">"#));

    let docx = download(&app, &client, "docx", "fr").await;
    let document = unzip(&docx, "word/document.xml");
    let styles = unzip(&docx, "word/styles.xml");
    // The document's default language (the run defaults) is the report's.
    let defaults = styles
        .split("<w:rPrDefault>")
        .nth(1)
        .and_then(|rest| rest.split("</w:rPrDefault>").next())
        .expect("run defaults in styles.xml");
    assert!(defaults.contains(r#"<w:lang w:val="fr-CA""#), "{styles}");
    // The commitment's text is one run marked English, right before its text.
    assert!(
        document.contains(r#"<w:lang w:val="en-GB" /></w:rPr><w:t xml:space="preserve">The EU and Canada will strengthen"#),
        "the English text's run has no w:lang"
    );
    assert!(!document.contains("SdpLang"), "a marker style was left in");
    let marked = document.matches(r#"<w:lang w:val="en-GB" />"#).count();
    assert!(marked > 10, "{marked} runs marked");

    let pdf = download(&app, &client, "pdf", "fr").await;
    let inflated = pdf_inflated(&pdf);
    // The document's language is French as spoken in Canada (the report's locale).
    assert!(inflated.contains("/Lang(fr-CA)"), "no document language");
    assert!(
        struct_elems(&inflated, "en") > 10,
        "no structure element marked English"
    );

    let (headers, rows) = csv_rows(&download(&app, &client, "csv", "fr").await);
    let lang_col = headers.iter().position(|h| h == "Langue du texte").unwrap();
    assert_eq!(
        headers.iter().position(|h| h == "Texte"),
        Some(lang_col - 1)
    );
    assert!(rows.iter().all(|r| &r[lang_col] == "en"));

    // ---- After ----
    import_french(&app).await;
    // The secretariat writes the joint next steps in French too: then nothing is English.
    sqlx::query(
        "insert into joint_review (cycle_id, commitment_id, version, status, summary_en, summary_fr,
                                   next_steps, next_steps_fr, author)
         select cycle_id, commitment_id, version + 1, status, summary_en, summary_fr,
                next_steps, 'Se revoir.', author
         from joint_review where cycle_id = $1 order by version desc limit 1",
    )
    .bind(id)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let french_13 = french::paragraph_text(13);

    let json: Value = serde_json::from_slice(&download(&app, &client, "json", "fr").await).unwrap();
    assert!(json["text_notice"].is_null());
    assert_eq!(json["cover"]["partnership_title"], TITLE_FR);
    let c13 = commitment(&json, "13");
    assert_eq!(c13["text"], french_13);
    assert_eq!(
        (c13["text_lang"].as_str(), c13["area_title_lang"].as_str()),
        (Some("fr"), Some("fr"))
    );
    assert_eq!(c13["area_title"], french::area_title(3));

    let html = String::from_utf8(download(&app, &client, "html", "fr").await).unwrap();
    assert!(!html.contains("text-lang-notice"));
    let english: Vec<&str> = html
        .match_indices(r#" lang="en""#)
        .map(|(at, _)| &html[at.saturating_sub(80)..(at + 120).min(html.len())])
        .collect();
    assert!(
        english.is_empty(),
        "English left in the French report: {english:#?}"
    );
    assert!(html.contains(&format!(
        r#"<p class="report-commitment__text">{}</p>"#,
        french_13.replace('\'', "&#39;")
    )));

    let docx = download(&app, &client, "docx", "fr").await;
    let document = unzip(&docx, "word/document.xml");
    assert!(!document.contains("<w:lang "), "a run is still marked");
    assert!(document.contains("cœur de la coopération"));
    assert!(document.contains("œuvre commune"));

    let pdf = download(&app, &client, "pdf", "fr").await;
    let inflated = pdf_inflated(&pdf);
    assert!(inflated.contains("/Lang(fr-CA)"));
    assert_eq!(
        struct_elems(&inflated, "en"),
        0,
        "an element is still marked English"
    );
    assert!(!inflated.contains("/Lang(en)"));

    let (headers, rows) = csv_rows(&download(&app, &client, "csv", "fr").await);
    let lang_col = headers.iter().position(|h| h == "Langue du texte").unwrap();
    let row = rows.iter().find(|r| &r[0] == "13").unwrap();
    assert_eq!(
        (&row[lang_col - 1], &row[lang_col]),
        (french_13.as_str(), "fr")
    );

    // An English report keeps the English, unmarked.
    let json: Value = serde_json::from_slice(&download(&app, &client, "json", "en").await).unwrap();
    let c13 = commitment(&json, "13");
    assert_eq!(c13["text_lang"], "en");
    assert!(json["text_notice"].is_null());
    let html = String::from_utf8(download(&app, &client, "html", "en").await).unwrap();
    assert!(!html.contains(r#" lang="fr""#));
}
