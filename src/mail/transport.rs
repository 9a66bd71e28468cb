//! The mail server: `SDP_SMTP_URL` parsed into settings whose `Debug` hides the password, and a
//! lettre SMTP transport (rustls) built from them.

use std::{fmt, time::Duration};

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    transport::smtp::{
        authentication::Credentials,
        client::{Tls, TlsParameters},
    },
};

use crate::config::Secret;

/// How long one conversation with the mail server may take (connect, greet, send): a slow server
/// is given up on and the mail retried later, so the sender is never stuck.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// `smtps://`: TLS from the first byte (port 465 by default).
    Implicit,
    /// `smtp://`: STARTTLS, required (port 587 by default).
    StartTls,
    /// `smtp://…?tls=opportunistic`: STARTTLS when the server offers it.
    Opportunistic,
    /// `smtp://…?tls=none`: plain text, for a relay on the same machine.
    None,
}

/// A parsed `SDP_SMTP_URL`: `smtp://user:pass@host:587`, `smtps://user:pass@host`,
/// `smtp://host:25?tls=none`.
#[derive(Clone, PartialEq)]
pub struct SmtpUrl {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    pub user: Option<String>,
    pub password: Option<String>,
}

impl fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpUrl")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

impl fmt::Display for SmtpUrl {
    /// For the log: never the credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.tls == TlsMode::Implicit {
            "smtps"
        } else {
            "smtp"
        };
        write!(f, "{scheme}://{}:{} ({:?})", self.host, self.port, self.tls)
    }
}

impl SmtpUrl {
    /// Parses the URL; the error names what is wrong without repeating the URL (it may hold a
    /// password).
    pub fn parse(input: &Secret) -> Result<SmtpUrl, String> {
        let url = url::Url::parse(input.expose().trim())
            .map_err(|e| format!("SDP_SMTP_URL is not a URL ({e})"))?;
        let (default_port, mut tls) = match url.scheme() {
            "smtps" => (465, TlsMode::Implicit),
            "smtp" => (587, TlsMode::StartTls),
            other => {
                return Err(format!(
                    "SDP_SMTP_URL must start with smtp:// or smtps://, not {other}://"
                ));
            }
        };
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or("SDP_SMTP_URL has no host")?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        for (key, value) in url.query_pairs() {
            match (key.as_ref(), value.as_ref(), tls) {
                ("tls", "none", TlsMode::StartTls) => tls = TlsMode::None,
                ("tls", "opportunistic", TlsMode::StartTls) => tls = TlsMode::Opportunistic,
                ("tls", "required", TlsMode::StartTls) => {}
                _ => {
                    return Err(format!(
                        "SDP_SMTP_URL: unknown option {key}={value} (smtp:// takes tls=required, opportunistic or none)"
                    ));
                }
            }
        }
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| "SDP_SMTP_URL: the user or password is not UTF-8".to_owned())
        };
        let user = Some(url.username())
            .filter(|u| !u.is_empty())
            .map(decode)
            .transpose()?;
        let password = url.password().map(decode).transpose()?;
        Ok(SmtpUrl {
            host,
            port: url.port().unwrap_or(default_port),
            tls,
            user,
            password,
        })
    }

    /// A transport that opens a connection per mail (the outbox sends few, and a broken pooled
    /// connection would only add a failure mode).
    pub fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        let params = || {
            TlsParameters::new(self.host.clone())
                .map_err(|e| format!("cannot set up TLS for {}: {e}", self.host))
        };
        let tls = match self.tls {
            TlsMode::Implicit => Tls::Wrapper(params()?),
            TlsMode::StartTls => Tls::Required(params()?),
            TlsMode::Opportunistic => Tls::Opportunistic(params()?),
            TlsMode::None => Tls::None,
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host)
            .port(self.port)
            .tls(tls)
            .timeout(Some(SMTP_TIMEOUT));
        if let Some(user) = &self.user {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                self.password.clone().unwrap_or_default(),
            ));
        }
        Ok(builder.build())
    }
}

/// What became of one attempt to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server accepted the mail (250).
    Sent,
    /// Worth trying again later: the server is down, slow, or answered 4xx.
    Retry(String),
    /// The server refused it for good (5xx), or the mail cannot be sent as it is.
    Refused(String),
}

/// Sends one message; never panics, never waits longer than [`SMTP_TIMEOUT`] (plus a margin).
pub async fn send(transport: &AsyncSmtpTransport<Tokio1Executor>, message: Message) -> Outcome {
    let attempt = tokio::time::timeout(SMTP_TIMEOUT * 2, transport.send(message)).await;
    match attempt {
        Ok(Ok(_)) => Outcome::Sent,
        Ok(Err(err)) if err.is_permanent() => Outcome::Refused(one_line(&err)),
        Ok(Err(err)) => Outcome::Retry(one_line(&err)),
        Err(_) => Outcome::Retry("the mail server did not answer in time".to_owned()),
    }
}

fn one_line(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        // lettre's messages often repeat their source's; say each part once.
        let part = s.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = s.source();
    }
    text.replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(url: &str) -> Result<SmtpUrl, String> {
        SmtpUrl::parse(&Secret::new(url))
    }

    #[test]
    fn smtp_is_starttls_and_smtps_is_implicit_tls() {
        let u = parse("smtp://alice:s%40cret@mail.example.org:587").unwrap();
        assert_eq!(u.tls, TlsMode::StartTls);
        assert_eq!((u.host.as_str(), u.port), ("mail.example.org", 587));
        assert_eq!(u.user.as_deref(), Some("alice"));
        assert_eq!(u.password.as_deref(), Some("s@cret"));
        let u = parse("smtps://bob:pw@mail.example.org").unwrap();
        assert_eq!((u.tls, u.port), (TlsMode::Implicit, 465));
        let u = parse("smtp://relay.internal").unwrap();
        assert_eq!(
            (u.tls, u.port, u.user.clone()),
            (TlsMode::StartTls, 587, None)
        );
        assert_eq!(
            parse("smtp://127.0.0.1:2525?tls=none").unwrap().tls,
            TlsMode::None
        );
        assert_eq!(
            parse("smtp://h?tls=opportunistic").unwrap().tls,
            TlsMode::Opportunistic
        );
        assert!(u.transport().is_ok());
        assert!(parse("smtps://h:465").unwrap().transport().is_ok());
    }

    #[test]
    fn bad_urls_are_refused_without_echoing_the_password() {
        for bad in [
            "http://user:hunter2@host",
            "smtp://user:hunter2@",
            "not a url hunter2",
            "smtps://user:hunter2@host?tls=none",
            "smtp://user:hunter2@host?verify=no",
        ] {
            let err = parse(bad).unwrap_err();
            assert!(
                !err.contains("hunter2") && !err.contains('\n'),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn debug_and_display_hide_the_password() {
        let u = parse("smtp://alice:hunter2@mail.example.org").unwrap();
        assert!(!format!("{u:?}").contains("hunter2"));
        assert!(!u.to_string().contains("hunter2"));
        assert!(format!("{u:?}").contains("[redacted]"));
    }
}
