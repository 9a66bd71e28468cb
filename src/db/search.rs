//! Full-text search over the partnership text (paragraphs and items), the narratives of every
//! revision of every cycle, and evidence labels (PostgreSQL text search, configuration 'simple').

use sqlx::PgExecutor;

use crate::domain::account::Side;

/// Marks the start of a matched word in [`Hit::snippet`] (a private-use character removed from the
/// searched text first, so it cannot come from the data).
pub const MARK_START: char = '\u{E000}';
/// Marks the end of a matched word in [`Hit::snippet`].
pub const MARK_END: char = '\u{E001}';
/// Stands for `<` in [`Hit::snippet`]: `ts_headline` would drop anything that looks like a tag.
pub const LT: char = '\u{E002}';
/// Stands for `>` in [`Hit::snippet`].
pub const GT: char = '\u{E003}';

/// One search result.
#[derive(Debug, Clone)]
pub struct Hit {
    /// `paragraph`, `item`, `narrative` or `evidence`.
    pub kind: String,
    pub paragraph_number: i16,
    /// The commitment the hit belongs to; none for a context paragraph (or the chapeau of a
    /// paragraph tracked through its items).
    pub reference: Option<String>,
    /// For narratives and evidence: the cycle and side.
    pub year: Option<i32>,
    pub side: Option<Side>,
    /// Plain text with [`MARK_START`]/[`MARK_END`] around matches and [`LT`]/[`GT`] for `<`/`>`:
    /// escape it before turning the markers into HTML.
    pub snippet: String,
    pub rank: f32,
}

/// The best `limit` matches of the web-search style query `q` in a partnership, best first.
/// Several revisions of one side's narrative in a cycle count once (the latest that matches).
pub async fn search(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    q: &str,
    limit: i64,
) -> sqlx::Result<Vec<Hit>> {
    sqlx::query_as!(
        Hit,
        r#"with q as (select websearch_to_tsquery('simple', $2) as q),
           hits as (
               select 'paragraph'::text as kind, p.number, c.ref as reference, null::integer as year,
                      null::text as side, p.body as body, ts_rank(p.search, q.q) as rank
               from paragraph p cross join q
               left join commitment c on c.paragraph_id = p.id and c.item_id is null
               where p.partnership_id = $1 and p.search @@ q.q
               union all
               select 'item', p.number, c.ref, null, null, i.body, ts_rank(i.search, q.q)
               from paragraph_item i join paragraph p on p.id = i.paragraph_id cross join q
               left join commitment c on c.item_id = i.id
               where p.partnership_id = $1 and i.search @@ q.q
               union all
               select * from (
                   select distinct on (a.cycle_id, a.commitment_id, a.side)
                          'narrative', p.number, c.ref, rc.year, a.side, a.narrative, ts_rank(a.search, q.q)
                   from assessment a cross join q
                   join commitment c on c.id = a.commitment_id
                   join paragraph p on p.id = c.paragraph_id
                   join review_cycle rc on rc.id = a.cycle_id
                   where c.partnership_id = $1 and a.search @@ q.q
                   order by a.cycle_id, a.commitment_id, a.side, a.version desc) n
               union all
               select * from (
                   select distinct on (a.cycle_id, a.commitment_id, a.side, e.label)
                          'evidence', p.number, c.ref, rc.year, a.side, e.label, ts_rank(e.search, q.q)
                   from assessment_evidence e cross join q
                   join assessment a on a.id = e.assessment_id
                   join commitment c on c.id = a.commitment_id
                   join paragraph p on p.id = c.paragraph_id
                   join review_cycle rc on rc.id = a.cycle_id
                   where c.partnership_id = $1 and e.search @@ q.q
                   order by a.cycle_id, a.commitment_id, a.side, e.label, a.version desc) e
           ),
           best as (select * from hits order by rank desc, number, reference limit $3)
           select b.kind as "kind!", b.number as "paragraph_number!", b.reference as "reference?",
                  b.year as "year?", b.side as "side?: Side",
                  ts_headline('simple',
                              translate(b.body, E'<>\uE000\uE001\uE002\uE003', E'\uE002\uE003'),
                              q.q,
                              E'StartSel=\uE000, StopSel=\uE001, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "')
                      as "snippet!",
                  b.rank as "rank!"
           from best b cross join q
           order by b.rank desc, b.number, b.reference"#,
        partnership_id,
        q,
        limit,
    )
    .fetch_all(db)
    .await
}
