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
}
