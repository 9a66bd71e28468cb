//! The assessment form as posted and shown again: its fields, its evidence rows (GOV.UK's
//! add-another pattern), and what the page says when there is no form or a save met a newer one.

use std::collections::BTreeMap;

use super::RevisionView;
use crate::{
    db::{cycles::Cycle, users::UserRow},
    domain::{
        account::{Role, Side},
        assessment::{EVIDENCE_MAX, Evidence, Invalid},
        cycle::CycleState,
    },
    i18n::Lang,
};

/// Empty evidence rows offered below the filled ones; "Add another link" adds more, up to
/// [`EVIDENCE_MAX`] rows in all.
pub const EMPTY_EVIDENCE_ROWS: usize = 1;

/// The `action` of the form's "Add another link" button: show one more row, save nothing.
pub const ADD_LINK_ACTION: &str = "add-link";

/// The assessment form as submitted (or as prefilled from the current revision).
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentForm {
    pub status: String,
    pub narrative: String,
    /// Every row submitted, in order, empty ones included.
    pub evidence: Vec<Evidence>,
    /// The version the writer saw (0 before the first save).
    pub version: i32,
    /// The cycle the writer saw, when the form says.
    pub cycle: Option<i32>,
    /// Rows to show at least (after "Add another link": the rows submitted and one more).
    pub rows_wanted: usize,
}

impl AssessmentForm {
    /// Reads the posted fields: `status`, `narrative`, `version`, `cycle`, and the evidence rows as
    /// `evidence_url_N`/`evidence_label_N` or as repeated `evidence_url`/`evidence_label` keys.
    /// The error is a catalogue key.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Result<AssessmentForm, &'static str> {
        let mut status = String::new();
        let mut narrative = String::new();
        let mut version = None;
        let mut cycle = None;
        let mut numbered: BTreeMap<usize, Evidence> = BTreeMap::new();
        let (mut urls, mut labels) = (Vec::new(), Vec::new());
        let blank = || Evidence {
            url: String::new(),
            label: String::new(),
        };
        for (key, value) in pairs {
            match key.as_str() {
                "status" => status = value,
                "narrative" => narrative = value,
                "version" => {
                    version = Some(
                        value
                            .trim()
                            .parse::<i32>()
                            .map_err(|_| "form-error-invalid")?,
                    )
                }
                "cycle" => {
                    cycle = Some(
                        value
                            .trim()
                            .parse::<i32>()
                            .map_err(|_| "form-error-invalid")?,
                    )
                }
                "evidence_url" => urls.push(value),
                "evidence_label" => labels.push(value),
                k => {
                    if let Some(n) = k
                        .strip_prefix("evidence_url_")
                        .and_then(|n| n.parse::<usize>().ok())
                    {
                        numbered.entry(n).or_insert_with(blank).url = value;
                    } else if let Some(n) = k
                        .strip_prefix("evidence_label_")
                        .and_then(|n| n.parse::<usize>().ok())
                    {
                        numbered.entry(n).or_insert_with(blank).label = value;
                    }
                }
            }
        }
        let version = version.filter(|v| *v >= 0).ok_or("form-error-invalid")?;
        let mut evidence: Vec<Evidence> = numbered.into_values().collect();
        let repeated = urls.len().max(labels.len());
        for i in 0..repeated {
            evidence.push(Evidence {
                url: urls.get(i).cloned().unwrap_or_default(),
                label: labels.get(i).cloned().unwrap_or_default(),
            });
        }
        Ok(AssessmentForm {
            status,
            narrative,
            evidence,
            version,
            cycle,
            rows_wanted: 0,
        })
    }

    /// The form prefilled with a side's current revision.
    pub fn prefilled(current: Option<&RevisionView>, cycle: i32) -> AssessmentForm {
        AssessmentForm {
            status: current
                .map(|r| r.status.as_str().to_owned())
                .unwrap_or_default(),
            narrative: current.map(|r| r.narrative.clone()).unwrap_or_default(),
            evidence: current.map(|r| r.evidence.clone()).unwrap_or_default(),
            version: current.map_or(0, |r| r.version),
            cycle: Some(cycle),
            rows_wanted: 0,
        }
    }

    /// The rows the form shows: the non-empty ones as typed, then empty ones.
    pub fn rows(&self) -> Vec<Evidence> {
        let mut rows: Vec<Evidence> = self
            .evidence
            .iter()
            .filter(|e| !e.url.trim().is_empty() || !e.label.trim().is_empty())
            .cloned()
            .collect();
        let wanted = (rows.len() + EMPTY_EVIDENCE_ROWS)
            .max(self.rows_wanted)
            .min(EVIDENCE_MAX);
        while rows.len() < wanted {
            rows.push(Evidence {
                url: String::new(),
                label: String::new(),
            });
        }
        rows
    }

    /// The same form with one more row than was submitted ("Add another link").
    pub fn with_another_row(self) -> AssessmentForm {
        AssessmentForm {
            // The rows the writer had (a browser sends empty ones too), and one more.
            rows_wanted: self.evidence.len().max(1) + 1,
            ..self
        }
    }
}

/// The field id an error belongs to (the error summary links to it).
pub fn error_field(e: &Invalid) -> String {
    match e {
        Invalid::Status(_) => "status".into(),
        Invalid::NarrativeRequired(_) | Invalid::NarrativeTooLong(_) => "narrative".into(),
        Invalid::TooManyLinks(_) => "evidence".into(),
        Invalid::LinkScheme(n) | Invalid::LinkInvalid(n) => format!("evidence_url_{n}"),
        Invalid::LabelTooLong(n) => format!("evidence_label_{n}"),
    }
}

/// Why the commitment page has no assessment form for a reader of `role` and `side`, and what
/// happens next.
pub fn no_form_reason(role: Role, side: Option<Side>, cycle: Option<&Cycle>, lang: Lang) -> String {
    if side.is_none() || role != Role::Officer {
        return lang.t("noform-reader");
    }
    let date = |d| crate::i18n::format_date(d, lang);
    match cycle {
        None => lang.t("noform-no-cycle"),
        Some(c) => match c.state {
            CycleState::Planned => lang.t_args(
                "noform-planned",
                &[
                    ("opens", date(c.opens_on).into()),
                    ("deadline", date(c.deadline).into()),
                ],
            ),
            // An open cycle always has a form for an officer.
            CycleState::Open | CycleState::Reconciliation => lang.t_args(
                "noform-reconciliation",
                &[("deadline", date(c.deadline).into())],
            ),
            CycleState::Frozen => lang.t("noform-frozen"),
            CycleState::Published => lang.t("noform-published"),
        },
    }
}

/// Who saved `rev` and when, for the conflict message: the reader themself ("in another
/// window"), else the author's name and organisation (`author`, their account), else the address
/// the revision was saved under.
pub fn saved_by(lang: Lang, rev: &RevisionView, reader_id: i64, author: Option<UserRow>) -> String {
    if rev.author_id == Some(reader_id) {
        return lang.t_args("conflict-by-you", &[("at", rev.at.clone().into())]);
    }
    let who = match author {
        Some(a) => {
            let name = if a.display_name.trim().is_empty() {
                a.email
            } else {
                a.display_name
            };
            match a.organisation.filter(|o| !o.trim().is_empty()) {
                Some(org) => format!("{name} ({org})"),
                None => name,
            }
        }
        None => rev.author.clone(),
    };
    lang.t_args(
        "conflict-by-other",
        &[("who", who.into()), ("at", rev.at.clone().into())],
    )
}
