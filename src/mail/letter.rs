//! One mail's content in the recipient's language, and its plain-text and HTML parts. Names and
//! subjects typed by people are flattened to one line here, and lettre encodes every header, so
//! no input can add a header.

use askama::Template;
use lettre::{
    Message,
    message::{Mailbox, MultiPart},
};

use crate::i18n::Lang;

/// A link in a mail: what it says and where it goes (an absolute URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// What a mail says, before it is rendered.
#[derive(Debug, Clone, Template)]
#[template(path = "mail/letter.html")]
pub struct Letter {
    pub lang: Lang,
    pub subject: String,
    pub greeting: String,
    pub paragraphs: Vec<String>,
    /// The commitments concerned, each linked to its page.
    pub items: Vec<Link>,
    /// The one thing to do.
    pub action: Link,
    /// Why the recipient gets this mail and where to change it.
    pub footer: String,
}

/// Text typed by a person, made fit for one header line: control characters (CR, LF, tabs)
/// become spaces, runs of spaces one space.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Letter {
    /// The plain-text part.
    pub fn text(&self) -> String {
        let mut out = format!("{}\n\n", self.greeting);
        for p in &self.paragraphs {
            out.push_str(p);
            out.push_str("\n\n");
        }
        for item in &self.items {
            out.push_str(&format!(
                "- {}\n",
                self.lang.labelled(&item.label, &item.url)
            ));
        }
        if !self.items.is_empty() {
            out.push('\n');
        }
        out.push_str(&self.lang.labelled(&self.action.label, &self.action.url));
        out.push_str(&format!("\n\n-- \n{}\n", self.footer));
        out
    }

    /// The HTML part (askama escapes every value).
    pub fn html(&self) -> String {
        // Rendering strings cannot fail but for a formatter error; the text part then stands in.
        self.render().unwrap_or_else(|_| {
            let text = self
                .text()
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            format!("<pre>{text}</pre>")
        })
    }

    pub fn subject_line(&self) -> String {
        one_line(&self.subject)
    }
}

/// The message as sent: From, To, Subject, a Message-ID stable across attempts, and both parts.
pub fn build_message(
    from: &Mailbox,
    to_address: &str,
    to_name: &str,
    subject: &str,
    text: &str,
    html: &str,
    message_id: &str,
) -> Result<Message, String> {
    let address = to_address
        .parse()
        .map_err(|e| format!("invalid address {to_address:?}: {e}"))?;
    let name = Some(one_line(to_name)).filter(|n| !n.is_empty());
    Message::builder()
        .from(from.clone())
        .to(Mailbox::new(name, address))
        .subject(one_line(subject))
        .message_id(Some(message_id.to_owned()))
        .multipart(MultiPart::alternative_plain_html(
            text.to_owned(),
            html.to_owned(),
        ))
        .map_err(|e| format!("cannot build the message: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter() -> Letter {
        Letter {
            lang: Lang::Fr,
            subject: "Rappel\r\nBcc: evil@example.org".into(),
            greeting: "Bonjour <b>Zoé</b>,".into(),
            paragraphs: vec!["Un & deux".into()],
            items: vec![Link {
                label: "25(c)".into(),
                url: "https://t.example/app/commitments/25%28c%29".into(),
            }],
            action: Link {
                label: "Ouvrir".into(),
                url: "https://t.example/app/cycles/2026".into(),
            },
            footer: "Profil".into(),
        }
    }

    #[test]
    fn html_escapes_and_text_lists_links() {
        let l = letter();
        let html = l.html();
        assert!(html.contains("lang=\"fr\""));
        assert!(
            html.contains("Bonjour &#60;b&#62;Zoé&#60;/b&#62;") || html.contains("&lt;b&gt;"),
            "{html}"
        );
        assert!(
            html.contains("Un &#38; deux") || html.contains("Un &amp; deux"),
            "{html}"
        );
        let text = l.text();
        assert!(
            text.contains("- 25(c)\u{a0}: https://t.example/app/commitments/25%28c%29\n"),
            "{text}"
        );
        assert!(
            text.contains("Ouvrir\u{a0}: https://t.example/app/cycles/2026"),
            "{text}"
        );
    }

    #[test]
    fn names_and_subjects_cannot_add_headers() {
        let from: Mailbox = "sdp-tracker <noreply@example.org>".parse().unwrap();
        let l = letter();
        let msg = build_message(
            &from,
            "zoe@example.org",
            "Zoé\r\nBcc: evil@example.org",
            &l.subject,
            &l.text(),
            &l.html(),
            "<1@example.org>",
        )
        .unwrap();
        let raw = String::from_utf8(msg.formatted()).unwrap();
        let headers = raw.split("\r\n\r\n").next().unwrap();
        assert!(
            !headers
                .lines()
                .any(|h| h.to_ascii_lowercase().starts_with("bcc:")),
            "{headers}"
        );
        assert!(headers.contains("Message-ID: <1@example.org>"), "{headers}");
        assert!(build_message(&from, "not an address", "", "s", "t", "h", "<2@x>").is_err());
        assert_eq!(one_line(" a\r\n\tb  c "), "a b c");
    }
}
