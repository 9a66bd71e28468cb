//! A page reduced to what a person reads on it, for snapshots whose differences a reviewer can
//! follow: the page's language and title, then the text of its `<main>` (or `<body>`), one block
//! per line, with the structure marked in a few plain signs —
//!
//! - `#`, `##`, … headings; `- ` list items; `| a | b |` table rows; `---` a rule;
//! - `[text](href)` links; `[button: text]`; `[img: alt]`; `[svg: label]`;
//! - form fields as `[input name="value"]`, `[radio name=value (x)]`, `[select name]` with its
//!   options as `(x) text` / `( ) text`, `[textarea name: text]`, `[hidden name=value]`;
//! - `{lang=xx}` where an element says its text is in another language (e.g. English shown on a
//!   French page until the French text exists).
//!
//! Whitespace is collapsed, scripts and styles are left out, entities are decoded. It reads the
//! HTML this application writes (well-formed, quoted attributes); it is not a general HTML parser.

use std::collections::HashMap;

/// Elements that start and end a line of their own.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
    "g",
];

/// Elements whose content nobody reads as text.
const SKIPPED: &[&str] = &["script", "style", "template", "head"];

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// The readable form of `html` (a whole page or a fragment).
pub fn page(html: &str) -> String {
    let lang = start_tag(html, "html")
        .and_then(|attrs| attrs.get("lang").cloned())
        .unwrap_or_default();
    let title = inner(html, "title")
        .map(|t| collapse(&decode(t)))
        .unwrap_or_default();
    let body = inner(html, "main")
        .or_else(|| inner(html, "body"))
        .unwrap_or(html);
    format!("lang: {lang}\ntitle: {title}\n\n{}", fragment(body))
}

/// The readable form of a piece of HTML.
pub fn fragment(html: &str) -> String {
    let mut out = Writer::default();
    let mut rest = html;
    // Open `<a>` elements' targets, innermost last.
    let mut links: Vec<String> = Vec::new();
    // Open tables, innermost last: `true` for a layout table (`role="presentation"`), whose rows
    // and cells are not marked.
    let mut tables: Vec<bool> = Vec::new();
    // Open cells of data tables: a row stays on one line, whatever blocks its cells hold.
    let mut cells = 0usize;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.text(&decode(rest));
            break;
        };
        out.text(&decode(&rest[..lt]));
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = tag_end(rest) else {
            out.text(&decode(rest));
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let data_table = tables.last() == Some(&false);
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            match name.as_str() {
                "a" => {
                    let href = links.pop().unwrap_or_default();
                    out.raw(&format!("]({href})"));
                }
                "button" | "textarea" => out.raw("]"),
                "svg" => {
                    out.trim_end();
                    out.raw("]");
                }
                "td" | "th" if data_table => {
                    cells = cells.saturating_sub(1);
                    out.trim_end();
                    out.raw(" |");
                }
                "table" => {
                    tables.pop();
                }
                _ => {}
            }
            if BLOCKS.contains(&name.as_str()) || name == "select" || name == "option" {
                out.block_break(cells);
            }
            continue;
        }
        let (name, attrs) = parse_tag(tag);
        let decorative_svg =
            name == "svg" && attrs.get("aria-hidden").map(String::as_str) == Some("true");
        if SKIPPED.contains(&name.as_str()) || decorative_svg {
            let close = format!("</{name}");
            rest = rest
                .to_ascii_lowercase()
                .find(&close)
                .map_or("", |at| &rest[at..]);
            if decorative_svg {
                // Its end tag is left to skip, without writing the end mark of a read SVG.
                rest = rest.find('>').map_or("", |at| &rest[at + 1..]);
            }
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            out.block_break(cells);
        }
        if let Some(lang) = attrs.get("lang") {
            out.raw(&format!("{{lang={lang}}} "));
        }
        match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = usize::from(name.as_bytes()[1] - b'0');
                out.raw(&format!("{} ", "#".repeat(level)));
            }
            "li" => out.raw("- "),
            "table" => {
                tables.push(attrs.get("role").map(String::as_str) == Some("presentation"));
            }
            "tr" if data_table => out.raw("|"),
            "td" | "th" if data_table => {
                cells += 1;
                out.space();
            }
            "br" => out.block_break(cells),
            "hr" => {
                out.block_break(cells);
                out.raw("---");
                out.block_break(cells);
            }
            "a" => {
                links.push(attrs.get("href").cloned().unwrap_or_default());
                out.raw("[");
            }
            "button" => out.raw("[button: "),
            "img" => out.raw(&format!(
                "[img: {}]",
                attrs.get("alt").map(String::as_str).unwrap_or("")
            )),
            "svg" => match attrs.get("aria-label") {
                Some(label) => out.raw(&format!("[svg: {label} ")),
                None => out.raw("[svg: "),
            },
            "input" => out.raw(&input(&attrs)),
            "select" => {
                out.block_break(cells);
                out.raw(&format!("[select {}]", name_of(&attrs)));
                out.block_break(cells);
            }
            "option" => {
                out.block_break(cells);
                let mark = if attrs.contains_key("selected") {
                    "(x)"
                } else {
                    "( )"
                };
                out.raw(&format!("{mark} "));
            }
            "textarea" => out.raw(&format!("[textarea {}: ", name_of(&attrs))),
            _ => {}
        }
    }
    out.finish()
}

/// The readable form of one `<input>`.
fn input(attrs: &HashMap<String, String>) -> String {
    let kind = attrs.get("type").map(String::as_str).unwrap_or("text");
    let name = name_of(attrs);
    let value = attrs.get("value").map(String::as_str).unwrap_or("");
    let checked = if attrs.contains_key("checked") {
        "(x)"
    } else {
        "( )"
    };
    match kind {
        "hidden" => format!("[hidden {name}={value}]"),
        "radio" | "checkbox" => format!("[{kind} {name}={value} {checked}]"),
        "submit" | "button" => format!("[button: {value}]"),
        _ => format!("[input {name}={value:?}]"),
    }
}

fn name_of(attrs: &HashMap<String, String>) -> &str {
    attrs.get("name").map(String::as_str).unwrap_or("")
}

/// Where the tag starting at `s[0] == '<'` ends, skipping `>` inside quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The element name (lower case) and attributes of a start tag's inside (`a href="/"`).
fn parse_tag(tag: &str) -> (String, HashMap<String, String>) {
    let tag = tag.trim_end_matches('/');
    let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
    let name = tag[..name_end].to_ascii_lowercase();
    let mut attrs = HashMap::new();
    let mut rest = &tag[name_end..];
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    rest = body.get(end + 1..).unwrap_or("");
                    decode(&body[..end])
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_whitespace())
                        .unwrap_or(after.len());
                    rest = &after[end..];
                    decode(&after[..end])
                }
            }
        } else {
            String::new()
        };
        if !key.is_empty() {
            attrs.insert(key, value);
        }
    }
    (name, attrs)
}

/// The attributes of the first `<name …>` start tag.
fn start_tag(html: &str, name: &str) -> Option<HashMap<String, String>> {
    let at = find_start(html, name)?;
    let end = tag_end(&html[at..])?;
    Some(parse_tag(&html[at + 1..at + end]).1)
}

/// Where the first `<name` start tag (`<name>` or `<name …>`) begins.
fn find_start(html: &str, name: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(i) = lower[from..].find(&open) {
        let at = from + i;
        match lower[at + open.len()..].chars().next() {
            Some(c) if c == '>' || c.is_whitespace() => return Some(at),
            _ => from = at + open.len(),
        }
    }
    None
}

/// The inside of the first `<name>` element (not nested in one of the same name).
fn inner<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let at = find_start(html, name)?;
    let start = at + tag_end(&html[at..])? + 1;
    let end = html[start..]
        .to_ascii_lowercase()
        .find(&format!("</{name}>"))?;
    Some(&html[start..start + end])
}

/// Decodes the character references askama and the templates write.
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "ndash" => Some('–'),
            "mdash" => Some('—'),
            "hellip" => Some('…'),
            "middot" => Some('·'),
            "rsquo" => Some('’'),
            "lsquo" => Some('‘'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "laquo" => Some('«'),
            "raquo" => Some('»'),
            "copy" => Some('©'),
            "emsp" => Some('\u{2003}'),
            "ensp" => Some('\u{2002}'),
            "thinsp" => Some('\u{2009}'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Runs of ASCII whitespace as one space (a no-break space is kept: it is typography).
fn collapse(s: &str) -> String {
    s.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines being written: text is collapsed, and blank lines never pile up.
#[derive(Default)]
struct Writer {
    lines: Vec<String>,
    current: String,
}

impl Writer {
    fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let starts_with_space = s.starts_with(|c: char| c.is_ascii_whitespace());
        let ends_with_space = s.ends_with(|c: char| c.is_ascii_whitespace());
        let words = collapse(s);
        if words.is_empty() {
            if !self.current.is_empty() && !self.current.ends_with(' ') {
                self.current.push(' ');
            }
            return;
        }
        if starts_with_space && !self.current.is_empty() && !self.current.ends_with(' ') {
            self.current.push(' ');
        }
        self.current.push_str(&words);
        if ends_with_space {
            self.current.push(' ');
        }
    }

    fn raw(&mut self, s: &str) {
        self.current.push_str(s);
    }

    /// One space after what is written, unless there is one.
    fn space(&mut self) {
        if !self.current.ends_with(' ') {
            self.current.push(' ');
        }
    }

    fn trim_end(&mut self) {
        self.current.truncate(self.current.trim_end().len());
    }

    /// The end of a block: a new line, or a space inside a table cell (a row is one line).
    fn block_break(&mut self, cells: usize) {
        if cells > 0 {
            self.space();
        } else {
            self.line_break();
        }
    }

    fn line_break(&mut self) {
        // A list item that starts with a block (a heading) keeps its marker on the block's line.
        if self.current.trim() == "-" {
            return;
        }
        let line = self.current.trim().to_owned();
        self.current.clear();
        if !line.is_empty() {
            self.lines.push(line);
        }
    }

    fn finish(mut self) -> String {
        self.line_break();
        let mut text = self.lines.join("\n");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_is_marked_and_noise_dropped() {
        let html = r#"<!doctype html><html lang="fr"><head><title>Accueil &ndash; x</title>
            <style>p { color: red }</style></head><body><header>skip?</header><main class="m">
            <h1 class="govuk-heading-l">Titre &amp; sous-titre</h1>
            <p>Un  <a href="/text?lang=fr">lien</a>, puis
               <span lang="en">English</span>.</p><!-- hidden -->
            <script>alert("x")</script>
            <ul><li>un</li><li>deux</li></ul>
            <table><tr><th>a</th><td>1</td></tr></table>
            <form><input type="hidden" name="csrf" value="t0k"><select name="s">
            <option value="a">A</option><option value="b" selected>B</option></select>
            <button type="submit">Envoyer</button></form></main></body></html>"#;
        assert_eq!(
            page(html),
            "lang: fr\ntitle: Accueil – x\n\n# Titre & sous-titre\n\
             Un [lien](/text?lang=fr), puis {lang=en} English.\n- un\n- deux\n| a | 1 |\n\
             [hidden csrf=t0k]\n[select s]\n( ) A\n(x) B\n[button: Envoyer]\n"
        );
    }
}
