//! Reconciliation pages: `/app/cycles/{year}/reconcile` (every commitment, divergent ones first,
//! with both sides' statuses, the joint review and its form), `/app/cycles/{year}/reconcile/{ref}`
//! (one commitment with both narratives; also where a refused save is shown), and
//! `/app/cycles/{year}/errata` (the errata of a frozen cycle and the form to record one).

use askama::Template;
use askama_web::WebTemplate;
use fluent_templates::fluent_bundle::FluentValue;

use super::{Page, commitment_href, tracking::Badge, tracking::when};
use crate::{
    db::{
        cycles::Cycle,
        joint::{Erratum, JointRevision},
    },
    domain::{cycle::CycleState, lang::Bilingual, status::Status},
    i18n::Lang,
    reconcile::{
        ErratumInput, JointInput, NEXT_STEPS_MAX_CHARS, REASON_MAX_CHARS, SUMMARY_MAX_CHARS,
    },
    tracking::{Board, BoardRow, SideView},
    views::text::LangText,
};

/// (field id, message) pairs for the error summary.
pub type FieldErrors = Vec<(String, String)>;

/// The part of an HTML id that stands for a reference: `25(c)` → `25c`.
pub fn ref_key(reference: &str) -> String {
    reference
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The reconciliation page of one commitment (also where its form posts).
pub fn item_href(year: i32, reference: &str) -> String {
    format!("/app/cycles/{year}/reconcile/{}", encode(reference))
}

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

/// The status both sides' current assessments share, if they do.
pub fn agreed(row: &BoardRow) -> Option<Status> {
    match (row.eu.status(), row.ca.status()) {
        (Some(eu), Some(ca)) if eu == ca => Some(eu),
        _ => None,
    }
}

/// One commitment to reconcile.
#[derive(Debug, Clone)]
pub struct Item {
    pub reference: String,
    pub key: String,
    pub area_title: LangText,
    pub eu: SideView,
    pub ca: SideView,
    pub divergent: bool,
    /// The status both sides share, if they do.
    pub agreed: Option<Status>,
    pub joint: Option<JointRevision>,
    pub form: JointForm,
}

impl Item {
    pub fn of(year: i32, row: &BoardRow, reader: Lang) -> Item {
        Item {
            reference: row.info.reference.clone(),
            key: ref_key(&row.info.reference),
            area_title: row.info.area_title.shown(reader),
            eu: row.eu.clone(),
            ca: row.ca.clone(),
            divergent: row.divergent(),
            agreed: agreed(row),
            joint: row.joint.clone(),
            form: JointForm::prefilled(year, row),
        }
    }

    pub fn joint_badge(&self) -> Badge {
        Badge {
            status: self.joint.as_ref().map(|j| j.status),
            carried: false,
        }
    }
}

/// Success and refusal messages of the reconciliation pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Saved(String),
    Accepted(usize),
    /// The cycle is not in reconciliation (a 409).
    WrongState(CycleState),
}

impl Notice {
    pub fn success(&self) -> bool {
        !matches!(self, Notice::WrongState(_))
    }

    pub fn text(&self, lang: &Lang) -> String {
        let lang = *lang;
        match self {
            Notice::Saved(reference) => lang.t_args(
                "reconcile-saved",
                &[("ref", FluentValue::from(reference.clone()))],
            ),
            Notice::Accepted(count) => lang.t_args(
                "reconcile-accepted",
                &[("count", FluentValue::from(*count))],
            ),
            Notice::WrongState(state) => lang.t_args(
                "reconcile-error-state",
                &[("state", FluentValue::from(lang.t(state.label_key())))],
            ),
        }
    }
}

/// `/app/cycles/{year}/reconcile`.
#[derive(Template, WebTemplate)]
#[template(path = "reconcile/index.html")]
pub struct ReconcileView {
    pub page: Page,
    pub cycle: Cycle,
    /// Divergent commitments first, then the others, each in text order.
    pub items: Vec<Item>,
    /// The reader may record joint reviews (secretariat, administrators).
    pub can_edit: bool,
    pub notice: Option<Notice>,
}

impl ReconcileView {
    pub fn new(mut page: Page, board: &Board, can_edit: bool) -> ReconcileView {
        let year = board.cycle.year;
        let (mut items, rest): (Vec<Item>, Vec<Item>) = board
            .rows
            .iter()
            .map(|r| Item::of(year, r, page.lang))
            .partition(|i| i.divergent);
        items.extend(rest);
        page.text_notice |= items.iter().any(|i| i.area_title.foreign());
        ReconcileView {
            page,
            cycle: board.cycle.clone(),
            items,
            can_edit,
            notice: None,
        }
    }

    /// Are the forms shown? Only to staff, and only while the cycle is in reconciliation.
    pub fn editable(&self) -> bool {
        self.can_edit && self.reconciling()
    }

    pub fn reconciling(&self) -> bool {
        self.cycle.state == CycleState::Reconciliation
    }

    /// Commitments where both sides agree and that have no joint review yet.
    pub fn agreed_pending(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.joint.is_none() && i.agreed.is_some())
            .count()
    }

    pub fn missing(&self) -> usize {
        self.items.iter().filter(|i| i.joint.is_none()).count()
    }

    pub fn divergent_count(&self) -> usize {
        self.items.iter().filter(|i| i.divergent).count()
    }

    pub fn count_text(&self, key: &str, count: usize) -> String {
        self.page
            .lang
            .t_args(key, &[("count", FluentValue::from(count))])
    }

    pub fn item_href(&self, reference: &str) -> String {
        item_href(self.cycle.year, reference)
    }

    pub fn href(&self, reference: &str) -> String {
        commitment_href(reference)
    }
}

/// `/app/cycles/{year}/reconcile/{ref}`: one commitment, with both sides' narratives.
#[derive(Template, WebTemplate)]
#[template(path = "reconcile/item.html")]
pub struct ReconcileItemView {
    pub page: Page,
    pub cycle: Cycle,
    pub item: Item,
    pub can_edit: bool,
    pub notice: Option<Notice>,
    /// (field id, message), for the error summary.
    pub errors: FieldErrors,
}

impl ReconcileItemView {
    pub fn new(mut page: Page, cycle: Cycle, row: &BoardRow, can_edit: bool) -> ReconcileItemView {
        let item = Item::of(cycle.year, row, page.lang);
        page.note_text(&item.area_title);
        ReconcileItemView {
            item,
            page,
            cycle,
            can_edit,
            notice: None,
            errors: Vec::new(),
        }
    }

    pub fn editable(&self) -> bool {
        self.can_edit && self.cycle.state == CycleState::Reconciliation
    }

    pub fn href(&self, reference: &str) -> String {
        commitment_href(reference)
    }

    pub fn when(&self, j: &JointRevision) -> String {
        when(self.page.lang, j.created_at)
    }

    pub fn badge(&self, status: &Status) -> Badge {
        Badge::status(*status)
    }

    /// Both sides, each with its catalogue key.
    pub fn sides(&self) -> Vec<(&'static str, SideView)> {
        vec![
            ("side-eu", self.item.eu.clone()),
            ("side-ca", self.item.ca.clone()),
        ]
    }
}

/// A joint review revision as shown on the commitment page.
#[derive(Debug, Clone)]
pub struct JointEntry {
    pub version: i32,
    pub status: Status,
    pub summary_en: String,
    pub summary_fr: String,
    pub next_steps: Bilingual<String>,
    pub author: String,
    pub at: String,
}

impl JointEntry {
    pub fn of(lang: Lang, j: &JointRevision) -> JointEntry {
        JointEntry {
            version: j.version,
            status: j.status,
            summary_en: j.summary_en.clone(),
            summary_fr: j.summary_fr.clone(),
            next_steps: j.next_steps.clone(),
            author: j.author.clone(),
            at: when(lang, j.created_at),
        }
    }

    pub fn badge(&self) -> Badge {
        Badge::status(self.status)
    }
}

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
    /// Every commitment, for the select: "25(c) — its text…".
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_make_ids_and_paths() {
        assert_eq!(ref_key("25(c)"), "25c");
        assert_eq!(ref_key("12"), "12");
        assert_eq!(
            item_href(2026, "25(c)"),
            "/app/cycles/2026/reconcile/25%28c%29"
        );
    }

    #[test]
    fn every_notice_has_a_message_in_both_languages() {
        for lang in [Lang::En, Lang::Fr] {
            for notice in [
                Notice::Saved("25(c)".into()),
                Notice::Accepted(3),
                Notice::WrongState(CycleState::Open),
            ] {
                let text = notice.text(&lang);
                assert!(!text.starts_with("reconcile-"), "{lang:?}: {text}");
            }
        }
        assert!(Notice::Accepted(3).text(&Lang::En).contains('3'));
    }
}
