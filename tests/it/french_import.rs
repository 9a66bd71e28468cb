//! `sdp-tracker import FILE --lang fr`: the French text of an imported partnership, from a
//! French-shaped fixture the tests generate (`common::french`, not the official text): counts,
//! the PDF-export shape, idempotence, refusals that name what does not line up and write nothing,
//! and `serve`'s `seeds/<name>.fr.txt`.

use sdp_tracker::{domain::lang::Lang, domain::text::pdf_shape, startup};

use crate::{
    common::{
        SEED, TestDb,
        french::{self, TITLE_FR},
    },
    importer::{json, run_import, snapshot, temp_file},
};

/// A paragraph as stored: number, English body, French body, area slug, area's French title.
type StoredParagraph = (i16, String, Option<String>, String, Option<String>);

/// A database with the English seed imported by the command line.
async fn english_imported() -> TestDb {
    let db = TestDb::new().await;
    json(&run_import(Some(&db), &[SEED]));
    db
}

/// The French fixture as a PDF-to-text export: wrapped, page footers ending in `FR`, CRLF, BOM.
fn pdf_shaped(text: &str) -> String {
    let lines = text.lines().count();
    let footers: Vec<usize> = (30..lines * 3).step_by(41).collect();
    pdf_shape::render_in(Lang::Fr, text, 84, &footers, true, true)
}

#[test]
fn check_prints_the_counts_and_the_language_for_both_shapes() {
    let (_dir, seed_shaped) = temp_file("x.fr.txt", &french::french_text());
    let shaped = pdf_shaped(&french::french_text());
    assert!(shaped.contains("LIMITE\r\nFR\r\n") && shaped.contains("\u{c}"));
    let (_dir2, pdf) = temp_file("export.fr.txt", &shaped);
    let english = json(&run_import(None, &[SEED, "--check"]));

    for path in [&seed_shaped, &pdf] {
        let out = json(&run_import(None, &[path, "--lang", "fr", "--check"]));
        for key in ["paragraphs", "areas", "items", "commitments"] {
            assert_eq!(out[key], english[key], "{path}: {key}");
        }
        assert_eq!(out["lang"], "fr");
        assert_eq!(out["title"], TITLE_FR);
        assert_eq!(out["document_number"], "9783/25");
        assert_eq!(out["document_date"], "2025-06-18");
        assert_eq!(out["marking"], "LIMITE");
    }
    let a = json(&run_import(
        None,
        &[&seed_shaped, "--lang", "fr", "--check"],
    ));
    let b = json(&run_import(None, &[&pdf, "--lang", "fr", "--check"]));
    assert_eq!(a["content_hash"], b["content_hash"]);
    // Without --lang fr the English counts are printed without a language.
    assert!(english.get("lang").is_none());
}

#[tokio::test]
async fn the_french_text_is_stored_beside_the_english_and_reimporting_it_changes_nothing() {
    let db = english_imported().await;
    let english_before: Vec<(i16, String)> =
        sqlx::query_as("select number, body from paragraph order by number")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    let (_dir, path) = temp_file("x.fr.txt", &french::french_text());

    let first = json(&run_import(Some(&db), &[&path, "--lang", "fr"]));

    assert_eq!(first["changed"], true);
    assert_eq!(first["lang"], "fr");
    assert_eq!(first["paragraphs"], 63);
    let (title, parties, hash): (Option<String>, Option<Vec<String>>, Option<String>) =
        sqlx::query_as("select title_fr, parties_fr, content_hash_fr from partnership")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(title.as_deref(), Some(TITLE_FR));
    assert_eq!(
        parties,
        Some(vec!["Union européenne".to_owned(), "Canada".to_owned()])
    );
    assert_eq!(hash.as_deref(), first["content_hash"].as_str());
    let rows: Vec<StoredParagraph> = sqlx::query_as(
        "select p.number, p.body, p.body_fr, a.slug, a.title_fr
         from paragraph p join area a on a.id = p.area_id order by p.number",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 63);
    let doc = french::english();
    for (number, body, body_fr, _, area_fr) in &rows {
        let n = *number as u16;
        let p = doc.paragraph(n).unwrap();
        assert_eq!(
            body_fr.as_deref(),
            Some(french_body(n).as_str()),
            "paragraph {n}"
        );
        assert_eq!(
            area_fr.as_deref(),
            Some(french::heading_title(&doc, p.heading).as_str())
        );
        // The English is untouched.
        assert_eq!(
            body,
            &english_before.iter().find(|r| r.0 == *number).unwrap().1
        );
    }
    // Slugs stay the English ones.
    let slug_13 = &rows.iter().find(|r| r.0 == 13).unwrap().3;
    assert_eq!(slug_13, "support-to-ukraine");
    let items: Vec<(String, Option<String>)> = sqlx::query_as(
        "select i.letter, i.body_fr from paragraph_item i join paragraph p on p.id = i.paragraph_id
         where p.number = 25 order by i.letter",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(items.len(), 5);
    assert_eq!(
        items[2].1.as_deref(),
        Some(french::item_text(25, 'c').as_str())
    );
    let audit: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where action = 'partnership.import_fr'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(audit, 1);

    // The same text again, and the same text as a PDF export: nothing is touched.
    let before = snapshot(&db).await;
    let again = json(&run_import(Some(&db), &[&path, "--lang", "fr"]));
    assert_eq!(again["changed"], false);
    let (_dir2, pdf) = temp_file("export.fr.txt", &pdf_shaped(&french::french_text()));
    let from_pdf = json(&run_import(Some(&db), &[&pdf, "--lang", "fr"]));
    assert_eq!(from_pdf["changed"], false);
    assert_eq!(snapshot(&db).await, before, "a re-import touched rows");

    // `--lang en` is today's import: the English text again changes nothing either.
    let english = json(&run_import(Some(&db), &[SEED, "--lang", "en"]));
    assert_eq!(english["changed"], false);
    assert_eq!(snapshot(&db).await, before);
}

/// The French body the fixture gives paragraph `n`, as stored (page breaks joined).
fn french_body(n: u16) -> String {
    if n == 4 {
        format!(
            "{}, coupé par un saut de page et repris sur la page suivante.",
            french::paragraph_text(4).trim_end_matches('.')
        )
    } else {
        french::paragraph_text(n)
    }
}

/// French texts that do not line up with the English, and what the refusal must name.
fn misaligned() -> Vec<(&'static str, String, &'static str)> {
    let fr = french::french_text();
    let p17 = fr
        .lines()
        .find(|l| l.starts_with("17. "))
        .unwrap()
        .to_owned();
    let p63 = fr
        .lines()
        .find(|l| l.starts_with("63. "))
        .unwrap()
        .to_owned();
    let heading = french::area_title(3);
    vec![
        (
            "missing paragraph",
            french::without_line(&fr, "17. "),
            "paragraph 17 is missing",
        ),
        (
            "missing last paragraph",
            french::without_line(&fr, "63. "),
            "paragraph 63 is missing in the French text",
        ),
        (
            "extra paragraph",
            fr.replace(&p63, &format!("{p63}\n64. Un paragraphe d’essai de trop.")),
            "paragraph 64 of the French text is not in the English text",
        ),
        (
            "an item missing",
            french::without_line(&fr, "- e) "),
            "paragraph 25: item e) is missing in the French text",
        ),
        (
            "an item letter that does not follow",
            fr.replace(" - b) point d’essai 9b", " - c) point d’essai 9b"),
            "paragraph 9: item c) is out of sequence, expected b)",
        ),
        (
            "an extra item",
            fr.replace(
                &p17,
                &format!("{p17}\n - a) un point d’essai que l’anglais n’a pas."),
            ),
            "paragraph 17: item a) of the French text is not in the English text",
        ),
        (
            "missing heading",
            french::without_line(&fr, &heading),
            "heading 4 (“Support to Ukraine”), before paragraph 13, is missing in the French text",
        ),
    ]
}

#[tokio::test]
async fn a_french_text_that_does_not_line_up_is_refused_naming_where_and_writes_nothing() {
    let db = english_imported().await;
    let before = snapshot(&db).await;

    for (case, text, message) in misaligned() {
        let (_dir, path) = temp_file("x.fr.txt", &text);
        let output = run_import(Some(&db), &[&path, "--lang", "fr"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{case}: accepted");
        assert!(stderr.contains(message), "{case}: {stderr}");
        assert_eq!(
            stderr.trim().lines().count(),
            1,
            "{case}: one line: {stderr}"
        );
        assert!(output.stdout.is_empty(), "{case}: printed something");
        assert_eq!(snapshot(&db).await, before, "{case}: something was written");
    }
    // The English text given as the French one.
    let output = run_import(Some(&db), &[SEED, "--lang", "fr"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("this is the English text of eu-canada"),
        "{stderr}"
    );
    assert_eq!(snapshot(&db).await, before);

    let french: i64 = sqlx::query_scalar(
        "select (select count(*) from paragraph where body_fr is not null)
              + (select count(*) from area where title_fr is not null)
              + (select count(*) from partnership where title_fr is not null)",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(french, 0);
}

#[tokio::test]
async fn a_french_text_for_a_partnership_not_imported_or_not_in_utf8_is_refused() {
    let db = TestDb::new().await;
    let (_dir, path) = temp_file("x.fr.txt", &french::french_text());

    let output = run_import(Some(&db), &[&path, "--lang", "fr"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("the partnership eu-canada is not imported"),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    let rows: i64 = sqlx::query_scalar(
        "select (select count(*) from partnership) + (select count(*) from audit_event)",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(rows, 0);

    // Latin-1 bytes (é as 0xE9) are not UTF-8.
    let dir = crate::importer::tempdir::Dir::new();
    let latin1 = dir.0.join("latin1.fr.txt");
    let mut bytes = b"1. S\xe9curit\xe9.\n".to_vec();
    bytes.extend_from_slice(b"2. D\xe9fense.\n");
    std::fs::write(&latin1, bytes).unwrap();
    let latin1 = latin1.display().to_string();
    for args in [
        vec![latin1.as_str(), "--lang", "fr", "--check"],
        vec![latin1.as_str(), "--lang", "fr"],
    ] {
        let output = run_import(Some(&db), &args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?}");
        assert!(stderr.contains("is not UTF-8"), "{stderr}");
    }

    // A language the importer does not know.
    let output = run_import(None, &[&path, "--lang", "de", "--check"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a text language"));
}

#[tokio::test]
async fn serve_imports_the_french_seed_beside_the_english_one() {
    let dir = crate::importer::tempdir::Dir::new();
    let seed = dir.0.join("eu-canada-sdp-2025.txt");
    std::fs::copy(SEED, &seed).unwrap();
    std::fs::write(startup::french_seed(&seed), french::french_text()).unwrap();
    let db = TestDb::new().await;

    startup::seed_if_empty(&db.pool, &seed).await.unwrap();
    let snapshot_after_first = snapshot(&db).await;
    // The next start finds both imported and writes nothing.
    startup::seed_if_empty(&db.pool, &seed).await.unwrap();

    assert_eq!(snapshot(&db).await, snapshot_after_first);
    let (fr_paragraphs, title): (i64, Option<String>) = sqlx::query_as(
        "select (select count(*) from paragraph where body_fr is not null),
                (select title_fr from partnership)",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!((fr_paragraphs, title.as_deref()), (63, Some(TITLE_FR)));

    // A French seed that does not line up stops the start with the reason.
    let broken = french::without_line(&french::french_text(), "17. ");
    std::fs::write(startup::french_seed(&seed), broken).unwrap();
    let err = startup::seed_if_empty(&db.pool, &seed).await.unwrap_err();
    assert!(
        format!("{err:#}").contains("paragraph 17 is missing"),
        "{err:#}"
    );
}
