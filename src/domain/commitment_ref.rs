//! References to trackable units of the partnership text: a whole paragraph
//! ("13") or one lettered item of a paragraph ("25(c)").

use std::fmt;
use std::str::FromStr;

/// A trackable unit: a paragraph ("13") or one of its lettered items ("25(c)").
///
/// The string form is canonical: `FromStr` accepts exactly what `Display`
/// produces (plus surrounding whitespace), so a reference stored in a URL or a
/// database row has a single spelling. Serde uses the same string form.
///
/// Ordering follows the document: `25 < 25(a) < 25(b) < 26`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct CommitmentRef {
    /// Paragraph number, 1–999.
    pub paragraph: u16,
    /// Item letter `a`–`z`, or `None` for the whole paragraph.
    pub item: Option<char>,
}

/// Highest paragraph number a reference may carry (numbers have 1–3 digits,
/// like the paragraph numbers the parser recognises).
const MAX_PARAGRAPH: u16 = 999;

impl CommitmentRef {
    /// Reference to a whole paragraph.
    pub fn paragraph(paragraph: u16) -> Self {
        Self {
            paragraph,
            item: None,
        }
    }

    /// Reference to a lettered item of a paragraph.
    pub fn item(paragraph: u16, letter: char) -> Self {
        Self {
            paragraph,
            item: Some(letter),
        }
    }

    /// HTML anchor id: `p25` for a paragraph, `p25c` for an item.
    pub fn anchor(&self) -> String {
        match self.item {
            Some(letter) => format!("p{}{}", self.paragraph, letter),
            None => format!("p{}", self.paragraph),
        }
    }
}

/// Words and signs a reader may put before a reference in a search box, longest first.
const LOOSE_PREFIXES: [&str; 10] = [
    "paragraphe",
    "paragraph",
    "para.",
    "para",
    "par.",
    "no.",
    "n°",
    "nº",
    "§",
    "¶",
];

impl CommitmentRef {
    /// Reads a reference as people type it into a search box, where [`FromStr`] is strict:
    /// `30`, `25(c)`, `25c`, `25 (c)`, `25(C)`, `§30`, `§ 25 c`, `para. 30`, `paragraphe 25(c)`.
    /// `None` for anything else (words, a leading zero, a number over 999, two letters), so that
    /// such a query is searched as text.
    pub fn parse_loose(input: &str) -> Option<CommitmentRef> {
        let lower = input.trim().to_lowercase();
        let mut s = lower.as_str();
        if let Some(prefix) = LOOSE_PREFIXES.iter().find(|p| s.starts_with(**p)) {
            s = &s[prefix.len()..];
        }
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let digits_end = compact
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(compact.len());
        let (digits, rest) = compact.split_at(digits_end);
        if digits.is_empty() || digits.starts_with('0') || digits.len() > 3 {
            return None;
        }
        let paragraph: u16 = digits.parse().ok()?;
        let letter = match rest.as_bytes() {
            [] => None,
            [l] | [b'(', l, b')'] if l.is_ascii_lowercase() => Some(char::from(*l)),
            _ => return None,
        };
        Some(CommitmentRef {
            paragraph,
            item: letter,
        })
    }
}

impl fmt::Display for CommitmentRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.item {
            Some(letter) => write!(f, "{}({})", self.paragraph, letter),
            None => write!(f, "{}", self.paragraph),
        }
    }
}

/// Why a string is not a valid [`CommitmentRef`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid commitment reference {input:?}: {reason}")]
pub struct ParseRefError {
    input: String,
    reason: &'static str,
}

impl ParseRefError {
    fn new(input: &str, reason: &'static str) -> Self {
        Self {
            input: input.to_owned(),
            reason,
        }
    }

    /// The rejected input, as given.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl FromStr for CommitmentRef {
    type Err = ParseRefError;

    /// Parses `"25"` or `"25(c)"`, ignoring surrounding whitespace.
    ///
    /// Rejected: an empty string, a number outside 1–999 or with a leading
    /// zero, anything but a single lowercase letter `a`–`z` in parentheses
    /// (`"25()"`, `"25(C)"`, `"25(cd)"`), a letter without parentheses
    /// (`"25c"`) and trailing text. Uppercase letters are refused rather than
    /// folded so that every accepted reference has one spelling.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let s = input.trim();
        if s.is_empty() {
            return Err(ParseRefError::new(input, "it is empty"));
        }
        let digits_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (digits, rest) = s.split_at(digits_end);
        if digits.is_empty() {
            return Err(ParseRefError::new(
                input,
                "it must start with a paragraph number, e.g. \"25\" or \"25(c)\"",
            ));
        }
        if digits.starts_with('0') {
            return Err(ParseRefError::new(
                input,
                "the paragraph number must be 1-999 without leading zeros",
            ));
        }
        let paragraph = match digits.parse::<u16>() {
            Ok(n) if n <= MAX_PARAGRAPH => n,
            _ => {
                return Err(ParseRefError::new(
                    input,
                    "the paragraph number must be 1-999 without leading zeros",
                ));
            }
        };
        if rest.is_empty() {
            return Ok(Self::paragraph(paragraph));
        }
        let Some(inner) = rest.strip_prefix('(') else {
            return Err(ParseRefError::new(
                input,
                "an item letter must be written in parentheses, e.g. \"25(c)\"",
            ));
        };
        let Some(inner) = inner.strip_suffix(')') else {
            return Err(ParseRefError::new(
                input,
                "the item must be one letter closed by \")\" at the end, e.g. \"25(c)\"",
            ));
        };
        let mut chars = inner.chars();
        match (chars.next(), chars.next()) {
            (Some(letter), None) if letter.is_ascii_lowercase() => {
                Ok(Self::item(paragraph, letter))
            }
            _ => Err(ParseRefError::new(
                input,
                "the item must be a single lowercase letter a-z, e.g. \"25(c)\"",
            )),
        }
    }
}

impl TryFrom<String> for CommitmentRef {
    type Error = ParseRefError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<CommitmentRef> for String {
    fn from(value: CommitmentRef) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde::de::IntoDeserializer;
    use serde::de::value::Error as ValueError;

    #[test]
    fn round_trips_paragraphs_and_items() {
        for s in ["1", "25", "63", "999", "9(a)", "25(c)", "25(e)", "100(z)"] {
            let r: CommitmentRef = s.parse().expect(s);
            assert_eq!(r.to_string(), s);
        }
        assert_eq!(
            "25(c)".parse::<CommitmentRef>(),
            Ok(CommitmentRef::item(25, 'c'))
        );
        assert_eq!(
            " 13 \n".parse::<CommitmentRef>(),
            Ok(CommitmentRef::paragraph(13))
        );
        assert_eq!(
            "\t9(b) ".parse::<CommitmentRef>(),
            Ok(CommitmentRef::item(9, 'b'))
        );
    }

    #[test]
    fn anchors() {
        assert_eq!(CommitmentRef::paragraph(25).anchor(), "p25");
        assert_eq!(CommitmentRef::item(25, 'c').anchor(), "p25c");
    }

    #[test]
    fn rejects_invalid_inputs() {
        let cases = [
            ("", "empty"),
            ("   ", "empty"),
            ("0", "1-999"),
            ("025", "1-999"),
            ("1000", "1-999"),
            ("99999999", "1-999"),
            ("x", "must start with a paragraph number"),
            ("(c)", "must start with a paragraph number"),
            ("-1", "must start with a paragraph number"),
            ("25c", "in parentheses"),
            ("25 (c)", "in parentheses"),
            ("25.", "in parentheses"),
            ("25()", "single lowercase letter"),
            ("25(C)", "single lowercase letter"),
            ("25(cd)", "single lowercase letter"),
            ("25(1)", "single lowercase letter"),
            ("25(é)", "single lowercase letter"),
            ("25(c", "closed by"),
            ("25(c)x", "closed by"),
            ("25(c))", "single lowercase letter"),
        ];
        for (input, reason) in cases {
            let err = input
                .parse::<CommitmentRef>()
                .expect_err(&format!("{input:?} should be rejected"));
            assert_eq!(err.input(), input);
            let msg = err.to_string();
            assert!(msg.contains(reason), "{input:?}: {msg}");
            assert!(msg.starts_with("invalid commitment reference"), "{msg}");
        }
    }

    #[test]
    fn orders_like_the_document() {
        let mut refs: Vec<CommitmentRef> = ["26", "25(b)", "9(a)", "25", "25(a)", "10"]
            .iter()
            .map(|s| s.parse().expect(s))
            .collect();
        refs.sort();
        let shown: Vec<String> = refs.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["9(a)", "10", "25", "25(a)", "25(b)", "26"]);
    }

    #[test]
    fn serde_uses_the_string_form() {
        assert_eq!(String::from(CommitmentRef::item(25, 'c')), "25(c)");
        let de = |s: &str| {
            CommitmentRef::deserialize(IntoDeserializer::<ValueError>::into_deserializer(
                s.to_owned(),
            ))
        };
        assert_eq!(de("25(c)").ok(), Some(CommitmentRef::item(25, 'c')));
        assert_eq!(de("13").ok(), Some(CommitmentRef::paragraph(13)));
        assert!(de("25(C)").is_err());
    }

    #[test]
    fn loose_references_read_as_typed_in_a_search_box() {
        let item = Some(CommitmentRef::item(25, 'c'));
        for input in [
            "25(c)",
            "25c",
            "25 (c)",
            "25 c",
            "25(C)",
            " §25(c) ",
            "§ 25 c",
            "para. 25(c)",
            "paragraphe 25 (c)",
        ] {
            assert_eq!(CommitmentRef::parse_loose(input), item, "{input}");
        }
        for input in ["30", "§30", "¶ 30", "Paragraph 30", "no. 30", "nº30"] {
            assert_eq!(
                CommitmentRef::parse_loose(input),
                Some(CommitmentRef::paragraph(30)),
                "{input}"
            );
        }
        for input in [
            "", "§", "cyber", "030", "1000", "25(cd)", "25cd", "25(c", "25c)", "30 days", "2026",
            "(c)", "25-c", "25é",
        ] {
            assert_eq!(CommitmentRef::parse_loose(input), None, "{input}");
        }
    }
}
