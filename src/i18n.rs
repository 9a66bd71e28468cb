//! The English/French message catalogues and the reader's language.
//!
//! Every UI string goes through [`Lang::t`]; the catalogues live in `locales/{en,fr}/*.ftl`
//! (`main.ftl` and one file per feature) and are compiled into the binary. Tests check that both
//! languages have the same keys and that no key is defined twice.

use std::{
    borrow::Cow,
    collections::HashMap,
    sync::{LazyLock, RwLock},
};

use fluent_templates::{Loader, fluent_bundle::FluentValue, static_loader};
use unic_langid::{LanguageIdentifier, langid};

pub mod format;

pub use format::{format_date, format_int, format_moment};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| {
            // Bidi isolation marks around arguments would end up in HTML attributes and CSV cells.
            bundle.set_use_isolating(false);
            // fluent-bundle prints numbers as Rust does ("20000"); each language groups them.
            let french = bundle.locales.first().is_some_and(|l| l.language.as_str() == "fr");
            bundle.set_formatter(Some(if french {
                format::fluent_number_fr
            } else {
                format::fluent_number_en
            }));
        },
    };
}

/// Most messages [`Lang::t`] keeps formatted per language: more than the catalogue holds.
const MEMO_MAX_KEYS: usize = 8192;

/// The messages without arguments formatted so far, English then French.
static MEMO: [LazyLock<RwLock<HashMap<String, String>>>; 2] = [
    LazyLock::new(RwLock::default),
    LazyLock::new(RwLock::default),
];

static EN: LanguageIdentifier = langid!("en");
static FR: LanguageIdentifier = langid!("fr");

/// Name of the cookie that remembers the reader's choice of language.
pub const LANG_COOKIE: &str = "lang";

pub use crate::domain::lang::Lang;

impl Lang {
    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }

    /// The message for `key`; a missing key shows itself, which the catalogue test prevents.
    pub fn t(self, key: &str) -> String {
        // A message without arguments always formats the same: formatted once, then copied (a
        // page asks for hundreds; the reconciliation table for over a thousand).
        let memo = &MEMO[self as usize];
        if let Some(text) = memo.read().expect("message memo lock").get(key) {
            return text.clone();
        }
        let text = LOCALES
            .try_lookup(self.id(), key)
            .unwrap_or_else(|| key.to_owned());
        let mut memo = memo.write().expect("message memo lock");
        // The catalogue has about a thousand keys; the bound only matters were keys ever made up
        // at run time.
        if memo.len() < MEMO_MAX_KEYS {
            memo.insert(key.to_owned(), text.clone());
        }
        text
    }

    /// The message for `key` with named arguments (`{ $name }` in the catalogue).
    pub fn t_args(self, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES
            .try_lookup_with_args(self.id(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(source: &str) -> std::collections::BTreeSet<String> {
        source
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '.', '\t']) && l.contains('='))
            .filter_map(|l| l.split('=').next())
            .map(|k| k.trim().to_owned())
            .collect()
    }

    /// Every catalogue file of a language (`locales/{lang}/*.ftl`), joined: features keep their
    /// strings in files of their own, which fluent-templates loads together.
    fn catalogue(lang: &str) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap() + "\n")
            .collect()
    }

    #[test]
    fn no_key_is_defined_twice() {
        for lang in ["en", "fr"] {
            let text = catalogue(lang);
            let mut seen = std::collections::BTreeSet::new();
            let twice: Vec<_> = text
                .lines()
                .filter(|l| !l.starts_with([' ', '#', '.', '\t']) && l.contains('='))
                .filter_map(|l| l.split('=').next())
                .map(str::trim)
                .filter(|k| !seen.insert(*k))
                .collect();
            assert!(twice.is_empty(), "{lang}: defined twice: {twice:?}");
        }
    }

    #[test]
    fn catalogues_have_the_same_keys() {
        let en = keys(&catalogue("en"));
        let fr = keys(&catalogue("fr"));
        assert!(en.len() > 10, "the English catalogue looks empty");
        let only_en: Vec<_> = en.difference(&fr).collect();
        let only_fr: Vec<_> = fr.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in fr: {only_en:?}");
        assert!(only_fr.is_empty(), "missing in en: {only_fr:?}");
    }

    #[test]
    fn every_key_used_in_templates_and_code_exists() {
        let en = keys(&catalogue("en"));
        let pattern = regex::Regex::new(r#"\bt(?:_args)?\(\s*"([a-z0-9-]+)""#).unwrap();
        let mut missing = Vec::new();
        for dir in ["templates", "src"] {
            for path in walk(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)) {
                let text = std::fs::read_to_string(&path).unwrap();
                for cap in pattern.captures_iter(&text) {
                    if !en.contains(&cap[1]) {
                        missing.push(format!("{}: {}", path.display(), &cap[1]));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys not in the catalogue: {missing:#?}"
        );
    }

    fn walk(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(walk(path));
            } else if path.extension().is_some_and(|e| e == "html" || e == "rs") {
                out.push(path);
            }
        }
        out
    }

    /// Typographic faults in a French Fluent catalogue: in message values (not keys or
    /// comments, and not inside `{ … }` placeables, nor in the literal HTTP syntax some API
    /// messages quote), `:` needs U+00A0 before it; `;`, `!`, `?` and `%` need U+202F; `«` and
    /// `»` need U+00A0 inside; digits grouped by three need U+202F; no straight apostrophe
    /// (’) or straight double quote (« »), no `...` (…).
    fn french_typography_faults(source: &str) -> Vec<String> {
        // Literal syntax the reader copies as is (an HTTP header, a URL, a quoted version number).
        let code = regex::Regex::new(
            r#"https?://\S*|Authorization: Bearer|If-Match: "[^"]*"|Content-Type: [a-z/]+|"[0-9N]+""#,
        )
        .unwrap();
        let placeable = regex::Regex::new(r"\{[^{}]*\}").unwrap();
        let variant = regex::Regex::new(r"^\s*\*?\[[^\]]*\]\s?").unwrap();
        let selector = regex::Regex::new(r"\{\s*\$[a-z_-]+\s*->\s*$").unwrap();
        let grouped = regex::Regex::new(r"\d([ \u{a0}\u{202f}])\d{3}\b").unwrap();
        let mut faults = Vec::new();
        let mut key = "";
        for line in source.lines() {
            let value = if line.starts_with('#') || line.trim().is_empty() {
                continue;
            } else if line.starts_with([' ', '\t']) {
                // A continuation: a select expression's variant or its closing brace.
                variant.replace(line, "").into_owned()
            } else if let Some((k, v)) = line.split_once('=') {
                key = k.trim();
                v.trim_start_matches(' ').to_owned()
            } else {
                continue;
            };
            let mut text = code.replace_all(&value, "\u{FFFC}").into_owned();
            // Placeables nest one level in a select expression; a variable stands for a word.
            while placeable.is_match(&text) {
                text = placeable.replace_all(&text, "\u{FFFC}").into_owned();
            }
            let text = selector.replace(&text, "");
            let text = text.trim_start_matches(|c: char| c == '}' || c.is_whitespace());
            let chars: Vec<char> = text.chars().collect();
            let mut fault = |what: &str| faults.push(format!("{key}: {what} in {text:?}"));
            for (i, &c) in chars.iter().enumerate() {
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + 1).copied();
                match c {
                    ':' if before != Some('\u{a0}') => fault("“:” without U+00A0 before it"),
                    ';' | '!' | '?' | '%' if before != Some('\u{202f}') => {
                        fault(&format!("“{c}” without U+202F before it"))
                    }
                    '«' if after != Some('\u{a0}') => fault("“«” without U+00A0 after it"),
                    '»' if before != Some('\u{a0}') => fault("“»” without U+00A0 before it"),
                    '\'' => fault("a straight apostrophe (use ’)"),
                    '"' => fault("a straight double quote (use « »)"),
                    _ => {}
                }
            }
            if text.contains("...") {
                fault("“...” (use …)");
            }
            if grouped.captures_iter(text).any(|cap| &cap[1] != "\u{202f}") {
                fault("digits grouped without U+202F");
            }
        }
        faults
    }

    #[test]
    fn the_typography_check_finds_each_fault() {
        let cases = [
            ("a = Erreur :", 1),
            ("a = Erreur:", 1),
            ("a = Erreur\u{a0}:", 0),
            ("a = oui ; non", 1),
            ("a = oui\u{202f}; non\u{202f}! Quoi\u{202f}?", 0),
            ("a = « mot »", 2),
            ("a = «\u{a0}mot\u{a0}»", 0),
            ("a = l'étape", 1),
            ("a = l’étape...", 1),
            ("a = 20 000 caractères", 1),
            ("a = 20\u{202f}000 caractères, en 2026", 0),
            ("a = { $year } : { $n }", 1),
            ("a = { $year }\u{a0}: le cycle « { $state } »", 2),
            (
                "a = { $count ->\n    [one] 1 jour ; un\n   *[other] { $count } jours\n}",
                1,
            ),
            ("# Un commentaire : libre ; ici", 0),
            (
                "a = Envoyez If-Match: \"{ $version }\" ou https://x.org/a?b=c",
                0,
            ),
        ];
        for (source, want) in cases {
            let faults = french_typography_faults(source);
            assert_eq!(faults.len(), want, "{source:?}: {faults:#?}");
        }
    }

    #[test]
    fn the_french_catalogue_follows_french_typography() {
        let faults = french_typography_faults(&catalogue("fr"));
        assert!(faults.is_empty(), "{} faults: {faults:#?}", faults.len());
    }

    #[test]
    fn a_count_of_one_takes_the_singular_in_french() {
        let args = |shown: usize| {
            [
                ("shown", FluentValue::from(shown)),
                ("total", FluentValue::from(60)),
            ]
        };
        assert_eq!(
            Lang::Fr.t_args("reconcile-showing", &args(1)),
            "1 engagement affiché sur 60."
        );
        assert_eq!(
            Lang::Fr.t_args("reconcile-showing", &args(2)),
            "2 engagements affichés sur 60."
        );
        let one = [
            ("missing", FluentValue::from(1)),
            ("saved", FluentValue::from(1)),
            ("total", FluentValue::from(60)),
            ("percent", FluentValue::from(2)),
        ];
        for (key, singular) in [
            (
                "lifecycle-missing-eu",
                "1 engagement sur 60 n’a pas d’évaluation de l’UE.",
            ),
            (
                "lifecycle-missing-joint",
                "1 engagement sur 60 n’a pas de statut conjoint.",
            ),
            (
                "cycle-progress-text",
                "1 engagement enregistré sur 60 (2\u{202f}%)",
            ),
            ("dashboard-my-progress-count", "1 engagement évalué sur 60"),
        ] {
            assert_eq!(Lang::Fr.t_args(key, &one), singular, "{key}");
        }
    }

    #[test]
    fn french_differs_from_english() {
        assert_ne!(Lang::En.t("service-name"), Lang::Fr.t("service-name"));
    }
}
