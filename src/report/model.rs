//! The progress report of one cycle in one language: ONE model that every renderer (HTML, DOCX,
//! PDF, CSV, JSON) turns into a document. Built by [`crate::report::build::build`].
//!
//! Everything a renderer prints is already here and already in the report's language: headings
//! and column names in [`Labels`], status names in [`StatusValue::label`], trend names in
//! [`TrendValue::label`], dates both as values and as `*_text` in the language's long form. A
//! renderer needs no catalogue look-up of its own; if it needs a string the model lacks (e.g.
//! "Page"), it calls `report.lang.t("…")` with a key of its own.
//!
//! Content written in both languages (the Dialogue's title and place, a joint review's summary
//! and next steps) is given in the report's language when it exists in it, else in the other
//! one; the `*_lang` field beside it says which, so that a renderer marks the fallback (`lang`
//! in HTML, `w:lang` in Word, `text(lang:)` in typst).
//!
//! Field names are stable: renderers in other modules and the JSON export depend on them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::{
    domain::{account::Side, cycle::CycleState, status::Status, trend::Trend},
    i18n::Lang,
};

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The language every string of the report is in.
    pub lang: Lang,
    /// The cycle's year (the Dialogue's).
    pub year: i32,
    /// The year of the cycle the trends compare with, if there is one.
    pub previous_year: Option<i32>,
    /// Headings and column names, translated.
    pub labels: Labels,
    pub cover: Cover,
    pub summary: Summary,
    /// The areas of the text in text order (nested cooperation areas follow their parent, with
    /// `depth` 1), each with its commitments. Areas without a commitment, directly or below, are
    /// left out (the Preface).
    pub areas: Vec<AreaSection>,
    /// Commitments to discuss at the meeting: divergent, with challenges (either side or joint),
    /// regressed since the previous cycle; in text order.
    pub for_discussion: Vec<DiscussionItem>,
    /// Every erratum of the cycle, oldest first (each also appears on its commitment).
    pub errata: Vec<Erratum>,
    /// When some of the partnership text is not in the report's language (a French report
    /// before the French text is imported): a note saying so, for the cover. The `*_lang`
    /// fields say which pieces are in the other language; renderers mark them.
    pub text_notice: Option<String>,
}

/// The cover page.
#[derive(Debug, Clone, Serialize)]
pub struct Cover {
    /// "Progress report" / "Rapport d'étape".
    pub report_title: String,
    /// The partnership's title as written in the text.
    pub partnership_title: String,
    /// The language `partnership_title` is in.
    pub partnership_title_lang: Lang,
    /// The document's own title, for its metadata and the browser tab: "Progress report – 2026
    /// EU–Canada Security and Defence Dialogue".
    pub document_title: String,
    /// Who made the document, for its metadata: the service's name.
    pub creator: String,
    /// The report's language as a locale tag (`en-GB`, `fr-CA`), the conventions its numbers and
    /// dates follow, for document metadata.
    pub locale: String,
    /// The Council document number, e.g. "9783/25".
    pub document_number: Option<String>,
    /// The marking, e.g. "LIMITE"; renderers print it on every page.
    pub marking: Option<String>,
    /// "2026 EU–Canada Security and Defence Dialogue".
    pub dialogue_title: String,
    pub dialogue_title_lang: Lang,
    pub meeting_date: NaiveDate,
    /// The meeting date in the report language, e.g. "20 March 2026" / "20 mars 2026".
    pub meeting_date_text: String,
    pub place: String,
    pub place_lang: Lang,
    pub cycle_state: CycleState,
    /// The cycle state's name, translated.
    pub cycle_state_label: String,
    pub generated_at: DateTime<Utc>,
    /// The generation date in the report language (UTC date, long form).
    pub generated_at_text: String,
}

/// A status as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusValue {
    /// The key, serialised as in the API (`on_track`, …).
    pub key: Status,
    /// "Underway – on track" / "En cours – sur la bonne voie".
    pub label: String,
    /// A short symbol such as "▲" (see `Status::symbol`).
    pub symbol: String,
}

/// A trend as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrendValue {
    /// `improved`, `unchanged`, `regressed`, `new`.
    pub key: Trend,
    pub label: String,
}

/// How many commitments have a status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    pub status: StatusValue,
    pub count: usize,
}

/// How many commitments have a trend.
#[derive(Debug, Clone, Serialize)]
pub struct TrendCount {
    pub trend: TrendValue,
    pub count: usize,
}

/// The summary table(s) after the cover.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Number of commitments tracked.
    pub total: usize,
    /// Commitments with a joint review in this cycle.
    pub reviewed: usize,
    /// Counts by joint status, one entry per status of the scale in scale order (zeros
    /// included). A commitment without a joint review counts as `not_assessed`.
    pub by_joint_status: Vec<StatusCount>,
    /// Each side's own status counts (EU then Canada).
    pub by_side: Vec<SideCounts>,
    /// Counts per area in text order.
    pub by_area: Vec<AreaCounts>,
    /// Commitments the two sides assess differently.
    pub divergent: usize,
    /// Trend since the previous cycle; `None` when there is no previous cycle.
    pub trend: Option<TrendSummary>,
}

/// One side's status counts.
#[derive(Debug, Clone, Serialize)]
pub struct SideCounts {
    pub side: Side,
    /// "European Union" / "Union européenne" (the `side-*` label).
    pub side_label: String,
    /// One entry per status of the scale in scale order, zeros included; only commitments the
    /// side assessed in this cycle count.
    pub by_status: Vec<StatusCount>,
    /// Commitments the side has not assessed in this cycle.
    pub not_submitted: usize,
}

/// One area's counts.
#[derive(Debug, Clone, Serialize)]
pub struct AreaCounts {
    pub slug: String,
    pub title: String,
    /// The language `title` is in.
    pub title_lang: Lang,
    /// 0 for a top-level heading, 1 for a cooperation area.
    pub depth: u8,
    /// Commitments directly in this area.
    pub total: usize,
    /// By joint status (as in [`Summary::by_joint_status`]), one entry per status, zeros included.
    pub by_joint_status: Vec<StatusCount>,
    pub divergent: usize,
}

/// Trend counts since the previous cycle.
#[derive(Debug, Clone, Serialize)]
pub struct TrendSummary {
    pub previous_year: i32,
    /// Improved, unchanged, regressed, new — in that order, zeros included.
    pub counts: Vec<TrendCount>,
    /// Commitments with no status to compare in this cycle yet (no trend).
    pub unknown: usize,
}

/// One area of the text with its commitments.
#[derive(Debug, Clone, Serialize)]
pub struct AreaSection {
    pub slug: String,
    pub title: String,
    /// The language `title` is in.
    pub title_lang: Lang,
    /// 0 for a top-level heading, 1 for a cooperation area nested under "Areas of Cooperation".
    pub depth: u8,
    /// The parent heading's slug for a nested area.
    pub parent_slug: Option<String>,
    /// May be empty for a heading whose commitments are all in nested areas.
    pub commitments: Vec<CommitmentEntry>,
}

/// One commitment with everything the report says about it.
#[derive(Debug, Clone, Serialize)]
pub struct CommitmentEntry {
    /// "25(c)".
    pub reference: String,
    pub paragraph_number: i16,
    pub area_slug: String,
    pub area_title: String,
    /// The language `area_title` is in.
    pub area_title_lang: Lang,
    /// The paragraph's (or lettered item's) text as written, in the report's language when it
    /// exists.
    pub text: String,
    /// The language `text` is in.
    pub text_lang: Lang,
    /// The EU's assessment in this cycle.
    pub eu: SideEntry,
    /// Canada's assessment in this cycle.
    pub ca: SideEntry,
    /// Both sides assessed it, differently.
    pub divergent: bool,
    /// The secretariat's current joint review, if any.
    pub joint: Option<JointEntry>,
    /// Trend since the previous cycle (see [`crate::domain::trend`]); `None` when there is no
    /// previous cycle or no status to compare yet in this one.
    pub trend: Option<TrendValue>,
    /// Errata recorded on this commitment, oldest first.
    pub errata: Vec<Erratum>,
}

/// One side's current assessment of a commitment.
#[derive(Debug, Clone, Serialize)]
pub struct SideEntry {
    pub side: Side,
    pub side_label: String,
    /// `None`: the side has not assessed it in this cycle (print `labels.not_submitted`).
    pub status: Option<StatusValue>,
    pub narrative: String,
    pub evidence: Vec<EvidenceLink>,
    pub author: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// An evidence link.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceLink {
    pub url: String,
    /// May be empty: print the URL then.
    pub label: String,
}

/// The joint review of a commitment.
#[derive(Debug, Clone, Serialize)]
pub struct JointEntry {
    pub status: StatusValue,
    /// The public summary line (summary_en / summary_fr); may be empty.
    pub summary: String,
    pub summary_lang: Lang,
    /// The agreed next steps; may be empty.
    pub next_steps: String,
    pub next_steps_lang: Lang,
    /// 0 when the cycle had no joint review and an erratum gave the status.
    pub version: i32,
    pub author: String,
    pub at: DateTime<Utc>,
    /// The numbers of the errata that corrected this joint review (see [`Erratum::number`]).
    pub corrected_by: Vec<u32>,
    /// "corrected (erratum 2)" in the report language when an erratum corrected it; every
    /// renderer prints it beside the joint status.
    pub corrected: Option<String>,
}

/// Why a commitment is up for discussion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscussionReason {
    Divergent,
    Challenges,
    Regressed,
}

/// A reason as printed.
#[derive(Debug, Clone, Serialize)]
pub struct ReasonValue {
    pub key: DiscussionReason,
    pub label: String,
}

/// A commitment flagged for discussion.
#[derive(Debug, Clone, Serialize)]
pub struct DiscussionItem {
    pub reference: String,
    pub area_title: String,
    /// The language `area_title` is in.
    pub area_title_lang: Lang,
    pub reasons: Vec<ReasonValue>,
    pub eu: Option<StatusValue>,
    pub ca: Option<StatusValue>,
    pub joint: Option<StatusValue>,
}

/// A correction recorded after the cycle was frozen.
#[derive(Debug, Clone, Serialize)]
pub struct Erratum {
    /// Its number in the cycle: 1 for the oldest ("corrected (erratum 1)").
    pub number: u32,
    /// The commitment it corrects, if any (else the cycle as a whole).
    pub reference: Option<String>,
    pub at: DateTime<Utc>,
    /// The date in the report language.
    pub at_text: String,
    pub author: String,
    pub reason: String,
    /// What it changes, one line per changed field, in the order stored.
    pub changes: Vec<ErratumChange>,
}

/// One changed field of an erratum.
#[derive(Debug, Clone, Serialize)]
pub struct ErratumChange {
    /// The stored field name, e.g. `status`, `summary_en`.
    pub field: String,
    /// The field's name in the report language.
    pub label: String,
    /// The new value as printed (a status is printed by its name).
    pub value: String,
    /// The language a corrected text is written in (`summary_en` is English whatever the
    /// report's language); `None` for a status.
    pub value_lang: Option<Lang>,
}

/// Headings, column names and fixed phrases of the report, in its language.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub report_title: String,
    pub marking: String,
    pub document_number: String,
    pub meeting: String,
    pub place: String,
    pub generated_at: String,
    pub cycle_state: String,
    pub summary: String,
    pub total: String,
    pub reviewed: String,
    pub by_joint_status: String,
    pub by_side: String,
    pub by_area: String,
    pub area: String,
    pub count: String,
    pub status: String,
    pub divergences: String,
    pub trend_since: String,
    pub no_previous_cycle: String,
    pub no_trend: String,
    pub progress_by_area: String,
    pub reference: String,
    pub paragraph: String,
    pub text: String,
    /// The column giving the language of the text (CSV).
    pub text_lang: String,
    pub narrative: String,
    pub evidence: String,
    pub joint_status: String,
    pub summary_line: String,
    pub next_steps: String,
    pub trend: String,
    pub divergent: String,
    pub not_submitted: String,
    pub no_joint_review: String,
    pub not_submitted_count: String,
    pub for_discussion: String,
    pub nothing_for_discussion: String,
    pub reasons: String,
    pub errata: String,
    pub no_errata: String,
    pub erratum_author: String,
    pub erratum_date: String,
    pub erratum_reason: String,
    pub erratum_changes: String,
    /// The CSV column that says which erratum corrected a joint review.
    pub correction: String,
    pub whole_cycle: String,
    pub side_eu: String,
    pub side_ca: String,
}
