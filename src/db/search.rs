//! Full-text search over the partnership text (paragraphs and items, in English and French), the
//! narratives of every revision of every cycle, and evidence labels. PostgreSQL text search with
//! the configurations of the French-text migration: `sdp_english` and `sdp_french` (stemmed,
//! accents ignored) over each language's text, both over narratives, `sdp_simple` (exact words,
//! accents ignored) everywhere, and 'simple' over evidence labels.

use sqlx::PgExecutor;

use crate::domain::{account::Side, lang::Lang};

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
    /// For the text: the language of the version that matched (`en` or `fr`).
    pub lang: Option<String>,
    /// Plain text with [`MARK_START`]/[`MARK_END`] around matches and [`LT`]/[`GT`] for `<`/`>`:
    /// escape it before turning the markers into HTML.
    pub snippet: String,
    pub rank: f32,
    /// The whole text the snippet was cut from, to tell whether the snippet starts or ends it.
    pub body: String,
}

/// The best `limit` matches of the web-search style query `q` in a partnership, best first;
/// with `area` (a slug), only those of that area and the areas nested under it.
///
/// Every query goes through `sdp_search_query` (migration 20261201000500), which widens it with
/// the spelling variants and compounds of the `search_alias` table ("cybersecurity" also finds
/// "cyber security"), in each configuration.
///
/// The text is searched in each language it exists in with that language's configuration
/// (stemmed, accents ignored) plus exact words; a paragraph or item counts once, in the reader's
/// language `reader` when that version matches. Narratives, written in either language, are
/// searched with both. Several revisions of one side's narrative in a cycle count once (the
/// latest that matches).
pub async fn search(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    q: &str,
    limit: i64,
    reader: Lang,
    area: Option<&str>,
) -> sqlx::Result<Vec<Hit>> {
    sqlx::query_as!(
        Hit,
        r#"-- each configuration's query once (the rewrite rules cost a query of their own each)
           with base as (
               select sdp_search_query('sdp_english', $2) as e,
                      sdp_search_query('sdp_french', $2) as f,
                      sdp_search_query('sdp_simple', $2) as s
           ),
           q as (
               select e || s as en, f || s as fr, e || f || s as any, s as exact, e, f,
                      websearch_to_tsquery('simple', $2) as plain
               from base
           ),
           texts as (
               select 'paragraph'::text as kind, p.number, c.ref as reference, 'en'::text as lang,
                      p.body as body, ts_rank(p.search_en, q.en) as rank
               from paragraph p cross join q
               left join commitment c on c.paragraph_id = p.id and c.item_id is null
               where p.partnership_id = $1 and p.search_en @@ q.en
               union all
               select 'paragraph', p.number, c.ref, 'fr', p.body_fr, ts_rank(p.search_fr, q.fr)
               from paragraph p cross join q
               left join commitment c on c.paragraph_id = p.id and c.item_id is null
               where p.partnership_id = $1 and p.body_fr is not null and p.search_fr @@ q.fr
               union all
               select 'item', p.number, c.ref, 'en', i.body, ts_rank(i.search_en, q.en)
               from paragraph_item i join paragraph p on p.id = i.paragraph_id cross join q
               left join commitment c on c.item_id = i.id
               where p.partnership_id = $1 and i.search_en @@ q.en
               union all
               select 'item', p.number, c.ref, 'fr', i.body_fr, ts_rank(i.search_fr, q.fr)
               from paragraph_item i join paragraph p on p.id = i.paragraph_id cross join q
               left join commitment c on c.item_id = i.id
               where p.partnership_id = $1 and i.body_fr is not null and i.search_fr @@ q.fr
           ),
           hits as (
               -- one hit per paragraph or item: the reader's language when it matches
               select * from (
                   select distinct on (t.kind, t.number, t.reference)
                          t.kind, t.number, t.reference, null::integer as year, null::text as side,
                          t.lang, t.body, t.rank
                   from texts t
                   order by t.kind, t.number, t.reference, (t.lang = $4) desc, t.rank desc) tt
               union all
               select * from (
                   select distinct on (a.cycle_id, a.commitment_id, a.side)
                          'narrative', p.number, c.ref, rc.year, a.side, null, a.narrative,
                          ts_rank(a.search, q.any)
                   from assessment a cross join q
                   join commitment c on c.id = a.commitment_id
                   join paragraph p on p.id = c.paragraph_id
                   join review_cycle rc on rc.id = a.cycle_id
                   where c.partnership_id = $1 and a.search @@ q.any
                   order by a.cycle_id, a.commitment_id, a.side, a.version desc) n
               union all
               select * from (
                   select distinct on (a.cycle_id, a.commitment_id, a.side, e.label)
                          'evidence', p.number, c.ref, rc.year, a.side, null, e.label,
                          ts_rank(e.search, q.plain)
                   from assessment_evidence e cross join q
                   join assessment a on a.id = e.assessment_id
                   join commitment c on c.id = a.commitment_id
                   join paragraph p on p.id = c.paragraph_id
                   join review_cycle rc on rc.id = a.cycle_id
                   where c.partnership_id = $1 and e.search @@ q.plain
                   order by a.cycle_id, a.commitment_id, a.side, e.label, a.version desc) e
           ),
           -- the area filter: an area's own paragraphs and those of the areas nested under it
           in_area as (
               select p.number
               from paragraph p
               join area a on a.id = p.area_id
               left join area parent on parent.id = a.parent_id
               where p.partnership_id = $1 and (a.slug = $5 or parent.slug = $5)
           ),
           best as (
               select * from hits
               where $5::text is null or number in (select number from in_area)
               order by rank desc, number, reference limit $3)
           select b.kind as "kind!", b.number as "paragraph_number!", b.reference as "reference?",
                  b.year as "year?", b.side as "side?: Side", b.lang as "lang?",
                  ts_headline(h.cfg,
                              translate(b.body, E'<>\uE000\uE001\uE002\uE003', E'\uE002\uE003'),
                              case h.cfg when 'sdp_simple'::regconfig then q.exact
                                         when 'sdp_french'::regconfig then q.f
                                         else q.e end,
                              -- a short text whole (fragments would drop its last words),
                              -- a long one as up to two fragments around the matches
                              case when cardinality(regexp_split_to_array(btrim(b.body), '\s+')) <= 35
                                   then E'StartSel=\uE000, StopSel=\uE001, HighlightAll=true'
                                   else E'StartSel=\uE000, StopSel=\uE001, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'
                              end)
                      as "snippet!",
                  b.rank as "rank!",
                  b.body as "body!"
           from best b cross join q
           -- highlight exact words when they match (so "of" in "Gulf of Guinea" is marked),
           -- else the stemmed words of the language that matched
           cross join lateral (
               select case
                   when to_tsvector('sdp_simple', b.body) @@ q.exact then 'sdp_simple'::regconfig
                   when b.lang = 'fr' then 'sdp_french'::regconfig
                   when b.lang = 'en' then 'sdp_english'::regconfig
                   when to_tsvector('sdp_english', b.body) @@ q.e
                       then 'sdp_english'::regconfig
                   else 'sdp_french'::regconfig
               end as cfg) h
           order by b.rank desc, b.number, b.reference"#,
        partnership_id,
        q,
        limit,
        reader.code(),
        area,
    )
    .fetch_all(db)
    .await
}

/// Where a reference typed into the search box leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefTarget {
    /// A tracked commitment, by its written reference.
    Commitment(String),
    /// A paragraph or item of the text that is not tracked as such: a context paragraph, or the
    /// lead-in of a paragraph tracked through its items.
    Text,
    /// The partnership has no such paragraph or item; the highest paragraph number it has.
    Missing { last: i16 },
}

/// Looks up `paragraph` (and `letter`) in a partnership's text.
pub async fn reference(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    paragraph: i16,
    letter: Option<&str>,
) -> sqlx::Result<RefTarget> {
    let row = sqlx::query!(
        r#"select
               (select c.ref from commitment c
                  join paragraph p on p.id = c.paragraph_id
                  left join paragraph_item i on i.id = c.item_id
                where c.partnership_id = $1 and p.number = $2
                  and i.letter is not distinct from $3) as "commitment?",
               exists (select 1 from paragraph p
                         left join paragraph_item i on i.paragraph_id = p.id and i.letter = $3
                       where p.partnership_id = $1 and p.number = $2
                         and ($3::text is null or i.id is not null)) as "text!",
               (select coalesce(max(number), 0::smallint) from paragraph
                where partnership_id = $1) as "last!""#,
        partnership_id,
        paragraph,
        letter,
    )
    .fetch_one(db)
    .await?;
    Ok(match (row.commitment, row.text) {
        (Some(reference), _) => RefTarget::Commitment(reference),
        (None, true) => RefTarget::Text,
        (None, false) => RefTarget::Missing { last: row.last },
    })
}

impl Hit {
    /// The language of the matched text, for a paragraph or item; none for a narrative or
    /// evidence label (written in either language).
    pub fn text_lang(&self) -> Option<Lang> {
        self.lang.as_deref().and_then(Lang::parse)
    }
}
