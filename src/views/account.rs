//! Login, password and profile pages.

use askama::Template;
use askama_web::WebTemplate;

use super::Page;
use crate::db::users::{TokenRow, UserRow};

#[derive(Template, WebTemplate)]
#[template(path = "account/login.html")]
pub struct LoginView {
    pub page: Page,
    pub email: String,
    pub error: Option<String>,
    pub next: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/password.html")]
pub struct PasswordView {
    pub page: Page,
    /// The user logged in with a one-time password and must choose their own.
    pub forced: bool,
    /// (field, message)
    pub errors: Vec<(&'static str, String)>,
}

/// One password input of the form.
pub struct PasswordField {
    pub name: &'static str,
    pub label: String,
    pub autocomplete: &'static str,
    pub hint: Option<String>,
    pub error: Option<String>,
}

impl PasswordField {
    /// The ids of the hint and error, for `aria-describedby`.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        ids.join(" ")
    }
}

impl PasswordView {
    pub fn fields(&self) -> Vec<PasswordField> {
        let error = |name: &str| {
            self.errors
                .iter()
                .find(|(f, _)| *f == name)
                .map(|(_, m)| m.clone())
        };
        vec![
            PasswordField {
                name: "current",
                label: self.page.t("password-current"),
                autocomplete: "current-password",
                hint: None,
                error: error("current"),
            },
            PasswordField {
                name: "new",
                label: self.page.t("password-new"),
                autocomplete: "new-password",
                hint: Some(self.page.t("password-hint")),
                error: error("new"),
            },
            PasswordField {
                name: "confirm",
                label: self.page.t("password-confirm"),
                autocomplete: "new-password",
                hint: None,
                error: error("confirm"),
            },
        ]
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "account/profile.html")]
pub struct ProfileView {
    pub page: Page,
    pub user: UserRow,
    pub tokens: Vec<TokenRow>,
    pub error: Option<String>,
}

impl ProfileView {
    pub fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        crate::i18n::format_moment(*at, self.page.lang)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "account/token-created.html")]
pub struct TokenCreatedView {
    pub page: Page,
    pub token: String,
    pub label: String,
}
