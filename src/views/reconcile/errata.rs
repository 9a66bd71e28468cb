//! `/app/cycles/{year}/errata`: the errata of a frozen cycle and the form to record one.

use askama::Template;
use askama_web::WebTemplate;

use super::{FieldErrors, form::TextField};
use crate::{
    db::{cycles::Cycle, joint::Erratum},
    domain::{cycle::CycleState, status::Status},
    i18n::Lang,
    reconcile::{ErratumInput, NEXT_STEPS_MAX_CHARS, REASON_MAX_CHARS, SUMMARY_MAX_CHARS},
    views::{Page, commitment_href, tracking::Badge, tracking::when},
};

/// An erratum as shown to people.
#[derive(Debug, Clone)]
pub struct ErratumRow {
    pub reference: Option<String>,
    pub href: Option<String>,
    pub at: String,
    pub author: String,
    pub reason: String,
    pub status: Option<Status>,
    /// (catalogue key of the field's name, new text, the language it is written in)
    pub texts: Vec<(&'static str, String, &'static str)>,
}

impl ErratumRow {
    pub fn of(lang: Lang, e: &Erratum) -> ErratumRow {
        let texts = [
            ("summary_en", "joint-summary-en", Lang::En),
            ("summary_fr", "joint-summary-fr", Lang::Fr),
            ("next_steps", "joint-next-steps-en", Lang::En),
            ("next_steps_fr", "joint-next-steps-fr", Lang::Fr),
        ]
        .into_iter()
        .filter_map(|(field, key, lang)| e.text(field).map(|t| (key, t.to_owned(), lang.code())))
        .collect();
        ErratumRow {
            reference: e.reference.clone(),
            href: e.reference.as_deref().map(commitment_href),
            at: when(lang, e.at),
            author: e.author.clone(),
            reason: e.reason.clone(),
            status: e.status(),
            texts,
        }
    }

    pub fn badge(&self) -> Option<Badge> {
        self.status.map(Badge::status)
    }
}

/// `/app/cycles/{year}/errata`: the errata of a cycle and, for staff once it is frozen, the form.
#[derive(Template, WebTemplate)]
#[template(path = "reconcile/errata.html")]
pub struct ErrataView {
    pub page: Page,
    pub cycle: Cycle,
    pub errata: Vec<ErratumRow>,
    /// Every reference, for the commitment select.
    pub refs: Vec<crate::views::tracking::CommitmentChoice>,
    pub form: ErratumInput,
    pub errors: FieldErrors,
    pub can_edit: bool,
}

impl ErrataView {
    /// Is the form shown? Only to staff, and only once the cycle is frozen.
    pub fn editable(&self) -> bool {
        self.can_edit && matches!(self.cycle.state, CycleState::Frozen | CycleState::Published)
    }

    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn statuses(&self) -> Vec<(Status, bool)> {
        Status::ALL
            .into_iter()
            .map(|s| (s, self.form.status.trim() == s.as_str()))
            .collect()
    }

    /// The text areas of the form: the corrected texts in both languages, then the reason.
    pub fn texts(&self) -> Vec<TextField> {
        let f = &self.form;
        let unchanged = "erratum-unchanged-hint";
        [
            ("summary_en", "joint-summary-en", unchanged, Some(Lang::En)),
            ("summary_fr", "joint-summary-fr", unchanged, Some(Lang::Fr)),
            (
                "next_steps",
                "joint-next-steps-en",
                unchanged,
                Some(Lang::En),
            ),
            (
                "next_steps_fr",
                "joint-next-steps-fr",
                unchanged,
                Some(Lang::Fr),
            ),
            ("reason", "errata-reason", "erratum-reason-hint", None),
        ]
        .into_iter()
        .map(|(name, label_key, hint_key, lang)| {
            let (value, max) = match name {
                "summary_en" => (&f.summary_en, SUMMARY_MAX_CHARS),
                "summary_fr" => (&f.summary_fr, SUMMARY_MAX_CHARS),
                "next_steps" => (&f.next_steps, NEXT_STEPS_MAX_CHARS),
                "next_steps_fr" => (&f.next_steps_fr, NEXT_STEPS_MAX_CHARS),
                _ => (&f.reason, REASON_MAX_CHARS),
            };
            TextField {
                id: name.to_owned(),
                name,
                label_key,
                hint_key,
                max,
                rows: 3,
                value: value.clone(),
                error: self.error_for(name).map(str::to_owned),
                lang: lang.map(Lang::code),
            }
        })
        .collect()
    }
}
