//! The commitment page: both sides' assessments, the timeline and the assessment form.

use askama::Template;
use askama_web::WebTemplate;

use super::{ADD_LINK_ACTION, AssessmentForm, Badge, when};
use crate::{
    db::{assessments::Revision, cycles::Cycle},
    domain::{
        account::Side,
        assessment::{EVIDENCE_MAX, Evidence, NARRATIVE_MAX_CHARS},
        cycle::CycleState,
        status::Status,
    },
    i18n::Lang,
    views::{
        Page,
        reconcile::{ErratumRow, JointEntry},
        text::LangText,
    },
};

/// One saved revision as shown to people.
#[derive(Debug, Clone)]
pub struct RevisionView {
    pub side: Side,
    pub version: i32,
    pub status: Status,
    pub narrative: String,
    pub evidence: Vec<Evidence>,
    pub author: String,
    pub author_id: Option<i64>,
    pub at: String,
}

impl RevisionView {
    pub fn of(lang: Lang, r: &Revision, evidence: &[(i64, Evidence)]) -> RevisionView {
        RevisionView {
            side: r.side,
            version: r.version,
            status: r.status,
            narrative: r.narrative.clone(),
            evidence: evidence
                .iter()
                .filter(|(id, _)| *id == r.id)
                .map(|(_, e)| e.clone())
                .collect(),
            author: r.author.clone(),
            author_id: r.author_id,
            at: when(lang, r.created_at),
        }
    }

    pub fn badge(&self) -> Badge {
        Badge::status(self.status)
    }

    pub fn links(&self) -> Vec<EvidenceLink> {
        links(&self.evidence)
    }
}

/// An evidence link as shown: its label, else its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceLink {
    pub url: String,
    pub text: String,
}

impl EvidenceLink {
    pub fn of(e: &Evidence) -> EvidenceLink {
        let text = if e.label.is_empty() {
            e.url.clone()
        } else {
            e.label.clone()
        };
        EvidenceLink {
            url: e.url.clone(),
            text,
        }
    }
}

fn links(evidence: &[Evidence]) -> Vec<EvidenceLink> {
    evidence.iter().map(EvidenceLink::of).collect()
}

/// One side's current position on the commitment page.
#[derive(Debug, Clone)]
pub struct SidePanel {
    pub side: Side,
    pub badge: Badge,
    pub current: Option<RevisionView>,
}

/// A revision in the timeline, with what changed since the same side's revision before it.
#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub rev: RevisionView,
    /// The status of the revision before, when there was one and it differed.
    pub status_from: Option<Status>,
    pub first: bool,
    pub narrative_changed: bool,
    pub added: Vec<EvidenceLink>,
    pub removed: Vec<EvidenceLink>,
}

impl HistoryEntry {
    pub fn from_badge(&self) -> Option<Badge> {
        self.status_from.map(Badge::status)
    }
}

/// The timeline of a cycle, newest first: `revisions` newest first, as `assessments::history`
/// returns them.
pub fn timeline(revisions: Vec<RevisionView>) -> Vec<HistoryEntry> {
    let mut entries = Vec::with_capacity(revisions.len());
    for (i, rev) in revisions.iter().enumerate() {
        let before = revisions[i + 1..].iter().find(|r| r.side == rev.side);
        let entry = match before {
            None => HistoryEntry {
                rev: rev.clone(),
                status_from: None,
                first: true,
                narrative_changed: !rev.narrative.is_empty(),
                added: links(&rev.evidence),
                removed: Vec::new(),
            },
            Some(b) => HistoryEntry {
                rev: rev.clone(),
                status_from: (b.status != rev.status).then_some(b.status),
                first: false,
                narrative_changed: b.narrative != rev.narrative,
                added: links(
                    &rev.evidence
                        .iter()
                        .filter(|e| !b.evidence.contains(e))
                        .cloned()
                        .collect::<Vec<_>>(),
                ),
                removed: links(
                    &b.evidence
                        .iter()
                        .filter(|e| !rev.evidence.contains(e))
                        .cloned()
                        .collect::<Vec<_>>(),
                ),
            },
        };
        entries.push(entry);
    }
    entries
}

/// The form for the reader's side, with what it needs to render.
#[derive(Debug, Clone)]
pub struct FormState {
    pub side: Side,
    pub action: String,
    pub values: AssessmentForm,
    /// (field id, message)
    pub errors: Vec<(String, String)>,
    /// Someone else's revision saved after the version the writer saw.
    pub conflict: Option<RevisionView>,
    /// Who saved that revision and when, as the writer is told ("You saved this … in another
    /// window" when it was them).
    pub conflict_by: Option<String>,
}

impl FormState {
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn statuses(&self) -> Vec<StatusChoice> {
        Status::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| StatusChoice {
                status: *s,
                id: if i == 0 {
                    "status".to_owned()
                } else {
                    format!("status-{}", s.as_str())
                },
                checked: self.values.status.trim() == s.as_str(),
            })
            .collect()
    }

    /// The evidence rows with their numbers and errors.
    pub fn rows(&self) -> Vec<EvidenceRow> {
        self.values
            .rows()
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let n = i + 1;
                EvidenceRow {
                    n,
                    url_error: self.error(&format!("evidence_url_{n}")).map(str::to_owned),
                    label_error: self
                        .error(&format!("evidence_label_{n}"))
                        .map(str::to_owned),
                    url: e.url,
                    label: e.label,
                }
            })
            .collect()
    }

    pub fn narrative_max(&self) -> usize {
        NARRATIVE_MAX_CHARS
    }

    pub fn evidence_max(&self) -> usize {
        EVIDENCE_MAX
    }

    /// May another evidence row be added?
    pub fn can_add_link(&self) -> bool {
        self.values.rows().len() < EVIDENCE_MAX
    }

    pub fn add_link_action(&self) -> &'static str {
        ADD_LINK_ACTION
    }
}

/// One status radio.
#[derive(Debug, Clone)]
pub struct StatusChoice {
    pub status: Status,
    /// The first radio's id is `status`, so the error summary can link to the group.
    pub id: String,
    pub checked: bool,
}

/// One evidence row of the form.
#[derive(Debug, Clone)]
pub struct EvidenceRow {
    pub n: usize,
    pub url: String,
    pub label: String,
    pub url_error: Option<String>,
    pub label_error: Option<String>,
}

/// Why a save was not possible, shown on the commitment page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Saved,
    CycleClosed,
}

/// What the commitment page and its assessment fragment show.
#[derive(Debug, Clone)]
pub struct CommitmentData {
    pub reference: String,
    pub href: String,
    pub paragraph_number: i16,
    pub area_slug: String,
    pub area_title: LangText,
    /// For a lettered item: the paragraph's own text (escaped HTML), before the item.
    pub lead_in_html: Option<String>,
    /// ` lang="…"` for the lead-in when it is in the other language than the page's.
    pub lead_in_lang_attr: &'static str,
    /// Escaped HTML with the source's emphasis.
    pub body_html: String,
    /// ` lang="…"` for the text when it is in the other language than the page's.
    pub body_lang_attr: &'static str,
    pub cycle: Option<Cycle>,
    pub panels: Vec<SidePanel>,
    pub history: Vec<HistoryEntry>,
    /// The cycle's joint review revisions, newest first (the first is current).
    pub joint: Vec<JointEntry>,
    /// Errata recorded against this commitment, newest first.
    pub errata: Vec<ErratumRow>,
    pub form: Option<FormState>,
    /// Why there is no form, and what happens next (when there is none).
    pub no_form: Option<String>,
    pub notice: Option<Notice>,
    /// (field id, message), for the error summary.
    pub errors: Vec<(String, String)>,
}

impl CommitmentData {
    pub fn cycle_open(&self) -> bool {
        self.cycle
            .as_ref()
            .is_some_and(|c| c.state == CycleState::Open)
    }

    pub fn saved(&self) -> bool {
        self.notice == Some(Notice::Saved)
    }

    pub fn closed(&self) -> bool {
        self.notice == Some(Notice::CycleClosed)
    }

    /// Has the cycle reached reconciliation (so that a joint review exists or can)?
    pub fn reconciled(&self) -> bool {
        self.cycle
            .as_ref()
            .is_some_and(|c| c.state >= CycleState::Reconciliation)
    }

    pub fn joint_current(&self) -> Option<&JointEntry> {
        self.joint.first()
    }

    pub fn text_href(&self) -> String {
        format!("/text#p{}", self.paragraph_number)
    }

    /// Whether the page shows partnership text in the other language than the reader's.
    pub fn foreign_text(&self) -> bool {
        self.area_title.foreign() || !self.body_lang_attr.is_empty()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "tracking/commitment.html")]
pub struct CommitmentView {
    pub page: Page,
    pub c: CommitmentData,
}

#[derive(Template, WebTemplate)]
#[template(path = "tracking/commitment-fragment.html")]
pub struct CommitmentRegionView {
    pub page: Page,
    pub c: CommitmentData,
}
