//! The search page: results with highlighted, escaped snippets.

use askama::Template;
use askama_web::WebTemplate;

use super::{AreaOption, commitment_href, escape_html};
use crate::{db::search::Hit, i18n::Lang, views::Page};

/// One search result as shown.
#[derive(Debug, Clone)]
pub struct SearchResult {
    pub href: String,
    /// "Commitment 25(c)" or "Paragraph 5", in the reader's language.
    pub title: String,
    /// What matched: the text, a narrative or an evidence label.
    pub kind_key: &'static str,
    /// For narratives and evidence: the cycle and side.
    pub context: Option<String>,
    /// Escaped HTML with `<mark>` around the matched words.
    pub snippet_html: String,
    /// ` lang="…"` for the snippet when it is partnership text in the other language.
    pub lang_attr: &'static str,
}

impl SearchResult {
    pub fn of(lang: Lang, hit: &Hit) -> SearchResult {
        let (href, title) = match &hit.reference {
            Some(r) => (
                commitment_href(r),
                format!("{} {r}", lang.t("search-commitment")),
            ),
            None => (
                format!("/text#p{}", hit.paragraph_number),
                format!("{} {}", lang.t("search-paragraph"), hit.paragraph_number),
            ),
        };
        let kind_key = match hit.kind.as_str() {
            "narrative" => "search-kind-narrative",
            "evidence" => "search-kind-evidence",
            _ => "search-kind-text",
        };
        let context = match (hit.year, hit.side) {
            (Some(year), Some(side)) => Some(format!("{year} · {}", lang.t(side.label_key()))),
            _ => None,
        };
        SearchResult {
            href,
            title,
            kind_key,
            context,
            snippet_html: with_ellipses(&hit.body, &hit.snippet, snippet_html(&hit.snippet)),
            lang_attr: hit
                .text_lang()
                .map_or("", |text| crate::views::text::lang_attr(text, lang)),
        }
    }
}

/// Turns a `ts_headline` snippet into HTML: the text is escaped first, then the private markers
/// become `<mark>` (so nothing from the data is ever markup).
pub fn snippet_html(snippet: &str) -> String {
    use crate::db::search::{GT, LT, MARK_END, MARK_START};
    let text: String = snippet
        .chars()
        .map(|c| {
            if c == LT {
                '<'
            } else if c == GT {
                '>'
            } else {
                c
            }
        })
        .collect();
    let escaped = escape_html(&text);
    // Balanced by construction: ts_headline pairs its markers; guard anyway.
    let opens = escaped.matches(MARK_START).count();
    let closes = escaped.matches(MARK_END).count();
    if opens != closes {
        return escaped.replace([MARK_START, MARK_END], "");
    }
    escaped
        .replace(MARK_START, "<mark>")
        .replace(MARK_END, "</mark>")
}

/// The ellipsis that marks text left out of a snippet.
const ELLIPSIS: &str = "…";

/// Puts an ellipsis before `html` (the snippet as HTML) when the snippet does not start `body`,
/// and after it when it does not end it; `ts_headline` marks only the cuts between fragments.
pub fn with_ellipses(body: &str, snippet: &str, html: String) -> String {
    use crate::db::search::{GT, LT, MARK_END, MARK_START};
    // The text as ts_headline saw it: markers removed, `<` and `>` replaced.
    let seen: String = body
        .chars()
        .filter(|c| ![MARK_START, MARK_END, LT, GT].contains(c))
        .map(|c| match c {
            '<' => LT,
            '>' => GT,
            c => c,
        })
        .collect();
    let plain: String = snippet
        .chars()
        .filter(|c| *c != MARK_START && *c != MARK_END)
        .collect();
    let fragments: Vec<&str> = plain.split(" … ").collect();
    // Punctuation at either end is not text left out (ts_headline cuts at words).
    let bare = |s: &str| s.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let first = fragments.first().map_or(String::new(), |f| bare(f));
    let last = fragments.last().map_or(String::new(), |f| bare(f));
    let seen = bare(&seen);
    let starts = seen.starts_with(&first);
    let ends = seen.ends_with(&last);
    let before = if starts { "" } else { ELLIPSIS };
    let after = if ends { "" } else { ELLIPSIS };
    let space = |s: &str| if s.is_empty() { "" } else { " " };
    format!(
        "{before}{}{}{}{after}",
        space(before),
        html.trim(),
        space(after)
    )
}

#[derive(Template, WebTemplate)]
#[template(path = "tracking/search.html")]
pub struct SearchView {
    pub page: Page,
    pub q: String,
    pub results: Vec<SearchResult>,
    /// The most results shown.
    pub limit: usize,
    /// Every area, for the filter.
    pub areas: Vec<AreaOption>,
    /// The area the results are limited to.
    pub area: Option<String>,
    /// A reference that the text does not have, and its highest paragraph number.
    pub missing: Option<(String, i16)>,
}

impl SearchView {
    pub fn searched(&self) -> bool {
        !self.q.trim().is_empty()
    }

    pub fn area_selected(&self, slug: &str) -> bool {
        self.area.as_deref() == Some(slug)
    }

    /// "The text has no paragraph or item 99: …".
    pub fn missing_text(&self) -> Option<String> {
        self.missing.as_ref().map(|(reference, last)| {
            self.page.lang.t_args(
                "search-no-reference",
                &[
                    ("reference", reference.as_str().into()),
                    ("last", i64::from(*last).into()),
                ],
            )
        })
    }
}
