//! Numbers, dates and punctuation as each language writes them (`en`, and `fr` as in Canada:
//! `fr-CA`). Pages, reports and the catalogue's `{ $count }` arguments all go through here.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use fluent_templates::fluent_bundle::FluentValue;

use super::Lang;

/// Separates thousands in French: the narrow no-break space (U+202F), as `fr-CA` does.
const FR_GROUP: char = '\u{202f}';
/// Precedes a colon in French: the no-break space (U+00A0).
const FR_BEFORE_COLON: &str = "\u{a0}:";

/// An integer with its thousands grouped: "20,000" / "20 000" (U+202F). Not for years, version
/// numbers or references, which are written without grouping.
pub fn format_int(n: i64, lang: Lang) -> String {
    let digits = n.unsigned_abs().to_string();
    let separator = match lang {
        Lang::En => ',',
        Lang::Fr => FR_GROUP,
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// A date in words: "18 June 2025" / "18 juin 2025" ("1er juin" for the first of the month).
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    let month = date.month0() as usize;
    let (name, day) = match lang {
        Lang::En => (lang.month_names()[month], date.day().to_string()),
        Lang::Fr if date.day() == 1 => (lang.month_names()[month], "1er".to_owned()),
        Lang::Fr => (lang.month_names()[month], date.day().to_string()),
    };
    format!("{day} {name} {}", date.year())
}

/// A moment in UTC: "18 June 2025, 14:05 UTC" / "18 juin 2025, 14 h 05 UTC" (U+00A0 around
/// the "h", as in Canada).
pub fn format_moment(at: DateTime<Utc>, lang: Lang) -> String {
    let time = match lang {
        Lang::En => format!("{:02}:{:02}", at.hour(), at.minute()),
        Lang::Fr => format!("{}\u{a0}h\u{a0}{:02}", at.hour(), at.minute()),
    };
    format!("{}, {time} UTC", format_date(at.date_naive(), lang))
}

impl Lang {
    /// The locale whose conventions [`format_int`] and [`format_date`] follow, as a BCP 47 tag
    /// for document metadata: British English ("18 June 2025", "20,000") and Canadian French.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::Fr => "fr-CA",
        }
    }

    /// The colon after a label, with the space French puts before it: ":" / " :" (U+00A0).
    pub fn colon(self) -> &'static str {
        match self {
            Lang::En => ":",
            Lang::Fr => FR_BEFORE_COLON,
        }
    }

    /// `label: value` with the language's colon.
    pub fn labelled(self, label: &str, value: &str) -> String {
        format!("{label}{} {value}", self.colon())
    }
}

/// The catalogue's number formatter for English (fluent-bundle itself prints numbers without
/// grouping): whole numbers are grouped, anything else is left to fluent.
pub fn fluent_number_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    fluent_number(value, Lang::En)
}

/// The catalogue's number formatter for French.
pub fn fluent_number_fr<M>(value: &FluentValue, _: &M) -> Option<String> {
    fluent_number(value, Lang::Fr)
}

fn fluent_number(value: &FluentValue, lang: Lang) -> Option<String> {
    match value {
        FluentValue::Number(n)
            if n.value.fract() == 0.0
                && n.value.abs() < 1e15
                && n.options.minimum_fraction_digits.is_none() =>
        {
            Some(format_int(n.value as i64, lang))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_grouped_by_language() {
        let cases = [
            (0, "0", "0"),
            (999, "999", "999"),
            (1_000, "1,000", "1\u{202f}000"),
            (20_000, "20,000", "20\u{202f}000"),
            (19_949, "19,949", "19\u{202f}949"),
            (1_234_567, "1,234,567", "1\u{202f}234\u{202f}567"),
            (-5_000, "-5,000", "-5\u{202f}000"),
        ];
        for (n, en, fr) in cases {
            assert_eq!(format_int(n, Lang::En), en);
            assert_eq!(format_int(n, Lang::Fr), fr);
        }
    }

    #[test]
    fn dates_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2025, 6, 18).unwrap();
        assert_eq!(format_date(d, Lang::En), "18 June 2025");
        assert_eq!(format_date(d, Lang::Fr), "18 juin 2025");
        let first = NaiveDate::from_ymd_opt(2017, 4, 1).unwrap();
        assert_eq!(format_date(first, Lang::Fr), "1er avril 2017");
        assert_eq!(format_date(first, Lang::En), "1 April 2017");
    }

    #[test]
    fn moments_in_both_languages() {
        let at = NaiveDate::from_ymd_opt(2026, 3, 1)
            .unwrap()
            .and_hms_opt(9, 5, 0)
            .unwrap()
            .and_utc();
        assert_eq!(format_moment(at, Lang::En), "1 March 2026, 09:05 UTC");
        assert_eq!(
            format_moment(at, Lang::Fr),
            "1er mars 2026, 9\u{a0}h\u{a0}05 UTC"
        );
    }

    #[test]
    fn the_catalogue_groups_counts() {
        use fluent_templates::fluent_bundle::FluentValue;
        let count = [("count", FluentValue::from(20_000))];
        assert_eq!(
            Lang::Fr.t_args("cycle-chase-count", &count),
            "20\u{202f}000 engagements"
        );
        assert_eq!(
            Lang::En.t_args("cycle-chase-count", &count),
            "20,000 commitments"
        );
        // Plural selection still sees the number.
        let one = [("count", FluentValue::from(1))];
        assert_eq!(Lang::Fr.t_args("cycle-chase-count", &one), "1 engagement");
    }

    #[test]
    fn labels_take_the_language_colon() {
        assert_eq!(Lang::En.labelled("Place", "Ottawa"), "Place: Ottawa");
        assert_eq!(Lang::Fr.labelled("Lieu", "Ottawa"), "Lieu\u{a0}: Ottawa");
    }
}
