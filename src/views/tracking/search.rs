//! The search page: results with highlighted, escaped snippets.

use askama::Template;
use askama_web::WebTemplate;

use super::{commitment_href, escape_html};
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
            snippet_html: snippet_html(&hit.snippet),
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

#[derive(Template, WebTemplate)]
#[template(path = "tracking/search.html")]
pub struct SearchView {
    pub page: Page,
    pub q: String,
    pub results: Vec<SearchResult>,
    /// The most results shown.
    pub limit: usize,
}

impl SearchView {
    pub fn searched(&self) -> bool {
        !self.q.trim().is_empty()
    }
}
