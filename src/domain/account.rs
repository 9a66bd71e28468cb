//! Accounts: roles, sides, e-mail addresses and the password rules.

use std::{fmt, str::FromStr};

/// What an account may do.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, sqlx::Type,
)]
#[serde(rename_all = "lowercase")]
#[sqlx(type_name = "text", rename_all = "lowercase")]
pub enum Role {
    /// Accounts, roles, assignments, imports.
    Admin,
    /// Runs the review cycles: reconciles, freezes, exports, publishes.
    Secretariat,
    /// Records one side's assessments.
    Officer,
    /// Reads every internal page, changes nothing.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Secretariat, Role::Officer, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Secretariat => "secretariat",
            Role::Officer => "officer",
            Role::Viewer => "viewer",
        }
    }

    /// The catalogue key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Admin => "role-admin",
            Role::Secretariat => "role-secretariat",
            Role::Officer => "role-officer",
            Role::Viewer => "role-viewer",
        }
    }
}

/// A party to the partnership, for whom an officer acts.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    sqlx::Type,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
#[sqlx(type_name = "text", rename_all = "lowercase")]
pub enum Side {
    Eu,
    Ca,
}

impl Side {
    pub const ALL: [Side; 2] = [Side::Eu, Side::Ca];

    pub fn as_str(self) -> &'static str {
        match self {
            Side::Eu => "eu",
            Side::Ca => "ca",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Side::Eu => "side-eu",
            Side::Ca => "side-ca",
        }
    }
}

/// A value that is not one of the allowed keys.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid {what} (expected one of: {expected})")]
pub struct ParseKeyError {
    what: &'static str,
    value: String,
    expected: &'static str,
}

impl FromStr for Role {
    type Err = ParseKeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or_else(|| ParseKeyError {
                what: "role",
                value: s.to_owned(),
                expected: "admin, secretariat, officer, viewer",
            })
    }
}

impl FromStr for Side {
    type Err = ParseKeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Side::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or_else(|| ParseKeyError {
                what: "side",
                value: s.to_owned(),
                expected: "eu, ca",
            })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A syntactically valid e-mail address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

/// The longest address SMTP allows.
pub const EMAIL_MAX_CHARS: usize = 320;

impl Email {
    pub fn parse(input: &str) -> Result<Email, AccountError> {
        let email = input.trim().to_lowercase();
        let valid = email.chars().count() <= EMAIL_MAX_CHARS
            && !email.chars().any(char::is_whitespace)
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
            })
            // What the mail sender will accept (RFC 5321/5322 syntax, via lettre): an account
            // created with an address mail cannot go to would fail silently later.
            && email.parse::<lettre::Address>().is_ok();
        if valid {
            Ok(Email(email))
        } else {
            Err(AccountError::InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Shortest password accepted (NIST SP 800-63B allows 8; a government tool asks more).
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Longest password accepted, so that hashing cost stays bounded.
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Checks the password rules: length only, any characters, no composition rules.
pub fn check_password(password: &str) -> Result<(), AccountError> {
    let n = password.chars().count();
    if n < PASSWORD_MIN_CHARS {
        Err(AccountError::PasswordTooShort)
    } else if n > PASSWORD_MAX_CHARS {
        Err(AccountError::PasswordTooLong)
    } else {
        Ok(())
    }
}

/// Officers act for one side; other roles for none.
pub fn check_side(role: Role, side: Option<Side>) -> Result<Option<Side>, AccountError> {
    match (role, side) {
        (Role::Officer, None) => Err(AccountError::OfficerNeedsSide),
        (Role::Officer, side) => Ok(side),
        (_, side) => Ok(side),
    }
}

/// Why account data was refused; each has a catalogue key for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    #[error("enter a valid e-mail address")]
    InvalidEmail,
    #[error("the password must have at least 12 characters")]
    PasswordTooShort,
    #[error("the password must have at most 128 characters")]
    PasswordTooLong,
    #[error("an officer needs a side (eu or ca)")]
    OfficerNeedsSide,
}

impl AccountError {
    pub fn message_key(self) -> &'static str {
        match self {
            AccountError::InvalidEmail => "account-error-email",
            AccountError::PasswordTooShort => "account-error-password-short",
            AccountError::PasswordTooLong => "account-error-password-long",
            AccountError::OfficerNeedsSide => "account-error-officer-side",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_length_rules_count_characters_not_bytes() {
        let cases = [
            ("", Err(AccountError::PasswordTooShort)),
            ("elevenchars", Err(AccountError::PasswordTooShort)),
            ("twelve chars", Ok(())),
            ("élévé ààààà😀", Ok(())),
            (&"é".repeat(128), Ok(())),
            (&"a".repeat(129), Err(AccountError::PasswordTooLong)),
        ];
        for (password, expected) in cases {
            assert_eq!(check_password(password), expected, "{password}");
        }
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Jane.Doe@EEAS.europa.eu ").unwrap().as_str(),
            "jane.doe@eeas.europa.eu"
        );
        for bad in [
            "",
            "no-at",
            "a@b",
            "a @b.eu",
            "@b.eu",
            "a@.eu",
            "a@b.eu@c.eu",
            // Accepted by the shape check alone, refused by the mail sender's parser: an
            // account must not be created with an address no mail can go to.
            "a,b@eeas.eu",
            "a<b>@eeas.eu",
            "jane\"doe@eeas.eu",
            "a@ee(as).eu",
            "a@ee_as..eu",
        ] {
            assert_eq!(Email::parse(bad), Err(AccountError::InvalidEmail), "{bad}");
        }
        assert!(Email::parse("o'brien+sdp@international.gc.ca").is_ok());
    }

    #[test]
    fn roles_and_sides_parse() {
        assert_eq!("officer".parse::<Role>().unwrap(), Role::Officer);
        assert!("root".parse::<Role>().is_err());
        assert_eq!("ca".parse::<Side>().unwrap(), Side::Ca);
        assert!("us".parse::<Side>().is_err());
        assert_eq!(
            check_side(Role::Officer, None),
            Err(AccountError::OfficerNeedsSide)
        );
        assert_eq!(check_side(Role::Viewer, None), Ok(None));
    }
}
