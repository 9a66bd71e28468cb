//! The French shapes of a document: the Council's French header and footers, French heading
//! names, « guillemets », non-breaking spaces before `: ; ! ?`, œ. The samples are made up for
//! the tests; they are not the partnership's text.

use super::*;

const NBSP: char = '\u{a0}';

/// A small French-shaped document: a preface, a framework, two cooperation areas, a way
/// forward; a page break inside paragraph 2; items in paragraph 3.
fn sample_fr() -> String {
    "Conseil de l’Union européenne\n\
     \n\
     Bruxelles, le 18 juin 2025\n\
     (OR. en)\n\
     \n\
     9783/25\n\
     \n\
     LIMITE\n\
     \n\
     COPS 251\tDISINFO 51\n\
     \n\
     NOTE DE TRANSMISSION\n\
     \n\
     Origine:\tService européen pour l’action extérieure (SEAE)\n\
     Destinataire:\tDélégations\n\
     Objet\u{a0}:\tExemple d’essai — partenariat fictif entre deux parties\n\
     \n\
     PARTENARIAT D’ESSAI\n\
     ENTRE\n\
     LA PARTIE A\n\
     ET\n\
     LA PARTIE B\n\
     \n\
     [Préface]\n\
     \n\
     1. Texte d’essai du premier paragraphe, avec «\u{a0}guillemets\u{a0}» et un cœur\u{202f}; il se termine ici.\n\
     2. Deuxième paragraphe d’essai, coupé par une page\n\
     \n\
     et repris ici sur la page suivante.\n\
     \n\
     Cadre général\n\
     \n\
     3. Les parties ont décidé ce qui suit\u{a0}:\n \
     - a) premier point d’essai\u{a0};\n \
     - b) second point d’essai.\n\
     \n\
     Domaines de coopération\n\
     \n\
     4. Les parties coopèrent notamment dans les domaines suivants\u{a0}:\n\
     \n\
     Domaine d’essai numéro un\n\
     \n\
     5. Paragraphe d’essai qui cite «\u{a0}la sécurité commune.\u{a0}»\n\
     \n\
     Domaine d’essai numéro deux\n\
     \n\
     6. Un paragraphe qui cite, p. ex.\n\
     \n\
     Canada et l’Union, puis se termine.\n\
     \n\
     Voie à suivre\n\
     \n\
     7. Les parties réexaminent ce texte chaque année.\n"
        .to_owned()
}

/// The same shape in English.
fn sample_en() -> String {
    "Brussels, 18 June 2025\n\
     (OR. en)\n\
     \n\
     9783/25\n\
     \n\
     LIMITE\n\
     \n\
     Subject:\tA test partnership between two parties\n\
     \n\
     [Preface]\n\
     \n\
     1. First test paragraph.\n\
     2. Second test paragraph.\n\
     \n\
     General Framework\n\
     \n\
     3. The parties have decided:\n \
     - a) a first point;\n \
     - b) a second point.\n\
     \n\
     Areas of Cooperation\n\
     \n\
     4. The parties cooperate in areas such as:\n\
     \n\
     Test area one\n\
     \n\
     5. A paragraph of area one.\n\
     \n\
     Test area two\n\
     \n\
     6. A paragraph of area two.\n\
     \n\
     Way Forward\n\
     \n\
     7. The parties review this text every year.\n"
        .to_owned()
}

fn fr() -> Document {
    parse_in(&sample_fr(), Lang::Fr).expect("the French sample parses")
}

#[test]
fn french_header_gives_the_metadata() {
    let meta = fr().meta;
    assert_eq!(
        meta.title,
        "Exemple d’essai — partenariat fictif entre deux parties"
    );
    assert_eq!(meta.document_number.as_deref(), Some("9783/25"));
    assert_eq!(
        meta.document_date,
        chrono::NaiveDate::from_ymd_opt(2025, 6, 18)
    );
    assert_eq!(meta.place.as_deref(), Some("Bruxelles"));
    assert_eq!(meta.marking.as_deref(), Some("LIMITE"));

    let first = sample_fr().replace("le 18 juin 2025", "le 1er août 2025");
    let meta = parse_in(&first, Lang::Fr).unwrap().meta;
    assert_eq!(
        meta.document_date,
        chrono::NaiveDate::from_ymd_opt(2025, 8, 1)
    );
}

#[test]
fn french_headings_nest_and_classify_like_the_english() {
    let doc = fr();
    let titles: Vec<&str> = doc.headings.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Préface",
            "Cadre général",
            "Domaines de coopération",
            "Domaine d’essai numéro un",
            "Domaine d’essai numéro deux",
            "Voie à suivre",
        ]
    );
    let parents: Vec<Option<usize>> = doc.headings.iter().map(|h| h.parent).collect();
    assert_eq!(parents, [None, None, None, Some(2), Some(2), None]);
    let kinds: Vec<ParagraphKind> = doc.paragraphs.iter().map(|p| p.kind).collect();
    use ParagraphKind::{Commitment as M, Context as C};
    assert_eq!(kinds, [C, C, M, M, M, M, M]);
    assert_eq!(
        doc.counts(),
        Counts {
            paragraphs: 7,
            areas: 6,
            items: 2,
            commitments: 6
        }
    );
}

#[test]
fn french_punctuation_and_spaces_are_kept_and_end_sentences() {
    let doc = fr();
    let text = |n: u16| doc.paragraph(n).unwrap().text.clone();
    assert_eq!(
        text(1),
        "Texte d’essai du premier paragraphe, avec «\u{a0}guillemets\u{a0}» et un cœur\u{202f}; il se termine ici."
    );
    // A page break inside a paragraph is joined.
    assert_eq!(
        text(2),
        "Deuxième paragraphe d’essai, coupé par une page et repris ici sur la page suivante."
    );
    // `.` then a non-breaking space then `»` ends the paragraph: the next block is a heading.
    assert_eq!(
        text(5),
        format!("Paragraphe d’essai qui cite «{NBSP}la sécurité commune.{NBSP}»")
    );
    // "p. ex." does not end a sentence.
    assert_eq!(
        text(6),
        "Un paragraphe qui cite, p. ex. Canada et l’Union, puis se termine."
    );
    let items = &doc.paragraph(3).unwrap().items;
    assert_eq!(items[0].text, format!("premier point d’essai{NBSP};"));
    assert_eq!(
        text(3),
        format!("Les parties ont décidé ce qui suit{NBSP}:")
    );
}

#[test]
fn a_pdf_export_of_the_french_text_reads_the_same() {
    let seed = sample_fr();
    let lines = seed.lines().count();
    for width in [30, 55, 200] {
        let footers: Vec<usize> = (3..lines * 3).step_by(7).collect();
        let shaped = pdf_shape::render_in(Lang::Fr, &seed, width, &footers, true, true);
        assert!(shaped.contains("LIMITE\r\nFR\r\n") || shaped.contains("LIMITE\t\tFR"));
        let doc = parse_in(&shaped, Lang::Fr).expect("the export parses");
        assert_eq!(content_hash(&doc), content_hash(&fr()), "width {width}");
        assert_eq!(doc.meta, fr().meta, "width {width}");
    }
}

#[test]
fn a_text_without_headings_opens_with_an_implicit_preface_in_its_language() {
    let body = "1. Premier.\n2. Second.\n";
    assert_eq!(
        parse_in(body, Lang::Fr).unwrap().headings[0].title,
        "Préface"
    );
    assert_eq!(parse(body).unwrap().headings[0].title, "Preface");
}

#[test]
fn the_french_sample_lines_up_with_the_english_one() {
    let en = parse(&sample_en()).expect("the English sample parses");
    assert_eq!(align(&en.outline(), &fr().outline()), Ok(()));

    let without_heading = sample_fr().replace("Domaine d’essai numéro deux\n\n", "");
    let doc = parse_in(&without_heading, Lang::Fr).unwrap();
    assert_eq!(
        align(&en.outline(), &doc.outline())
            .unwrap_err()
            .to_string(),
        "heading 5 (“Test area two”), before paragraph 6, is missing in the French text"
    );
}
