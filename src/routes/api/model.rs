//! What the API answers: serde views of the read model, and the pagination of lists.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{
    db::{assessments::Revision, board::CommitmentInfo, cycles::Cycle, partnership, public},
    domain::{
        account::Side,
        assessment::Evidence,
        cycle::CycleState,
        lang::{Bilingual, Lang},
        status::Status,
    },
    tracking::Board,
};

/// `?lang=` of the endpoints that return the partnership text.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LangQuery {
    /// The language to read the partnership text in. Without it, the `Accept-Language` header
    /// decides, and English when it names neither. Until the French text is imported, French
    /// callers get the English text: the `*_lang` fields say which language each text is in.
    pub lang: Option<Lang>,
}

/// A text for a caller who reads `lang`: in that language when it exists, else in the other
/// one, with the language it is in.
fn pick(b: &Bilingual<String>, lang: Lang) -> (String, Lang) {
    b.get(lang)
        .map_or((String::new(), lang), |(t, l)| (t.clone(), l))
}

/// Items per page when the client does not say.
pub const PER_PAGE_DEFAULT: u32 = 100;
/// Most items per page; a larger `per_page` is lowered to this.
pub const PER_PAGE_MAX: u32 = 500;

/// `?page=&per_page=` of a list (page 1 is the first).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Pagination {
    /// The page, from 1.
    #[param(minimum = 1, default = 1)]
    pub page: Option<u32>,
    /// Items per page; more than the maximum is lowered to it.
    #[param(minimum = 1, maximum = 500, default = 100)]
    pub per_page: Option<u32>,
}

/// One page of a list, with the total number of items.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paged<T> {
    pub total: usize,
    pub page: u32,
    pub per_page: u32,
    pub items: Vec<T>,
}

impl Pagination {
    /// The page (at least 1) and its size (1 to [`PER_PAGE_MAX`]).
    pub fn resolve(&self) -> (u32, u32) {
        let page = self.page.unwrap_or(1).max(1);
        let per_page = self
            .per_page
            .unwrap_or(PER_PAGE_DEFAULT)
            .clamp(1, PER_PAGE_MAX);
        (page, per_page)
    }

    /// Cuts this page out of `all`.
    pub fn apply<T>(&self, all: Vec<T>) -> Paged<T> {
        let (page, per_page) = self.resolve();
        let total = all.len();
        let skip = (page as usize - 1).saturating_mul(per_page as usize);
        let items = all.into_iter().skip(skip).take(per_page as usize).collect();
        Paged {
            total,
            page,
            per_page,
            items,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AreaOut {
    /// The English slug, whatever the language.
    pub slug: String,
    pub title: String,
    /// The language `title` is in.
    pub title_lang: Lang,
    /// The slug of the heading it is nested under ("areas-of-cooperation"), if any.
    pub parent: Option<String>,
    pub paragraphs: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartnershipOut {
    pub slug: String,
    pub title: String,
    /// The language `title` is in.
    pub title_lang: Lang,
    pub parties: Vec<String>,
    /// The language the names in `parties` are in.
    pub parties_lang: Lang,
    /// The languages the text has been imported in (`en`, and `fr` once its French version is).
    pub text_langs: Vec<Lang>,
    pub document_number: Option<String>,
    pub document_date: Option<NaiveDate>,
    pub signature_date: Option<NaiveDate>,
    pub place: Option<String>,
    pub marking: Option<String>,
    pub content_hash: String,
    pub paragraphs: usize,
    pub commitments: usize,
    pub areas: Vec<AreaOut>,
}

impl PartnershipOut {
    pub fn new(
        p: partnership::Partnership,
        areas: Vec<partnership::Area>,
        paragraphs: usize,
        commitments: usize,
        lang: Lang,
    ) -> PartnershipOut {
        let slugs: HashMap<i64, String> = areas.iter().map(|a| (a.id, a.slug.clone())).collect();
        let (title, title_lang) = pick(&p.title, lang);
        // An empty French list (no names given) counts as none.
        let parties_fr = p.parties.fr.filter(|f| !f.is_empty());
        let (parties, parties_lang) = match (lang, parties_fr) {
            (Lang::Fr, Some(fr)) => (fr, Lang::Fr),
            _ => (p.parties.en.unwrap_or_default(), Lang::En),
        };
        PartnershipOut {
            text_langs: Lang::ALL
                .into_iter()
                .filter(|l| *l == Lang::En || p.content_hash_fr.is_some())
                .collect(),
            slug: p.slug,
            title,
            title_lang,
            parties,
            parties_lang,
            document_number: p.document_number,
            document_date: p.document_date,
            signature_date: p.signature_date,
            place: p.place,
            marking: p.marking,
            content_hash: p.content_hash,
            paragraphs,
            commitments,
            areas: areas
                .into_iter()
                .map(|a| {
                    let (title, title_lang) = pick(&a.title, lang);
                    AreaOut {
                        parent: a.parent_id.and_then(|id| slugs.get(&id).cloned()),
                        slug: a.slug,
                        title,
                        title_lang,
                        paragraphs: a.paragraph_count,
                    }
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AreaRef {
    pub slug: String,
    pub title: String,
    /// The language `title` is in.
    pub title_lang: Lang,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommitmentOut {
    #[serde(rename = "ref")]
    pub reference: String,
    pub paragraph: i16,
    pub area: AreaRef,
    /// The paragraph's text, or the lettered item's.
    pub text: String,
    /// The language `text` is in: the one asked for when that version exists.
    pub text_lang: Lang,
}

impl CommitmentOut {
    /// The commitment for a caller who reads `lang`.
    pub fn new(c: CommitmentInfo, lang: Lang) -> Self {
        let (title, title_lang) = pick(&c.area_title, lang);
        let (text, text_lang) = pick(&c.body, lang);
        CommitmentOut {
            reference: c.reference,
            paragraph: c.paragraph_number,
            area: AreaRef {
                slug: c.area_slug,
                title,
                title_lang,
            },
            text,
            text_lang,
        }
    }
}

/// One side's current assessment of a commitment in a cycle.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentOut {
    #[serde(rename = "ref")]
    pub reference: String,
    pub side: Side,
    /// The version to send back in `If-Match` to write the next one.
    pub version: i32,
    pub status: Status,
    pub narrative: String,
    pub evidence: Vec<Evidence>,
    pub author: String,
    pub at: DateTime<Utc>,
}

impl AssessmentOut {
    /// A revision with its own links (a save's answer).
    pub fn with_links(r: Revision, evidence: Vec<Evidence>) -> AssessmentOut {
        AssessmentOut {
            evidence,
            reference: r.reference,
            side: r.side,
            version: r.version,
            status: r.status,
            narrative: r.narrative,
            author: r.author,
            at: r.created_at,
        }
    }

    /// `evidence` holds (assessment id, link) pairs of any number of revisions.
    pub fn new(r: Revision, evidence: &[(i64, Evidence)]) -> AssessmentOut {
        AssessmentOut {
            evidence: evidence
                .iter()
                .filter(|(id, _)| *id == r.id)
                .map(|(_, e)| e.clone())
                .collect(),
            reference: r.reference,
            side: r.side,
            version: r.version,
            status: r.status,
            narrative: r.narrative,
            author: r.author,
            at: r.created_at,
        }
    }
}

/// Both sides' current assessments of one commitment in a cycle.
#[derive(Debug, Serialize, ToSchema)]
pub struct CycleAssessments {
    pub cycle: i32,
    pub state: CycleState,
    pub eu: Option<AssessmentOut>,
    pub ca: Option<AssessmentOut>,
    pub divergent: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommitmentDetail {
    #[serde(flatten)]
    pub commitment: CommitmentOut,
    /// The joint status of the last published Dialogue, when one is published.
    pub published: Option<JointOut>,
    /// Signed-in callers only: both sides' assessments in the cycle officers work in now, when
    /// there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_cycle: Option<CycleAssessments>,
}

/// A text in English and French; `null` in a language it has not been written in (a reader of
/// that language is shown the other one).
#[derive(Debug, Serialize, ToSchema)]
pub struct BilingualText {
    pub en: Option<String>,
    pub fr: Option<String>,
}

impl From<Bilingual<String>> for BilingualText {
    fn from(b: Bilingual<String>) -> Self {
        BilingualText { en: b.en, fr: b.fr }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CycleOut {
    pub year: i32,
    /// "2026 EU–Canada Security and Defence Dialogue" / "Dialogue UE–Canada sur la sécurité et
    /// la défense 2026".
    pub title: BilingualText,
    pub state: CycleState,
    pub meeting_date: NaiveDate,
    /// Where the Dialogue meets: "Brussels" / "Bruxelles".
    pub place: BilingualText,
    pub opens_on: NaiveDate,
    pub deadline: NaiveDate,
}

impl From<Cycle> for CycleOut {
    fn from(c: Cycle) -> Self {
        CycleOut {
            year: c.year,
            title: c.title.into(),
            state: c.state,
            meeting_date: c.meeting_date,
            place: c.place.into(),
            opens_on: c.opens_on,
            deadline: c.deadline,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PerSide {
    pub eu: usize,
    pub ca: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CycleCounts {
    pub commitments: usize,
    /// Commitments each side has saved an assessment of in this cycle.
    pub saved: PerSide,
    /// Commitments each side has not.
    pub missing: PerSide,
    /// Commitments both sides assessed, differently.
    pub divergent: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CycleDetail {
    #[serde(flatten)]
    pub cycle: CycleOut,
    pub previous_year: Option<i32>,
    /// Signed-in callers only: how far each side's submissions are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<CycleCounts>,
    /// Published cycles only: the joint status and public summary of every commitment, in text
    /// order, corrected by errata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joint: Option<Vec<JointOut>>,
}

/// A published joint status: what the Dialogue agreed about one commitment, as the public
/// summary shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct JointOut {
    #[serde(rename = "ref")]
    pub reference: String,
    /// The year of the published cycle.
    pub cycle: i32,
    /// None when the Dialogue recorded no joint status for it.
    pub status: Option<Status>,
    pub summary: Summary,
    /// An erratum changed this line after the cycle was published.
    pub corrected: bool,
}

/// A public summary line in both languages.
#[derive(Debug, Serialize, ToSchema)]
pub struct Summary {
    pub en: String,
    pub fr: String,
}

impl JointOut {
    pub fn new(cycle: i32, item: public::PublicItem) -> JointOut {
        JointOut {
            reference: item.reference,
            cycle,
            status: item.status,
            summary: Summary {
                en: item.summary_en,
                fr: item.summary_fr,
            },
            corrected: item.corrected,
        }
    }
}

impl CycleDetail {
    /// What anyone may read of a cycle.
    pub fn public(cycle: Cycle, previous_year: Option<i32>, joint: Option<Vec<JointOut>>) -> Self {
        CycleDetail {
            cycle: cycle.into(),
            previous_year,
            counts: None,
            joint,
        }
    }
}

impl From<Board> for CycleDetail {
    fn from(board: Board) -> Self {
        let total = board.rows.len();
        let (eu, ca) = (board.saved_count(Side::Eu), board.saved_count(Side::Ca));
        CycleDetail {
            joint: None,
            counts: Some(CycleCounts {
                commitments: total,
                saved: PerSide { eu, ca },
                missing: PerSide {
                    eu: total - eu,
                    ca: total - ca,
                },
                divergent: board.divergent_rows().count(),
            }),
            previous_year: board.previous.map(|p| p.year),
            cycle: board.cycle.into(),
        }
    }
}
