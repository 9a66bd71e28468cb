//! Whether the French text lines up with the English one: the same paragraph
//! numbers, the same item letters in each paragraph, the same number of
//! headings, and each paragraph under the heading at the same position.
//! Only the shape is compared, never the words (the two texts are in two
//! languages); heading nesting is the English text's.

use std::fmt;

use super::Document;

/// The shape of a text without its words: what [`align`] compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// Heading titles in document order (only to name them in messages).
    pub headings: Vec<String>,
    /// Paragraphs in document order.
    pub paragraphs: Vec<OutlineParagraph>,
}

/// One paragraph of an [`Outline`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineParagraph {
    pub number: u16,
    /// Index into [`Outline::headings`] of the heading it stands under.
    pub heading: usize,
    /// Its item letters in order (empty without items).
    pub letters: Vec<char>,
}

impl Document {
    /// The shape of this document, to align another language's text with it.
    pub fn outline(&self) -> Outline {
        Outline {
            headings: self.headings.iter().map(|h| h.title.clone()).collect(),
            paragraphs: self
                .paragraphs
                .iter()
                .map(|p| OutlineParagraph {
                    number: p.number,
                    heading: p.heading,
                    letters: p.items.iter().map(|i| i.letter).collect(),
                })
                .collect(),
        }
    }
}

/// The first place, in document order, where the French text does not line
/// up with the English. Headings are numbered from 1 in the messages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Misalignment {
    /// An English heading has no French counterpart at its place.
    #[error("heading {position} (“{title}”){} is missing in the French text", Before(*.before))]
    HeadingMissing {
        position: usize,
        /// The English title.
        title: String,
        /// The paragraph that follows it in the English text.
        before: Option<u16>,
    },
    /// The French text has a heading where the English text has none.
    #[error("heading {position} of the French text (“{title}”){} is not in the English text", Before(*.before))]
    HeadingExtra {
        position: usize,
        /// The French title.
        title: String,
        /// The paragraph that follows it in the French text.
        before: Option<u16>,
    },
    #[error("paragraph {number} is missing in the French text")]
    ParagraphMissing { number: u16 },
    #[error("paragraph {number} of the French text is not in the English text")]
    ParagraphExtra { number: u16 },
    #[error("paragraph {number}: item {letter}) is missing in the French text")]
    ItemMissing { number: u16, letter: char },
    #[error("paragraph {number}: item {letter}) of the French text is not in the English text")]
    ItemExtra { number: u16, letter: char },
}

/// ", before paragraph 13," or nothing.
struct Before(Option<u16>);

impl fmt::Display for Before {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(n) => write!(f, ", before paragraph {n},"),
            None => Ok(()),
        }
    }
}

/// One element of a text in document order.
#[derive(Clone, Copy)]
enum Step<'a> {
    Heading(usize),
    Paragraph(&'a OutlineParagraph),
}

/// Headings and paragraphs interleaved in document order: each heading comes
/// right before the paragraphs under it.
fn steps(outline: &Outline) -> Vec<Step<'_>> {
    let mut out = Vec::with_capacity(outline.headings.len() + outline.paragraphs.len());
    let mut next_heading = 0;
    for p in &outline.paragraphs {
        while next_heading <= p.heading && next_heading < outline.headings.len() {
            out.push(Step::Heading(next_heading));
            next_heading += 1;
        }
        out.push(Step::Paragraph(p));
    }
    out.extend((next_heading..outline.headings.len()).map(Step::Heading));
    out
}

/// The paragraph that follows position `at` of `steps`.
fn next_paragraph(steps: &[Step<'_>], at: usize) -> Option<u16> {
    steps.get(at..)?.iter().find_map(|s| match s {
        Step::Paragraph(p) => Some(p.number),
        Step::Heading(_) => None,
    })
}

fn has(outline: &Outline, number: u16) -> bool {
    outline.paragraphs.iter().any(|p| p.number == number)
}

/// Checks that `french` lines up with `english`; the error is the first
/// mismatch in document order.
pub fn align(english: &Outline, french: &Outline) -> Result<(), Misalignment> {
    let en = steps(english);
    let fr = steps(french);
    let title = |outline: &Outline, i: usize| outline.headings.get(i).cloned().unwrap_or_default();
    let missing_heading = |at: usize, i: usize| Misalignment::HeadingMissing {
        position: i + 1,
        title: title(english, i),
        before: next_paragraph(&en, at),
    };
    let extra_heading = |at: usize, i: usize| Misalignment::HeadingExtra {
        position: i + 1,
        title: title(french, i),
        before: next_paragraph(&fr, at),
    };
    for at in 0..en.len().max(fr.len()) {
        match (en.get(at).copied(), fr.get(at).copied()) {
            (Some(Step::Heading(_)), Some(Step::Heading(_))) | (None, None) => {}
            // A heading against a paragraph: the paragraph is missing from (or extra in) the
            // other text if its number is nowhere there, else the heading is.
            (Some(Step::Paragraph(e)), Some(Step::Heading(_))) if !has(french, e.number) => {
                return Err(Misalignment::ParagraphMissing { number: e.number });
            }
            (Some(Step::Heading(_)), Some(Step::Paragraph(f))) if !has(english, f.number) => {
                return Err(Misalignment::ParagraphExtra { number: f.number });
            }
            (Some(Step::Heading(i)), _) => return Err(missing_heading(at, i)),
            (_, Some(Step::Heading(i))) => return Err(extra_heading(at, i)),
            (Some(Step::Paragraph(p)), None) => {
                return Err(Misalignment::ParagraphMissing { number: p.number });
            }
            (None, Some(Step::Paragraph(p))) => {
                return Err(Misalignment::ParagraphExtra { number: p.number });
            }
            (Some(Step::Paragraph(e)), Some(Step::Paragraph(f))) => {
                if e.number < f.number {
                    return Err(Misalignment::ParagraphMissing { number: e.number });
                }
                if f.number < e.number {
                    return Err(Misalignment::ParagraphExtra { number: f.number });
                }
                items(e, f)?;
            }
        }
    }
    Ok(())
}

/// The first item letter of paragraph `e` that `f` lacks, or that `f` has in excess.
fn items(e: &OutlineParagraph, f: &OutlineParagraph) -> Result<(), Misalignment> {
    let number = e.number;
    for at in 0..e.letters.len().max(f.letters.len()) {
        match (e.letters.get(at), f.letters.get(at)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(&letter), None) => return Err(Misalignment::ItemMissing { number, letter }),
            (None, Some(&letter)) => return Err(Misalignment::ItemExtra { number, letter }),
            // Both texts are checked to run a, b, c, … so letters differ only after one of
            // them stopped; name the English one.
            (Some(&letter), Some(_)) => return Err(Misalignment::ItemMissing { number, letter }),
            (None, None) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An outline from a compact description: `H` a heading, a number a paragraph, letters
    /// after it (`25abc`) its items.
    fn outline(spec: &str) -> Outline {
        let mut o = Outline {
            headings: Vec::new(),
            paragraphs: Vec::new(),
        };
        for token in spec.split_whitespace() {
            if let Some(title) = token.strip_prefix('H') {
                o.headings.push(title.to_owned());
                continue;
            }
            let digits: String = token.chars().take_while(char::is_ascii_digit).collect();
            o.paragraphs.push(OutlineParagraph {
                number: digits.parse().unwrap(),
                heading: o.headings.len() - 1,
                letters: token[digits.len()..].chars().collect(),
            });
        }
        o
    }

    #[test]
    fn the_first_mismatch_is_named() {
        let english = "HPreface 1 2 HFramework 3ab 4 HAreas 5 HUkraine 6 7abc HWay 8";
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("same shape", "HP 1 2 HF 3ab 4 HA 5 HU 6 7abc HW 8", None),
            (
                "missing paragraph",
                "HP 1 2 HF 3ab HA 5 HU 6 7abc HW 8",
                Some("paragraph 4 is missing in the French text"),
            ),
            (
                "missing first paragraph of an area",
                "HP 1 2 HF 3ab 4 HA 5 HU 7abc HW 8",
                Some("paragraph 6 is missing in the French text"),
            ),
            (
                "extra paragraph at the end",
                "HP 1 2 HF 3ab 4 HA 5 HU 6 7abc HW 8 9",
                Some("paragraph 9 of the French text is not in the English text"),
            ),
            (
                "last paragraph missing",
                "HP 1 2 HF 3ab 4 HA 5 HU 6 7abc HW",
                Some("paragraph 8 is missing in the French text"),
            ),
            (
                "missing item",
                "HP 1 2 HF 3a 4 HA 5 HU 6 7abc HW 8",
                Some("paragraph 3: item b) is missing in the French text"),
            ),
            (
                "extra item",
                "HP 1 2 HF 3ab 4 HA 5 HU 6 7abcd HW 8",
                Some("paragraph 7: item d) of the French text is not in the English text"),
            ),
            (
                "items where the English has none",
                "HP 1 2 HF 3ab 4 HA 5 HU 6a 7abc HW 8",
                Some("paragraph 6: item a) of the French text is not in the English text"),
            ),
            (
                "missing heading",
                "HP 1 2 HF 3ab 4 HA 5 6 7abc HW 8",
                Some("heading 4 (“Ukraine”), before paragraph 6, is missing in the French text"),
            ),
            (
                "missing last heading",
                "HP 1 2 HF 3ab 4 HA 5 HU 6 7abc 8",
                Some("heading 5 (“Way”), before paragraph 8, is missing in the French text"),
            ),
            (
                "heading moved one paragraph down",
                "HP 1 2 HF 3ab 4 HA 5 6 HU 7abc HW 8",
                Some("heading 4 (“Ukraine”), before paragraph 6, is missing in the French text"),
            ),
        ];
        let english = outline(english);
        for (case, french, expected) in cases {
            let got = align(&english, &outline(french))
                .err()
                .map(|e| e.to_string());
            assert_eq!(got.as_deref(), *expected, "{case}");
        }
        let extra = outline("HP 1 2 HF 3ab HX 4 HA 5 HU 6 7abc HW 8");
        assert_eq!(
            align(&english, &extra).unwrap_err().to_string(),
            "heading 3 of the French text (“X”), before paragraph 4, is not in the English text"
        );
        let extra_at_end = outline("HP 1 2 HF 3ab 4 HA 5 HU 6 7abc HW 8 HAnnex");
        assert_eq!(
            align(&english, &extra_at_end).unwrap_err().to_string(),
            "heading 6 of the French text (“Annex”) is not in the English text"
        );
    }
}
