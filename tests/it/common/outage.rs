//! What every kind of caller gets while the database is unreachable: one request per kind (pages
//! and API, signed in, with a token and anonymous, English and French), and the checks a 503
//! must pass.

use reqwest::{Client, StatusCode, header};
use serde_json::json;

/// The callers of an app whose database is about to go away.
pub struct Callers {
    /// A browser signed in as an officer of the EU side.
    pub browser: Client,
    /// That officer's personal API token.
    pub token: String,
    /// A browser nobody signed in with.
    pub anonymous: Client,
    /// The slug of a public area page.
    pub area: String,
    /// The open cycle.
    pub year: i32,
}

/// One answer while the database was unreachable.
#[derive(Debug)]
pub struct Answer {
    pub what: &'static str,
    pub status: StatusCode,
    pub retry_after: Option<String>,
    pub content_type: String,
    pub body: String,
    /// The text the body must contain: the page's title in its language, or the JSON status.
    pub expected: &'static str,
}

impl Answer {
    async fn from(what: &'static str, expected: &'static str, response: reqwest::Response) -> Self {
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let retry_after = header(header::RETRY_AFTER);
        let content_type = header(header::CONTENT_TYPE).unwrap_or_default();
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        Answer {
            what,
            status,
            retry_after,
            content_type,
            body,
            expected,
        }
    }

    /// Whether this is the 503 an outage must give: `Retry-After` in whole seconds, and the
    /// error page in the reader's language or the API's JSON error.
    pub fn check(&self) -> Result<(), String> {
        let fail = |why: &str| Err(format!("{}: {why}: {self:?}", self.what));
        if self.status != StatusCode::SERVICE_UNAVAILABLE {
            return fail("not a 503");
        }
        if !self
            .retry_after
            .as_deref()
            .is_some_and(|s| s.parse::<u32>().is_ok_and(|n| n > 0))
        {
            return fail("no Retry-After in seconds");
        }
        let json = self.expected.starts_with('{');
        if json != self.content_type.starts_with("application/json") {
            return fail("wrong content type");
        }
        if json {
            let body: serde_json::Value =
                serde_json::from_str(&self.body).map_err(|e| format!("{}: {e}", self.what))?;
            if body["error"]["status"] != 503 {
                return fail("the JSON error does not say 503");
            }
        } else if !self.body.contains(self.expected) {
            return fail("the page does not say so in the reader's language");
        }
        Ok(())
    }
}

const PAGE_EN: &str = "Service unavailable";
const PAGE_FR: &str = "Service indisponible";
const JSON: &str = "{\"error\"";

/// Sends one request of each kind, all at once, and returns the answers.
pub async fn ask_everyone(base: &str, callers: &Callers) -> Vec<Answer> {
    let url = |path: &str| format!("{base}{path}");
    let year = callers.year;
    let write = json!({"ref": "13", "side": "eu", "status": "on_track", "narrative": "down"});
    let token = callers.token.as_str();
    let requests = [
        ("signed-in page", PAGE_EN, callers.browser.get(url("/app"))),
        (
            "signed-in page in French",
            PAGE_FR,
            callers
                .browser
                .get(url("/app/cycles"))
                .header(header::ACCEPT_LANGUAGE, "fr-CA,fr;q=0.9"),
        ),
        (
            "signed-in API read",
            JSON,
            callers.browser.get(url("/api/v1/cycles")),
        ),
        (
            "token API read",
            JSON,
            callers
                .anonymous
                .get(url(&format!("/api/v1/cycles/{year}")))
                .bearer_auth(token),
        ),
        (
            "token API write",
            JSON,
            callers
                .anonymous
                .post(url(&format!("/api/v1/cycles/{year}/assessments")))
                .bearer_auth(token)
                .header(header::IF_MATCH, "\"0\"")
                .json(&write),
        ),
        (
            "anonymous API read",
            JSON,
            callers.anonymous.get(url("/api/v1/commitments")),
        ),
        (
            "anonymous page",
            PAGE_EN,
            callers
                .anonymous
                .get(url(&format!("/areas/{}", callers.area))),
        ),
        (
            "anonymous page in French",
            PAGE_FR,
            callers
                .anonymous
                .get(url(&format!("/areas/{}", callers.area)))
                .header(header::ACCEPT_LANGUAGE, "fr"),
        ),
        (
            "sign-in",
            PAGE_EN,
            callers
                .anonymous
                .post(url("/login"))
                .form(&[("email", "nobody@example.org"), ("password", "wrong")]),
        ),
    ];
    let answers = requests
        .into_iter()
        .map(|(what, expected, request)| async move {
            match request.send().await {
                Ok(response) => Answer::from(what, expected, response).await,
                Err(err) => Answer {
                    what,
                    status: StatusCode::IM_A_TEAPOT,
                    retry_after: None,
                    content_type: String::new(),
                    body: format!("no answer: {err}"),
                    expected,
                },
            }
        });
    futures_join_all(answers).await
}

/// `futures::future::join_all` without the dependency: each future on its own task.
async fn futures_join_all<F>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await.expect("a probe panicked"));
    }
    out
}
