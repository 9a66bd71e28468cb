//! `/app/cycles/{year}/reconcile/{ref}`: one commitment with both sides' narratives, the joint
//! review and its form (also where a save refused without JavaScript is shown).

use askama::Template;
use askama_web::WebTemplate;

use super::{FieldErrors, Item, Notice};
use crate::{
    db::{cycles::Cycle, joint::JointRevision},
    domain::{cycle::CycleState, lang::Bilingual, status::Status},
    i18n::Lang,
    tracking::{BoardRow, SideView},
    views::{Page, commitment_href, tracking::Badge, tracking::when},
};

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
        let item = Item::of(cycle.year, row, page.lang, None);
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
