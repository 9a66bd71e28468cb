//! What an assessment must be before it is saved: a status, a narrative where the status needs
//! one, and a few http(s) evidence links.

use super::status::Status;

/// Longest narrative, in characters.
pub const NARRATIVE_MAX_CHARS: usize = 20_000;
/// Most evidence links on one assessment.
pub const EVIDENCE_MAX: usize = 10;
/// Longest evidence URL.
pub const EVIDENCE_URL_MAX_CHARS: usize = 2_000;
/// Longest evidence label.
pub const EVIDENCE_LABEL_MAX_CHARS: usize = 200;

/// One evidence link.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Evidence {
    #[schema(max_length = 2000)]
    pub url: String,
    #[serde(default)]
    #[schema(max_length = 200)]
    pub label: String,
}

/// An assessment as submitted, before checking.
#[derive(Debug, Clone)]
pub struct Draft {
    pub status: String,
    pub narrative: String,
    pub evidence: Vec<Evidence>,
}

/// A checked assessment, ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Valid {
    pub status: Status,
    pub narrative: String,
    pub evidence: Vec<Evidence>,
}

/// Why a draft was refused; each names the field and has a catalogue key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("status: {0:?} is not a valid status")]
    Status(String),
    #[error("narrative: required for the status {0}")]
    NarrativeRequired(Status),
    #[error("narrative: at most 20,000 characters ({0} given)")]
    NarrativeTooLong(usize),
    #[error("evidence: at most 10 links ({0} given)")]
    TooManyLinks(usize),
    #[error("evidence {0}: only http and https links are accepted")]
    LinkScheme(usize),
    #[error("evidence {0}: not a valid link")]
    LinkInvalid(usize),
    #[error("evidence {0}: the label has more than 200 characters")]
    LabelTooLong(usize),
}

impl Invalid {
    /// The form field the error belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            Invalid::Status(_) => "status",
            Invalid::NarrativeRequired(_) | Invalid::NarrativeTooLong(_) => "narrative",
            _ => "evidence",
        }
    }

    pub fn message_key(&self) -> &'static str {
        match self {
            Invalid::Status(_) => "assessment-error-status",
            Invalid::NarrativeRequired(_) => "assessment-error-narrative-required",
            Invalid::NarrativeTooLong(_) => "assessment-error-narrative-long",
            Invalid::TooManyLinks(_) => "assessment-error-too-many-links",
            Invalid::LinkScheme(_) => "assessment-error-link-scheme",
            Invalid::LinkInvalid(_) => "assessment-error-link-invalid",
            Invalid::LabelTooLong(_) => "assessment-error-label-long",
        }
    }
}

impl Draft {
    /// Checks everything and reports every problem, in field order.
    pub fn validate(self) -> Result<Valid, Vec<Invalid>> {
        let mut errors = Vec::new();
        let status = self
            .status
            .parse::<Status>()
            .map_err(|_| Invalid::Status(self.status.clone()));
        // Line endings from browsers are CRLF; store one form.
        let narrative = self.narrative.replace("\r\n", "\n").trim().to_owned();
        let chars = narrative.chars().count();
        match &status {
            Err(e) => errors.push(e.clone()),
            Ok(s) if s.needs_narrative() && narrative.is_empty() => {
                errors.push(Invalid::NarrativeRequired(*s))
            }
            Ok(_) => {}
        }
        if chars > NARRATIVE_MAX_CHARS {
            errors.push(Invalid::NarrativeTooLong(chars));
        }
        let evidence: Vec<Evidence> = self
            .evidence
            .into_iter()
            .map(|e| Evidence {
                url: e.url.trim().to_owned(),
                label: e.label.trim().to_owned(),
            })
            .filter(|e| !e.url.is_empty() || !e.label.is_empty())
            .collect();
        if evidence.len() > EVIDENCE_MAX {
            errors.push(Invalid::TooManyLinks(evidence.len()));
        }
        for (i, e) in evidence.iter().enumerate() {
            let n = i + 1;
            match url::Url::parse(&e.url) {
                Ok(u) if u.scheme() == "http" || u.scheme() == "https" => {
                    if u.host_str().is_none_or(str::is_empty)
                        || e.url.chars().count() > EVIDENCE_URL_MAX_CHARS
                    {
                        errors.push(Invalid::LinkInvalid(n));
                    }
                }
                Ok(_) => errors.push(Invalid::LinkScheme(n)),
                Err(_) => errors.push(Invalid::LinkInvalid(n)),
            }
            if e.label.chars().count() > EVIDENCE_LABEL_MAX_CHARS {
                errors.push(Invalid::LabelTooLong(n));
            }
        }
        match (status, errors.is_empty()) {
            (Ok(status), true) => Ok(Valid {
                status,
                narrative,
                evidence,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(status: &str, narrative: &str, links: &[&str]) -> Draft {
        Draft {
            status: status.into(),
            narrative: narrative.into(),
            evidence: links
                .iter()
                .map(|u| Evidence {
                    url: (*u).into(),
                    label: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn invalid_drafts_are_refused_with_the_reason() {
        let long = "x".repeat(20_001);
        let many: Vec<&str> = vec!["https://example.org"; 11];
        let cases: Vec<(Draft, Invalid)> = vec![
            (draft("done", "", &[]), Invalid::Status("done".into())),
            (
                draft("challenges", "  ", &[]),
                Invalid::NarrativeRequired(Status::Challenges),
            ),
            (
                draft("discontinued", "", &[]),
                Invalid::NarrativeRequired(Status::Discontinued),
            ),
            (
                draft("completed_modified", "", &[]),
                Invalid::NarrativeRequired(Status::CompletedModified),
            ),
            (
                draft("on_track", &long, &[]),
                Invalid::NarrativeTooLong(20_001),
            ),
            (
                draft("on_track", "", &["javascript:alert(1)"]),
                Invalid::LinkScheme(1),
            ),
            (
                draft("on_track", "", &["ftp://example.org/x"]),
                Invalid::LinkScheme(1),
            ),
            (
                draft("on_track", "", &["not a link"]),
                Invalid::LinkInvalid(1),
            ),
            (draft("on_track", "", &many), Invalid::TooManyLinks(11)),
        ];
        for (draft, expected) in cases {
            let errors = draft.clone().validate().unwrap_err();
            assert!(errors.contains(&expected), "{draft:?}: {errors:?}");
        }
    }

    #[test]
    fn valid_drafts_are_normalised() {
        let valid = Draft {
            status: "challenges".into(),
            narrative: " Delayed by\r\nprocurement. ".into(),
            evidence: vec![
                Evidence {
                    url: " https://www.eeas.europa.eu/x ".into(),
                    label: "Press release".into(),
                },
                Evidence {
                    url: "".into(),
                    label: "".into(),
                },
            ],
        }
        .validate()
        .unwrap();
        assert_eq!(valid.status, Status::Challenges);
        assert_eq!(valid.narrative, "Delayed by\nprocurement.");
        assert_eq!(valid.evidence.len(), 1);
        assert_eq!(valid.evidence[0].url, "https://www.eeas.europa.eu/x");
        assert_eq!("x".repeat(20_000).chars().count(), NARRATIVE_MAX_CHARS);
        assert!(
            draft("on_track", &"é".repeat(20_000), &[])
                .validate()
                .is_ok()
        );
    }
}
