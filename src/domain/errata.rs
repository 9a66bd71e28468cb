//! Errata applied to joint reviews: the one published view of a frozen or published cycle.
//!
//! The public page, the public API and the progress report all show a cycle's joint reviews
//! through [`apply`], so they cannot disagree about a corrected status or summary.

use serde_json::Value;

use crate::domain::status::Status;

/// The fields of a joint review that an erratum can correct.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JointFields {
    /// None when the cycle has no joint status for the commitment (and no erratum gave one).
    pub status: Option<Status>,
    pub summary_en: String,
    pub summary_fr: String,
    /// The agreed next steps in English (`next_steps`) and French (`next_steps_fr`).
    pub next_steps: String,
    pub next_steps_fr: String,
}

/// One erratum of a commitment as [`apply`] reads it.
#[derive(Debug, Clone, Copy)]
pub struct Correction<'a> {
    /// The erratum's number in its cycle: 1 for the oldest, in the order they were recorded.
    pub number: u32,
    /// The new values, e.g. `{"status": "completed"}`; a field it does not name is unchanged.
    pub changes: &'a Value,
}

/// A joint review as published: its fields after every erratum, and which errata changed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corrected {
    pub fields: JointFields,
    /// The numbers of the errata that changed at least one field, oldest first.
    pub corrected_by: Vec<u32>,
}

impl Corrected {
    /// Whether an erratum changed this joint review.
    pub fn is_corrected(&self) -> bool {
        !self.corrected_by.is_empty()
    }
}

/// Applies `errata` (oldest first) to a joint review (`None`: the cycle recorded none). Each
/// field takes the value of the LATEST erratum that sets it, so a later erratum that corrects
/// only the summary keeps an earlier erratum's corrected status.
pub fn apply<'a>(
    joint: Option<JointFields>,
    errata: impl IntoIterator<Item = Correction<'a>>,
) -> Corrected {
    let mut fields = joint.unwrap_or_default();
    let mut corrected_by = Vec::new();
    for e in errata {
        let mut changed = false;
        // A status the scale does not know is not a correction (the form only offers the scale).
        if let Some(status) = text(e.changes, "status").and_then(|s| s.parse::<Status>().ok()) {
            fields.status = Some(status);
            changed = true;
        }
        for (name, field) in [
            ("summary_en", &mut fields.summary_en),
            ("summary_fr", &mut fields.summary_fr),
            ("next_steps", &mut fields.next_steps),
            ("next_steps_fr", &mut fields.next_steps_fr),
        ] {
            if let Some(value) = text(e.changes, name) {
                value.clone_into(field);
                changed = true;
            }
        }
        if changed {
            corrected_by.push(e.number);
        }
    }
    Corrected {
        fields,
        corrected_by,
    }
}

fn text<'v>(changes: &'v Value, field: &str) -> Option<&'v str> {
    changes.get(field).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn joint(status: Status, summary: &str) -> JointFields {
        JointFields {
            status: Some(status),
            summary_en: summary.into(),
            summary_fr: format!("{summary} (fr)"),
            next_steps: "steps".into(),
            next_steps_fr: "étapes".into(),
        }
    }

    #[test]
    fn no_errata_leaves_the_joint_review_as_it_is() {
        let base = joint(Status::NotStarted, "s");
        let out = apply(Some(base.clone()), []);
        assert_eq!(out.fields, base);
        assert!(!out.is_corrected());
    }

    #[test]
    fn each_field_comes_from_the_latest_erratum_that_sets_it() {
        let first = json!({"status": "on_track", "summary_en": "first"});
        let second = json!({"summary_en": "second"});
        let out = apply(
            Some(joint(Status::NotStarted, "original")),
            [
                Correction {
                    number: 1,
                    changes: &first,
                },
                Correction {
                    number: 3,
                    changes: &second,
                },
            ],
        );
        assert_eq!(out.fields.status, Some(Status::OnTrack));
        assert_eq!(out.fields.summary_en, "second");
        assert_eq!(out.fields.summary_fr, "original (fr)");
        assert_eq!(out.fields.next_steps, "steps");
        assert_eq!(out.corrected_by, vec![1, 3]);
    }

    #[test]
    fn an_erratum_can_give_a_status_where_there_was_no_joint_review() {
        let changes = json!({"status": "completed"});
        let out = apply(
            None,
            [Correction {
                number: 2,
                changes: &changes,
            }],
        );
        assert_eq!(out.fields.status, Some(Status::Completed));
        assert_eq!(out.corrected_by, vec![2]);
    }

    #[test]
    fn an_unknown_status_or_field_corrects_nothing() {
        let changes = json!({"status": "nonsense", "colour": "blue"});
        let base = joint(Status::Ongoing, "s");
        let out = apply(
            Some(base.clone()),
            [Correction {
                number: 1,
                changes: &changes,
            }],
        );
        assert_eq!(out.fields, base);
        assert!(!out.is_corrected());
    }
}
