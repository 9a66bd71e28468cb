//! What an upload would do, row by row: a new revision (old → new status), nothing, or an error.
//! Plain logic, no I/O: the service gives it the rows and what the database holds now.

use std::collections::HashMap;

use super::{
    SheetKind,
    layout::{parse_evidence, parse_status},
    read::RowInput,
};
use crate::{
    domain::{
        assessment::{Draft, Evidence, Invalid},
        status::Status,
    },
    reconcile::{JointInput, Problem},
};

/// The values a row holds, in the form they are saved and compared.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Values {
    pub status: Option<Status>,
    pub narrative: String,
    pub evidence: Vec<Evidence>,
    pub summary_en: String,
    pub summary_fr: String,
    pub next_steps: String,
    pub next_steps_fr: String,
}

/// What the database holds for one commitment: its current version and values, and the values
/// of every earlier version (to tell a row left as downloaded from a row edited).
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub version: i32,
    pub current: Values,
    /// Values by version, the current one included; version 0 is "nothing saved yet".
    pub history: HashMap<i32, Values>,
}

/// Why a row cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// No commitment has this reference.
    UnknownReference,
    /// The reference was on an earlier row too.
    Duplicate { first_line: usize },
    /// The version cell was changed: not a version of this commitment.
    Version,
    /// The status is not one of the scale (text as given).
    Status(String),
    /// An assessment rule (narrative, links).
    Assessment(Invalid),
    /// A joint review rule.
    Joint(Problem),
    /// Someone saved a newer version since the download, and the row was edited.
    Stale {
        current_version: i32,
        theirs: Box<Values>,
    },
}

/// What applying a row does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new revision, based on `based_on`.
    Change { from: Option<Status>, based_on: i32 },
    /// The row is as downloaded (or as saved now): nothing to write.
    Unchanged,
    /// The row cannot be applied; the others still can.
    Error(Vec<RowProblem>),
}

/// One row of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowPreview {
    pub line: usize,
    pub reference: String,
    /// What the row asks for (as far as it could be read).
    pub values: Values,
    pub outcome: Outcome,
}

impl RowPreview {
    pub fn is_change(&self) -> bool {
        matches!(self.outcome, Outcome::Change { .. })
    }
    pub fn is_error(&self) -> bool {
        matches!(self.outcome, Outcome::Error(_))
    }
}

/// The checked values of a row, or (with its problems) the values as far as they could be read.
fn check_values(kind: SheetKind, row: &RowInput) -> (Values, Vec<RowProblem>) {
    match checked(kind, row) {
        Ok(values) => (values, Vec::new()),
        Err(bad) => *bad,
    }
}

type Checked = Result<Values, Box<(Values, Vec<RowProblem>)>>;

fn checked(kind: SheetKind, row: &RowInput) -> Checked {
    let status = parse_status(&row.status);
    match kind {
        SheetKind::Side(_) => {
            let evidence = parse_evidence(&row.evidence);
            let raw = Values {
                status: status.clone().ok().flatten(),
                narrative: row.narrative.trim().to_owned(),
                evidence: evidence.clone(),
                ..Values::default()
            };
            let blank = row.status.trim().is_empty()
                && row.narrative.trim().is_empty()
                && evidence.is_empty();
            if blank {
                // Nothing assessed: only "unchanged" when nothing was saved either.
                return Ok(Values::default());
            }
            let draft = Draft {
                status: match &status {
                    Ok(Some(s)) => s.as_str().to_owned(),
                    Ok(None) => String::new(),
                    Err(text) => text.clone(),
                },
                narrative: row.narrative.clone(),
                evidence,
            };
            match draft.validate() {
                Ok(valid) => Ok(Values {
                    status: Some(valid.status),
                    narrative: valid.narrative,
                    evidence: valid.evidence,
                    ..Values::default()
                }),
                Err(errors) => Err(Box::new((
                    raw,
                    errors
                        .into_iter()
                        .map(|e| match e {
                            Invalid::Status(text) => RowProblem::Status(text),
                            other => RowProblem::Assessment(other),
                        })
                        .collect(),
                ))),
            }
        }
        SheetKind::Joint => {
            let input = JointInput {
                status: match &status {
                    Ok(Some(s)) => s.as_str().to_owned(),
                    _ => String::new(),
                },
                summary_en: row.summary_en.clone(),
                summary_fr: row.summary_fr.clone(),
                next_steps: row.next_steps.clone(),
                next_steps_fr: row.next_steps_fr.clone(),
                version: "0".into(),
            };
            let raw = Values {
                status: status.clone().ok().flatten(),
                summary_en: input.summary_en.trim().to_owned(),
                summary_fr: input.summary_fr.trim().to_owned(),
                next_steps: input.next_steps.trim().to_owned(),
                next_steps_fr: input.next_steps_fr.trim().to_owned(),
                ..Values::default()
            };
            if raw == Values::default() {
                return Ok(Values::default());
            }
            match input.check() {
                Ok(valid) => Ok(Values {
                    status: Some(valid.status),
                    summary_en: valid.summary_en,
                    summary_fr: valid.summary_fr,
                    next_steps: valid.next_steps,
                    next_steps_fr: valid.next_steps_fr,
                    ..Values::default()
                }),
                Err(problems) => Err(Box::new((
                    raw,
                    problems
                        .into_iter()
                        .map(|p| match (p, &status) {
                            (Problem::Status, Err(text)) => RowProblem::Status(text.clone()),
                            (Problem::Status, _) => RowProblem::Status(String::new()),
                            (other, _) => RowProblem::Joint(other),
                        })
                        .collect(),
                ))),
            }
        }
    }
}

/// Classifies every row against what the database holds (`known`, by reference).
pub fn classify(
    kind: SheetKind,
    rows: &[RowInput],
    known: &HashMap<String, Known>,
) -> Vec<RowPreview> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    rows.iter()
        .map(|row| {
            let (values, mut problems) = check_values(kind, row);
            let outcome = (|| {
                let Some(k) = known.get(&row.reference) else {
                    return Outcome::Error(vec![RowProblem::UnknownReference]);
                };
                if let Some(first_line) = seen.get(row.reference.as_str()) {
                    problems.insert(
                        0,
                        RowProblem::Duplicate {
                            first_line: *first_line,
                        },
                    );
                }
                let version = row.version.parse::<i32>().ok();
                let Some(downloaded) = version.and_then(|v| k.history.get(&v).map(|h| (v, h)))
                else {
                    problems.insert(0, RowProblem::Version);
                    return Outcome::Error(problems);
                };
                if !problems.is_empty() {
                    return Outcome::Error(problems);
                }
                let (version, at_download) = downloaded;
                if values == *at_download || values == k.current {
                    return Outcome::Unchanged;
                }
                if version != k.version {
                    return Outcome::Error(vec![RowProblem::Stale {
                        current_version: k.version,
                        theirs: Box::new(k.current.clone()),
                    }]);
                }
                Outcome::Change {
                    from: k.current.status,
                    based_on: version,
                }
            })();
            seen.entry(row.reference.as_str()).or_insert(row.line);
            RowPreview {
                line: row.line,
                reference: row.reference.clone(),
                values,
                outcome,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Side;

    const EU: SheetKind = SheetKind::Side(Side::Eu);

    fn row(line: usize, reference: &str, status: &str, narrative: &str, version: &str) -> RowInput {
        RowInput {
            line,
            reference: reference.into(),
            status: status.into(),
            narrative: narrative.into(),
            version: version.into(),
            ..RowInput::default()
        }
    }

    fn saved(status: Status, narrative: &str) -> Values {
        Values {
            status: Some(status),
            narrative: narrative.into(),
            ..Values::default()
        }
    }

    /// 10 never assessed; 11 at version 1 (on track); 12 at version 2 (challenges, saved after
    /// a version 1 that was on track).
    fn known() -> HashMap<String, Known> {
        let v1 = saved(Status::OnTrack, "");
        let v2 = saved(Status::Challenges, "Delayed.");
        HashMap::from([
            (
                "10".to_owned(),
                Known {
                    version: 0,
                    current: Values::default(),
                    history: HashMap::from([(0, Values::default())]),
                },
            ),
            (
                "11".to_owned(),
                Known {
                    version: 1,
                    current: v1.clone(),
                    history: HashMap::from([(0, Values::default()), (1, v1.clone())]),
                },
            ),
            (
                "12".to_owned(),
                Known {
                    version: 2,
                    current: v2.clone(),
                    history: HashMap::from([(0, Values::default()), (1, v1), (2, v2)]),
                },
            ),
        ])
    }

    fn outcomes(rows: &[RowInput]) -> Vec<Outcome> {
        classify(EU, rows, &known())
            .into_iter()
            .map(|r| r.outcome)
            .collect()
    }

    #[test]
    fn rows_as_downloaded_change_nothing() {
        let rows = [
            row(3, "10", "", "", "0"),
            row(4, "11", "Underway – on track", "", "1"),
            row(
                5,
                "12",
                "En cours – avec des difficultés",
                " Delayed. ",
                "2",
            ),
        ];
        assert_eq!(outcomes(&rows), vec![Outcome::Unchanged; 3]);
    }

    #[test]
    fn edits_become_changes_from_the_current_status() {
        let rows = [
            row(3, "10", "Not started", "", "0"),
            row(4, "11", "completed", "", "1"),
        ];
        assert_eq!(
            outcomes(&rows),
            vec![
                Outcome::Change {
                    from: None,
                    based_on: 0
                },
                Outcome::Change {
                    from: Some(Status::OnTrack),
                    based_on: 1
                },
            ]
        );
    }

    #[test]
    fn an_unedited_old_row_is_unchanged_but_an_edited_one_is_stale() {
        let old_unedited = row(3, "12", "Underway – on track", "", "1");
        let old_edited = row(4, "12", "Completed – fully met", "", "1");
        assert_eq!(outcomes(&[old_unedited]), vec![Outcome::Unchanged]);
        assert_eq!(
            outcomes(&[old_edited])[0],
            Outcome::Error(vec![RowProblem::Stale {
                current_version: 2,
                theirs: Box::new(saved(Status::Challenges, "Delayed."))
            }])
        );
    }

    #[test]
    fn bad_rows_name_their_problem() {
        let rows = [
            row(3, "99", "Ongoing", "", "0"),
            row(4, "10", "Done", "", "0"),
            row(5, "10", "Discontinued", "", "0"),
            row(6, "12", "Ongoing", "", "7"),
            row(7, "11", "Ongoing", "", "1"),
            row(8, "11", "Ongoing", "", "1"),
        ];
        let mut link = row(9, "10", "Ongoing", "", "0");
        link.evidence = "javascript:alert(1)".into();
        let mut all = rows.to_vec();
        all.push(link);
        let out = classify(EU, &all, &known());
        assert_eq!(
            out[0].outcome,
            Outcome::Error(vec![RowProblem::UnknownReference])
        );
        assert_eq!(
            out[1].outcome,
            Outcome::Error(vec![RowProblem::Status("Done".into())])
        );
        assert!(matches!(
            &out[2].outcome,
            Outcome::Error(p) if p.contains(&RowProblem::Assessment(Invalid::NarrativeRequired(Status::Discontinued)))
        ));
        assert!(matches!(&out[3].outcome, Outcome::Error(p) if p[0] == RowProblem::Version));
        assert!(out[4].is_change());
        assert!(matches!(
            &out[5].outcome,
            Outcome::Error(p) if p[0] == RowProblem::Duplicate { first_line: 7 }
        ));
        assert!(matches!(
            &out[6].outcome,
            Outcome::Error(p) if p.contains(&RowProblem::Assessment(Invalid::LinkScheme(1)))
        ));
    }
}
