//! The partnership text as pages show it: sections by heading, paragraphs, lettered items.

use crate::db::partnership::{Area, Item, Paragraph};

/// One heading with the paragraphs directly under it.
#[derive(Debug, Clone)]
pub struct Section {
    pub slug: String,
    pub title: String,
    /// 0 for a top-level heading, 1 for a cooperation area nested under another.
    pub depth: u8,
    pub paragraphs: Vec<ParagraphView>,
}

#[derive(Debug, Clone)]
pub struct ParagraphView {
    pub number: i16,
    /// Escaped HTML, with the text's `*…*` emphasis rendered as `<em>`.
    pub body_html: String,
    pub items: Vec<ItemView>,
}

impl ParagraphView {
    pub fn anchor(&self) -> String {
        format!("p{}", self.number)
    }
}

#[derive(Debug, Clone)]
pub struct ItemView {
    pub anchor: String,
    pub letter: String,
    pub body_html: String,
}

/// Groups the paragraphs and items under their headings, in text order.
pub fn sections(areas: &[Area], paragraphs: &[Paragraph], items: &[Item]) -> Vec<Section> {
    areas
        .iter()
        .map(|area| Section {
            slug: area.slug.clone(),
            title: area.title.clone(),
            depth: u8::from(area.parent_id.is_some()),
            paragraphs: paragraphs
                .iter()
                .filter(|p| p.area_id == area.id)
                .map(|p| paragraph_view(p, items))
                .collect(),
        })
        .collect()
}

pub fn paragraph_view(p: &Paragraph, items: &[Item]) -> ParagraphView {
    ParagraphView {
        number: p.number,
        body_html: emphasis_html(&p.body),
        items: items
            .iter()
            .filter(|i| i.paragraph_id == p.id)
            .map(|i| ItemView {
                anchor: format!("p{}{}", p.number, i.letter),
                letter: i.letter.clone(),
                body_html: emphasis_html(&i.body),
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
