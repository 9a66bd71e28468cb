use super::*;
use proptest::prelude::*;

const SEED: &str = include_str!("../../../seeds/eu-canada-sdp-2025.txt");

fn seed() -> Document {
    parse(SEED).expect("the seed parses")
}

fn heading_of(doc: &Document, n: u16) -> &str {
    let p = doc.paragraph(n).expect("paragraph exists");
    &doc.headings[p.heading].title
}

/// Replaces whole lines of the seed: `f` gets each line and returns its
/// replacement lines.
fn edit_seed(f: impl Fn(&str) -> Vec<String>) -> String {
    SEED.split('\n').flat_map(f).collect::<Vec<_>>().join("\n")
}

const AREAS: [&str; 20] = [
    "Support to Ukraine",
    "International peace and crisis management, including peacekeeping operations, CSDP (Common Security and Defence Policy) missions and operations, and crisis response",
    "Military Mobility and Interoperability",
    "Maritime security, including operations, exercises and capacity-building of third countries",
    "EU and Canada defence initiatives, including exchange of information on defence industrial related matters",
    "Cyber issues",
    "Countering hybrid threats, strengthening preparedness and resilience",
    "Addressing Foreign Information Manipulation and Interference (FIMI)",
    "Counterterrorism (CT), preventing/countering violent extremism (P/CVE)",
    "Arms Control, Non-Proliferation, Disarmament, conventional arms, including small arms and light weapons (SALW)",
    "Space security",
    "Emerging and Disruptive Technologies",
    "Capacity building for partners in security and defence",
    "Training and education in security and defence",
    "Cooperation in third countries and multilateral fora",
    "Peace mediation and conflict prevention",
    "Climate change and security nexus",
    "External aspects of economic security",
    "External aspects of human security",
    "Women, Peace and Security",
];

#[test]
fn seed_counts() {
    let doc = seed();
    assert_eq!(
        doc.counts(),
        Counts {
            paragraphs: 63,
            areas: 24,
            items: 7,
            commitments: 60
        }
    );
    let numbers: Vec<u16> = doc.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(numbers, (1..=63).collect::<Vec<u16>>());
}

#[test]
fn seed_metadata() {
    let meta = seed().meta;
    assert_eq!(
        meta.title,
        "Security and Defence Partnership between the European Union and Canada"
    );
    assert_eq!(meta.document_number.as_deref(), Some("9783/25"));
    assert_eq!(
        meta.document_date,
        chrono::NaiveDate::from_ymd_opt(2025, 6, 18)
    );
    assert_eq!(meta.place.as_deref(), Some("Brussels"));
    assert_eq!(meta.marking.as_deref(), Some("LIMITE"));
}

#[test]
fn seed_joins_paragraphs_split_by_page_breaks() {
    let doc = seed();
    let text = |n: u16| doc.paragraph(n).expect("exists").text.clone();
    assert!(
        text(4).contains(
            "crisis management missions and operations, including Operation EUFOR Althea"
        )
    );
    assert!(text(4).ends_with("Africa, and Asia."));
    assert!(text(24).contains("(e.g. Gulf of Guinea, IndoPacific) and of the capacities"));
    assert!(
        text(40)
            .contains("the responsible use of Artificial intelligence (AI) in the military domain")
    );
    assert!(text(40).ends_with("on lethal autonomous weapons systems."));
    assert!(text(54).contains("impact on infrastructure, equipment, training and readiness"));
    assert!(text(54).ends_with("collecting and sharing climate data and analysis."));
    // Typographic characters and emphasis markers stay as written.
    assert!(text(3).contains(
        "the EU - Canada *\"long-standing cooperation in security and defence demonstrates our joint commitment to peace and security.\"*"
    ));
    assert!(text(3).contains("climate–security nexus."));
    assert!(text(1).starts_with("The European Union (EU) and Canada face"));
    assert!(
        !doc.headings
            .iter()
            .any(|h| h.title.starts_with("Artificial"))
    );
}

#[test]
fn seed_items() {
    let doc = seed();
    let letters = |n: u16| -> Vec<char> {
        doc.paragraph(n)
            .expect("exists")
            .items
            .iter()
            .map(|i| i.letter)
            .collect()
    };
    assert_eq!(letters(9), ['a', 'b']);
    assert_eq!(letters(25), ['a', 'b', 'c', 'd', 'e']);
    let p9 = doc.paragraph(9).expect("exists");
    assert!(p9.text.ends_with("to provide steering and oversight:"));
    assert!(
        p9.items[0]
            .text
            .starts_with("A dedicated annual Security and Defence Dialogue")
    );
    let p25 = doc.paragraph(25).expect("exists");
    assert_eq!(
        p25.text,
        "The EU and Canada will enhance practical cooperation in areas such as:"
    );
    assert_eq!(
        p25.items[1].text,
        "Information sharing and enhanced coordination in responses to maritime security related threats and challenges"
    );
    assert!(
        p25.items[4]
            .text
            .ends_with("Dark Vessel Detection programme.")
    );
    let with_items: Vec<u16> = doc
        .paragraphs
        .iter()
        .filter(|p| !p.items.is_empty())
        .map(|p| p.number)
        .collect();
    assert_eq!(with_items, [9, 25]);
}

#[test]
fn seed_paragraph_areas() {
    let doc = seed();
    let table: &[(u16, u16, &str)] = &[
        (1, 8, "Preface"),
        (9, 11, "General Framework"),
        (12, 12, "Areas of Cooperation"),
        (13, 16, AREAS[0]),
        (17, 20, AREAS[1]),
        (21, 22, AREAS[2]),
        (23, 25, AREAS[3]),
        (26, 29, AREAS[4]),
        (30, 31, AREAS[5]),
        (32, 35, AREAS[6]),
        (36, 37, AREAS[7]),
        (38, 39, AREAS[8]),
        (40, 42, AREAS[9]),
        (43, 44, AREAS[10]),
        (45, 45, AREAS[11]),
        (46, 46, AREAS[12]),
        (47, 48, AREAS[13]),
        (49, 51, AREAS[14]),
        (52, 53, AREAS[15]),
        (54, 55, AREAS[16]),
        (56, 56, AREAS[17]),
        (57, 58, AREAS[18]),
        (59, 61, AREAS[19]),
        (62, 63, "Way Forward"),
    ];
    let mut covered = 0;
    for &(from, to, title) in table {
        for n in from..=to {
            assert_eq!(heading_of(&doc, n), title, "paragraph {n}");
            covered += 1;
        }
    }
    assert_eq!(covered, 63);
    for p in &doc.paragraphs {
        let kind = if p.number <= 8 {
            ParagraphKind::Context
        } else {
            ParagraphKind::Commitment
        };
        assert_eq!(p.kind, kind, "paragraph {}", p.number);
    }
}

#[test]
fn seed_heading_tree_and_slugs() {
    let doc = seed();
    let top: Vec<&str> = doc
        .headings
        .iter()
        .filter(|h| h.parent.is_none())
        .map(|h| h.title.as_str())
        .collect();
    assert_eq!(
        top,
        [
            "Preface",
            "General Framework",
            "Areas of Cooperation",
            "Way Forward"
        ]
    );
    let areas = doc
        .headings
        .iter()
        .position(|h| h.title == "Areas of Cooperation")
        .expect("exists");
    let children: Vec<&str> = doc
        .headings
        .iter()
        .filter(|h| h.parent == Some(areas))
        .map(|h| h.title.as_str())
        .collect();
    assert_eq!(children, AREAS);

    let slugs: Vec<&str> = doc.headings.iter().map(|h| h.slug.as_str()).collect();
    assert_eq!(slugs[0], "preface");
    assert_eq!(slugs[2], "areas-of-cooperation");
    assert_eq!(
        slugs[4],
        "international-peace-and-crisis-management-including"
    );
    assert_eq!(slugs[23], "way-forward");
    let unique: HashSet<&str> = slugs.iter().copied().collect();
    assert_eq!(unique.len(), slugs.len());
    for slug in slugs {
        assert!(slug.len() <= 60, "{slug}");
        assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{slug}");
        assert!(
            slug.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{slug}"
        );
    }
}

#[test]
fn seed_commitments() {
    let doc = seed();
    let refs = doc.commitments();
    assert_eq!(refs.len(), 60);
    let shown: Vec<String> = refs.iter().map(ToString::to_string).collect();
    for present in ["9(a)", "9(b)", "10", "25(a)", "25(e)", "63"] {
        assert!(shown.iter().any(|s| s == present), "{present}");
    }
    for absent in ["8", "9", "25"] {
        assert!(!shown.iter().any(|s| s == absent), "{absent}");
    }
    assert_eq!(shown.first().map(String::as_str), Some("9(a)"));
    let mut sorted = refs.clone();
    sorted.sort();
    assert_eq!(sorted, refs, "document order is reference order");
}

#[test]
fn slugs_are_cut_and_made_unique() {
    let titles: Vec<String> = [
        "Cyber issues",
        "Cyber  issues!",
        "Égalité",
        "***",
        &"word ".repeat(30),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let slugs = unique_slugs(&titles);
    assert_eq!(slugs[0], "cyber-issues");
    assert_eq!(slugs[1], "cyber-issues-2");
    assert_eq!(slugs[2], "egalite");
    assert_eq!(slugs[3], "section");
    assert_eq!(slugs[4].len(), 59);
    assert!(slugs[4].ends_with("word"));
    assert_eq!(cut_at_hyphen(&"x".repeat(70), 60).len(), 60);
}

// --- PDF-export shape -------------------------------------------------------

fn same_content(a: &Document, b: &Document) {
    assert_eq!(a.headings, b.headings);
    assert_eq!(a.paragraphs, b.paragraphs);
    assert_eq!(content_hash(a), content_hash(b));
}

/// Output line index (footers not counted) of the line equal to `needle`.
fn line_index(rendered: &str, pred: impl Fn(&str) -> bool) -> usize {
    rendered.lines().position(pred).expect("line present")
}

#[test]
fn pdf_shape_parses_like_the_seed() {
    let plain = pdf_shape::render(SEED, 90, &[], false, false);
    let after_13 = line_index(&plain, |l| l == "13.");
    let in_4 = line_index(&plain, |l| l == "4.") + 2;
    let in_40 = line_index(&plain, |l| l == "40.") + 2;
    let after_item = line_index(&plain, |l| l.starts_with("c) Naval cooperation"));
    let before_heading = line_index(&plain, |l| l == "Way Forward") - 1;
    let last = plain.lines().count() - 1;
    let footers = [
        3,
        30,
        in_4,
        in_40,
        after_13,
        after_item,
        before_heading,
        last,
    ];

    let pdf = pdf_shape::render(SEED, 90, &footers, true, true);
    assert!(pdf.starts_with('\u{feff}'));
    assert!(pdf.contains("\r\n13.\r\n9783/25"));
    assert!(pdf.contains("\r\n9783/25\r\nJF/ms\r\n"));
    assert!(pdf.contains("RELEX.5\t\tLIMITE\t\tEN\r\n\u{c}\r\n"));
    assert!(
        pdf.lines()
            .all(|l| l.trim_end().chars().count() <= 90 || l.starts_with("Subject"))
    );

    let doc = parse(&pdf).expect("the PDF shape parses");
    let expected = seed();
    same_content(&doc, &expected);
    assert_eq!(doc.meta, expected.meta);
    assert_eq!(doc.counts(), expected.counts());
}

#[test]
fn wrapped_lines_join_with_one_space() {
    let plain = pdf_shape::render(SEED, 60, &[], false, false);
    assert!(plain.contains("\n40.\nThe EU and Canada will further deepen consultations on arms\n"));
    same_content(&parse(&plain).expect("parses"), &seed());
}

fn proptest_case() -> impl Strategy<Value = (usize, Vec<usize>, bool, bool)> {
    (60usize..=120).prop_flat_map(|width| {
        let count = pdf_shape::render(SEED, width, &[], false, false)
            .lines()
            .count();
        (
            Just(width),
            prop::collection::vec(0..count, 0..=15),
            any::<bool>(),
            any::<bool>(),
        )
    })
}

proptest! {
    #[test]
    fn any_width_and_footers_parse_like_the_seed(
        (width, footers, crlf, bom) in proptest_case()
    ) {
        let pdf = pdf_shape::render(SEED, width, &footers, crlf, bom);
        let doc = parse(&pdf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let expected = seed();
        prop_assert_eq!(&doc.headings, &expected.headings);
        prop_assert_eq!(&doc.paragraphs, &expected.paragraphs);
        prop_assert_eq!(content_hash(&doc), content_hash(&expected));
    }
}

// --- rules beyond the seed --------------------------------------------------

#[test]
fn paragraph_before_any_heading_gets_an_implicit_preface() {
    let doc = parse("Subject: A test\n\n1. First.\n2. Second.\n\nWay Forward\n\n3. Third.")
        .expect("parses");
    assert_eq!(doc.meta.title, "A test");
    let titles: Vec<&str> = doc.headings.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, ["Preface", "Way Forward"]);
    assert_eq!(doc.paragraphs[0].kind, ParagraphKind::Context);
    assert_eq!(doc.paragraphs[2].kind, ParagraphKind::Commitment);
    assert_eq!(doc.paragraphs[2].heading, 1);
}

#[test]
fn headings_wrapped_across_a_page_break_stay_one_heading() {
    let text = "Subject: T\n\nAreas of Cooperation\n\n1. Intro:\n\nArms Control, Non-Proliferation,\n9783/25\n4\n\n\u{c}Disarmament and SALW\n\n2. Text.\n\nFinal Provisions\n\n3. End.";
    let doc = parse(text).expect("parses");
    let titles: Vec<(&str, Option<usize>)> = doc
        .headings
        .iter()
        .map(|h| (h.title.as_str(), h.parent))
        .collect();
    assert_eq!(
        titles,
        [
            ("Areas of Cooperation", None),
            (
                "Arms Control, Non-Proliferation, Disarmament and SALW",
                Some(0)
            ),
            ("Final Provisions", None),
        ]
    );
    assert_eq!(doc.paragraphs[0].kind, ParagraphKind::Commitment);
}

#[test]
fn page_breaks_after_abbreviations_or_before_lowercase_continue_the_paragraph() {
    let text = "Subject: T\n\nPreface\n\n1. Areas (e.g.\n\nGulf of Guinea) matter.\n\nthen more text.\n\nNext heading\n\n2. Done.";
    let doc = parse(text).expect("parses");
    assert_eq!(
        doc.paragraphs[0].text,
        "Areas (e.g. Gulf of Guinea) matter. then more text."
    );
    assert_eq!(doc.headings.len(), 2);
}

#[test]
fn terminal_punctuation() {
    for t in [
        "done.",
        "done:",
        "done;",
        "done!",
        "done?",
        "said \"done.\"",
        "*\"done.\"*",
        "done.”",
    ] {
        assert!(ends_sentence(t), "{t}");
    }
    for t in ["use of", "Guinea,", "(e.g.", "i.e.", "infrastructure,", ""] {
        assert!(!ends_sentence(t), "{t}");
    }
}

#[test]
fn footer_lines() {
    for l in [
        "9783/25",
        "12",
        "JF/ms",
        "RELEX.5",
        "LIMITE",
        "EN",
        "9783/25\t\tJF/ms\t3",
        "\u{c}RELEX.5 LIMITE EN",
    ] {
        assert!(matches!(classify_line(l), LineKind::Footer(_)), "{l:?}");
    }
    for l in [
        "13.",
        "CANADA",
        "COPS 251",
        "1325 and",
        "Cyber issues",
        "2017",
    ] {
        assert!(matches!(classify_line(l), LineKind::Text(_)), "{l:?}");
    }
    assert_eq!(classify_line("\u{c}"), LineKind::PageBreak);
    assert_eq!(classify_line(" \r"), LineKind::Blank);
}

// --- refusals ---------------------------------------------------------------

fn error_for(text: &str) -> String {
    match parse(text) {
        Ok(doc) => panic!("must be refused, parsed {:?}", doc.counts()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn refuses_a_missing_paragraph() {
    let text = edit_seed(|l| {
        if l.starts_with("17. ") {
            vec![]
        } else {
            vec![l.to_owned()]
        }
    });
    assert_eq!(
        error_for(&text),
        "paragraph 17 is missing: 16 is followed by 18"
    );
}

#[test]
fn refuses_a_duplicate_paragraph() {
    let text = edit_seed(|l| {
        if l.starts_with("17. ") {
            vec![l.to_owned(), l.to_owned()]
        } else {
            vec![l.to_owned()]
        }
    });
    assert_eq!(error_for(&text), "paragraph 17 appears twice");
}

#[test]
fn refuses_swapped_paragraphs() {
    let p17 = SEED
        .split('\n')
        .find(|l| l.starts_with("17. "))
        .expect("17");
    let p18 = SEED
        .split('\n')
        .find(|l| l.starts_with("18. "))
        .expect("18");
    let text = edit_seed(|l| {
        if l == p17 {
            vec![p18.to_owned()]
        } else if l == p18 {
            vec![p17.to_owned()]
        } else {
            vec![l.to_owned()]
        }
    });
    assert_eq!(
        error_for(&text),
        "paragraph 17 is out of order: it comes after 18"
    );
    // The shape from the other side: 17, 19, 18.
    let text = "Subject: T\n\n1. a.\n2. b.\n4. d.\n3. c.\n5. e.";
    assert_eq!(
        error_for(text),
        "paragraph 3 is out of order: it comes after 4"
    );
}

#[test]
fn refuses_a_text_not_starting_at_one() {
    let text = edit_seed(|l| {
        if l.starts_with("1. ") {
            vec![]
        } else {
            vec![l.to_owned()]
        }
    });
    assert_eq!(
        error_for(&text),
        "paragraph 1 is missing: the text starts at 2"
    );
}

#[test]
fn refuses_a_text_without_numbers() {
    let text = edit_seed(|l| match paragraph_start(l) {
        Some((_, rest)) => vec![rest.to_owned()],
        None => vec![l.to_owned()],
    });
    assert_eq!(error_for(&text), "no numbered paragraphs found");
    assert_eq!(error_for(""), "no numbered paragraphs found");
}

#[test]
fn refuses_bad_items_and_empty_paragraphs() {
    let text = edit_seed(|l| vec![l.replace(" - d) Enhanced", " - f) Enhanced")]);
    assert_eq!(
        error_for(&text),
        "paragraph 25: item f) is out of sequence, expected d)"
    );
    let text = edit_seed(|l| {
        if l.starts_with("17. ") {
            vec!["17.".to_owned()]
        } else {
            vec![l.to_owned()]
        }
    });
    assert_eq!(error_for(&text), "paragraph 17 has no text");
    let text = edit_seed(|l| {
        if l.starts_with(" - b) Existing and new") {
            vec![" - b)".to_owned()]
        } else {
            vec![l.to_owned()]
        }
    });
    // Without its text the item marker is followed directly by paragraph 10.
    assert_eq!(error_for(&text), "paragraph 9: item b) has no text");
    assert_eq!(
        error_for("Subject: T\n\nHeading\n\na) stray\n\n1. x."),
        "item a) is not inside a numbered paragraph"
    );
}
