//! The letters, one per kind, in the recipient's language, and the outbox rows made from them.

use chrono::NaiveDate;
use fluent_templates::fluent_bundle::FluentValue;

use super::{
    kind::MailKind,
    letter::{Letter, Link},
};
use crate::{
    db::{cycles::Cycle, mail::NewMail, mail::Recipient},
    domain::status::Status,
    i18n::{Lang, format_date},
};

/// The base of links when no instance has said (`SDP_PUBLIC_URL` unset): `serve`'s default address.
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// Absolute links into the site.
#[derive(Debug, Clone)]
pub struct Links {
    base: String,
}

impl Links {
    pub fn new(base: &str) -> Links {
        Links {
            base: base.trim().trim_end_matches('/').to_owned(),
        }
    }

    pub fn cycle(&self, year: i32) -> String {
        format!("{}/app/cycles/{year}", self.base)
    }

    pub fn commitment(&self, reference: &str) -> String {
        let encoded =
            percent_encoding::utf8_percent_encode(reference, percent_encoding::NON_ALPHANUMERIC);
        format!("{}/app/commitments/{encoded}", self.base)
    }

    pub fn profile(&self) -> String {
        format!("{}/account", self.base)
    }
}

/// The recipient's language (English unless they chose French).
pub fn lang_of(r: &Recipient) -> Lang {
    Lang::parse(&r.lang).unwrap_or_default()
}

fn frame(lang: Lang, r: &Recipient, links: &Links, subject: String, action: Link) -> Letter {
    Letter {
        lang,
        subject,
        greeting: lang.t_args(
            "mail-greeting",
            &[(
                "name",
                FluentValue::from(super::letter::one_line(&r.display_name)),
            )],
        ),
        paragraphs: Vec::new(),
        items: Vec::new(),
        action,
        footer: lang.t_args(
            "mail-footer",
            &[("url", FluentValue::from(links.profile()))],
        ),
    }
}

fn title(cycle: &Cycle, lang: Lang) -> String {
    cycle
        .title
        .get(lang)
        .map(|(t, _)| t.clone())
        .unwrap_or_else(|| cycle.year.to_string())
}

fn cycle_link(lang: Lang, cycle: &Cycle, links: &Links) -> Link {
    Link {
        label: lang.t("mail-open-cycle"),
        url: links.cycle(cycle.year),
    }
}

/// A cycle opened: what is asked and the deadline.
pub fn cycle_open(r: &Recipient, cycle: &Cycle, links: &Links) -> Letter {
    let lang = lang_of(r);
    let args = [
        ("title", FluentValue::from(title(cycle, lang))),
        (
            "deadline",
            FluentValue::from(format_date(cycle.deadline, lang)),
        ),
    ];
    let mut letter = frame(
        lang,
        r,
        links,
        lang.t_args("mail-cycle-open-subject", &args),
        cycle_link(lang, cycle, links),
    );
    letter
        .paragraphs
        .push(lang.t_args("mail-cycle-open-body", &args));
    letter
}

/// A reminder, overdue notice or chase listing the commitments `refs`.
pub fn missing_list(
    kind: MailKind,
    r: &Recipient,
    cycle: &Cycle,
    refs: &[&str],
    links: &Links,
    today: NaiveDate,
) -> Letter {
    let lang = lang_of(r);
    let (subject, body) = match kind {
        MailKind::Overdue => ("mail-overdue-subject", "mail-overdue-body"),
        MailKind::Chase => ("mail-chase-subject", "mail-chase-body"),
        _ => ("mail-reminder-subject", "mail-reminder-body"),
    };
    let args = [
        ("title", FluentValue::from(title(cycle, lang))),
        (
            "deadline",
            FluentValue::from(format_date(cycle.deadline, lang)),
        ),
        ("count", FluentValue::from(refs.len())),
        (
            "days",
            FluentValue::from((cycle.deadline - today).num_days().max(0)),
        ),
    ];
    let mut letter = frame(
        lang,
        r,
        links,
        lang.t_args(subject, &args),
        cycle_link(lang, cycle, links),
    );
    letter.paragraphs.push(lang.t_args(body, &args));
    letter.items = refs
        .iter()
        .map(|reference| Link {
            label: (*reference).to_owned(),
            url: links.commitment(reference),
        })
        .collect();
    letter
}

/// To a lead officer: the two sides' statuses of a commitment now differ.
pub fn divergent(
    r: &Recipient,
    cycle: &Cycle,
    reference: &str,
    eu: Status,
    ca: Status,
    links: &Links,
) -> Letter {
    let lang = lang_of(r);
    let args = [
        ("title", FluentValue::from(title(cycle, lang))),
        ("ref", FluentValue::from(reference.to_owned())),
        ("eu", FluentValue::from(lang.t(eu.label_key()))),
        ("ca", FluentValue::from(lang.t(ca.label_key()))),
    ];
    let action = Link {
        label: lang.t("mail-open-commitment"),
        url: links.commitment(reference),
    };
    let mut letter = frame(
        lang,
        r,
        links,
        lang.t_args("mail-divergent-subject", &args),
        action,
    );
    letter
        .paragraphs
        .push(lang.t_args("mail-divergent-body", &args));
    letter
}

/// To the secretariat: the deadline passed, with how far each side got.
pub fn deadline_passed(
    r: &Recipient,
    cycle: &Cycle,
    (eu, ca, total): (usize, usize, usize),
    links: &Links,
) -> Letter {
    let lang = lang_of(r);
    let args = [
        ("title", FluentValue::from(title(cycle, lang))),
        (
            "deadline",
            FluentValue::from(format_date(cycle.deadline, lang)),
        ),
        ("eu", FluentValue::from(eu)),
        ("ca", FluentValue::from(ca)),
        ("total", FluentValue::from(total)),
    ];
    let mut letter = frame(
        lang,
        r,
        links,
        lang.t_args("mail-deadline-passed-subject", &args),
        cycle_link(lang, cycle, links),
    );
    letter
        .paragraphs
        .push(lang.t_args("mail-deadline-passed-body", &args));
    letter
}

/// To the secretariat: both sides signed off.
pub fn signed_off(r: &Recipient, cycle: &Cycle, links: &Links) -> Letter {
    let lang = lang_of(r);
    let args = [("title", FluentValue::from(title(cycle, lang)))];
    let mut letter = frame(
        lang,
        r,
        links,
        lang.t_args("mail-signed-off-subject", &args),
        cycle_link(lang, cycle, links),
    );
    letter
        .paragraphs
        .push(lang.t_args("mail-signed-off-body", &args));
    letter
}

/// The outbox row of a letter to `r`.
pub fn row(
    kind: MailKind,
    cycle_id: Option<i64>,
    r: &Recipient,
    letter: &Letter,
    dedup_key: Option<String>,
) -> NewMail {
    NewMail {
        kind: kind.as_str(),
        cycle_id,
        recipient_id: Some(r.id),
        address: r.email.clone(),
        recipient_name: super::letter::one_line(&r.display_name),
        lang: letter.lang.code(),
        subject: letter.subject_line(),
        body_text: letter.text(),
        body_html: letter.html(),
        dedup_key,
    }
}
