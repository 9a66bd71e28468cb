//! What the public summary reads: published cycles and their joint statuses and summary lines.
//! The row types here have no field for a narrative, next steps, evidence or any internal text,
//! so nothing internal can reach the public page by mistake.

use chrono::NaiveDate;
use sqlx::PgExecutor;

use crate::{
    db::joint,
    domain::{lang::Bilingual, status::Status},
};

/// A Dialogue as the public sees it.
#[derive(Debug, Clone)]
pub struct PublicCycle {
    pub id: i64,
    pub year: i32,
    pub title: Bilingual<String>,
    pub meeting_date: NaiveDate,
    pub place: Bilingual<String>,
}

struct PublicCycleRow {
    id: i64,
    year: i32,
    title: String,
    title_fr: String,
    meeting_date: NaiveDate,
    place: String,
    place_fr: Option<String>,
}

impl From<PublicCycleRow> for PublicCycle {
    fn from(r: PublicCycleRow) -> PublicCycle {
        PublicCycle {
            id: r.id,
            year: r.year,
            title: Bilingual::new(r.title, r.title_fr),
            meeting_date: r.meeting_date,
            place: Bilingual {
                en: Some(r.place),
                fr: r.place_fr,
            },
        }
    }
}

/// The last published cycle: the one the public summary shows.
pub async fn last_published(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
) -> sqlx::Result<Option<PublicCycle>> {
    sqlx::query_as!(
        PublicCycleRow,
        r#"select id, year, title, title_fr, meeting_date as "meeting_date: NaiveDate", place, place_fr
           from review_cycle where partnership_id = $1 and state = 'published'
           order by year desc limit 1"#,
        partnership_id
    )
    .fetch_optional(db)
    .await
    .map(|row| row.map(PublicCycle::from))
}

/// The next Dialogue not yet published (planned, open or in reconciliation), earliest first.
pub async fn next_dialogue(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
) -> sqlx::Result<Option<PublicCycle>> {
    sqlx::query_as!(
        PublicCycleRow,
        r#"select id, year, title, title_fr, meeting_date as "meeting_date: NaiveDate", place, place_fr
           from review_cycle where partnership_id = $1 and state in ('planned', 'open', 'reconciliation')
           order by year limit 1"#,
        partnership_id
    )
    .fetch_optional(db)
    .await
    .map(|row| row.map(PublicCycle::from))
}

/// One commitment's public line: the joint status and summary, corrected by errata.
#[derive(Debug, Clone)]
pub struct PublicItem {
    pub reference: String,
    pub paragraph_number: i16,
    pub area_id: i64,
    pub status: Option<Status>,
    pub summary_en: String,
    pub summary_fr: String,
    /// An erratum changed this line after the cycle was frozen.
    pub corrected: bool,
}

/// Every commitment's public line in the published `cycle_id`, in text order: the published view
/// ([`joint::published`]) without its internal fields (next steps).
pub async fn items(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    cycle_id: i64,
) -> sqlx::Result<Vec<PublicItem>> {
    Ok(joint::published(db, partnership_id, cycle_id)
        .await?
        .into_iter()
        .map(|p| PublicItem {
            corrected: p.joint.is_corrected(),
            reference: p.reference,
            paragraph_number: p.paragraph_number,
            area_id: p.area_id,
            status: p.joint.fields.status,
            summary_en: p.joint.fields.summary_en,
            summary_fr: p.joint.fields.summary_fr,
        })
        .collect())
}
