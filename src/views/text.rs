//! The partnership text as pages show it: sections by heading, paragraphs, lettered items — each
//! in the reader's language when it exists, otherwise in the other one, marked with `lang`.

use std::fmt;

use crate::{
    db::partnership::{Area, Item, Paragraph},
    domain::lang::{Bilingual, Lang},
};

/// A piece of the partnership text as one reader gets it: in the reader's language when it
/// exists, otherwise in the other one, with the language it is really in, so that the element
/// showing it can carry `lang` (WCAG 3.1.2, language of parts). Prints as its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangText {
    pub text: String,
    /// The language `text` is in.
    pub lang: Lang,
    /// The language of the page (or report) that shows it.
    pub reader: Lang,
}

impl LangText {
    /// The text of `b` for a reader of `reader`; empty when neither language has one.
    pub fn pick(b: &Bilingual<String>, reader: Lang) -> LangText {
        let (text, lang) = b
            .get(reader)
            .map_or((String::new(), reader), |(t, l)| (t.clone(), l));
        LangText { text, lang, reader }
    }

    /// The text is not in the reader's language (it fell back to the other one).
    pub fn foreign(&self) -> bool {
        self.lang != self.reader
    }

    /// ` lang="en"` (or `fr`) to add to the element that holds the text when it is not in the
    /// page's language, else nothing. A fixed string, safe to print unescaped.
    pub fn lang_attr(&self) -> &'static str {
        lang_attr(self.lang, self.reader)
    }
}

impl fmt::Display for LangText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// ` lang="…"` for content in `lang` on a page in `reader`, or nothing when they agree.
pub fn lang_attr(lang: Lang, reader: Lang) -> &'static str {
    match (lang, reader) {
        (Lang::En, Lang::Fr) => r#" lang="en""#,
        (Lang::Fr, Lang::En) => r#" lang="fr""#,
        _ => "",
    }
}

impl Bilingual<String> {
    /// This text for a reader of `reader` (see [`LangText`]); templates, which pass `&Lang`, can
    /// call it on a database row.
    pub fn shown(&self, reader: impl std::borrow::Borrow<Lang>) -> LangText {
        LangText::pick(self, *reader.borrow())
    }
}

/// One heading with the paragraphs directly under it.
#[derive(Debug, Clone)]
pub struct Section {
    pub slug: String,
    pub title: LangText,
    /// 0 for a top-level heading, 1 for a cooperation area nested under another.
    pub depth: u8,
    pub paragraphs: Vec<ParagraphView>,
}

impl Section {
    /// Whether any of its text is shown in the other language than the reader's.
    pub fn foreign(&self) -> bool {
        self.title.foreign() || self.paragraphs.iter().any(ParagraphView::foreign)
    }
}

#[derive(Debug, Clone)]
pub struct ParagraphView {
    pub number: i16,
    /// Escaped HTML, with the text's `*…*` emphasis rendered as `<em>`.
    pub body_html: String,
    /// ` lang="…"` for the paragraph's element when its text is in the other language.
    pub lang_attr: &'static str,
    pub items: Vec<ItemView>,
}

impl ParagraphView {
    pub fn anchor(&self) -> String {
        format!("p{}", self.number)
    }

    fn foreign(&self) -> bool {
        !self.lang_attr.is_empty() || self.items.iter().any(|i| !i.lang_attr.is_empty())
    }
}

#[derive(Debug, Clone)]
pub struct ItemView {
    pub anchor: String,
    pub letter: String,
    pub body_html: String,
    /// ` lang="…"` for the item's element when its text is in the other language.
    pub lang_attr: &'static str,
}

/// Groups the paragraphs and items under their headings, in text order, for a reader of `reader`.
pub fn sections(
    areas: &[Area],
    paragraphs: &[Paragraph],
    items: &[Item],
    reader: Lang,
) -> Vec<Section> {
    areas
        .iter()
        .map(|area| Section {
            slug: area.slug.clone(),
            title: area.title.shown(reader),
            depth: u8::from(area.parent_id.is_some()),
            paragraphs: paragraphs
                .iter()
                .filter(|p| p.area_id == area.id)
                .map(|p| paragraph_view(p, items, reader))
                .collect(),
        })
        .collect()
}

pub fn paragraph_view(p: &Paragraph, items: &[Item], reader: Lang) -> ParagraphView {
    let body = p.body.shown(reader);
    ParagraphView {
        number: p.number,
        body_html: emphasis_html(&body.text),
        lang_attr: body.lang_attr(),
        items: items
            .iter()
            .filter(|i| i.paragraph_id == p.id)
            .map(|i| {
                let body = i.body.shown(reader);
                ItemView {
                    anchor: format!("p{}{}", p.number, i.letter),
                    letter: i.letter.clone(),
                    body_html: emphasis_html(&body.text),
                    lang_attr: body.lang_attr(),
                }
            })
            .collect(),
    }
}

/// Escapes `text` for HTML and renders the source's `*…*` emphasis markers as `<em>…</em>`.
/// An unpaired `*` stays as written.
pub fn emphasis_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find('*') {
        let after = &rest[start + 1..];
        match after.find('*') {
            Some(end) if end > 0 => {
                escape_into(&mut out, &rest[..start]);
                out.push_str("<em>");
                escape_into(&mut out, &after[..end]);
                out.push_str("</em>");
                rest = &after[end + 1..];
            }
            _ => break,
        }
    }
    escape_into(&mut out, rest);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::emphasis_html;

    #[test]
    fn emphasis_is_rendered_and_everything_else_escaped() {
        let cases = [
            ("plain", "plain"),
            (
                r#"the *"long-standing cooperation"* here"#,
                "the <em>&quot;long-standing cooperation&quot;</em> here",
            ),
            (
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("*<b>*", "<em>&lt;b&gt;</em>"),
            ("a * b", "a * b"),
            ("**", "**"),
            ("x *a* y *b", "x <em>a</em> y *b"),
        ];
        for (input, expected) in cases {
            assert_eq!(emphasis_html(input), expected, "{input}");
        }
    }
}
