//! Askama template structs, one per page, with view logic as methods.

pub mod account;
pub mod admin;
pub mod compare;
pub mod components;
pub mod cycle_history;
pub mod cycle_lifecycle;
pub mod cycles;
pub mod dashboard;
pub mod errors;
pub mod help;
pub mod mail_settings;
pub mod outbox;
pub mod palette;
pub mod public;
pub mod reconcile;
pub mod sheets;
pub mod signoff;
pub mod submissions;
pub mod text;
pub mod tracking;

use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, Method, header, request::Parts},
};

use crate::{auth::AuthSession, domain::lang::Bilingual, i18n::Lang, state::AppState};

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
    /// For a page that answers a form's POST (a form shown again with its errors, a refusal):
    /// the page the form was on, which the language switch reloads instead (see
    /// [`Page::answering`]).
    pub form_page: Option<(String, Vec<(String, String)>)>,
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
            form_page: None,
        }
    }

    /// Notes the request this page answers. A POST's URL has no page of its own to reload
    /// (GET on it is a 405), so the language switch of a page answering one leads back to the page
    /// the form was on: the `Referer`, which browsers send with every same-origin form under our
    /// `strict-origin-when-cross-origin` policy, when it is a path on this site; failing that,
    /// the site's home page for the reader.
    pub fn answering(mut self, method: &Method, headers: &HeaderMap) -> Page {
        if method.is_safe() {
            return self;
        }
        let signed_in = self.path.starts_with("/app") || self.path.starts_with("/account");
        let fallback = if signed_in { "/app" } else { "/" };
        self.form_page =
            Some(referring_page(headers).unwrap_or_else(|| (fallback.to_owned(), Vec::new())));
        self
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

    /// This page in the other language (for the answer to a POST, the form's page).
    pub fn switch_href(&self) -> String {
        let (path, query) = match &self.form_page {
            Some((path, query)) => (path, query),
            None => (&self.path, &self.query),
        };
        let mut pairs = query.clone();
        pairs.push(("lang".into(), self.lang.other().code().into()));
        let query = serde_urlencoded_pairs(&pairs);
        format!("{path}?{query}")
    }

    /// The other language's name for itself.
    pub fn switch_label(&self) -> &'static str {
        self.lang.other().native_name()
    }

    pub fn switch_lang(&self) -> &'static str {
        self.lang.other().code()
    }

    /// The `data-i18n.*` attributes of GOV.UK Frontend's character count, in the reader's
    /// language.
    pub fn character_count_i18n(&self) -> Vec<(&'static str, String)> {
        components::character_count_i18n(self.lang)
    }

    /// A count as the reader's language writes it: "1,234" / "1 234" (U+202F).
    pub fn int(&self, n: &i64) -> String {
        crate::i18n::format_int(*n, self.lang)
    }

    /// The colon after a label, as the reader's language writes it.
    pub fn colon(&self) -> &'static str {
        self.lang.colon()
    }

    /// Content in two languages as this reader sees it: theirs, else the other (see
    /// [`Bilingual::get`]); empty when neither exists. Templates show it with
    /// `partials/lang.html`, which marks the fallback with [`Page::fallback_lang`].
    pub fn pick<'a>(&self, text: &'a Bilingual<String>) -> &'a str {
        text.get(self.lang).map_or("", |(value, _)| value.as_str())
    }

    /// The `lang` to mark on [`Page::pick`]'s value when it is not in the page's language.
    pub fn fallback_lang(&self, text: &Bilingual<String>) -> Option<&'static str> {
        text.get(self.lang)
            .map(|(_, lang)| lang)
            .filter(|lang| *lang != self.lang)
            .map(Lang::code)
    }
}

/// The path of a commitment's page; the reference is URL-encoded (`25(c)` → `25%28c%29`).
pub fn commitment_href(reference: &str) -> String {
    format!(
        "/app/commitments/{}",
        form_urlencoded::byte_serialize(reference.as_bytes()).collect::<String>()
    )
}

/// The same-origin page named by the `Referer` header: its path and its query without `lang`.
fn referring_page(headers: &HeaderMap) -> Option<(String, Vec<(String, String)>)> {
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let url = url::Url::parse(referer).ok()?;
    let origin = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str()?),
        None => url.host_str()?.to_owned(),
    };
    if !origin.eq_ignore_ascii_case(host) || !crate::domain::redirect::is_local_path(url.path()) {
        return None;
    }
    let query = url
        .query()
        .map(|q| {
            url_pairs(q)
                .into_iter()
                .filter(|(k, _)| k != "lang")
                .collect()
        })
        .unwrap_or_default();
    Some((url.path().to_owned(), query))
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
        Ok(page.answering(&parts.method, &parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilingual_content_falls_back_with_its_language() {
        let fr = Page::new(Lang::Fr, "/app/cycles", None);
        let place = Bilingual::only(Lang::En, "Brussels".to_owned());
        assert_eq!(fr.pick(&place), "Brussels");
        assert_eq!(fr.fallback_lang(&place), Some("en"));
        let both = Bilingual::new("Brussels".to_owned(), "Bruxelles".to_owned());
        assert_eq!(fr.pick(&both), "Bruxelles");
        assert_eq!(fr.fallback_lang(&both), None);
        assert_eq!(fr.pick(&Bilingual::default()), "");
    }

    #[test]
    fn the_answer_to_a_post_switches_language_on_the_form_page() {
        let headers = |referer: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::HOST, "tracker.example:8080".parse().unwrap());
            h.insert(header::REFERER, referer.parse().unwrap());
            h
        };
        let post = |referer: &str| {
            Page::new(Lang::En, "/app/commitments/25%28c%29/assessments/eu", None)
                .answering(&Method::POST, &headers(referer))
                .switch_href()
        };
        assert_eq!(
            post("http://tracker.example:8080/app/commitments/25%28c%29?saved=eu&lang=en"),
            "/app/commitments/25%28c%29?saved=eu&lang=fr"
        );
        // Another site's page, or none: the dashboard.
        assert_eq!(post("http://evil.example:8080/app/x"), "/app?lang=fr");
        assert_eq!(
            post("http://tracker.example:8080//evil.example"),
            "/app?lang=fr"
        );
        let get = Page::new(Lang::En, "/app/search", Some("q=x"))
            .answering(&Method::GET, &headers("http://tracker.example:8080/app"));
        assert_eq!(get.switch_href(), "/app/search?q=x&lang=fr");
    }

    #[test]
    fn switch_keeps_other_parameters_and_replaces_lang() {
        let page = Page::new(Lang::En, "/app/search", Some("q=Gulf+of+Guinea&lang=en"));
        assert_eq!(page.switch_href(), "/app/search?q=Gulf+of+Guinea&lang=fr");
        let page = Page::new(Lang::Fr, "/text", None);
        assert_eq!(page.switch_href(), "/text?lang=en");
        assert_eq!(page.switch_label(), "English");
    }
}
