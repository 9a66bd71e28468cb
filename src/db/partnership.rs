//! Partnerships and their text: areas, paragraphs, items, commitments. The text exists in English
//! and, once imported, in French: every text field is a [`Bilingual`] whose French side is `None`
//! until then.

use chrono::NaiveDate;
use sqlx::{PgConnection, PgExecutor};

use crate::domain::lang::{Bilingual, Lang};

/// A partnership's identity and metadata.
#[derive(Debug, Clone)]
pub struct Partnership {
    pub id: i64,
    pub slug: String,
    pub title: Bilingual<String>,
    /// The parties in the order the text names them.
    pub parties: Bilingual<Vec<String>>,
    pub document_number: Option<String>,
    pub document_date: Option<NaiveDate>,
    pub signature_date: Option<NaiveDate>,
    pub place: Option<String>,
    pub marking: Option<String>,
    pub content_hash: String,
    /// The hash of the imported French text, if there is one.
    pub content_hash_fr: Option<String>,
}

impl Partnership {
    /// Whether the text has been imported in `lang` (English always is).
    pub fn has_text_in(&self, lang: Lang) -> bool {
        match lang {
            Lang::En => true,
            Lang::Fr => self.content_hash_fr.is_some(),
        }
    }
}

/// A partnership row as stored.
struct PartnershipRow {
    id: i64,
    slug: String,
    title: String,
    title_fr: Option<String>,
    parties: Vec<String>,
    parties_fr: Option<Vec<String>>,
    document_number: Option<String>,
    document_date: Option<NaiveDate>,
    signature_date: Option<NaiveDate>,
    place: Option<String>,
    marking: Option<String>,
    content_hash: String,
    content_hash_fr: Option<String>,
}

impl From<PartnershipRow> for Partnership {
    fn from(r: PartnershipRow) -> Self {
        Partnership {
            id: r.id,
            slug: r.slug,
            title: Bilingual {
                en: Some(r.title),
                fr: r.title_fr,
            },
            parties: Bilingual {
                en: Some(r.parties),
                fr: r.parties_fr,
            },
            document_number: r.document_number,
            document_date: r.document_date,
            signature_date: r.signature_date,
            place: r.place,
            marking: r.marking,
            content_hash: r.content_hash,
            content_hash_fr: r.content_hash_fr,
        }
    }
}

/// The English text and, when imported, its French version.
fn bilingual(en: String, fr: Option<String>) -> Bilingual<String> {
    Bilingual { en: Some(en), fr }
}

/// One heading of the text, with the number of paragraphs directly under it.
#[derive(Debug, Clone)]
pub struct Area {
    pub id: i64,
    pub position: i32,
    /// The English slug, whatever the reader's language.
    pub slug: String,
    pub title: Bilingual<String>,
    pub parent_id: Option<i64>,
    pub paragraph_count: i64,
}

/// One numbered paragraph.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub id: i64,
    pub number: i16,
    pub area_id: i64,
    pub kind: String,
    pub body: Bilingual<String>,
}

/// One lettered item of a paragraph.
#[derive(Debug, Clone)]
pub struct Item {
    pub paragraph_id: i64,
    pub letter: String,
    pub body: Bilingual<String>,
}

pub async fn count(db: impl PgExecutor<'_>) -> sqlx::Result<i64> {
    let n = sqlx::query_scalar!(r#"select count(*) as "n!" from partnership"#)
        .fetch_one(db)
        .await?;
    Ok(n)
}

pub async fn find_default(db: impl PgExecutor<'_>) -> sqlx::Result<Option<Partnership>> {
    let row = sqlx::query_as!(
        PartnershipRow,
        r#"select id, slug, title, title_fr, parties, parties_fr, document_number,
                document_date as "document_date: NaiveDate",
                signature_date as "signature_date: NaiveDate", place, marking, content_hash,
                content_hash_fr
         from partnership order by is_default desc, id limit 1"#
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(Into::into))
}

pub async fn find_by_slug(
    db: impl PgExecutor<'_>,
    slug: &str,
) -> sqlx::Result<Option<Partnership>> {
    let row = sqlx::query_as!(
        PartnershipRow,
        r#"select id, slug, title, title_fr, parties, parties_fr, document_number,
                document_date as "document_date: NaiveDate",
                signature_date as "signature_date: NaiveDate", place, marking, content_hash,
                content_hash_fr
         from partnership where slug = $1"#,
        slug
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(Into::into))
}

pub async fn areas(db: impl PgExecutor<'_>, partnership_id: i64) -> sqlx::Result<Vec<Area>> {
    let rows = sqlx::query!(
        r#"select a.id, a.position, a.slug, a.title, a.title_fr, a.parent_id,
                  (select count(*) from paragraph p where p.area_id = a.id) as "paragraph_count!"
           from area a where a.partnership_id = $1 order by a.position"#,
        partnership_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Area {
            id: r.id,
            position: r.position,
            slug: r.slug,
            title: bilingual(r.title, r.title_fr),
            parent_id: r.parent_id,
            paragraph_count: r.paragraph_count,
        })
        .collect())
}

pub async fn paragraphs(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
) -> sqlx::Result<Vec<Paragraph>> {
    let rows = sqlx::query!(
        "select id, number, area_id, kind, body, body_fr from paragraph
         where partnership_id = $1 order by number",
        partnership_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Paragraph {
            id: r.id,
            number: r.number,
            area_id: r.area_id,
            kind: r.kind,
            body: bilingual(r.body, r.body_fr),
        })
        .collect())
}

pub async fn items(db: impl PgExecutor<'_>, partnership_id: i64) -> sqlx::Result<Vec<Item>> {
    let rows = sqlx::query!(
        "select i.paragraph_id, i.letter, i.body, i.body_fr from paragraph_item i
         join paragraph p on p.id = i.paragraph_id
         where p.partnership_id = $1 order by p.number, i.letter",
        partnership_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Item {
            paragraph_id: r.paragraph_id,
            letter: r.letter,
            body: bilingual(r.body, r.body_fr),
        })
        .collect())
}

/// The references of a partnership's commitments, in text order.
pub async fn commitment_refs(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        "select ref from commitment where partnership_id = $1 order by position",
        partnership_id
    )
    .fetch_all(db)
    .await
}

/// Serialises imports: two at once would race on the same natural keys.
pub async fn lock_for_import(conn: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::query!("select pg_advisory_xact_lock(hashtext('sdp-tracker:import'))")
        .execute(conn)
        .await?;
    Ok(())
}

/// Fields of a partnership as the importer writes them.
#[derive(Debug)]
pub struct PartnershipFields<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub parties: &'a [String],
    pub document_number: Option<&'a str>,
    pub document_date: Option<NaiveDate>,
    pub signature_date: Option<NaiveDate>,
    pub place: Option<&'a str>,
    pub marking: Option<&'a str>,
    pub content_hash: &'a str,
}

pub async fn insert_partnership(
    db: impl PgExecutor<'_>,
    p: &PartnershipFields<'_>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into partnership (slug, title, parties, document_number, document_date,
                                  signature_date, place, marking, content_hash, is_default)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, not exists (select 1 from partnership))
         returning id",
        p.slug,
        p.title,
        p.parties,
        p.document_number,
        // sqlx's macros map `date` to the `time` crate when both are enabled; bind chrono's.
        p.document_date as _,
        p.signature_date as _,
        p.place,
        p.marking,
        p.content_hash,
    )
    .fetch_one(db)
    .await
}

pub async fn update_partnership(
    db: impl PgExecutor<'_>,
    id: i64,
    p: &PartnershipFields<'_>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update partnership set title = $2, parties = $3, document_number = $4, document_date = $5,
                signature_date = coalesce($6, signature_date), place = $7, marking = $8,
                content_hash = $9, updated_at = now()
         where id = $1",
        id,
        p.title,
        p.parties,
        p.document_number,
        // sqlx's macros map `date` to the `time` crate when both are enabled; bind chrono's.
        p.document_date as _,
        p.signature_date as _,
        p.place,
        p.marking,
        p.content_hash,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Inserts the area at `position` or updates it when it differs; returns its id.
pub async fn upsert_area(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    position: i32,
    slug: &str,
    title: &str,
    parent_id: Option<i64>,
) -> sqlx::Result<i64> {
    // The `where` keeps an unchanged row untouched; the CTE then finds the id of the existing row.
    sqlx::query_scalar!(
        r#"with up as (
               insert into area (partnership_id, position, slug, title, parent_id)
               values ($1, $2, $3, $4, $5)
               on conflict (partnership_id, position) do update
                   set slug = excluded.slug, title = excluded.title, parent_id = excluded.parent_id
                   where (area.slug, area.title, area.parent_id)
                         is distinct from (excluded.slug, excluded.title, excluded.parent_id)
               returning id)
           select id as "id!" from up
           union all
           select id from area where partnership_id = $1 and position = $2
           limit 1"#,
        partnership_id,
        position,
        slug,
        title,
        parent_id,
    )
    .fetch_one(db)
    .await
}

/// Inserts paragraph `number` or updates its text and area when they differ; returns its id.
/// An existing paragraph keeps its kind: an admin may have changed it.
pub async fn upsert_paragraph(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    number: i16,
    area_id: i64,
    kind: &str,
    body: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"with up as (
               insert into paragraph (partnership_id, number, area_id, kind, body)
               values ($1, $2, $3, $4, $5)
               on conflict (partnership_id, number) do update
                   set area_id = excluded.area_id, body = excluded.body
                   where (paragraph.area_id, paragraph.body)
                         is distinct from (excluded.area_id, excluded.body)
               returning id)
           select id as "id!" from up
           union all
           select id from paragraph where partnership_id = $1 and number = $2
           limit 1"#,
        partnership_id,
        number,
        area_id,
        kind,
        body,
    )
    .fetch_one(db)
    .await
}

pub async fn upsert_item(
    db: impl PgExecutor<'_>,
    paragraph_id: i64,
    letter: &str,
    body: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"with up as (
               insert into paragraph_item (paragraph_id, letter, body)
               values ($1, $2, $3)
               on conflict (paragraph_id, letter) do update set body = excluded.body
                   where paragraph_item.body is distinct from excluded.body
               returning id)
           select id as "id!" from up
           union all
           select id from paragraph_item where paragraph_id = $1 and letter = $2
           limit 1"#,
        paragraph_id,
        letter,
        body,
    )
    .fetch_one(db)
    .await
}

pub async fn upsert_commitment(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    paragraph_id: i64,
    item_id: Option<i64>,
    reference: &str,
    position: i32,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into commitment (partnership_id, paragraph_id, item_id, ref, position)
         values ($1, $2, $3, $4, $5)
         on conflict (partnership_id, ref) do update
             set paragraph_id = excluded.paragraph_id, item_id = excluded.item_id,
                 position = excluded.position
             where (commitment.paragraph_id, commitment.item_id, commitment.position)
                   is distinct from (excluded.paragraph_id, excluded.item_id, excluded.position)",
        partnership_id,
        paragraph_id,
        item_id,
        reference,
        position,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Tells every instance that the published text changed (they drop their rendered pages); sent
/// inside the import's transaction, so it is delivered only if the import commits.
pub async fn notify_text_changed(db: impl PgExecutor<'_>) -> sqlx::Result<()> {
    sqlx::query!("select pg_notify('sdp_public_changed', 'text')")
        .execute(db)
        .await?;
    Ok(())
}
