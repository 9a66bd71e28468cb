//! A French-shaped partnership text for tests, generated from the English seed's structure: the
//! same paragraph numbers, item letters and headings, with made-up French sentences. It has the
//! shapes of the Council's French document — "Bruxelles, le 18 juin 2025", "(OR. en)", `Objet :`,
//! « guillemets », non-breaking spaces before `: ; ! ?`, œ — but it is NOT the official French
//! text of the partnership, and says so in its subject line. No French text is shipped in
//! `seeds/`; tests write this one where they need it.

use sdp_tracker::domain::text::{self, Document};

use super::SEED;

/// U+00A0 before `:` and inside « », U+202F before `;` — as French typography has them.
const NBSP: char = '\u{a0}';
const NNBSP: char = '\u{202f}';

/// The French subject: says what this text is.
pub const TITLE_FR: &str = "Partenariat de sécurité et de défense entre l’Union européenne et le \
                            Canada (texte d’essai, non officiel)";

/// The four top-level headings as the Council's French documents name them; the cooperation
/// areas nested under "Domaines de coopération" get made-up names ([`area_title`]).
const TOP_LEVEL: [(&str, &str); 4] = [
    ("Preface", "Préface"),
    ("General Framework", "Cadre général"),
    ("Areas of Cooperation", "Domaines de coopération"),
    ("Way Forward", "Voie à suivre"),
];

/// Words only the French text of paragraph 24 has (the English one speaks of the Gulf of Guinea),
/// for the search tests.
pub const P24_EXTRA: &str = "Ce paragraphe d’essai évoque la piraterie près du golfe de Guinée.";

/// The English seed, parsed.
pub fn english() -> Document {
    text::parse(&std::fs::read_to_string(SEED).unwrap()).unwrap()
}

/// The made-up French title of the nested cooperation area at heading position `i`.
pub fn area_title(i: usize) -> String {
    format!("Domaine d’essai nº{NBSP}{i} — cœur de la coopération")
}

/// The French title of heading `i` of the seed.
pub fn heading_title(doc: &Document, i: usize) -> String {
    let english = &doc.headings[i].title;
    TOP_LEVEL
        .iter()
        .find(|(en, _)| en == english)
        .map_or_else(|| area_title(i), |(_, fr)| (*fr).to_owned())
}

/// The made-up French text of paragraph `n` (its lead-in when it has items).
pub fn paragraph_text(n: u16) -> String {
    let mut t = format!(
        "Texte d’essai du paragraphe {n}{NBSP}: l’Union européenne et le Canada «{NBSP}coopèrent{NBSP}» \
         en matière de sécurité et de défense{NNBSP}; c’est une œuvre commune."
    );
    if n == 24 {
        t.push(' ');
        t.push_str(P24_EXTRA);
    }
    t
}

/// The made-up French text of item `letter` of paragraph `n`.
pub fn item_text(n: u16, letter: char) -> String {
    format!("point d’essai {n}{letter}) de la coopération bilatérale{NNBSP}; à suivre.")
}

/// The French-shaped text in the seed's shape (one paragraph per line, items on their own lines),
/// with a page break inside paragraph 4 as the English seed has.
pub fn french_text() -> String {
    let doc = english();
    let mut out = String::from(
        "Conseil de l’Union européenne\n\
         \n\
         Bruxelles, le 18 juin 2025\n\
         (OR. en)\n\
         \n\
         9783/25\n\
         \n\
         LIMITE\n\
         \n\
         COPS 251\tDISINFO 51\n\
         ANTICI 51\tCSC 267\n\
         \n\
         NOTE DE TRANSMISSION\n\
         \n\
         Origine:\tService européen pour l’action extérieure (SEAE)\n\
         Destinataire:\tDélégations\n",
    );
    out.push_str(&format!("Objet{NBSP}:\t{TITLE_FR}\n"));
    out.push_str(
        "\n\
         PARTENARIAT EN MATIÈRE DE SÉCURITÉ ET DE DÉFENSE\n\
         ENTRE\n\
         L’UNION EUROPÉENNE\n\
         ET\n\
         LE CANADA\n",
    );
    for i in 0..doc.headings.len() {
        let title = heading_title(&doc, i);
        if i == 0 {
            out.push_str(&format!("\n[{title}]\n\n"));
        } else {
            out.push_str(&format!("\n{title}\n\n"));
        }
        for p in doc.paragraphs.iter().filter(|p| p.heading == i) {
            let n = p.number;
            if n == 4 {
                // A page break inside the paragraph: the rest goes on after a blank line.
                out.push_str(&format!(
                    "{n}. {}, coupé par un saut de page\n\net repris sur la page suivante.\n\n",
                    paragraph_text(n).trim_end_matches('.')
                ));
                continue;
            }
            out.push_str(&format!("{n}. {}\n", paragraph_text(n)));
            for item in &p.items {
                out.push_str(&format!(
                    " - {}) {}\n",
                    item.letter,
                    item_text(n, item.letter)
                ));
            }
        }
    }
    out
}

/// [`french_text`] with the line that starts with `prefix` removed.
pub fn without_line(text: &str, prefix: &str) -> String {
    let mut removed = false;
    let out: Vec<&str> = text
        .split('\n')
        .filter(|l| {
            let hit = !removed && l.trim_start().starts_with(prefix);
            removed |= hit;
            !hit
        })
        .collect();
    assert!(removed, "no line starts with {prefix:?}");
    out.join("\n")
}
