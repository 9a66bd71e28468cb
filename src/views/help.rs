//! `/help`: help for each kind of user and the status scale, in English and French. The prose
//! of each page is a template per language (templates/help/{en,fr}/); titles, navigation and the
//! status scale come from the catalogue.

use askama::Template;
use askama_web::WebTemplate;

use super::Page;
use crate::{domain::status::Status, i18n::Lang};

/// One help page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpTopic {
    Officer,
    Secretariat,
    Reader,
    Admin,
    Statuses,
}

impl HelpTopic {
    /// In the order of the help index.
    pub const ALL: [HelpTopic; 5] = [
        HelpTopic::Officer,
        HelpTopic::Secretariat,
        HelpTopic::Reader,
        HelpTopic::Admin,
        HelpTopic::Statuses,
    ];

    /// The last segment of the page's address.
    pub fn slug(self) -> &'static str {
        match self {
            HelpTopic::Officer => "officer",
            HelpTopic::Secretariat => "secretariat",
            HelpTopic::Reader => "reader",
            HelpTopic::Admin => "admin",
            HelpTopic::Statuses => "statuses",
        }
    }

    pub fn parse(slug: &str) -> Option<HelpTopic> {
        HelpTopic::ALL.into_iter().find(|t| t.slug() == slug)
    }

    pub fn href(self) -> String {
        format!("/help/{}", self.slug())
    }

    /// Catalogue key of the page's title.
    pub fn title_key(self) -> &'static str {
        match self {
            HelpTopic::Officer => "help-officer-title",
            HelpTopic::Secretariat => "help-secretariat-title",
            HelpTopic::Reader => "help-reader-title",
            HelpTopic::Admin => "help-admin-title",
            HelpTopic::Statuses => "help-statuses-title",
        }
    }

    /// Catalogue key of the one-line summary on the index.
    pub fn summary_key(self) -> &'static str {
        match self {
            HelpTopic::Officer => "help-officer-summary",
            HelpTopic::Secretariat => "help-secretariat-summary",
            HelpTopic::Reader => "help-reader-summary",
            HelpTopic::Admin => "help-admin-summary",
            HelpTopic::Statuses => "help-statuses-summary",
        }
    }
}

/// Catalogue key of what a status means.
pub fn status_meaning_key(status: Status) -> &'static str {
    match status {
        Status::NotAssessed => "help-status-not-assessed",
        Status::NotStarted => "help-status-not-started",
        Status::OnTrack => "help-status-on-track",
        Status::Challenges => "help-status-challenges",
        Status::Completed => "help-status-completed",
        Status::CompletedModified => "help-status-completed-modified",
        Status::Ongoing => "help-status-ongoing",
        Status::Discontinued => "help-status-discontinued",
    }
}

/// `/help`: the list of help pages.
#[derive(Template, WebTemplate)]
#[template(path = "help/index.html")]
pub struct HelpIndexView {
    pub page: Page,
    pub topics: [HelpTopic; 5],
}

/// `/help/{topic}`.
#[derive(Template, WebTemplate)]
#[template(path = "help/topic.html")]
pub struct HelpView {
    pub page: Page,
    pub topic: HelpTopic,
    pub topics: [HelpTopic; 5],
    pub statuses: [Status; 8],
}

impl HelpView {
    pub fn new(page: Page, topic: HelpTopic) -> HelpView {
        HelpView {
            page,
            topic,
            topics: HelpTopic::ALL,
            statuses: Status::ALL,
        }
    }

    pub fn french(&self) -> bool {
        self.page.lang == Lang::Fr
    }

    pub fn meaning(&self, status: &Status) -> String {
        self.page.t(status_meaning_key(*status))
    }

    pub fn is(&self, topic: &HelpTopic) -> bool {
        self.topic == *topic
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_reads_back_from_its_slug() {
        for topic in HelpTopic::ALL {
            assert_eq!(HelpTopic::parse(topic.slug()), Some(topic));
        }
        assert_eq!(HelpTopic::parse("nowhere"), None);
        assert_eq!(HelpTopic::parse(""), None);
    }
}
