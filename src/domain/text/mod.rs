//! Parsing the partnership text into headings, numbered paragraphs and
//! lettered items.
//!
//! The parser reads two shapes of the same document: the hand-made seed (one
//! paragraph per line, `"13. text"`) and a PDF-to-text export of the Council
//! document (numbers alone on their line, hard-wrapped lines, page footers,
//! CRLF, byte-order mark). Both must give the same [`Document`]; see
//! [`pdf_shape::render`] for the export shape the tests use. It reads the
//! English and the French version of the document alike: the French header
//! (`Bruxelles, le 18 juin 2025`, `Objet :`), footers ending in `FR`, French
//! heading names, « guillemets » and non-breaking spaces. [`align`] checks
//! that a French text lines up with the English one.
//!
//! # Rules
//!
//! *Lines.* A leading byte-order mark, `\r` before `\n` and form feeds are
//! dropped, and every line is trimmed. A line made only of footer tokens —
//! a document number (`9783/25`), a page number (1–3 digits, no dot), author
//! initials (`JF/ms`), a directorate code (`RELEX.5`), `LIMITE`, `EN`, `FR` — is a
//! page footer, and a line holding only form feeds is a page break. Both are
//! removed from the body wherever they occur and do not count as blank lines,
//! so a page footer never splits a paragraph.
//!
//! *Preamble.* Everything up to the `Subject:` (`Objet :`) line (plus its continuation
//! lines up to the next blank line) and the all-capitals title blocks right
//! after it is preamble: metadata is read from it and it contributes no
//! headings. Without a `Subject:` line before the first numbered paragraph
//! there is no preamble and the title falls back to the first text line.
//!
//! *Body.* A line `^[1-9]\d{0,2}\.(\s|$)` starts a paragraph, and a line like
//! `a) text`, `- a) text` or `(a) text` (one lowercase letter) starts an item
//! of the open paragraph. Any other line continues the current element when
//! it is inside a blank-line-separated block. A block that starts with such a
//! line, after a blank line:
//! 1. continues the open paragraph or item when its text does not end a
//!    sentence (`. : ; ! ?`, optionally followed by closing quotes, `»`, `*`
//!    and spaces; abbreviations like `e.g.` or `p. ex.` do not end a
//!    sentence) or when the block
//!    starts with a lowercase letter — page breaks split paragraphs this way;
//! 2. otherwise continues the previous heading when no paragraph came after
//!    it — long headings wrap;
//! 3. otherwise is a new heading. `[Preface]` loses its brackets.
//!
//! Lines are joined with one space. A paragraph before any heading goes under
//! an implicit "Preface" heading ("Préface" in French, see [`parse_in`]).
//!
//! *Headings.* Headings after one titled "Areas of Cooperation" or "Domaines
//! de coopération" (any case) are its children until a heading from a small
//! top-level set ("Way Forward", "Voie à suivre", "Final Provisions", …).
//! Paragraphs under a preface-like heading ("Preface", "Préface",
//! "Introduction", "Context", "Contexte", "Background") are
//! [`ParagraphKind::Context`]; all others are [`ParagraphKind::Commitment`].
//!
//! *Numbering.* Paragraphs must run 1, 2, 3, … and items a, b, c, …; the
//! first violation in document order is reported (see [`ParseError`]).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use sha2::{Digest, Sha256};

use super::{commitment_ref::CommitmentRef, lang::Lang};

mod align;
pub mod pdf_shape;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_fr;

pub use align::{Misalignment, Outline, OutlineParagraph, align};

/// A parsed partnership document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Data read from the preamble.
    pub meta: Metadata,
    /// Headings in document order; [`Paragraph::heading`] and
    /// [`Heading::parent`] index into this list.
    pub headings: Vec<Heading>,
    /// Numbered paragraphs in document order, numbered 1..=n.
    pub paragraphs: Vec<Paragraph>,
}

/// Document metadata read from the preamble.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// The `Subject:` line, e.g. "Security and Defence Partnership between
    /// the European Union and Canada".
    pub title: String,
    /// Council document number, e.g. "9783/25".
    pub document_number: Option<String>,
    /// Date of the place/date line ("Brussels, 18 June 2025").
    pub document_date: Option<chrono::NaiveDate>,
    /// Place of the place/date line, e.g. "Brussels".
    pub place: Option<String>,
    /// Distribution marking, e.g. "LIMITE".
    pub marking: Option<String>,
}

/// A section heading (an "area" of the partnership).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Title as written, without surrounding brackets.
    pub title: String,
    /// Lowercase ASCII words joined by hyphens, at most 60 characters (cut
    /// at a hyphen), unique within the document.
    pub slug: String,
    /// Index of the enclosing heading in [`Document::headings`].
    pub parent: Option<usize>,
}

/// A numbered paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Paragraph number as printed.
    pub number: u16,
    /// Index of the heading it stands under in [`Document::headings`].
    pub heading: usize,
    /// Whether it describes the context or commits the parties.
    pub kind: ParagraphKind,
    /// Text without the number; for a paragraph with items only the lead-in
    /// before the first item.
    pub text: String,
    /// Lettered items, in order a, b, c, …
    pub items: Vec<Item>,
}

/// A lettered item of a paragraph, e.g. 25(c).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Lowercase letter `a`–`z`.
    pub letter: char,
    /// Text without the `a)` marker.
    pub text: String,
}

/// What a paragraph does.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    /// Background and context (the preface).
    Context,
    /// Something the parties undertake to do; tracked.
    Commitment,
}

impl ParagraphKind {
    /// Stable lowercase name: "context" or "commitment".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Context => "context",
            Self::Commitment => "commitment",
        }
    }
}

/// Size figures of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Numbered paragraphs.
    pub paragraphs: usize,
    /// Headings, nested ones included.
    pub areas: usize,
    /// Lettered items over all paragraphs.
    pub items: usize,
    /// Trackable units, see [`Document::commitments`].
    pub commitments: usize,
}

impl Document {
    /// Size figures; for the seed 63 paragraphs, 24 areas, 7 items and 60
    /// commitments.
    pub fn counts(&self) -> Counts {
        Counts {
            paragraphs: self.paragraphs.len(),
            areas: self.headings.len(),
            items: self.paragraphs.iter().map(|p| p.items.len()).sum(),
            commitments: self.commitments().len(),
        }
    }

    /// Trackable units: every Commitment paragraph without items, and every
    /// item of a Commitment paragraph that has items, in document order.
    pub fn commitments(&self) -> Vec<CommitmentRef> {
        let mut refs = Vec::new();
        for p in &self.paragraphs {
            if p.kind != ParagraphKind::Commitment {
                continue;
            }
            if p.items.is_empty() {
                refs.push(CommitmentRef::paragraph(p.number));
            } else {
                refs.extend(
                    p.items
                        .iter()
                        .map(|i| CommitmentRef::item(p.number, i.letter)),
                );
            }
        }
        refs
    }

    /// The paragraph with this number.
    pub fn paragraph(&self, n: u16) -> Option<&Paragraph> {
        self.paragraphs.iter().find(|p| p.number == n)
    }
}

/// Why a text could not be parsed. Messages name the paragraph concerned.
///
/// Numbering is checked in document order against the invariant that the
/// paragraphs seen so far are exactly 1..=k. When the next number is not
/// k+1: a number seen before is a duplicate; otherwise, if k+1 appears later
/// in the text it is out of order (reported with the paragraph it follows),
/// and if it appears nowhere it is missing. So a swap of 17 and 18 reports
/// "paragraph 17 is out of order: it comes after 18", a removed 17 a gap and
/// a repeated 17 a duplicate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The body has no line starting with a paragraph number.
    #[error("no numbered paragraphs found")]
    NoParagraphs,
    /// The first paragraph is not 1 and 1 appears nowhere.
    #[error("paragraph 1 is missing: the text starts at {first}")]
    FirstMissing {
        /// The number the text starts with.
        first: u16,
    },
    /// A paragraph number is skipped.
    #[error("paragraph {missing} is missing: {before} is followed by {after}")]
    Missing {
        /// The skipped number.
        missing: u16,
        /// The paragraph before the gap.
        before: u16,
        /// The paragraph after the gap.
        after: u16,
    },
    /// A paragraph number is used twice.
    #[error("paragraph {number} appears twice")]
    Duplicate {
        /// The repeated number.
        number: u16,
    },
    /// A paragraph appears later than its number says.
    #[error("paragraph {number} is out of order: it comes after {after}")]
    OutOfOrder {
        /// The misplaced paragraph.
        number: u16,
        /// The paragraph it follows in the text.
        after: u16,
    },
    /// A paragraph has neither text nor items.
    #[error("paragraph {number} has no text")]
    EmptyParagraph {
        /// The empty paragraph.
        number: u16,
    },
    /// An item has no text.
    #[error("paragraph {number}: item {letter}) has no text")]
    EmptyItem {
        /// The paragraph of the item.
        number: u16,
        /// The item letter.
        letter: char,
    },
    /// Item letters do not run a, b, c, …
    #[error("paragraph {number}: item {letter}) is out of sequence, expected {expected})")]
    ItemOutOfSequence {
        /// The paragraph of the item.
        number: u16,
        /// The letter found.
        letter: char,
        /// The letter expected at this place.
        expected: char,
    },
    /// An item follows a heading or starts the body instead of following a
    /// numbered paragraph.
    #[error("item {letter}) is not inside a numbered paragraph")]
    ItemOutsideParagraph {
        /// The item letter.
        letter: char,
    },
}

/// Parses a partnership text in English, in seed or PDF-export shape.
///
/// Errors are checked in this order: no paragraphs at all, an item outside
/// any paragraph, then numbering and empty texts in document order.
pub fn parse(input: &str) -> Result<Document, ParseError> {
    parse_in(input, Lang::En)
}

/// Parses a partnership text written in `lang`. The shapes and rules are the
/// same for both languages; the language only names the implicit heading of
/// paragraphs that come before any heading.
pub fn parse_in(input: &str, lang: Lang) -> Result<Document, ParseError> {
    let lines = classify_lines(input);
    let preamble = read_preamble(&lines);
    let draft = build_body(&lines[preamble.end..], implicit_preface(lang));

    if draft.paragraphs.is_empty() {
        return Err(ParseError::NoParagraphs);
    }
    if let Some(letter) = draft.orphan_item {
        return Err(ParseError::ItemOutsideParagraph { letter });
    }
    validate(&draft.paragraphs)?;

    let titles: Vec<String> = draft.headings.iter().map(|h| clean_heading(h)).collect();
    let parents = heading_parents(&titles);
    let slugs = unique_slugs(&titles);
    let headings: Vec<Heading> = titles
        .into_iter()
        .zip(slugs)
        .zip(parents)
        .map(|((title, slug), parent)| Heading {
            title,
            slug,
            parent,
        })
        .collect();

    let paragraphs = draft
        .paragraphs
        .into_iter()
        .map(|p| {
            let context = headings
                .get(p.heading)
                .is_some_and(|h| CONTEXT_HEADINGS.contains(&heading_key(&h.title).as_str()));
            Paragraph {
                number: p.number,
                heading: p.heading,
                kind: if context {
                    ParagraphKind::Context
                } else {
                    ParagraphKind::Commitment
                },
                text: p.text,
                items: p
                    .items
                    .into_iter()
                    .map(|(letter, text)| Item { letter, text })
                    .collect(),
            }
        })
        .collect();

    Ok(Document {
        meta: read_metadata(&lines[..preamble.end], preamble.subject),
        headings,
        paragraphs,
    })
}

/// SHA-256 (hex) of the document content: headings (title, parent) and
/// paragraphs (number, heading, kind, text, items), with whitespace runs
/// collapsed. Metadata and slugs are left out, so the seed and its PDF
/// export hash the same.
pub fn content_hash(doc: &Document) -> String {
    // Unit/record separators cannot occur in the text, so the encoding is
    // unambiguous without escaping.
    const UNIT: &str = "\u{1f}";
    const RECORD: &str = "\u{1e}";
    let mut hasher = Sha256::new();
    let mut record = |fields: &[&str]| {
        hasher.update(fields.join(UNIT).as_bytes());
        hasher.update(RECORD.as_bytes());
    };
    for (i, h) in doc.headings.iter().enumerate() {
        let parent = h.parent.map_or_else(String::new, |p| p.to_string());
        record(&["H", &i.to_string(), &parent, &collapse_ws(&h.title)]);
    }
    for p in &doc.paragraphs {
        record(&[
            "P",
            &p.number.to_string(),
            &p.heading.to_string(),
            p.kind.as_str(),
            &collapse_ws(&p.text),
        ]);
        for item in &p.items {
            record(&["I", &item.letter.to_string(), &collapse_ws(&item.text)]);
        }
    }
    hex::encode(hasher.finalize())
}

// ---------------------------------------------------------------------------
// Lines

/// What a physical line is, after BOM/CR/form-feed removal and trimming.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind<'a> {
    Blank,
    /// A line of only form feeds: a page break, not a blank line.
    PageBreak,
    /// A line made only of page-footer tokens.
    Footer(&'a str),
    Text(&'a str),
}

/// Splits into lines (LF or CRLF) without the BOM and classifies each one.
fn classify_lines(input: &str) -> Vec<LineKind<'_>> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    input.split('\n').map(classify_line).collect()
}

fn classify_line(line: &str) -> LineKind<'_> {
    // `trim` also removes `\r` and form feeds (both are Unicode whitespace).
    let t = line.trim();
    if t.is_empty() {
        if line.contains('\u{c}') {
            LineKind::PageBreak
        } else {
            LineKind::Blank
        }
    } else if t.split_whitespace().all(is_footer_token) {
        LineKind::Footer(t)
    } else {
        LineKind::Text(t)
    }
}

static DOC_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,5}/\d{2}$").expect("valid regex"));
static FOOTER_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    // document number | page number | author initials | directorate code
    Regex::new(
        r"^(?:\d{1,5}/\d{2}|\d{1,3}|[A-Z]{1,4}/[a-z]{1,4}|[A-Z]{2,}(?:\.[A-Z0-9]+)+|LIMITE|EN|FR)$",
    )
    .expect("valid regex")
});

fn is_footer_token(token: &str) -> bool {
    FOOTER_TOKEN.is_match(token)
}

static PARAGRAPH_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([1-9]\d{0,2})\.(?:\s+(.*))?$").expect("valid regex"));
static ITEM_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-–—•]\s*)?\(?([a-z])\)(?:\s+(.*))?$").expect("valid regex"));

/// `"13. text"` → `(13, "text")`; `"13."` → `(13, "")`.
fn paragraph_start(line: &str) -> Option<(u16, &str)> {
    let caps = PARAGRAPH_START.captures(line)?;
    let number = caps.get(1)?.as_str().parse().ok()?;
    Some((number, caps.get(2).map_or("", |m| m.as_str())))
}

/// `"- a) text"` / `"a) text"` / `"(a) text"` → `('a', "text")`.
fn item_start(line: &str) -> Option<(char, &str)> {
    let caps = ITEM_START.captures(line)?;
    let letter = caps.get(1)?.as_str().chars().next()?;
    Some((letter, caps.get(2).map_or("", |m| m.as_str())))
}

// ---------------------------------------------------------------------------
// Preamble and metadata

struct Preamble<'a> {
    /// Index of the first body line.
    end: usize,
    /// Subject text lines, if there is a `Subject:` line.
    subject: Option<Vec<&'a str>>,
}

static SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:subject|objet)\s*:\s*(.*)$").expect("valid regex"));

/// Finds where the body starts (see the module docs).
fn read_preamble<'a>(lines: &[LineKind<'a>]) -> Preamble<'a> {
    let first_paragraph = lines
        .iter()
        .position(|l| matches!(l, LineKind::Text(t) if paragraph_start(t).is_some()))
        .unwrap_or(lines.len());
    let found = lines[..first_paragraph]
        .iter()
        .enumerate()
        .find_map(|(i, l)| match l {
            LineKind::Text(t) => SUBJECT
                .captures(t)
                .and_then(|c| c.get(1))
                .map(|m| (i, m.as_str())),
            _ => None,
        });
    let Some((subject_at, first)) = found else {
        return Preamble {
            end: 0,
            subject: None,
        };
    };

    // A wrapped subject goes on until the next blank line.
    let mut subject = vec![first];
    let mut i = subject_at + 1;
    while let Some(line) = lines.get(i) {
        match line {
            LineKind::Text(t) if paragraph_start(t).is_none() => subject.push(t),
            LineKind::Text(_) | LineKind::Blank => break,
            LineKind::Footer(_) | LineKind::PageBreak => {}
        }
        i += 1;
    }

    // Then the all-capitals title blocks ("SECURITY AND DEFENCE ...").
    let mut end = i;
    loop {
        let mut j = end;
        while matches!(lines.get(j), Some(l) if !matches!(l, LineKind::Text(_))) {
            j += 1;
        }
        let mut k = j;
        let mut title_block = false;
        while let Some(line) = lines.get(k) {
            match line {
                LineKind::Text(t) if is_title_line(t) => title_block = true,
                LineKind::Text(_) => {
                    title_block = false;
                    break;
                }
                LineKind::Footer(_) | LineKind::PageBreak => {}
                LineKind::Blank => break,
            }
            k += 1;
        }
        if !title_block {
            break;
        }
        end = k;
    }
    Preamble {
        end,
        subject: Some(subject),
    }
}

fn is_title_line(line: &str) -> bool {
    line.chars().any(char::is_alphabetic)
        && !line.chars().any(char::is_lowercase)
        && paragraph_start(line).is_none()
}

/// "Brussels, 18 June 2025"; "Bruxelles, le 18 juin 2025", "Bruxelles, le 1er juin 2025".
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{L}[\p{L} .'’-]*?),\s*(?:le\s+)?(\d{1,2})(?:er)?\s+(\p{L}+)\s+(\d{4})$")
        .expect("valid regex")
});

const MARKINGS: &[&str] = &[
    "LIMITE",
    "PUBLIC",
    "RESTREINT UE/EU RESTRICTED",
    "CONFIDENTIEL UE/EU CONFIDENTIAL",
    "SECRET UE/EU SECRET",
];

/// Reads metadata from the preamble lines. Footer-shaped lines count here:
/// the document number and `LIMITE` in the preamble look exactly like them.
fn read_metadata(preamble: &[LineKind<'_>], subject: Option<Vec<&str>>) -> Metadata {
    let texts = || {
        preamble.iter().filter_map(|l| match l {
            LineKind::Text(t) | LineKind::Footer(t) => Some(*t),
            LineKind::Blank | LineKind::PageBreak => None,
        })
    };
    let (place, document_date) = texts()
        .find_map(|t| {
            let c = PLACE_DATE.captures(t)?;
            let day = c.get(2)?.as_str().parse().ok()?;
            let month = month_number(c.get(3)?.as_str())?;
            let year = c.get(4)?.as_str().parse().ok()?;
            let date = chrono::NaiveDate::from_ymd_opt(year, month, day)?;
            Some((Some(c.get(1)?.as_str().trim().to_owned()), Some(date)))
        })
        .unwrap_or((None, None));
    let document_number = texts()
        .find_map(|t| {
            t.split_whitespace()
                .next()
                .filter(|w| DOC_NUMBER.is_match(w))
        })
        .map(str::to_owned);
    let marking = texts()
        .find(|t| MARKINGS.contains(&collapse_ws(t).as_str()))
        .map(collapse_ws);
    let title = match subject {
        Some(lines) => lines.join(" ").trim().to_owned(),
        // No preamble: the best guess is the first line of the text.
        None => texts().next().unwrap_or_default().to_owned(),
    };
    Metadata {
        title,
        document_number,
        document_date,
        place,
        marking,
    }
}

/// The month (1–12) of an English or French month name, in any case.
fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    let index = Lang::ALL.iter().find_map(|lang| {
        lang.month_names()
            .iter()
            .position(|m| m.to_lowercase() == name)
    })?;
    u32::try_from(index + 1).ok()
}

// ---------------------------------------------------------------------------
// Body

/// A paragraph before validation.
struct DraftParagraph {
    number: u16,
    heading: usize,
    text: String,
    items: Vec<(char, String)>,
}

struct Draft {
    /// Raw heading texts (brackets not yet stripped).
    headings: Vec<String>,
    paragraphs: Vec<DraftParagraph>,
    /// Letter of the first item found outside a paragraph.
    orphan_item: Option<char>,
}

/// The element that continuation lines extend.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Heading,
    Paragraph,
    Item,
}

/// The heading of paragraphs that come before any heading.
fn implicit_preface(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Preface",
        Lang::Fr => "Préface",
    }
}

/// Groups body lines into headings, paragraphs and items (module docs, *Body*).
fn build_body(lines: &[LineKind<'_>], implicit_preface: &str) -> Draft {
    let mut draft = Draft {
        headings: Vec::new(),
        paragraphs: Vec::new(),
        orphan_item: None,
    };
    let mut open = Open::Nothing;
    let mut block_start = true;
    for line in lines {
        let text = match *line {
            LineKind::Blank => {
                block_start = true;
                continue;
            }
            // Footers and page breaks are invisible: they neither end a
            // block nor add text.
            LineKind::Footer(_) | LineKind::PageBreak => continue,
            LineKind::Text(t) => t,
        };
        let new_block = std::mem::replace(&mut block_start, false);

        if let Some((number, rest)) = paragraph_start(text) {
            if draft.headings.is_empty() {
                draft.headings.push(implicit_preface.to_owned());
            }
            draft.paragraphs.push(DraftParagraph {
                number,
                heading: draft.headings.len() - 1,
                text: rest.to_owned(),
                items: Vec::new(),
            });
            open = Open::Paragraph;
            continue;
        }
        if let Some((letter, rest)) = item_start(text) {
            match (open, draft.paragraphs.last_mut()) {
                (Open::Paragraph | Open::Item, Some(p)) => {
                    p.items.push((letter, rest.to_owned()));
                    open = Open::Item;
                }
                _ => {
                    draft.orphan_item.get_or_insert(letter);
                }
            }
            continue;
        }

        let continues = if !new_block {
            open != Open::Nothing
        } else {
            match open {
                Open::Paragraph | Open::Item => {
                    let ended = open_text(&mut draft, open).is_some_and(|t| ends_sentence(t));
                    // A heading never starts with a lowercase letter.
                    !ended || text.chars().next().is_some_and(char::is_lowercase)
                }
                Open::Heading => true,
                Open::Nothing => false,
            }
        };
        match open_text(&mut draft, open) {
            Some(target) if continues => append(target, text),
            _ => {
                draft.headings.push(text.to_owned());
                open = Open::Heading;
            }
        }
    }
    draft
}

/// The text that a continuation line of `open` extends.
fn open_text(draft: &mut Draft, open: Open) -> Option<&mut String> {
    match open {
        Open::Nothing => None,
        Open::Heading => draft.headings.last_mut(),
        Open::Paragraph => draft.paragraphs.last_mut().map(|p| &mut p.text),
        Open::Item => draft
            .paragraphs
            .last_mut()
            .and_then(|p| p.items.last_mut())
            .map(|(_, t)| t),
    }
}

fn append(target: &mut String, piece: &str) {
    if !target.is_empty() {
        target.push(' ');
    }
    target.push_str(piece);
}

/// Whether a text ends a sentence: `. : ; ! ?`, possibly followed by closing
/// quotes or the `*` emphasis marker, but not an abbreviation like "e.g.".
/// French puts a (non-breaking) space before `: ; ! ?` and inside « », so
/// spaces among the closing marks do not count.
fn ends_sentence(text: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "e.g.", "i.e.", "i.a.", "cf.", "viz.", "no.", "art.", "para.", "incl.", "vs.", "ex.",
        "c.-à-d.",
    ];
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»' | '*')
    });
    let last_word = t
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(['(', '[', '"', '“', '‘'])
        .to_lowercase();
    t.ends_with(['.', ':', ';', '!', '?']) && !ABBREVIATIONS.contains(&last_word.as_str())
}

/// Checks numbering, empty texts and item letters in document order.
fn validate(paragraphs: &[DraftParagraph]) -> Result<(), ParseError> {
    let numbers: Vec<u16> = paragraphs.iter().map(|p| p.number).collect();
    let mut seen = HashSet::new();
    let mut previous: Option<u16> = None;
    for (i, p) in paragraphs.iter().enumerate() {
        let number = p.number;
        if !seen.insert(number) {
            return Err(ParseError::Duplicate { number });
        }
        // Everything seen so far is exactly 1..=previous, so an unseen
        // number that is not the expected one is larger than it.
        let expected = previous.map_or(1, |n| n + 1);
        if number != expected {
            let later = numbers.get(i + 1..).unwrap_or_default();
            if let Some(j) = later.iter().position(|&n| n == expected) {
                // `numbers[i + j]` is the paragraph right before it.
                let after = numbers.get(i + j).copied().unwrap_or(number);
                return Err(ParseError::OutOfOrder {
                    number: expected,
                    after,
                });
            }
            return Err(match previous {
                None => ParseError::FirstMissing { first: number },
                Some(before) => ParseError::Missing {
                    missing: expected,
                    before,
                    after: number,
                },
            });
        }
        if p.text.is_empty() && p.items.is_empty() {
            return Err(ParseError::EmptyParagraph { number });
        }
        let mut expected_letter = 'a';
        for (letter, text) in &p.items {
            if *letter != expected_letter {
                return Err(ParseError::ItemOutOfSequence {
                    number,
                    letter: *letter,
                    expected: expected_letter,
                });
            }
            if text.is_empty() {
                return Err(ParseError::EmptyItem {
                    number,
                    letter: *letter,
                });
            }
            expected_letter = char::from_u32(u32::from(expected_letter) + 1).unwrap_or('?');
        }
        previous = Some(number);
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Headings

/// Headings whose following headings nest under them.
const CONTAINER_HEADINGS: &[&str] = &[
    "areas of cooperation",
    "areas for cooperation",
    "areas of co-operation",
    "domaines de coopération",
];
/// Headings that end a container's run of children.
const TOP_LEVEL_HEADINGS: &[&str] = &[
    "preface",
    "introduction",
    "general framework",
    "general provisions",
    "way forward",
    "the way forward",
    "next steps",
    "implementation",
    "final provisions",
    "conclusion",
    "conclusions",
    "préface",
    "cadre général",
    "dispositions générales",
    "voie à suivre",
    "la voie à suivre",
    "prochaines étapes",
    "mise en œuvre",
    "dispositions finales",
];
/// Headings whose paragraphs are context rather than commitments.
const CONTEXT_HEADINGS: &[&str] = &[
    "preface",
    "introduction",
    "context",
    "background",
    "préface",
    "contexte",
];

/// `"[Preface]"` → `"Preface"`.
fn clean_heading(raw: &str) -> String {
    let t = raw.trim();
    t.strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(t)
        .trim()
        .to_owned()
}

/// Comparison key of a heading title: lowercase, single spaces, no trailing
/// colon or full stop.
fn heading_key(title: &str) -> String {
    collapse_ws(title)
        .trim_end_matches([':', '.'])
        .trim_end()
        .to_lowercase()
}

fn heading_parents(titles: &[String]) -> Vec<Option<usize>> {
    let mut container = None;
    titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let key = heading_key(title);
            if CONTAINER_HEADINGS.contains(&key.as_str()) {
                container = Some(i);
                None
            } else if TOP_LEVEL_HEADINGS.contains(&key.as_str()) {
                container = None;
                None
            } else {
                container
            }
        })
        .collect()
}

const MAX_SLUG: usize = 60;

fn unique_slugs(titles: &[String]) -> Vec<String> {
    let mut used = HashSet::new();
    titles
        .iter()
        .map(|title| {
            let base = slugify(title);
            let mut slug = cut_at_hyphen(&base, MAX_SLUG).to_owned();
            let mut n = 2;
            while used.contains(&slug) {
                let suffix = format!("-{n}");
                slug = format!("{}{suffix}", cut_at_hyphen(&base, MAX_SLUG - suffix.len()));
                n += 1;
            }
            used.insert(slug.clone());
            slug
        })
        .collect()
}

/// Lowercase ASCII letters and digits, other runs replaced by one hyphen.
fn slugify(title: &str) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for c in title.chars().map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// Common accented Latin letters → their ASCII base letter.
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        other => other,
    }
}

/// At most `max` bytes of an ASCII slug, cut at a hyphen when it is too long.
fn cut_at_hyphen(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    let head = slug.get(..max).unwrap_or(slug);
    if slug.as_bytes().get(max) == Some(&b'-') {
        return head;
    }
    match head.rfind('-') {
        Some(cut) => &head[..cut],
        // One long word: cut inside it rather than exceed the limit.
        None => head,
    }
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
