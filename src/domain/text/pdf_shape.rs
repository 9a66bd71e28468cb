//! Turns a seed text into the shape of a PDF-to-text export of a Council
//! document, to check that [`super::parse`] reads both the same way.

use super::{LineKind, classify_lines, item_start, paragraph_start, read_metadata, read_preamble};
use crate::domain::lang::Lang;

/// Renders `seed` the way a PDF-to-text export of the Council document looks.
///
/// * The preamble (up to the title block) is kept as is.
/// * A paragraph line `"13. text"` becomes a line `"13."` followed by the
///   text; items become `"a) text"`; all body text, headings included, is
///   wrapped at `width` characters on spaces (a longer word stays whole).
/// * Blank lines between blocks are kept.
/// * After each output line index in `footer_after_lines` (indices of the
///   rendered lines before any footer is added; out-of-range indices are
///   ignored) a page footer is inserted: the document number, author
///   initials, the page number, the directorate code, `LIMITE` and `EN`
///   (see [`render_in`] for a French export's `FR`), then a form feed. Odd pages put each token on its own line and the form
///   feed at the start of the next line; even pages pack the tokens on two
///   lines and give the form feed a line of its own.
/// * Lines end in CRLF when `crlf` is set, and the text starts with a
///   byte-order mark when `bom` is set.
pub fn render(
    seed: &str,
    width: usize,
    footer_after_lines: &[usize],
    crlf: bool,
    bom: bool,
) -> String {
    render_in(Lang::En, seed, width, footer_after_lines, crlf, bom)
}

/// [`render`] for a text in `lang`: the page footers end in the language's
/// code in capitals (`EN`, `FR`), as on the Council's documents.
pub fn render_in(
    lang: Lang,
    seed: &str,
    width: usize,
    footer_after_lines: &[usize],
    crlf: bool,
    bom: bool,
) -> String {
    let lang_code = lang.code().to_uppercase();
    let classified = classify_lines(seed);
    let preamble = read_preamble(&classified);
    let document_number = read_metadata(&classified[..preamble.end], None)
        .document_number
        .unwrap_or_else(|| "0000/00".to_owned());

    let seed = seed.strip_prefix('\u{feff}').unwrap_or(seed);
    let mut lines: Vec<String> = Vec::new();
    for (i, (raw, kind)) in seed.split('\n').zip(&classified).enumerate() {
        if i < preamble.end {
            lines.push(raw.trim_end_matches('\r').to_owned());
            continue;
        }
        let text = match kind {
            LineKind::Text(t) | LineKind::Footer(t) => *t,
            LineKind::Blank | LineKind::PageBreak => {
                lines.push(String::new());
                continue;
            }
        };
        if let Some((number, rest)) = paragraph_start(text) {
            lines.push(format!("{number}."));
            wrap(rest, width, &mut lines);
        } else if let Some((letter, rest)) = item_start(text) {
            wrap(&format!("{letter}) {rest}"), width, &mut lines);
        } else {
            wrap(text, width, &mut lines);
        }
    }

    let mut footer_at = vec![false; lines.len()];
    for &i in footer_after_lines {
        if let Some(slot) = footer_at.get_mut(i) {
            *slot = true;
        }
    }
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut page = 0;
    let mut form_feed_pending = false;
    for (line, footer) in lines.into_iter().zip(footer_at) {
        if std::mem::take(&mut form_feed_pending) {
            if line.is_empty() {
                // A lone form feed is a page break, not a blank line: keep
                // the blank line that separates blocks.
                out.push("\u{c}".to_owned());
                out.push(line);
            } else {
                out.push(format!("\u{c}{line}"));
            }
        } else {
            out.push(line);
        }
        if footer {
            page += 1;
            if page % 2 == 1 {
                out.extend(
                    [
                        document_number.as_str(),
                        "JF/ms",
                        &page.to_string(),
                        "RELEX.5",
                        "LIMITE",
                        &lang_code,
                    ]
                    .map(str::to_owned),
                );
                form_feed_pending = true;
            } else {
                out.push(format!("{document_number}\t\tJF/ms\t\t{page}"));
                out.push(format!("RELEX.5\t\tLIMITE\t\t{lang_code}"));
                out.push("\u{c}".to_owned());
            }
        }
    }
    if form_feed_pending {
        out.push("\u{c}".to_owned());
    }

    let newline = if crlf { "\r\n" } else { "\n" };
    let mut text = String::from(if bom { "\u{feff}" } else { "" });
    for line in out {
        text.push_str(&line);
        text.push_str(newline);
    }
    text
}

/// Greedy word wrap on single spaces; appends nothing for empty text.
fn wrap(text: &str, width: usize, lines: &mut Vec<String>) {
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
}
