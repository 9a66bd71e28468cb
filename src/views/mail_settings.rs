//! The profile's mail settings: the language of one's mails and the notices one receives.

use askama::Template;
use askama_web::WebTemplate;

use super::Page;
use crate::{
    i18n::Lang,
    mail::kind::{MailKind, wanted},
};

#[derive(Template, WebTemplate)]
#[template(path = "account/mail.html")]
pub struct MailSettingsView {
    pub page: Page,
    /// The language of the user's mails.
    pub mail_lang: Lang,
    pub muted: Vec<String>,
    pub error: Option<String>,
    pub saved: bool,
}

impl MailSettingsView {
    pub fn kinds(&self) -> Vec<MailKind> {
        MailKind::optional().collect()
    }

    pub fn receives(&self, kind: &MailKind) -> bool {
        wanted(*kind, &self.muted)
    }

    pub fn langs(&self) -> [Lang; 2] {
        Lang::ALL
    }
}
