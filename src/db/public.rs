//! What the public summary reads: published cycles and their joint statuses and summary lines.
//! The row types here have no field for a narrative, next steps, evidence or any internal text,
//! so nothing internal can reach the public page by mistake.

use chrono::NaiveDate;
use sqlx::PgExecutor;

use crate::domain::{lang::Bilingual, status::Status};

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

/// One commitment's public line: the joint status and summary, corrected by the latest erratum.
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

pub async fn items(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    cycle_id: Option<i64>,
) -> sqlx::Result<Vec<PublicItem>> {
    sqlx::query_as!(
        PublicItem,
        r#"select c.ref as reference, p.number as paragraph_number, p.area_id,
                  coalesce(e.changes ->> 'status', j.status) as "status: Status",
                  coalesce(e.changes ->> 'summary_en', j.summary_en, '') as "summary_en!",
                  coalesce(e.changes ->> 'summary_fr', j.summary_fr, '') as "summary_fr!",
                  e.id is not null as "corrected!"
           from commitment c
           join paragraph p on p.id = c.paragraph_id
           left join lateral (
               select status, summary_en, summary_fr from joint_review
               where cycle_id = $2 and commitment_id = c.id order by version desc limit 1) j on true
           left join lateral (
               select id, changes from erratum
               where cycle_id = $2 and commitment_id = c.id order by at desc, id desc limit 1) e on true
           where c.partnership_id = $1
           order by c.position"#,
        partnership_id,
        cycle_id
    )
    .fetch_all(db)
    .await
}
