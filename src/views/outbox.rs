//! The mail outbox page (administrators).

use askama::Template;
use askama_web::WebTemplate;

use super::Page;
use crate::{
    db::mail::OutboxRow,
    i18n::{Lang, format_moment},
    mail::kind::MailKind,
};

/// The states the page can filter on, in the order of their tabs.
pub const STATES: [&str; 4] = ["queued", "sending", "sent", "failed"];

/// How many mails the page lists.
pub const OUTBOX_PAGE_ROWS: i64 = 200;

/// The catalogue key of a `?done=` value.
pub fn done_key(done: &str) -> Option<&'static str> {
    match done {
        "retried" => Some("outbox-done-retried"),
        _ => None,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/outbox.html")]
pub struct OutboxView {
    pub page: Page,
    pub rows: Vec<OutboxRow>,
    /// (state, how many)
    pub counts: Vec<(String, i64)>,
    /// The state shown, or all.
    pub state: Option<String>,
    pub sending: bool,
    pub done: Option<&'static str>,
    pub error: Option<String>,
}

impl OutboxView {
    pub fn state_key(&self, state: &str) -> String {
        format!("outbox-state-{state}")
    }

    pub fn state_tag(&self, state: &str) -> &'static str {
        match state {
            "sent" => "govuk-tag--green",
            "failed" => "govuk-tag--red",
            "sending" => "govuk-tag--blue",
            _ => "govuk-tag--grey",
        }
    }

    pub fn kind_label(&self, kind: &str) -> String {
        kind.parse::<MailKind>()
            .map_or_else(|_| kind.to_owned(), |k| self.page.t(k.label_key()))
    }

    pub fn count(&self, state: &str) -> i64 {
        self.counts
            .iter()
            .find(|(s, _)| s == state)
            .map_or(0, |(_, n)| *n)
    }

    pub fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        format_moment(*at, self.page.lang)
    }

    pub fn mail_lang(&self, row: &OutboxRow) -> &'static str {
        Lang::parse(&row.lang).unwrap_or_default().code()
    }

    pub fn selected(&self, state: &str) -> bool {
        self.state.as_deref() == Some(state)
    }
}
