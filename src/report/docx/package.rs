//! The last step of the Word document: the parts docx-rs wrote, deflated (it stores them
//! uncompressed: a tenth of the size), with what docx-rs cannot write put in on the way:
//!
//! - `docProps/core.xml`: the document's title, subject, creator, language and dates (docx-rs
//!   writes no title, "unknown" as creator and 1970 as the date);
//! - `word/styles.xml`: the report's language as the default of every run (`w:lang`), and the
//!   language of the character styles that mark content shown in the other language;
//! - `word/document.xml`: the header rows of tables, marked `w:tblHeader` (repeated on each
//!   page, announced as headers by screen readers);
//! - `word/settings.xml`: `w:updateFields`, so that Word refreshes the fields when it opens.

use std::io::{Cursor, Read, Write};

use crate::{i18n::Lang, report::model::Report};

/// A header row is built with this minimum height (one twentieth of a point, which changes
/// nothing) as docx-rs has no `w:tblHeader`; [`finish`] swaps the one for the other.
pub const HEADER_ROW_MARK: f32 = 1.0;
/// [`HEADER_ROW_MARK`] as docx-rs writes it.
const HEADER_ROW_MARK_XML: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;
const TABLE_HEADER_XML: &str = "<w:tblHeader />";

/// The character style of content shown in `lang` rather than the report's language (a title or
/// a summary not yet translated): its only property is that language.
pub fn content_style(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "ContentEn",
        Lang::Fr => "ContentFr",
    }
}

/// Deflates the parts and completes them (see the module's documentation).
pub fn finish(stored: &[u8], report: &Report) -> anyhow::Result<Vec<u8>> {
    let mut input = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 6)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6));
    let mut buf = Vec::new();
    for i in 0..input.len() {
        let mut part = input.by_index(i)?;
        let name = part.name().to_owned();
        if part.is_dir() {
            out.add_directory(name, options)?;
            continue;
        }
        buf.clear();
        part.read_to_end(&mut buf)?;
        let patched = match name.as_str() {
            "word/settings.xml" => Some(update_fields_on_open(&buf)),
            "docProps/core.xml" => Some(core_properties(report).into_bytes()),
            "word/styles.xml" => Some(languages(&String::from_utf8_lossy(&buf), report.lang)),
            // Header rows, then the language of each run of partnership text shown in the other
            // language (marker styles become `w:lang`, see `super::lang`).
            "word/document.xml" => Some(super::lang::mark_runs(
                String::from_utf8_lossy(&buf)
                    .replace(HEADER_ROW_MARK_XML, TABLE_HEADER_XML)
                    .as_bytes(),
            )),
            _ => None,
        };
        out.start_file(name, options)?;
        out.write_all(patched.as_deref().unwrap_or(&buf))?;
    }
    Ok(out.finish()?.into_inner())
}

/// `settings.xml` with `<w:updateFields w:val="true"/>`, which the schema places before
/// `<w:compat>` (the parts after it are not written by docx-rs).
fn update_fields_on_open(settings: &[u8]) -> Vec<u8> {
    let xml = String::from_utf8_lossy(settings);
    match xml.find("<w:compat>") {
        Some(at) if !xml.contains("w:updateFields") => {
            let mut patched = String::with_capacity(xml.len() + 40);
            patched.push_str(&xml[..at]);
            patched.push_str(r#"<w:updateFields w:val="true" />"#);
            patched.push_str(&xml[at..]);
            patched.into_bytes()
        }
        _ => settings.to_vec(),
    }
}

/// `w:lang` for a locale tag, as the last run property (the schema's order puts it after the
/// fonts, size and colour that docx-rs writes).
fn lang_xml(lang: Lang) -> String {
    format!(
        r#"<w:lang w:val="{0}" w:eastAsia="{0}" w:bidi="{0}" />"#,
        lang.locale()
    )
}

/// `styles.xml` with the report's language as the default of every run, and each content style
/// in its own language.
fn languages(styles: &str, lang: Lang) -> Vec<u8> {
    let mut xml = styles.replacen(
        "</w:rPr></w:rPrDefault>",
        &format!("{}</w:rPr></w:rPrDefault>", lang_xml(lang)),
        1,
    );
    for content in Lang::ALL {
        let style = format!(r#"w:styleId="{}">"#, content_style(content));
        let Some(start) = xml.find(&style) else {
            continue;
        };
        let end = xml[start..]
            .find("</w:style>")
            .map_or(xml.len(), |e| start + e);
        let own = xml[start..end].replacen(
            "<w:rPr />",
            &format!("<w:rPr>{}</w:rPr>", lang_xml(content)),
            1,
        );
        xml.replace_range(start..end, &own);
    }
    xml.into_bytes()
}

/// Escapes text for XML element content.
fn escape(text: &str) -> String {
    text.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || !c.is_control())
        .fold(String::with_capacity(text.len()), |mut out, c| {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                _ => out.push(c),
            }
            out
        })
}

/// `docProps/core.xml`: title, subject (the partnership), creator, language, and the generation
/// time as creation and modification dates.
fn core_properties(report: &Report) -> String {
    let c = &report.cover;
    let at = c
        .generated_at
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties""#,
            r#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/""#,
            r#" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject>",
            "<dc:creator>{creator}</dc:creator><cp:lastModifiedBy>{creator}</cp:lastModifiedBy>",
            "<dc:language>{language}</dc:language><cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{at}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{at}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(&c.document_title),
        subject = escape(&c.partnership_title),
        creator = escape(&c.creator),
        language = c.locale,
        at = at,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_get_the_default_and_the_content_languages() {
        let styles = concat!(
            "<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"20\" /></w:rPr>",
            "</w:rPrDefault></w:docDefaults>",
            "<w:style w:type=\"character\" w:styleId=\"ContentEn\"><w:name w:val=\"x\" />",
            "<w:rPr /></w:style><w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:rPr />",
            "</w:style></w:styles>"
        );
        let xml = String::from_utf8(languages(styles, Lang::Fr)).unwrap();
        assert!(xml.contains(
            r#"<w:sz w:val="20" /><w:lang w:val="fr-CA" w:eastAsia="fr-CA" w:bidi="fr-CA" /></w:rPr></w:rPrDefault>"#
        ));
        assert!(xml.contains(
            r#"w:styleId="ContentEn"><w:name w:val="x" /><w:rPr><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="en-GB" /></w:rPr></w:style>"#
        ));
        // Other styles keep their (empty) run properties.
        assert!(xml.contains(r#"w:styleId="Normal"><w:rPr /></w:style>"#));
    }

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(escape("A & B <c>\u{1}"), "A &amp; B &lt;c&gt;");
    }
}
