//! The two official languages of the partnership, and content that exists in both.

/// The two languages of the partnership.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The ISO 639-1 code, as used in `lang` attributes and `?lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Fr,
            Lang::Fr => Lang::En,
        }
    }

    /// The names of the months, January first, as the language writes them in a date
    /// ("18 June 2025", "18 juin 2025"). The text parser reads them, pages and reports write them.
    pub fn month_names(self) -> &'static [&'static str; 12] {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }

    /// The language's own name for itself, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }

    /// Parses a code such as `fr`, `FR` or `fr-CA`.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The preferred supported language of an `Accept-Language` header, by quality value.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::parse) else {
                continue;
            };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, lang)| lang)
    }
}

/// Content written in both languages: a title, a place, a summary line, a paragraph of the text.
/// Either side may be missing (not yet translated); [`Bilingual::get`] then falls back to the
/// other language and says so, so that a page can mark the fallback with `lang`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Bilingual<T> {
    pub en: Option<T>,
    pub fr: Option<T>,
}

impl<T> Bilingual<T> {
    /// Both languages present.
    pub fn new(en: T, fr: T) -> Bilingual<T> {
        Bilingual {
            en: Some(en),
            fr: Some(fr),
        }
    }

    /// Only one language present (e.g. a text whose French version is not imported yet).
    pub fn only(lang: Lang, value: T) -> Bilingual<T> {
        match lang {
            Lang::En => Bilingual {
                en: Some(value),
                fr: None,
            },
            Lang::Fr => Bilingual {
                en: None,
                fr: Some(value),
            },
        }
    }

    /// The value in `lang` if there is one, exactly.
    pub fn exact(&self, lang: Lang) -> Option<&T> {
        match lang {
            Lang::En => self.en.as_ref(),
            Lang::Fr => self.fr.as_ref(),
        }
    }

    /// The value for a reader of `lang`, and the language it is actually in: `lang` when it
    /// exists, otherwise the other language. `None` only when neither exists.
    pub fn get(&self, lang: Lang) -> Option<(&T, Lang)> {
        self.exact(lang)
            .map(|v| (v, lang))
            .or_else(|| self.exact(lang.other()).map(|v| (v, lang.other())))
    }

    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Bilingual<U> {
        Bilingual {
            en: self.en.map(&mut f),
            fr: self.fr.map(&mut f),
        }
    }

    pub fn as_ref(&self) -> Bilingual<&T> {
        Bilingual {
            en: self.en.as_ref(),
            fr: self.fr.as_ref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported() {
        let cases = [
            ("fr-CA,fr;q=0.9,en;q=0.8", Some(Lang::Fr)),
            ("de-DE,en;q=0.5,fr;q=0.7", Some(Lang::Fr)),
            ("en-GB", Some(Lang::En)),
            ("de, es", None),
            ("fr;q=0", None),
            ("", None),
        ];
        for (header, expected) in cases {
            assert_eq!(Lang::from_accept_language(header), expected, "{header}");
        }
    }

    #[test]
    fn bilingual_falls_back_and_says_so() {
        let both = Bilingual::new("Brussels", "Bruxelles");
        assert_eq!(both.get(Lang::Fr), Some((&"Bruxelles", Lang::Fr)));
        assert_eq!(both.get(Lang::En), Some((&"Brussels", Lang::En)));
        let en_only = Bilingual::only(Lang::En, "Preface");
        assert_eq!(en_only.get(Lang::Fr), Some((&"Preface", Lang::En)));
        assert_eq!(en_only.exact(Lang::Fr), None);
        let none: Bilingual<&str> = Bilingual::default();
        assert_eq!(none.get(Lang::En), None);
    }
}
