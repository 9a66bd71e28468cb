//! The joint review form of one commitment: on the reconciliation table (one per row) and on the
//! commitment's own reconciliation page.

use super::{item_href, ref_key};
use crate::{
    db::joint::JointRevision,
    domain::status::Status,
    i18n::Lang,
    reconcile::{JointInput, NEXT_STEPS_MAX_CHARS, SUMMARY_MAX_CHARS, agreed},
    tracking::BoardRow,
};

/// The joint review form of one commitment, prefilled or as typed.
#[derive(Debug, Clone)]
pub struct JointForm {
    pub action: String,
    /// Distinguishes this form's field ids from the other commitments' on the same page.
    pub key: String,
    pub values: JointInput,
    /// (field name, message)
    pub errors: Vec<(String, String)>,
    /// The revision someone else saved after the version the writer saw.
    pub conflict: Option<JointRevision>,
}

impl JointForm {
    /// The form prefilled from the current joint review, else from the status both sides agree on.
    pub fn prefilled(year: i32, row: &BoardRow) -> JointForm {
        let values = match &row.joint {
            Some(j) => JointInput {
                status: j.status.as_str().to_owned(),
                summary_en: j.summary_en.clone(),
                summary_fr: j.summary_fr.clone(),
                next_steps: j.next_steps.en.clone().unwrap_or_default(),
                next_steps_fr: j.next_steps.fr.clone().unwrap_or_default(),
                version: j.version.to_string(),
            },
            None => JointInput {
                status: agreed(row)
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_default(),
                version: "0".into(),
                ..JointInput::default()
            },
        };
        JointForm {
            action: item_href(year, &row.info.reference),
            key: ref_key(&row.info.reference),
            values,
            errors: Vec::new(),
            conflict: None,
        }
    }

    /// The id of one of this form's fields.
    pub fn id(&self, field: &str) -> String {
        format!("{field}-{}", self.key)
    }

    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Every status, with whether it is the one chosen.
    pub fn statuses(&self) -> Vec<(Status, bool)> {
        Status::ALL
            .into_iter()
            .map(|s| (s, self.values.status.trim() == s.as_str()))
            .collect()
    }

    /// The summary and next-steps fields in both languages, with their values and errors.
    pub fn texts(&self) -> Vec<TextField> {
        let v = &self.values;
        [
            ("summary_en", "joint-summary-en", "joint-summary-hint"),
            ("summary_fr", "joint-summary-fr", "joint-summary-hint"),
            ("next_steps", "joint-next-steps-en", "joint-next-steps-hint"),
            (
                "next_steps_fr",
                "joint-next-steps-fr",
                "joint-next-steps-hint",
            ),
        ]
        .into_iter()
        .map(|(name, label_key, hint_key)| {
            let (value, lang, max, rows) = match name {
                "summary_en" => (&v.summary_en, Lang::En, SUMMARY_MAX_CHARS, 2),
                "summary_fr" => (&v.summary_fr, Lang::Fr, SUMMARY_MAX_CHARS, 2),
                "next_steps" => (&v.next_steps, Lang::En, NEXT_STEPS_MAX_CHARS, 4),
                _ => (&v.next_steps_fr, Lang::Fr, NEXT_STEPS_MAX_CHARS, 4),
            };
            TextField {
                id: self.id(name),
                name,
                label_key,
                hint_key,
                max,
                rows,
                value: value.clone(),
                error: self.error(name).map(str::to_owned),
                lang: Some(lang.code()),
            }
        })
        .collect()
    }
}

/// A text area of the joint review form.
#[derive(Debug, Clone)]
pub struct TextField {
    pub id: String,
    pub name: &'static str,
    pub label_key: &'static str,
    pub hint_key: &'static str,
    pub max: usize,
    pub rows: usize,
    pub value: String,
    pub error: Option<String>,
    /// The language the text is written in, for the text area's `lang`.
    pub lang: Option<&'static str>,
}
