//! User administration, lead-officer assignments and the audit log.

use askama::Template;
use askama_web::WebTemplate;
use serde_json::Value;

use super::Page;
use crate::{
    db::{
        assignments::{LeadRow, Officer},
        audit_log::AuditRow,
        users::UserRow,
    },
    domain::account::{Email, Role, Side, check_side},
};

/// Longest display name and organisation, as the schema allows.
pub const NAME_MAX_CHARS: usize = 200;

/// (field id, message) pairs shown in the error summary and next to each field.
pub type FieldErrors = Vec<(&'static str, String)>;

fn error_for<'a>(errors: &'a FieldErrors, field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, m)| m.as_str())
}

/// The catalogue key of the success banner for a `?done=` value; unknown values show nothing.
pub fn done_key(done: &str) -> Option<&'static str> {
    match done {
        "updated" => Some("admin-done-updated"),
        "deactivated" => Some("admin-done-deactivated"),
        "added" => Some("admin-done-lead-added"),
        "removed" => Some("admin-done-lead-removed"),
        _ => None,
    }
}

/// An account as the administration pages show it (never its password hash).
#[derive(Debug, Clone)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub side: Option<Side>,
    pub organisation: Option<String>,
    pub active: bool,
    pub must_change_password: bool,
}

impl From<&UserRow> for Account {
    fn from(u: &UserRow) -> Account {
        Account {
            id: u.id,
            email: u.email.clone(),
            display_name: u.display_name.clone(),
            role: u.role,
            side: u.side,
            organisation: u.organisation.clone(),
            active: u.active,
            must_change_password: u.must_change_password,
        }
    }
}

/// The account form as typed: kept as strings so that a refused form shows what was entered.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct AccountForm {
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub side: String,
    pub organisation: String,
    /// The "active" checkbox of the edit form: present when ticked.
    pub active: Option<String>,
}

/// The fields an administrator sets, once checked.
#[derive(Debug, Clone)]
pub struct Profile {
    pub display_name: String,
    pub role: Role,
    pub side: Option<Side>,
    pub organisation: Option<String>,
}

impl AccountForm {
    pub fn from_account(a: &Account) -> AccountForm {
        AccountForm {
            email: a.email.clone(),
            display_name: a.display_name.clone(),
            role: a.role.as_str().into(),
            side: a.side.map(|s| s.as_str().into()).unwrap_or_default(),
            organisation: a.organisation.clone().unwrap_or_default(),
            active: a.active.then(|| "yes".into()),
        }
    }

    pub fn is_active(&self) -> bool {
        self.active.is_some()
    }

    /// Checks the e-mail address; the error is a catalogue key.
    pub fn email(&self) -> Result<Email, &'static str> {
        Email::parse(&self.email).map_err(|e| e.message_key())
    }

    /// Checks everything but the e-mail; errors are (field, catalogue key).
    pub fn profile(&self) -> Result<Profile, Vec<(&'static str, &'static str)>> {
        let mut errors = Vec::new();
        let display_name = self.display_name.trim().to_owned();
        let n = display_name.chars().count();
        if n == 0 || n > NAME_MAX_CHARS {
            errors.push(("display_name", "admin-error-display-name"));
        }
        let role = self.role.parse::<Role>().ok();
        if role.is_none() {
            errors.push(("role", "admin-error-role"));
        }
        let side = match self.side.trim() {
            "" | "none" => Ok(None),
            s => s.parse::<Side>().map(Some),
        };
        let side = match (role, side) {
            (_, Err(_)) => {
                errors.push(("side", "admin-error-side"));
                None
            }
            (Some(role), Ok(side)) => match check_side(role, side) {
                Ok(side) => side,
                Err(e) => {
                    errors.push(("side", e.message_key()));
                    None
                }
            },
            (None, Ok(side)) => side,
        };
        let organisation = self.organisation.trim().to_owned();
        if organisation.chars().count() > NAME_MAX_CHARS {
            errors.push(("organisation", "admin-error-organisation"));
        }
        match role {
            Some(role) if errors.is_empty() => Ok(Profile {
                display_name,
                role,
                side,
                organisation: (!organisation.is_empty()).then_some(organisation),
            }),
            _ => Err(errors),
        }
    }
}

/// `/app/admin/users`: every account.
#[derive(Template, WebTemplate)]
#[template(path = "admin/users.html")]
pub struct UsersView {
    pub page: Page,
    pub users: Vec<Account>,
}

/// `/app/admin/users/new` and `/app/admin/users/{id}`: the account form.
#[derive(Template, WebTemplate)]
#[template(path = "admin/user.html")]
pub struct UserFormView {
    pub page: Page,
    /// The account being edited; `None` when creating one.
    pub account: Option<Account>,
    /// The administrator is looking at their own account.
    pub is_self: bool,
    pub form: AccountForm,
    pub errors: FieldErrors,
    /// Catalogue key of a success banner.
    pub done: Option<&'static str>,
}

impl UserFormView {
    /// The form for a new account.
    pub fn new_account(page: Page, form: AccountForm, errors: FieldErrors) -> UserFormView {
        UserFormView {
            page,
            account: None,
            is_self: false,
            form,
            errors,
            done: None,
        }
    }

    /// The form of `account`, as typed (`form`) and with `errors`; `is_self` when the
    /// administrator is editing their own account.
    pub fn editing(
        page: Page,
        account: Account,
        is_self: bool,
        form: AccountForm,
        errors: FieldErrors,
    ) -> UserFormView {
        UserFormView {
            page,
            account: Some(account),
            is_self,
            form,
            errors,
            done: None,
        }
    }

    /// The form shown again with its errors: 422.
    pub fn refused(self) -> axum::response::Response {
        use axum::response::IntoResponse;
        (axum::http::StatusCode::UNPROCESSABLE_ENTITY, self).into_response()
    }

    pub fn error_for(&self, field: &str) -> Option<&str> {
        error_for(&self.errors, field)
    }

    pub fn action(&self) -> String {
        match &self.account {
            Some(a) => format!("/app/admin/users/{}", a.id),
            None => "/app/admin/users/new".into(),
        }
    }

    pub fn roles(&self) -> [Role; 4] {
        Role::ALL
    }

    /// The side radios: (value, catalogue key), "none" first.
    pub fn sides(&self) -> [(&'static str, &'static str); 3] {
        [
            ("", "admin-side-none"),
            ("eu", "side-eu"),
            ("ca", "side-ca"),
        ]
    }
}

/// Why a one-time password is being shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordReason {
    Created,
    Reset,
}

/// The one-time password of a new or reset account, shown once.
#[derive(Template, WebTemplate)]
#[template(path = "admin/password.html")]
pub struct OneTimePasswordView {
    pub page: Page,
    pub account_id: i64,
    pub email: String,
    pub password: String,
    pub reason: PasswordReason,
}

impl OneTimePasswordView {
    pub fn title_key(&self) -> &'static str {
        match self.reason {
            PasswordReason::Created => "admin-created-title",
            PasswordReason::Reset => "admin-reset-title",
        }
    }
}

/// One commitment and its leads on each side.
#[derive(Debug, Clone)]
pub struct CommitmentLeads {
    pub reference: String,
    pub eu: Vec<Lead>,
    pub ca: Vec<Lead>,
}

#[derive(Debug, Clone)]
pub struct Lead {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
}

/// Groups the rows of `db::assignments::list` (already in text order) by commitment.
pub fn group_leads(rows: Vec<LeadRow>) -> Vec<CommitmentLeads> {
    let mut out: Vec<CommitmentLeads> = Vec::new();
    for row in rows {
        if out.last().is_none_or(|c| c.reference != row.reference) {
            out.push(CommitmentLeads {
                reference: row.reference.clone(),
                eu: Vec::new(),
                ca: Vec::new(),
            });
        }
        let current = out.last_mut().expect("just pushed");
        if let (Some(user_id), Some(email), Some(display_name), Some(side)) =
            (row.user_id, row.email, row.display_name, row.side)
        {
            let lead = Lead {
                user_id,
                email,
                display_name,
            };
            match side {
                Side::Eu => current.eu.push(lead),
                Side::Ca => current.ca.push(lead),
            }
        }
    }
    out
}

/// The add-a-lead form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct LeadForm {
    pub commitment: String,
    pub user_id: String,
}

/// `/app/admin/assignments`: leads per commitment and the form to add one.
#[derive(Template, WebTemplate)]
#[template(path = "admin/assignments.html")]
pub struct AssignmentsView {
    pub page: Page,
    pub commitments: Vec<CommitmentLeads>,
    /// Every commitment, for the select: "25(c) — its text…".
    pub choices: Vec<crate::views::tracking::CommitmentChoice>,
    pub officers: Vec<Officer>,
    pub form: LeadForm,
    pub errors: FieldErrors,
    pub done: Option<&'static str>,
}

impl AssignmentsView {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        error_for(&self.errors, field)
    }

    pub fn is_selected_officer(&self, id: &i64) -> bool {
        self.form.user_id == id.to_string()
    }
}

/// The audit page's filter as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    pub action: String,
    pub actor: String,
    pub entity: String,
    pub from: String,
    pub to: String,
    pub page: String,
    /// Keyset of a next page: the events older than this event id.
    pub before: String,
    /// Keyset of a previous page: the events newer than this event id.
    pub after: String,
}

/// `/app/audit`: one page of the audit log.
#[derive(Template, WebTemplate)]
#[template(path = "audit/index.html")]
pub struct AuditView {
    pub page: Page,
    pub query: AuditQuery,
    pub events: Vec<AuditRow>,
    /// Matching events, counted up to a limit.
    pub total: i64,
    /// More events match than `total` says (the count stopped at its limit).
    pub more: bool,
    pub page_number: i64,
    /// Known while every matching event was counted.
    pub page_count: Option<i64>,
    pub has_next: bool,
    pub errors: FieldErrors,
}

impl AuditView {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        error_for(&self.errors, field)
    }

    /// UTC, ISO 8601, to the second.
    pub fn when(&self, event: &AuditRow) -> String {
        event.at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    pub fn json(&self, value: &Option<Value>) -> String {
        value
            .as_ref()
            .map(|v| serde_json::to_string_pretty(v).unwrap_or_default())
            .unwrap_or_default()
    }

    /// The link to the next page of the same filter: the events older than this page's last.
    pub fn next_href(&self) -> String {
        let keyset = self.events.last().map(|e| ("before", e.id));
        self.page_href(self.page_number + 1, keyset)
    }

    /// The link to the previous page: the events newer than this page's first (the first page
    /// needs none).
    pub fn previous_href(&self) -> String {
        let keyset = self
            .events
            .first()
            .filter(|_| self.page_number > 2)
            .map(|e| ("after", e.id));
        self.page_href(self.page_number - 1, keyset)
    }

    /// Another page of the same filter, continuing from an event when `keyset` is given.
    fn page_href(&self, number: i64, keyset: Option<(&str, i64)>) -> String {
        let q = &self.query;
        let pairs = [
            ("action", q.action.as_str()),
            ("actor", q.actor.as_str()),
            ("entity", q.entity.as_str()),
            ("from", q.from.as_str()),
            ("to", q.to.as_str()),
        ];
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
            s.append_pair(k, v);
        }
        s.append_pair("page", &number.to_string());
        if let Some((k, id)) = keyset {
            s.append_pair(k, &id.to_string());
        }
        format!("/app/audit?{}", s.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(role: &str, side: &str) -> AccountForm {
        AccountForm {
            email: "a@b.eu".into(),
            display_name: "A".into(),
            role: role.into(),
            side: side.into(),
            ..AccountForm::default()
        }
    }

    #[test]
    fn account_forms_are_checked() {
        assert!(form("officer", "eu").profile().is_ok());
        assert!(form("viewer", "").profile().unwrap().side.is_none());
        assert_eq!(
            form("officer", "").profile().unwrap_err(),
            vec![("side", "account-error-officer-side")]
        );
        assert_eq!(
            form("root", "").profile().unwrap_err(),
            vec![("role", "admin-error-role")]
        );
        assert_eq!(
            form("viewer", "us").profile().unwrap_err(),
            vec![("side", "admin-error-side")]
        );
        let blank = AccountForm {
            display_name: "  ".into(),
            ..form("viewer", "")
        };
        assert_eq!(
            blank.profile().unwrap_err(),
            vec![("display_name", "admin-error-display-name")]
        );
    }
}
