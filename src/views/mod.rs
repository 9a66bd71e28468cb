//! Askama template structs, one per page, with view logic as methods.

pub mod account;
pub mod admin;
pub mod compare;
pub mod cycles;
pub mod dashboard;
pub mod errors;
pub mod public;
pub mod reconcile;
pub mod text;
pub mod tracking;

use axum::{extract::FromRequestParts, http::request::Parts};

use crate::{auth::AuthSession, i18n::Lang, state::AppState};

/// What every page's shell needs: language, where we are, who is reading.
#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    /// The request path, for the language switch.
    pub path: String,
    /// The query string without `lang`, kept by the language switch (e.g. a search).
    pub query: Vec<(String, String)>,
    /// Internal pages show the marking banner.
    pub internal: bool,
    pub marking: Option<String>,
    pub user_email: Option<String>,
    /// The page shows partnership text that does not exist in the reader's language (a French
    /// page before the French text is imported): `base.html` says so once, near the top.
    pub text_notice: bool,
}

impl Page {
    pub fn new(lang: Lang, path: &str, query: Option<&str>) -> Page {
        let query = query
            .map(|q| {
                url_pairs(q)
                    .into_iter()
                    .filter(|(k, _)| k != "lang")
                    .collect()
            })
            .unwrap_or_default();
        Page {
            lang,
            path: path.to_owned(),
            query,
            internal: false,
            marking: None,
            user_email: None,
            text_notice: false,
        }
    }

    /// Notes that the page shows `text`: when it is in the other language, the page says that the
    /// text exists only in that language.
    pub fn note_text(&mut self, text: &text::LangText) {
        self.text_notice |= text.foreign();
    }

    /// The catalogue message for `key` in the reader's language.
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// This page in the other language.
    pub fn switch_href(&self) -> String {
        let mut pairs = self.query.clone();
        pairs.push(("lang".into(), self.lang.other().code().into()));
        let query = serde_urlencoded_pairs(&pairs);
        format!("{}?{}", self.path, query)
    }

    /// The other language's name for itself.
    pub fn switch_label(&self) -> &'static str {
        self.lang.other().native_name()
    }

    pub fn switch_lang(&self) -> &'static str {
        self.lang.other().code()
    }
}

/// The path of a commitment's page; the reference is URL-encoded (`25(c)` → `25%28c%29`).
pub fn commitment_href(reference: &str) -> String {
    format!(
        "/app/commitments/{}",
        form_urlencoded::byte_serialize(reference.as_bytes()).collect::<String>()
    )
}

fn url_pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn serde_urlencoded_pairs(pairs: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

impl FromRequestParts<AppState> for Page {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or_default();
        let mut page = Page::new(lang, parts.uri.path(), parts.uri.query());
        page.user_email = parts
            .extensions
            .get::<AuthSession>()
            .and_then(|s| s.user.as_ref())
            .map(|u| u.email().to_owned());
        // Pages behind a login carry the text's marking (LIMITE).
        page.internal = page.path.starts_with("/app") || page.path.starts_with("/account");
        if page.internal {
            page.marking = state.marking.clone();
        }
        Ok(page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switch_keeps_other_parameters_and_replaces_lang() {
        let page = Page::new(Lang::En, "/app/search", Some("q=Gulf+of+Guinea&lang=en"));
        assert_eq!(page.switch_href(), "/app/search?q=Gulf+of+Guinea&lang=fr");
        let page = Page::new(Lang::Fr, "/text", None);
        assert_eq!(page.switch_href(), "/text?lang=en");
        assert_eq!(page.switch_label(), "English");
    }
}
