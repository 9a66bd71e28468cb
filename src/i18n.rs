//! The English/French message catalogues and the reader's language.
//!
//! Every UI string goes through [`Lang::t`]; the catalogues live in `locales/{en,fr}/main.ftl` and
//! are compiled into the binary. A test checks that both have the same keys.

use std::{borrow::Cow, collections::HashMap};

use fluent_templates::{Loader, fluent_bundle::FluentValue, static_loader};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Bidi isolation marks around arguments would end up in HTML attributes and CSV cells.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

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
        LOCALES
            .try_lookup(self.id(), key)
            .unwrap_or_else(|| key.to_owned())
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

    #[test]
    fn catalogues_have_the_same_keys() {
        let en = keys(include_str!("../locales/en/main.ftl"));
        let fr = keys(include_str!("../locales/fr/main.ftl"));
        assert!(en.len() > 10, "the English catalogue looks empty");
        let only_en: Vec<_> = en.difference(&fr).collect();
        let only_fr: Vec<_> = fr.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in fr: {only_en:?}");
        assert!(only_fr.is_empty(), "missing in en: {only_fr:?}");
    }

    #[test]
    fn every_key_used_in_templates_and_code_exists() {
        let en = keys(include_str!("../locales/en/main.ftl"));
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

    #[test]
    fn french_differs_from_english() {
        assert_ne!(Lang::En.t("service-name"), Lang::Fr.t("service-name"));
    }
}
