//! Language of parts in the Word document. docx-rs cannot write `w:lang`, so a run of partnership
//! text in the other language than the report's gets a marker character style
//! ([`run`]); when the package is written, [`mark_runs`] turns each marker into
//! `<w:lang w:val="en-GB" />` in that run's properties, and [`set_default`] gives the document's
//! run defaults the report's language, so that Word and screen readers know both.

use docx_rs::Run;

use crate::domain::lang::Lang;

/// The marker style of runs in English and in French (never left in the written file).
const MARKERS: [(Lang, &str); 2] = [(Lang::En, "SdpLangEn"), (Lang::Fr, "SdpLangFr")];

/// The language tag Word expects in `w:lang`: the Council's English and French.
fn tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en-GB",
        Lang::Fr => "fr-FR",
    }
}

/// Adds the marker of `lang` to `run` when it differs from the report's language `report`.
pub fn run(run: Run, lang: Lang, report: Lang) -> Run {
    match MARKERS.iter().find(|(l, _)| *l == lang) {
        Some((_, marker)) if lang != report => run.style(marker),
        _ => run,
    }
}

/// `word/document.xml` with every marker style replaced by the run's `w:lang`.
pub fn mark_runs(document: &[u8]) -> Vec<u8> {
    let mut xml = String::from_utf8_lossy(document).into_owned();
    for (lang, marker) in MARKERS {
        let from = format!(r#"<w:rStyle w:val="{marker}" />"#);
        let to = format!(r#"<w:lang w:val="{}" />"#, tag(lang));
        xml = xml.replace(&from, &to);
    }
    xml.into_bytes()
}

/// `word/styles.xml` with `lang` as the language of the run defaults (`w:docDefaults`), unless
/// it has one already.
pub fn set_default(styles: &[u8], lang: Lang) -> Vec<u8> {
    const DEFAULTS: &str = "<w:rPrDefault><w:rPr>";
    const EMPTY_DEFAULTS: &str = "<w:rPrDefault><w:rPr />";
    let xml =
        String::from_utf8_lossy(styles).replace(EMPTY_DEFAULTS, "<w:rPrDefault><w:rPr></w:rPr>");
    match xml.find(DEFAULTS) {
        Some(at) if !xml.contains("<w:lang ") => {
            let at = at + DEFAULTS.len();
            let mut patched = String::with_capacity(xml.len() + 40);
            patched.push_str(&xml[..at]);
            patched.push_str(&format!(r#"<w:lang w:val="{}" />"#, tag(lang)));
            patched.push_str(&xml[at..]);
            patched.into_bytes()
        }
        _ => styles.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{BuildXML, Paragraph};

    #[test]
    fn a_marked_run_gets_its_language_and_an_unmarked_one_none() {
        let p = Paragraph::new()
            .add_run(run(Run::new().add_text("Preface"), Lang::En, Lang::Fr))
            .add_run(run(Run::new().add_text("Préface"), Lang::Fr, Lang::Fr));
        let xml = String::from_utf8(mark_runs(&p.build())).unwrap();
        assert_eq!(
            xml.matches(r#"<w:lang w:val="en-GB" />"#).count(),
            1,
            "{xml}"
        );
        assert!(!xml.contains("SdpLang") && !xml.contains("fr-FR"), "{xml}");
    }

    #[test]
    fn the_default_language_goes_into_the_run_defaults_once() {
        let styles = br#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="20" /></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#;
        let once = set_default(styles, Lang::Fr);
        let text = String::from_utf8(once.clone()).unwrap();
        assert!(
            text.contains(r#"<w:rPrDefault><w:rPr><w:lang w:val="fr-FR" /><w:sz"#),
            "{text}"
        );
        assert_eq!(set_default(&once, Lang::En), once);
    }
}
